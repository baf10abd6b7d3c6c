"""Choosing the data a command reads, defined once for every command.

Commands that read a release or a dataset (``validate``, ``stats``, ``verify``, ``export``,
``serve``) choose it one way: the path given (``--dataset PATH``, or ``[PATH]`` for ``validate``
and ``stats``), else ./dataset in a checkout, else the bundled release (``target``). Commands that
work in a dataset directory (``release``, ``diff``, ``extract``, ``build``) take it with
``dataset_dir_option`` or ``dataset_dir_argument``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from claims.cli import F
from claims.records import Release

DEFAULT_DATASET = Path("dataset")
"""The dataset directory of a checkout, relative to the current folder."""

DATA_PATH = click.Path(path_type=Path)

dataset_option = click.option(
    "--dataset",
    "dataset",
    type=DATA_PATH,
    default=None,
    help="A dataset directory or release file (default: ./dataset if present, else the bundled release).",
)
"""``--dataset PATH``: the data of ``verify``, ``export`` and ``serve``; resolve it with ``target``."""

path_argument = click.argument("path", type=DATA_PATH, required=False)
"""``[PATH]``: the same choice as ``--dataset``, given positionally (``validate``, ``stats``)."""


def dataset_dir_option(help_text: str, *, default: Path | None = DEFAULT_DATASET) -> Callable[[F], F]:
    """``--dataset DIR``: the dataset directory a command works in (``release``, ``diff``, ``extract``)."""
    return click.option(
        "--dataset",
        "dataset",
        type=DATA_PATH,
        default=default,
        show_default=default is not None,
        help=help_text,
    )


dataset_dir_argument = click.argument("dataset", type=DATA_PATH, default=DEFAULT_DATASET)
"""``[DATASET]``: the dataset directory ``build`` assembles (default ./dataset)."""


def target(path: Path | None) -> Path | None:
    """The data a command reads: ``path`` if given, else ./dataset in a checkout, else ``None`` (bundled)."""
    from claims.loading import default_target

    return path if path is not None else default_target()


def load_release(dataset: Path | None) -> Release:
    """The release a ``--dataset`` command works on, read as strictly as ``claims.load``.

    A record that cannot be read, a source whose text does not match its sha256, or a claim whose
    quote, prefix or suffix is not its source's text refuses the data (exit 2 through
    ``handle_errors``) with one message naming the first problem: ``verify`` and ``export`` never
    answer from a release with records silently missing.
    """
    from claims.errors import InputError
    from claims.loading import load

    chosen = target(dataset)
    try:
        return load(chosen)
    except InputError as exc:
        if chosen is not None:
            raise
        raise InputError(f"{exc}; or run in a folder holding ./dataset, or pass --dataset PATH") from exc

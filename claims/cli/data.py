"""Choosing the data a command reads: --dataset PATH, else ./dataset, else the bundled release."""

from __future__ import annotations

from pathlib import Path

import click

from claims.records import Release

dataset_option = click.option(
    "--dataset",
    "dataset",
    type=click.Path(path_type=Path),
    default=None,
    help="A dataset directory or release file (default: ./dataset if present, else the bundled release).",
)


def load_release(dataset: Path | None) -> Release:
    """The release a command works on, read as strictly as ``claims.load``.

    A record that cannot be read, a source whose text does not match its sha256, or a claim whose
    quote, prefix or suffix is not its source's text refuses the data (exit 2 through
    ``handle_errors``) with one message naming the first problem: ``verify`` and ``export`` never
    answer from a release with records silently missing.
    """
    from claims.errors import InputError
    from claims.loading import default_target, load

    target = dataset if dataset is not None else default_target()
    try:
        return load(target)
    except InputError as exc:
        if target is not None:
            raise
        raise InputError(f"{exc}; or run in a folder holding ./dataset, or pass --dataset PATH") from exc

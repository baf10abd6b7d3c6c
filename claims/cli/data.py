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
    """The release a command works on; records that cannot be read are skipped with one warning."""
    from claims.errors import InputError
    from claims.loading import default_target, read_any, verify_source_hashes

    if dataset is None:
        dataset = default_target()
    try:
        loaded = read_any(dataset)
    except InputError as exc:
        if dataset is not None:
            raise
        raise InputError(f"{exc}; or run in a folder holding ./dataset, or pass --dataset PATH") from exc
    if loaded.problems:
        click.echo(
            f"claims: warning: {len(loaded.problems)} records of {dataset or 'the bundled release'} could not be "
            f"read and are left out (first: {loaded.problems[0].message}); run `claims validate`",
            err=True,
        )
    verify_source_hashes(loaded.release)
    return loaded.release

"""``claims build``: assemble the dataset directory into release JSON without cutting a release."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import EXIT_PROBLEMS, fail, handle_errors
from claims.cli.data import dataset_dir_argument
from claims.cli.options import force_option, output_option
from claims.problem import plural


@click.command("build")
@dataset_dir_argument
@output_option("File to write.", required=True)
@force_option("Replace the output file if it exists.")
@handle_errors
def command(dataset: Path, output: Path, force: bool) -> None:
    """Write DATASET (default ./dataset) as one deterministic release JSON file."""
    from claims.canonical import release_bytes
    from claims.cli.output import check_output
    from claims.jsonio import atomic_write
    from claims.reading import read_dataset

    check_output(output, force=force)
    loaded = read_dataset(dataset)
    if loaded.problems:
        for problem in loaded.problems:
            click.echo(f"{problem.code}: {problem.message}", err=True)
        fail(f"{dataset}: {plural(len(loaded.problems), 'record')} could not be read", EXIT_PROBLEMS)
    atomic_write(output, release_bytes(loaded.release), overwrite=force)
    click.echo(f"wrote {output}")

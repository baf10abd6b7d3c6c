"""``claims build``: assemble the dataset directory into release JSON without cutting a release."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import EXIT_PROBLEMS, fail, handle_errors
from claims.problem import plural


@click.command("build")
@click.argument("dataset", type=click.Path(path_type=Path), default=Path("dataset"))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
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

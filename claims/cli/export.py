"""``claims export``: ClaimReview or Web Annotation JSON-LD, to a file (atomically) or stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims.cli import handle_errors
from claims.cli.data import dataset_option, load_release


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["claimreview", "annotation"]),
    required=True,
    help="claimreview: schema.org ClaimReview for reviewed claims; annotation: W3C Web Annotation for every claim.",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (default: stdout).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@dataset_option
@handle_errors
def command(export_format: str, output: Path | None, force: bool, dataset: Path | None) -> None:
    """Export the claims as JSON-LD (a JSON array of documents), deterministic for a given release."""
    from claims.cli.output import check_output
    from claims.export import export_bytes
    from claims.jsonio import atomic_write

    if output is not None:
        check_output(output, force=force)
    data = export_bytes(load_release(dataset), export_format)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    atomic_write(output, data, overwrite=force)
    click.echo(f"wrote {output}", err=True)

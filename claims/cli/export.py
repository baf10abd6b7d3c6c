"""``claims export``: JSON-LD (ClaimReview, Web Annotation) to a file or stdout, or tables to a folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims.cli import fail, handle_errors
from claims.cli.data import dataset_option, load_release
from claims.cli.options import force_option, output_option

JSON_LD_FORMATS = ("claimreview", "annotation")
TABLE_FORMATS = ("parquet", "jsonl")


@click.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice([*JSON_LD_FORMATS, *TABLE_FORMATS]),
    required=True,
    help=(
        "claimreview: schema.org ClaimReview for reviewed claims; annotation: W3C Web Annotation "
        "for every claim; parquet, jsonl: one table per record kind, written to the folder -o DIR."
    ),
)
@output_option("File to write (default: stdout); for parquet and jsonl, the folder to create (required).")
@force_option("Replace the output file, or the tables in an existing folder.")
@dataset_option
@handle_errors
def command(export_format: str, output: Path | None, force: bool, dataset: Path | None) -> None:
    """Export the claims as JSON-LD (a JSON array of documents), or the records as tables.

    Deterministic for a given release. ``--format parquet|jsonl -o DIR`` writes claims, people,
    sources, segments, events and subjects as DIR/<table>.parquet (or .jsonl); Parquet needs
    pyarrow (pip install 'claimtrack[tables]').
    """
    from claims.cli.output import check_output
    from claims.jsonio import atomic_write

    if export_format in TABLE_FORMATS:
        _export_tables(export_format, output, force, dataset)
        return
    from claims.export import export_bytes

    if output is not None:
        check_output(output, force=force)
    data = export_bytes(load_release(dataset), export_format)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    atomic_write(output, data, overwrite=force)
    click.echo(f"wrote {output}", err=True)


def _export_tables(table_format: str, output: Path | None, force: bool, dataset: Path | None) -> None:
    """Write the six tables to the folder ``output``: created whole, or (``--force``) file by file."""
    from claims.canonical import canonical_release
    from claims.jsonio import atomic_write
    from claims.tables.files import table_files, write_folder

    if output is None:
        fail(f"--format {table_format} writes a folder of tables: give it with -o DIR")
    if output.exists() and not output.is_dir():
        fail(f"{output}: exists and is not a folder")
    if output.exists() and not force:
        fail(f"{output}: already exists; refusing to overwrite it (--force replaces its tables)")
    files = table_files(canonical_release(load_release(dataset)), table_format)
    if output.exists():
        for name, data in files.items():
            atomic_write(output / name, data, overwrite=True)
    else:
        write_folder(output, files)
    click.echo(f"wrote {len(files)} {table_format} tables to {output}", err=True)

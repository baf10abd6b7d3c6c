"""``claims schema``: regenerate, or check, the committed JSON Schema files."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import EXIT_PROBLEMS, fail, handle_errors


@click.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schema"), show_default=True)
@click.option("--check", is_flag=True, help="Only report whether the files are up to date.")
@handle_errors
def command(out: Path, check: bool) -> None:
    """Write schema/<record>.schema.json from the models (or --check that they are current)."""
    from claims.jsonio import atomic_write
    from claims.schema import schema_files

    stale = []
    for name, data in schema_files().items():
        path = out / name
        current = path.read_bytes() if path.is_file() else None
        if current == data:
            continue
        stale.append(name)
        if not check:
            atomic_write(path, data)
    if check and stale:
        fail(f"stale schema files in {out}: {', '.join(stale)}; run `claims schema`", EXIT_PROBLEMS)
    total = len(schema_files())
    if check:
        click.echo(f"up to date: all {total} schema files")
    else:
        click.echo(f"wrote {len(stale)} of {total} schema files ({total - len(stale)} already up to date)")

"""``claims stats``: what the dataset holds, counted."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import handle_errors
from claims.cli.options import format_option


@click.command("stats")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@format_option
@handle_errors
def command(path: Path | None, output_format: str) -> None:
    """Count claims by speaker, source, subject and attribution kind.

    PATH is a dataset directory or a release file; by default ./dataset in a checkout,
    else the release bundled with the package.
    """
    import orjson
    from rich.console import Console
    from rich.table import Table

    from claims.loading import default_target, load
    from claims.stats import compute_stats

    stats = compute_stats(load(path if path is not None else default_target()))
    if output_format == "json":
        click.echo(orjson.dumps(stats.model_dump(mode="json"), option=orjson.OPT_INDENT_2).decode())
        return
    console = Console()
    totals = ", ".join(f"{count} {name}" for name, count in stats.records.items())
    console.print(f"claimtrack {stats.version}: {totals}")
    sections = {
        "speaker": stats.by_speaker,
        "source": stats.by_source,
        "subject": stats.by_subject,
        "attribution": stats.by_attribution,
        "assertion kind": stats.by_assertion,
        "review rating": stats.reviewed,
    }
    for title, counts in sections.items():
        table = Table(title=f"claims by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("claims", justify="right")
        for name, count in counts.items():
            table.add_row(name, str(count))
        console.print(table)

"""``claims stats``: what the dataset holds, counted."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import handle_errors
from claims.cli.data import path_argument, target
from claims.cli.options import format_option
from claims.cli.output import print_json


@click.command("stats")
@path_argument
@format_option
@handle_errors
def command(path: Path | None, output_format: str) -> None:
    """Count claims by speaker, source, subject and attribution kind.

    PATH is a dataset directory or a release file; by default ./dataset in a checkout,
    else the release bundled with the package.
    """
    from rich.console import Console
    from rich.table import Table

    from claims.loading import load
    from claims.stats import compute_stats

    stats = compute_stats(load(target(path)))
    if output_format == "json":
        print_json(stats, sort_keys=False)
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

"""``claims validate``: run every check on the dataset or a release and print the report."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claims.cli import EXIT_OK, EXIT_PROBLEMS, handle_errors
from claims.cli.data import path_argument, target
from claims.cli.options import format_option
from claims.cli.output import print_json
from claims.problem import plural

if TYPE_CHECKING:
    from claims.validation import Report

STYLES = {"error": "bold red", "warning": "yellow", "finding": "cyan"}
NO_FILE = "(dataset)"


def report_lines(report: Report) -> list[tuple[str, str, str]]:
    """The report as (file, kind, line) rows, grouped by file in the order files first appear."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for problem in [*report.errors, *report.warnings]:
        place = f" [{problem.start}:{problem.end}]" if problem.start is not None else ""
        ids = f" ({', '.join(problem.ids)})" if problem.ids else ""
        groups[problem.file or NO_FILE].append(
            (problem.severity, f"{problem.severity:<8}{problem.code}{place}: {problem.message}{ids}")
        )
    for finding in report.findings:
        groups[finding.file or NO_FILE].append(
            (
                "finding",
                f"{'finding':<8}{finding.code} [{finding.rating}] {finding.claim_id}: {finding.conflict}",
            )
        )
    return [(file, kind, line) for file in sorted(groups) for kind, line in groups[file]]


def summary(report: Report) -> str:
    """One line: counts and the verdict."""
    verdict = "valid" if report.valid else "invalid"
    return (
        f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}, "
        f"{plural(len(report.findings), 'finding')}: {verdict}"
    )


def print_text(report: Report) -> None:
    """Print grouped by file, coloured with rich when stdout is a terminal, plain otherwise."""
    rows = report_lines(report)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False, force_terminal=True)
        current = None
        for file, kind, line in rows:
            if file != current:
                console.print(f"[bold]{escape(file)}[/bold]")
                current = file
            console.print(f"  [{STYLES[kind]}]{escape(line)}[/]", soft_wrap=True)
        console.print(f"[{'green' if report.valid else 'bold red'}]{escape(summary(report))}[/]")
        return
    current = None
    for file, _, line in rows:
        if file != current:
            click.echo(file)
            current = file
        click.echo(f"  {line}")
    click.echo(summary(report))


@click.command("validate")
@path_argument
@format_option
@click.option("--select", multiple=True, metavar="CODE,...", help="Report only these codes (or families).")
@click.option("--ignore", multiple=True, metavar="CODE,...", help="Leave out these codes (or families).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Processes that check a release file, one share of its sources each (default: one per "
    "core on Linux, each with at least 4 MiB of the release; with --scheduler, shares: one per "
    "worker). The report is the same for any N.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT|local",
    help="Check a release file's shares on this Dask cluster (local: a LocalCluster of --jobs "
    "processes); the workers must see PATH at the same path. Needs claimtrack[dask].",
)
@handle_errors
def command(
    path: Path | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    jobs: int | None,
    scheduler: str | None,
) -> None:
    """Check PATH (a dataset directory or a release file; default ./dataset, else the bundled release).

    Exit 0 when valid (warnings and reviewed findings allowed), 1 when errors were found,
    2 when the input cannot be used.
    """
    from claims.validation import validate

    report = validate(
        target(path), select=select or None, ignore=ignore or None, jobs=jobs, scheduler=scheduler
    )
    if output_format == "json":
        print_json(report)
    else:
        print_text(report)
    sys.exit(EXIT_OK if report.valid else EXIT_PROBLEMS)

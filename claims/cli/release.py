"""``claims release VERSION``: cut an immutable, deterministic release of the dataset."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import EXIT_PROBLEMS, fail, handle_errors
from claims.cli.data import dataset_dir_option
from claims.cli.options import format_option
from claims.cli.output import print_json


@click.command("release")
@click.argument("version")
@dataset_dir_option("The dataset directory; the release goes to its releases/ folder.")
@click.option(
    "--changelog",
    type=click.Path(path_type=Path),
    default=Path("CHANGELOG.md"),
    show_default=True,
    help="Its newest released heading must name VERSION.",
)
@format_option
@handle_errors
def command(version: str, dataset: Path, changelog: Path, output_format: str) -> None:
    """Write DATASET/releases/claimtrack-VERSION.json and add it to SHA256SUMS.

    Refuses (exit 1) unless the dataset validates, VERSION, claims.__version__ and the
    CHANGELOG's newest heading agree, VERSION is new and newer than every release, and no
    claim id lost or changed its meaning since the previous release.
    """
    from claims.problem import plural
    from claims.releasing import cut_release

    outcome = cut_release(version, dataset=dataset, changelog=changelog)
    if output_format == "json":
        print_json(outcome)
        if not outcome.written:
            raise SystemExit(EXIT_PROBLEMS)
        return
    if outcome.diff is not None and (outcome.written or outcome.diff.text_lines()[1:] != ["no changes"]):
        for line in outcome.diff.text_lines():
            click.echo(line)
    if not outcome.written:
        for problem in outcome.problems:
            click.echo(f"{problem.code}: {problem.message}", err=True)
        fail(f"release {version} refused: {plural(len(outcome.problems), 'problem')}", EXIT_PROBLEMS)
    click.echo(f"wrote {outcome.path} (sha256 {outcome.sha256}) and updated SHA256SUMS")

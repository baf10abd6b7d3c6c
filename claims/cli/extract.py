"""``claims extract``: propose the segments (who says what) of a source file, for curation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from claims.cli import handle_errors
from claims.cli.data import DEFAULT_DATASET, dataset_dir_option
from claims.cli.options import force_option, format_option
from claims.cli.output import print_json

if TYPE_CHECKING:
    from claims.extract.propose import Proposal


@click.command("extract")
@click.argument("source_file", type=click.Path(path_type=Path))
@format_option
@click.option(
    "--kind",
    type=click.Choice(
        [
            "transcript",
            "news",
            "readout",
            "statement",
            "remarks",
            "press-briefing",
            "background-call",
            "gaggle",
        ]
    ),
    default=None,
    help=(
        "How to read the text: transcript or news, or a source kind [default: the kind DATASET/sources.json "
        "lists, else detected from labels]."
    ),
)
@click.option("--write", is_flag=True, help="Save the segments to DATASET/segments/<stem>.json.")
@force_option("With --write, replace an existing segments file.")
@dataset_dir_option(
    "Dataset directory whose people.json names the speakers [default: ./dataset if present].", default=None
)
@handle_errors
def command(
    source_file: Path, output_format: str, kind: str | None, write: bool, force: bool, dataset: Path | None
) -> None:
    """Propose segments for SOURCE_FILE (any UTF-8 text) and the new people they name."""
    from claims.extract.files import Listing, extract_file, listed_source, read_people, write_proposal

    root = dataset if dataset is not None else DEFAULT_DATASET
    use_registry = dataset is not None or (root / "people.json").is_file()
    people = read_people(root) if use_registry else []
    listing = listed_source(root, source_file.name) if use_registry else Listing()
    proposal = extract_file(source_file, people, kind, listing)
    target = write_proposal(proposal, root, force=force) if write else None
    if output_format == "json":
        print_json(proposal, exclude_none=True)
    else:
        _print_text(proposal)
    if target is not None:
        click.echo(f"wrote {target}", err=output_format == "json")


def _print_text(proposal: Proposal) -> None:
    """One line per segment (id, turn, kind, span, speaker, label, interpreter flag), then new people."""
    click.echo(f"{proposal.source_file}: read as {proposal.kind}, {len(proposal.segments)} segments")
    for seg in proposal.segments:
        speaker = seg.speaker_id or "-"
        if seg.reported_by:
            speaker += f" (reported by {seg.reported_by})"
        flag = "  [via interpreter]" if seg.via_interpreter else ""
        label = f"  {seg.label!r}" if seg.label else ""
        click.echo(
            f"{seg.id}  turn {seg.turn:<3} {seg.kind:<11} {seg.span.start:>7}-{seg.span.end:<7} {speaker}{label}{flag}"
        )
    if proposal.new_people:
        click.echo(f"proposed new people ({len(proposal.new_people)}), to add to people.json:")
        for person in proposal.new_people:
            scope = f"  (anonymous, scoped to {person.scope})" if person.anonymous else ""
            click.echo(f"  {person.id}: {person.name}{scope}")

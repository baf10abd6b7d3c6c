"""``claims verify``: did X really say Y on date Z? A verdict with the evidence, for a person or a program."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claims.cli import EXIT_OK, EXIT_PROBLEMS, fail, handle_errors
from claims.cli.data import dataset_option, load_release
from claims.cli.options import format_option
from claims.verification.result import VerifyResult

if TYPE_CHECKING:
    from claims.verification.index import CorpusIndex


@click.command("verify")
@click.argument("quote", required=False)
@click.option("--speaker", help="Who is said to have said it: a name, alias or title ('Secretary Carter').")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="When it is said to have been said.")
@click.option("--source", help="Only this source: its file name, stem or 3-digit number.")
@click.option("--batch", type=click.Path(path_type=Path), help="Questions from a JSON Lines or CSV file.")
@click.option(
    "--strict",
    is_flag=True,
    help="With --batch: refuse the whole file (exit 2) at its first unusable row, answering none.",
)
@format_option
@dataset_option
@handle_errors
def command(
    quote: str | None,
    speaker: str | None,
    day: str | None,
    source: str | None,
    batch: Path | None,
    strict: bool,
    output_format: str,
    dataset: Path | None,
) -> None:
    """Verify QUOTE (or every question of --batch FILE) against the sources.

    Exit 0 when verified (a batch: every quote), 1 for any other verdict (a batch: or an
    unusable row, answered with an error), 2 for unusable input (a batch: a file that cannot be
    read, or with --strict any unusable row).
    """
    from claims.verification.api import Verifier, parse_day

    if batch is not None and (quote or speaker or day or source):
        fail("give either QUOTE (with --speaker/--date/--source) or --batch FILE, not both")
    if batch is None and not quote:
        fail("give a QUOTE to verify, or --batch FILE")
    parse_day(day)
    if batch is not None:
        from claims.verification.batch import read_batch

        questions = read_batch(batch, strict=strict)
        verifier = Verifier(load_release(dataset))
        places = [where for where, _ in questions]
        results = verifier.verify_batch([q for _, q in questions], places=places, strict=strict)
    else:
        assert quote is not None
        verifier = Verifier(load_release(dataset))
        results = [verifier.verify(quote, speaker=speaker, date=day, source=source)]
    if output_format == "json":
        _print_json(results, batch=batch is not None)
    else:
        _print_text(results, verifier.index, places if batch is not None else None)
    sys.exit(EXIT_OK if all(r.verdict == "verified" for r in results) else EXIT_PROBLEMS)


def result_json(result: VerifyResult, *, indent: bool = True) -> bytes:
    """One result as ``--format json`` writes it (indented for one quote, one line in a batch).

    ``claims serve``'s ``/api/verify`` answers these bytes too, so the two cannot drift apart.
    """
    from claims.cli.output import json_bytes

    return json_bytes(result, sort_keys=False, indent=indent)


def _print_json(results: list[VerifyResult], *, batch: bool) -> None:
    from claims.cli.output import print_json

    for result in results:
        print_json(result, sort_keys=False, indent=not batch)


def _print_text(results: list[VerifyResult], index: CorpusIndex, places: list[str] | None) -> None:
    from rich.console import Console

    from claims.verification.render import render

    console = Console(highlight=False, soft_wrap=True)
    for number, result in enumerate(results):
        if number:
            console.print()
        prefix = f"{places[number].rsplit(', ', 1)[-1]}: " if places is not None else ""
        render(console, result, index, prefix=prefix)
    if places is not None:
        console.print()
        console.print(summary(results))


def summary(results: list[VerifyResult]) -> str:
    """The last line of a batch's text output: how many rows got each verdict, how many were unusable."""
    from claims.verification.result import VERDICTS

    counts = [(v, sum(r.verdict == v for r in results)) for v in VERDICTS]
    unusable = sum(r.verdict is None for r in results)
    parts = [f"{n} {v}" for v, n in counts if n]
    if unusable:
        parts.append(f"{unusable} unusable")
    rows = "row" if len(results) == 1 else "rows"
    return f"{len(results)} {rows}: {', '.join(parts)}"

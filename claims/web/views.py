"""The pieces pages are drawn from: marked source text, speaker colours, turns, and the SVG timelines.

Source text is turned into HTML here, so every piece of it goes through ``markupsafe.escape``;
everything else is escaped by the templates' autoescaping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from claims.records import Segment, Source
from claims.records.base import partial_date_bounds
from claims.web.desk import Desk

PALETTE_SIZE = 12
"""Speaker colours in the style sheet (``.sp-0`` … ``.sp-11``)."""

CONTEXT_CHARS = 500
"""Characters of a turn shown before and after the matched words, and of the turns around them."""


class Palette:
    """One colour per speaker on a page: the first speaker met gets colour 0, the next colour 1, …"""

    def __init__(self) -> None:
        self.assigned: dict[str, int] = {}

    def __call__(self, speaker_id: str | None) -> str:
        """The CSS class of the speaker's colour (boilerplate has its own)."""
        if speaker_id is None:
            return "sp-none"
        number = self.assigned.setdefault(speaker_id, len(self.assigned))
        return f"sp-{number % PALETTE_SIZE}"


@dataclass(frozen=True)
class Interval:
    """A stretch of source text drawn as an inline element: a claim, an erratum, a match, a label."""

    start: int
    end: int
    tag: str
    classes: str
    ident: str | None = None
    title: str | None = None
    data: tuple[tuple[str, str], ...] = ()


def _open(interval: Interval, first: bool) -> str:
    attributes = [f'class="{escape(interval.classes)}{"" if first else " cont"}"']
    if first and interval.ident:
        attributes.append(f'id="{escape(interval.ident)}"')
    if interval.title:
        attributes.append(f'title="{escape(interval.title)}"')
    attributes.extend(f'data-{escape(k)}="{escape(v)}"' for k, v in interval.data)
    return f"<{interval.tag} {' '.join(attributes)}>"


def marked_text(text: str, start: int, end: int, intervals: Iterable[Interval], opened: set[int]) -> Markup:
    """``text[start:end]`` as HTML, each interval an element; ones split by others continue without id.

    ``opened`` holds the ids (``id()``) of intervals already opened on the page, so an interval
    carries its id attribute only on its first element.
    """
    inside = [i for i in intervals if i.start < end and start < i.end]
    cuts = sorted({start, end, *(max(start, i.start) for i in inside), *(min(end, i.end) for i in inside)})
    out: list[str] = []
    stack: list[Interval] = []
    for left, right in pairwise(cuts):
        active = sorted(
            (i for i in inside if i.start <= left and right <= i.end),
            key=lambda i: (i.start, -i.end, i.tag, i.classes),
        )
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        for closing in reversed(stack[keep:]):
            out.append(f"</{closing.tag}>")
        stack = stack[:keep]
        for opening in active[keep:]:
            first = id(opening) not in opened
            opened.add(id(opening))
            out.append(_open(opening, first))
            stack.append(opening)
        out.append(str(escape(text[left:right])))
    out.extend(f"</{closing.tag}>" for closing in reversed(stack))
    return Markup("".join(out))


def source_intervals(desk: Desk, source: Source, *, claims: bool = True) -> list[Interval]:
    """Labels, errata, the stated date and (optionally) claims of a source, as intervals."""
    intervals: list[Interval] = []
    for segment in desk.segments_of.get(source.file, []):
        if segment.label_span is not None:
            span = segment.label_span
            intervals.append(Interval(span.start, span.end, "b", "label"))
    for number, erratum in enumerate(source.errata, start=1):
        note = erratum.kind + (f": meant {erratum.intended!r}" if erratum.intended else "")
        note += f" ({erratum.note})" if erratum.note else ""
        intervals.append(
            Interval(
                erratum.span.start,
                erratum.span.end,
                "span",
                "erratum",
                ident=f"erratum-{number}",
                title=note,
                data=(("kind", erratum.kind),),
            )
        )
    basis = source.date_basis
    if basis.method == "stated":
        intervals.append(
            Interval(basis.span.start, basis.span.end, "span", "date-stated", ident="date-stated")
        )
    if claims:
        for claim in desk.claims_of_source.get(source.file, []):
            intervals.append(
                Interval(
                    claim.span.start,
                    claim.span.end,
                    "span",
                    "claim",
                    ident=claim.id,
                    title=f"{claim.id}: {desk.person_name(claim.speaker_id)}, {claim.date.isoformat()}",
                    data=(("claim", claim.id),),
                )
            )
    return intervals


@dataclass
class TurnView:
    """Consecutive segments of one speaker turn, drawn as one block, possibly cut to a window."""

    segments: list[Segment]
    start: int
    end: int
    cut_before: bool = False
    cut_after: bool = False
    matched: bool = False
    html: Markup = field(default_factory=Markup)

    @property
    def first(self) -> Segment:
        """The turn's first segment (its speaker and label head the block)."""
        return self.segments[0]


def turns_of(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments grouped by speaker turn, in order of the text."""
    groups: list[list[Segment]] = []
    for segment in segments:
        if groups and groups[-1][-1].turn == segment.turn:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return groups


def turns_around(
    desk: Desk, source_file: str, spans: Sequence[tuple[int, int]], intervals: list[Interval]
) -> list[TurnView]:
    """The turns holding ``spans`` and one turn either side, windows cut to ``CONTEXT_CHARS``."""
    source = desk.sources[source_file]
    text = source.text or ""
    groups = turns_of(desk.segments_of.get(source_file, []))
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    hit = [
        number
        for number, group in enumerate(groups)
        if group[0].span.start < last and first < group[-1].span.end
    ]
    if not hit:
        return []
    chosen = range(max(0, hit[0] - 1), min(len(groups), hit[-1] + 2))
    opened: set[int] = set()
    turns: list[TurnView] = []
    for number in chosen:
        group = groups[number]
        start, end = group[0].span.start, group[-1].span.end
        matched = number in hit
        if matched:
            window = (max(start, first - CONTEXT_CHARS), min(end, last + CONTEXT_CHARS))
        elif number < hit[0]:
            window = (max(start, end - CONTEXT_CHARS), end)
        else:
            window = (start, min(end, start + CONTEXT_CHARS))
        window = _whole_words(text, window, start, end)
        turn = TurnView(
            segments=group,
            start=window[0],
            end=window[1],
            cut_before=window[0] > start,
            cut_after=window[1] < end,
            matched=matched,
        )
        turn.html = marked_text(text, turn.start, turn.end, intervals, opened)
        turns.append(turn)
    return turns


def _whole_words(text: str, window: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """A window cut inside a turn moved to the nearest white space inward, so no word is shown in part."""
    left, right = window
    if left > start:
        space = text.find(" ", left, left + 40)
        left = space + 1 if space != -1 else left
    if right < end:
        space = text.rfind(" ", right - 40, right)
        right = space if space > left else right
    return left, right


# --- SVG timelines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One mark of a timeline: where it is drawn, what it links to, what it says."""

    x: float
    y: float
    href: str
    title: str
    kind: str
    width: float = 0.0


@dataclass
class Axis:
    """A linear time axis from ``first`` to ``last`` over ``width`` pixels after a left margin."""

    first: dt.date
    last: dt.date
    width: float
    left: float = 150.0

    def x(self, day: dt.date) -> float:
        """The x coordinate of a day."""
        span = max(1, (self.last - self.first).days)
        return round(self.left + (day - self.first).days / span * self.width, 1)

    def ticks(self) -> list[tuple[float, str]]:
        """Year ticks (or month ticks for an axis under two years)."""
        out: list[tuple[float, str]] = []
        if (self.last - self.first).days > 730:
            for year in range(self.first.year, self.last.year + 1):
                day = dt.date(year, 1, 1)
                if self.first <= day <= self.last:
                    out.append((self.x(day), str(year)))
            return out
        day = dt.date(self.first.year, self.first.month, 1)
        while day <= self.last:
            if day >= self.first:
                out.append((self.x(day), day.strftime("%Y-%m")))
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return out


def axis_for(days: Iterable[dt.date], width: float = 900.0) -> Axis:
    """An axis covering ``days`` with a month of room either side."""
    known = list(days)
    if not known:
        known = [dt.date(2000, 1, 1)]
    first = min(known) - dt.timedelta(days=30)
    last = max(known) + dt.timedelta(days=30)
    return Axis(first=first, last=last, width=width)


def role_bounds(start: str, end: str | None, fallback: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a role may cover; an open role runs to ``fallback``."""
    first = partial_date_bounds(start)[0]
    last = partial_date_bounds(end)[1] if end is not None else max(fallback, first)
    return first, last

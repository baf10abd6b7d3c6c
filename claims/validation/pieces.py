"""Cutting the claims of a release written by ``claims release`` into pieces, one per worker.

A worker of ``claims validate`` needs every shared record but only its own sources' claims, and
parsing the other workers' claims was the largest part of its work it could avoid. ``claims
release`` writes indented JSON that opens with the claims, sorted by id and so by source: the cuts
are found in that layout, each between the claims of two sources, without parsing the file.

The layout is only a guess; the result rests on what each worker checks of its piece:

- the file with a random token in place of the claims' bytes must parse, with the token as the only
  claim: the bytes cut out are then exactly the elements of the top-level ``claims`` array;
- each piece must parse on its own to a non-empty list: the pieces, joined by the commas they were
  cut at, are then those elements, in order;
- each claim of a piece must name a source in its worker's range of file names: every claim of a
  source is then in one worker, which also checks the source and its segments.

A file that fails any of these is checked by the whole-file path instead (``parallel.check_share``).
"""

from __future__ import annotations

import bisect
import secrets
from dataclasses import dataclass
from typing import Any

import orjson

from claims.records import Claim

OPENING = b'{\n  "claims": ['
"""How ``claims release`` begins a file: its first key is ``claims`` (keys are sorted)."""

ELEMENT_START = b"\n    {"
ELEMENT_END = b"\n    }"
"""The lines that open and close an element of a top-level array (a raw line break is never inside a string)."""

ARRAY_END = b"\n  ]"
"""The line that closes a top-level array."""

MAX_WALK = 10_000
"""Claims walked from a cut's target to the first claim of the next source before the cut is given up."""

CLAIM_KEYS = frozenset(name for name, info in Claim.model_fields.items() if info.is_required())
"""Keys every claim has and no other record has all of: how an element is told to be a claim."""


@dataclass(frozen=True)
class Element:
    """One element of a top-level array: where its bytes are and what they parse to."""

    start: int
    """Offset of the line break before its opening brace."""
    end: int
    """Offset just past its closing brace."""
    value: Any

    @property
    def is_claim(self) -> bool:
        """True when it has every required field of a claim."""
        return type(self.value) is dict and self.value.keys() >= CLAIM_KEYS

    @property
    def source_file(self) -> str | None:
        """The ``source_file`` it names, if a string."""
        name = self.value.get("source_file") if type(self.value) is dict else None
        return name if type(name) is str else None


def element_at(data: bytes, position: int, limit: int) -> Element | None:
    """The first element of a top-level array that starts at or after ``position`` and ends by ``limit``."""
    start = data.find(ELEMENT_START, position, limit)
    if start < 0:
        return None
    end = data.find(ELEMENT_END, start + 1, limit)
    if end < 0:
        return None
    end += len(ELEMENT_END)
    try:
        return Element(start, end, orjson.loads(data[start:end]))
    except orjson.JSONDecodeError:
        return None


@dataclass(frozen=True)
class Plan:
    """Where the claims are cut: pieces ``0..count-1``, and the range of source file names each owns."""

    start: int
    """Offset just past the claims array's opening bracket."""
    end: int
    """Offset of the line break before its closing bracket."""
    commas: tuple[int, ...]
    """Offsets of the commas between the pieces."""
    bounds: tuple[str, ...]
    """The file name of the first source of each piece after the first (strictly increasing)."""
    token: str
    """A random string put in place of the claims, which must come back as the only claim."""

    @property
    def count(self) -> int:
        """How many pieces (one a worker)."""
        return len(self.commas) + 1

    def owner(self, file_name: str) -> int:
        """The piece whose range of file names holds ``file_name``."""
        return bisect.bisect_right(self.bounds, file_name)

    def piece(self, data: bytes, index: int) -> bytes:
        """The bytes of piece ``index``: its claims, without the commas around it."""
        edges = (self.start - 1, *self.commas, self.end)
        return data[edges[index] + 1 : edges[index + 1]]

    def rest(self, data: bytes) -> bytes:
        """The file with the token in place of the claims."""
        return b"".join((data[: self.start], orjson.dumps(self.token), data[self.end :]))

    def parse(self, data: bytes, index: int) -> dict[str, Any] | None:
        """The release as parsed, holding piece ``index``'s claims only; ``None`` when the token does
        not come back as the only claim or the piece is not a non-empty list."""
        try:
            raw = orjson.loads(self.rest(data))
            claims = orjson.loads(b"".join((b"[", self.piece(data, index), b"]")))
        except orjson.JSONDecodeError:
            return None
        if (
            type(raw) is not dict
            or raw.get("claims") != [self.token]
            or type(claims) is not list
            or not claims
        ):
            return None
        raw["claims"] = claims
        return raw

    def owns_all(self, index: int, file_names: list[str]) -> bool:
        """True when every file name is in piece ``index``'s range (and is a string)."""
        try:
            return self.owner(min(file_names)) == index == self.owner(max(file_names))
        except (TypeError, ValueError):  # a name that is not a string; no names
            return False


def plan_pieces(data: bytes, jobs: int) -> Plan | None:
    """Cut the claims into up to ``jobs`` pieces of about equal bytes, each between two sources.

    ``None`` when the file does not look like the output of ``claims release`` or has too few
    sources to cut.
    """
    if jobs < 2 or not data.startswith(OPENING):
        return None
    start = len(OPENING)
    first = element_at(data, start, len(data))
    if first is None or first.start != start or not first.is_claim:
        return None
    last = _last_claim(data, first)
    if not data.startswith(ARRAY_END, last.end):
        return None
    end = last.end
    commas: list[int] = []
    bounds: list[str] = []
    for part in range(1, jobs):
        target = max(start + (end - start) * part // jobs, commas[-1] + 1 if commas else start)
        cut = _next_source(data, target, end)
        if cut is None:
            continue
        comma, file_name = cut
        if bounds and (file_name <= bounds[-1] or comma <= commas[-1]):
            return None  # not sorted by source: the workers would refuse it anyway
        commas.append(comma)
        bounds.append(file_name)
    if not commas:
        return None
    return Plan(start=start, end=end, commas=tuple(commas), bounds=tuple(bounds), token=secrets.token_hex(16))


def _last_claim(data: bytes, first: Element) -> Element:
    """The last claim element, by bisection over offsets: in this layout, claims come before every other element."""
    last = first
    low, high = first.end, len(data)
    while low < high:
        middle = (low + high) // 2
        element = element_at(data, middle, len(data))
        if element is not None and element.is_claim:
            last = element
            low = element.end
        else:
            high = middle
    return last


def _next_source(data: bytes, position: int, end: int) -> tuple[int, str] | None:
    """The comma before the first claim after ``position`` whose source differs from the claim before
    it, and that source's file name; ``None`` past ``end`` or after ``MAX_WALK`` claims."""
    element = element_at(data, position, end)
    if element is None or element.source_file is None:
        return None
    current = element.source_file
    for _ in range(MAX_WALK):
        element = element_at(data, element.end, end)
        if element is None or element.source_file is None:
            return None
        if element.source_file != current:
            comma = element.start - 1
            return (comma, element.source_file) if data[comma : comma + 1] == b"," else None
    return None

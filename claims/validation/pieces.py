"""Cutting the claims and segments of a release written by ``claims release`` into pieces, one per worker.

A worker of ``claims validate`` needs every shared record but only its own sources' claims and
segments, and parsing the other workers' was the largest part of its work it could avoid. ``claims
release`` writes indented JSON whose keys are sorted, claims by id (and so by source), segments by
source: the cuts are found in that layout, between two sources, without parsing the file. Each
worker owns a range of source file names, and the slices of each array that hold them.

The layout is only a guess; the result rests on what each worker checks of its slices:

- the file with a random token in place of each cut array's elements must parse, with the token as
  the array's only element: the bytes cut out are then exactly the elements of the top-level arrays;
- each slice must parse on its own to a list, not empty when the array was cut: the slices, joined
  by the commas they were cut at, are then those elements, in order;
- each claim and segment must name a source in its worker's range: all the records of a source are
  then in one worker, which checks the source with them.

A file that fails any of these is checked by the whole-file path instead (``parallel.check_share``).
"""

from __future__ import annotations

import bisect
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import BaseModel

from claims.records import Claim, Segment

OPENING = b'{\n  "claims": ['
"""How ``claims release`` begins a file: its first key is ``claims`` (keys are sorted)."""

SEGMENTS = b'\n  "segments": ['
"""The line that opens the segments in that layout."""

ELEMENT_START = b"\n    {"
ELEMENT_END = b"\n    }"
"""The lines that open and close an element of a top-level array (a raw line break is never inside a string)."""

ARRAY_END = b"\n  ]"
"""The line that closes a top-level array."""

MAX_WALK = 10_000
"""Claims walked from a cut's target to the first claim of the next source before the cut is given up."""


def required_keys(model: type[BaseModel]) -> frozenset[str]:
    """The fields every record of a model has: how an element is told to be one of them."""
    return frozenset(name for name, info in model.model_fields.items() if info.is_required())


CLAIM_KEYS = required_keys(Claim)
SEGMENT_KEYS = required_keys(Segment)


@dataclass(frozen=True)
class Element:
    """One element of a top-level array: where its bytes are and what they parse to."""

    start: int
    """Offset of the line break before its opening brace."""
    end: int
    """Offset just past its closing brace."""
    value: Any

    def has(self, keys: frozenset[str]) -> bool:
        """True when it is an object with all of these keys."""
        return type(self.value) is dict and self.value.keys() >= keys

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


def owner_in(bounds: Sequence[str], file_name: str) -> int:
    """The worker whose range holds ``file_name``, given the first file name of each range after the first."""
    return bisect.bisect_right(bounds, file_name)


@dataclass(frozen=True)
class Cut:
    """A top-level array cut into slices at commas between its elements, each slice owned by a worker."""

    key: str
    start: int
    """Offset just past the array's opening bracket."""
    end: int
    """Offset of the line break before its closing bracket."""
    commas: tuple[int, ...]
    """Offsets of the commas the slices are cut at, increasing."""
    owners: tuple[int, ...]
    """The worker owning each slice (one more than the commas), not decreasing."""

    def slices_of(self, data: bytes, index: int) -> list[bytes] | None:
        """The bytes of the slices worker ``index`` owns; ``None`` if a cut is not at a comma."""
        if any(data[comma : comma + 1] != b"," for comma in self.commas):
            return None
        edges = (self.start - 1, *self.commas, self.end)
        return [data[edges[at] + 1 : edges[at + 1]] for at, owner in enumerate(self.owners) if owner == index]

    def elements(self, data: bytes, index: int) -> list[Any] | None:
        """The elements of worker ``index``'s slices; ``None`` when a slice is not a list, or is an
        empty one between commas."""
        slices = self.slices_of(data, index)
        if slices is None:
            return None
        elements: list[Any] = []
        for piece in slices:
            try:
                parsed = orjson.loads(b"".join((b"[", piece, b"]")))
            except orjson.JSONDecodeError:
                return None
            if type(parsed) is not list or (self.commas and not parsed):
                return None
            elements.extend(parsed)
        return elements


@dataclass(frozen=True)
class Plan:
    """Where a release is cut: the workers' ranges of source file names, and each array's slices."""

    bounds: tuple[str, ...]
    """The first file name of each worker's range after the first (strictly increasing)."""
    cuts: tuple[Cut, ...]
    """The arrays cut (claims, then segments if any), in the order of their bytes."""
    token: str
    """A random string put in place of each cut array's elements, which must come back as the only one."""

    @property
    def count(self) -> int:
        """How many workers (one a range)."""
        return len(self.bounds) + 1

    def owner(self, file_name: str) -> int:
        """The worker whose range of file names holds ``file_name``."""
        return owner_in(self.bounds, file_name)

    def owns_all(self, index: int, file_names: list[str]) -> bool:
        """True when every file name is a string in worker ``index``'s range."""
        if not file_names:
            return True
        try:
            return self.owner(min(file_names)) == index == self.owner(max(file_names))
        except TypeError:  # a name that is not a string
            return False

    def rest(self, data: bytes) -> bytes:
        """The file with the token in place of each cut array's elements."""
        parts: list[bytes] = []
        done = 0
        for cut in self.cuts:
            parts += (data[done : cut.start], orjson.dumps(self.token))
            done = cut.end
        parts.append(data[done:])
        return b"".join(parts)

    def parse(self, data: bytes, index: int) -> dict[str, Any] | None:
        """The release as parsed, holding only worker ``index``'s claims and segments; ``None`` when
        the token does not come back or a slice is refused (``Cut.elements``)."""
        try:
            raw = orjson.loads(self.rest(data))
        except orjson.JSONDecodeError:
            return None
        if type(raw) is not dict:
            return None
        for cut in self.cuts:
            elements = cut.elements(data, index)
            if raw.get(cut.key) != [self.token] or elements is None:
                return None
            raw[cut.key] = elements
        return raw


def plan_pieces(data: bytes, jobs: int) -> Plan | None:
    """Cut the claims into up to ``jobs`` slices of about equal bytes, each between two sources, and
    the segments at the same sources.

    ``None`` when the file does not look like the output of ``claims release`` or has too few
    sources to cut.
    """
    if jobs < 2 or not data.startswith(OPENING):
        return None
    claims = _array(data, len(OPENING), CLAIM_KEYS)
    if claims is None:
        return None
    start, end = claims
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
    cuts = [Cut("claims", start, end, tuple(commas), tuple(range(len(commas) + 1)))]
    segments = data.find(SEGMENTS, end)
    found = _array(data, segments + len(SEGMENTS), SEGMENT_KEYS) if segments >= 0 else None
    if found is not None:
        cuts.append(_cut_by_source(data, "segments", *found, bounds))
    return Plan(bounds=tuple(bounds), cuts=tuple(cuts), token=secrets.token_hex(16))


def _array(data: bytes, start: int, keys: frozenset[str]) -> tuple[int, int] | None:
    """The interior of the array whose elements start at ``start`` and have these keys; ``None``
    when the array is empty or not laid out one element a line-indented object."""
    first = element_at(data, start, len(data))
    if first is None or first.start != start or not first.has(keys):
        return None
    last = first
    low, high = first.end, len(data)
    while low < high:  # bisection: in this layout no later element has the keys
        middle = (low + high) // 2
        element = element_at(data, middle, len(data))
        if element is not None and element.has(keys):
            last = element
            low = element.end
        else:
            high = middle
    return (start, last.end) if data.startswith(ARRAY_END, last.end) else None


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


def _cut_by_source(data: bytes, key: str, start: int, end: int, bounds: list[str]) -> Cut:
    """Cut an array sorted by source file before the first element of each range of ``bounds``."""
    commas: list[int] = []
    owners: list[int] = []
    first = element_at(data, start, end)
    owner = owner_in(bounds, first.source_file) if first and first.source_file else 0
    owners.append(owner)
    for bound in bounds[owner:]:
        element = _first_from(data, start, end, bound)
        if element is None:
            break
        comma = element.start - 1
        if not commas or comma > commas[-1]:
            commas.append(comma)
            owners.append(owner_in(bounds, element.source_file or ""))
    return Cut(key, start, end, tuple(commas), tuple(owners))


def _first_from(data: bytes, start: int, end: int, bound: str) -> Element | None:
    """The first element whose source file is at or after ``bound``, by bisection over offsets (in
    this layout elements are sorted by source file); ``None`` when there is none."""
    found = None
    low, high = start, end
    while low < high:
        middle = (low + high) // 2
        element = element_at(data, middle, end)
        if element is None:
            high = middle
        elif (element.source_file or "") >= bound:
            found, high = element, middle
        else:
            low = element.end
    return found

"""YAML front matter as a scraper writes it at the top of a Markdown page: boilerplate, and metadata.

A text that opens with a ``---`` line and has another ``---`` (or ``...``) line within its first
:data:`MAX_FRONT_MATTER_LINES` lines has front matter: those lines belong to the page's metadata,
not to anybody's speech. Its ``date`` and ``title`` are read with a small, strict reading of the
YAML forms scrapers write (plain, single- or double-quoted scalars, folded onto continuation
lines); nothing else of YAML is needed, so no YAML library is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claims.extract.blocks import split_lines

MAX_FRONT_MATTER_LINES = 200
"""How far a closing ``---`` is looked for; a text without one in these lines has no front matter."""

_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?:\s+(?P<value>.*))?$")
_HEX_WIDTHS = {"x": 2, "u": 4, "U": 8}
_YAML_ESCAPES = {"_": "\u00a0", " ": " ", '"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "N": "\u0085"}


@dataclass(frozen=True)
class FrontMatter:
    """Where the front matter ends (one past its closing line's break) and what it says."""

    end: int
    fields: dict[str, str]

    @property
    def date(self) -> dt.date | None:
        """The ``date`` field as a day, if it is one."""
        raw = self.fields.get("date", "")
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            return None

    @property
    def title(self) -> str | None:
        """The ``title`` field, with white space (non-breaking spaces included) folded to single spaces."""
        raw = self.fields.get("title")
        return " ".join(raw.split()) if raw and raw.strip() else None


def _scalar(lines: list[str]) -> str:
    """A YAML scalar folded over ``lines`` (its first line's value, then continuation lines)."""
    text = lines[0].strip()
    if text[:1] == '"':
        body = " ".join([text[1:], *(line.strip() for line in lines[1:])])
        body = body[:-1] if body.endswith('"') else body
        out: list[str] = []
        index = 0
        while index < len(body):
            char = body[index]
            if char == "\\" and index + 1 < len(body):
                nxt = body[index + 1]
                width = _HEX_WIDTHS.get(nxt, 0)
                digits = body[index + 2 : index + 2 + width]
                if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                    out.append(chr(int(digits, 16)))
                    index += 2 + width
                    continue
                out.append(_YAML_ESCAPES.get(nxt, nxt))
                index += 2
                continue
            out.append(char)
            index += 1
        return "".join(out)
    if text[:1] == "'":
        body = " ".join([text[1:], *(line.strip() for line in lines[1:])])
        body = body[:-1] if body.endswith("'") else body
        return body.replace("''", "'")
    return " ".join([text, *(line.strip() for line in lines[1:])])


def read_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the top of ``text``, or None when it has none."""
    lines = split_lines(text)
    if not lines or lines[0].text.rstrip() != "---":
        return None
    for index, line in enumerate(lines[1:MAX_FRONT_MATTER_LINES], start=1):
        if line.text.rstrip() in ("---", "..."):
            end = line.end + (1 if text[line.end : line.end + 1] == "\r" else 0)
            end += 1 if text[end : end + 1] == "\n" else 0
            return FrontMatter(end, _fields([entry.text for entry in lines[1:index]]))
    return None


def _fields(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    key: str | None = None
    values: list[str] = []
    for line in lines:
        match = _KEY.match(line) if not line[:1].isspace() else None
        if match is not None:
            if key is not None and values:
                fields[key] = _scalar(values)
            key, values = match.group("key"), [match.group("value") or ""]
        elif key is not None:
            values.append(line)
    if key is not None and values:
        fields[key] = _scalar(values)
    return fields

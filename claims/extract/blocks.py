"""Lines and paragraphs of a text with their offsets: the units every extractor rule looks at."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class Line:
    """One line of text: ``start``/``end`` cover its visible text, without the line break."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines; ``blank_lines_before`` counts the blank lines that precede it."""

    lines: tuple[Line, ...]
    blank_lines_before: int

    @property
    def start(self) -> int:
        """Offset of the paragraph's first character."""
        return self.lines[0].start

    @property
    def end(self) -> int:
        """Offset one past the paragraph's last visible character."""
        return self.lines[-1].end

    def text_in(self, source: str) -> str:
        """The paragraph's text, line breaks included."""
        return source[self.start : self.end]


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets; a trailing carriage return is left out of the text."""
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        if not raw:
            break
        body = raw[:-1] if raw.endswith("\n") else raw
        if body.endswith("\r"):
            body = body[:-1]
        lines.append(Line(match.start(), match.start() + len(body), body))
    return lines


def split_paragraphs(text: str) -> list[Paragraph]:
    """Group the lines of ``text`` into paragraphs separated by blank (white-space only) lines."""
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    blanks = 0
    pending_blanks = 0
    for line in split_lines(text):
        if line.text.strip():
            if not current:
                pending_blanks = blanks
            current.append(line)
            blanks = 0
            continue
        if current:
            paragraphs.append(Paragraph(tuple(current), pending_blanks))
            current = []
        blanks += 1
    if current:
        paragraphs.append(Paragraph(tuple(current), pending_blanks))
    return paragraphs


def split_where(paragraphs: list[Paragraph], opens: Callable[[Line], bool]) -> list[Paragraph]:
    """Split paragraphs before every line (but the first) for which ``opens`` holds.

    Transcripts that start each turn on a new line without a blank line between turns are thus
    read like those that separate turns by blank lines.
    """
    result: list[Paragraph] = []
    for paragraph in paragraphs:
        current: list[Line] = []
        blanks = paragraph.blank_lines_before
        for line in paragraph.lines:
            if current and opens(line):
                result.append(Paragraph(tuple(current), blanks))
                current, blanks = [], 0
            current.append(line)
        result.append(Paragraph(tuple(current), blanks))
    return result

"""News stories and readouts: the writer's narration, quotations and reported speech, captions.

The narrator (the *writer*) is the one author a statement's title names; else, for an unsigned
readout or statement, the known organization that publishes it (the White House says what its
readout says); else, as for a news story, the source-scoped anonymous writer.

Per paragraph, from the form of its lines: site furniture, headings and bylines are
boilerplate; a paragraph with a photo credit is a caption of the credited organization; prose is
split into sentences, and each sentence is
- a quotation with its attribution tag (``“…,” Cook said.``): the quoted words are the
  speaker's, the tag is the writer's narration;
- reported speech (``…, the Pentagon said.``, ``US officials said it would …``,
  ``…, he said, noting …``): narration whose speaker is whose speech it is, reported by the writer;
- a quotation with no tag right after a tagged one in the same paragraph: the same speaker's;
- otherwise the writer's own narration.
``he``/``she`` is the person most recently named in an attribution.
"""

from __future__ import annotations

import re

from claims.extract.blocks import Line, Paragraph
from claims.extract.draft import Draft
from claims.extract.furniture import LineClass, classify_line
from claims.extract.quotes import find_quotes, quotes_between, sentence_starts
from claims.extract.registry import Registry
from claims.records import Person

_VERB = r"(?:said|says|added|noted|stated|wrote|explained|declared|announced|told\s+[^,.#]{1,40}?)"
_LEAD = r"(?:(?:But|And|Yet|However|Meanwhile|Still|Separately)\s*,?\s+)?"

TAG = re.compile(rf"[,:]?\s*(?P<subj>[^,#]{{1,80}}?)\s+{_VERB}(?:\s+[^#,]{{1,40}}?)?\s*[,.:]?")
"""What is left of a sentence around its quotations when it is only an attribution tag."""

TAG_INVERTED = re.compile(r"[,:]?\s*(?:said|says|added|noted)\s+(?P<subj>[^#]{1,80}?)\s*[,.:]?")
"""The same, speaker after the verb (``“…,” said Peter Cook, the press secretary.``)."""

REPORTED_END_INVERTED = re.compile(r",\s+(?:said|says|added|noted)\s+(?P<subj>[^#]{1,80}?)[.!?]$")
"""``…, said the Pentagon.``"""

REPORTED_END = re.compile(
    rf",\s+(?P<subj>[^,#]{{1,80}}?)\s+{_VERB}(?:\s+(?:in|on|at|during|after|to)\s+[^,#]{{1,80}})?[.!?]$"
)
"""``…, the Pentagon said.``"""

REPORTED_MID = re.compile(
    rf",\s+(?P<subj>[^,#]{{1,80}}?)\s+{_VERB},\s+(?:noting|adding|saying|explaining|stressing)\b"
)
"""``…, he said, noting that …``"""

REPORTED_START = re.compile(rf"^{_LEAD}(?P<subj>[^#]{{1,100}}?)\s+{_VERB}(?:\s+that)?\s+(?![#\s])")
"""``US officials said it would …``"""

DATELINE = re.compile(
    r"^[A-Z][A-Z'’.\- ]{1,40}[A-Z.](?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*(?:\([A-Za-z]{2,10}\))?\s*"
    r"(?::|—|–|--?)\s+"
)
"""A place line opening a story (``WASHINGTON: ``)."""

CREDIT = re.compile(r"(?:\bPHOTO:\s*(?P<after>[\w&.-]+)|(?P<before>[\w&.-]+)\s+[Pp]hoto\s+[Bb]y\b)")
"""The organization a photo is credited to (``PHOTO: AFP``, ``DoD photo by``)."""

PRONOUNS = frozenset({"he", "she"})
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
NOT_NAME_WORDS = frozenset(
    {"The", "A", "An", "This", "That", "These", "Those", "Officials", "Sources", "Police"}
)
"""Capitalised words that open a sentence's subject without naming anyone."""
MAX_NAME_WORDS = 5


def _looks_like_a_name(words: str) -> bool:
    """Two to five capitalised words, none of them a determiner: a person to propose (``Bob Jones``)."""
    parts = words.split()
    return (
        2 <= len(parts) <= MAX_NAME_WORDS
        and all(_NAME_WORD.match(part) for part in parts)
        and not NOT_NAME_WORDS.intersection(parts)
    )


def _alias_pattern(form: str) -> re.Pattern[str]:
    """Whole-word, case-sensitive search for a name; a lower-case descriptive alias may open a sentence."""
    head, rest = form[0], re.escape(form[1:])
    first = f"[{head}{head.upper()}]" if head.islower() else re.escape(head)
    return re.compile(rf"(?<![\w-]){first}{rest}(?![\w-])")


class NewsExtractor:
    """Proposes the segments of one news story or readout."""

    def __init__(self, text: str, registry: Registry, *, author: str | None = None) -> None:
        self.text = text
        self.registry = registry
        self.candidates: list[Person] = list(registry.known.values())
        self._patterns = [
            (person.id, _alias_pattern(form))
            for person in self.candidates
            for form in sorted(_name_forms(person))
        ]
        self.last_named: str | None = None
        self._writer: str | None = author
        self._publisher: str | None = None

    @property
    def writer(self) -> str:
        """Who narrates: the author a statement's title names, or the organization that issues an
        unsigned readout or statement; else the source-scoped anonymous writer of the story."""
        if self._writer is None:
            self._writer = self.registry.anonymous("writer", numbered=False)
        return self._writer

    def drafts(self, paragraphs: list[Paragraph]) -> list[Draft]:
        """Drafts for every paragraph of the story, in text order."""
        drafts: list[Draft] = []
        for turn, paragraph in enumerate(paragraphs):
            drafts.extend(self._paragraph(paragraph, turn))
        return drafts

    # -- paragraphs -------------------------------------------------------------------------

    def _paragraph(self, paragraph: Paragraph, turn: int) -> list[Draft]:
        """Runs of furniture lines are boilerplate; runs of prose are split into sentences."""
        lines = paragraph.lines
        classes = [classify_line(line.text) for line in lines]
        if "caption" in classes:
            return self._caption(lines, classes, turn)
        if "prose" in classes:
            classes = ["prose" if c == "heading" else c for c in classes]
        drafts: list[Draft] = []
        index = 0
        while index < len(lines):
            run_end = index
            while run_end + 1 < len(lines) and (classes[run_end + 1] == "prose") == (
                classes[index] == "prose"
            ):
                run_end += 1
            if classes[index] == "prose":
                drafts.extend(self._prose(lines[index].start, lines[run_end].end, turn))
            else:
                drafts.append(Draft(lines[index].start, "boilerplate", None, turn))
            index = run_end + 1
        return _merge(drafts)

    def _caption(self, lines: tuple[Line, ...], classes: list[LineClass], turn: int) -> list[Draft]:
        """A caption paragraph: its leading byline lines are boilerplate, the rest one caption."""
        drafts: list[Draft] = []
        first = 0
        while first < len(lines) and classes[first] == "byline":
            first += 1
        if first:
            drafts.append(Draft(lines[0].start, "boilerplate", None, turn))
        if first < len(lines):
            body = self.text[lines[first].start : lines[-1].end]
            drafts.append(Draft(lines[first].start, "caption", self._credit(body), turn))
        return drafts

    def _credit(self, caption: str) -> str:
        """The organization credited in a caption, else the source's (proposed) publisher."""
        organizations = [p for p in self.candidates if p.kind == "organization"]
        for match in CREDIT.finditer(caption):
            credited = match.group("after") or match.group("before")
            for person in organizations:
                if credited in {person.name, *person.aliases}:
                    return person.id
        if self._publisher is None:
            self._publisher = self.registry.anonymous("publisher", numbered=False, kind="organization")
        return self._publisher

    # -- prose ------------------------------------------------------------------------------

    def _prose(self, start: int, end: int, turn: int) -> list[Draft]:
        drafts: list[Draft] = []
        body = self.text[start:end]
        dateline = DATELINE.match(body)
        if dateline is not None:
            drafts.append(Draft(start, "narration", self.writer, turn))
            start += dateline.end()
            body = self.text[start:end]
        quotes = find_quotes(body)
        starts = sentence_starts(body, quotes)
        quoted_speaker: str | None = None
        for index, sentence_start in enumerate(starts):
            sentence_end = starts[index + 1] if index + 1 < len(starts) else len(body)
            inner = [
                (a - sentence_start, b - sentence_start)
                for a, b in quotes_between(quotes, sentence_start, sentence_end)
            ]
            sentence = body[sentence_start:sentence_end]
            sentence_drafts, quoted_speaker = self._sentence(
                sentence, inner, start + sentence_start, turn, quoted_speaker
            )
            drafts.extend(sentence_drafts)
        return drafts

    def _sentence(
        self, sentence: str, quotes: list[tuple[int, int]], offset: int, turn: int, quoted: str | None
    ) -> tuple[list[Draft], str | None]:
        """Drafts of one sentence, and the speaker of its quotations (for an untagged one after it)."""
        masked = _mask(sentence, quotes)
        outside = masked.replace("#", "").strip()
        if quotes:
            tag = TAG.fullmatch(outside) or TAG_INVERTED.fullmatch(outside)
            speaker = self._subject(tag.group("subj")) if tag else None
            if speaker is not None:
                return self._split(sentence, quotes, offset, turn, speaker, outside_is_writer=True), speaker
            if not outside and quoted is not None:
                return self._split(sentence, quotes, offset, turn, quoted, outside_is_writer=True), quoted
        stripped = masked.rstrip()
        for pattern in (REPORTED_END, REPORTED_END_INVERTED, REPORTED_MID, REPORTED_START):
            match = pattern.search(stripped)
            if match is None:
                continue
            speaker = self._subject(match.group("subj"))
            if speaker is not None:
                return self._split(sentence, quotes, offset, turn, speaker, outside_is_writer=False), quoted
        return [Draft(offset, "narration", self.writer, turn)], quoted

    def _split(
        self,
        sentence: str,
        quotes: list[tuple[int, int]],
        offset: int,
        turn: int,
        speaker: str,
        *,
        outside_is_writer: bool,
    ) -> list[Draft]:
        """Quotation drafts for the quoted passages, narration drafts for the words around them."""
        if outside_is_writer:
            around = Draft(0, "narration", self.writer, turn)
        else:
            around = Draft(0, "narration", speaker, turn, reported_by=self.writer)
        drafts: list[Draft] = []
        cursor = 0
        for start, end in quotes:
            if sentence[cursor:start].strip():
                drafts.append(_at(around, offset + cursor))
            drafts.append(Draft(offset + start, "quotation", speaker, turn, reported_by=self.writer))
            cursor = end
        if sentence[cursor:].strip() or not drafts:
            drafts.append(_at(around, offset + cursor))
        if drafts and drafts[0].start != offset:
            drafts[0] = _at(drafts[0], offset)
        return drafts

    def _subject(self, subject: str) -> str | None:
        """Whose speech an attribution's subject names: a pronoun, a known name, or a new name."""
        words = subject.strip(" ,").strip()
        if words.lower() in PRONOUNS:
            return self.last_named
        found: list[tuple[int, int, str]] = []
        for person_id, pattern in self._patterns:
            found.extend((m.start(), m.end(), person_id) for m in pattern.finditer(words))
        kept = {
            pid
            for start, end, pid in found
            if not any(s <= start and end <= e and (e - s) > (end - start) and p != pid for s, e, p in found)
        }
        if len(kept) == 1:
            self.last_named = kept.pop()
            return self.last_named
        if not found and _looks_like_a_name(words):
            self.last_named = self.registry.propose_named(
                words, words, f"named as a speaker in {self.registry.source_file} but not in the registry"
            )
            return self.last_named
        return None


STATEMENT_TITLE = re.compile(r"^Statement\s+(?:by|from)\s+(?P<by>.+?)(?:\s+on\s+.*)?$", re.IGNORECASE)
"""A statement's title naming its one author (``Statement by NSC Spokesperson Emily Horne on ...``);
a joint statement has several and names none."""


def statement_author(title: str, people: list[Person]) -> str | None:
    """The one known person a statement's title names as its author, if it names exactly one."""
    match = STATEMENT_TITLE.match(" ".join(title.split()))
    if match is None:
        return None
    by = match.group("by")
    found: list[tuple[int, int, str]] = []
    for person in people:
        if person.anonymous or person.kind != "person":
            continue
        for form in _name_forms(person):
            found.extend((m.start(), m.end(), person.id) for m in _alias_pattern(form).finditer(by))
    kept = {
        pid
        for s, e, pid in found
        if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in found)
    }
    return kept.pop() if len(kept) == 1 else None


INSTITUTIONAL_KINDS = frozenset({"readout", "statement"})
"""Source kinds an institution issues in its own voice; a news story is its writer's."""


def publisher_voice(publisher: str, people: list[Person]) -> str | None:
    """The known organization whose name or alias is ``publisher`` (``The White House``), if exactly one is.

    White space (non-breaking spaces included) is folded; case counts, as it does for aliases.
    """
    wanted = " ".join(publisher.split())
    found = {
        person.id
        for person in people
        if person.kind == "organization"
        and not person.anonymous
        and wanted in {" ".join(form.split()) for form in (person.name, *person.aliases)}
    }
    return found.pop() if len(found) == 1 else None


def _name_forms(person: Person) -> set[str]:
    """Forms a story may name a person by: aliases, and the name unless the person is anonymous."""
    forms = set(person.aliases) if person.anonymous else {person.name, *person.aliases}
    return {form for form in forms if form.strip()}


def _at(draft: Draft, start: int) -> Draft:
    return Draft(
        start,
        draft.kind,
        draft.speaker_id,
        draft.turn,
        label=draft.label,
        label_span=draft.label_span,
        via_interpreter=draft.via_interpreter,
        reported_by=draft.reported_by,
    )


def _mask(sentence: str, quotes: list[tuple[int, int]]) -> str:
    """The sentence with its quoted passages (marks included) blotted out with ``#``."""
    chars = list(sentence)
    for start, end in quotes:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


def _merge(drafts: list[Draft]) -> list[Draft]:
    """Drop drafts that merely continue the one before them."""
    merged: list[Draft] = []
    for draft in drafts:
        if merged and merged[-1].same_voice(draft):
            continue
        merged.append(draft)
    return merged

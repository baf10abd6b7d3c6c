"""Source documents: where they come from, how their date is known, and their known defects."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from claims.records.base import FileName, IsoDate, Record, Slug, Span, WebUrl

SourceKind = Literal[
    "transcript",
    "readout",
    "news",
    "statement",
    "remarks",
    "press-briefing",
    "background-call",
    "gaggle",
]
RightsStatus = Literal["public-domain", "copyrighted"]

SOURCE_SUFFIXES = (".txt", ".md")
"""Extensions of source files: plain-text transcripts and Markdown as a scraper wrote it."""

MAX_SOURCE_BYTES = 256 * 1024**2
"""Largest source document read (256 MiB), by the dataset reader and the extractor alike."""


def source_stem(file_name: str) -> str:
    """A source file's name without its ``.txt`` or ``.md`` extension: the name of its claims and
    segments files (``dataset/segments/<stem>.json``); any other name is its own stem."""
    for suffix in SOURCE_SUFFIXES:
        if file_name.endswith(suffix) and len(file_name) > len(suffix):
            return file_name[: -len(suffix)]
    return file_name


ErratumKind = Literal[
    "misspelt-label",
    "typo",
    "inaudible",
    "off-mic",
    "in-progress",
    "missing-label",
    "truncated",
    "garbled",
    "missing-text",
    "wrong-word",
]


class StatedDate(Record):
    """The date is printed in the source itself."""

    method: Literal["stated"] = Field(description="The source states its date.")
    note: str | None = Field(default=None, description="Anything a reader should know about the statement.")
    span: Span = Field(description="Where the source states it.")


class MetadataDate(Record):
    """The date comes from the publisher's page or record, not from the text."""

    method: Literal["metadata"] = Field(description="The publisher's metadata gives the date.")
    note: str | None = Field(default=None, description="What on that page gives the date.")
    url: WebUrl = Field(description="The publisher's page that gives the date.")


class InferredDate(Record):
    """The date is reasoned from other records and from what the text says."""

    method: Literal["inferred"] = Field(description="The date is inferred.")
    reasoning: str = Field(min_length=1, description="How the date follows from the records.")
    records: list[str] = Field(
        default_factory=list, description="Ids of the sources and events the inference rests on."
    )
    urls: list[WebUrl] = Field(default_factory=list, description="Outside evidence for the inference.")


DateBasis = Annotated[StatedDate | MetadataDate | InferredDate, Field(discriminator="method")]


class Erratum(Record):
    """A defect of the text as received, recorded rather than fixed."""

    intended: str | None = Field(default=None, description="What was evidently meant, where known.")
    kind: ErratumKind = Field(description="What sort of defect it is.")
    note: str | None = Field(default=None, description="Explanation for readers.")
    span: Span = Field(description="Where the defect is in the source text.")
    text: str = Field(min_length=1, description="The text at the span, exactly as printed.")


class Provenance(Record):
    """Where the file as received was taken from: a repository, its commit and the path in it."""

    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$")] = Field(
        description="The repository's commit the file was taken at (40 hex digits)."
    )
    path: str = Field(min_length=1, description="The file's path inside the repository at that commit.")
    repository: WebUrl = Field(description="The repository, e.g. 'https://github.com/OWNER/NAME'.")


class Rights(Record):
    """Who holds the rights in a source's text and on what basis the dataset includes it."""

    basis: str = Field(min_length=1, description="Why the text may be included, and what is known of it.")
    holder: str | None = Field(default=None, description="Who holds the copyright, if anyone.")
    status: RightsStatus = Field(description="public-domain or copyrighted.")
    url: WebUrl | None = Field(default=None, description="A record of the rights, where there is one.")


class Source(Record):
    """One source document under ``dataset/sources/``."""

    date: IsoDate = Field(description="The day the document's words were spoken or published.")
    date_basis: DateBasis = Field(description="How the date is known: stated, metadata or inferred.")
    errata: list[Erratum] = Field(default_factory=list, description="Known defects of the text.")
    event_id: Slug | None = Field(default=None, description="The event the document records, if any.")
    file: FileName = Field(description="File name under dataset/sources/, as received.")
    id: FileName = Field(description="Equals `file`.")
    id_prefix: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)] | None = Field(
        default=None,
        description=(
            "The prefix of the ids of its claims and segments ('005' gives '005-c0001'); "
            "absent, the digits before '_' in the file name."
        ),
    )
    kind: SourceKind = Field(
        description="transcript, readout, news, statement, remarks, press-briefing, background-call or gaggle."
    )
    place: str | None = Field(default=None, description="Where the words were spoken, if known.")
    provenance: Provenance | None = Field(
        default=None, description="The repository the file was taken from, where it came from one."
    )
    publisher: str = Field(min_length=1, description="Who published it.")
    rights: Rights | None = Field(
        default=None, description="Who holds the rights in the text, and why it is included."
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the file's bytes, lower-case hex."
    )
    text: str | None = Field(
        default=None, description="The full decoded text; present in releases, absent in the dataset."
    )
    title: str = Field(min_length=1, description="The document's title as published.")
    url: WebUrl = Field(description="Where it was published.")

    @property
    def record_prefix(self) -> str | None:
        """What its claims' and segments' ids start with: ``id_prefix``, else the file name's digits before ``_``."""
        if self.id_prefix is not None:
            return self.id_prefix
        head = self.file.split("_", 1)[0]
        return head if head.isdigit() and "_" in self.file else None

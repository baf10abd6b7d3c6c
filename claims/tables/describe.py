"""Descriptions of the release tables for the tools of three communities, generated from the records.

- ``croissant.json``: MLCommons Croissant 1.1 (every file with its sha256, a RecordSet per
  table with typed fields, its key and its references to other tables);
- ``datapackage.json``: a Frictionless Data Package, one tabular resource per JSON Lines table,
  each with a Table Schema (types, required fields, vocabularies, primary and foreign keys);
- ``README.md``: the dataset card in the Hugging Face form (YAML front matter with a config per
  table, license, language, size category), with counts, coverage, rights and reviews.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections import Counter
from typing import Any

import orjson
from pydantic import BaseModel

from claims.checksums import sha256_hex
from claims.export.common import HOMEPAGE, review_anchor
from claims.records import Release, Rights
from claims.tables.arrow import KEYS, TABLES, _optional, _strip, union_members

CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
LICENSE = "MIT"
LICENSE_URL = "https://opensource.org/licenses/MIT"
DESCRIPTION = (
    "Attributed quotations from official transcripts and news reports, each anchored in its "
    "source by exact text and offsets, with the speaker, date and event, the checkable claims "
    "inside them and the curators' reviews where the record disagrees."
)

REFERENCES: dict[tuple[str, str], str] = {
    ("claims", "event_id"): "events",
    ("claims", "reported_by"): "people",
    ("claims", "source_file"): "sources",
    ("claims", "speaker_id"): "people",
    ("claims", "subjects"): "subjects",
    ("segments", "reported_by"): "people",
    ("segments", "source_file"): "sources",
    ("segments", "speaker_id"): "people",
    ("sources", "event_id"): "events",
    ("subjects", "broader"): "subjects",
}
"""(table, column) -> the table whose ``id`` the column holds."""


CROISSANT_REFERENCED = frozenset(target for target in REFERENCES.values())
"""Tables other tables reference: their own references are left out of croissant.json (mlcroissant
1.1 reads a reference to itself as a cycle, and yields field names instead of records from a
table that both references and is referenced); datapackage.json keeps every one."""


def _dumps(document: Any) -> bytes:
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _shape(annotation: Any) -> tuple[str, Any]:
    """('scalar', type) | ('literal', values) | ('list', item annotation) | ('record', annotation)."""
    annotation, _ = _optional(annotation)
    if union_members(annotation) is not None:
        return "record", annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "literal", list(typing.get_args(annotation))
    if origin is list:
        return "list", typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "record", annotation
    return "scalar", annotation


def _description(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].description or name


# Croissant ---------------------------------------------------------------------------------

_CR_TYPES = {str: "sc:Text", int: "sc:Integer", float: "sc:Float", bool: "sc:Boolean", dt.date: "sc:Date"}


def croissant_context() -> dict[str, Any]:
    """The standard Croissant 1.1 JSON-LD ``@context``."""
    return {
        "@language": "en",
        "@vocab": "https://schema.org/",
        "arrayShape": "cr:arrayShape",
        "citeAs": "cr:citeAs",
        "column": "cr:column",
        "conformsTo": "dct:conformsTo",
        "containedIn": "cr:containedIn",
        "cr": "http://mlcommons.org/croissant/",
        "rai": "http://mlcommons.org/croissant/RAI/",
        "data": {"@id": "cr:data", "@type": "@json"},
        "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
        "dct": "http://purl.org/dc/terms/",
        "examples": {"@id": "cr:examples", "@type": "@json"},
        "equivalentProperty": "cr:equivalentProperty",
        "extract": "cr:extract",
        "field": "cr:field",
        "fileProperty": "cr:fileProperty",
        "fileObject": "cr:fileObject",
        "fileSet": "cr:fileSet",
        "format": "cr:format",
        "includes": "cr:includes",
        "isArray": "cr:isArray",
        "isLiveDataset": "cr:isLiveDataset",
        "jsonPath": "cr:jsonPath",
        "key": "cr:key",
        "md5": "cr:md5",
        "parentField": "cr:parentField",
        "path": "cr:path",
        "recordSet": "cr:recordSet",
        "references": "cr:references",
        "regex": "cr:regex",
        "repeated": "cr:repeated",
        "replace": "cr:replace",
        "samplingRate": "cr:samplingRate",
        "sc": "https://schema.org/",
        "separator": "cr:separator",
        "source": "cr:source",
        "subField": "cr:subField",
        "transform": "cr:transform",
    }


def _croissant_field(kind: str, name: str, model: type[BaseModel]) -> dict[str, Any] | None:
    """The Croissant field of one column, or None for a nested record (see datapackage.json)."""
    shape, inner = _shape(model.model_fields[name].annotation)
    array = False
    if shape == "list":
        array = True
        shape, inner = _shape(inner)
    if shape == "record":
        return None
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": f"{kind}/{name}",
        "name": name,
        "description": _description(model, name),
        "dataType": "sc:Text" if shape == "literal" else _CR_TYPES[_strip(inner)],
        "source": {"fileObject": {"@id": f"{kind}.parquet"}, "extract": {"column": name}},
    }
    if array:
        field["isArray"] = True
        field["arrayShape"] = "-1"
    target = REFERENCES.get((kind, name))
    if target is not None and kind not in CROISSANT_REFERENCED:
        field["references"] = {"field": {"@id": f"{target}/{KEYS[target]}"}}
    return field


def croissant(release: Release, files: dict[str, bytes]) -> bytes:
    """``croissant.json`` for the release folder's Parquet tables (``files`` gives their bytes)."""
    record_sets = []
    for kind, model in TABLES.items():
        fields = [f for name in model.model_fields if (f := _croissant_field(kind, name, model)) is not None]
        nested = [name for name in model.model_fields if _croissant_field(kind, name, model) is None]
        description = f"{model.__doc__ or kind} One row per record, {len(getattr(release, kind))} rows."
        if nested:
            description += (
                f" Nested columns of the Parquet file not listed as fields: {', '.join(nested)} "
                "(structs; their shapes are in datapackage.json and the Parquet schema)."
            )
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": kind,
                "name": kind,
                "description": description,
                "key": {"@id": f"{kind}/{KEYS[kind]}"},
                "field": fields,
            }
        )
    document = {
        "@context": croissant_context(),
        "@type": "sc:Dataset",
        "conformsTo": CROISSANT_VERSION,
        "name": "claimtrack",
        "description": DESCRIPTION,
        "version": release.version,
        "license": LICENSE_URL,
        "url": HOMEPAGE,
        "citeAs": _bibtex(release),
        "creator": {"@type": "Organization", "name": "claimtrack developers", "url": HOMEPAGE},
        "keywords": ["fact-checking", "quotations", "claims", "attribution", "ClaimReview"],
        "inLanguage": "en",
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": f"{kind}.parquet",
                "name": f"{kind}.parquet",
                "description": f"The {kind} table.",
                "contentUrl": f"{kind}.parquet",
                "contentSize": f"{len(files[f'{kind}.parquet'])} B",
                "encodingFormat": "application/x-parquet",
                "sha256": sha256_hex(files[f"{kind}.parquet"]),
            }
            for kind in TABLES
        ],
        "recordSet": record_sets,
    }
    return _dumps(document)


def _bibtex(release: Release) -> str:
    return (
        f"@misc{{claimtrack_{release.version.replace('.', '_')}, title = {{claimtrack: attributed "
        f"quotations and checkable claims}}, author = {{{{claimtrack developers}}}}, "
        f"version = {{{release.version}}}, url = {{{HOMEPAGE}}}}}"
    )


# Frictionless ------------------------------------------------------------------------------

_FL_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", dt.date: "date"}


def _frictionless_field(model: type[BaseModel], name: str) -> dict[str, Any]:
    info = model.model_fields[name]
    _, optional = _optional(info.annotation)
    shape, inner = _shape(info.annotation)
    field: dict[str, Any] = {"name": name, "description": _description(model, name)}
    if shape == "scalar":
        field["type"] = _FL_TYPES[_strip(inner)]
    elif shape == "literal":
        field["type"] = "string"
        field["constraints"] = {"enum": inner}
    elif shape == "list":
        field["type"] = "array"
    else:
        field["type"] = "object"
    if not optional and info.is_required():
        field.setdefault("constraints", {})["required"] = True
    return field


def datapackage(release: Release, files: dict[str, bytes]) -> bytes:
    """``datapackage.json`` for the release folder's JSON Lines tables."""
    resources = []
    for kind, model in TABLES.items():
        name = f"{kind}.jsonl"
        foreign = [
            {"fields": column, "reference": {"resource": target, "fields": KEYS[target]}}
            for (table, column), target in REFERENCES.items()
            if table == kind and _shape(model.model_fields[column].annotation)[0] == "scalar"
        ]
        schema: dict[str, Any] = {
            "fields": [_frictionless_field(model, field) for field in model.model_fields],
            "primaryKey": [KEYS[kind]],
        }
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": kind,
                "type": "table",
                "path": name,
                "format": "jsonl",
                "mediatype": "application/jsonl",
                "encoding": "utf-8",
                "bytes": len(files[name]),
                "hash": f"sha256:{sha256_hex(files[name])}",
                "description": (model.__doc__ or kind).strip(),
                "schema": schema,
            }
        )
    document = {
        "name": "claimtrack",
        "title": "claimtrack: attributed quotations and checkable claims",
        "description": DESCRIPTION,
        "version": release.version,
        "homepage": HOMEPAGE,
        "licenses": [{"name": LICENSE, "path": LICENSE_URL, "title": "MIT License"}],
        "keywords": ["fact-checking", "quotations", "claims"],
        "resources": resources,
    }
    return _dumps(document)


# The dataset card --------------------------------------------------------------------------


def size_category(count: int) -> str:
    """The Hugging Face size category of ``count`` rows."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")]
    for bound, name in bounds:
        if count < bound:
            return name
    return "1M<n<10M" if count < 10_000_000 else "n>10M"


def _front_matter(release: Release) -> str:
    lines = [
        "---",
        "license: mit",
        "language:",
        "- en",
        "pretty_name: claimtrack",
        "size_categories:",
        f"- {size_category(len(release.claims))}",
        "tags:",
        "- fact-checking",
        "- quotations",
        "- claims",
        "configs:",
    ]
    for kind in TABLES:
        lines += [f"- config_name: {kind}", f"  data_files: {kind}.parquet"]
        if kind == "claims":
            lines.append("  default: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def card(release: Release, files: dict[str, bytes], *, rights: dict[str, Rights] | None = None) -> bytes:
    """The dataset card ``README.md``: front matter, then what the data holds, counted from the release.

    ``rights``: source sha256 -> rights, for the sources of a release that records none (see
    ``claims.tables.files.release_files``); the card says where they come from.
    """
    claims = list(release.claims)
    sources = list(release.sources)
    people = {person.id: person for person in release.people}
    standing = [c for c in claims if c.retracted is None]
    reviewed = [c for c in claims if c.review is not None]
    speakers = Counter(c.speaker_id for c in standing)
    attributions = Counter(c.attribution for c in standing)
    ratings = Counter(c.review.rating for c in reviewed if c.review is not None)
    dates = sorted(c.date for c in claims)
    out: list[str] = [_front_matter(release)]
    out.append(f"# claimtrack {release.version}\n\n{DESCRIPTION}\n")
    out.append(
        "Every table is generated from the release file "
        f"`claimtrack-{release.version}.json` beside this folder by `claims release` (or "
        "`claims export --format parquet|jsonl`), and every file here is listed in "
        "`SHA256SUMS` one folder up.\n"
    )
    out.append("## Load it\n")
    out.append(
        "```python\n"
        "import datasets\n"
        f'claims = datasets.load_dataset("dataset/releases/claimtrack-{release.version}", "claims", split="train")\n'
        "```\n\n"
        "```python\n"
        "import claims\n"
        "ds = claims.load()                       # the same records, typed, bundled with the package\n"
        'ds.claims["000-c0001"]; ds.to_pandas("claims")\n'
        "```\n"
    )
    out.append("## Tables\n")
    out.append("| table | rows | key | Parquet | JSON Lines |\n|---|---|---|---|---|")
    for kind in TABLES:
        out.append(
            f"| {kind} | {len(getattr(release, kind))} | {KEYS[kind]} | `{kind}.parquet` "
            f"({len(files[f'{kind}.parquet'])} B) | `{kind}.jsonl` ({len(files[f'{kind}.jsonl'])} B) |"
        )
    out.append(
        "\nReferences between tables: "
        + "; ".join(f"{t}.{c} → {target}.id" for (t, c), target in REFERENCES.items())
        + ". Nested records are Parquet structs, lists are lists, dates are dates, closed "
        "vocabularies are dictionary-encoded strings. `croissant.json` (MLCommons Croissant "
        "1.1) and `datapackage.json` (Frictionless Data Package) describe the tables.\n"
    )
    out.append("## What the data holds\n")
    out.append(
        f"- {len(claims)} claims ({len(standing)} standing, {len(claims) - len(standing)} retracted), "
        f"said by {len(speakers)} speakers between {dates[0].isoformat() if dates else '-'} and "
        f"{dates[-1].isoformat() if dates else '-'}.\n"
        f"- Attribution: {', '.join(f'{k} {v}' for k, v in sorted(attributions.items()))}.\n"
        f"- {len(release.segments)} segments partition the {len(sources)} source texts by speaker; "
        f"{len(release.events)} events make the timeline; {len(release.subjects)} subjects tag the claims.\n"
        f"- {len(reviewed)} reviews: {', '.join(f'{k} {v}' for k, v in sorted(ratings.items())) or 'none'}.\n"
        "- Most quoted: "
        + ", ".join(
            f"{people[s].name if s in people else s} ({n})"
            for s, n in sorted(speakers.items(), key=lambda item: (-item[1], item[0]))[:5]
        )
        + ".\n"
    )
    out.append("## Sources and their rights\n")
    backfilled = False
    if rights:
        updated = []
        for source in sources:
            if source.rights is None and source.sha256 in rights:
                source = source.model_copy(update={"rights": rights[source.sha256]})
                backfilled = True
            updated.append(source)
        sources = updated
    if backfilled:
        out.append(
            "This release's records hold no rights (they were added in schema version 2); the "
            "rights below are those recorded later in `dataset/sources.json` for the same files "
            "(the same sha256).\n"
        )
    out.append("| source | kind | date | publisher | rights | holder |\n|---|---|---|---|---|---|")
    for source in sources:
        rights_of = source.rights
        out.append(
            f"| [{source.title}]({source.url}) | {source.kind} | {source.date.isoformat()} | "
            f"{source.publisher} | {rights_of.status if rights_of else 'not recorded'} | "
            f"{(rights_of.holder or '-') if rights_of else '-'} |"
        )
    out.append("")
    for source in sources:
        if source.rights is not None and source.rights.status != "public-domain":
            out.append(f"- `{source.file}` ({source.rights.holder}): {source.rights.basis}")
    missing = [s.file for s in sources if s.rights is None]
    if missing:
        out.append(f"- No rights are recorded for: {', '.join(missing)}.")
    out.append(
        "\nThe records (segments, claims, events, people, subjects, reviews) are released under "
        "the MIT license, as the code is. The source texts keep their own status above: U.S. "
        "government works are in the public domain; a copyrighted text is included only so that "
        "each quotation can be proven against it, and is not relicensed.\n"
    )
    out.append("## How it was curated\n")
    out.append(
        "1. Each source is kept byte for byte as received, with its sha256, publisher, url and "
        "how its date is known (stated in the text, the publisher's metadata, or inferred).\n"
        "2. Segments: every stretch of each text is assigned a speaker (or boilerplate), first "
        "proposed by `claims extract` from the speaker labels, then corrected by hand.\n"
        "3. Claims: quotations are chosen by hand, each anchored by its exact text, prefix, suffix "
        "and offsets, its speaker, date, event and subjects, and what it asserts that can be "
        "checked (meeting counts, ordinals, dates, quantities, titles, expectations).\n"
        "4. Reviews: `claims validate` checks every assertion against the timeline and the other "
        "documents; where the record disagrees, a curator writes a review with a rating, an "
        "explanation, the evidence, and its date.\n"
    )
    out.append("## Coverage and known gaps\n")
    publishers = Counter(source.publisher for source in sources)
    out.append(
        f"- {len(sources)} documents from {len(publishers)} publishers "
        f"({', '.join(sorted(publishers))}), on U.S.–French defence and diplomacy, "
        f"{min(s.date for s in sources).isoformat() if sources else '-'} to "
        f"{max(s.date for s in sources).isoformat() if sources else '-'}.\n"
        "- English only: French speakers appear as the interpreters rendered them "
        f"({sum(1 for c in standing if c.via_interpreter)} claims are an interpreter's words).\n"
        "- A small, hand-picked set: not a sample of what was said, nor of what was reported.\n"
        f"- {sum(len(s.errata) for s in sources)} defects of the texts as received are recorded as "
        "errata rather than fixed; offsets count into the texts as received.\n"
    )
    if reviewed:
        out.append("## Reviews\n")
        for claim in sorted(reviewed, key=lambda c: c.id):
            assert claim.review is not None
            review = claim.review
            speaker = people[claim.speaker_id].name if claim.speaker_id in people else claim.speaker_id
            out.append(f"### Review of {claim.id}\n")
            out.append(
                f"> {' '.join(claim.quote.split())}\n\n"
                f"{speaker}, {claim.date.isoformat()} (`{claim.source_file}`). "
                f"Rating: **{review.rating}**"
                + (f", reviewed {review.date.isoformat()}" if review.date else "")
                + f". {review.explanation}\n"
            )
    out.append("## Cite\n")
    out.append(f"See `CITATION.cff` in the repository ({HOMEPAGE}).\n\n```bibtex\n{_bibtex(release)}\n```\n")
    text = "\n".join(out)
    assert review_anchor("x")  # the headings above are what claims.export links to
    return text.encode("utf-8")

"""ClaimReview and Web Annotation exports: validated against the structure the specifications define."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from claims.cli import main
from claims.export import claim_reviews, export_bytes, web_annotations
from claims.reading import read_dataset
from claims.records import Release
from tests.verify_support import REPO, synthetic_release, write_release

IRI = {"type": "string", "pattern": r"^https?://\S+$"}
DAY = {"type": "string", "format": "date"}
NAMED = {
    "type": "object",
    "required": ["@type", "name"],
    "properties": {"name": {"type": "string", "minLength": 1}},
}
CREATIVE_WORK = {
    "type": "object",
    "required": ["@type", "url"],
    "properties": {"@type": {"const": "CreativeWork"}, "url": IRI},
}

CLAIM_REVIEW_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "schema.org ClaimReview (the properties fact-check consumers require)",
    "type": "object",
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "ClaimReview"},
        "url": IRI,
        "claimReviewed": {"type": "string", "minLength": 1, "maxLength": 75},
        "reviewBody": {"type": "string"},
        "datePublished": DAY,
        "author": {
            "allOf": [
                NAMED,
                {"properties": {"@type": {"const": "Organization"}, "name": {"const": "claimtrack"}}},
            ]
        },
        "reviewRating": {
            "type": "object",
            "required": ["@type", "ratingValue", "bestRating", "worstRating", "name", "alternateName"],
            "properties": {
                "@type": {"const": "Rating"},
                "name": {"type": "string", "minLength": 1},
                "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                "bestRating": {"const": 5},
                "worstRating": {"const": 1},
                "alternateName": {
                    "enum": ["accurate", "inaccurate", "misleading", "outdated", "unverifiable"]
                },
            },
        },
        "itemReviewed": {
            "type": "object",
            "required": ["@type", "author", "datePublished", "text", "appearance", "firstAppearance"],
            "properties": {
                "@type": {"const": "Claim"},
                "text": {"type": "string", "minLength": 1},
                "author": {"allOf": [NAMED, {"properties": {"@type": {"enum": ["Person", "Organization"]}}}]},
                "datePublished": DAY,
                "appearance": {"type": "array", "minItems": 1, "items": CREATIVE_WORK},
                "firstAppearance": CREATIVE_WORK,
            },
        },
    },
}

TEXTUAL_BODY = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"const": "TextualBody"},
        "value": {"type": "string", "minLength": 1},
        "purpose": {"enum": ["assessing", "describing", "identifying", "tagging", "commenting"]},
        "format": {"type": "string"},
    },
}
TEXT_QUOTE_SELECTOR = {
    "type": "object",
    "required": ["type", "exact"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "TextQuoteSelector"},
        "exact": {"type": "string", "minLength": 1},
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
    },
}
TEXT_POSITION_SELECTOR = {
    "type": "object",
    "required": ["type", "start", "end"],
    "additionalProperties": False,
    "properties": {
        "type": {"const": "TextPositionSelector"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}
ANNOTATION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "W3C Web Annotation (Data Model §3.1, §4.2.4, §4.2.5)",
    "type": "object",
    "required": ["@context", "id", "type", "generator", "body", "target"],
    "properties": {
        "@context": {"const": "http://www.w3.org/ns/anno.jsonld"},
        "id": IRI,
        "type": {"const": "Annotation"},
        "created": {"type": "string", "format": "date-time"},
        "generator": {
            "type": "object",
            "required": ["id", "type", "name"],
            "properties": {"id": IRI, "type": {"const": "Software"}, "name": {"type": "string"}},
        },
        "motivation": {"enum": ["assessing", "describing", "identifying", "tagging"]},
        "body": {"type": "array", "minItems": 1, "items": TEXTUAL_BODY},
        "target": {
            "type": "object",
            "required": ["source", "state", "selector"],
            "properties": {
                "source": IRI,
                "state": {
                    "type": "object",
                    "required": ["type", "cached", "sourceDate"],
                    "additionalProperties": False,
                    "properties": {
                        "type": {"const": "TimeState"},
                        "cached": IRI,
                        "sourceDate": {"type": "string", "format": "date-time"},
                    },
                },
                "selector": {
                    "type": "array",
                    "prefixItems": [TEXT_QUOTE_SELECTOR, TEXT_POSITION_SELECTOR],
                    "minItems": 2,
                    "maxItems": 2,
                },
            },
        },
    },
}


def validate(schema: dict[str, Any], documents: list[dict[str, Any]]) -> None:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for document in documents:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_schemas_reject_what_the_specifications_forbid() -> None:
    review = claim_reviews(synthetic_release())[0]
    broken = {**review, "reviewRating": {**review["reviewRating"], "ratingValue": 9}}
    assert list(Draft202012Validator(CLAIM_REVIEW_SCHEMA).iter_errors(broken))
    note = web_annotations(synthetic_release())[0]
    no_exact = {
        **note,
        "target": {
            **note["target"],
            "selector": [{"type": "TextQuoteSelector"}, note["target"]["selector"][1]],
        },
    }
    assert list(Draft202012Validator(ANNOTATION_SCHEMA).iter_errors(no_exact))


def test_claimreview_only_for_reviewed_claims() -> None:
    release = synthetic_release()
    reviews = claim_reviews(release)
    validate(CLAIM_REVIEW_SCHEMA, reviews)
    reviewed = [c for c in release.claims if c.review is not None]
    assert [r["itemReviewed"]["text"] for r in reviews] == [c.quote for c in reviewed]
    assert [r["claimReviewed"] for r in reviews] == [c.quote for c in reviewed]  # short enough
    review = reviews[0]
    assert review["reviewRating"]["alternateName"] == review["reviewRating"]["name"] == "misleading"
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["url"].endswith(
        f"/dataset/releases/claimtrack-{release.version}/README.md#review-of-100-c0001"
    )
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Anna Alpha"}
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://example.org/press-conference"
    assert review["datePublished"] == "2020-03-01"  # the review's date, not the claim's (2020-01-02)
    assert review["itemReviewed"]["datePublished"] == "2020-01-02"


def test_claim_reviewed_is_cut_at_a_word_within_75_characters() -> None:
    from claims.export.claimreview import shortened

    quote = "The Vienna talks will resume in the coming days, and we expect a seventh round soon after that."
    short = shortened(quote)
    assert len(short) <= 75 and short.endswith("…")
    assert quote.startswith(short[:-1]) and quote[len(short) - 1] == " "
    assert shortened("Short enough.") == "Short enough."


def test_review_without_a_date_has_no_date_published() -> None:
    release = synthetic_release()
    claim = next(c for c in release.claims if c.review is not None)
    assert claim.review is not None
    undated = claim.model_copy(update={"review": claim.review.model_copy(update={"date": None})})
    changed = Release.model_construct(**{**dict(release), "claims": [undated]})
    [review] = claim_reviews(changed)
    assert "datePublished" not in review
    [note] = web_annotations(changed)
    assert "created" not in note


def test_annotation_for_every_claim_with_selectors_on_its_source() -> None:
    release = synthetic_release()
    notes = web_annotations(release)
    validate(ANNOTATION_SCHEMA, notes)
    assert len(notes) == len(release.claims)
    texts = {s.url: s.text or "" for s in release.sources}
    for note, claim in zip(notes, sorted(release.claims, key=lambda c: c.id), strict=True):
        quote, position = note["target"]["selector"]
        text = texts[note["target"]["source"]]
        assert text[position["start"] : position["end"]] == quote["exact"] == claim.quote
        assert text[: position["start"]].endswith(quote.get("prefix", ""))
        assert text[position["end"] :].startswith(quote.get("suffix", ""))
        assert claim.id in note["body"][0]["value"] and claim.speaker_id in note["body"][0]["value"]
        assert note["target"]["state"]["cached"].endswith(
            f"/blob/v{release.version}/dataset/sources/{claim.source_file}"
        )
        assert note["generator"]["name"] == f"claimtrack {release.version}"
        assert ("created" in note) == (claim.review is not None)
    reviewed = next(n for n in notes if n["motivation"] == "assessing")
    assert reviewed["created"] == "2020-03-01T00:00:00Z"


def test_retracted_claims_are_not_exported() -> None:
    release = synthetic_release()
    first = release.claims[0].model_copy(update={"retracted": {"reason": "x", "version": "0.1.0"}})
    changed = Release.model_construct(**{**dict(release), "claims": [first, *release.claims[1:]]})
    assert first.id not in {n["id"].rsplit("#", 1)[1] for n in web_annotations(changed)}
    assert claim_reviews(changed) == []


@pytest.mark.parametrize("export_format", ["claimreview", "annotation"])
def test_export_is_deterministic(export_format: str) -> None:
    assert export_bytes(synthetic_release(), export_format) == export_bytes(
        synthetic_release(), export_format
    )


def test_real_dataset_exports_validate() -> None:
    release = read_dataset(REPO / "dataset").release
    reviews = claim_reviews(release)
    validate(CLAIM_REVIEW_SCHEMA, reviews)
    assert reviews and all("datePublished" in review for review in reviews)  # every review is dated
    notes = web_annotations(release)
    validate(ANNOTATION_SCHEMA, notes)
    assert len(notes) == len([c for c in release.claims if c.retracted is None])
    for note in notes:  # the snapshot each annotation pins is a file of the repository
        path = note["target"]["state"]["cached"].split(f"/blob/v{release.version}/", 1)[1]
        assert (REPO / path).is_file(), path


def test_cli_writes_atomically_and_refuses_to_overwrite(tmp_path: Path) -> None:
    release = write_release(tmp_path)
    out = tmp_path / "out" / "reviews.jsonld"
    runner = CliRunner()
    args = ["export", "--format", "claimreview", "--dataset", str(release), "--output", str(out)]
    first = runner.invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0
    validate(CLAIM_REVIEW_SCHEMA, orjson.loads(out.read_bytes()))
    again = runner.invoke(main, args, catch_exceptions=False)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    forced = runner.invoke(main, [*args, "--force"], catch_exceptions=False)
    assert forced.exit_code == 0
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_cli_prints_to_stdout(tmp_path: Path) -> None:
    release = write_release(tmp_path)
    result = CliRunner().invoke(main, ["export", "--format", "annotation", "--dataset", str(release)])
    assert result.exit_code == 0
    validate(ANNOTATION_SCHEMA, orjson.loads(result.stdout_bytes))


def test_cli_unknown_format_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--dataset", str(write_release(tmp_path))]
    )
    assert result.exit_code == 2

"""The published schema is the contract: mutations of a valid release, judged by the schema and by
``claims validate``, must agree (issue 16).

The release is built from the repository's dataset (which ``claims validate`` calls valid). Each
mutation gives one field the wrong JSON type, a string that looks like a number, a boolean or a date,
a collection as an object, a string or null, an impossible date, a bad URL, or an extra or a missing
key. ``schema/release.schema.json`` is checked with ``jsonschema`` (Draft 2020-12, format checking on).
For every mutation the schema rejects, ``claims validate`` must not call the release valid; where
``claims validate`` is stricter than JSON Schema can express, ``STRICTER`` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from tests.hostile_support import invoke, no_traceback
from tests.release_support import REPO

pytestmark = pytest.mark.timeout(120)

DELETE = object()
"""A mutation's value that removes the key."""

Path_ = tuple[str | int, ...]


def _metadata_source(raw: dict[str, Any]) -> int:
    return next(i for i, s in enumerate(raw["sources"]) if s["date_basis"]["method"] == "metadata")


MUTATIONS: dict[str, tuple[Path_, Any]] = {
    # strings that look like numbers, booleans and dates; numbers of the wrong kind
    "offset-as-string": (("claims", 0, "span", "start"), "759"),
    "offset-padded-string": (("claims", 0, "span", "start"), " 759 "),
    "offset-underscored-string": (("claims", 0, "span", "start"), "7_5_9"),
    "offset-fraction": (("claims", 0, "span", "start"), 7.5),
    "offset-negative": (("claims", 0, "span", "start"), -1),
    "offset-null": (("claims", 0, "span", "end"), None),
    "offset-boolean": (("claims", 0, "span", "end"), True),
    "boolean-as-string": (("claims", 0, "via_interpreter"), "false"),
    "boolean-as-number": (("claims", 0, "via_interpreter"), 0),
    "boolean-null": (("claims", 0, "via_interpreter"), None),
    "anonymous-on": (("people", 0, "anonymous"), "on"),
    "turn-as-string": (("segments", 0, "turn"), "0"),
    "date-with-time": (("claims", 0, "date"), "2016-11-28T00:00:00Z"),
    "date-basic-format": (("claims", 0, "date"), "20161128"),
    "date-impossible-day": (("claims", 0, "date"), "2016-02-30"),
    "date-impossible-month": (("claims", 0, "date"), "2016-13-01"),
    "date-as-number": (("claims", 0, "date"), 20161128),
    "source-date-with-time": (("sources", 0, "date"), "2016-11-28T12:00:00"),
    "event-date-impossible": (("events", 0, "date"), "2015-11-31"),
    "quote-as-number": (("claims", 0, "quote"), 5),
    "quote-as-array": (("claims", 0, "quote"), ["x"]),
    "quote-as-object": (("claims", 0, "quote"), {}),
    "subjects-as-string": (("claims", 0, "subjects"), "defence"),
    "subjects-empty": (("claims", 0, "subjects"), []),
    "subjects-null": (("claims", 0, "subjects"), None),
    "span-as-array": (("claims", 0, "span"), [0, 10]),
    "schema-version-as-string": (("schema_version",), "2"),
    "schema-version-zero": (("schema_version",), 0),
    "version-not-semver": (("version",), "1.0"),
    "version-as-number": (("version",), 1),
    "name-other": (("name",), "othertrack"),
    # each collection as an object, a string or null
    "claims-object": (("claims",), {}),
    "claims-string": (("claims",), ""),
    "claims-null": (("claims",), None),
    "segments-object": (("segments",), {}),
    "people-string": (("people",), "people"),
    "sources-null": (("sources",), None),
    "events-object": (("events",), {}),
    "subjects-number": (("subjects",), 3),
    # bad URLs
    "url-not-a-url": (("sources", 0, "url"), "not a url"),
    "url-relative": (("sources", 0, "url"), "/press/release"),
    "url-ftp": (("sources", 0, "url"), "ftp://example.org/x"),
    "url-javascript": (("sources", 0, "url"), "javascript:alert(1)"),
    "url-no-host": (("sources", 0, "url"), "https://"),
    "url-with-space": (("sources", 0, "url"), "https://example.org/a b"),
    "event-evidence-url-bare-host": (("events", 0, "evidence", 0, "url"), "example.org"),
    # extra and missing keys
    "release-extra-key": (("colour",), "red"),
    "claim-extra-key": (("claims", 0, "colour"), "red"),
    "span-extra-key": (("claims", 0, "span", "length"), 3),
    "claim-missing-quote": (("claims", 0, "quote"), DELETE),
    "source-missing-text": (("sources", 0, "text"), DELETE),
    "source-text-null": (("sources", 0, "text"), None),
    "source-missing-sha256": (("sources", 0, "sha256"), DELETE),
    "release-missing-events": (("events",), DELETE),
    "segment-missing-kind": (("segments", 0, "kind"), DELETE),
    # what JSON Schema cannot say (see STRICTER)
    "schema-version-fraction-zero": (("schema_version",), 2.0),
    "turn-fraction-zero": (("segments", 0, "turn"), 0.0),
    "claim-id-repeated": (("claims", 1, "id"), "<claims[0].id>"),
    "speaker-unknown": (("claims", 0, "speaker_id"), "no-such-person"),
    "quote-not-the-source-text": (("claims", 0, "quote"), "<altered>"),
}

STRICTER: dict[str, str] = {
    "schema-version-fraction-zero": "JSON Schema's integer is any number with no fraction, 2.0 included; "
    "the release is data, read strictly: 2.0 is not the integer 2",
    "turn-fraction-zero": "the same: 0.0 is an integer to JSON Schema, not to claims validate",
    "claim-id-repeated": "unique ids across records: JSON Schema cannot compare one item's field with another's",
    "speaker-unknown": "references between records resolve: beyond JSON Schema",
    "quote-not-the-source-text": "a quote equals its source's text at its span: beyond JSON Schema",
}
"""Mutations the schema accepts and ``claims validate`` refuses, and why the schema cannot refuse them."""


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("mutations") / "release.json"
    built = invoke(["build", str(REPO / "dataset"), "--output", str(path)])
    assert built.exit_code == 0, built.output
    return dict(orjson.loads(path.read_bytes()))


@pytest.fixture(scope="module")
def schema() -> Draft202012Validator:
    published = orjson.loads((REPO / "schema" / "release.schema.json").read_bytes())
    Draft202012Validator.check_schema(published)
    return Draft202012Validator(published, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _mutated(raw: dict[str, Any], path: Path_, value: Any) -> Any:
    copy = orjson.loads(orjson.dumps(raw))
    target = copy
    for part in path[:-1]:
        target = target[part]
    if value is DELETE:
        del target[path[-1]]
    elif value == "<claims[0].id>":
        target[path[-1]] = copy["claims"][0]["id"]
    elif value == "<altered>":
        target[path[-1]] = target[path[-1]] + " (altered)"
    else:
        target[path[-1]] = value
    return copy


def _validate(tmp_path: Path, data: Any) -> tuple[int, list[str]]:
    path = tmp_path / "mutated.json"
    path.write_bytes(orjson.dumps(data))
    result = invoke(["validate", str(path), "--format", "json", "--jobs", "1"])
    no_traceback(result)
    if result.exit_code == 2:
        return 2, []
    report = orjson.loads(result.stdout)
    return result.exit_code, sorted({p["code"] for p in report["errors"]})


def test_the_suite_is_large_enough_and_its_base_is_valid(
    release: dict[str, Any], schema: Draft202012Validator, tmp_path: Path
) -> None:
    assert len(MUTATIONS) - len(STRICTER) >= 40
    assert list(schema.iter_errors(release)) == []
    assert _validate(tmp_path, release) == (0, [])


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_schema_and_validate_agree_on_each_mutation(
    release: dict[str, Any], schema: Draft202012Validator, tmp_path: Path, name: str
) -> None:
    path, value = MUTATIONS[name]
    data = _mutated(release, path, value)
    schema_errors = [(list(e.absolute_path), e.validator) for e in schema.iter_errors(data)]
    exit_code, codes = _validate(tmp_path, data)
    assert exit_code in {1, 2}, f"claims validate called {name} valid"
    if name in STRICTER:
        assert schema_errors == [], f"{name} is listed as beyond the schema, yet it rejects it"
    else:
        assert schema_errors, (
            f"the schema accepts {name}, which claims validate refuses ({exit_code}, {codes})"
        )
    if exit_code == 1 and name not in STRICTER:
        assert {"record-invalid", "source-text-missing"} & set(codes), codes


def test_a_wrong_type_is_reported_at_its_path_with_what_was_expected(
    release: dict[str, Any], tmp_path: Path
) -> None:
    data = _mutated(release, ("claims", 0, "span", "start"), "759")
    path = tmp_path / "typed.json"
    path.write_bytes(orjson.dumps(data))
    result = invoke(["validate", str(path), "--format", "json", "--jobs", "1"])
    errors = orjson.loads(result.stdout)["errors"]
    invalid = [e for e in errors if e["code"] == "record-invalid"]
    assert [e["path"] for e in invalid] == ["$.claims[0].span.start"]
    assert "expected an integer, found a string" in invalid[0]["message"]


def test_load_returns_no_coerced_value(release: dict[str, Any], tmp_path: Path) -> None:
    """``claims.load`` refuses what the schema refuses: no "759" becomes 759, no "on" becomes True."""
    import claims
    from claims.errors import InputError

    cases: list[tuple[Path_, Any]] = [
        (("claims", 0, "span", "start"), "759"),
        (("claims", 0, "via_interpreter"), "false"),
        (("people", 0, "anonymous"), "on"),
        (("claims", 0, "date"), "2016-11-28T00:00:00Z"),
        (("segments", 0, "turn"), "0"),
    ]
    for path, value in cases:
        target = tmp_path / "coerced.json"
        target.write_bytes(orjson.dumps(_mutated(release, path, value)))
        with pytest.raises(InputError, match="expected"):
            claims.load(target)


def _every_url_field(schema: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"url", "urls", "repository"}:
                    found.append(f"{where}.{key}")
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(schema.get("$defs", {}), "$defs")
    return found


URL_CHECK: Callable[[Any], bool] = lambda node: "format" in str(node) and "https?" in str(node)  # noqa: E731


def test_every_url_field_of_the_schema_is_an_absolute_http_url() -> None:
    schema = orjson.loads((REPO / "schema" / "release.schema.json").read_bytes())
    fields = [f for f in _every_url_field(schema) if ".properties." in f]
    assert fields, "no url field found"
    for where in fields:
        node: Any = schema
        for part in where.replace("[", ".[").split("."):
            if part.startswith("["):
                node = node[int(part[1:-1])]
            elif part:
                node = node[part]
        assert URL_CHECK(node), where


# --- item 3: the Web Annotation export never emits a target that is not an absolute http(s) URL ----


@pytest.mark.parametrize("url", ["not a url", "/press", "ftp://example.org/x", "example.org", "https://"])
def test_a_source_url_that_is_not_absolute_http_is_refused_by_the_model(url: str) -> None:
    from pydantic import ValidationError

    from claims.records import Source

    good = orjson.loads((REPO / "dataset" / "sources.json").read_bytes())[0]
    with pytest.raises(ValidationError):
        Source.model_validate({**good, "url": url})


def test_every_annotation_target_is_an_absolute_http_url(release: dict[str, Any], tmp_path: Path) -> None:
    from urllib.parse import urlsplit

    path = tmp_path / "release.json"
    path.write_bytes(orjson.dumps(release))
    result = invoke(["export", "--format", "annotation", "--dataset", str(path)])
    assert result.exit_code == 0, result.stderr
    exported = orjson.loads(result.stdout)
    items = (
        exported
        if isinstance(exported, list)
        else exported.get("items") or exported.get("first", {}).get("items")
    )
    assert items
    for item in items:
        target = urlsplit(item["target"]["source"])
        assert target.scheme in {"http", "https"} and target.netloc, item["target"]["source"]


def test_export_refuses_a_release_with_a_bad_url_and_writes_nothing(
    release: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "release.json"
    path.write_bytes(orjson.dumps(_mutated(release, ("sources", 0, "url"), "not a url")))
    output = tmp_path / "annotations.json"
    result = invoke(["export", "--format", "annotation", "--dataset", str(path), "--output", str(output)])
    no_traceback(result)
    assert result.exit_code == 2
    assert "$.sources[0].url" in result.stderr
    assert not output.exists()

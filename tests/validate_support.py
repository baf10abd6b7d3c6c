"""Tampering for the validate tests: a copy of the real dataset (copy, find a record, change, validate), or
of its release file (``tampered_release``), and the one-process report to compare with."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claims.checksums import SUMS_NAME, sha256_hex
from claims.jsonio import dumps, read_json
from claims.layout import layout_bytes, layout_name, layout_of
from claims.problem import Problem
from claims.reading import read_release_file
from claims.validation import Report, validate
from claims.validation.pipeline import validate_loaded

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
RELEASE = DATASET / "releases" / "claimtrack-1.0.0.json"

ClaimPredicate = Callable[[dict[str, Any]], bool]


def copy_dataset(tmp_path: Path) -> Path:
    """A copy of the repository's dataset (releases left out) to tamper with."""
    if not (DATASET / "claims").is_dir() or not any((DATASET / "claims").glob("*.json")):
        pytest.skip("dataset/claims/ holds no curated claims yet")
    target = tmp_path / "dataset"
    shutil.copytree(DATASET, target, ignore=shutil.ignore_patterns("releases"))
    return target


def one_process(path: Path) -> Report:
    """The report of the one-process path (every record validated in one pass, then every check)."""
    return validate_loaded(read_release_file(path))


def tampered_release(tmp_path: Path, change: Any) -> Path:
    """The real release with ``change(raw)`` applied, written beside no SHA256SUMS."""
    raw = read_json(RELEASE)
    change(raw)
    path = tmp_path / "release.json"
    path.write_bytes(dumps(raw))
    return path


def vouch(path: Path, *, layout: bool = True) -> Path:
    """List release ``path`` in a ``SHA256SUMS`` beside it, as ``claims release`` does, with its layout
    manifest written from its bytes and listed too when ``layout`` (the bytes must be canonical)."""
    data = path.read_bytes()
    lines = {path.name: sha256_hex(data)}
    manifest = path.with_name(layout_name(path.name))
    if layout:
        found = layout_of(data, path.name)
        assert found is not None, f"{path} is not laid out as claims release writes it"
        manifest.write_bytes(layout_bytes(found))
        lines[manifest.name] = sha256_hex(manifest.read_bytes())
    elif manifest.exists():
        manifest.unlink()
    (path.parent / SUMS_NAME).write_text("".join(f"{lines[name]}  {name}\n" for name in sorted(lines)))
    return path


def load(path: Path) -> Any:
    """Parsed JSON of a dataset file."""
    return read_json(path)


def save(path: Path, value: Any) -> None:
    """Write JSON the way the dataset is written."""
    path.write_bytes(dumps(value))


def find_claim(root: Path, predicate: ClaimPredicate, reason: str) -> tuple[Path, int, dict[str, Any]]:
    """The first claim (file, index, record) matching ``predicate``; skip the test when there is none."""
    for path in sorted((root / "claims").glob("*.json")):
        for index, claim in enumerate(load(path)):
            if predicate(claim):
                return path, index, claim
    pytest.skip(f"no claim {reason} in dataset/claims yet")


def edit_claim(
    root: Path, predicate: ClaimPredicate, reason: str, change: Callable[[dict[str, Any]], None]
) -> dict[str, Any]:
    """Find a claim, change it in place in the copy, and return the changed record."""
    path, index, _ = find_claim(root, predicate, reason)
    records = load(path)
    record: dict[str, Any] = records[index]
    change(record)
    save(path, records)
    return record


def edit_file(path: Path, change: Callable[[Any], None]) -> None:
    """Change a whole JSON file of the copy."""
    value = load(path)
    change(value)
    save(path, value)


def has_assertion(kind: str, **fields: Any) -> ClaimPredicate:
    """A predicate: the claim has an assertion of ``kind`` whose fields include ``fields``."""

    def predicate(claim: dict[str, Any]) -> bool:
        return any(
            a["kind"] == kind and all(a.get(k) == v for k, v in fields.items())
            for a in claim.get("assertions", [])
        )

    return predicate


def assertion_of(claim: dict[str, Any], kind: str, **fields: Any) -> dict[str, Any]:
    """The claim's first assertion of ``kind`` with ``fields``."""
    return next(
        a for a in claim["assertions"] if a["kind"] == kind and all(a.get(k) == v for k, v in fields.items())
    )


def problems(report: Report, code: str) -> list[Problem]:
    """Errors and warnings with ``code``."""
    return [p for p in [*report.errors, *report.warnings] if p.code == code]


def errors_naming(report: Report, code: str, record_id: str) -> list[Problem]:
    """Errors with ``code`` whose ids include ``record_id``."""
    return [p for p in report.errors if p.code == code and record_id in p.ids]


def codes_naming(report: Report, record_id: str) -> set[str]:
    """Codes of every error and warning naming ``record_id``."""
    return {p.code for p in [*report.errors, *report.warnings] if record_id in p.ids}


def baseline(root: Path) -> Report:
    """The report of the untampered copy."""
    return validate(root)

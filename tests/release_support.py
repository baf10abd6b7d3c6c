"""Small datasets and helpers for the release tests: built in tmp_path, never in the repository."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import claims
from claims.problem import Problem
from claims.reading import Loaded
from claims.records.source import source_stem
from tests.synthetic import sha256_of, write_dataset, write_json

REPO = Path(__file__).resolve().parent.parent
SOURCE_NAME = "001_0123456789abcdef.txt"
SOURCE_TEXT = (
    "MODERATOR: Welcome to the press conference.\n"
    "SEC. CARTER: This is our fourth meeting in five months. France is a great ally.\n"
    "MIN. LE DRIAN (THROUGH TRANSLATOR): We will meet again in December.\n"
)
PEOPLE: list[dict[str, Any]] = [
    {"id": "ashton-carter", "name": "Ashton Carter", "aliases": ["SEC. CARTER", "Carter"]},
    {"id": "jean-yves-le-drian", "name": "Jean-Yves Le Drian", "aliases": ["MIN. LE DRIAN"]},
    {"id": "moderator-001", "name": "Moderator", "anonymous": True, "scope": SOURCE_NAME},
]
SUBJECTS: list[dict[str, Any]] = [
    {"id": "counter-isil-campaign", "name": "Counter-ISIL campaign", "description": "The war on ISIL."}
]
EVENTS: list[dict[str, Any]] = [
    {
        "id": "carter-le-drian-meeting-2016-11-28",
        "kind": "bilateral-meeting",
        "name": "Carter and Le Drian meet",
        "date": "2016-11-28",
        "participants": ["ashton-carter", "jean-yves-le-drian"],
        "evidence": [{"source_file": SOURCE_NAME}],
    }
]


def claim(claim_id: str, quote: str, speaker: str = "ashton-carter", **extra: Any) -> dict[str, Any]:
    """A direct claim of the synthetic source whose span, prefix and suffix are computed from the text."""
    start = SOURCE_TEXT.index(quote)
    end = start + len(quote)
    return {
        "id": claim_id,
        "speaker_id": speaker,
        "date": "2016-11-28",
        "subjects": ["counter-isil-campaign"],
        "quote": quote,
        "source_file": SOURCE_NAME,
        "span": {"start": start, "end": end},
        "prefix": SOURCE_TEXT[max(0, start - 32) : start],
        "suffix": SOURCE_TEXT[end : end + 32],
        "attribution": "direct",
        **extra,
    }


FIRST_CLAIM = claim("001-c0001", "This is our fourth meeting in five months.")
SECOND_CLAIM = claim("001-c0002", "France is a great ally.")


def synthetic_dataset(root: Path, claims: list[dict[str, Any]] | None = None) -> Path:
    """A one-source dataset (no segments) under ``root/dataset``; returns the dataset path."""
    return write_dataset(
        root / "dataset",
        texts={SOURCE_NAME: SOURCE_TEXT},
        sources=[
            {
                "id": SOURCE_NAME,
                "file": SOURCE_NAME,
                "sha256": sha256_of(SOURCE_TEXT),
                "title": "Joint press conference",
                "publisher": "Example Ministry",
                "url": "https://example.org/press",
                "kind": "transcript",
                "date": "2016-11-28",
                "date_basis": {"method": "metadata", "url": "https://example.org/press"},
            }
        ],
        people=PEOPLE,
        subjects=SUBJECTS,
        events=EVENTS,
        claims={SOURCE_NAME: [FIRST_CLAIM, SECOND_CLAIM] if claims is None else claims},
    )


def set_claims(dataset: Path, claims: list[dict[str, Any]]) -> None:
    """Replace the synthetic source's claims file."""
    write_json(dataset / "claims" / f"{source_stem(SOURCE_NAME)}.json", claims)


def copy_real_dataset(root: Path) -> Path:
    """Copy the repository's dataset (without its releases) to ``root/dataset``."""
    target = root / "dataset"
    shutil.copytree(REPO / "dataset", target, ignore=shutil.ignore_patterns("releases"))
    return target


def first_cut_version(dataset: Path) -> str:
    """A version at which ``dataset`` (with no releases) can be cut first: the newest release named by
    any of its retractions or corrections (each must be made in the release that first carries it)."""
    from claims.releasing.semver import parse_version

    named = [
        version
        for claim in claims.load(dataset).claims
        for version in [
            *(c.version for c in claim.corrections),
            *([claim.retracted.version] if claim.retracted else []),
        ]
    ]
    return max(named, key=parse_version, default="7.0.0")


def write_changelog(path: Path, version: str) -> Path:
    """A Keep a Changelog file whose newest released heading is ``version``."""
    path.write_text(
        f"# Changelog\n\n## [Unreleased]\n\n## [{version}] - 2026-11-22\n\n### Added\n- Everything.\n\n"
        "## [0.0.1] - 2026-01-01\n",
        encoding="utf-8",
    )
    return path


def records_only(dataset: Path, loaded: Loaded) -> tuple[list[Problem], str]:
    """A stand-in for ``claims validate``: only records that do not read block the release."""
    return [p for p in loaded.problems if p.severity == "error"], "records-only"

"""The one table of codes: documented in docs/codes.md, stable kebab-case, and every code used is in it."""

from __future__ import annotations

import re
from pathlib import Path

from claims.codes import CODES, codes_markdown

REPO = Path(__file__).resolve().parent.parent
USED = re.compile(r'(?:make_problem\(\s*|_problem\(\s*|code=)"([a-z0-9-]+)"')
MAPPED = re.compile(r'^\s+"[a-z]+": "([a-z0-9-]+)",$', re.MULTILINE)
"""Codes chosen by kind from a mapping (``integrity.REFERENCE_CODES``)."""


def _used_codes() -> set[str]:
    files = [
        *sorted((REPO / "claims" / "validation").glob("*.py")),
        *sorted((REPO / "claims" / "releasing").glob("*.py")),
        REPO / "claims" / "dataset.py",
        REPO / "claims" / "checksums.py",
    ]
    used = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = {code for pattern in (USED, MAPPED) for code in pattern.findall(text)}
        if path.name == "diff.py":  # `claims release` reports a breaking change as breaking-<code>
            found = {f"breaking-{code}" for code in found}
        used |= found
    return used


def test_docs_table_is_generated_from_the_code_table() -> None:
    assert (REPO / "docs" / "codes.md").read_text(encoding="utf-8") == codes_markdown()


def test_codes_are_kebab_case() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code) for code in CODES)


def test_every_code_used_is_in_the_table_and_every_code_is_used() -> None:
    used = _used_codes()
    assert used - set(CODES) == set()
    assert set(CODES) - used == set()


def test_findings_are_errors_until_reviewed() -> None:
    assert all(info.severity == "error" for info in CODES.values() if info.finding)

"""CITATION.cff and LICENSE: present, well formed, and the citation's version always the package's."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import claims

REPO = Path(__file__).resolve().parent.parent


def _cff() -> dict[str, str]:
    """The top-level scalar keys of CITATION.cff (a YAML subset: 'key: value' lines)."""
    fields: dict[str, str] = {}
    for line in (REPO / "CITATION.cff").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([a-z-]+): (.+)", line)
        if match:
            fields[match.group(1)] = match.group(2).strip().strip('"')
    return fields


def test_citation_version_is_the_package_version() -> None:
    cff = _cff()
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == claims.__version__
    assert cff["license"] == "MIT"
    assert cff["title"] and cff["message"] and cff["type"] == "dataset"


def test_citation_release_date_is_the_changelog_date_of_its_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    dated = dict(re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, flags=re.MULTILINE))
    cff = _cff()
    if claims.__version__ in dated:
        assert cff["date-released"] == dated[claims.__version__]


def test_license_file_is_mit_as_pyproject_says() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text


def test_every_source_of_the_dataset_records_its_rights() -> None:
    release = claims.load(REPO / "dataset")
    for source in release.sources:
        assert source.rights is not None, source.file
        assert source.rights.basis
        if source.rights.status == "copyrighted":
            assert source.rights.holder, source.file
    statuses = {s.publisher: s.rights.status for s in release.sources if s.rights is not None}
    assert {v for k, v in statuses.items() if k.startswith("U.S.")} == {"public-domain"}

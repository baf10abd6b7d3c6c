"""The one table of codes: documented in docs/codes.md, stable kebab-case, every code the package reports is
in it, and the problems a validation reports carry the code, the ids and the table's severity."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claims.codes import CODES, codes_markdown
from claims.jsonio import read_json
from claims.validation import validate
from tests.release_support import FIRST_CLAIM, SECOND_CLAIM, set_claims, synthetic_dataset
from tests.synthetic import write_json

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "claims"

FACTORIES = {
    "make_problem": 0,
    "_problem": 0,
    "claim_problem": 0,
    "segment_problem": 0,
    "Problem": None,
    "BreakingChange": None,
}
"""The calls that build a ``Problem`` (or a ``claims diff`` breaking change, which ``claims release`` reports
as ``breaking-<code>``), and the position of their code argument (``None``: ``code=`` only)."""

BREAKING = "f'breaking-{change.code}'"
"""The one code built from others: a breaking change's code, prefixed (``releasing/cut.py``)."""

FACTORY_BODIES = {
    ("codes.py", "make_problem"),
    ("releasing/cut.py", "_problem"),
    ("validation/context.py", "claim_problem"),
    ("validation/context.py", "segment_problem"),
}
"""The factories themselves, which pass on the code they are given."""


def _code_argument(call: ast.Call) -> ast.expr | None:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name not in FACTORIES:
        return None
    position = FACTORIES[name]
    if position is not None and len(call.args) > position:
        return call.args[position]
    return next((keyword.value for keyword in call.keywords if keyword.arg == "code"), None)


def _reported_codes() -> dict[str, set[str]]:
    """Every code a module of the package builds a problem with -> the modules (relative to claims/).

    Read from the syntax tree of every module (none left out): the code of each factory call, and
    the codes of mappings named ``*_CODES`` that calls choose from by kind. A code the scan cannot
    read (computed, or from another variable) fails the test, so nothing escapes it.
    """
    found: dict[str, set[str]] = {}
    breaking: dict[str, set[str]] = {}
    unreadable: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exempt = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and (module, function.name) in FACTORY_BODIES
            for node in ast.walk(function)
        }
        mapped: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id.endswith("_CODES") for t in targets):
                    mapped |= {t.id for t in targets if isinstance(t, ast.Name)}
                    for value in node.value.values:
                        assert isinstance(value, ast.Constant), ast.unparse(value)
                        found.setdefault(value.value, set()).add(module)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in exempt:
                continue
            code = _code_argument(node)
            if code is None:
                continue
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                kept = breaking if ast.unparse(node.func).endswith("BreakingChange") else found
                kept.setdefault(code.value, set()).add(module)
            elif ast.unparse(code) == BREAKING:
                breaking.setdefault("", set()).add(module)
            elif not (
                isinstance(code, ast.Subscript)
                and isinstance(code.value, ast.Name)
                and code.value.id in mapped
            ):
                unreadable.append(f"{module}:{node.lineno}: {ast.unparse(code)}")
    assert unreadable == [], "codes the scan cannot read"
    prefixing = breaking.pop("", set())
    assert prefixing and breaking, "the breaking-<code> problems and the breaking changes are both seen"
    for code in breaking:
        found.setdefault(f"breaking-{code}", set()).update(prefixing)
    return found


def test_docs_table_is_generated_from_the_code_table() -> None:
    assert (REPO / "docs" / "codes.md").read_text(encoding="utf-8") == codes_markdown()


def test_codes_are_kebab_case() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code) for code in CODES)


def test_the_scan_sees_each_kind_of_call() -> None:
    found = _reported_codes()
    assert "quote-mismatch" in found  # make_problem("...")
    assert found["record-invalid"] >= {"reading.py"}  # make_problem("...") in reading
    assert found["release-exists"] == {"releasing/cut.py"}  # _problem("...")
    assert found["breaking-claim-removed"] == {"releasing/cut.py"}  # _problem(f"breaking-{change.code}")


def test_every_code_reported_is_in_the_table_and_every_code_is_reported() -> None:
    found = _reported_codes()
    assert set(found) - set(CODES) == set()
    assert set(CODES) - set(found) == set()


def test_release_codes_are_reported_by_releasing_only() -> None:
    found = _reported_codes()
    release = {code for code, info in CODES.items() if info.family == "release"}
    assert release >= {"release-exists", "breaking-claim-removed", "listed-release-missing"}
    for code in release:
        assert all(module.startswith("releasing/") for module in found[code]), (code, found[code])


def test_findings_are_errors_until_reviewed() -> None:
    assert all(info.severity == "error" for info in CODES.values() if info.finding)


def _set_quote(dataset: Path) -> None:
    set_claims(dataset, [{**FIRST_CLAIM, "quote": "This is our fifth meeting in five months."}, SECOND_CLAIM])


def _unknown_speaker(dataset: Path) -> None:
    set_claims(dataset, [{**FIRST_CLAIM, "speaker_id": "nobody"}, SECOND_CLAIM])


def _unknown_subject(dataset: Path) -> None:
    set_claims(dataset, [{**FIRST_CLAIM, "subjects": ["nope"]}, SECOND_CLAIM])


def _duplicate_id(dataset: Path) -> None:
    set_claims(dataset, [FIRST_CLAIM, {**SECOND_CLAIM, "id": FIRST_CLAIM["id"]}])


def _unknown_field(dataset: Path) -> None:
    set_claims(dataset, [{**FIRST_CLAIM, "colour": "red"}, SECOND_CLAIM])


def _wrong_sha256(dataset: Path) -> None:
    source: dict[str, Any] = read_json(dataset / "sources.json")[0]
    write_json(dataset / "sources.json", [{**source, "sha256": "0" * 64}])


@pytest.mark.parametrize(
    ("change", "code", "ids", "family"),
    [
        (_set_quote, "quote-mismatch", ["001-c0001"], "citation"),
        (_unknown_speaker, "unknown-person", ["001-c0001", "nobody"], "integrity"),
        (_unknown_subject, "unknown-subject", ["001-c0001", "nope"], "integrity"),
        (_duplicate_id, "duplicate-id", ["001-c0001"], "integrity"),
        (_unknown_field, "record-invalid", ["001-c0001"], "reading"),
        (_wrong_sha256, "sha256-mismatch", ["001_0123456789abcdef.txt"], "integrity"),
    ],
)
def test_a_fault_is_reported_with_its_code_ids_and_the_tables_severity(
    tmp_path: Path, change: Callable[[Path], None], code: str, ids: list[str], family: str
) -> None:
    before = validate(synthetic_dataset(tmp_path / "clean"))
    dataset = synthetic_dataset(tmp_path / "changed")
    change(dataset)
    after = validate(dataset)
    known = {(p.code, tuple(p.ids)) for p in [*before.errors, *before.warnings]}
    new = [p for p in [*after.errors, *after.warnings] if (p.code, tuple(p.ids)) not in known]
    assert [(p.code, p.ids) for p in new] == [(code, ids)]
    assert new[0].severity == CODES[code].severity == "error"
    assert CODES[code].family == family
    assert not after.valid
    assert all(p.severity == CODES[p.code].severity for p in [*after.errors, *after.warnings])

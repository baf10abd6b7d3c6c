"""`claims validate`: exit codes, JSON equal to the API's report, text grouped by file, select/ignore."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claims.canonical import release_bytes
from claims.cli import main
from claims.codes import CODES
from claims.reading import read_dataset
from claims.validation import validate
from tests.validate_support import copy_dataset, edit_claim


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def _break_a_quote(root: Path) -> str:
    def change(claim: dict[str, Any]) -> None:
        claim["quote"] = claim["quote"] + " zebra"

    return str(edit_claim(root, lambda c: True, "at all", change)["id"])


def test_json_is_exactly_the_api_report(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    result = run(str(root), "--format", "json")
    output = json.loads(result.output)
    assert set(output) == {"valid", "errors", "warnings", "findings"}
    assert output == validate(root).model_dump(mode="json")
    assert result.exit_code == (0 if output["valid"] else 1)


def test_problems_exit_1_and_are_grouped_by_file_in_plain_text(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    claim_id = _break_a_quote(root)
    result = run(str(root))
    assert result.exit_code == 1
    assert "\x1b[" not in result.output
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith(f"claims/{claim_id[:3]}"))
    assert any(
        claim_id in line and ("span-shifted" in line or "quote-mismatch" in line) for line in lines[header:]
    )
    assert lines[-1].endswith("invalid")


def test_ignore_and_select(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    claim_id = _break_a_quote(root)
    full = json.loads(run(str(root), "--format", "json").output)
    codes = {p["code"] for p in full["errors"] if claim_id in p["ids"]}
    assert codes
    ignored = json.loads(run(str(root), "--format", "json", "--ignore", ",".join(codes)).output)
    assert not [p for p in ignored["errors"] if p["code"] in codes]
    selected = json.loads(run(str(root), "--format", "json", "--select", "citation").output)
    assert {p["code"] for p in selected["errors"] + selected["warnings"]} <= {
        code for code, info in CODES.items() if info.family == "citation"
    }
    assert [p for p in selected["errors"] if claim_id in p["ids"]]


def test_a_release_file_validates_like_its_dataset(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    claim_id = _break_a_quote(root)
    release = tmp_path / "release.json"
    release.write_bytes(release_bytes(read_dataset(root).release))
    from_dir = validate(root)
    from_file = validate(release)
    assert {(p.code, tuple(p.ids)) for p in from_file.errors} == {
        (p.code, tuple(p.ids)) for p in from_dir.errors
    }
    assert any(claim_id in p.ids for p in from_file.errors)
    assert run(str(release)).exit_code == 1


def test_no_argument_validates_the_dataset_of_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_dataset(tmp_path)
    claim_id = _break_a_quote(root)
    monkeypatch.chdir(tmp_path)
    output = json.loads(run("--format", "json").output)
    assert any(claim_id in p["ids"] for p in output["errors"])


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: tmp / "missing",
        lambda tmp: _write(tmp / "x.json", b"{not json"),
        lambda tmp: _write(tmp / "x.json", b"[1, 2]"),
        lambda tmp: _write(tmp / "x.json", b'{"name": "claimtrack"}'),
        lambda tmp: _dataset_with_bad_people(tmp),
    ],
    ids=["missing", "not-json", "list", "wrong-shape", "dataset-with-broken-json"],
)
def test_unusable_input_exits_2_with_one_message(tmp_path: Path, make: Any) -> None:
    result = run(str(make(tmp_path)))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.count("claims: error:") == 1


def test_unknown_code_in_select_exits_2() -> None:
    result = run("dataset", "--select", "no-such-code")
    assert result.exit_code == 2
    assert "no-such-code" in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _dataset_with_bad_people(tmp: Path) -> Path:
    root = copy_dataset(tmp)
    (root / "people.json").write_bytes(b"[{")
    return root


def test_text_is_coloured_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from claims.cli.validate import print_text

    root = copy_dataset(tmp_path)
    claim_id = _break_a_quote(root)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    print_text(validate(root))
    coloured = capsys.readouterr().out
    assert "\x1b[" in coloured
    assert claim_id in coloured

"""``claims verify`` on the command line: exit codes, JSON shape, batches, and messages instead of tracebacks."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from claims.cli import main
from tests.verify_support import TRANSCRIPT, write_dataset, write_release

KEYS = {
    "verdict",
    "quote",
    "speaker_id",
    "date",
    "source_file",
    "span",
    "text",
    "claim_ids",
    "segment",
    "diff",
    "candidates",
}


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return write_release(tmp_path)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["verify", *args], catch_exceptions=False)


def test_verified_exits_0_and_text_names_verdict_source_and_speaker(release: Path) -> None:
    result = run("We've agreed on concrete steps", "--speaker", "Alpha", "--dataset", str(release))
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("VERIFIED")
    assert TRANSCRIPT in result.stdout
    assert "anna-alpha" in result.stdout
    assert "«We’ve agreed on concrete steps»" in result.stdout  # marked, no colour codes off a terminal
    assert "\x1b[" not in result.stdout


def test_misquote_exits_1_and_shows_the_diff(release: Path) -> None:
    result = run("We will meet again in April in Rome.", "--speaker", "Alpha", "--dataset", str(release))
    assert result.exit_code == 1
    assert result.stdout.startswith("MISQUOTED")
    assert "[-March-]{+April+}" in result.stdout


def test_json_output_is_the_api_result(release: Path) -> None:
    result = run(
        "The talks have not failed.",
        "--speaker",
        "Alpha",
        "--date",
        "2020-01-03",
        "--format",
        "json",
        "--dataset",
        str(release),
    )
    assert result.exit_code == 1
    data = orjson.loads(result.stdout)
    assert data.keys() >= KEYS
    assert data["verdict"] == "misdated"
    assert data["date"] == "2020-01-02"
    assert data["via_interpreter"] is True


@pytest.mark.parametrize(
    "args",
    [
        ["x y z", "--date", "2020-13-01"],
        ["x y z", "--date", "tomorrow"],
        ["x y z", "--speaker", "Nobody Known"],
        ["x y z", "--speaker", "Q"],
        ["x y z", "--source", "nope.txt"],
        [],
        ["x", "--batch", "whatever.jsonl"],
    ],
)
def test_unusable_input_exits_2_with_one_message(release: Path, args: list[str]) -> None:
    result = run(*args, "--dataset", str(release))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("claims: error:")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_speaker_lists_candidates(release: Path) -> None:
    result = run("x y z", "--speaker", "Alfa", "--dataset", str(release))
    assert result.exit_code == 2
    assert "anna-alpha" in result.stderr


def test_anonymous_label_with_source_resolves(release: Path) -> None:
    result = run(
        "is it true that the talks have failed",
        "--speaker",
        "Q",
        "--source",
        "100",
        "--dataset",
        str(release),
    )
    assert result.exit_code == 0


def test_batch_jsonl_one_object_a_line(release: Path, tmp_path: Path) -> None:
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        '{"quote": "The talks have not failed.", "speaker": "Alpha"}\n\n'
        '{"quote": "The talks have not failed.", "speaker": "Beta", "date": null}\n',
        encoding="utf-8",
    )
    result = run("--batch", str(batch), "--format", "json", "--dataset", str(release))
    assert result.exit_code == 1
    lines = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [line["verdict"] for line in lines] == ["verified", "misattributed"]
    assert all(line.keys() >= KEYS for line in lines)


def test_batch_all_verified_exits_0(release: Path, tmp_path: Path) -> None:
    batch = tmp_path / "questions.csv"
    batch.write_text(
        'quote,speaker,date,source\n"The talks have not failed.",Alpha,2020-01-02,\n"the first of many",,,100\n',
        encoding="utf-8",
    )
    result = run("--batch", str(batch), "--dataset", str(release))
    assert result.exit_code == 0
    assert result.stdout.count("VERIFIED") == 2


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("ragged.csv", 'quote,speaker,date,source\n"a b c",Alpha,,\n"d e f",Alpha\n', "line 3"),
        ("extra.csv", "quote,speaker,colour\na,b,c\n", "line 1"),
        ("missing.csv", "speaker,date\nAlpha,2020-01-02\n", "line 1"),
        ("bad.jsonl", '{"quote": "a b c"}\n{"quote": \n', "line 2"),
        ("extra.jsonl", '{"quote": "a b c", "colour": "red"}\n', "line 1"),
        ("noquote.jsonl", '{"speaker": "Alpha"}\n', "line 1"),
        ("list.jsonl", '["a b c"]\n', "line 1"),
        ("speaker.jsonl", '{"quote": "a"}\n{"quote": "a", "speaker": "Nobody Known"}\n', "line 2"),
        ("date.csv", "quote,date\na b c,2020-01-02\na,2020-02-30\n", "line 3"),
        ("empty.csv", "", "no questions"),
    ],
)
def test_unreadable_batch_exits_2_naming_the_line(
    release: Path, tmp_path: Path, name: str, content: str, line: str
) -> None:
    batch = tmp_path / name
    batch.write_text(content, encoding="utf-8")
    result = run("--batch", str(batch), "--strict", "--dataset", str(release))
    assert result.exit_code == 2
    assert line in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_batch_file_exits_2(release: Path, tmp_path: Path) -> None:
    result = run("--batch", str(tmp_path / "absent.csv"), "--dataset", str(release))
    assert result.exit_code == 2


def test_default_data_is_the_dataset_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_dataset(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("The talks have not failed.", "--speaker", "Alpha", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert orjson.loads(result.stdout)["source_file"] == TRANSCRIPT


def test_text_output_names_the_real_speaker_and_lists_candidates(release: Path) -> None:
    misattributed = run(
        "is it true that the talks have failed", "--speaker", "Alpha", "--dataset", str(release)
    )
    assert misattributed.exit_code == 1
    assert misattributed.stdout.startswith("MISATTRIBUTED")
    assert "reporter-100-1" in misattributed.stdout.splitlines()[0]
    missing = run("The talks about the weather have failed today", "--dataset", str(release))
    assert missing.exit_code == 1
    assert missing.stdout.startswith("NOT-FOUND")
    assert "candidate" in missing.stdout

"""Every command, on every kind of bad input: its documented exit code, one message naming the file
and place, never a traceback; bounded reads; confined paths; writes that survive a kill; tamper evidence."""

from __future__ import annotations

import builtins
import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

import claims
from claims.errors import InputError, IntegrityError
from tests.hostile_support import World, invoke, no_traceback, refused
from tests.release_support import REPO, SOURCE_NAME, SOURCE_TEXT

pytestmark = pytest.mark.timeout(300)  # a hang fails the test instead of stalling CI

CLAIMS_FILE = SOURCE_NAME.replace(".txt", ".json")

# --- the commands that read a release file or dataset directory -----------------------------------

READERS: dict[str, Callable[[Path, World], list[str]]] = {
    "validate": lambda p, w: ["validate", str(p)],
    "stats": lambda p, w: ["stats", str(p)],
    "export": lambda p, w: ["export", "--format", "annotation", "--dataset", str(p)],
    "verify": lambda p, w: ["verify", "France is a great ally.", "--dataset", str(p)],
    "diff-old": lambda p, w: ["diff", str(p), str(w.release)],
    "diff-new": lambda p, w: ["diff", str(w.release), str(p)],
}


def _bad_release_bytes(good: bytes) -> dict[str, tuple[bytes, str]]:
    """Name -> (file content, a fragment the one error message must contain)."""
    return {
        "empty": (b"", "empty file"),
        "whitespace": (b"  \n\t\n", "empty file"),
        "invalid-utf8": (good.replace(b"Joint", b"J\xffint", 1), "line "),
        "bom-twice": (b"\xef\xbb\xbf\xef\xbb\xbf" + good, "line 1"),
        "truncated": (good[: len(good) // 2], "line "),
        "list-not-object": (b"[1, 2, 3]\n", "found an array"),
        "number-not-release": (b"42\n", "found a number"),
        "null-not-release": (b"null\n", "found null"),
        "string-not-release": (b'"claimtrack"\n', "found a string"),
        "wrong-keys": (b'{"claims": []}\n', "not a claimtrack release"),
        "number-for-version": (good.replace(b'"version": "', b'"version": 5, "x": "', 1), "version"),
        "deeply-nested": (b'{"name": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested deeper"),
        "nested-array-release": (b"[" * 1000 + b"]" * 1000, "found an array"),
        "nul-bytes": (b"\x00" * 64, "not valid JSON"),
        "control-char": (b'{"name": "claim\x01track"}', "control character"),
        "enormous-string": (b'{"quote": "' + b"x" * (10 * 1024 * 1024) + b'"}', "not a claimtrack release"),
    }


@pytest.fixture(scope="module")
def bad_releases(world: World) -> dict[str, tuple[Path, str]]:
    folder = world.root / "bad"
    folder.mkdir()
    made: dict[str, tuple[Path, str]] = {}
    for name, (data, fragment) in _bad_release_bytes(world.release.read_bytes()).items():
        path = folder / f"{name}.json"
        path.write_bytes(data)
        made[name] = (path, fragment)
    return made


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("case", sorted(_bad_release_bytes(b"{}")))
def test_a_bad_release_file_is_refused_with_one_message(
    world: World, bad_releases: dict[str, tuple[Path, str]], reader: str, case: str
) -> None:
    path, fragment = bad_releases[case]
    refused(invoke(READERS[reader](path, world)), str(path), fragment)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_missing_file_is_refused_naming_it(world: World, reader: str) -> None:
    path = world.root / "no-such-release.json"
    refused(invoke(READERS[reader](path, world)), str(path), "no such file")


@pytest.mark.parametrize("reader", sorted(READERS))
def test_an_empty_directory_is_refused_naming_the_file_it_lacks(world: World, reader: str) -> None:
    folder = world.root / f"empty-dir-{reader}"
    folder.mkdir()
    refused(invoke(READERS[reader](folder, world)), str(folder), "people.json")


def test_invalid_utf8_names_line_and_column(bad_releases: dict[str, tuple[Path, str]], world: World) -> None:
    path, _ = bad_releases["invalid-utf8"]
    message = refused(invoke(["validate", str(path)]), str(path), "expected UTF-8", "0xff")
    assert "line " in message and "column " in message


def test_a_record_of_the_wrong_type_is_reported_with_its_id_and_path(world: World, tmp_path: Path) -> None:
    raw = orjson.loads(world.release.read_bytes())
    raw["claims"][0]["quote"] = 5
    path = tmp_path / "typed.json"
    path.write_bytes(orjson.dumps(raw))
    result = invoke(["validate", str(path), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 1
    report = orjson.loads(result.stdout)
    found = [(p["code"], p["ids"], p["path"]) for p in report["errors"]]
    assert ("record-invalid", ["001-c0001"], "$.claims[0].quote") in found
    refused(invoke(["stats", str(path)]), "001-c0001", "quote")


# --- a dataset directory with hand-editing slips ---------------------------------------------------


def _edit_dataset(world: World, tmp_path: Path, name: str, edit: Callable[[bytes], bytes]) -> Path:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path)
    path = dataset / name
    path.write_bytes(edit(path.read_bytes()))
    return dataset


@pytest.mark.parametrize("command", ["validate", "stats", "build"])
def test_a_duplicate_key_in_a_dataset_file_is_refused_naming_file_and_key(
    world: World, tmp_path: Path, command: str
) -> None:
    dataset = _edit_dataset(
        world,
        tmp_path,
        "people.json",
        lambda b: b.replace(b'"id": "ashton-carter"', b'"id": "a", "id": "b"', 1),
    )
    args = [command, str(dataset)] + (["--output", str(tmp_path / "out.json")] if command == "build" else [])
    refused(invoke(args), "people.json", "duplicate key 'id'")
    assert not (tmp_path / "out.json").exists()


def test_a_number_where_a_string_belongs_in_a_dataset_is_reported_by_id(world: World, tmp_path: Path) -> None:
    dataset = _edit_dataset(
        world,
        tmp_path,
        f"claims/{CLAIMS_FILE}",
        lambda b: b.replace(b'"quote": "This is our fourth meeting in five months."', b'"quote": 4', 1),
    )
    result = invoke(["validate", str(dataset), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 1
    errors = orjson.loads(result.stdout)["errors"]
    assert [(e["code"], e["ids"], e["file"], e["path"]) for e in errors if e["code"] == "record-invalid"] == [
        ("record-invalid", ["001-c0001"], f"claims/{CLAIMS_FILE}", "$[0].quote")
    ]
    build = invoke(["build", str(dataset), "--output", str(tmp_path / "out.json")])
    no_traceback(build)
    assert build.exit_code == 1
    assert "001-c0001" in build.stderr
    assert not (tmp_path / "out.json").exists()


def test_a_directory_where_a_dataset_file_belongs_is_refused(world: World, tmp_path: Path) -> None:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path)
    (dataset / "claims" / CLAIMS_FILE).unlink()
    (dataset / "claims" / CLAIMS_FILE).mkdir()
    refused(invoke(["validate", str(dataset)]), CLAIMS_FILE, "directory")


# --- quotes with invisible and hostile characters --------------------------------------------------

ODD_QUOTES = {
    "zero-width": "France is a \u200bgreat ally.",
    "rtl-override": "\u202eFrance is a great ally.",
    "rtl-mark": "France is a great\u200f ally.",
    "nul": "France\x00 is a great ally.",
    "bell": "France\x07 is a great ally.",
    "only-invisible": "\u200b\u200f\u2060",
}


@pytest.mark.parametrize("quote", sorted(ODD_QUOTES))
def test_odd_characters_in_a_quote_give_a_verdict_not_a_crash(world: World, quote: str) -> None:
    result = invoke(["verify", ODD_QUOTES[quote], "--dataset", str(world.release), "--format", "json"])
    no_traceback(result)
    if result.exit_code == 2:
        refused(result)
    else:
        assert orjson.loads(result.stdout)["verdict"]


def test_an_enormous_quote_gets_a_verdict(world: World) -> None:
    result = invoke(["verify", "x" * (1024 * 1024), "--dataset", str(world.release), "--format", "json"])
    no_traceback(result)
    assert result.exit_code in {1, 2}


def test_a_claim_quote_with_an_rtl_mark_is_a_citation_error(world: World, tmp_path: Path) -> None:
    raw = orjson.loads(world.release.read_bytes())
    raw["claims"][1]["quote"] = "France is a \u202egreat ally."
    path = tmp_path / "rtl.json"
    path.write_bytes(orjson.dumps(raw))
    result = invoke(["validate", str(path), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 1
    assert {"001-c0002"} <= {i for e in orjson.loads(result.stdout)["errors"] for i in e["ids"]}


# --- batch files ------------------------------------------------------------------------------------

BAD_BATCHES: dict[str, tuple[str, bytes, str]] = {
    "empty": ("b.jsonl", b"", "no questions"),
    "invalid-utf8": ("b.csv", b"quote\nFrance \xff\n", "0xff"),
    "truncated-jsonl": ("b.jsonl", b'{"quote": "France is', "line 1"),
    "array-line": ("b.jsonl", b"[1]\n", "line 1"),
    "number-quote": ("b.jsonl", b'{"quote": 5}\n', "line 1"),
    "null-quote": ("b.jsonl", b'{"quote": null}\n', "line 1"),
    "unknown-key": ("b.jsonl", b'{"quote": "x", "colour": "red"}\n', "colour"),
    "deep": ("b.jsonl", b"[" * 5000 + b"]" * 5000 + b"\n", "line 1"),
    "nul-line": ("b.jsonl", b"\x00\x00\n", "line 1"),
    "second-line-bad": ("b.jsonl", b'{"quote": "France"}\n{"quote": \n', "line 2"),
    "csv-missing-quote-column": ("b.csv", b"speaker,date\nCarter,2016-11-28\n", "missing 'quote'"),
    "csv-extra-column": ("b.csv", b"quote,colour\nFrance,red\n", "colour"),
    "csv-ragged-row": ("b.csv", b"quote,speaker\nFrance is a great ally.,Carter\nx,y,z\n", "line 3"),
    "csv-short-row": ("b.csv", b"quote,speaker\nFrance is a great ally.\n", "line 2"),
    "csv-duplicate-column": ("b.csv", b"quote,quote\na,b\n", "twice"),
    "csv-unterminated-quote": ("b.csv", b'quote\n"France is a great ally.\n', "not valid CSV"),
    "csv-bad-date": ("b.csv", b"quote,date\nFrance,2016-13-45\n", "line 2"),
    "header-only": ("b.csv", b"quote,speaker\n", "no questions"),
}


@pytest.mark.parametrize("case", sorted(BAD_BATCHES))
def test_a_bad_batch_is_refused_naming_file_and_line(world: World, tmp_path: Path, case: str) -> None:
    name, data, fragment = BAD_BATCHES[case]
    path = tmp_path / name
    path.write_bytes(data)
    refused(
        invoke(["verify", "--batch", str(path), "--strict", "--dataset", str(world.release)]),
        str(path),
        fragment,
    )


UNREADABLE_BATCHES = {
    "empty",
    "invalid-utf8",
    "csv-missing-quote-column",
    "csv-extra-column",
    "csv-duplicate-column",
    "csv-unterminated-quote",
    "header-only",
}
"""The bad batches whose file itself cannot be read: refused (exit 2) even without --strict."""


@pytest.mark.parametrize("case", sorted(BAD_BATCHES))
def test_a_bad_batch_row_is_answered_with_its_error(world: World, tmp_path: Path, case: str) -> None:
    name, data, fragment = BAD_BATCHES[case]
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke(["verify", "--batch", str(path), "--format", "json", "--dataset", str(world.release)])
    if case in UNREADABLE_BATCHES:
        refused(result, str(path), fragment)
        return
    no_traceback(result)
    assert result.exit_code == 1, (result.stderr, result.stdout)
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    errors = [row["error"] for row in rows if row["error"] is not None]
    assert errors and all(row["verdict"] is None for row in rows if row["error"] is not None)
    assert any(str(path) in e["message"] and fragment in e["message"] for e in errors), errors


def test_a_missing_or_directory_batch_is_refused(world: World, tmp_path: Path) -> None:
    missing = tmp_path / "none.csv"
    refused(
        invoke(["verify", "--batch", str(missing), "--dataset", str(world.release)]),
        str(missing),
        "not found",
    )
    refused(
        invoke(["verify", "--batch", str(tmp_path), "--dataset", str(world.release)]),
        str(tmp_path),
        "directory",
    )


def test_a_batch_with_a_bom_is_read(world: World, tmp_path: Path) -> None:
    """Spreadsheets save CSV with a byte-order mark; a batch (unlike dataset JSON) accepts it."""
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfquote,speaker\nFrance is a great ally.,Carter\n")
    result = invoke(["verify", "--batch", str(path), "--dataset", str(world.release), "--format", "json"])
    no_traceback(result)
    assert result.exit_code in {0, 1}, result.stderr
    assert orjson.loads(result.stdout.splitlines()[0])["quote"] == "France is a great ally."


# --- extract ---------------------------------------------------------------------------------------

BAD_SOURCES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty source document"),
    "blank": (b" \n\n\t", "empty source document"),
    "invalid-utf8": (b"MODERATOR: caf\xe9\n", "0xe9"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_extract_refuses_a_bad_source_document(world: World, tmp_path: Path, case: str) -> None:
    data, fragment = BAD_SOURCES[case]
    path = tmp_path / "099_bad.txt"
    path.write_bytes(data)
    refused(invoke(["extract", str(path), "--dataset", str(world.dataset)]), str(path), fragment)


def test_extract_refuses_missing_and_directory(world: World, tmp_path: Path) -> None:
    refused(invoke(["extract", str(tmp_path / "none.txt")]), "none.txt", "not found")
    refused(invoke(["extract", str(tmp_path)]), str(tmp_path), "directory")


def test_extract_reads_nul_and_invisible_characters_without_crashing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "098_odd.txt"
    path.write_text("MODERATOR: hello\x00 \u202eworld\u200b.\nSEC. CARTER: \x07yes.\n", encoding="utf-8")
    result = invoke(["extract", str(path), "--dataset", str(world.dataset), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 0
    assert orjson.loads(result.stdout)["segments"]


# --- build -----------------------------------------------------------------------------------------


def test_build_refuses_a_missing_dataset(tmp_path: Path) -> None:
    refused(invoke(["build", str(tmp_path / "nope"), "--output", str(tmp_path / "o.json")]), "nope")
    assert not (tmp_path / "o.json").exists()


# --- a few through the real console script ---------------------------------------------------------

CONSOLE = REPO / ".venv" / "bin" / "claims"


@pytest.mark.slow
@pytest.mark.parametrize("case", ["truncated", "deeply-nested", "invalid-utf8"])
def test_the_console_script_refuses_without_traceback(
    bad_releases: dict[str, tuple[Path, str]], case: str
) -> None:
    path, fragment = bad_releases[case]
    command = [str(CONSOLE)] if CONSOLE.exists() else [sys.executable, "-m", "claims"]
    done = subprocess.run([*command, "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("claims: error: ")]
    assert len(errors) == 1 and str(path) in errors[0] and fragment in errors[0]


# --- size limits -----------------------------------------------------------------------------------


def test_a_release_over_the_size_limit_is_refused_before_reading(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.jsonio.MAX_JSON_BYTES", 100)
    for args in (["validate", str(world.release)], ["stats", str(world.release)]):
        refused(invoke(args), str(world.release), "over the limit of 100 bytes")
    with pytest.raises(InputError, match="limit"):
        claims.load(world.release)


def test_a_batch_over_the_size_limit_is_refused(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.verification.batch.MAX_BATCH_BYTES", 10)
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"quote": "France is a great ally."}\n')
    refused(
        invoke(["verify", "--batch", str(path), "--dataset", str(world.release)]),
        str(path),
        "over the limit of 10 bytes",
    )


# --- confined paths --------------------------------------------------------------------------------


def _spy_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real_open, real_os_open = io.open, os.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(file) if isinstance(file, (str, Path)) else str(file))
        return real_open(file, *args, **kwargs)

    def spy_os(path: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(os, "open", spy_os)
    return opened


def test_a_source_file_symlinked_outside_the_dataset_is_unsafe_and_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path / "inside")
    outside = tmp_path / "outside-secret.txt"
    outside.write_text(SOURCE_TEXT, encoding="utf-8")
    link = dataset / "sources" / SOURCE_NAME
    link.unlink()
    link.symlink_to(outside)
    opened = _spy_opens(monkeypatch)
    result = invoke(["validate", str(dataset), "--format", "json"])
    monkeypatch.undo()
    no_traceback(result)
    assert result.exit_code == 1
    errors = orjson.loads(result.stdout)["errors"]
    assert any(e["code"] == "unsafe-path" and SOURCE_NAME in e["ids"] for e in errors), errors
    assert any(name.endswith("people.json") for name in opened), "the spy saw no file opened"
    assert not [name for name in opened if "outside-secret" in name or name == str(link)]


def test_a_claim_source_file_escaping_the_dataset_is_unsafe(tmp_path: Path) -> None:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path)
    path = dataset / "claims" / CLAIMS_FILE
    records = orjson.loads(path.read_bytes())
    records[0]["source_file"] = "../../etc/passwd"
    path.write_bytes(orjson.dumps(records))
    result = invoke(["validate", str(dataset), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 1
    errors = orjson.loads(result.stdout)["errors"]
    assert any(e["code"] == "unsafe-path" and "001-c0001" in e["ids"] for e in errors), errors


@pytest.mark.parametrize("source", ["../x", "/etc/passwd", "../../etc/passwd", "sources/../../x"])
def test_verify_source_outside_the_dataset_is_refused(world: World, source: str) -> None:
    refused(invoke(["verify", "France", "--source", source, "--dataset", str(world.release)]), repr(source))


def _writer_args(world: World, command: str, output: Path) -> list[str]:
    if command == "export":
        return ["export", "--format", "annotation", "--dataset", str(world.release), "--output", str(output)]
    return ["build", str(world.dataset), "--output", str(output)]


@pytest.mark.parametrize("command", ["export", "build"])
def test_output_into_a_missing_folder_writes_only_there(world: World, tmp_path: Path, command: str) -> None:
    output = tmp_path / "missing" / "deeper" / "out.json"
    result = invoke(_writer_args(world, command, output))
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "missing",
        "missing/deeper",
        "missing/deeper/out.json",
    ]


@pytest.mark.parametrize("command", ["export", "build"])
def test_output_under_a_file_is_refused_and_writes_nothing(
    world: World, tmp_path: Path, command: str
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n", encoding="utf-8")
    output = blocker / "sub" / "out.json"
    refused(invoke(_writer_args(world, command, output)), str(output), "found a file")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("command", ["export", "build"])
def test_output_that_is_a_directory_is_refused(world: World, tmp_path: Path, command: str) -> None:
    args = (
        [
            "export",
            "--format",
            "annotation",
            "--dataset",
            str(world.release),
            "--output",
            str(tmp_path),
            "--force",
        ]
        if command == "export"
        else ["build", str(world.dataset), "--output", str(tmp_path), "--force"]
    )
    refused(invoke(args), str(tmp_path), "directory")


def test_extract_write_refuses_a_segments_folder_linked_outside(world: World, tmp_path: Path) -> None:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path / "inside")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (dataset / "segments").symlink_to(elsewhere)
    source = dataset / "sources" / SOURCE_NAME
    refused(invoke(["extract", str(source), "--dataset", str(dataset), "--write"]), "outside")
    assert list(elsewhere.iterdir()) == []


# --- writes survive a kill -------------------------------------------------------------------------

STALLED_CLI = """
import os, sys, time
from claims.cli import main

def stall(fd):
    print("stalled", flush=True)
    time.sleep(120)

os.fsync = stall
sys.argv = ["claims", *sys.argv[1:]]
main()
"""


def _kill_while_writing(args: list[str], cwd: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", STALLED_CLI, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "stalled", writer.stderr.read() if writer.stderr else ""
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_export_killed_mid_write_leaves_the_old_file(world: World, tmp_path: Path) -> None:
    output = tmp_path / "export.json"
    output.write_bytes(b'{"old": true}\n')
    _kill_while_writing(
        [
            "export",
            "--format",
            "annotation",
            "--dataset",
            str(world.release),
            "--output",
            str(output),
            "--force",
        ],
        REPO,
    )
    assert output.read_bytes() == b'{"old": true}\n'
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != output.name)
    assert all(name.startswith(".export.json.") and name.endswith(".tmp") for name in leftovers), leftovers


@pytest.mark.slow
def test_extract_killed_mid_write_leaves_the_curated_segments(tmp_path: Path) -> None:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path)
    curated = dataset / "segments" / CLAIMS_FILE
    curated.parent.mkdir(exist_ok=True)
    curated.write_bytes(b'[{"curated": true}]\n')
    source = dataset / "sources" / SOURCE_NAME
    _kill_while_writing(["extract", str(source), "--dataset", str(dataset), "--write", "--force"], REPO)
    assert curated.read_bytes() == b'[{"curated": true}]\n'


# --- tamper evidence -------------------------------------------------------------------------------


def _tampered(world: World, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    raw = orjson.loads(world.release.read_bytes())
    edit(raw)
    path = tmp_path / "tampered.json"
    path.write_bytes(orjson.dumps(raw))
    return path


def _error_ids(path: Path) -> set[tuple[str, str]]:
    result = invoke(["validate", str(path), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 1
    return {(e["code"], i) for e in orjson.loads(result.stdout)["errors"] for i in e["ids"]}


def test_an_altered_claim_quote_is_reported_and_refused_by_load(world: World, tmp_path: Path) -> None:
    def edit(raw: dict[str, Any]) -> None:
        raw["claims"][1]["quote"] = "France is a grand ally."

    path = _tampered(world, tmp_path, edit)
    assert ("quote-mismatch", "001-c0002") in _error_ids(path)
    with pytest.raises(IntegrityError, match="001-c0002"):
        claims.load(path)


def test_an_altered_sha256_is_reported_and_refused_by_load(world: World, tmp_path: Path) -> None:
    def edit(raw: dict[str, Any]) -> None:
        raw["sources"][0]["sha256"] = "0" * 64

    path = _tampered(world, tmp_path, edit)
    assert ("sha256-mismatch", SOURCE_NAME) in _error_ids(path)
    with pytest.raises(IntegrityError, match=SOURCE_NAME):
        claims.load(path)


def test_an_altered_claim_span_is_reported_and_refused_by_load(world: World, tmp_path: Path) -> None:
    def edit(raw: dict[str, Any]) -> None:
        raw["claims"][0]["span"]["start"] += 1
        raw["claims"][0]["span"]["end"] += 1

    path = _tampered(world, tmp_path, edit)
    assert {code for code, i in _error_ids(path) if i == "001-c0001"}
    with pytest.raises(IntegrityError, match="001-c0001"):
        claims.load(path)

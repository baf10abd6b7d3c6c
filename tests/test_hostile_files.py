"""Hostile files, round two (issue 16): what is not a regular file, links that loop or leave the dataset,
pipes and their limits, collections of the wrong JSON type, JSON Lines separators, byte-order marks and
repeated keys, bad URLs.

Every kind is a row of ``KINDS``: the exit code and the problem code it must give, the same as the one
table of ``docs/hostile-inputs.md`` (a test checks they agree). Every test is bounded by a timeout: a
command that waits on a pipe fails instead of stalling the suite. No command writes anything.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest

import claims
from claims.errors import InputError
from tests.hostile_support import World, invoke, no_traceback, refused
from tests.release_support import REPO, SOURCE_NAME

pytestmark = pytest.mark.timeout(60)

CLAIMS_FILE = SOURCE_NAME.replace(".txt", ".json")
DOC = REPO / "docs" / "hostile-inputs.md"


@dataclass(frozen=True)
class Kind:
    """One kind of hostile input: the exit code it gives and the problem code (or, for exit 2, a
    fragment of the one message); ``same`` when it must be read exactly like the clean input."""

    exit: int
    code: str
    same: bool = False


@dataclass
class Case:
    """A prepared input: the command line, standard input, and what must not change."""

    args: list[str]
    stdin: bytes | None = None
    watched: list[Path] = field(default_factory=list)
    cleanup: Callable[[], None] = lambda: None


KINDS: dict[str, Kind] = {
    # --- release files -------------------------------------------------------------------------
    "release-fifo": Kind(2, "named pipe"),
    "release-socket": Kind(2, "socket"),
    "release-dev-zero": Kind(2, "character device"),
    "release-dev-null": Kind(2, "character device"),
    "release-symlink-loop": Kind(2, "loop of symbolic links"),
    "release-dangling-link": Kind(2, "broken link"),
    "release-through-pipe": Kind(1, "as clean", same=True),
    "release-on-stdin": Kind(1, "as clean", same=True),
    "release-pipe-over-limit": Kind(2, "over the limit"),
    "release-stdin-over-limit": Kind(2, "over the limit"),
    "release-pipe-of-zeros": Kind(2, "not valid JSON"),
    "release-claims-object": Kind(2, "$.claims: expected an array"),
    "release-claims-string": Kind(2, "$.claims: expected an array"),
    "release-claims-null": Kind(2, "$.claims: expected an array"),
    "release-segments-object": Kind(2, "$.segments: expected an array"),
    "release-people-number": Kind(2, "$.people: expected an array"),
    "release-bom": Kind(1, "as clean", same=True),
    "release-duplicate-key": Kind(2, "duplicate key"),
    "release-nested-1000-deep": Kind(1, "record-invalid"),
    "release-nested-arrays": Kind(2, "expected an object (a release), found an array"),
    "release-nested-arrays-in-claims": Kind(1, "record-invalid"),
    "release-string-offset": Kind(1, "record-invalid"),
    "release-bad-url": Kind(1, "record-invalid"),
    "release-relative-url": Kind(1, "record-invalid"),
    # --- dataset directories -------------------------------------------------------------------
    "dataset-sources-json-fifo": Kind(2, "named pipe"),
    "dataset-claims-file-fifo": Kind(2, "named pipe"),
    "dataset-source-document-fifo": Kind(1, "source-file-missing"),
    "dataset-source-document-socket": Kind(1, "source-file-missing"),
    "dataset-source-document-loop": Kind(1, "unsafe-path"),
    "dataset-people-json-loop": Kind(2, "loop of symbolic links"),
    "dataset-people-json-outside": Kind(2, "outside"),
    "dataset-claims-file-outside": Kind(1, "unsafe-path"),
    "dataset-sources-dir-outside": Kind(1, "unsafe-path"),
    "dataset-sources-json-directory": Kind(2, "found a directory"),
    "dataset-people-json-object": Kind(2, "expected an array"),
    "dataset-bom": Kind(1, "as clean", same=True),
    "dataset-string-boolean": Kind(1, "record-invalid"),
    "dataset-nested-1000-deep": Kind(1, "record-invalid"),
    # --- batch files ---------------------------------------------------------------------------
    "batch-fifo": Kind(2, "named pipe"),
    "batch-dev-zero": Kind(2, "character device"),
    "batch-line-separator-in-string": Kind(1, "verdicts", same=True),
    "batch-next-line-in-string": Kind(1, "verdicts", same=True),
    "batch-form-feed-between-objects": Kind(1, "bad-row"),
    "batch-duplicate-key": Kind(1, "bad-row"),
    "batch-jsonl-bom": Kind(1, "verdicts", same=True),
    "batch-on-stdin": Kind(1, "verdicts", same=True),
    "batch-stdin-over-limit": Kind(2, "over the limit"),
}


def _release(world: World) -> dict[str, Any]:
    return dict(orjson.loads(world.release.read_bytes()))


def _writer(data: bytes) -> tuple[str, Callable[[], None]]:
    """A pipe fed ``data`` by a thread, as ``<(...)`` gives one: its ``/dev/fd/N`` path and a closer."""
    read_fd, write_fd = os.pipe()

    def feed() -> None:
        try:
            with os.fdopen(write_fd, "wb") as out:
                out.write(data)
        except (BrokenPipeError, OSError):
            pass

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()

    def close() -> None:
        os.close(read_fd)
        thread.join(timeout=10)

    return f"/dev/fd/{read_fd}", close


def _fifo(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def _socket(path: Path) -> tuple[Path, Callable[[], None]]:
    path.unlink(missing_ok=True)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    here = Path.cwd()
    os.chdir(path.parent)  # a socket's path is limited to 108 bytes: bind it by its name alone
    try:
        server.bind(path.name)
    finally:
        os.chdir(here)
    return path, server.close


def _loop(path: Path) -> Path:
    path.unlink(missing_ok=True)
    other = path.with_name(path.name + ".other")
    path.symlink_to(other)
    other.symlink_to(path)
    return path


NESTED = "[" * 20 + "]" * 20


def _deep(depth: int) -> bytes:
    """A JSON array nested ``depth`` levels deep (orjson does not write deeper than 255)."""
    return b"[" * depth + b"]" * depth


def _validate(path: str | Path) -> list[str]:
    return ["validate", str(path), "--format", "json"]


def _batch(world: World, path: str | Path) -> list[str]:
    return ["verify", "--batch", str(path), "--dataset", str(world.release), "--format", "json"]


def _release_case(world: World, tmp: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> Case:
    good = world.release.read_bytes()
    path = tmp / "release.json"
    if kind == "release-fifo":
        return Case(_validate(_fifo(path)))
    if kind == "release-socket":
        sock, close = _socket(tmp / "release.sock")
        return Case(_validate(sock), cleanup=close)
    if kind == "release-dev-zero":
        return Case(_validate("/dev/zero"))
    if kind == "release-dev-null":
        return Case(_validate("/dev/null"))
    if kind == "release-symlink-loop":
        return Case(_validate(_loop(path)))
    if kind == "release-dangling-link":
        path.symlink_to(tmp / "nowhere.json")
        return Case(_validate(path))
    if kind == "release-through-pipe":
        name, close = _writer(good)
        return Case(_validate(name), cleanup=close)
    if kind == "release-on-stdin":
        return Case(_validate("-"), stdin=good)
    if kind == "release-pipe-over-limit":
        monkeypatch.setattr("claims.jsonio.MAX_JSON_BYTES", 1000)
        monkeypatch.setattr("claims.jsonio.READ_CHUNK", 256)
        name, close = _writer(b" " * 100_000 + good)
        return Case(_validate(name), cleanup=close)
    if kind == "release-stdin-over-limit":
        monkeypatch.setattr("claims.jsonio.MAX_JSON_BYTES", 1000)
        return Case(_validate("-"), stdin=good)
    if kind == "release-pipe-of-zeros":
        name, close = _writer(b"\x00" * (8 * 1024**2))
        return Case(_validate(name), cleanup=close)
    raw = _release(world)
    if kind == "release-claims-object":
        raw["claims"] = {}
    elif kind == "release-claims-string":
        raw["claims"] = ""
    elif kind == "release-claims-null":
        raw["claims"] = None
    elif kind == "release-segments-object":
        raw["segments"] = {}
    elif kind == "release-people-number":
        raw["people"] = 3
    elif kind == "release-nested-1000-deep":
        raw["claims"][0]["note"] = NESTED
    elif kind == "release-nested-arrays-in-claims":
        raw["claims"] = [[[[[[[[[[[]]]]]]]]]] for _ in range(50)]
    elif kind == "release-string-offset":
        raw["claims"][0]["span"]["start"] = str(raw["claims"][0]["span"]["start"])
    elif kind == "release-bad-url":
        raw["sources"][0]["url"] = "not a url"
    elif kind == "release-relative-url":
        raw["sources"][0]["url"] = "/press"
    data = orjson.dumps(raw, option=orjson.OPT_INDENT_2).replace(b'"' + NESTED.encode() + b'"', _deep(1000))
    if kind == "release-bom":
        data = b"\xef\xbb\xbf" + good
    elif kind == "release-duplicate-key":
        data = good.replace(b'"name": "claimtrack"', b'"name": "claimtrack", "name": "claimtrack"', 1)
    elif kind == "release-nested-arrays":
        data = b"[" + b",".join([b"[[[[[[[[[[]]]]]]]]]]"] * 200_000) + b"]"
    path.write_bytes(data)
    return Case(_validate(path), watched=[path])


def _dataset_case(world: World, tmp: Path, kind: str) -> Case:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp / "inside")
    outside = tmp / "outside"
    outside.mkdir()
    cleanup: Callable[[], None] = lambda: None  # noqa: E731
    if kind == "dataset-sources-json-fifo":
        _fifo(dataset / "sources.json")
    elif kind == "dataset-claims-file-fifo":
        _fifo(dataset / "claims" / CLAIMS_FILE)
    elif kind == "dataset-source-document-fifo":
        _fifo(dataset / "sources" / SOURCE_NAME)
    elif kind == "dataset-source-document-socket":
        _, cleanup = _socket(dataset / "sources" / SOURCE_NAME)
    elif kind == "dataset-source-document-loop":
        _loop(dataset / "sources" / SOURCE_NAME)
    elif kind == "dataset-people-json-loop":
        _loop(dataset / "people.json")
    elif kind == "dataset-people-json-outside":
        (outside / "people.json").write_bytes((dataset / "people.json").read_bytes())
        (dataset / "people.json").unlink()
        (dataset / "people.json").symlink_to(outside / "people.json")
    elif kind == "dataset-claims-file-outside":
        (outside / CLAIMS_FILE).write_bytes((dataset / "claims" / CLAIMS_FILE).read_bytes())
        (dataset / "claims" / CLAIMS_FILE).unlink()
        (dataset / "claims" / CLAIMS_FILE).symlink_to(outside / CLAIMS_FILE)
    elif kind == "dataset-sources-dir-outside":
        (dataset / "sources").rename(outside / "sources")
        (dataset / "sources").symlink_to(outside / "sources")
    elif kind == "dataset-sources-json-directory":
        (dataset / "sources.json").unlink()
        (dataset / "sources.json").mkdir()
    elif kind == "dataset-people-json-object":
        (dataset / "people.json").write_bytes(b'{"people": []}\n')
    elif kind == "dataset-bom":
        for name in ("people.json", "sources.json", f"claims/{CLAIMS_FILE}"):
            (dataset / name).write_bytes(b"\xef\xbb\xbf" + (dataset / name).read_bytes())
    elif kind in {"dataset-string-boolean", "dataset-nested-1000-deep"}:
        path = dataset / "claims" / CLAIMS_FILE
        records = orjson.loads(path.read_bytes())
        if kind == "dataset-string-boolean":
            records[0]["via_interpreter"] = "false"
        else:
            records[0]["note"] = NESTED
        path.write_bytes(orjson.dumps(records).replace(b'"' + NESTED.encode() + b'"', _deep(1000)))
    watched = [p for p in (dataset / "people.json", dataset / "sources.json") if p.is_file()]
    return Case(_validate(dataset), watched=watched, cleanup=cleanup)


BATCH_LINES = b'{"quote": "France is a great ally."}\n{"quote": "Today is the fifth meeting."}\n'


def _batch_case(world: World, tmp: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> Case:
    path = tmp / "questions.jsonl"
    if kind == "batch-fifo":
        return Case(_batch(world, _fifo(path)))
    if kind == "batch-dev-zero":
        return Case(_batch(world, "/dev/zero"))
    if kind == "batch-on-stdin":
        return Case(_batch(world, "-"), stdin=BATCH_LINES)
    if kind == "batch-stdin-over-limit":
        monkeypatch.setattr("claims.verification.batch.MAX_BATCH_BYTES", 20)
        return Case(_batch(world, "-"), stdin=BATCH_LINES)
    data = {
        "batch-line-separator-in-string": BATCH_LINES.replace(b"great ally.", "great ally.\u2028".encode()),
        "batch-next-line-in-string": BATCH_LINES.replace(b"fifth meeting.", "fifth meeting.\u0085".encode()),
        "batch-form-feed-between-objects": BATCH_LINES.replace(b"}\n{", b"}\x0c{", 1),
        "batch-duplicate-key": b'{"quote": "France is a great ally.", "quote": "x"}\n',
        "batch-jsonl-bom": b"\xef\xbb\xbf" + BATCH_LINES,
    }[kind]
    path.write_bytes(data)
    return Case(_batch(world, path), watched=[path])


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_mode, p.lstat().st_size if p.is_file() else 0)
        for p in sorted(folder.rglob("*"))
    }


def _outcome(result: Any) -> tuple[int, list[str]]:
    """Exit code and the sorted problem codes (validate) or each row's verdict or error code (verify --batch)."""
    if result.exit_code == 2:
        return 2, []
    text = result.stdout.strip()
    try:
        report = orjson.loads(text)
    except orjson.JSONDecodeError:
        report = None
    if isinstance(report, dict) and "valid" in report:
        return result.exit_code, sorted(p["code"] for p in report["errors"] + report["warnings"])
    rows = [orjson.loads(line) for line in text.split("\n")]
    return result.exit_code, [str(row["verdict"] or row["error"]["code"]) for row in rows]


@pytest.fixture
def prepared(
    request: pytest.FixtureRequest, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Case]:
    kind: str = request.param
    if kind.startswith("release-"):
        case = _release_case(world, tmp_path, kind, monkeypatch)
    elif kind.startswith("dataset-"):
        case = _dataset_case(world, tmp_path, kind)
    else:
        case = _batch_case(world, tmp_path, kind, monkeypatch)
    yield case
    case.cleanup()


def _clean_outcome(world: World, kind: str, tmp_path: Path) -> tuple[int, list[str]]:
    """What the clean input of a kind's family gives (for the kinds that must read the same)."""
    if kind.startswith("release-"):
        return _outcome(invoke(_validate(world.release)))
    if kind.startswith("dataset-"):
        from tests.release_support import synthetic_dataset

        return _outcome(invoke(_validate(synthetic_dataset(tmp_path / "clean"))))
    tmp_path.mkdir(parents=True, exist_ok=True)
    clean = tmp_path / "clean.jsonl"
    clean.write_bytes(BATCH_LINES)
    return _outcome(invoke(_batch(world, clean)))


@pytest.mark.parametrize("prepared", sorted(KINDS), indirect=True, ids=sorted(KINDS))
def test_each_hostile_kind_gives_its_exit_code_and_problem_code(
    prepared: Case, world: World, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    kind = KINDS[request.node.callspec.id]
    before = _snapshot(tmp_path)
    watched = {p: p.read_bytes() for p in prepared.watched}
    result = invoke(prepared.args) if prepared.stdin is None else _invoke_stdin(prepared.args, prepared.stdin)
    no_traceback(result)
    assert result.exit_code == kind.exit, (result.exit_code, result.stderr, result.stdout[:2000])
    if kind.exit == 2:
        refused(result, kind.code)
    elif kind.same:
        clean = _clean_outcome(world, request.node.callspec.id, tmp_path / "baseline")
        assert _outcome(result) == clean
    else:
        assert kind.code in _outcome(result)[1], result.stdout[:2000]
    after = {k: v for k, v in _snapshot(tmp_path).items() if not k.startswith("baseline")}
    assert after == before, "a command wrote or removed a file"
    assert {p: p.read_bytes() for p in prepared.watched} == watched


def _invoke_stdin(args: list[str], data: bytes) -> Any:
    from click.testing import CliRunner

    from claims.cli import main

    return CliRunner().invoke(main, args, input=data)


def test_the_docs_table_lists_every_kind_with_its_exit_and_code() -> None:
    """One table in docs/hostile-inputs.md: every kind of this suite, with the same exit and code."""
    rows: dict[str, tuple[int, str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"`[a-z0-9-]+`", cells[0]) and cells[2].isdigit():
            rows[cells[0].strip("`")] = (int(cells[2]), cells[3].strip("`"))
    for name, kind in KINDS.items():
        assert name in rows, f"{name} missing from {DOC.name}"
        expected_code = kind.code if kind.exit == 1 and not kind.same else "—"
        assert rows[name] == (kind.exit, expected_code), name


# --- the API refuses the same files ----------------------------------------------------------------


def test_load_refuses_a_fifo_a_loop_and_coerced_values_without_waiting(world: World, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="named pipe"):
        claims.load(_fifo(tmp_path / "r.json"))
    with pytest.raises(InputError, match="loop"):
        claims.load(_loop(tmp_path / "l.json"))
    raw = _release(world)
    raw["claims"][0]["span"]["start"] = " 7 "
    path = tmp_path / "coerced.json"
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(InputError, match=re.escape("$.claims[0].span.start")):
        claims.load(path)


def test_a_depth_of_1024_is_one_limit_for_parsing_and_the_duplicate_scan(tmp_path: Path) -> None:
    from claims.jsonio import MAX_JSON_DEPTH, parse_json

    deepest = b'{"a": ' + b"[" * (MAX_JSON_DEPTH - 1) + b"]" * (MAX_JSON_DEPTH - 1) + b"}"
    assert parse_json(deepest, origin="x", check_duplicates=True) is not None
    with pytest.raises(InputError, match="deeper than the limit of 1024"):
        parse_json(b"[" + deepest + b"]", origin="x", check_duplicates=True)
    repeated = b'{"a": ' + b"[" * 1000 + b'{"k": 1, "k": 2}' + b"]" * 1000 + b"}"
    with pytest.raises(InputError, match="duplicate key 'k'"):
        parse_json(repeated, origin="x", check_duplicates=True)


def test_a_form_feed_between_objects_refuses_a_strict_batch(world: World, tmp_path: Path) -> None:
    """Under --strict the line a form feed joins is refused whole, naming it (exit 2, nothing answered)."""
    path = tmp_path / "questions.jsonl"
    path.write_bytes(BATCH_LINES.replace(b"}\n{", b"}\x0c{", 1))
    result = invoke([*_batch(world, path), "--strict"])
    no_traceback(result)
    assert result.exit_code == 2
    refused(result, "line 1")
    assert result.stdout == ""


def test_a_duplicate_key_refuses_a_strict_batch(world: World, tmp_path: Path) -> None:
    """Under --strict a row with a key twice refuses the batch, naming the key (exit 2)."""
    path = tmp_path / "questions.jsonl"
    path.write_bytes(b'{"quote": "France is a great ally.", "quote": "x"}\n')
    result = invoke([*_batch(world, path), "--strict"])
    no_traceback(result)
    assert result.exit_code == 2
    refused(result, "duplicate key 'quote'")

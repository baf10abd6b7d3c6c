"""Bounded JSON reading and atomic writing: the only way this package touches files."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from claims.errors import InputError, UnsafePathError

MAX_JSON_BYTES = 2 * 1024**3
"""Largest JSON file read (2 GiB); a larger one is refused before it is read."""

MAX_JSON_DEPTH = 1024
"""Deepest JSON nesting accepted: orjson refuses deeper documents while parsing, before building them.

The dataset's records nest fewer than ten levels; the limit only stops hostile input early.
"""

DUMP_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


STREAM_NAMES = ("/dev/stdin", "/dev/fd/", "/proc/self/fd/")
"""Paths that name a stream the user opened for this command (``<(cat release.json)``, ``/dev/stdin``)."""

READ_CHUNK = 1024**2
"""Bytes read at a time from a stream, counted against the limit as they arrive."""

_WHITESPACE = re.compile(rb"[ \t\r\n]*")
BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark: one at the very start of a file is skipped (RFC 8259, section 8.1)."""


def is_stream(path: Path) -> bool:
    """True for ``-`` (standard input) and the paths of already open streams (``/dev/fd/N``).

    These are read even when they are pipes: the user opened them for this command. Any other
    path must be a regular file (``read_bytes``).
    """
    name = str(path)
    return name == "-" or name.startswith(STREAM_NAMES)


def file_kind(mode: int) -> str:
    """What a ``stat`` mode says a path is, in words (``a named pipe (FIFO)``, ``a directory``)."""
    return next((words for test, words in _FILE_KINDS if test(mode)), "not a regular file")


_FILE_KINDS = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _os_error(path: Path, what: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError(f"{path}: {what} not found")
    if exc.errno == errno.ELOOP:
        return InputError(f"{path}: cannot read {what}: a loop of symbolic links")
    return InputError(f"{path}: cannot read {what}: {exc.strerror}")


def regular_file_problem(path: Path, what: str = "file") -> str | None:
    """Why ``path`` cannot be read as a regular file (missing, a loop, a pipe, a directory), or ``None``.

    Only ``stat`` is called: a named pipe is never opened (opening one waits for a writer).
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return str(_os_error(path, what, exc))
    if stat.S_ISREG(mode):
        return None
    return f"{path}: expected a {what}, found {file_kind(mode)}"


def read_bytes(
    path: Path, *, limit: int | None = None, what: str = "file", expect_json: bool = False
) -> bytes:
    """Read a whole file, refusing what is missing, not a regular file, or over ``limit`` bytes.

    A path that is not a regular file (a directory, a named pipe, a socket, a device) is refused
    before it is opened, except ``-`` (standard input) and an open stream (``/dev/fd/N``, as
    ``<(cat release.json)`` gives): those are read, and the bytes are counted as they arrive, so
    the limit holds without knowing the size. ``limit`` defaults to :data:`MAX_JSON_BYTES`,
    looked up at call time so tests can lower it. With ``expect_json``, a stream whose first bytes
    start no JSON value (``<(head -c 3000000000 /dev/zero)``) is refused after its first chunk.
    """
    if limit is None:
        limit = MAX_JSON_BYTES
    if str(path) == "-":
        return _read_stream(sys.stdin.buffer, path, limit, what, expect_json=expect_json)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _os_error(path, what, exc) from exc
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: expected a {what}, found a directory")
    if not stat.S_ISREG(mode) and not is_stream(path):
        raise InputError(f"{path}: expected a {what}, found {file_kind(mode)}; refusing to open it")
    try:
        # O_NONBLOCK: should the path have become a pipe since the stat, opening it does not wait
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(path, what, exc) from exc
    with os.fdopen(fd, "rb", buffering=0) as handle:
        status = os.fstat(fd)
        if stat.S_ISREG(status.st_mode):
            if status.st_size > limit:
                raise InputError(f"{path}: {what} is {status.st_size} bytes, over the limit of {limit} bytes")
            os.set_blocking(fd, True)
            return _read_regular(handle, path, status.st_size, limit, what)
        if not is_stream(path):
            raise InputError(
                f"{path}: expected a {what}, found {file_kind(status.st_mode)}; refusing to read it"
            )
        os.set_blocking(fd, True)
        return _read_stream(handle, path, limit, what, expect_json=expect_json)


def _read_regular(handle: Any, path: Path, size: int, limit: int, what: str) -> bytes:
    """The bytes of a regular file of ``size`` bytes (more, if it grows while read, up to ``limit``)."""
    try:
        data: bytes = handle.read(size + 1) or b""
        if len(data) <= size:
            return data
        return data + _read_stream(handle, path, limit - len(data), what, already=len(data))
    except OSError as exc:
        raise _os_error(path, what, exc) from exc


def _read_stream(
    handle: Any, path: Path, limit: int, what: str, *, already: int = 0, expect_json: bool = False
) -> bytes:
    """Read a stream to its end in chunks, refusing it as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = handle.read(READ_CHUNK)
            if not chunk:
                break
            if expect_json and not chunks:
                _refuse_no_json_start(chunk, path)
            total += len(chunk)
            if total > limit:
                raise InputError(
                    f"{path}: {what} is over the limit of {limit + already} bytes; refused while reading it"
                )
            chunks.append(chunk)
    except OSError as exc:
        raise _os_error(path, what, exc) from exc
    return b"".join(chunks)


def _refuse_no_json_start(chunk: bytes, path: Path) -> None:
    """Refuse a stream whose first chunk, past white space and a byte-order mark, starts no JSON value."""
    head = without_bom(chunk)
    start = _WHITESPACE.match(head)
    end = start.end() if start is not None else 0
    if end < len(head) and top_level_kind(head) is None:
        raise InputError(f"{path}: not valid JSON at {_position(head, end)}: no JSON value starts there")


def _position(data: bytes, pos: int) -> str:
    """Line and column (1-based) of a byte offset, for error messages."""
    line = data.count(b"\n", 0, pos) + 1
    column = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


def decode_utf8(data: bytes, origin: str, *, bom: bool = False) -> str:
    """``data`` as UTF-8 text (with ``bom``, one leading byte-order mark skipped); else an
    InputError naming the first byte that is not UTF-8 and its offset."""
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(not_utf8_message(data, origin, exc.start, f"offset {exc.start}")) from exc


def not_utf8_message(data: bytes, origin: str, offset: int, where: str) -> str:
    """The one sentence for bytes that are not UTF-8: the file, the byte and where it is."""
    return f"{origin}: expected UTF-8, found byte {data[offset]:#04x} at {where}"


def _refuse_invalid_utf8(data: bytes, origin: str) -> None:
    """Name the first byte that is not UTF-8 (orjson only says a string is invalid), if there is one."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(not_utf8_message(data, origin, exc.start, _position(data, exc.start))) from exc


def json_kind(value: Any) -> str:
    """The JSON type of a parsed value, in JSON's words: ``null``, ``a boolean``, ``an object``, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


EXPECTED_BY_ERROR = {
    "int_type": "expected an integer",
    "int_from_float": "expected an integer",
    "float_type": "expected a number",
    "bool_type": "expected a boolean (true or false)",
    "string_type": "expected a string",
    "list_type": "expected an array",
    "dict_type": "expected an object",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "dataclass_type": "expected an object",
    "date_type": "expected a date string YYYY-MM-DD",
    "none_required": "expected null",
}
"""Pydantic's type errors, said in JSON's words (what a file holds), not Python's."""


def json_path(loc: Sequence[int | str], within: str = "$") -> str:
    """A pydantic error location as a JSON path below ``within``: ``$[3].span.start``."""
    return within + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def error_message(error: Any) -> str:
    """A validation error of a record read from a file: what was expected and, for a value of the
    wrong JSON type, what was found (``expected an integer, found a string "759"``)."""
    kind = error["type"]
    expected = EXPECTED_BY_ERROR.get(kind)
    if expected is None:
        return str(error["msg"])
    value = error.get("input")
    found = json_kind(value)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        found += f" {shown}"
    elif isinstance(value, bool):
        found += f" {'true' if value else 'false'}"
    return f"{expected}, found {found}"


_FIRST_BYTE_KINDS = {
    ord("{"): "an object",
    ord("["): "an array",
    ord('"'): "a string",
    ord("t"): "a boolean",
    ord("f"): "a boolean",
    ord("n"): "null",
    ord("-"): "a number",
    **{ord(str(digit)): "a number" for digit in range(10)},
}


def without_bom(data: bytes) -> bytes:
    """``data`` without one leading UTF-8 byte-order mark (the rule for every file read as JSON)."""
    return data[len(BOM) :] if data.startswith(BOM) else data


def top_level_kind(data: bytes) -> str | None:
    """The JSON type the document in ``data`` starts with, from its first byte after white space
    (``None`` when that byte starts no JSON value): known before anything is parsed."""
    start = _WHITESPACE.match(data)
    end = start.end() if start is not None else 0
    return _FIRST_BYTE_KINDS.get(data[end]) if end < len(data) else None


def refuse_top_level(data: bytes, *, origin: str, expected: str, what: str) -> None:
    """Refuse, before parsing it, a document that starts as another JSON type than ``expected``.

    ``expected`` is ``"an object"`` or ``"an array"``; a hostile file (200 MB of nested arrays
    given as a release) is then refused at the cost of reading its first bytes.
    """
    found = top_level_kind(data)
    if found is not None and found != expected:
        raise InputError(f"{origin}: expected {expected} ({what}), found {found}")


def _refuse_duplicates(origin: str) -> Any:
    """An ``object_pairs_hook`` that refuses an object with a key given twice (and keeps nothing)."""

    def hook(pairs: list[tuple[str, Any]]) -> None:
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            seen: set[str] = set()
            for key in keys:
                if key in seen:
                    raise InputError(f"{origin}: duplicate key {key!r} in one JSON object")
                seen.add(key)

    return hook


def parse_json(
    data: bytes, *, origin: str, check_duplicates: bool = False, expected: str | None = None, what: str = ""
) -> Any:
    """Parse JSON bytes; errors name ``origin`` and the line and column.

    One leading UTF-8 byte-order mark is skipped. ``expected`` (``"an object"``, ``"an array"``)
    refuses a document of another top-level type before it is parsed, and before the duplicate
    scan. ``check_duplicates`` also refuses objects with a repeated key (orjson keeps the last
    one silently); a repeated key is a slip in any file, so every reader of files sets it unless
    a checksum vouches for the bytes.
    """
    data = without_bom(data)
    if not data or data.isspace():  # not ``data.strip()``: that copies the whole file
        raise InputError(f"{origin}: empty file, expected JSON")
    if expected is not None:
        refuse_top_level(data, origin=origin, expected=expected, what=what or "JSON")
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        _refuse_invalid_utf8(data, origin)
        if "depth limit" in exc.msg or "recursion" in exc.msg:
            raise InputError(
                f"{origin}: JSON nested deeper than the limit of {MAX_JSON_DEPTH} levels"
            ) from exc
        raise InputError(f"{origin}: not valid JSON at {_position(data, exc.pos)}: {exc.msg}") from exc
    if check_duplicates:
        refuse_duplicate_keys(data, origin=origin)
    return value


def refuse_duplicate_keys(data: bytes, *, origin: str) -> None:
    """Raise if any object of the (already parsed, valid) JSON ``data`` repeats a key.

    A second parse with the standard library, as orjson keeps the last value silently: about
    twice the cost of ``orjson.loads``, so it is skipped for a release its checksum vouches for.
    Objects are dropped as soon as they are checked, so the second parse holds no second tree
    of records. Its recursion is allowed the depth orjson accepts (``MAX_JSON_DEPTH``): one limit.
    """
    data = without_bom(data)
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, _stack_depth() + MAX_JSON_DEPTH + 64))
    try:
        json.loads(data, object_pairs_hook=_refuse_duplicates(origin))
    except RecursionError as exc:  # deeper than orjson's limit: refused there first
        raise InputError(f"{origin}: JSON nested deeper than the limit of {MAX_JSON_DEPTH} levels") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{origin}: not valid JSON: {exc}") from exc
    finally:
        sys.setrecursionlimit(previous)


def _stack_depth() -> int:
    """Frames on the current Python stack (what the recursion limit counts besides the parser's)."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth


def loads_line(line: bytes | str, *, origin: str) -> Any:
    """One JSON value of a JSON Lines file: orjson's parse, and a repeated key refused as in every file."""
    value = orjson.loads(line)
    if isinstance(value, dict) or (isinstance(value, list) and value):
        raw = line.encode("utf-8") if isinstance(line, str) else line
        refuse_duplicate_keys(raw, origin=origin)
    return value


def read_json(
    path: Path,
    *,
    limit: int | None = None,
    check_duplicates: bool = False,
    expected: str | None = None,
    what: str = "",
) -> Any:
    """Read and parse one JSON file with size and depth limits."""
    data = read_bytes(path, limit=limit, what="JSON file", expect_json=True)
    return parse_json(data, origin=str(path), check_duplicates=check_duplicates, expected=expected, what=what)


def dumps(value: Any) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, trailing newline."""
    return orjson.dumps(value, option=DUMP_OPTIONS)


def _mode_for(path: Path) -> int:
    """Permissions for a written file: those of the file replaced, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part.

    The bytes go to a temporary file in the same folder, are fsynced, then renamed over
    ``path``. With ``overwrite=False`` an existing file is never replaced.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            tmp.replace(path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError as exc:
                raise InputError(f"{path}: already exists; refusing to overwrite it") from exc
            tmp.unlink()
        fsync_directory(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def fsync_directory(folder: Path) -> None:
    """Flush a directory's entries to disk, so a rename or link into it survives a crash."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def confined(root: Path, name: str, *, under: str = "") -> Path:
    """Resolve ``name`` under ``root/under``, refusing absolute paths, ``..`` and links that leave it.

    The folder ``under`` is taken where it lies in ``root``, not where a link may point: a
    ``sources/`` that is a symbolic link to a folder outside the dataset confines nothing. A loop
    of symbolic links is refused too (it resolves nowhere).
    """
    if not name or name.startswith(("/", "\\")) or "\x00" in name:
        raise UnsafePathError(f"{name!r}: not a relative file name under {root / under}")
    try:
        base = root.resolve() / under if under else root.resolve()
        candidate = (root / under / name).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: Python 3.11's "Symlink loop"
        raise UnsafePathError(f"{name!r}: a loop of symbolic links under {root / under}") from exc
    if candidate != base and base not in candidate.parents:
        raise UnsafePathError(f"{name!r}: resolves outside {root / under}")
    return candidate

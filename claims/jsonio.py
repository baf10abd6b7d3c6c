"""Bounded JSON reading and atomic writing: the only way this package touches files."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
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


def read_bytes(path: Path, *, limit: int | None = None, what: str = "file") -> bytes:
    """Read a whole file, refusing directories, missing files and files over ``limit`` bytes.

    ``limit`` defaults to :data:`MAX_JSON_BYTES`, looked up at call time so tests can lower it.
    """
    if limit is None:
        limit = MAX_JSON_BYTES
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError(f"{path}: {what} not found") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {exc.strerror}") from exc
    if path.is_dir():
        raise InputError(f"{path}: expected a {what}, found a directory")
    if size > limit:
        raise InputError(f"{path}: {what} is {size} bytes, over the limit of {limit} bytes")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {exc.strerror}") from exc


def _position(data: bytes, pos: int) -> str:
    """Line and column (1-based) of a byte offset, for error messages."""
    line = data.count(b"\n", 0, pos) + 1
    column = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


def _refuse_invalid_utf8(data: bytes, origin: str) -> None:
    """Name the first byte that is not UTF-8 (orjson only says a string is invalid), if there is one."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin}: expected UTF-8, found byte {data[exc.start]:#04x} at {_position(data, exc.start)}"
        ) from exc


def _refuse_duplicates(origin: str) -> Any:
    """An ``object_pairs_hook`` that refuses an object with a key given twice."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise InputError(f"{origin}: duplicate key {key!r} in one JSON object")
            result[key] = value
        return result

    return hook


def parse_json(data: bytes, *, origin: str, check_duplicates: bool = False) -> Any:
    """Parse JSON bytes; errors name ``origin`` and the line and column.

    ``check_duplicates`` also refuses objects with a repeated key (orjson keeps the last one
    silently); it is meant for hand-edited files, where a repeated key is a curator's slip.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError(f"{origin}: starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")
    if not data or data.isspace():  # not ``data.strip()``: that copies the whole file
        raise InputError(f"{origin}: empty file, expected JSON")
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
    """
    try:
        json.loads(data, object_pairs_hook=_refuse_duplicates(origin))
    except RecursionError as exc:
        raise InputError(f"{origin}: JSON nested too deeply to check for duplicate keys") from exc


def read_json(path: Path, *, limit: int | None = None, check_duplicates: bool = False) -> Any:
    """Read and parse one JSON file with size and depth limits."""
    data = read_bytes(path, limit=limit, what="JSON file")
    return parse_json(data, origin=str(path), check_duplicates=check_duplicates)


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
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def confined(root: Path, name: str) -> Path:
    """Resolve ``name`` under ``root``, refusing absolute paths, ``..`` and links that leave ``root``."""
    if not name or name.startswith(("/", "\\")) or "\x00" in name:
        raise UnsafePathError(f"{name!r}: not a relative file name under {root}")
    candidate = (root / name).resolve()
    base = root.resolve()
    if candidate != base and base not in candidate.parents:
        raise UnsafePathError(f"{name!r}: resolves outside {root}")
    return candidate

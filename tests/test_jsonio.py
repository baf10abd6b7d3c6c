"""Bounded reading and atomic writing of JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.errors import InputError, UnsafePathError
from claims.jsonio import atomic_write, confined, parse_json, read_json


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf\xef\xbb\xbf[]",
        b"[1, 2",
        b'{"a": 1, "a": 2}',
        b"[" * 2000 + b"]" * 2000,
        b"\x00",
    ],
)
def test_bad_json_is_refused_with_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        parse_json(data, origin="x.json", check_duplicates=True)


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_json(tmp_path / "absent.json")
    with pytest.raises(InputError):
        read_json(tmp_path)


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"1," * 100 + b"1]")
    with pytest.raises(InputError):
        read_json(path, limit=50)


def test_atomic_write_refuses_to_overwrite_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    atomic_write(path, b"old", overwrite=False)
    with pytest.raises(InputError):
        atomic_write(path, b"new", overwrite=False)
    assert path.read_bytes() == b"old"
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/../../b", "", "a\x00b"])
def test_confined_refuses_escapes(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafePathError):
        confined(tmp_path, name)


def test_confined_refuses_symlink_out(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "link").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError):
        confined(tmp_path / "root", "link")

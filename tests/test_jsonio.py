"""Bounded reading and atomic writing of JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.errors import InputError, UnsafePathError
from claims.jsonio import atomic_write, confined, parse_json, read_json


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "x.json: empty file, expected JSON", id="empty"),
        pytest.param(b"   ", "x.json: empty file, expected JSON", id="blank"),
        pytest.param(b"\xef\xbb\xbf", "x.json: empty file, expected JSON", id="bom-only"),
        pytest.param(
            b"\xef\xbb\xbf\xef\xbb\xbf[]",
            "x.json: not valid JSON at line 1, column 1: UTF-8 byte order mark (BOM) is not supported",
            id="second-bom",
        ),
        pytest.param(
            b"[1, 2", "x.json: not valid JSON at line 1, column 6: unexpected end of data", id="truncated"
        ),
        pytest.param(b'{"a": 1, "a": 2}', "x.json: duplicate key 'a' in one JSON object", id="duplicate-key"),
        pytest.param(
            b"[" * 2000 + b"]" * 2000,
            "x.json: JSON nested deeper than the limit of 1024 levels",
            id="too-deep",
        ),
        pytest.param(
            b"\x00",
            "x.json: not valid JSON at line 1, column 1: unexpected character, expected a JSON value",
            id="nul",
        ),
    ],
)
def test_bad_json_is_refused_with_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_json(data, origin="x.json", check_duplicates=True)
    assert type(caught.value) is InputError
    assert str(caught.value) == message


def test_a_parse_error_points_at_its_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        parse_json(b"[\n  1,\n  2, ]\n", origin="x.json")
    assert str(caught.value) == "x.json: not valid JSON at line 3, column 4: trailing comma is not allowed"


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        read_json(tmp_path / "absent.json")
    assert str(missing.value) == f"{tmp_path / 'absent.json'}: JSON file not found"
    with pytest.raises(InputError) as folder:
        read_json(tmp_path)
    assert str(folder.value) == f"{tmp_path}: expected a JSON file, found a directory"


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"1," * 100 + b"1]")
    with pytest.raises(InputError) as caught:
        read_json(path, limit=50)
    assert str(caught.value) == f"{path}: JSON file is 203 bytes, over the limit of 50 bytes"


def test_atomic_write_refuses_to_overwrite_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    atomic_write(path, b"old", overwrite=False)
    with pytest.raises(InputError) as caught:
        atomic_write(path, b"new", overwrite=False)
    assert str(caught.value) == f"{path}: already exists; refusing to overwrite it"
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

"""``SHA256SUMS`` files: the checksum of every release, in the format ``sha256sum --check`` reads."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from claims.codes import make_problem
from claims.errors import InputError
from claims.jsonio import read_bytes
from claims.report import Problem

SUMS_NAME = "SHA256SUMS"
_LINE = re.compile(r"([0-9a-f]{64}) [ *](\S+)")


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def hash_mismatch(data: bytes, known_hash: str) -> str | None:
    """The sha256 of ``data`` when it is not ``known_hash``, else None (the one sha256 check)."""
    found = sha256_hex(data)
    return None if found == known_hash else found


def altered_message(shown: str, expected: str, found: str, *, listed_in: str, what: str) -> str:
    """The one sentence for bytes whose sha256 is not the one recorded: what, where, both digests."""
    return f"{shown}: sha256 expected {expected} ({listed_in}), found {found}; the {what} was altered"


def parse_sums(text: str, *, origin: str = SUMS_NAME) -> dict[str, str]:
    """File name -> sha256 from SHA256SUMS text; a malformed line or a repeated name is an InputError."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.fullmatch(line.rstrip("\r"))
        if match is None:
            raise InputError(f"{origin} line {number}: expected '<sha256>  <file name>', found {line!r}")
        digest, name = match.groups()
        if name in sums:
            raise InputError(f"{origin} line {number}: {name} is listed twice")
        sums[name] = digest
    return sums


def decode_sums(data: bytes, *, origin: str) -> dict[str, str]:
    """Parse SHA256SUMS bytes, refusing anything that is not ASCII text."""
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: expected ASCII text, found byte {data[exc.start]:#04x}") from exc
    return parse_sums(text, origin=origin)


def read_sums(folder: Path) -> dict[str, str]:
    """The checksums listed in ``folder/SHA256SUMS`` (empty when the file does not exist)."""
    path = folder / SUMS_NAME
    if not path.exists():
        return {}
    return decode_sums(read_bytes(path, what="checksum list"), origin=str(path))


def listed_sha256(release: Path) -> str | None:
    """The sha256 that ``SHA256SUMS`` beside ``release`` lists for it, if it lists one."""
    return read_sums(release.parent).get(release.name)


def checksum_problem(name: str, shown: str, expected: str, found: str) -> Problem:
    """The problem of release file ``name`` (shown as ``shown``) whose sha256 is not the one listed."""
    return make_problem(
        "release-checksum-mismatch",
        altered_message(shown, expected, found, listed_in=f"from {SUMS_NAME}", what="release"),
        [name],
        file=shown,
    )

"""``SHA256SUMS``: the checksum of every release, in the format ``sha256sum --check`` reads."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from claims.errors import InputError
from claims.jsonio import atomic_write, read_bytes
from claims.report import Problem

SUMS_NAME = "SHA256SUMS"
RELEASE_GLOB = "claimtrack-*.json"
_LINE = re.compile(r"([0-9a-f]{64}) [ *](\S+)")


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


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


def format_sums(sums: dict[str, str]) -> bytes:
    """SHA256SUMS bytes: one ``<sha256>  <name>`` line per file, sorted by name."""
    return "".join(f"{sums[name]}  {name}\n" for name in sorted(sums)).encode("ascii")


def read_sums(folder: Path) -> dict[str, str]:
    """The checksums listed in ``folder/SHA256SUMS`` (empty when the file does not exist yet)."""
    path = folder / SUMS_NAME
    if not path.exists():
        return {}
    data = read_bytes(path, what="checksum list")
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: expected ASCII text, found byte {data[exc.start]:#04x}") from exc
    return parse_sums(text, origin=str(path))


def add_sum(folder: Path, name: str, digest: str) -> None:
    """Add ``name`` to ``folder/SHA256SUMS`` atomically; an existing entry must not change."""
    sums = read_sums(folder)
    if name in sums and sums[name] != digest:
        raise InputError(f"{folder / SUMS_NAME}: already lists {name} with sha256 {sums[name]}, not {digest}")
    sums[name] = digest
    atomic_write(folder / SUMS_NAME, format_sums(sums))


def check_sums(folder: Path) -> list[Problem]:
    """Every release file in ``folder`` is listed in SHA256SUMS with its true sha256, and vice versa."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    origin = f"{folder.name}/{SUMS_NAME}"
    sums = read_sums(folder)
    on_disk = {path.name: path for path in sorted(folder.glob(RELEASE_GLOB)) if path.is_file()}
    for name, path in on_disk.items():
        found = sha256_hex(read_bytes(path, what="release file"))
        if name not in sums:
            problems.append(
                Problem(
                    code="release-not-listed",
                    severity="error",
                    message=f"{origin}: expected a line for {name} (sha256 {found}), found none",
                    ids=[name],
                    file=origin,
                )
            )
        elif sums[name] != found:
            problems.append(
                Problem(
                    code="release-checksum-mismatch",
                    severity="error",
                    message=(
                        f"{folder.name}/{name}: sha256 expected {sums[name]} (from {SUMS_NAME}), found {found}; "
                        "a cut release was edited"
                    ),
                    ids=[name],
                    file=f"{folder.name}/{name}",
                )
            )
    for name in sorted(sums.keys() - on_disk.keys()):
        problems.append(
            Problem(
                code="listed-release-missing",
                severity="error",
                message=f"{origin}: lists {name}, but {folder.name}/{name} does not exist",
                ids=[name],
                file=origin,
            )
        )
    return problems

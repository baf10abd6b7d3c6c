"""``SHA256SUMS``: the checksum of every release, in the format ``sha256sum --check`` reads."""

from __future__ import annotations

from pathlib import Path

from claims.checksums import SUMS_NAME, checksum_problem, parse_sums, read_sums, sha256_hex
from claims.codes import make_problem
from claims.errors import InputError
from claims.jsonio import atomic_write, read_bytes
from claims.layout import is_layout_name, layout_bytes, layout_name, layout_of
from claims.problem import Problem

__all__ = [
    "RELEASE_GLOB",
    "SUMS_NAME",
    "add_sum",
    "add_sums",
    "check_sums",
    "format_sums",
    "parse_sums",
    "read_sums",
    "sha256_hex",
]

RELEASE_GLOB = "claimtrack-*.json"


def format_sums(sums: dict[str, str]) -> bytes:
    """SHA256SUMS bytes: one ``<sha256>  <name>`` line per file, sorted by name."""
    return "".join(f"{sums[name]}  {name}\n" for name in sorted(sums)).encode("ascii")


def add_sum(folder: Path, name: str, digest: str) -> None:
    """Add ``name`` to ``folder/SHA256SUMS`` atomically; an existing entry must not change."""
    add_sums(folder, {name: digest})


def add_sums(folder: Path, entries: dict[str, str]) -> None:
    """Add every ``name -> sha256`` of ``entries`` to ``folder/SHA256SUMS`` in one atomic rewrite.

    Names may be paths below ``folder`` (``claimtrack-1.0.0/claims.parquet``), as ``sha256sum
    --check`` run in ``folder`` reads them. An existing entry must not change.
    """
    sums = read_sums(folder)
    for name, digest in entries.items():
        if name in sums and sums[name] != digest:
            raise InputError(
                f"{folder / SUMS_NAME}: already lists {name} with sha256 {sums[name]}, not {digest}"
            )
        sums[name] = digest
    atomic_write(folder / SUMS_NAME, format_sums(sums))


def check_sums(folder: Path) -> list[Problem]:
    """Every release file in ``folder``, and every layout manifest beside one, is listed in SHA256SUMS
    with its true sha256, and vice versa; a listed manifest is exactly the layout of its release."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    origin = f"{folder.name}/{SUMS_NAME}"
    sums = read_sums(folder)
    on_disk = {path.name: path for path in sorted(folder.glob(RELEASE_GLOB)) if path.is_file()}
    contents: dict[str, bytes] = {}
    for name, path in on_disk.items():
        data = read_bytes(path, what="layout manifest" if is_layout_name(name) else "release file")
        contents[name] = data
        found = sha256_hex(data)
        if name not in sums:
            problems.append(
                make_problem(
                    "release-not-listed",
                    f"{origin}: expected a line for {name} (sha256 {found}), found none",
                    [name],
                    file=origin,
                )
            )
        elif sums[name] != found:
            problems.append(checksum_problem(name, f"{folder.name}/{name}", sums[name], found))
    for name in sorted(name for name in on_disk if not is_layout_name(name)):
        manifest = layout_name(name)
        vouched = sums.get(name) == sha256_hex(contents[name])  # else the release's own mismatch is reported
        if vouched and manifest in contents and sums.get(manifest) == sha256_hex(contents[manifest]):
            problems.extend(_stale_layout(folder, name, contents[name], contents[manifest]))
    for name in sorted(name for name in sums.keys() - on_disk.keys() if "/" in name):
        path = folder / name  # a file of a release's tables folder
        if not path.is_file():
            problems.append(_missing(origin, folder, name))
        elif (found := sha256_hex(read_bytes(path, what="release table"))) != sums[name]:
            problems.append(checksum_problem(name, f"{folder.name}/{name}", sums[name], found))
    for name in sorted(name for name in sums.keys() - on_disk.keys() if "/" not in name):
        problems.append(_missing(origin, folder, name))
    return problems


def _stale_layout(folder: Path, name: str, data: bytes, manifest: bytes) -> list[Problem]:
    """The problem of a listed layout manifest that is not the layout of release ``name``'s bytes."""
    layout = layout_of(data, name)
    if layout is not None and layout_bytes(layout) == manifest:
        return []
    shown = f"{folder.name}/{layout_name(name)}"
    return [
        make_problem(
            "release-layout-stale",
            f"{shown}: expected the layout of {name} (sha256 {sha256_hex(data)}), "
            "found a manifest that does not describe it (claims validate parses the release whole)",
            [layout_name(name)],
            file=shown,
        )
    ]


def _missing(origin: str, folder: Path, name: str) -> Problem:
    """The problem of an entry of SHA256SUMS whose file does not exist."""
    return make_problem(
        "listed-release-missing",
        f"{origin}: lists {name}, but {folder.name}/{name} does not exist",
        [name],
        file=origin,
    )

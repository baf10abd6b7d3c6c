"""The release folder: Parquet and JSON Lines tables, their descriptions and the dataset card.

``release_files(release)`` gives every file of ``dataset/releases/claimtrack-<version>/`` as
bytes, computed from the records alone: the same release gives the same bytes (for a given
pyarrow, whose version the Parquet footer names). ``write_folder`` puts a set of files in place
as one folder, atomically: a temporary folder beside it, each file fsynced, then one rename; an
existing folder is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import orjson

from claims.errors import InputError
from claims.jsonio import fsync_directory
from claims.records import Release, Rights
from claims.tables.arrow import TABLES, _pyarrow, to_arrow

TABLE_FORMATS = ("parquet", "jsonl")
"""The table formats ``claims export`` writes to a folder."""

PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "store_schema": True,
}
"""How every Parquet table is written (fixed, so the bytes are the same run after run)."""


def folder_name(version: str) -> str:
    """``claimtrack-<version>``: the folder of a release's tables beside its JSON file."""
    return f"claimtrack-{version}"


def parquet_bytes(release: Release, kind: str) -> bytes:
    """Table ``kind`` as Parquet bytes (``InputError`` naming the extra when pyarrow is missing)."""
    pa = _pyarrow()
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(to_arrow(release, kind), sink, **PARQUET_OPTIONS)
    data: bytes = sink.getvalue().to_pybytes()
    return data


def jsonl_bytes(release: Release, kind: str) -> bytes:
    """Table ``kind`` as JSON Lines: one record a line, keys sorted, every field present."""
    rows = [record.model_dump(mode="json") for record in getattr(release, kind)]
    return b"".join(orjson.dumps(row, option=orjson.OPT_SORT_KEYS) + b"\n" for row in rows)


def table_files(release: Release, table_format: str) -> dict[str, bytes]:
    """The six tables in one format: ``claims.parquet``, ``people.parquet``, ... (or ``.jsonl``)."""
    if table_format not in TABLE_FORMATS:
        raise InputError(f"no table format {table_format!r}: expected one of {', '.join(TABLE_FORMATS)}")
    build = parquet_bytes if table_format == "parquet" else jsonl_bytes
    return {f"{kind}.{table_format}": build(release, kind) for kind in TABLES}


def release_files(release: Release, *, rights: dict[str, Rights] | None = None) -> dict[str, bytes]:
    """Every file of the release folder: the tables in both formats, croissant.json, datapackage.json, README.md.

    ``rights`` (source sha256 -> rights) fills the card's rights of sources a release written
    before sources had ``rights`` (schema version 1) holds without them: the tables stay as released.
    """
    from claims.tables.describe import card, croissant, datapackage

    files = {**table_files(release, "parquet"), **table_files(release, "jsonl")}
    files["croissant.json"] = croissant(release, files)
    files["datapackage.json"] = datapackage(release, files)
    files["README.md"] = card(release, files, rights=rights)
    return dict(sorted(files.items()))


def write_folder(folder: Path, files: dict[str, bytes], *, mode: int = 0o644) -> None:
    """Create ``folder`` holding exactly ``files``, atomically; refuse if it exists.

    The files are written and fsynced in a hidden temporary folder beside it, which is then
    renamed to ``folder``: a crash leaves no folder, or the whole folder, never part of one
    (a leftover ``.<name>.*.tmp`` folder is not a release and may be deleted).
    """
    if folder.exists():
        raise InputError(f"{folder}: already exists; refusing to overwrite it")
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    try:
        for name, data in files.items():
            path = temporary / name
            with path.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            path.chmod(mode)
        temporary.chmod(0o755)
        if folder.exists():
            raise InputError(f"{folder}: already exists; refusing to overwrite it")
        temporary.rename(folder)
        fsync_directory(parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(temporary)


def backfill(releases: Path, version: str, dataset: Path | None = None) -> Path:
    """Write the tables folder of an already cut release that has none, and list its files in SHA256SUMS.

    For releases cut before ``claims release`` wrote the folder (1.0.0). The release file must
    match SHA256SUMS; ``dataset`` (its ``sources.json``) supplies the card's rights of sources
    the release records none for, matched by sha256. Refuses an existing folder.
    """
    from claims.canonical import canonical_release
    from claims.checksums import sha256_hex
    from claims.loading import load
    from claims.reading import read_dataset
    from claims.releasing.sums import add_sums, read_sums

    release_file = releases / f"claimtrack-{version}.json"
    if read_sums(releases).get(release_file.name) is None:
        raise InputError(f"{releases}/SHA256SUMS does not list {release_file.name}")
    release = canonical_release(load(release_file))
    rights = None
    if dataset is not None:
        current = read_dataset(dataset).release
        rights = {s.sha256: s.rights for s in current.sources if s.rights is not None}
    files = release_files(release, rights=rights)
    folder = releases / folder_name(version)
    write_folder(folder, files)
    add_sums(releases, {f"{folder.name}/{name}": sha256_hex(data) for name, data in files.items()})
    return folder

"""Checking an output path the user named before any work is done, so a bad one fails fast and clearly."""

from __future__ import annotations

from pathlib import Path

from claims.errors import InputError


def check_output(path: Path, *, force: bool) -> None:
    """Refuse an output that is a directory, lies under a file, or exists without ``force``.

    Missing folders on the way are fine: the write creates them (they are part of the path named).
    """
    if path.is_dir():
        raise InputError(f"{path}: expected a file to write, found a directory")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.exists() and not ancestor.is_dir():
        raise InputError(f"{path}: expected {ancestor} to be a folder to write into, found a file")
    if path.exists() and not force:
        raise InputError(f"{path}: already exists; refusing to overwrite it (pass --force to replace it)")

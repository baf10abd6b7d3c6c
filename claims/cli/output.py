"""What commands write: the one JSON printer, and the check of an output path made before any work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
import orjson

from claims.errors import InputError

if TYPE_CHECKING:
    from pydantic import BaseModel


def json_bytes(
    model: BaseModel, *, sort_keys: bool = True, indent: bool = True, exclude_none: bool = False
) -> bytes:
    """``model`` as ``--format json`` writes it, without the final newline.

    Keys sorted (``sort_keys=False``: in the model's order, for outputs whose order is their
    meaning: ``stats`` counts, ``verify`` results), indented by two spaces or (``indent=False``)
    on one line, and with ``exclude_none`` leaving out fields that are ``None``.
    """
    options = (orjson.OPT_SORT_KEYS if sort_keys else 0) | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(model.model_dump(mode="json", exclude_none=exclude_none), option=options)


def print_json(
    model: BaseModel, *, sort_keys: bool = True, indent: bool = True, exclude_none: bool = False
) -> None:
    """Print ``model`` as JSON (``json_bytes``) and a newline to stdout: every command's ``--format json``."""
    click.echo(json_bytes(model, sort_keys=sort_keys, indent=indent, exclude_none=exclude_none).decode())


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

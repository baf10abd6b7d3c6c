"""Reading a batch of verify questions from JSON Lines or CSV, refusing bad lines by number."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import orjson
from pydantic import ValidationError

from claims.errors import InputError
from claims.jsonio import decode_utf8, json_kind, loads_line, read_bytes
from claims.verification.api import VerifyRequest

COLUMNS = ("quote", "speaker", "date", "source")
"""The columns (CSV) or keys (JSON Lines) of a batch; only ``quote`` is required."""

MAX_BATCH_BYTES = 256 * 1024**2
"""Largest batch file read (256 MiB)."""


Row = VerifyRequest | InputError
"""A batch row: a question, or (read with ``strict=False``) the problem that makes it unusable."""


def read_batch(path: Path, *, strict: bool = True) -> list[tuple[str, Row]]:
    """The questions in ``path``: JSON Lines (``.jsonl``, ``.ndjson``, ``.json``) or CSV (``.csv``).

    Other names are sniffed: a first non-blank character ``{`` means JSON Lines. Each question
    comes with its place (``file, line N``). A file that cannot be read (not UTF-8, no questions,
    a CSV header that is not the columns) raises :class:`InputError`; so does an unusable row
    when ``strict``, else the row's :class:`InputError` (with a ``code``) stands in its place.
    """
    data = read_bytes(path, limit=MAX_BATCH_BYTES, what="batch file")
    text = decode_utf8(data, str(path), bom=True)
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"} or (suffix != ".csv" and text.lstrip().startswith("{")):
        requests = parse_jsonl(text, origin=str(path), strict=strict)
    else:
        requests = parse_csv(text, origin=str(path), strict=strict)
    if not requests:
        raise InputError(f"{path}: no questions found (expected a line per quote)")
    return requests


def _row_error(message: str) -> InputError:
    return InputError(message, code="bad-row")


def _request(fields: dict[str, object], where: str) -> VerifyRequest:
    unknown = sorted(set(fields) - set(COLUMNS))
    if unknown:
        raise InputError(
            f"{where}: unexpected {', '.join(map(repr, unknown))}; expected only {', '.join(COLUMNS)}"
        )
    if "quote" not in fields:
        raise InputError(f"{where}: missing 'quote'")
    try:
        return VerifyRequest.model_validate({k: (None if v == "" else v) for k, v in fields.items()})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {name}: {first['msg']}") from None


def _row(where: str, make: Callable[[], VerifyRequest], strict: bool) -> Row:
    try:
        return make()
    except InputError as exc:
        if strict:
            raise
        return _row_error(str(exc))


def _json_row(line: str, where: str) -> VerifyRequest:
    try:
        value = loads_line(line, origin=where)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object, found {json_kind(value)}")
    return _request(value, where)


def parse_jsonl(text: str, *, origin: str, strict: bool = True) -> list[tuple[str, Row]]:
    """Questions from JSON Lines: one object a line with quote and optionally speaker, date, source."""
    requests: list[tuple[str, Row]] = []
    for number, line in enumerate(text.split("\n"), start=1):  # only \n ends a line (not U+2028, U+0085)
        if not line.strip():
            continue
        where = f"{origin}, line {number}"
        requests.append((where, _row(where, lambda: _json_row(line, where), strict)))  # noqa: B023
    return requests


def parse_csv(text: str, *, origin: str, strict: bool = True) -> list[tuple[str, Row]]:
    """Questions from CSV with a header row naming its columns (quote required; speaker, date, source)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    requests: list[tuple[str, Row]] = []
    try:
        for row in reader:
            where = f"{origin}, line {reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                duplicated = sorted({c for c in header if header.count(c) > 1})
                if duplicated:
                    raise InputError(f"{where}: column {', '.join(duplicated)} appears twice in the header")
                unknown = sorted(set(header) - set(COLUMNS))
                if unknown or "quote" not in header:
                    raise InputError(
                        f"{where}: header {row!r}: expected columns quote, speaker, date, source "
                        f"(quote required); unexpected {unknown}"
                        + ("" if "quote" in header else ", missing 'quote'")
                    )
                continue
            if len(row) != len(header):
                problem = f"{where}: {len(row)} fields, but the header names {len(header)} columns"
                if strict:
                    raise InputError(problem)
                requests.append((where, _row_error(problem)))
                continue
            fields: dict[str, object] = dict(zip(header, row, strict=True))
            requests.append((where, _row(where, lambda: _request(fields, where), strict)))  # noqa: B023
    except csv.Error as exc:
        raise InputError(f"{origin}, line {reader.line_num}: not valid CSV: {exc}") from None
    return requests

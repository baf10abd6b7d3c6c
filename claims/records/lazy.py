"""A release collection whose records become typed models when first read, not when loaded.

``claims.load`` of a release vouched for by its checksum parses the JSON once (the floor) and
keeps each collection's objects as parsed; a record is validated into its model the first time
it is read, then kept (strictly, as every file is read: a value of the wrong JSON type is an error). Iterating validates a chunk at a time in one pydantic-core call. Reading
a record that does not fit its model raises ``InputError`` naming the collection, the index, the
record id and the JSON path, exactly as an eager load would.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, Generic, TypeVar, overload

from pydantic import BaseModel, TypeAdapter, ValidationError

from claims.collector import collector_paused
from claims.errors import InputError
from claims.jsonio import error_message, json_path

R = TypeVar("R", bound=BaseModel)

CHUNK = 4096
"""Records validated per pydantic-core call while iterating (a batch is several times faster per record)."""


@cache
def list_adapter(model: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """A validator of a list of ``model`` records (built once per model, on first use)."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


class RecordList(Sequence[R], Generic[R]):
    """An immutable sequence of ``model`` records, validated on first read (see the module doc)."""

    __slots__ = ("_all_built", "_collection", "_ids", "_items", "_model", "_origin")

    def __init__(self, model: type[R], items: list[Any], *, collection: str, origin: str) -> None:
        self._model = model
        self._items = items
        self._collection = collection
        self._origin = origin
        self._all_built = not items
        self._ids: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    @overload
    def __getitem__(self, index: str) -> R: ...

    def __getitem__(self, index: int | slice | str) -> R | list[R]:
        if isinstance(index, str):
            return self._record(self._position_of(index))
        if isinstance(index, slice):
            return [self._record(i) for i in range(*index.indices(len(self._items)))]
        position = index + len(self._items) if index < 0 else index
        if not 0 <= position < len(self._items):
            raise IndexError(f"{self._collection} index {index} out of range ({len(self._items)} records)")
        return self._record(position)

    def __iter__(self) -> Iterator[R]:
        if self._all_built:  # after one full pass, a plain list iterator: no per-record check
            return iter(self._items)
        return self._building()

    def _building(self) -> Iterator[R]:
        """Iterate, validating a chunk at a time; a pass that reaches the end has built every record."""
        items = self._items
        for start in range(0, len(items), CHUNK):
            stop = min(start + CHUNK, len(items))
            self._build(start, stop)
            yield from items[start:stop]
        self._all_built = True

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        built = sum(isinstance(item, self._model) for item in self._items)
        return f"RecordList[{self._model.__name__}]({len(self._items)} records, {built} built)"

    def _position_of(self, record_id: str) -> int:
        """Where the record of id ``record_id`` is (an index of ids is built on the first look-up)."""
        if self._ids is None:
            ids: dict[str, int] = {}
            for index, item in enumerate(self._items):
                key = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
                if isinstance(key, str):
                    ids.setdefault(key, index)
            self._ids = ids
        found = self._ids.get(record_id)
        if found is None:
            raise KeyError(f"no {self._collection} record of id {record_id!r}")
        return found

    def _record(self, position: int) -> R:
        item = self._items[position]
        if isinstance(item, self._model):
            return item
        try:
            record = self._model.model_validate(item, strict=True)
        except ValidationError as exc:
            raise self._error(position, exc.errors(include_url=False)[0]) from exc
        self._items[position] = record
        return record

    def _build(self, start: int, stop: int) -> None:
        """Validate the not yet built records of ``[start, stop)`` in one call."""
        items = self._items
        pending = [i for i in range(start, stop) if not isinstance(items[i], self._model)]
        if not pending:
            return
        with collector_paused():
            try:
                built = list_adapter(self._model).validate_python([items[i] for i in pending], strict=True)
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                loc = first["loc"]
                raise self._error(pending[int(loc[0])], {**first, "loc": loc[1:]}) from exc
        for i, record in zip(pending, built, strict=True):
            items[i] = record

    def _error(self, position: int, error: Any) -> InputError:
        item = self._items[position]
        record_id = item.get("id") if isinstance(item, dict) else None
        path = json_path((position, *error["loc"]), f"$.{self._collection}")
        named = f" (id {record_id!r})" if isinstance(record_id, str) else ""
        return InputError(
            f"{self._origin}: {self._collection} record{named} at {path}: {error_message(error)}"
        )

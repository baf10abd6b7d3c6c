"""An Arrow schema derived from the record models, and the records as Arrow tables and back.

The mapping is mechanical, from each pydantic model's field annotations: a nested record is a
struct, a list a list, ``datetime.date`` a ``date32``, ``int`` an ``int64``, ``float`` a
``float64``, ``bool`` a ``bool``, any other string a ``string``, and a closed vocabulary (a
``Literal`` of strings) a dictionary-encoded string. A union of records told apart by a
discriminator (an assertion's ``kind``, a date basis's ``method``) is one struct holding every
member's fields, those a member lacks null. Optional fields are nullable; the others are not.

pyarrow is imported here and only here (the ``tables`` extra): ``pip install 'claimtrack[tables]'``.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from claims.errors import InputError
from claims.records import Claim, Event, Person, Release, Segment, Source, Subject

TABLES: dict[str, type[BaseModel]] = {
    "claims": Claim,
    "people": Person,
    "sources": Source,
    "segments": Segment,
    "events": Event,
    "subjects": Subject,
}
"""Table name -> the record model of its rows; the names are the release's collections."""

KEYS: dict[str, str] = {
    "claims": "id",
    "people": "id",
    "sources": "id",
    "segments": "id",
    "events": "id",
    "subjects": "id",
}
"""The primary key of each table."""


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise InputError(
            "this needs pyarrow, which claimtrack does not install by default: "
            "pip install 'claimtrack[tables]'"
        ) from exc
    return pyarrow


def _strip(annotation: Any) -> Any:
    """The type under ``Annotated[...]`` wrappers."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _optional(annotation: Any) -> tuple[Any, bool]:
    """``(inner, True)`` for ``X | None``, else ``(annotation, False)``."""
    annotation = _strip(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) < len(typing.get_args(annotation)):
            inner = args[0] if len(args) == 1 else typing.Union[tuple(args)]  # noqa: UP007
            return _strip(inner), True
    return annotation, False


def union_members(annotation: Any) -> list[type[BaseModel]] | None:
    """The record models of a union of records, or None when ``annotation`` is not one."""
    annotation = _strip(annotation)
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return None
    args = [_strip(arg) for arg in typing.get_args(annotation)]
    if all(isinstance(arg, type) and issubclass(arg, BaseModel) for arg in args):
        return args
    return None


def discriminator(members: list[type[BaseModel]]) -> str:
    """The field every member declares as a one-value ``Literal`` (``kind``, ``method``)."""
    for name in members[0].model_fields:
        if all(
            name in m.model_fields and typing.get_origin(_strip(m.model_fields[name].annotation)) is Literal
            for m in members
        ):
            return name
    raise TypeError(f"no discriminator common to {[m.__name__ for m in members]}")


Literal = typing.Literal


def _merged_fields(members: list[type[BaseModel]]) -> dict[str, tuple[Any, bool]]:
    """Field name -> (annotation, nullable) over every member, in alphabetical order."""
    merged: dict[str, tuple[Any, bool]] = {}
    tag = discriminator(members)
    for member in members:
        for name, info in member.model_fields.items():
            inner, optional = _optional(info.annotation)
            if name == tag:
                values = tuple(typing.get_args(merged[name][0])) if name in merged else ()
                inner = Literal[(*values, *typing.get_args(inner))]
                merged[name] = (inner, False)
                continue
            present_in_all = all(name in m.model_fields for m in members)
            merged[name] = (inner, optional or not present_in_all or merged.get(name, (None, False))[1])
    return dict(sorted(merged.items()))


def arrow_type(annotation: Any) -> Any:
    """The Arrow type of a field annotation (see the module docstring)."""
    pa = _pyarrow()
    annotation, _ = _optional(annotation)
    members = union_members(annotation)
    if members is not None:
        return pa.struct(
            [_arrow_field(name, ann, opt) for name, (ann, opt) in _merged_fields(members).items()]
        )
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return pa.dictionary(pa.int32(), pa.string())
    if origin in (list, Sequence, typing.get_origin(Sequence[int])):
        return pa.list_(arrow_type(typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_struct(annotation)
    simple = {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string(), dt.date: pa.date32()}
    if annotation in simple:
        return simple[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def _arrow_field(name: str, annotation: Any, nullable: bool) -> Any:
    return _pyarrow().field(name, arrow_type(annotation), nullable=nullable)


def model_fields(model: type[BaseModel]) -> list[Any]:
    """The Arrow fields of a record model, in its (alphabetical) field order."""
    fields = []
    for name, info in model.model_fields.items():
        _, optional = _optional(info.annotation)
        fields.append(_arrow_field(name, info.annotation, optional))
    return fields


def model_struct(model: type[BaseModel]) -> Any:
    """A record model as an Arrow struct type."""
    return _pyarrow().struct(model_fields(model))


def table_schema(kind: str, version: str | None = None) -> Any:
    """The Arrow schema of table ``kind``; ``version`` is recorded in its metadata."""
    model = _model(kind)
    metadata = {"claimtrack.table": kind, "claimtrack.primary_key": KEYS[kind]}
    if version is not None:
        metadata["claimtrack.version"] = version
    return _pyarrow().schema(model_fields(model), metadata=metadata)


def _model(kind: str) -> type[BaseModel]:
    if kind not in TABLES:
        raise InputError(f"no table {kind!r}: expected one of {', '.join(TABLES)}")
    return TABLES[kind]


def records(release: Release, kind: str) -> Sequence[BaseModel]:
    """The records of one table, in the release's order."""
    _model(kind)
    result: Sequence[BaseModel] = getattr(release, kind)
    return result


def to_arrow(release: Release, kind: str) -> Any:
    """Table ``kind`` of ``release`` as a ``pyarrow.Table`` of the derived schema.

    Each dictionary-encoded column's dictionary is the whole vocabulary, in the order the model
    declares it (never only the values that occur, so a column of nulls has one too).
    """
    pa = _pyarrow()
    model = _model(kind)
    schema = table_schema(kind, release.version)
    plain = pa.schema([_plain(field) for field in schema], metadata=schema.metadata)
    rows = [record.model_dump(mode="python") for record in records(release, kind)]
    table = pa.Table.from_pylist(rows, schema=plain).combine_chunks()
    columns = [
        _encode(table.column(name).combine_chunks(), info.annotation)
        for name, info in model.model_fields.items()
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def _plain(field: Any) -> Any:
    """``field`` with every dictionary type replaced by its value type (to build rows from Python)."""
    pa = _pyarrow()
    kind = field.type
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    elif pa.types.is_struct(kind):
        kind = pa.struct([_plain(kind.field(i)) for i in range(kind.num_fields)])
    elif pa.types.is_list(kind):
        kind = pa.list_(_plain(kind.value_field).type)
    return field.with_type(kind)


def _encode(array: Any, annotation: Any, required: bool = False) -> Any:
    """A plain Arrow array with each closed vocabulary dictionary-encoded, guided by the annotation.

    ``required``: a non-nullable field, null only where its parent struct is null; those hidden
    slots get the vocabulary's first value, as Parquet wants no null in a required column.
    """
    pa = _pyarrow()
    import pyarrow.compute as pc

    annotation, optional = _optional(annotation)
    members = union_members(annotation)
    if members is not None:
        fields = _merged_fields(members)
        return _struct(array, [(name, ann) for name, (ann, _) in fields.items()])
    origin = typing.get_origin(annotation)
    if origin is Literal:
        vocabulary = pa.array(list(typing.get_args(annotation)), pa.string())
        indices = pc.index_in(array, value_set=vocabulary).cast(pa.int32())
        if required and not optional:
            indices = pc.fill_null(indices, 0)
        return pa.DictionaryArray.from_arrays(indices, vocabulary)
    if origin in (list, Sequence):
        (item,) = typing.get_args(annotation)
        values = _encode(array.values, item)
        mask = array.is_null() if array.null_count else None
        return pa.ListArray.from_arrays(array.offsets, values, mask=mask)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _struct(array, [(name, info.annotation) for name, info in annotation.model_fields.items()])
    return array


def _struct(array: Any, fields: list[tuple[str, Any]]) -> Any:
    pa = _pyarrow()
    children = [
        _encode(array.field(name), annotation, required=not array.type.field(name).nullable)
        for name, annotation in fields
    ]
    arrow_fields = [
        array.type.field(name).with_type(child.type)
        for (name, _), child in zip(fields, children, strict=True)
    ]
    mask = array.is_null() if array.null_count else None
    return pa.StructArray.from_arrays(children, fields=arrow_fields, mask=mask)


def to_pandas(release: Release, kind: str) -> Any:
    """Table ``kind`` as a ``pandas.DataFrame`` (needs pandas: ``pip install 'claimtrack[tables]'``)."""
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise InputError(
            "this needs pandas, which claimtrack does not install by default: "
            "pip install 'claimtrack[tables]'"
        ) from exc
    return to_arrow(release, kind).to_pandas()


def _restore(annotation: Any, value: Any) -> Any:
    """A value read from a table, shaped back into what the record model validates."""
    if value is None:
        return None
    annotation, _ = _optional(annotation)
    members = union_members(annotation)
    if members is not None:
        tag = discriminator(members)
        member = next(
            m for m in members if value[tag] in typing.get_args(_strip(m.model_fields[tag].annotation))
        )
        return _restore_fields(member, value)
    origin = typing.get_origin(annotation)
    if origin in (list, Sequence):
        (item,) = typing.get_args(annotation)
        return [_restore(item, element) for element in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _restore_fields(annotation, value)
    return value


def _restore_fields(model: type[BaseModel], value: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``model`` read back from a row or struct.

    An older release's tables may lack a column, or hold null for a field this version added with
    a default: the field is left out so the model fills its default (a required one is a
    validation error naming it), and the tables of every release read with this version's model.
    """
    restored: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        found = value.get(name)
        if found is None and not info.is_required() and not _optional(info.annotation)[1]:
            continue
        restored[name] = _restore(info.annotation, found)
    return restored


def record_from_row(kind: str, row: dict[str, Any]) -> BaseModel:
    """One row of table ``kind`` (as ``pyarrow.Table.to_pylist`` gives it) as its record.

    A column an older release's tables lack takes the field's default (a required one is a
    validation error naming it), so the tables of every release read with this version's model.
    """
    model = _model(kind)
    return model.model_validate(
        {
            name: _restore(info.annotation, row[name])
            for name, info in model.model_fields.items()
            if name in row
        }
    )

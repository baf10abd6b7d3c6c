"""JSON Schema of the release, of each record and of ``claims verify``'s result, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from claims.jsonio import dumps
from claims.records import Claim, Event, Person, Release, Segment, Source, Subject
from claims.verification.result import VerifyResult

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "release": Release,
    "person": Person,
    "subject": Subject,
    "source": Source,
    "segment": Segment,
    "event": Event,
    "claim": Claim,
}

OUTPUT_MODELS: dict[str, type[BaseModel]] = {"verify-result": VerifyResult}
"""Models of what the tools print (``claims verify --format json``: one result, or one a batch line)."""


def schema_for(model: type[BaseModel], *, output: bool = False) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model, as validated on input (or, ``output``, as printed).

    The release schema says what ``claims validate`` requires of a release that the models
    alone leave open: each source carries its ``text`` (a string), so a release verifies on its
    own; a dataset's ``sources.json`` (``source.schema.json``) has none.
    """
    schema = model.model_json_schema(mode="serialization" if output else "validation")
    if model is Release:
        source = schema["$defs"]["Source"]
        source["required"] = sorted({*source["required"], "text"})
        source["properties"]["text"] = {
            "description": "The full decoded text of the source (required in a release).",
            "title": "Text",
            "type": "string",
        }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_files() -> dict[str, bytes]:
    """File name -> deterministic bytes of every schema file under ``schema/``."""
    files = {f"{name}.schema.json": dumps(schema_for(model)) for name, model in SCHEMA_MODELS.items()}
    files |= {
        f"{name}.schema.json": dumps(schema_for(model, output=True)) for name, model in OUTPUT_MODELS.items()
    }
    return files

"""JSON Schema of the release and of each record, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from claims.jsonio import dumps
from claims.records import Claim, Event, Person, Release, Segment, Source, Subject

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "release": Release,
    "person": Person,
    "subject": Subject,
    "source": Source,
    "segment": Segment,
    "event": Event,
    "claim": Claim,
}


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one model, as validated on input."""
    schema = model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_files() -> dict[str, bytes]:
    """File name -> deterministic bytes of every schema file under ``schema/``."""
    return {f"{name}.schema.json": dumps(schema_for(model)) for name, model in SCHEMA_MODELS.items()}

"""What the whole suite shares: the Hypothesis profiles, set once, and the fixtures several modules use.

Profiles, chosen by the environment variable ``CLAIMS_HYPOTHESIS_PROFILE``:

- ``default``: Hypothesis's 100 examples per property, no deadline (the suite shares a few cores
  with other work; a slow example is not a failure) and no ``too_slow`` health check (examples
  that build datasets and releases are slow by nature);
- ``long``: the same with ten times the examples, for a longer hunt before a release
  (``CLAIMS_HYPOTHESIS_PROFILE=long pytest``).

A test that needs another number of examples says so with ``tests.strategies.examples(n)``,
which scales with the profile.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from claims.jsonio import read_json
from claims.records import Person
from tests.hostile_support import World, make_world

PROFILE_VARIABLE = "CLAIMS_HYPOTHESIS_PROFILE"
DEFAULT = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", DEFAULT)
settings.register_profile("long", DEFAULT, max_examples=10 * DEFAULT.max_examples)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "default"))

DATASET = Path(__file__).resolve().parent.parent / "dataset"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The synthetic one-source dataset and its release file, built once per test module."""
    return make_world(tmp_path_factory.mktemp("world"))


@pytest.fixture(scope="module")
def people() -> list[Person]:
    """The people of the repository's dataset (``dataset/people.json``)."""
    return [Person.model_validate(item) for item in read_json(DATASET / "people.json")]

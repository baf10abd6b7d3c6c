"""The examples in the docstrings of ``load``, ``verify`` and ``validate`` run, on the bundled release."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["claims.loading", "claims.verification.api"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, report=False)
    assert outcome.attempted > 0, f"{name} has no examples"
    assert outcome.failed == 0

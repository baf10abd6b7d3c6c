"""The examples in the docstrings of ``load``, ``verify`` and ``validate`` run, on the bundled release."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.release_support import REPO

MODULES = ["claims.loading", "claims.verification.api", "claims.validation.runner"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # validate() with no path reads ./dataset, as in a checkout
    outcome = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS, report=False)
    assert outcome.attempted > 0, f"{name} has no examples"
    assert outcome.failed == 0

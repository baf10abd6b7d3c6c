"""Helpers for the hostile-input tests: a small world (dataset + release) and the refusal assertions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from claims.cli import main
from tests.release_support import synthetic_dataset

ALLOWED_EXITS = {0, 1, 2}
"""Every exit code a ``claims`` command documents: 0 ok, 1 problems found, 2 unusable input."""


@dataclass
class World:
    """A synthetic dataset and the release built from it, both under one tmp folder."""

    root: Path
    dataset: Path
    release: Path


def make_world(tmp_path: Path) -> World:
    """Build the synthetic one-source dataset and its release file ``release.json``."""
    dataset = synthetic_dataset(tmp_path)
    release = tmp_path / "release.json"
    result = CliRunner().invoke(main, ["build", str(dataset), "--output", str(release)])
    assert result.exit_code == 0, result.output
    return World(root=tmp_path, dataset=dataset, release=release)


def invoke(args: list[str]) -> Result:
    """Run ``claims ARGS`` in-process with stderr kept apart from stdout."""
    return CliRunner().invoke(main, args)


def no_traceback(result: Result) -> None:
    """The command ended by its own exit, and printed no Python traceback anywhere."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    assert result.exit_code in ALLOWED_EXITS


def refused(result: Result, *names: str, code: int = 2) -> str:
    """Exit ``code`` with exactly one ``claims: error:`` line on stderr naming each of ``names``."""
    no_traceback(result)
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("claims: error: ")]
    assert len(errors) == 1, lines
    for name in names:
        assert name in errors[0], (name, errors[0])
    return errors[0]

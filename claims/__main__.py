"""``python -m claims``: the same as the ``claims`` command."""

from claims.cli import run

run()

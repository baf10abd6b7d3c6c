"""Options shared by several subcommands, each defined once (the data options are in ``data.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from claims.cli import F

format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for machines (exactly the API's output).",
)


def force_option(help_text: str) -> Callable[[F], F]:
    """``--force``: replace what a command would otherwise refuse to overwrite (``help_text`` says what)."""
    return click.option("--force", is_flag=True, help=help_text)


def output_option(help_text: str, *, required: bool = False) -> Callable[[F], F]:
    """``--output/-o PATH``: where a command writes (``help_text`` says what)."""
    return click.option("--output", "-o", type=click.Path(path_type=Path), required=required, help=help_text)

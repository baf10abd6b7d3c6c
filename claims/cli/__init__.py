"""The ``claims`` command: a thin shell over the API; each subcommand lives in its own module."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from claims._version import __version__

F = TypeVar("F", bound=Callable[..., Any])
"""A decorated command function (``handle_errors``, the shared options)."""

COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("claims.cli.build", "Assemble the dataset into release JSON (a development build)."),
    "diff": ("claims.cli.diff", "List what changed between two releases."),
    "export": (
        "claims.cli.export",
        "Export claims as ClaimReview or Web Annotation JSON-LD, or tables (Parquet, JSON Lines).",
    ),
    "extract": ("claims.cli.extract", "Propose segments (who says what) for a source file."),
    "release": ("claims.cli.release", "Cut a release of the dataset."),
    "serve": ("claims.cli.serve", "Serve the fact-checker's desk in the browser (claimtrack[web])."),
    "schema": ("claims.cli.schema", "Write or check the JSON Schema files in schema/."),
    "stats": ("claims.cli.stats", "Count claims by speaker, source, subject and attribution."),
    "validate": ("claims.cli.validate", "Check the dataset or a release; report every problem."),
    "verify": ("claims.cli.verify", "Did X really say Y on date Z? A verdict with evidence."),
}
"""Subcommand name -> (module defining ``command``, one-line help). Modules load on use."""

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when invoked, keeping start-up fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, (module, _) in COMMANDS.items() if _available(module))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None or not _available(entry[0]):
            return None
        command = importlib.import_module(entry[0]).command
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def fail(message: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    """Print one clear message to stderr and exit with ``code`` (no traceback)."""
    click.echo(f"claims: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn this package's exceptions and OS errors into a message and exit code 2."""
    import functools

    from claims.errors import ClaimsError

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimsError as exc:
            fail(str(exc))
        except (OSError, UnicodeError) as exc:
            fail(f"{exc}")
        except RecursionError:
            fail("input nested too deeply to process")
        except MemoryError:
            fail("input too large to process in memory")

    return wrapper  # type: ignore[return-value]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claims")
def main() -> None:
    """claimtrack: attributed quotations, proven against their sources."""


def run() -> None:
    """Console-script entry point."""
    main()

"""``claims diff OLD NEW``: what changed between two releases, and which changes break cited ids."""

from __future__ import annotations

from pathlib import Path

import click

from claims.cli import EXIT_PROBLEMS, handle_errors
from claims.cli.data import dataset_dir_option
from claims.cli.options import format_option
from claims.cli.output import print_json
from claims.problem import plural


def resolve(spec: str, dataset: Path) -> Path:
    """A version names ``DATASET/releases/claimtrack-<version>.json``; anything else is a path."""
    from claims.errors import InputError
    from claims.releasing.cut import RELEASES_DIR, release_path
    from claims.releasing.semver import is_version

    candidate = Path(spec)
    if is_version(spec) and not candidate.exists():
        path = release_path(dataset / RELEASES_DIR, spec)
        if not path.is_file():
            raise InputError(f"release {spec}: expected the file {path}, found none")
        return path
    return candidate


@click.command("diff")
@click.argument("old")
@click.argument("new")
@dataset_dir_option("Where versions are looked up (its releases/ folder).")
@format_option
@handle_errors
def command(old: str, new: str, dataset: Path, output_format: str) -> None:
    """Compare OLD and NEW (versions, release files or dataset directories).

    Exit 0 when no claim id lost or changed its meaning, 1 when one did, 2 on unusable input.
    """
    from claims.errors import InputError
    from claims.loading import read_any
    from claims.releasing import diff_releases

    releases = []
    for spec in (old, new):
        loaded = read_any(resolve(spec, dataset))
        if loaded.problems:
            raise InputError(
                f"{spec}: {plural(len(loaded.problems), 'record')} do not read, first: {loaded.problems[0].message}"
            )
        releases.append(loaded.release)
    diff = diff_releases(releases[0], releases[1])
    if output_format == "json":
        print_json(diff)
    else:
        for line in diff.text_lines():
            click.echo(line)
    if diff.has_breaking:
        raise SystemExit(EXIT_PROBLEMS)

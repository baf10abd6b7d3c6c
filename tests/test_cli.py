"""What every ``claims`` command shares is defined once: the data it reads, its options, its JSON, its exit."""

from __future__ import annotations

import typing
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claims.cli import COMMANDS, fail, main
from claims.cli.data import DEFAULT_DATASET, target
from claims.cli.output import json_bytes
from claims.loading import load
from claims.stats import compute_stats
from claims.validation import validate

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
RELEASE = DATASET / "releases" / "claimtrack-1.0.0.json"

READS_A_RELEASE = {
    "verify": "--dataset",
    "export": "--dataset",
    "serve": "--dataset",
    "validate": "PATH",
    "stats": "PATH",
}
"""Commands that read a release or a dataset, and how the data is named on each."""


def _command(name: str) -> click.Command:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    return command


def _data_parameter(name: str) -> click.Parameter:
    command = _command(name)
    wanted = "dataset" if READS_A_RELEASE.get(name) == "--dataset" or name not in READS_A_RELEASE else "path"
    return next(p for p in command.params if p.name == wanted)


def test_fail_never_returns() -> None:
    assert typing.get_type_hints(fail)["return"] is typing.NoReturn
    with pytest.raises(SystemExit) as exited:
        fail("no")
    assert exited.value.code == 2


@pytest.mark.parametrize("name", sorted(READS_A_RELEASE))
def test_every_command_that_reads_a_release_chooses_it_the_same_way(name: str) -> None:
    parameter = _data_parameter(name)
    assert not parameter.required
    assert isinstance(parameter.type, click.Path)
    assert parameter.type == _data_parameter("verify").type
    if isinstance(parameter, click.Option):
        assert parameter.opts == ["--dataset"]
        assert parameter.default is None
        assert parameter.help == _data_parameter("verify").help


@pytest.mark.parametrize("name", ["release", "diff"])
def test_commands_that_work_in_a_dataset_directory_default_to_dataset(name: str) -> None:
    parameter = _data_parameter(name)
    assert isinstance(parameter, click.Option)
    assert parameter.opts == ["--dataset"]
    assert parameter.default == DEFAULT_DATASET == Path("dataset")
    assert parameter.show_default


def test_target_is_the_path_given_else_the_checkout_dataset_else_the_bundled_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert target(RELEASE) == RELEASE
    monkeypatch.chdir(REPO)
    assert target(None) == Path("dataset")
    monkeypatch.chdir(tmp_path)
    assert target(None) is None


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_format_and_force_and_output_options_are_the_shared_ones(name: str) -> None:
    params = {p.name: p for p in _command(name).params}
    if "output_format" in params:
        option = params["output_format"]
        assert isinstance(option, click.Option) and isinstance(option.type, click.Choice)
        assert (option.opts, list(option.type.choices), option.default) == (
            ["--format"],
            ["text", "json"],
            "text",
        )
    if "force" in params:
        assert params["force"].opts == ["--force"] and isinstance(params["force"], click.Option)
        assert params["force"].is_flag
    if "output" in params:
        assert params["output"].opts == ["--output", "-o"]


def test_json_is_printed_one_way_sorted_or_in_the_models_order() -> None:
    runner = CliRunner()
    validated = runner.invoke(main, ["validate", str(RELEASE), "--format", "json", "--jobs", "1"])
    assert validated.exit_code == 0, validated.output
    assert validated.stdout_bytes == json_bytes(validate(RELEASE, jobs=1)) + b"\n"
    counted = runner.invoke(main, ["stats", str(RELEASE), "--format", "json"])
    assert counted.exit_code == 0, counted.output
    stats = compute_stats(load(RELEASE))
    assert counted.stdout_bytes == json_bytes(stats, sort_keys=False) + b"\n"
    assert counted.stdout_bytes != json_bytes(stats) + b"\n"  # the counts' order is their meaning

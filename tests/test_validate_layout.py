"""The layout manifest beside a release: written from the canonical bytes, used by ``claims validate``'s
workers only when ``SHA256SUMS`` vouches for it and it names the file's sha256, and never trusted further
than the bytes agree: whatever the manifest says, the report is the whole read's."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claims.checksums import SUMS_NAME, read_sums, sha256_hex
from claims.cli import main
from claims.jsonio import dumps, read_json
from claims.layout import PER_SOURCE, ReleaseLayout, layout_bytes, layout_name, layout_of, trusted_layout
from claims.releasing import check_sums
from claims.validation import parallel, validate
from tests.strategies import examples
from tests.validate_support import DATASET, RELEASE, one_process, vouch

RELEASES = DATASET / "releases"
RELEASE_2 = RELEASES / "claimtrack-2.0.0.json"


def copy_release(tmp_path: Path, source: Path = RELEASE) -> Path:
    """A copy of a repository release in a folder of its own (no SHA256SUMS yet)."""
    folder = tmp_path / "releases"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(source, folder / source.name))


def manifest_of(path: Path) -> Path:
    return path.with_name(layout_name(path.name))


def relist(path: Path) -> None:
    """List the release and its manifest in SHA256SUMS with their true sha256, whatever they hold."""
    names = [path, manifest_of(path)]
    (path.parent / SUMS_NAME).write_text(
        "".join(f"{sha256_hex(p.read_bytes())}  {p.name}\n" for p in names if p.exists())
    )


def rewrite_manifest(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the manifest's JSON and write it back (SHA256SUMS left as it was)."""
    manifest = manifest_of(path)
    raw = read_json(manifest)
    change(raw)
    manifest.write_bytes(dumps(raw))


@pytest.fixture
def taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Which worker functions ran, by name and share (a forked worker's only way to tell is a file)."""
    marks = tmp_path / "marks"
    marks.mkdir()
    for name in ("check_piece", "check_share"):
        original = getattr(parallel, name)

        def spy(*args: Any, original: Any = original, name: str = name, **keywords: Any) -> Any:
            (marks / f"{name.removeprefix('check_')}-{args[-1]}").touch()
            return original(*args, **keywords)

        monkeypatch.setattr(parallel, name, spy)

    def names() -> list[str]:
        found = sorted(path.name for path in marks.iterdir())
        for path in marks.iterdir():
            path.unlink()
        return found

    return names


# --- the manifest is the writer's layout ------------------------------------------------------------


@pytest.mark.parametrize("release", [RELEASE, RELEASE_2], ids=lambda path: path.name)
def test_the_layout_of_a_release_frames_it_and_its_ranges_hold_every_record(release: Path) -> None:
    data = release.read_bytes()
    layout = layout_of(data, release.name)
    assert layout is not None and layout.frames(data)
    assert layout.release_sha256 == hashlib.sha256(data).hexdigest()
    raw = orjson.loads(data)
    assert [member.key for member in layout.members] == list(raw)
    for member in layout.members:
        if member.key in PER_SOURCE:
            assert layout.runs_of(data, member.key, layout.sources()) == raw[member.key]
            assert member.runs and len({run.source_file for run in member.runs}) == len(member.runs) > 1
        else:
            assert member.runs is None and layout.value(data, member.key) == raw[member.key]


def test_the_manifest_of_2_0_0_is_the_layout_of_its_committed_bytes_and_is_listed() -> None:
    manifest = manifest_of(RELEASE_2)
    found = layout_of(RELEASE_2.read_bytes(), RELEASE_2.name)
    assert found is not None and manifest.read_bytes() == layout_bytes(found)
    sums = read_sums(RELEASES)
    assert sums[manifest.name] == sha256_hex(manifest.read_bytes())
    assert sums[RELEASE_2.name] == sha256_hex(RELEASE_2.read_bytes())
    assert not manifest_of(RELEASE).exists()  # 1.0.0 is parsed whole
    assert trusted_layout(RELEASE_2, sums) == found
    assert check_sums(RELEASES) == []


def test_bytes_not_laid_out_as_the_writer_lays_them_have_no_layout() -> None:
    raw = read_json(RELEASE)
    assert layout_of(orjson.dumps(raw), "r.json") is None  # compact
    assert layout_of(dumps(raw).replace(b'"claims": [', b'"claims":  ['), "r.json") is None
    assert layout_of(dumps(raw) + b"\n", "r.json") is None
    assert layout_of(b"not json", "r.json") is None
    assert layout_of(b"[]\n", "r.json") is None
    raw["claims"][0]["source_file"] = 5
    assert layout_of(dumps(raw), "r.json") is None


# --- a manifest whose ranges pass every check holds exactly the file --------------------------------

SMALL = dumps(
    {
        **(small := read_json(RELEASE)),
        "claims": small["claims"][:40:3],
        "segments": small["segments"][:30:2],
        "sources": small["sources"],
    }
)
SMALL_LAYOUT = layout_of(SMALL, "r.json")


@st.composite
def wrong_layouts(draw: st.DrawFn) -> dict[str, Any]:
    """The small release's manifest with one to three edits: a range moved, a run's source or count
    changed, a run dropped or repeated, two members swapped."""
    assert SMALL_LAYOUT is not None
    raw = SMALL_LAYOUT.model_dump(mode="json")
    for _ in range(draw(st.integers(1, 3))):
        members = raw["members"]
        member = draw(st.sampled_from(members))
        runs = member["runs"] or []
        edit = draw(st.sampled_from(["move", "source", "count", "drop", "repeat", "swap"]))
        if edit == "move":
            target = draw(st.sampled_from([member, *runs]))
            field = draw(st.sampled_from(["start", "end"]))
            target[field] = max(0, target[field] + draw(st.integers(-40, 40)))
        elif edit == "source" and len(runs) > 1:
            first, second = draw(st.permutations(runs))[:2]
            first["source_file"] = second["source_file"]
        elif edit == "count" and runs:
            draw(st.sampled_from(runs))["records"] += draw(st.sampled_from([-1, 1]))
        elif edit == "drop" and runs:
            runs.pop(draw(st.integers(0, len(runs) - 1)))
        elif edit == "repeat" and runs:
            runs.insert(0, dict(runs[0]))
        elif edit == "swap":
            at = draw(st.integers(0, len(members) - 2))
            members[at], members[at + 1] = members[at + 1], members[at]
    return raw


@examples(300)
@given(raw=wrong_layouts())
def test_a_manifest_whose_ranges_pass_the_workers_checks_holds_exactly_what_a_parse_holds(
    raw: dict[str, Any],
) -> None:
    try:
        layout = ReleaseLayout.model_validate(raw, strict=True)
    except ValueError:
        return  # not a manifest: never used
    if not layout.frames(SMALL):
        return
    assembled: dict[str, Any] = {}
    for member in layout.members:
        try:
            value = (
                layout.runs_of(SMALL, member.key, layout.sources())
                if member.key in PER_SOURCE
                else layout.value(SMALL, member.key)
            )
        except orjson.JSONDecodeError:
            return
        if value is None:
            return
        assembled[member.key] = value
    assert assembled == orjson.loads(SMALL)


# --- validate uses the manifest only where it is vouched for ----------------------------------------


def test_workers_read_their_ranges_where_the_manifest_is_vouched_for(
    tmp_path: Path, taken: Callable[[], list[str]]
) -> None:
    path = vouch(copy_release(tmp_path))
    assert validate(path, jobs=2) == one_process(path)
    assert taken() == ["piece-0", "piece-1"]
    assert validate(path, jobs=1) == one_process(path)
    assert taken() == ["share-0"]  # one share: nothing to gain from the manifest


def test_a_missing_manifest_leaves_the_file_parsed_whole(
    tmp_path: Path, taken: Callable[[], list[str]]
) -> None:
    path = vouch(copy_release(tmp_path))
    manifest_of(path).unlink()  # still listed
    assert validate(path, jobs=2) == one_process(path)
    assert taken() == ["share-0", "share-1"]
    assert [problem.code for problem in check_sums(path.parent)] == ["listed-release-missing"]


def test_an_unlisted_manifest_is_not_used(tmp_path: Path, taken: Callable[[], list[str]]) -> None:
    path = vouch(copy_release(tmp_path))
    (path.parent / SUMS_NAME).write_text(f"{sha256_hex(path.read_bytes())}  {path.name}\n")
    assert validate(path, jobs=2) == one_process(path)
    assert taken() == ["share-0", "share-1"]
    assert [problem.code for problem in check_sums(path.parent)] == ["release-not-listed"]


def test_a_tampered_manifest_is_not_used(tmp_path: Path, taken: Callable[[], list[str]]) -> None:
    path = vouch(copy_release(tmp_path))

    def move_a_run(raw: dict[str, Any]) -> None:
        raw["members"][0]["runs"][1]["start"] -= 2

    rewrite_manifest(path, move_a_run)  # SHA256SUMS still lists the manifest's old sha256
    assert validate(path, jobs=2) == one_process(path)
    assert taken() == ["share-0", "share-1"]
    problems = check_sums(path.parent)
    assert [(problem.code, problem.ids) for problem in problems] == [
        ("release-checksum-mismatch", [manifest_of(path).name])
    ]


def set_quote(raw: dict[str, Any]) -> None:
    raw["claims"][5]["quote"] += " and more"


def test_a_stale_manifest_naming_another_sha256_is_not_used(
    tmp_path: Path, taken: Callable[[], list[str]]
) -> None:
    path = vouch(copy_release(tmp_path))
    raw = read_json(path)
    set_quote(raw)
    path.write_bytes(dumps(raw))
    relist(path)  # both listed with their true sha256; the manifest names the old release
    assert trusted_layout(path, read_sums(path.parent)) is None
    expected = one_process(path)
    assert not expected.valid
    assert validate(path, jobs=2) == expected
    assert taken() == ["share-0", "share-1"]
    assert [problem.code for problem in check_sums(path.parent)] == ["release-layout-stale"]


def test_a_release_altered_under_its_listed_manifest_is_read_whole_and_reported(
    tmp_path: Path, taken: Callable[[], list[str]]
) -> None:
    path = vouch(copy_release(tmp_path))
    raw = read_json(path)
    set_quote(raw)
    path.write_bytes(dumps(raw))  # SHA256SUMS and the manifest still name the cut bytes
    report = validate(path, jobs=2)
    assert report == one_process(path)
    assert "release-checksum-mismatch" in [problem.code for problem in report.errors]
    assert taken() == ["piece-0", "piece-1", "share-0", "share-1"]


def run_end_short(raw: dict[str, Any]) -> None:
    raw["members"][0]["runs"][0]["end"] -= 1


def runs_sources_swapped(raw: dict[str, Any]) -> None:
    runs = raw["members"][0]["runs"]
    runs[0]["source_file"], runs[1]["source_file"] = runs[1]["source_file"], runs[0]["source_file"]


def run_count_off(raw: dict[str, Any]) -> None:
    raw["members"][0]["runs"][0]["records"] += 1


def run_dropped(raw: dict[str, Any]) -> None:
    segments = next(member for member in raw["members"] if member["key"] == "segments")
    segments["runs"].pop()


def runs_merged_across_a_source(raw: dict[str, Any]) -> None:
    runs = raw["members"][0]["runs"]
    runs[0]["end"] = runs[1]["end"]
    runs[0]["records"] += runs[1]["records"]
    del runs[1]


def run_of_an_unknown_source(raw: dict[str, Any]) -> None:
    raw["members"][0]["runs"][-1]["source_file"] = "999_nosuchfile.txt"


def member_moved(raw: dict[str, Any]) -> None:
    events = next(member for member in raw["members"] if member["key"] == "events")
    events["start"] += 1


def size_wrong(raw: dict[str, Any]) -> None:
    raw["release_bytes"] += 1


@pytest.mark.parametrize(
    "change",
    [
        run_end_short,
        runs_sources_swapped,
        run_count_off,
        run_dropped,
        runs_merged_across_a_source,
        run_of_an_unknown_source,
        member_moved,
        size_wrong,
    ],
)
def test_a_listed_manifest_whose_ranges_are_wrong_is_detected_and_the_file_read_whole(
    tmp_path: Path, taken: Callable[[], list[str]], change: Callable[[dict[str, Any]], None]
) -> None:
    path = vouch(copy_release(tmp_path))
    rewrite_manifest(path, change)
    relist(path)  # vouched for: listed with its true sha256, naming the release's true sha256
    assert trusted_layout(path, read_sums(path.parent)) is not None
    assert validate(path, jobs=2) == one_process(path)
    assert taken() == ["piece-0", "piece-1", "share-0", "share-1"]
    assert [problem.code for problem in check_sums(path.parent)] == ["release-layout-stale"]


# --- the same bytes from the command line, whichever way ---------------------------------------------


def cli_reports(path: Path) -> list[str]:
    """``claims validate --format json`` of ``path`` with and without its manifest, on 1 and 2 jobs."""
    runner = CliRunner()
    outputs = []
    for laid_out in (True, False):
        vouch(path, layout=laid_out)
        for jobs in ("1", "2"):
            result = runner.invoke(main, ["validate", str(path), "--format", "json", "--jobs", jobs])
            assert result.exit_code in (0, 1), result.output
            outputs.append(result.output)
    return outputs


def test_the_repository_release_gets_byte_identical_reports(tmp_path: Path) -> None:
    path = copy_release(tmp_path, RELEASE_2)
    outputs = cli_reports(path)
    assert len(set(outputs)) == 1
    assert orjson.loads(outputs[0]) == orjson.loads(dumps(one_process(path).model_dump(mode="json")))


def test_a_generated_multi_source_release_gets_byte_identical_reports(tmp_path: Path) -> None:
    from benchmarks.corpus import CorpusSpec, generate

    data, _, _ = generate(CorpusSpec(claims=600, sources=12, seed=3))
    path = tmp_path / "releases" / "release.json"
    path.parent.mkdir()
    path.write_bytes(data)
    layout = layout_of(data, path.name)
    assert layout is not None and len(layout.sources()) == 12
    outputs = cli_reports(path)
    assert len(set(outputs)) == 1
    raw = read_json(path)
    set_quote(raw)
    raw["claims"][-1]["speaker_id"] = "no-such-person"
    path.write_bytes(dumps(raw))
    outputs = cli_reports(path)
    assert len(set(outputs)) == 1 and orjson.loads(outputs[0])["errors"]

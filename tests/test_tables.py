"""The release as tables: Parquet and JSON Lines read back record for record, deterministic bytes,
the committed folder of the current release, its descriptions checked by their communities' tools."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

import claims
from claims.canonical import canonical_release
from claims.cli import main
from claims.export import claim_reviews
from claims.releasing import check_sums, existing_versions, read_sums
from claims.releasing.sums import sha256_hex
from claims.tables import TABLES, record_from_row, release_files, table_files, table_schema, write_folder
from tests.release_support import copy_real_dataset, first_cut_version, records_only, write_changelog

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

REPO = Path(__file__).resolve().parent.parent
RELEASES = REPO / "dataset" / "releases"
NEWEST = max(existing_versions(RELEASES).items())[1]
FOLDER = RELEASES / NEWEST.name.removesuffix(".json")


def _release(path: Path = NEWEST) -> claims.Release:
    return canonical_release(claims.load(path))


def _records(release: claims.Release, kind: str) -> list[object]:
    return list(getattr(release, kind))


def test_schema_is_derived_from_the_models() -> None:
    schema = table_schema("claims")
    assert schema.names == list(claims.Claim.model_fields)
    assert schema.field("date").type == pa.date32()
    assert pa.types.is_dictionary(schema.field("attribution").type)
    assert not schema.field("id").nullable and schema.field("note").nullable
    span = schema.field("span").type
    assert pa.types.is_struct(span) and [span.field(i).name for i in range(span.num_fields)] == [
        "end",
        "start",
    ]
    assert pa.types.is_list(schema.field("subjects").type)
    assertion = schema.field("assertions").type.value_type  # a union of records: one struct of all fields
    names = {assertion.field(i).name for i in range(assertion.num_fields)}
    assert {"kind", "count", "ordinal", "resolves_to", "source_file", "window"} <= names
    review = schema.field("review").type
    assert pa.types.is_date32(review.field("date").type)


@pytest.mark.parametrize("kind", list(TABLES))
def test_parquet_and_jsonl_read_back_record_for_record(kind: str, tmp_path: Path) -> None:
    release = _release(REPO / "dataset")
    files = table_files(release, "parquet")
    (tmp_path / f"{kind}.parquet").write_bytes(files[f"{kind}.parquet"])
    table = pq.read_table(tmp_path / f"{kind}.parquet")
    assert table.schema.metadata[b"claimtrack.table"] == kind.encode()
    assert [record_from_row(kind, row) for row in table.to_pylist()] == _records(release, kind)
    lines = table_files(release, "jsonl")[f"{kind}.jsonl"].splitlines()
    model = TABLES[kind]
    assert [model.model_validate_json(line) for line in lines] == _records(release, kind)


def test_dictionary_columns_hold_the_whole_vocabulary_even_when_all_null() -> None:
    table = _release(RELEASES / "claimtrack-1.0.0.json").to_arrow(
        "sources"
    )  # 1.0.0 records no rights: all null
    rights = table.column("rights").combine_chunks()
    assert rights.null_count == len(rights)
    status = rights.field("status")
    assert status.dictionary.to_pylist() == ["public-domain", "copyrighted"]
    table.to_pandas()  # an empty dictionary here made pyarrow's pandas conversion fail


def test_the_same_release_gives_the_same_bytes() -> None:
    assert release_files(_release()) == release_files(_release())


def test_the_committed_folder_is_the_newest_release_as_tables() -> None:
    release = _release()
    names = {p.name for p in FOLDER.iterdir()}
    expected = {f"{kind}.{ext}" for kind in TABLES for ext in ("parquet", "jsonl")}
    assert names == expected | {"croissant.json", "datapackage.json", "README.md"}
    for kind in TABLES:
        rows = pq.read_table(FOLDER / f"{kind}.parquet").to_pylist()
        assert [record_from_row(kind, row) for row in rows] == _records(release, kind), kind
        assert (FOLDER / f"{kind}.jsonl").read_bytes() == table_files(release, "jsonl")[f"{kind}.jsonl"]
    sums = read_sums(RELEASES)
    for name in names:
        assert sums[f"{FOLDER.name}/{name}"] == sha256_hex((FOLDER / name).read_bytes()), name
    assert check_sums(RELEASES) == []


@pytest.mark.parametrize("path", sorted(existing_versions(RELEASES).values()), ids=lambda p: p.name)
def test_every_committed_folder_reads_back_as_its_release_with_this_version(path: Path) -> None:
    """Tables written by an older version (fewer columns) still read back record for record."""
    release = _release(path)
    folder = RELEASES / path.name.removesuffix(".json")
    for kind in TABLES:
        rows = pq.read_table(folder / f"{kind}.parquet").to_pylist()
        assert [record_from_row(kind, row) for row in rows] == _records(release, kind), kind


def test_check_sums_names_an_altered_or_missing_table(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    shutil.copytree(RELEASES, releases)
    (releases / FOLDER.name / "claims.jsonl").write_bytes(b"{}\n")
    (releases / FOLDER.name / "people.parquet").unlink()
    found = {(p.code, p.ids[0]) for p in check_sums(releases)}
    assert found == {
        ("release-checksum-mismatch", f"{FOLDER.name}/claims.jsonl"),
        ("listed-release-missing", f"{FOLDER.name}/people.parquet"),
    }


def test_croissant_lists_every_table_with_its_sha256_keys_and_references() -> None:
    document = orjson.loads((FOLDER / "croissant.json").read_bytes())
    assert document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    files = {f["@id"]: f for f in document["distribution"]}
    assert set(files) == {f"{kind}.parquet" for kind in TABLES}
    for name, entry in files.items():
        assert entry["sha256"] == sha256_hex((FOLDER / name).read_bytes())
    sets = {r["@id"]: r for r in document["recordSet"]}
    assert set(sets) == set(TABLES)
    assert all(r["key"] == {"@id": f"{r['@id']}/id"} for r in sets.values())
    fields = {f["@id"]: f for f in sets["claims"]["field"]}
    assert fields["claims/speaker_id"]["references"] == {"field": {"@id": "people/id"}}
    assert fields["claims/date"]["dataType"] == "sc:Date"
    assert fields["claims/subjects"]["isArray"] is True


def test_datapackage_has_primary_and_foreign_keys() -> None:
    document = orjson.loads((FOLDER / "datapackage.json").read_bytes())
    resources = {r["name"]: r for r in document["resources"]}
    assert set(resources) == set(TABLES)
    claims_schema = resources["claims"]["schema"]
    assert claims_schema["primaryKey"] == ["id"]
    assert {"fields": "speaker_id", "reference": {"resource": "people", "fields": "id"}} in claims_schema[
        "foreignKeys"
    ]
    for name, resource in resources.items():
        assert resource["hash"] == f"sha256:{sha256_hex((FOLDER / resource['path']).read_bytes())}", name


def test_card_front_matter_counts_and_review_pages() -> None:
    text = (FOLDER / "README.md").read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert "license: mit" in front and "- en" in front and "- n<1K" in front
    for kind in TABLES:
        assert f"- config_name: {kind}\n  data_files: {kind}.parquet" in front
    release = _release()
    assert f"| claims | {len(release.claims)} | id |" in text
    headings = {
        re.sub(r"[^a-z0-9 -]", "", line[4:].lower()).replace(" ", "-")  # GitHub's heading anchors
        for line in text.splitlines()
        if line.startswith("### ")
    }
    reviews = claim_reviews(release)
    assert reviews
    for review in reviews:  # each ClaimReview's url is a heading of this card
        url = review["url"]
        assert url.split("#")[0].endswith(f"/dataset/releases/{FOLDER.name}/README.md")
        assert url.split("#")[1] in headings
    assert "copyrighted" in text and "Agence France-Presse" in text


def test_export_cli_writes_tables_and_refuses_an_existing_folder(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    args = ["export", "--format", "parquet", "--dataset", str(NEWEST), "-o", str(out)]
    runner = CliRunner()
    assert runner.invoke(main, args, catch_exceptions=False).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}.parquet" for k in TABLES)
    assert (out / "claims.parquet").read_bytes() == (FOLDER / "claims.parquet").read_bytes() or (
        pq.read_table(out / "claims.parquet").to_pylist()
        == pq.read_table(FOLDER / "claims.parquet").to_pylist()
    )
    again = runner.invoke(main, args, catch_exceptions=False)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert runner.invoke(main, [*args, "--force"], catch_exceptions=False).exit_code == 0
    jsonl = runner.invoke(
        main, ["export", "--format", "jsonl", "--dataset", str(NEWEST), "-o", str(tmp_path / "j")]
    )
    assert jsonl.exit_code == 0
    assert (tmp_path / "j" / "claims.jsonl").read_bytes() == (FOLDER / "claims.jsonl").read_bytes()
    no_output = runner.invoke(main, ["export", "--format", "jsonl", "--dataset", str(NEWEST)])
    assert no_output.exit_code == 2 and "-o DIR" in no_output.stderr


def test_write_folder_never_overwrites_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "claimtrack-9.9.9"
    write_folder(target, {"a.txt": b"a"})
    with pytest.raises(claims.InputError, match="already exists"):
        write_folder(target, {"b.txt": b"b"})
    assert [p.name for p in tmp_path.iterdir()] == ["claimtrack-9.9.9"]
    assert [p.name for p in target.iterdir()] == ["a.txt"]


def test_release_cut_writes_the_folder_beside_the_release_and_refuses_an_existing_one(tmp_path: Path) -> None:
    from claims.releasing import cut_release

    dataset = copy_real_dataset(tmp_path)
    shutil.rmtree(dataset / "releases", ignore_errors=True)
    version = first_cut_version(dataset)
    changelog = write_changelog(tmp_path / "CHANGELOG.md", version)
    (dataset / "releases").mkdir()
    (dataset / "releases" / f"claimtrack-{version}").mkdir()  # left by an interrupted cut
    refused = cut_release(
        version, dataset=dataset, changelog=changelog, package_version=version, validator=records_only
    )
    assert not refused.written and "release-exists" in {p.code for p in refused.problems}
    assert not (dataset / "releases" / f"claimtrack-{version}.json").exists()
    (dataset / "releases" / f"claimtrack-{version}").rmdir()
    outcome = cut_release(
        version, dataset=dataset, changelog=changelog, package_version=version, validator=records_only
    )
    assert outcome.written and outcome.tables == str(dataset / "releases" / f"claimtrack-{version}")
    release = canonical_release(claims.load(dataset / "releases" / f"claimtrack-{version}.json"))
    folder = Path(outcome.tables)
    for kind in TABLES:
        rows = pq.read_table(folder / f"{kind}.parquet").to_pylist()
        assert [record_from_row(kind, row) for row in rows] == _records(release, kind)
    assert check_sums(dataset / "releases") == []
    assert (folder / "claims.parquet").stat().st_mode & 0o777 == 0o644


def test_loading_conveniences() -> None:
    for path in (NEWEST, REPO / "dataset"):
        ds = claims.load(path)
        claim = ds.claims[0]
        assert ds.claims[claim.id] == ds.claim(claim.id) == claim
        assert ds.speaker(claim) == ds.person(claim.speaker_id) and ds.speaker(claim).id == claim.speaker_id
        assert ds.source_of(claim.id).file == claim.source_file == ds.source(claim.source_file).id
        segment = ds.segment_of(claim)
        assert segment is not None and segment.span.contains(claim.span)
        assert claim.quote in ds.context(claim, 50) and len(ds.context(claim, 50)) <= len(claim.quote) + 100
        if claim.event_id is not None:
            assert ds.event(claim.event_id).id == claim.event_id
        with pytest.raises(KeyError):
            ds.claims["no-such-claim"]
        frame = ds.to_pandas("claims")
        assert list(frame["id"]) == [c.id for c in ds.claims]
        assert ds.to_arrow("people").num_rows == len(ds.people)


# --- the communities' own tools -------------------------------------------------------------------


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} must be installed in CI (pip install -e '.[test,descriptions]')")
        pytest.skip(f"{module} is not installed (pip install -e '.[descriptions]')")


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else name


@pytest.mark.slow
def test_mlcroissant_validates_and_loads_every_record_set() -> None:
    _needs("mlcroissant")
    result = subprocess.run(
        [_tool("mlcroissant"), "validate", "--jsonld", str(FOLDER / "croissant.json")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(FOLDER / "croissant.json"))
    release = _release()
    for kind in TABLES:
        rows = list(dataset.records(record_set=kind))
        ids = [row[f"{kind}/id"] for row in rows]
        assert [i.decode() if isinstance(i, bytes) else i for i in ids] == [
            r.id for r in getattr(release, kind)
        ]


@pytest.mark.slow
def test_frictionless_validates_the_data_package_and_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    _needs("frictionless")
    command = [_tool("frictionless"), "validate", "--json"]
    good = subprocess.run(
        [*command, str(FOLDER / "datapackage.json")], capture_output=True, text=True, timeout=600, check=False
    )
    assert good.returncode == 0, good.stdout[-3000:] + good.stderr
    assert orjson.loads(good.stdout)["valid"] is True
    broken = tmp_path / "broken"
    shutil.copytree(FOLDER, broken)
    lines = (broken / "claims.jsonl").read_bytes().splitlines()
    first = orjson.loads(lines[0])
    first["speaker_id"] = "no-such-person"
    (broken / "claims.jsonl").write_bytes(
        b"\n".join([orjson.dumps(first, option=orjson.OPT_SORT_KEYS), *lines[1:]]) + b"\n"
    )
    package = orjson.loads((broken / "datapackage.json").read_bytes())
    for resource in package["resources"]:
        resource.pop("hash")
        resource.pop("bytes")
    (broken / "datapackage.json").write_bytes(orjson.dumps(package))
    bad = subprocess.run(
        [*command, str(broken / "datapackage.json")], capture_output=True, text=True, timeout=600, check=False
    )
    assert bad.returncode != 0
    report = orjson.loads(bad.stdout)
    codes = {error["type"] for task in report["tasks"] for error in task["errors"]}
    assert "foreign-key" in codes, codes


@pytest.mark.slow
def test_datasets_loads_each_table_of_the_folder(tmp_path: Path) -> None:
    _needs("datasets")
    code = (
        "import sys, json, datasets\n"
        "out = {}\n"
        f"for kind in {list(TABLES)!r}:\n"
        f"    d = datasets.load_dataset({str(FOLDER)!r}, kind, split='train')\n"
        "    out[kind] = [d.num_rows, d[0]['id']]\n"
        f"c = datasets.load_dataset({str(FOLDER)!r}, 'claims', split='train')\n"
        "out['date'] = str(c[0]['date'])\n"
        "print(json.dumps(out))\n"
    )
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = orjson.loads(result.stdout.strip().splitlines()[-1])
    release = _release()
    for kind in TABLES:
        records = getattr(release, kind)
        assert out[kind] == [len(records), records[0].id], kind
    assert dt.date.fromisoformat(out["date"][:10]) == release.claims[0].date

"""Properties: any valid generated dataset validates clean, in memory and written as a directory; any
single-field corruption is caught by name."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from claims.reading import Loaded, read_dataset
from claims.records import Release
from claims.validation import validate, validate_loaded
from tests.strategies import corrupted_datasets, examples, valid_datasets
from tests.synthetic import release_as_dataset

SETTINGS = examples(40)


@SETTINGS
@given(valid_datasets())
def test_a_valid_dataset_has_no_error(release: Release) -> None:
    report = validate_loaded(Loaded(release=release))
    assert [(p.code, p.message) for p in report.errors] == []
    assert report.valid


@SETTINGS
@given(st.data())
def test_a_single_field_corruption_is_an_error_naming_the_record(data: st.DataObject) -> None:
    release = data.draw(valid_datasets())
    record_id, corrupted = data.draw(corrupted_datasets(release))
    report = validate_loaded(Loaded(release=corrupted))
    assert [p for p in report.errors if record_id in p.ids], [(p.code, p.ids) for p in report.errors]


@examples(25)
@given(valid_datasets())
def test_a_valid_dataset_written_as_a_directory_reads_back_and_reports_the_same(release: Release) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dataset = release_as_dataset(release, Path(folder) / "dataset")
        assert read_dataset(dataset).problems == []
        report = validate(dataset)
    assert report.valid, [(p.code, p.message) for p in report.errors]
    assert report == validate_loaded(Loaded(release=release))

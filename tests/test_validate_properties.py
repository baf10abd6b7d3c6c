"""Properties: any valid generated dataset validates clean; any single-field corruption is caught by name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claims.dataset import Loaded
from claims.records import Release
from claims.validation import validate_loaded
from tests.strategies import corrupted_datasets, examples, valid_datasets

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

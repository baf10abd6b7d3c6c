"""Speaker names resolve through names, aliases and titles; unknown or ambiguous names list candidates."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.errors import UnknownNameError
from claims.names import NameIndex, fold_name
from claims.reading import read_dataset
from tests.verify_support import REPO, TRANSCRIPT, synthetic_release


def real_names() -> NameIndex:
    loaded = read_dataset(REPO / "dataset")
    return NameIndex.build(loaded.release.people)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("le drian", "jean-yves-le-drian"),
        ("Jean Yves Le Drian", "jean-yves-le-drian"),
        ("JEAN-YVES LE DRIAN", "jean-yves-le-drian"),
        ("Mr. Le Drian", "jean-yves-le-drian"),
        ("LE DRAIN", "jean-yves-le-drian"),
        ("Secretary Carter", "ashton-carter"),
        ("Defense Secretary Carter", "ashton-carter"),
        ("Ash Carter", "ashton-carter"),
        ("ashton-carter", "ashton-carter"),
        ("Blinken", "antony-blinken"),
        ("Secretary Blinken", "antony-blinken"),
        ("Pentagon press secretary", "peter-cook"),
    ],
)
def test_real_names_resolve(name: str, expected: str) -> None:
    assert real_names().resolve(name) == expected


def test_accents_and_punctuation_are_ignored() -> None:
    assert fold_name("Jéan-Yves  LE_Drian.") == "jean yves le drian"


def test_a_bare_title_needs_a_date_to_choose() -> None:
    names = real_names()
    with pytest.raises(UnknownNameError) as caught:
        names.resolve("Secretary")
    assert {"antony-blinken", "ashton-carter"} <= {
        c.split("(")[-1].split(")")[0] for c in caught.value.candidates
    }
    assert names.resolve("Secretary", day=dt.date(2021, 1, 24)) == "lloyd-austin"  # Blinken from the 26th
    for day, holders in (
        (dt.date(2021, 6, 25), {"antony-blinken", "lloyd-austin"}),  # Secretaries of State and Defense
        (dt.date(2016, 10, 25), {"ashton-carter", "john-kerry"}),
    ):
        with pytest.raises(UnknownNameError) as both:
            names.resolve("Secretary", day=day)
        assert {c.split("(")[-1].split(")")[0] for c in both.value.candidates} == holders


def test_anonymous_labels_match_only_inside_their_source() -> None:
    names = NameIndex.build(synthetic_release().people)
    with pytest.raises(UnknownNameError) as caught:
        names.resolve("Q")
    assert any("reporter-100-1" in c for c in caught.value.candidates)
    assert names.resolve("Q", source_file=TRANSCRIPT) == "reporter-100-1"
    with pytest.raises(UnknownNameError):
        names.resolve("QUESTION")


def test_generic_label_in_real_source_is_ambiguous_with_candidates() -> None:
    with pytest.raises(UnknownNameError) as caught:
        real_names().resolve("Q", source_file="002_e17495d741eb2305.txt")
    assert len(caught.value.candidates) >= 2


def test_unknown_name_lists_closest_people() -> None:
    with pytest.raises(UnknownNameError) as caught:
        real_names().resolve("Ashton Karter")
    assert caught.value.candidates
    assert "ashton-carter" in caught.value.candidates[0]

"""Folding: what a reader cannot see or type folds away, and offsets always map back to the original."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from claims.verification.folding import _fold_general, _fold_plain, _plain, _replace_one_to_one, fold
from claims.verification.index import words_of
from claims.verification.wordpairs import WORD
from tests.strategies import document_texts, examples, visible_foldings


def test_quotes_dashes_ellipsis_space_and_invisibles_fold() -> None:
    assert fold("It’s “here” — now…").text == 'it\'s "here"-now...'
    assert fold('It\'s "here" -- now...').text == 'it\'s "here"-now...'
    assert fold("a\u200b\u200fb \t\n c").text == "ab c"
    assert fold("ﬁne Ｆull").text == "fine full"
    assert fold("e\u0301t\u00e9").text == "\u00e9t\u00e9"


def test_case_is_folded_but_kept_alongside() -> None:
    folded = fold("Le DRIAN")
    assert folded.text == "le drian"
    assert folded.cased == "Le DRIAN"


def test_offsets_refer_to_the_original() -> None:
    original = "We’ve  agreed -- on steps… today"
    folded = fold(original)
    at = folded.text.find("agreed-on")
    start, end = folded.original_span(at, at + len("agreed-on"))
    assert original[start:end] == "agreed -- on"
    at = folded.text.find("steps...")
    start, end = folded.original_span(at, at + len("steps..."))
    assert original[start:end] == "steps…"


def test_to_folded_finds_the_first_folded_character_of_an_original_one() -> None:
    original = "a  b\u2026 c\u200bd -- e ﬁ"
    folded = fold(original)
    for index in range(len(folded.text)):
        start = folded.offsets.start(index)
        back = folded.offsets.to_folded(start)
        assert back <= index
        assert folded.offsets.start(back) == start
    assert folded.offsets.to_folded(len(original)) == len(folded.text)


@examples(150)
@given(document_texts())
def test_every_folded_character_maps_inside_the_original(original: str) -> None:
    folded = fold(original)
    assert len(folded.text) == len(folded.cased)
    previous = 0
    for index in range(len(folded.text)):
        start, end = folded.original_span(index, index + 1)
        assert previous <= start < end <= len(original)
        previous = start
    assert folded.original_span(0, len(folded.text))[1] <= len(original)


@examples(150)
@given(st.data(), document_texts())
def test_visible_foldings_fold_to_the_same_text(data: st.DataObject, original: str) -> None:
    variant = data.draw(visible_foldings(original))
    assert (
        fold(variant).text == fold(original).text.lower() or fold(variant).text == fold(original.lower()).text
    )


_PLAIN_PARTS = ["a", "B", " ", "  ", "-", "--", " - ", "...", "\u2026", "\n", "\t", ".", "'"]


@examples(300)
@given(st.lists(st.sampled_from(_PLAIN_PARTS), max_size=24).map("".join))
def test_the_plain_text_path_folds_as_the_general_one(original: str) -> None:
    text = _replace_one_to_one(original)
    assume(_plain(text))
    assert _fold_plain(text) == _fold_general(text)


@examples(200)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_words_are_the_words_of_the_pattern(text: str) -> None:
    folded = text.lower()
    assert words_of(folded) == WORD.findall(folded)

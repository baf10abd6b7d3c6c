"""Verdicts on a small synthetic release: each verdict, its evidence, and the precedence between them."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.errors import InputError, UnknownNameError
from claims.verification import Verifier, VerifyResult
from claims.verification.passage import MISQUOTE_THRESHOLD
from tests.strategies import examples, visible_foldings
from tests.verify_support import (
    NEWS,
    NEWS_TEXT,
    TRANSCRIPT,
    TRANSCRIPT_DAY,
    TRANSCRIPT_TEXT,
    synthetic_release,
)

KEYS = {
    "verdict",
    "quote",
    "speaker_id",
    "date",
    "source_file",
    "span",
    "text",
    "claim_ids",
    "segment",
    "diff",
    "candidates",
}


@cache
def verifier() -> Verifier:
    return Verifier(synthetic_release())


def check(quote: str, **asked: str) -> VerifyResult:
    return verifier().verify(quote, **asked)


def test_verified_with_curly_quote_and_dash_typed_straight() -> None:
    result = check("We've agreed on concrete steps -- the first of many.", speaker="Alpha")
    assert result.verdict == "verified"
    assert result.speaker_id == "anna-alpha"
    assert result.source_file == TRANSCRIPT
    assert result.span is not None
    assert (
        TRANSCRIPT_TEXT[result.span.start : result.span.end]
        == "We’ve agreed on concrete steps — the first of many."
    )
    assert result.text == "We’ve agreed on concrete steps — the first of many."
    assert result.date == TRANSCRIPT_DAY
    assert result.label == "MINISTER ALPHA"
    assert result.segment is not None and result.segment.id == "100-s0002"
    assert not result.case_differs


def test_case_difference_is_reported_but_verified() -> None:
    result = check("OUR COOPERATION HAS NEVER BEEN STRONGER", speaker="Anna Alpha")
    assert result.verdict == "verified"
    assert result.case_differs
    assert result.claim_ids == ["100-c0001"]


def test_json_shape_has_the_design_keys() -> None:
    dumped = check("the first of many").model_dump(mode="json")
    assert dumped.keys() >= KEYS
    assert dumped["span"] == {"start": dumped["span"]["start"], "end": dumped["span"]["end"]}


def test_elision_pieces_in_order_within_one_turn() -> None:
    result = check("We’ve agreed on concrete steps … it will grow.", speaker="Alpha")
    assert result.verdict == "verified"
    assert [p.text for p in result.pieces] == ["We’ve agreed on concrete steps", "it will grow."]
    assert result.span is not None
    assert result.span.start == result.pieces[0].span.start
    assert result.span.end == result.pieces[1].span.end
    assert result.claim_ids == []  # the claim lies in the elided words, which the quote does not cite
    cited = check("We’ve agreed on concrete steps ... stronger than it is today", speaker="Alpha")
    assert cited.verdict == "verified"
    assert cited.claim_ids == ["100-c0001"]


def test_elision_pieces_out_of_order_are_not_verified() -> None:
    result = check("it will grow ... We’ve agreed on concrete steps", speaker="Alpha")
    assert result.verdict != "verified"


def test_elision_across_two_turns_is_not_verified() -> None:
    result = check("the first of many ... We will meet again in March", speaker="Alpha")
    assert result.verdict != "verified"


def test_reporters_question_put_in_the_ministers_mouth_is_misattributed() -> None:
    result = check("is it true that the talks have failed completely this week?", speaker="Minister Alpha")
    assert result.verdict == "misattributed"
    assert result.speaker_id == "reporter-100-1"
    assert result.said_by == ["reporter-100-1"]
    assert result.segment is not None and result.segment.kind == "question"


def test_spokesmans_words_given_to_the_secretary_are_misattributed() -> None:
    result = check("Secretary Beta reiterated the firm commitment of the alliance", speaker="Secretary Beta")
    assert result.verdict == "misattributed"
    assert result.speaker_id == "gina-gamma"
    assert result.reported_by == "writer-101"
    assert result.claim_ids == ["101-c0001"]
    assert result.source_file == NEWS


def test_interpreted_words_are_verified_with_the_flag() -> None:
    result = check("The talks have not failed.", speaker="Alpha", date="2020-01-02")
    assert result.verdict == "verified"
    assert result.via_interpreter


def test_wrong_day_is_misdated_with_the_real_date_and_basis() -> None:
    result = check("The talks have not failed.", speaker="Alpha", date="2020-01-03")
    assert result.verdict == "misdated"
    assert result.date == TRANSCRIPT_DAY
    assert result.date_basis is not None and result.date_basis.method == "metadata"


def test_someone_else_on_the_asked_day_is_still_misattributed() -> None:
    result = check("I agree with everything my friend said", speaker="Alpha", date="2020-01-02")
    assert result.verdict == "misattributed"
    assert result.speaker_id == "bob-beta"


def test_one_word_misquote_has_a_diff_and_the_real_text() -> None:
    result = check("We will meet again in April in Rome.", speaker="Alpha")
    assert result.verdict == "misquoted"
    assert result.score is not None and result.score >= MISQUOTE_THRESHOLD
    changes = [(d.op, d.quote, d.source) for d in result.diff if d.op != "equal"]
    assert changes == [("changed", "April", "March")]
    assert result.text == "We will meet again in March in Rome."
    assert result.claim_ids == ["100-c0002"]


def test_dropped_and_added_words_show_in_the_diff() -> None:
    result = check("Our cooperation has never been this strong than it is today", speaker="Alpha")
    assert result.verdict == "misquoted"
    ops = {d.op for d in result.diff}
    assert "changed" in ops or {"added", "dropped"} <= ops


def test_fabricated_sentence_is_not_found() -> None:
    result = check("Bananas are the finest fruit in all the world, said nobody ever.")
    assert result.verdict == "not-found"
    assert result.span is None and result.source_file is None
    assert all(c.score < MISQUOTE_THRESHOLD for c in result.candidates)


def test_quote_spanning_two_speakers_is_misattributed_naming_both() -> None:
    result = check("it will grow. Q: Minister, is it true", speaker="Alpha")
    assert result.verdict == "misattributed"
    assert result.speaker_id is None
    assert result.said_by == ["anna-alpha", "reporter-100-1"]
    result = check("it will grow. Q: Minister, is it true")
    assert result.verdict == "misattributed"


def test_spanning_quotation_and_narration_is_misattributed() -> None:
    result = check("of the alliance to its partners,” Gamma said.", speaker="Gamma")
    assert result.verdict == "misattributed"
    assert result.said_by == ["gina-gamma", "writer-101"]


def test_without_a_speaker_the_words_are_verified_as_their_speakers() -> None:
    result = check("The statement gave no details.")
    assert result.verdict == "verified"
    assert result.speaker_id == "writer-101"


def test_source_restricts_the_search() -> None:
    result = check("The talks have not failed.", source="101")
    assert result.verdict == "not-found"
    assert check("The talks have not failed.", source=TRANSCRIPT).verdict == "verified"


def test_offsets_always_index_the_original_text() -> None:
    for quote in ["concrete steps -- the first", "Rome. SECRETARY BETA", "friend said about the talks."]:
        result = check(quote)
        assert result.span is not None and result.source_file is not None
        text = TRANSCRIPT_TEXT if result.source_file == TRANSCRIPT else NEWS_TEXT
        assert text[result.span.start : result.span.end] == result.text


@pytest.mark.parametrize("day", ["2020-1-2", "02/01/2020", "2020-02-30", "yesterday"])
def test_bad_date_is_input_error(day: str) -> None:
    with pytest.raises(InputError):
        check("The talks have not failed.", date=day)


def test_unknown_source_and_speaker_are_input_errors() -> None:
    with pytest.raises(InputError):
        check("The talks", source="999")
    with pytest.raises(UnknownNameError) as caught:
        check("The talks", speaker="Alfa")
    assert caught.value.candidates


def test_empty_quote_is_input_error() -> None:
    with pytest.raises(InputError):
        check(" ... ")


def test_batch_answers_in_order_and_refuses_a_bad_question_by_number() -> None:
    results = verifier().verify_batch(
        [
            {"quote": "The talks have not failed.", "speaker": "Alpha"},
            {"quote": "Bananas are yellow and long."},
        ]
    )
    assert [r.verdict for r in results] == ["verified", "not-found"]
    with pytest.raises(InputError, match="question 2"):
        verifier().verify_batch([{"quote": "The talks"}, {"quote": "x", "speaker": "Nobody At All"}])


def test_public_api_takes_a_release() -> None:
    import claims

    result = claims.verify("The talks have not failed.", speaker="Alpha", release=synthetic_release())
    assert result.verdict == "verified"
    assert (
        claims.verify_batch([{"quote": "The talks have not failed."}], release=synthetic_release())[0].verdict
        == "verified"
    )
    assert isinstance(result.date, dt.date)


@examples(80)
@given(st.data())
def test_any_five_words_of_a_synthetic_speech_verify_through_any_folding(data: st.DataObject) -> None:
    index = verifier().index
    speeches = [
        (text, segment)
        for text in index.sources
        for segment in text.segments
        if segment.kind == "speech" and segment.speaker_id is not None
    ]
    text, segment = data.draw(st.sampled_from(speeches))
    start = segment.label_span.end if segment.label_span else segment.span.start
    body = text.original[start : segment.span.end]
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", body)]
    count = data.draw(st.integers(5, len(tokens)))
    first = data.draw(st.integers(0, len(tokens) - count))
    quote = body[tokens[first][0] : tokens[first + count - 1][1]]
    variant = data.draw(visible_foldings(quote))
    for given_quote in (quote, variant):
        result = verifier().verify(given_quote, speaker=segment.speaker_id)
        assert result.verdict == "verified", (given_quote, result.explanation)
        assert result.speaker_id == segment.speaker_id


def test_quotation_marks_around_the_quote_are_ignored() -> None:
    assert check("“The talks have not failed.”", speaker="Alpha").verdict == "verified"


def test_site_text_has_no_speaker() -> None:
    result = check("Share sensitive information only on official sites.", speaker="Alpha")
    assert result.verdict == "misattributed"
    assert result.said_by == []
    assert result.segment is not None and result.segment.kind == "boilerplate"


def test_misquote_of_someone_elses_words_names_them() -> None:
    result = check("I agree with everything my good friend said about the talks.", speaker="Alpha")
    assert result.verdict == "misquoted"
    assert result.speaker_id == "bob-beta"


def test_index_narrows_exact_search_to_sources_with_the_words() -> None:
    index = verifier().index
    assert [t.source.file for t in index.sources_with_all(["we will meet again in march"])] == [TRANSCRIPT]
    assert index.sources_with_all(["the walrus and the carpenter"]) == []
    # the first and last words count too: only the transcript has "the talks"
    assert [t.source.file for t in index.sources_with_all(["the talks"])] == [TRANSCRIPT]
    assert len(index.sources_with_all(["..."])) == 2  # no word to narrow by: every source


def test_elided_misquote_diffs_each_piece() -> None:
    result = check("We’ve agreed on concrete steps ... and it will shrink.", speaker="Alpha")
    assert result.verdict == "misquoted"
    assert len(result.pieces) == 2
    steps = [(d.op, d.quote, d.source) for d in result.diff]
    assert ("equal", "...", "...") in steps
    assert [s for s in steps if s[0] != "equal"] == [("changed", "shrink.", "grow.")]


@examples(80)
@given(st.data())
def test_any_stretch_of_a_source_is_found_where_it_is(data: st.DataObject) -> None:
    from claims.verification.folding import fold

    text = data.draw(st.sampled_from(verifier().index.sources))
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text.original)]
    count = data.draw(st.integers(3, 12))
    first = data.draw(st.integers(0, len(tokens) - count))
    quote = text.original[tokens[first][0] : tokens[first + count - 1][1]]
    variant = data.draw(visible_foldings(quote))
    result = verifier().verify(variant, source=text.source.file)
    assert result.verdict in {"verified", "misattributed"}
    assert result.span is not None and result.text is not None
    assert text.original[result.span.start : result.span.end] == result.text
    assert fold(result.text).text.strip() == fold(quote).text.strip()


def test_matches_do_not_start_or_end_inside_a_word() -> None:
    assert check("alks have not fail").verdict == "misquoted"  # close, but not those words
    assert check("talks have not failed").verdict == "verified"


def test_misspelt_quote_is_misquoted_by_character_similarity() -> None:
    from claims.verification.passage import SPELLING_THRESHOLD

    result = check("Our coperation has nevr been stronger thn it is tday", speaker="Alpha")
    assert result.verdict == "misquoted"
    assert result.score is not None and result.score < MISQUOTE_THRESHOLD  # few words in common...
    assert result.text == "Our cooperation has never been stronger than it is today,"  # ...but close letters
    assert SPELLING_THRESHOLD > MISQUOTE_THRESHOLD

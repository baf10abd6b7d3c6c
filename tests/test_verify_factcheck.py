"""Verdicts a fact-checker can cite: attribution, press names, spokespeople, questioners, edges, batches.

Against the repository's dataset (the real sources and people) where the case is a real one, and
against small synthetic releases where a rule needs text the dataset does not hold.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from claims.cli import main
from claims.errors import UnknownNameError
from claims.names import NameIndex
from claims.reading import read_dataset
from claims.schema import schema_files
from claims.verification import Verifier
from claims.verification.diff import word_diff
from tests.strategies import examples
from tests.verify_support import REPO, synthetic_release, with_texts

S002 = "002_e17495d741eb2305.txt"
S003 = "003_6c981e18e2ba38b3.txt"
S004 = "004_24a026e5a6510116.txt"
PARIS = "2016-10-25"
RHODES = "the United States and France also will be intensifying intelligence sharing"
COOK = "Secretary Carter reiterated the firm commitment of the United States to support France"
CARTER = "of course, France, our oldest ally"
LE_DRIAN = "We met for the first time on the 20th of January last"


@cache
def real() -> Verifier:
    return Verifier(read_dataset(REPO / "dataset").release)


def run(*args: str) -> Result:
    return CliRunner().invoke(
        main, ["verify", *args, "--dataset", str(REPO / "dataset")], catch_exceptions=False
    )


# 1. attribution and the paraphrased verdict


def test_a_writers_paraphrase_is_paraphrased_not_verified() -> None:
    for speaker in ("Ben Rhodes", None):
        result = real().verify(RHODES, speaker=speaker)
        assert result.verdict == "paraphrased"
        assert result.attribution == "paraphrase"
        assert result.speaker_id == "ben-rhodes"
        assert result.reported_by == "writer-004"
        assert result.source_file == S004
        assert "004-c0012" in result.claim_ids


def test_paraphrased_exits_1_and_says_who_reports_whom() -> None:
    result = run(RHODES, "--speaker", "Ben Rhodes")
    assert result.exit_code == 1
    assert result.output.startswith("PARAPHRASED: AFP reports Ben Rhodes")
    assert "these are not Ben Rhodes's words" in result.output


def test_words_quoted_by_a_writer_stay_verified_as_quoted() -> None:
    result = real().verify(COOK, speaker="Peter Cook")
    assert (result.verdict, result.attribution, result.reported_by) == ("verified", "quoted", "writer-004")
    assert "as quoted by AFP" in result.explanation
    direct = real().verify(LE_DRIAN, speaker="Le Drian")
    assert (direct.verdict, direct.attribution, direct.via_interpreter) == ("verified", "direct", True)


def test_the_result_schema_lists_paraphrased_and_accepts_every_printed_result(tmp_path: Path) -> None:
    schema = orjson.loads(schema_files()["verify-result.schema.json"])
    assert "paraphrased" in schema["properties"]["verdict"]["anyOf"][0]["enum"]
    validator = Draft202012Validator(schema)
    batch = tmp_path / "rows.jsonl"
    batch.write_text(
        "\n".join(
            orjson.dumps(row).decode()
            for row in [
                {"quote": RHODES, "speaker": "Ben Rhodes"},
                {"quote": COOK, "speaker": "the Pentagon"},
                {"quote": "Bananas are yellow"},
                {"quote": "x y z", "speaker": "Nobody Known At All"},
            ]
        )
    )
    result = run("--batch", str(batch), "--format", "json")
    lines = [orjson.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 4
    for line in lines:
        validator.validate(line)


# 2. names as journalists write them


@cache
def names() -> NameIndex:
    return real().index.names


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("U.S. Defense Secretary Ash Carter", PARIS, "ashton-carter"),
        ("US Defence Secretary Carter", None, "ashton-carter"),
        ("American Secretary of Defense Ash Carter", PARIS, "ashton-carter"),
        ("Pentagon chief Ash Carter", PARIS, "ashton-carter"),
        ("Pentagon chief", PARIS, "ashton-carter"),
        ("French Defence Minister Jean-Yves Le Drian", PARIS, "jean-yves-le-drian"),
        ("France's defence minister", PARIS, "jean-yves-le-drian"),
        ("the French foreign minister", None, "jean-yves-le-drian"),
        ("French Foreign Minister Jean-Yves Le Drian", "2021-06-25", "jean-yves-le-drian"),
        ("U.S. Secretary of State", "2021-06-25", "antony-blinken"),
        ("U.S. Secretary of State", PARIS, "john-kerry"),
        ("Pentagon spokesman", None, "peter-cook"),
        ("Pentagon press secretary", None, "peter-cook"),
        ("spokesman", PARIS, "peter-cook"),
        ("spokesman", "2021-06-25", "ned-price"),
        ("State Department spokesperson", None, "ned-price"),
    ],
)
def test_press_forms_resolve_against_dated_roles(name: str, day: str | None, expected: str) -> None:
    asked = real().ask(name, day, None)
    assert asked.speaker_id == expected
    assert asked.title_note is None


def test_a_title_two_people_held_is_ambiguous_without_a_day() -> None:
    with pytest.raises(UnknownNameError) as caught:
        real().ask("U.S. Secretary of State", None, None)
    assert caught.value.code == "ambiguous-speaker"
    assert sorted(c.split(" (")[1].rstrip(")") for c in caught.value.candidates) == [
        "antony-blinken",
        "john-kerry",
    ]


def test_a_title_not_held_that_day_resolves_by_the_name_and_says_so() -> None:
    asked = real().ask("French Foreign Minister Jean-Yves Le Drian", PARIS, None)
    assert asked.speaker_id == "jean-yves-le-drian"
    assert asked.title_note is not None
    assert "Minister of Defence" in asked.title_note
    assert PARIS in asked.title_note
    result = real().verify(
        "Today is the fifth meeting", speaker="French Foreign Minister Jean-Yves Le Drian", date=PARIS
    )
    assert result.verdict == "verified"
    assert result.asked.title_note == asked.title_note
    assert asked.title_note in result.explanation


def test_a_bare_office_with_two_holders_and_no_date_stays_ambiguous() -> None:
    found, _ = names().resolve_titled("spokesman")
    assert found == {"peter-cook", "ned-price"}


# 3. an institution and its spokesperson


def test_an_institution_is_verified_for_its_press_secretarys_words() -> None:
    result = real().verify(COOK, speaker="the Pentagon")
    assert result.verdict == "verified"
    assert result.speaker_id == "peter-cook"
    assert result.role == "Pentagon Press Secretary"
    assert result.asked.speaker_id == "us-department-of-defense"


def test_the_secretarys_words_are_not_the_press_secretarys() -> None:
    result = real().verify(CARTER, speaker="Pentagon press secretary", date=PARIS)
    assert result.verdict == "misattributed"
    assert result.speaker_id == "ashton-carter"
    assert result.role is None


# 4. anonymous questioners with --source


@pytest.mark.parametrize("name", ["Q", "QUESTION", "a reporter", "reporter"])
def test_any_questioner_of_the_source(name: str) -> None:
    first = real().verify("One for you, Secretary Carter", speaker=name, source="002")
    assert (first.verdict, first.speaker_id) == ("verified", "reporter-002-3")
    translated = real().verify(
        "Mr. Minister, one of the big questions of concern to us", speaker=name, source="002"
    )
    assert (translated.verdict, translated.speaker_id) == ("verified", "reporter-002-2")
    answer = real().verify(LE_DRIAN, speaker=name, source="002")
    assert (answer.verdict, answer.speaker_id) == ("misattributed", "jean-yves-le-drian")


# 5. misquote diffs at the edges, contractions, quotation marks


def test_a_passage_is_not_cut_one_word_short() -> None:
    result = real().verify(
        "Ladies and gentlemen, we have just chaired a very dense discussion", speaker="Le Drian"
    )
    assert result.verdict == "misquoted"
    assert result.text is not None and result.text.endswith("a very dense discussion")
    assert [d.op for d in result.diff] == ["equal", "dropped", "equal"]
    assert result.diff[-1].quote.endswith("discussion")


def test_contractions_fold_and_are_reported() -> None:
    result = real().verify("We're not disengaging from Afghanistan")
    assert (result.verdict, result.speaker_id, result.contractions_differ) == (
        "verified",
        "antony-blinken",
        True,
    )
    assert result.text == "we are not disengaging from Afghanistan"
    plain = real().verify("we are not disengaging from Afghanistan")
    assert (plain.verdict, plain.contractions_differ) == ("verified", False)


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("I said what we did was “clumsy.” And I meant it.", "what we did was clumsy."),
        ("I said what we did was “clumsy.” And I meant it.", "what we did was clumsy. And I meant it"),
        ("I said what we did was clumsy. And I meant it.", "what we did was “clumsy.”"),
        ("They don't agree, she said.", "They do not agree"),
        ("They do not agree, she said.", "They don't agree"),
        ("It is not over and we're not done.", "It's not over and we are not done"),
    ],
)
def test_quotation_marks_and_contractions_never_make_a_misquote(source: str, quote: str) -> None:
    verifier = Verifier(with_texts(synthetic_release(), [source]))
    result = verifier.verify(quote)
    assert result.verdict == "verified", result.explanation
    assert (
        result.quote_marks_differ == ('"' in source.replace("“", '"') or "“" in quote)
        or result.contractions_differ
    )
    assert result.diff == []


@examples(200)
@given(
    st.lists(
        st.sampled_from(["we're", "we", "are", "don't", "do", "not", "it's", "it", "is", "x", "y"]),
        max_size=12,
    ),
    st.lists(
        st.sampled_from(["we're", "we", "are", "don't", "do", "not", "it's", "it", "is", "x", "z"]),
        max_size=12,
    ),
)
def test_diff_sides_join_to_the_words(source: list[str], quote: list[str]) -> None:
    diff = word_diff(quote, source)
    assert " ".join(d.source for d in diff if d.source) == " ".join(source)
    assert " ".join(d.quote for d in diff if d.quote) == " ".join(quote)
    for step in diff:
        assert (step.op == "added") == (not step.source)
        assert (step.op == "dropped") == (not step.quote)


def test_a_contraction_is_equal_to_its_words_in_a_diff() -> None:
    diff = word_diff(["we're", "not", "done"], ["we", "are", "not", "done"])
    assert [d.op for d in diff] == ["equal"]


SENTENCE = [
    "Our",
    "partners",
    "in",
    "the",
    "coalition",
    "agreed",
    "yesterday",
    "that",
    "the",
    "northern",
    "campaign",
    "needs",
    "more",
    "engineers,",
    "better",
    "bridges",
    "and",
    "steady",
    "funding",
    "before",
    "the",
    "winter",
    "arrives.",
]
BEFORE = ["The", "minister", "opened", "the", "session", "and", "thanked", "the", "hosts."]
AFTER = ["Then", "the", "delegates", "left", "the", "hall", "for", "a", "working", "lunch."]
REPLACEMENT = "submarines"


@examples(60)
@given(
    st.sampled_from(["drop", "add", "change"]),
    st.sampled_from(["start", "middle", "end"]),
    st.integers(8, len(SENTENCE)),
    st.data(),
)
def test_generated_misquotes_align_to_whole_words(
    edit: str, where: str, length: int, data: st.DataObject
) -> None:
    begin = data.draw(st.integers(0, len(SENTENCE) - length))
    original = SENTENCE[begin : begin + length]
    at = {"start": 0, "middle": length // 2, "end": length - 1}[where]
    quote = list(original)
    if edit == "drop":
        del quote[at]
    elif edit == "add":
        quote.insert(at + (where == "end"), REPLACEMENT)
    else:
        quote[at] = REPLACEMENT
    text = " ".join(BEFORE + SENTENCE + AFTER)
    result = Verifier(with_texts(synthetic_release(), [text])).verify(" ".join(quote))
    if edit == "drop" and where != "middle":
        assert result.verdict == "verified"  # a shorter stretch of the source is exact
        return
    assert result.verdict == "misquoted", result.explanation
    assert result.text is not None
    passage = result.text.split()
    assert " ".join(d.source for d in result.diff if d.source) == " ".join(passage)
    assert " ".join(d.quote for d in result.diff if d.quote) == " ".join(quote)
    # the passage is the stretch the quote was made from; a word added at an edge may instead
    # be read as a change of the source's neighbouring word, never across a sentence's end
    start = len(BEFORE) + begin
    words = BEFORE + SENTENCE + AFTER
    if edit == "add" and where == "start" and begin > 0:
        assert passage in (original, words[start - 1 : start + length]), result.diff
    elif edit == "add" and where == "end" and begin + length < len(SENTENCE):
        assert passage in (original, words[start : start + length + 1]), result.diff
    else:
        assert passage == original, (result.diff, original)
    assert result.score is not None and result.score < 100
    assert "100%" not in result.explanation


# 6. batches answer every row


def test_a_batch_answers_every_row_and_exits_1_for_an_unusable_one(tmp_path: Path) -> None:
    batch = tmp_path / "rows.csv"
    batch.write_text(
        "quote,speaker,date\n"
        f'"{LE_DRIAN}",Le Drian,{PARIS}\n'
        f'"{LE_DRIAN}",Nobody Known At All,\n'
        f'"{LE_DRIAN}",Le Drian,2016-02-30\n'
        '"a b",Le Drian\n'
        f'"{RHODES}",Ben Rhodes,\n',
        encoding="utf-8",
    )
    result = run("--batch", str(batch), "--format", "json")
    assert result.exit_code == 1
    rows = [orjson.loads(line) for line in result.output.splitlines()]
    assert [r["verdict"] for r in rows] == ["verified", None, None, None, "paraphrased"]
    assert [r["error"]["code"] if r["error"] else None for r in rows] == [
        None,
        "unknown-speaker",
        "bad-date",
        "bad-row",
        None,
    ]
    assert "line 3" in rows[1]["error"]["message"]
    text = run("--batch", str(batch))
    assert text.exit_code == 1
    lines = text.output.splitlines()
    assert lines[0].startswith("line 2: VERIFIED")
    assert any(line.startswith("line 3: UNUSABLE") for line in lines)
    assert lines[-1] == "5 rows: 1 verified, 1 paraphrased, 3 unusable"
    strict = run("--batch", str(batch), "--strict")
    assert strict.exit_code == 2
    assert "line 5" in strict.stderr  # the reader refuses first: the ragged row


def test_a_batch_of_verified_rows_exits_0_and_an_unreadable_file_2(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(
        orjson.dumps({"quote": LE_DRIAN, "speaker": "Le Drian"}).decode() + "\n", encoding="utf-8"
    )
    assert run("--batch", str(good)).exit_code == 0
    header = tmp_path / "header.csv"
    header.write_text("quote,colour\na,b\n", encoding="utf-8")
    assert run("--batch", str(header)).exit_code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"quote": "a b c"}\n{"quote": \n["x"]\n', encoding="utf-8")
    result = run("--batch", str(bad), "--format", "json")
    assert result.exit_code == 1
    assert [orjson.loads(line)["error"]["code"] for line in result.output.splitlines()[1:]] == [
        "bad-row",
        "bad-row",
    ]


def test_the_api_answers_every_row_unless_strict() -> None:
    results = real().verify_batch(
        [{"quote": LE_DRIAN}, {"quote": LE_DRIAN, "speaker": "Nobody Known At All"}], strict=False
    )
    assert [r.verdict for r in results] == ["verified", None]
    assert results[1].error is not None and results[1].error.code == "unknown-speaker"
    assert "question 2" in results[1].error.message


# 7. misses that help


def test_a_miss_inside_a_source_says_where_else_the_words_are() -> None:
    result = real().verify(LE_DRIAN, speaker="Le Drian", source="003")
    assert result.verdict == "not-found"
    assert [(c.source_file, c.said_by) for c in result.elsewhere] == [(S002, ["jean-yves-le-drian"])]
    assert S002 in result.explanation
    other = real().verify(LE_DRIAN, source="003")
    assert other.elsewhere and other.elsewhere[0].source_file == S002


def test_a_french_quote_says_the_speaker_is_recorded_only_in_translation() -> None:
    result = real().verify("C'est la cinquième réunion", speaker="Le Drian")
    assert result.verdict == "not-found"
    assert result.interpreted_only
    blinken = real().verify("C'est la cinquième réunion", speaker="Blinken")
    assert not blinken.interpreted_only


# 8. messages


def test_a_long_misquote_never_says_100_percent() -> None:
    words = [f"word{n}" for n in range(260)]
    release = with_texts(synthetic_release(), [" ".join(words) + "."])
    quote = list(words)
    quote[130] = "changed"
    result = Verifier(release).verify(" ".join(quote))
    assert result.verdict == "misquoted"
    assert result.score is not None and 99.5 <= result.score < 100
    assert "100%" not in result.explanation
    assert "over 99%" in result.explanation


def test_schema_check_says_up_to_date() -> None:
    result = CliRunner().invoke(main, ["schema", "--check", "--out", str(REPO / "schema")])
    assert result.exit_code == 0, result.output
    assert "stale" not in result.output
    assert result.output.strip() == f"up to date: all {len(schema_files())} schema files"


def test_counts_agree_in_number() -> None:
    from claims.problem import plural

    assert [plural(n, "problem") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]

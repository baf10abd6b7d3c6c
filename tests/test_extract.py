"""The segment extractor: label grammar, resolution to people, questioners, news attribution, the CLI."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given

from claims.cli import main
from claims.extract import parse_label, propose
from claims.extract.labels import LabelResolver
from claims.extract.registry import Registry
from claims.jsonio import read_json
from claims.records import Person, Segment
from tests.strategies import document_texts, examples

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
SOURCE_002 = DATASET / "sources" / "002_e17495d741eb2305.txt"
NEW_FILE = "900_example.txt"


def _resolve(label_text: str, people: list[Person], source_file: str = NEW_FILE) -> tuple[str, Registry]:
    label = parse_label(label_text + " Words.")
    assert label is not None
    registry = Registry(people, source_file)
    return LabelResolver(registry).resolve(label).speaker_id, registry


def _spoken(text: str, people: list[Person], kind: str | None = None) -> list[tuple[str, str | None, str]]:
    proposal = propose(text, NEW_FILE, people, kind)
    return [(s.kind, s.speaker_id, text[s.span.start : s.span.end].strip()) for s in proposal.segments]


# -- label grammar ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "printed", "name", "via"),
    [
        ("SECRETARY OF DEFENSE ASH CARTER: Good day.", "SECRETARY OF DEFENSE ASH CARTER", "SECRETARY OF DEFENSE ASH CARTER", False),
        ("SEC. CARTER: To your question.", "SEC. CARTER", "SEC. CARTER", False),
        ("MIN. LE DRIAN (THROUGH TRANSLATOR): I can confirm.", "MIN. LE DRIAN (THROUGH TRANSLATOR)", "MIN. LE DRIAN", True),
        ("FOREIGN MINISTER LE DRIAN: (Via interpreter) Welcome.", "FOREIGN MINISTER LE DRIAN", "FOREIGN MINISTER LE DRIAN", False),
        ("Q: Thank you.", "Q", "Q", False),
        ("QUESTION: Thank you.", "QUESTION", "QUESTION", False),
        ("QUESTION (THROUGH TRANSLATOR): Mr. Minister.", "QUESTION (THROUGH TRANSLATOR)", "QUESTION", True),
        ("MODERATOR: Yes.", "MODERATOR", "MODERATOR", False),
        ("MR PRICE: Our first question.", "MR PRICE", "MR PRICE", False),
        ("STAFF: Two questions is that?", "STAFF", "STAFF", False),
        ("LE DRAIN (THROUGH TRANSLATOR): On Turkey.", "LE DRAIN (THROUGH TRANSLATOR)", "LE DRAIN", True),
    ],
)  # fmt: skip
def test_label_forms_parse(paragraph: str, printed: str, name: str, via: bool) -> None:
    label = parse_label(paragraph, 100)
    assert label is not None
    assert (label.printed, label.name, label.via_interpreter) == (printed, name, via)
    assert (label.start, label.end) == (100, 100 + len(printed) + 1)


@pytest.mark.parametrize(
    "paragraph",
    [
        "On the second point: What military force is going to take Raqqah?",
        "The Lessons of 1989: Freedom and Our Future",
        "U.S. Department of State",
        "SEC. CARTER said: nothing",
        "NOTE:no space after the colon",
    ],
)
def test_text_that_is_not_a_label(paragraph: str) -> None:
    assert parse_label(paragraph) is None


@pytest.mark.parametrize(
    ("label", "person_id"),
    [
        ("SECRETARY OF DEFENSE ASH CARTER:", "ashton-carter"),
        ("SECRETARY OF DEFENSE ASHTON CARTER:", "ashton-carter"),
        ("DEFENSE SECRETARY ASHTON CARTER:", "ashton-carter"),
        ("SEC. CARTER:", "ashton-carter"),
        ("SECRETARY CARTER:", "ashton-carter"),
        ("MIN. LE DRIAN (THROUGH TRANSLATOR):", "jean-yves-le-drian"),
        ("MINISTER OF DEFENSE JEAN-YVES LE DRIAN (THROUGH TRANSLATOR):", "jean-yves-le-drian"),
        ("FOREIGN MINISTER LE DRIAN:", "jean-yves-le-drian"),
        ("LE DRAIN (THROUGH TRANSLATOR):", "jean-yves-le-drian"),
        ("SECRETARY BLINKEN:", "antony-blinken"),
        ("MR PRICE:", "ned-price"),
        ("MR. PRICE:", "ned-price"),
    ],
)
def test_labels_resolve_through_aliases_titles_and_name_variants(
    label: str, person_id: str, people: list[Person]
) -> None:
    speaker, registry = _resolve(label, people)
    assert speaker == person_id
    assert registry.proposed == {}


@pytest.mark.parametrize(
    "label", ["MINISTER SMITH:", "SECRETARY:", "MINISTER:", "PRESIDENT CARTER:", "MINISTER JEAN SMITH:"]
)
def test_unknown_label_is_a_new_person_never_a_known_one_by_a_shared_word(
    label: str, people: list[Person]
) -> None:
    speaker, registry = _resolve(label, people)
    known = {person.id for person in people}
    assert speaker not in known
    proposed = registry.proposed[speaker]
    assert not proposed.anonymous
    assert proposed.aliases == [label.rstrip(":")]


@pytest.mark.parametrize(
    ("label", "role_id"),
    [
        ("Q:", "reporter-900-1"),
        ("QUESTION:", "reporter-900-1"),
        ("MODERATOR:", "moderator-900"),
        ("STAFF:", "staff-900"),
    ],
)
def test_generic_labels_name_source_scoped_anonymous_people(
    label: str, role_id: str, people: list[Person]
) -> None:
    speaker, registry = _resolve(label, people)
    assert speaker == role_id
    person = registry.proposed[role_id]
    assert person.anonymous
    assert person.scope == NEW_FILE


def test_generic_labels_reuse_the_registry_anonymous_people_of_a_curated_source(people: list[Person]) -> None:
    speaker, registry = _resolve("STAFF:", people, SOURCE_002.name)
    assert speaker == "staff-002"
    assert registry.proposed == {}


# -- transcripts -----------------------------------------------------------------------------


def test_mid_speech_colon_does_not_open_a_turn(people: list[Person]) -> None:
    text = (
        "SEC. CARTER: First, thanks.\n\nOn the second point: What military force is going to take it?\n\n"
        "MIN. LE DRIAN (THROUGH TRANSLATOR): Yes.\n"
    )
    assert [(kind, who) for kind, who, _ in _spoken(text, people)] == [
        ("speech", "ashton-carter"),
        ("speech", "jean-yves-le-drian"),
    ]


def test_named_next_questioner_owns_the_next_question_even_after_another_turn(people: list[Person]) -> None:
    text = (
        "MR PRICE: Our final question, we'll go to Karen DeYoung of The Washington Post.\n\n"
        "FOREIGN MINISTER LE DRIAN: (Via interpreter) If I may, a few words.\n\n"
        "QUESTION: Thank you. About Iran?\n\n"
        "SECRETARY BLINKEN: Thank you, Karen.\n\n"
        "QUESTION: And one more?\n"
    )
    proposal = propose(text, NEW_FILE, people)
    speakers = [(s.kind, s.speaker_id) for s in proposal.segments]
    assert speakers == [
        ("speech", "ned-price"),
        ("speech", "jean-yves-le-drian"),
        ("question", "karen-deyoung"),
        ("speech", "antony-blinken"),
        ("question", "reporter-900-1"),
    ]
    assert [p.id for p in proposal.new_people] == ["reporter-900-1"]


@pytest.mark.parametrize(
    "announcement",
    [
        "Question from Jane Doe, RFI.",
        "Our first question goes to Jane Doe of the AFP.",
        "First question, Jane Doe from Les Echos on the French side.",
    ],
)
def test_an_unknown_named_questioner_is_proposed(announcement: str, people: list[Person]) -> None:
    text = f"MODERATOR: {announcement}\n\nQ: Is it true?\n\nSEC. CARTER: Yes.\n"
    proposal = propose(text, NEW_FILE, people)
    assert proposal.segments[1].speaker_id == "jane-doe"
    assert proposal.segments[1].label == "Q"
    assert {p.id for p in proposal.new_people} == {"jane-doe", "moderator-900"}


def test_interpreter_markers_split_a_turn_without_a_new_turn(people: list[Person]) -> None:
    text = (
        "SECRETARY BLINKEN: (Via interpreter) Dear Jean-Yves.\n\n(In English) I'm delighted.\n\n"
        "More in English.\n\n(Via interpreter) The Bureau.\n\n(In English.) Binge-watching.\n\n"
        "FOREIGN MINISTER LE DRIAN: (Via interpreter) Thank you.\n"
    )
    segments = propose(text, NEW_FILE, people).segments
    assert [(s.speaker_id, s.turn, s.via_interpreter) for s in segments] == [
        ("antony-blinken", 1, True),
        ("antony-blinken", 1, False),
        ("antony-blinken", 1, True),
        ("antony-blinken", 1, False),
        ("jean-yves-le-drian", 2, True),
    ]
    assert segments[0].label_span is not None
    assert all(s.label_span is None for s in segments[1:4])


def test_unlabelled_turns_are_unnamed_reporters_or_unidentified_speakers(people: list[Person]) -> None:
    text = (
        "SEC. CARTER: Thank you all.\n\n\nThere are four questions. I'll start.\n\n"
        "Q: A question?\n\nSEC. CARTER: Yes.\n\n\nMinister, what will you say to Turkey?\n"
    )
    spoken = [(kind, who) for kind, who, _ in _spoken(text, people)]
    assert spoken == [
        ("speech", "ashton-carter"),
        ("speech", "unidentified-speaker-900-1"),
        ("question", "reporter-900-1"),
        ("speech", "ashton-carter"),
        ("question", "reporter-900-2"),
    ]


# -- news --------------------------------------------------------------------------------------


def test_news_quotations_reported_speech_and_pronouns(people: list[Person]) -> None:
    text = (
        "Headline of the story\n\n"
        'WASHINGTON: The ministers agreed on "concrete steps" today, the Pentagon said.\n\n'
        "“We are allies,” Cook said in the statement. “Truly.”\n\n"
        "The plan is on track, Cook said. “It works,” he said.\n\n"
        "The statement gave no details. But US officials said it would build on work.\n"
    )
    segments = propose(text, "004_24a026e5a6510116.txt", people, "news").segments
    got = [(s.kind, s.speaker_id, s.reported_by, text[s.span.start : s.span.end].strip()) for s in segments]
    assert got == [
        ("boilerplate", None, None, "Headline of the story"),
        ("narration", "writer-004", None, "WASHINGTON:"),
        ("narration", "us-department-of-defense", "writer-004", "The ministers agreed on"),
        ("quotation", "us-department-of-defense", "writer-004", '"concrete steps"'),
        ("narration", "us-department-of-defense", "writer-004", "today, the Pentagon said."),
        ("quotation", "peter-cook", "writer-004", "“We are allies,”"),
        ("narration", "writer-004", None, "Cook said in the statement."),
        ("quotation", "peter-cook", "writer-004", "“Truly.”"),
        ("narration", "peter-cook", "writer-004", "The plan is on track, Cook said."),
        ("quotation", "peter-cook", "writer-004", "“It works,”"),
        ("narration", "writer-004", None, "he said."),
        ("narration", "writer-004", None, "The statement gave no details."),
        ("narration", "us-officials-004", "writer-004", "But US officials said it would build on work."),
    ]


def test_news_captions_credit_the_organization(people: list[Person]) -> None:
    text = "Carter signs the book. DoD photo by Sgt. Amber I. Smith\nPhoto By: Sgt. Amber I. Smith\n\nBody text.\n"
    segments = propose(text, "001_8145726628f308d2.txt", people, "news").segments
    assert (segments[0].kind, segments[0].speaker_id) == ("caption", "us-department-of-defense")


def test_unknown_file_proposes_a_scoped_writer_and_new_speakers(people: list[Person]) -> None:
    text = "PARIS: The talks resumed, Jane Smith said.\n\n“We agree,” she said.\n"
    proposal = propose(text, NEW_FILE, people)
    assert proposal.kind == "news"
    new = {person.id: person for person in proposal.new_people}
    assert new["writer-900"].anonymous and new["writer-900"].scope == NEW_FILE
    assert not new["jane-smith"].anonymous
    assert [s.speaker_id for s in proposal.segments if s.kind == "quotation"] == ["jane-smith"]


@examples(60)
@given(document_texts())
def test_segments_partition_any_text(text: str) -> None:
    segments = propose(text, NEW_FILE, []).segments
    if not text:
        assert segments == []
        return
    assert segments[0].span.start == 0
    assert segments[-1].span.end == len(text)
    for before, after in itertools.pairwise(segments):
        assert before.span.end == after.span.start
    assert len({s.id for s in segments}) == len(segments)


# -- CLI -------------------------------------------------------------------------------------


def test_cli_json_is_the_api_output() -> None:
    result = CliRunner().invoke(
        main, ["extract", str(SOURCE_002), "--format", "json", "--dataset", str(DATASET)]
    )
    assert result.exit_code == 0, result.output
    payload = orjson.loads(result.stdout)
    assert set(payload) == {"source_file", "kind", "segments", "new_people"}
    assert payload["kind"] == "transcript"
    segments = [Segment.model_validate(item) for item in payload["segments"]]
    people = [Person.model_validate(item) for item in read_json(DATASET / "people.json")]
    expected = propose(SOURCE_002.read_text(encoding="utf-8"), SOURCE_002.name, people)
    assert payload == expected.model_dump(mode="json", exclude_none=True)
    assert segments == expected.segments


def test_cli_text_prints_one_line_per_segment() -> None:
    result = CliRunner().invoke(main, ["extract", str(SOURCE_002), "--dataset", str(DATASET)])
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.startswith("002-s")]
    assert len(lines) == len(read_json(DATASET / "segments" / "002_e17495d741eb2305.json"))


@pytest.mark.parametrize("case", ["missing", "directory", "not-utf8", "bad-dataset"])
def test_cli_unusable_input_exits_2(case: str, tmp_path: Path) -> None:
    args: list[str]
    if case == "missing":
        args = [str(tmp_path / "nope.txt")]
    elif case == "directory":
        args = [str(tmp_path)]
    elif case == "not-utf8":
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"SEC. CARTER: caf\xe9\n")
        args = [str(bad)]
    else:
        args = [str(SOURCE_002), "--dataset", str(tmp_path / "no-dataset")]
    result = CliRunner().invoke(main, ["extract", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_cli_write_refuses_to_replace_curated_segments(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    shutil.copy(DATASET / "people.json", dataset / "people.json")
    args = ["extract", str(SOURCE_002), "--dataset", str(dataset), "--write"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    target = dataset / "segments" / "002_e17495d741eb2305.json"
    assert [Segment.model_validate(item) for item in read_json(target)]
    target.write_bytes(b"[]\n")
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 2
    assert target.read_bytes() == b"[]\n"
    forced = CliRunner().invoke(main, [*args, "--force"])
    assert forced.exit_code == 0
    assert target.read_bytes() != b"[]\n"


def test_cli_reads_a_listed_source_as_the_kind_sources_json_gives(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    shutil.copy(DATASET / "people.json", dataset / "people.json")
    story = tmp_path / "950_story.txt"
    story.write_text("UPDATE: one.\n\nNOTE: two.\n\nSEC. CARTER: three.\n\nQ: four?\n", encoding="utf-8")
    args = ["extract", str(story), "--format", "json", "--dataset", str(dataset)]
    detected = CliRunner().invoke(main, args)
    assert orjson.loads(detected.stdout)["kind"] == "transcript"
    (dataset / "sources.json").write_bytes(orjson.dumps([{"file": story.name, "kind": "news"}]))
    listed = CliRunner().invoke(main, args)
    assert listed.exit_code == 0, listed.output
    assert orjson.loads(listed.stdout)["kind"] == "news"


def test_turns_on_consecutive_lines_are_still_turns(people: list[Person]) -> None:
    text = "Title\nMODERATOR: Welcome.\nQ: Why?\nSEC. CARTER: Because.\n(Via interpreter) Bon.\nMore.\n"
    segments = propose(text, NEW_FILE, people).segments
    assert [(s.kind, s.speaker_id, s.turn, s.via_interpreter) for s in segments] == [
        ("boilerplate", None, 0, False),
        ("speech", "moderator-900", 1, False),
        ("question", "reporter-900-1", 2, False),
        ("speech", "ashton-carter", 3, False),
        ("speech", "ashton-carter", 3, True),
    ]


def test_page_furniture_labels_do_not_make_a_story_a_transcript(people: list[Person]) -> None:
    text = "WASHINGTON: The talks resumed.\n\nA caption. Photo By: Sgt. A. Smith\nVIRIN: 161128-D-SV709-328\n"
    assert propose(text, NEW_FILE, people).kind == "news"


def test_news_attribution_with_the_speaker_after_the_verb(people: list[Person]) -> None:
    text = "“We agree,” said Peter Cook, the press secretary.\n\nThe plan works, said the Pentagon.\n"
    segments = propose(text, NEW_FILE, people, "news").segments
    got = [(s.kind, s.speaker_id, s.reported_by) for s in segments]
    assert got == [
        ("quotation", "peter-cook", "writer-900"),
        ("narration", "writer-900", None),
        ("narration", "us-department-of-defense", "writer-900"),
    ]


def test_a_name_mentioned_in_passing_does_not_take_the_next_question(people: list[Person]) -> None:
    text = (
        "SEC. CARTER: Let me turn to President Obama and go to Prime Minister Abadi.\n\n"
        "Q: Thank you. And Mosul?\n"
    )
    segments = propose(text, NEW_FILE, people).segments
    assert segments[1].speaker_id == "reporter-900-1"

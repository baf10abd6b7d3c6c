"""The extractor on the White House house style: real files of the 2021 briefing room, and its rules.

The sample (tests/data/whitehouse-2021-sample/, see its README) holds none of the dataset's
documents. The printed labels are found here by a regular expression of their own, written
from the transcripts' form, not by the extractor's grammar, so the two can disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.extract import parse_label, propose
from claims.extract.labels import QUESTION_LABELS
from claims.extract.registry import MAX_DERIVED_PREFIX_CHARS, source_prefix
from claims.records import Person, Segment, source_stem
from claims.records.base import SLUG_PATTERN

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "whitehouse-2021-sample"
DATASET = REPO / "dataset"


def _manifest() -> list[tuple[str, str, str]]:
    rows = (SAMPLE / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [(cells[0], cells[1], cells[3]) for cells in (row.split("\t") for row in rows)]


MANIFEST = _manifest()
FILES = [name for name, _, _ in MANIFEST]
KIND = {name: kind for name, _, kind in MANIFEST}

PRINTED_LABEL = re.compile(
    r"^[ \t\u00a0]*(?P<label>Q(?=[ \t\u00a0])"
    r"|[A-ZÀ-Þ][A-ZÀ-Þ.'’\- \u00a0]*[A-ZÀ-Þ.](?: ?\([A-Z .,'’-]+\))?(?=:(?:\s|$)))",
    re.MULTILINE,
)
"""A speaker label as the White House prints it: upper case and a colon, or ``Q`` and white space."""

NOT_SPEAKERS = re.compile(r"^TO THE |SENT TO THE SENATE$|^(?:TO|FROM|DATE|SUBJECT)$")
"""Printed like labels, but an addressee, a list heading or a memorandum's header (see the sample's README)."""


def _text(name: str) -> str:
    return (SAMPLE / name).read_bytes().decode("utf-8")


def _body_start(text: str) -> int:
    """One past the front matter's closing ``---`` line (the test's own reading)."""
    assert text.startswith("---\n")
    return text.index("\n---\n", 3) + len("\n---\n")


def _printed_labels(text: str) -> dict[int, str]:
    start = _body_start(text)
    found: dict[int, str] = {}
    for match in PRINTED_LABEL.finditer(text):
        label = " ".join(match.group("label").replace("\u00a0", " ").split())
        if match.start("label") >= start and NOT_SPEAKERS.search(label) is None:
            found[match.start("label")] = label
    return found


@pytest.fixture(scope="module")
def proposals(people: list[Person]) -> dict[str, list[Segment]]:
    return {name: propose(_text(name), name, people, KIND[name]).segments for name in FILES}


def test_the_sample_is_as_received() -> None:
    assert len(MANIFEST) == 30
    assert sorted(p.name for p in SAMPLE.glob("*.md") if p.name != "README.md") == sorted(FILES)
    for name, sha256, _ in MANIFEST:
        assert hashlib.sha256((SAMPLE / name).read_bytes()).hexdigest() == sha256, name
    kinds = {kind for _, _, kind in MANIFEST}
    assert kinds == {"press-briefing", "gaggle", "background-call", "remarks", "readout", "statement"}


@pytest.mark.parametrize("name", FILES)
def test_segments_partition_each_file(name: str, proposals: dict[str, list[Segment]]) -> None:
    segments = proposals[name]
    assert segments[0].span.start == 0
    assert segments[-1].span.end == len(_text(name))
    for before, after in itertools.pairwise(segments):
        assert before.span.end == after.span.start, (before.id, after.id)


@pytest.mark.parametrize("name", FILES)
def test_every_printed_label_is_found_and_none_is_invented(
    name: str, proposals: dict[str, list[Segment]]
) -> None:
    text = _text(name)
    printed = _printed_labels(text)
    found = {s.label_span.start: s.label for s in proposals[name] if s.label_span is not None}
    assert {start: " ".join(str(label).split()) for start, label in found.items()} == printed
    body = _body_start(text)
    assert all(s.label_span is None or s.label_span.start >= body for s in proposals[name])


@pytest.mark.parametrize("name", FILES)
def test_one_label_one_speaker_in_a_file(name: str, proposals: dict[str, list[Segment]]) -> None:
    speakers: dict[str, set[str | None]] = defaultdict(set)
    for segment in proposals[name]:
        if segment.label is not None and segment.label not in QUESTION_LABELS:
            speakers[segment.label].add(segment.speaker_id)
    assert all(len(ids) == 1 for ids in speakers.values()), dict(speakers)


@pytest.mark.parametrize("name", FILES)
def test_every_q_turn_is_an_unnamed_reporters_question(
    name: str, proposals: dict[str, list[Segment]]
) -> None:
    """Reporters called on by name ("Go ahead, Anne.") stay anonymous: each Q turn is a new one."""
    questions = [s for s in proposals[name] if s.label == "Q"]
    assert all(s.kind == "question" for s in questions)
    askers = [s.speaker_id for s in questions if s.label_span is not None]
    assert len(set(askers)) == len(askers)
    assert all(s.speaker_id is not None and s.speaker_id.startswith("reporter-") for s in questions)
    assert all(
        s.kind != "question" or s.label in QUESTION_LABELS
        for s in proposals[name]
        if s.label_span is not None
    )


def test_the_sample_has_every_convention(proposals: dict[str, list[Segment]]) -> None:
    every = [s for segments in proposals.values() for s in segments]
    labels = {s.label for s in every}
    assert {"MS. PSAKI", "MS. JEAN-PIERRE", "THE PRESIDENT", "MODERATOR", "Q"} <= labels
    assert "SENIOR ADMINISTRATION OFFICIAL" in labels
    assert sum(s.label == "Q" for s in every) >= 300
    assert any(s.via_interpreter for s in every)


def test_interpreted_turns_are_marked(proposals: dict[str, list[Segment]]) -> None:
    marker = re.compile(r"[ \t\u00a0]*\(As interpreted\.\)")
    checked = 0
    for name, segments in proposals.items():
        text = _text(name)
        for segment in segments:
            if segment.label_span is not None and marker.match(text, segment.label_span.end):
                assert segment.via_interpreter, segment.id
                checked += 1
            elif segment.label_span is not None and segment.label == "Q":
                assert not segment.via_interpreter, segment.id
    assert checked >= 5


def test_several_officials_under_one_label_are_one_anonymous_source_scoped_person(
    people: list[Person],
) -> None:
    name = next(n for n in FILES if "2021-10-30-background-press-call" in n)
    proposal = propose(_text(name), name, people, "background-call")
    officials = {s.speaker_id for s in proposal.segments if s.label == "SENIOR ADMINISTRATION OFFICIAL"}
    assert len(officials) == 1
    (official_id,) = officials
    person = next(p for p in proposal.new_people if p.id == official_id)
    assert person.anonymous and person.scope == name
    assert person.aliases == ["SENIOR ADMINISTRATION OFFICIAL"]
    assert person.note is not None and "several officials" in person.note
    assert official_id == f"senior-administration-official-{source_prefix(name)}-1"


def test_front_matter_and_end_marks_are_boilerplate(proposals: dict[str, list[Segment]]) -> None:
    for name, segments in proposals.items():
        text = _text(name)
        body = _body_start(text)
        first = segments[0]
        assert first.kind == "boilerplate" and first.span.end >= body, name
        if text.rstrip().endswith("\\###"):
            assert segments[-1].kind == "boilerplate", name
            assert text[segments[-1].span.start : segments[-1].span.end].strip().endswith("\\###")


# -- the rules, one by one --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "printed"),
    [
        ("Q\u00a0\u00a0\u00a0 Is the relationship repaired?", "Q"),
        ("Q Thank you.", "Q"),
        ("\u00a0 \u00a0 \u00a0Q \u00a0 \u00a0Thanks.", "Q"),
        ("MS. PSAKI:\u00a0 Go ahead, Anne.", "MS. PSAKI"),
        ("\u00a0\u00a0\u00a0\u00a0 THE PRESIDENT:\u00a0 Well, thank you.", "THE PRESIDENT"),
        ("PRESIDENT\u00a0HICHILEMA:\u00a0 Thank you.", "PRESIDENT\u00a0HICHILEMA"),
        ("SENIOR ADMINISTRATION OFFICIAL 2:  Thanks.", "SENIOR ADMINISTRATION OFFICIAL 2"),
    ],
)
def test_white_house_label_forms(paragraph: str, printed: str) -> None:
    label = parse_label(paragraph, 100)
    assert label is not None and label.printed == printed
    assert paragraph[label.start - 100 : label.end - 100].rstrip(":") == printed


@pytest.mark.parametrize(
    "paragraph",
    [
        "Queen at Windsor Castle in the UK?",
        "Q&A.",
        "COVID-19: Wear a well-fitted mask.",
        "H.R. 3537: Accelerating Access to Critical Therapies for ALS Act",
        "TO THE CONGRESS OF THE UNITED STATES:",
        "NOMINATIONS SENT TO THE SENATE:",
        "SUBJECT: Extension of the order.",
        "FROM: Anne Neuberger, Deputy National Security Advisor",
    ],
)
def test_white_house_text_that_is_not_a_label(paragraph: str) -> None:
    assert parse_label(paragraph) is None


FRONT = "---\ndate: '2021-10-29'\ntitle: \"Remarks\\\n  \\ by\\_Two\"\n---\n \n"


def test_labels_name_known_people_and_the_title_holder_of_the_day(people: list[Person]) -> None:
    text = (
        FRONT
        + "PRESIDENT MACRON:\u00a0 (As interpreted.)\u00a0 Hello.\n\nMore words.\n\n"
        + "THE PRESIDENT:\u00a0 Thank you.\n\nQ\u00a0\u00a0\u00a0 Mr. President?\n\n"
        + "PRESIDENT MACRON:\u00a0 We clarified.\n\n\\###\n"
    )
    proposal = propose(text, "2021-10-29-remarks.md", people, "remarks")
    turns = [(s.label, s.speaker_id, s.kind, s.via_interpreter) for s in proposal.segments if s.label_span]
    assert turns == [
        ("PRESIDENT MACRON", "emmanuel-macron", "speech", True),
        ("THE PRESIDENT", "joe-biden", "speech", False),
        ("Q", "reporter-2021-10-29-remarks-1", "question", False),
        ("PRESIDENT MACRON", "emmanuel-macron", "speech", False),
    ]
    assert proposal.segments[0].kind == "boilerplate"
    assert [p.id for p in proposal.new_people] == ["reporter-2021-10-29-remarks-1"]


def test_the_title_holder_needs_the_day(people: list[Person]) -> None:
    """Without a date (no front matter, no listing) ``THE PRESIDENT`` is not guessed."""
    text = "THE PRESIDENT: Thank you.\n\nQ Sir?\n"
    proposal = propose(text, "remarks.txt", people, "transcript")
    assert proposal.segments[0].speaker_id != "joe-biden"
    dated = propose(text, "remarks.txt", people, "transcript", date=dt.date(2016, 10, 25))
    assert dated.segments[0].speaker_id != "joe-biden"  # Biden was not in office in 2016


def test_a_one_speaker_remarks_is_read_as_a_transcript(people: list[Person]) -> None:
    text = FRONT + "East Room\n\nTHE PRESIDENT:  Good afternoon.\n\n\\###\n"
    proposal = propose(text, "x.md", people)
    assert proposal.kind == "transcript"
    assert [s.speaker_id for s in proposal.segments if s.kind == "speech"] == ["joe-biden"]
    dateline = "---\ndate: '2021-10-29'\n---\nWASHINGTON: The President spoke today.\n"
    assert propose(dateline, "y.md", people).kind == "news"


def test_a_statement_by_a_known_person_is_theirs_and_a_readout_the_writers(people: list[Person]) -> None:
    horne = Person.model_validate({"id": "emily-horne", "name": "Emily Horne"})
    front = "---\ndate: '2021-09-30'\ntitle: \"Statement by NSC Spokesperson Emily\\_Horne on a Meeting\"\n---\n \n"
    text = front + "National Security Advisor Jake Sullivan met today with the Ambassador.\n\n\\###\n"
    proposal = propose(text, "s.md", [*people, horne], "statement", id_prefix="021")
    assert [(s.kind, s.speaker_id) for s in proposal.segments] == [
        ("boilerplate", None),
        ("narration", "emily-horne"),
        ("boilerplate", None),
    ]
    assert [s.id for s in proposal.segments] == ["021-s0001", "021-s0002", "021-s0003"]
    readout = propose(
        text.replace("Statement by NSC Spokesperson", "Readout of"), "r.md", [*people, horne], "readout"
    )
    assert [s.speaker_id for s in readout.segments if s.kind == "narration"] == ["writer-r"]


LONG = "2021-10-30-joint-statement-by-the-president-of-france-emmanuel-macron-chancellor-of-germany-angela-merkel-prime-minister-of-the-united-kingdom-and-northern-ireland-boris-johnson-and-president-of-the-united-st.md"


def test_ids_from_long_file_names_are_valid_and_bounded(people: list[Person]) -> None:
    prefix = source_prefix(LONG)
    assert len(prefix) <= MAX_DERIVED_PREFIX_CHARS
    assert re.fullmatch(SLUG_PATTERN, prefix)
    assert source_prefix(LONG.replace("united-st", "united-xx")) != prefix
    assert source_prefix(LONG, "028") == "028"
    assert source_prefix("002_e17495d741eb2305.txt") == "002"
    text = "---\ndate: '2021-10-30'\n---\nQ Words?\n\nMODERATOR: Thanks.\n"
    proposal = propose(text, LONG, people, "transcript")
    assert {p.id for p in proposal.new_people} == {f"reporter-{prefix}-1", f"moderator-{prefix}"}
    assert proposal.segments[0].id == f"{prefix}-s0001"
    assert propose(text, LONG, people, "transcript", id_prefix="028").segments[0].id == "028-s0001"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("002_e17495d741eb2305.txt", "002_e17495d741eb2305"),
        ("2021-01-24-readout.md", "2021-01-24-readout"),
        ("notes.json", "notes.json"),
    ],
)
def test_one_stem_rule_for_txt_and_md_sources(name: str, stem: str) -> None:
    from claims.extract.files import segments_path

    assert source_stem(name) == stem
    assert segments_path(Path("d"), name) == Path("d") / "segments" / f"{stem}.json"


CORPUS = os.environ.get("CLAIMS_WHITEHOUSE_CORPUS")
"""A directory holding the unpacked corpus (``tar -xJf whitehouse-2021.tar.xz -C DIR``): opt-in."""


@pytest.mark.skipif(not CORPUS, reason="set CLAIMS_WHITEHOUSE_CORPUS to the unpacked 2021 corpus")
def test_the_whole_corpus_keeps_the_label_rules(people: list[Person]) -> None:
    """Every file of the corpus, its kind detected: in each one read as a transcript, every printed
    label found and none invented, one label one speaker, every ``Q`` turn a question."""
    files = sorted(Path(str(CORPUS)).rglob("*.md"))
    assert len(files) >= 2376
    transcripts = 0
    for path in files:
        text = path.read_bytes().decode("utf-8")
        proposal = propose(text, path.name, people)
        segments = proposal.segments
        assert segments[0].span.start == 0 and segments[-1].span.end == len(text), path.name
        assert all(a.span.end == b.span.start for a, b in itertools.pairwise(segments)), path.name
        if proposal.kind != "transcript":
            continue
        transcripts += 1
        found = {s.label_span.start: " ".join(str(s.label).split()) for s in segments if s.label_span}
        assert found == _printed_labels(text), path.name
        speakers: dict[str, set[str | None]] = defaultdict(set)
        for segment in segments:
            if segment.label is not None and segment.label not in QUESTION_LABELS:
                speakers[segment.label].add(segment.speaker_id)
            if segment.label == "Q":
                assert segment.kind == "question", segment.id
        assert all(len(ids) == 1 for ids in speakers.values()), path.name
    assert transcripts >= 800


UNSIGNED = (
    "---\ndate: '2021-10-22'\ntitle: \"Readout of a Call with the President of France\"\n---\n \n"
    "President Biden spoke today with President Macron of France. "
    "“We are allies,” President Biden said. "
    "President Biden said he looked forward to their meeting in Rome.\n\n\\###\n"
)
"""An unsigned readout: narration, a tagged quotation and reported speech."""


def _extract_listed(tmp_path: Path, listing: dict[str, str]) -> dict[str, object]:
    """``claims extract --format json`` on :data:`UNSIGNED` as the dataset's sources.json lists it."""
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    shutil.copy(DATASET / "people.json", dataset / "people.json")
    readout = tmp_path / "950_readout.md"
    readout.write_text(UNSIGNED, encoding="utf-8")
    (dataset / "sources.json").write_bytes(orjson.dumps([{"file": readout.name, **listing}]))
    result = CliRunner().invoke(
        main, ["extract", str(readout), "--format", "json", "--dataset", str(dataset)]
    )
    assert result.exit_code == 0, result.output
    proposal: dict[str, object] = orjson.loads(result.stdout)
    return proposal


def _voices(segments: object) -> list[tuple[str, str | None, str | None]]:
    assert isinstance(segments, list)
    return [
        (s["kind"], s.get("speaker_id"), s.get("reported_by")) for s in segments if s["kind"] != "boilerplate"
    ]


def test_an_unsigned_readout_of_a_known_publisher_is_the_publishers(tmp_path: Path) -> None:
    """The publisher sources.json gives (``The White House``) names a known organization: it narrates,
    and reports the speech its readout quotes; no anonymous writer is proposed."""
    proposal = _extract_listed(tmp_path, {"kind": "readout", "publisher": "The White House"})
    assert _voices(proposal["segments"]) == [
        ("narration", "white-house", None),
        ("quotation", "joe-biden", "white-house"),
        ("narration", "white-house", None),
        ("narration", "joe-biden", "white-house"),
    ]
    assert proposal["new_people"] == []


def test_an_unsigned_readout_of_an_unknown_publisher_keeps_its_anonymous_writer(tmp_path: Path) -> None:
    proposal = _extract_listed(tmp_path, {"kind": "readout", "publisher": "Example Gazette"})
    assert {v[2] or v[1] for v in _voices(proposal["segments"])} == {"writer-950"}
    assert [p["id"] for p in proposal["new_people"]] == ["writer-950"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kind", "publisher", "narrator"),
    [
        ("news", "Example Gazette", "writer-951"),  # an unsigned story by an unknown publisher
        ("news", "The White House", "writer-951"),  # a news story is its writer's, whoever publishes it
        ("readout", "Example Gazette", "writer-951"),
        ("readout", "the White House", "white-house"),
        ("statement", "The\u00a0White House", "white-house"),
        ("statement", "AFP, via The Express Tribune", "writer-951"),  # not one organization's name
        ("readout", None, "writer-951"),
    ],
)
def test_who_narrates_an_unsigned_text(
    kind: str, publisher: str | None, narrator: str, people: list[Person]
) -> None:
    proposal = propose(UNSIGNED, "951_text.md", people, kind, publisher=publisher)
    narrators = {s.speaker_id for s in proposal.segments if s.kind == "narration" and s.reported_by is None}
    assert narrators == {narrator}
    assert {s.reported_by for s in proposal.segments} == {None, narrator}
    assert [p.id for p in proposal.new_people] == ([narrator] if narrator.startswith("writer-") else [])


def test_the_front_matters_site_is_the_publisher_and_a_named_author_comes_first(people: list[Person]) -> None:
    site = UNSIGNED.replace("title:", "site: The White House\ntitle:")
    assert {s.speaker_id for s in propose(site, "r.md", people, "readout").segments} >= {"white-house"}
    listed = propose(site, "r.md", people, "readout", publisher="Example Gazette")
    assert "white-house" not in {s.speaker_id for s in listed.segments}  # the listing wins
    horne = Person.model_validate({"id": "emily-horne", "name": "Emily Horne"})
    signed = site.replace("Readout of a Call", "Statement by NSC Spokesperson Emily Horne on a Call")
    statement = propose(signed, "s.md", [*people, horne], "statement")
    assert {s.speaker_id for s in statement.segments if s.kind == "narration" and s.reported_by is None} == {
        "emily-horne"
    }


READOUT_2021_01_24 = (
    "President Biden also stressed his commitment to bolstering the transatlantic relationship"
)
"""A sentence of the White House readout of the Biden–Macron call of 24 January 2021."""


def test_a_readouts_sentence_is_the_white_houses() -> None:
    args = ["verify", READOUT_2021_01_24, "--dataset", str(DATASET), "--format", "json"]
    verified = CliRunner().invoke(main, [*args, "--speaker", "the White House"])
    assert verified.exit_code == 0, verified.output
    answer = orjson.loads(verified.stdout)
    assert (answer["verdict"], answer["speaker_id"], answer["date"]) == (
        "verified",
        "white-house",
        "2021-01-24",
    )
    assert answer["source_file"].startswith("2021-01-24-readout-of-")
    biden = orjson.loads(CliRunner().invoke(main, [*args, "--speaker", "Joe Biden"]).stdout)
    assert (biden["verdict"], biden["said_by"]) == ("misattributed", ["white-house"])

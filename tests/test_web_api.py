"""``claims serve`` through its ASGI app (httpx, no server): the JSON API, every page, safety rules."""

from __future__ import annotations

import datetime as dt
import html as html_module
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from click.testing import CliRunner

import claims
from claims.cli import main
from claims.validation import validate
from claims.web.app import MAX_QUOTE, create_app
from tests.web_support import (
    HOSTILE_FILE,
    HOSTILE_NAME,
    HOSTILE_QUOTE,
    HOSTILE_REVIEW,
    Client,
    hostile_dataset,
)

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"

QUESTIONS: list[dict[str, str]] = [
    {"quote": "Today is the fifth meeting.", "speaker": "Le Drian", "date": "2016-10-25"},
    {"quote": "Today is the fifth meeting.", "speaker": "Carter"},
    {"quote": "Today is the fifth meeting.", "speaker": "Le Drian", "date": "2016-10-26"},
    {
        "quote": "I am very happy to be once again in Paris today for yet another meeting with Ashton Carter.",
        "speaker": "Le Drian",
    },
    {"quote": "Nobody ever said these words about penguins on the moon."},
    {"quote": "Today is ... meeting.", "source": "002"},
]
"""Verified, misattributed, misdated, misquoted, not-found, and an elision inside one source."""


@pytest.fixture(scope="module")
def release() -> claims.Release:
    return claims.load(DATASET)


@pytest.fixture(scope="module")
def client(release: claims.Release) -> Iterator[Client]:
    c = Client(create_app(release, validate(DATASET)))
    yield c
    c.close()


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def cli_args(question: dict[str, str]) -> list[str]:
    args = ["verify", question["quote"], "--format", "json", "--dataset", str(DATASET)]
    for name in ("speaker", "date", "source"):
        if name in question:
            args += [f"--{name}", question[name]]
    return args


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["quote"][:24])
def test_api_verify_answers_the_bytes_claims_verify_prints(client: Client, question: dict[str, str]) -> None:
    answer = client.get("/api/verify", params=question)
    printed = cli(*cli_args(question))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.content == printed.stdout_bytes
    assert printed.exit_code == (0 if answer.json()["verdict"] == "verified" else 1)


def test_the_questions_cover_every_verdict(client: Client) -> None:
    verdicts = {client.get("/api/verify", params=q).json()["verdict"] for q in QUESTIONS}
    assert verdicts == {"verified", "misattributed", "misdated", "misquoted", "not-found"}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"quote": "Today is the fifth meeting.", "date": "2016-13-40"}, "bad-date"),
        ({"quote": "Today is the fifth meeting.", "source": "999"}, "unknown-source"),
        ({"quote": "Today is the fifth meeting.", "speaker": "Nobody Atall Whatsoever"}, "unknown-speaker"),
        ({"quote": "..."}, "no-words"),
        ({"quote": ""}, "missing-quote"),
        ({}, "missing-quote"),
        ({"quote": "a " * MAX_QUOTE}, "query-too-long"),
        ({"quote": "Today", "speaker": "x" * 201}, "query-too-long"),
    ],
)
def test_api_verify_refuses_unusable_input_with_400(
    client: Client, params: dict[str, str], code: str
) -> None:
    answer = client.get("/api/verify", params=params)
    assert answer.status_code == 400
    body = answer.json()
    assert set(body) == {"error", "code"}
    assert body["code"] == code
    assert body["error"]


def test_unusable_input_is_exit_2_on_the_command_line_too(client: Client) -> None:
    question = {"quote": "Today is the fifth meeting.", "speaker": "Nobody Atall Whatsoever"}
    assert client.get("/api/verify", params=question).status_code == 400
    assert cli(*cli_args(question)).exit_code == 2


def test_api_claims_filters(client: Client, release: claims.Release) -> None:
    everything = client.get("/api/claims").json()
    assert everything["count"] == len(release.claims)
    assert [c["id"] for c in everything["claims"]] == sorted(c.id for c in release.claims)
    by_id = client.get("/api/claims", params={"speaker": "ashton-carter"}).json()
    by_name = client.get("/api/claims", params={"speaker": "Secretary Carter"}).json()
    expected = sorted(c.id for c in release.claims if c.speaker_id == "ashton-carter")
    assert [c["id"] for c in by_id["claims"]] == [c["id"] for c in by_name["claims"]] == expected
    source = client.get("/api/claims", params={"source": "002"}).json()
    assert {c["source_file"] for c in source["claims"]} == {"002_e17495d741eb2305.txt"}
    assert source["count"] == sum(c.source_file == "002_e17495d741eb2305.txt" for c in release.claims)
    window = client.get("/api/claims", params={"date_from": "2016-01-01", "date_to": "2016-10-31"}).json()
    assert window["count"] == sum(
        dt.date(2016, 1, 1) <= c.date <= dt.date(2016, 10, 31) for c in release.claims
    )
    assert window["count"] > 0
    subject = release.claims[0].subjects[0]
    about = client.get("/api/claims", params={"subject": subject}).json()
    assert about["count"] >= sum(subject in c.subjects for c in release.claims) > 0
    page = client.get("/api/claims", params={"limit": 5, "offset": 5}).json()
    assert [c["id"] for c in page["claims"]] == [c["id"] for c in everything["claims"][5:10]]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"speaker": "Nobody Atall Whatsoever"}, "unknown-speaker"),
        ({"subject": "no-such-subject"}, "unknown-subject"),
        ({"source": "999"}, "unknown-source"),
        ({"date_from": "last tuesday"}, "invalid-query"),
        ({"limit": "0"}, "invalid-query"),
    ],
)
def test_api_claims_refuses_bad_filters(client: Client, params: dict[str, str], code: str) -> None:
    answer = client.get("/api/claims", params=params)
    assert answer.status_code == 400
    assert answer.json()["code"] == code


def test_api_claim_is_the_record(client: Client, release: claims.Release) -> None:
    claim = release.claims[3]
    assert client.get(f"/api/claims/{claim.id}").json() == claim.model_dump(mode="json")
    missing = client.get("/api/claims/000-c9999")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not-found"


def test_api_validate_answers_what_claims_validate_prints(client: Client) -> None:
    printed = cli("validate", str(DATASET), "--format", "json")
    answer = client.get("/api/validate")
    assert answer.status_code == 200
    assert answer.content == printed.stdout_bytes


def test_openapi_describes_the_api(client: Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/verify", "/api/claims", "/api/claims/{claim_id}", "/api/validate"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/verify"]["get"]["parameters"]}
    assert names == {"quote", "speaker", "date", "source"}
    answers = spec["paths"]["/api/verify"]["get"]["responses"]
    assert answers["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/VerifyResult"
    }
    assert answers["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApiError"
    }
    assert {"VerifyResult", "ApiError", "ClaimPage", "Claim", "Report"} <= set(spec["components"]["schemas"])
    assert client.get("/docs").status_code == 404  # no page loading scripts from elsewhere


PAGES = [
    "/",
    "/verify?quote=Today+is+the+fifth+meeting.&speaker=Le+Drian",
    "/sources",
    "/sources/002_e17495d741eb2305.txt",
    "/claims/003-c0095",
    "/people",
    "/people/jean-yves-le-drian",
    "/timeline",
    "/timeline?person=ashton-carter&subject=",
    "/report",
    "/static/style.css",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_with_the_safety_headers(client: Client, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 200
    assert "script-src" not in answer.headers["content-security-policy"]
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_every_record_has_its_page(client: Client, release: claims.Release) -> None:
    for url in [
        *(f"/sources/{s.file}" for s in release.sources),
        *(f"/people/{p.id}" for p in release.people),
        *(f"/events/{e.id}" for e in release.events),
    ]:
        assert client.get(url).status_code == 200, url
    for claim in release.claims[::25]:
        assert client.get(f"/claims/{claim.id}").status_code == 200


def test_source_page_anchors_every_claim_and_segment(client: Client, release: claims.Release) -> None:
    source = next(s for s in release.sources if s.errata)
    html = client.get(f"/sources/{source.file}").text
    for claim in (c for c in release.claims if c.source_file == source.file):
        assert html.count(f'id="{claim.id}"') == 1
    for segment in (s for s in release.segments if s.source_file == source.file):
        assert f'id="{segment.id}"' in html
    assert html.count('class="erratum"') >= len(source.errata)


def test_claim_page_embeds_claimreview_and_annotation(client: Client, release: claims.Release) -> None:
    from claims.export.annotation import web_annotations
    from claims.export.claimreview import claim_reviews

    reviewed = next(c for c in release.claims if c.review is not None and c.retracted is None)
    html = client.get(f"/claims/{reviewed.id}").text
    blocks = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    review = next(r for r in claim_reviews(release) if r["@id"].endswith(f"#{reviewed.id}"))
    note = next(a for a in web_annotations(release) if a["id"].endswith(f"#{reviewed.id}"))
    assert blocks == [review, note]


@pytest.mark.parametrize(
    "url",
    [
        "/sources/..%2F..%2Fpyproject.toml",
        "/sources/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/sources/..%5c..%5cpyproject.toml",
        "/sources/pyproject.toml",
        "/sources/sources.json",
        "/sources/%2Fetc%2Fpasswd",
        "/sources/%2E%2E",
        "/sources/002_e17495d741eb2305.txt%00.json",
        "/static/..%2F..%2F__init__.py",
        "/static/desk.py",
    ],
)
def test_no_path_reaches_outside_the_dataset_sources(client: Client, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 404
    assert "[build-system]" not in answer.text
    assert "root:" not in answer.text
    assert "import" not in answer.text


def test_read_only(client: Client) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert client.request(method, "/api/verify?quote=x").status_code == 405
        assert client.request(method, "/sources/002_e17495d741eb2305.txt").status_code == 405


def test_a_host_header_of_another_site_is_refused(release: claims.Release) -> None:
    guarded = Client(create_app(release, validate(DATASET), allowed_hosts=["127.0.0.1", "localhost"]))
    try:
        assert guarded.get("/", headers={"host": "evil.example"}).status_code == 400
        assert guarded.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    finally:
        guarded.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    dataset = hostile_dataset(tmp_path_factory.mktemp("hostile"))
    c = Client(create_app(claims.load(dataset), validate(dataset)))
    yield c
    c.close()


INJECTED = re.compile(
    r"<script>alert|<img src=x|<b>all|<i>conference|<b>Ministry|<em>campaign|<b>Ash|<a href='javascript"
)


@pytest.mark.parametrize(
    "url",
    [
        f"/sources/{HOSTILE_FILE}",
        "/claims/001-c0001",
        "/people/ashton-carter",
        "/people",
        "/sources",
        "/timeline",
        "/report",
        "/",
        "/verify?" + "quote=" + HOSTILE_QUOTE.replace("&", "%26").replace(" ", "+") + "&speaker=Carter",
        "/verify?quote=%3Cscript%3Ealert(%22typed%22)%3C/script%3E+%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
        "/verify?quote=x&speaker=%3Cscript%3Ealert(1)%3C/script%3E",
        "/claims/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/timeline?person=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
)
def test_no_html_gets_in_through_a_record_or_a_query(hostile: Client, url: str) -> None:
    answer = hostile.get(url)
    assert answer.status_code in (200, 400, 404)
    assert not INJECTED.search(answer.text), INJECTED.search(answer.text)


def test_markup_in_records_is_shown_as_text(hostile: Client) -> None:
    html = hostile.get(f"/sources/{HOSTILE_FILE}").text
    assert "We will &lt;script&gt;alert(&#34;quote&#34;)&lt;/script&gt; defeat ISIL &amp; &lt;img" in html
    assert "Ashton &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; Carter" in html
    verdict = hostile.get("/verify", params={"quote": HOSTILE_QUOTE, "speaker": "Carter"})
    assert 'data-verdict="verified"' in verdict.text
    assert '<mark class="match">We will &lt;script&gt;' in verdict.text


def test_json_ld_cannot_close_its_script_element(hostile: Client) -> None:
    html = hostile.get("/claims/001-c0001").text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 2
    documents = [json.loads(b) for b in blocks]
    assert documents[0]["reviewBody"] == HOSTILE_REVIEW
    assert documents[0]["itemReviewed"]["author"]["name"] == HOSTILE_NAME
    assert documents[1]["target"]["selector"][0]["exact"] == HOSTILE_QUOTE


def test_fields_the_page_does_not_know_are_still_shown(release: claims.Release) -> None:
    """A result with fields added later (issue 17's attribution, say) renders them, not drops them."""
    from pydantic import Field

    from claims.verification.result import VerifyResult

    class Later(VerifyResult):
        verdict: str = Field(description="Any verdict, known to the page or not.")  # type: ignore[assignment]
        attribution: str = Field(description="How the words are attributed.")
        where_else: list[str] = Field(description="A field no template names.")

    app = create_app(release, validate(DATASET))
    verifier = app.state.desk.verifier
    real = verifier.verify(QUESTIONS[0]["quote"], speaker="Le Drian", date="2016-10-25")
    later = Later(
        **{**real.__dict__, "verdict": "paraphrased", "attribution": "paraphrase", "where_else": ["004"]}
    )
    verifier.verify = lambda *args, **kwargs: later
    c = Client(app)
    try:
        html = c.get("/verify", params={"quote": "anything"}).text
        assert c.get("/api/verify", params={"quote": "anything"}).json()["where_else"] == ["004"]
    finally:
        c.close()
    assert 'data-verdict="paraphrased"' in html
    assert re.search(r'<dd class="attr-attribution">\s*paraphrase\s*</dd>', html)
    assert re.search(r'<dd data-field="where_else">\s*004\s*</dd>', html)


def test_data_and_index_are_built_once_at_start_up(
    release: claims.Release, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claims.loading
    import claims.validation.runner
    from claims.verification.index import CorpusIndex

    app = create_app(release, validate(DATASET))

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("read or built again while answering a request")

    monkeypatch.setattr(CorpusIndex, "build", refuse)
    monkeypatch.setattr(claims.loading, "load", refuse)
    monkeypatch.setattr(claims.loading, "read_any", refuse)
    monkeypatch.setattr(claims.validation.runner, "validate_loaded", refuse)
    c = Client(app)
    try:
        for url in [
            "/api/verify?quote=Today+is+the+fifth+meeting.",
            "/verify?quote=Today",
            "/api/validate",
            "/report",
        ]:
            assert c.get(url).status_code == 200, url
    finally:
        c.close()


def test_serve_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def without_web(name: str, *args: Any) -> Any:
        return None if name in ("fastapi", "uvicorn", "jinja2") else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_web)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "pip install 'claimtrack[web]'" in result.stderr


def test_serve_refuses_unusable_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--dataset", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_an_elided_quote_marks_each_piece(client: Client) -> None:
    html = client.get("/verify", params={"quote": "Today is ... meeting.", "source": "002"}).text
    assert 'data-verdict="verified"' in html
    assert re.findall(r'<mark class="match"[^>]*>(.*?)</mark>', html) == ["Today is", "meeting."]


def test_a_source_page_marks_a_range_asked_for(client: Client, release: claims.Release) -> None:
    source = release.sources[0]
    text = source.text or ""
    html = client.get(f"/sources/{source.file}", params={"start": 10, "end": 30}).text
    marked = re.search(r'<mark class="match" id="match">(.*?)</mark>', html, re.S)
    assert marked is not None
    assert html_module.unescape(re.sub(r"<[^>]+>", "", marked.group(1))) == text[10:30]
    for params in ({"start": 30, "end": 10}, {"start": 0, "end": len(text) + 1}):
        assert 'id="match"' not in client.get(f"/sources/{source.file}", params=params).text
    assert client.get(f"/sources/{source.file}", params={"start": "x", "end": 3}).status_code == 400


def test_text_no_segment_covers_is_still_shown(tmp_path: Path) -> None:
    dataset = hostile_dataset(tmp_path, segments=1)
    c = Client(create_app(claims.load(dataset), validate(dataset)))
    try:
        html = c.get(f"/sources/{HOSTILE_FILE}").text
    finally:
        c.close()
    assert "no segment says who speaks here" in html
    assert 'id="001-c0001"' in html
    assert "SEC. CARTER" in html


def test_serve_refuses_a_port_in_use() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--dataset", str(DATASET), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr

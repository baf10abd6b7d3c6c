"""``claims serve`` in a real browser: headless Chromium (Debian's) driven by Playwright.

A uvicorn server on a free localhost port serves the repository's dataset; every page is loaded,
the form is submitted, links are followed, and the DOM is asserted on. A screenshot of each page
goes to ``artifacts/screenshots/`` (or ``$CLAIMS_SCREENSHOTS``), which CI keeps.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
playwright_sync = pytest.importorskip("playwright.sync_api")

import claims  # noqa: E402
from claims.validation import validate  # noqa: E402
from claims.web.app import create_app  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
CHROMIUM = os.environ.get("CLAIMS_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("CLAIMS_SCREENSHOTS", REPO / "artifacts" / "screenshots"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISQUOTE = "I am very happy to be once again in Paris today for yet another meeting with Ashton Carter."

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def release() -> claims.Release:
    return claims.load(DATASET)


@pytest.fixture(scope="module")
def base_url(release: claims.Release) -> Iterator[str]:
    app = create_app(release, validate(DATASET), allowed_hosts=["127.0.0.1", "localhost"])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base = base_url
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_submitting_the_form_gives_the_verdict_with_the_words_marked(
    page: Any, release: claims.Release
) -> None:
    page.goto(page.base + "/")
    page.fill("#quote", "Today is the fifth meeting.")
    page.fill("#speaker", "Le Drian")
    page.fill("#date", "2016-10-25")
    page.click("#check")
    page.wait_for_selector("#verdict")
    assert "/verify?" in page.url
    assert page.get_attribute("#verdict", "data-verdict") == "verified"
    assert page.inner_text("#verdict").startswith("Verified")
    marks = page.locator("#turns mark.match")
    assert marks.count() == 1
    assert marks.inner_text() == "Today is the fifth meeting."
    turns = page.locator("#turns .turn")
    assert turns.count() >= 2  # the matched turn and the turns around it
    speakers = [turns.nth(i).get_attribute("data-speaker") for i in range(turns.count())]
    assert "jean-yves-le-drian" in speakers
    colours = {turns.nth(i).get_attribute("class").split()[1] for i in range(turns.count())}
    assert len(colours) == len(set(speakers))  # one colour per speaker
    shot(page, "verify")
    claim_id = page.locator("#claim-links a").first.inner_text()
    page.click("#claim-links a >> nth=0")
    page.wait_for_selector("#claim-id")
    assert page.inner_text("#claim-id") == claim_id
    assert "Today is the fifth meeting." in page.inner_text("#quote mark")


def test_a_misquote_shows_the_word_diff(page: Any) -> None:
    page.goto(page.base + "/")
    page.fill("#quote", MISQUOTE)
    page.fill("#speaker", "Le Drian")
    page.click("#check")
    page.wait_for_selector("#verdict")
    assert page.get_attribute("#verdict", "data-verdict") == "misquoted"
    assert page.locator("#diff del").all_inner_texts() == ["Washington"]
    assert page.locator("#diff ins").all_inner_texts() == ["Paris"]
    assert "Washington" in page.inner_text("#turns mark.near")
    shot(page, "verify-misquoted")
    page.click("#source-link")
    page.wait_for_selector("#text")
    assert "#match" in page.url
    assert "Washington today for yet another meeting" in page.inner_text("mark#match")


def test_unusable_input_is_shown_not_thrown(page: Any) -> None:
    page.goto(page.base + "/verify?quote=Today+is+the+fifth+meeting.&speaker=Nobody+Atall+Whatsoever")
    assert page.get_attribute("#error", "data-code") == "unknown-speaker"
    shot(page, "verify-error")


def test_a_source_page_shows_every_segment_and_anchors_every_claim(
    page: Any, release: claims.Release
) -> None:
    source = next(s for s in release.sources if s.errata)
    page.goto(f"{page.base}/sources/{source.file}")
    segments = [s for s in release.segments if s.source_file == source.file]
    assert page.locator("section.segment").count() == len(segments)
    for segment in segments:
        block = page.locator(f'[id="{segment.id}"]')
        assert block.is_visible()
        if segment.label:
            assert segment.label in block.locator(".who").inner_text()
    for claim in (c for c in release.claims if c.source_file == source.file):
        anchored = page.locator(f'[id="{claim.id}"]')
        assert anchored.count() == 1
        texts = page.evaluate(
            "id => [...document.querySelectorAll(`[data-claim='${id}']`)].map(e => e.textContent).join('')",
            claim.id,
        )
        assert texts.replace("\n", " ").split() == claim.quote.replace("\n", " ").split()
    assert page.locator(".erratum").count() >= len(source.errata)
    assert source.date.isoformat() in page.inner_text("#date")
    assert source.date_basis.method in page.inner_text("#date")
    shot(page, "source")


def test_a_claim_page_has_its_checks_review_event_and_json_ld(page: Any, release: claims.Release) -> None:
    found = {f.claim_id for f in validate(DATASET).findings}
    claim = next(c for c in release.claims if c.review is not None and c.id in found)
    page.goto(f"{page.base}/claims/{claim.id}")
    assert page.inner_text("#claim-id") == claim.id
    assert page.locator("#assertions .assertion").count() == len(claim.assertions)
    assert page.locator(f'#assertions [data-code="{release_finding_code(claim.id)}"]').count() >= 1
    assert claim.review.rating in page.inner_text("#review")
    documents = [
        json.loads(t) for t in page.locator('script[type="application/ld+json"]').all_text_contents()
    ]
    assert [d.get("@type") or d.get("type") for d in documents] == ["ClaimReview", "Annotation"]
    shot(page, "claim")
    page.click("#in-source")
    page.wait_for_selector("#text")
    assert page.url.endswith(f"#{claim.id}")
    assert page.locator(f'[id="{claim.id}"]').is_visible()


def release_finding_code(claim_id: str) -> str:
    report = validate(DATASET)
    return next(f.code for f in report.findings if f.claim_id == claim_id)


def test_a_person_page_draws_the_roles_and_lists_the_claims(page: Any, release: claims.Release) -> None:
    person = next(p for p in release.people if p.id == "jean-yves-le-drian")
    page.goto(f"{page.base}/people/{person.id}")
    assert page.inner_text("#name") == person.name
    assert page.locator("#roles rect.role-bar").count() == len(person.roles)
    assert page.locator("#claims li").count() == sum(c.speaker_id == person.id for c in release.claims)
    for alias in person.aliases[:3]:
        assert alias in page.inner_text("#aliases")
    shot(page, "person")
    page.locator("#claims a").first.click()
    page.wait_for_selector("#claim-id")
    assert page.inner_text("#speaker") == person.name


def test_the_timeline_links_every_mark_and_filters(page: Any, release: claims.Release) -> None:
    page.goto(page.base + "/timeline")
    assert page.locator("#timeline a.mark-event").count() == len(release.events)
    assert page.locator("#timeline a.mark-claim").count() == len(release.claims)
    shot(page, "timeline")
    page.select_option("#person", "ashton-carter")
    page.click("#filter")
    page.wait_for_selector("#timeline")
    assert "person=ashton-carter" in page.url
    said = sum("ashton-carter" in (c.speaker_id, c.reported_by) for c in release.claims)
    assert page.locator("#timeline a.mark-claim").count() == said
    assert page.locator("#timeline a.mark-event").count() == sum(
        "ashton-carter" in e.participants for e in release.events
    )
    href = page.locator("#timeline a.mark-event").first.get_attribute("href")
    page.goto(page.base + href)
    assert page.locator("#event-name").count() == 1


def test_the_report_links_each_finding_to_its_records(page: Any) -> None:
    report = validate(DATASET)
    page.goto(page.base + "/report")
    assert page.get_attribute("#summary", "data-valid") == str(report.valid).lower()
    assert page.locator("#findings tr.finding").count() == len(report.findings)
    assert page.locator("#warnings tr.problem").count() == len(report.warnings)
    shot(page, "report")
    first = report.findings[0]
    page.click(f'#findings a[href="/claims/{first.claim_id}"] >> nth=0')
    page.wait_for_selector("#claim-id")
    assert page.inner_text("#claim-id") == first.claim_id


def test_every_page_loads_without_javascript(page: Any, release: claims.Release) -> None:
    for path, name in [
        ("/", "home"),
        ("/sources", "sources"),
        ("/people", "people"),
        ("/events/" + release.events[0].id, "event"),
    ]:
        answer = page.goto(page.base + path)
        assert answer.status == 200
        assert page.locator("main h1").count() == 1
        shot(page, name)


def test_claims_serve_answers_on_localhost_and_refuses_other_hosts(tmp_path: Path) -> None:
    import subprocess
    import sys

    import httpx

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "claims", "serve", "--dataset", str(DATASET), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(
                    f"http://127.0.0.1:{port}/api/verify", params={"quote": "Today is the fifth meeting."}
                )
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert answer.status_code == 200
        assert answer.json()["verdict"] == "verified"
        rebound = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": "attacker.example"})
        assert rebound.status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=20)

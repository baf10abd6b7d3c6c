"""The ASGI application of ``claims serve``: server-rendered pages and a JSON API over one release.

Read-only (GET only), every text escaped (Jinja2 autoescaping; source text through
``markupsafe.escape`` in :mod:`claims.web.views`), query lengths bounded, and a source page
serves only a source of the release, looked up by name among the release's own records: no file
is ever opened for a request.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import Annotated, Any

import orjson
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from claims._version import __version__
from claims.errors import InputError
from claims.records import Claim, Release
from claims.records.event import MEETING_KINDS
from claims.validation import Report
from claims.verification.result import VerifyResult
from claims.web.desk import Desk
from claims.web.views import (
    Interval,
    Mark,
    Palette,
    axis_for,
    marked_text,
    role_bounds,
    source_intervals,
    turns_around,
)

MAX_QUOTE = 4000
"""Longest quote a request may ask about, in characters."""

MAX_FIELD = 200
"""Longest speaker, date, source or filter value, in characters."""

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
"""Sent with every answer: no script runs on these pages, nothing loads from elsewhere."""

VERDICT_WORDS = {
    "verified": "Verified: the speaker says these words.",
    "paraphrased": "Paraphrased: the words are someone's report of the speaker, not the speaker's own.",
    "misattributed": "Misattributed: the words are said, but not by the speaker named.",
    "misdated": "Misdated: the speaker says these words, but not on the day given.",
    "misquoted": "Misquoted: the source says something close, not these words.",
    "not-found": "Not found: nothing in the sources is close to these words.",
}
"""The verdict in words; a verdict not listed is shown by its name."""

SHOWN_FIELDS = frozenset(
    {
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
        "asked",
        "said_by",
        "pieces",
        "segment_ids",
        "label",
        "score",
        "date_basis",
        "explanation",
    }
)
"""Result fields the verify page draws on its own; every other field is listed under 'Details'."""

ATTRIBUTION_FIELDS = ("attribution", "via_interpreter", "reported_by")
"""Fields saying how the matched words are attributed, shown beside the verdict when present."""


class ApiError(BaseModel):
    """What the API answers for unusable input (400) or a record it does not hold (404)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable code: missing-quote, unknown-name, query-too-long, not-found, ...")
    error: str = Field(description="What was expected and what was found.")


class ClaimPage(BaseModel):
    """Claims matching a filter: how many match, and the page of them asked for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claims: list[Claim] = Field(description="The claims of the page, by id, as a release writes them.")
    count: int = Field(description="How many claims match the filter, on every page.")


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ApiError, "description": "Unusable input."}}

Text = Annotated[str | None, Query(max_length=MAX_FIELD)]
QuoteText = Annotated[str | None, Query(max_length=MAX_QUOTE, description="The words to check.")]


def result_json(result: VerifyResult) -> bytes:
    """The bytes ``claims verify --format json`` prints for one result (its own serialisation)."""
    from claims.cli.verify import result_json as cli_result_json

    return cli_result_json(result) + b"\n"


def _error_code(exc: Exception) -> str:
    """A stable code for unusable input: the exception's own ``code`` where it has one."""
    own = getattr(exc, "code", None)
    if isinstance(own, str) and own:
        return own
    return "unusable-input"


def _templates() -> Jinja2Templates:
    environment = Environment(
        loader=PackageLoader("claims.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=environment)


def create_app(release: Release, report: Report, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The application over ``release`` and its validation ``report``; the verify index is built now.

    ``allowed_hosts`` limits the Host header (against DNS rebinding when bound to 127.0.0.1).
    """
    desk = Desk.build(release, report)
    style = resources.files("claims.web").joinpath("static/style.css").read_bytes()
    templates = _templates()
    app = FastAPI(
        title="claimtrack desk",
        version=__version__,
        description="Read-only API over one claimtrack release: verify a quote, list claims, the validation report.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.desk = desk
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("palette", Palette())
        return templates.TemplateResponse(
            request,
            name,
            {"desk": desk, "version": release.version, "link_of": desk.link_of, **context},
            status_code=status,
        )

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(RequestValidationError)
    async def invalid_query(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query") or "query"
        too_long = first.get("type") == "string_too_long"
        message = f"{where}: {first.get('msg', 'invalid value')}"
        code = "query-too-long" if too_long else "invalid-query"
        if is_api(request):
            return JSONResponse({"error": message, "code": code}, status_code=400)
        return page(request, "error.html", 400, title="Unusable request", message=message, code=code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = "not-found" if exc.status_code == 404 else f"http-{exc.status_code}"
        message = str(exc.detail)
        if is_api(request):
            return JSONResponse(
                {"error": message, "code": code}, status_code=exc.status_code, headers=exc.headers
            )
        return page(request, "error.html", exc.status_code, title=message, message=message, code=code)

    def missing(what: str) -> StarletteHTTPException:
        return StarletteHTTPException(404, f"no {what} in release {release.version}")

    # --- verify ---------------------------------------------------------------------------------

    def ask(
        quote: str | None, speaker: str | None, date: str | None, source: str | None
    ) -> VerifyResult | None:
        if quote is None or not quote.strip():
            return None
        return desk.verifier.verify(quote, speaker=speaker or None, date=date or None, source=source or None)

    @app.get(
        "/api/verify",
        tags=["verify"],
        summary="Verify a quote: exactly `claims verify --format json`.",
        responses={200: {"model": VerifyResult, "description": "The verdict with its evidence."}, **ERRORS},
    )
    def api_verify(
        quote: QuoteText = None, speaker: Text = None, date: Text = None, source: Text = None
    ) -> Response:
        """The result object of ``claims verify --format json``; 400 with ``{"error", "code"}`` for unusable input."""
        try:
            result = ask(quote, speaker, date, source)
        except InputError as exc:
            return JSONResponse({"error": str(exc), "code": _error_code(exc)}, status_code=400)
        if result is None:
            return JSONResponse({"error": "quote: expected words to look for", "code": "missing-quote"}, 400)
        return Response(result_json(result), media_type="application/json")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        return verify_page(request)

    @app.get("/verify", response_class=HTMLResponse, include_in_schema=False)
    def verify_page(
        request: Request,
        quote: QuoteText = None,
        speaker: Text = None,
        date: Text = None,
        source: Text = None,
    ) -> HTMLResponse:
        form = {"quote": quote or "", "speaker": speaker or "", "date": date or "", "source": source or ""}
        try:
            result = ask(quote, speaker, date, source)
        except InputError as exc:
            candidates = getattr(exc, "candidates", None) or []
            return page(
                request,
                "verify.html",
                400,
                form=form,
                error=str(exc),
                error_code=_error_code(exc),
                name_candidates=candidates,
            )
        return page(
            request, "verify.html", form=form, result=result, **(verify_view(result) if result else {})
        )

    def verify_view(result: VerifyResult) -> dict[str, Any]:
        data = result.model_dump(mode="json")
        details = {k: v for k, v in data.items() if k not in SHOWN_FIELDS and k not in ATTRIBUTION_FIELDS}
        attribution = {k: data[k] for k in ATTRIBUTION_FIELDS if k in data}
        palette = Palette()
        turns = []
        if result.source_file in desk.sources and result.span is not None:
            spans = [(p.span.start, p.span.end) for p in result.pieces] or [
                (result.span.start, result.span.end)
            ]
            kind = "match" if result.verdict != "misquoted" else "match near"
            intervals = source_intervals(desk, desk.sources[result.source_file], claims=False)
            intervals += [Interval(s, e, "mark", kind) for s, e in spans]
            turns = turns_around(desk, result.source_file, spans, intervals)
        verdict = result.verdict
        words = (
            "No verdict"
            if verdict is None
            else VERDICT_WORDS.get(verdict, verdict.replace("-", " ").capitalize())
        )
        return {
            "verdict_words": words,
            "details": details,
            "attribution": attribution,
            "turns": turns,
            "palette": palette,
            "match_link": _match_link(result),
        }

    def _match_link(result: VerifyResult) -> str | None:
        if result.source_file is None or result.span is None:
            return None
        return f"/sources/{result.source_file}?start={result.span.start}&end={result.span.end}#match"

    # --- records --------------------------------------------------------------------------------

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request) -> HTMLResponse:
        return page(request, "sources.html")

    @app.get("/sources/{file}", response_class=HTMLResponse, include_in_schema=False)
    def source_page(
        request: Request,
        file: str,
        start: int | None = Query(None, ge=0),
        end: int | None = Query(None, ge=0),
    ) -> HTMLResponse:
        source = desk.sources.get(file)
        if source is None:
            raise missing(f"source {file!r}")
        text = source.text or ""
        intervals = source_intervals(desk, source)
        if start is not None and end is not None and start < end <= len(text):
            intervals.append(Interval(start, end, "mark", "match", ident="match"))
        opened: set[int] = set()
        blocks: list[tuple[Any, Any]] = []
        cursor = 0
        for segment in desk.segments_of.get(file, []):
            if segment.span.start > cursor:  # text no segment covers (claims validate reports it)
                blocks.append((None, marked_text(text, cursor, segment.span.start, intervals, opened)))
            start_at = max(cursor, segment.span.start)
            if segment.span.end > start_at:
                blocks.append((segment, marked_text(text, start_at, segment.span.end, intervals, opened)))
            cursor = max(cursor, segment.span.end)
        if cursor < len(text):
            blocks.append((None, marked_text(text, cursor, len(text), intervals, opened)))
        return page(
            request, "source.html", source=source, blocks=blocks, claims=desk.claims_of_source.get(file, [])
        )

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: str) -> HTMLResponse:
        claim = desk.claims.get(claim_id)
        if claim is None:
            raise missing(f"claim {claim_id!r}")
        from claims.export.annotation import annotation
        from claims.export.claimreview import claim_review

        person = desk.people.get(claim.speaker_id)
        source = desk.sources.get(claim.source_file)
        json_ld: list[dict[str, Any]] = []
        if source is not None and claim.retracted is None:
            if claim.review is not None:
                json_ld.append(claim_review(claim, person, source, release.version))
            json_ld.append(annotation(claim, person, source, release.version))
        rows, other_checks = desk.assertion_checks(claim)
        return page(
            request,
            "claim.html",
            claim=claim,
            source=source,
            event=desk.events.get(claim.event_id) if claim.event_id else None,
            assertion_rows=[(a.model_dump(mode="json"), checks) for a, checks in rows],
            other_checks=other_checks,
            json_ld=json_ld,
        )

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_page(request: Request) -> HTMLResponse:
        counts = Counter(c.speaker_id for c in desk.claims.values())
        people = sorted(desk.people.values(), key=lambda p: (-counts[p.id], p.name))
        return page(request, "people.html", people=people, counts=counts)

    @app.get("/people/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, person_id: str) -> HTMLResponse:
        person = desk.people.get(person_id)
        if person is None:
            raise missing(f"person {person_id!r}")
        said = desk.filter_claims(speaker_id=person.id)
        days = [c.date for c in said]
        fallback = max([*days, *(e.date for e in desk.events.values())], default=dt.date(2000, 1, 1))
        bounds = [role_bounds(r.start, r.end, fallback) for r in person.roles]
        axis = axis_for([*days, *(d for pair in bounds for d in pair)], width=700)
        roles = [
            {
                "role": role,
                "x": axis.x(first),
                "width": max(2.0, axis.x(last) - axis.x(first)),
                "first": first,
                "last": last,
                "open": role.end is None,
            }
            for role, (first, last) in zip(person.roles, bounds, strict=True)
        ]
        ticks = [Mark(axis.x(c.date), 0, f"/claims/{c.id}", f"{c.id} ({c.date})", "claim") for c in said]
        return page(
            request,
            "person.html",
            person=person,
            said=said,
            reported=desk.claims_reported_by(person.id),
            events=desk.events_of_person(person.id),
            roles=roles,
            claim_marks=ticks,
            axis=axis,
            height=40 + 26 * len(roles) + 30,
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        event = desk.events.get(event_id)
        if event is None:
            raise missing(f"event {event_id!r}")
        sources = [s for s in desk.sources.values() if s.event_id == event.id]
        return page(
            request, "event.html", event=event, claims=desk.claims_at_event(event.id), sources=sources
        )

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, person: Text = None, subject: Text = None) -> HTMLResponse:
        person = person or None
        subject = subject or None
        if person is not None and person not in desk.people:
            raise missing(f"person {person!r}")
        if subject is not None and subject not in desk.subjects:
            raise missing(f"subject {subject!r}")
        return page(request, "timeline.html", person=person, subject=subject, **timeline(person, subject))

    def timeline(person: str | None, subject: str | None) -> dict[str, Any]:
        shown_claims = [
            c
            for c in desk.filter_claims(subject=subject)
            if person is None or person in (c.speaker_id, c.reported_by)
        ]
        events = list(desk.events.values())
        if person is not None:
            events = [e for e in events if person in e.participants]
        if subject is not None:
            named = {c.event_id for c in shown_claims} | {
                name for c in shown_claims for name in _assertion_events(c)
            }
            events = [e for e in events if e.id in named]
        lanes: dict[str, list[Any]] = {}
        for event in events:
            if event.series:
                lane = event.series
            elif event.kind in MEETING_KINDS:
                lane = "meetings"
            elif event.kind == "phone-call":
                lane = "calls"
            else:
                lane = "other events"
            lanes.setdefault(lane, []).append(event)
        order = sorted(
            lanes,
            key=lambda n: (n in ("meetings", "calls", "other events"), n != "meetings", n != "calls", n),
        )
        axis = axis_for(
            [*(e.date for e in events), *(e.last_day for e in events), *(c.date for c in shown_claims)]
        )
        marks: list[Mark] = []
        labels: list[tuple[float, str]] = []
        y = 40.0
        for lane in order:
            labels.append((y, lane))
            placed: list[float] = []
            for event in lanes[lane]:
                x = axis.x(event.date)
                crowd = sum(1 for other in placed if abs(other - x) < 8)
                placed.append(x)
                width = axis.x(event.last_day) - x
                title = f"{event.name} ({event.date}{' to ' + str(event.end_date) if event.end_date else ''}, {event.kind})"
                marks.append(Mark(x, y + (crowd % 3 - 1) * 7, f"/events/{event.id}", title, "event", width))
            y += 30
        claims_y = y
        by_day: dict[dt.date, list[Claim]] = {}
        for claim in shown_claims:
            by_day.setdefault(claim.date, []).append(claim)
        column_height = 10
        for day, day_claims in sorted(by_day.items()):
            x0 = axis.x(day)
            for number, claim in enumerate(day_claims):
                column, row = divmod(number, column_height)
                title = f"{claim.id}: {desk.person_name(claim.speaker_id)}, {claim.date}"
                marks.append(Mark(x0 + column * 7, claims_y + row * 7, f"/claims/{claim.id}", title, "claim"))
        if shown_claims:
            labels.append((claims_y + 30, "claims"))
        height = claims_y + (column_height * 7 + 20 if shown_claims else 0) + 30
        return {
            "axis": axis,
            "marks": marks,
            "labels": labels,
            "height": height,
            "events": events,
            "claims_by_day": sorted(by_day.items()),
        }

    @app.get("/report", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request) -> HTMLResponse:
        from claims.codes import CODES

        return page(request, "report.html", report=report, codes=CODES)

    @app.get("/static/style.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(style, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    # --- JSON API -------------------------------------------------------------------------------

    @app.get(
        "/api/claims",
        tags=["claims"],
        summary="Claims by speaker, subject, date range and source.",
        responses={200: {"model": ClaimPage, "description": "The matching claims."}, **ERRORS},
    )
    def api_claims(
        speaker: Annotated[
            str | None, Query(max_length=MAX_FIELD, description="A person id or name.")
        ] = None,
        subject: Annotated[
            str | None, Query(max_length=MAX_FIELD, description="A subject id (narrower ones included).")
        ] = None,
        date_from: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD (inclusive).")] = None,
        date_to: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD (inclusive).")] = None,
        source: Annotated[
            str | None, Query(max_length=MAX_FIELD, description="A source file name, stem or number.")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Response:
        """``{"count", "claims"}``: every matching claim (count), and the page of them asked for, by id."""
        try:
            source_file = desk.verifier.resolve_source(source)
            speaker_id = None
            if speaker:
                speaker_id = (
                    speaker
                    if speaker in desk.people
                    else desk.verifier.index.names.resolve(speaker.strip(), source_file=source_file, day=None)
                )
        except InputError as exc:
            return JSONResponse({"error": str(exc), "code": _error_code(exc)}, status_code=400)
        if subject and subject not in desk.subjects:
            return JSONResponse(
                {"error": f"subject {subject!r}: not a subject of the vocabulary", "code": "unknown-subject"},
                400,
            )
        found = desk.filter_claims(
            speaker_id=speaker_id,
            subject=subject or None,
            date_from=date_from,
            date_to=date_to,
            source_file=source_file,
        )
        body = {
            "count": len(found),
            "claims": [c.model_dump(mode="json") for c in found[offset : offset + limit]],
        }
        return Response(orjson.dumps(body), media_type="application/json")

    @app.get(
        "/api/claims/{claim_id}",
        tags=["claims"],
        summary="One claim, as a release writes it.",
        responses={200: {"model": Claim, "description": "The claim."}, 404: {"model": ApiError}},
    )
    def api_claim(claim_id: str) -> Response:
        """The claim record; 404 with ``{"error", "code"}`` when the release has no such claim."""
        claim = desk.claims.get(claim_id)
        if claim is None:
            raise missing(f"claim {claim_id!r}")
        return Response(orjson.dumps(claim.model_dump(mode="json")), media_type="application/json")

    @app.get(
        "/api/validate",
        tags=["validate"],
        summary="The validation report: `claims validate --format json`.",
        responses={200: {"model": Report, "description": "The report."}},
    )
    def api_validate() -> Response:
        """The report of ``claims validate --format json`` on the served data (run once, at start-up)."""
        from claims.jsonio import dumps

        return Response(dumps(report.model_dump(mode="json")), media_type="application/json")

    return app


def _assertion_events(claim: Claim) -> list[str]:
    names: list[str] = []
    for assertion in claim.assertions:
        for field in ("event_id", "fulfilled_by"):
            value = getattr(assertion, field, None)
            if isinstance(value, str):
                names.append(value)
    return names

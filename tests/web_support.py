"""Helpers of the web tests: a synchronous client over the ASGI app, and a dataset full of markup."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from tests.synthetic import sha256_of, write_dataset

HOSTILE_FILE = "001_0123456789abcdef.txt"
HOSTILE_QUOTE = (
    'We will <script>alert("quote")</script> defeat ISIL & <img src=x onerror=alert(1)> "friends".'
)
HOSTILE_TEXT = f"MODERATOR: Welcome <b>all</b>.\nSEC. CARTER: {HOSTILE_QUOTE} Thank you.\n"
HOSTILE_NAME = "Ashton <script>alert('name')</script> Carter"
HOSTILE_REVIEW = "It says </script><script>alert('review')</script> & more."


class Client:
    """``httpx`` over the ASGI app (no server, no network), with a synchronous ``get``."""

    def __init__(self, app: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        """GET ``url`` from the app."""
        return self.loop.run_until_complete(self.client.get(url, **kwargs))

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Any method."""
        return self.loop.run_until_complete(self.client.request(method, url, **kwargs))

    def close(self) -> None:
        """Close the client and its loop."""
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()


def hostile_dataset(root: Path, *, segments: int = 2) -> Path:
    """A one-source dataset whose text, person name and review hold HTML and script.

    ``segments=1`` leaves the second speaker's turn without a segment (a gap validate reports).
    """
    second = HOSTILE_TEXT.index("SEC. CARTER")
    start = HOSTILE_TEXT.index(HOSTILE_QUOTE)
    end = start + len(HOSTILE_QUOTE)
    return write_dataset(
        root / "dataset",
        texts={HOSTILE_FILE: HOSTILE_TEXT},
        sources=[
            {
                "id": HOSTILE_FILE,
                "file": HOSTILE_FILE,
                "sha256": sha256_of(HOSTILE_TEXT),
                "title": "Press <i>conference</i> & <script>alert('title')</script>",
                "publisher": "Example <b>Ministry</b>",
                "url": "https://example.org/press?a=1&b=<x>",
                "kind": "transcript",
                "date": "2016-11-28",
                "date_basis": {"method": "metadata", "url": "https://example.org/press"},
                "errata": [
                    {"kind": "typo", "span": {"start": 19, "end": 22}, "text": "<b>", "intended": "<i>"}
                ],
            }
        ],
        people=[
            {"id": "ashton-carter", "name": HOSTILE_NAME, "aliases": ["SEC. CARTER", "Carter", "<b>Ash</b>"]},
            {"id": "moderator-001", "name": "Moderator", "anonymous": True, "scope": HOSTILE_FILE},
        ],
        subjects=[{"id": "isil", "name": "ISIL <em>campaign</em>", "description": "War & <peace>."}],
        events=[],
        segments={
            HOSTILE_FILE: [
                {
                    "id": "001-s0001",
                    "kind": "speech",
                    "label": "MODERATOR",
                    "label_span": {"start": 0, "end": 10},
                    "source_file": HOSTILE_FILE,
                    "span": {"start": 0, "end": second},
                    "speaker_id": "moderator-001",
                    "turn": 0,
                },
                {
                    "id": "001-s0002",
                    "kind": "speech",
                    "label": "SEC. CARTER",
                    "label_span": {"start": second, "end": second + 12},
                    "source_file": HOSTILE_FILE,
                    "span": {"start": second, "end": len(HOSTILE_TEXT)},
                    "speaker_id": "ashton-carter",
                    "turn": 1,
                },
            ][:segments]
        },
        claims={
            HOSTILE_FILE: [
                {
                    "id": "001-c0001",
                    "speaker_id": "ashton-carter",
                    "date": "2016-11-28",
                    "subjects": ["isil"],
                    "quote": HOSTILE_QUOTE,
                    "source_file": HOSTILE_FILE,
                    "span": {"start": start, "end": end},
                    "prefix": HOSTILE_TEXT[max(0, start - 32) : start],
                    "suffix": HOSTILE_TEXT[end : end + 32],
                    "attribution": "direct",
                    "note": "<a href='javascript:alert(1)'>note</a>",
                    "review": {"rating": "misleading", "explanation": HOSTILE_REVIEW, "evidence": {}},
                }
            ]
        },
    )

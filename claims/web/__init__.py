"""``claims serve``: the fact-checker's desk in the browser, a read-only local web application.

Pages are rendered on the server (Jinja2, autoescaped) and work without JavaScript; a JSON API
answers on the same server. Installed with the extra ``claimtrack[web]`` (FastAPI, Jinja2,
uvicorn); ``create_app`` builds the application from a loaded release, reading the data,
building the verify index and running the validation once, at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claims.web.app import create_app

INSTALL_HINT = "claims serve needs the web extra: pip install 'claimtrack[web]'"
"""What ``claims serve`` says when FastAPI, Jinja2 or uvicorn is missing."""

__all__ = ["INSTALL_HINT", "create_app"]


def __getattr__(name: str) -> Any:
    """Import ``create_app`` on first use, so that this package imports without the extra."""
    if name == "create_app":
        from claims.web.app import create_app

        return create_app
    raise AttributeError(f"module 'claims.web' has no attribute {name!r}")

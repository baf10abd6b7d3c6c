"""``claims serve``: the fact-checker's desk in the browser (extra ``claimtrack[web]``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from claims.cli import fail, handle_errors
from claims.cli.data import dataset_option, load_release, target

LOOPBACK = frozenset({"127.0.0.1", "localhost"})
"""Hosts for which the Host header is checked too (a page on another site cannot rebind to the desk)."""


@click.command("serve")
@dataset_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told otherwise)."
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@handle_errors
def command(dataset: Path | None, host: str, port: int) -> None:
    """Serve the verify form, sources, claims, people, timeline, report and a JSON API, read-only.

    The data is read, the verify index built and the validation run once, before the server
    starts. Exit 2 when the web extra is missing or the data cannot be used.
    """
    from claims.web import INSTALL_HINT

    if any(importlib.util.find_spec(name) is None for name in ("fastapi", "jinja2", "uvicorn")):
        fail(INSTALL_HINT)
    import uvicorn

    from claims.validation import validate
    from claims.web.app import create_app

    _check_bind(host, port)
    release = load_release(dataset)
    report = validate(target(dataset))
    hosts = None if host not in LOOPBACK else ["127.0.0.1", "localhost"]
    app = create_app(release, report, allowed_hosts=hosts)
    click.echo(
        f"claims serve: release {release.version} on http://{_shown(host)}:{port}/ (Ctrl-C stops)", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _check_bind(host: str, port: int) -> None:
    """Fail now, with one message, when the address cannot be bound (in use, not this machine's)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.bind(infos[0][4])
    except OSError as exc:
        fail(f"cannot listen on {_shown(host)}:{port}: {exc.strerror or exc}")


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host

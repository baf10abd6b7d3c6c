"""``validate(path)``: a dataset directory or a release file, read and taken through the pipeline.

The phases live in ``pipeline``; a release file's map step in shares, on several cores, in
``parallel``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from claims.errors import InputError
from claims.validation.parallel import validate_release_file
from claims.validation.pipeline import resolve_codes, validate_loaded
from claims.validation.report import Report

__all__ = ["validate"]


def validate(
    path: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> Report:
    """Validate a dataset directory or a release file.

    With no ``path``: ``./dataset`` when the current directory has one, else the release
    bundled with the installed package. Unusable input (missing, not JSON, wrong shape) raises
    InputError; everything wrong inside the records is in the report. A release file is checked
    by up to ``jobs`` processes (default: one per core, for releases large enough to gain;
    ``claims.validation.parallel``); the report does not depend on ``jobs``. With ``scheduler``
    (``tcp://HOST:PORT``, or ``local`` for a ``distributed.LocalCluster``; extra ``claimtrack[dask]``)
    a release file's shares run as tasks on that Dask cluster, ``jobs`` of them (default: one per
    worker), with the same report (``claims.validation.cluster``); a dataset directory is read here.

    >>> import claims
    >>> report = claims.validate()  # ./dataset in a checkout, else the bundled release
    >>> report.valid, len(report.errors), len(report.warnings)
    (True, 0, 0)
    """
    from claims.collector import collector_paused
    from claims.loading import default_target, read_any

    if jobs is not None and jobs < 1:
        raise InputError(f"jobs: expected at least 1, found {jobs}")
    if path is None:
        path = default_target()
    selected = resolve_codes(select, "--select")
    ignored = resolve_codes(ignore, "--ignore") or frozenset()
    with collector_paused():  # the records and findings hold no cycles: nothing for it to find
        if scheduler is not None:
            from claims.validation.cluster import require_distributed, validate_on_cluster

            require_distributed()
            if path is not None and Path(path).is_file():
                return validate_on_cluster(Path(path), scheduler, jobs=jobs, select=selected, ignore=ignored)
        if path is not None and Path(path).is_file():
            return validate_release_file(Path(path), jobs=jobs, select=selected, ignore=ignored)
        return validate_loaded(read_any(path), select=select, ignore=ignore)

"""Coverage-guided fuzzing of release files with atheris: every input is read as ``claims validate``,
``claims.load`` and ``claims stats`` would read it; a ``ClaimsError`` is a refusal (the right
answer), any other exception is a bug and atheris stops with a ``crash-*`` file.

Not a pytest test (the name does not start with ``test_``). Run from the repository root
(docs/fuzzing.md)::

    .venv/bin/python -m tests.fuzz.fuzz_release CORPUS_DIR -max_total_time=600

An empty ``CORPUS_DIR`` is seeded first with the synthetic release of the tests and the files of
``tests/regressions/release/``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from claims.errors import ClaimsError
    from claims.loading import verify_source_hashes
    from claims.reading import release_from_bytes
    from claims.stats import compute_stats
    from claims.tamper import verify_claim_quotes
    from claims.validation import validate_loaded

REGRESSIONS = Path(__file__).resolve().parent.parent / "regressions" / "release"


def one(data: bytes) -> None:
    """Read ``data`` as a release file the three ways the commands do."""
    try:
        loaded = release_from_bytes(data, origin="fuzz.json")
        validate_loaded(loaded)
        if not loaded.problems:
            verify_source_hashes(loaded.release)
            verify_claim_quotes(loaded.release)
            compute_stats(loaded.release)
    except ClaimsError:
        pass  # a refusal with a message is the right answer


def seed(corpus: Path) -> None:
    """Fill an empty corpus folder with a valid release and the known regression inputs."""
    from click.testing import CliRunner

    from claims.cli import main
    from tests.release_support import synthetic_dataset

    with tempfile.TemporaryDirectory() as tmp:
        dataset = synthetic_dataset(Path(tmp))
        result = CliRunner().invoke(main, ["build", str(dataset), "--output", str(corpus / "release.json")])
        assert result.exit_code == 0, result.output
    for path in sorted(REGRESSIONS.iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())


def main() -> None:
    """Seed the corpus folder (the first argument that is not a flag) if empty, then fuzz."""
    folders = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
    if folders:
        folders[0].mkdir(parents=True, exist_ok=True)
        if not any(folders[0].iterdir()):
            seed(folders[0])
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""Coverage-guided fuzzing of ``claims verify --batch`` with atheris: every input is parsed as JSON
Lines and as CSV, and the questions it holds are verified against the tests' synthetic release; a
``ClaimsError`` is a refusal (the right answer), any other exception is a bug.

Not a pytest test. Run from the repository root (docs/fuzzing.md)::

    .venv/bin/python -m tests.fuzz.fuzz_batch CORPUS_DIR -max_total_time=600

An empty ``CORPUS_DIR`` is seeded with a JSON Lines and a CSV batch and ``tests/regressions/batch/``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from claims.errors import ClaimsError
    from claims.loading import load
    from claims.verification.api import Verifier
    from claims.verification.batch import parse_csv, parse_jsonl

REGRESSIONS = Path(__file__).resolve().parent.parent / "regressions" / "batch"
SEEDS = {
    "batch.jsonl": (
        b'{"quote": "France is a great ally.", "speaker": "Carter", "date": "2016-11-28"}\n'
        b'{"quote": "We will meet again in December.", "source": "001"}\n'
        b'{"quote": "our fourth ... in five months", "speaker": "Le Drian"}\n'
    ),
    "batch.csv": b'quote,speaker,date,source\n"France is a great ally.",Carter,2016-11-28,001\nWe will meet,,,\n',
}
VERIFIER: Verifier | None = None


def _verifier() -> Verifier:
    """A verifier over the synthetic release of the tests, built once."""
    global VERIFIER
    if VERIFIER is None:
        from tests.release_support import synthetic_dataset

        with tempfile.TemporaryDirectory() as tmp:
            VERIFIER = Verifier(load(synthetic_dataset(Path(tmp))))
    return VERIFIER


def one(data: bytes) -> None:
    """Parse ``data`` both ways, then verify what it asks, as ``claims verify --batch`` does."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return  # refused before parsing (read_batch), covered by the hypothesis tests
    verifier = _verifier()
    for parse in (parse_jsonl, parse_csv):
        try:
            questions = parse(text, origin="fuzz")
            verifier.verify_batch([q for _, q in questions[:4]], places=[w for w, _ in questions[:4]])
        except ClaimsError:
            pass  # a refusal with a message is the right answer


def main() -> None:
    """Seed the corpus folder (the first argument that is not a flag) if empty, then fuzz."""
    folders = [Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")]
    if folders:
        folders[0].mkdir(parents=True, exist_ok=True)
        if not any(folders[0].iterdir()):
            for name, seed in SEEDS.items():
                (folders[0] / name).write_bytes(seed)
            for path in sorted(REGRESSIONS.iterdir()):
                (folders[0] / path.name).write_bytes(path.read_bytes())
    _verifier()
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

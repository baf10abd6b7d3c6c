"""The one sha256 rule: a match, a mismatch (with the digest found) and the one sentence saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.checksums import altered_message, hash_mismatch, sha256_hex
from claims.errors import IntegrityError
from claims.loading import verify_source_hashes
from tests.release_support import synthetic_dataset


def test_hash_mismatch_is_none_for_the_known_hash_and_the_found_digest_otherwise() -> None:
    known = sha256_hex(b"the text")
    assert hash_mismatch(b"the text", known) is None
    assert hash_mismatch(b"the text.", known) == sha256_hex(b"the text.")
    assert altered_message("a.txt", known, "f" * 64, listed_in="sources.json", what="text") == (
        f"a.txt: sha256 expected {known} (sources.json), found {'f' * 64}; the text was altered"
    )


def test_a_loaded_source_whose_text_was_changed_names_both_digests(tmp_path: Path) -> None:
    import claims

    release = claims.load(synthetic_dataset(tmp_path))
    source = release.sources[0]
    changed = release.model_copy(update={"sources": [source.model_copy(update={"text": source.text + "!"})]})
    with pytest.raises(IntegrityError) as caught:
        verify_source_hashes(changed)
    assert str(caught.value) == altered_message(
        f"source {source.file}",
        source.sha256,
        sha256_hex((source.text + "!").encode("utf-8")),
        listed_in="sources.json",
        what="text",
    )

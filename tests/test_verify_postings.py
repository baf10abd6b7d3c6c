"""Postings: each key names the sources holding it, in ascending order, whether one source or many."""

from __future__ import annotations

from claims.verification.postings import Postings


def test_postings_list_every_holder_in_ascending_order() -> None:
    postings: Postings[str] = Postings()
    postings.add(0, {"alpha", "beta"})
    postings.add(1, {"beta", "gamma"})
    postings.add(2, {"beta", "gamma", "delta"})
    assert list(postings.get("alpha")) == [0]
    assert list(postings.get("beta")) == [0, 1, 2]
    assert list(postings.get("gamma")) == [1, 2]
    assert list(postings.get("delta")) == [2]
    assert list(postings.get("omega")) == []
    assert postings.sizes() == (4, 7)
    assert len(postings) == 4


def test_a_source_without_keys_changes_nothing() -> None:
    postings: Postings[int] = Postings()
    postings.add(0, {7})
    postings.add(1, set())
    postings.add(2, {7})
    assert list(postings.get(7)) == [0, 2]

"""The bulk and agreement tests that let checks skip records say exactly what the record-by-record rules say."""

from __future__ import annotations

import typing

from hypothesis import given
from hypothesis import strategies as st

from claims.records import Assertion, Claim, Segment
from claims.validation import attribution, integrity
from claims.validation.context import Shared
from tests.strategies import claims, examples, segments


def _shared() -> Shared:
    return Shared(people={}, subjects={}, events={}, sources={}, claim_ids=frozenset(), series={})


FEW_PEOPLE = st.sampled_from(["ann", "bob"])


@st.composite
def claims_and_segments(draw: st.DrawFn) -> tuple[Claim, list[Segment]]:
    """A claim and the segments under it, speakers and reporters drawn from two people so they often agree."""
    claim = draw(claims())
    attribution = draw(st.sampled_from(["direct", "quoted", "paraphrase"]))
    claim = claim.model_copy(
        update={
            "speaker_id": draw(FEW_PEOPLE),
            "attribution": attribution,
            "reported_by": None if attribution == "direct" else draw(FEW_PEOPLE),
        }
    )
    covering = [
        segment.model_copy(
            update={
                "speaker_id": draw(FEW_PEOPLE),
                "reported_by": draw(st.none() | FEW_PEOPLE),
                "via_interpreter": draw(st.booleans()),
                "kind": draw(st.sampled_from(["quotation", "narration", "speech"])),
            }
        )
        for segment in draw(st.lists(segments(), max_size=3))
    ]
    return claim, covering


@examples(500)
@given(claims_and_segments())
def test_agreement_means_check_claim_reports_nothing(drawn: tuple[Claim, list[Segment]]) -> None:
    claim, covering = drawn
    agrees = all(attribution._agrees(claim, segment) for segment in covering)
    assert agrees == (list(attribution.check_claim(claim, covering, _shared())) == [])


def test_every_assertion_kind_has_its_reference_fields() -> None:
    members = typing.get_args(typing.get_args(Assertion)[0])
    kinds = {typing.get_args(member.model_fields["kind"].annotation)[0] for member in members}
    assert kinds == set(integrity.ASSERTION_FIELDS)
    for member in members:
        kind = typing.get_args(member.model_fields["kind"].annotation)[0]
        for field_name, _, _ in integrity.ASSERTION_FIELDS[kind]:
            assert field_name in member.model_fields


@given(st.data())
def test_bulk_reference_test_agrees_with_the_record_walk(data: st.DataObject) -> None:
    claim = data.draw(claims())
    references = integrity.claim_references(claim)
    known: integrity.Known = {kind: set() for kind in integrity.REFERENCE_CODES}
    for _, kind, target in references:
        if data.draw(st.booleans()):
            known[kind] = {*known[kind], target}
    walked_fine = all(target in known[kind] for _, kind, target in references)
    assert integrity._claims_all_known([claim], known) == walked_fine

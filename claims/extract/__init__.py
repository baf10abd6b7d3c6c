"""The segment extractor: who says every stretch of a transcript, news story or readout.

``propose(text, source_file, people)`` returns a :class:`Proposal` (segments partitioning the
text, and the people they name who are not yet in the registry); curators correct it by hand.
"""

from __future__ import annotations

from claims.extract.labels import Label, parse_label
from claims.extract.propose import Proposal, detect_kind, propose, propose_segments

__all__ = ["Label", "Proposal", "detect_kind", "parse_label", "propose", "propose_segments"]

"""Verification for fact-checkers: did X really say Y on date Z, judged against the segmented sources."""

from claims.verification.api import Verifier, VerifyRequest, verify, verify_batch
from claims.verification.result import VerifyResult

__all__ = ["Verifier", "VerifyRequest", "VerifyResult", "verify", "verify_batch"]

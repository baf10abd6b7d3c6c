"""``claims validate``: every citation proven, every cross-document link checked, every problem located.

``validate(path)`` returns a ``Report`` of errors, warnings and findings with stable codes
(``claims.codes.CODES``; docs/codes.md).
"""

from claims.codes import CODES, Code
from claims.validation.pipeline import validate_loaded
from claims.validation.report import Finding, Report
from claims.validation.runner import validate

__all__ = ["CODES", "Code", "Finding", "Report", "validate", "validate_loaded"]

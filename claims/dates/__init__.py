"""A general resolver of English date words ('Friday's', 'the 20th of January last', 'mid-December',
'in a few weeks') against the day they were said, never keyed to a document.

``resolve(expression, said_on)`` returns the candidate intervals the words can denote: vague words
give honest ranges, and where the tense cannot be told (``in October``) both readings are offered.
``vocabulary`` holds the words, ``calendar`` the arithmetic, ``rules`` the patterns in order.
"""

from claims.dates.calendar import Interval
from claims.dates.rules import agrees, resolve
from claims.dates.vocabulary import tense_of

__all__ = ["Interval", "agrees", "resolve", "tense_of"]

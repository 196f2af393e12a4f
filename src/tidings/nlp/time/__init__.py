"""Time expressions: found in the text and resolved against the publication date.

Calendar words and expression rules of each language are data
(``nlp/lang/<code>/time.toml``, compiled once by :mod:`.grammar`). Each expression becomes
a :class:`~tidings.model.TimeExpr` with its interval and granularity, its kind (date,
range, duration, age), its role (event, attribute, span, complement), what it counts
from and the reason for its value; an expression whose anchor is missing stays
unresolved (value None). See ``docs/time.md``.

    find_times(text, "de", DateValue.month(2019, 9))   # the expressions of a text
    event_date(article, sentence, trigger_start)       # the date of one event
"""

from .assign import event_date
from .finder import DATE_KINDS, find_times
from .grammar import grammar_for
from .infer import estimate_published
from .stages import infer_published, time_rules

__all__ = ["DATE_KINDS", "estimate_published", "event_date", "find_times", "grammar_for",
           "infer_published", "time_rules"]

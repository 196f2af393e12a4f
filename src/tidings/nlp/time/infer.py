"""An estimate of the publication date of an article that came without one.

In order of trust: a full date in the dateline (the first ``dateline_chars`` characters,
where wire copy and scraped pages put it); else the latest absolute date the body
mentions outside future-tense clauses and 'since'/'until' periods (the article cannot
predate what it reports, and news is rarely reported long after), at month precision, or
at year precision when that date names only a year. Relative cues cannot help without an
anchor, so they are not used. The estimate is coarser than
its evidence on purpose: day precision only from a dateline.
"""

from __future__ import annotations

from ...model import DateValue
from .dates import at_granularity, coarser
from .finder import DATE_KINDS, found_times


def estimate_published(text: str, lang: str, dateline_chars: int) -> tuple[DateValue | None, str]:
    """``(estimate, reason)``; ``(None, reason)`` when the text names no usable date."""
    absolute = [f for f in found_times(text, lang, None)
                if f.value is not None and f.kind in DATE_KINDS and f.anchor == ""
                and f.tense != "future" and f.role != "span"]
    if not absolute:
        return None, "no absolute date in the text"
    top = [f for f in absolute
           if f.parsed.start < dateline_chars and f.value.granularity == "day"]
    if top:
        f = max(top, key=lambda f: f.value.end)
        return DateValue.day(f.value.end), f"dateline date {f.parsed.text!r}"
    latest = max(absolute, key=lambda f: (f.value.end, -len(f.parsed.text)))
    value = at_granularity(latest.value.end, coarser(latest.value.granularity, "month"))
    return value, f"latest date mentioned, {latest.parsed.text!r}, at {value.granularity} precision"

"""Calendar arithmetic on :class:`DateValue` intervals (no language knowledge here)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ...model import GRANULARITY_RANK, DateValue

UNIT_GRANULARITY = {"day": "day", "week": "day", "month": "month", "year": "year",
                    "decade": "year", "century": "year", "hour": "day", "minute": "day"}
# Months covered by a part of a year and by a season (northern hemisphere).
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}


def shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by ``n`` units (months clamp to the month's last day)."""
    if unit in ("day", "hour", "minute"):
        return d + timedelta(days=n if unit == "day" else 0)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = n * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def at_granularity(d: date, granularity: str) -> DateValue:
    if granularity == "year":
        return DateValue.year(d.year)
    if granularity == "month":
        return DateValue.month(d.year, d.month)
    return DateValue.day(d)


def coarser(a: str, b: str) -> str:
    return min(a, b, key=GRANULARITY_RANK.__getitem__)


def finer_or_equal(a: str, b: str) -> bool:
    return GRANULARITY_RANK[a] >= GRANULARITY_RANK[b]


def week(d: date) -> DateValue:
    monday = d - timedelta(days=d.weekday())
    return DateValue(monday, monday + timedelta(days=6), "day")


def months_span(year: int, first: int, last: int) -> DateValue:
    """Months ``first``..``last`` of ``year`` (``last`` may pass December) at month precision."""
    start = DateValue.month(year, first)
    y, m = divmod(year * 12 + last - 1, 12)
    return DateValue(start.start, DateValue.month(y, m + 1).end, "month")


def weekday_near(anchor: date, weekday: int, direction: int, strict: bool) -> date:
    """The ``weekday`` on or before (direction -1) or on or after (+1) ``anchor``."""
    if direction < 0:
        back = (anchor.weekday() - weekday) % 7
        return anchor - timedelta(days=back or (7 if strict else 0))
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + timedelta(days=ahead or (7 if strict else 0))


def nearest_year(candidate, anchor: DateValue, tense: str, future_bias: float,
                 strict: bool = False) -> int | None:
    """The year whose occurrence of a yearless date lies nearest the publication.

    ``candidate(year)`` gives the occurrence (a DateValue) in that year, or None when it
    does not exist (29 February). Past tense takes the latest occurrence that starts by the
    end of the publication interval, future the first that ends on or after its start
    (``strict``: that lies wholly before or after it); otherwise the nearest one, future
    distances counting ``future_bias`` times.
    """
    options = []
    for year in (anchor.start.year - 1, anchor.start.year, anchor.start.year + 1):
        value = candidate(year)
        if value is not None:
            options.append((year, value))
    if strict:  # wholly before or after the publication ('last summer', 'next spring')
        past = [(y, v) for y, v in options if v.end < anchor.start]
        future = [(y, v) for y, v in options if v.start > anchor.end]
    else:
        past = [(y, v) for y, v in options if v.start <= anchor.end]
        future = [(y, v) for y, v in options if v.end >= anchor.start]
    if tense == "past":
        return past[-1][0] if past else None
    if tense == "future":
        return future[0][0] if future else None
    best, best_cost = None, float("inf")
    for year, value in options:
        if value.start <= anchor.end and value.end >= anchor.start:
            return year  # the publication interval holds this occurrence
        cost = ((anchor.start - value.end).days if value.end < anchor.start
                else (value.start - anchor.end).days * future_bias)
        if cost < best_cost:
            best, best_cost = year, cost
    return best

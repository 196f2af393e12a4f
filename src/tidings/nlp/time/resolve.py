"""From what a rule matched to a calendar interval, with the reason for the value.

:class:`Parsed` holds the matched parts of one expression (day, month, weekday, amount,
unit, relative word, ...). :func:`resolve` interprets it against the publication date
(``anchor``) and the tense of its clause; :func:`shift_from` resolves expressions that
count from another date ('two days later'). Nothing is guessed: when the anchor an
expression needs is missing, the value is None and the reason says why.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date

from ...model import DateValue
from .dates import (
    SEASONS,
    UNIT_GRANULARITY,
    YEAR_PARTS,
    at_granularity,
    coarser,
    finer_or_equal,
    months_span,
    nearest_year,
    shift,
    week,
    weekday_near,
)
from .grammar import Rule

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
Result = tuple[DateValue | None, str]


@dataclass
class Parsed:
    """The parts of one matched expression; None where the rule did not match that part."""

    rule: Rule
    start: int
    end: int
    text: str
    day: int | None = None
    day2: int | None = None
    month: int | None = None
    month2: int | None = None
    year: int | None = None
    year2: int | None = None
    decade: int | None = None
    weekday: int | None = None
    num: int | None = None
    vague: bool = False
    unit: str | None = None
    rel: int | None = None
    yearrel: int | None = None
    part: str | None = None
    season: str | None = None
    deictic: int | None = None

    @property
    def offset(self) -> int | None:
        return self.rel if self.rel is not None else self.rule.rel

    @property
    def amount(self) -> int | None:
        return self.num if self.num is not None else self.rule.n

    @property
    def unit_name(self) -> str | None:
        return self.unit or self.rule.unit


def resolve(p: Parsed, anchor: DateValue | None, tense: str, future_bias: float) -> Result:
    """The value of an expression that is absolute or counts from the publication date."""
    if p.rule.kind in ("duration", "age"):
        return None, f"{p.rule.kind}, not a date"
    if p.vague:
        return None, "vague amount; not resolved"
    if p.rule.op == "ago":
        return _ago(p, anchor)
    if p.yearrel is not None and p.month is None and p.year is None:
        if anchor is None:
            return _no_anchor(f"'{p.text}'")
        # 'the end of this year', 'Herbst letzten Jahres'
        p = replace(p, year=anchor.start.year + p.yearrel)
    if p.day is not None and p.month is not None:
        return _day_month(p, anchor, tense, future_bias)
    if p.month is not None:
        return _month(p, anchor, tense, future_bias)
    if p.year is not None or p.decade is not None:
        return _year(p)
    if p.season is not None:
        return _season(p, anchor, tense, future_bias)
    if p.weekday is not None:
        return _weekday(p, anchor, tense)
    if p.deictic is not None:
        return _days_from(anchor, p.deictic, f"'{p.text}'")
    if p.unit_name is not None and p.offset is not None:
        return _relative_unit(p, anchor)
    return None, "no calendar reading"


def shift_from(p: Parsed, ref: DateValue, sign: int, what: str) -> Result:
    """``ref`` moved by the expression's amount and unit (``sign`` -1 earlier, +1 later)."""
    unit, n = p.unit_name or "day", p.amount
    if n is None:
        return None, "no amount"
    base = ref.end if sign > 0 else ref.start
    gran = coarser(UNIT_GRANULARITY.get(unit, "day"), ref.granularity)
    value = at_granularity(shift(base, sign * n, unit), gran)
    direction = "after" if sign > 0 else "before"
    amount = "the same day as" if n == 0 else f"{n} {unit}(s) {direction}"
    return value, f"{amount} {what} ({ref.iso()})"


def _no_anchor(what: str) -> Result:
    return None, f"{what} needs a publication date; the article has none"


def _coarse_anchor(anchor: DateValue, what: str) -> Result:
    """The publication date itself, for an expression finer than what it is known to."""
    return anchor, (f"{what} counted from a publication date known only to the "
                    f"{anchor.granularity}: {anchor.iso()}")


def _days_from(anchor: DateValue | None, days: int, what: str) -> Result:
    if anchor is None:
        return _no_anchor(what)
    if anchor.granularity != "day":
        return _coarse_anchor(anchor, what)
    value = DateValue.day(shift(anchor.start, days, "day"))
    return value, f"{what}: {days:+d} day(s) from the publication date {anchor.iso()}"


def _ago(p: Parsed, anchor: DateValue | None) -> Result:
    unit, n = p.unit_name or "day", p.amount
    if anchor is None:
        return _no_anchor(f"'{p.text}'")
    if n is None:
        return None, "no amount"
    if not finer_or_equal(anchor.granularity, UNIT_GRANULARITY.get(unit, "day")):
        return _coarse_anchor(anchor, f"'{p.text}'")
    value = at_granularity(shift(anchor.start, -n, unit), UNIT_GRANULARITY.get(unit, "day"))
    return value, f"{n} {unit}(s) before the publication date {anchor.iso()}"


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _day_span(p: Parsed, year: int) -> DateValue | None:
    assert p.day is not None and p.month is not None
    month2 = p.month2 or p.month
    year2 = year + 1 if month2 < p.month else year
    day2 = p.day2 if p.day2 is not None else p.day
    if not (_valid_day(year, p.month, p.day) and _valid_day(year2, month2, day2)):
        return None
    start, end = date(year, p.month, p.day), date(year2, month2, day2)
    if end < start:
        return None
    return DateValue(start, end, "day")


def _day_month(p: Parsed, anchor: DateValue | None, tense: str, bias: float) -> Result:
    if p.year is not None:
        value = _day_span(p, p.year)
        return value, "full date" if value else "no such day"
    if p.yearrel is not None:
        if anchor is None:
            return _no_anchor("a date in a year named relative to publication")
        value = _day_span(p, anchor.start.year + p.yearrel)
        return value, f"day and month, year {p.yearrel:+d} from publication"
    if anchor is None:
        return None, "day and month without a year, and no publication date"
    year = nearest_year(lambda y: _day_span(p, y), anchor, tense, bias)
    if year is None:
        return None, "no such day"
    return _day_span(p, year), _year_reason(year, anchor, tense, "day and month")


def _year_reason(year: int, anchor: DateValue, tense: str, what: str) -> str:
    how = {"past": "the last such before", "future": "the next such after"}.get(
        tense, "the occurrence nearest")
    return f"{what} without a year: {year}, {how} the publication date {anchor.iso()}"


def _month(p: Parsed, anchor: DateValue | None, tense: str, bias: float) -> Result:
    assert p.month is not None
    part = f"{p.part} " if p.part else ""
    if p.year is not None:
        return DateValue.month(p.year, p.month), f"{part}month and year"
    if anchor is None:
        return _no_anchor("a month without a year")
    a = anchor.start
    if p.yearrel is not None:
        return (DateValue.month(a.year + p.yearrel, p.month),
                f"{part}month of the year {p.yearrel:+d} from publication")
    if p.offset is not None and anchor.granularity != "year":
        if p.offset < 0:
            year = a.year if p.month < a.month else a.year - 1
        elif p.offset > 0:
            year = a.year if p.month > a.month else a.year + 1
        else:
            year = a.year
        word = {-1: "last", 0: "this", 1: "next"}[p.offset]
        return DateValue.month(year, p.month), f"{word} such month from {anchor.iso()}"
    year = nearest_year(lambda y: DateValue.month(y, p.month), anchor, tense, bias)
    assert year is not None
    return DateValue.month(year, p.month), _year_reason(year, anchor, tense, f"{part}month")


def _year(p: Parsed) -> Result:
    if p.decade is not None:
        return (DateValue(date(p.decade, 1, 1), date(p.decade + 9, 12, 31), "year"),
                f"the decade {p.decade}s")
    assert p.year is not None
    if p.year2 is not None:
        if p.year2 < p.year:
            return None, "range ends before it starts"
        return (DateValue(date(p.year, 1, 1), date(p.year2, 12, 31), "year"),
                "range of years")
    if p.part is not None:
        return months_span(p.year, *YEAR_PARTS[p.part]), f"the {p.part} part of {p.year}"
    if p.season is not None:
        if p.season in SEASONS:
            return months_span(p.year, *SEASONS[p.season]), f"{p.season} {p.year}"
        return DateValue.year(p.year), f"{p.season} {p.year} straddles two years: the year"
    return DateValue.year(p.year), "year"


def _season_span(season: str, year: int) -> DateValue:
    first, last = SEASONS.get(season, (12, 14))
    return months_span(year, first, last)


def _season(p: Parsed, anchor: DateValue | None, tense: str, bias: float) -> Result:
    assert p.season is not None
    if anchor is None:
        return _no_anchor("a season without a year")
    if p.offset:
        tense = "past" if p.offset < 0 else "future"
        last_or_next = "last" if p.offset < 0 else "next"
        year = nearest_year(lambda y: _season_span(p.season or "", y), anchor, tense, bias,
                            strict=True)
        if year is None:
            return None, f"no {last_or_next} {p.season} in reach"
        return _season_span(p.season, year), f"the {last_or_next} {p.season} from {anchor.iso()}"
    year = nearest_year(lambda y: _season_span(p.season or "", y), anchor, tense, bias)
    assert year is not None
    return _season_span(p.season, year), _year_reason(year, anchor, tense, p.season)


def _weekday(p: Parsed, anchor: DateValue | None, tense: str) -> Result:
    assert p.weekday is not None
    name = WEEKDAY_NAMES[p.weekday]
    if anchor is None:
        return _no_anchor(f"the weekday {name}")
    if anchor.granularity != "day":
        return anchor, (f"{name} near a publication date known only to the "
                        f"{anchor.granularity}: {anchor.iso()}")
    a, rel = anchor.start, p.offset
    if rel == 0:
        day = week(a).start.toordinal() + p.weekday
        return DateValue.day(date.fromordinal(day)), f"{name} of the publication week"
    if rel is not None:
        d = weekday_near(a, p.weekday, rel, strict=True)
        how = "before" if rel < 0 else "after"
        return DateValue.day(d), f"the {name} {how} the publication date {a.isoformat()}"
    if tense == "future":
        d = weekday_near(a, p.weekday, 1, strict=False)
        return DateValue.day(d), f"{name} on or after the publication date (future tense)"
    d = weekday_near(a, p.weekday, -1, strict=False)
    return DateValue.day(d), f"{name} on or before the publication date {a.isoformat()}"


def _relative_unit(p: Parsed, anchor: DateValue | None) -> Result:
    unit, rel = p.unit_name or "", p.offset or 0
    what = f"'{p.text}'"
    if anchor is None:
        return _no_anchor(what)
    if unit == "day":
        return _days_from(anchor, rel, what)
    if unit not in ("week", "month", "year"):
        return None, f"{what}: no calendar period"
    if not finer_or_equal(anchor.granularity, UNIT_GRANULARITY[unit]):
        return _coarse_anchor(anchor, what)
    moved = shift(anchor.start, rel, unit)
    if unit == "week":
        return week(moved), f"{what}: the week {rel:+d} from the publication week"
    value = at_granularity(moved, UNIT_GRANULARITY[unit])
    return value, f"{what}: the {unit} {rel:+d} from publication ({anchor.iso()})"

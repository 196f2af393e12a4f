"""Time expressions: found in the text and resolved against the publication date.

Calendar words of each language are data (``nlp/lang/<code>/time.toml``). Each expression
becomes a :class:`TimeExpr` with its interval, granularity and the reason for the value;
an expression that needs an anchor the article lacks stays unresolved (value None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..model import Article, DateValue, TimeExpr
from ..pipeline import Context, stage
from .lexicon import load_lexicon


class TimeRules:
    def __init__(self, lang: str):
        data = load_lexicon(lang, "time")
        self.months: dict[str, int] = {k.casefold(): v for k, v in data.get("months", {}).items()}
        self.weekdays: dict[str, int] = {k.casefold(): v
                                         for k, v in data.get("weekdays", {}).items()}
        month = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True)) or "(?!)"
        weekday = "|".join(sorted(map(re.escape, self.weekdays), key=len, reverse=True)) or "(?!)"
        w = r"(?<!\w)"
        e = r"(?!\w)"
        self.patterns = [
            ("dmy", re.compile(
                rf"{w}(\d{{1,2}})\.?\s*(?:[-–]\s*(\d{{1,2}})\.?\s*)?({month}){e}\.?"
                rf"(?:,?\s+(\d{{4}}))?", re.I)),
            ("mdy", re.compile(
                rf"{w}({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(\d{{1,2}}))?{e}"
                rf"(?:,?\s+(\d{{4}}))?", re.I)),
            ("my", re.compile(rf"{w}({month}){e}\.?\s+(\d{{4}}){e}", re.I)),
            ("y", re.compile(r"(?<![\w.,])((?:19|20)\d{2})(?![\w%]|\.\d)")),
            ("wd", re.compile(rf"{w}({weekday}){e}", re.I)),
        ]

    def find(self, text: str, anchor: date | None) -> list[TimeExpr]:
        out: list[TimeExpr] = []
        taken: list[tuple[int, int]] = []
        for kind, pattern in self.patterns:
            for m in pattern.finditer(text):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                expr = self._resolve(kind, m, anchor)
                if expr is not None:
                    taken.append((m.start(), m.end()))
                    out.append(expr)
        return sorted(out, key=lambda t: t.start)

    def _resolve(self, kind: str, m: re.Match, anchor: date | None) -> TimeExpr | None:
        g = m.groups()
        try:
            if kind == "dmy":
                day, day2, month, year = int(g[0]), g[1], self.months[g[2].casefold()], g[3]
                return self._day_month(m, day, int(day2) if day2 else None, month, year, anchor)
            if kind == "mdy":
                month, day, day2, year = self.months[g[0].casefold()], int(g[1]), g[2], g[3]
                return self._day_month(m, day, int(day2) if day2 else None, month, year, anchor)
            if kind == "my":
                value = DateValue.month(int(g[1]), self.months[g[0].casefold()])
                return TimeExpr(m.start(), m.end(), value, "month and year")
            if kind == "y":
                return TimeExpr(m.start(), m.end(), DateValue.year(int(g[0])), "year")
            if kind == "wd":
                if anchor is None:
                    return TimeExpr(m.start(), m.end(), None, "weekday without a publication date")
                back = (anchor.weekday() - self.weekdays[g[0].casefold()]) % 7
                return TimeExpr(m.start(), m.end(), DateValue.day(anchor - timedelta(days=back)),
                                f"the {g[0]} on or before the publication date")
        except ValueError:
            return None
        return None

    def _day_month(self, m: re.Match, day: int, day2: int | None, month: int, year: str | None,
                   anchor: date | None) -> TimeExpr | None:
        if year:
            y, reason = int(year), "full date"
        elif anchor is not None:
            y, reason = anchor.year, "day and month, year of publication"
            if date(y, month, min(day, 28)) > anchor + timedelta(days=60):
                y, reason = y - 1, "day and month, the last such day before publication"
        else:
            return TimeExpr(m.start(), m.end(), None, "day and month without a year or anchor")
        start = date(y, month, day)
        end = date(y, month, day2) if day2 else start
        return TimeExpr(m.start(), m.end(), DateValue(start, end, "day"), reason,
                        "range" if day2 else "date")


@stage("time.rules.v1", requires=("text", "lang", "published"), assigns=("times",))
def time_rules(ctx: Context) -> Callable[[Article], Article]:
    """Dates, weekdays and years, resolved against the publication date."""
    rules: dict[str, TimeRules] = {}

    def run(article: Article) -> Article:
        lang = article.lang or "en"
        if lang not in rules:
            rules[lang] = TimeRules(lang)
        anchor = article.published.start if article.published and \
            article.published.granularity == "day" else None
        article.times = rules[lang].find(article.text, anchor)
        return article

    return run

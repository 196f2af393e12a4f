"""How a merged event's value is chosen when its reports disagree, with each variant kept.

Each ``choose_*`` function returns the event's value and, when the reports differ, writes
``variants[field] = {"chosen": ..., "rule": <how it was chosen>, "values": [{"value": ...,
"articles": [...]}, ...]}`` (see ``docs/merge.md``). Reports are those of
:mod:`tidings.merge.events`; only their article, mention, place and ``exact`` are read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import GRANULARITY_RANK, DateValue

if TYPE_CHECKING:
    from ..kb.base import KnownEvent
    from .events import ActorKey, Report

TENTATIVE_PRIORITY = ("asserted", "planned", "speculated", "hypothetical", "cancelled", "negated")
PLACE_RANK = {"state": 0, "region": 1, "city": 2}


def group_by_value(values: dict[str, object]) -> list[tuple[object, list[str]]]:
    """value -> the articles that gave it, most supported first."""
    by_value: dict[object, list[str]] = defaultdict(list)
    for article, value in values.items():
        by_value[value].append(article)
    return sorted(((v, sorted(a)) for v, a in by_value.items()),
                  key=lambda kv: (-len(kv[1]), str(kv[0])))


def choose_date(reports: list[Report], variants: dict,
                known: KnownEvent | None = None) -> DateValue | None:
    """The most precise stated date supported by most sources (a source supports a value
    when its own date contains it; an article whose reports state none supports the day its
    lead gives them); without any such date, the earliest report's publication date. An
    event the knowledge base knows (``known``) takes its days from there: reports of a war
    name its first day, its last or any day between."""
    stated: dict[str, set[DateValue]] = defaultdict(set)
    approx: dict[str, set[DateValue]] = defaultdict(set)
    lead: dict[str, set[DateValue]] = defaultdict(set)  # an undated sentence: its lead's day
    for r in reports:
        if r.mention.date is not None:
            (stated if r.exact else approx)[r.article_id].add(r.mention.date)
            if not r.exact and r.mention.date_source.startswith("lead:"):
                lead[r.article_id].add(r.mention.date)
    sources = {**{a: ds for a, ds in lead.items() if a not in stated}, **stated}
    if known is not None:
        chosen = known.date
        rule = f"the days the knowledge base gives for the known event '{known.label}'"
    elif sources:
        own = {d for ds in stated.values() for d in ds}
        values = {d for ds in sources.values() for d in ds}

        def support(v: DateValue) -> int:
            return sum(1 for ds in sources.values()
                       if any(d.start <= v.start and v.end <= d.end for d in ds))

        chosen = max(values, key=lambda v: (support(v), v in own, GRANULARITY_RANK[
            v.granularity], -(v.end - v.start).days, -v.start.toordinal()))
        rule = (f"the most precise date stated in the text, supported by {support(chosen)} "
                f"of {len(sources)} sources that state one"
                + (" (for a sentence without a date, its article's lead)" if lead else ""))
    elif approx:
        chosen = min((d for ds in approx.values() for d in ds), key=lambda d: (d.start, d.end))
        rule = "no report states a date: the publication date of the earliest report"
    else:
        return None
    given: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for article, ds in stated.items():
        for d in ds:
            given[(d.iso(), False)].add(article)
    for article, ds in approx.items():
        if article not in stated:
            for d in ds:
                given[(d.iso(), True)].add(article)
    if len(given) > 1:
        variants["date"] = {"chosen": chosen.iso(), "rule": rule, "values": [
            {"value": iso, "approximate": approx_, "articles": sorted(arts)}
            for (iso, approx_), arts in sorted(given.items(), key=lambda kv: (-len(kv[1]),
                                                                               kv[0]))]}
    return chosen


def choose_place(reports: list[Report], variants: dict) -> str | None:
    """The most specific place supported by most sources (a state supports its cities)."""
    given: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, ActorKey] = {}
    for r in reports:
        if r.place is not None:
            given[r.mention.place_id or r.place.id].add(r.article_id)
            keys[r.mention.place_id or r.place.id] = r.place
    if not given:
        return None

    def support(pid: str) -> int:
        k = keys[pid]
        return len({a for other, arts in given.items() for a in arts
                    if other == pid or (keys[other].kind == "state"
                                        and keys[other].id == k.country)})

    chosen = max(given, key=lambda p: (support(p), PLACE_RANK.get(keys[p].kind, 0),
                                       len(given[p]), p))
    if len(given) > 1:
        variants["place"] = {
            "chosen": chosen,
            "rule": f"the most specific place supported by {support(chosen)} sources",
            "values": [{"value": p, "articles": sorted(a)}
                       for p, a in sorted(given.items(), key=lambda kv: (-len(kv[1]), kv[0]))]}
    return chosen


def choose_modality(reports: list[Report], variants: dict) -> str:
    """Asserted when any report says it happened, else the most frequent."""
    given: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        given[r.mention.modality].add(r.article_id)
    if "asserted" in given:
        chosen, rule = "asserted", "a report states that it happened"
    else:
        chosen = min(given, key=lambda k: (-len(given[k]), TENTATIVE_PRIORITY.index(k)))
        rule = "the modality most sources give"
    if len(given) > 1:
        variants["modality"] = {"chosen": chosen, "rule": rule, "values": [
            {"value": k, "articles": sorted(v)} for k, v in sorted(given.items())]}
    return chosen

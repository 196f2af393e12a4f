"""The seed articles (../shared/seeds, publication dates from its meta.jsonl): the dates the
gold expects are produced by the resolver and assigned to the right events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.model import GRANULARITY_RANK, Article, DateValue, Span
from tidings.nlp.segment import paragraphs, sentences
from tidings.nlp.time import event_date, find_times, grammar_for

# (article id prefix, expression, expected value)
EXPRESSIONS = [
    ("000", "am Dienstag", "2023-10"),
    ("000", "letzten Monat", "2023-09"),
    ("001", "Am 4. September", "2019-09-04"),
    ("001", "am 12. August", "2019-08-12"),
    ("001", "14. August 2019", "2019-08-14"),
    ("001", "im Jahr 2017", "2017"),
    ("002", "on Monday", "2024-04-22"),
    ("002", "Last week", "2024-04-15/2024-04-21"),
    ("002", "late 2020", "2020-09/2020-12"),
    ("003", "on Wednesday", "2022-09-07"),
    ("003", "fall 2020", "2020-09/2020-11"),
    ("003", "Nov. 10, 2020", "2020-11-10"),
    ("003", "since 1991", "1991/2022"),
    ("003", "early August", "2022-08"),
    ("003", "Last month", "2022-08"),
    ("004", "August 14-15", "2016-08-14/2016-08-15"),
    ("004", "on Sunday", "2016-08-14"),
    ("004", "On Monday", "2016-08-15"),
    ("004", "since Friday", "2016-08-12/2016-08-16"),
    ("004", "on August 10", "2016-08-10"),
    ("004", "two days after", "2016-08-08"),
    ("004", "on August 8", "2016-08-08"),
    ("004", "In September", "2016-09"),
    ("004", "in 2017", "2017"),
    ("004", "next February", "2017-02"),
    ("004", "April 2-5", "2016-04-02/2016-04-05"),
    ("004", "since 2011", "2011/2016"),
]
# (article id prefix, trigger word, expected event date): the date event_date gives the event
TRIGGERS = [
    ("001", "einen Besuch in Aserbaidschan", "2019-09-04"),
    ("001", "Besuch in Armenien", "2019-08-12"),
    ("001", "Besuch in Baku durchführte", "2017"),
    ("002", "meeting with Russian", "2024-04-22"),
    ("002", "withdrawal", "2024-04"),
    ("002", "escalation occurred", "2020"),
    ("003", "received", "2022-09-07"),
    ("003", "44-day war", "2020"),
    ("003", "moved into", "2022-08"),
    ("004", "visit to Baku on", "2016-08-14"),
    ("004", "meeting with Azerbaijani President", "2016-08-14"),
    ("004", "met with Azerbaijani Defense", "2016-08-15"),
    ("004", "trip to Moscow", "2016-08-12"),
    ("004", "press conference", "2016-08-10"),
    ("004", "discussed with President", "2016-08-08"),
    ("004", "sign a new contract", "2016-09"),
    ("004", "sell one", "2017"),
    ("004", "sign a contract for", "2017-02"),
    ("004", "hostilities", "2016-04-02/2016-04-05"),
    ("004", "supplying up to", "2011/2016"),
]


def _interval(value: str) -> tuple:
    v = DateValue.parse(value)
    return v.start, v.end, GRANULARITY_RANK[v.granularity]


def satisfies(gold: str, predicted: DateValue) -> bool:
    """The predicted start lies in the gold interval, at the gold's precision or finer."""
    g_start, g_end, g_rank = _interval(gold)
    rank = GRANULARITY_RANK[predicted.granularity]
    return g_start <= predicted.start <= g_end and rank >= g_rank


@pytest.fixture(scope="module")
def seeds(shared: Path) -> dict[str, Article]:
    out = {}
    for line in (shared / "seeds" / "meta.jsonl").read_text("utf-8").splitlines():
        meta = json.loads(line)
        text = (shared / "seeds" / meta["file"]).read_text("utf-8")
        abbr = grammar_for(meta["lang"]).abbreviations
        article = Article(meta["id"], text=text, lang=meta["lang"],
                          published=DateValue.parse(meta["published"]))
        article.paragraphs = paragraphs(text)
        article.sentences = [s for p in article.paragraphs for s in sentences(text, p, abbr)]
        article.times = find_times(text, article.lang, article.published,
                                   sentences=article.sentences)
        out[meta["id"][:3]] = article
    return out


@pytest.mark.parametrize(("doc", "expr", "expected"), EXPRESSIONS)
def test_time_seed_expression_resolves_against_publication(seeds, doc, expr, expected):
    article = seeds[doc]
    at = article.text.index(expr) + len(expr) // 2
    hits = [t for t in article.times if t.start <= at < t.end]
    assert hits, f"{expr!r} not found"
    assert hits[0].value is not None and hits[0].value.iso() == expected, hits[0].reason


@pytest.mark.parametrize(("doc", "trigger", "expected"), TRIGGERS)
def test_time_seed_event_gets_the_date_of_its_clause(seeds, doc, trigger, expected):
    article = seeds[doc]
    start = article.text.index(trigger)
    sentence = article.sentence_of(start) or Span(0, len(article.text))
    value, source, approximate = event_date(article, sentence, start)
    assert value is not None and satisfies(expected, value), (value, source)


def test_time_every_gold_date_is_produced_by_the_resolver(seeds, shared):
    """Each dated gold event's date is the value of some expression of its article (or
    its publication date): the resolver can give every answer the gold expects."""
    missing = []
    for line in (shared / "gold" / "seeds.jsonl").read_text("utf-8").splitlines():
        gold = json.loads(line)
        if gold.get("kind") != "event" or not gold.get("date"):
            continue
        article = seeds[gold["doc"][:3]]
        values = [t.value for t in article.times if t.value is not None]
        values.append(article.published)
        if not any(satisfies(gold["date"], v) for v in values if v is not None):
            missing.append((gold["doc"][:3], gold["type"], gold["date"]))
    assert not missing

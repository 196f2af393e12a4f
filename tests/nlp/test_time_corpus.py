"""Over the bundled sample corpus: no event date comes from a duration, an age or a number
that is not a date."""

from __future__ import annotations

import re

import pytest

from tidings.nlp.time import DATE_KINDS


@pytest.fixture(scope="module")
def articles(samples_ctx):
    found = [a for a in samples_ctx.store.iter_articles() if a.events]
    if not found:
        pytest.skip("the sample corpus produced no events")
    return found


def test_time_every_event_date_comes_from_a_date_expression_or_the_publication(
        articles, samples_ctx):
    problems = []
    for a in articles:
        by_span = {f"t:{t.start}-{t.end}": t for t in a.times}
        for e in a.events:
            if e.date_source == "publication":
                if e.date != a.published or not e.date_approximate:
                    problems.append((a.id, e.type, "publication date not marked approximate"))
                continue
            source = e.date_source
            if source.startswith("known:"):  # the days of a known event (kb/data/events.toml)
                known = samples_ctx.kb.known_events.get(source.removeprefix("known:"))
                if known is None or known.date != e.date or e.known_event != known.id:
                    problems.append((a.id, e.type, f"{source} does not give {e.date}"))
                continue
            if source.startswith("lead:"):  # the lead's day for an event without its own
                source = source.removeprefix("lead:")
                if not e.date_approximate:
                    problems.append((a.id, e.type, "a date from the lead not marked approximate"))
            t = by_span.get(source)
            if t is None:
                problems.append((a.id, e.type, f"{e.date_source} is no time expression"))
            elif t.kind not in DATE_KINDS or t.value is None:
                problems.append((a.id, e.type, f"dated by a {t.kind}: {a.text[t.start:t.end]!r}"))
            elif t.value != e.date:
                problems.append((a.id, e.type, f"date differs from {a.text[t.start:t.end]!r}"))
    assert not problems


def test_time_expressions_of_the_corpus_are_dates_only_where_the_text_names_one(articles):
    """A date-kind expression always holds a calendar word or a four-digit year."""
    digits_only = re.compile(r"[\d\s.,:/%-]+")
    bad = [(a.id, a.text[t.start:t.end]) for a in articles for t in a.times
           if t.kind in DATE_KINDS and digits_only.fullmatch(a.text[t.start:t.end])
           and not re.search(r"(?:1[89]|20)\d\d", a.text[t.start:t.end])]
    assert not bad

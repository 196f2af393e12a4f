"""Fixtures of the language-processing tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tidings import Article, Context, DateValue, load_config
from tidings.pipeline import Pipeline

# The stages up to event coding, as the default pipeline runs them.
EVENT_STAGES = ["clean.html.v1", "text.segment.v1", "time.rules.v1", "entities.kb.v1",
                "quotes.rules.v1", "events.rules.v1"]
PUBLISHED = date(2024, 5, 29)  # a Wednesday


@pytest.fixture(scope="session")
def event_coder(kb) -> Callable[[str, str], Article]:
    """``run(text, lang)``: a hand-written article, published on PUBLISHED, through the
    stages up to event coding (the session's knowledge base)."""
    ctx = Context(load_config(store={"url": ":memory:"}))
    ctx._resources["kb"] = kb
    pipe = Pipeline(EVENT_STAGES, ctx)

    def run(text: str, lang: str) -> Article:
        return pipe(Article(id="t", raw=text, lang=lang, published=DateValue.day(PUBLISHED)))

    return run

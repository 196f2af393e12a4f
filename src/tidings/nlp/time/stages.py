"""The time stages: publication-date estimate, then time expressions."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ...model import Article
from ...pipeline import Context, stage
from .finder import find_times
from .infer import estimate_published

log = logging.getLogger(__name__)


@stage("time.infer_published.v1", requires=("text", "lang"), assigns=("published",))
def infer_published(ctx: Context) -> Callable[[Article], Article]:
    """Estimates a missing publication date from the dateline or the dates in the text."""
    dateline_chars = ctx.config.time.dateline_chars

    def run(article: Article) -> Article:
        if article.published is not None:
            return article
        value, reason = estimate_published(article.text, article.lang or "en", dateline_chars)
        if value is not None:
            article.published = value
            article.published_source = "inferred"
            article.provenance["published_inferred_from"] = reason
            log.debug("%s: publication date %s inferred from %s", article.id, value.iso(),
                      reason)
        return article

    return run


@stage("time.rules.v1", requires=("text", "lang", "published", "sentences"),
       assigns=("times",))
def time_rules(ctx: Context) -> Callable[[Article], Article]:
    """Dates, weekdays, relative dates, ranges and durations, resolved against publication."""
    future_bias = ctx.config.time.future_bias

    def run(article: Article) -> Article:
        article.times = find_times(article.text, article.lang or "en", article.published,
                                   sentences=article.sentences or None,
                                   future_bias=future_bias)
        return article

    return run

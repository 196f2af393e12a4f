"""The corpus step: after articles are stored, rebuild entities, events and stories.

Article-level stages see one article; this step sees them all. It clusters names the
knowledge base does not know into identities, merges event mentions that report the same
real-world event across articles and languages, and groups articles into stories.
"""

from __future__ import annotations

import logging

from .merge.entities import build_entities
from .merge.events import merge_events
from .merge.stories import cluster_stories
from .pipeline import Context

log = logging.getLogger(__name__)


def rebuild(ctx: Context) -> dict[str, int]:
    store = ctx.store
    articles = list(store.iter_articles())
    entities, same_as = build_entities(articles, ctx.kb)
    events = merge_events(articles, same_as)
    stories = cluster_stories(articles, events, ctx)
    store.save_entities(entities)
    store.replace_events(events)
    store.replace_stories(stories)
    counts = {"entities": len(entities), "events": len(events), "stories": len(stories)}
    log.info("graph rebuilt: %s", counts)
    return counts

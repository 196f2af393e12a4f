"""The corpus step: after articles are stored, rebuild entities, events and stories.

Article-level stages see one article; this step sees them all. It clusters names the
knowledge base does not know into identities, merges event mentions that report the same
real-world event across articles and languages (syndicated copies listed, not counted),
and groups articles into stories (see ``docs/merge.md``); article embeddings are kept in
the store, so a rebuild embeds only new or changed articles. Every result is derived from the
stored articles alone, with ids taken from their content, so a rebuild reproduces the ids
of the previous one and adds to them.
"""

from __future__ import annotations

import logging

from .merge.embed import Embedder, StoredVectors, load_embedder
from .merge.entities import build_entities
from .merge.events import ActorResolver, merge_events
from .merge.stories import cluster_stories
from .pipeline import Context

log = logging.getLogger(__name__)


def embedder(ctx: Context) -> Embedder:
    """The configured sentence embedder, loaded once per context."""
    spec = ctx.config.stories.embedder
    return ctx.resource(f"stories.embedder:{spec}", lambda: load_embedder(spec))


def rebuild(ctx: Context) -> dict[str, int]:
    store = ctx.store
    articles = list(store.iter_articles(include_duplicates=True))
    originals = [a for a in articles if not a.duplicate_of]
    entities, same_as = build_entities(originals, ctx.kb)
    resolver = ActorResolver(ctx.kb, entities, same_as)
    events = merge_events(articles, ctx.config.merge, resolver)
    opts = ctx.config.stories
    model = embedder(ctx)
    vectors = StoredVectors(store, f"embed:{model.name}:{opts.lead_chars}")
    stories = cluster_stories(articles, events, opts, model, resolver, vectors)
    store.save_entities(entities)
    store.replace_events(events)
    store.replace_stories(stories)
    counts = {"entities": len(entities), "events": len(events), "stories": len(stories)}
    log.info("graph rebuilt: %s", counts)
    return counts

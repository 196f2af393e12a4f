"""Stories: articles about the same story, grouped.

Articles that report the same merged event belong to one story (connected components);
the story's label names its most frequent actors and its time span covers its events.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from ..model import Article, Event, Story
from ..pipeline import Context


def cluster_stories(articles: list[Article], events: list[Event], ctx: Context) -> list[Story]:
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for event in events:
        docs = sorted({m.article_id for m in event.mentions if m.article_id in parent})
        for other in docs[1:]:
            parent[find(other)] = find(docs[0])
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(find(a.id), []).append(a.id)
    by_article: dict[str, list[Event]] = {}
    for event in events:
        for m in event.mentions:
            by_article.setdefault(m.article_id, []).append(event)
    kb = ctx.kb
    stories = []
    for members in groups.values():
        members.sort()
        evs = {e.id: e for a in members for e in by_article.get(a, [])}.values()
        actors = Counter(x.entity_id for e in evs for x in e.actors)
        names = [(kb.get(i).name if kb.get(i) else i) for i, _ in actors.most_common(3)]
        dates = [e.date for e in evs if e.date]
        story_id = "st-" + hashlib.sha1(members[0].encode()).hexdigest()[:12]
        stories.append(Story(story_id, ", ".join(names) or members[0], members,
                             min((d.start for d in dates), default=None),
                             max((d.end for d in dates), default=None),
                             [i for i, _ in actors.most_common(5)]))
    return stories

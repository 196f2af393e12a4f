"""Stories: articles about the same story, across languages, grouped.

Each analysed article is described by a multilingual sentence embedding of its title and
lead (:mod:`tidings.merge.embed`), the entities it names (weighted by rarity in the
corpus) and its publication date. Articles are taken in publication order; an article
joins the story it is most similar to when

    text_weight * cosine + entity_weight * weighted Jaccard of entities (+ event_bonus)

averaged over the story's articles reaches ``[stories] threshold``. ``event_bonus`` is
added when the article reports a merged event that one of the story's articles reports
too and that is current news for both (its date within ``window_days`` of their
publication). Only stories published within ``window_days`` of the article and sharing one
of its rarer entities are compared (blocking), so the cost grows with the corpus, not
with its square.

A story's id hashes the content of its earliest article; its label names its key actors,
place and dates; its time span runs from its first report (or the earliest current event
it reports) to its last. Syndicated copies join their original's story.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..config import StoriesConfig
from ..model import Article, Event, Story
from .embed import Embedder, StoredVectors
from .events import ActorResolver

ACTOR_KINDS = ("person", "org", "state")
MAX_MEMBERS = 30  # story articles an article is compared with (the latest)
MAX_BUCKETS = 60  # time buckets one article is indexed under (a year-dated one: its start)


@dataclass
class _Doc:
    article: Article
    digest: str
    start: date | None
    end: date | None
    entities: set[str]
    vector: np.ndarray | None = None
    events: set[str] = field(default_factory=set)


@dataclass
class _Story:
    members: list[int] = field(default_factory=list)
    start: date | None = None
    end: date | None = None


def lead_text(article: Article, limit: int) -> str:
    """The title and the first sentences, up to about ``limit`` characters."""
    parts = [article.title.strip()] if article.title.strip() else []
    size = len(parts[0]) if parts else 0
    for s in article.sentences:
        if size >= limit:
            break
        parts.append(article.span_text(s).strip())
        size += s.end - s.start
    if size < limit and not article.sentences:
        parts.append(article.text[:limit])
    return " ".join(parts)[: limit + 200]


class StoryClusterer:
    def __init__(self, opts: StoriesConfig, embedder: Embedder,
                 resolver: ActorResolver | None = None, cache: StoredVectors | None = None):
        self.opts = opts
        self.embedder = embedder
        self.cache = cache
        self.resolve = resolver or ActorResolver()
        self.window = timedelta(days=opts.window_days)

    # -- describing articles -----------------------------------------------------------
    def _docs(self, articles: list[Article], events: list[Event]) -> list[_Doc]:
        docs = []
        for a in articles:
            ids = {self.resolve.canonical(m.entity_id) for m in a.entities if m.entity_id}
            docs.append(_Doc(a, a.content_hash, a.published.start if a.published else None,
                             a.published.end if a.published else None, ids))
        docs.sort(key=lambda d: (d.start or date.max, d.digest))
        known = self.cache.load() if self.cache is not None else {}
        for d in docs:
            d.vector = known.get(d.article.id)
        todo = [d for d in docs if d.vector is None]
        vectors = self.embedder.embed([lead_text(d.article, self.opts.lead_chars)
                                       for d in todo])
        for d, v in zip(todo, vectors, strict=True):
            d.vector = v
            if self.cache is not None:
                self.cache.save(d.article.id, d.digest, v)
        by_id = {d.article.id: d for d in docs}
        for e in events:
            if e.date is None:
                continue
            for m in e.mentions:
                d = by_id.get(m.article_id)
                if d is not None and d.start is not None and \
                        e.date.start <= d.end + self.window and d.start - self.window <= e.date.end:  # type: ignore[operator]
                    d.events.add(e.id)
        return docs

    # -- comparing ---------------------------------------------------------------------
    def _similarity(self, a: _Doc, b: _Doc, idf: dict[str, float]) -> float:
        cos = float(np.dot(a.vector, b.vector))  # type: ignore[arg-type]
        union = sum(idf[e] for e in a.entities | b.entities)
        shared = sum(idf[e] for e in a.entities & b.entities)
        jaccard = shared / union if union else 0.0
        return self.opts.text_weight * cos + self.opts.entity_weight * jaccard

    def _buckets(self, start: date, end: date) -> list[int | None]:
        size = max(self.opts.window_days, 1)
        b0, b1 = start.toordinal() // size, end.toordinal() // size
        return list(range(b0, min(b1, b0 + MAX_BUCKETS) + 1))

    def _in_window(self, d: _Doc, s: _Story) -> bool:
        if d.start is None or s.start is None:
            return d.start is None and s.start is None
        return d.start <= s.end + self.window and s.start - self.window <= d.end  # type: ignore[operator]

    def _link(self, xs: list[_Doc], ys: list[_Doc], idf: dict[str, float]) -> float:
        """Similarity of two groups: the mean of their best and their average pair, plus
        the event bonus when they report a common current event."""
        sims = [self._similarity(x, y, idf) for x in xs[-MAX_MEMBERS:] for y in ys[-MAX_MEMBERS:]]
        score = (max(sims) + sum(sims) / len(sims)) / 2
        if any(x.events & y.events for x in xs for y in ys):
            score += self.opts.event_bonus
        return score

    def cluster(self, articles: Iterable[Article], events: list[Event]) -> list[list[Article]]:
        """Groups of original articles, one per story, in a canonical order.

        One pass in publication order puts each article in its most similar story (or a
        new one); a second pass joins stories that are as similar to each other, which
        the order of the first pass can have kept apart."""
        docs = self._docs([a for a in articles if not a.duplicate_of], events)
        df = Counter(e for d in docs for e in d.entities)
        n = max(len(docs), 1)
        idf = {e: math.log(1 + n / c) for e, c in df.items()}
        # entities named by more than a fifth of a large corpus do not block
        rare_floor = math.log(1 + 5) if n >= 50 else 0.0
        stories: list[_Story] = []
        index: dict[tuple[str, int | None], list[int]] = defaultdict(list)
        keys_of: list[set[str]] = []

        def candidates(i: int, d: _Doc) -> list[int]:
            near = self._buckets(d.start - self.window, d.end + self.window) \
                if d.start and d.end else [None]
            found = {s for e in keys_of[i] for b in near for s in index.get((e, b), ())}
            return sorted(s for s in found if self._in_window(d, stories[s]))

        for i, d in enumerate(docs):
            keys_of.append({e for e in d.entities if idf[e] > rare_floor} or d.entities)
            best, best_score = None, 0.0
            for si in candidates(i, d):
                score = self._link([d], [docs[j] for j in stories[si].members], idf)
                if score >= self.opts.threshold and (best is None or score > best_score):
                    best, best_score = si, score
            if best is None:
                best = len(stories)
                stories.append(_Story(start=d.start, end=d.end))
            story = stories[best]
            story.members.append(i)
            if d.start is not None and d.end is not None:
                story.start = min(story.start or d.start, d.start)
                story.end = max(story.end or d.end, d.end)
            for b in self._buckets(d.start, d.end) if d.start and d.end else [None]:
                for e in keys_of[i]:
                    if not index[(e, b)] or index[(e, b)][-1] != best:
                        index[(e, b)].append(best)
        return [[docs[i].article for i in members]
                for members in self._join(stories, docs, idf, candidates)]

    def _join(self, stories: list[_Story], docs: list[_Doc], idf: dict[str, float],
              candidates) -> list[list[int]]:
        parent = list(range(len(stories)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for si, story in enumerate(stories):
            mine = [docs[j] for j in story.members]
            others = sorted({o for j in story.members for o in candidates(j, docs[j]) if o > si})
            for o in others:
                if find(o) != find(si) and self._link(
                        mine, [docs[j] for j in stories[o].members], idf) >= self.opts.threshold:
                    parent[find(o)] = find(si)
        groups: dict[int, list[int]] = defaultdict(list)
        for si, story in enumerate(stories):
            groups[find(si)].extend(story.members)
        return [sorted(members) for members in groups.values()]


def cluster_stories(articles: Iterable[Article], events: list[Event], opts: StoriesConfig,
                    embedder: Embedder, resolver: ActorResolver | None = None,
                    cache: StoredVectors | None = None) -> list[Story]:
    """Stories of the corpus; sets ``story_id`` on the events they contain."""
    articles = list(articles)
    resolver = resolver or ActorResolver()
    groups = StoryClusterer(opts, embedder, resolver, cache).cluster(articles, events)
    copies: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        if a.duplicate_of:
            copies[a.duplicate_of].append(a.id)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        for art in dict.fromkeys(m.article_id for m in e.mentions):
            events_of[art].append(e)
    stories = [_story(group, events_of, copies, resolver, opts) for group in groups]
    _assign(events, stories)
    return sorted(stories, key=lambda s: (s.start or date.max, s.id))


def _story(group: list[Article], events_of: dict[str, list[Event]],
           copies: dict[str, list[str]], resolver: ActorResolver,
           opts: StoriesConfig) -> Story:
    first = min(group, key=lambda a: (a.published.start if a.published else date.max,
                                      a.content_hash))
    story_id = "st-" + hashlib.sha1(first.content_hash.encode()).hexdigest()[:12]
    ids = sorted({a.id for a in group} | {c for a in group for c in copies.get(a.id, ())})
    window = timedelta(days=opts.window_days)
    pubs = [a.published for a in group if a.published]
    start = min((p.start for p in pubs), default=None)
    end = max((p.end for p in pubs), default=None)
    evs = {e.id: e for a in group for e in events_of.get(a.id, ())}.values()
    current = [e for e in evs if e.date and start and end
               and start - window <= e.date.start and e.date.end <= end]
    if current:
        start = min([start] + [e.date.start for e in current])  # type: ignore[list-item,union-attr]
    actors: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for e in current or list(evs):
        for a in {x.entity_id for x in e.actors}:
            if resolver(a).kind in ACTOR_KINDS:
                actors[a] += len({m.article_id for m in e.mentions})
        if e.place_id:
            places[e.place_id] += len({m.article_id for m in e.mentions})
    mentioned: Counter[str] = Counter()
    for a in group:
        for m in a.entities:
            if m.entity_id:
                mentioned[resolver.canonical(m.entity_id)] += 1
    if not actors:
        actors = Counter({k: v for k, v in mentioned.items()
                          if resolver(k).kind in ("person", "org")})
    if not places:
        places = Counter({k: v for k, v in mentioned.items()
                          if resolver(k, as_place=True).kind == "city"})
    ranked = [a for a, _ in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))]
    people = [a for a in ranked if resolver(a).kind != "state"]  # people name a story best
    key = (people + [a for a in ranked if a not in people])[:max(2, min(3, len(people)))]
    place = min(places, key=lambda p: (-places[p], p)) if places else None
    parts = [", ".join(_name(resolver, a) for a in key)] if key else []
    if place:
        parts.append(_name(resolver, place))
    if start:
        parts.append(start.isoformat() if start == end else
                     f"{start.isoformat()} – {end.isoformat()}")  # type: ignore[union-attr]
    label = " · ".join(p for p in parts if p) or (first.title or first.id)
    entity_ids = [a for a, _ in sorted((actors + mentioned).items(),
                                       key=lambda kv: (-kv[1], kv[0]))[:5]]
    return Story(story_id, label, ids, start, end, entity_ids)


def _name(resolver: ActorResolver, entity_id: str) -> str:
    e = resolver.entity(entity_id)
    return e.name if e is not None else entity_id.removeprefix("x:").replace("-", " ")


def _assign(events: list[Event], stories: list[Story]) -> None:
    """Each event goes to the story holding most of the articles that report it."""
    story_of = {a: s.id for s in stories for a in s.article_ids}
    for e in events:
        votes = Counter(story_of[m.article_id] for m in e.mentions
                        if m.article_id in story_of)
        e.story_id = min(votes, key=lambda s: (-votes[s], s)) if votes else None

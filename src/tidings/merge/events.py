"""Cross-document event merging: one real-world event, every report of it linked.

Mentions are blocked by type and core actor pair (source and first target, or the sole
actor) so the cost grows with the corpus, not with its square; inside a block, mentions
whose dates are compatible (their intervals overlap) become one event. The event's id is
derived from its earliest mention (article id and offsets), so it does not depend on the
order articles were processed in.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from ..model import GRANULARITY_RANK, Article, DateValue, Event, EventActor, EventMention, MentionRef


def _core(mention: EventMention, same_as: dict[str, str]) -> frozenset[str]:
    ids = [same_as.get(a.entity_id, a.entity_id) for a in mention.actors]
    return frozenset(ids[:2])


def _compatible(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _best_date(mentions: list[EventMention]) -> DateValue | None:
    dated = [m for m in mentions if m.date is not None]
    if not dated:
        return None
    best = max(dated, key=lambda m: (not m.date_approximate,
                                     GRANULARITY_RANK[m.date.granularity]))  # type: ignore[union-attr]
    return best.date


def merge_events(articles: list[Article], same_as: dict[str, str]) -> list[Event]:
    blocks: dict[tuple[str, frozenset[str]], list[list[tuple[Article, EventMention]]]] = \
        defaultdict(list)
    for article in articles:
        for mention in article.events:
            key = (mention.type, _core(mention, same_as))
            for cluster in blocks[key]:
                if all(_compatible(mention.date, m.date) for _, m in cluster):
                    cluster.append((article, mention))
                    break
            else:
                blocks[key].append([(article, mention)])
    events = [_event(cluster, same_as) for clusters in blocks.values() for cluster in clusters]
    return sorted(events, key=lambda e: (e.date.start if e.date else DateValue.year(1).start, e.id))


def _event(cluster: list[tuple[Article, EventMention]], same_as: dict[str, str]) -> Event:
    refs = sorted({MentionRef(a.id, m.start, m.end) for a, m in cluster},
                  key=lambda r: (r.article_id, r.start))
    mentions = [m for _, m in cluster]
    first = min((a.id, m.trigger_start, m.type) for a, m in cluster)
    event_id = "ev-" + hashlib.sha1(":".join(map(str, first)).encode()).hexdigest()[:12]
    actors: dict[str, EventActor] = {}
    for m in mentions:
        for a in m.actors:
            entity_id = same_as.get(a.entity_id, a.entity_id)
            actors.setdefault(entity_id, EventActor(entity_id, a.role, a.start, a.end))
    modes = Counter(m.mode for m in mentions if m.mode)
    places = Counter(m.place_id for m in mentions if m.place_id)
    modality = Counter(m.modality for m in mentions).most_common(1)[0][0]
    dates = {m.date.iso() for m in mentions if m.date}
    return Event(
        id=event_id, type=mentions[0].type, mode=modes.most_common(1)[0][0] if modes else None,
        actors=list(actors.values()), place_id=places.most_common(1)[0][0] if places else None,
        date=_best_date(mentions), modality=modality,
        confidence=max(m.confidence for m in mentions), mentions=refs,
        variants={"dates": sorted(dates)} if len(dates) > 1 else {})

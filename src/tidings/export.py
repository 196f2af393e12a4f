"""Exports: articles, events, quotes and entities as JSON Lines or CSV rows.

The JSON Lines fields include those ``score.py`` reads (see the README): an event's actors
carry name, aliases, country and is_person; mentions point at article offsets.

``events`` has one line per merged event, with the mentions of every article that reports
it. ``reports`` has one line per event and reporting article (its ``event`` field names the
merged event): the view to score against gold annotated article by article, where an
event told by three articles is three gold rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from .model import DateValue, Entity, Event
from .store import EventFilter, Store

KINDS = ("articles", "events", "reports", "quotes", "entities")


class EntityIndex:
    """Entity lookup: the store's table (provisional ids merged into an identity included),
    then the knowledge base."""

    def __init__(self, store: Store, kb=None):
        self.by_id: dict[str, Entity] = {}
        for e in store.entities():
            self.by_id[e.id] = e
            for other in e.same_as:
                self.by_id.setdefault(other, e)
        self.kb = kb

    def get(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        found = self.by_id.get(entity_id)
        if found is None and self.kb is not None:
            found = self.kb.get(entity_id)
        return found

    def card(self, entity_id: str | None) -> dict[str, Any] | None:
        e = self.get(entity_id)
        if e is None:
            return {"id": entity_id, "name": entity_id, "aliases": [], "country": None,
                    "is_person": False} if entity_id else None
        return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.all_aliases(),
                "country": e.country, "is_person": e.is_person}


def event_row(event: Event, index: EntityIndex, texts: dict[str, tuple[str, str]]) -> dict:
    actors = []
    for a in event.actors:
        card = index.card(a.entity_id) or {}
        actors.append({**card, "role": a.role})
    place = index.get(event.place_id)
    mentions = []
    for m in event.mentions:
        text, lang = texts.get(m.article_id, ("", ""))
        mentions.append({"doc": m.article_id, "start": m.start, "end": m.end, "lang": lang,
                         "text": text[m.start:m.end]})
    return {
        "id": event.id, "type": event.type, "mode": event.mode, "actors": actors,
        "place": {"id": place.id, "name": place.name, "country": place.country,
                  "lat": place.lat, "lon": place.lon} if place else None,
        "date": event.date.to_dict() if event.date else None,
        "modality": event.modality, "confidence": round(event.confidence, 3),
        "mentions": mentions, "languages": sorted({m["lang"] for m in mentions if m["lang"]}),
        "variants": event.variants, "story": event.story_id,
        "known_event": event.known_event,
    }


def _told_order(event: Event) -> tuple[str, int]:
    first = min(event.mentions, key=lambda m: (m.article_id, m.start), default=None)
    return (first.article_id, first.start) if first else ("", 0)


def per_article(row: dict) -> Iterator[dict]:
    """A merged event's row split into one row per reporting article, each with the date
    and modality that article gives when the reports disagree (``variants``)."""
    for doc in dict.fromkeys(m["doc"] for m in row["mentions"]):
        mentions = [m for m in row["mentions"] if m["doc"] == doc]
        report = {**row, "id": f"{row['id']}@{doc}", "event": row["id"], "mentions": mentions,
                  "languages": sorted({m["lang"] for m in mentions if m.get("lang")})}
        dates = _own_values(row, "date", doc)
        if dates:
            stated = [v for v in dates if not v.get("approximate")] or dates
            report["date"] = DateValue.parse(stated[0]["value"]).to_dict()
        modalities = _own_values(row, "modality", doc)
        if modalities:
            report["modality"] = modalities[0]["value"]
        yield report


def _own_values(row: dict, field: str, doc: str) -> list[dict]:
    """The variants of ``field`` that article ``doc`` gave, most supported first."""
    values = (row.get("variants") or {}).get(field, {}).get("values", [])
    return [v for v in values if doc in v.get("articles", [])]


def rows(kind: str, store: Store, kb=None, flt: EventFilter | None = None) -> Iterator[dict]:
    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}; choose one of {', '.join(KINDS)}")
    index = EntityIndex(store, kb)
    if kind == "articles":
        for a in store.iter_articles(include_duplicates=True):
            yield {"id": a.id, "title": a.title, "text": a.text, "lang": a.lang, "site": a.site,
                   "url": a.url, "author": a.author,
                   "published": a.published.to_dict() if a.published else None,
                   "published_source": a.published_source, "content_hash": a.content_hash,
                   "duplicate_of": a.duplicate_of, "source": a.source}
    elif kind in ("events", "reports"):
        texts = {a.id: (a.text, a.lang) for a in store.iter_articles()}
        # in the order the articles tell them: by first article, then position in it
        for event in sorted(store.events(flt), key=_told_order):
            row = event_row(event, index, texts)
            yield from (per_article(row) if kind == "reports" else [row])
    elif kind == "quotes":
        for a in store.iter_articles():
            for q in a.quotes:
                yield {"doc": a.id, "start": q.start, "end": q.end,
                       "text": a.text[q.start:q.end], "kind": q.kind, "lang": a.lang,
                       "speaker": index.card(q.speaker_entity_id)}
    else:
        for e in store.entities():
            yield {"id": e.id, "type": e.type, "name": e.name, "country": e.country,
                   "kind": e.kind, "aliases": e.aliases,
                   "languages": sorted(e.mentions_by_lang),
                   "roles": [r.__dict__ for r in e.roles], "mentions": e.mention_count,
                   "mentions_by_lang": e.mentions_by_lang, "is_person": e.is_person,
                   "curated": e.curated, "same_as": e.same_as, "lat": e.lat, "lon": e.lon}


def write(records: Iterable[dict], fmt: str, out: TextIO) -> int:
    """Write rows as jsonl or csv (nested values JSON-encoded); returns the row count."""
    n = 0
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}; choose jsonl or csv")
    writer = None
    for r in records:
        flat = {k: v if isinstance(v, str | int | float | type(None)) else
                json.dumps(v, ensure_ascii=False) for k, v in r.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    return n

"""Article and merged objects to and from JSON-ready dicts (what the store keeps)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import (
    Article,
    DateValue,
    Entity,
    EntityMention,
    Event,
    EventActor,
    EventMention,
    MentionRef,
    Quote,
    Role,
    Span,
    Story,
    TimeExpr,
    to_plain,
)

_ANNOTATIONS = {
    "paragraphs": Span, "sentences": Span, "entities": EntityMention, "times": TimeExpr,
    "quotes": Quote,
}


def _date(value: dict | None) -> DateValue | None:
    return DateValue.from_dict(value) if value else None


def article_to_dict(article: Article) -> dict[str, Any]:
    data = to_plain(article)
    data.pop("raw", None)  # the raw input is not kept: the cleaned text is the record
    return data


def article_from_dict(data: dict[str, Any]) -> Article:
    data = dict(data)
    data["published"] = _date(data.get("published"))
    for key, cls in _ANNOTATIONS.items():
        items = []
        for item in data.get(key, []):
            if cls is TimeExpr:
                item = {**item, "value": _date(item.get("value"))}
            items.append(cls(**item))
        data[key] = items
    data["events"] = [event_mention_from_dict(e) for e in data.get("events", [])]
    return Article(**data)


def event_mention_from_dict(data: dict[str, Any]) -> EventMention:
    data = dict(data)
    data["actors"] = [EventActor(**a) for a in data.get("actors", [])]
    data["date"] = _date(data.get("date"))
    return EventMention(**data)


def entity_from_dict(data: dict[str, Any]) -> Entity:
    data = dict(data)
    data["roles"] = [Role(**r) for r in data.get("roles", [])]
    return Entity(**data)


def event_from_dict(data: dict[str, Any]) -> Event:
    data = dict(data)
    data["actors"] = [EventActor(**a) for a in data.get("actors", [])]
    data["mentions"] = [MentionRef(**m) for m in data.get("mentions", [])]
    data["date"] = _date(data.get("date"))
    return Event(**data)


def story_from_dict(data: dict[str, Any]) -> Story:
    data = dict(data)
    for key in ("start", "end"):
        data[key] = date.fromisoformat(data[key]) if data.get(key) else None
    return Story(**data)

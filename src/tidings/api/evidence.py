"""Highlights: annotations of an article as marks, and marks cut into renderable segments.

An article's annotations overlap (an actor inside an event's evidence sentence, a date
inside a quotation). ``segments()`` cuts a stretch of text at every mark boundary, so each
segment carries the set of marks covering it; the template renders one element per
segment and escapes its text. Nothing here produces HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, EventMention


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # evidence, trigger, actor, entity, date, quote, place
    label: str = ""
    entity_id: str | None = None
    event_id: str | None = None
    focus: bool = False  # part of the event the reader came to see


@dataclass
class Segment:
    start: int
    end: int
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        return sorted({m.kind for m in self.marks})

    @property
    def focus(self) -> bool:
        return any(m.focus for m in self.marks)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks if m.label))

    @property
    def link(self) -> tuple[str, str] | None:
        """Where the segment leads: ("event", id) or ("entity", id); marks of the focused
        event first, then the innermost."""
        for mark in sorted(self.marks, key=lambda m: (not m.focus, m.end - m.start)):
            if mark.kind == "trigger" and mark.event_id:
                return "event", mark.event_id
            if mark.entity_id and mark.kind in ("actor", "entity", "place"):
                return "entity", mark.entity_id
        return None

    @property
    def anchors(self) -> list[str]:
        """Ids of the evidence spans that start here (for #m-<start>-<end> links)."""
        return [f"m-{m.start}-{m.end}" for m in self.marks
                if m.kind == "evidence" and m.start == self.start]


def segments(text: str, marks: list[Mark], start: int = 0, end: int | None = None
             ) -> list[Segment]:
    """Cut ``text[start:end]`` at every boundary of the marks that overlap it."""
    end = len(text) if end is None else end
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = sorted({start, end, *(max(start, m.start) for m in inside),
                   *(min(end, m.end) for m in inside)})
    out = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in inside if m.start <= lo and m.end >= hi]
        out.append(Segment(lo, hi, text[lo:hi], covering))
    return out


def blocks(article: Article, marks: list[Mark]) -> list[list[Segment]]:
    """The article's paragraphs (or its blank-line blocks), each cut into segments."""
    spans = [(p.start, p.end) for p in article.paragraphs]
    if not spans:
        pos = 0
        for chunk in article.text.split("\n\n"):
            spans.append((pos, pos + len(chunk)))
            pos += len(chunk) + 2
    return [segments(article.text, marks, lo, hi) for lo, hi in spans if hi > lo]


def mention_marks(article: Article, mention: EventMention, names: dict[str, str],
                  event_id: str | None = None, focus: bool = True) -> list[Mark]:
    """An event mention's evidence: its span, trigger, actors, place and date expression."""
    out = [Mark(mention.start, mention.end, "evidence", f"evidence of {mention.type}",
                event_id=event_id, focus=focus),
           Mark(mention.trigger_start, mention.trigger_end, "trigger",
                f"trigger: {mention.type}" + (f" ({mention.mode})" if mention.mode else ""),
                event_id=event_id, focus=focus)]
    for actor in mention.actors:
        if actor.start is not None and actor.end is not None:
            out.append(Mark(actor.start, actor.end, "actor",
                            f"{actor.role}: {names.get(actor.entity_id, actor.entity_id)}",
                            entity_id=actor.entity_id, focus=focus))
    if mention.place_id:
        for ent in article.entities:
            if ent.entity_id == mention.place_id and mention.start <= ent.start < mention.end:
                out.append(Mark(ent.start, ent.end, "place",
                                f"place: {names.get(ent.entity_id, ent.entity_id)}",
                                entity_id=ent.entity_id, focus=focus))
    date_span = _date_span(mention.date_source)
    if date_span:
        label = f"date: {mention.date.iso()}" if mention.date else "date"
        out.append(Mark(*date_span, "date", label, focus=focus))
    return out


def article_marks(article: Article, names: dict[str, str],
                  event_ids: dict[tuple[int, int, str], str]) -> list[Mark]:
    """Every annotation of an article: entity mentions, time expressions, quotations and
    event triggers (linked to their merged event)."""
    out = []
    for ent in article.entities:
        name = names.get(ent.entity_id or "", ent.entity_id or "unlinked")
        out.append(Mark(ent.start, ent.end, "entity", f"{ent.label}: {name}",
                        entity_id=ent.entity_id))
    for t in article.times:
        value = t.value.iso() if t.value else "unresolved"
        out.append(Mark(t.start, t.end, "date", f"{t.kind}: {value} ({t.reason})"
                        if t.reason else f"{t.kind}: {value}"))
    for q in article.quotes:
        speaker = names.get(q.speaker_entity_id or "", q.speaker_entity_id or "unknown")
        out.append(Mark(q.start, q.end, "quote", f"{q.kind} quotation: {speaker}",
                        entity_id=q.speaker_entity_id))
    for m in article.events:
        event_id = event_ids.get((m.start, m.end, m.type))
        out.append(Mark(m.trigger_start, m.trigger_end, "trigger",
                        f"{m.type} ({m.modality})", event_id=event_id))
    return out


def _date_span(source: str) -> tuple[int, int] | None:
    """The offsets in a ``date_source`` like 't:187-199' (or 'lead:t:12-20', a date
    taken from the article's lead)."""
    source = source.removeprefix("lead:")
    if not source.startswith("t:"):
        return None
    try:
        lo, hi = (int(x) for x in source[2:].split("-", 1))
    except ValueError:
        return None
    return (lo, hi) if hi > lo else None

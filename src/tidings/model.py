"""The data model: an Article owns its cleaned text; everything found in it is a span.

Spans are (start, end) character offsets into ``Article.text``. Their ``text`` property
reads the article, so an annotation can never drift out of sync with the words it points at.
Merged, corpus-level objects (``Entity``, ``Event``, ``Story``) refer back to articles
through ``MentionRef`` (article id plus offsets).
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Granularity = Literal["day", "month", "year"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC"]
ActorRole = Literal["source", "target", "participant"]
Modality = Literal["asserted", "planned", "speculated", "cancelled", "negated", "hypothetical"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "planned", "speculated", "cancelled", "negated", "hypothetical")
GRANULARITY_RANK = {"year": 1, "month": 2, "day": 3}


def content_hash(text: str) -> str:
    """Stable identity of a cleaned text: whitespace-insensitive SHA-1."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DateValue:
    """A calendar interval with the precision the text gave it."""

    start: date
    end: date
    granularity: Granularity

    @classmethod
    def day(cls, d: date) -> DateValue:
        return cls(d, d, "day")

    @classmethod
    def month(cls, year: int, month: int) -> DateValue:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def year(cls, year: int) -> DateValue:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def parse(cls, value: str) -> DateValue:
        """'2019', '2019-09', '2019-09-04' or a range 'A/B' (the coarser precision wins)."""
        if "/" in value:
            a, b = (cls.parse(v) for v in value.split("/", 1))
            gran = min(a.granularity, b.granularity, key=GRANULARITY_RANK.__getitem__)
            return cls(a.start, b.end, gran)
        parts = [int(p) for p in value.strip().split("-")]
        if len(parts) == 1:
            return cls.year(parts[0])
        if len(parts) == 2:
            return cls.month(parts[0], parts[1])
        return cls.day(date(parts[0], parts[1], parts[2]))

    def iso(self) -> str:
        """The compact form used in gold files: 2019, 2019-09, 2019-09-04 or A/B."""
        def one(d: date, g: str) -> str:
            return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(
                g, d.isoformat())
        first = one(self.start, self.granularity)
        if self.granularity == "day" and self.end != self.start:
            return f"{first}/{self.end.isoformat()}"
        if DateValue.parse(first).end != self.end:
            return f"{first}/{one(self.end, self.granularity)}"
        return first

    def to_dict(self) -> dict[str, str]:
        out = {"start": self.start.isoformat(), "granularity": self.granularity}
        if self.end != self.start:
            out["end"] = self.end.isoformat()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> DateValue:
        start = date.fromisoformat(data["start"])
        end = date.fromisoformat(data.get("end") or data["start"])
        return cls(start, end, data.get("granularity", "day"))  # type: ignore[arg-type]


@dataclass
class Span:
    """Offsets into an article's text; subclasses add what was found there."""

    start: int
    end: int

    def text_in(self, article: Article) -> str:
        return article.text[self.start:self.end]


@dataclass
class EntityMention(Span):
    label: EntityType
    entity_id: str | None = None  # None until linked
    # how it was found: kb (alias), ner (model), rule, sound, fuzzy (near spelling), surname,
    # new (provisional id), office (title without a name), coref (description), adjective
    method: str = ""
    role: str | None = None  # the office the text gives ("the defence minister", "Präsident X")
    country: str | None = None  # country the context gives the name ("the Russian envoy X")
    confidence: float = 1.0
    name: str | None = None  # the name's normal form when the text inflects it (Ильхамом)


@dataclass
class TimeExpr(Span):
    value: DateValue | None  # None: found but could not be resolved (no anchor)
    reason: str = ""  # how it was resolved, for the evidence view
    kind: str = "date"  # date, range, duration, age (durations and ages never date events)
    # event: when the clause's event happened ('on Monday'); attribute: dates the noun it
    # modifies ('the 1997 accord'); span: a state's period ('since 1991'); complement: dates
    # the clause it introduces ('two days after he met ...'), not the one it stands in
    role: str = "event"
    anchor: str = ""  # what the value counts from: "publication", "t:120-135" or "" (absolute)


@dataclass
class Quote(Span):
    """A quotation: the span covers the quoted words, the cue the reporting verb."""

    speaker_entity_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: Literal["direct", "indirect"] = "direct"
    cue: str = ""


@dataclass
class EventActor:
    entity_id: str
    role: ActorRole
    start: int | None = None  # the mention the actor was read from, when there is one
    end: int | None = None


@dataclass
class EventMention(Span):
    """An event as one sentence of one article states it; the span is the evidence."""

    type: str
    mode: str | None = None
    trigger_start: int = 0
    trigger_end: int = 0
    actors: list[EventActor] = field(default_factory=list)
    place_id: str | None = None
    date: DateValue | None = None
    # where the date came from: time-expression offsets "t:12-20", the lead's date
    # "lead:t:12-20" (approximate), a known event's days "known:<id>", or "publication"
    date_source: str = "publication"
    date_approximate: bool = True
    modality: Modality = "asserted"
    confidence: float = 0.5
    known_event: str | None = None  # the knowledge base's known event it reports, if any


@dataclass
class Article:
    """One news article. Owns its cleaned text; every annotation is a span into it."""

    id: str
    text: str = ""
    title: str = ""
    lang: str = ""
    site: str = ""
    url: str = ""
    author: str = ""
    published: DateValue | None = None
    published_source: str = ""  # meta, html, sidecar, dateline, inferred
    raw: str = ""  # what the reader produced before cleaning (text or HTML)
    raw_format: Literal["text", "html"] = "text"
    source: str = ""  # file path, URL or "<file>#<record>"
    provenance: dict[str, Any] = field(default_factory=dict)
    duplicate_of: str | None = None
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # boilerplate lines dropped, for review

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def span_text(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def sentence_of(self, offset: int) -> Span | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def paragraph_of(self, offset: int) -> Span | None:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        return None


@dataclass
class Role:
    """An office held by an entity over a period (dates as YYYY[-MM[-DD]], end None = now)."""

    key: str
    country: str | None = None
    org: str | None = None
    to: str | None = None
    start: str | None = None
    end: str | None = None

    def active_on(self, day: date) -> bool:
        start = DateValue.parse(self.start).start if self.start else date.min
        end = DateValue.parse(self.end).end if self.end else date.max
        return start <= day <= end


@dataclass
class Entity:
    """One identity across languages and scripts."""

    id: str
    type: EntityType
    name: str
    country: str | None = None
    kind: str = ""  # person, state, region, city, igo, government_body, news_agency, ...
    aliases: dict[str, list[str]] = field(default_factory=dict)  # lang -> names
    roles: list[Role] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    curated: bool = True  # False for entities discovered in text
    same_as: list[str] = field(default_factory=list)  # provisional ids merged into this one
    mention_count: int = 0
    mentions_by_lang: dict[str, int] = field(default_factory=dict)  # lang -> mentions seen

    @property
    def is_person(self) -> bool:
        return self.type == "PERSON"

    def all_aliases(self) -> list[str]:
        seen: dict[str, None] = {self.name: None}
        for names in self.aliases.values():
            seen.update((n, None) for n in names)
        return list(seen)

    def roles_on(self, day: date) -> list[Role]:
        return [r for r in self.roles if r.active_on(day)]


@dataclass(frozen=True)
class MentionRef:
    """Where a merged object was read: an article and a span of it."""

    article_id: str
    start: int
    end: int


@dataclass
class Event:
    """A real-world event, merged from one or more event mentions."""

    id: str
    type: str
    mode: str | None
    actors: list[EventActor]
    place_id: str | None
    date: DateValue | None
    modality: Modality
    confidence: float
    mentions: list[MentionRef] = field(default_factory=list)
    variants: dict[str, Any] = field(default_factory=dict)  # disagreements between reports
    story_id: str | None = None
    known_event: str | None = None  # the knowledge base's known event (kb/data/events.toml)


@dataclass
class Story:
    id: str
    label: str
    article_ids: list[str]
    start: date | None = None
    end: date | None = None
    entity_ids: list[str] = field(default_factory=list)


def to_plain(obj: Any) -> Any:
    """Dataclass -> JSON-ready structures (dates as ISO strings)."""
    if isinstance(obj, DateValue):
        return obj.to_dict()
    if isinstance(obj, date):
        return obj.isoformat()
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_plain(getattr(obj, k)) for k in obj.__dataclass_fields__}
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_plain(v) for v in obj]
    return obj


__all__ = [
    "Article", "DateValue", "Entity", "EntityMention", "Event", "EventActor", "EventMention",
    "MentionRef", "Quote", "Role", "Span", "Story", "TimeExpr", "asdict", "content_hash",
    "to_plain", "PLOVER_TYPES", "MODALITIES",
]

"""What the HTTP API accepts (query models) and returns (output models).

Inputs and outputs are separate models. Query models forbid unknown parameters, treat an
empty form field as absent and turn a bad value into a 422 that names the parameter and
says what would be accepted. Output models are built by the service layer from the store's
dataclasses; offsets (``start``, ``end``) are character offsets into an article's text.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..model import PLOVER_TYPES, DateValue

PloverType = StrEnum("PloverType", {t: t for t in PLOVER_TYPES})  # type: ignore[misc]


def _date_text(value: str) -> str:
    try:
        DateValue.parse(value)
    except (ValueError, IndexError):
        raise ValueError(f"{value!r} is not a date like 2020, 2020-11 or 2020-11-10") from None
    return value


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


DateText = Annotated[str, Field(max_length=10, examples=["2020-11"]), AfterValidator(_date_text)]
Lang = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", examples=["ru"])]
Iso3 = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$", examples=["ARM"])]
Text = Annotated[str, Field(min_length=1, max_length=200)]


class QueryModel(BaseModel):
    """Base of every query model: unknown parameters are errors, blank fields are absent."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = {}
        for key, value in data.items():
            if isinstance(value, list):
                value = [v for v in value if not (isinstance(v, str) and not v.strip())]
                if value:
                    out[key] = value
            elif not (isinstance(value, str) and not value.strip()):
                out[key] = value
        return out


class PageQuery(QueryModel):
    limit: int = Field(50, ge=1, le=500, description="Items per page (1-500).")
    offset: int = Field(0, ge=0, description="Items to skip.")


class EventQuery(PageQuery):
    actor: list[Text] = Field(
        [], max_length=2,
        description="Entity id, or part of a name or alias in any script; give two for "
                    "events with both actors.")
    country: list[Iso3] = Field(
        [], max_length=2,
        description="ISO-3 code of an actor's country; give two for a country pair.")
    type: Annotated[PloverType, BeforeValidator(_upper)] | None = Field(
        None, description="PLOVER event type (any case).")
    since: DateText | None = Field(None, description="Events ending on or after this date.")
    until: DateText | None = Field(None, description="Events starting on or before this date.")
    lang: Lang | None = Field(None, description="Reported in an article in this language.")
    source: Text | None = Field(None, description="Reported by this site.")
    article: Text | None = Field(None, description="Reported in this article (its id).")

    @model_validator(mode="after")
    def _ordered(self) -> EventQuery:
        if self.since and self.until and \
                DateValue.parse(self.since).start > DateValue.parse(self.until).end:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self


class TimelineQuery(EventQuery):
    limit: int = Field(200, ge=1, le=500, description="Events per page (1-500).")
    zoom: Literal["year", "month", "day"] = Field(
        "year", description="The period events are counted and grouped by.")


class DyadsQuery(EventQuery):
    kind: Literal["country", "actor"] = Field("country", description="Pair countries or actors.")
    limit: int = Field(20, ge=1, le=500, description="Pairs to list.")


class DyadQuery(EventQuery):
    a: Text = Field(description="A country (ISO-3) or an entity id.")
    b: Text = Field(description="Another country (ISO-3) or entity id.")
    kind: Literal["country", "actor"] | None = Field(
        None, description="Pair countries or actors; by default countries when both are "
                          "three-letter codes.")
    zoom: Literal["year", "month", "day"] = "year"

    def pair_kind(self) -> str:
        if self.kind:
            return self.kind
        iso = re.compile(r"^[A-Za-z]{3}$")
        return "country" if iso.match(self.a) and iso.match(self.b) else "actor"


class DyadPageQuery(DyadQuery):
    """The dyad page: without a pair it shows a form and the most active pairs."""

    a: Text | None = None  # type: ignore[assignment]
    b: Text | None = None  # type: ignore[assignment]


class ArticleQuery(PageQuery):
    lang: Lang | None = None
    source: Text | None = Field(None, description="Site the article was published on.")
    since: DateText | None = Field(None, description="Published on or after this date.")
    until: DateText | None = Field(None, description="Published on or before this date.")
    duplicates: bool = Field(False, description="Include syndicated near-copies.")


class EntityQuery(PageQuery):
    q: Text | None = Field(None, description="Part of a name or alias, in any script.")
    type: Literal["PERSON", "ORG", "GPE", "LOC"] | None = None
    country: Iso3 | None = None


class QuoteQuery(PageQuery):
    speaker: Text | None = Field(None, description="Entity id of the speaker.")
    article: Text | None = None
    lang: Lang | None = None


class SearchQuery(PageQuery):
    q: Annotated[str, Field(min_length=1, max_length=200, description="Words to find.")]
    limit: int = Field(20, ge=1, le=100)


class SearchPageQuery(PageQuery):
    q: Annotated[str, Field(max_length=200)] = ""
    limit: int = Field(20, ge=1, le=100)


class GraphQuery(EventQuery):
    limit: int = Field(150, ge=1, le=1000, description="Most active pairs to draw.")


class ExportQuery(EventQuery):
    format: Literal["jsonl", "csv"] = "jsonl"
    limit: int = Field(100_000, ge=1, le=1_000_000)


# --- outputs ------------------------------------------------------------------------
T = TypeVar("T")


class Paged(BaseModel, Generic[T]):
    total: int = Field(description="Items matching the filters, over every page.")
    limit: int
    offset: int
    items: list[T]

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def prev_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


class EntityRef(BaseModel):
    id: str
    name: str
    type: str | None = None
    country: str | None = None


class DateOut(BaseModel):
    start: date
    end: date
    granularity: str
    label: str = Field(description="Compact form: 2019, 2019-09, 2019-09-04 or A/B.")


class RoleOut(BaseModel):
    key: str
    label: str
    country: str | None = None
    org: str | None = None
    start: str | None = None
    end: str | None = None


class AliasOut(BaseModel):
    lang: str
    name: str
    script: str


class EntityOut(EntityRef):
    kind: str = ""
    aliases: list[AliasOut] = []
    roles: list[RoleOut] = []
    lat: float | None = None
    lon: float | None = None
    mentions: int = 0
    curated: bool = True


class NeighbourOut(BaseModel):
    entity: EntityRef
    events: int


class ActorOut(BaseModel):
    entity: EntityRef
    role: str


class PlaceOut(EntityRef):
    lat: float | None = None
    lon: float | None = None
    events: int = 0
    layer: Literal["event", "mentioned"] = "event"


class EventOut(BaseModel):
    id: str
    type: str
    mode: str | None
    category: str = Field(description="cooperative, neutral or conflictual (plover.toml).")
    date: DateOut | None
    modality: str
    confidence: float
    actors: list[ActorOut]
    place: PlaceOut | None
    reports: int = Field(description="How many article spans report the event.")
    story_id: str | None = None
    known_event: str | None = Field(
        default=None, description="The known event of the knowledge base it is, if any.")


class HighlightOut(BaseModel):
    start: int
    end: int
    kind: Literal["evidence", "trigger", "actor", "entity", "date", "quote", "place"]
    label: str = ""
    entity_id: str | None = None


class EvidenceOut(BaseModel):
    article_id: str
    title: str
    lang: str
    site: str
    url: str
    published: date | None
    start: int
    end: int
    text: str
    highlights: list[HighlightOut]


class EventDetailOut(EventOut):
    evidence: list[EvidenceOut]
    languages: dict[str, int] = Field(description="Reports by article language.")
    variants: dict[str, Any] = {}


class ArticleSummaryOut(BaseModel):
    id: str
    title: str
    lang: str
    site: str
    url: str
    published: date | None
    duplicate_of: str | None = None


class ArticleEventOut(BaseModel):
    start: int
    end: int
    type: str
    event_id: str = Field(description="The merged event this mention belongs to.")


class ArticleOut(ArticleSummaryOut):
    author: str = ""
    text: str
    highlights: list[HighlightOut]
    events: list[ArticleEventOut] = Field(description="The article's event mentions.")


class QuoteOut(BaseModel):
    article_id: str
    title: str
    lang: str
    published: date | None
    start: int
    end: int
    text: str
    kind: str
    speaker: EntityRef | None


class StoryOut(BaseModel):
    id: str
    label: str
    article_ids: list[str]
    start: date | None
    end: date | None
    entities: list[EntityRef]


class Fragment(BaseModel):
    text: str
    match: bool = False


class SearchHitOut(BaseModel):
    article_id: str
    title: str
    fragments: list[Fragment] = Field(description="The snippet, matched words flagged.")


class DyadOut(BaseModel):
    a: EntityRef
    b: EntityRef
    events: int


class PeriodOut(BaseModel):
    period: str
    total: int
    categories: dict[str, int]
    types: dict[str, int]


class DyadDetailOut(BaseModel):
    kind: str
    a: EntityRef
    b: EntityRef
    categories: dict[str, int]
    periods: list[PeriodOut]
    events: Paged[EventOut]


class GraphNode(EntityRef):
    events: int


class GraphEdge(BaseModel):
    source: str
    target: str
    events: int


class GraphOut(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class OverviewOut(BaseModel):
    counts: dict[str, int]
    languages: dict[str, int]
    sources: dict[str, int]
    latest: list[EventOut]
    country_dyads: list[DyadOut]
    actor_dyads: list[DyadOut]
    categories: dict[str, int]


class ErrorOut(BaseModel):
    detail: str

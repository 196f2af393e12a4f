"""The JSON API under /api: one thin route per service method.

Every list is paginated (``limit``, ``offset``, ``total``); event lists take the filters of
:class:`~tidings.api.schemas.EventQuery` (actor or actor pair, country or country pair,
type, date range, language, source). The OpenAPI document is at /api/openapi.json.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response

from . import schemas as s
from .deps import (
    ArticleParams,
    DyadParams,
    DyadsParams,
    EntityParams,
    EventParams,
    ExportParams,
    GraphParams,
    PageParams,
    QuoteParams,
    SearchParams,
    ServiceDep,
    TimelineParams,
)

router = APIRouter(prefix="/api", responses={
    404: {"model": s.ErrorOut, "description": "No such object."},
    422: {"description": "A parameter is malformed; the message says which and why."}})

Id = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/overview", tags=["overview"])
def overview(svc: ServiceDep) -> s.OverviewOut:
    """Counts, the latest events and the most active country and actor pairs."""
    return svc.overview()


@router.get("/events", tags=["events"])
def list_events(svc: ServiceDep, q: EventParams) -> s.Paged[s.EventOut]:
    """Merged events, oldest first."""
    return svc.events(q)


@router.get("/events/{event_id}", tags=["events"])
def get_event(svc: ServiceDep, event_id: Id) -> s.EventDetailOut:
    """One event with every report of it: the article span and what to highlight in it."""
    return svc.event_detail(event_id)


@router.get("/timeline", tags=["events"])
def timeline(svc: ServiceDep, q: TimelineParams) -> list[s.PeriodOut]:
    """Event counts by period (``zoom``), by PLOVER type and by cooperative/conflictual
    category."""
    return svc.periods(q.zoom, svc.event_filter(q, paged=False))


@router.get("/dyads", tags=["events"])
def dyads(svc: ServiceDep, q: DyadsParams) -> list[s.DyadOut]:
    """The most active pairs of countries or of actors (``limit`` pairs)."""
    return svc.dyads(q.kind, q.limit, svc.event_filter(q, paged=False))


@router.get("/dyad", tags=["events"])
def dyad(svc: ServiceDep, q: DyadParams) -> s.DyadDetailOut:
    """Interactions of two countries or two actors over time, cooperative vs conflictual."""
    return svc.dyad(q)


@router.get("/graph", tags=["entities"])
def graph(svc: ServiceDep, q: GraphParams) -> s.GraphOut:
    """The actor network: actors linked by the events they share (``limit`` pairs)."""
    return svc.graph(q)


@router.get("/places", tags=["events"])
def places(svc: ServiceDep, q: EventParams) -> list[s.PlaceOut]:
    """Places with coordinates: where events happened, and places acting in events."""
    return svc.places(q)


@router.get("/articles", tags=["articles"])
def list_articles(svc: ServiceDep, q: ArticleParams) -> s.Paged[s.ArticleSummaryOut]:
    """Articles, newest first."""
    return svc.articles(q)


@router.get("/articles/{article_id}", tags=["articles"])
def get_article(svc: ServiceDep, article_id: Id) -> s.ArticleOut:
    """An article's cleaned text with its annotations as offsets."""
    return svc.article(article_id)


@router.get("/entities", tags=["entities"])
def list_entities(svc: ServiceDep, q: EntityParams) -> s.Paged[s.EntityOut]:
    """People, organisations and places, most mentioned first."""
    return svc.entities(q)


@router.get("/entities/{entity_id}", tags=["entities"])
def get_entity(svc: ServiceDep, entity_id: Id) -> s.EntityOut:
    """One entity: aliases in every language and script, roles over time."""
    return svc.entity(entity_id)


@router.get("/entities/{entity_id}/neighbours", tags=["entities"])
def neighbours(svc: ServiceDep, q: PageParams, entity_id: Id) -> list[s.NeighbourOut]:
    """Entities that share events with this one, most shared first (``limit`` of them)."""
    return svc.neighbours(entity_id, q.limit)


@router.get("/quotes", tags=["quotes"])
def list_quotes(svc: ServiceDep, q: QuoteParams) -> s.Paged[s.QuoteOut]:
    """Quotations with their speakers."""
    return svc.quotes(q)


@router.get("/stories", tags=["stories"])
def list_stories(svc: ServiceDep, q: PageParams) -> s.Paged[s.StoryOut]:
    """Stories: articles grouped by the events they share."""
    return svc.stories(q)


@router.get("/search", tags=["articles"])
def search(svc: ServiceDep, q: SearchParams) -> s.Paged[s.SearchHitOut]:
    """Full-text search over article titles and text, best match first."""
    return svc.search(q)


@router.get("/export/{kind}", tags=["export"], response_class=Response, responses={
    200: {"content": {"application/x-ndjson": {}, "text/csv": {}},
          "description": "The rows of `tidings export KIND`, as JSON Lines or CSV."}})
def export(svc: ServiceDep, kind: Literal["articles", "events", "quotes", "entities"],
           q: ExportParams) -> Response:
    """Export articles, events, quotes or entities (the event filters apply to events)."""
    media = "application/x-ndjson" if q.format == "jsonl" else "text/csv"
    return Response(svc.export(kind, q), media_type=f"{media}; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{kind}.{q.format}"'})

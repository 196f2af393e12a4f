"""Server-rendered pages: readable without JavaScript, every value escaped by Jinja2.

Each route asks the service for what it shows and hands it to a template in web/templates.
Figures are drawn as SVG here (see ``charts``); the scripts in web/static/js replace them
with interactive versions when the vendor libraries are installed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..store.base import EventFilter
from ..web import templates_dir, vendor_files
from . import charts
from . import schemas as s
from .deps import (
    ArticleParams,
    DyadPageParams,
    EntityParams,
    EventParams,
    GraphParams,
    SearchPageParams,
    ServiceDep,
    TimelineParams,
)
from .evidence import blocks, segments
from .service import Service, known_event_labels

router = APIRouter(include_in_schema=False)
Id = Annotated[str, Path(min_length=1, max_length=200)]
ZOOM_IN = {"year": "month", "month": "day", "day": "day"}


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir()), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.globals.update(with_query=with_query, version=__version__)
    return Jinja2Templates(env=env)


def with_query(request: Request, **changes: Any) -> str:
    """The current URL's query string with some parameters changed (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if isinstance(value, list | tuple):
            params += [(key, str(v)) for v in value]
        elif value is not None and value != "":
            params.append((key, str(value)))
    return "?" + urlencode(params) if params else "?"


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    state = request.app.state.tidings
    context.setdefault("nav", "")
    context.update(request=request, vendor=vendor_files(), split=state.split,
                   store_url=state.config.store.url)
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status)


def error_page(request: Request, status: int, title: str, problems: list[str]) -> Response:
    return render(request, "error.html", status, title=title, problems=problems, code=status)


def _facets(svc: Service) -> dict[str, list[str]]:
    """The languages and sources of the stored articles, for the filter forms."""
    facets = svc.store.article_facets()
    return {"langs": list(facets.get("lang", {})), "sources": list(facets.get("site", {}))}


def _filters(svc: Service, q: s.EventQuery) -> dict[str, Any]:
    """Choices for the event filter form."""
    return {**_facets(svc), "types": [t.value for t in s.PloverType], "q": q}


def _period_href(request: Request, zoom: str, period: str) -> str:
    return "/timeline" + with_query(request, zoom=ZOOM_IN[zoom], since=period, until=period,
                                    offset=None)


def _bars(svc: Service, periods: list[s.PeriodOut], href: dict[str, str] | None = None
          ) -> charts.BarChart:
    return charts.stacked_bars([(p.period, p.categories) for p in periods],
                               svc.split.categories, svc.split.labels, href)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, svc: ServiceDep) -> Response:
    data = svc.overview()
    stories = svc.stories(s.PageQuery(limit=12))
    periods = svc.periods("year")
    chart = _bars(svc, periods, {p.period: f"/timeline?zoom=month&since={p.period}"
                                           f"&until={p.period}" for p in periods})
    return render(request, "overview.html", nav="overview", data=data, stories=stories,
                  chart=chart)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, svc: ServiceDep, q: TimelineParams) -> Response:
    periods = svc.periods(q.zoom, svc.event_filter(q, paged=False))
    chart = _bars(svc, periods, {p.period: _period_href(request, q.zoom, p.period)
                                 for p in periods})
    page = svc.events(q)
    width = {"year": 4, "month": 7, "day": 10}[q.zoom]
    groups: dict[str, list[s.EventOut]] = defaultdict(list)
    for e in page.items:
        groups[e.date.start.isoformat()[:width] if e.date else "undated"].append(e)
    zoom_in = {} if q.zoom == "day" else {
        period: _period_href(request, q.zoom, period) for period in groups if period != "undated"}
    zoom_out = None
    if q.zoom != "year":
        year = (q.since or "")[:4]
        zoom_out = with_query(request, zoom="year" if q.zoom == "month" else "month",
                              since=year if q.zoom == "day" else None,
                              until=year if q.zoom == "day" else None, offset=None)
    return render(request, "timeline.html", nav="timeline", page=page, groups=groups,
                  chart=chart, zoom_out=zoom_out, zoom_in=zoom_in, **_filters(svc, q))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, svc: ServiceDep, event_id: Id) -> Response:
    ev = svc.get_event(event_id)
    out = svc.event_out(ev)
    reports = []
    for view in svc.evidence(ev):
        a = view.article
        if a is None:
            reports.append({"view": view, "blocks": []})
            continue
        para = a.paragraph_of(view.ref.start)
        lo, hi = (para.start, para.end) if para else (view.ref.start, view.ref.end)
        reports.append({"view": view, "blocks": [segments(a.text, view.marks, lo, max(
            hi, view.ref.end))]})
    by_lang: dict[str, list[dict]] = defaultdict(list)
    listed: set[str] = set()
    for r in reports:  # one row per source article, however often it tells the event
        a = r["view"].article
        if r["view"].ref.article_id not in listed:
            listed.add(r["view"].ref.article_id)
            by_lang[a.lang if a else "?"].append(r)
    known = known_event_labels().get(ev.known_event or "", ev.known_event)
    return render(request, "event.html", nav="timeline", e=out, reports=reports, known=known,
                  by_lang=dict(sorted(by_lang.items())),
                  variants=_named_variants(svc, ev.variants))


def _named_variants(svc: ServiceDep, variants: dict) -> dict:
    """The disagreements of an event with entity names in place of ids."""
    names = svc.names()
    named = {}
    for field, v in variants.items():
        if field in ("place", "actors") and isinstance(v, dict):
            values = [{**alt, "value": [names.get(i, i) for i in alt["value"]]
                       if isinstance(alt.get("value"), list) else names.get(alt.get("value"),
                                                                           alt.get("value"))}
                      for alt in v.get("values", [])]
            v = {**v, "values": values}
        named[field] = v
    return named


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, svc: ServiceDep, q: EntityParams) -> Response:
    return render(request, "actors.html", nav="actors", page=svc.entities(q), q=q)


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor(request: Request, svc: ServiceDep, entity_id: Id) -> Response:
    entity = svc.entity(entity_id)
    events = svc.events(s.EventQuery(actor=[entity.id], limit=100))
    periods = svc.periods("year", EventFilter(actor_id=entity.id))
    chart = _bars(svc, periods, {p.period: f"/timeline?actor={entity.id}&zoom=month"
                                           f"&since={p.period}&until={p.period}"
                                 for p in periods})
    by_lang: dict[str, list[s.AliasOut]] = defaultdict(list)
    for alias in entity.aliases:
        by_lang[alias.lang].append(alias)
    return render(request, "actor.html", nav="actors", entity=entity, events=events,
                  chart=chart, aliases=dict(by_lang),
                  neighbours=svc.neighbours(entity.id, 25),
                  quotes=svc.quotes(s.QuoteQuery(speaker=entity.id, limit=50)))


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, svc: ServiceDep, q: DyadPageParams) -> Response:
    suggestions = {"country": svc.dyads("country", 12), "actor": svc.dyads("actor", 12)}
    if not (q.a and q.b):
        return render(request, "dyad.html", nav="dyad", d=None, chart=None,
                      suggestions=suggestions, **_filters(svc, q))
    d = svc.dyad(q)
    hrefs = {p.period: "/timeline" + with_query(
        request, a=None, b=None, kind=None, **{d.kind: [d.a.id, d.b.id]}, zoom=ZOOM_IN[q.zoom],
        since=p.period, until=p.period, offset=None) for p in d.periods}
    return render(request, "dyad.html", nav="dyad", d=d, chart=_bars(svc, d.periods, hrefs),
                  suggestions=suggestions, **_filters(svc, q))


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, svc: ServiceDep, q: GraphParams) -> Response:
    g = svc.graph(q)
    shown = g.nodes[:40]
    ids = {n.id for n in shown}
    picture = charts.circle_graph([(n.id, n.name, n.type or "", n.events) for n in shown],
                                  [(e.source, e.target, e.events) for e in g.edges
                                   if e.source in ids and e.target in ids])
    names = {n.id: n.name for n in g.nodes}
    api = "/api/graph" + with_query(request)
    return render(request, "graph.html", nav="graph", g=g, picture=picture, names=names,
                  api=api, **_filters(svc, q))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, svc: ServiceDep, q: EventParams) -> Response:
    places = svc.places(q)
    picture = charts.point_map([(p.lat, p.lon, p.name, p.events, f"layer-{p.layer}",
                                 f"/actors/{p.id}") for p in places
                                if p.lat is not None and p.lon is not None])
    api = "/api/places" + with_query(request)
    return render(request, "map.html", nav="map", places=places, picture=picture, api=api,
                  **_filters(svc, q))


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, svc: ServiceDep, q: ArticleParams) -> Response:
    return render(request, "articles.html", nav="articles", page=svc.articles(q), q=q,
                  **_facets(svc))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, svc: ServiceDep, article_id: Id,
            event: str | None = None) -> Response:
    a, marks, event_ids = svc.article_view(article_id, event)
    focus = svc.event_out(svc.get_event(event)) if event else None
    kinds = Counter(m.kind for m in marks)
    return render(request, "article.html", nav="articles", a=a, blocks=blocks(a, marks),
                  focus=focus, kinds=kinds, events=len(set(event_ids.values())))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, svc: ServiceDep, q: SearchPageParams) -> Response:
    hits = actors_found = None
    if q.q.strip():
        hits = svc.search(s.SearchQuery(q=q.q, limit=q.limit, offset=q.offset))
        actors_found = svc.entities(s.EntityQuery(q=q.q, limit=12))
    return render(request, "search.html", nav="search", q=q, hits=hits, actors=actors_found)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    operations = [(path, method.upper(), op) for path, item in spec["paths"].items()
                  for method, op in item.items()]
    return render(request, "apidocs.html", nav="api", spec=spec, operations=operations)

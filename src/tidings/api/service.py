"""The service layer: what the API routes and the web pages ask of the store.

Routes stay thin: they validate a query model, call one method here and return its output
model (or hand it to a template). Queries live in the store; this layer resolves names,
joins entities to events and shapes the results.
"""

from __future__ import annotations

import io
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from ..errors import TidingsError
from ..export import EntityIndex
from ..export import rows as export_rows
from ..export import write as export_write
from ..kb.base import norm_key
from ..model import Article, DateValue, Entity, Event, EventMention, MentionRef
from ..store.base import ArticleFilter, EventFilter, QuoteFilter, Store
from . import schemas as s
from .evidence import Mark, article_marks, mention_marks
from .plover import PloverSplit

# Private-use characters around matched words in search snippets: never in article text.
MATCH = ("\ue000", "\ue001")


class NotFound(TidingsError):
    def __init__(self, kind: str, ident: str):
        super().__init__(f"no {kind} with id {ident!r}")
        self.kind = kind
        self.ident = ident


@cache
def role_labels() -> dict[str, str]:
    """Role key -> short English label, from the knowledge base's roles.toml."""
    text = resources.files("tidings.kb").joinpath("data", "roles.toml").read_text("utf-8")
    roles = tomllib.loads(text).get("role", {})
    return {k: v.get("label", k).split(" (")[0] for k, v in roles.items()}


@cache
def known_event_labels() -> dict[str, str]:
    """Known event id -> label, from the knowledge base's events.toml."""
    text = resources.files("tidings.kb").joinpath("data", "events.toml").read_text("utf-8")
    return {k["id"]: k.get("label", k["id"]) for k in tomllib.loads(text).get("event", [])}


def script_of(name: str) -> str:
    """The writing system of a name, from its first letter: Latin, Cyrillic, Armenian..."""
    for ch in name:
        if ch.isalpha():
            try:
                return unicodedata.name(ch).split()[0].title()
            except ValueError:
                return "Other"
    return "Other"


def date_out(value: DateValue | None) -> s.DateOut | None:
    if value is None:
        return None
    return s.DateOut(start=value.start, end=value.end, granularity=value.granularity,
                     label=value.iso())


@dataclass
class EvidenceView:
    """One report of an event: the article, the mention in it and the marks to draw."""

    ref: MentionRef
    article: Article | None
    mention: EventMention | None
    marks: list[Mark]


class Service:
    def __init__(self, store: Store, split: PloverSplit):
        self.store = store
        self.split = split
        self._entities: dict[str, Entity] | None = None

    # --- entities -----------------------------------------------------------------
    @property
    def entity_index(self) -> dict[str, Entity]:
        """Entity by id, provisional ids merged into an identity included."""
        if self._entities is None:
            self._entities = EntityIndex(self.store).by_id
        return self._entities

    def ref(self, entity_id: str) -> s.EntityRef:
        e = self.entity_index.get(entity_id)
        if e is None:
            return s.EntityRef(id=entity_id, name=entity_id)
        return s.EntityRef(id=e.id, name=e.name, type=e.type, country=e.country)

    def country_ref(self, code: str) -> s.EntityRef:
        e = self.entity_index.get(code.upper())
        if e is not None and e.type == "GPE":
            return s.EntityRef(id=e.id, name=e.name, type="GPE", country=e.country)
        import pycountry

        found = pycountry.countries.get(alpha_3=code.upper())
        return s.EntityRef(id=code.upper(), name=found.name if found else code.upper(),
                           type="GPE", country=code.upper())

    def names(self) -> dict[str, str]:
        return {k: e.name for k, e in self.entity_index.items()}

    def resolve(self, text: str) -> str | None:
        """An entity id for an id, a name or an alias fragment (the most mentioned match)."""
        if text in self.entity_index:
            return self.entity_index[text].id
        key = norm_key(text)
        if not key:
            return None
        found = self.entities_matching(key)
        return max(found, key=lambda e: e.mention_count).id if found else None

    def identities(self) -> list[Entity]:
        """Every entity once (the index also lists it under the ids merged into it)."""
        return list({e.id: e for e in self.entity_index.values()}.values())

    def entities_matching(self, key: str) -> list[Entity]:
        """Entities with ``key`` (a :func:`norm_key`) in one of their names."""
        return [e for e in self.identities()
                if any(key in norm_key(n) for n in e.all_aliases())]

    def entity_out(self, e: Entity) -> s.EntityOut:
        labels = role_labels()
        aliases = [s.AliasOut(lang=lang, name=name, script=script_of(name))
                   for lang, names in sorted(e.aliases.items()) for name in names]
        roles = sorted(e.roles, key=lambda r: (r.start or "", r.end or "9999"))
        return s.EntityOut(
            id=e.id, name=e.name, type=e.type, country=e.country, kind=e.kind, aliases=aliases,
            roles=[s.RoleOut(key=r.key, label=labels.get(r.key, r.key.replace("_", " ")),
                             country=r.country, org=r.org, start=r.start, end=r.end)
                   for r in roles],
            lat=e.lat, lon=e.lon, mentions=e.mention_count, curated=e.curated)

    def entities(self, q: s.EntityQuery) -> s.Paged[s.EntityOut]:
        found = self.entities_matching(norm_key(q.q)) if q.q else self.identities()
        if q.type:
            found = [e for e in found if e.type == q.type]
        if q.country:
            found = [e for e in found if (e.country or "") == q.country.upper()]
        ordered = sorted(found, key=lambda e: (-e.mention_count, e.name))
        page = ordered[q.offset:q.offset + q.limit]
        return s.Paged[s.EntityOut](total=len(ordered), limit=q.limit, offset=q.offset,
                                    items=[self.entity_out(e) for e in page])

    def entity(self, entity_id: str) -> s.EntityOut:
        e = self.entity_index.get(entity_id)
        if e is None:
            raise NotFound("entity", entity_id)
        return self.entity_out(e)

    def neighbours(self, entity_id: str, limit: int = 20) -> list[s.NeighbourOut]:
        e = self.entity_index.get(entity_id)
        if e is None:
            raise NotFound("entity", entity_id)
        return [s.NeighbourOut(entity=self.ref(other), events=n)
                for other, n in self.store.neighbours(e.id, limit)]

    # --- events -------------------------------------------------------------------
    def event_filter(self, q: s.EventQuery, paged: bool = True) -> EventFilter:
        actor = actor_id = partner_id = None
        if q.actor:
            first = q.actor[0]
            if first in self.entity_index:
                actor_id = self.entity_index[first].id
            else:
                actor = first
        if len(q.actor) > 1:
            partner_id = self.resolve(q.actor[1]) or q.actor[1]
        countries = [c.upper() for c in q.country]
        return EventFilter(
            actor=actor, actor_id=actor_id, partner_id=partner_id,
            country=countries[0] if countries else None,
            partner_country=countries[1] if len(countries) > 1 else None,
            type=q.type.value if q.type else None,
            since=DateValue.parse(q.since).start if q.since else None,
            until=DateValue.parse(q.until).end if q.until else None,
            lang=q.lang, site=q.source, article=q.article,
            limit=q.limit if paged else None, offset=q.offset if paged else 0)

    def place_out(self, place_id: str | None, events: int = 0) -> s.PlaceOut | None:
        if not place_id:
            return None
        e = self.entity_index.get(place_id)
        if e is None:
            return s.PlaceOut(id=place_id, name=place_id, events=events)
        return s.PlaceOut(id=e.id, name=e.name, type=e.type, country=e.country, lat=e.lat,
                          lon=e.lon, events=events)

    def event_out(self, e: Event) -> s.EventOut:
        return s.EventOut(
            id=e.id, type=e.type, mode=e.mode, category=self.split.of(e.type),
            date=date_out(e.date), modality=e.modality, confidence=round(e.confidence, 3),
            actors=[s.ActorOut(entity=self.ref(a.entity_id), role=a.role) for a in e.actors],
            place=self.place_out(e.place_id), reports=len(e.mentions), story_id=e.story_id,
            known_event=e.known_event)

    def events(self, q: s.EventQuery) -> s.Paged[s.EventOut]:
        return self._event_page(self.event_filter(q), q)

    def _event_page(self, flt: EventFilter, q: s.PageQuery) -> s.Paged[s.EventOut]:
        return s.Paged[s.EventOut](
            total=self.store.count_events(flt), limit=q.limit, offset=q.offset,
            items=[self.event_out(e) for e in self.store.events(flt)])

    def latest_events(self, n: int = 10) -> list[s.EventOut]:
        total = self.store.count_events()
        latest = self.store.events(EventFilter(limit=n, offset=max(0, total - n)))
        return [self.event_out(e) for e in reversed(latest)]

    def get_event(self, event_id: str) -> Event:
        event = self.store.get_event(event_id)
        if event is None:
            raise NotFound("event", event_id)
        return event

    def evidence(self, event: Event) -> list[EvidenceView]:
        """Every report of an event with the marks that show its evidence."""
        names = self.names()
        articles: dict[str, Article | None] = {}
        out = []
        for ref in event.mentions:
            if ref.article_id not in articles:
                articles[ref.article_id] = self.store.get_article(ref.article_id)
            article = articles[ref.article_id]
            mention = None
            if article is not None:
                mention = next((m for m in article.events if (m.start, m.end, m.type)
                                == (ref.start, ref.end, event.type)), None)
            if article is not None and mention is not None:
                marks = mention_marks(article, mention, names, event.id)
                taken = {(m.start, m.end) for m in marks}
                marks += [Mark(x.start, x.end, "entity", f"{x.label}: "
                               f"{names.get(x.entity_id or '', x.entity_id or 'unlinked')}",
                               entity_id=x.entity_id) for x in article.entities
                          if ref.start <= x.start < ref.end and (x.start, x.end) not in taken]
            else:
                marks = [Mark(ref.start, ref.end, "evidence", "evidence", focus=True)]
            out.append(EvidenceView(ref, article, mention, marks))
        return out

    def event_detail(self, event_id: str) -> s.EventDetailOut:
        event = self.get_event(event_id)
        views = self.evidence(event)
        evidence = []
        for v in views:
            a = v.article
            evidence.append(s.EvidenceOut(
                article_id=v.ref.article_id, title=a.title if a else "", lang=a.lang if a else "",
                site=a.site if a else "", url=a.url if a else "",
                published=a.published.start if a and a.published else None,
                start=v.ref.start, end=v.ref.end,
                text=a.text[v.ref.start:v.ref.end] if a else "",
                highlights=[_highlight(m) for m in v.marks]))
        langs = Counter(e.lang or "?" for e in evidence)
        return s.EventDetailOut(**self.event_out(event).model_dump(), evidence=evidence,
                                languages=dict(langs.most_common()), variants=event.variants)

    # --- articles, quotes, stories, search ----------------------------------------
    def article_summary(self, a: Article) -> s.ArticleSummaryOut:
        return s.ArticleSummaryOut(id=a.id, title=a.title, lang=a.lang, site=a.site, url=a.url,
                                   published=a.published.start if a.published else None,
                                   duplicate_of=a.duplicate_of)

    def articles(self, q: s.ArticleQuery) -> s.Paged[s.ArticleSummaryOut]:
        flt = ArticleFilter(
            lang=q.lang, site=q.source, include_duplicates=q.duplicates,
            since=DateValue.parse(q.since).start if q.since else None,
            until=DateValue.parse(q.until).end if q.until else None,
            limit=q.limit, offset=q.offset)
        return s.Paged[s.ArticleSummaryOut](
            total=self.store.count_articles(flt), limit=q.limit, offset=q.offset,
            items=[self.article_summary(a) for a in self.store.articles(flt)])

    def article_view(self, article_id: str, focus: str | None = None
                     ) -> tuple[Article, list[Mark], dict[tuple[int, int, str], str]]:
        """The article, its marks (those of event ``focus`` flagged) and the merged event
        of each event mention, keyed by (start, end, type)."""
        article = self.store.get_article(article_id)
        if article is None:
            raise NotFound("article", article_id)
        event_ids = {(m.start, m.end, e.type): e.id
                     for e in self.store.events(EventFilter(article=article_id))
                     for m in e.mentions if m.article_id == article_id}
        names = self.names()
        marks = article_marks(article, names, event_ids)
        if focus:
            for m in article.events:
                if event_ids.get((m.start, m.end, m.type)) == focus:
                    marks += mention_marks(article, m, names, focus)
        return article, marks, event_ids

    def article(self, article_id: str) -> s.ArticleOut:
        article, marks, event_ids = self.article_view(article_id)
        return s.ArticleOut(**self.article_summary(article).model_dump(), author=article.author,
                            text=article.text, highlights=[_highlight(m) for m in marks],
                            events=[s.ArticleEventOut(start=a, end=b, type=t, event_id=i)
                                    for (a, b, t), i in sorted(event_ids.items())])

    def quotes(self, q: s.QuoteQuery) -> s.Paged[s.QuoteOut]:
        ids: tuple[str, ...] = ()
        if q.speaker:
            e = self.entity_index.get(q.speaker)
            ids = (e.id, *e.same_as) if e else (q.speaker,)
        flt = QuoteFilter(speaker_ids=ids, article=q.article, lang=q.lang, limit=q.limit,
                          offset=q.offset)
        items = [s.QuoteOut(article_id=r.article_id, title=r.title, lang=r.lang,
                            published=r.published, start=r.quote.start, end=r.quote.end,
                            text=r.text, kind=r.quote.kind,
                            speaker=self.ref(r.quote.speaker_entity_id)
                            if r.quote.speaker_entity_id else None)
                 for r in self.store.quotes(flt)]
        return s.Paged[s.QuoteOut](total=self.store.count_quotes(flt), limit=q.limit,
                                   offset=q.offset, items=items)

    def stories(self, q: s.PageQuery) -> s.Paged[s.StoryOut]:
        stories = self.store.stories()
        items = [s.StoryOut(id=x.id, label=x.label, article_ids=x.article_ids, start=x.start,
                            end=x.end, entities=[self.ref(i) for i in x.entity_ids])
                 for x in stories[q.offset:q.offset + q.limit]]
        return s.Paged[s.StoryOut](total=len(stories), limit=q.limit, offset=q.offset,
                                   items=items)

    def search(self, q: s.SearchQuery) -> s.Paged[s.SearchHitOut]:
        total, hits = self.store.search_page(q.q, q.limit, q.offset, MATCH)
        return s.Paged[s.SearchHitOut](
            total=total, limit=q.limit, offset=q.offset,
            items=[s.SearchHitOut(article_id=i, title=t or "", fragments=_fragments(snippet))
                   for i, t, snippet in hits])

    # --- aggregates ---------------------------------------------------------------
    def dyads(self, kind: str, limit: int, flt: EventFilter | None = None) -> list[s.DyadOut]:
        ref = self.country_ref if kind == "country" else self.ref
        return [s.DyadOut(a=ref(a), b=ref(b), events=n)
                for a, b, n in self.store.dyads(kind, limit, flt)]

    def periods(self, granularity: str, flt: EventFilter | None = None) -> list[s.PeriodOut]:
        by: dict[str, Counter[str]] = {}
        for period, etype, n in self.store.event_periods(granularity, flt):
            by.setdefault(period, Counter())[etype] += n
        out = []
        for period, types in by.items():
            cats: Counter[str] = Counter()
            for etype, n in types.items():
                cats[self.split.of(etype)] += n
            out.append(s.PeriodOut(period=period, total=sum(types.values()),
                                   categories={c: cats[c] for c in self.split.categories},
                                   types=dict(types)))
        return out

    def category_totals(self, periods: list[s.PeriodOut]) -> dict[str, int]:
        cats: Counter[str] = Counter()
        for p in periods:
            cats.update(p.categories)
        return {c: cats[c] for c in self.split.categories}

    def dyad(self, q: s.DyadQuery) -> s.DyadDetailOut:
        kind = q.pair_kind()
        base = self.event_filter(q.model_copy(update={"actor": [], "country": []}))
        if kind == "country":
            a, b = self.country_ref(q.a), self.country_ref(q.b)
            flt = replace(base, country=a.id, partner_country=b.id)
        else:
            ids = [self.resolve(x) for x in (q.a, q.b)]
            if None in ids:
                missing = q.a if ids[0] is None else q.b
                raise NotFound("entity", missing)
            a, b = self.ref(ids[0]), self.ref(ids[1])  # type: ignore[arg-type]
            flt = replace(base, actor_id=a.id, partner_id=b.id)
        periods = self.periods(q.zoom, replace(flt, limit=None, offset=0))
        return s.DyadDetailOut(kind=kind, a=a, b=b, periods=periods,
                               events=self._event_page(flt, q),
                               categories=self.category_totals(periods))

    def graph(self, q: s.GraphQuery) -> s.GraphOut:
        flt = self.event_filter(q, paged=False)
        pairs = self.store.dyads("actor", q.limit, flt)
        ids = list(dict.fromkeys(x for a, b, _ in pairs for x in (a, b)))
        nodes = []
        for entity_id in ids:
            ref = self.ref(entity_id)
            n = self.store.count_events(replace(flt, actor_id=entity_id))
            nodes.append(s.GraphNode(**ref.model_dump(), events=n))
        nodes.sort(key=lambda n: (-n.events, n.name))
        return s.GraphOut(nodes=nodes, edges=[s.GraphEdge(source=a, target=b, events=n)
                                              for a, b, n in pairs])

    def places(self, q: s.EventQuery) -> list[s.PlaceOut]:
        """Event places, then places that take part in events as actors (with coordinates)."""
        flt = self.event_filter(q, paged=False)
        out = [p for pid, n in self.store.event_places(flt)
               if (p := self.place_out(pid, n)) is not None and p.lat is not None]
        seen = {p.id for p in out}
        for e in self.identities():
            if e.id in seen or e.lat is None or e.lon is None or e.type not in ("GPE", "LOC") \
                    or e.kind == "state":  # a state's coordinates are its capital's
                continue
            n = self.store.count_events(replace(flt, actor_id=e.id))
            if n:
                place = self.place_out(e.id, n)
                if place is not None:
                    out.append(place.model_copy(update={"layer": "mentioned"}))
        return out

    def overview(self) -> s.OverviewOut:
        counts = dict(self.store.counts())
        counts["quotes"] = self.store.count_quotes()
        facets = self.store.article_facets()
        return s.OverviewOut(
            counts=counts, languages=facets.get("lang", {}), sources=facets.get("site", {}),
            latest=self.latest_events(10), country_dyads=self.dyads("country", 8),
            actor_dyads=self.dyads("actor", 8),
            categories=self.category_totals(self.periods("year")))

    def export(self, kind: str, q: s.ExportQuery) -> str:
        buf = io.StringIO()
        export_write(export_rows(kind, self.store, flt=self.event_filter(q)), q.format, buf)
        return buf.getvalue()


def _highlight(mark: Mark) -> s.HighlightOut:
    return s.HighlightOut(start=mark.start, end=mark.end, kind=mark.kind,  # type: ignore[arg-type]
                          label=mark.label, entity_id=mark.entity_id)


def _fragments(snippet: str) -> list[s.Fragment]:
    out = []
    rest = snippet
    while rest:
        head, sep, tail = rest.partition(MATCH[0])
        if head:
            out.append(s.Fragment(text=head))
        if not sep:
            break
        word, _, rest = tail.partition(MATCH[1])
        out.append(s.Fragment(text=word, match=True))
    return out

"""Cross-document event merging: one real-world event, every report of it linked.

Each event mention (a *report*) is compared only with the events it could belong to:

* **Blocking.** A report is indexed by its PLOVER type, by every pair of its actor tokens
  (an actor's id, and for a person or organisation also its country, so "Patrushev met
  Aliyev" and "Patrushev visited Azerbaijan" share the pair RUS–AZE) and by the time
  buckets (``merge.bucket_days``) its date covers. Candidates are the events indexed under
  one of its keys in one of its buckets, plus events of the same article, so the cost grows
  with the corpus, never with its square.
* **Compatibility.** A report joins an event when no report of the event rules it out
  and at least one supports it. Ruled out: another type or a mode outside a common group
  (``merge.mode_groups``: a phone call is not a visit); asserted against cancelled or
  negated, and within one article against planned or speculated; dates that do not
  overlap (a report dated only by its publication may describe an event up to
  ``merge.window_days`` earlier; stated dates in different articles may
  differ by ``merge.date_slack_days``; a planned event does not start before its article
  was published); clashing places (Moscow is not Baku; Baku is in Azerbaijan), unless the
  same two people are named on dates stated alike; rival counterparts (Patrushev–Aliyev
  and Patrushev–Usubov, unless both name the same two people). Supported: at least
  ``merge.min_shared_actors`` actors in common, a state standing for its own officials;
  a report naming a single actor supports another article's event only when its date is
  stated in the text or the places agree. The report joins the event it shares most with.
  An undated change of relations after the lead ("Armenia has frozen its participation
  in the CSTO") that joins nothing may recall the one earlier such event (``_recall``).
* **Order.** Reports are merged in a canonical order (stated dates before publication
  dates, precise before coarse, then by article content hash and offsets), so the result
  does not depend on the order articles arrive in. :class:`EventMerger` is incremental:
  ``add()`` attaches new articles' reports to the events already built.
* **Ids.** An event's id hashes its earliest-published report (article content hash,
  trigger offsets, type, actors, place and date), so it survives re-runs, shuffling and
  new reports.
* **Disagreement.** When reports differ on date, place, participants or modality, the
  event's value is chosen by a stated rule and ``Event.variants`` lists each value with the
  articles that gave it (see :mod:`tidings.merge.variants`).
* **Syndicated copies** (``duplicate_of``) are not analysed: they add no evidence, but
  each event of their original lists them as mentions (the evidence sentence located in
  the copy).
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from ..config import MergeConfig
from ..model import (
    GRANULARITY_RANK,
    Article,
    Entity,
    Event,
    EventActor,
    EventMention,
    MentionRef,
)
from .variants import choose_date, choose_modality, choose_place, group_by_value

log = logging.getLogger(__name__)

NARROW_BUCKETS = 3  # a date spanning more time buckets than this is filed by year
# An undated report of a lasting change of relations outside the article's lead ("Armenia
# has frozen its participation in the CSTO" in the fourth paragraph) may recall such a
# change this many days before its date, when that is the one event it can join (see
# EventMerger._recall). Meetings, accusations or agreements recur: they never reach back.
BACKGROUND_DAYS = 365
LASTING_MODES = {"reduce relations", "break relations"}
KNOWN_SCORE = 10  # two reports of the same known event (kb/data/events.toml)
HAPPENED = {"asserted"}
TENTATIVE = {"planned", "speculated", "hypothetical"}
DID_NOT = {"cancelled", "negated"}
ROLE_ORDER = {"source": 0, "target": 1, "participant": 2}


@dataclass(frozen=True)
class ActorKey:
    """What an actor id stands for when reports are compared."""

    id: str
    kind: str  # person, org, state, region, city
    country: str | None = None


class ActorResolver:
    """Actor and place ids to :class:`ActorKey`, from the knowledge base and the corpus'
    own entities; provisional ids merged into another (``same_as``) are followed."""

    def __init__(self, kb=None, entities: Iterable[Entity] = (),
                 same_as: dict[str, str] | None = None):
        self.kb = kb
        self.same_as = same_as or {}
        self.found = {e.id: e for e in entities}
        self._cache: dict[tuple[str, bool], ActorKey] = {}

    def canonical(self, entity_id: str) -> str:
        return self.same_as.get(entity_id, entity_id)

    def entity(self, entity_id: str) -> Entity | None:
        found = self.found.get(entity_id)
        if found is None and self.kb is not None:
            found = self.kb.get(entity_id)
        return found

    def __call__(self, entity_id: str, as_place: bool = False) -> ActorKey:
        key = (entity_id, as_place)
        if key not in self._cache:
            self._cache[key] = self._resolve(self.canonical(entity_id), as_place)
        return self._cache[key]

    def _resolve(self, entity_id: str, as_place: bool) -> ActorKey:
        e = self.entity(entity_id)
        if e is None:
            if len(entity_id) == 3 and entity_id.isupper():  # an ISO-3 state code
                return ActorKey(entity_id, "state", entity_id)
            return ActorKey(entity_id, "region" if as_place else "org")
        if e.kind == "state":
            return ActorKey(e.id, "state", e.country or e.id)
        if e.kind == "city":
            if as_place or not e.country:
                return ActorKey(e.id, "city", e.country)
            return ActorKey(e.country, "state", e.country)  # "Moscow said": the state
        if e.type == "PERSON":
            return ActorKey(e.id, "person", e.country)
        if e.type == "ORG":
            return ActorKey(e.id, "org", e.country)
        return ActorKey(e.id, "region", e.country)


@dataclass(slots=True)
class Report:
    """One event mention, with what merging needs computed once."""

    article_id: str
    content_hash: str
    published: date | None
    mention: EventMention
    actors: tuple[ActorKey, ...]
    actor_ids: tuple[str, ...]  # the mention's actor ids, same_as followed, in order
    place: ActorKey | None
    interval: tuple[date, date] | None  # the date, widened when it is approximate
    evidence: str = ""  # the mention's words, to find them again in a syndicated copy
    # an undated change of relations after the lead: its interval reaching BACKGROUND_DAYS
    # back, used once the report has joined an older event through it (``reached``)
    reach: tuple[date, date] | None = None
    reached: bool = False
    persons: frozenset[str] = frozenset()
    # blocking tokens: actor ids (own, True) and the countries of people and
    # organisations (False), which meet a report naming that state
    tokens: tuple[tuple[str, bool], ...] = ()

    def __post_init__(self) -> None:
        self.persons = frozenset(a.id for a in self.actors if a.kind == "person")
        tokens: dict[str, bool] = {}
        for a in self.actors:
            tokens[a.id] = True
            if a.kind != "state" and a.country:
                tokens.setdefault(a.country, False)
        self.tokens = tuple(sorted(tokens.items()))

    @property
    def exact(self) -> bool:
        return self.mention.date is not None and not self.mention.date_approximate

    @property
    def span(self) -> tuple[date, date] | None:
        """The interval dates are compared on: the reach once joined through it."""
        return self.reach if self.reached else self.interval

    def anchor(self) -> tuple:
        """Orders reports by publication, then content: the earliest one names the event."""
        m = self.mention
        return (self.published or date.max, self.content_hash, m.trigger_start,
                m.trigger_end, m.type, self.actor_ids)

    def order(self) -> tuple:
        """The canonical merge order: stated dates first, precise before coarse."""
        m = self.mention
        rank = GRANULARITY_RANK[m.date.granularity] if m.date else 0
        start = self.interval[0] if self.interval else date.max
        return (not self.exact, -rank, start) + self.anchor()


def _widened(m: EventMention, opts: MergeConfig,
             published: date | None = None) -> tuple[date, date] | None:
    """The days the report's event may fall on. An approximate date may describe an event
    ``window_days`` earlier, or if planned ``planned_window_days`` later; a planned event
    has not happened when the article is published, so it starts no earlier than that
    (``date_slack_days`` before), unless the stated date lies wholly before it (a past
    plan: "the talks, which had been scheduled for May")."""
    if m.date is None:
        return None
    tentative = m.modality in TENTATIVE
    if not m.date_approximate:
        start, end = m.date.start, m.date.end
    else:
        after = opts.planned_window_days if tentative else 1
        start = m.date.start - timedelta(days=opts.window_days)
        end = m.date.end + timedelta(days=after)
    if tentative and published is not None:
        start = max(start, min(end, published - timedelta(days=opts.date_slack_days)))
    return start, end


def _background(article: Article, m: EventMention) -> bool:
    """An asserted lasting change of relations with no date of its own, after the
    article's first paragraph (or sentence): more often recalled than the article's news."""
    if m.modality not in HAPPENED or not m.date_approximate or m.date is None or \
            m.mode not in LASTING_MODES:
        return False
    lead = article.paragraphs[0] if article.paragraphs else \
        article.sentences[0] if article.sentences else None
    return lead is not None and m.start >= lead.end


def _matched(a: tuple[ActorKey, ...], b: tuple[ActorKey, ...]) -> int:
    """Actors the two reports share: the same id, or a state and one of its own."""
    left = list(a)
    right = list(b)
    n = 0
    for x in list(left):
        y = next((y for y in right if y.id == x.id), None)
        if y is not None:
            left.remove(x)
            right.remove(y)
            n += 1
    for x in left:
        y = next((y for y in right
                  if (x.kind == "state" and y.country == x.id and y.kind != "state")
                  or (y.kind == "state" and x.country == y.id and x.kind != "state")), None)
        if y is not None:
            right.remove(y)
            n += 1
    return n


def places_clash(p: ActorKey | None, q: ActorKey | None) -> bool:
    """Two cities, or a city and a state it is not in, or two states. A region never
    clashes: reports name the region an event concerns as often as its venue."""
    if p is None or q is None or p.id == q.id or "region" in (p.kind, q.kind):
        return False
    if p.kind == "city" and q.kind == "city":
        return True
    return bool(p.country and q.country and p.country != q.country)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Merging allocates many small, long-lived objects and no reference cycles; pausing
    the cyclic garbage collector meanwhile spares the full collections that would scan
    them again and again (they would cost more, the larger the corpus)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class EventMerger:
    """Incremental cross-document event coreference (see the module docstring)."""

    def __init__(self, opts: MergeConfig, resolver: ActorResolver | None = None):
        self.opts = opts
        self.resolve = resolver or ActorResolver()
        groups: dict[str, set[str]] = defaultdict(set)
        for group in opts.mode_groups:
            for mode in group:
                groups[mode] |= set(group)
        self._mode_groups = groups
        self._slack = timedelta(days=opts.date_slack_days)
        self.reports: list[Report] = []
        self.clusters: list[list[int]] = []  # report indices; emptied when joined to another
        self._parent: list[int] = []  # the event a joined event went into
        self._bridged: set[tuple[int, int]] = set()  # events a report could join both of
        # (type, actor key, time bucket) -> the event filed there, or the events (a list,
        # oldest first): most keys hold one event, and a bare int costs the collector nothing
        self._index: dict[tuple, int | list[int]] = {}
        self._copies: dict[str, list[Article]] = defaultdict(list)
        self.comparisons = 0  # compatibility checks made, for the cost tests
        kb = getattr(self.resolve, "kb", None)
        self.known = getattr(kb, "known_events", None) or {}

    # -- reports ----------------------------------------------------------------------
    def _report(self, article: Article, digest: str, m: EventMention) -> Report | None:
        keys: dict[str, ActorKey] = {}
        ids: list[str] = []
        for a in m.actors:
            key = self.resolve(a.entity_id)
            keys.setdefault(key.id, key)
            ids.append(self.resolve.canonical(a.entity_id))
        if not keys:
            return None
        published = article.published.start if article.published else None
        interval = _widened(m, self.opts, published)
        known = self.known.get(m.known_event or "")
        if known is not None:  # a known event: compared on all its days
            interval = (known.date.start, known.date.end)
        reach = None
        if interval is not None and _background(article, m):
            reach = (interval[0] - timedelta(days=BACKGROUND_DAYS), interval[1])
        return Report(
            article.id, digest, published, m,
            tuple(keys.values()), tuple(dict.fromkeys(ids)),
            self.resolve(m.place_id, as_place=True) if m.place_id else None,
            interval, article.text[m.start:m.end], reach)

    def _times(self, r: Report, lookup: bool) -> list[tuple]:
        """Time buckets: ``bucket_days`` buckets for narrow dates (up to three buckets),
        calendar years for wider ones (a narrow date is also filed under its year, where
        wide ones look), one shared bucket beyond ``max_years``."""
        if r.interval is None:
            return []
        start, end = r.span if lookup else r.interval  # type: ignore[misc]
        years = range(start.year, end.year + 1)
        if len(years) > self.opts.max_years:
            return [("any",)]
        size = self.opts.bucket_days
        fine = range(start.toordinal() // size, end.toordinal() // size + 1)
        if len(fine) <= NARROW_BUCKETS:
            own = [("d", b) for b in fine]
            return own + [("y", y, "wide") for y in years] + [("any",)] if lookup else \
                own + [("y", y, "narrow") for y in years]
        wide = [("y", y, "wide") for y in years]
        return wide + [("y", y, "narrow") for y in years] + [("any",)] if lookup else wide

    def _keys(self, r: Report, lookup: bool) -> list[tuple]:
        """Index keys of a report, or (``lookup``) the keys its candidates are under.

        Two actors match through a token that is the own id of at least one of them (the
        same person; a state and one of its people), so keys carry whether the report
        owns each token, and a lookup through a token the report only has as a country
        asks for the candidates that own it."""
        t = r.mention.type
        tokens = r.tokens
        single = len(r.actors) == 1

        def marks(own: bool) -> tuple[bool, ...]:
            return (own,) if not lookup else ((True, False) if own else (True,))

        actor_keys: list[tuple] = []
        for (x, ox), (y, oy) in combinations(tokens, 2):
            actor_keys.extend(("pair", x, y, mx, my) for mx in marks(ox) for my in marks(oy))
        for x, ox in tokens:
            if not lookup:
                actor_keys.append(("all", x, ox))
                if single:
                    actor_keys.append(("single", x, ox))
            else:  # one actor against any event naming it; others against one-actor events
                kind = "all" if single else "single"
                actor_keys.extend((kind, x, m) for m in marks(ox))
        times = self._times(r, lookup)
        # a known event (kb/data/events.toml): its reports meet whatever days they name
        known = [(t, "known", r.mention.known_event)] if r.mention.known_event else []
        return [(t, "doc", r.article_id)] + known + [
            (t,) + k + b for k in actor_keys for b in times]

    # -- comparing --------------------------------------------------------------------
    def _modes_agree(self, a: str | None, b: str | None) -> bool:
        return a is None or b is None or a == b or b in self._mode_groups.get(a, ())

    def score(self, a: Report, b: Report) -> int | None:
        """What two reports share: None when they cannot be one event (a veto), 0 when
        nothing says they are, else a positive score (more shared, higher)."""
        self.comparisons += 1
        ma, mb = a.mention, b.mention
        if ma.type != mb.type or not self._modes_agree(ma.mode, mb.mode):
            return None
        if ma.known_event and mb.known_event:  # the knowledge base says which event
            return KNOWN_SCORE if ma.known_event == mb.known_event else None
        if (ma.modality in HAPPENED and mb.modality in DID_NOT) or \
                (mb.modality in HAPPENED and ma.modality in DID_NOT):
            return None
        same_doc = a.article_id == b.article_id
        if same_doc and (ma.modality in HAPPENED) != (mb.modality in HAPPENED) and \
                TENTATIVE & {ma.modality, mb.modality}:
            return None  # "they initialled the text; the treaty is still to be signed"
        ia, ib = a.span, b.span
        if ia is None or ib is None:
            if not same_doc:
                return 0
        else:
            slack = timedelta(0) if same_doc else self._slack
            if ia[0] > ib[1] + slack or ib[0] > ia[1] + slack:
                return None
        pa, pb = a.persons, b.persons
        if places_clash(a.place, b.place) and not self._place_misread(a, b):
            return None
        if len(pa & pb) < 2 and (pa - pb) and (pb - pa):
            return None  # each report names a counterpart the other does not
        shared = _matched(a.actors, b.actors)
        need = min(self.opts.min_shared_actors, len(a.actors), len(b.actors))
        if shared < need:
            return 0
        same_place = a.place is not None and b.place is not None and a.place.id == b.place.id
        if need < 2 and not same_doc and not same_place and not all(
                r.exact for r in (a, b) if len(r.actors) < 2):
            return 0  # one actor and only a publication date: too little to go on
        same_date = a.exact and b.exact and ma.date == mb.date
        return shared + same_doc + same_date + same_place

    @staticmethod
    def _place_misread(a: Report, b: Report) -> bool:
        """Clashing places with the same two people named, whose dates agree: more likely
        one report misreads the place (a mislinked city) than two events. Not when a date
        is only the publication's or the two are stated to another precision ("talks in
        Washington in May" against "met in Moscow on 19 May"): a month or a publication
        date holds more than one meeting of the same two people."""
        if len(a.persons & b.persons) < 2 or not (a.exact and b.exact):
            return False
        return a.mention.date.granularity == b.mention.date.granularity  # type: ignore[union-attr]

    # -- merging ----------------------------------------------------------------------
    def add(self, articles: Iterable[Article]) -> None:
        """Attach the reports of these articles to the events built so far.

        Syndicated copies (``duplicate_of`` set) add no reports; they are listed as
        mentions of their original's events.
        """
        new: list[Report] = []
        for article in articles:
            if article.duplicate_of:
                self._copies[article.duplicate_of].append(article)
                continue
            if not article.events:
                continue
            digest = article.content_hash
            for m in article.events:
                report = self._report(article, digest, m)
                if report is not None:
                    new.append(report)
        new.sort(key=Report.order)
        for report in new:
            self._attach(report)
        self._join()

    def _find(self, c: int) -> int:
        parent = self._parent
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def _candidates(self, report: Report) -> list[int]:
        cap = self.opts.max_candidates
        found: set[int] = set()
        index = self._index
        for key in self._keys(report, lookup=True):
            filed = index.get(key)
            if filed is None:
                continue
            if isinstance(filed, int):
                found.add(self._find(filed))
            else:
                found.update(self._find(c) for c in filed[-cap:])
        return sorted(found)

    def _fit(self, reports: list[Report], c: int) -> int | None:
        """How well these reports fit event ``c``: None when one pair rules it out."""
        top = 0
        for r in reports:
            for i in self.clusters[c]:
                s = self.score(r, self.reports[i])
                if s is None:
                    return None
                top = max(top, s)
        return top

    def _attach(self, report: Report) -> None:
        best, best_score = None, 0
        compatible = []
        for c in self._candidates(report):
            top = self._fit([report], c)
            if top is not None:
                compatible.append(c)
                if top > best_score:
                    best, best_score = c, top
        if best is None and report.reach is not None:
            best = self._recall(report)
        if best is None:
            best = len(self.clusters)
            self.clusters.append([])
            self._parent.append(best)
        # an event the report could also have joined may now be one with this one
        self._bridged.update((best, c) for c in compatible if c != best)
        self.clusters[best].append(len(self.reports))
        self.reports.append(report)
        index = self._index
        for key in self._keys(report, lookup=False):
            filed = index.get(key)
            if filed is None:
                index[key] = best
            elif isinstance(filed, int):
                if filed != best:
                    index[key] = [filed, best]
            elif filed[-1] != best:
                filed.append(best)

    def _recall(self, report: Report) -> int | None:
        """A background report that joins nothing in its own time may recall an earlier
        event (up to ``BACKGROUND_DAYS``): only another article's event with a stated
        date and two actors in common, and only when it is the one event it can join
        (two such changes earlier that year: it joins neither)."""
        report.reached = True
        found = []
        for c in self._candidates(report):
            members = [self.reports[i] for i in self.clusters[c]]
            if not any(r.exact and r.article_id != report.article_id
                       and _matched(report.actors, r.actors) >= 2 for r in members):
                continue
            top = self._fit([report], c)
            if top:
                found.append(c)
        if len(found) == 1:
            return found[0]
        report.reached = False
        return None

    def _join(self) -> None:
        """Join events that the merge order kept apart: a report compatible with both,
        all their reports compatible with each other and one pair supporting it (two
        reports, each too thin to join the other's event, bridged by a third)."""
        for a, b in sorted(self._bridged):
            a, b = self._find(a), self._find(b)
            if a == b or not self._fit([self.reports[i] for i in self.clusters[b]], a):
                continue
            keep, gone = min(a, b), max(a, b)
            self.clusters[keep].extend(self.clusters[gone])
            self.clusters[gone] = []
            self._parent[gone] = keep
        self._bridged.clear()

    def events(self) -> list[Event]:
        """The merged events, by date then id."""
        out = [self._event([self.reports[i] for i in members])
               for members in self.clusters if members]
        return sorted(out, key=lambda e: (e.date.start if e.date else date.max, e.id))

    # -- one event ----------------------------------------------------------------------
    def _event(self, reports: list[Report]) -> Event:
        anchor = min(reports, key=Report.anchor)
        m0 = anchor.mention
        # the place and date tell apart events one trigger gives ("Kalbajar by 15 November,
        # Aghdam by 20 November")
        seed = ":".join([anchor.content_hash, str(m0.trigger_start), str(m0.trigger_end),
                         m0.type, ",".join(sorted(anchor.actor_ids)), m0.place_id or "",
                         m0.date.iso() if m0.date else ""])
        event_id = "ev-" + hashlib.sha1(seed.encode()).hexdigest()[:12]
        reports = sorted(reports, key=Report.anchor)
        variants: dict = {}
        known = next((self.known[r.mention.known_event] for r in reports
                      if r.mention.known_event in self.known), None)
        when = choose_date(reports, variants, known)
        place = choose_place(reports, variants)
        modality = choose_modality(reports, variants)
        actors = self._actors(reports, variants)
        modes = Counter(r.mention.mode for r in reports if r.mention.mode)
        best_by_article: dict[str, float] = {}
        for r in reports:
            best_by_article[r.article_id] = max(best_by_article.get(r.article_id, 0.0),
                                                r.mention.confidence)
        doubt = 1.0
        for c in best_by_article.values():
            doubt *= 1.0 - c
        mentions = sorted({MentionRef(r.article_id, r.mention.start, r.mention.end)
                           for r in reports}, key=lambda x: (x.article_id, x.start))
        mentions += self._copy_mentions(reports)
        return Event(
            id=event_id, type=m0.type,
            mode=min(modes, key=lambda k: (-modes[k], k)) if modes else None,
            actors=actors, place_id=place, date=when, modality=modality,  # type: ignore[arg-type]
            confidence=round(min(0.99, 1.0 - doubt), 3), mentions=mentions, variants=variants,
            known_event=known.id if known else None)

    def _actors(self, reports: list[Report], variants: dict) -> list[EventActor]:
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        first: dict[str, EventActor] = {}
        named: dict[str, set[str]] = defaultdict(set)
        for r in reports:
            for a in r.mention.actors:
                entity_id = self.resolve.canonical(a.entity_id)
                roles[entity_id][a.role] += 1
                first.setdefault(entity_id, a)
                named[r.article_id].add(entity_id)
        out = []
        for entity_id, counts in roles.items():
            role = min(counts, key=lambda k: (-counts[k], ROLE_ORDER.get(k, 9)))
            a = first[entity_id]
            out.append(EventActor(entity_id, role, a.start, a.end))  # type: ignore[arg-type]
        out.sort(key=lambda a: ROLE_ORDER.get(a.role, 9))
        sets = group_by_value({article: tuple(sorted(ids)) for article, ids in named.items()})
        if len(sets) > 1:
            variants["actors"] = {
                "rule": "every actor any report names",
                "values": [{"value": list(v), "articles": arts} for v, arts in sets]}
        return out

    def _copy_mentions(self, reports: list[Report]) -> list[MentionRef]:
        out: set[MentionRef] = set()
        for article_id in dict.fromkeys(r.article_id for r in reports):
            for copy in self._copies.get(article_id, ()):
                refs = {_locate(copy, r) for r in reports if r.article_id == article_id}
                out |= {ref for ref in refs if ref.end > ref.start} or refs
        return sorted(out, key=lambda x: (x.article_id, x.start))


def _locate(copy: Article, r: Report) -> MentionRef:
    """The report's evidence in a syndicated copy: the same sentence, else the words
    around the trigger, else an empty span at the start (the copy as a whole)."""
    if r.evidence:
        at = copy.text.find(r.evidence)
        if at >= 0:
            return MentionRef(copy.id, at, at + len(r.evidence))
        t = r.mention.trigger_start - r.mention.start
        snippet = r.evidence[max(0, t - 30):t + 30]
        at = copy.text.find(snippet) if snippet.strip() else -1
        if at >= 0:
            return MentionRef(copy.id, at, at + len(snippet))
    return MentionRef(copy.id, 0, 0)


def merge_events(articles: Iterable[Article], opts: MergeConfig,
                 resolver: ActorResolver | None = None) -> list[Event]:
    """Merge every article's event mentions into events (copies listed, not counted)."""
    merger = EventMerger(opts, resolver)
    with collector_paused():
        merger.add(articles)
        events = merger.events()
    log.info("%d reports merged into %d events (%d comparisons)", len(merger.reports),
             len(events), merger.comparisons)
    return events

"""Known events: mentions of the region's named wars, ceasefires and agreements.

Articles recall the events their news grew out of in passing: "since the 44-day war",
"the trilateral statement", "fighting broke out on 27 September". Such a sentence often
names neither the parties nor the year, so the rule coder finds nothing in it, or an event
without its parties. The knowledge base lists these events (``kb/data/events.toml``: type,
parties, days, names in every language, and the classes of nouns that can stand for them)
and this stage links mentions to them:

* **names.** A sentence that names a known event ("44-дневной войны") reports it;
* **nouns.** A sentence with a noun of the event's class (``[known_events]`` of the
  language's ``events.toml``: "war", "fighting", "ceasefire") reports it when a date of the
  sentence (or of the coded mention on that noun) falls on the event's days and names it
  as a whole (:func:`whole`: its first or last day, a month, a year, or any day once it
  is over; "fighting on Sunday" in the middle of a war is that day's news);
* **type.** A coded mention of the known event's type that names one of its parties,
  dated on its days, reports it: of any mode when the known event has no nouns, of its own
  mode when it has one (a coded ceasefire of 10 November 2020 is the trilateral
  statement), else only when its date names the event as a whole (an attack on one day
  of the war is not the war). Of two known events whose days nest, the narrower wins
  (the capture of Shusha, not the war it ended).

Every link also needs an anchor: one of the event's ``anchors`` (by default its parties
and place) named in the sentence, among the mention's actors or in the article's lead. A
noun or mention that two known events could claim links to neither. A linked coded mention
keeps what it says and gains the parties it lacks (and the place and the days when it has
none of its own); a sentence the coder found nothing in gets a new mention. Merging then
keeps every report of one known event together (:mod:`tidings.merge.events`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..kb.base import KnownEvent
from ..model import Article, DateValue, EventActor, EventMention, Span
from ..pipeline import Context, stage
from .events import LEAD_SENTENCES, word_pattern
from .lexicon import load_lexicon

AFTER_DAYS = 2  # an article published this long after a known event may report it undated
CONFIDENCE = 0.6


@dataclass(frozen=True)
class Hit:
    """Words of a sentence that may name a known event."""

    start: int
    end: int
    by_name: bool  # a name ("44-day war"), else a noun of its class ("fighting")
    events: tuple[KnownEvent, ...]


def overlaps(d: DateValue, k: KnownEvent) -> bool:
    return d.start <= k.date.end and k.date.start <= d.end


def whole(d: DateValue, k: KnownEvent, published: date | None) -> bool:
    """Whether a noun dated ``d`` names the known event as a whole rather than one day of
    it: a date holding its first or last day ("fighting broke out on 27 September", "the
    war ended on Tuesday"), a month or a year ("the fighting of autumn 2020"), or any day
    once the event is over ("the fighting of 4 October" in a later article). During a
    war, "fighting on Sunday" is that day's news, not the war."""
    first, last = k.date.start, k.date.end
    return d.granularity != "day" or d.start <= first <= d.end or d.start <= last <= d.end \
        or (published is not None and published > last)


def dated_on(m: EventMention, k: KnownEvent) -> bool:
    """The mention's date falls on the known event's days; a date that is only the
    publication's fits an article published during the event or just after it."""
    if m.date is None:
        return False
    if not m.date_approximate:
        return overlaps(m.date, k)
    return k.date.start <= m.date.start <= k.date.end + timedelta(days=AFTER_DAYS)


class KnownEventLinker:
    """Links an article's event mentions to the knowledge base's known events."""

    def __init__(self, known: dict[str, KnownEvent]):
        self.known = list(known.values())
        self.names = [(k, word_pattern(list(k.names))) for k in self.known if k.names]
        self._nouns: dict[str, list[tuple[re.Pattern[str], tuple[KnownEvent, ...]]]] = {}

    def nouns(self, lang: str) -> list[tuple[re.Pattern[str], tuple[KnownEvent, ...]]]:
        if lang not in self._nouns:
            classes = load_lexicon(lang, "events").get("known_events", {})
            self._nouns[lang] = [
                (word_pattern(words, gap=0), events) for name, words in classes.items()
                if (events := tuple(k for k in self.known if name in k.nouns)) and words]
        return self._nouns[lang]

    def link(self, article: Article) -> list[EventMention]:
        if not self.known:
            return article.events
        lead = {e.entity_id for s in article.sentences[:LEAD_SENTENCES]
                for e in article.entities if e.entity_id and s.start <= e.start < s.end}
        published = article.published.start if article.published else None
        out = list(article.events)
        linked: set[int] = set()
        for sent in article.sentences:
            self._sentence(article, sent, lead, published, out, linked)
        for m in out:  # coded mentions of the known events named by type alone
            if id(m) in linked or m.date is None:
                continue
            ids = self._named(article, m) | lead | {a.entity_id for a in m.actors} | {m.place_id}
            parties = {a.entity_id for a in m.actors}
            found = [k for k in self.known if k.type == m.type and dated_on(m, k)
                     and self._same_kind(m, k, published)
                     and k.anchors & ids and parties & {a for a, _ in k.actors}]
            if found := _narrowest(found):
                _attach(m, found)
        out.sort(key=lambda m: (m.start, m.trigger_start))
        return out

    @staticmethod
    def _same_kind(m: EventMention, k: KnownEvent, published: date | None) -> bool:
        """A coded mention of the known event's type is that event: of any mode when the
        event has no noun classes; else of its own mode, or if it has none, dated so as to
        name it as a whole ("brought Karabakh under its control in September 2023")."""
        if not k.nouns:
            return k.mode in (None, m.mode)
        if k.mode:
            return m.mode == k.mode
        return whole(m.date, k, published)  # type: ignore[arg-type]

    @staticmethod
    def _named(article: Article, sent: Span) -> set[str]:
        return {e.entity_id for e in article.entities
                if e.entity_id and sent.start <= e.start < sent.end}

    def _hits(self, article: Article, sent: Span) -> list[Hit]:
        text = article.text[sent.start:sent.end]
        hits = [Hit(sent.start + x.start(), sent.start + x.end(), True, (k,))
                for k, pattern in self.names for x in pattern.finditer(text)]
        hits += [Hit(sent.start + x.start(), sent.start + x.end(), False, events)
                 for pattern, events in self.nouns(article.lang) for x in pattern.finditer(text)]
        return hits

    def _sentence(self, article: Article, sent: Span, lead: set[str], published: date | None,
                  out: list[EventMention], linked: set[int]) -> None:
        hits = self._hits(article, sent)
        if not hits:
            return
        named = self._named(article, sent)
        times = [t for t in article.times if t.value is not None and t.kind != "duration"
                 and sent.start <= t.start < sent.end]
        coded = [m for m in out if sent.start <= m.trigger_start < sent.end]
        done: set[str] = set()
        for hit in sorted(hits, key=lambda h: not h.by_name):
            on = [m for m in coded if m.trigger_start < hit.end and hit.start < m.trigger_end]
            found = []
            for k in hit.events:
                mine = [m for m in on if m.type == k.type] or \
                    [m for m in coded if m.type == k.type and m.mode in (None, k.mode)]
                if not k.anchors & (named | lead | {a.entity_id for m in mine for a in m.actors}):
                    continue
                dates = [m.date for m in mine if dated_on(m, k)] + [
                    t.value for t in times if overlaps(t.value, k)]  # type: ignore[arg-type]
                if not hit.by_name and not any(whole(d, k, published) for d in dates):
                    continue
                found.append(k)
            if len(found) != 1 or found[0].id in done:
                continue
            k = found[0]
            done.add(k.id)
            if any(m.known_event == k.id for m in coded):
                continue
            fits = [m for m in coded if m.type == k.type and m.mode in (None, k.mode)
                    and m.known_event is None]
            # the coded mention on these words, else one of the sentence that states no
            # date ("Putin brokered the truce"); one that does is another event ("took
            # Shusha on 8 November, two days before a truce ended the fighting")
            mentions = [m for m in fits if any(m is o for o in on)] or [
                m for m in fits if m.date is None or m.date_approximate]
            if not mentions:
                m = EventMention(sent.start, sent.end, k.type, k.mode, hit.start, hit.end, [],
                                 confidence=CONFIDENCE)
                t = next((t for t in times if overlaps(t.value, k)), None)  # type: ignore[arg-type]
                if t is not None:
                    m.date, m.date_source, m.date_approximate = \
                        t.value, f"t:{t.start}-{t.end}", False
                out.append(m)
                coded.append(m)
                mentions = [m]
            for m in mentions:
                _attach(m, k)
                linked.add(id(m))


def _narrowest(found: list[KnownEvent]) -> KnownEvent | None:
    """The one known event, or the one whose days lie within every other's (the capture of
    Shusha, not the war it ended), else None."""
    inner = [k for k in found if all(o.date.start <= k.date.start and k.date.end <= o.date.end
                                     for o in found)]
    return inner[0] if len(inner) == 1 else None


def _attach(m: EventMention, k: KnownEvent) -> None:
    """Link a mention to a known event: it gains the parties, place and days it lacks."""
    m.known_event = k.id
    have = {a.entity_id for a in m.actors}
    m.actors.extend(EventActor(entity_id, role) for entity_id, role in k.actors  # type: ignore[arg-type]
                    if entity_id not in have)
    m.place_id = m.place_id or k.place
    if m.date is None or m.date_approximate or not overlaps(m.date, k):
        m.date, m.date_source, m.date_approximate = k.date, f"known:{k.id}", False


@stage("events.known.v1", requires=("text", "lang", "sentences", "entities", "times", "events"),
       assigns=("events",))
def known_events(ctx: Context) -> Callable[[Article], Article]:
    """Links event mentions to the knowledge base's known events (kb/data/events.toml)."""
    linker = ctx.resource("events.known", lambda: KnownEventLinker(ctx.kb.known_events))

    def run(article: Article) -> Article:
        article.events = linker.link(article)
        return article

    return run

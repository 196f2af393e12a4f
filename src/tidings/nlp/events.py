"""Event coding: sentences to PLOVER event mentions with actors, place, date, modality.

The rule coder reads, for the article's language, ``nlp/lang/<code>/triggers.toml`` (words
that name an event, by PLOVER type and mode), ``modality.toml`` (cues for planned,
speculated, cancelled, negated, hypothetical) and ``events.toml`` (group nouns, locative,
companion, agent and attribution words, phrases such as "both sides"). For each trigger
outside a quotation:

* its clause is the part of the sentence between clause boundaries around it;
* actors are the clause's linked entities: people, organisations, states (a capital used
  as subject stands for its state: "Moscow announced"), a country adjective next to a
  group noun ("Russian peacekeepers", but not "ethnic Armenian forces"), a region whose
  own people a group noun names ("forces in Karabakh", "Karabakh authorities"), a region
  for attacks, "both sides" for the actors of the previous event, the group a trigger
  implies ("mass protests": protesters) and, for a possessive after a trigger without a
  target ("demanding his resignation"), the last person named. Not actors: news outlets,
  whoever a report is attributed to ("according to X") or only reports ("the Kremlin
  said", but "the US warned" is the event), a country named as part of an office
  ("Secretary of the Security Council of Russia"), a place after a locative word;
* the source is the first actor that is not a companion ("with X") unless a passive names
  the doer ("by X"); a clause without one borrows the sentence's subject or, for talks
  named by a noun ("during the meeting with Aliyev"), the previous event's source;
* a visitor meeting several officials of one country gives one event per official;
  leaders of three or more countries one multilateral event;
* the place is the nearest city or region after a locative word; the date comes from
  :func:`tidings.nlp.time.event_date` when available (else the nearest date expression);
  an event with neither its own date nor a place in the article's lead is background
  the article does not date, and is dropped unless it is a meeting;
* the modality comes from cue words in the clause.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..model import Article, DateValue, EntityMention, EventActor, EventMention, Span, TimeExpr
from ..pipeline import Context, stage
from .lexicon import load_lexicon
from .time import DATE_KINDS, event_date

log = logging.getLogger(__name__)

MODE_RANK = {"phone": 0, "visit": 1, "host": 2, "multilateral": 3, "meet": 4}
# Kinds of knowledge-base entities that report events rather than take part in them.
REPORTER_KINDS = {"news_agency", "media"}
# Types that make sense with a single actor; the others need a source and a target.
SINGLE_ACTOR_TYPES = {"RETREAT", "MOBILIZE", "AID", "ASSAULT", "PROTEST", "REJECT"}
LEAD_SENTENCES = 2
# Types whose "on X" names a subject, not a party ("talks on Karabakh"); an attack "on X"
# or a sanction "on X" has X as its target.
TOPIC_TYPES = {"CONSULT", "AGREE", "SUPPORT", "REQUEST", "REJECT"}
# Acts about other events: in "refused to sign" or "welcomed the deal" the later trigger
# is what the act is about, not an event that happened.
GOVERNING = {"REJECT", "SUPPORT", "REQUEST", "ACCUSE", "THREATEN"}
# Modalities of what has not happened (yet): an intention or a rumour is news, not background.
UNREALISED = {"planned", "speculated"}
# Types that, undated and outside the lead, are background rather than news.
UNDATED_BACKGROUND = {"ASSAULT", "COOPERATE", "SUPPORT"}
# Types whose actors are states, organisations or armed groups, never people alone.
COLLECTIVE_TYPES = {"AID", "ASSAULT", "SANCTION", "MOBILIZE", "RETREAT", "COERCE"}
# Offices whose holders act for their state (role kinds of kb/data/roles.toml).
OFFICIAL_ROLE_KINDS = {"head_of_state", "head_of_government", "minister", "security",
                       "military", "diplomat"}
PLACE_DATE_GAP = 12  # characters between a place and the date it is paired with ("X by 15 May")
GAP = r"[\s,]+(?:[\w'’.-]+[\s,]+){0,6}?"  # up to six words between a cue and its actor


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    pattern: re.Pattern[str]
    needs_target: bool = False
    topic: bool = False  # only an event when no other event is in the clause
    implies: str | None = None  # who acts when the clause names no group: "mass protests"


def _alternation(words: list[str], gap: int = 2) -> str:
    between = r"[\s,]+(?:[\w'’-]+\s+){0,%s}?".replace("%s", str(gap)) if gap else r"\s+"
    alts = []
    for phrase in words:
        parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"(?!\w)"
                 for w in phrase.split()]
        alts.append(r"(?<!\w)" + between.join(parts))
    return "|".join(alts) or "(?!)"


def word_pattern(words: list[str], gap: int = 2) -> re.Pattern[str]:
    """Phrases to one regex: 'visit*' matches any word starting so; the words of a phrase
    must appear in order, at most ``gap`` words apart."""
    return re.compile(_alternation(words, gap), re.I)


def _before(words: list[str]) -> re.Pattern[str]:
    """Matches when one of ``words`` ends a text, up to four words before its end."""
    if not words:
        return re.compile("(?!)")
    return re.compile(r"(?:" + _alternation(words) + r")(?:" + GAP + r")?\s*$", re.I)


def _after(words: list[str]) -> re.Pattern[str]:
    """Matches when one of ``words`` starts a text (Turkish postpositions: 'X ile')."""
    if not words:
        return re.compile("(?!)")
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:\w*)(?:" + alts + r")(?!\w)", re.I)


class Lexicon:
    """Everything the rule coder knows about one language."""

    def __init__(self, lang: str, titles: dict[str, str]):
        self.lang = lang
        self.groups: list[tuple[str, re.Pattern[str]]] = []  # set from the knowledge base
        self.triggers = [
            Trigger(t["type"], t.get("mode"), word_pattern(t["words"]),
                    t.get("needs_target", False), t.get("topic", False), t.get("implies"))
            for t in load_lexicon(lang, "triggers").get("trigger", [])]
        # cue phrases are read as written: "не подписал" is not "не только подписали"
        self.modality = {k: word_pattern(v, gap=0)
                         for k, v in load_lexicon(lang, "modality").items() if isinstance(v, list)}
        data = load_lexicon(lang, "events")
        groups = _alternation(data.get("actors", {}).get("group_nouns", []))
        # "ethnic Armenian forces": an adjective after these names a people, not a state
        self.ethnic = re.compile(r"(?:" + _alternation(data.get("actors", {}).get(
            "ethnic", [])) + r")\s*$", re.I)
        # a group noun right after the adjective, or right before it (French: troupes russes)
        self.group_after = re.compile(r"\s*(?:" + groups + ")", re.I)
        self.group_before = re.compile(r"(?:" + groups + r")(?:\s+\w+){0,2}\s*$", re.I)
        places = data.get("places", {})
        self.locatives = {w.casefold() for w in places.get("locatives", [])}
        # "forces in Karabakh", "representatives of the Karabakh Armenians": a region after a
        # group noun and one of these words (by default the locatives) names its own people
        links = data.get("actors", {}).get("group_links") or sorted(self.locatives)
        self.group_in = re.compile(r"(?:" + groups + r")\s+(?:" + (
            "|".join(map(re.escape, sorted(links, key=len, reverse=True))) or "(?!)")
            + r")\s*$", re.I)
        self.locative_suffixes = tuple(places.get("locative_suffixes", []))
        self.direction = re.compile(  # "nach X", "auf die X", "to the X"
            r"(?:" + _alternation(places.get("directions", [])) + r")(?:\s+\w{1,3})?\s*$",
            re.I)
        clauses = data.get("clauses", {})
        openers = "|".join(map(re.escape, clauses.get("openers", []))) or "(?!)"
        conjuncts = "|".join(map(re.escape, clauses.get("conjuncts", []))) or "(?!)"
        self.boundary = re.compile(
            r"[;:()\[\]]|\s[–—-]{1,2}\s|,\s+(?=(?:" + openers + r")\b)"
            r"|\s(?=(?:" + conjuncts + r")\b)", re.I)
        self.conjunct = re.compile(r"\s*(?:" + conjuncts + r")\b", re.I)
        self.verb_final = bool(clauses.get("verb_final", False))
        self.multilateral = word_pattern(data.get("multilateral", {}).get("words", []))
        # "the 30th anniversary of the 1997 accord": a commemorated event is not news
        self.commemoration = re.compile(r"(?:" + _alternation(
            data.get("background", {}).get("commemorations", [])) + r")(?:\s+\S+){0,5}\s*$",
            re.I)
        roles = data.get("roles", {})
        self.companion = _before(roles.get("companions", []))
        self.companion_after = _after(roles.get("companions_after", []))
        agents = _alternation(roles.get("agents", []))
        # "by X", "by the X", "by President X"; not "by supplying X"
        self.agent = re.compile(r"(?:" + agents + r")(?:\s+(?:" + _alternation(
            roles.get("determiners", [])) + r"|[A-ZÀ-ÞА-ЯЁ][\w'’-]*))?\s*$")
        self.agent_after = _after(roles.get("agents_after", []))
        # "by X" names the doer only in a passive clause ("was received by Putin")
        self.passive = word_pattern(roles.get("passive", [])) if roles.get("passive") \
            else re.compile("")
        # "according to X", "cited by the X": two words at most, no comma, between
        self.attribution = re.compile(r"(?:" + _alternation(roles.get("attributions", []))
                                      + r")(?:\s+[\w'’-]+){0,2}\s*$", re.I)
        self.attribution_after = _after(roles.get("attributions_after", []))
        self.anaphora = word_pattern(roles.get("plural_anaphora", []))
        self.pronoun = word_pattern(roles.get("pronouns", []))
        self.possessive = word_pattern(roles.get("possessives", []))
        # "the meeting", "dem Treffen": a trigger after a definite word names an event told
        self.definite = re.compile(
            r"(?:" + _alternation(roles.get("definites", [])) + r")(?:\s+[\w'’-]+)?\s*$", re.I)
        self.topic = re.compile(
            r"(?:" + _alternation(roles.get("topics", [])) + r")(?:\s+[\w'’-]+)?\s*$", re.I)
        self.anaphora_after = re.compile(
            r"(?:" + _alternation(roles.get("anaphora_after", [])) + r")\s*$", re.I)
        # "Secretary of the Security Council of Russia", "Azerbaycan Cumhurbaşkanı": a state
        # right after or right before an office names whose office it is
        title_alts = _alternation(list(titles)) if titles else "(?!)"
        self.office_before = re.compile(r"(?:" + title_alts + r")(?:\s+[\w'’-]+){0,6}\s*$", re.I)
        self.office_after = re.compile(r"(?:['’]\w+)?\s*(?:" + title_alts + ")", re.I)
        say = load_lexicon(lang, "quotes").get("cues", {}).get("say", [])
        auxiliaries = "|".join(map(re.escape, data.get("roles", {}).get("auxiliaries", [])))
        self.say_after = re.compile(
            r"(?:['’]\w+)?,?\s+(?:(?:" + (auxiliaries or "(?!)") + r")\s+)?(?:"
            + _alternation(say) + ")", re.I)
        media = load_lexicon(lang, "quotes").get("references", {}).get("media", [])
        self.media = re.compile(r"(?:" + _alternation(media) + r")[\s-]*(?:\w+\s+){0,1}$", re.I)

    def names_event(self, text: str, start: int, end: int, limit: int) -> bool:
        """Whether a trigger starts between ``start`` and ``end`` (it may run on to
        ``limit``): a reporting verb that is itself an event ("warned", "asked X to")."""
        for trig in self.triggers:
            m = trig.pattern.search(text, start, limit)
            if m is not None and m.start() < end:
                return True
        return False


@dataclass
class Actor:
    entity_id: str
    start: int
    end: int
    kind: str  # person, org, state, region, group
    country: str | None = None
    companion: bool = False
    agent: bool = False
    place: bool = False  # named after a locative word: where, or whither, not who
    topic: bool = False  # named after "on", "über": what talks or a deal are about


@dataclass
class Clause:
    start: int
    end: int
    actors: list[Actor] = field(default_factory=list)
    places: list[EntityMention] = field(default_factory=list)
    shares_subject: bool = False  # "... and has frozen X": the subject is the sentence's

    @property
    def names(self) -> list[tuple[int, int]]:
        """Where the clause's actors and places are named."""
        return [(a.start, a.end) for a in self.actors if a.start >= 0] + \
            [(p.start, p.end) for p in self.places]


class RuleCoder:
    """The default event coder (see the module docstring)."""

    def __init__(self, kb, lexicons: dict[str, Lexicon] | None = None):
        self.kb = kb
        self.lexicons = lexicons if lexicons is not None else {}

    def lexicon(self, lang: str) -> Lexicon:
        if lang not in self.lexicons:
            lex = Lexicon(lang, self.kb.titles.get(lang, {}))
            groups = [e for e in self.kb.entities.values() if e.kind == "group"]
            lex.groups = [(g.id, word_pattern(g.aliases.get(lang, []))) for g in groups
                          if g.aliases.get(lang)]
            self.lexicons[lang] = lex
        return self.lexicons[lang]

    # -- reading the sentence -------------------------------------------------------
    def _kind(self, m: EntityMention) -> str | None:
        entity = self.kb.get(m.entity_id) if m.entity_id else None
        if m.label == "PERSON":
            return "person"
        if m.label == "ORG":
            if entity is not None and entity.kind == "group":
                return "group"
            return None if entity is not None and entity.kind in REPORTER_KINDS else "org"
        if entity is None:
            return None
        return {"state": "state", "region": "region", "city": "city"}.get(entity.kind)

    def _is_locative(self, text: str, m: EntityMention, lex: Lexicon) -> bool:
        before = [w.casefold() for w in text[max(0, m.start - 20):m.start].split()]
        if before and before[-1] in lex.locatives:
            return True
        if len(before) >= 2 and len(before[-1]) <= 3 and before[-1].isalpha() and \
                before[-2] in lex.locatives:
            return True  # "in der Türkei", "à la frontière"
        surface = text[m.start:m.end]
        return bool(lex.locative_suffixes) and bool(
            re.search(r"['’](?:" + "|".join(lex.locative_suffixes) + r")$", surface))

    def _clauses(self, article: Article, sent: Span, lex: Lexicon,
                 earlier: list[EventMention]) -> list[Clause]:
        text = article.text
        cuts = [sent.start] + [sent.start + m.start()
                               for m in lex.boundary.finditer(text[sent.start:sent.end])] \
            + [sent.end]
        clauses = [Clause(a, b, shares_subject=bool(lex.conjunct.match(text, a)))
                   for a, b in zip(cuts, cuts[1:], strict=False) if b > a]

        def clause_of(offset: int) -> Clause:
            return next((c for c in clauses if c.start <= offset < c.end), clauses[-1])

        quotes = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
        mentions = [m for m in article.entities if sent.start <= m.start < sent.end
                    and not any(a <= m.start < b for a, b in quotes)]
        reporters: list[EntityMention] = []
        previous_end = 0
        for m in mentions:
            clause = clause_of(m.start)
            left = text[clause.start:m.start]
            right = text[m.end:clause.end]
            # "according to Putin, Russia ...": only the first name after the cue reports
            attributed = lex.attribution.search(text, max(clause.start, previous_end), m.start)
            previous_end = m.end
            if m.entity_id is None or attributed or lex.attribution_after.match(right.lstrip()):
                continue
            if m.method == "adjective":
                if lex.ethnic.search(left[-20:]):
                    continue  # "ethnic Armenian forces" are not Armenia's
                if lex.group_after.match(text, m.end) or lex.group_before.search(left[-40:]):
                    clause.actors.append(Actor(m.entity_id, m.start, m.end, "state", m.entity_id))
                continue
            kind = self._kind(m)
            if kind is None:
                continue
            entity = self.kb.get(m.entity_id)
            country = entity.country if entity else m.country
            locative = self._is_locative(text, m, lex)
            own = lex.group_in.search(left[-40:]) if kind == "region" else None
            if (own and not any(a.end >= m.start - len(own.group()) - 2 for a in clause.actors)
                    ) or (kind == "region" and lex.group_after.match(text, m.end)):
                # "separatist forces in Karabakh", "Karabakh authorities"; not "Russian
                # peacekeepers in Karabakh"
                clause.actors.append(Actor(m.entity_id, m.start, m.end, "group", country))
                continue
            if kind in ("city", "region") or (kind == "state" and locative):
                clause.places.append(m)
                directed = lex.direction.search(left[-12:])
                seat = self.kb.seats.get(entity.name) if entity else None
                if kind == "city" and seat and not locative and not directed:
                    kind, m_id = "org", seat  # "accusing Brussels": the EU
                elif kind == "city" and entity and _is_capital(self.kb, entity) and \
                        (not locative or directed):
                    kind, m_id = "state", entity.country  # "Moscow announced", "to Baku"
                elif kind == "region" or (kind == "state" and directed):
                    m_id = m.entity_id
                else:
                    continue
                # a state one goes to receives, except on a visit ("aid to Armenia")
                clause.actors.append(Actor(m_id, m.start, m.end, kind, country,
                                           companion=bool(directed) or kind == "region",
                                           place=bool(locative)))
                continue
            if kind in ("state", "org") and (lex.office_before.search(left[-70:]) or
                                             lex.office_after.match(text, m.end)) and \
                    _person_follows(article, m.end, clause.end):
                continue  # "Sekretär des Sicherheitsrates der Russischen Föderation, X"
            if kind == "org" and lex.media.search(left[-40:]):
                continue  # "the news website Azerdaily": a reporter
            if kind in ("state", "org") and _before_person(article, m):
                continue  # "Secretary of the Security Council of Russia, Nikolai Patrushev"
            said = lex.say_after.match(text, m.end)
            if said and not lex.names_event(text, said.start(), said.end(), clause.end):
                reporters.append(m)  # "the Kremlin said": who reports, not who acts
                continue  # but "the US warned", "X asked Y to": the saying is the event
            clause.actors.append(Actor(
                m.entity_id, m.start, m.end, kind, country,
                topic=kind in ("state", "region") and bool(lex.topic.search(left[-25:])),
                companion=bool(lex.companion.search(left[-60:]) or
                               lex.companion_after.match(right.lstrip())),
                agent=bool((lex.agent.search(left[-40:]) and lex.passive.search(
                    text, clause.start, clause.end)) or lex.agent_after.match(right.lstrip()))))
        for m in reporters:  # a clause with hardly anybody else keeps its speaker
            clause = clause_of(m.start)
            if len(clause.actors) < 2 and (kind := self._kind(m)) in ("person", "org", "state"):
                clause.actors.append(Actor(m.entity_id, m.start, m.end, kind, m.country))
        adjectives = [m for m in article.entities if m.method == "adjective"
                      and sent.start <= m.start < sent.end]
        for group_id, pattern in lex.groups:  # "protesters", "Demonstranten"
            for g in pattern.finditer(text, sent.start, sent.end):
                clause = clause_of(g.start())
                if any(-3 <= g.start() - m.end <= 3 or -3 <= m.start - g.end() <= 3
                       for m in adjectives):
                    continue  # "Georgian police", "la police géorgienne": the state acts
                if group_id not in {a.entity_id for a in clause.actors}:
                    clause.actors.append(Actor(group_id, g.start(), g.end(), "group"))
        meeting = _last_meeting(earlier)
        fight = _last_fight(earlier)
        for c in clauses:
            match = lex.anaphora.search(text, c.start, c.end)
            # "clashes between the two armies": the sides of the last fighting told
            previous = fight if fight is not None and any(
                t.type == "ASSAULT" and t.pattern.search(text, c.start, c.end)
                for t in lex.triggers) else meeting
            # "the two leaders discussed", "a meeting of the two ministers" refer back;
            # "killed on both sides" does not
            own = {a.entity_id for a in c.actors if a.kind in ("person", "state", "org")}
            # "The two leaders also asked the OSCE ...": the subject refers back, whoever
            # else the clause names, unless it names people ("the ministers, X and Y")
            opens = bool(match) and not text[c.start:match.start()].strip() and \
                not any(a.kind == "person" for a in c.actors)
            if match and previous is not None and (len(own) < 2 or opens) and (
                    len(text[c.start:match.start()].split()) <= 3
                    or lex.anaphora_after.search(text[c.start:match.start()])):
                for a in previous.actors:
                    entity = self.kb.get(a.entity_id)
                    kind = "person" if entity is None or entity.type == "PERSON" else \
                        {"state": "state", "region": "region"}.get(entity.kind, "org")
                    c.actors.append(Actor(a.entity_id, match.start(), match.end(), kind,
                                          entity.country if entity else None))
            c.actors.sort(key=lambda a: a.start)
        return clauses

    # -- coding ---------------------------------------------------------------------
    def code(self, article: Article) -> list[EventMention]:
        lex = self.lexicon(article.lang or "en")
        # what a speaker says ("today", "next week") does not date what the article reports
        quoted = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
        if quoted:
            article = replace(article, times=[t for t in article.times if not any(
                a <= t.start < b for a, b in quoted)])
        out: list[EventMention] = []
        for number, sent in enumerate(article.sentences):
            out.extend(self._code_sentence(article, sent, lex, out, number < LEAD_SENTENCES))
        return out

    def _code_sentence(self, article: Article, sent: Span, lex: Lexicon,
                       earlier: list[EventMention], lead: bool) -> list[EventMention]:
        text = article.text
        clauses = self._clauses(article, sent, lex, earlier)
        quotes = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
        names = [e for e in article.entities if sent.start <= e.start < sent.end
                 and e.label in ("ORG", "LOC", "GPE") and e.method != "adjective"]
        found: dict[tuple[int, str], tuple[Trigger, int, int]] = {}
        for trig in lex.triggers:
            for m in trig.pattern.finditer(text, sent.start, sent.end):
                if any(a <= m.start() < b for a, b in quotes):
                    continue  # what a speaker says is not a reported fact
                if any(e.start <= m.start() < e.end for e in names):
                    continue  # "Collective Security Treaty Organization" is no treaty
                if lex.commemoration.search(text, max(sent.start, m.start() - 80), m.start()):
                    continue
                ci = next(i for i, c in enumerate(clauses) if c.start <= m.start() < c.end)
                key = (ci, trig.type)
                old = found.get(key)
                if old is None or MODE_RANK.get(trig.mode or "", 9) < MODE_RANK.get(
                        old[0].mode or "", 9):
                    found[key] = (trig, m.start(), m.end())
        types_in: dict[int, set[str]] = {}
        for ci, etype in found:
            types_in.setdefault(ci, set()).add(etype)
        events: list[EventMention] = []
        governing: dict[int, list[tuple[int, int]]] = {}  # clause -> its acts on events
        for (ci, etype), (_, t0, t1) in found.items():
            if etype in GOVERNING:
                governing.setdefault(ci, []).append((t0, t1))
        for (ci, etype), (trig, t0, t1) in sorted(found.items(), key=lambda kv: kv[1][1]):
            if trig.topic and len(types_in[ci]) > 1:
                continue  # "discussed military cooperation": the talks are the event
            if etype not in GOVERNING and any(
                    (g0 < t0 or lex.verb_final) and not (g0 < t1 and t0 < g1)
                    for g0, g1 in governing.get(ci, ())):
                # "refused to sign", "welcomed the deal": the act on it is the event; where
                # the verb comes last ("zu einem Ende der Kämpfe aufgerufen"), wherever it
                # stands, unless it is part of the trigger ("militärisch unterstützt")
                continue
            for m in self._event(article, sent, clauses, ci, trig, t0, t1, lex,
                                 earlier + events, lead):
                events.extend(self._per_place(article, m))
        return events

    def _per_place(self, article: Article, m: EventMention) -> list[EventMention]:
        """One event per place when the words after the trigger pair several places with
        their own dates ("must hand over Kalbajar by 15 November, Aghdam by 20 November
        and Lachin by 1 December": three handovers), else the event as it is."""
        places = [e for e in article.entities if m.trigger_end <= e.start < m.end
                  and e.entity_id and (k := self.kb.get(e.entity_id)) is not None
                  and k.kind in ("city", "region")]
        pairs = []
        for e in places:
            t = next((t for t in article.times if t.value is not None and t.kind in DATE_KINDS
                      and 0 <= t.start - e.end <= PLACE_DATE_GAP), None)
            if t is not None:
                pairs.append((e, t))
        if len(pairs) < 2 or len({t.value for _, t in pairs}) < len(pairs):
            return [m]
        return [replace(m, place_id=e.entity_id, date=t.value, date_source=f"t:{t.start}-{t.end}",
                        date_approximate=False, actors=list(m.actors)) for e, t in pairs]

    def _event(self, article: Article, sent: Span, clauses: list[Clause], ci: int,
               trig: Trigger, t0: int, t1: int, lex: Lexicon,
               earlier: list[EventMention], lead: bool) -> list[EventMention]:
        clause = clauses[ci]
        actors = _unique(clause.actors)
        if trig.implies and not any(a.kind == "group" for a in actors) and \
                self.kb.get(trig.implies) is not None:
            actors = [Actor(trig.implies, t0, t1, "group")] + actors  # "after mass protests"
        if trig.type == "CONSULT":
            actors = [a for a in actors if not a.place]  # a visit's destination is a place
        if trig.type in TOPIC_TYPES:
            actors = [a for a in actors if not a.topic]  # "a memorandum on northern Syria"
        if trig.type not in ("ASSAULT", "MOBILIZE"):
            actors = [a for a in actors if a.kind != "region"]
        if trig.type == "CONSULT" and lex.definite.search(article.text, clause.start, t0) and \
                _modality(lex, _window(article.text, clause, t0, t1, clause.names)) == "asserted":
            # "the meeting planned for 7 December" is another meeting than the one told
            told = _told_before(earlier, actors)
            if told is not None:  # "at the meeting", "an dem Treffen teilgenommen"
                return [_again(told, sent, trig, t0, t1, actors)]
        source = None if clause.shares_subject else _source(actors)
        pronoun = lex.pronoun.search(article.text, clause.start, t0)
        if pronoun and (source is None or source.start > pronoun.start()):
            source = self._subject(article, clauses, ci, earlier, pronoun.start(), True) or source
        elif source is None:
            # "a side trip to Yerevan was not planned": the visitor of the talks told before
            source = self._subject(article, clauses, ci, [
                e for e in earlier if e.type == "CONSULT"] if trig.type == "CONSULT" else [], t0)
        targets = [a for a in actors if source is None or a.entity_id != source.entity_id]
        if not targets and source is not None and lex.possessive.search(
                article.text, t1, clause.end):  # "protesters demanding his resignation"
            targets = self._person_before(article, sent, source)
        if trig.needs_target and not targets:
            return _dropped(trig, t0, "no one received")
        place = self._place(clauses, ci, t0)
        if trig.type == "CONSULT" and trig.mode == "visit" and place is not None and not targets:
            host = self.kb.get(place.entity_id)
            host_id = host.id if host and host.kind == "state" else (host.country if host else None)
            if host_id and (source is None or host_id != source.country):
                targets = [Actor(host_id, place.start, place.end, "state", host_id)]
                # the host's official named elsewhere in the sentence receives the visitor
                targets += [a for c in clauses for a in c.actors if a.kind == "person"
                            and a.country == host_id and a not in targets
                            and (source is None or a.entity_id != source.entity_id)][:1]
        if source is None and not targets and trig.type == "AGREE":
            return self._agreement_ahead(article, sent, clause, trig, t0, t1, lex, earlier)
        if source is None:
            return _dropped(trig, t0, "no source")
        if trig.type not in SINGLE_ACTOR_TYPES and not targets:
            return _dropped(trig, t0, "no target")
        if trig.type in COLLECTIVE_TYPES and all(
                a.kind == "person" for a in ([source] if source else []) + targets):
            # "Putin defended those arms supplies": no state, no transfer
            return _dropped(trig, t0, "people only, for a collective type")
        when, date_source, approximate = self._date(article, sent, t0)
        modality = _modality(lex, _window(article.text, clause, t0, t1, clause.names))
        if approximate and not lead and trig.type in UNDATED_BACKGROUND and \
                modality not in UNREALISED:
            # undated background ("the region saw two wars"); an intention is news
            return _dropped(trig, t0, "undated background")
        mode = trig.mode
        groups = self._split_targets(targets, trig, article, clause, lex)
        if trig.type == "CONSULT" and len(groups) == 1 and _countries(source, groups[0]) >= 3:
            mode = "multilateral"
        out = []
        for group in groups:
            roles = ([EventActor(source.entity_id, "source",
                                 source.start if source.start >= 0 else None,
                                 source.end if source.end >= 0 else None)] if source else [])
            roles += [EventActor(a.entity_id, "target", a.start, a.end) for a in group]
            roles += self._states_of_officials(roles, when or article.published)
            out.append(EventMention(
                sent.start, sent.end, trig.type, mode, t0, t1, roles,
                place_id=place.entity_id if place else None, date=when,
                date_source=date_source, date_approximate=approximate,
                modality=modality,  # type: ignore[arg-type]
                confidence=0.6 if source and group else 0.4))
        return out

    def _agreement_ahead(self, article: Article, sent: Span, clause: Clause, trig: Trigger,
                         t0: int, t1: int, lex: Lexicon, earlier: list[EventMention]
                         ) -> list[EventMention]:
        """"The treaty itself still has to be signed": a planned or speculated agreement
        that names no party is one between the parties of the agreement told before."""
        modality = _modality(lex, _window(article.text, clause, t0, t1, clause.names))
        told = next((e for e in reversed(earlier) if e.type == "AGREE"
                     and len({a.entity_id for a in e.actors}) >= 2), None)
        if modality not in UNREALISED or told is None:
            return _dropped(trig, t0, "no parties")
        when, date_source, approximate = self._date(article, sent, t0)
        roles = [EventActor(a.entity_id, "participant", a.start, a.end) for a in told.actors]
        return [EventMention(sent.start, sent.end, trig.type, trig.mode, t0, t1, roles,
                             date=when, date_source=date_source, date_approximate=approximate,
                             modality=modality, confidence=0.4)]  # type: ignore[arg-type]

    def _subject(self, article: Article, clauses: list[Clause], ci: int,
                 earlier: list[EventMention], offset: int, pronoun: bool = False
                 ) -> Actor | None:
        """Who a clause without its own subject is about: the sentence's subject, else the
        source of the previous event ("during the meeting with Aliyev", "he added")."""
        main = [a for c in clauses[:ci] for a in _unique(c.actors)
                if a.kind in ("person", "org", "state") and not a.companion]
        if main:
            return main[0]
        last = _last_person(article, offset) if pronoun else None
        if last is not None and not (earlier and earlier[-1].actors
                                     and last.start <= earlier[-1].trigger_end):
            entity_id = last.entity_id  # "he" is the person named since the last event
        elif earlier and earlier[-1].actors:
            entity_id = earlier[-1].actors[0].entity_id
        else:
            return None
        return self._named_before(entity_id)

    def _person_before(self, article: Article, sent: Span, source: Actor) -> list[Actor]:
        """Whom a possessive after the trigger points to: the last person named before the
        sentence, unless that is the source."""
        last = _last_person(article, sent.start)
        if last is None or last.entity_id == source.entity_id:
            return []
        return [self._named_before(last.entity_id)]

    def _named_before(self, entity_id: str) -> Actor:
        """A person the clause refers to but does not name (no offsets of its own)."""
        entity = self.kb.get(entity_id)
        return Actor(entity_id, -1, -1, "person", entity.country if entity else None)

    def _states_of_officials(self, roles: list[EventActor], when: DateValue | None
                             ) -> list[EventActor]:
        """An official acts for a state: Aliyev signing is Azerbaijan signing. The state of
        each actor holding a government office on the day joins as a participant."""
        present = {r.entity_id for r in roles}
        out = []
        for r in roles:
            entity = self.kb.get(r.entity_id)
            if entity is None or entity.type != "PERSON" or not entity.country:
                continue
            day = when.start if when else None
            offices = entity.roles_on(day) if day else entity.roles
            official = any(self.kb.role_kinds.get(o.key) in OFFICIAL_ROLE_KINDS
                           and (o.country or entity.country) == entity.country for o in offices)
            if official and entity.country not in present:
                present.add(entity.country)
                out.append(EventActor(entity.country, "participant"))
        return out

    def _split_targets(self, targets: list[Actor], trig: Trigger, article: Article,
                       clause: Clause, lex: Lexicon) -> list[list[Actor]]:
        """One event per official met when a visitor meets several people of one country;
        otherwise one event with every target."""
        if trig.type != "CONSULT":
            return [targets]
        people = [a for a in targets if a.kind == "person"]
        if len(people) < 2:
            return [people or targets]
        countries = {a.country for a in people}
        multilateral = lex.multilateral.search(article.text[clause.start:clause.end])
        if len(countries) == 1 and not multilateral:
            return [[a] for a in people]
        return [people]

    def _place(self, clauses: list[Clause], ci: int, t0: int) -> EntityMention | None:
        places = clauses[ci].places or [p for c in clauses for p in c.places]
        if not places:
            return None
        cities = [p for p in places if (e := self.kb.get(p.entity_id)) and e.kind == "city"]
        pool = cities or places
        return min(pool, key=lambda p: abs(p.start - t0))

    def _date(self, article: Article, sent: Span, t0: int) -> tuple[DateValue | None, str, bool]:
        """The event's date (tidings.nlp.time.event_date); without one of its own, the day
        the article's lead reports rather than the publication day, which is often the
        day after: "the talks", told later in the article, are the talks of the lead."""
        value, source, approximate = event_date(article, sent, t0)
        if approximate:
            lead = _lead_day(article)
            if lead is not None:
                return lead.value, f"lead:t:{lead.start}-{lead.end}", True
        return value, source, approximate


def _told_before(earlier: list[EventMention], actors: list[Actor]) -> EventMention | None:
    """The meeting a definite "the meeting" refers to: the latest earlier one that shares
    an actor with the clause, else the latest one, unless the clause names two people of
    its own who did not take part in it."""
    meetings = [e for e in earlier if e.type == "CONSULT" and e.modality == "asserted"]
    if not meetings:
        return None
    named = {a.entity_id for a in actors}
    shared = [e for e in meetings if named & {a.entity_id for a in e.actors}]
    if shared:
        return shared[-1]
    newcomers = [a for a in actors if a.kind == "person"]
    return meetings[-1] if len(newcomers) < 2 else None


def _again(told: EventMention, sent: Span, trig: Trigger, t0: int, t1: int,
           actors: list[Actor]) -> EventMention:
    """Another mention of an event told before: its actors and date, and whoever this
    clause adds as participants."""
    roles = list(told.actors)
    known = {a.entity_id for a in roles}
    roles += [EventActor(a.entity_id, "participant", a.start, a.end) for a in actors
              if a.entity_id not in known]
    return EventMention(sent.start, sent.end, told.type, told.mode or trig.mode, t0, t1, roles,
                        place_id=told.place_id, date=told.date, date_source=told.date_source,
                        date_approximate=told.date_approximate, modality=told.modality,
                        confidence=told.confidence)


def _last_meeting(earlier: list[EventMention]) -> EventMention | None:
    """What "the two sides" or "the leaders" refer to: the latest meeting with two actors,
    else the latest event with two."""
    pairs = _pairs(earlier)
    meetings = [e for e in pairs if e.type == "CONSULT"]
    return (meetings or pairs or [None])[-1]


def _last_fight(earlier: list[EventMention]) -> EventMention | None:
    """What "the two armies" in a clause about fighting refer to: the latest attack told
    with two sides, if any."""
    return next((e for e in reversed(_pairs(earlier)) if e.type == "ASSAULT"), None)


def _pairs(earlier: list[EventMention]) -> list[EventMention]:
    return [e for e in earlier
            if len({a.entity_id for a in e.actors if a.role != "participant"}) >= 2]


def _dropped(trig: Trigger, offset: int, reason: str) -> list[EventMention]:
    log.debug("no %s event at %d: %s", trig.type, offset, reason)
    return []


def _person_follows(article: Article, offset: int, limit: int) -> bool:
    """Whether a person is named shortly after ``offset``: the office holder that an office
    phrase with a country in it describes ("President of Azerbaijan Ilham Aliyev"), as
    against "the leaders of Azerbaijan and Armenia", where the countries are the actors."""
    return any(p.label == "PERSON" and offset <= p.start < min(limit, offset + 60)
               for p in article.entities)


def _before_person(article: Article, m: EntityMention) -> bool:
    """Whether a name ends a description that a comma joins to a person's name."""
    following = [p for p in article.entities if p.start >= m.end and p.start - m.end <= 3]
    return any(p.label == "PERSON" and article.text[m.end:p.start].strip() == ","
               for p in following)


def _lead_day(article: Article) -> TimeExpr | None:
    """The first day-precise event date of the article's first two sentences."""
    lead = article.sentences[:LEAD_SENTENCES]
    if not lead:
        return None
    for t in article.times:
        if t.start >= lead[-1].end:
            break
        if t.value is not None and t.value.granularity == "day" and t.role == "event" and \
                t.kind in ("date", "range"):
            return t
    return None


def _last_person(article: Article, offset: int) -> EntityMention | None:
    """The last linked person named before ``offset``."""
    people = [m for m in article.entities if m.label == "PERSON" and m.entity_id
              and m.end <= offset]
    return people[-1] if people else None


def _source(actors: list[Actor]) -> Actor | None:
    doers = [a for a in actors if a.kind in ("person", "org", "state", "group")]
    agents = [a for a in doers if a.agent]
    if agents:
        return agents[0]
    free = [a for a in doers if not a.companion]
    return free[0] if free else None


def _unique(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.entity_id not in seen:
            seen.add(a.entity_id)
            out.append(a)
    return out


def _countries(source: Actor | None, group: list[Actor]) -> int:
    return len({a.country for a in ([source] if source else []) + group if a.country})


def _is_capital(kb, city) -> bool:
    return bool(city.country) and kb.capitals.get(city.country) == city.name


def _window(text: str, clause: Clause, t0: int, t1: int,
            names: list[tuple[int, int]] = ()) -> str:
    """The words around a trigger that can change its modality: up to eight before it
    and six after it ("the meeting between X and Y was postponed"), inside its clause;
    a name of several words (``names``: their spans) counts as one word."""
    def words(start: int, end: int) -> list[str]:
        out: list[str] = []
        last = None
        for m in re.finditer(r"\S+", text[start:end]):
            name = next((n for n in names if n[0] <= start + m.start() < n[1]), None)
            if name is None or name != last:
                out.append(m.group())
            else:
                out[-1] += " " + m.group()
            last = name
        return out

    before = words(clause.start, t0)[-8:]
    after = words(t1, clause.end)[:6]
    return " ".join(before + [text[t0:t1]] + after)


def _modality(lex: Lexicon, clause: str) -> str:
    for name in ("cancelled", "negated", "speculated", "hypothetical", "planned"):
        pattern = lex.modality.get(name)
        if pattern is not None and pattern.search(clause):
            return name
    return "asserted"


def code_article(article: Article, coder: RuleCoder) -> list[EventMention]:
    """The rule coder's event mentions for one article (the LLM coder's fallback)."""
    return coder.code(article)


@stage("events.rules.v1", requires=("text", "lang", "sentences", "entities", "times"),
       assigns=("events",))
def events(ctx: Context) -> Callable[[Article], Article]:
    """PLOVER event mentions from trigger lexicons and the sentence's entities."""
    coder = ctx.resource("events.rule_coder", lambda: RuleCoder(ctx.kb))

    def run(article: Article) -> Article:
        article.events = coder.code(article)
        return article

    return run

"""Who speaks: the subject of a reporting cue, resolved to an entity.

Beside a cue (a reporting verb, a relaying verb, a source phrase; ``quotes.py`` finds
them) the subject phrase is read: an entity mention, a pronoun or a description ("the top
Russian military official", "said the Russian president"). Pronouns and descriptions go
to the office holder named, else to the nearest earlier sentence naming a compatible
person (same country): the speaker of a quote there, or its first person (the likely
subject). A relayed quote belongs to whom it relays, not to the outlet relaying it; an
institution's voice ("the press service of the Security Council") speaks for the
institution.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ..kb.base import KnowledgeBase
from ..model import Article, EntityMention

if TYPE_CHECKING:
    from .quotes import QuoteLexicon

NP_WORDS = 8  # most words of the subject phrase next to a reporting verb
MEDIA_KINDS = ("news_agency", "media", "newspaper", "broadcaster")
WORD = re.compile(r"\w+")
BLANK = " \t\u00a0\u202f\u2009"
CLAUSE_STOP = re.compile(r"[,;:()\[\]—–]|\s-\s|\n")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # say, relay, source_before, source_after, after_quote


@dataclass(frozen=True)
class Speaker:
    start: int  # where the text refers to the speaker near the quote
    end: int
    entity_id: str | None

    @classmethod
    def at(cls, text: str, start: int, end: int, entity_id: str | None) -> Speaker:
        """A speaker phrase with the blanks and punctuation around it left out."""
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        return cls(start, end, entity_id)


def words(text: str, lo: int, hi: int) -> int:
    """How many words text[lo:hi] has."""
    return len(WORD.findall(text, lo, max(lo, hi)))


class Attributor:
    """Speakers of one article's quotes: cues, subject phrases and earlier references."""

    def __init__(self, article: Article, lex: QuoteLexicon, kb: KnowledgeBase | None,
                 regions: list[tuple[int, int]]):
        self.article, self.text, self.lex, self.kb = article, article.text, lex, kb
        self.on: date | None = article.published.start if article.published else None
        self.regions = regions
        self.mentions = [m for m in article.entities if m.label in ("PERSON", "ORG", "GPE")
                         and m.method != "adjective" and not self.quoted(m.start)]
        self.adjectives = [m for m in article.entities if m.method == "adjective"]
        # earlier references to people: (start, end, entity id, is a speaker), in text order
        self.people = sorted((m.start, m.end, m.entity_id, False) for m in self.mentions
                             if m.label == "PERSON" and m.entity_id)
        self.bodies: list[Speaker] = []  # institutions that spoke, in text order
        self.titles = office_titles(kb, article.lang or "en") if kb else None
        self.country_words = {w.casefold(): iso3 for w, iso3 in
                              (kb.adjectives.get(article.lang or "en", {}) if kb else {}).items()}

    def quoted(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.regions)

    def remember(self, speaker: Speaker | None) -> None:
        """A resolved speaker who is a person is the antecedent of later references."""
        if speaker is None or speaker.entity_id is None:
            return
        entity = self.kb.get(speaker.entity_id) if self.kb else None
        person = entity.type == "PERSON" if entity else any(
            m.entity_id == speaker.entity_id and m.label == "PERSON" for m in self.mentions)
        if person:
            self.people.append((speaker.start, speaker.end, speaker.entity_id, True))
            self.people.sort()
        elif not (entity and entity.kind in MEDIA_KINDS):
            self.bodies.append(speaker)

    # -- phrases beside a cue
    def left_np(self, cue: Cue, lo: int) -> tuple[int, int]:
        start = lo
        for m in CLAUSE_STOP.finditer(self.text, lo, cue.start):
            start = m.end()
        found = list(WORD.finditer(self.text, start, cue.start))
        if any(w.group().casefold() in self.lex.conjunctions for w in found[-2:]):
            return start, cue.start  # "Aliyev thanked him and (has) said": Aliyev
        found = found[-NP_WORDS:]
        return (found[0].start(), cue.start) if found else (cue.start, cue.start)

    def right_np(self, cue: Cue, hi: int) -> tuple[int, int]:
        stop = CLAUSE_STOP.search(self.text, cue.end, hi)
        end = stop.start() if stop else hi
        comp = self.lex.complementizers.search(self.text, cue.end, end)
        end = comp.start() if comp else end
        found = list(WORD.finditer(self.text, cue.end, end))[:NP_WORDS]
        return (cue.end, found[-1].end()) if found else (cue.end, cue.end)

    def media(self, m: EntityMention) -> bool:
        entity = self.kb.get(m.entity_id) if self.kb and m.entity_id else None
        return bool(entity and entity.kind in MEDIA_KINDS) or \
            bool(self.lex.media.search(self.text, m.start, m.end))

    def resolve(self, a: int, b: int, side: str, relay: bool = False) -> Speaker | None:
        """The speaker a subject phrase text[a:b] names, on the ``side`` of its cue."""
        if b <= a:
            return None
        inside = [m for m in self.mentions if a <= m.start and m.end <= b]
        actors = [m for m in inside if m.label != "GPE" and m.entity_id]
        voiced = [m for m in actors if not self.media(m)]
        if voiced or relay:
            actors = voiced
        pick = _nearest(actors, "right" if side == "left" and self._joined(b) else side)
        tokens = [(w.start(), w.end(), w.group().casefold())
                  for w in WORD.finditer(self.text, a, b)]
        pronoun = next(((ws, we) for ws, we, w in (tokens[-2:] if side == "left" else tokens[:2])
                        if w in self.lex.pronouns), None)
        # a pronoun, an office or a description is resolved here, where quoted words and
        # earlier speakers are known; what the entities stage made of it is the fallback
        guessed = pick is not None and pick.method in ("coref", "office")
        if pronoun and (pick is None or guessed or (
                pronoun[0] > pick.start if side == "left" else pronoun[0] < pick.start)):
            found = self.antecedent(*pronoun)
            if found is not None:
                return found
        if pick is not None and not guessed:
            return Speaker(pick.start, pick.end, pick.entity_id)
        found = self.describe(a, b, tokens, inside, side)
        if found is not None:
            return found
        if pick is not None:
            return Speaker(pick.start, pick.end, pick.entity_id)
        heads = [m for m in inside if m.label == "GPE" and m.entity_id and all(
            w in self.lex.determiners for ws, _, w in tokens if ws < m.start)]
        state = _nearest(heads, side)  # "Baku said", not "observers in Yerevan said"
        return Speaker(state.start, state.end, state.entity_id) if state else None

    def describe(self, a: int, b: int, tokens: list[tuple[int, int, str]],
                 inside: list[EntityMention], side: str) -> Speaker | None:
        """A description ('the Russian president', 'the press service of X', 'the ministry')
        as a speaker."""
        starts = [ws for ws, _, w in tokens if w in self.lex.determiners]
        role, role_end = None, a
        title = self.titles[0].search(self.text, a, b) if self.titles else None
        if title is not None:
            role, role_end = self.titles[1][title.group(1).lower()], title.end()
        voice = self.lex.voices.search(self.text, a, b)
        bodies = [m.group().casefold() for m in self.lex.bodies.finditer(self.text, a, b)]
        office = any(m.method == "office" for m in inside)
        if not (starts or role or voice or bodies or office):
            return None
        if voice:
            body = [m for m in inside if m.entity_id and not self.media(m)]
            if body:
                return Speaker(body[0].start, body[0].end, body[0].entity_id)
            return Speaker.at(self.text, voice.start(), b, self.body(voice.end(), b))
        if self.lex.media.search(self.text, a, b):
            return None  # "according to Russian media"
        country, country_end = self.country(a, b)
        if side == "right":  # "said the Turkish president at a press conference"
            a = starts[0] if starts else a
            b = max(role_end, country_end, *(m.end for m in inside if m.method == "office")) \
                if role or country or office else b
        else:
            a = starts[-1] if starts else a
        if bodies and not role:
            return self.named_body(a, b, bodies)
        if not (role or country or office):
            return None  # "the two leaders": no one in particular
        return self.antecedent(a, b, country, role)

    def named_body(self, a: int, b: int, nouns: list[str]) -> Speaker | None:
        """'The ministry said': the earlier body whose name has that noun, else the body that
        spoke last."""
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.end > a or m.label != "ORG" or not m.entity_id or self.media(m):
                continue
            entity = self.kb.get(m.entity_id) if self.kb else None
            names = [self.text[m.start:m.end]] + (entity.all_aliases() if entity else [])
            have = {w for n in names for w in WORD.findall(n.casefold())}
            if any(_same_stem(noun, w) or w.endswith(noun) for noun in nouns for w in have):
                return Speaker.at(self.text, a, b, m.entity_id)
        spoke = [s for s in self.bodies if s.end <= a]
        if spoke:
            return Speaker.at(self.text, a, b, spoke[-1].entity_id)
        recent = [m for m in self.mentions if m.label == "ORG" and m.entity_id and m.end <= a
                  and not self.media(m) and self._sentences_between(m.end, a) <= 1]
        return Speaker.at(self.text, a, b, recent[-1].entity_id) if recent else None

    def _sentences_between(self, x: int, y: int) -> int:
        return sum(1 for s in self.article.sentences if x <= s.start < y)

    def body(self, a: int, b: int) -> str | None:
        """The institution a voice speaks for when no mention names it ('Pressedienst des
        Sicherheitsrats'): an organisation of the article, else of the knowledge base, whose
        name has the phrase's capitalised words, the article's main country breaking ties."""
        names_of = [w.group().casefold() for w in WORD.finditer(self.text, a, b)
                    if w.group()[0].isupper() and len(w.group()) >= 4]
        if not names_of:
            return None

        def named(names: list[str]) -> bool:
            have = {w for n in names for w in WORD.findall(n.casefold())}
            return all(any(_same_stem(w, h) for h in have) for w in names_of)

        orgs = [m for m in self.article.entities if m.label == "ORG" and m.entity_id]
        for m in sorted(orgs, key=lambda m: abs(m.start - a)):
            entity = self.kb.get(m.entity_id) if self.kb else None
            if named([self.text[m.start:m.end]] + (entity.all_aliases() if entity else [])):
                return m.entity_id
        if self.kb is None:
            return None
        found = [e for e in self.kb.entities.values() if e.type == "ORG" and e.kind not in
                 MEDIA_KINDS and named(e.all_aliases())]
        prior = self.countries()
        ranked = sorted(found, key=lambda e: -prior.get(e.country or "", 0))
        if ranked and prior.get(ranked[0].country or "", 0) > 0 and (
                len(ranked) == 1 or ranked[0].country != ranked[1].country):
            return ranked[0].id
        return None

    def countries(self) -> dict[str, int]:
        """How often the article names people and bodies of each country."""
        counts: dict[str, int] = {}
        for m in self.article.entities:
            entity = self.kb.get(m.entity_id) if self.kb and m.entity_id else None
            if entity and entity.country and m.label in ("PERSON", "ORG"):
                counts[entity.country] = counts.get(entity.country, 0) + 1
        return counts

    def country(self, a: int, b: int) -> tuple[str | None, int]:
        """The country an adjective or state name in text[a:b] gives, and where it ends."""
        for m in self.adjectives + self.mentions:
            if a <= m.start and m.end <= b and m.label == "GPE" and m.entity_id:
                entity = self.kb.get(m.entity_id) if self.kb else None
                if m.method == "adjective" or (entity and entity.kind == "state"):
                    return m.entity_id, m.end
        for w in WORD.finditer(self.text, a, b):
            word = w.group().casefold()
            for adjective, iso3 in self.country_words.items():
                stem = adjective[:len(adjective) - self.lex.adjective_strip] or adjective
                if word.startswith(stem) and len(word) - len(stem) <= 4:
                    return iso3, w.end()
        return None, a

    def antecedent(self, a: int, b: int, country: str | None = None,
                   role: str | None = None) -> Speaker | None:
        """The person a pronoun or description at text[a:b] refers back to: who holds the
        office named, else in the nearest earlier sentence naming a compatible person, the
        speaker of a quote there or the first person named (the likely subject)."""
        earlier = [p for p in self.people if p[1] <= a]
        if role:
            for _, _, entity_id, _ in sorted(earlier, key=lambda p: -p[0]):
                if self._holds(entity_id, role, country):
                    return Speaker.at(self.text, a, b, entity_id)
            holders = self.kb.holders(role, country, self.on) if self.kb and country else []
            if len(holders) == 1:
                return Speaker.at(self.text, a, b, holders[0].id)
        fits = [p for p in earlier if self._compatible(p[2], country)]
        if not fits:
            return None
        sentence = self.article.sentence_of(fits[-1][0])
        if sentence is not None:
            fits = [p for p in fits if sentence.start <= p[0] < sentence.end]
        spoke = [p for p in fits if p[3]]
        return Speaker.at(self.text, a, b, spoke[-1][2] if spoke else fits[0][2])

    def _compatible(self, entity_id: str, country: str | None) -> bool:
        entity = self.kb.get(entity_id) if self.kb else None
        return not (country and entity and entity.country and entity.country != country)

    def _holds(self, entity_id: str, role: str, country: str | None) -> bool:
        """Whether the entity held that office (or, for a generic title such as 'minister',
        one of its kind) on the article's date."""
        entity = self.kb.get(entity_id) if self.kb else None
        kinds = self.kb.role_kinds if self.kb else {}
        return bool(entity) and any(
            (r.key == role or (role in kinds and kinds.get(r.key) == kinds[role]
                               and role == kinds[role]))
            and (country is None or r.country == country)
            and (self.on is None or r.active_on(self.on)) for r in entity.roles)

    def speaker_for(self, cue: Cue, lo: int, hi: int, inverted: bool = False) -> Speaker | None:
        """The subject of a cue within text[lo:hi] (its clause)."""
        if any(w.casefold() in self.lex.pronouns for w in WORD.findall(self.text, cue.start,
                                                                       cue.end)):
            return self.antecedent(cue.start, cue.end)  # "по его словам", "приводит его слова"
        order = self.sides(cue, lo, hi, inverted)
        phrase = {side: span for span, side in order}
        if cue.kind == "relay":
            return self.resolve(*phrase["right"], "right", True) or \
                self.resolve(*phrase["left"], "left", True)
        if cue.kind == "source_before":
            return self.resolve(*phrase["right"], "right")
        if cue.kind == "source_after":
            return self.resolve(*phrase["left"], "left")
        for (a, b), side in order:
            found = self.resolve(a, b, side)
            if found is not None:
                return found
        return None

    def sides(self, cue: Cue, lo: int, hi: int,
              inverted: bool) -> list[tuple[tuple[int, int], str]]:
        """The phrases before and after a cue, the likelier subject first."""
        later = self.lex.find_cues(self.text, cue.end, hi)
        right = self.right_np(cue, later[0].start if later else hi)
        order = [(self.left_np(cue, lo), "left"), (right, "right")]
        if inverted or (self.lex.subject_after_verb and self._names_first(*right)):
            order.reverse()
        return order

    def unresolved(self, cue: Cue, lo: int, hi: int, inverted: bool) -> Speaker | None:
        """A subject phrase naming no known entity ('one protester'), as the speaker."""
        (a, b), _ = self.sides(cue, lo, hi, inverted)[0]
        if cue.kind in ("relay", "source_before"):
            a, b = self.sides(cue, lo, hi, True)[0][0]
        if any(len(w) >= 3 for w in WORD.findall(self.text, a, b)):
            return Speaker.at(self.text, a, b, None)
        return None

    def _joined(self, b: int) -> bool:
        """Whether a conjunction ends the phrase before a cue ('... and (has) said')."""
        last = list(WORD.finditer(self.text, max(0, b - 16), b))[-2:]
        return any(w.group().casefold() in self.lex.conjunctions for w in last)

    def _names_first(self, a: int, b: int) -> bool:
        first = WORD.search(self.text, a, b)
        if first is None:
            return False
        return first.group().casefold() in self.lex.pronouns or any(
            m.start <= first.start() < m.end and m.label != "GPE" for m in self.mentions)

    def nearest_mention(self, a: int, b: int, pos: int) -> Speaker | None:
        found = [m for m in self.mentions if a <= m.start and m.end <= b and m.entity_id
                 and m.label != "GPE" and not self.media(m)]
        pick = min(found, key=lambda m: min(abs(m.end - pos), abs(m.start - pos)), default=None)
        return Speaker(pick.start, pick.end, pick.entity_id) if pick else None


@lru_cache(maxsize=16)
def office_titles(kb: KnowledgeBase, lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the office titles of a language ('the president', 'министр') and
    the role each names."""
    roles = {phrase.lower(): role for phrase, role in kb.titles.get(lang, {}).items()}
    alts = "|".join(re.escape(p) for p in sorted(roles, key=len, reverse=True)) or "(?!)"
    return re.compile(r"(?<!\w)(" + alts + r")\w{0,3}(?!\w)", re.IGNORECASE), roles


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one word: Sicherheitsrats ~ Sicherheitsrat, Совбеза ~ Совбез."""
    common = len(os.path.commonprefix([a, b]))
    return common >= max(4, min(len(a), len(b)) - 3)


def _nearest(mentions: list[EntityMention], side: str) -> EntityMention | None:
    if not mentions:
        return None
    return max(mentions, key=lambda m: m.end) if side == "left" else \
        min(mentions, key=lambda m: m.start)

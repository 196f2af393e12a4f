"""Linking a recognised name to one knowledge-base entity, or to a provisional identity.

Candidates come from, in order: the knowledge base's aliases (exact after transliteration,
then spelling-insensitive, also for the model's normal form: 'Ильхам Алиев' for 'Ильхамом
Алиевым'); for people, the surname alone when the first name agrees ('M. Bocharnikow'); a
one-edit misspelling of a known name ('Pahsinyan'); a near spelling of whoever held the
office the text names. Among several candidates the one that fits the context wins: the
office the text gives the name on the article's date, the country named next to it (for a
city: a country the article already named), who the article already mentioned, who was in
office at all that day, then a curated entry over a bare gazetteer one.

A name no candidate fits gets a provisional id, ``x:`` and its spelling-insensitive key
(``x:usubov`` for both Usubow and Usubov), clustered across articles by
``merge.entities``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import JaroWinkler

from ..kb.base import KnowledgeBase, sound_key
from ..model import Entity
from .names import Title, Token

KIND_BONUS = {"person": 0.5, "state": 0.45, "igo": 0.4, "region": 0.3, "city": 0.0}
HOLDER_SIMILARITY = 0.88  # Jaro-Winkler of surnames for 'Defence Minister <misspelling>'


@dataclass
class NameSpan:
    """A name found in the text, before it is linked."""

    i: int
    j: int  # token range [i, j)
    label: str  # PERSON, ORG, GPE, LOC; "" for an alias match (the entity's type decides)
    source: str  # kb, institution, ner, rule, fuzzy
    ids: list[str] = field(default_factory=list)  # knowledge-base candidates
    norm: str | None = None  # the recogniser's normal form of the name
    title: Title | None = None  # the office phrase that describes it


def _fits(entity: Entity, label: str) -> bool:
    if not label:
        return True
    if label in ("GPE", "LOC"):
        return entity.type in ("GPE", "LOC")
    return entity.type == label


class Linker:
    """Chooses among knowledge-base candidates and links names the KB lacks."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._known: dict[tuple[str, str], bool] = {}

    def is_dictionary_word(self, word: str, lang: str) -> bool:
        """A common word of the language (simplemma's dictionary), e.g. 'Besuch', 'Trend'."""
        key = (word, lang)
        if key not in self._known:
            try:
                from simplemma import is_known

                found = is_known(word, lang) or is_known(word.casefold(), lang)
            except (ValueError, KeyError, OSError):  # no dictionary for this language
                found = False
            self._known[key] = bool(found)
        return self._known[key]

    def link(self, span: NameSpan, name: str, lang: str, tokens: list[Token], on: date | None,
             *, role: str | None = None, country: str | None = None,
             seen: Counter[str] | None = None) -> tuple[str, str, str] | None:
        """(entity id, method, label) for a name; None when it is no name after all."""
        seen = seen if seen is not None else Counter()
        if span.ids:
            entity_id = self.choose(span.ids, on, role, country, seen)
            return entity_id, span.source, self.kb.entities[entity_id].type
        label = span.label or "PERSON"
        cands, method = self.candidates(span, name, lang, tokens, on, role, country)
        if cands:
            entity_id = self.choose(cands, on, role, country, seen)
            return entity_id, method, self.kb.entities[entity_id].type
        base = span.norm or " ".join(t.core for t in tokens)
        key = sound_key(base, lang).replace(" ", "-")
        if not key:
            return None
        return "x:" + key, "new", "LOC" if label == "GPE" else label

    def candidates(self, span: NameSpan, name: str, lang: str, tokens: list[Token],
                   on: date | None, role: str | None, country: str | None
                   ) -> tuple[list[str], str]:
        label = span.label
        variants = [v for v in (span.norm, name, " ".join(t.core for t in tokens)) if v]
        for lookup, method in ((self.kb.lookup, span.source), (self._sound(lang), "sound")):
            for variant in variants:
                found = lookup(variant)
                fitting = [e.id for e in found if _fits(e, label)]
                if not fitting and span.source == "ner" and method != "sound":
                    fitting = [e.id for e in found if e.kind != "city"]
                if fitting:
                    return fitting, method
        if label != "PERSON":
            return [], ""
        first = tokens[0] if len(tokens) > 1 else None
        surname = self._by_surname(tokens[-1], first)
        if surname:
            return surname, "surname"
        for variant in variants:
            fuzzy = [e.id for e in self.kb.fuzzy_people(variant, lang)]
            if not fuzzy and first is not None:
                fuzzy = [e.id for e in self.kb.fuzzy_people(tokens[-1].core, lang)
                         if self._first_agrees(e, first)]
            if fuzzy:
                return fuzzy, "fuzzy"
        if role and country:
            holder = self._near_holder(tokens[-1], role, country, on, lang)
            if holder:
                return [holder], "fuzzy"
        return [], ""

    def _sound(self, lang: str):
        return lambda name: self.kb.lookup_sound(name, lang)

    def _by_surname(self, last: Token, first: Token | None) -> list[str]:
        """People with this surname (any form of the word) whose first name agrees."""
        out: dict[str, None] = {}
        for form in last.forms:
            if len(form) < 4:
                continue
            for entity in self.kb.lookup_key(form):
                if entity.type == "PERSON" and (first is None or self._first_agrees(entity, first)):
                    out[entity.id] = None
        return list(out)

    @staticmethod
    def _first_agrees(entity: Entity, first: Token) -> bool:
        initials = {f[:1] for f in first.forms}
        for lang, names in entity.aliases.items():
            for alias in names:
                words = alias.split()
                if len(words) >= 2 and sound_key(words[0], lang)[:1] in initials:
                    return True
        return False

    def _near_holder(self, last: Token, role: str, country: str, on: date | None,
                     lang: str) -> str | None:
        key = sound_key(last.core, lang)
        for entity in self.kb.holders(role, country, on):
            for alias in entity.all_aliases():
                words = alias.split()
                if words and JaroWinkler.similarity(key, sound_key(words[-1])) >= \
                        HOLDER_SIMILARITY:
                    return entity.id
        return None

    def choose(self, ids: list[str], on: date | None, role: str | None = None,
               country: str | None = None, seen: Counter[str] | None = None) -> str:
        """The candidate that fits the context best (ties: the smallest id)."""
        seen = seen if seen is not None else Counter()

        def score(entity_id: str) -> tuple[float, str]:
            e = self.kb.entities[entity_id]
            s = KIND_BONUS.get(e.kind, 0.35)
            if role:
                held = [r for r in e.roles if r.key == role
                        and (not country or country in (r.country, r.org))]
                s += 8 if any(on is None or r.active_on(on) for r in held) else 3 if held else 0
            if country and e.country == country:
                s += 2
            elif e.kind == "city" and e.country and seen["in:" + e.country]:
                s += 1  # 'Şuşa' in an article about Azerbaijan: Shusha, not Iran's Shush
            if any(lang != "*" for lang in e.aliases):
                s += 0.05  # a curated entry, named per language, over a bare gazetteer one
            s += min(seen[entity_id], 3)
            if on and e.roles and e.roles_on(on):
                s += 1
            return -s, entity_id

        return min(dict.fromkeys(ids), key=score)

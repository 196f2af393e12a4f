"""The in-memory knowledge base: entities, their aliases in every script, offices and titles.

Two keys make a name findable whatever language or script wrote it:

* ``norm_key``: ASCII transliteration, lower case, punctuation dropped
  (``Патрушев`` -> ``patrushev``, ``Aliyev’s`` -> ``aliyevs``);
* ``sound_key``: ``norm_key`` after folding the spelling conventions of the writing language
  (``nlp/lang/<code>/morphology.toml``, ``[spelling] folds``) and then the ones all
  transliterations share, so ``Patruschew`` (de), ``Patrouchev`` (fr), ``Patruşev`` (tr) and
  ``Патрушев`` (ru) all become ``patrushev``.

Misspellings (``Pahsinyan``) are found by :meth:`KnowledgeBase.fuzzy_people`, a
symmetric-deletion index over sound keys: a handful of dictionary look-ups per query, never
a scan of the whole knowledge base.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from anyascii import anyascii
from rapidfuzz.distance import OSA

from ..model import DateValue, Entity
from ..nlp.lexicon import load_lexicon

LANGS = ("en", "de", "ru", "tr", "fr")  # every curated entry is named in each of these

_APOSTROPHES = re.compile(r"['’ʼʹ`´]")
# Conventions every transliteration shares, applied after the language's own folds.
_GENERIC = [("dzh", "j"), ("zh", "sh"), ("kh", "h"), ("x", "ks"), ("ck", "k"), ("ph", "f"),
            ("w", "v"), ("q", "k"), ("ou", "u"), ("y", "i")]
_GENERIC_RE = re.compile("|".join(re.escape(a) for a, _ in _GENERIC))
_GENERIC_MAP = dict(_GENERIC)
FUZZY_MIN_LEN = 6  # shorter keys are not matched fuzzily (too many near neighbours)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")


def norm_key(text: str) -> str:
    """The form aliases are indexed by: ASCII transliteration, lower case, single spaces."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    if not text.isascii():
        text = _APOSTROPHES.sub("", anyascii(text))
    return " ".join(_NON_ALNUM.sub(" ", text.lower()).split())


@cache
def _folds(lang: str | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    if not lang or lang == "*":
        return None, {}
    pairs = [tuple(p) for p in load_lexicon(lang, "morphology").get("spelling", {})
             .get("folds", [])]
    if not pairs:
        return None, {}
    pairs.sort(key=lambda p: -len(p[0]))  # longest first: "tsch" before "sch" before "ch"
    return re.compile("|".join(re.escape(a) for a, _ in pairs)), dict(pairs)


@lru_cache(maxsize=200_000)
def sound_key(text: str, lang: str | None = None) -> str:
    """A spelling-insensitive key: Patruschew (de) ~ Patrushev (en) ~ Патрушев (ru)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    pattern, mapping = _folds(lang)
    if pattern is not None:
        text = pattern.sub(lambda m: mapping[m.group()], text)
    key = norm_key(text)
    key = _GENERIC_RE.sub(lambda m: _GENERIC_MAP[m.group()], key)
    return _DOUBLE.sub(r"\1", key)


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


@dataclass(frozen=True)
class AliasEntry:
    """One alias of one entity, as the alias matcher sees it."""

    words: tuple[str, ...]  # the alias's words as written
    lang: str | None  # the language it is written in ("*" or None: any)
    entity_id: str
    caps: bool  # written in capitals (an acronym: CSTO, FSB): only matches capitals
    weak: bool  # a city's alternate name from geonames: only trusted with support


@dataclass(frozen=True)
class KnownEvent:
    """A named event of the region (a war, a ceasefire, a declaration) that articles recall;
    see ``kb/data/events.toml`` for what each field means."""

    id: str
    label: str
    type: str
    mode: str | None
    date: DateValue
    actors: tuple[tuple[str, str], ...]  # (entity id, role)
    place: str | None = None
    anchors: frozenset[str] = frozenset()
    nouns: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @classmethod
    def from_toml(cls, row: dict) -> KnownEvent:
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row.get("end") or row["start"])
        actors = tuple((a[0], a[1]) for a in row.get("actors", []))
        anchors = row.get("anchors") or [a for a, _ in actors] + (
            [row["place"]] if row.get("place") else [])
        return cls(row["id"], row.get("label", row["id"]), row["type"], row.get("mode"),
                   DateValue(start, end, "day"), actors, row.get("place"),
                   frozenset(anchors), tuple(row.get("nouns", [])), tuple(row.get("names", [])))


class KnowledgeBase:
    """Entities by id, alias indexes, office holders, country adjectives and titles."""

    def __init__(self, entities: Iterable[Entity], adjectives: dict[str, dict[str, str]],
                 titles: dict[str, dict[str, str]], role_kinds: dict[str, str],
                 counterparts: dict[str, list[str]] | None = None,
                 gender: dict[str, str] | None = None):
        self.entities: dict[str, Entity] = {}
        self._aliases: dict[str, list[str]] = defaultdict(list)
        self._sounds: dict[str, list[str]] = defaultdict(list)
        self.adjectives = adjectives  # lang -> {adjective as written: ISO-3}
        self.titles = titles  # lang -> {title phrase as written: role key}
        self.counterparts = counterparts or {}  # lang -> words for "counterpart"
        self.role_kinds = role_kinds  # role key -> kind (head_of_state, minister, ...)
        self.gender = dict(gender or {})  # person id -> "m" / "f"
        self.capitals: dict[str, str] = {}  # ISO-3 -> the capital's name (geonames)
        self._holders: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._fuzzy: dict[str, set[str]] | None = None
        self._fuzzy_ids: dict[str, set[str]] = defaultdict(set)
        self.known_events: dict[str, KnownEvent] = {}  # id -> a named event (events.toml)
        self.seats: dict[str, str] = {}  # a city's name -> the organisation it stands for
        for entity in entities:
            self.add(entity)

    # -- building ------------------------------------------------------------------
    def add(self, entity: Entity) -> None:
        """Add an entity, or extend the one with the same id (a user's additions)."""
        old = self.entities.get(entity.id)
        if old is not None:
            for lang, names in entity.aliases.items():
                known = old.aliases.setdefault(lang, [])
                known.extend(n for n in names if n not in known)
            old.roles.extend(r for r in entity.roles if r not in old.roles)
            old.country = old.country or entity.country
            if entity.name and not old.name:
                old.name = entity.name
            entity = old
        else:
            self.entities[entity.id] = entity
        for lang, alias in self._alias_pairs(entity):
            for index, key in ((self._aliases, norm_key(alias)),
                               (self._sounds, sound_key(alias, lang))):
                if key and entity.id not in index[key]:
                    index[key].append(entity.id)
        for role in entity.roles:
            holder_key = (role.key, role.country or role.org or "")
            if entity.id not in self._holders[holder_key]:
                self._holders[holder_key].append(entity.id)
            if role.org and role.country:  # "the Russian envoy to the OSCE" is found both ways
                if entity.id not in self._holders[(role.key, role.org)]:
                    self._holders[(role.key, role.org)].append(entity.id)
        self._fuzzy = None

    @staticmethod
    def _alias_pairs(entity: Entity) -> list[tuple[str | None, str]]:
        pairs: list[tuple[str | None, str]] = [(None, entity.name)] if entity.name else []
        for lang, names in entity.aliases.items():
            pairs.extend((lang, n) for n in names if n)
        return pairs

    # -- look-ups ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None

    def lookup(self, name: str) -> list[Entity]:
        """Entities with this alias (exact after transliteration and case folding)."""
        return [self.entities[i] for i in self._aliases.get(norm_key(name), [])]

    def lookup_sound(self, name: str, lang: str | None = None) -> list[Entity]:
        """Entities whose alias sounds the same (spelling conventions folded)."""
        ids = dict.fromkeys(self._sounds.get(sound_key(name, lang), []))
        if lang:
            ids.update(dict.fromkeys(self._sounds.get(sound_key(name), [])))
        return [self.entities[i] for i in ids]

    def lookup_key(self, key: str) -> list[Entity]:
        """Entities with an alias of this sound key (see :func:`sound_key`)."""
        return [self.entities[i] for i in self._sounds.get(key, [])]

    def alias_entries(self) -> Iterable[AliasEntry]:
        """Every alias as sound-keyed words, for matching names in running text."""
        for entity in self.entities.values():
            for lang, alias in self._alias_pairs(entity):
                words = tuple(re.findall(r"\w+(?:['’]\w+)?", alias))
                if not words or not all(sound_key(w, lang) for w in words):
                    continue
                caps = len(words) == 1 and words[0].isupper() and len(words[0]) <= 6
                weak = entity.kind == "city" and lang == "*" and alias != entity.name
                yield AliasEntry(words, lang, entity.id, caps, weak)

    def fuzzy_people(self, name: str, lang: str | None = None, max_distance: int = 1
                     ) -> list[Entity]:
        """People whose full name or surname is within one edit of this name's sound key
        (a transposition counts as one edit: Pahsinyan ~ Pashinyan)."""
        key = sound_key(name, lang)
        if len(key.replace(" ", "")) < FUZZY_MIN_LEN:
            return []
        if self._fuzzy is None:
            self._build_fuzzy()
        assert self._fuzzy is not None
        found: dict[str, None] = {}
        for variant in {key} | _deletes(key):
            for cand in self._fuzzy.get(variant, ()):
                if OSA.distance(key, cand) <= max_distance:
                    found.update(dict.fromkeys(sorted(self._fuzzy_ids[cand])))
        return [self.entities[i] for i in found]

    def _build_fuzzy(self) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        self._fuzzy_ids = defaultdict(set)
        for entity in self.entities.values():
            if entity.type != "PERSON":
                continue
            for lang, alias in self._alias_pairs(entity):
                key = sound_key(alias, lang)
                keys = {key}
                last = key.split()[-1] if key else ""
                if len(last) >= FUZZY_MIN_LEN:
                    keys.add(last)
                for k in keys:
                    self._fuzzy_ids[k].add(entity.id)
                    index[k].add(k)
                    for d in _deletes(k):
                        index[d].add(k)
        self._fuzzy = index

    def holders(self, role: str, where: str, on: date | None) -> list[Entity]:
        """Who held ``role`` for country ISO-3 or organisation id ``where`` on a day."""
        out = []
        for entity_id in self._holders.get((role, where), []):
            entity = self.entities[entity_id]
            if on is None or any(r.key == role and where in (r.country, r.org)
                                 and r.active_on(on) for r in entity.roles):
                out.append(entity)
        return out

    def search(self, query: str, limit: int = 10) -> list[Entity]:
        """Entities for a user's query: an id, an alias in any script, or a near spelling."""
        if query in self.entities:
            return [self.entities[query]]
        found = self.lookup(query) or self.lookup_sound(query) or self.fuzzy_people(query)
        return sorted(found, key=lambda e: (e.kind == "city", e.id))[:limit]

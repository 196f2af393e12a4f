"""The in-memory knowledge base and its alias index."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date

from anyascii import anyascii

from ..model import Entity

# Spelling conventions that differ between languages' transliterations of the same name.
_FOLDS = [
    (r"tsch", "ch"), (r"sch", "sh"), (r"ou", "u"), (r"kh", "h"), (r"dsch", "j"), (r"dzh", "j"),
    (r"zh", "j"), (r"ij", "iy"), (r"yy", "y"), (r"w", "v"), (r"j", "y"), (r"ie", "i"),
    (r"ey", "ei"), (r"iy", "i"), (r"ai", "ay"), (r"ck", "k"), (r"x", "ks"),
]


def norm_key(text: str) -> str:
    """The form aliases are indexed by: ASCII transliteration, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = anyascii(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def sound_key(text: str) -> str:
    """A looser key for names spelled after different languages (Patruschew ~ Patrushev)."""
    key = norm_key(text)
    for pattern, repl in _FOLDS:
        key = re.sub(pattern, repl, key)
    return re.sub(r"(.)\1+", r"\1", key)


class KnowledgeBase:
    """Entities by id, an alias index, country adjectives and office titles."""

    def __init__(self, entities: list[Entity], adjectives: dict[str, dict[str, str]],
                 titles: dict[str, dict[str, str]], role_kinds: dict[str, str]):
        self.entities: dict[str, Entity] = {}
        self._aliases: dict[str, list[str]] = defaultdict(list)
        self._sounds: dict[str, list[str]] = defaultdict(list)
        self.adjectives = adjectives  # lang -> {adjective stem (lower): ISO-3}
        self.titles = titles  # lang -> {title phrase (lower): role key}
        self.role_kinds = role_kinds  # role key -> kind (head_of_state, minister, ...)
        self._holders: dict[tuple[str, str], list[str]] = defaultdict(list)
        for entity in entities:
            self.add(entity)

    def add(self, entity: Entity) -> None:
        """Add an entity, or extend the one with the same id (a user's additions)."""
        old = self.entities.get(entity.id)
        if old is not None:
            for lang, names in entity.aliases.items():
                known = old.aliases.setdefault(lang, [])
                known.extend(n for n in names if n not in known)
            old.roles.extend(r for r in entity.roles if r not in old.roles)
            entity = old
        else:
            self.entities[entity.id] = entity
        for alias in entity.all_aliases():
            for index, key in ((self._aliases, norm_key(alias)), (self._sounds, sound_key(alias))):
                if key and entity.id not in index[key]:
                    index[key].append(entity.id)
        for role in entity.roles:
            holder_key = (role.key, role.country or role.org or "")
            if entity.id not in self._holders[holder_key]:
                self._holders[holder_key].append(entity.id)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def lookup(self, name: str) -> list[Entity]:
        """Entities with this alias (exact after transliteration and case folding)."""
        return [self.entities[i] for i in self._aliases.get(norm_key(name), [])]

    def lookup_sound(self, name: str) -> list[Entity]:
        """Entities whose alias sounds the same (spelling conventions folded)."""
        return [self.entities[i] for i in self._sounds.get(sound_key(name), [])]

    def alias_keys(self) -> dict[str, list[str]]:
        return self._aliases

    def holders(self, role: str, where: str, on: date | None) -> list[Entity]:
        """Who held ``role`` for country ISO-3 or organisation id ``where`` on a day."""
        out = []
        for entity_id in self._holders.get((role, where), []):
            entity = self.entities[entity_id]
            if on is None or any(r.key == role and (r.country or r.org or "") == where
                                 and r.active_on(on) for r in entity.roles):
                out.append(entity)
        return out

    def country(self, iso3: str) -> Entity | None:
        return self.entities.get(iso3)

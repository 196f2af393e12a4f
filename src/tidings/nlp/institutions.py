"""National institutions named by a country adjective: "das georgische Parlament", "the
Russian Defence Ministry", "армянский парламент", "le ministère arménien des Affaires
étrangères".

The knowledge base names each national body in every language ("Parliament of Georgia",
"georgisches Parlament"). Its content words, without the country's own name and the
language's function words (``[institutions] function_words`` in ``entities.toml``), are the
words a text uses next to the adjective. A country adjective followed (or, where the
language puts adjectives after the noun, preceded) by all content words of one of that
country's bodies names that body; the longest such set wins, so "Defence Ministry" is
not "Ministry".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb.base import KnowledgeBase
from .lexicon import load_lexicon

WINDOW = 4  # tokens after (or before) the adjective that may name the body


@dataclass(frozen=True)
class Institution:
    entity_id: str
    words: tuple[str, ...]  # content words, lower case


class Institutions:
    """The national bodies of the knowledge base, indexed by country, for one language."""

    def __init__(self, lang: str, kb: KnowledgeBase, country_words: set[str]):
        data = load_lexicon(lang, "entities").get("institutions", {})
        function = {w.casefold() for w in data.get("function_words", [])}
        self.after_noun = bool(data.get("adjective_after_noun", False))
        self.by_country: dict[str, list[Institution]] = {}
        for entity in kb.entities.values():
            if entity.type != "ORG" or not entity.country or entity.kind == "group":
                continue
            for alias in entity.aliases.get(lang, []):
                words = tuple(w for w in re.findall(r"\w+", alias.casefold())
                              if w not in function and w not in country_words
                              and not _names_country(w, kb, entity.country))
                if words and len(words) <= 3:
                    self.by_country.setdefault(entity.country, []).append(
                        Institution(entity.id, words))
        for items in self.by_country.values():
            items.sort(key=lambda i: -len(i.words))

    def match(self, country: str, words: list[str]) -> Institution | None:
        """The body of ``country`` whose content words all appear in ``words``."""
        for inst in self.by_country.get(country, []):
            if all(any(same_word(w, t) for t in words) for w in inst.words):
                return inst
        return None


def same_word(word: str, token: str) -> bool:
    """'parlament' ~ 'parlaments', 'парламент' ~ 'парламента' (case endings)."""
    stem = word[:max(4, len(word) - 2)]
    return token.startswith(stem) and abs(len(token) - len(word)) <= 3


def _names_country(word: str, kb: KnowledgeBase, iso3: str) -> bool:
    return any(e.id == iso3 for e in kb.lookup(word))

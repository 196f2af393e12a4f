"""Words of running text as the entity stage sees them: tokens with their base forms, and
the knowledge base's aliases, country adjectives and office titles found among them.

A token carries the spelling-insensitive keys (``kb.base.sound_key``) of the word and of
its base forms, which the language's ``morphology.toml`` gives: ``Patruschews`` ->
``patrushev``, ``Алиевым`` -> ``alev``, ``Aliyev'in`` -> ``alev``, ``d'Arménie`` ->
``armene``. Aliases and titles are matched by those keys, so inflection and transliteration
are handled once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..kb.base import AliasEntry, KnowledgeBase, sound_key
from ..model import Article
from .lexicon import load_lexicon, merged_lexicon

TOKEN = re.compile(r"\w+(?:['’]\w+)?")
_SENTENCE_END = re.compile(r"[.!?…]\W*\s|\n")


@dataclass
class Token:
    start: int
    end: int
    text: str
    core: str  # the word without an elided article (fr) or a case suffix (tr, en, de)
    forms: frozenset[str]  # sound keys of the word and of its base forms
    sent_start: bool = False

    @property
    def capitalised(self) -> bool:
        return self.core[:1].isupper()

    @property
    def caps(self) -> bool:
        letters = [c for c in self.core if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def lower(self) -> str:
        return self.text.casefold()


class Morphology:
    """Base forms of a word in one language (``nlp/lang/<lang>/morphology.toml``)."""

    def __init__(self, lang: str):
        self.lang = lang
        data = load_lexicon(lang, "morphology")
        names = data.get("names", {})
        self.suffixes = sorted({s.casefold() for s in names.get("suffixes", [])}, key=len,
                               reverse=True)
        self.drop_final = [s.casefold() for s in names.get("drop_final", [])]
        self.apostrophe = names.get("apostrophe", "none")
        adj = data.get("adjectives", {})
        self.adj_strip = adj.get("strip", 0)
        self.adj_endings = adj.get("endings", [""])
        self.adj_lowercase = bool(adj.get("lowercase", False))
        nouns = data.get("nouns", {})
        self.nouns_capitalised = bool(nouns.get("capitalised", False))
        self.compounds = bool(nouns.get("compounds", False))
        self.plural_s = bool(nouns.get("plural_s", False))
        self._cache: dict[str, tuple[str, frozenset[str]]] = {}

    def core(self, word: str) -> str:
        pieces = re.split(r"['’]", word, maxsplit=1)
        if len(pieces) == 2:
            if self.apostrophe == "prefix" and len(pieces[0]) <= 3:
                return pieces[1]
            if self.apostrophe == "suffix":
                return pieces[0]
        return word

    def stems(self, word: str) -> list[str]:
        """The word, lower case, and what is left after each case ending it may carry."""
        low = word.casefold()
        out = [low]
        core = self.core(word).casefold()
        if core != low:
            out.append(core)
        for suffix in self.suffixes:
            if core.endswith(suffix) and len(core) - len(suffix) >= 3:
                stem = core[: -len(suffix)]
                out.append(stem)
                out.extend(stem + v for v in self.drop_final)
        return out

    def analyse(self, word: str) -> tuple[str, frozenset[str]]:
        """(core, sound keys of every form) of a word; cached, the vocabulary is small."""
        found = self._cache.get(word)
        if found is None:
            keys = set()
            for stem in self.stems(word):
                keys.add(sound_key(stem, self.lang))
                keys.add(sound_key(stem))
            keys.discard("")
            found = (self.core(word), frozenset(keys))
            if len(self._cache) < 500_000:
                self._cache[word] = found
        return found

    def adjective_forms(self, lemma: str) -> list[str]:
        lemma = lemma.casefold()
        stem = lemma[: len(lemma) - self.adj_strip] if self.adj_strip else lemma
        return [stem + e for e in self.adj_endings]


@dataclass
class Doc:
    """One article while the entity stage reads it: its tokens, the country each names as
    an adjective, and what claimed each token (a name, a title)."""

    article: Article
    tokens: list[Token]
    adjective: list[str | None]
    owner: list[str | None]
    on: date | None  # the article's date

    def claim(self, i: int, j: int, what: str) -> None:
        for k in range(i, j):
            self.owner[k] = what


def tokenize(text: str, morph: Morphology) -> list[Token]:
    out: list[Token] = []
    prev_end = 0
    for m in TOKEN.finditer(text):
        word, begin = m.group(), m.start()
        core, forms = morph.analyse(word)
        if morph.apostrophe == "prefix" and core != word and word.endswith(core):
            begin = m.end() - len(core)  # l'Arménie: the name starts after the article
            word = core
        gap = text[prev_end:begin]
        start = not out or bool(_SENTENCE_END.search(gap + " ")) and not _abbreviation(out[-1])
        out.append(Token(begin, m.end(), word, core, forms, start))
        prev_end = m.end()
    return out


def _abbreviation(tok: Token) -> bool:
    """'St.', 'Nov.', 'Dr.', 'M.': a full stop after these does not end a sentence."""
    return len(tok.text) <= 3 and tok.text[:1].isupper() and not tok.caps


def contiguous(text: str, toks: list[Token]) -> bool:
    """Words of one name: only spaces or a hyphen between them."""
    return all(re.fullmatch(r"[ \t\u00a0\-‐]{1,2}", text[a.end:b.start])
               for a, b in zip(toks, toks[1:], strict=False))


@dataclass
class AliasMatch:
    i: int
    j: int  # token range [i, j)
    entries: list[AliasEntry] = field(default_factory=list)


class AliasMatcher:
    """Longest match of knowledge-base aliases over tokens, by the sound keys of base forms
    on both sides: 'Нагорном Карабахе' ~ 'Нагорный Карабах', 'Russischen Föderation'."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        morphs: dict[str, Morphology] = {}
        grouped: dict[tuple[frozenset[str], ...], list[AliasEntry]] = {}
        groups = {e.id for e in kb.entities.values() if e.kind == "group"}
        for entry in kb.alias_entries():
            if entry.entity_id in groups:  # 'protesters' is no name (the event coder's)
                continue
            lang = entry.lang if entry.lang and entry.lang != "*" else None
            if lang and lang not in morphs:
                morphs[lang] = Morphology(lang)
            morph = morphs.get(lang) if lang else None
            keys = tuple(word_forms(morph, w) if morph else frozenset({sound_key(w)})
                         for w in entry.words)
            grouped.setdefault(keys, []).append(entry)
        self.first: dict[str, list[tuple[tuple[frozenset[str], ...], list[AliasEntry]]]] = {}
        for keys, entries in grouped.items():
            for key in keys[0]:
                self.first.setdefault(key, []).append((keys, entries))
        for items in self.first.values():
            items.sort(key=lambda e: -len(e[0]))
        self.first_names = first_name_keys(kb)

    def matches(self, text: str, tokens: list[Token]) -> list[AliasMatch]:
        """Non-overlapping alias matches, longest first, then in text order."""
        found: list[AliasMatch] = []
        for i, tok in enumerate(tokens):
            # a name starts capitalised; a longer one may start with a common noun if it
            # ends with a capitalised word ("groupe de Minsk", "the group of Seven")
            lower_start = not (tok.capitalised or tok.core[:1].isdigit())
            best: AliasMatch | None = None
            for form in tok.forms:
                for alias, entries in self.first.get(form, ()):
                    j = i + len(alias)
                    if j > len(tokens) or (best and j - i < best.j - best.i):
                        continue
                    if lower_start and (len(alias) < 2 or not tokens[j - 1].capitalised):
                        continue
                    if not all(alias[k] & tokens[i + k].forms for k in range(1, len(alias))):
                        continue
                    if not contiguous(text, tokens[i:j]):
                        continue
                    ok = [e for e in entries if self._entry_fits(e, tokens[i:j])]
                    if not ok:
                        continue
                    if best and j - i == best.j - best.i:
                        best.entries += [e for e in ok if e not in best.entries]
                    else:
                        best = AliasMatch(i, j, ok)
            if best:
                lead = min(_lowercase_lead(e.words) for e in best.entries)
                best.i += lead  # 'The Kremlin' (alias 'the Kremlin'): the name is 'Kremlin'
                found.append(best)
        found.sort(key=lambda m: (-(m.j - m.i), m.i))
        taken: set[int] = set()
        out = []
        for m in found:
            if taken.isdisjoint(range(m.i, m.j)):
                taken.update(range(m.i, m.j))
                out.append(m)
        return sorted(out, key=lambda m: m.i)

    def _entry_fits(self, entry: AliasEntry, toks: list[Token]) -> bool:
        if len(toks) > 1:
            return not entry.weak or not toks[0].sent_start
        tok = toks[0]
        if entry.caps:
            return tok.caps
        if tok.caps and len(tok.core) <= 6:
            return False  # BAM is not the city of Bam
        if len(tok.core) < 3:
            return False
        if entry.weak:
            return not tok.sent_start and sound_key(entry.words[0]) not in self.first_names
        return True


def _lowercase_lead(words: tuple[str, ...]) -> int:
    n = 0
    while n < len(words) - 1 and words[n][:1].islower():
        n += 1
    return n


def word_forms(morph: Morphology | None, word: str) -> frozenset[str]:
    """Sound keys of a word of a name or title and of the stems its case and adjective
    endings leave (stems of four letters or more): Лачинский -> lachinskii, lachinsk."""
    if morph is None:
        return frozenset({sound_key(word)})
    keys = set(morph.analyse(word)[1])
    low = morph.core(word).casefold()
    for ending in morph.adj_endings:
        if ending and low.endswith(ending) and len(low) - len(ending) >= 4:
            keys.add(sound_key(low[: -len(ending)], morph.lang))
    return frozenset(k for k in keys if len(k) >= 3 or k == sound_key(word, morph.lang))


def first_name_keys(kb: KnowledgeBase) -> set[str]:
    """Sound keys of the first words of the knowledge base's people's full names (not
    honorifics or initials: 'Sir Keir Starmer', 'J. D. Vance')."""
    honorifics = {w.casefold().rstrip(".") for w in
                  merged_lexicon("titles").get("honorifics", {}).get("words", [])}
    out = set()
    for entity in kb.entities.values():
        if entity.type != "PERSON":
            continue
        for lang, names in entity.aliases.items():
            for alias in names:
                words = alias.split()
                first = words[0] if len(words) >= 2 else ""
                if len(first) >= 3 and first.isalpha() and first[0].isupper() and \
                        not first.isupper() and first.casefold() not in honorifics:
                    out.add(sound_key(first, lang))
    return out


@cache
def cues(lang: str) -> dict:
    """The language's ``entities.toml`` with its word lists casefolded."""
    data = load_lexicon(lang, "entities")
    ref = data.get("reference", {})
    orgs = data.get("organisations", {})
    names = data.get("names", {})
    fold = lambda words: [w.casefold() for w in words]  # noqa: E731
    honorifics = load_lexicon(lang, "titles").get("honorifics", {}).get("words", [])
    return {
        "first_names": {sound_key(n, lang) for n in names.get("first_names", [])},
        "surname_endings": tuple(fold(names.get("surname_endings", []))),
        # the one-word honorifics of titles.toml: 'Herr X', 'General X'
        "person_cues": {w.rstrip(".") for w in fold(honorifics) if " " not in w},
        "org_before": sorted(fold(orgs.get("before", [])), key=len, reverse=True),
        "org_after": sorted(fold(orgs.get("after", [])), key=len, reverse=True),
        "male": set(fold(ref.get("male", []))),
        "female": set(fold(ref.get("female", []))),
        "descriptors": set(fold(ref.get("descriptors", []))),
        "complement": set(fold(ref.get("complement", []))),
        "posting": set(fold(ref.get("posting", []))),
        "plural": set(fold(ref.get("plural", []))),
        "former": set(fold(ref.get("former", []))),
    }


@dataclass
class Title:
    """An office phrase: 'der russische Botschafter in Aserbaidschan', 'Premierminister'."""

    i: int
    j: int  # the title's own words [i, j)
    role: str | None  # None for 'counterpart' words (the role is the other person's)
    lo: int = 0  # the phrase with its country words [lo, hi)
    hi: int = 0
    country: str | None = None
    org: str | None = None
    to: str | None = None
    plural: bool = False
    former: bool = False


@dataclass(frozen=True)
class _TitleEntry:
    keys: tuple[frozenset[str], ...]  # base forms of each word
    exact: tuple[str, ...]  # each word's own key: 'ministers' is plural, 'minister' not
    role: str | None
    plural: bool
    capital: bool  # must be written with a capital letter


class TitleMatcher:
    """Office titles of one language (``nlp/lang/<lang>/titles.toml``), matched by the
    sound keys of their words' base forms (adjective endings too: stellvertretende ~
    stellvertretender); country adjectives inside a title are skipped over."""

    def __init__(self, lang: str, kb: KnowledgeBase, morph: Morphology):
        self.morph = morph
        self._forms_cache: dict[str, frozenset[str]] = {}
        self.first: dict[str, list[_TitleEntry]] = {}
        titles = {p.casefold(): role for p, role in kb.titles.get(lang, {}).items()}
        phrases: list[tuple[str, str | None]] = list(kb.titles.get(lang, {}).items())
        phrases += [(w, None) for w in kb.counterparts.get(lang, [])]
        for phrase, role in phrases:
            words = TOKEN.findall(phrase)
            if not words:
                continue
            low = phrase.casefold()
            plural = morph.plural_s and low[-1:] in "sx" and \
                (titles.get(low[:-1]) == role if role else True)
            entry = _TitleEntry(tuple(self.forms(w) for w in words),
                                tuple(sound_key(w, lang) for w in words), role, plural,
                                morph.nouns_capitalised and words[0][:1].isupper())
            for key in entry.keys[0]:
                self.first.setdefault(key, []).append(entry)
        for items in self.first.values():
            items.sort(key=lambda e: -len(e.keys))

    def forms(self, word: str) -> frozenset[str]:
        found = self._forms_cache.get(word)
        if found is None:
            found = self._forms_cache[word] = word_forms(self.morph, word)
        return found

    def matches(self, tokens: list[Token], adjective: list[str | None]) -> list[Title]:
        out: list[Title] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, int, _TitleEntry] | None = None
            for form in self.forms(tokens[i].text):
                for entry in self.first.get(form, ()):
                    if entry.capital and not tokens[i].capitalised:
                        continue
                    end = self._match_from(tokens, adjective, i, entry.keys)
                    if not end:
                        continue
                    exact = len(set(entry.exact) & {sound_key(t.text, self.morph.lang)
                                                    for t in tokens[i:end]})
                    if best is None or (end, exact) > best[:2]:
                        best = (end, exact, entry)
            if best:
                end, _, entry = best
                out.append(Title(i, end, entry.role, i, end, plural=entry.plural))
                i = end
            else:
                i += 1
        return out

    def _match_from(self, tokens: list[Token], adjective: list[str | None], i: int,
                    keys: tuple[frozenset[str], ...]) -> int | None:
        k, pos = 1, i + 1
        while k < len(keys):
            if pos >= len(tokens):
                return None
            if keys[k] & self.forms(tokens[pos].text):
                k += 1
                pos += 1
            elif adjective[pos] and pos + 1 < len(tokens):
                pos += 1  # "Sekretär des russischen Sicherheitsrates"
            else:
                return None
        return pos

"""Entities: recognise people, organisations and places in any language and link them.

The ``entities.kb.v1`` stage combines, for every language:

1. knowledge-base alias matching that copes with inflection (``morphology.toml`` of the
   language: Patruschews, Алиевым, Aliyev'in, d'Arménie) and chooses between namesakes by
   the country named nearby and the offices held on the article's date;
2. office phrases without a name ("the Armenian prime minister", "seinem aserbaidschanischen
   Amtskollegen"), linked to whoever held that office when the article was published;
3. a statistical recogniser where one is configured for the language (spaCy, natasha),
   whose names are linked to the knowledge base by transliteration and fuzzy match;
4. rules for names the knowledge base does not know: a known first name followed by
   capitalised words, a name after an office title, a title after a news-outlet word;
5. within the article, a surname alone refers to the person named in full before.

Names that match nothing get a provisional id (``x:`` + a spelling-insensitive key), so
they are never dropped; the corpus step clusters them across articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import JaroWinkler

from ..kb.base import KnowledgeBase, norm_key, sound_key
from ..model import Article, Entity, EntityMention
from ..pipeline import Context, stage
from .lexicon import load_lexicon
from .recognizers import Candidate, make_recognizer

TOKEN = re.compile(r"\w+(?:['’]\w+)?")
TYPE_PRIORITY = {"person": 0, "state": 1, "igo": 2, "region": 3, "city": 5}
FUZZY_MIN = 0.92  # Jaro-Winkler for a misspelt name (Pahsinyan ~ Pashinyan)


@dataclass
class Token:
    start: int
    end: int
    text: str
    forms: set[str] = field(default_factory=set)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Morphology:
    """Base forms of a token in one language (``nlp/lang/<lang>/morphology.toml``)."""

    def __init__(self, lang: str):
        data = load_lexicon(lang, "morphology")
        names = data.get("names", {})
        self.suffixes = sorted({norm_key(s) for s in names.get("suffixes", [])}, key=len,
                               reverse=True)
        self.drop_final = [norm_key(s) for s in names.get("drop_final", [])]
        self.apostrophe = names.get("apostrophe", "none")
        adj = data.get("adjectives", {})
        self.adj_strip = adj.get("strip", 0)
        self.adj_endings = adj.get("endings", [""])

    def forms(self, text: str) -> set[str]:
        pieces = re.split(r"['’]", text, maxsplit=1)
        out = {norm_key(text).replace(" ", "")}
        if len(pieces) == 2:
            out.add(norm_key(pieces[1] if self.apostrophe == "prefix" else pieces[0]))
        for key in list(out):
            for suffix in self.suffixes:
                if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                    stem = key[: -len(suffix)]
                    out.add(stem)
                    out.update(stem + v for v in self.drop_final)
        return out

    def adjective_forms(self, lemma: str) -> list[str]:
        lemma = lemma.casefold()
        stem = lemma[: len(lemma) - self.adj_strip] if self.adj_strip else lemma
        return [stem + e for e in self.adj_endings]


class AliasMatcher:
    """Longest-match of knowledge-base aliases over tokens, by their base forms."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.first: dict[str, list[tuple[tuple[str, ...], list[str]]]] = {}
        for key, ids in kb.alias_keys().items():
            toks = tuple(key.split())
            if toks:
                self.first.setdefault(toks[0], []).append((toks, ids))
        for entries in self.first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def matches(self, text: str, tokens: list[Token]) -> list[tuple[int, int, list[str]]]:
        """(first token, last token + 1, entity ids) of every alias found, longest first."""
        found = []
        for i, tok in enumerate(tokens):
            if not tok.capitalised:
                continue
            for form in tok.forms:
                for alias, ids in self.first.get(form, []):
                    j = i + len(alias)
                    if j > len(tokens) or not tokens[j - 1].capitalised:
                        continue
                    if all(alias[k] in tokens[i + k].forms for k in range(1, len(alias))) and \
                            _contiguous(text, tokens[i:j]):
                        if len(alias) == 1 and not _single_ok(tok, ids, self.kb):
                            continue
                        found.append((i, j, ids))
                        break
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        return found


def _contiguous(text: str, toks: list[Token]) -> bool:
    return all(re.fullmatch(r"[\s\-]{0,2}", text[a.end:b.start]) for a, b in zip(toks, toks[1:]))


def _single_ok(tok: Token, ids: list[str], kb: KnowledgeBase) -> bool:
    """One-word aliases need 3+ letters; all-caps codes must be written in capitals."""
    word = re.split(r"['’]", tok.text)[0]
    if len(word) < 3:
        return False
    for entity_id in ids:
        entity = kb.get(entity_id)
        if entity and any(a.isupper() and norm_key(a) in tok.forms for a in entity.all_aliases()):
            return word.isupper()
    return True


def tokenize(text: str, morph: Morphology) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(), morph.forms(m.group()))
            for m in TOKEN.finditer(text)]


class Linker:
    """Chooses among knowledge-base candidates and links names the KB lacks."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.person_surnames: dict[str, list[str]] = {}
        for entity in kb.entities.values():
            if entity.type == "PERSON":
                for alias in entity.all_aliases():
                    last = norm_key(alias).split()[-1:] if alias else []
                    if last and len(last[0]) >= 5:
                        self.person_surnames.setdefault(last[0], []).append(entity.id)

    def choose(self, ids: list[str], on: date | None, countries: set[str]) -> str:
        def score(entity_id: str) -> tuple:
            e = self.kb.entities[entity_id]
            active = bool(on and e.roles and e.roles_on(on))
            return (-(e.country in countries), -active, TYPE_PRIORITY.get(e.kind, 4), e.id)

        return min(ids, key=score)

    def fuzzy_person(self, name: str) -> str | None:
        """A KB person whose surname is a near-spelling of this name's last word."""
        words = norm_key(name).split()
        if not words or len(words[-1]) < 5:
            return None
        last = words[-1]
        best, best_score = None, FUZZY_MIN
        for surname, ids in self.person_surnames.items():
            if surname[0] != last[0]:
                continue
            s = JaroWinkler.similarity(last, surname)
            if s >= best_score and len(set(ids)) == 1:
                best, best_score = ids[0], s
        return best

    def link_name(self, name: str, label: str, on: date | None,
                  countries: set[str]) -> tuple[str, str]:
        """(entity id, method) for a recognised name: KB, sound-alike, fuzzy, provisional."""
        for lookup, method in ((self.kb.lookup, "kb"), (self.kb.lookup_sound, "sound")):
            cands = [e.id for e in lookup(name) if _label_fits(e, label)]
            if cands:
                return self.choose(cands, on, countries), method
        if label == "PERSON":
            found = self.fuzzy_person(name)
            if found:
                return found, "fuzzy"
        return "x:" + sound_key(name).replace(" ", "-"), "new"


def _label_fits(entity: Entity, label: str) -> bool:
    if label in ("GPE", "LOC"):
        return entity.type in ("GPE", "LOC")
    return entity.type == label or label == ""


class EntityRecognizer:
    """Everything of one language: alias matching, offices, rules, model, linking."""

    def __init__(self, lang: str, kb: KnowledgeBase, matcher: AliasMatcher, linker: Linker,
                 model=None):
        self.lang = lang
        self.kb = kb
        self.morph = Morphology(lang)
        self.matcher = matcher
        self.linker = linker
        self.model = model
        lex = load_lexicon(lang, "entities")
        self.first_names = {norm_key(n) for n in lex.get("first_names", [])} | _kb_first_names(kb)
        self.org_cues = [c.casefold() for c in lex.get("org_cues", [])]
        self.titles = sorted(kb.titles.get(lang, {}).items(), key=lambda t: -len(t[0]))
        self.counterparts = {w.casefold() for w in
                             load_lexicon(lang, "titles").get("counterpart", {}).get("words", [])}
        self.adjectives: dict[str, str] = {}
        for lemma, iso3 in kb.adjectives.get(lang, {}).items():
            for form in self.morph.adjective_forms(lemma):
                self.adjectives.setdefault(form, iso3)

    # -- pieces ---------------------------------------------------------------------
    def _country_near(self, text: str, tokens: list[Token], i: int, j: int) -> str | None:
        """A country named by adjective or name within three tokens of tokens[i:j]."""
        for k in list(range(max(0, i - 3), i))[::-1] + list(range(j, min(len(tokens), j + 3))):
            word = tokens[k].text.casefold()
            if word in self.adjectives:
                return self.adjectives[word]
            for form in tokens[k].forms:
                hits = [e for e in self.kb.lookup(form) if e.kind == "state"]
                if hits:
                    return hits[0].id
        return None

    def run(self, article: Article) -> list[EntityMention]:
        text = article.text
        on = article.published.start if article.published else None
        tokens = tokenize(text, self.morph)
        taken = [False] * len(tokens)
        mentions: list[EntityMention] = []

        def take(i: int, j: int) -> bool:
            if any(taken[i:j]):
                return False
            for k in range(i, j):
                taken[k] = True
            return True

        # 1. knowledge-base aliases
        for i, j, ids in self.matcher.matches(text, tokens):
            if not take(i, j):
                continue
            near = self._country_near(text, tokens, i, j)
            entity_id = self.linker.choose(ids, on, {near} if near else set())
            entity = self.kb.entities[entity_id]
            mentions.append(EntityMention(tokens[i].start, tokens[j - 1].end,
                                          entity.type, entity_id, "kb"))

        # 2. country adjectives (the Russian side, aserbaidschanischen, российский)
        for k, tok in enumerate(tokens):
            iso3 = self.adjectives.get(tok.text.casefold())
            if iso3 and not taken[k]:
                taken[k] = True
                mentions.append(EntityMention(tok.start, tok.end, "GPE", iso3, "adjective"))

        # 3. statistical recogniser, then rules for unknown names
        candidates: list[Candidate] = list(self.model(text)) if self.model else []
        candidates += self._rule_candidates(text, tokens, taken)
        for cand in sorted(candidates, key=lambda c: (c.start, -c.end)):
            span = [k for k, t in enumerate(tokens) if t.start >= cand.start and t.end <= cand.end]
            if not span or any(taken[k] for k in span):
                continue
            i, j = span[0], span[-1] + 1
            name = text[tokens[i].start:tokens[j - 1].end]
            if cand.label == "PERSON" and len(name.split()) == 1 and not tokens[i].capitalised:
                continue
            near = self._country_near(text, tokens, i, j)
            entity_id, method = self.linker.link_name(
                _base_name(name, self.morph), cand.label, on, {near} if near else set())
            if method == "new" and cand.label not in ("PERSON", "ORG"):
                continue  # unknown places and the like are not actors
            take(i, j)
            entity = self.kb.get(entity_id)
            label = entity.type if entity else cand.label
            mentions.append(EntityMention(tokens[i].start, tokens[j - 1].end, label,
                                          entity_id, method if method != "kb" else cand.source,
                                          country=near,
                                          confidence=0.9 if method in ("kb", "sound") else 0.6))

        # 4. misspelt known surnames among capitalised words no one claimed
        for k, tok in enumerate(tokens):
            if taken[k] or not tok.capitalised or k == 0 or len(tok.text) < 6:
                continue
            if text[tokens[k - 1].end:tok.start].strip() in (".", "!", "?"):
                continue
            found = self.linker.fuzzy_person(tok.text)
            if found:
                taken[k] = True
                mentions.append(EntityMention(tok.start, tok.end, "PERSON", found, "fuzzy", 0.7))

        # 5. office phrases
        mentions += self._offices(article, text, tokens, taken, on)
        mentions.sort(key=lambda m: m.start)
        _corefer_surnames(text, mentions)
        return mentions

    def _rule_candidates(self, text: str, tokens: list[Token], taken: list[bool]) -> list[Candidate]:
        out = []
        n = len(tokens)
        for k, tok in enumerate(tokens):
            if taken[k] or not tok.capitalised:
                continue
            # a known first name followed by one or two capitalised words
            if norm_key(tok.text) in self.first_names and k + 1 < n and \
                    tokens[k + 1].capitalised and not taken[k + 1] and \
                    _contiguous(text, tokens[k:k + 2]):
                end = k + 2
                if end < n and tokens[end].capitalised and not taken[end] and \
                        _contiguous(text, tokens[k + 1:end + 1]) and \
                        norm_key(tokens[end].text) not in self.first_names:
                    end += 1
                out.append(Candidate(tok.start, tokens[end - 1].end, "PERSON", "rule"))
            # a news outlet named after a cue word (Nachrichten-Website Azerdaily)
            before = text[max(0, tok.start - 40):tok.start].casefold().rstrip()
            if any(before.endswith(cue) for cue in self.org_cues):
                out.append(Candidate(tok.start, tok.end, "ORG", "rule"))
        return out

    def _offices(self, article: Article, text: str, tokens: list[Token], taken: list[bool],
                 on: date | None) -> list[EntityMention]:
        """Office phrases not followed by a name, linked to the holder on the day."""
        out: list[EntityMention] = []
        folded = text.casefold()
        for phrase, role in self.titles:
            for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"\w{0,3}(?!\w)", folded):
                span = [k for k, t in enumerate(tokens) if t.start >= m.start() and t.end <= m.end()]
                if not span or any(taken[k] for k in span):
                    continue
                i, j = span[0], span[-1] + 1
                if j < len(tokens) and tokens[j].capitalised and taken[j]:
                    continue  # "President Ilham Aliyev": the name is the mention
                country = self._country_near(text, tokens, i, j)
                holder = None
                if country:
                    found = self.kb.holders(role, country, on)
                    holder = found[0].id if len(found) == 1 else None
                for k in range(i, j):
                    taken[k] = True
                out.append(EntityMention(m.start(), m.end(), "PERSON", holder, "office", role,
                                         confidence=0.7 if holder else 0.3))
        return out


def _base_name(name: str, morph: Morphology) -> str:
    """'Patruschews' -> 'Patruschew' when the language allows that suffix."""
    words = name.split()
    if not words:
        return name
    last = words[-1]
    for suffix in morph.suffixes:
        if suffix and last.lower().endswith(suffix) and len(last) - len(suffix) >= 4:
            return " ".join(words[:-1] + [last[: -len(suffix)]])
    return re.split(r"['’]", name)[0] if morph.apostrophe == "suffix" else name


def _kb_first_names(kb: KnowledgeBase) -> set[str]:
    out = set()
    for entity in kb.entities.values():
        if entity.type == "PERSON":
            for alias in entity.all_aliases():
                words = norm_key(alias).split()
                if len(words) >= 2 and len(words[0]) >= 3:
                    out.add(words[0])
    return out


def _corefer_surnames(text: str, mentions: list[EntityMention]) -> None:
    """A one-word name after a full name with that last word is the same person."""
    full: dict[str, str] = {}
    for m in mentions:
        words = sound_key(text[m.start:m.end]).split()
        if m.label != "PERSON" or not words or m.entity_id is None:
            continue
        if len(words) >= 2:
            full[words[-1]] = m.entity_id
        elif m.entity_id.startswith("x:") or m.method in ("fuzzy",):
            stem = words[0]
            for last, entity_id in full.items():
                if stem.startswith(last) and len(stem) - len(last) <= 3:
                    m.entity_id = entity_id
                    break


@stage("entities.kb.v1", requires=("text", "lang", "published"), assigns=("entities",))
def entities(ctx: Context) -> Callable[[Article], Article]:
    """People, organisations and places, linked to the knowledge base or provisional ids."""
    kb = ctx.kb
    matcher = ctx.resource("entities.matcher", lambda: AliasMatcher(kb))
    linker = ctx.resource("entities.linker", lambda: Linker(kb))
    per_lang: dict[str, EntityRecognizer] = {}

    def recognizer(lang: str) -> EntityRecognizer:
        if lang not in per_lang:
            spec = ctx.config.entities.recognizers.get(lang, "kb")
            model = ctx.resource(f"ner:{spec}", lambda: make_recognizer(spec))
            per_lang[lang] = EntityRecognizer(lang, kb, matcher, linker, model)
        return per_lang[lang]

    def run(article: Article) -> Article:
        article.entities = recognizer(article.lang or "en").run(article)
        return article

    return run

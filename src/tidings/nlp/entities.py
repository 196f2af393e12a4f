"""Entities: recognise people, organisations and places in any language and link them.

The ``entities.kb.v1`` stage reads each article in five steps:

1. **Names** from three sources: the knowledge base's aliases, matched by spelling-
   insensitive keys of every word's base forms (``nlp/names.py``: Patruschews, Алиевым,
   Aliyev'in, d'Arménie); the statistical recogniser configured for the language
   (``[entities] recognizers``: spaCy, natasha, or none); and rules for names nobody knows
   (a known first name before capitalised words, a capitalised word after an office title,
   a surname-shaped word, a name after or before an outlet word: 'Nachrichten-Website
   Azerdaily', 'X ajansı'; lists in ``nlp/lang/<code>/entities.toml``).
2. **Context**: country adjectives (aserbaidschanischen, российский) and office titles
   ('der russische Botschafter in Aserbaidschan', 'Defense Minister'; ``titles.toml``),
   which give the names next to them a role and a country.
3. **Linking** (``nlp/linking.py``): each name to a knowledge-base entity by alias,
   transliteration or a one-edit misspelling, choosing between namesakes by the office the
   text gives, the country named nearby, who held office on the article's date and who the
   article already mentioned; a name nobody knows gets a provisional id (``x:`` + its
   spelling-insensitive key), so it is never dropped.
4. **Offices without a name** ('the Armenian prime minister', 'seinem armenischen
   Amtskollegen') become PERSON mentions of whoever held that office on the article's date,
   and descriptions ('the top Russian military official') mentions of the person they
   refer back to.
5. Within the article a surname alone is the person named in full.

:func:`resolve_reference` answers, for a pronoun or office phrase at an offset, which person
it refers to.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from ..kb.base import KnowledgeBase, norm_key
from ..model import Article, EntityMention
from ..pipeline import Context, stage
from .institutions import WINDOW, Institutions, same_word
from .linking import Linker, NameSpan
from .names import (
    AliasMatch,
    AliasMatcher,
    Doc,
    Morphology,
    Title,
    TitleMatcher,
    Token,
    contiguous,
    cues,
    tokenize,
    word_forms,
)
from .offices import BETWEEN_TITLE_AND_NAME, PUNCT, Offices, inside, lower, quoted_ranges
from .recognizers import Candidate, make_recognizer

_QUOTES = "„“”\"«»‚‘’"
_WORD = re.compile(r"\w+")
_CONFIDENCE = {"kb": 0.9, "ner": 0.85, "rule": 0.8, "sound": 0.85, "fuzzy": 0.7, "new": 0.5,
               "surname": 0.8}


class EntityRecognizer:
    """Everything of one language: alias matching, titles, model, rules, linking."""

    def __init__(self, lang: str, kb: KnowledgeBase, matcher: AliasMatcher, linker: Linker,
                 model=None):
        self.lang = lang
        self.kb = kb
        self.morph = Morphology(lang)
        self.matcher = matcher
        self.linker = linker
        self.model = model
        self.titles = TitleMatcher(lang, kb, self.morph)
        self.offices = Offices(lang, kb, self.morph)
        self.cues = cues(lang)
        self.first_names = self.cues["first_names"] | matcher.first_names
        self.adjectives: dict[str, str] = {}  # every inflected form, lower case
        self.acronyms: dict[str, str] = {}  # US, UK: only in capitals ('us' is a pronoun)
        for lemma, iso3 in kb.adjectives.get(lang, {}).items():
            if lemma.isupper():
                self.acronyms[lemma] = iso3
                continue
            for form in self.morph.adjective_forms(lemma):
                self.adjectives.setdefault(form, iso3)
        self.institutions = Institutions(lang, kb, set(self.adjectives))
        self._org_before = _cue_pattern(self.cues["org_before"], before=True)
        self._org_after = _cue_pattern(self.cues["org_after"], before=False)

    # -- the steps ------------------------------------------------------------------
    def run(self, article: Article, candidates: list[Candidate] | None = None
            ) -> list[EntityMention]:
        text = article.text
        tokens = tokenize(text, self.morph)
        doc = Doc(article, tokens, [self._adjective(t) for t in tokens], [None] * len(tokens),
                   article.published.start if article.published else None)
        spans = [NameSpan(m.i, m.j, "", "kb", [e.entity_id for e in m.entries])
                 for m in self.matcher.matches(text, tokens) if not self._weak_word(m, tokens)]
        titles = self.titles.matches(tokens, doc.adjective)
        # a name inside a title stays a mention as well: 'Kremlin spokesman', 'US-Präsident'
        for t in titles:
            for k in range(t.i, t.j):
                doc.owner[k] = "title"
        for s in spans:
            doc.claim(s.i, s.j, "name")
        bodies = self._institution_spans(doc)  # "das georgische Parlament"
        for s in bodies:
            doc.claim(s.i, s.j, "name")
        spans += bodies
        for t in titles:
            self.offices.title_context(doc, t, spans)
        if candidates is None and self.model is not None:
            candidates = self.model(text)
        spans += self._model_spans(doc, candidates or [], spans)
        spans += self._rule_spans(doc, titles)
        spans += self._surname_spans(doc, spans)
        spans.sort(key=lambda s: s.i)
        attached = self.offices.attach(doc, titles, spans)
        mentions = self._link(doc, spans)
        mentions += self._adjective_mentions(doc)
        mentions += self.offices.offices(doc, [t for t in titles if id(t) not in attached],
                                         mentions)
        mentions += self.offices.descriptions(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        _corefer_surnames(doc, mentions, self.morph)
        return mentions

    def _institution_spans(self, doc: Doc) -> list[NameSpan]:
        """A country adjective next to the words of one of its national bodies."""
        out = []
        n = len(doc.tokens)
        for k, country in enumerate(doc.adjective):
            if not country or doc.owner[k]:
                continue
            if self.institutions.after_noun:
                lo, hi = max(0, k - WINDOW), min(n, k + WINDOW)
            else:
                lo, hi = k + 1, min(n, k + 1 + WINDOW)
            window = [i for i in range(lo, hi) if i != k and not doc.owner[i]]
            found = self.institutions.match(country, [doc.tokens[i].lower for i in window])
            if found is None:
                continue
            used = [i for i in window if any(same_word(w, doc.tokens[i].lower)
                                             for w in found.words)] + [k]
            i, j = min(used), max(used) + 1
            if any(doc.owner[x] for x in range(i, j)):
                continue
            out.append(NameSpan(i, j, "ORG", "institution", [found.entity_id]))
        return out

    def _adjective(self, tok: Token) -> str | None:
        if not tok.text[:1].isalpha():
            return None
        if self.morph.adj_lowercase and tok.capitalised and not tok.sent_start:
            return None
        return self.acronyms.get(tok.core) or self.adjectives.get(tok.lower) or \
            self.adjectives.get(tok.core.casefold())

    def _weak_word(self, match: AliasMatch, tokens: list[Token]) -> bool:
        """A one-word match that is a word of the language: a city's alternate name
        ('Türk'), or an alias only near in spelling ('Route' ~ Rutte, 'Wenn' ~ Wien)."""
        if match.j - match.i != 1:
            return False
        tok = tokens[match.i]
        if not self._known_word(tok.core):
            return False
        if all(e.weak for e in match.entries):
            return True
        exact = {norm_key(tok.core)} | {norm_key(s) for s in self.morph.stems(tok.core)}
        return not any(norm_key(e.words[0]) in exact for e in match.entries)

    def _model_spans(self, doc: Doc, candidates: list[Candidate], known: list[NameSpan]
                     ) -> list[NameSpan]:
        """The model's names on tokens nobody claimed (a KB match keeps its own span, but
        grows to a model name around it: 'Vladimir V. Putin')."""
        out: list[NameSpan] = []
        starts = {t.start: k for k, t in enumerate(doc.tokens)}
        ends = {t.end: k for k, t in enumerate(doc.tokens)}
        for cand in sorted(candidates, key=lambda c: (c.start, -c.end)):
            i, j = _token_range(doc.tokens, cand.start, cand.end, starts, ends)
            if i is None or j is None:
                continue
            while i < j and (doc.owner[i] == "title" or doc.adjective[i]
                             or not doc.tokens[i].text[:1].isalnum() or lower(doc.tokens[i])):
                i += 1
            while j > i and (doc.owner[j - 1] == "title" or lower(doc.tokens[j - 1])
                             and cand.label == "PERSON"):
                j -= 1
            if i >= j:
                continue
            if any(doc.owner[k] for k in range(i, j)):
                self._grow_known(doc, known, i, j, cand)
                continue
            if all(doc.adjective[k] for k in range(i, j)):
                continue
            if j - i == 1 and self._known_word(doc.tokens[i].core):
                continue  # a common word the model took for a name ('Parlement', 'État')
            doc.claim(i, j, "name")
            out.append(NameSpan(i, j, cand.label, "ner", [], norm=cand.norm))
        return out

    @staticmethod
    def _grow_known(doc: Doc, known: list[NameSpan], i: int, j: int, cand: Candidate) -> None:
        if cand.label != "PERSON":
            return
        for span in known:
            covered = i <= span.i and span.j <= j
            if covered and span.j - span.i == 1 and all(
                    doc.owner[k] is None and doc.tokens[k].capitalised
                    for k in range(i, j) if not span.i <= k < span.j):
                doc.claim(i, j, "name")
                span.i, span.j = i, j
                return

    def _rule_spans(self, doc: Doc, titles: list[Title]) -> list[NameSpan]:
        """Names the knowledge base and the model missed, found by rules."""
        out: list[NameSpan] = []
        toks, owner, text = doc.tokens, doc.owner, doc.article.text
        free = lambda k: 0 <= k < len(toks) and owner[k] is None  # noqa: E731

        def add(i: int, j: int, label: str, source: str, ids: list[str] | None = None) -> None:
            doc.claim(i, j, "name")
            out.append(NameSpan(i, j, label, source, ids or []))

        # organisations after and before outlet words (Nachrichten-Website Azerdaily)
        for i, j in self._org_names(doc):
            add(i, j, "ORG", "rule")
        # a known first name and one or two capitalised words
        for k, tok in enumerate(toks):
            if free(k) and tok.capitalised and tok.forms & self.first_names and free(k + 1) \
                    and self._namelike(toks[k + 1], strict=tok.sent_start or len(tok.core) < 4) \
                    and contiguous(text, toks[k:k + 2]):
                end = k + 2
                if free(end) and self._namelike(toks[end]) and contiguous(text, toks[k:end + 1]) \
                        and not toks[end].forms & self.first_names:
                    end += 1
                add(k, end, "PERSON", "rule")
        # capitalised words right after an office title or an honorific (Botschafter X)
        honorifics = [k + 1 for k, tok in enumerate(toks)
                      if free(k) and tok.lower.rstrip(".") in self.cues["person_cues"]]
        for k in [t.hi for t in titles] + honorifics:
            if 0 < k < len(toks) and BETWEEN_TITLE_AND_NAME.fullmatch(
                    text[toks[k - 1].end:toks[k].start]) and free(k) and \
                    self._namelike(toks[k], strict=True):
                end = k + 1
                while end < k + 3 and free(end) and self._namelike(toks[end], strict=True) \
                        and contiguous(text, toks[k:end + 1]):
                    end += 1
                add(k, end, "PERSON", "rule")
        # surname-shaped words (Usubow, Bocharnikov) and misspelt known names (Pahsinyan)
        for k, tok in enumerate(toks):
            if not free(k) or not tok.capitalised or tok.sent_start or tok.caps \
                    or len(tok.core) < 5 or doc.adjective[k] or self._known_word(tok.core):
                continue
            people = self.kb.fuzzy_people(tok.core, self.lang) if len(tok.core) >= 6 else []
            if len({e.id for e in people}) == 1:
                add(k, k + 1, "PERSON", "fuzzy", [people[0].id])
            elif tok.core.casefold().endswith(self.cues["surname_endings"]):
                add(k, k + 1, "PERSON", "rule")
        return out

    def _surname_spans(self, doc: Doc, spans: list[NameSpan]) -> list[NameSpan]:
        """A capitalised word that is (a form of) the last word of a person's full name
        found in the article, even at the start of a sentence: 'Костровского'."""
        last: set[str] = set()
        for s in spans:
            if s.j - s.i >= 2 and self.offices.personal(s):
                last |= word_forms(self.morph, doc.tokens[s.j - 1].core)
        out = []
        for k, tok in enumerate(doc.tokens):
            if last and doc.owner[k] is None and tok.capitalised and not tok.caps and \
                    len(tok.core) >= 4 and word_forms(self.morph, tok.core) & last:
                doc.claim(k, k + 1, "name")
                out.append(NameSpan(k, k + 1, "PERSON", "rule"))
        return out

    def _org_names(self, doc: Doc) -> list[tuple[int, int]]:
        text, toks = doc.article.text, doc.tokens
        starts = {t.start: k for k, t in enumerate(toks)}
        ends = {t.end: k for k, t in enumerate(toks)}
        out = []
        if self._org_before is not None:
            for m in self._org_before.finditer(text):
                k = starts.get(m.end())
                if k is None or doc.owner[k] is not None or not toks[k].capitalised:
                    continue
                quoted = text[m.end() - 1:m.end()] in _QUOTES
                end = k + 1
                while end < min(len(toks), k + 4) and doc.owner[end] is None and \
                        (toks[end].capitalised or quoted) and \
                        contiguous(text, toks[end - 1:end + 1]):
                    end += 1
                out.append((k, end))
        if self._org_after is not None:
            for m in self._org_after.finditer(text):
                k = ends.get(m.start())
                if k is None or doc.owner[k] is not None or not toks[k].capitalised:
                    continue
                i = k
                while i > 0 and i > k - 3 and doc.owner[i - 1] is None and \
                        toks[i - 1].capitalised and not toks[i].sent_start and \
                        contiguous(text, toks[i - 1:i + 1]):
                    i -= 1
                if not (i == k and toks[k].sent_start and self._known_word(toks[k].core)):
                    out.append((i, k + 1))
        return out

    def _namelike(self, tok: Token, strict: bool = False) -> bool:
        """A capitalised word that can be part of a name (not a common noun, when strict)."""
        if not tok.capitalised or tok.caps and len(tok.core) > 5:
            return False
        if strict and not tok.forms & self.first_names and self._known_word(tok.core):
            return False
        return True

    def _known_word(self, word: str) -> bool:
        return self.linker.is_dictionary_word(word, self.lang)

    # -- linking -----------------------------------------------------------------------
    def _link(self, doc: Doc, spans: list[NameSpan]) -> list[EntityMention]:
        out: list[EntityMention] = []
        seen: Counter[str] = Counter()
        text = doc.article.text
        for span in spans:
            near = self._country_before(doc, span)
            role, country = self.offices.span_office(doc, span, out)
            name = text[doc.tokens[span.i].start:doc.tokens[span.j - 1].end]
            link = self.linker.link(span, name, self.lang, doc.tokens[span.i:span.j], doc.on,
                                    role=role, country=country or near, seen=seen)
            if link is None:
                continue
            entity_id, method, label = link
            seen[entity_id] += 1
            linked = self.linker.kb.get(entity_id)
            if linked is not None and linked.country:
                seen["in:" + linked.country] += 1  # the countries the article is about
            out.append(EntityMention(
                doc.tokens[span.i].start, doc.tokens[span.j - 1].end, label, entity_id, method,
                role=role, country=country or (near if label in ("PERSON", "ORG") else None),
                confidence=_CONFIDENCE.get(method, 0.6),
                name=span.norm if span.norm and span.norm != name else None))
        return out

    def _country_before(self, doc: Doc, span: NameSpan) -> str | None:
        """'the Russian envoy X', 'die aserbaidschanische Nachrichten-Website Azerdaily'."""
        text = doc.article.text
        for k in range(span.i - 1, max(-1, span.i - 4), -1):
            if PUNCT.search(text[doc.tokens[k].end:doc.tokens[k + 1].start]):
                return None
            if doc.adjective[k]:
                return doc.adjective[k]
            if doc.owner[k] == "name":
                return None
        return None

    def _adjective_mentions(self, doc: Doc) -> list[EntityMention]:
        return [EntityMention(t.start, t.end, "GPE", doc.adjective[k], "adjective")
                for k, t in enumerate(doc.tokens) if doc.adjective[k] and doc.owner[k] != "name"]


def _token_range(tokens: list[Token], start: int, end: int, starts: dict[int, int],
                 ends: dict[int, int]) -> tuple[int | None, int | None]:
    i, j = starts.get(start), ends.get(end)
    if i is None or j is None:  # a model span that cuts a token: widen to whole tokens
        cut = [k for k, t in enumerate(tokens) if t.end > start and t.start < end]
        if not cut:
            return None, None
        i, j = cut[0], cut[-1]
    return i, j + 1


def _cue_pattern(phrases: list[str], before: bool) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alts = "|".join(re.escape(p) for p in phrases)
    if before:
        return re.compile(rf"(?<!\w)(?:{alts})\s+[{_QUOTES}]?(?=\w)", re.I)
    return re.compile(rf"(?<=\w)[{_QUOTES}]?\s+(?:{alts})(?!\w)", re.I)


def _corefer_surnames(doc: Doc, mentions: list[EntityMention], morph: Morphology) -> None:
    """A one-word name the KB could not place is the person of the article whose full
    name ends in that word (Bocharnikow after Mikhail Bocharnikow, Usubows)."""
    text = doc.article.text
    last: dict[str, str] = {}
    for m in mentions:
        words = text[m.start:m.end].split()
        if m.label == "PERSON" and m.entity_id and len(words) >= 2 and m.method != "office":
            for form in word_forms(morph, morph.core(words[-1])):
                last.setdefault(form, m.entity_id)
    if not last:
        return
    for m in mentions:
        surface = text[m.start:m.end]
        if m.label != "PERSON" or " " in surface or m.method not in ("new", "rule", "fuzzy",
                                                                    "ner", "sound"):
            continue
        forms = word_forms(morph, morph.core(surface))
        hits = {last[f] for f in forms if f in last}
        if len(hits) == 1:
            target = hits.pop()
            if target != m.entity_id:
                m.entity_id, m.method = target, "surname"


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

    def batch(articles: list[Article]) -> list[Article]:
        by_lang: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            by_lang[a.lang or "en"].append(a)
        for lang, group in by_lang.items():
            rec = recognizer(lang)
            found = rec.model.batch([a.text for a in group]) if rec.model else [[]] * len(group)
            for article, cands in zip(group, found, strict=True):
                article.entities = rec.run(article, cands)
        return articles

    run.batch = batch  # type: ignore[attr-defined]
    return run


def resolve_reference(article: Article, offset: int, kb: KnowledgeBase | None = None
                      ) -> str | None:
    """The entity id of the person a pronoun or office phrase at ``offset`` refers to.

    * An office phrase or description the entity stage already linked ('the Armenian prime
      minister', 'the top Russian military official') answers with its mention's entity.
    * A personal or possessive pronoun of the article's language ('he', 'er', 'seinem',
      'он', 'il'; ``reference`` in ``entities.toml``) refers to the first person named
      earlier in its sentence, else to the first person named in the closest sentence
      before that names one (up to three back): the subject, as a reader assumes. With
      ``kb`` the person's gender must agree with the pronoun's.

    Returns None when nothing at ``offset`` refers to a person the article names.
    """
    for m in article.entities:
        if m.start <= offset < m.end and m.label == "PERSON" and m.entity_id:
            return m.entity_id
    match = _WORD.search(article.text, offset)
    if match is None or match.start() != offset:
        return None
    word = match.group().casefold()
    c = cues(article.lang or "en")
    if word not in c["male"] and word not in c["female"]:
        return None
    gender = "m" if word in c["male"] else "f"
    if word in c["male"] and word in c["female"]:
        gender = ""
    quoted = [r for r in quoted_ranges(article.text) if not r[0] <= offset < r[1]]
    people = [m for m in article.entities if m.label == "PERSON" and m.entity_id
              and m.end <= offset and m.method != "office" and not inside(m.start, quoted)]
    if kb is not None and gender:
        people = [m for m in people if kb.gender.get(m.entity_id or "", gender) == gender]
    bounds = _sentence_bounds(article)
    current = next((k for k, (s, e) in enumerate(bounds) if s <= offset < e), None)
    if current is None:
        return people[-1].entity_id if people else None
    for k in range(current, max(-1, current - 4), -1):
        s, e = bounds[k]
        named = [m for m in people if s <= m.start < min(e, offset)]
        if named:
            return named[0].entity_id
    return None


def _sentence_bounds(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    out, start = [], 0
    for m in re.finditer(r"[.!?…](?=\s)|\n", article.text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(article.text)))
    return out

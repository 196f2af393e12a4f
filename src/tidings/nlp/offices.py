"""Offices and descriptions: what titles say about the names next to them, and who an
office or a description without a name refers to.

* ``title_context``: the state or organisation a title belongs to ('der russische
  Botschafter', 'Secretary General of the CSTO', 'министр обороны России') and where an
  envoy is posted ('in Aserbaidschan');
* ``attach``: a title next to a person's name gives it a role and a country ('Präsident
  Putin', 'dem Präsidenten des Landes, Ilham Alijew', 'Usubow, der Sekretär des ...');
* ``offices``: a title without a name is the holder of the office on the article's date
  ('the Armenian prime minister'), or, without a country, the last holder the article
  named ('the president'); a counterpart ('seinem aserbaidschanischen Amtskollegen') holds
  the office of the person named before, in the other country;
* ``descriptions``: 'the top Russian military official' is the last person of that country
  the article named (outside quotations).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..kb.base import KnowledgeBase
from ..model import EntityMention
from .linking import NameSpan
from .names import Doc, Morphology, Title, Token, cues

BETWEEN_TITLE_AND_NAME = re.compile(r"[\s,:.–—\-]{1,4}")
_APPOSITION = re.compile(r"\s*,\s*")
PUNCT = re.compile(r"[,;:.()!?\n]")
_QUOTED = re.compile(r"„[^“”\n]*[“”]|“[^”\n]*”|«[^»\n]*»|\"[^\"\n]*\"")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation in the text, marks included."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in ranges)


def lower(tok: Token) -> bool:
    return tok.text[:1].islower()


def _is_descriptor(word: str, descriptors: set[str], compounds: bool) -> bool:
    if word in descriptors:
        return True
    return compounds and any(word.endswith(d) and len(word) > len(d) + 3 for d in descriptors)


class Offices:
    """The office titles and descriptions of one language, read against the KB."""

    def __init__(self, lang: str, kb: KnowledgeBase, morph: Morphology):
        self.kb = kb
        self.morph = morph
        self.cues = cues(lang)

    def title_context(self, doc: Doc, title: Title, spans: list[NameSpan]) -> None:
        """The country (or organisation) a title belongs to, and where an envoy is posted."""
        toks, c = doc.tokens, self.cues
        by_start = {s.i: s for s in spans}
        by_end = {s.j: s for s in spans}
        for k in range(title.i, title.j):
            if doc.adjective[k]:
                title.country = doc.adjective[k]
        k = title.i - 1
        text = doc.article.text
        while k >= max(0, title.i - 3) and not title.country and \
                not PUNCT.search(text[toks[k].end:toks[k + 1].start]):
            if doc.adjective[k]:
                title.country, title.lo = doc.adjective[k], k
            elif k + 1 in by_end and self._where(by_end[k + 1]):
                title.country, title.org = self._where(by_end[k + 1])
                title.lo = by_end[k + 1].i
            elif not lower(toks[k]):
                break
            k -= 1
        before = [toks[k].lower for k in range(max(0, title.lo - 3), title.lo)]
        after = [toks[k].lower for k in range(title.j, min(len(toks), title.j + 2))]
        title.plural = title.plural or any(w in c["plural"] for w in before + after)
        title.former = any(w in c["former"] for w in before)
        k = title.j
        inner = next((s for s in spans if s.i < title.j < s.j or title.i <= s.i < title.j),
                     None)
        if inner is not None and self._where(inner) and not title.country:
            title.country, title.org = self._where(inner)  # 'Sekretär des Sicherheitsrates
            k = title.hi = max(k, inner.j)                  # der Russischen Föderation'
        if k < len(toks) and doc.adjective[k] and not title.country:
            title.country, title.hi = doc.adjective[k], k + 1  # ministre russe
            k += 1
        posted = False
        for _ in range(4):
            if k >= len(toks):
                break
            if k in by_start and self._where(by_start[k]):
                country, org = self._where(by_start[k])
                if posted:
                    title.to = country
                elif not title.country and not title.org:
                    title.country, title.org = country, org
                else:
                    break
                k = by_start[k].j
                title.hi = k
                posted = False
                continue
            word = toks[k].lower
            if word in c["posting"]:
                posted = True
            elif word not in c["complement"] and not (doc.adjective[k] and posted):
                break
            k += 1
        title.hi = max(title.hi, title.j)

    def _where(self, span: NameSpan) -> tuple[str | None, str | None] | None:
        for entity_id in span.ids:
            entity = self.kb.get(entity_id)
            if entity is None:
                continue
            if entity.kind == "state":
                return entity.id, None
            if entity.type == "ORG" and entity.kind in ("igo", "government_body"):
                return entity.country, entity.id
        return None

    def attach(self, doc: Doc, titles: list[Title], spans: list[NameSpan]) -> set[int]:
        """A title next to a person's name describes it: 'Präsident Putin', 'dem
        Präsidenten des Landes, Ilham Alijew', 'Usubow, der Sekretär des Sicherheitsrates'."""
        text, toks = doc.article.text, doc.tokens
        attached: set[int] = set()
        for t in titles:
            after = next((s for s in spans if t.hi <= s.i <= t.hi + 3), None)
            before = next((s for s in spans if t.lo - 2 <= s.j <= t.lo), None)
            if after is not None and self.personal(after):
                gap = text[toks[t.hi - 1].end:toks[after.i].start]
                between = range(t.hi, after.i)
                if (not between and BETWEEN_TITLE_AND_NAME.fullmatch(gap)) or (
                        between and gap.rstrip().endswith(",") and not PUNCT.search(
                            gap.rstrip()[:-1]) and all(doc.owner[k] is None for k in between)):
                    after.title = t
                    attached.add(id(t))
                    continue
            if before is not None and self.personal(before):
                between = range(before.j, t.lo)
                gap = text[toks[before.j - 1].end:toks[t.lo].start]
                if _APPOSITION.match(gap) and len(between) <= 1 and all(
                        lower(toks[k]) and len(toks[k].text) <= 3 for k in between):
                    before.title = before.title or t
                    attached.add(id(t))
        return attached

    def personal(self, span: NameSpan) -> bool:
        if span.label:
            return span.label == "PERSON"
        return any((e := self.kb.get(i)) is not None and e.type == "PERSON" for i in span.ids)

    def span_office(self, doc: Doc, span: NameSpan, linked: list[EntityMention]
                     ) -> tuple[str | None, str | None]:
        t = span.title
        if t is None:
            return None, None
        role = t.role or self._counterpart_role(doc, t, linked)
        return role, t.country

    def _counterpart_role(self, doc: Doc, title: Title, linked: list[EntityMention]
                          ) -> str | None:
        """'seinem aserbaidschanischen Amtskollegen': the office of the person whose
        counterpart this is, the nearest person before of another country."""
        start = doc.tokens[title.i].start
        for m in reversed(linked):
            if m.label != "PERSON" or m.start >= start or start - m.start > 600:
                continue
            entity = self.kb.get(m.entity_id)
            if entity is None or (title.country and entity.country == title.country):
                continue
            for role in entity.roles_on(doc.on) if doc.on else entity.roles:
                if self.kb.role_kinds.get(role.key) not in ("other", "organisation"):
                    return role.key
        return None

    def offices(self, doc: Doc, titles: list[Title], linked: list[EntityMention]
                 ) -> list[EntityMention]:
        """Office phrases without a name: the holder on the article's date."""
        out: list[EntityMention] = []
        for t in titles:
            if t.plural or t.former:
                continue
            role = t.role or self._counterpart_role(doc, t, linked + out)
            if role is None:
                continue
            holder = self._holder(doc, t, role, linked + out)
            start, end = doc.tokens[t.i].start, doc.tokens[t.j - 1].end
            out.append(EntityMention(start, end, "PERSON", holder, "office", role,
                                     t.country, confidence=0.7 if holder else 0.3))
        return out

    def _holder(self, doc: Doc, t: Title, role: str, linked: list[EntityMention]
                ) -> str | None:
        start = doc.tokens[t.i].start
        before = [m for m in linked if m.start < start and m.entity_id and m.label == "PERSON"]
        if t.org or t.country:
            found = (self.kb.holders(role, t.country, doc.on) if t.country else []) or \
                (self.kb.holders(role, t.org, doc.on) if t.org else [])
            if t.to:  # 'the Russian ambassador to Armenia'
                found = [e for e in found if any(r.key == role and r.to == t.to for r in e.roles)]
            if len(found) > 1:  # several offices of that name: the one the article names
                named = {m.entity_id for m in before}
                found = [e for e in found if e.id in named]
            return found[0].id if len(found) == 1 else None
        for m in reversed(before):  # 'the president': the last president the article named
            entity = self.kb.get(m.entity_id)
            if entity and any(r.key == role for r in (entity.roles_on(doc.on) if doc.on
                                                       else entity.roles)):
                return entity.id
        return None

    def descriptions(self, doc: Doc, linked: list[EntityMention]) -> list[EntityMention]:
        """'the top Russian military official': the person of that country named before."""
        out = []
        words, compounds = self.cues["descriptors"], self.morph.compounds
        names = {m.start for m in linked}
        for k, tok in enumerate(doc.tokens):
            if doc.owner[k] is not None or not _is_descriptor(tok.lower, words, compounds):
                continue
            country = next((doc.adjective[b] for b in range(k - 1, max(-1, k - 4), -1)
                            if doc.adjective[b]), None)
            if country is None or (k + 1 < len(doc.tokens) and doc.tokens[k + 1].start in names):
                continue
            found = self._previous_person(doc, tok.start, linked + out,
                                          lambda e, m, c=country: c in (e.country, m.country))
            if found:
                out.append(EntityMention(tok.start, tok.end, "PERSON", found, "coref",
                                         country=country, confidence=0.6))
        return out

    def _previous_person(self, doc: Doc, offset: int, mentions: list[EntityMention],
                         ok: Callable) -> str | None:
        """The last person before ``offset`` that ``ok`` accepts; people named inside a
        quotation are not its speaker's antecedents."""
        quoted = quoted_ranges(doc.article.text)
        for m in sorted(mentions, key=lambda m: -m.start):
            if m.start >= offset or offset - m.start > 1500 or m.label != "PERSON" or \
                    inside(m.start, quoted):
                continue
            entity = self.kb.get(m.entity_id)
            if entity is not None and ok(entity, m):
                return entity.id
        return None

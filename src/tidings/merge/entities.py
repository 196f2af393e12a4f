"""Identities across articles: knowledge-base entities seen, plus clusters of new names.

Names the knowledge base lacks carry provisional ids (``x:`` + spelling-insensitive key).
Provisional ids of one type are one identity when

* any spelling of one has the spelling-insensitive key of a spelling of the other, in its
  own language's conventions or in the common ones (Usubow in German, Usubov in English);
* their keys are near-identical (Jaro-Winkler >= 0.94, same first letter: a misspelling);
* one is a single word and the last word of exactly one full name (Usubow, Ramil Usubow).

The result is the entity table (only entities mentioned somewhere, each with every alias
seen, its mentions per language and, for a discovered entity, the country its contexts
give most often) and a map from merged provisional ids to the id kept.

:func:`identity_cards` builds what ``tidings entity NAME`` prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler

from ..kb.base import KnowledgeBase, norm_key, sound_key
from ..model import Article, Entity

SAME_NAME = 0.94
NOT_ALIASES = ("office", "adjective", "coref")  # 'the Armenian premier' is no alias


@dataclass
class _Seen:
    """What the articles say about one entity id."""

    count: int = 0
    by_lang: Counter[str] = field(default_factory=Counter)
    forms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    labels: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)


def _collect(articles: Iterable[Article]) -> dict[str, _Seen]:
    seen: dict[str, _Seen] = defaultdict(_Seen)
    for article in articles:
        lang = article.lang or "?"
        for m in article.entities:
            if not m.entity_id:
                continue
            s = seen[m.entity_id]
            s.count += 1
            s.by_lang[lang] += 1
            s.labels[m.label] += 1
            if m.method not in NOT_ALIASES:
                s.forms[lang][m.name or article.text[m.start:m.end]] += 1
            if m.country:
                s.countries[m.country] += 1
    return seen


class _Union:
    def __init__(self, keys: Iterable[str]):
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster_new(seen: dict[str, _Seen]) -> dict[str, str]:
    """Provisional id -> the id of its cluster (the most mentioned member, then the
    longest name, then the smallest id)."""
    ids = sorted(k for k in seen if k.startswith("x:"))
    union = _Union(ids)
    label = {k: seen[k].labels.most_common(1)[0][0] for k in ids}
    by_key: dict[tuple[str, str], str] = {}
    for k in ids:
        keys = {k[2:]}
        for lang, forms in seen[k].forms.items():
            for form in forms:
                keys.update({sound_key(form, lang).replace(" ", "-"),
                             sound_key(form).replace(" ", "-")})
        for key in keys:
            if key in {"", "-"}:
                continue
            other = by_key.setdefault((label[k], key), k)
            union.join(other, k)
    by_initial: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in ids:
        by_initial[(label[k], k[2:3])].append(k)
    for group in by_initial.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if min(len(a), len(b)) >= 7 and JaroWinkler.similarity(a[2:], b[2:]) >= SAME_NAME:
                    union.join(a, b)
    surnames: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k in ids:
        words = k[2:].split("-")
        if len(words) >= 2 and label[k] == "PERSON":
            surnames[(label[k], words[-1])].add(union.find(k))
    for k in ids:
        if "-" not in k[2:] and len(surnames.get((label[k], k[2:]), ())) == 1:
            union.join(next(iter(surnames[(label[k], k[2:])])), k)
    clusters: dict[str, list[str]] = defaultdict(list)
    for k in ids:
        clusters[union.find(k)].append(k)
    out = {}
    for members in clusters.values():
        head = min(members, key=lambda k: (-seen[k].count, -len(k), k))
        out.update({k: head for k in members})
    return out


def _copy(known: Entity) -> Entity:
    return Entity(id=known.id, type=known.type, name=known.name, country=known.country,
                  kind=known.kind, aliases={k: list(v) for k, v in known.aliases.items()},
                  roles=list(known.roles), lat=known.lat, lon=known.lon)


def _discovered(entity_id: str, members: list[str], seen: dict[str, _Seen]) -> Entity:
    forms: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for k in members:
        for by_form in seen[k].forms.values():
            forms.update(by_form)
        labels.update(seen[k].labels)
        countries.update(seen[k].countries)
    full = [f for f in forms if " " in f.strip()] or list(forms) or [entity_id[2:]]
    name = max(full, key=lambda f: (forms[f], len(f), f))
    return Entity(id=entity_id, type=labels.most_common(1)[0][0],  # type: ignore[arg-type]
                  name=name, country=countries.most_common(1)[0][0] if countries else None,
                  kind="discovered", curated=False)


def build_entities(articles: list[Article], kb: KnowledgeBase
                   ) -> tuple[list[Entity], dict[str, str]]:
    """The entity table of a corpus and the map of merged provisional ids."""
    seen = _collect(articles)
    rep = cluster_new(seen)
    same_as = {k: v for k, v in rep.items() if k != v}
    members: dict[str, list[str]] = defaultdict(list)
    for k in seen:
        members[rep.get(k, k)].append(k)
    entities: list[Entity] = []
    for target, group in sorted(members.items()):
        known = kb.get(target)
        entity = _copy(known) if known is not None else _discovered(target, group, seen)
        for k in sorted(group):
            s = seen[k]
            for lang, forms in sorted(s.forms.items()):
                known_forms = entity.aliases.setdefault(lang, [])
                known_forms.extend(f for f in sorted(forms) if f not in known_forms)
            entity.mention_count += s.count
            for lang, n in s.by_lang.items():
                entity.mentions_by_lang[lang] = entity.mentions_by_lang.get(lang, 0) + n
            if k != target:
                entity.same_as.append(k)
        entities.append(entity)
    return entities, same_as


# -- identity cards -----------------------------------------------------------------------
@dataclass
class IdentityCard:
    """An actor as the corpus and the knowledge base know it."""

    entity: Entity
    sources: list[tuple[str, str, int]] = field(default_factory=list)  # site, article, mentions

    def render(self) -> str:
        e = self.entity
        lines = [f"{e.name}  [{e.id}]",
                 f"  type {e.type}, {e.kind or '-'}; country {e.country or '-'}; "
                 f"{'curated' if e.curated else 'discovered in the articles'}"]
        lines.append("  names:")
        for lang, names in sorted(e.aliases.items()):
            lines.append(f"    {lang:<3} " + "; ".join(names))
        if e.roles:
            lines.append("  offices:")
            for r in sorted(e.roles, key=lambda r: r.start or ""):
                where = " ".join(x for x in (r.country, r.org, f"to {r.to}" if r.to else "") if x)
                lines.append(f"    {r.start or '?':<10} - {r.end or 'now':<10} {r.key} {where}")
        by_lang = ", ".join(f"{k} {v}" for k, v in sorted(e.mentions_by_lang.items()))
        lines.append(f"  mentions: {e.mention_count}" + (f" ({by_lang})" if by_lang else ""))
        if e.same_as:
            lines.append("  merged from: " + ", ".join(e.same_as))
        if self.sources:
            lines.append("  sources:")
            lines += [f"    {site or '-'}  {article} ({n})" for site, article, n in self.sources]
        return "\n".join(lines)


def find_entities(query: str, entities: list[Entity], kb: KnowledgeBase, limit: int = 5
                  ) -> list[Entity]:
    """Entities for a name in any script or spelling, an id, or a near spelling: those
    the corpus mentions first, then the knowledge base's."""
    by_id = {e.id: e for e in entities}
    for e in entities:
        by_id.update({k: e for k in e.same_as})
    if query in by_id:
        return [by_id[query]]
    keys = {norm_key(query), sound_key(query)}
    found = [e for e in entities if keys & {f(a) for a in e.all_aliases()
                                            for f in (norm_key, sound_key)}]
    if not found:
        found = [by_id.get(e.id, e) for e in kb.search(query, limit)]
    return sorted(found, key=lambda e: (-e.mention_count, e.id))[:limit]


def identity_cards(query: str, entities: list[Entity], articles: Iterable[Article],
                   kb: KnowledgeBase, limit: int = 5) -> list[IdentityCard]:
    """Identity cards of the entities a query names, with the articles mentioning them."""
    found = find_entities(query, entities, kb, limit)
    cards = {e.id: IdentityCard(e) for e in found}
    ids = {k: e.id for e in found for k in [e.id, *e.same_as]}
    if not ids:
        return []
    for article in articles:
        counts = Counter(ids[m.entity_id] for m in article.entities if m.entity_id in ids)
        for entity_id, n in counts.items():
            cards[entity_id].sources.append((article.site, article.id, n))
    for card in cards.values():
        card.sources.sort(key=lambda s: (-s[2], s[1]))
    return list(cards.values())


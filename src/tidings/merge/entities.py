"""Identities across articles: knowledge-base entities seen, plus clusters of new names.

Names the knowledge base lacks carry provisional ids (``x:`` + spelling-insensitive key).
Two provisional ids are one identity when their keys are near-identical spellings
(Jaro-Winkler, same first letter), so Usubow and Usubov become one person. The result is
the entity table (only entities mentioned somewhere, each with every alias seen and a
mention count) and a map from merged provisional ids to the id kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import JaroWinkler

from ..kb.base import KnowledgeBase
from ..model import Article, Entity

SAME_NAME = 0.94


def _cluster_new(keys: list[str]) -> dict[str, str]:
    """Provisional id -> representative id (the most frequent, then the smallest)."""
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_initial: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        by_initial[k[2:3]].append(k)
    for group in by_initial.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if JaroWinkler.similarity(a[2:], b[2:]) >= SAME_NAME:
                    parent[find(a)] = find(b)
    return {k: find(k) for k in keys}


def build_entities(articles: list[Article], kb: KnowledgeBase
                   ) -> tuple[list[Entity], dict[str, str]]:
    counts: Counter[str] = Counter()
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    labels: dict[str, str] = {}
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for m in article.entities:
            if not m.entity_id:
                continue
            counts[m.entity_id] += 1
            if m.method not in ("office", "adjective"):  # "the Armenian premier" is no alias
                seen[m.entity_id][article.lang or "?"].add(article.text[m.start:m.end])
            labels.setdefault(m.entity_id, m.label)
            if m.country:
                countries[m.entity_id][m.country] += 1
    new_ids = sorted(k for k in counts if k.startswith("x:"))
    rep = _cluster_new(new_ids)
    same_as = {k: v for k, v in rep.items() if k != v}

    entities: dict[str, Entity] = {}
    for entity_id, n in counts.items():
        target = same_as.get(entity_id, entity_id)
        known = kb.get(target)
        if target not in entities:
            if known is not None:
                entities[target] = Entity(
                    id=known.id, type=known.type, name=known.name, country=known.country,
                    kind=known.kind, aliases={k: list(v) for k, v in known.aliases.items()},
                    roles=list(known.roles), lat=known.lat, lon=known.lon)
            else:
                names = [s for v in seen[target].values() for s in v] or [target[2:]]
                entities[target] = Entity(id=target, type=labels[entity_id],  # type: ignore[arg-type]
                                          name=max(names, key=len), kind="discovered",
                                          curated=False)
        entity = entities[target]
        for lang, forms in seen[entity_id].items():
            known_forms = entity.aliases.setdefault(lang, [])
            known_forms.extend(f for f in sorted(forms) if f not in known_forms)
        entity.mention_count += n
        if entity_id != target:
            entity.same_as.append(entity_id)
        if not entity.curated and countries[entity_id]:
            entity.country = entity.country or countries[entity_id].most_common(1)[0][0]
    return list(entities.values()), same_as

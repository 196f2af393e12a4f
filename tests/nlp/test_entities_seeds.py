"""Must-show on the seed articles: every person and organisation of the gold (event actors
and entity rows) is one entity across the German and English articles, with a country."""

from __future__ import annotations

from collections import Counter

import pytest

from tidings.evaluate import STATE_KEYS, fold, read_jsonl
from tidings.export import rows


def _gold_groups(shared) -> dict[tuple[str, ...], dict]:
    """Key groups of people and organisations -> the documents naming them, their country."""
    groups: dict[tuple[str, ...], dict] = {}
    for row in read_jsonl(shared / "gold" / "seeds.jsonl"):
        if row["kind"] == "entity" and row["type"] in ("PERSON", "ORG"):
            found = [(tuple(row["name"]), row.get("country"))]
        elif row["kind"] == "event":
            found = [(tuple(keys), None) for keys in row["actors"]
                     if not any(fold(k) in STATE_KEYS for k in keys)]
        else:
            continue
        for keys, country in found:
            group = groups.setdefault(keys, {"docs": set(), "country": None})
            group["docs"].add(row["doc"])
            group["country"] = group["country"] or country
    return groups


@pytest.fixture(scope="module")
def resolved(seeds_ctx, shared):
    """Key group -> (entity ids of its person/org mentions, ids of bare-name mentions)."""
    store = seeds_ctx.store
    same_as = {k: e.id for e in store.entities() for k in e.same_as}
    names = {e.id: " ".join(fold(a) for a in e.all_aliases()) for e in store.entities()}
    articles = {a.id: a for a in store.iter_articles()}
    out = {}
    for keys, group in _gold_groups(shared).items():
        ids: Counter[str] = Counter()
        bare: set[str] = set()
        places = 0
        for doc in group["docs"]:
            article = articles[doc]
            for m in article.entities:
                if not m.entity_id or m.method == "adjective":
                    continue
                surface = fold(article.text[m.start:m.end])
                entity_id = same_as.get(m.entity_id, m.entity_id)
                said = f" {surface} {names.get(entity_id, '')} "
                if not any(f" {fold(k)} " in said for k in keys):
                    continue
                if m.label not in ("PERSON", "ORG"):
                    places += 1
                    continue
                ids[entity_id] += 1
                if " " not in surface:
                    bare.add(entity_id)
        out[keys] = (ids, bare, places, group)
    return out


def test_the_seed_gold_names_people_and_organisations(shared):
    groups = _gold_groups(shared)
    assert ("nurgaliyev", "nurgalijew") in groups and ("azerdaily",) in groups
    assert len(groups) >= 10


def test_every_gold_person_and_organisation_is_one_entity(resolved):
    problems = []
    for keys, (ids, bare, places, _) in resolved.items():
        if not ids and places:
            continue  # a region named as an actor ('karabakh')
        if not ids:
            problems.append(f"{keys[0]}: not recognised")
            continue
        main = ids.most_common(1)[0][0]
        if bare - {main}:
            problems.append(f"{keys[0]}: bare name linked to {sorted(bare - {main})}, not {main}")
        full = {i for i in ids if i != main and i not in bare}
        strays = [i for i in full if i.startswith("x:")]
        if strays:
            problems.append(f"{keys[0]}: also provisional {strays}")
    assert problems == []


def test_each_gold_actor_is_exported_with_its_country(resolved, seeds_ctx):
    exported = {r["id"]: r for r in rows("entities", seeds_ctx.store, seeds_ctx.kb)}
    problems = []
    for keys, (ids, _, _, group) in resolved.items():
        if not ids:
            continue
        row = exported.get(ids.most_common(1)[0][0])
        if row is None or not row["country"]:
            problems.append(f"{keys[0]}: exported without a country ({row and row['id']})")
        elif group["country"] and row["country"] != group["country"]:
            problems.append(f"{keys[0]}: country {row['country']}, gold {group['country']}")
    assert problems == []


def test_names_spelled_in_both_languages_are_one_entity(resolved):
    """Aliyev (en) and Alijew (de), Putin in both: one id across the languages."""
    by_key = {k[0]: v[0] for k, v in resolved.items()}
    for key in ("aliyev", "putin"):
        assert key in by_key, key
        assert by_key[key].most_common(1)[0][1] >= 2, key

"""The packaged knowledge base follows its schema (docs/kb.md) and is big enough to matter."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from importlib import resources

import pycountry
import pytest

LANGS = ("en", "de", "ru", "tr", "fr")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _data() -> dict[str, list]:
    root = resources.files("tidings").joinpath("kb", "data")
    files = [p for p in root.iterdir() if p.name.endswith(".toml")]
    files += [p for d in root.iterdir() if d.is_dir() for p in d.iterdir()
              if p.name.endswith(".toml")]
    out: dict[str, list] = {"person": [], "organisation": [], "country": [], "region": [],
                            "role": []}
    for path in files:
        data = tomllib.loads(path.read_text("utf-8"))
        for key in ("person", "organisation", "country", "region"):
            out[key] += data.get(key, [])
        out["role"] += list(data.get("role", {}))
    return out


DATA = _data()
CURATED = DATA["person"] + DATA["organisation"]


def _iso3_ok(code: str | None) -> bool:
    return not code or pycountry.countries.get(alpha_3=code) is not None


def test_at_least_300_curated_people_and_organisations_with_dated_roles():
    with_roles = [p for p in DATA["person"] if p.get("roles")
                  and all(r.get("start") for r in p["roles"])]
    assert len(with_roles) + len(DATA["organisation"]) >= 300
    assert len(with_roles) >= 200


def test_ids_are_unique():
    ids = Counter(e["id"] for e in CURATED + DATA["region"])
    ids.update(c["iso3"] for c in DATA["country"])
    assert [i for i, n in ids.items() if n > 1] == []


def test_role_keys_exist_in_the_role_vocabulary():
    known = set(DATA["role"])
    used = {r["role"] for e in CURATED for r in e.get("roles", [])}
    assert used - known == set()


def test_roles_name_their_state_or_organisation_and_valid_dates():
    orgs = {o["id"] for o in DATA["organisation"]}
    for e in CURATED:
        for r in e.get("roles", []):
            assert r.get("country") or r.get("org"), (e["id"], r)
            assert not r.get("org") or r["org"] in orgs, (e["id"], r["org"])
            for key in ("start", "end"):
                assert not r.get(key) or DATE.match(r[key]), (e["id"], r)
            if r.get("start") and r.get("end"):
                assert r["start"] <= r["end"], (e["id"], r)


@pytest.mark.parametrize("where", ["person", "organisation", "region", "role"])
def test_country_codes_are_iso3(where):
    if where == "role":
        codes = [c for e in CURATED for r in e.get("roles", [])
                 for c in (r.get("country"), r.get("to"))]
    else:
        codes = [e.get("country") for e in DATA[where]]
    assert [c for c in codes if not _iso3_ok(c)] == []


def test_countries_are_iso3_with_adjectives_in_every_language():
    for c in DATA["country"]:
        assert _iso3_ok(c["iso3"]), c["iso3"]
        assert all(c.get("adjectives", {}).get(lang) for lang in LANGS), c["iso3"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_curated_entity_has_aliases_in_each_language(lang):
    missing = [e["id"] for e in CURATED if not (e.get("aliases") or {}).get(lang)]
    assert missing == []


def test_russian_aliases_are_written_in_cyrillic():
    latin_only = [e["id"] for e in CURATED
                  if not any(CYRILLIC.search(a) for a in e["aliases"]["ru"])]
    assert latin_only == []


def test_known_events_name_known_entities_types_and_nouns(kb):
    """Every known event (kb/data/events.toml) has a PLOVER type, ordered days, actors,
    place and anchors the knowledge base knows, and noun classes every language defines."""
    from tidings.model import PLOVER_TYPES
    from tidings.nlp.lexicon import load_lexicon

    types = set(PLOVER_TYPES)
    classes = {lang: set(load_lexicon(lang, "events").get("known_events", {})) for lang in LANGS}
    assert len(kb.known_events) >= 10
    for k in kb.known_events.values():
        assert k.type in types, k.id
        assert k.date.start <= k.date.end, k.id
        ids = {a for a, _ in k.actors} | set(k.anchors) | ({k.place} if k.place else set())
        assert all(kb.get(i) is not None for i in ids), (k.id, ids)
        assert all(n in classes[lang] for n in k.nouns for lang in LANGS), k.id
        assert k.names or k.nouns or k.mode or k.anchors, k.id

"""Loading the knowledge base: packaged data, a user's additions, a Wikidata dump."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from tidings.errors import ConfigError
from tidings.kb import load_kb
from tidings.kb.wikidata import entities_from_items, iter_items, position_role


def test_packaged_kb_links_people_to_offices_over_time(kb):
    on = date(2016, 8, 14)
    assert [e.id for e in kb.holders("defence_minister", "RUS", on)] == ["sergei-shoigu"]
    assert "nikolai-patrushev" in [e.id for e in kb.holders(
        "security_council_secretary", "RUS", date(2019, 9, 4))]


@pytest.mark.parametrize("name", ["Patruschew", "Патрушев", "Patruşev", "Patrouchev"])
def test_packaged_kb_knows_names_in_every_language(kb, name):
    assert "nikolai-patrushev" in [e.id for e in kb.lookup(name)]


def test_country_adjectives_and_titles_are_loaded_per_language(kb):
    for lang in ("en", "de", "ru", "tr", "fr"):
        assert "RUS" in kb.adjectives[lang].values(), lang
        assert "president" in kb.titles[lang].values(), lang


def test_a_users_file_extends_and_adds_entities(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text("""
[[person]]
id = "nikolai-patrushev"
name = "Nikolai Patrushev"
country = "RUS"
aliases.en = ["N. P. Patrushev"]
roles = []

[[person]]
id = "ivan-testov"
name = "Ivan Testov"
country = "ARM"
aliases.en = ["Ivan Testov"]
roles = [{ role = "ambassador", country = "ARM", to = "GEO", start = "2020" }]
""", encoding="utf-8")
    kb = load_kb([extra], cities=False)
    assert [e.id for e in kb.lookup("N. P. Patrushev")] == ["nikolai-patrushev"]
    assert [e.id for e in kb.lookup("Патрушев")] == ["nikolai-patrushev"]  # packaged kept
    assert kb.get("ivan-testov").roles[0].to == "GEO"


def _item(qid: str, labels: dict[str, str], claims: dict) -> dict:
    return {"id": qid, "labels": {k: {"language": k, "value": v} for k, v in labels.items()},
            "claims": claims}


def _claim(prop_value, qualifiers: dict | None = None) -> dict:
    value = {"id": prop_value} if prop_value.startswith("Q") else prop_value
    out = {"mainsnak": {"datavalue": {"value": value}}}
    if qualifiers:
        out["qualifiers"] = {p: [{"datavalue": {"value": {"time": t, "precision": 11}}}]
                             for p, t in qualifiers.items()}
    return out


def _dump_items() -> list[dict]:
    return [
        _item("Q9001", {"en": "Gregor Testyan", "ru": "Грегор Тестян"}, {
            "P31": [_claim("Q5")], "P27": [_claim("Q399")],
            "P39": [_claim("Q9002", {"P580": "+2019-05-01T00:00:00Z"})]}),
        _item("Q9002", {"en": "Minister of Foreign Affairs of Armenia"},
              {"P1001": [_claim("Q399")]}),
        _item("Q399", {"en": "Armenia"}, {"P298": [_claim("ARM")]}),  # after its users
        _item("Q9003", {"en": "Testpress"}, {"P31": [_claim("Q1193236")], "P17": [_claim("Q399")]}),
        _item("Q9004", {"en": "Somebody Without Office"}, {"P31": [_claim("Q5")]}),
    ]


def test_wikidata_items_become_people_with_roles_and_organisations():
    found = {e.id: e for e in entities_from_items(_dump_items())}
    assert set(found) == {"wd:Q9001", "wd:Q9003"}
    person = found["wd:Q9001"]
    assert person.country == "ARM" and person.aliases["ru"] == ["Грегор Тестян"]
    assert [(r.key, r.country, r.start) for r in person.roles] == \
        [("foreign_minister", "ARM", "2019-05-01")]
    assert found["wd:Q9003"].kind == "news_agency" and found["wd:Q9003"].country == "ARM"


def test_a_compressed_wikidata_dump_is_streamed_into_the_kb(tmp_path):
    path = tmp_path / "dump.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(i) for i in _dump_items()) + "\n]\n")
    assert len(list(iter_items(gzip.open(path, "rt", encoding="utf-8")))) == 5
    kb = load_kb([path], cities=False)
    assert [e.id for e in kb.lookup("Грегор Тестян")] == ["wd:Q9001"]
    assert "wd:Q9001" in [e.id for e in kb.holders("foreign_minister", "ARM", date(2020, 1, 1))]


def test_a_dump_entry_of_a_curated_person_extends_it(tmp_path):
    items = [_item("Q1", {"en": "Nikolai Patrushev", "fr": "Nikolaï Platonovitch Patrouchev"},
                   {"P31": [_claim("Q5")], "P27": [_claim("Q159")],
                    "P39": [_claim("Q2")]}),
             _item("Q159", {"en": "Russia"}, {"P298": [_claim("RUS")]})]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    kb = load_kb([path], cities=False)
    assert [e.id for e in kb.lookup("Nikolaï Platonovitch Patrouchev")] == ["nikolai-patrushev"]


@pytest.mark.parametrize("label, role", [
    ("Prime Minister of Armenia", "prime_minister"),
    ("Deputy Prime Minister of Russia", "deputy_prime_minister"),
    ("President of Azerbaijan", "president"),
    ("Minister of Defence of the Russian Federation", "defence_minister"),
    ("President of the State Duma", "speaker_of_parliament"),
    ("Member of the State Duma", None),
])
def test_wikidata_positions_map_to_role_keys(label, role):
    assert position_role(label) == role


def test_a_users_file_adds_known_events_and_a_bad_one_is_a_clear_error(tmp_path):
    extra = tmp_path / "events.toml"
    extra.write_text("""
[[event]]
id = "known:test-truce"
label = "A test truce"
type = "AGREE"
mode = "ceasefire"
start = "2021-05-01"
actors = [["ARM", "participant"], ["AZE", "participant"]]
nouns = ["ceasefire"]
""", encoding="utf-8")
    kb = load_kb([extra], cities=False)
    k = kb.known_events["known:test-truce"]
    assert k.date.iso() == "2021-05-01" and k.anchors == {"ARM", "AZE"}
    assert "known:karabakh-war-2020" in kb.known_events  # the packaged ones stay
    extra.write_text('[[event]]\nid = "known:broken"\ntype = "AGREE"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="known:broken"):
        load_kb([extra], cities=False)


def test_a_seat_city_stands_for_its_organisation(kb):
    assert kb.seats.get("Brussels") == "eu"

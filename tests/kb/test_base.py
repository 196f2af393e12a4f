"""Name keys, look-ups and office holders of the knowledge base."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.kb.base import KnowledgeBase, norm_key, sound_key
from tidings.model import Entity, Role


@pytest.mark.parametrize("spelling, lang", [
    ("Patrushev", "en"), ("Patruschew", "de"), ("Патрушев", "ru"), ("Patruşev", "tr"),
    ("Patrouchev", "fr"),
])
def test_sound_key_folds_each_languages_transliteration(spelling, lang):
    assert sound_key(spelling, lang) == sound_key("Patrushev", "en")


@pytest.mark.parametrize("a, lang_a, b, lang_b", [
    ("Usubow", "de", "Usubov", "en"),
    ("Paschinjan", "de", "Pashinyan", "en"),
    ("Alijew", "de", "Алиев", "ru"),
    ("Schoigu", "de", "Choïgou", "fr"),
    ("Bordyuja", "tr", "Бордюжа", "ru"),
])
def test_sound_key_joins_spellings_of_one_name(a, lang_a, b, lang_b):
    assert sound_key(a, lang_a) == sound_key(b, lang_b)


def test_sound_key_keeps_different_names_apart():
    assert sound_key("Wien", "de") != sound_key("Wenn", "de")
    assert sound_key("Armenian") != sound_key("Arsenyan")


def test_norm_key_drops_apostrophes_and_script():
    assert norm_key("Il'ham") == "ilham"
    assert norm_key("Ильхам Алиев") == norm_key("Il'kham Aliev")


def _kb() -> KnowledgeBase:
    people = [
        Entity("anna-test", "PERSON", "Anna Testova", "RUS",
               aliases={"en": ["Anna Testova"], "de": ["Anna Testowa"]},
               roles=[Role("defence_minister", "RUS", start="2010", end="2015-06-30"),
                      Role("president", "RUS", start="2015-07-01")]),
        Entity("boris-test", "PERSON", "Boris Probov", "RUS",
               aliases={"en": ["Boris Probov", "Probov"]},
               roles=[Role("defence_minister", "RUS", start="2015-07-01")]),
    ]
    return KnowledgeBase(people, {}, {}, {"defence_minister": "minister"})


def test_holders_follow_the_date():
    kb = _kb()
    assert [e.id for e in kb.holders("defence_minister", "RUS", date(2012, 1, 1))] == \
        ["anna-test"]
    assert [e.id for e in kb.holders("defence_minister", "RUS", date(2016, 1, 1))] == \
        ["boris-test"]
    assert kb.holders("defence_minister", "ARM", date(2016, 1, 1)) == []


def test_fuzzy_people_finds_one_transposition_but_not_two_edits():
    kb = _kb()
    assert [e.id for e in kb.fuzzy_people("Prbov")] == []  # too short for fuzzy matching
    assert [e.id for e in kb.fuzzy_people("Anna Tesotva")] == ["anna-test"]
    assert kb.fuzzy_people("Anna Xesotva") == []


def test_a_users_entry_with_a_known_id_extends_it():
    kb = _kb()
    kb.add(Entity("boris-test", "PERSON", "", aliases={"ru": ["Борис Пробов"]}))
    assert [e.id for e in kb.lookup("Борис Пробов")] == ["boris-test"]
    assert kb.get("boris-test").name == "Boris Probov"


def test_search_accepts_ids_names_in_any_script_and_near_spellings():
    kb = _kb()
    assert kb.search("anna-test")[0].id == "anna-test"
    assert kb.search("Anna Testowa")[0].id == "anna-test"
    assert kb.search("Anna Tesotva")[0].id == "anna-test"

"""Identities across articles: provisional names clustered, counts and countries kept."""

from __future__ import annotations

from tidings.kb.base import KnowledgeBase
from tidings.merge.entities import build_entities, identity_cards
from tidings.model import Article, Entity, EntityMention, Role


def _article(doc: str, lang: str, text: str, *names: tuple[str, str, str, str | None]
             ) -> Article:
    """An article whose entities are the given (surface, label, entity id, country)."""
    a = Article(id=doc, text=text, lang=lang, site=f"{doc}.example")
    for surface, label, entity_id, country in names:
        start = text.index(surface)
        a.entities.append(EntityMention(start, start + len(surface), label, entity_id, "new",
                                        country=country))
    return a


def _kb() -> KnowledgeBase:
    lavrov = Entity("sergei-lavrov", "PERSON", "Sergei Lavrov", "RUS",
                    aliases={"en": ["Sergei Lavrov"], "ru": ["Сергей Лавров"]},
                    roles=[Role("foreign_minister", "RUS", start="2004-03-09")])
    return KnowledgeBase([lavrov], {}, {}, {})


def test_spellings_of_one_unknown_name_in_two_languages_are_one_entity():
    de = _article("a", "de", "Wadim Kostrowski kam.", ("Wadim Kostrowski", "PERSON",
                                                       "x:vadim-kostrovski", "RUS"))
    en = _article("b", "en", "Vadim Kostrovsky came.", ("Vadim Kostrovsky", "PERSON",
                                                        "x:vadim-kostrovsky", None))
    entities, same_as = build_entities([de, en], _kb())
    assert len(entities) == 1
    e = entities[0]
    assert e.mention_count == 2 and e.mentions_by_lang == {"de": 1, "en": 1}
    assert e.country == "RUS" and not e.curated
    assert set(e.aliases) == {"de", "en"}
    assert list(same_as.values()) == [e.id]


def test_a_surname_alone_joins_the_one_full_name_that_ends_with_it():
    a = _article("a", "de", "Ramin Usubow sprach.", ("Ramin Usubow", "PERSON", "x:ramin-usubov",
                                                    None))
    b = _article("b", "en", "Usubov said.", ("Usubov", "PERSON", "x:usubov", "AZE"))
    entities, same_as = build_entities([a, b], _kb())
    assert len(entities) == 1 and entities[0].name == "Ramin Usubow"
    assert same_as == {"x:usubov": "x:ramin-usubov"}
    assert entities[0].country == "AZE"


def test_different_names_and_different_types_stay_apart():
    a = _article("a", "en", "Kavkazinfo and Kavkazpress and Kavkazinfo the man.",
                 ("Kavkazinfo", "ORG", "x:kavkazinfo", None),
                 ("Kavkazpress", "ORG", "x:kavkazpres", None),
                 ("Kavkazinfo the man", "PERSON", "x:kavkazinfo-the-man", None))
    entities, _ = build_entities([a], _kb())
    assert len(entities) == 3


def test_known_entities_keep_their_curated_record_and_gain_the_forms_seen():
    a = _article("a", "ru", "Сергея Лаврова встретили.", ("Сергея Лаврова", "PERSON",
                                                          "sergei-lavrov", None))
    a.entities[0].method = "kb"
    entities, _ = build_entities([a], _kb())
    e = entities[0]
    assert e.curated and e.roles and "Сергея Лаврова" in e.aliases["ru"]


def test_office_mentions_count_but_are_no_aliases():
    a = _article("a", "en", "The Russian foreign minister spoke.",
                 ("foreign minister", "PERSON", "sergei-lavrov", "RUS"))
    a.entities[0].method = "office"
    e = build_entities([a], _kb())[0][0]
    assert e.mention_count == 1 and "foreign minister" not in e.all_aliases()


def test_identity_cards_find_an_actor_by_any_spelling_and_list_its_sources():
    a = _article("a", "ru", "Сергей Лавров прибыл.", ("Сергей Лавров", "PERSON",
                                                      "sergei-lavrov", None))
    b = _article("b", "en", "Sergei Lavrov came.", ("Sergei Lavrov", "PERSON", "sergei-lavrov",
                                                    None))
    kb = _kb()
    entities, _ = build_entities([a, b], kb)
    cards = identity_cards("Лавров", entities, [a, b], kb)
    assert [c.entity.id for c in cards] == ["sergei-lavrov"]
    text = cards[0].render()
    assert "foreign_minister" in text and "2004-03-09" in text
    assert "Сергей Лавров" in text and "ru 1" in text and "b.example" in text
    assert identity_cards("Nobody Atall", entities, [a, b], kb) == []

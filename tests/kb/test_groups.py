"""Groups of the knowledge base (groups.toml): collective actors the event coder finds by
their word forms, and the contingents and bodies named by a country adjective."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from importlib import resources

import pycountry
import pytest

from tidings import Article, Context, DateValue, load_config
from tidings.nlp.events import word_pattern
from tidings.pipeline import Pipeline

LANGS = ("en", "de", "ru", "tr", "fr")
STAGES = ["clean.html.v1", "text.segment.v1", "time.rules.v1", "entities.kb.v1",
          "quotes.rules.v1", "events.rules.v1"]
GROUPS = tomllib.loads(resources.files("tidings").joinpath("kb", "data", "groups.toml")
                       .read_text("utf-8"))["group"]


@pytest.fixture(scope="module")
def code(kb):
    ctx = Context(load_config(store={"url": ":memory:"}))
    ctx._resources["kb"] = kb
    pipe = Pipeline(STAGES, ctx)

    def run(text: str, lang: str) -> Article:
        return pipe(Article(id="t", raw=text, lang=lang,
                            published=DateValue.day(date(2024, 5, 29))))

    return run


def _actors(article: Article) -> list[set[str]]:
    return [{a.entity_id for a in e.actors} for e in article.events]


def test_groups_have_word_forms_in_every_language_and_a_valid_country():
    for g in GROUPS:
        assert re.fullmatch(r"group:[a-z0-9]+(-[a-z0-9]+)*", g["id"]), g["id"]
        assert all(g["aliases"].get(lang) for lang in LANGS), g["id"]
        assert not g.get("country") or pycountry.countries.get(alpha_3=g["country"]), g["id"]


def test_no_alias_of_one_group_contains_an_alias_of_another():
    """Both groups would match the phrase and the sentence would get two actors."""
    for g in GROUPS:
        for other in GROUPS:
            if other is g:
                continue
            for lang in LANGS:
                pattern = word_pattern(other["aliases"][lang])
                clashes = [a for a in g["aliases"][lang] if pattern.search(a)]
                assert clashes == [], (g["id"], other["id"], clashes)


def test_karabakh_armenians_belong_de_jure_where_their_region_does(kb):
    assert kb.get("group:karabakh-armenians").country == kb.get("nagorno-karabakh").country
    assert kb.get("group:police").country is None  # whose police the text says


@pytest.mark.parametrize("lang,text", [
    ("en", "Riot police detained dozens of demonstrators in Tbilisi on Tuesday."),
    ("de", "Die Polizei hat am Dienstag in Tiflis Dutzende Demonstranten festgenommen."),
    ("ru", "Во вторник ОМОН задержал в Тбилиси десятки протестующих."),
    ("tr", "Çevik kuvvet salı günü Tiflis'te onlarca göstericiyi gözaltına aldı."),
    ("fr", "Mardi, les forces de l'ordre ont interpellé des dizaines de manifestants à Tbilissi."),
])
def test_police_act_on_protesters_in_every_language(code, lang, text):
    assert any({"group:police", "group:protesters"} <= actors
               for actors in _actors(code(text, lang)))


@pytest.mark.parametrize("lang,text", [
    ("en", "Azerbaijan shelled the positions of ethnic Armenian forces on Tuesday."),
    ("de", "Aserbaidschan hat am Dienstag die Karabach-Armenier angegriffen."),
    ("ru", "Во вторник Азербайджан атаковал позиции карабахских армян."),
    ("tr", "Azerbaycan salı günü Karabağ Ermenilerine saldırdı."),
    ("fr", "Mardi, l'Azerbaïdjan a attaqué les Arméniens du Haut-Karabakh."),
])
def test_karabakh_armenians_are_attacked_in_every_language(code, lang, text):
    assert any({"AZE", "group:karabakh-armenians"} <= actors
               for actors in _actors(code(text, lang)))


def test_where_armenians_live_names_no_group(code):
    """'the Armenians in Karabakh fled': the population, not a party."""
    article = code("Most of the Armenians in Karabakh left for Armenia in October.", "en")
    assert not any("group:karabakh-armenians" in actors for actors in _actors(article))


@pytest.mark.parametrize("lang,text,surface", [
    ("en", "Then the Russian peacekeeping force left the region.", "Russian peacekeeping force"),
    ("de", "Dann verließen die russischen Friedenssoldaten die Region.", "Friedenssoldaten"),
    ("ru", "Затем российские миротворческие силы покинули регион.",
     "российские миротворческие силы"),
    ("tr", "Sonra Rus barış güçleri bölgeden çekildi.", "Rus barış güçleri"),
    ("fr", "Puis la force de paix russe a quitté la région.", "force de paix russe"),
])
def test_the_russian_contingent_is_named_with_its_adjective(code, lang, text, surface):
    article = code(text, lang)
    found = {article.text[m.start:m.end]: m.entity_id for m in article.entities}
    assert found.get(surface) == "russian-peacekeeping-contingent", found


@pytest.mark.parametrize("lang,text", [
    ("en", "Then the peacekeepers left the region."),
    ("ru", "Затем миротворцы покинули регион."),
])
def test_bare_peacekeepers_are_nobody_in_particular(code, lang, text):
    """A bare 'peacekeepers' may be the CSTO's or the UN's: no contingent without Russia."""
    article = code(text, lang)
    assert "russian-peacekeeping-contingent" not in {m.entity_id for m in article.entities}


@pytest.mark.parametrize("lang,text,entity", [
    ("en", "Georgia's Interior Ministry said on Tuesday that 20 people were detained.",
     "georgian-interior-ministry"),
    ("de", "Das georgische Innenministerium teilte am Dienstag mit, 20 Menschen seien "
           "festgenommen worden.", "georgian-interior-ministry"),
    ("ru", "МВД Грузии во вторник сообщило о задержании 20 человек.",
     "georgian-interior-ministry"),
    ("tr", "Azerbaycan hükümeti salı günü yeni bir karar aldı.", "azerbaijan-cabinet"),
    ("fr", "Le ministère turc de l'Intérieur a annoncé mardi 20 arrestations.",
     "turkish-interior-ministry"),
])
def test_interior_ministries_and_governments_are_known(code, lang, text, entity):
    assert entity in {m.entity_id for m in code(text, lang).entities}

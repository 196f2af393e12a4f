"""Known events (kb/data/events.toml, nlp/known_events.py): the region's named wars and
ceasefires recalled in passing are linked, given their parties and days, and kept apart
from the other events of the same days."""

from __future__ import annotations

import pytest

from tidings import Article, Context, DateValue, load_config
from tidings.nlp.known_events import KnownEventLinker
from tidings.pipeline import Pipeline

from .conftest import EVENT_STAGES, PUBLISHED

WAR = "known:karabakh-war-2020"
TRUCE = "known:trilateral-statement-2020"


@pytest.fixture(scope="module")
def run(kb):
    ctx = Context(load_config(store={"url": ":memory:"}))
    ctx._resources["kb"] = kb
    pipe = Pipeline([*EVENT_STAGES, "events.known.v1"], ctx)

    def code(text: str, lang: str, published=PUBLISHED) -> Article:
        return pipe(Article(id="t", raw=text, lang=lang, published=DateValue.day(published)))

    return code


def _known(article: Article) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in article.events:
        if m.known_event:
            out.setdefault(m.known_event, []).append(m)
    return out


LEAD = {
    "en": "Armenia and Azerbaijan remain far from a peace deal over Nagorno-Karabakh. ",
    "de": "Armenien und Aserbaidschan sind von einem Frieden in Bergkarabach weit entfernt. ",
    "fr": "L'Arménie et l'Azerbaïdjan restent loin d'un accord de paix au Haut-Karabakh. ",
    "ru": "Армения и Азербайджан по-прежнему далеки от мира в Нагорном Карабахе. ",
    "tr": "Ermenistan ile Azerbaycan, Dağlık Karabağ'da barıştan hâlâ uzak. ",
}


@pytest.mark.parametrize("lang,sentence", [
    ("en", "Tens of thousands fled after the 44-day war."),
    ("de", "Seit dem 44-Tage-Krieg hat sich viel verändert."),
    ("fr", "Depuis la guerre de 44 jours, beaucoup de choses ont changé."),
    ("ru", "После 44-дневной войны многое изменилось."),
    ("tr", "44 gün süren savaştan sonra çok şey değişti."),
])
def test_a_named_war_recalled_in_passing_gets_its_parties_and_days(run, lang, sentence):
    article = run(LEAD[lang] + sentence, lang)
    [m] = _known(article)[WAR]
    assert {a.entity_id for a in m.actors} >= {"AZE", "ARM"}
    assert m.type == "ASSAULT"
    assert (m.date.start.isoformat(), m.date.end.isoformat()) == ("2020-09-27", "2020-11-10")
    assert m.date_source == f"known:{WAR}"


@pytest.mark.parametrize("lang,sentence", [
    ("en", "Fighting broke out on 27 September 2020."),
    ("de", "Die Kämpfe waren am 27. September 2020 ausgebrochen."),
    ("fr", "Les combats avaient éclaté le 27 septembre 2020."),
    ("ru", "Боевые действия начались 27 сентября 2020 года."),
])
def test_a_war_noun_dated_within_the_war_is_that_war_with_the_stated_day(run, lang, sentence):
    article = run(LEAD[lang] + sentence, lang)
    [m] = _known(article)[WAR]
    assert m.date.iso() == "2020-09-27"  # the day the text states, within the war's days
    assert {a.entity_id for a in m.actors} >= {"AZE", "ARM"}


def test_fighting_on_one_day_of_a_war_is_that_days_news_until_the_war_is_over(run):
    from datetime import date

    text = LEAD["en"] + "Heavy fighting was reported on 4 October 2020."
    assert WAR not in _known(run(text, "en", published=date(2020, 10, 5)))
    assert WAR in _known(run(text, "en", published=date(2021, 6, 1)))


def test_a_war_noun_dated_outside_every_known_war_is_not_linked(run):
    article = run(LEAD["en"] + "Fighting broke out again on 3 March 2019.", "en")
    assert WAR not in _known(article)


def test_a_war_noun_needs_a_party_or_place_of_the_war_in_the_sentence_or_lead(run):
    article = run("Fighting broke out in the province on 27 September 2020.", "en")
    assert not _known(article)


def test_the_ceasefire_two_days_after_a_capture_is_the_statement_not_the_capture(run):
    article = run(LEAD["de"] + "Aserbaidschanische Truppen hatten Schuscha am 8. November 2020 "
                  "eingenommen, zwei Tage bevor eine von Russland vermittelte Waffenruhe die "
                  "44 Tage dauernden Kämpfe beendete.", "de")
    known = _known(article)
    assert set(known) >= {WAR, TRUCE, "known:shusha-capture-2020"}
    [capture] = known["known:shusha-capture-2020"]
    assert capture.date.iso() == "2020-11-08"
    assert {a.entity_id for a in known[TRUCE][0].actors} >= {"ARM", "AZE", "RUS"}


def test_a_year_that_holds_two_known_ceasefires_links_to_neither(run):
    # the October 2020 humanitarian truce and the November statement: "2020" is ambiguous
    article = run(LEAD["en"] + "A truce was agreed in 2020.", "en")
    assert not {TRUCE, "known:humanitarian-ceasefire-2020-10"} & set(_known(article))


def test_a_coded_mention_of_a_known_event_without_nouns_links_by_type_and_days(run):
    article = run("Russian peacekeepers began withdrawing from Nagorno-Karabakh on 17 April 2024.",
                  "en", published=PUBLISHED)
    [m] = _known(article)["known:peacekeepers-withdrawn-2024"]
    assert m.date.iso() == "2024-04-17"


@pytest.mark.parametrize("lang,sentence", [
    ("ru", "Миротворцы были введены в регион в ноябре 2020 года."),
    ("de", "Im November 2020 kamen russische Friedenstruppen in die Region."),
])
def test_peacekeepers_in_november_2020_are_the_deployment_even_when_the_coder_finds_no_actor(
        run, lang, sentence):
    article = run(LEAD[lang] + sentence, lang)
    [m] = _known(article)["known:peacekeepers-deployed-2020"]
    assert m.type == "AID" and m.mode == "peacekeeping"
    assert {a.entity_id for a in m.actors} >= {"RUS"}


def test_a_coded_attack_dated_to_the_month_of_a_short_offensive_is_that_offensive(run):
    article = run("Im September 2023 brachte Aserbaidschan Berg-Karabach vollständig unter "
                  "seine Kontrolle.", "de")
    assert "known:karabakh-offensive-2023" in _known(article)


def test_an_event_within_a_known_war_links_to_the_narrower_known_event(run):
    from datetime import date

    article = run(LEAD["en"] + "Azerbaijani forces captured Shusha on 8 November 2020.", "en",
                  published=date(2021, 6, 16))
    assert set(_known(article)) == {"known:shusha-capture-2020"}


def test_no_known_events_leaves_the_mentions_as_they_are(run):
    article = run(LEAD["en"] + "Fighting broke out on 27 September 2020.", "en")
    before = [m.known_event for m in article.events]
    linker = KnownEventLinker({})
    for m in article.events:
        m.known_event = None
    assert linker.link(article) == article.events
    assert all(m.known_event is None for m in article.events) and before

"""A small hand-made store for the API tests: two articles (en, ru) whose titles and text
carry HTML and script tags, entities in three scripts, one event reported in both
languages, a second event read from the same sentence, a conflictual event and a
quotation. Built directly, without the NLP stages, so every offset and id is known."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from tidings import load_config, open_store
from tidings.api import create_app
from tidings.model import (
    Article,
    DateValue,
    Entity,
    EntityMention,
    Event,
    EventActor,
    EventMention,
    MentionRef,
    Quote,
    Role,
    Span,
    Story,
    TimeExpr,
)

SCRIPT = '<script>alert("x")</script>'
EN_TITLE = f"{SCRIPT} Talks in <b>Ganja</b> & more"
EN_TEXT = (f"Ann One met Azerbaijani officials in Ganja on 5 May 2021. {SCRIPT}\n\n"
           '"We agreed on everything," Ann One said. Azerbaijan accused Armenia of shelling.')
RU_TITLE = '<img src=x onerror=alert(1)> Переговоры в Гяндже'
RU_TEXT = "Анна Ван встретилась с официальными лицами Азербайджана в Гяндже 5 мая 2021 года."


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _articles() -> list[Article]:
    en = Article(id="en-1", text=EN_TEXT, title=EN_TITLE, lang="en", site="example.org",
                 published=DateValue.day(date(2021, 5, 6)))
    first_para = EN_TEXT.index("\n\n")
    en.paragraphs = [Span(0, first_para), Span(first_para + 2, len(EN_TEXT))]
    en.sentences = [Span(0, EN_TEXT.index(SCRIPT) - 1)]
    ann, aze, ganja = _at(EN_TEXT, "Ann One"), _at(EN_TEXT, "Azerbaijani"), _at(EN_TEXT, "Ganja")
    ann2 = _at(EN_TEXT, "Ann One", ann[1])
    aze2, arm = _at(EN_TEXT, "Azerbaijan ", aze[1]), _at(EN_TEXT, "Armenia")
    aze2 = (aze2[0], aze2[1] - 1)
    when = _at(EN_TEXT, "5 May 2021")
    en.entities = [EntityMention(*ann, "PERSON", "p-one"), EntityMention(*aze, "GPE", "AZE"),
                   EntityMention(*ganja, "GPE", "geo:ganja"),
                   EntityMention(*ann2, "PERSON", "p-one"), EntityMention(*aze2, "GPE", "AZE"),
                   EntityMention(*arm, "GPE", "ARM")]
    en.times = [TimeExpr(*when, DateValue.day(date(2021, 5, 5)), "explicit date")]
    met = _at(EN_TEXT, "met")
    en.events = [
        EventMention(0, en.sentences[0].end, "CONSULT", "meet", *met,
                     actors=[EventActor("p-one", "source", *ann),
                             EventActor("AZE", "target", *aze)],
                     place_id="geo:ganja", date=DateValue.day(date(2021, 5, 5)),
                     date_source=f"t:{when[0]}-{when[1]}", date_approximate=False),
        EventMention(aze2[0], len(EN_TEXT), "ACCUSE", None, *_at(EN_TEXT, "accused"),
                     actors=[EventActor("AZE", "source", *aze2),
                             EventActor("ARM", "target", *arm)],
                     date=DateValue.day(date(2021, 5, 6)))]
    # a second reading of the same sentence: same span, another type
    en.events.append(EventMention(0, en.sentences[0].end, "AGREE", None, *met,
                                  actors=en.events[0].actors, date=en.events[0].date))
    quote = _at(EN_TEXT, "We agreed on everything,")
    en.quotes = [Quote(*quote, speaker_entity_id="p-one", speaker_start=ann2[0],
                       speaker_end=ann2[1])]
    ru = Article(id="ru-1", text=RU_TEXT, title=RU_TITLE, lang="ru", site="example.ru",
                 published=DateValue.day(date(2021, 5, 6)))
    ru.paragraphs = [Span(0, len(RU_TEXT))]
    ann_ru, met_ru = _at(RU_TEXT, "Анна Ван"), _at(RU_TEXT, "встретилась")
    ru.entities = [EntityMention(*ann_ru, "PERSON", "p-one")]
    ru.events = [EventMention(0, len(RU_TEXT), "CONSULT", "meet", *met_ru,
                              actors=[EventActor("p-one", "source", *ann_ru)],
                              date=DateValue.day(date(2021, 5, 5)))]
    return [en, ru]


def _entities() -> list[Entity]:
    return [
        Entity("p-one", "PERSON", "Ann <b>One</b>", "ARM", "person",
               {"en": ["Ann One"], "ru": ["Анна Ван"], "hy": ["Աննա Վան"]},
               [Role("foreign_minister", country="ARM", start="2019", end="2021-06")],
               mention_count=3),
        Entity("AZE", "GPE", "Azerbaijan", "AZE", "state", {"en": ["Azerbaijan"]},
               lat=40.4, lon=49.9, mention_count=2),
        Entity("ARM", "GPE", "Armenia", "ARM", "state", {"en": ["Armenia"]}, lat=40.2,
               lon=44.5, mention_count=1),
        Entity("geo:ganja", "GPE", "Ganja", "AZE", "city", {"en": ["Ganja"], "ru": ["Гянджа"]},
               lat=40.68, lon=46.36, mention_count=1),
    ]


def _events(articles: list[Article]) -> list[Event]:
    en, ru = articles
    consult, accuse, agree = en.events
    return [
        Event("ev-consult", "CONSULT", "meet", consult.actors, "geo:ganja", consult.date,
              "asserted", 0.8, [MentionRef("en-1", consult.start, consult.end),
                                MentionRef("ru-1", ru.events[0].start, ru.events[0].end)],
              story_id="st-1"),
        Event("ev-accuse", "ACCUSE", None, accuse.actors, None, accuse.date, "asserted", 0.6,
              [MentionRef("en-1", accuse.start, accuse.end)], story_id="st-1"),
        Event("ev-agree", "AGREE", None, agree.actors, None, agree.date, "asserted", 0.5,
              [MentionRef("en-1", agree.start, agree.end)], story_id="st-1",
              known_event="known:sochi-memorandum-2019"),  # a label to show, not a claim
    ]


def build_hostile_store(path) -> None:
    store = open_store(path)
    try:
        articles = _articles()
        for article in articles:
            store.save_article(article)
        store.save_entities(_entities())
        store.replace_events(_events(articles))
        store.replace_stories([Story("st-1", "Ann One, Azerbaijan", ["en-1", "ru-1"],
                                     date(2021, 5, 5), date(2021, 5, 6), ["p-one", "AZE"])])
    finally:
        store.close()


@pytest.fixture(scope="session")
def texts() -> SimpleNamespace:
    """The untrusted titles and text the hand-made store holds."""
    return SimpleNamespace(en_text=EN_TEXT, en_title=EN_TITLE, ru_title=RU_TITLE, script=SCRIPT)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "hostile.db"
    build_hostile_store(path)
    return path


@pytest.fixture(scope="session")
def client(hostile_db):
    app = create_app(load_config(store={"url": str(hostile_db)}))
    with TestClient(app) as test_client:
        yield test_client

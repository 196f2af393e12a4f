"""The rule event coder, sentence by sentence in five languages, and its evidence."""

from __future__ import annotations

from datetime import date

import pytest

from tidings import Article, Context, DateValue, load_config
from tidings.pipeline import Pipeline

STAGES = ["clean.html.v1", "text.segment.v1", "time.rules.v1", "entities.kb.v1",
          "quotes.rules.v1", "events.rules.v1"]


@pytest.fixture(scope="module")
def code(kb):
    ctx = Context(load_config(store={"url": ":memory:"}))
    ctx._resources["kb"] = kb
    pipe = Pipeline(STAGES, ctx)

    def run(text: str, lang: str, published: date = date(2024, 5, 29)) -> Article:
        return pipe(Article(id="t", raw=text, lang=lang, published=DateValue.day(published)))

    return run


def _events(article: Article) -> list[tuple[str, set[str], str | None]]:
    return [(e.type, {a.entity_id for a in e.actors if a.role != "participant"},
             e.date.iso() if e.date else None) for e in article.events]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Russian Foreign Minister Sergei Lavrov met his Armenian counterpart Ararat Mirzoyan "
           "in Moscow on Tuesday.",
     ("CONSULT", {"sergei-lavrov", "ararat-mirzoyan"}, "2024-05-28")),
    ("de", "Der russische Außenminister Sergej Lawrow traf am Dienstag in Moskau seinen "
           "armenischen Amtskollegen Ararat Mirsojan.",
     ("CONSULT", {"sergei-lavrov", "ararat-mirzoyan"}, "2024-05-28")),
    ("ru", "Министр иностранных дел России Сергей Лавров во вторник встретился в Москве с "
           "Араратом Мирзояном.",
     ("CONSULT", {"sergei-lavrov", "ararat-mirzoyan"}, "2024-05-28")),
    ("tr", "Rusya Dışişleri Bakanı Sergey Lavrov, salı günü Moskova'da Ermenistan Dışişleri "
           "Bakanı Ararat Mirzoyan ile görüştü.",
     ("CONSULT", {"sergei-lavrov", "ararat-mirzoyan"}, "2024-05-28")),
    ("fr", "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré mardi à "
           "Moscou son homologue arménien Ararat Mirzoyan.",
     ("CONSULT", {"sergei-lavrov", "ararat-mirzoyan"}, "2024-05-28")),
])
def test_events_meeting_of_two_ministers_in_every_language(code, lang, text, expected):
    assert expected in _events(code(text, lang))


@pytest.mark.parametrize("lang,text", [
    ("en", "Azerbaijan launched an offensive against Armenia on 13 September."),
    ("de", "Aserbaidschan startete am 13. September eine Offensive gegen Armenien."),
    ("ru", "Азербайджан 13 сентября начал наступление на Армению."),
    ("tr", "Azerbaycan 13 Eylül'de Ermenistan'a saldırı başlattı."),
    ("fr", "L'Azerbaïdjan a lancé le 13 septembre une offensive contre l'Arménie."),
])
def test_events_attack_between_states_is_dated_by_its_clause(code, lang, text):
    found = [e for e in _events(code(text, lang)) if e[0] == "ASSAULT"]
    assert found and "AZE" in found[0][1] and found[0][2] == "2023-09-13"


def test_events_a_spoken_quote_is_not_an_event(code):
    article = code('"We will never sign this agreement," Pashinyan said on Monday.', "en")
    assert not [e for e in article.events if e.type == "AGREE"]


def test_events_the_reporter_is_no_participant(code):
    article = code("Russian peacekeepers have begun to withdraw from Karabakh, the Kremlin said "
                   "on Wednesday.", "en")
    retreat = [e for e in article.events if e.type == "RETREAT"]
    assert retreat and retreat[0].actors[0].entity_id in ("RUS", "russian-peacekeeping-contingent")
    assert all(a.entity_id != "kremlin" for e in retreat for a in e.actors)


def test_events_an_official_acts_for_the_state(code):
    article = code("Ilham Aliyev and Nikol Pashinyan signed a peace declaration in Washington "
                   "on 8 August 2025.", "en")
    agree = [e for e in article.events if e.type == "AGREE"]
    ids = {a.entity_id for a in agree[0].actors}
    assert {"ilham-aliyev", "nikol-pashinyan"} <= ids and {"AZE", "ARM"} <= ids


def test_events_a_visitor_meeting_two_officials_gives_two_meetings(code):
    article = code("Lavrov visited Baku on Monday, where he held talks with President Ilham "
                   "Aliyev and Foreign Minister Jeyhun Bayramov.", "en")
    pairs = {frozenset({"sergei-lavrov", t}) for t in ("ilham-aliyev", "jeyhun-bayramov")}
    found = {frozenset(a) for t, a, _ in _events(article) if t == "CONSULT"}
    assert pairs <= found


@pytest.mark.parametrize("lang,text,modality", [
    ("en", "Putin will visit Baku next week.", "planned"),
    ("en", "The meeting between Putin and Aliyev was postponed.", "cancelled"),
    ("de", "Putin soll nächste Woche Baku besuchen.", "planned"),
    ("ru", "Путин планирует посетить Баку на следующей неделе.", "planned"),
    ("fr", "Vladimir Poutine doit se rendre à Bakou la semaine prochaine.", "planned"),
])
def test_events_modality_comes_from_cues_near_the_trigger(code, lang, text, modality):
    article = code(text, lang)
    assert article.events and article.events[0].modality == modality


def test_events_protesters_are_a_group_actor(code):
    article = code("Thousands of protesters rallied outside parliament in Tbilisi on Tuesday.",
                   "en")
    protest = [e for e in article.events if e.type == "PROTEST"]
    assert protest and protest[0].actors[0].entity_id == "group:protesters"


def test_events_every_mention_covers_its_trigger_on_the_sample_corpus(samples_ctx):
    """Evidence: each stored event mention's span holds its trigger word, and every
    exported event points at such a mention."""
    by_id = {a.id: a for a in samples_ctx.store.iter_articles()}
    for event in samples_ctx.store.events():
        analysed = [m for m in event.mentions if m.article_id in by_id]
        assert analysed, event.id
        spans = [(em.start, em.end, em.trigger_start, em.trigger_end)
                 for m in analysed for em in by_id[m.article_id].events
                 if (em.start, em.end) == (m.start, m.end)]
        assert spans, event.id
        assert all(s <= ts < te <= e for s, e, ts, te in spans), event.id


def test_events_no_exported_date_comes_from_a_duration(samples_ctx):
    for article in samples_ctx.store.iter_articles():
        kinds = {f"t:{t.start}-{t.end}": t.kind for t in article.times}
        for e in article.events:
            source = e.date_source.removeprefix("lead:")
            if source.startswith("t:"):
                assert kinds.get(source) in ("date", "range"), (article.id, e)


@pytest.mark.parametrize("lang,text", [
    ("en", "Jeyhun Bayramov and Ararat Mirzoyan initialled the text of a peace agreement. "
           "The treaty itself still has to be signed."),
    ("de", "Dscheihun Bairamow und Ararat Mirsojan paraphierten den Text eines "
           "Friedensvertrags. Unterzeichnet werden soll das Abkommen erst später."),
    ("fr", "Djeyhoun Baïramov et Ararat Mirzoyan ont paraphé le texte du traité de paix. "
           "Sa signature n'interviendra qu'ultérieurement."),
    ("tr", "Ceyhun Bayramov ile Ararat Mirzoyan barış anlaşması metnini parafe etti. "
           "Anlaşmanın imzalanması için henüz bir tarih belirlenmedi."),
])
def test_events_an_agreement_still_to_be_made_is_between_the_parties_of_the_last_one(
        code, lang, text):
    made, ahead = [e for e in code(text, lang).events if e.type == "AGREE"]
    assert made.modality == "asserted" and ahead.modality == "planned"
    assert {a.entity_id for a in ahead.actors} >= {"AZE", "ARM"}


def test_events_an_agreement_naming_no_party_and_no_plan_is_no_event(code):
    text = "Jeyhun Bayramov and Ararat Mirzoyan initialled a text. The treaty was praised."
    assert len([e for e in code(text, "en").events if e.type == "AGREE"]) == 1


@pytest.mark.parametrize("lang,text", [
    ("en", "Armenia must also hand over several districts: Kalbajar by 15 November, Aghdam "
           "by 20 November and Lachin by 1 December."),
    ("de", "Armenien muss zudem mehrere Bezirke räumen: Kelbadschar bis zum 15. November, "
           "Agdam bis zum 20. November und Latschin bis zum 1. Dezember."),
])
def test_events_places_each_with_its_own_date_give_one_event_each(code, lang, text):
    found = sorted((e.place_id, e.date.iso()) for e in code(text, lang, date(2020, 11, 10)).events
                   if e.type == "RETREAT")
    assert found == [("place:aghdam", "2020-11-20"), ("place:kalbajar", "2020-11-15"),
                     ("place:lachin", "2020-12-01")]

"""event_date: the date an event gets from the time expressions around its trigger."""

from __future__ import annotations

import pytest

from tidings.model import Article, DateValue
from tidings.nlp.segment import paragraphs, sentences
from tidings.nlp.time import event_date, find_times, grammar_for

PUBLISHED = DateValue.day(__import__("datetime").date(2016, 8, 16))  # a Tuesday


def article(text: str, lang: str, published: DateValue | None = PUBLISHED) -> Article:
    a = Article("t", text=text, lang=lang, published=published)
    a.paragraphs = paragraphs(text)
    abbr = grammar_for(lang).abbreviations
    a.sentences = [s for p in a.paragraphs for s in sentences(text, p, abbr)]
    a.times = find_times(text, lang, published, sentences=a.sentences)
    return a


def date_of(a: Article, trigger: str) -> tuple[DateValue | None, str, bool]:
    start = a.text.index(trigger)
    sentence = a.sentence_of(start)
    assert sentence is not None
    return event_date(a, sentence, start)


@pytest.mark.parametrize(("lang", "text", "trigger"), [
    ("en", "Putin, who was appointed in June, met Aliyev on Monday.", "met"),
    ("de", "Putin, der im Juni ernannt wurde, traf Alijew am Montag.", "traf"),
    ("ru", "Путин, который был назначен в июне, в понедельник встретился с Алиевым.",
     "встретился"),
    ("tr", "Putin pazartesi günü Aliyev ile görüştü; taraflar anlaşmayı Haziran ayında "
           "imzalamıştı.", "görüştü"),
    ("fr", "Poutine, qui avait été nommé en juin, a rencontré Aliev lundi.", "rencontré"),
])
def test_time_event_takes_the_expression_of_its_own_clause(lang, text, trigger):
    value, source, approximate = date_of(article(text, lang), trigger)
    assert value == DateValue.day(__import__("datetime").date(2016, 8, 15))
    assert source.startswith("t:") and not approximate


@pytest.mark.parametrize(("lang", "text", "noun", "event"), [
    ("en", "During the meeting on Monday, Pashinyan praised the 1997 accord.", "accord",
     "meeting"),
    ("de", "Beim Treffen am Montag lobte Paschinjan den Vertrag von 1997.", "Vertrag",
     "Treffen"),
    ("ru", "На встрече в понедельник Пашинян высоко оценил соглашение 1997 года.",
     "соглашение", "встрече"),
    ("tr", "Pazartesi günü görüşmede Paşinyan 1997 anlaşmasını övdü.", "anlaşmasını",
     "görüşmede"),
    ("fr", "Lors de la réunion de lundi, Pachinian a salué l'accord de 1997.", "accord",
     "réunion"),
])
def test_time_attributive_date_dates_only_its_noun(lang, text, noun, event):
    a = article(text, lang)
    assert date_of(a, noun)[0] == DateValue.year(1997)
    assert date_of(a, event)[0] == DateValue.parse("2016-08-15")


@pytest.mark.parametrize(("lang", "text", "trigger"), [
    ("en", "Putin met Aliyev in Baku on Monday. They also discussed the transport corridor.",
     "discussed"),
    ("de", "Putin traf Alijew am Montag in Baku. Dabei sprachen sie auch über den Korridor.",
     "sprachen"),
])
def test_time_continuing_sentence_inherits_the_date_of_the_paragraph(lang, text, trigger):
    value, source, approximate = date_of(article(text, lang), trigger)
    assert value == DateValue.parse("2016-08-15") and source.startswith("t:")
    assert not approximate


@pytest.mark.parametrize(("lang", "text", "trigger"), [
    ("en", "Putin met Aliyev in Baku on Monday. Armenia criticised the arms deliveries.",
     "criticised"),
    ("de", "Putin traf Alijew am Montag. Armenien kritisierte die Waffenlieferungen.",
     "kritisierte"),
    ("en", "The region was run by Armenians for three decades.", "run"),
])
def test_time_event_without_a_date_falls_back_to_publication(lang, text, trigger):
    assert date_of(article(text, lang), trigger) == (PUBLISHED, "publication", True)


def test_time_event_date_is_unknown_without_publication_or_expression():
    a = article("Armenia criticised the arms deliveries.", "en", published=None)
    assert date_of(a, "criticised") == (None, "publication", True)


def test_time_two_days_after_dates_the_clause_that_follows_and_the_main_clause_apart():
    a = article("The statement was issued on August 10. It came two days after he met the "
                "president.", "en")
    assert date_of(a, "met")[0] == DateValue.parse("2016-08-08")
    assert date_of(a, "came")[0] == DateValue.parse("2016-08-10")


def test_time_since_period_ranks_after_a_point_in_time():
    a = article("Since 2011 the two armies have met on Monday for the exercises.", "en")
    assert date_of(a, "met")[0] == DateValue.parse("2016-08-15")


@pytest.mark.parametrize(("lang", "text", "main", "inner"), [
    ("en", "The minister arrived on Tuesday. The visit came two weeks after the offensive "
           "launched on 19 September.", "visit", "offensive"),
    ("fr", "La ministre est arrivée mardi. Ce déplacement intervient deux semaines après "
           "l'offensive lancée le 19 septembre.", "déplacement", "offensive"),
])
def test_time_trigger_inside_a_dated_complement_takes_the_complement_date(
        lang, text, main, inner):
    a = article(text, lang, published=DateValue.parse("2023-10-04"))
    assert date_of(a, main)[0] == DateValue.parse("2023-10-03")
    assert date_of(a, inner)[0] == DateValue.parse("2023-09-19")


def test_time_same_day_counts_from_the_narrative_not_from_a_complement():
    a = article("Ce déplacement intervient deux semaines après l'offensive lancée le "
                "19 septembre. Le même jour, le Parlement a ratifié le statut.", "fr",
                published=DateValue.parse("2023-10-04"))
    assert date_of(a, "ratifié")[0] == DateValue.parse("2023-10-03")


def test_time_turkish_participle_clause_keeps_its_date():
    a = article("Görüşmenin ana konusu, Rusya'nın temmuz ayında çekildiği tahıl girişimi oldu.",
                "tr", published=DateValue.parse("2023-09-04"))
    assert date_of(a, "Görüşmenin")[1] == "publication"
    assert date_of(a, "çekildiği")[0] == DateValue.month(2023, 7)

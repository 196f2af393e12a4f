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


@pytest.mark.parametrize(("lang", "text", "main", "inner", "noun"), [
    ("en", "The ministers initialled the draft, completed in May.", "initialled", "completed",
     "draft"),
    ("fr", "Les ministres ont signé le protocole, négocié en mai.", "signé", "négocié",
     "protocole"),
    ("de", "Die Minister unterzeichneten den im Mai ausgehandelten Vertrag.", "unterzeichneten",
     "ausgehandelten", "Vertrag"),
    ("ru", "Министры подписали протокол, согласованный в мае.", "подписали", "согласованный",
     "протокол"),
])
def test_time_date_in_a_participial_phrase_dates_the_phrase_and_its_noun(
        lang, text, main, inner, noun):
    a = article(text, lang)
    assert date_of(a, inner)[0] == DateValue.month(2016, 5)
    assert date_of(a, noun)[0] == DateValue.month(2016, 5)
    assert date_of(a, main) == (PUBLISHED, "publication", True)


@pytest.mark.parametrize(("lang", "text", "inner", "main"), [
    ("en", "The envoy, who had arrived in Baku on Friday, announced the agreement.", "arrived",
     "announced"),
    ("en", "The draft, completed on Friday, was initialled by the ministers.", "completed",
     "initialled"),
    ("fr", "L'envoyé, qui était arrivé vendredi à Bakou, a annoncé l'accord.", "arrivé",
     "annoncé"),
    ("de", "Der Gesandte, der am Freitag in Baku eingetroffen war, verkündete die Einigung.",
     "eingetroffen", "verkündete"),
    ("ru", "Посланник, который прибыл в Баку в пятницу, объявил о соглашении.", "прибыл",
     "объявил"),
])
def test_time_date_in_a_clause_set_off_by_commas_stays_inside_it(lang, text, inner, main):
    a = article(text, lang)
    assert date_of(a, inner)[0] == DateValue.parse("2016-08-12")
    assert date_of(a, main) == (PUBLISHED, "publication", True)


@pytest.mark.parametrize(("lang", "past", "trigger"), [
    ("en", "The government said that it abandoned talks on joining the bloc before the end "
           "of 2028.", "abandoned"),
    ("fr", "Le gouvernement a renoncé à adhérer au bloc avant la fin de 2028.", "renoncé"),
    ("de", "Die Regierung gab den Plan auf, bis Ende 2028 dem Bündnis beizutreten.", "gab"),
    ("ru", "Правительство отказалось от вступления в союз до конца 2028 года.", "отказалось"),
])
def test_time_deadline_does_not_date_what_already_happened(lang, past, trigger):
    assert date_of(article(past, lang), trigger) == (PUBLISHED, "publication", True)


@pytest.mark.parametrize(("lang", "planned", "trigger"), [
    ("en", "The government will withdraw the troops by the end of 2028.", "withdraw"),
    ("fr", "Le gouvernement retirera les troupes avant la fin de 2028.", "retirera"),
    ("de", "Die Regierung wird die Truppen bis Ende 2028 abziehen.", "abziehen"),
    ("ru", "Войска должны быть выведены до конца 2028 года.", "выведены"),
])
def test_time_deadline_dates_a_planned_event(lang, planned, trigger):
    value, source, _ = date_of(article(planned, lang), trigger)
    assert value == DateValue.parse("2028-09/2028-12") and source.startswith("t:")


def test_time_russian_month_adjective_dates_its_noun_with_the_month():
    a = article("В ходе октябрьского наступления 2022 года армия заняла город.", "ru")
    assert date_of(a, "наступления")[0] == DateValue.month(2022, 10)
    assert date_of(a, "заняла")[1] == "publication"


def test_time_weekday_of_a_later_sentence_dates_its_own_event():
    a = article("Президент в пятницу подписал указ.\n\nНачались протесты. Демонстранты в "
                "четверг попытались прорваться в здание парламента.", "ru")
    assert date_of(a, "подписал")[0] == DateValue.parse("2016-08-12")
    assert date_of(a, "попытались")[0] == DateValue.parse("2016-08-11")

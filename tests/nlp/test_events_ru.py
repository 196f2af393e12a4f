"""The Russian event lexicon (nlp/lang/ru): hand-made sentences, one behaviour each."""

from __future__ import annotations

import pytest

from tidings import Article


@pytest.fixture(scope="module")
def code(event_coder):
    return lambda text: event_coder(text, "ru")


def _find(article: Article, etype: str):
    found = [e for e in article.events if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.mode) for e in article.events]}"
    return found[0]


def _ids(event) -> set[str]:
    return {a.entity_id for a in event.actors}


@pytest.mark.parametrize("text,etype,actors,day", [
    # a phone call, with "ё" in "провёл"
    ("Президент Азербайджана Ильхам Алиев во вторник провёл телефонный разговор с "
     "Владимиром Путиным.", "CONSULT", {"ilham-aliyev", "vladimir-putin"}, "2024-05-28"),
    # "договорённость" spelt with "ё"
    ("Россия и Турция в понедельник достигли договорённости о строительстве газового хаба.",
     "AGREE", {"RUS", "TUR"}, "2024-05-27"),
    # "режим тишины" is a ceasefire
    ("Армения и Азербайджан в субботу договорились о режиме тишины.",
     "AGREE", {"ARM", "AZE"}, "2024-05-25"),
    # present tense of an accusation
    ("Азербайджан обвиняет Армению в провокациях на границе.", "ACCUSE", {"AZE", "ARM"}, None),
    # present tense of a call to act
    ("Москва призывает Баку и Ереван к сдержанности.", "REQUEST", {"RUS", "AZE", "ARM"}, None),
    # "настаивать" is a demand
    ("Азербайджан настаивает на изменении конституции Армении.", "REQUEST", {"AZE", "ARM"}, None),
    # arms supplies named by a verb and its object; "в Армению" says whither
    ("Франция поставит оружие в Армению.", "AID", {"FRA", "ARM"}, None),
    # a deployment named by a verb
    ("Россия в четверг развернула в регионе миротворческий контингент.",
     "AID", {"RUS"}, "2024-05-23"),
    # a host receiving a visitor
    ("Эрдоган принял в Анкаре президента Азербайджана Ильхама Алиева.",
     "CONSULT", {"recep-tayyip-erdogan", "ilham-aliyev"}, None),
    # a diplomatic break, dated by its year
    ("Грузия разорвала дипломатические отношения с Россией в 2008 году.",
     "SANCTION", {"GEO", "RUS"}, "2008"),
], ids=["phone-call", "agreement-yo", "ceasefire-quiet-regime", "accuses-present",
        "calls-on-present", "insists", "arms-supply-whither", "deployment-verb", "host",
        "break-in-relations"])
def test_events_ru_codes_type_actors_and_date(code, text, etype, actors, day):
    event = _find(code(text), etype)
    assert actors <= _ids(event)
    if day is not None:
        assert event.date is not None and event.date.iso() == day


@pytest.mark.parametrize("text,etype,modality", [
    ("Премьер-министр Армении Никол Пашинян посетит Москву на следующей неделе.",
     "CONSULT", "planned"),
    ("Встреча Пашиняна и Алиева в Брюсселе отложена.", "CONSULT", "cancelled"),
    ("Армения и Азербайджан так и не подписали мирный договор.", "AGREE", "negated"),
    ("Путин может посетить Турцию в августе.", "CONSULT", "speculated"),
    ("Российские миротворцы будут выведены из Карабаха до конца года.", "RETREAT", "planned"),
    ("Если Баку начнёт наступление, Ереван обратится к ОДКБ.", "ASSAULT", "hypothetical"),
], ids=["planned", "cancelled", "negated", "speculated", "planned-passive", "hypothetical"])
def test_events_ru_modality_cues(code, text, etype, modality):
    assert _find(code(text), etype).modality == modality


def test_events_ru_mode_of_a_break_in_relations(code):
    event = _find(code("Грузия разорвала дипломатические отношения с Россией."), "SANCTION")
    assert event.mode == "break relations"


@pytest.mark.parametrize("text,etype", [
    ("Министр поставил перед армией задачу укрепить границу с Ираном.", "AID"),  # a task
    ("Армения сделала выводы из войны с Азербайджаном.", "RETREAT"),  # conclusions
    ("Прибыль армянских компаний в России выросла вдвое.", "CONSULT"),  # profit, no arrival
], ids=["set-a-task", "drew-conclusions", "profit"])
def test_events_ru_look_alike_words_are_no_events(code, text, etype):
    assert not [e for e in code(text).events if e.type == etype]


@pytest.mark.parametrize("text,etype,actors", [
    # leaving an agreement, named in a relative clause
    ("Лидеры обсудили ядерную сделку, из которой США вышли в мае.", "REJECT", {"USA"}),
    # the masculine past "вышел из договора"
    ("Вашингтон в 2019 году вышел из договора с Москвой.", "REJECT", {"USA", "RUS"}),
    # "назвать X провокацией" condemns X
    ("Армения назвала действия Азербайджана провокацией.", "ACCUSE", {"ARM", "AZE"}),
    # a signing verb with a document as its object
    ("Алиев и Пашинян по итогам переговоров подписали документ о границе.", "AGREE",
     {"ilham-aliyev", "nikol-pashinyan"}),
    # a bare signing verb, alone in its clause, is still an agreement
    ("Алиев и Пашинян подписали итоговый текст.", "AGREE",
     {"ilham-aliyev", "nikol-pashinyan"}),
], ids=["withdrew-relative-clause", "withdrew-masculine", "called-a-provocation",
        "signed-a-document", "signed-bare"])
def test_events_ru_more_triggers(code, text, etype, actors):
    assert actors <= _ids(_find(code(text), etype))


def test_events_ru_signing_a_decree_is_no_agreement(code):
    article = code("Президент Азербайджана подписал указ о запрете импорта из Армении.")
    assert _find(article, "SANCTION")
    assert not [e for e in article.events if e.type == "AGREE"]


def test_events_ru_country_after_po_is_a_topic(code):
    event = _find(code("Россия и Турция подписали меморандум по Сирии."), "AGREE")
    assert {"RUS", "TUR"} <= _ids(event) and "SYR" not in _ids(event)


def test_events_ru_city_centre_is_a_place(code):
    event = _find(code("Протестующие провели митинг в центре Еревана."), "PROTEST")
    assert "ARM" not in _ids(event)


def test_events_ru_during_the_meeting_refers_back(code):
    article = code("Путин в понедельник встретился с Алиевым. "
                   "Во время встречи присутствовал глава МИД России Сергей Лавров.")
    second = [e for e in article.events if e.type == "CONSULT"][-1]
    assert {"vladimir-putin", "ilham-aliyev"} <= _ids(second)
    assert second.date is not None and second.date.iso() == "2024-05-27"


def test_events_ru_they_after_an_adverbial_refers_back(code):
    article = code("Путин в понедельник встретился с Эрдоганом в Сочи. "
                   "В октябре прошлого года именно здесь они подписали меморандум.")
    assert {"vladimir-putin", "recep-tayyip-erdogan"} <= _ids(_find(article, "AGREE"))


@pytest.mark.parametrize("text,etype,actors", [
    # verbs of violence; "армянские позиции" makes Armenia a party
    ("Азербайджанские военные в четверг обстреляли армянские позиции.", "ASSAULT",
     {"AZE", "ARM"}),
    ("Российские войска уничтожили грузинские батареи.", "ASSAULT", {"RUS", "GEO"}),
    # "побывать" is to visit
    ("Эрдоган побывал в Баку у Ильхама Алиева.", "CONSULT",
     {"recep-tayyip-erdogan", "ilham-aliyev"}),
    # a diplomatic protest is an accusation, not a street protest
    ("Россия выразила решительный протест Грузии.", "ACCUSE", {"RUS", "GEO"}),
    # mass protests: the protesters act even when no group is named
    ("В Тбилиси в четверг начались массовые протесты.", "PROTEST", {"group:protesters"}),
], ids=["shelled-positions", "destroyed-batteries", "visited", "diplomatic-protest",
        "mass-protests"])
def test_events_ru_violence_visits_protests(code, text, etype, actors):
    assert actors <= _ids(_find(code(text), etype))


def test_events_ru_diplomatic_protest_is_no_street_protest(code):
    assert not [e for e in code("Россия выразила решительный протест Грузии.").events
                if e.type == "PROTEST"]


@pytest.mark.parametrize("text,modality", [
    ("Эксперты допускают, что Путин и Алиев встретятся летом.", "speculated"),
    ("Россия и Турция близки к соглашению о поставках газа.", "speculated"),
    ("Лавров и Байрамов встречаются в ближайшие дни.", "planned"),
], ids=["admit-possibility", "close-to-a-deal", "in-the-coming-days"])
def test_events_ru_more_modality_cues(code, text, modality):
    events = code(text).events
    assert events and events[0].modality == modality


def test_events_ru_a_group_after_a_city_is_not_the_citys_state(code):
    article = code("Ночью в Ереване протестующие ворвались в здание правительства.")
    protests = [e for e in article.events if e.type == "PROTEST"]
    assert protests and protests[0].actors[0].entity_id == "group:protesters"

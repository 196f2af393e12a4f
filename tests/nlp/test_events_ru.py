"""The Russian event lexicon (nlp/lang/ru): hand-made sentences, one behaviour each."""

from __future__ import annotations

from datetime import date

import pytest

from tidings import Article, Context, DateValue, load_config
from tidings.pipeline import Pipeline

STAGES = ["clean.html.v1", "text.segment.v1", "time.rules.v1", "entities.kb.v1",
          "quotes.rules.v1", "events.rules.v1"]
PUBLISHED = date(2024, 5, 29)  # a Wednesday


@pytest.fixture(scope="module")
def code(kb):
    ctx = Context(load_config(store={"url": ":memory:"}))
    ctx._resources["kb"] = kb
    pipe = Pipeline(STAGES, ctx)

    def run(text: str) -> Article:
        return pipe(Article(id="t", raw=text, lang="ru", published=DateValue.day(PUBLISHED)))

    return run


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

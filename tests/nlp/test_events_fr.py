"""The rule event coder on hand-made French sentences: the French lexicon cannot regress."""

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
        return pipe(Article(id="t", raw=text, lang="fr", published=DateValue.day(PUBLISHED)))

    return run


def _events(article: Article) -> list[tuple[str, set[str], str | None]]:
    return [(e.type, {a.entity_id for a in e.actors if a.role != "participant"},
             e.date.iso() if e.date else None) for e in article.events]


@pytest.mark.parametrize("text,expected", [
    ("Le président russe Vladimir Poutine a reçu mardi au Kremlin le président "
     "azerbaïdjanais Ilham Aliev.",
     ("CONSULT", {"vladimir-putin", "ilham-aliyev"}, "2024-05-28")),
    ("Les forces azerbaïdjanaises ont bombardé mardi des positions arméniennes près de la "
     "frontière.",
     ("ASSAULT", {"AZE", "ARM"}, "2024-05-28")),
    ("La police géorgienne a dispersé mercredi les manifestants à l'aide de canons à eau.",
     ("COERCE", {"GEO", "group:protesters"}, "2024-05-29")),
    ("L'Azerbaïdjan et l'Arménie se sont mis d'accord vendredi sur la délimitation de leur "
     "frontière.",
     ("AGREE", {"AZE", "ARM"}, "2024-05-24")),
    ("La Turquie a ratifié mardi l'adhésion de la Suède à l'OTAN.",
     ("AGREE", {"TUR", "SWE", "nato"}, "2024-05-28")),
])
def test_events_fr_type_actors_and_date(code, text, expected):
    assert expected in _events(code(text))


def test_events_fr_phone_call_outranks_the_talks(code):
    article = code("Sergueï Lavrov s'est entretenu par téléphone lundi avec son homologue turc "
                   "Hakan Fidan.")
    assert ("CONSULT", {"sergei-lavrov", "hakan-fidan"}, "2024-05-27") in _events(article)
    assert [e.mode for e in article.events if e.type == "CONSULT"] == ["phone"]


def test_events_fr_an_act_on_another_event_governs_it(code):
    """'a salué l'accord', 'a renoncé à se rendre': the act is the event, not the deal or
    the trip it is about."""
    support = _events(code("Le Kremlin a salué mardi l'accord conclu entre Bakou et Erevan."))
    assert support == [("SUPPORT", {"kremlin", "AZE", "ARM"}, "2024-05-28")]
    reject = _events(code("Nikol Pachinian a renoncé jeudi à se rendre à Moscou pour le "
                          "sommet de l'Union économique eurasiatique."))
    assert [t for t, _, _ in reject] == ["REJECT"]
    assert reject[0][1] >= {"nikol-pashinyan"} and reject[0][2] == "2024-05-23"


def test_events_fr_an_accusation_is_not_the_attack_it_names(code):
    found = _events(code("Moscou a accusé mercredi Kiev d'avoir attaqué un dépôt de carburant "
                         "en Russie."))
    assert found == [("ACCUSE", {"RUS", "UKR"}, "2024-05-29")]


def test_events_fr_going_somewhere_is_a_visit_not_a_withdrawal(code):
    article = code("Recep Tayyip Erdogan se rendra la semaine prochaine à Bakou.")
    assert [(e.type, e.mode, e.modality) for e in article.events] == [
        ("CONSULT", "visit", "planned")]


def test_events_fr_giving_no_details_is_no_arms_supply(code):
    article = code("Le Kremlin a confirmé mardi le retrait de ses troupes de Syrie, sans fournir "
                   "de détails.")
    assert [e.type for e in article.events] == ["RETREAT"]


@pytest.mark.parametrize("text,etype,modality", [
    ("Ilham Aliev et Nikol Pachinian doivent se rencontrer le mois prochain à Bruxelles.",
     "CONSULT", "planned"),
    ("Les soldats de la paix russes quitteront le Haut-Karabakh d'ici la fin de l'année.",
     "RETREAT", "planned"),
    ("L'Arménie et l'Azerbaïdjan n'ont pas signé d'accord de paix lundi.", "AGREE", "negated"),
    ("Vladimir Poutine a annulé sa visite à Bakou.", "CONSULT", "cancelled"),
])
def test_events_fr_modality_cues(code, text, etype, modality):
    found = [e for e in code(text).events if e.type == etype]
    assert found and found[0].modality == modality


def test_events_fr_they_refers_to_the_previous_meeting(code):
    article = code("Vladimir Poutine et Recep Tayyip Erdogan se sont entretenus lundi à Sotchi. "
                   "Ils ont ensuite signé un mémorandum.")
    agree = [e for e in _events(article) if e[0] == "AGREE"]
    assert agree and {"vladimir-putin", "recep-tayyip-erdogan"} <= agree[0][1]

"""The German event lexicon (nlp/lang/de): hand-made sentences, one behaviour each, so that
a change to triggers.toml, events.toml or modality.toml cannot silently lose them."""

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
        return pipe(Article(id="t", raw=text, lang="de", published=DateValue.day(PUBLISHED)))

    return run


def _found(article: Article, etype: str) -> list[tuple[set[str], str | None, str]]:
    return [({a.entity_id for a in e.actors if a.role != "participant"},
             e.date.iso() if e.date else None, e.modality)
            for e in article.events if e.type == etype]


@pytest.mark.parametrize("text,etype,actors,day", [
    # a trip told with "gereist": the destination's state receives the visitor
    ("Der armenische Regierungschef Nikol Paschinjan ist am Montag zu einem offiziellen "
     "Besuch nach Moskau gereist.", "CONSULT", {"nikol-pashinyan", "RUS"}, "2024-05-27"),
    # "sich verständigen auf": an agreement without the word Abkommen
    ("Russland und die Ukraine haben sich am Dienstag auf einen Gefangenenaustausch "
     "verständigt.", "AGREE", {"RUS", "UKR"}, "2024-05-28"),
    # "verlangen" is a demand; the withdrawal it asks for is not an event of its own
    ("Aserbaidschan verlangte am Freitag von Armenien den Abzug aller Truppen aus der "
     "Grenzregion.", "REQUEST", {"AZE", "ARM"}, "2024-05-24"),
    # a country adjective before a compound of "Regierung" names the target state
    ("Die US-Regierung verhängte am Montag Einreiseverbote gegen georgische "
     "Regierungsvertreter.", "SANCTION", {"USA", "GEO"}, "2024-05-27"),
    # a country adjective before "Militär" acts; a state after "auf" is attacked
    ("Das russische Militär hat am Sonntag einen Drohnenangriff auf die Ukraine gestartet.",
     "ASSAULT", {"RUS", "UKR"}, "2024-05-26"),
    # "aserbaidschanische Angriffe auf armenisches Gebiet": both adjectives name states
    ("Bei aserbaidschanischen Angriffen auf armenisches Gebiet wurden am 13. September "
     "Dutzende Soldaten getötet.", "ASSAULT", {"AZE", "ARM"}, "2023-09-13"),
    # a separable verb whose particle ends the sentence
    ("Armenien lehnte den Vorschlag Aserbaidschans am Donnerstag ab.",
     "REJECT", {"ARM", "AZE"}, "2024-05-23"),
    ("Russland hat seine Friedenstruppen im April aus Bergkarabach abgezogen.",
     "RETREAT", {"RUS"}, "2024-04"),
])
def test_events_de_codes_type_actors_and_date(code, text, etype, actors, day):
    found = _found(code(text), etype)
    assert any(actors <= ids and when == day for ids, when, _ in found), found


def test_events_de_freezing_membership_reduces_relations(code):
    found = _found(code("Paschinjan hat die Mitarbeit Armeniens in der OVKS am Freitag "
                        "auf Eis gelegt."), "SANCTION")
    assert found and {"nikol-pashinyan", "csto"} <= found[0][0]


def test_events_de_an_accusation_governs_the_act_it_is_about(code):
    """'wirft ... vor, ... beschossen zu haben': the accusation is the event, not the
    shelling it alleges."""
    article = code("Die Ukraine wirft Russland vor, ein Krankenhaus in Charkiw beschossen zu "
                   "haben.")
    accuse = _found(article, "ACCUSE")
    assert accuse and {"UKR", "RUS"} <= accuse[0][0]
    assert not _found(article, "ASSAULT")


@pytest.mark.parametrize("text,etype,modality", [
    ("Lawrow will nächste Woche nach Eriwan reisen.", "CONSULT", "planned"),
    ("Russland hat Armenien angeblich Waffen geliefert.", "AID", "speculated"),
    ("Armenien und Aserbaidschan konnten sich bei den Gesprächen am Freitag nicht auf ein "
     "Abkommen einigen.", "AGREE", "negated"),
])
def test_events_de_modality_cues(code, text, etype, modality):
    found = _found(code(text), etype)
    assert found and found[0][2] == modality, found


def test_events_de_compatible_is_no_agreement(code):
    """'vereinbar' (compatible) is not 'vereinbart' (agreed)."""
    article = code("Die Europäische Union erklärte am Dienstag, das Gesetz sei mit den Werten "
                   "Georgiens nicht vereinbar.")
    assert not [e for e in article.events if e.type == "AGREE"]

"""The German event lexicon (nlp/lang/de): hand-made sentences, one behaviour each, so that
a change to triggers.toml, events.toml or modality.toml cannot silently lose them."""

from __future__ import annotations

import pytest

from tidings import Article


@pytest.fixture(scope="module")
def code(event_coder):
    return lambda text: event_coder(text, "de")


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
    # support given "militärisch" or "mit Waffen" is military aid
    ("Die Türkei hat Aserbaidschan im Jahr 2020 militärisch unterstützt.",
     "AID", {"TUR", "AZE"}, "2020"),
    # "schicken" with troops as its object sends a force
    ("Die Türkei hat im Oktober Truppen geschickt.", "AID", {"TUR"}, "2023-10"),
    ("Die Ukraine hat am Mittwoch Truppen nach Moldau entsendet.",
     "AID", {"UKR", "MDA"}, "2024-05-29"),
    # stopping an offensive is a ceasefire
    ("Die Türkei hat am Donnerstag ihre Offensive in Nordsyrien gestoppt.",
     "RETREAT", {"TUR"}, "2024-05-23"),
    ("Die Ukraine hat sich am Mittwoch aus Awdijiwka zurückgezogen.",
     "RETREAT", {"UKR"}, "2024-05-29"),
    ("Die Europäische Union rügte Georgien am Dienstag für das neue Gesetz.",
     "ACCUSE", {"eu", "GEO"}, "2024-05-28"),
    # granting a status or a prize is support
    ("Die Europäische Union verlieh der Ukraine im Juni den Kandidatenstatus.",
     "SUPPORT", {"eu", "UKR"}, "2024-06"),
    ("Am Sonntag versammelten sich Tausende Demonstranten vor dem Parlament in Tiflis.",
     "PROTEST", {"group:protesters"}, "2024-05-26"),
    # a country adjective before "Verfassung" names the state whose constitution it is
    ("Aserbaidschan verlangte am Montag eine Änderung der armenischen Verfassung.",
     "REQUEST", {"AZE", "ARM"}, "2024-05-27"),
    ("Erdoğan hat Putin am Montag angerufen.",
     "CONSULT", {"recep-tayyip-erdogan", "vladimir-putin"}, "2024-05-27"),
    ("Lawrow und Mirsojan sind am Freitag in Minsk zusammengekommen.",
     "CONSULT", {"sergei-lavrov", "ararat-mirzoyan"}, "2024-05-24"),
    # compounds of "Abkommen" are listed one by one: a pattern matches at a word's start
    ("Georgien und die Ukraine haben am Montag ein Handelsabkommen unterzeichnet.",
     "AGREE", {"GEO", "UKR"}, "2024-05-27"),
    ("Aserbaidschanische Einheiten haben am Sonntag armenische Stellungen attackiert.",
     "ASSAULT", {"AZE"}, "2024-05-26"),
    ("Russland versetzte am Dienstag seine Atomstreitkräfte in Alarmbereitschaft.",
     "MOBILIZE", {"RUS"}, "2024-05-28"),
    ("Die Europäische Union verhängte im März ein Waffenembargo gegen Belarus.",
     "SANCTION", {"eu", "BLR"}, "2024-03"),
    ("Georgien hat am Freitag einen russischen Diplomaten abgeschoben.",
     "COERCE", {"GEO", "RUS"}, "2024-05-24"),
    ("Armenien und Aserbaidschan vereinbarten am Montag einen Gefangenenaustausch.",
     "CONCEDE", {"ARM", "AZE"}, "2024-05-27"),
    # "beide Regierungen" refers back to the two sides of the meeting told before
    ("Lawrow traf am Montag seinen armenischen Amtskollegen Mirsojan. Beide Regierungen "
     "vereinbarten eine engere Zusammenarbeit.", "AGREE", {"RUS", "ARM"}, "2024-05-27"),
    # a separable verb: "abziehen" with its particle at the end of the clause
    ("Die russischen Truppen zogen am Dienstag aus der Stadt ab.",
     "RETREAT", {"RUS"}, "2024-05-28"),
    # attacks suspended, however many words lie between noun and participle
    ("Die Türkei hat ihre Angriffe in Nordsyrien am Freitag für drei Tage ausgesetzt.",
     "RETREAT", {"TUR"}, "2024-05-24"),
    # more separable verbs whose particle closes the clause
    ("Russland wies am Montag die Vorwürfe aus Kiew entschieden zurück.",
     "REJECT", {"RUS"}, "2024-05-27"),
    ("Die georgische Polizei nahm am Sonntag Dutzende Demonstranten in Tiflis fest.",
     "COERCE", {"GEO"}, "2024-05-26"),
    ("Aserbaidschan ließ am Samstag mehrere armenische Soldaten im Grenzgebiet frei.",
     "CONCEDE", {"AZE"}, "2024-05-25"),
    ("Georgien brach am Freitag die diplomatischen Beziehungen zu Russland ab.",
     "SANCTION", {"GEO", "RUS"}, "2024-05-24"),
    ("Russland griff die Ukraine am Donnerstag erneut an.",
     "ASSAULT", {"RUS", "UKR"}, "2024-05-23"),
    ("Die Türkei rief Armenien und Aserbaidschan zu Zurückhaltung auf.",
     "REQUEST", {"TUR", "ARM", "AZE"}, "2024-05-29"),
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


def _source(article: Article, etype: str) -> list[str]:
    return [a.entity_id for e in article.events if e.type == etype for a in e.actors
            if a.role == "source"]


def test_events_de_agent_after_a_determiner_is_the_source(code):
    """'von der Türkei kritisiert': in a passive clause the doer follows 'von der'."""
    article = code("Eriwan wurde am Montag von der Türkei scharf kritisiert.")
    assert _source(article, "ACCUSE") == ["TUR"]


def test_events_de_the_inviting_host_is_no_visitor(code):
    """'auf Einladung des Präsidenten X': the one who invites receives the visitor."""
    article = code("Auf Einladung des Präsidenten Ilham Alijew besuchte Nikol Paschinjan am "
                   "Montag Aserbaidschan.")
    found = [e for e in article.events if e.type == "CONSULT"]
    assert found and all(a.role != "source" for e in found for a in e.actors
                         if a.entity_id == "ilham-aliyev")


def test_events_de_state_talked_about_is_no_party(code):
    """'Gespräche über Syrien': Syria is what the talks are about."""
    found = _found(code("Russland und die Türkei führten am Dienstag in Ankara Gespräche "
                        "über Syrien."), "CONSULT")
    assert found and {"RUS", "TUR"} <= found[0][0] and "SYR" not in found[0][0]


def test_events_de_anniversary_is_no_event(code):
    """'der 30. Jahrestag des Abkommens' remembers an agreement."""
    article = code("Russland und Armenien feierten am Montag den 30. Jahrestag des "
                   "Abkommens über ihre Freundschaft.")
    assert not _found(article, "AGREE")


@pytest.mark.parametrize("text,etype,modality", [
    ("Lawrow will nächste Woche nach Eriwan reisen.", "CONSULT", "planned"),
    ("Russland hat Armenien angeblich Waffen geliefert.", "AID", "speculated"),
    ("Armenien und Aserbaidschan konnten sich bei den Gesprächen am Freitag nicht auf ein "
     "Abkommen einigen.", "AGREE", "negated"),
    ("Russland und Belarus wollen bei der Luftabwehr künftig enger kooperieren.",
     "COOPERATE", "planned"),
    # a plan that "vorsieht" something: what it provides for has not happened yet
    ("Russland hat am Montag einen Plan vorgelegt, der die Entsendung von Friedenstruppen "
     "nach Armenien vorsieht.", "AID", "planned"),
])
def test_events_de_modality_cues(code, text, etype, modality):
    found = _found(code(text), etype)
    assert found and found[0][2] == modality, found


def test_events_de_compatible_is_no_agreement(code):
    """'vereinbar' (compatible) is not 'vereinbart' (agreed)."""
    article = code("Die Europäische Union erklärte am Dienstag, das Gesetz sei mit den Werten "
                   "Georgiens nicht vereinbar.")
    assert not [e for e in article.events if e.type == "AGREE"]


def test_events_de_a_crowd_without_a_name_demonstrating_is_protesters(code):
    found = _found(code("Zehntausende demonstrierten am Dienstag in Tiflis gegen das Gesetz."),
                   "PROTEST")
    assert found and found[0][0] == {"group:protesters"}


def test_events_de_a_call_at_the_end_of_the_clause_governs_it(code):
    article = code("Russland hat Armenien und Aserbaidschan am Montag zu einem Ende der Kämpfe "
                   "aufgerufen.")
    assert [e.type for e in article.events] == ["REQUEST"]


def test_events_de_an_intention_is_news_even_when_undated(code):
    text = ("Erdogan und Alijew trafen sich am Dienstag in Baku. Die Präsidenten sprachen über "
            "den Handel. Außerdem ging es um Energie. Künftig wollen Ankara und Baku ihre "
            "Rüstungsindustrien enger zusammenarbeiten lassen.")
    found = _found(code(text), "COOPERATE")
    assert found and found[0][2] == "planned"


def test_events_de_a_visit_without_subject_is_made_by_the_visitor_of_the_talks(code):
    text = ("Putin traf am Montag in Baku mit Alijew zusammen. Russische Friedenstruppen "
            "verlassen Karabach. Ein Abstecher nach Eriwan stand nicht auf dem Programm.")
    visits = [e for e in code(text).events if e.type == "CONSULT" and e.mode == "visit"]
    assert visits and visits[0].actors[0].entity_id == "vladimir-putin"


@pytest.mark.parametrize("text,rejects", [
    ("Russland stieg im Juli aus dem Abkommen aus.", True),
    ("Der Minister ist aus dem Flugzeug ausgestiegen und traf Alijew.", False),
])
def test_events_de_leaving_an_agreement_is_rejecting_it(code, text, rejects):
    assert any(e.type == "REJECT" for e in code(text).events) is rejects

"""The rule event coder on hand-made French sentences: the French lexicon cannot regress."""

from __future__ import annotations

import pytest

from tidings import Article


@pytest.fixture(scope="module")
def code(event_coder):
    return lambda text: event_coder(text, "fr")


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


@pytest.mark.parametrize("text,expected", [
    # troops entering an area are mobilised
    ("Les troupes russes doivent entrer dans la zone tampon jeudi.",
     ("MOBILIZE", {"RUS"}, "2024-05-30")),
    # a country adjective after a state institution names the state
    ("Le régime syrien a bombardé mardi des positions rebelles.",
     ("ASSAULT", {"SYR"}, "2024-05-28")),
    ("Bakou exige une révision de la Constitution arménienne.",
     ("REQUEST", {"AZE", "ARM"}, "2024-05-29")),
    # participles and present forms name the act as well as the past participle
    ("Le Kremlin a publié mardi un communiqué accusant Kiev de sabotage.",
     ("ACCUSE", {"kremlin", "UKR"}, "2024-05-28")),
    ("L'Union européenne gèle sa coopération avec la Géorgie.",
     ("SANCTION", {"eu", "GEO"}, "2024-05-29")),
])
def test_events_fr_more_triggers_and_actor_nouns(code, text, expected):
    assert expected in _events(code(text))


def test_events_fr_in_the_presence_of_someone_is_a_meeting(code):
    found = _events(code("Ilham Aliev a inauguré lundi une autoroute en présence de Recep "
                         "Tayyip Erdogan."))
    assert ("CONSULT", {"ilham-aliyev", "recep-tayyip-erdogan"}, "2024-05-27") in found


def test_events_fr_a_negated_verb_after_an_incise_has_the_subject_of_the_sentence(code):
    """'Moscou, qui ... avec Erevan, n'a pas été associée à l'accord': the companion of
    the relative clause is no party to the deal."""
    article = code("Moscou, qui entretient des liens étroits avec Erevan, n'a pas été associée "
                   "à l'accord.")
    assert [e for e in article.events if e.type == "AGREE"] == []


def test_events_fr_the_parties_called_upon_are_those_of_the_previous_meeting(code):
    article = code("Aliev et Pachinian se sont rencontrés lundi à Bruxelles. Le Kremlin a appelé "
                   "les deux parties à la retenue.")
    request = [e for e in _events(article) if e[0] == "REQUEST"]
    assert request and request[0][1] >= {"kremlin", "ilham-aliyev", "nikol-pashinyan"}


def test_events_fr_a_demonstration_has_protesters(code):
    found = _events(code("Une manifestation a eu lieu samedi devant le Parlement à Tbilissi."))
    assert found and found[0][0] == "PROTEST" and "group:protesters" in found[0][1]


@pytest.mark.parametrize("text,etype,modality", [
    ("Vladimir Poutine ne se rendra pas à Bakou la semaine prochaine.", "CONSULT", "negated"),
    ("L'Arménie ne signera pas l'accord avec l'Azerbaïdjan.", "AGREE", "negated"),
    ("La Turquie s'apprête à signer un accord avec l'Azerbaïdjan.", "AGREE", "planned"),
    ("Vladimir Poutine et Recep Tayyip Erdogan se retrouveront en juin à Ankara.",
     "CONSULT", "planned"),
    ("L'Arménie signera l'accord avec l'Azerbaïdjan à condition que la frontière soit "
     "délimitée.", "AGREE", "hypothetical"),
    ("Ilham Aliev rencontrera vraisemblablement Nikol Pachinian à Prague.", "CONSULT",
     "speculated"),
])
def test_events_fr_more_modality_cues(code, text, etype, modality):
    found = [e for e in code(text).events if e.type == etype]
    assert found and found[0].modality == modality


def test_events_fr_summoning_an_ambassador_is_a_protest_note(code):
    assert _events(code("Bakou a convoqué mardi l'ambassadeur de France.")) == [
        ("ACCUSE", {"AZE", "FRA"}, "2024-05-28")]


def test_events_fr_then_continues_with_the_same_subject(code):
    found = _events(code("Ilham Aliev a reçu lundi Recep Tayyip Erdogan, puis s'est entretenu "
                         "avec Vladimir Poutine."))
    assert ("CONSULT", {"ilham-aliyev", "vladimir-putin"}, "2024-05-27") in found


def test_events_fr_whoever_a_report_cites_is_no_actor(code):
    found = _events(code("Selon l'agence Tass, citant le Kremlin, Vladimir Poutine a rencontré "
                         "Ilham Aliev mardi."))
    assert found == [("CONSULT", {"vladimir-putin", "ilham-aliyev"}, "2024-05-28")]


@pytest.mark.parametrize("text,etype", [
    ("La France a accepté mardi de futurs contrats pour livrer des blindés à l'Arménie.", "AID"),
    ("L'accord donne aux troupes russes trente jours pour quitter la Syrie.", "RETREAT"),
])
def test_events_fr_a_future_deal_or_a_deadline_is_planned(code, text, etype):
    found = [e for e in code(text).events if e.type == etype]
    assert found and found[0].modality == "planned"


def test_events_fr_a_pronoun_is_the_person_named_since_the_last_event(code):
    article = code("Le président russe a reçu lundi le ministre turc à Moscou. Nikol Pachinian "
                   "se tourne désormais vers l'Europe. Le 6 octobre, il s'était entendu avec "
                   "Ilham Aliev à Prague.")
    agree = [e for e in _events(article) if e[0] == "AGREE"]
    assert agree and "nikol-pashinyan" in agree[0][1]


def test_events_fr_a_planned_meeting_is_not_the_meeting_told_before(code):
    article = code("Vladimir Poutine a rencontré Ilham Aliev lundi à Sotchi. La rencontre avec "
                   "Nikol Pachinian prévue le 7 décembre n'aura pas lieu.")
    assert sum(1 for e in article.events if e.type == "CONSULT") == 2


def test_events_fr_a_name_of_several_words_counts_as_one_before_a_modal_cue(code):
    article = code("Une rencontre entre Vladimir Poutine et Ilham Aliev pourrait avoir lieu dans "
                   "les prochains mois.")
    assert [(e.type, e.modality) for e in article.events] == [("CONSULT", "speculated")]

"""The English event lexicon (nlp/lang/en): hand-made sentences, one behaviour each, so that
a change to triggers.toml, events.toml or modality.toml cannot silently lose them."""

from __future__ import annotations

import pytest

from tidings import Article


@pytest.fixture(scope="module")
def code(event_coder):
    return lambda text: event_coder(text, "en")


def _found(article: Article, etype: str) -> list[tuple[set[str], str | None, str]]:
    return [({a.entity_id for a in e.actors if a.role != "participant"},
             e.date.iso() if e.date else None, e.modality)
            for e in article.events if e.type == etype]


def _source(article: Article, etype: str) -> str | None:
    return next((a.entity_id for e in article.events if e.type == etype
                 for a in e.actors if a.role == "source"), None)


@pytest.mark.parametrize("text,etype,actors,day", [
    # leaving an agreement is rejecting it
    ("Armenia walked out of the regional security pact on Monday.",
     "REJECT", {"ARM"}, "2024-05-27"),
    # weapons that arrive are delivered; the state whose ministry reports it receives them
    ("The first of Russia's new missile systems arrived at an air base on Tuesday, Armenia's "
     "defence ministry said.", "AID", {"RUS", "armenian-mod"}, "2024-05-28"),
    # troops sent somewhere are deployed
    ("Some 3,000 Russian troops were sent to Armenia in March 2021.",
     "AID", {"RUS", "ARM"}, "2021-03"),
    # "imposed a ban" is a sanction, not only "ban on"
    ("Russia imposed the import ban against Georgia in July 2019.",
     "SANCTION", {"RUS", "GEO"}, "2019-07"),
    # easing restrictions is a concession; "Georgian citizens" stand for Georgia
    ("Russia eased entry restrictions for Georgian citizens on Monday.",
     "CONCEDE", {"RUS", "GEO"}, "2024-05-27"),
    # a waiver lifting restrictions concedes
    ("Turkey signed a waiver on Friday lifting restrictions on trade with Armenia.",
     "CONCEDE", {"TUR", "ARM"}, "2024-05-24"),
    # air links between two states are cooperation
    ("Russia and Georgia resumed direct flights on Friday.",
     "COOPERATE", {"RUS", "GEO"}, "2024-05-24"),
    # "asked X to" is a request
    ("Armenia asked the OSCE to send monitors on Thursday.",
     "REQUEST", {"ARM", "osce"}, "2024-05-23"),
    # protesters named are a protest
    ("Hundreds of protesters gathered outside parliament in Yerevan on Monday.",
     "PROTEST", {"group:protesters"}, "2024-05-27"),
])
def test_events_en_codes_type_actors_and_date(code, text, etype, actors, day):
    found = _found(code(text), etype)
    assert any(actors <= ids and when == day for ids, when, _ in found), found


def test_events_en_a_reporting_verb_that_is_the_event_keeps_its_subject(code):
    """'The United States warned ...': the warning is the event, so the United States acts
    (it is no mere reporter), even with two more states in the clause."""
    article = code("The United States warned Turkey and Hungary on Monday against buying "
                   "weapons from Russia.")
    assert _source(article, "THREATEN") == "USA"
    article = code("Armenia asked the OSCE to send monitors to the border with Azerbaijan "
                   "on Friday.")
    assert _source(article, "REQUEST") == "ARM"


def test_events_en_mass_protests_imply_protesters(code):
    """'after mass protests': nobody is named, the protesters protest."""
    article = code("Russia banned flights to Georgia in June 2019 after mass protests in "
                   "Tbilisi.")
    protest = _found(article, "PROTEST")
    assert protest and "group:protesters" in protest[0][0]
    assert _found(article, "SANCTION")


def test_events_en_a_possessive_points_to_the_last_person(code):
    article = code("Nikol Pashinyan addressed the nation on Tuesday. Protesters gathered "
                   "outside the government building, demanding his resignation.")
    protest = _found(article, "PROTEST")
    assert protest and {"group:protesters", "nikol-pashinyan"} <= protest[0][0]


def test_events_en_ethnic_forces_in_a_region_are_the_regions(code):
    """'ethnic Georgian forces in Abkhazia' are Abkhazia's, not Georgia's; 'Russian troops
    in Abkhazia' are Russia's, and Abkhazia stays a place."""
    found = _found(code("Ethnic Georgian forces in Abkhazia agreed to a truce with Russia on "
                        "Tuesday."), "AGREE")
    assert found and {"abkhazia", "RUS"} <= found[0][0] and "GEO" not in found[0][0]
    found = _found(code("Russian troops in Abkhazia were withdrawn on Tuesday."), "RETREAT")
    assert found and found[0][0] == {"RUS"}


def test_events_en_representatives_of_a_region_act_for_it(code):
    """'representatives of Abkhazia' are Abkhazia's; 'are due to' plans the meeting."""
    found = _found(code("Representatives of Abkhazia and the Georgian government are due to "
                        "meet in Geneva on Friday."), "CONSULT")
    assert found and {"abkhazia", "georgian-government"} <= found[0][0]
    assert found[0][2] == "planned"
    found = _found(code("Russian troops near Abkhazia were withdrawn on Tuesday."), "RETREAT")
    assert found and found[0][0] == {"RUS"}


def test_events_en_a_region_before_a_group_noun_acts(code):
    found = _found(code("Karabakh authorities signed a truce with Azerbaijan on Tuesday."),
                   "AGREE")
    assert found and {"nagorno-karabakh", "AZE"} <= found[0][0]


def test_events_en_the_two_leaders_open_a_clause_that_names_others(code):
    """'The two leaders also asked the OSCE ...': the subject refers back to the meeting
    even though the clause names the OSCE."""
    article = code("Ilham Aliyev met Nikol Pashinyan in Washington on Friday. The two leaders "
                   "also asked the OSCE to close its Minsk office.")
    found = _found(article, "REQUEST")
    assert found and {"ilham-aliyev", "nikol-pashinyan", "osce"} <= found[0][0]


def test_events_en_walking_out_governs_the_deal(code):
    """'walked out of the deal it had signed': the rejection is the event, not a signing."""
    article = code("Russia walked out of the grain deal it had signed with Turkey.")
    assert _found(article, "REJECT") and not _found(article, "AGREE")


@pytest.mark.parametrize("text,etype", [
    # negotiators are people, not talks
    ("Negotiators from Armenia and Azerbaijan finalised the text in March.", "CONSULT"),
    # "its demands" is a noun, not a demand made
    ("Russia said it would return once Ukraine had met its demands.", "REQUEST"),
])
def test_events_en_words_that_are_no_event(code, text, etype):
    assert not _found(code(text), etype)


def test_events_en_being_due_to_host_is_a_planned_meeting_and_the_host_country_is_none(code):
    found = _found(code("Putin is due to host Aliyev in Moscow on 25 May."), "CONSULT")
    assert found and found[0][2] == "planned"
    assert not _found(code("Azerbaijan, the host country, welcomed the delegates."), "CONSULT")


def test_events_en_the_two_armies_of_a_fight_are_the_sides_of_the_last_fight(code):
    article = code("Azerbaijan attacked Armenia in September 2020. On Monday, Putin met "
                   "Pashinyan in Moscow. Clashes between the two armies restarted in early "
                   "August.")
    fights = [e for e in article.events if e.type == "ASSAULT"]
    assert {a.entity_id for a in fights[-1].actors} >= {"AZE", "ARM"}
    assert "vladimir-putin" not in {a.entity_id for a in fights[-1].actors}


def test_events_en_brussels_as_an_actor_is_the_eu_and_as_a_place_a_place(code):
    accused = code("Georgia's prime minister accused Brussels of blackmail on Thursday.")
    assert "eu" in {a.entity_id for e in accused.events for a in e.actors}
    met = code("Aliyev and Pashinyan met in Brussels on Thursday.")
    assert "eu" not in {a.entity_id for e in met.events for a in e.actors}
    assert "BEL" not in {a.entity_id for e in met.events for a in e.actors}

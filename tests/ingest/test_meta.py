from datetime import date

import pytest

from tidings.ingest.meta import (
    names_site,
    page_date,
    parse_dateline,
    resolve_published,
    strip_site_suffix,
)
from tidings.model import Article, DateValue


@pytest.mark.parametrize("title,site,expected", [
    ("Lavrov visits Yerevan | Kavkaz Wire", "kavkaz-wire.example", "Lavrov visits Yerevan"),
    ("Lavrov visits Yerevan — World News Today", "", "Lavrov visits Yerevan"),
    ("Lavrov visits Yerevan - Kavkaz Wire", "kavkaz-wire.example", "Lavrov visits Yerevan"),
    ("Kavkaz Wire | Lavrov visits Yerevan for talks", "kavkaz-wire.example",
     "Lavrov visits Yerevan for talks"),
    ("Лавров прибыл в Ереван — Кавказский вестник", "kavkaz-vestnik.ru",
     "Лавров прибыл в Ереван"),
    ("Erdoğan Bakü'de - Kafkas Gündem", "kafkas-gundem.com.tr", "Erdoğan Bakü'de"),
    # a dash that belongs to the headline stays
    ("Moscow plays key role – ex-Soviet leader", "", "Moscow plays key role – ex-Soviet leader"),
    ("3. Russia, Azerbaijan discuss cooperation", "", "Russia, Azerbaijan discuss cooperation"),
])
def test_site_names_leave_titles(title, site, expected):
    assert strip_site_suffix(title, site) == expected


@pytest.mark.parametrize("line,site,expected", [
    ("Закавказье сегодня", "zakavkazye-segodnya.ru", True),
    ("Кавказский вестник", "kavkaz-vestnik.ru", True),
    ("KAFKAS GÜNDEM – Bölgenin sesi", "kafkas-gundem.com.tr", True),
    ("La Lettre d'Eurasie", "lettre-eurasie.fr", True),
    ("Caucasus leaders meet in Baku", "caucasus-watch.example", False),
    ("Kaukasus", "", False),
])
def test_a_site_is_recognised_by_its_name_in_any_script(line, site, expected):
    assert names_site(line, site) is expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "MOSCOW, Nov 10 (Reuters) - Russia said on Tuesday that...", (None, 11, 10)),
    ("en", "BAKU, Azerbaijan, September 4, 2019 (AP) — The secretary...", (2019, 9, 4)),
    ("ru", "БАКУ, 4 сентября. /ТАСС/. Секретарь Совета безопасности...", (None, 9, 4)),
    ("ru", "ЕРЕВАН, 10 ноября 2020 года - РИА Новости. Премьер-министр...", (2020, 11, 10)),
    ("de", "MOSKAU, 3. März (dpa) - Der russische Außenminister...", (None, 3, 3)),
    ("fr", "PARIS, 3 mars (AFP) - Le ministre français...", (None, 3, 3)),
    ("tr", "ANKARA, 4 Eylül (AA) - Dışişleri Bakanı...", (None, 9, 4)),
    ("en", "Moscow, 10 November was a cold day for the talks.", None),
    ("en", "In 2020, Azerbaijan regained control of the districts.", None),
    ("de", "Am 4. September führte der Sekretär einen Besuch durch.", None),
])
def test_datelines_are_read_with_the_month_names_of_the_language(lang, text, expected):
    assert parse_dateline(text, lang) == expected


@pytest.mark.parametrize("lines,expected", [
    (["Published: 18 April 2024"], date(2024, 4, 18)),
    (["10.11.2020 12:45"], date(2020, 11, 10)),
    (["Опубликовано 4 сентября 2019"], date(2019, 9, 4)),
    (["2023-05-16T09:30"], date(2023, 5, 16)),
    (["Home / World", "5 min read"], None),
])
def test_dates_printed_above_an_article_are_read(lines, expected):
    assert page_date(lines, None) == expected


def test_a_month_from_the_sidecar_is_refined_by_the_dateline():
    article = Article(id="a", lang="en", text="MOSCOW, Nov 10 (Reuters) - Talks ended.",
                      published=DateValue.month(2020, 11), published_source="sidecar")
    resolve_published(article)
    assert article.published == DateValue.day(date(2020, 11, 10))
    assert article.published_source == "sidecar+dateline"


def test_a_day_from_the_metadata_wins_over_the_dateline():
    given = DateValue.day(date(2020, 11, 11))
    article = Article(id="a", lang="en", text="MOSCOW, Nov 10 (Reuters) - Talks ended.",
                      published=given, published_source="html")
    resolve_published(article)
    assert article.published == given and article.published_source == "html"


def test_a_dateline_without_a_year_dates_nothing_alone_but_is_recorded():
    article = Article(id="a", lang="ru", text="БАКУ, 4 сентября. /ТАСС/. Переговоры прошли.")
    resolve_published(article)
    assert article.published is None and article.provenance["dateline"] == "????-09-04"


def test_a_dateline_takes_its_year_from_a_date_printed_above_the_article():
    article = Article(id="a", lang="fr", text="PARIS, 3 mars (AFP) - Le ministre a parlé.",
                      provenance={"header": ["Mis à jour le 3 mars 2021 à 10h"]})
    resolve_published(article)
    assert article.published == DateValue.day(date(2021, 3, 3))
    assert article.published_source == "dateline"

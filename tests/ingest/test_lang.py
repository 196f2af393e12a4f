import pytest

from tidings import Context, load_config
from tidings.model import Article
from tidings.pipeline import Pipeline

PARAGRAPHS = {
    "en": "The foreign ministers met in Moscow on Tuesday to discuss the border and transport.",
    "de": "Die Außenminister trafen sich am Dienstag in Moskau, um über die Grenze zu sprechen.",
    "fr": "Les ministres des affaires étrangères se sont réunis mardi à Moscou pour discuter.",
    "ru": "Министры иностранных дел встретились во вторник в Москве, чтобы обсудить границу.",
    "tr": "Dışişleri bakanları salı günü Moskova'da bir araya gelerek sınırı görüştü.",
}


@pytest.fixture(scope="module")
def detect():
    return Pipeline(["clean.html.v1", "lang.detect.v1"], Context(load_config()))


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_article_language_is_detected(detect, lang):
    article = detect(Article(id="a", raw=PARAGRAPHS[lang] + "\n\n" + PARAGRAPHS[lang]))
    assert article.lang == lang
    assert [p[2] for p in article.provenance["paragraph_langs"]] == [lang, lang]
    assert "mixed_languages" not in article.provenance


@pytest.mark.parametrize("main,other", [("en", "tr"), ("ru", "de"), ("fr", "en")])
def test_mixed_page_gets_a_language_per_paragraph_and_the_majority_for_the_article(
        detect, main, other):
    text = "\n\n".join([PARAGRAPHS[other], PARAGRAPHS[main], PARAGRAPHS[main]])
    article = detect(Article(id="a", raw=text))
    assert article.lang == main and article.provenance["mixed_languages"] is True
    spans = article.provenance["paragraph_langs"]
    assert [lang for _, _, lang in spans] == [other, main, main]
    assert text[spans[0][0]:spans[0][1]] == PARAGRAPHS[other]


def test_language_given_by_the_metadata_is_kept(detect):
    article = detect(Article(id="a", raw=PARAGRAPHS["de"], lang="en"))
    assert article.lang == "en" and article.provenance["lang_detected"]["lang"] == "de"

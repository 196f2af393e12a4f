"""Recognisers are chosen per language in the configuration, and fail with a clear reason."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.errors import ModelUnavailable
from tidings.model import Article, DateValue
from tidings.nlp.entities import entities
from tidings.nlp.recognizers import make_recognizer
from tidings.pipeline import Context


def test_kb_means_no_statistical_model():
    assert make_recognizer("kb") is None


@pytest.mark.parametrize("spec, words", [
    ("spacy:no_such_model_xyz", "no_such_model_xyz"),
    ("stanza:de", "unknown recogniser"),
])
def test_an_unavailable_recogniser_is_named_in_the_error(spec, words):
    with pytest.raises(ModelUnavailable, match=words):
        make_recognizer(spec)


def test_natasha_gives_russian_names_in_their_normal_form():
    found = make_recognizer("natasha")("Переговоры с Ильхамом Алиевым прошли в Москве.")
    people = [c for c in found if c.label == "PERSON"]
    assert [c.norm for c in people] == ["Ильхам Алиев"]


def test_a_users_spacy_pipeline_is_used_by_configuration_alone(tmp_path, config, kb):
    """A pipeline saved to a folder (here: a rule-based one standing in for a user's
    de_core_news_lg) is picked up by naming it in [entities] recognizers."""
    import spacy

    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": [{"TEXT": "Quillembert"}]}])
    nlp.to_disk(tmp_path / "my_model")
    recognizers = dict(config.entities.recognizers, de=f"spacy:{tmp_path / 'my_model'}")
    ctx = Context(config.replace(entities={"recognizers": recognizers}))
    ctx._resources["kb"] = kb
    stage = entities(ctx)
    text = "Die Verhandlungen führte Quillembert für die Regierung."  # no rule finds it
    article = Article(id="a", text=text, lang="de", published=DateValue.day(date(2024, 1, 1)))
    found = [m for m in stage(article).entities if text[m.start:m.end] == "Quillembert"]
    assert [(m.label, m.method) for m in found] == [("PERSON", "new")]
    assert found[0].entity_id.startswith("x:")

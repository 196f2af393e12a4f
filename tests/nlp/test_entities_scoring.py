"""Scoring entity mentions against gold: recognition per language and linking."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tidings.demo import samples_dir
from tidings.evaluate import read_jsonl, score_mentions
from tidings.export import EntityIndex
from tidings.model import Article, EntityMention

FLOORS = tomllib.loads((Path(__file__).parents[1] / "quality_floors.toml").read_text())


def _article(doc: str, lang: str, text: str, *found: tuple[str, str, str, str]) -> Article:
    a = Article(id=doc, text=text, lang=lang)
    for surface, label, entity_id, method in found:
        start = text.index(surface)
        a.entities.append(EntityMention(start, start + len(surface), label, entity_id, method))
    return a


GOLD = [
    {"doc": "d1", "kind": "mention", "text": "Alijew", "type": "PERSON",
     "entity": "Ilham Aliyev", "country": "AZE", "count": 2},
    {"doc": "d1", "kind": "mention", "text": "Baku", "type": "GPE", "entity": "Baku",
     "country": "AZE"},
    {"doc": "d2", "kind": "mention", "text": "Putin", "type": "PERSON",
     "entity": "Vladimir Putin", "country": "RUS"},
]


def test_recognition_and_linking_are_counted_per_language():
    d1 = _article("d1", "de", "Alijew in Baku. Alijew sagte. Der Präsident kam.",
                  ("Alijew", "PERSON", "ilham-aliyev", "kb"), ("Baku", "ORG", "geo:1", "kb"),
                  ("Alijew sagte", "PERSON", "x:sagte", "new"),
                  ("Präsident", "PERSON", "ilham-aliyev", "office"))
    d2 = _article("d2", "en", "Putin’s plane landed.", ("Putin’s", "PERSON", "vladimir-putin",
                                                       "kb"))
    report = score_mentions(GOLD, [d1, d2])
    de, en = report["by_language"]["de"], report["by_language"]["en"]
    # 'Alijew sagte' is a wrong span, the office mention is not scored
    assert (de["tp"], de["predicted"], de["gold"]) == (2, 3, 3)
    assert de["typed_recall"] == round(1 / 3, 3)  # Baku predicted as ORG
    assert de["linking_accuracy"] == 0.5  # geo:1 is not called Baku
    assert (en["tp"], en["linking_accuracy"]) == (1, 1.0)  # the clitic 's is folded away
    assert report["gold"] == 4 and report["misses"]


def test_names_of_entities_come_from_the_callers_index():
    d1 = _article("d1", "de", "Alijew und Alijew in Baku.",
                  ("Alijew", "PERSON", "ilham-aliyev", "kb"), ("Baku", "GPE", "geo:1", "kb"))
    d1.entities.append(EntityMention(11, 17, "PERSON", "ilham-aliyev", "kb"))
    names = {"geo:1": ["Baku"], "ilham-aliyev": ["Ilham Aliyev", "Alijew"]}
    assert score_mentions(GOLD[:2], [d1], lambda i: names.get(i, []))["linking_accuracy"] == 1
    assert score_mentions(GOLD[:2], [d1])["linking_accuracy"] == 0.667  # ids' words only


def test_sample_corpus_mentions_meet_the_floors(samples_ctx):
    gold = read_jsonl(samples_dir().parent / "gold.jsonl")
    if not any(g["kind"] == "mention" for g in gold):
        pytest.fail("the sample gold has no mention rows")
    index = EntityIndex(samples_ctx.store, samples_ctx.kb)
    report = score_mentions(gold, samples_ctx.store.iter_articles(),
                            lambda i: index.get(i).all_aliases() if index.get(i) else [i])
    floors = FLOORS["mentions"]
    assert report["linking_accuracy"] >= floors["linking_accuracy"], report["misses"]
    for lang, figures in report["by_language"].items():
        assert figures["precision"] >= floors["precision"], (lang, figures)
        assert figures["recall"] >= floors["recall"], (lang, report["misses"])

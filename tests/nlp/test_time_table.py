"""Table-driven: time expressions in five languages and their expected normalisations
(``time_cases.toml``)."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tidings.model import DateValue
from tidings.nlp.time import DATE_KINDS, find_times

CASES = tomllib.loads(Path(__file__).with_name("time_cases.toml").read_text("utf-8"))["case"]
LANGS = ("en", "de", "ru", "tr", "fr")


def _id(case: dict) -> str:
    return f"{case['lang']}:{case['expr']}"


def _times(case: dict):
    published = DateValue.parse(case["published"]) if case.get("published") else None
    return find_times(case["text"], case["lang"], published)


def test_time_table_covers_every_language_with_at_least_100_cases():
    counts = Counter(c["lang"] for c in CASES)
    assert len(CASES) >= 100
    assert all(counts[lang] >= 20 for lang in LANGS), counts


@pytest.mark.parametrize("case", [c for c in CASES if not c.get("absent")], ids=_id)
def test_time_expression_resolves_as_the_table_says(case):
    at = case["text"].index(case["expr"])
    hits = [t for t in _times(case) if t.start <= at < t.end]
    assert hits, f"no time expression covers {case['expr']!r}"
    t = hits[0]
    assert (t.value.iso() if t.value else "") == case["value"], t.reason
    if "kind" in case:
        assert t.kind == case["kind"]
    if "role" in case:
        assert t.role == case["role"]


@pytest.mark.parametrize("case", [c for c in CASES if c.get("absent")], ids=_id)
def test_time_numbers_that_are_not_dates_stay_out(case):
    at = case["text"].index(case["expr"])
    dated = [t for t in _times(case) if t.start <= at < t.end and t.kind in DATE_KINDS]
    assert not dated, [(case["text"][t.start:t.end], t.reason) for t in dated]

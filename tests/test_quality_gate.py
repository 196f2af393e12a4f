"""The quality gate: the evaluation of the seeds and of the sample corpus must not fall
below the floors pinned in quality_floors.toml."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tidings.demo import samples_dir
from tidings.evaluate import evaluate, read_jsonl
from tidings.export import rows

FLOORS = tomllib.loads((Path(__file__).parent / "quality_floors.toml").read_text())


def _exports(ctx, events: str = "events") -> dict[str, list[dict]]:
    out = {k: list(rows(k, ctx.store, ctx.kb)) for k in ("quotes", "articles")}
    out["events"] = list(rows(events, ctx.store, ctx.kb))
    return out


def _fraction(text: str) -> tuple[int, int]:
    a, b = text.split("/")
    return int(a), int(b)


@pytest.fixture(scope="module")
def seeds_report(seeds_ctx, shared):
    ex = _exports(seeds_ctx)
    return ex, evaluate(read_jsonl(shared / "gold" / "seeds.jsonl"), ex["events"], ex["quotes"],
                        ex["articles"], read_jsonl(shared / "gold" / "seeds_cleaning.jsonl"))


def test_seeds_meet_the_floors(seeds_report):
    _, report = seeds_report
    floors = FLOORS["seeds"]
    ev = report["events"]
    assert ev["strict"]["f1"] >= floors["strict_f1"], ev
    assert ev["strict"]["precision"] >= floors["strict_precision"], ev
    assert ev["strict"]["core_recall"] >= floors["core_recall"], ev["missed_core"]
    assert ev["lenient"]["f1"] >= floors["lenient_f1"], ev
    assert _fraction(report["quotes"]["found"])[0] >= floors["quotes_found"]
    assert _fraction(report["quotes"]["attributed"])[0] >= floors["quotes_attributed"]
    assert len(report["cleaning"]["failures"]) <= floors["cleaning_failures"], report["cleaning"]


def test_our_evaluation_agrees_with_score_py(seeds_report, shared, tmp_path):
    exports, report = seeds_report
    paths = {}
    for kind, data in exports.items():
        paths[kind] = tmp_path / f"{kind}.jsonl"
        paths[kind].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data))
    out = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), "--gold",
         str(shared / "gold" / "seeds.jsonl"), "--events", str(paths["events"]),
         "--quotes", str(paths["quotes"]), "--articles", str(paths["articles"]),
         "--cleaning", str(shared / "gold" / "seeds_cleaning.jsonl"), "--json"],
        capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    assert theirs["events"]["strict"] == report["events"]["strict"]
    assert theirs["events"]["lenient"] == report["events"]["lenient"]
    assert theirs["quotes"] == report["quotes"]
    assert theirs["cleaning"]["passed"] == report["cleaning"]["passed"]


def test_samples_meet_the_floors(samples_ctx):
    gold = samples_dir().parent / "gold.jsonl"
    cleaning = samples_dir().parent / "cleaning.jsonl"
    lang_of = {m["id"]: m["lang"] for m in read_jsonl(samples_dir() / "meta.jsonl")}
    ex = _exports(samples_ctx, "reports")
    report = evaluate(read_jsonl(gold), ex["events"], ex["quotes"], ex["articles"],
                      read_jsonl(cleaning), lang_of)
    floors = FLOORS["samples"]
    ev = report["events"]
    assert ev["strict"]["f1"] >= floors["strict_f1"], ev
    assert ev["strict"]["precision"] >= floors["strict_precision"], ev
    assert (ev["strict"]["core_recall"] or 0) >= floors["core_recall"], ev["missed_core"]
    for lang, floor in floors["strict_f1_by_language"].items():
        assert ev["strict_by_language"][lang]["f1"] >= floor, (lang, ev["strict_by_language"])
    found, total = _fraction(report["quotes"]["found"])
    assert found >= floors["quotes_found_share"] * total
    attributed, _ = _fraction(report["quotes"]["attributed"])
    assert attributed >= floors["quotes_attributed_share"] * total
    passed, checks = _fraction(report["cleaning"]["passed"])
    assert passed >= floors["cleaning_pass_share"] * checks, report["cleaning"]["failures"]

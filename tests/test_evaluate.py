"""evaluate.evaluate: merging is scored on merged events, also when events are per-article."""

from __future__ import annotations

from tidings.evaluate import evaluate

GOLD = [{"doc": d, "kind": "event", "event_id": "ev-1", "type": "CONSULT",
         "actors": [["putin"], ["aliyev"]], "date": "2024-08-19"} for d in ("a", "b")]
ACTORS = [{"name": "Vladimir Putin", "country": "RUS", "is_person": True},
          {"name": "Ilham Aliyev", "country": "AZE", "is_person": True}]


def _event(*docs: str) -> dict:
    return {"type": "CONSULT", "actors": ACTORS,
            "date": {"start": "2024-08-19", "granularity": "day"},
            "mentions": [{"doc": d, "start": 0, "end": 1} for d in docs]}


def test_merging_is_scored_on_the_merged_events_given_beside_the_reports():
    reports = [_event("a"), _event("b")]  # one line per reporting article
    merged = [_event("a", "b")]
    assert evaluate(GOLD, reports)["merge"]["recall"] == 0.0
    report = evaluate(GOLD, reports, merged=merged)
    assert report["events"]["strict"]["tp"] == 2
    assert report["merge"]["recall"] == 1.0 and report["merge"]["precision"] == 1.0

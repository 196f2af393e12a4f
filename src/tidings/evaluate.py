"""Evaluation against gold annotations (the format of the project's gold files).

Computes the figures of the workplace's reference scorer from exported rows: events
strict (type, actors, date right) and lenient (actors right) precision, recall, F1 and
core recall; over matched events the share with the right type, date, place and
modality; quotes found and attributed; cleaning checks passed. Gold formats: see
``samples/README.md``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from anyascii import anyascii

from .model import GRANULARITY_RANK, DateValue

# State-level gold keys: a key such as "russia" also finds any non-person actor of Russia.
# The reference scorer's list (score.py's COUNTRY_KEYS), kept identical so that the
# figures agree with it.
STATE_KEYS = {
    "russia": "RUS", "moscow": "RUS", "kremlin": "RUS", "azerbaijan": "AZE", "baku": "AZE",
    "armenia": "ARM", "yerevan": "ARM", "iran": "IRN", "tehran": "IRN", "turkey": "TUR",
    "turkiye": "TUR", "ankara": "TUR", "georgia": "GEO", "tbilisi": "GEO", "ukraine": "UKR",
    "kyiv": "UKR", "kiev": "UKR", "united states": "USA", "usa": "USA", "washington": "USA",
    "france": "FRA", "paris": "FRA", "germany": "DEU", "berlin": "DEU", "syria": "SYR",
    "damascus": "SYR", "israel": "ISR", "china": "CHN", "beijing": "CHN", "sudan": "SDN",
    "north korea": "PRK", "south korea": "KOR", "united kingdom": "GBR", "britain": "GBR",
    "poland": "POL", "zimbabwe": "ZWE", "saudi arabia": "SAU", "switzerland": "CHE",
    "belarus": "BLR", "kazakhstan": "KAZ", "uzbekistan": "UZB",
}


def fold(text: str) -> str:
    """Lower-case ASCII words of a name, whatever its script or diacritics."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    for a, b in (("ß", "ss"), ("ı", "i"), ("ə", "e")):
        text = text.replace(a, b)
    text = anyascii(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _names(actor: dict) -> list[str]:
    names = [fold(actor.get("name", ""))] + [fold(a) for a in actor.get("aliases") or []]
    if actor.get("country"):
        names.append(actor["country"].lower())
    return [n for n in names if n]


def key_finds(key: str, actor: dict) -> bool:
    k = fold(key)
    if not k:
        return False
    if any(f" {k} " in f" {n} " for n in _names(actor)):
        return True
    code = STATE_KEYS.get(k)
    return bool(code and (actor.get("country") or "").upper() == code
                and not actor.get("is_person"))


def parse_interval(value: str | None) -> tuple[date, date, int] | None:
    """A gold or predicted date ('2019', '2019-09', '2019-09-04', 'A/B') as (first day, last
    day, granularity rank); None when it is not a date."""
    if not value:
        return None
    try:
        parsed = DateValue.parse(value)
    except (ValueError, IndexError):
        return None
    return parsed.start, parsed.end, GRANULARITY_RANK[parsed.granularity]


def predicted_interval(event: dict) -> tuple[date, date, int] | None:
    d = event.get("date") or {}
    if isinstance(d, str):
        return parse_interval(d)
    if not d.get("start"):
        return None
    end = d.get("end")
    iv = parse_interval(f"{d['start']}/{end}" if end and end != d["start"] else d["start"])
    gran = GRANULARITY_RANK.get(d.get("granularity") or "")
    return (iv[0], iv[1], gran) if iv and gran else iv


def date_right(gold: dict, pred: dict) -> bool:
    g = parse_interval(gold.get("date"))
    if g is None:
        return True
    p = predicted_interval(pred)
    return p is not None and g[0] <= p[0] <= g[1] and p[2] >= g[2]


def docs(pred: dict) -> set[str]:
    out = {m.get("doc") for m in pred.get("mentions") or []}
    out.add(pred.get("doc"))
    return {d for d in out if d}


def actors_right(gold: dict, pred: dict) -> bool:
    actors = pred.get("actors") or []
    return all(any(key_finds(k, a) for a in actors for k in group) for group in gold["actors"])


def match(gold: list[dict], preds: list[dict], strict: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, prediction index), gold in file order."""
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if pi in used or g["doc"] not in docs(p) or not actors_right(g, p):
                continue
            if strict and (p.get("type") != g["type"] or not date_right(g, p)):
                continue
            pairs.append((gi, pi))
            used.add(pi)
            break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp,
            "predicted": n_pred, "gold": n_gold}


def _share(pairs: list[tuple[dict, dict]], ok: Callable[[dict, dict], bool]) -> float | None:
    return round(sum(1 for g, p in pairs if ok(g, p)) / len(pairs), 3) if pairs else None


def score_events(gold_rows: list[dict], preds: list[dict]) -> dict[str, Any]:
    gold_docs = {g["doc"] for g in gold_rows}
    preds = [p for p in preds if docs(p) & gold_docs]
    scored = [g for g in gold_rows if g["kind"] == "event" and not g.get("optional")]
    optional = [g for g in gold_rows if g["kind"] == "event" and g.get("optional")]
    core = {i for i, g in enumerate(scored) if g.get("core")}
    out: dict[str, Any] = {}
    for name, strict in (("strict", True), ("lenient", False)):
        pairs = match(scored, preds, strict)
        used = {pi for _, pi in pairs}
        rest = [p for i, p in enumerate(preds) if i not in used]
        optional_hits = len(match(optional, rest, False))
        out[name] = prf(len(pairs), len(preds) - optional_hits, len(scored))
        out[name]["core_recall"] = round(
            sum(1 for gi, _ in pairs if gi in core) / len(core), 3) if core else None
        if strict:
            hit = {gi for gi, _ in pairs}
            out["missed_core"] = [
                f"{g['doc'][:12]} {g['type']} {'+'.join(a[0] for a in g['actors'])} "
                f"{g.get('date')}" for i, g in enumerate(scored) if i in core and i not in hit]
    matched = [(scored[gi], preds[pi]) for gi, pi in match(scored, preds, False)]
    out["type_accuracy"] = _share(matched, lambda g, p: p.get("type") == g["type"])
    out["date_accuracy"] = _share([(g, p) for g, p in matched if g.get("date")], date_right)
    out["place_accuracy"] = _share(
        [(g, p) for g, p in matched if g.get("place")],
        lambda g, p: bool(p.get("place")) and any(
            fold(g["place"]) in n or n in fold(g["place"]) for n in _names(p["place"])))
    out["modality_accuracy"] = _share(
        matched, lambda g, p: (p.get("modality") or "asserted") == g.get("modality", "asserted"))
    return out


def score_merge(gold_rows: list[dict], preds: list[dict], strict: bool = True
                ) -> dict[str, Any]:
    """Pairwise merge precision and recall from the gold rows' ``event_id``.

    Gold event rows are matched to predicted events one document at a time with
    :func:`match` (strict by default: type, actors and date right; lenient: actors), so a
    merged event can match one row in each of its documents. Two rows of different
    documents are predicted together when they match the same predicted event, and belong
    together when they share an ``event_id`` (a row without one is an event of its own).
    Precision: the share of rows predicted together that belong together; recall: the
    share of rows that belong together predicted together (an unmatched row loses its
    pairs); ``recall_found`` counts only pairs whose rows were both matched, which
    isolates merging from coding. ``reported_once``: gold events reported in several
    documents that came out as one predicted event covering all of them.
    """
    rows = [g for g in gold_rows if g["kind"] == "event" and not g.get("optional")]
    preds = list(preds)
    ids = [g.get("event_id") or f"#{i}" for i, g in enumerate(rows)]
    predicted: dict[int, int] = {}
    by_doc: dict[str, list[int]] = {}
    for i, g in enumerate(rows):
        by_doc.setdefault(g["doc"], []).append(i)
    for doc, members in by_doc.items():
        cands = [pi for pi, p in enumerate(preds) if doc in docs(p)]
        for gi, pj in match([rows[i] for i in members], [preds[pi] for pi in cands], strict):
            predicted[members[gi]] = cands[pj]
    together = belong = hits = found = 0
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if rows[i]["doc"] == rows[j]["doc"]:
                continue
            same = ids[i] == ids[j]
            joined = i in predicted and predicted.get(j) == predicted[i]
            belong += same
            found += same and i in predicted and j in predicted
            together += joined
            hits += same and joined
    groups: dict[str, list[int]] = {}
    for i, event_id in enumerate(ids):
        groups.setdefault(event_id, []).append(i)
    multi = [g for g in groups.values() if len({rows[i]["doc"] for i in g}) > 1]
    once = sum(1 for g in multi if all(i in predicted for i in g)
               and len({predicted[i] for i in g}) == 1)
    return {"precision": round(hits / together, 3) if together else None,
            "recall": round(hits / belong, 3) if belong else None,
            "recall_found": round(hits / found, 3) if found else None,
            "pairs": belong, "pairs_found": found, "predicted_pairs": together,
            "correct_pairs": hits,
            "reported_once": f"{once}/{len(multi)}"}


def score_quotes(gold_rows: list[dict], quotes: list[dict]) -> dict[str, str]:
    gold = [g for g in gold_rows if g["kind"] == "quote"]
    found = attributed = 0
    for g in gold:
        prefix = fold(g["starts"])[:25]
        cands = [q for q in quotes if q.get("doc") == g["doc"]
                 and fold(q.get("text", "")).startswith(prefix)]
        if cands:
            found += 1
            if any(key_finds(k, q.get("speaker") or {}) for q in cands for k in g["speaker"]):
                attributed += 1
    return {"found": f"{found}/{len(gold)}", "attributed": f"{attributed}/{len(gold)}"}


# Mentions of a kind the gold leaves out (bare office titles, descriptions): not scored.
UNSCORED_MENTIONS = ("office", "coref")


def _surface(text: str) -> str:
    """A mention's text for comparison: folded, without a clitic after an apostrophe."""
    return fold(re.sub(r"['’][^\W\d_]{1,4}$", "", text.strip()))


def score_mentions(gold_rows: list[dict], articles: Iterable[Any],
                   names: Callable[[str], list[str]] | None = None) -> dict[str, Any]:
    """Recognition precision and recall of entity mentions per language, and linking.

    ``gold_rows``' ``kind: "mention"`` rows (``text`` as in the article, ``type``, canonical
    ``entity``, ``count``) are compared with the ``entities`` of ``articles`` (stored
    Article objects) of the same documents. A gold mention is recognised when a predicted
    mention of its document has the same text (case, diacritics and a trailing clitic such
    as 's or 'in folded), one prediction per gold occurrence; ``typed`` also asks for the
    same type. Linking accuracy: the share of recognised gold mentions whose predicted
    entity has the gold canonical name among its names (``names(entity_id)``, by default
    the words of the id), in any transliteration (Sergei Gavrilov ~ Сергей Гаврилов);
    ``linked_share`` divides by all gold mentions instead.
    """
    names = names or (lambda entity_id: [entity_id.split(":")[-1].replace("-", " ")])
    gold_by_doc: dict[str, list[dict]] = {}
    for g in gold_rows:
        if g.get("kind") == "mention":
            gold_by_doc.setdefault(g["doc"], []).append(g)
    totals: dict[str, dict[str, int]] = {}
    misses: list[str] = []
    for article in articles:
        gold = gold_by_doc.get(article.id)
        if gold is None:
            continue
        t = totals.setdefault(article.lang or "?", dict.fromkeys(
            ("gold", "predicted", "tp", "typed", "linked"), 0))
        preds: dict[str, list[Any]] = {}
        for m in article.entities:
            if m.method not in UNSCORED_MENTIONS and m.entity_id:
                preds.setdefault(_surface(article.text[m.start:m.end]), []).append(m)
        t["predicted"] += sum(len(v) for v in preds.values())
        for g in gold:
            count = int(g.get("count") or 1)
            t["gold"] += count
            found = preds.get(_surface(g["text"]), [])
            hits, preds[_surface(g["text"])] = found[:count], found[count:]
            t["tp"] += len(hits)
            t["typed"] += sum(1 for m in hits if m.label == g["type"])
            right = sum(1 for m in hits if _same_name(g["entity"], names(m.entity_id)))
            t["linked"] += right
            if len(hits) < count:
                misses.append(f"{article.id[:12]} missed {g['text']!r}")
            elif right < len(hits):
                misses.append(f"{article.id[:12]} {g['text']!r} -> {hits[0].entity_id}"
                              f" (gold {g['entity']})")
    out: dict[str, Any] = {"by_language": {}, "misses": misses}
    for lang, t in sorted(totals.items()):
        out["by_language"][lang] = _mention_figures(t)
    if totals:
        out.update(_mention_figures({k: sum(t[k] for t in totals.values())
                                     for k in next(iter(totals.values()))}))
    return out


def _same_name(gold: str, names: list[str]) -> bool:
    """The gold name is one of the names, whatever the transliteration (Sergei, Сергей)."""
    from .kb.base import sound_key

    return fold(gold) in {fold(n) for n in names} or \
        sound_key(gold) in {sound_key(n) for n in names}


def _mention_figures(t: dict[str, int]) -> dict[str, Any]:
    figures = prf(t["tp"], t["predicted"], t["gold"])
    figures["typed_recall"] = round(t["typed"] / t["gold"], 3) if t["gold"] else None
    figures["linking_accuracy"] = round(t["linked"] / t["tp"], 3) if t["tp"] else None
    figures["linked_share"] = round(t["linked"] / t["gold"], 3) if t["gold"] else None
    return figures


def score_cleaning(rows: list[dict], articles: list[dict]) -> dict[str, Any]:
    by_id = {a.get("id"): a for a in articles}
    failures, checks = [], 0
    for r in rows:
        checks += sum(len(r.get(k, [])) for k in ("keep", "drop", "once")) + bool(r.get("title"))
        a = by_id.get(r["doc"])
        if a is None:
            failures.append(f"{r['doc']}: article missing")
            continue
        body = a.get("text", "")
        failures += [f"{r['doc']}: lost '{s[:40]}'" for s in r.get("keep", []) if s not in body]
        failures += [f"{r['doc']}: kept boilerplate '{s[:40]}'"
                     for s in r.get("drop", []) if s in body]
        failures += [f"{r['doc']}: repeated '{s[:40]}'"
                     for s in r.get("once", []) if body.count(s) > 1]
        if r.get("title") and (a.get("title") or "").strip() != r["title"]:
            failures.append(f"{r['doc']}: title '{(a.get('title') or '')[:60]}'")
    return {"passed": f"{checks - len(failures)}/{checks}", "failures": failures}


def read_jsonl(path: str | Path | None) -> list[dict]:
    if not path:
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(gold: list[dict], events: Iterable[dict] | None = None,
             quotes: Iterable[dict] | None = None, articles: Iterable[dict] | None = None,
             cleaning: list[dict] | None = None, lang_of: dict[str, str] | None = None,
             merged: Iterable[dict] | None = None) -> dict[str, Any]:
    """Every figure the gold allows, from exported rows. Merging is scored on ``merged``
    (the merged events) when ``events`` are per-article reports, else on ``events``."""
    report: dict[str, Any] = {}
    if events is not None:
        preds = list(events)
        report["events"] = score_events(gold, preds)
        if lang_of:
            report["events"]["strict_by_language"] = {
                lang: score_events([g for g in gold if lang_of.get(g["doc"]) == lang],
                                   preds)["strict"]
                for lang in sorted(set(lang_of.values()))
                if any(g["kind"] == "event" and lang_of.get(g["doc"]) == lang for g in gold)}
        if any(g.get("event_id") for g in gold):
            report["merge"] = score_merge(gold, preds if merged is None else list(merged))
    if quotes is not None:
        report["quotes"] = score_quotes(gold, list(quotes))
    if articles is not None and cleaning:
        report["cleaning"] = score_cleaning(cleaning, list(articles))
    return report

"""Cost of cross-document event merging as the corpus doubles (not a test).

    .venv/bin/python benchmarks/merge.py                  # 10,000 and 20,000 articles
    .venv/bin/python benchmarks/merge.py --sizes 5000 10000 20000

It generates a news stream with the event mentions the coder would give (no text is
analysed): ``--per-day`` articles a day, so a larger corpus covers a longer period, as a
growing archive does. Real-world events between people of twelve countries are each
reported by one to six articles in five languages; reports vary the way real ones do (a
date stated or only the publication date, the state named instead of its leader, an extra
participant, the place or not), and articles also recall older events with a year-level
date. For each size it times the merge as :func:`tidings.merge.events.merge_events` runs it,
plus the garbage collection it puts off (best of ``--repeat`` runs, CPU time of this
process, so other work on the machine counts less; the generated input is frozen out of
the collector's sight), prints events, comparisons made and the pairwise precision and recall
against the generator's truth, then the time ratio of the largest to the smallest size.
The exit status is 1 when doubling the corpus costs more than ``--limit`` (2.3) times as
much.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections import defaultdict
from datetime import date, timedelta

from tidings import load_config
from tidings.merge.events import ActorResolver, EventMerger, collector_paused
from tidings.model import Article, DateValue, Entity, EventActor, EventMention

COUNTRIES = ("RUS", "AZE", "ARM", "GEO", "TUR", "IRN", "FRA", "USA", "DEU", "KAZ", "UKR", "CHN")
LANGS = ("en", "de", "ru", "tr", "fr")
TYPES = ("CONSULT", "CONSULT", "CONSULT", "AGREE", "COOPERATE", "AID", "ACCUSE", "ASSAULT")
MODES = {"CONSULT": ("visit", "meet", "host", "phone"), "AID": ("military", None)}
STEP = 20  # mention i of an article spans characters i*STEP .. i*STEP+10


def pool(people_per_country: int) -> tuple[list[Entity], dict[str, list[str]]]:
    entities, people = [], defaultdict(list)
    for c in COUNTRIES:
        entities.append(Entity(c, "GPE", c, country=c, kind="state"))
        entities.append(Entity(f"{c.lower()}-capital", "GPE", f"{c} capital", country=c,
                               kind="city"))
        for k in range(people_per_country):
            pid = f"{c.lower()}-p{k}"
            entities.append(Entity(pid, "PERSON", pid, country=c, kind="person"))
            people[c].append(pid)
    return entities, people


def stream(n: int, per_day: int, people: dict[str, list[str]], seed: int
           ) -> tuple[list[Article], dict[tuple[str, int], int]]:
    """n articles and the truth: (article id, mention index) -> real event number."""
    rnd = random.Random(seed)
    articles: list[Article] = []
    truth: dict[tuple[str, int], int] = {}
    past: list[tuple[int, str, list[str], date]] = []
    day = date(2010, 1, 1)
    event_no = 0
    while len(articles) < n:
        day += timedelta(days=1)
        made = 0
        while made < per_day:
            a, b = rnd.sample(COUNTRIES, 2)
            etype = rnd.choice(TYPES)
            mode = rnd.choice(MODES.get(etype, (None,)))
            actors = [rnd.choice(people[a]), rnd.choice(people[b])]
            place = f"{rnd.choice((a, b)).lower()}-capital" if rnd.random() < 0.6 else None
            event_no += 1
            past.append((event_no, etype, actors, day))
            for _ in range(min(6, 1 + int(rnd.expovariate(0.7)))):
                doc = f"a{len(articles):06d}"
                published = day + timedelta(days=rnd.randint(0, 2))
                mentions = [_report(rnd, etype, mode, actors, (a, b), day, published, place)]
                truth[(doc, 0)] = event_no
                for _ in range(rnd.randint(0, 2)):  # an older event recalled
                    old_no, old_type, old_actors, old_day = rnd.choice(past[-20000:])
                    if old_no == event_no:
                        continue
                    mentions.append(EventMention(
                        0, 10, old_type, None, 0, 5,
                        [EventActor(x, "source" if i == 0 else "target")
                         for i, x in enumerate(old_actors)],
                        date=DateValue.year(old_day.year), date_approximate=False))
                    truth[(doc, len(mentions) - 1)] = old_no
                for i, m in enumerate(mentions):
                    m.start, m.end = i * STEP, i * STEP + 10
                    m.trigger_start, m.trigger_end = m.start, m.start + 5
                articles.append(Article(doc, text=f"synthetic report {doc}",
                                        lang=rnd.choice(LANGS),
                                        published=DateValue.day(published), events=mentions))
                made += 1
    return articles[:n], truth


def _report(rnd: random.Random, etype: str, mode: str | None, actors: list[str],
            states: tuple[str, str], day: date, published: date,
            place: str | None) -> EventMention:
    names = list(actors)
    r = rnd.random()
    if r < 0.15:
        names[1] = states[1]  # the state named instead of its official
    elif r < 0.25:
        names.append(rnd.choice(COUNTRIES))  # one more participant
    stated = rnd.random()
    when, approximate = ((DateValue.day(day), False) if stated < 0.6 else
                         (DateValue.month(day.year, day.month), False) if stated < 0.7 else
                         (DateValue.day(published), True))
    return EventMention(
        0, 10, etype, mode if rnd.random() < 0.8 else None, 0, 5,
        [EventActor(x, "source" if i == 0 else "target") for i, x in enumerate(names)],
        place_id=place if rnd.random() < 0.7 else None, date=when,
        date_approximate=approximate, confidence=0.6)


def _cross_pairs(docs: list[str]) -> int:
    """Pairs of mentions from different articles among these."""
    n = len(docs)
    per_doc = defaultdict(int)
    for d in docs:
        per_doc[d] += 1
    return n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in per_doc.values())


def pairwise(events, truth: dict[tuple[str, int], int]) -> tuple[float, float]:
    """Precision and recall over pairs of mentions from different articles."""
    gold: dict[int, list[str]] = defaultdict(list)
    for (doc, _), g in truth.items():
        gold[g].append(doc)
    predicted = correct = 0
    for e in events:
        docs = [m.article_id for m in e.mentions]
        predicted += _cross_pairs(docs)
        by_gold: dict[int, list[str]] = defaultdict(list)
        for m in e.mentions:
            by_gold[truth[(m.article_id, m.start // STEP)]].append(m.article_id)
        correct += sum(_cross_pairs(d) for d in by_gold.values())
    total = sum(_cross_pairs(d) for d in gold.values())
    return (correct / predicted if predicted else 1.0, correct / total if total else 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000])
    parser.add_argument("--per-day", type=int, default=20, help="articles a day (20)")
    parser.add_argument("--people", type=int, default=25, help="people per country (25)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.3)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    opts = load_config().merge
    entities, people = pool(args.people)
    corpora = {n: stream(n, args.per_day, people, args.seed) for n in sorted(args.sizes)}
    times = {n: float("inf") for n in corpora}
    results = {}
    for _ in range(args.repeat):  # sizes interleaved, so a busy moment hits all of them
        for n, (articles, _truth) in corpora.items():
            results.pop(n, None)
            gc.collect()
            gc.freeze()  # the inputs are not the merge's cost: the collector skips them
            merger = EventMerger(opts, ActorResolver(None, entities))
            t0 = time.process_time()
            with collector_paused():  # as merge_events() runs it
                merger.add(articles)
                events = merger.events()
            gc.collect()  # the collection the pause put off is part of the cost
            times[n] = min(times[n], time.process_time() - t0)
            gc.unfreeze()
            results[n] = (merger, events)
    for n, (_articles, truth) in corpora.items():
        merger, events = results[n]
        p, r = pairwise(events, truth)
        print(f"{n:>7} articles  {len(merger.reports):>7} mentions  {len(events):>7} events  "
              f"{merger.comparisons:>9} comparisons  {times[n]:6.2f} s  "
              f"pairwise P {p:.3f} R {r:.3f}")
    small, large = min(times), max(times)
    ratio = times[large] / times[small]
    limit = args.limit * (large / small) / 2
    print(f"merge time ratio {large}/{small}: {ratio:.2f} (limit {limit:.2f})")
    return 0 if ratio <= limit else 1


if __name__ == "__main__":
    sys.exit(main())

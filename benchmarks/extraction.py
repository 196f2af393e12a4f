"""Body extraction: tidings' cleaning next to bare trafilatura on the same HTML pages.

    .venv/bin/python benchmarks/extraction.py            # the bundled samples' HTML pages
    .venv/bin/python benchmarks/extraction.py --corpus DIR --cleaning GOLD.jsonl
    .venv/bin/python benchmarks/extraction.py --all   # also the text articles, as HTML too

Each page is scored with the cleaning gold (the format of ``samples/cleaning.jsonl``):
``keep`` strings must be in the body, ``drop`` strings must not, ``once`` strings must not
repeat, and the title must be the gold title. tidings reads the corpus folder as
``tidings ingest`` would (sidecar metadata; all articles in one batch, so lines recurring on
a site count) and runs its cleaning stages; bare trafilatura is ``trafilatura.extract`` with
its default settings, and ``extract_metadata(...).title`` for the title. Not a test: it
prints the checks each passes, by kind and in total.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from tidings import Context, load_config
from tidings.demo import samples_dir
from tidings.ingest.readers import apply_meta, read_file
from tidings.ingest.run import discover, load_sidecar, sidecar_row
from tidings.model import Article
from tidings.pipeline import Pipeline

STAGES = ["clean.html.v1", "clean.boilerplate.v2", "lang.detect.v1", "meta.dateline.v1"]
KINDS = ("keep", "drop", "once", "title")


def score(gold: dict, title: str, body: str) -> Counter[str]:
    """Checks passed (kind -> n) plus their totals under 'total:<kind>'."""
    out: Counter[str] = Counter()
    for s in gold.get("keep", []):
        out["keep"] += s in body
    for s in gold.get("drop", []):
        out["drop"] += s not in body
    for s in gold.get("once", []):
        out["once"] += body.count(s) <= 1
    if gold.get("title"):
        out["title"] += title.strip() == gold["title"]
    for kind in KINDS:
        n = len(gold.get(kind, [])) if kind != "title" else int(bool(gold.get("title")))
        out[f"total:{kind}"] += n
    return out


def ours(corpus: Path) -> dict[str, tuple[str, str, str]]:
    """id -> (format, title, body) after tidings' cleaning of every article in the folder."""
    config = load_config(pipeline={"stages": STAGES})
    sidecar = load_sidecar(corpus)
    articles = []
    for path in discover([corpus]):
        articles.extend(read_file(path, sidecar_row(sidecar, path), config.ingest).articles)
    raw_format = {a.id: a.raw_format for a in articles}
    result = Pipeline(STAGES, Context(config)).run(articles)
    return {a.id: (raw_format[a.id], a.title, a.text) for a in result.articles}


def bare_trafilatura(corpus: Path) -> dict[str, tuple[str, str]]:
    """id -> (title, body) from trafilatura's defaults, for the HTML pages."""
    import trafilatura

    out = {}
    for path in discover([corpus]):
        if path.suffix.lower() not in (".html", ".htm"):
            continue
        html = path.read_text("utf-8", errors="replace")
        meta = trafilatura.extract_metadata(html)
        out[path.stem] = ((meta.title or "") if meta else "", trafilatura.extract(html) or "")
    return out


def wrapped_pages(corpus: Path) -> dict[str, str]:
    """id -> an HTML page made of a text article: each line a paragraph of its <article>,
    which is how many scraped pages carry share lines, notices and repeated paragraphs."""
    from html import escape

    out = {}
    for path in discover([corpus]):
        if path.suffix.lower() != ".txt":
            continue
        lines = path.read_text("utf-8").splitlines()
        body = "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())
        out[path.stem] = (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                          f"<article>{body}</article></body></html>")
    return out


def compare_wrapped(corpus: Path, gold: dict[str, dict]) -> dict[str, Counter[str]]:
    """keep/drop/once checks (titles aside) of both on the wrapped text articles."""
    import trafilatura

    config = load_config(pipeline={"stages": STAGES})
    sidecar = load_sidecar(corpus)
    pages = wrapped_pages(corpus)
    articles = []
    for doc, html in pages.items():
        meta = sidecar.get(doc + ".txt") or sidecar.get(doc) or {}
        article = Article(id=doc, raw=html, raw_format="html", source=doc)
        apply_meta(article, meta)
        articles.append(article)
    cleaned = {a.id: a.text for a in Pipeline(STAGES, Context(config)).run(articles).articles}
    totals = {"tidings": Counter(), "bare trafilatura": Counter()}
    for doc, html in pages.items():
        if doc not in gold:
            continue
        row = {k: v for k, v in gold[doc].items() if k != "title"}
        totals["tidings"] += score(row, "", cleaned.get(doc, ""))
        totals["bare trafilatura"] += score(row, "", trafilatura.extract(html) or "")
    return totals


def _line(name: str, c: Counter[str]) -> str:
    parts = [f"{k} {c[k]}/{c['total:' + k]}" for k in KINDS if c["total:" + k]]
    passed = sum(c[k] for k in KINDS)
    total = sum(c["total:" + k] for k in KINDS)
    return f"{name:<22} {passed:>3}/{total:<3} ({100 * passed / max(total, 1):5.1f}%)  " + \
        ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=samples_dir())
    ap.add_argument("--cleaning", type=Path, default=samples_dir().parent / "cleaning.jsonl")
    ap.add_argument("--all", action="store_true",
                    help="also compare both on the text articles served as HTML pages, and "
                         "score tidings on the text articles as they are")
    args = ap.parse_args(argv)
    gold = {}
    for line in args.cleaning.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc"]] = row
    mine = ours(args.corpus)
    theirs = bare_trafilatura(args.corpus)
    if not theirs and not args.all:
        print(f"no HTML pages in {args.corpus} (try --all)", file=sys.stderr)
        return 1
    totals = {"tidings": Counter(), "bare trafilatura": Counter()}
    if theirs:
        print(f"{'page':<40} {'tidings':>9} {'trafilatura':>12}")
    for doc in sorted(theirs):
        if doc not in gold:
            continue
        a = score(gold[doc], *mine.get(doc, ("", "", ""))[1:])
        b = score(gold[doc], *theirs[doc])
        totals["tidings"] += a
        totals["bare trafilatura"] += b
        n = sum(a["total:" + k] for k in KINDS)
        print(f"{doc:<40} {sum(a[k] for k in KINDS):>5}/{n:<3} "
              f"{sum(b[k] for k in KINDS):>8}/{n:<3}")
    if theirs:
        print(f"\nHTML pages ({len([d for d in theirs if d in gold])}):")
        for name, counts in totals.items():
            print("  " + _line(name, counts))
    if args.all:
        wrapped = compare_wrapped(args.corpus, gold)
        print(f"Text articles served as HTML pages ({len(wrapped_pages(args.corpus))}, "
              "every line a paragraph of the article; titles aside):")
        for name, counts in wrapped.items():
            print("  " + _line(name, counts))
        text = Counter()
        for doc, (fmt, title, body) in mine.items():
            if fmt == "text" and doc in gold:
                text += score(gold[doc], title, body)
        print("Text articles (tidings only):")
        print("  " + _line("tidings", text))
    return 0


if __name__ == "__main__":
    sys.exit(main())

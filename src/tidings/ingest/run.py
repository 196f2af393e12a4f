"""Ingest: files in, analysed articles and a rebuilt graph in the store.

``ingest(paths, ctx)`` walks files and folders, skips inputs whose bytes have not changed
since the last run, reads the rest (a sidecar ``meta.jsonl`` in a folder supplies
publication dates, sites and URLs), runs the pipeline in batches, saves each article keyed
by the hash of its cleaned text, and finally rebuilds the corpus-level graph (entities,
merged events, stories). Problems with one input are recorded with a reason and reported
by name; the others go on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..pipeline import Context, Pipeline
from ..store import Rejected
from .readers import read_file

log = logging.getLogger(__name__)
SIDECAR = "meta.jsonl"
PARTIAL_FAILURE = 3  # exit status when some inputs were skipped


@dataclass
class IngestReport:
    inputs: int = 0
    unchanged_inputs: int = 0
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    near_copies: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    graph: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return PARTIAL_FAILURE if self.rejected else 0

    def summary(self) -> str:
        lines = [
            f"inputs: {self.inputs} ({self.unchanged_inputs} unchanged since the last run, "
            f"skipped)",
            f"articles read: {self.read}; added {self.added}, updated {self.updated}, "
            f"already stored {self.unchanged}, near-copies linked {self.near_copies}",
        ]
        if self.graph:
            lines.append("graph: " + ", ".join(f"{k} {v}" for k, v in self.graph.items()))
        for r in self.rejected:
            lines.append(f"skipped {r.source}: {r.message} [{r.code}]")
        lines.append(f"time: {self.seconds:.1f} s")
        return "\n".join(lines)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and files inside folders named (recursively), in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name != SIDECAR
                              and not any(part.startswith(".")
                                          for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    return out


def load_sidecar(folder: Path) -> dict[str, dict]:
    """meta.jsonl rows by file name and by id."""
    path = folder / SIDECAR
    rows: dict[str, dict] = {}
    if not path.is_file():
        return rows
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            log.warning("%s line %d is not JSON; ignored", path, number)
            continue
        for key in (row.get("file"), row.get("id")):
            if key:
                rows[str(key)] = row
    return rows


def fingerprint(path: Path, meta: dict) -> str:
    digest = hashlib.sha1(path.read_bytes())
    digest.update(json.dumps(meta, sort_keys=True).encode())
    return digest.hexdigest()


def ingest(paths: Iterable[str | Path], ctx: Context, *, force: bool = False,
           progress: Callable[[int], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    store = ctx.store
    started = time.perf_counter()
    report = IngestReport()
    files = discover(paths)
    if on_total:
        on_total(len(files))
    sidecars: dict[Path, dict[str, dict]] = {}
    pending: list[tuple[str, str, list[Article]]] = []
    for path in files:
        report.inputs += 1
        source = str(path.resolve()) if path.exists() else str(path)
        folder = path.parent
        if folder not in sidecars:
            sidecars[folder] = load_sidecar(folder)
        meta = sidecars[folder].get(path.name) or sidecars[folder].get(path.stem) or {}
        try:
            if not path.exists():
                raise InputError(str(path), "missing", "no such file")
            fp = fingerprint(path, meta)
            if not force and store.source_fingerprint(source) == fp:
                report.unchanged_inputs += 1
                continue
            articles = read_file(path, meta, ctx.config.ingest.max_bytes,
                                 ctx.config.ingest.encodings)
        except InputError as exc:
            _reject(report, store, Rejected(str(path), exc.code, exc.message))
            continue
        finally:
            if progress:
                progress(1)
        pending.append((source, fp, articles))

    pipeline = Pipeline.from_config(ctx)
    size = ctx.config.ingest.batch_size
    batch: list[tuple[str, str, list[Article]]] = []
    for item in pending + [None]:  # type: ignore[list-item]
        if item is not None:
            batch.append(item)
        if batch and (item is None or sum(len(a) for _, _, a in batch) >= size):
            _process(batch, pipeline, store, report)
            batch = []
    if report.added or report.updated or force:
        from ..graph import rebuild

        report.graph = rebuild(ctx)
    report.seconds = time.perf_counter() - started
    return report


def _reject(report: IngestReport, store, rejected: Rejected) -> None:
    report.rejected.append(rejected)
    store.record_rejection(rejected)
    log.warning("skipped %s: %s", rejected.source, rejected.message)


def _process(batch: list[tuple[str, str, list[Article]]], pipeline: Pipeline, store,
             report: IngestReport) -> None:
    articles = [a for _, _, arts in batch for a in arts]
    report.read += len(articles)
    result = pipeline.run(articles)
    for r in result.rejected:
        _reject(report, store, Rejected(r.source, r.code, r.message, r.stage, r.article_id))
    done = {id(a) for a in result.articles}
    for source, fp, arts in batch:
        ids, failed = [], False
        for article in arts:
            if id(article) not in done:
                failed = True
                continue
            if not article.text.strip():
                _reject(report, store, Rejected(article.source, "no_text",
                                                "nothing left after removing boilerplate"))
                failed = True
                continue
            status = store.save_article(article)
            setattr(report, status, getattr(report, status) + 1)
            if article.duplicate_of:
                report.near_copies += 1
            ids.append(article.id)
        if not failed:  # a failed input is tried again next time
            store.record_source(source, fp, "ok", ids)

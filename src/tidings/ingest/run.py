"""Ingest: files, folders and URLs in, analysed articles and a rebuilt graph in the store.

``ingest(paths, ctx)`` walks files and folders (a sidecar ``meta.jsonl`` in a folder
supplies publication dates, sites and URLs), fetches URLs (given directly, in ``.urls``
files or in the lists named by ``url_lists``), skips inputs that have not changed since the
last run, and streams the rest through the pipeline in batches of ``ingest.batch_size``
articles. Each batch is saved before the next is read, and an input is recorded as done
only once all its articles are saved, so a crash loses nothing: the next run reads again
exactly the inputs not recorded. Problems with one input (or one record of it) are
recorded with a reason and reported by name; the others go on, and the exit status is
then :data:`PARTIAL_FAILURE`. Finally the corpus-level graph (entities, merged events,
stories) is rebuilt if any article changed, or if an earlier run stopped before doing so.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..pipeline import Context, Pipeline
from ..store import Rejected
from .fetch import Fetcher, HttpFetcher
from .readers import URL_LIST_SUFFIXES, Reading, precheck, read_file

log = logging.getLogger(__name__)
SIDECAR = "meta.jsonl"
PARTIAL_FAILURE = 3  # exit status when some inputs were skipped
GRAPH_STALE = "graph_stale"  # store state: articles changed after the last graph rebuild
NAMES_SHOWN = 10  # the summary names up to this many inputs read this run


@dataclass
class IngestReport:
    inputs: int = 0
    unchanged_inputs: int = 0
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    near_copies: int = 0
    fetched: int = 0
    processed: list[str] = field(default_factory=list)  # inputs read this run
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    graph: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return PARTIAL_FAILURE if self.rejected else 0

    def summary(self) -> str:
        lines = [f"inputs: {self.inputs} ({self.unchanged_inputs} unchanged since the last "
                 f"run, skipped; {len(self.processed)} read"
                 + (f"; {self.fetched} URLs fetched" if self.fetched else "") + ")"]
        if self.processed and len(self.processed) <= NAMES_SHOWN:
            lines.append("read: " + ", ".join(p if "://" in p else Path(p).name
                                              for p in self.processed))
        lines.append(
            f"articles read: {self.read}; added {self.added}, updated {self.updated}, "
            f"already stored {self.unchanged}, near-copies linked {self.near_copies}")
        if self.graph:
            lines.append("graph: " + ", ".join(f"{k} {v}" for k, v in self.graph.items()))
        for r in self.rejected:
            lines.append(f"skipped {r.source}: {r.message} [{r.code}]")
        lines.append(f"time: {self.seconds:.1f} s")
        return "\n".join(lines)


@dataclass
class Input:
    """One unit of incremental ingest: a file, a fetched page, or a feed entry."""

    source: str  # key in the store's sources table: resolved path or URL
    label: str  # how the user named it
    fingerprint: str
    reading: Reading
    ids: list[str] = field(default_factory=list)
    pending: int = 0  # articles taken from the reading but not yet saved
    failed: bool = False
    read_all: bool = False


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


def sidecar_row(rows: dict[str, dict], path: Path) -> dict:
    """The sidecar row of a file: by its name, else by its name without extension."""
    return rows.get(path.name) or rows.get(path.stem) or {}


def fingerprint(path: Path, meta: dict) -> str:
    """What the file holds and what its sidecar row says (read in chunks)."""
    digest = hashlib.sha1()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    digest.update(json.dumps(meta, sort_keys=True).encode())
    return digest.hexdigest()


def _raw_fingerprint(article: Article) -> str:
    """A fetched input's fingerprint: the hash of what was fetched."""
    return hashlib.sha1(article.raw.encode("utf-8")).hexdigest()


class _Run:
    """The state of one ingest run."""

    def __init__(self, ctx: Context, force: bool, progress: Callable[[int], None] | None,
                 fetcher: Fetcher | None):
        self.ctx = ctx
        self.store = ctx.store
        self.force = force
        self.progress = progress or (lambda n: None)
        self.report = IngestReport()
        self._fetcher = fetcher
        self._own_fetcher = False
        self.pipeline: Pipeline | None = None
        self._marked_stale = False  # GRAPH_STALE set in the store during this run

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = HttpFetcher(self.ctx.config.fetch)
            self._own_fetcher = True
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher:
            self._fetcher.close()  # type: ignore[union-attr]

    def reject(self, rejected: Rejected) -> None:
        self.report.rejected.append(rejected)
        self.store.record_rejection(rejected)
        log.info("skipped %s: %s", rejected.source, rejected.message)  # the summary names it

    def reject_error(self, exc: InputError) -> None:
        self.reject(Rejected(exc.source, exc.code, exc.message))

    def unchanged(self, source: str, fp: str | None) -> bool:
        if self.force:
            return False
        known = self.store.source_fingerprint(source)
        return known is not None and (fp is None or known == fp)

    # --- inputs -------------------------------------------------------------------
    def file_inputs(self, files: list[Path]) -> Iterator[Input]:
        sidecars: dict[Path, dict[str, dict]] = {}
        cfg = self.ctx.config
        for path in files:
            self.report.inputs += 1
            folder = path.parent
            if folder not in sidecars:
                sidecars[folder] = load_sidecar(folder)
            meta = sidecar_row(sidecars[folder], path)
            source = str(path.resolve()) if path.exists() else str(path)
            try:
                precheck(path, cfg.ingest)
                fp = fingerprint(path, meta)
                if self.unchanged(source, fp):
                    self.report.unchanged_inputs += 1
                    self.progress(1)
                    continue
                reading = read_file(path, meta, cfg.ingest)
            except InputError as exc:
                self.reject_error(exc)
                self.progress(1)
                continue
            except OSError as exc:
                self.reject(Rejected(str(path), "unreadable", str(exc)))
                self.progress(1)
                continue
            if cfg.fetch.follow_feed_links and reading.feed:
                reading = self._follow(reading)
            yield Input(source, str(path), fp, reading)

    def url_inputs(self, urls: list[str]) -> Iterator[Input]:
        from .urls import polite_order, read_url

        cfg = self.ctx.config
        for url in polite_order(urls):
            self.report.inputs += 1
            if self.unchanged(url, None):
                self.report.unchanged_inputs += 1
                self.progress(1)
                continue
            try:
                articles, is_feed = read_url(url, self.fetcher, cfg.ingest)
                self.report.fetched += 1
            except InputError as exc:
                self.reject_error(exc)
                self.progress(1)
                continue
            if not is_feed:
                yield Input(url, url, _raw_fingerprint(articles[0]), Reading(articles))
                continue
            reading = Reading([a for a in articles if not self.unchanged(a.source, None)],
                              feed=True)
            if cfg.fetch.follow_feed_links:
                reading = self._follow(reading)
            for article in reading.articles:
                yield Input(article.source, article.source, _raw_fingerprint(article),
                            Reading([article]))

    def _follow(self, reading: Reading) -> Reading:
        from .urls import follow_links

        articles = list(reading.articles)
        follow_links(articles, self.fetcher, self.ctx.config.ingest)
        return Reading(articles, reading.problems, feed=True)

    # --- processing ---------------------------------------------------------------
    def run(self, inputs: Iterable[Input]) -> None:
        size = self.ctx.config.ingest.batch_size
        batch: list[tuple[Input, Article]] = []
        open_inputs: list[Input] = []
        for item in inputs:
            open_inputs.append(item)
            try:
                for article in item.reading.articles:
                    item.pending += 1
                    batch.append((item, article))
                    if len(batch) >= size:
                        self.process(batch)
                        batch = []
            except InputError as exc:  # a reader that gives up half-way
                item.reading.problems.append(exc)
            item.read_all = True
            self.progress(1)
            open_inputs = self.finish(open_inputs)
        if batch:
            self.process(batch)
        self.finish(open_inputs)

    def process(self, batch: list[tuple[Input, Article]]) -> None:
        if self.pipeline is None:
            self.pipeline = Pipeline.from_config(self.ctx)
        report = self.report
        articles = [a for _, a in batch]
        report.read += len(articles)
        result = self.pipeline.run(articles)
        for rejected in result.rejected:
            self.reject(rejected)
        done = {id(a) for a in result.articles}
        for item, article in batch:
            item.pending -= 1
            if id(article) not in done:
                item.failed = True
                continue
            if not article.text.strip():
                self.reject(Rejected(article.source, "no_text",
                                     "nothing left after removing boilerplate"))
                item.failed = True
                continue
            status = self.store.save_article(article)
            if status != "unchanged" and not self._marked_stale:
                self.store.set_state(GRAPH_STALE, "1")
                self._marked_stale = True
            setattr(report, status, getattr(report, status) + 1)
            if article.duplicate_of:
                report.near_copies += 1
            item.ids.append(article.id)

    def finish(self, inputs: list[Input]) -> list[Input]:
        """Record the inputs whose articles are all saved; returns those still open."""
        still_open = []
        for item in inputs:
            if not item.read_all or item.pending:
                still_open.append(item)
                continue
            self.report.processed.append(item.label)
            for problem in item.reading.problems:
                self.reject_error(problem)
            if not item.failed and not item.reading.problems:
                self.store.record_source(item.source, item.fingerprint, "ok", item.ids)
        return still_open


def split_inputs(paths: Iterable[str | Path],
                 url_lists: Iterable[str | Path]) -> tuple[list[Path], list[str],
                                                          list[InputError]]:
    """(files, URLs, problems): URLs given directly or listed in .urls files and url_lists."""
    from .urls import is_url, read_url_list

    files, urls, problems = [], [], []
    direct = [str(p) for p in paths]
    lists = [Path(p) for p in url_lists]
    for found in discover([p for p in direct if not is_url(p)]):
        (lists if found.suffix.lower() in URL_LIST_SUFFIXES else files).append(found)
    urls.extend(p for p in direct if is_url(p))
    for path in lists:
        try:
            listed, bad = read_url_list(path)
        except InputError as exc:
            problems.append(exc)
            continue
        urls.extend(listed)
        problems.extend(bad)
    return files, list(dict.fromkeys(urls)), problems


def ingest(paths: Iterable[str | Path], ctx: Context, *, url_lists: Iterable[str | Path] = (),
           force: bool = False, fetcher: Fetcher | None = None,
           progress: Callable[[int], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> IngestReport:
    """Ingest files, folders and URLs (``paths``) and the URLs listed in ``url_lists``."""
    started = time.perf_counter()
    run = _Run(ctx, force, progress, fetcher)
    files, urls, problems = split_inputs(paths, url_lists)
    if on_total:
        on_total(len(files) + len(urls))
    for problem in problems:
        run.reject_error(problem)
    try:
        run.run(run.file_inputs(files))
        run.run(run.url_inputs(urls))
    finally:
        run.close()
    report = run.report
    if report.added or report.updated or force or ctx.store.get_state(GRAPH_STALE) == "1":
        from ..graph import rebuild

        report.graph = rebuild(ctx)
        ctx.store.set_state(GRAPH_STALE, "0")
    report.seconds = time.perf_counter() - started
    return report

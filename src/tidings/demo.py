"""``tidings demo``: the bundled sample corpus into a fresh store, and what to do next."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

from .config import Config
from .errors import TidingsError
from .ingest.run import ingest
from .pipeline import Context
from .store import open_store


class DemoError(TidingsError):
    pass


def samples_dir() -> Path:
    """The folder of the bundled sample corpus (articles plus meta.jsonl)."""
    return Path(str(resources.files("tidings").joinpath("samples", "corpus")))


def _remove_store(path: Path, force: bool) -> None:
    if not path.exists():
        return
    store = open_store(path)
    try:
        foreign = [s for s in (r[0] for r in store.db.execute("SELECT source FROM sources"))
                   if not s.startswith(str(samples_dir()))]
    finally:
        store.close()
    if foreign and not force:
        raise DemoError(f"{path} holds articles that are not the samples (e.g. {foreign[0]}); "
                        "use --store another.db, or --force to replace it")
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def run_demo(config: Config, force: bool = False) -> str:
    url = config.store.url
    path = Path(url.removeprefix("sqlite:///"))
    _remove_store(path, force)
    ctx = Context(config, open_store(path))
    try:
        report = ingest([samples_dir()], ctx)
        counts = ctx.store.counts()
        langs = Counter(a.lang for a in ctx.store.iter_articles(include_duplicates=True))
    finally:
        ctx.store.close()
    store_opt = "" if url == "tidings.db" else f" --store {url}"
    return "\n".join([
        f"tidings demo: the sample corpus ({report.read} articles) is in {path}",
        "languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())),
        "store: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        "",
        "next:",
        f"  tidings{store_opt} events --actor Aliyev        merged events with an actor",
        f"  tidings{store_opt} export events > events.jsonl  every event with its evidence",
        f"  tidings{store_opt} search Karabakh               full-text search",
        f"  tidings{store_opt} eval --gold {samples_dir().parent / 'gold.jsonl'}",
    ])

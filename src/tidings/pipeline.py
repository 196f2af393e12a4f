"""Registered, versioned stages and the pipeline that runs them.

A stage is a factory registered under a versioned name. Given the :class:`Context` it
returns a callable ``Article -> Article`` (optionally with a ``batch(list) -> list`` method
for stages that need to see several articles at once). Each stage declares the article
fields it ``requires`` and ``assigns``; :class:`Pipeline` checks the chain once, when built.

    @stage("time.rules.v1", requires=("text", "lang", "published"), assigns=("times",))
    def time_rules(ctx: Context) -> Callable[[Article], Article]: ...

Stages change the article they are given and return it (the same object).
Once a stage marks an article as a copy (``duplicate_of``), later stages skip it: a
syndicated copy is kept as evidence of who published it, but not analysed twice.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .config import Config
from .errors import PipelineError, StageError
from .model import Article
from .store.base import Rejected

log = logging.getLogger(__name__)

# What a reader fills in before any stage runs.
READER_FIELDS = frozenset({"raw", "source", "title", "published", "site", "url", "lang"})


class StageFn(Protocol):
    def __call__(self, article: Article) -> Article: ...


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[[Context], StageFn]
    requires: frozenset[str]
    assigns: frozenset[str]
    doc: str = ""


_REGISTRY: dict[str, StageInfo] = {}
# Modules whose import registers the built-in stages (imported when a pipeline is built).
STAGE_MODULES = (
    "tidings.ingest.clean",
    "tidings.ingest.lang",
    "tidings.ingest.meta",
    "tidings.ingest.dedup",
    "tidings.nlp.segment",
    "tidings.nlp.time",
    "tidings.nlp.entities",
    "tidings.nlp.quotes",
    "tidings.nlp.events",
    "tidings.nlp.known_events",
    "tidings.nlp.llm",
)


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()):
    """Register a stage factory under ``name`` (which should end in a version, ``.v1``)."""

    def register(factory: Callable[[Context], StageFn]) -> Callable[[Context], StageFn]:
        if name in _REGISTRY and _REGISTRY[name].factory is not factory:
            raise PipelineError(f"stage {name!r} is registered twice")
        doc = (factory.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = StageInfo(name, factory, frozenset(requires), frozenset(assigns),
                                    doc[0] if doc else "")
        return factory

    return register


def registered_stages() -> dict[str, StageInfo]:
    for module in STAGE_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


class Context:
    """What stages share: the configuration and lazily built resources (models, KB, store).

    A resource is built on first use with ``ctx.resource(key, builder)`` and then reused by
    every stage of the pipeline, so a model is loaded once per run, never at import time.
    """

    def __init__(self, config: Config, store: Any = None):
        self.config = config
        self.store = store
        self._resources: dict[str, Any] = {}

    def resource(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._resources:
            self._resources[key] = build()
        return self._resources[key]

    @property
    def kb(self):
        from .kb import load_kb

        return self.resource("kb", lambda: load_kb(self.config.entities.kb_files))


@dataclass
class RunResult:
    articles: list[Article] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)  # articles a stage failed on


class Pipeline:
    """An ordered, checked list of stages with a per-article error policy."""

    def __init__(self, names: Iterable[str], ctx: Context, on_error: str = "record"):
        registry = registered_stages()
        self.names = list(names)
        self.on_error = on_error
        available = set(READER_FIELDS)
        infos = []
        for name in self.names:
            info = registry.get(name)
            if info is None:
                known = ", ".join(sorted(registry))
                raise PipelineError(f"unknown stage {name!r}; registered stages: {known}")
            missing = info.requires - available
            if missing:
                raise PipelineError(
                    f"stage {name!r} requires {sorted(missing)}, which no earlier stage assigns")
            available |= info.assigns
            infos.append(info)
        self.infos = infos
        self.ctx = ctx
        self._stages: list[StageFn] | None = None

    @classmethod
    def from_config(cls, ctx: Context) -> Pipeline:
        """The configured stages; ``[events] coder = "llm"`` swaps in the LLM event coder."""
        cfg = ctx.config.pipeline
        coder = {"llm": "events.llm.v1"}.get(ctx.config.events.coder, "events.rules.v1")
        names = [coder if name in ("events.rules.v1", "events.llm.v1") else name
                 for name in cfg.stages]
        return cls(names, ctx, cfg.on_error)

    @property
    def stages(self) -> list[StageFn]:
        if self._stages is None:
            self._stages = [info.factory(self.ctx) for info in self.infos]
        return self._stages

    def __call__(self, article: Article) -> Article | None:
        result = self.run([article])
        return result.articles[0] if result.articles else None

    def run(self, articles: list[Article]) -> RunResult:
        """Run every stage over a batch; failures are handled per article."""
        result = RunResult()
        live = list(articles)
        for info, fn in zip(self.infos, self.stages, strict=True):
            todo = [a for a in live if a.duplicate_of is None]
            done = self._run_stage(info, fn, todo, result)
            done_ids = {id(a) for a in done}
            todo_ids = {id(a) for a in todo}
            live = [a for a in live if id(a) in done_ids or id(a) not in todo_ids]
        result.articles = live
        return result

    def _run_stage(self, info: StageInfo, fn: StageFn, articles: list[Article],
                   result: RunResult) -> list[Article]:
        batch = getattr(fn, "batch", None)
        if batch is not None:
            try:
                return batch(articles)
            except Exception:  # fall back to one at a time, to find the culprit
                log.exception("batch of stage %s failed; retrying per article", info.name)
        out = []
        for article in articles:
            try:
                out.append(fn(article))
            except Exception as exc:
                if self.on_error == "raise":
                    raise StageError(info.name, article.id, exc) from exc
                log.warning("stage %s failed on %s: %r", info.name, article.id, exc)
                if self.on_error == "record":
                    result.rejected.append(Rejected(
                        article.source, "stage_error", repr(exc), info.name, article.id))
        return out

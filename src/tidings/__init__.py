"""tidings: scraped multilingual news in, an evidence-linked temporal event graph out.

    >>> from tidings import load_config, open_store, Context, ingest
    >>> ctx = Context(load_config(), open_store("news.db"))
    >>> report = ingest(["articles/"], ctx)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config
from .errors import TidingsError
from .ingest.run import IngestReport, ingest
from .model import (
    Article,
    DateValue,
    Entity,
    EntityMention,
    Event,
    EventActor,
    EventMention,
    Quote,
    Story,
    TimeExpr,
)
from .pipeline import Context, Pipeline, stage
from .store import EventFilter, Store, open_store

__all__ = [
    "Article", "Config", "Context", "DateValue", "Entity", "EntityMention", "Event",
    "EventActor", "EventFilter", "EventMention", "IngestReport", "Pipeline", "Quote", "Store",
    "Story", "TidingsError", "TimeExpr", "__version__", "ingest", "load_config", "open_store",
    "stage",
]

"""The store interface: what the rest of tidings may ask of a backend.

A backend keeps articles (keyed by the hash of their cleaned text, so re-ingesting changes
nothing), the inputs they came from (for incremental ingest), rejected inputs with a
reason, the entity table, merged events and stories. SQLite (``sqlite.py``) is the
default; another backend implements the same methods in a module of its own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Article, Entity, Event, Story


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # entity id or a name/alias fragment
    country: str | None = None  # ISO-3 of any actor
    type: str | None = None
    since: date | None = None
    until: date | None = None
    lang: str | None = None
    article: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Rejected:
    source: str
    code: str
    message: str
    stage: str = ""
    article_id: str = ""


class Store(ABC):
    """Abstract store. Methods that write are atomic; ``close()`` releases the backend."""

    # --- inputs -------------------------------------------------------------------
    @abstractmethod
    def source_fingerprint(self, source: str) -> str | None:
        """The fingerprint recorded when ``source`` was last ingested, if any."""

    @abstractmethod
    def record_source(self, source: str, fingerprint: str, status: str,
                      article_ids: list[str]) -> None: ...

    @abstractmethod
    def record_rejection(self, rejected: Rejected) -> None: ...

    @abstractmethod
    def rejections(self) -> list[Rejected]: ...

    # --- articles -----------------------------------------------------------------
    @abstractmethod
    def save_article(self, article: Article) -> str:
        """Insert or update; returns 'added', 'updated' or 'unchanged'."""

    @abstractmethod
    def article_id_for_hash(self, content_hash: str) -> str | None: ...

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def iter_articles(self, include_duplicates: bool = False) -> Iterator[Article]: ...

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        """Full-text search: (article id, title, snippet) best first."""

    # --- entities, events, stories ------------------------------------------------
    @abstractmethod
    def save_entities(self, entities: list[Entity]) -> None:
        """Replace the entity table with these entities."""

    @abstractmethod
    def entities(self) -> list[Entity]: ...

    @abstractmethod
    def get_entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def replace_events(self, events: list[Event]) -> None: ...

    @abstractmethod
    def events(self, flt: EventFilter | None = None) -> list[Event]: ...

    @abstractmethod
    def get_event(self, event_id: str) -> Event | None: ...

    @abstractmethod
    def replace_stories(self, stories: list[Story]) -> None: ...

    @abstractmethod
    def stories(self) -> list[Story]: ...

    # --- bookkeeping --------------------------------------------------------------
    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

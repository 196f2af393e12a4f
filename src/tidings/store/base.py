"""The store interface: what the rest of tidings may ask of a backend.

A backend keeps articles (keyed by the hash of their cleaned text, so re-ingesting changes
nothing), the inputs they came from (for incremental ingest), rejected inputs with a
reason, the entity table, merged events and stories. SQLite (``sqlite.py``) is the
default; another backend implements the same methods in a module of its own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ..model import Article, Entity, Event, Quote, Story


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
    actor_id: str | None = None  # exactly this entity takes part
    partner_id: str | None = None  # ... and this one too (an actor dyad)
    partner_country: str | None = None  # with ``country``: a country dyad
    site: str | None = None  # reported by this source


@dataclass(frozen=True)
class ArticleFilter:
    lang: str | None = None
    site: str | None = None
    since: date | None = None  # published on or after
    until: date | None = None  # published on or before
    include_duplicates: bool = False
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class QuoteFilter:
    speaker_ids: tuple[str, ...] = ()  # any of these entities (an identity and its same_as)
    article: str | None = None
    lang: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class QuoteRow:
    """A quotation with the article it was read in and the words it covers."""

    article_id: str
    lang: str
    title: str
    published: date | None
    quote: Quote
    text: str


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

    # --- read models for the HTTP API and the web pages -----------------------------
    @abstractmethod
    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many events ``events(flt)`` would return without its limit and offset."""

    @abstractmethod
    def articles(self, flt: ArticleFilter | None = None) -> list[Article]:
        """Articles by publication date (newest first), filtered and paginated."""

    @abstractmethod
    def count_articles(self, flt: ArticleFilter | None = None) -> int: ...

    @abstractmethod
    def article_facets(self) -> dict[str, dict[str, int]]:
        """Article counts by ``lang`` and by ``site`` (originals only)."""

    @abstractmethod
    def search_page(self, query: str, limit: int = 20, offset: int = 0,
                    marks: tuple[str, str] = ("[", "]")) -> tuple[int, list[tuple[str, str, str]]]:
        """Full-text search with a total: (hits, [(article id, title, snippet)]); the
        snippet wraps matched words in ``marks``."""

    @abstractmethod
    def quotes(self, flt: QuoteFilter | None = None) -> list[QuoteRow]:
        """Quotations, newest article first."""

    @abstractmethod
    def count_quotes(self, flt: QuoteFilter | None = None) -> int: ...

    @abstractmethod
    def neighbours(self, entity_id: str, limit: int = 20) -> list[tuple[str, int]]:
        """Entities that take part in events with ``entity_id``: (id, shared events)."""

    @abstractmethod
    def dyads(self, kind: str = "country", limit: int = 20,
              flt: EventFilter | None = None) -> list[tuple[str, str, int]]:
        """Most active pairs, (a, b, events) with a < b: ``kind`` "country" pairs the
        actors' ISO-3 codes, "actor" pairs entity ids."""

    @abstractmethod
    def event_periods(self, granularity: str = "year",
                      flt: EventFilter | None = None) -> list[tuple[str, str, int]]:
        """Event counts by start period and type: (period, type, events), oldest first;
        the period is YYYY, YYYY-MM or YYYY-MM-DD for year, month or day."""

    @abstractmethod
    def event_places(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        """Places events happened at: (place entity id, events), most events first."""

    # --- ingest bookkeeping -------------------------------------------------------
    @abstractmethod
    def add_site_lines(self, site: str, article_id: str, line_hashes: Iterable[str]) -> None:
        """Record that these lines (hashes of their comparison form) occur in an article
        of ``site``; recording the same article again changes nothing."""

    @abstractmethod
    def site_line_counts(self, site: str, line_hashes: Iterable[str]) -> dict[str, int]:
        """In how many recorded articles of ``site`` each line occurs (absent: none)."""

    @abstractmethod
    def save_signature(self, article_id: str, scheme: str, content_hash: str,
                       signature: bytes) -> None:
        """Keep an article's near-duplicate signature (``scheme`` names how it was made)."""

    @abstractmethod
    def iter_signatures(self, scheme: str) -> Iterator[tuple[str, str, bytes | None]]:
        """(article id, content hash, signature or None if none was kept for its current
        text) of every stored original article, oldest first."""

    @abstractmethod
    def get_state(self, key: str) -> str | None: ...

    @abstractmethod
    def set_state(self, key: str, value: str) -> None: ...

    # --- bookkeeping --------------------------------------------------------------
    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

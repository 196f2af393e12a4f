"""The default store: one SQLite file in WAL mode, schema versioned by ``user_version``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import StoreError
from ..model import Article, Entity, Event, Quote, Story, to_plain
from .base import ArticleFilter, EventFilter, QuoteFilter, QuoteRow, Rejected, Store
from .codec import (
    article_from_dict,
    article_to_dict,
    entity_from_dict,
    event_from_dict,
    story_from_dict,
)

# Each entry upgrades the schema by one version; never edit an entry once released.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sources (
        source TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
        article_ids TEXT NOT NULL, seen_at TEXT NOT NULL);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT, text TEXT,
        lang TEXT, site TEXT, url TEXT, published TEXT, published_granularity TEXT,
        duplicate_of TEXT, source TEXT, data TEXT NOT NULL, ingested_at TEXT NOT NULL);
    CREATE INDEX articles_published ON articles(published);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE rejections (
        source TEXT NOT NULL, code TEXT NOT NULL, stage TEXT NOT NULL DEFAULT '',
        article_id TEXT NOT NULL DEFAULT '', message TEXT NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (source, code, stage, article_id));
    CREATE TABLE entities (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
        data TEXT NOT NULL);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, date_start TEXT, date_end TEXT,
        granularity TEXT, modality TEXT, confidence REAL, place_id TEXT, story_id TEXT,
        data TEXT NOT NULL);
    CREATE INDEX events_date ON events(date_start);
    CREATE TABLE event_actors (
        event_id TEXT NOT NULL, entity_id TEXT NOT NULL, role TEXT NOT NULL);
    CREATE INDEX event_actors_entity ON event_actors(entity_id);
    CREATE INDEX event_actors_event ON event_actors(event_id);
    CREATE TABLE event_mentions (
        event_id TEXT NOT NULL, article_id TEXT NOT NULL, start INTEGER, "end" INTEGER);
    CREATE INDEX event_mentions_article ON event_mentions(article_id);
    CREATE INDEX event_mentions_event ON event_mentions(event_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, label TEXT, start TEXT, "end" TEXT, data TEXT NOT NULL);
    """,
    # 2: ingest bookkeeping: lines seen per site (boilerplate across runs), MinHash
    # signatures (near-copies without re-reading articles), small key-value state
    """
    CREATE TABLE site_lines (
        site TEXT NOT NULL, line_hash TEXT NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (site, line_hash, article_id)) WITHOUT ROWID;
    CREATE TABLE signatures (
        article_id TEXT NOT NULL, scheme TEXT NOT NULL, content_hash TEXT NOT NULL,
        signature BLOB NOT NULL, PRIMARY KEY (article_id, scheme));
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fts_terms(query: str) -> str:
    """A user's words as an FTS5 query: each word a quoted phrase, all required."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in query.split())


def _event_where(flt: EventFilter) -> tuple[str, list]:
    """The WHERE clause (over ``events e``) and its arguments for an event filter."""
    where, args = ["1=1"], []
    if flt.type:
        where.append("e.type = ?")
        args.append(flt.type.upper())
    if flt.since:
        where.append("e.date_end >= ?")
        args.append(flt.since.isoformat())
    if flt.until:
        where.append("e.date_start <= ?")
        args.append(flt.until.isoformat())
    if flt.actor:
        where.append(
            "e.id IN (SELECT ea.event_id FROM event_actors ea JOIN entities n"
            " ON n.id = ea.entity_id WHERE n.id = ? OR n.name LIKE ? OR n.data LIKE ?)")
        args += [flt.actor, f"%{flt.actor}%", f"%{flt.actor}%"]
    for country in (flt.country, flt.partner_country):
        if country:
            where.append(
                "e.id IN (SELECT ea.event_id FROM event_actors ea JOIN entities n"
                " ON n.id = ea.entity_id WHERE n.country = ?)")
            args.append(country.upper())
    if flt.article:
        where.append("e.id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)")
        args.append(flt.article)
    if flt.lang:
        where.append(
            "e.id IN (SELECT m.event_id FROM event_mentions m JOIN articles a"
            " ON a.id = m.article_id WHERE a.lang = ?)")
        args.append(flt.lang)
    for entity_id in (flt.actor_id, flt.partner_id):
        if entity_id:
            where.append("e.id IN (SELECT event_id FROM event_actors WHERE entity_id = ?)")
            args.append(entity_id)
    if flt.site:
        where.append(
            "e.id IN (SELECT m.event_id FROM event_mentions m JOIN articles a"
            " ON a.id = m.article_id WHERE a.site = ?)")
        args.append(flt.site)
    return " AND ".join(where), args


class SQLiteStore(Store):
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, check_same_thread=False)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the SQLite store at {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    # --- schema -------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this tidings "
                f"({len(MIGRATIONS)}); upgrade tidings to open it")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.tx():
                self.db.executescript("BEGIN;" + script + f";PRAGMA user_version={number};")

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self.db
            if self.db.in_transaction:
                self.db.commit()
        except BaseException:
            if self.db.in_transaction:
                self.db.rollback()
            raise

    # --- inputs -------------------------------------------------------------------
    def source_fingerprint(self, source: str) -> str | None:
        row = self.db.execute("SELECT fingerprint FROM sources WHERE source=?", (source,))
        found = row.fetchone()
        return found[0] if found else None

    def record_source(self, source: str, fingerprint: str, status: str,
                      article_ids: list[str]) -> None:
        with self.tx():
            self.db.execute(
                "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?)",
                (source, fingerprint, status, json.dumps(article_ids), _now()))

    def record_rejection(self, rejected: Rejected) -> None:
        with self.tx():
            self.db.execute(
                "INSERT OR REPLACE INTO rejections VALUES (?,?,?,?,?,?)",
                (rejected.source, rejected.code, rejected.stage, rejected.article_id,
                 rejected.message, _now()))

    def rejections(self) -> list[Rejected]:
        rows = self.db.execute(
            "SELECT source, code, message, stage, article_id FROM rejections ORDER BY at")
        return [Rejected(*row) for row in rows]

    # --- articles -----------------------------------------------------------------
    def save_article(self, article: Article) -> str:
        digest = article.content_hash
        existing = self.db.execute(
            "SELECT id, content_hash FROM articles WHERE id=? OR content_hash=?",
            (article.id, digest)).fetchall()
        if any(row["content_hash"] == digest for row in existing):
            return "unchanged"
        pub = article.published
        values = (
            digest, article.title, article.text, article.lang, article.site, article.url,
            pub.start.isoformat() if pub else None, pub.granularity if pub else None,
            article.duplicate_of, article.source,
            json.dumps(article_to_dict(article), ensure_ascii=False), _now(), article.id)
        with self.tx():
            if existing:
                self.db.execute(
                    "UPDATE articles SET content_hash=?, title=?, text=?, lang=?, site=?, url=?,"
                    " published=?, published_granularity=?, duplicate_of=?, source=?, data=?,"
                    " ingested_at=? WHERE id=?", values)
                return "updated"
            self.db.execute(
                "INSERT INTO articles (content_hash, title, text, lang, site, url, published,"
                " published_granularity, duplicate_of, source, data, ingested_at, id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
        return "added"

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        return article_from_dict(json.loads(row[0])) if row else None

    def iter_articles(self, include_duplicates: bool = False) -> Iterator[Article]:
        sql = "SELECT data FROM articles"
        if not include_duplicates:
            sql += " WHERE duplicate_of IS NULL"
        for row in self.db.execute(sql + " ORDER BY published, id").fetchall():
            yield article_from_dict(json.loads(row[0]))

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        terms = _fts_terms(query)
        if not terms:
            return []
        rows = self.db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', ' … ', 12)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (terms, limit))
        return [tuple(r) for r in rows]

    # --- entities -----------------------------------------------------------------
    def save_entities(self, entities: list[Entity]) -> None:
        with self.tx():
            self.db.execute("DELETE FROM entities")
            self.db.executemany(
                "INSERT INTO entities VALUES (?,?,?,?,?)",
                [(e.id, e.type, e.name, e.country, json.dumps(to_plain(e), ensure_ascii=False))
                 for e in entities])

    def entities(self) -> list[Entity]:
        rows = self.db.execute("SELECT data FROM entities ORDER BY name")
        return [entity_from_dict(json.loads(r[0])) for r in rows]

    def get_entity(self, entity_id: str) -> Entity | None:
        row = self.db.execute("SELECT data FROM entities WHERE id=?", (entity_id,)).fetchone()
        return entity_from_dict(json.loads(row[0])) if row else None

    # --- events -------------------------------------------------------------------
    def replace_events(self, events: list[Event]) -> None:
        with self.tx():
            for table in ("events", "event_actors", "event_mentions"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.executemany(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(e.id, e.type, e.mode,
                  e.date.start.isoformat() if e.date else None,
                  e.date.end.isoformat() if e.date else None,
                  e.date.granularity if e.date else None, e.modality, e.confidence,
                  e.place_id, e.story_id, json.dumps(to_plain(e), ensure_ascii=False))
                 for e in events])
            self.db.executemany(
                "INSERT INTO event_actors VALUES (?,?,?)",
                [(e.id, a.entity_id, a.role) for e in events for a in e.actors])
            self.db.executemany(
                "INSERT INTO event_mentions VALUES (?,?,?,?)",
                [(e.id, m.article_id, m.start, m.end) for e in events for m in e.mentions])

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        where, args = _event_where(flt)
        sql = f"SELECT e.data FROM events e WHERE {where} ORDER BY e.date_start, e.id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [flt.limit, flt.offset]
        return [event_from_dict(json.loads(r[0])) for r in self.db.execute(sql, args)]

    def get_event(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT data FROM events WHERE id=?", (event_id,)).fetchone()
        return event_from_dict(json.loads(row[0])) if row else None

    # --- stories ------------------------------------------------------------------
    def replace_stories(self, stories: list[Story]) -> None:
        with self.tx():
            self.db.execute("DELETE FROM stories")
            self.db.executemany(
                "INSERT INTO stories VALUES (?,?,?,?,?)",
                [(s.id, s.label, s.start.isoformat() if s.start else None,
                  s.end.isoformat() if s.end else None,
                  json.dumps(to_plain(s), ensure_ascii=False)) for s in stories])

    def stories(self) -> list[Story]:
        rows = self.db.execute("SELECT data FROM stories ORDER BY start")
        return [story_from_dict(json.loads(r[0])) for r in rows]

    # --- read models for the HTTP API and the web pages -----------------------------
    def count_events(self, flt: EventFilter | None = None) -> int:
        where, args = _event_where(flt or EventFilter())
        return self.db.execute(f"SELECT count(*) FROM events e WHERE {where}", args).fetchone()[0]

    def _article_where(self, flt: ArticleFilter) -> tuple[str, list]:
        where, args = ["1=1"], []
        if not flt.include_duplicates:
            where.append("duplicate_of IS NULL")
        for column, value in (("lang", flt.lang), ("site", flt.site)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        if flt.since:
            where.append("published >= ?")
            args.append(flt.since.isoformat())
        if flt.until:
            where.append("published <= ?")
            args.append(flt.until.isoformat())
        return " AND ".join(where), args

    def articles(self, flt: ArticleFilter | None = None) -> list[Article]:
        flt = flt or ArticleFilter()
        where, args = self._article_where(flt)
        sql = f"SELECT data FROM articles WHERE {where} ORDER BY published DESC, id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [flt.limit, flt.offset]
        return [article_from_dict(json.loads(r[0])) for r in self.db.execute(sql, args)]

    def count_articles(self, flt: ArticleFilter | None = None) -> int:
        where, args = self._article_where(flt or ArticleFilter())
        return self.db.execute(f"SELECT count(*) FROM articles WHERE {where}", args).fetchone()[0]

    def article_facets(self) -> dict[str, dict[str, int]]:
        return {column: dict(self.db.execute(
            f"SELECT {column}, count(*) FROM articles WHERE duplicate_of IS NULL"
            f" AND {column} != '' GROUP BY {column} ORDER BY count(*) DESC, {column}").fetchall())
            for column in ("lang", "site")}

    def search_page(self, query: str, limit: int = 20, offset: int = 0,
                    marks: tuple[str, str] = ("[", "]")) -> tuple[int, list[tuple[str, str, str]]]:
        terms = _fts_terms(query)
        if not terms:
            return 0, []
        total = self.db.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (terms,)).fetchone()[0]
        rows = self.db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, ?, ?, ' … ', 16)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (*marks, terms, limit, offset))
        return total, [tuple(r) for r in rows]

    def _quote_where(self, flt: QuoteFilter) -> tuple[str, list]:
        where, args = ["a.duplicate_of IS NULL"], []
        if flt.speaker_ids:
            marks = ",".join("?" * len(flt.speaker_ids))
            where.append(f"json_extract(q.value, '$.speaker_entity_id') IN ({marks})")
            args += list(flt.speaker_ids)
        for column, value in (("a.id", flt.article), ("a.lang", flt.lang)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        return " AND ".join(where), args

    def quotes(self, flt: QuoteFilter | None = None) -> list[QuoteRow]:
        flt = flt or QuoteFilter()
        where, args = self._quote_where(flt)
        sql = ("SELECT a.id, a.lang, a.title, a.published, q.value, a.text"
               " FROM articles a, json_each(a.data, '$.quotes') q"
               f" WHERE {where} ORDER BY a.published DESC, a.id, q.key")
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [flt.limit, flt.offset]
        out = []
        for article_id, lang, title, published, value, text in self.db.execute(sql, args):
            quote = Quote(**json.loads(value))
            out.append(QuoteRow(article_id, lang or "", title or "",
                                date.fromisoformat(published) if published else None,
                                quote, (text or "")[quote.start:quote.end]))
        return out

    def count_quotes(self, flt: QuoteFilter | None = None) -> int:
        where, args = self._quote_where(flt or QuoteFilter())
        return self.db.execute(
            "SELECT count(*) FROM articles a, json_each(a.data, '$.quotes') q"
            f" WHERE {where}", args).fetchone()[0]

    def neighbours(self, entity_id: str, limit: int = 20) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT b.entity_id, count(DISTINCT a.event_id) AS n FROM event_actors a"
            " JOIN event_actors b ON b.event_id = a.event_id"
            " WHERE a.entity_id = ? AND b.entity_id != a.entity_id"
            " GROUP BY b.entity_id ORDER BY n DESC, b.entity_id LIMIT ?", (entity_id, limit))
        return [tuple(r) for r in rows]

    def dyads(self, kind: str = "country", limit: int = 20,
              flt: EventFilter | None = None) -> list[tuple[str, str, int]]:
        where, args = _event_where(flt or EventFilter())
        if kind == "country":
            pair, joins = "na.country, nb.country", (
                " JOIN entities na ON na.id = a.entity_id JOIN entities nb ON nb.id = b.entity_id"
                " WHERE na.country < nb.country")
        elif kind == "actor":
            pair, joins = "a.entity_id, b.entity_id", " WHERE a.entity_id < b.entity_id"
        else:
            raise ValueError(f"unknown dyad kind {kind!r}; choose country or actor")
        rows = self.db.execute(
            f"SELECT {pair}, count(DISTINCT a.event_id) AS n FROM event_actors a"
            f" JOIN event_actors b ON b.event_id = a.event_id{joins}"
            f" AND a.event_id IN (SELECT e.id FROM events e WHERE {where})"
            " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?", [*args, limit])
        return [tuple(r) for r in rows]

    def event_periods(self, granularity: str = "year",
                      flt: EventFilter | None = None) -> list[tuple[str, str, int]]:
        width = {"year": 4, "month": 7, "day": 10}.get(granularity)
        if width is None:
            raise ValueError(f"unknown granularity {granularity!r}; choose year, month or day")
        where, args = _event_where(flt or EventFilter())
        rows = self.db.execute(
            f"SELECT substr(e.date_start, 1, {width}), e.type, count(*) FROM events e"
            f" WHERE {where} AND e.date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", args)
        return [tuple(r) for r in rows]

    def event_places(self, flt: EventFilter | None = None) -> list[tuple[str, int]]:
        where, args = _event_where(flt or EventFilter())
        rows = self.db.execute(
            f"SELECT e.place_id, count(*) AS n FROM events e WHERE {where}"
            " AND e.place_id IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1", args)
        return [tuple(r) for r in rows]

    # --- ingest bookkeeping -------------------------------------------------------
    def add_site_lines(self, site: str, article_id: str, line_hashes: Iterable[str]) -> None:
        with self.tx():
            self.db.executemany("INSERT OR IGNORE INTO site_lines VALUES (?,?,?)",
                                [(site, h, article_id) for h in line_hashes])

    def site_line_counts(self, site: str, line_hashes: Iterable[str]) -> dict[str, int]:
        hashes = list(line_hashes)
        out: dict[str, int] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            rows = self.db.execute(
                "SELECT line_hash, count(*) FROM site_lines WHERE site = ? AND line_hash IN"
                f" ({','.join('?' * len(chunk))}) GROUP BY line_hash", [site, *chunk])
            out.update({h: n for h, n in rows})
        return out

    def save_signature(self, article_id: str, scheme: str, content_hash: str,
                       signature: bytes) -> None:
        with self.tx():
            self.db.execute("INSERT OR REPLACE INTO signatures VALUES (?,?,?,?)",
                            (article_id, scheme, content_hash, signature))

    def iter_signatures(self, scheme: str) -> Iterator[tuple[str, str, bytes | None]]:
        rows = self.db.execute(
            "SELECT a.id, a.content_hash, s.signature FROM articles a LEFT JOIN signatures s"
            " ON s.article_id = a.id AND s.scheme = ? AND s.content_hash = a.content_hash"
            " WHERE a.duplicate_of IS NULL ORDER BY a.ingested_at, a.rowid", (scheme,))
        for row in rows:
            yield row[0], row[1], row[2]

    def get_state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self.tx():
            self.db.execute("INSERT OR REPLACE INTO state VALUES (?,?)", (key, value))

    # --- bookkeeping --------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "near_copies": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "sources": one("SELECT count(*) FROM sources"),
            "rejected": one("SELECT count(*) FROM rejections"),
            "entities": one("SELECT count(*) FROM entities"),
            "events": one("SELECT count(*) FROM events"),
            "event_mentions": one("SELECT count(*) FROM event_mentions"),
            "stories": one("SELECT count(*) FROM stories"),
        }

    def close(self) -> None:
        self.db.close()

"""Readers: turn one input file into articles (raw text or HTML plus metadata).

``read_file`` looks at the name and the first bytes and hands the file to the reader of
its format: plain text in any common encoding (``encoding.py``), HTML, JSON Lines with
news-crawler fields, RSS/Atom feeds (``feeds.py``) and WARC archives (``warc.py``), each
optionally gzipped. Readers set ``raw`` and the metadata they find; the cleaning stages
produce the text.

A file that cannot be read raises :class:`InputError` with a reason code (empty,
too_large, unsupported, binary, corrupt, undecodable, malformed, unreadable) so the caller
can report it by name and go on with the others. Problems with single records of a
multi-record file (a broken JSON line, an oversized WARC record) are collected in
``Reading.problems`` while the other records are read.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, DateValue
from .encoding import declared_charset, decode, plausibility, utf16_without_bom

log = logging.getLogger(__name__)
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc"}
URL_LIST_SUFFIXES = {".urls"}
GZIP_MAGIC = b"\x1f\x8b"
# Formats people put in news folders that tidings cannot read: named, so the message is clear.
KNOWN_BINARY = {
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document", b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive", b"BZh": "a bzip2 archive",
}


@dataclass
class Reading:
    """What a reader made of one input: its articles (possibly read lazily, as for WARC
    archives) and the problems with single records, filled while the articles are read."""

    articles: Iterable[Article]
    problems: list[InputError] = field(default_factory=list)
    feed: bool = False  # the articles are a feed's entries


def check_bytes(data: bytes, source: str, max_bytes: int) -> None:
    if not data.strip():
        raise InputError(source, "empty", "the file is empty")
    if len(data) > max_bytes:
        raise InputError(source, "too_large",
                         f"{len(data):,} bytes is over the limit of {max_bytes:,} "
                         "(raise ingest.max_bytes to read it)")
    for magic, what in KNOWN_BINARY.items():
        if data.startswith(magic):
            raise InputError(source, "unsupported", f"this is {what}, not a text or HTML file")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = utf16_without_bom(head)
        if utf16 is None or plausibility(head[:len(head) // 2 * 2].decode(utf16, "replace")) \
                <= 0.5:
            raise InputError(source, "binary", "binary content (NUL bytes), not text")


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing to inflate past ``max_bytes`` (a gzip bomb)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
        if len(out) > max_bytes:
            raise InputError(source, "too_large", f"more than {max_bytes:,} bytes once "
                             "decompressed (raise ingest.max_bytes to read it)")
        if not inflater.eof:
            raise InputError(source, "corrupt", "the gzip data is truncated or damaged")
    except zlib.error as exc:
        raise InputError(source, "corrupt", f"the gzip data is damaged: {exc}") from None
    return out


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def url_id(url: str) -> str:
    """A stable article id for a web page: its host and a hash of the URL."""
    return f"{host_of(url) or 'web'}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


def apply_meta(article: Article, meta: dict) -> None:
    """Sidecar or record metadata (published, site, url, lang, title, author) onto an
    article; ``published_source`` says where the date came from."""
    if meta.get("published"):
        value = meta["published"]
        try:
            article.published = (value if isinstance(value, DateValue)
                                 else DateValue.parse(str(value)[:10]))
            article.published_source = meta.get("published_source", "sidecar")
        except ValueError:
            log.warning("%s: unreadable publication date %r ignored", article.source, value)
    for key in ("site", "url", "lang", "title", "author"):
        if meta.get(key):
            setattr(article, key, str(meta[key]))
    if meta.get("note"):
        article.provenance["note"] = meta["note"]


def file_id(path: Path) -> str:
    """An article id for a file input: its name without the extension (and without .gz)."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem or name


def _article(path: Path, raw: str, fmt: str, meta: dict) -> Article:
    article = Article(id=meta.get("id") or file_id(path), raw=raw, raw_format=fmt,  # type: ignore[arg-type]
                      source=str(path))
    apply_meta(article, meta)
    return article


def read_jsonl(path: Path, text: str) -> Reading:
    """News-crawler records: url, title, maintext|text|content (or html), date_publish,
    language, authors. A line that is not JSON is reported; the others are read."""
    reading = Reading([])
    out: list[Article] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            reading.problems.append(InputError(
                f"{path}#{number}", "malformed", f"line {number} is not a JSON object: {exc}"))
            continue
        body = rec.get("maintext") or rec.get("text") or rec.get("content") or ""
        html = rec.get("html") or ""
        if not (body or html):
            continue
        rid = str(rec.get("id") or f"{file_id(path)}-{number}")
        record_meta = {
            "title": rec.get("title"), "url": rec.get("url"),
            "site": rec.get("source_domain") or rec.get("site"),
            "published": rec.get("date_publish") or rec.get("published") or rec.get("date"),
            "lang": rec.get("language") or rec.get("lang"), "author": _author(rec),
            "published_source": "record",
        }
        article = Article(id=rid, raw=body or html, raw_format="text" if body else "html",
                          source=f"{path}#{number}")
        apply_meta(article, {k: v for k, v in record_meta.items() if v})
        out.append(article)
    reading.articles = out
    return reading


def _author(rec: dict) -> str:
    authors = rec.get("authors") or rec.get("author") or ""
    return ", ".join(map(str, authors)) if isinstance(authors, list) else str(authors)


def looks_like_html(data: bytes) -> bool:
    head = data.lstrip()[:1024].lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def is_feed_bytes(data: bytes) -> bool:
    head = data.lstrip()[:2048].lower()
    return bool(re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head))


def _suffix(path: Path) -> tuple[str, bool]:
    """(format suffix, gzipped): 'a.warc.gz' -> ('.warc', True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def precheck(path: Path, cfg: IngestConfig) -> None:
    """What can be told from the file system alone: missing, empty, or too large to read
    (archives are streamed, so they have no size limit)."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        code = "missing" if not path.exists() else "unreadable"
        raise InputError(source, code, "no such file" if code == "missing" else str(exc)) \
            from None
    if not path.is_file():
        raise InputError(source, "unreadable", "not a regular file")
    if size == 0:
        raise InputError(source, "empty", "the file is empty")
    suffix, gz = _suffix(path)
    if not gz and suffix not in WARC_SUFFIXES and size > cfg.max_bytes:
        raise InputError(source, "too_large", f"{size:,} bytes is over the limit of "
                         f"{cfg.max_bytes:,} (raise ingest.max_bytes to read it)")


def read_file(path: Path, meta: dict, cfg: IngestConfig) -> Reading:
    """Read one input file into articles, or raise InputError saying why not."""
    source = str(path)
    precheck(path, cfg)
    suffix, gz = _suffix(path)
    if suffix in WARC_SUFFIXES:
        from .warc import read_warc

        return read_warc(path, meta, cfg)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, "unreadable", str(exc)) from None
    if gz or data.startswith(GZIP_MAGIC):
        data = gunzip(data, source, cfg.max_bytes)
    check_bytes(data, source, cfg.max_bytes)
    if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and is_feed_bytes(data)):
        if not is_feed_bytes(data):
            raise InputError(source, "unsupported", "an XML file that is not an RSS or Atom feed")
        from .feeds import read_feed

        return Reading(read_feed(data, source, meta), feed=True)
    if suffix not in (TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES):
        suffix = ".html" if looks_like_html(data) else ".txt"
    html = suffix in HTML_SUFFIXES
    text = decode(data, source, cfg.encodings, declared_charset(data) if html else None)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path, text)
    return Reading([_article(path, text, "html" if html else "text", meta)])

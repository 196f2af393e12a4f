"""WARC archives (warcio): every archived HTML page becomes an article.

Response (and resource) records whose HTTP status is 2xx and whose content type is HTML
are read, one at a time, so an archive of any size streams through; a record over
``ingest.max_bytes`` is reported and skipped. The page's URL is the record's target URI
and its id ``<archive name>-<record number>``; the capture time is kept in the provenance
(it is not the publication date).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article
from .encoding import declared_charset, decode
from .fetch import media_type
from .readers import Reading, apply_meta, file_id, host_of

log = logging.getLogger(__name__)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, meta: dict, cfg: IngestConfig) -> Reading:
    """A lazy reading of the archive at ``path`` (records are read as articles are taken)."""
    reading = Reading([])
    reading.articles = _records(path, meta, cfg, reading.problems)
    return reading


def _records(path: Path, meta: dict, cfg: IngestConfig,
             problems: list[InputError]) -> Iterator[Article]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stem = file_id(path)
    number = 0
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):  # noqa: B007
                article = _article(record, f"{stem}-{number}", f"{path}#{number}", cfg,
                                   problems)
                if article is not None:
                    # a sidecar row describes the archive, not its pages: only its language
                    apply_meta(article, {"lang": meta.get("lang")})
                    yield article
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError,
            TypeError) as exc:  # warcio meets damaged records with any of these
        problems.append(InputError(str(path), "corrupt",
                                   f"the archive is damaged after record {number}: {exc}"))


def _article(record, rid: str, source: str, cfg: IngestConfig,
             problems: list[InputError]) -> Article | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media, charset = media_type(content_type)
    if media not in HTML_TYPES:
        return None
    body = record.content_stream().read(cfg.max_bytes + 1)
    if len(body) > cfg.max_bytes:
        problems.append(InputError(source, "too_large", f"the page {uri} is over "
                                   f"{cfg.max_bytes:,} bytes (ingest.max_bytes)"))
        return None
    if not body.strip():
        return None
    try:
        html = decode(body, source, cfg.encodings, charset or declared_charset(body))
    except InputError as exc:
        problems.append(exc)
        return None
    article = Article(id=rid, raw=html, raw_format="html", source=source, url=uri,
                      site=host_of(uri))
    captured = record.rec_headers.get_header("WARC-Date")
    if captured:
        article.provenance["captured"] = captured
    return article

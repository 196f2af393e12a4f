"""Web inputs: URLs given on the command line or listed in a file, fetched and read.

A URL list is a text file (``.urls``, or any file passed with ``--urls``) with one URL a
line; blank lines and lines starting with ``#`` are ignored. A fetched page becomes one
article (HTML or plain text); a fetched RSS/Atom feed becomes one article per entry. The
fetching itself (timeouts, size cap, robots.txt, politeness, address rules) is the
:class:`~tidings.ingest.fetch.Fetcher`'s business.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article
from .encoding import declared_charset, decode
from .feeds import read_feed
from .fetch import Fetcher, Response
from .readers import host_of, is_feed_bytes, looks_like_html, url_id

log = logging.getLogger(__name__)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def is_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def read_url_list(path: Path) -> tuple[list[str], list[InputError]]:
    """The URLs listed in a file, in order and without repeats, and the lines that are not
    URLs (reported, not fatal)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), "unreadable", f"not a readable URL list: {exc}") from None
    urls: dict[str, None] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.setdefault(line, None)
        else:
            problems.append(InputError(f"{path}#{number}", "bad_url",
                                       f"line {number} is not an http(s) URL: {line[:80]!r}"))
    return list(urls), problems


def polite_order(urls: Iterable[str]) -> list[str]:
    """Round-robin over hosts, so waiting for one host's delay overlaps other hosts' work."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(urlsplit(url).netloc, []).append(url)
    queues = list(by_host.values())
    out = []
    while queues:
        for queue in list(queues):
            out.append(queue.pop(0))
            if not queue:
                queues.remove(queue)
    return out


def is_feed_response(resp: Response) -> bool:
    return resp.content_type in FEED_TYPES[:3] or (
        resp.content_type in FEED_TYPES + ("",) and is_feed_bytes(resp.body))


def page_article(resp: Response, requested: str, cfg: IngestConfig) -> Article:
    """A fetched page (HTML or plain text) as an article."""
    if resp.content_type not in PAGE_TYPES:
        raise InputError(requested, "unsupported",
                         f"the server sent {resp.content_type}, not a web page or feed")
    if not resp.body.strip():
        raise InputError(requested, "empty", "the page is empty")
    html = resp.content_type != "text/plain" and (
        resp.content_type != "" or looks_like_html(resp.body))
    text = decode(resp.body, requested, cfg.encodings,
                  resp.charset or (declared_charset(resp.body) if html else None))
    return Article(id=url_id(requested), raw=text, raw_format="html" if html else "text",
                   source=requested, url=resp.url, site=host_of(resp.url))


def read_url(url: str, fetcher: Fetcher, cfg: IngestConfig) -> tuple[list[Article], bool]:
    """(articles, is_feed) for one URL; InputError when it cannot be fetched or read."""
    resp = fetcher.get(url)
    if is_feed_response(resp):
        return read_feed(resp.body, url, {}), True
    return [page_article(resp, url, cfg)], False


def follow_links(articles: list[Article], fetcher: Fetcher, cfg: IngestConfig) -> None:
    """Replace feed entries' text by their linked pages (the feed's title, date and author
    are kept); an entry whose page cannot be fetched keeps the feed's text."""
    for article in articles:
        if not article.url or "feed" not in article.provenance:
            continue
        try:
            page = page_article(fetcher.get(article.url), article.url, cfg)
        except InputError as exc:
            log.warning("kept the feed's text of %s: %s", article.url, exc.message)
            article.provenance["feed"]["page_error"] = exc.message
            continue
        article.raw, article.raw_format = page.raw, page.raw_format
        article.provenance["feed"]["page"] = page.url

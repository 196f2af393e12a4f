"""RSS and Atom feeds (feedparser): every entry becomes an article.

An entry's text is its full content when the feed carries it, else its summary, turned
from HTML into paragraphs; its title, link, author and publication date come with it
(``published_source = "feed"``). The id of an entry with a link is the id the linked page
gets when fetched directly (:func:`~tidings.ingest.readers.url_id`), so the same story read
from a feed and from a URL list is one article. With ``fetch.follow_feed_links`` the
linked page replaces the feed's text (see ``urls.follow_links``).
"""

from __future__ import annotations

import calendar
import hashlib
import logging
from datetime import UTC, datetime

from ..errors import InputError
from ..model import Article, DateValue
from .readers import apply_meta, host_of, url_id

log = logging.getLogger(__name__)
# Elements that end a paragraph when HTML is turned into text.
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "figcaption", "dd", "dt"}
_SKIP = {"script", "style", "noscript", "iframe", "form", "button", "svg"}


def fragment_text(html: str) -> str:
    """An HTML fragment as plain text: one paragraph per block element, blank lines between."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in html:
        return " ".join(html.split())
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join(" ".join(current).split())
        if line:
            parts.append(line)
        current.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                current.append(el.tail)
            return
        if tag in _BLOCKS:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return "\n\n".join(parts)


def _date(entry) -> DateValue | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return DateValue.day(moment.date())


def _body(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "")
    return fragment_text(best if len(best) >= len(summary) else summary)


def read_feed(data: bytes, source: str, meta: dict) -> list[Article]:
    """The entries of an RSS or Atom feed as articles; InputError when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(source, "malformed",
                             f"not a readable feed: {parsed.get('bozo_exception')}")
        raise InputError(source, "empty", "the feed has no entries")
    feed = parsed.get("feed", {})
    site = meta.get("site") or host_of(feed.get("link", "") or "")
    out = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link", "")
        text = _body(entry)
        if not text.strip():
            continue
        key = link or entry.get("id") or f"{source}#{number}"
        rid = url_id(link) if link else (
            f"feed-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}")
        article = Article(id=rid, raw=text, raw_format="text", source=link or key,
                          url=link, site=site or host_of(link))
        apply_meta(article, {"title": entry.get("title"), "author": entry.get("author"),
                             "lang": meta.get("lang")})
        published = _date(entry)
        if published is not None:
            article.published, article.published_source = published, "feed"
        article.provenance["feed"] = {"source": source, "entry": entry.get("id") or link}
        if feed.get("language"):
            article.provenance["feed"]["language"] = feed["language"]
        out.append(article)
    return out

"""Cleaning: from a scraped page to the article body and its real title.

Two stages:

* ``clean.html.v1`` extracts the main text, title, date and author of HTML pages with
  trafilatura (htmldate for the date); plain text passes through.
* ``clean.boilerplate.v1`` works line by line on what remains. A line is page furniture
  when its features say so (share buttons, cookie and recruitment notices, breadcrumbs,
  reading-time lines: the cue phrases of every language in ``nlp/lang/*/boilerplate.toml``;
  lines without letters; short unpunctuated lines above the title), when it opens the
  page's tail ("See also", "Source link", comment forms: it and what follows go), or when
  the same line recurs in several articles of the same site in a batch, as a reader would
  notice. Paragraphs the scraper repeated are kept once; the title is recognised,
  stripped of its site suffix and removed from the body.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from ..model import Article, DateValue
from ..nlp.lexicon import merged_lexicon
from ..pipeline import Context, stage

SENTENCE_END = ".!?…\"”“»)"
TITLE_SEPARATORS = (" | ", " — ", " – ", " - ", " :: ", " · ", " • ")
# A site suffix must be short: the part after the separator has at most this many words.
SUFFIX_MAX_WORDS = 7
# Lines shared by at least this many articles of one site (in one batch) are boilerplate.
SITE_REPEAT_MIN = 3


def _key(line: str) -> str:
    """Comparison form of a line: case-folded, list numbering and edge punctuation removed."""
    line = unicodedata.normalize("NFKC", line).casefold().strip()
    line = re.sub(r"^\d+[.)]\s*", "", line)
    return line.strip(" \t-–—|»«›‹>•·*:;,.!?()[]\"'“”„")


class Cues:
    """The boilerplate cue phrases of all languages (pages mix languages)."""

    def __init__(self) -> None:
        data = merged_lexicon("boilerplate").get("boilerplate", {})
        self.exact = {_key(s) for s in data.get("exact", [])}
        self.contains = [s.casefold() for s in data.get("contains", [])]
        self.tail = {_key(s) for s in data.get("tail", [])}

    def is_furniture(self, line: str) -> bool:
        key = _key(line)
        if not key or not any(ch.isalpha() for ch in key):
            return True
        if key in self.exact:
            return True
        folded = line.casefold()
        if any(c in folded for c in self.contains):
            return True
        return _is_breadcrumb(line)

    def is_tail(self, line: str) -> bool:
        return _key(line) in self.tail


def _is_breadcrumb(line: str) -> bool:
    parts = [p for p in re.split(r"\s*(?:»|›|>|/|\|)\s*", line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 30 and not line.rstrip().endswith((".", ":", ";", ","))


def site_tokens(site: str) -> set[str]:
    """Name parts of a site ('kafkassam.com' -> {'kafkassam'})."""
    return {t for t in re.split(r"[^a-z0-9]+", site.lower()) if len(t) >= 2} - {
        "com", "www", "net", "org", "de", "ru", "tr", "fr", "uk", "az", "am", "ge", "info",
        "news", "republished", "co"}


def _names_site(line: str, tokens: set[str]) -> bool:
    words = set(re.split(r"[^a-z0-9]+", line.casefold()))
    return bool(tokens & words)


def strip_site_suffix(title: str, site: str = "") -> str:
    """'Headline — Site Name' -> 'Headline'. Only the last short segment goes, and only
    after a strong separator (| or —) or when it names the site."""
    title = re.sub(r"^\d+[.)]\s+", "", " ".join(title.split()))
    tokens = site_tokens(site)
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if len(tail.split()) > SUFFIX_MAX_WORDS or len(head.split()) < 2:
            continue
        names_site = _names_site(tail, tokens)
        if sep.strip() in "|—" or names_site:
            return strip_site_suffix(head, site)
    return title


def clean_lines(lines: list[str], cues: Cues, site_repeats: set[str], title: str,
                site: str) -> tuple[str, list[str], list[str]]:
    """Returns (title, body lines, removed lines)."""
    lines = [" ".join(line.split()) for line in lines]
    kept: list[tuple[int, str]] = []
    removed: list[str] = []
    total = sum(len(line) for line in lines) or 1
    seen_chars = 0
    for i, line in enumerate(lines):
        seen_chars += len(line)
        if not line:
            continue
        if cues.is_tail(line) and seen_chars > total / 2:
            removed.extend(x for x in lines[i:] if x)
            break
        if cues.is_furniture(line) or _key(line) in site_repeats:
            removed.append(line)
            continue
        kept.append((i, line))

    # a short line naming the site above the text is the site's banner
    tokens = site_tokens(site)
    while kept and len(kept[0][1].split()) <= 8 and _names_site(kept[0][1], tokens):
        removed.append(kept.pop(0)[1])
    # the title: given by metadata, or the first kept line when it reads like a headline
    if not title and kept and _looks_like_title(kept[0][1]):
        title = kept[0][1]
    title = strip_site_suffix(title, site) if title else ""
    title_key = _key(title)

    body: list[str] = []
    seen: set[str] = set()
    started = False
    for _, line in kept:
        key = _key(line)
        if title_key and (key == title_key or _key(strip_site_suffix(line, site)) == title_key
                          or (title_key in key and len(key) < len(title_key) + 40
                              and not started)):
            removed.append(line)
            continue
        if not started and not line.endswith(tuple(SENTENCE_END)) and len(line.split()) <= 8:
            removed.append(line)  # short unpunctuated lines above the body: site name, nav
            continue
        started = True
        if key in seen and len(key.split()) >= 5:
            removed.append(line)  # a paragraph the scraper repeated
            continue
        seen.add(key)
        body.append(line)
    return title, body, removed


@stage("clean.html.v1", requires=("raw",), assigns=("text", "title", "published", "author"))
def clean_html(ctx: Context) -> Callable[[Article], Article]:
    """Main text, title, date and author of HTML pages (trafilatura, htmldate)."""

    def run(article: Article) -> Article:
        if article.raw_format != "html":
            article.text = article.raw
            return article
        import trafilatura

        text = trafilatura.extract(article.raw, include_comments=False, include_tables=False,
                                   favor_precision=True, deduplicate=True) or ""
        meta = trafilatura.extract_metadata(article.raw)
        if meta is not None:
            article.title = article.title or (meta.title or "")
            article.author = article.author or (meta.author or "")
            article.site = article.site or (meta.sitename or meta.hostname or "")
            article.url = article.url or (meta.url or "")
        if article.published is None:
            from htmldate import find_date

            found = find_date(article.raw, original_date=True, outputformat="%Y-%m-%d")
            if found:
                article.published = DateValue.parse(found)
                article.published_source = "html"
        article.text = text
        return article

    return run


@stage("clean.boilerplate.v1", requires=("text",), assigns=("text", "title", "removed"))
def clean_boilerplate(ctx: Context) -> Callable[[Article], Article]:
    """Line-level boilerplate removal, repeated paragraphs once, title without site suffix."""
    cues = Cues()

    def clean(article: Article, site_repeats: set[str]) -> Article:
        title, body, removed = clean_lines(
            article.text.splitlines(), cues, site_repeats, article.title, article.site)
        article.title = title
        article.text = "\n\n".join(body)
        article.removed = removed
        return article

    def run(article: Article) -> Article:
        return clean(article, set())

    def batch(articles: list[Article]) -> list[Article]:
        per_site: dict[str, Counter[str]] = {}
        for a in articles:
            if a.site:
                keys = {_key(line) for line in a.text.splitlines() if line.strip()}
                per_site.setdefault(a.site, Counter()).update(keys)
        repeats = {site: {k for k, n in c.items() if n >= SITE_REPEAT_MIN and k}
                   for site, c in per_site.items()}
        return [clean(a, repeats.get(a.site, set())) for a in articles]

    run.batch = batch  # type: ignore[attr-defined]
    return run

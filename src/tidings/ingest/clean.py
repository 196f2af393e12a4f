"""Cleaning: from a scraped page to the article body and its real title.

Two stages:

* ``clean.html.v1`` extracts the main text, title, date and author of HTML pages with
  trafilatura (htmldate for the date); plain text passes through.
* ``clean.boilerplate.v2`` works line by line on what remains (``boilerplate.py`` labels
  each line). The body runs from the first to the last line of prose: furniture anywhere
  goes, undecided short lines (subheadings, names, dates) stay only inside the body, and
  the page's tail goes. Lines that recur across articles of the same site go too: the
  store keeps per-site line counts, so this works across runs. A byline above the body
  names the author; the title is recognised, stripped of its site's name and removed from
  the body; paragraphs the scraper repeated are kept once. The lines dropped above the body
  are kept in ``provenance["header"]`` (a date printed there can date the article).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Article, DateValue
from ..pipeline import Context, stage
from .boilerplate import Cues, Label, label_lines, line_features, line_key
from .meta import looks_like_title, names_site, strip_site_suffix

# A repeated line of at least this many words is a paragraph the scraper repeated.
REPEAT_MIN_WORDS = 5
# Lines above the body kept in the provenance, for dating.
HEADER_LINES = 12


@dataclass
class Cleaned:
    title: str
    body: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    author: str = ""


def clean_lines(lines: list[str], cues: Cues, site_repeats: set[str], title: str,
                site: str) -> Cleaned:
    """The body, title, author and removed lines of a page's text."""
    lines = [" ".join(line.split()) for line in lines]
    labels = label_lines(lines, cues, site_repeats)
    prose = [i for i, label in enumerate(labels) if label is Label.PROSE]
    # no prose at all (a feed summary, a list): keep what is not furniture
    first, last = (prose[0], prose[-1]) if prose else (0, len(lines) - 1)
    above = [i for i in range(first) if labels[i] in (Label.SHORT, Label.LOOSE)
             and not (len(lines[i].split()) <= 8 and names_site(lines[i], site))]
    # a lede: a long line worded like text right above the first paragraph (unless it is
    # the only candidate for a title the metadata does not give)
    if above and labels[above[-1]] is Label.LOOSE and (title or len(above) > 1):
        first = above.pop()
    if not title:
        title = _pick_title([lines[i] for i in above], cues, site)
        if not title and first < last and _question_headline(lines[first]):
            title = lines[first]
    out = Cleaned(title=strip_site_suffix(title, site) if title else "")
    title_key = line_key(out.title)
    seen: set[str] = set()
    for i, (line, label) in enumerate(zip(lines, labels, strict=True)):
        if label is None:
            continue
        if i < first:
            out.author = out.author or (cues.byline(line) or "")
            if len(out.header) < HEADER_LINES:
                out.header.append(line)
        key = line_key(line)
        inside = first <= i <= last and label in (
            Label.PROSE, Label.LOOSE, Label.SHORT, Label.REPEATED_PROSE)
        is_title = title_key and title_key in (key, line_key(strip_site_suffix(line, site)))
        repeated = key in seen and len(key.split()) >= REPEAT_MIN_WORDS
        if not inside or is_title or repeated:
            out.removed.append(line)
            continue
        seen.add(key)
        out.body.append(line)
    return out


def _question_headline(line: str) -> bool:
    """A short first line ending in ? or ! is a headline, though it ends like a sentence."""
    return line.rstrip().endswith(("?", "!")) and 2 <= len(line.split()) <= 15


def _pick_title(candidates: list[str], cues: Cues, site: str) -> str:
    """The headline among the short lines above the body: the one the page repeats (with
    and without the site's name), else the longest that reads like a headline."""
    fit = []
    for line in candidates:
        f = line_features(line, 0.0, cues)
        if looks_like_title(line) and not cues.byline(line) and f.digit_share <= 0.2 \
                and f.separators < 0.2 and f.words >= 3:
            fit.append(line)
    keys = [line_key(strip_site_suffix(line, site)) for line in fit]
    for line, key in zip(fit, keys, strict=True):
        if keys.count(key) > 1:
            return line
    return max(fit, key=lambda x: len(x.split()), default="")


@stage("clean.html.v1", requires=("raw",), assigns=("text", "title", "published", "author"))
def clean_html(ctx: Context) -> Callable[[Article], Article]:
    """Main text, title, date and author of HTML pages (trafilatura, htmldate)."""

    def run(article: Article) -> Article:
        if article.raw_format != "html":
            article.text = article.raw
            return article
        import trafilatura

        options = {"include_comments": False, "include_tables": False, "deduplicate": True}
        # precision first (the page's furniture is best left out here); recall when that
        # finds nothing, as on some short pages
        text = (trafilatura.extract(article.raw, favor_precision=True, **options)
                or trafilatura.extract(article.raw, favor_recall=True, **options) or "")
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


def _line_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class SiteLines:
    """Which lines recur across a site's articles: counted in the store when there is one
    (so the signal grows across runs), else within the batch."""

    def __init__(self, store, minimum: int):
        self.store = store
        self.minimum = minimum

    def repeats(self, articles: list[Article]) -> dict[str, set[str]]:
        """Site -> keys of the lines found in at least ``minimum`` of its articles."""
        keys: dict[str, dict[str, str]] = {}  # site -> hash -> key
        per_site: dict[str, dict[str, set[str]]] = {}  # site -> article id -> hashes
        for a in articles:
            if not a.site:
                continue
            hashes = per_site.setdefault(a.site, {}).setdefault(a.id, set())
            for line in a.text.splitlines():
                key = line_key(line)
                if key:
                    h = _line_hash(key)
                    keys.setdefault(a.site, {})[h] = key
                    hashes.add(h)
        out: dict[str, set[str]] = {}
        for site, by_article in per_site.items():
            if self.store is not None:
                for article_id, hashes in by_article.items():
                    self.store.add_site_lines(site, article_id, hashes)
                counts = self.store.site_line_counts(site, set(keys.get(site, {})))
            else:
                counts = Counter(h for hashes in by_article.values() for h in hashes)
            out[site] = {keys[site][h] for h, n in counts.items() if n >= self.minimum}
        return out


@stage("clean.boilerplate.v2", requires=("text",),
       assigns=("text", "title", "removed", "author"))
def clean_boilerplate(ctx: Context) -> Callable[[Article], Article]:
    """Page furniture removed line by line; repeated paragraphs once; the real title.

    Lines go by cue phrases, line features and recurrence on the site; see the module."""
    cues = Cues.load()
    site_lines = SiteLines(ctx.store, ctx.config.ingest.site_repeat_min)

    def clean(article: Article, site_repeats: set[str]) -> Article:
        cleaned = clean_lines(article.text.splitlines(), cues, site_repeats, article.title,
                              article.site)
        article.title = cleaned.title
        article.text = "\n\n".join(cleaned.body)
        article.removed = cleaned.removed
        article.author = article.author or cleaned.author
        if cleaned.header:
            article.provenance["header"] = cleaned.header
        return article

    def batch(articles: list[Article]) -> list[Article]:
        repeats = site_lines.repeats(articles)
        return [clean(a, repeats.get(a.site, set())) for a in articles]

    def run(article: Article) -> Article:
        return batch([article])[0]

    run.batch = batch  # type: ignore[attr-defined]
    return run

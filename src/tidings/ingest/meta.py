"""Article metadata read from the page itself: the real title and the publication date.

* Titles lose a site's name: ``Headline — Site Name`` or ``Site | Headline`` -> ``Headline``
  (:func:`strip_site_suffix`).
* ``meta.dateline.v1`` reads the dateline that opens many reports ("MOSCOW, Nov 10
  (Reuters) -", "БАКУ, 4 сентября. /ТАСС/.", "PARIS, 3 mars (AFP) -") with the month names
  of the article's language (``nlp/lang/<code>/time.toml``), or a date printed above the
  article. A date the input's metadata gave at day precision wins; a coarser one (a month,
  a year) is refined when the page's date falls inside it. ``published_source`` records
  where the date came from: sidecar, record, feed, html, dateline, page, or a refinement
  such as ``sidecar+dateline``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

from ..model import Article, DateValue
from ..nlp.lexicon import load_lexicon, merged_lexicon
from ..pipeline import Context, stage

TITLE_SEPARATORS = (" | ", " — ", " – ", " - ", " :: ", " · ", " • ", " / ")
STRONG_SEPARATORS = ("|", "—", "::", "·", "•", "/")
# A site name is short: the part after the separator has at most this many words.
SUFFIX_MAX_WORDS = 7
_SITE_STOPWORDS = {"com", "www", "net", "org", "de", "ru", "tr", "fr", "uk", "az", "am", "ge",
                   "info", "news", "co", "html", "http", "https"}


# --- titles -----------------------------------------------------------------------
def _fold(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text).casefold()


def site_tokens(site: str) -> list[str]:
    """Name parts of a site ('kafkas-gundem.com.tr' -> ['kafkas', 'gundem']), in order."""
    host = site.split()[0] if site.split() else ""
    labels = [x for x in host.casefold().removeprefix("www.").split(".") if x]
    name = next((x for x in labels if x not in _SITE_STOPWORDS), "")
    return [t for t in re.split(r"[^\w]+", name) if len(t) >= 2 and t not in _SITE_STOPWORDS]


def names_site(line: str, site: str) -> bool:
    """Whether the line, or one of its parts between separators, is the site's name: in
    any script ('Закавказье сегодня' names zakavkazye-segodnya.ru), most of its words being
    the site's name parts or its letters spelling the name."""
    from rapidfuzz import fuzz

    tokens = site_tokens(site)
    if not tokens:
        return False
    compact_site = "".join(tokens)
    for part in re.split(r"\s+[|—–\-:·•/]\s+|\s*[»›]\s*", line):
        words = [w for w in re.split(r"[^a-z0-9]+", _fold(part)) if w]
        if not words:
            continue
        if sum(w in tokens for w in words) / len(words) >= 0.5:
            return True
        compact = "".join(words)
        if len(compact_site) >= 4 and fuzz.ratio(compact, compact_site) >= 80:
            return True
    return False


def looks_like_title(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 30 and not line.rstrip().endswith((".", ":", ";", ","))


def strip_site_suffix(title: str, site: str = "") -> str:
    """'Headline — Site Name' -> 'Headline'. Only a short last segment goes, and only after a
    strong separator (| — :: · • /) or when it names the site; a short first segment that
    names the site goes too ('Site | Headline')."""
    title = re.sub(r"^\d+[.)]\s+", "", " ".join(title.split()))
    for sep in TITLE_SEPARATORS:
        head, found, tail = title.partition(sep)
        if found and len(head.split()) <= 4 and len(tail.split()) >= 3 \
                and names_site(head, site) and not names_site(tail, site):
            return strip_site_suffix(tail, site)
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if len(tail.split()) > SUFFIX_MAX_WORDS or len(head.split()) < 2:
            continue
        if sep.strip() in STRONG_SEPARATORS or names_site(tail, site):
            return strip_site_suffix(head, site)
    return title


# --- dates ------------------------------------------------------------------------
_PLACE = r"[^\W\d_][^\W\d_.'’-]*(?:[ .'’-]{1,2}[^\W\d_]+){0,3}?"
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")


def _months(lang: str | None) -> dict[str, int]:
    """Month names of the language (of every language when it is unknown or has none)."""
    found = load_lexicon(lang, "time").get("months", {}) if lang else {}
    return found or merged_lexicon("time").get("months", {})


def _year_suffixes(lang: str | None) -> list[str]:
    data = load_lexicon(lang, "boilerplate") if lang else merged_lexicon("boilerplate")
    return data.get("dateline", {}).get("year_suffixes", [])


def _date_pattern(lang: str | None) -> str:
    names = sorted(_months(lang), key=len, reverse=True)
    month = "(?i:" + "|".join(re.escape(n) for n in names) + ")"
    suffix = "|".join(re.escape(s) for s in _year_suffixes(lang))
    year = r"(?:,?\s+(?P<y>(?:19|20)\d\d)" + (rf"(?:\s*(?i:{suffix}))?" if suffix else "") + ")?"
    return (rf"(?:(?P<d1>\d{{1,2}})\.?\s+(?P<m1>{month})\.?|"
            rf"(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?){year}(?![\w])")


@cache
def dateline_regex(lang: str | None) -> re.Pattern[str]:
    """'PLACE[, REGION], <day month | month day>[, year]' then an agency or a dash, stop or
    colon, at the start of a paragraph."""
    return re.compile(rf"^\s*(?P<place>{_PLACE}(?:,\s*{_PLACE})?)\s*,\s*{_date_pattern(lang)}"
                      r"\s*(?=[(/\-–—.:])")


@cache
def _page_date_regex(lang: str | None) -> re.Pattern[str]:
    return re.compile(_date_pattern(lang))


def _month_number(name: str, lang: str | None) -> int | None:
    months = _months(lang)
    return months.get(name.casefold()) or months.get(name.casefold().rstrip("."))


def _make(year: int | None, month: int | None, day: int | None) -> date | None:
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dateline(text: str, lang: str | None) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of the dateline opening ``text``, or None."""
    found = dateline_regex(lang).match(text[:160])
    if not found:
        return None
    name = found.group("m1") or found.group("m2")
    month = _month_number(name, lang)
    day = int(found.group("d1") or found.group("d2"))
    if month is None or not 1 <= day <= 31:
        return None
    return (int(found.group("y")) if found.group("y") else None), month, day


def page_date(lines: list[str], lang: str | None) -> date | None:
    """The first full date printed in the lines above an article (ISO, 10.11.2020, or
    with a month name of the language)."""
    for line in lines:
        if len(line.split()) > 12:
            continue
        for regex in (_ISO, _DOTTED):
            m = regex.search(line)
            if m:
                parts = [int(x) for x in m.groups()]
                day = _make(*parts) if regex is _ISO else _make(parts[2], parts[1], parts[0])
                if day:
                    return day
        m = _page_date_regex(lang).search(line)
        if m and m.group("y"):
            month = _month_number(m.group("m1") or m.group("m2"), lang)
            day = _make(int(m.group("y")), month, int(m.group("d1") or m.group("d2")))
            if day:
                return day
    return None


def resolve_published(article: Article) -> None:
    """Set or refine ``article.published`` from the dateline or a date above the article."""
    current = article.published
    if current is not None and current.granularity == "day":
        return
    lang = article.lang or None
    found = parse_dateline(article.text, lang)
    header = page_date(article.provenance.get("header", []), lang)
    candidates: list[tuple[date, str]] = []
    if found is not None:
        year, month, day = found
        article.provenance["dateline"] = f"{year or '????'}-{month:02d}-{day:02d}"
        years = [year] if year else [y for y in (
            current.start.year if current else None,
            current.end.year if current else None, header.year if header else None) if y]
        for y in dict.fromkeys(years):
            made = _make(y, month, day)
            if made:
                candidates.append((made, "dateline"))
    if header is not None:
        candidates.append((header, "page"))
    for day, source in candidates:
        if current is None:
            article.published, article.published_source = DateValue.day(day), source
            return
        if current.start <= day <= current.end:
            article.published = DateValue.day(day)
            article.published_source = f"{article.published_source or 'meta'}+{source}"
            return


@stage("meta.dateline.v1", requires=("text", "lang"), assigns=("published",))
def dateline(ctx: Context) -> Callable[[Article], Article]:
    """Publication date from a dateline or a date printed above the article.

    Used when the metadata gave none, or refines a month or year it gave."""

    def run(article: Article) -> Article:
        resolve_published(article)
        return article

    return run

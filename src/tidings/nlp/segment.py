"""Paragraphs and sentences as spans of the cleaned text.

Sentences end at . ! ? … (and a closing quote after them) followed by a capital, a digit
or an opening quote, except after an abbreviation of the article's language
(``nlp/lang/<code>/segment.toml``), a single initial, or a one- or two-digit ordinal
("am 4. September").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..model import Article, Span
from ..pipeline import Context, stage
from .lexicon import load_lexicon

_BOUNDARY = re.compile(r"[.!?…]+[\"”“»’']*\)?(?=\s+[\"„“«‘'(]?[\w])")


@cache
def abbreviations(lang: str) -> frozenset[str]:
    """The words of ``lang`` that end with a period without ending a sentence (folded, no
    trailing period)."""
    return frozenset(a.casefold().rstrip(".")
                     for a in load_lexicon(lang, "segment").get("abbreviations", []))


def paragraphs(text: str) -> list[Span]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end))
    return out


def sentences(text: str, para: Span, abbreviations: frozenset[str]) -> list[Span]:
    out = []
    start = para.start
    chunk = text[para.start:para.end]
    for m in _BOUNDARY.finditer(chunk):
        end = para.start + m.end()
        before = chunk[:m.start()].split()
        last = before[-1] if before else ""
        nxt = chunk[m.end():].lstrip()[:1]
        if m.group().startswith(".") and (
                last.casefold().rstrip(".") in abbreviations
                or re.fullmatch(r"[A-ZА-ЯÀ-Ý]", last)
                or re.fullmatch(r"\d{1,2}", last)
                or nxt.islower()):
            continue
        if end > start:
            out.append(Span(start, end))
        start = end
        while start < para.end and text[start].isspace():
            start += 1
    if start < para.end:
        out.append(Span(start, para.end))
    return out


@stage("text.segment.v1", requires=("text", "lang"), assigns=("paragraphs", "sentences"))
def segment(ctx: Context) -> Callable[[Article], Article]:
    """Paragraph and sentence spans."""

    def run(article: Article) -> Article:
        abbr = abbreviations(article.lang)
        article.paragraphs = paragraphs(article.text)
        article.sentences = [s for p in article.paragraphs
                             for s in sentences(article.text, p, abbr)]
        return article

    return run

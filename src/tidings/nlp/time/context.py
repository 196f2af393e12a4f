"""Sentences, clauses and tense around a position: the context an expression is read in."""

from __future__ import annotations

from bisect import bisect_right

from ...model import Span
from ..segment import paragraphs, sentences
from .grammar import Grammar


def split_sentences(text: str, grammar: Grammar) -> list[Span]:
    """Sentence spans of ``text`` (the segmenter's rules, for callers without an Article)."""
    return [s for p in paragraphs(text) for s in sentences(text, p, grammar.abbreviations)]


def sentence_at(spans: list[Span], offset: int) -> Span | None:
    """The span holding ``offset``; ``spans`` are sorted and disjoint."""
    i = bisect_right(spans, offset, key=lambda s: s.end)  # the first span ending after it
    if i < len(spans) and spans[i].start <= offset:
        return spans[i]
    return None


def clause_breaks(text: str, sentence: Span, grammar: Grammar) -> list[int]:
    """Offsets where a new clause starts inside ``sentence``."""
    chunk = text[sentence.start:sentence.end]
    return [sentence.start + m.start() for m in grammar.clause_breaks.finditer(chunk)]


def clause_of(text: str, sentence: Span, start: int, end: int, grammar: Grammar) -> Span:
    """The clause holding ``start..end``: the sentence cut at the nearest clause breaks."""
    breaks = clause_breaks(text, sentence, grammar)
    left = max((b for b in breaks if b <= start), default=sentence.start)
    right = min((b for b in breaks if b >= end), default=sentence.end)
    return Span(left, right)


def tense_of(text: str, clause: Span, grammar: Grammar, at: Span | None = None) -> str:
    """'future' when the clause has a future cue, 'past' when it has a past one, else ''.

    With ``at`` (the expression) and a grammar whose ``nearest_tense`` is set, the cue
    nearest to it decides when the clause has both ("Azerbaycan'ın eylülde düzenlediği
    operasyon ... barış sürecinin geleceği": the participle next to the month, not the
    noun 'future' further on); a tie is future."""
    chunk = text[clause.start:clause.end]
    future = [clause.start + m.start() for m in grammar.future.finditer(chunk)]
    past = [clause.start + m.start() for m in grammar.past.finditer(chunk)]
    if at is None or not grammar.nearest_tense or not future or not past:
        return "future" if future else "past" if past else ""

    def distance(offset: int) -> int:
        return at.start - offset if offset < at.start else max(0, offset - at.end)

    return "past" if min(map(distance, past)) < min(map(distance, future)) else "future"

"""Sentences, clauses and tense around a position: the context an expression is read in."""

from __future__ import annotations

import re
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


CUE_CHARS = 40  # how far before an expression its cues may start
NOUN_WORDS = 4  # how many words before its comma (after the verb) a participle's noun may start
_PHRASE_END = re.compile(r"[,;:()]|\s[–—]\s")


def participle_scope(text: str, sentence: Span, start: int, end: int,
                     grammar: Grammar) -> Span | None:
    """The stretch of text a date inside a participial phrase dates, or None when
    ``start..end`` is in none: the participle, what it says, and the noun it modifies.

    * after a comma, when the words before it already hold a verb ('ont paraphé le texte,
      finalisé en mars'; 'протесты в Тбилиси, начавшиеся в четверг'): from the noun
      (at most ``NOUN_WORDS`` words before the comma) to the end of the phrase;
    * before its noun ('der im März fertig verhandelte Text'): up to the noun.
    """
    m = grammar.participle_left.search(text, sentence.start, start) \
        if grammar.participle_left is not None else None
    if m is not None:
        comma = m.start()
        previous = text.rfind(",", sentence.start, comma)
        told = max(previous, sentence.start)
        verbs = [v.end() for cue in (grammar.past, grammar.future)
                 for v in cue.finditer(text, told, comma)]
        opener = grammar.embedded_open.match(text, previous) \
            if previous >= 0 and grammar.embedded_open is not None else None
        if opener is None and verbs:
            # the noun: the last words before the comma, after the verb
            verb = max(verbs)
            words = [w.start() for w in re.finditer(r"\S+", text[verb:comma])][-NOUN_WORDS:]
            return Span(verb + (words[0] if words else 0), phrase_end(text, end, sentence, grammar))
    if grammar.participle_noun_left is not None and grammar.participle_noun_right is not None:
        before = text[max(sentence.start, start - CUE_CHARS):start]
        m = grammar.participle_noun_right.match(text, end, sentence.end)
        if m is not None and grammar.participle_noun_left.search(before):
            return Span(start, m.end())
    return None


def phrase_end(text: str, start: int, sentence: Span, grammar: Grammar) -> int:
    """Where the phrase going on at ``start`` ends: the next comma or clause mark, passing
    over relative clauses ('..., held until the war in 2020, which ended ...')."""
    at = start
    while (stop := _PHRASE_END.search(text, at, sentence.end)) is not None:
        if grammar.relative_open is None or not grammar.relative_open.match(text, stop.start()):
            return stop.start()
        at = stop.end()
    return sentence.end


def deadline_at(text: str, start: int, end: int, grammar: Grammar) -> bool:
    """Whether ``start..end`` is a deadline ('by the end of 2028', 'bis Ende 2025', 'до
    конца года'): the cue runs into the expression from before it."""
    if grammar.deadline is None:
        return False
    for m in grammar.deadline.finditer(text, max(0, start - CUE_CHARS), end):
        if m.start() < start <= m.end():
            return True
    return False


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

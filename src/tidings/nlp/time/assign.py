"""Which date an event gets: the time expression that governs its clause."""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Article, DateValue, Span, TimeExpr
from .context import (
    clause_breaks,
    clause_of,
    deadline_at,
    participle_scope,
    phrase_end,
    split_sentences,
    tense_of,
)
from .dates import at_granularity
from .finder import DATE_KINDS, tag
from .grammar import Grammar, grammar_for

# Words allowed between an attributive date and the noun it dates ("the 1997 landmark accord").
_BEFORE_NOUN = re.compile(r"\s*(?:[\w’'-]+\s+){0,2}$")
_AFTER_NOUN = re.compile(r"[\w’'-]+\s+(?:[\w’'-]+\s+){0,2}$")
PREVIOUS_SENTENCES = 2  # how far back in the paragraph a date may be inherited from


def event_date(article: Article, sentence: Span,
               trigger_start: int) -> tuple[DateValue | None, str, bool]:
    """The date of the event whose trigger word starts at ``trigger_start``.

    Returns ``(value, source, approximate)``:

    * the resolved time expression (``article.times``, kind date or range) that governs the
      trigger's clause: the nearest one in the sentence, counting clause breaks (a new
      clause: 'that', 'when', a semicolon, ...) as far and commas as a little far, and
      never one inside a clause that opens after the trigger ('X met Y, who was appointed
      in June'); an attributive date ('the April 2-5 hostilities') only dates the noun it
      modifies, and a 'since' period ranks after a point in time (the clause after 'since
      X, when ...' gets X itself); a date in a clause set off by commas ('Lavrov, who had
      hosted them since Friday, announced ...') or in a participial phrase ('the text,
      finalised in March') stays inside it; a deadline ('by the end of 2028') dates only a
      future-tense clause; durations and ages never count. For a trigger before
      'two days after <clause>' the date that expression counts from is used, and a
      trigger inside a dated complement ('two weeks after the offensive of 19 September')
      takes the complement's date. ``source`` is ``"t:<start>-<end>"`` of the expression
      used; not approximate.
    * else the nearest dated expression of the paragraph's previous two sentences when the
      sentence goes on telling the same story (it opens with a continuation cue such as a
      pronoun, ``cues.continuation`` in time.toml); not approximate.
    * else the publication date (None when unknown), source ``"publication"``,
      approximate.

    ``sentence`` is the sentence span holding the trigger. Requires the time stage to
    have run (``article.times``); works on any language with a time.toml.
    """
    grammar = grammar_for(article.lang or "en")
    best = _in_sentence(article, sentence, trigger_start, grammar)
    if best is not None:
        return best.value, tag(best), False
    inherited = _from_paragraph(article, sentence, grammar)
    if inherited is not None:
        return inherited.value, tag(inherited), False
    return article.published, "publication", True


def _usable(t: TimeExpr) -> bool:
    return t.kind in DATE_KINDS and t.value is not None


def _anchor_of(article: Article, t: TimeExpr) -> TimeExpr | None:
    """The expression ``t`` counts from, when it counts from another one."""
    if not t.anchor.startswith("t:"):
        return None
    return next((r for r in article.times if tag(r) == t.anchor), None)


def _in_sentence(article: Article, sentence: Span, trigger: int,
                 grammar: Grammar) -> TimeExpr | None:
    text = article.text
    breaks = clause_breaks(text, sentence, grammar)
    best, best_cost = None, float("inf")
    for t in article.times:
        if not (sentence.start <= t.start < sentence.end) or not _usable(t):
            continue
        if any(trigger < b <= t.start for b in breaks):
            continue  # in a clause opened after the trigger: it dates something else
        if _inside_other_clause(article, t, trigger, sentence, breaks, grammar):
            continue
        if _in_closed_clause(text, t, trigger, sentence, breaks, grammar):
            continue
        if t.role == "span" and deadline_at(text, t.start, t.end, grammar) and tense_of(
                text, clause_of(text, sentence, t.start, t.end, grammar), grammar,
                Span(t.start, t.end)) != "future":
            continue  # 'renonçait ... avant la fin de 2028': a deadline dates only a plan
        chosen = t
        if t.role == "span" and t.end <= trigger and grammar.point_relative is not None and \
                grammar.point_relative.match(text, t.end):
            chosen = _start_point(t)  # "since Friday, when Hasanov made a trip": on Friday
        if t.role == "attribute":
            if not _modifies(text, t, trigger, sentence, grammar):
                continue
            cost = -100.0  # the noun it modifies is the trigger: nothing is closer
        else:
            if t.role == "complement" and _in_main_clause(t, trigger, grammar):
                ref = _anchor_of(article, t)
                if ref is None or not _usable(ref):
                    continue
                chosen = ref  # the date 'two days after <clause>' counts from
            cost = _distance(text, t, trigger, breaks) + (3.0 if t.role == "span" else 0.0)
        if cost < best_cost:
            best, best_cost = chosen, cost
    return best


def _start_point(t: TimeExpr) -> TimeExpr:
    """The first day, month or year of a 'since' period, at its granularity."""
    assert t.value is not None
    return replace(t, value=at_granularity(t.value.start, t.value.granularity))


def _in_main_clause(t: TimeExpr, trigger: int, grammar: Grammar) -> bool:
    """The trigger is outside the complement of 'two days after <clause>'."""
    return trigger < t.start if grammar.complement_side == "right" else trigger >= t.end


def _inside_other_clause(article: Article, t: TimeExpr, trigger: int, sentence: Span,
                         breaks: list[int], grammar: Grammar) -> bool:
    """Whether ``t`` dates a clause the trigger is not in: the trigger stands between 'two
    weeks after' and the dated complement it counts from, or (Turkish) before an embedded
    clause that ends in a participle ('temmuz ayında çekildiği')."""
    ref = _anchor_of(article, t)
    if ref is not None and t.role != "complement" and sentence.start <= ref.start < sentence.end:
        if ref.start >= t.end and t.end <= trigger < ref.end:
            return True
        if ref.end <= t.start and ref.start <= trigger < t.start:
            return True
    if grammar.embedded_clause_end is not None and trigger < t.start:
        stop = min((b for b in breaks if b > t.end), default=sentence.end)
        if grammar.embedded_clause_end.search(article.text, t.end, stop):
            return True
    return False


def _in_closed_clause(text: str, t: TimeExpr, trigger: int, sentence: Span,
                      breaks: list[int], grammar: Grammar) -> bool:
    """Whether ``t`` stands in a clause set off by commas that closes before the trigger
    ('Lavrov, qui recevait depuis vendredi les ministres, a annoncé': Friday dates the
    receiving, not the announcement)."""
    if grammar.embedded_open is None or trigger < t.end:
        return False
    opener = None
    for m in grammar.embedded_open.finditer(text, sentence.start, t.start):
        opener = m
    if opener is None or "," in text[opener.end():t.start] or \
            any(opener.end() <= b < t.start for b in breaks):
        return False  # none, or it closed, or another clause opens before the expression
    return phrase_end(text, t.end, sentence, grammar) <= trigger


def _modifies(text: str, t: TimeExpr, trigger: int, sentence: Span, grammar: Grammar) -> bool:
    """An attributive date next to the trigger noun, on the side the language puts it
    ('the 1997 accord', '1997 anlaşması'; 'der Vertrag von 1997', 'l'accord de 1997'), or
    that holds it ('сентябрьской операции 2023 года'); a date in a participial phrase
    dates the phrase and the noun it modifies (:func:`participle_scope`)."""
    if t.start <= trigger < t.end:
        return True
    scope = participle_scope(text, sentence, t.start, t.end, grammar)
    if scope is not None:
        return scope.start <= trigger < scope.end
    if grammar.attribute_noun == "after":
        return trigger >= t.end and _BEFORE_NOUN.fullmatch(text[t.end:trigger]) is not None
    return trigger < t.start and _AFTER_NOUN.fullmatch(text[trigger:t.start]) is not None


def _distance(text: str, t: TimeExpr, trigger: int, breaks: list[int]) -> float:
    lo, hi = (t.end, trigger) if t.end <= trigger else (trigger, t.start)
    if hi <= lo:
        return 0.0
    crossed = sum(1 for b in breaks if lo < b <= hi)
    between = text[lo:hi]
    return 10.0 * crossed + between.count(",") + 0.2 * len(between.split())


def _from_paragraph(article: Article, sentence: Span, grammar: Grammar) -> TimeExpr | None:
    text = article.text
    if not grammar.continuation.search(text[sentence.start:sentence.end]):
        return None
    sentences = article.sentences or split_sentences(text, grammar)
    para = article.paragraph_of(sentence.start) or Span(0, len(text))
    earlier = [s for s in sentences if para.start <= s.start and s.end <= sentence.start]
    window = earlier[-PREVIOUS_SENTENCES:]
    if not window:
        return None
    candidates = [t for t in article.times if window[0].start <= t.start < sentence.start
                  and _usable(t) and t.role == "event"]
    return candidates[-1] if candidates else None

"""Finding time expressions in a text and resolving them in context.

:func:`find_times` runs every rule of the language's grammar over the text, keeps the
longest non-overlapping matches, reads each one in its clause (tense, 'since', attributive
use) and resolves it: first the expressions that are absolute or count from the
publication date, then, left to right, those that count from a date mentioned before
('two days later', 'the next day', 'two days after he met ...').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...model import DateValue, Span, TimeExpr
from .context import (
    clause_of,
    deadline_at,
    participle_scope,
    sentence_at,
    split_sentences,
    tense_of,
)
from .grammar import Grammar, Rule, grammar_for
from .resolve import Parsed, resolve, shift_from

DATE_KINDS = ("date", "range")  # the kinds that may date an event
REF_OPS = ("later", "earlier", "after", "before")
CONTEXT_CHARS = 40  # how much text before and after an expression its cues may use
COMPLEMENT_CHARS = 60  # how far after 'two days after' a dated complement may start
WINDOW_CHARS = 80  # how far an expression may reach from its digit or calendar word
_INT_GROUPS = ("day", "day2", "year", "year2", "decade")
# group -> (word table, the Parsed field it fills)
_TABLE_GROUPS = {"month": ("month", "month"), "month2": ("month", "month2"),
                 "monthadj": ("monthadj", "month"), "weekday": ("weekday", "weekday"),
                 "unit": ("unit", "unit"), "rel": ("rel", "rel"), "yearrel": ("yearrel", "yearrel"),
                 "part": ("part", "part"), "season": ("season", "season"),
                 "deictic": ("deictic", "deictic")}


@dataclass
class Found:
    """One matched expression while it is being read; :meth:`expr` is the result."""

    parsed: Parsed
    order: int
    sentence: Span | None = None
    tense: str = ""
    role: str = ""
    value: DateValue | None = None
    reason: str = ""
    anchor: str = ""

    @property
    def kind(self) -> str:
        p = self.parsed
        if p.rule.kind in ("date", "range") and (
                p.rule.op == "since" or p.day2 is not None or p.year2 is not None
                or p.decade is not None):
            return "range"
        return p.rule.kind

    def expr(self) -> TimeExpr:
        p = self.parsed
        return TimeExpr(p.start, p.end, self.value, self.reason, self.kind,
                        self.role or "event", self.anchor)


def tag(span: Span | Parsed) -> str:
    """How an event or another expression refers to a time expression: 't:<start>-<end>'."""
    return f"t:{span.start}-{span.end}"


def find_times(text: str, lang: str, published: DateValue | None, *,
               sentences: list[Span] | None = None, future_bias: float = 3.0) -> list[TimeExpr]:
    """Every time expression of ``text``, resolved against ``published``.

    ``sentences`` are the text's sentence spans (computed when not given); ``future_bias``
    weighs how much less likely a yearless date is to lie after the publication than
    before it.
    """
    return [f.expr() for f in found_times(text, lang, published, sentences=sentences,
                                          future_bias=future_bias)]


def found_times(text: str, lang: str, published: DateValue | None, *,
                sentences: list[Span] | None = None, future_bias: float = 3.0) -> list[Found]:
    """Like :func:`find_times`, keeping what each match was read as (tense, parts)."""
    grammar = grammar_for(lang)
    spans = sentences if sentences is not None else split_sentences(text, grammar)
    found = _select(_candidates(text, grammar))
    for f in found:
        _read_context(f, text, grammar, spans)
    for f in found:
        if f.parsed.rule.op not in REF_OPS:
            _resolve_direct(f, published, future_bias)
    for i, f in enumerate(found):
        if f.parsed.rule.op in REF_OPS:
            _resolve_from_reference(f, found, i, text, grammar)
    return found


# -- matching -----------------------------------------------------------------------------

def _windows(text: str, grammar: Grammar) -> list[tuple[int, int]]:
    """Stretches of text around a digit or calendar word (the gate), widened to whole
    words; no expression lies outside them, so the rules need not scan the rest."""
    out: list[tuple[int, int]] = []
    for m in grammar.gate.finditer(text):
        lo, hi = max(0, m.start() - WINDOW_CHARS), min(len(text), m.end() + WINDOW_CHARS)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    widened = []
    for lo, hi in out:
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        widened.append((lo, hi))
    return widened


def _candidates(text: str, grammar: Grammar) -> list[Found]:
    out = []
    windows = _windows(text, grammar)
    for order, rule in enumerate(grammar.rules):
        for lo, hi in windows:
            for m in rule.pattern.finditer(text, lo, hi):
                if m.end() == m.start():
                    continue
                parsed = _parse(m, rule, grammar, text)
                if parsed is not None:
                    out.append(Found(parsed, order))
    return out


def _select(candidates: list[Found]) -> list[Found]:
    """The longest matches first (earlier rules win ties), without overlaps."""
    taken: list[Found] = []
    ranked = sorted(candidates, key=lambda f: (f.parsed.start - f.parsed.end, f.order,
                                               f.parsed.start))
    for f in ranked:
        p = f.parsed
        if all(p.end <= t.parsed.start or t.parsed.end <= p.start for t in taken):
            taken.append(f)
    return sorted((f for f in taken if f.parsed.rule.kind != "none"),
                  key=lambda f: f.parsed.start)


def _context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    return ((rule.left is None or rule.left.search(before) is not None)
            and (rule.not_left is None or rule.not_left.search(before) is None)
            and (rule.right is None or rule.right.match(after) is not None)
            and (rule.not_right is None or rule.not_right.match(after) is None))


def _parse(m: re.Match[str], rule: Rule, grammar: Grammar, text: str) -> Parsed | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    start = m.end("pre") if "pre" in groups else m.start()
    while start < m.end() and text[start].isspace():
        start += 1
    if not _context_ok(rule, text, start, m.end()):
        return None
    end = m.end()
    if text[end - 1] == "." and len(groups.get("month") or groups.get("month2") or "") > 4 \
            and m.end("month2" if "month2" in groups else "month") == end - 1:
        end -= 1  # the sentence's full stop, not an abbreviation's
    p = Parsed(rule, start, end, text[start:end])
    for name in _INT_GROUPS:
        if name in groups:
            setattr(p, name, int(groups[name]))
    if "mm" in groups:
        p.month = int(groups["mm"])
    for name, (table, field) in _TABLE_GROUPS.items():
        if name in groups:
            value = grammar.value(table, groups[name])
            if value is None:
                return None
            setattr(p, field, value)
    if "num" in groups:
        word = groups["num"]
        p.num = int(word) if word.isdigit() else grammar.value("numbers", word)
        if p.num is None:
            return None
    p.vague = "vague" in groups
    capitals = [groups[g] for g in ("month", "month2", "weekday") if g in groups]
    if (rule.capitalized or (grammar.capitalized_months and "month" in groups)) and not all(
            w[:1].isupper() for w in capitals):
        return None
    if rule.kind in ("date", "range") and grammar.quantity_left is not None and \
            p.year is not None and p.month is None and p.decade is None and _is_quantity(
                grammar, text, p):
        return None
    return p


def _is_quantity(grammar: Grammar, text: str, p: Parsed) -> bool:
    """A bare four-digit number read as a count ('some 2000 troops'), not a year."""
    if not p.text.strip().isdigit():
        return False
    before = text[max(0, p.start - CONTEXT_CHARS):p.start]
    after = text[p.end:p.end + CONTEXT_CHARS]
    return bool((grammar.quantity_left and grammar.quantity_left.search(before))
                or (grammar.quantity_right and grammar.quantity_right.match(after)))


# -- context ------------------------------------------------------------------------------

def _read_context(f: Found, text: str, grammar: Grammar, spans: list[Span]) -> None:
    p = f.parsed
    f.sentence = sentence_at(spans, p.start) or Span(0, len(text))
    before = text[max(0, p.start - CONTEXT_CHARS):p.start]
    after = text[p.end:p.end + CONTEXT_CHARS]
    if p.rule.op == "" and p.rule.kind in ("date", "range"):
        since = grammar.since_left.search(before) if grammar.since_left else None
        since_r = grammar.since_right.match(after) if grammar.since_right else None
        if since is not None:
            p.start -= len(before) - since.start()
            p.rule = replace(p.rule, op="since")
        elif since_r is not None:
            p.end += since_r.end()
            p.rule = replace(p.rule, op="since")
        elif grammar.until_left is not None and grammar.until_left.search(before) or \
                deadline_at(text, p.start, p.end, grammar):
            f.role = "span"  # a period's bound; a deadline only dates a plan (assign.py)
        p.text = text[p.start:p.end]
    f.tense = p.rule.tense or _rel_tense(p)
    if not f.tense:
        f.tense = tense_of(text, clause_of(text, f.sentence, p.start, p.end, grammar), grammar,
                           Span(p.start, p.end))
    if p.rule.op in ("since", "until"):
        f.role = "span"
    f.role = f.role or p.rule.role or _role(p, text, grammar, f.sentence)


def _rel_tense(p: Parsed) -> str:
    offset = p.offset if p.offset is not None else p.yearrel
    return {-1: "past", 1: "future"}.get(offset or 0, "")


def _role(p: Parsed, text: str, grammar: Grammar, sentence: Span) -> str:
    """'attribute' for a date that modifies a noun ('the 1997 accord'), or that stands in a
    participial phrase ('le texte, finalisé en mars'; 'der im März verhandelte Text'),
    else 'event'."""
    before = text[max(0, p.start - CONTEXT_CHARS):p.start]
    after = text[p.end:p.end + CONTEXT_CHARS]
    if p.rule.op in ("", "ago") and participle_scope(text, sentence, p.start, p.end,
                                                      grammar) is not None:
        return "attribute"
    if grammar.attribute_suffix is not None and grammar.attribute_suffix.match(after):
        return "attribute"
    relative = p.unit_name is not None or p.deictic is not None or p.offset is not None
    if relative or p.rule.op or (grammar.attribute_left is None
                                 and grammar.attribute_right is None):
        return "event"
    if grammar.attribute_text is not None and not grammar.attribute_text.search(p.text):
        return "event"
    left_ok = grammar.attribute_left is None or grammar.attribute_left.search(before)
    right_ok = grammar.attribute_right is None or grammar.attribute_right.match(after)
    return "attribute" if left_ok and right_ok else "event"


# -- resolution ---------------------------------------------------------------------------

def _resolve_direct(f: Found, published: DateValue | None, future_bias: float) -> None:
    p = f.parsed
    absolute = p.year is not None or p.decade is not None
    value, reason = resolve(p, published, f.tense, future_bias)
    if value is not None and p.rule.op == "since":
        end = published.end if published is not None and published.end > value.end \
            else value.end
        value = DateValue(value.start, end, value.granularity)
        reason = f"since: from {reason} up to the publication"
        absolute = False
    f.value, f.reason = value, reason
    f.anchor = "" if absolute or p.rule.kind not in ("date", "range") else "publication"


def _reference(found: list[Found], i: int) -> Found | None:
    """The narrative date before ``found[i]``: the last dated expression an event could
    have, passing over the complement of an 'after' ('two weeks after the offensive of
    19 September': the narrative goes on from the main clause, not from 19 September)."""
    complements = {f.anchor for f in found[:i] if f.parsed.rule.op in ("after", "before")
                   and f.role != "complement"}
    for f in reversed(found[:i]):
        if f.value is not None and f.kind in DATE_KINDS and f.role != "span" \
                and tag(f.parsed) not in complements:
            return f
    return None


def _complement_date(found: list[Found], i: int, side: str) -> Found | None:
    """A dated expression in the complement of 'two days after' (after it, or before it
    where the language puts the complement first), if any."""
    here = found[i]
    others = found[i + 1:] if side == "right" else reversed(found[:i])
    for f in others:
        gap = f.parsed.start - here.parsed.end if side == "right" \
            else here.parsed.start - f.parsed.end
        if gap > COMPLEMENT_CHARS or f.sentence != here.sentence:
            return None
        if f.value is not None and f.kind in DATE_KINDS:
            return f
    return None


def _resolve_from_reference(f: Found, found: list[Found], i: int, text: str,
                            grammar: Grammar) -> None:
    p = f.parsed
    sign = 1 if p.rule.op in ("later", "after") else -1
    if p.vague or p.amount is None:
        f.value, f.reason = None, "vague amount; not resolved"
        return
    if p.rule.op in ("later", "earlier"):
        ref = _reference(found, i)
        if ref is None:
            f.value, f.reason = None, "counts from an earlier date, and none is mentioned"
            return
        f.value, f.reason = shift_from(p, ref.value, sign, "the date mentioned before")
        f.anchor = tag(ref.parsed)
        return
    target = _complement_date(found, i, grammar.complement_side)
    if target is not None:
        f.value, f.reason = shift_from(p, target.value, sign, "the date of its complement")
        f.anchor = tag(target.parsed)
        return
    ref = _reference(found, i)
    if ref is None:
        f.value, f.reason = None, "counts from an earlier date, and none is mentioned"
        return
    f.anchor = tag(ref.parsed)
    if _complement_is_clause(p, text, grammar):
        # 'X came two days after he met Y': X is the date mentioned before; the clause
        # that follows happened two days earlier (after) or later (before) than it.
        f.role = "complement"
        f.value, f.reason = shift_from(p, ref.value, -sign, "the date mentioned before")
        f.reason += "; dates the clause that follows"
    else:
        f.value, f.reason = shift_from(p, ref.value, sign, "the date mentioned before")


def _complement_is_clause(p: Parsed, text: str, grammar: Grammar) -> bool:
    if p.rule.complement in ("clause", "np"):
        return p.rule.complement == "clause"
    if grammar.complement_np is None:
        return False
    return grammar.complement_np.match(text[p.end:p.end + CONTEXT_CHARS]) is None

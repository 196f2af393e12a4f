"""A language's calendar words and expression rules, compiled once.

``nlp/lang/<code>/time.toml`` holds, in the same layout for every language, the word
tables (months, weekdays, numbers, units, relative words, parts of periods, seasons,
deictic days), the cues (future tense, clause breaks, 'since', attributive use) and the
``[[rule]]`` patterns. A rule pattern is a regular expression with placeholders that are
expanded here into named groups over the word tables::

    '{day}\\.\\s*{month}(?:\\s+{year})?'      # am 4. September / 14. August 2019

Placeholders: ``{day}`` ``{day2}`` ``{month}`` ``{month2}`` ``{mm}`` (month number)
``{year}`` ``{year2}`` ``{decade}`` ``{weekday}`` ``{num}`` ``{vague}`` ``{unit}``
``{rel}`` ``{yearrel}`` ``{part}`` ``{season}`` ``{deictic}`` ``{monthadj}`` (a month
adjective: 'сентябрьской', read as its month) and ``{sfx}`` (the
language's inflectional suffixes, no group). ``(?P<pre>...)`` at the start of a pattern
is context that must be present but is left out of the expression's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicon import load_lexicon
from ..segment import abbreviations

KINDS = ("date", "range", "duration", "age", "none")
OPS = ("", "ago", "later", "earlier", "after", "before", "since", "until")
REL_OFFSETS = {"last": -1, "this": 0, "next": 1}
_PLACEHOLDER = re.compile(r"\{([a-z]+)(2?)\}")
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|[.,]\d)"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])(?!\d)"


def fold(word: str) -> str:
    """The lookup key of a word form: case, Turkish dotted/dotless i, ё and spaces folded."""
    word = word.casefold().replace("\u0307", "").replace("ı", "i").replace("ё", "е")
    return " ".join(word.replace("’", "'").split())


def _alternation(forms: Any) -> str:
    """One regex for a list of word forms, as a trie ('mar(?:ch|s)?'): the engine then
    tries each first letter once instead of every form in turn; longer forms win."""
    trie: dict[str, Any] = {}
    for form in {" ".join(str(f).lower().split()) for f in forms}:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _char(ch: str) -> str:
    return {" ": r"\s+", "е": "[её]"}.get(ch) or re.escape(ch)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [_char(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a form ends here; a longer one may go on
        return f"(?:{body})?"
    return body


def _optional(pattern: str | None, flags: int = re.I) -> re.Pattern[str] | None:
    return re.compile(pattern, flags) if pattern else None


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.I)


@dataclass(frozen=True)
class Rule:
    """One shape of time expression; what its groups mean is decided by the resolver."""

    name: str
    pattern: re.Pattern[str]
    kind: str = "date"
    op: str = ""  # how the value relates to another date (see OPS)
    role: str = ""  # forced role: event, attribute, span ("" = from the context)
    tense: str = ""  # forced tense: past or future
    n: int | None = None  # fixed amount for shapes such as 'the next day'
    unit: str | None = None
    rel: int | None = None  # fixed offset for shapes such as 'cette année'
    complement: str = "auto"  # after/before: is the complement a clause or a noun phrase
    capitalized: bool = False  # the month or weekday only counts when capitalised
    left: re.Pattern[str] | None = None  # must match the text before (anchored at its end)
    not_left: re.Pattern[str] | None = None
    right: re.Pattern[str] | None = None  # must match the text after (anchored at its start)
    not_right: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Grammar:
    """Everything the finder and the resolver need to know about one language."""

    lang: str
    rules: tuple[Rule, ...]
    gate: re.Pattern[str]  # every expression holds one of these: rules only run near them
    tables: dict[str, dict[str, Any]]  # placeholder -> folded form -> value
    capitalized_months: bool
    # the tense cue nearest the expression decides, not any future cue in the clause: for
    # languages whose verb forms carry tense themselves (Turkish participles), not those
    # with auxiliaries ('will be held')
    nearest_tense: bool
    future: re.Pattern[str]
    past: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    embedded_clause_end: re.Pattern[str] | None
    continuation: re.Pattern[str]
    since_left: re.Pattern[str] | None
    since_right: re.Pattern[str] | None
    point_relative: re.Pattern[str] | None  # "since Friday, when ...": the clause is at Friday
    until_left: re.Pattern[str] | None
    # "by the end of 2028", "bis Ende 2025": a deadline, not when anything happened
    deadline: re.Pattern[str] | None
    # ", who ...", ", qui ...": a relative clause set off by a comma
    relative_open: re.Pattern[str] | None
    # the same, or a participial phrase (", finalised ..."): a clause inside another
    embedded_open: re.Pattern[str] | None
    # ", finalisé en mars": a participial phrase after a comma, up to the expression
    participle_left: re.Pattern[str] | None
    # "der im März fertig verhandelte Text": a date inside a participle before its noun
    participle_noun_left: re.Pattern[str] | None
    participle_noun_right: re.Pattern[str] | None
    attribute_left: re.Pattern[str] | None
    attribute_right: re.Pattern[str] | None
    attribute_suffix: re.Pattern[str] | None
    attribute_text: re.Pattern[str] | None
    attribute_noun: str  # where the noun an attributive date modifies stands: after, before
    complement_np: re.Pattern[str] | None
    complement_side: str  # right: 'two days after <clause>'; left: '<clause>-dikten ... sonra'
    quantity_left: re.Pattern[str] | None
    quantity_right: re.Pattern[str] | None
    abbreviations: frozenset[str]

    def value(self, table: str, word: str) -> Any:
        return self.tables[table].get(fold(word))

    @classmethod
    def from_data(cls, lang: str, data: dict[str, Any], abbreviations: frozenset[str]) -> Grammar:
        tables, forms = _tables(data)
        groups = {name: _alternation(words) for name, words in forms.items()}
        groups.update(day=_DAY, year=_YEAR, decade=r"(?:1[89]\d0|20\d0)(?!\d)",
                      mm=_MONTH_NUMBER, num=rf"\d{{1,3}}(?![\d.,]\d)|{groups.pop('numbers')}")
        suffix = data.get("grammar", {}).get("suffix", "")
        rules = tuple(_rule(lang, i, r, groups, suffix) for i, r in enumerate(data.get("rule", [])))
        cues = data.get("cues", {})
        participle = cues.get("participle")
        relative = cues.get("embedded_open", [])
        opens = relative + ([rf",\s*(?:{participle})\b"] if participle else [])
        gate_words = [w for name in ("month", "weekday", "unit", "deictic", "season")
                      for w in forms[name]] + data.get("grammar", {}).get("gate_words", [])
        return cls(
            lang=lang, rules=rules, tables=tables,
            gate=re.compile(rf"\d|©|\b(?:{_alternation(gate_words)})", re.I),
            capitalized_months=bool(data.get("grammar", {}).get("capitalized_months", False)),
            nearest_tense=bool(data.get("grammar", {}).get("nearest_tense", False)),
            future=_any_of(cues.get("future", [])), past=_any_of(cues.get("past", [])),
            clause_breaks=_any_of(cues.get("clause_breaks", [])),
            embedded_clause_end=_optional(cues.get("embedded_clause_end")),
            continuation=_any_of(cues.get("continuation", [])),
            since_left=_optional(cues.get("since_left")),
            since_right=_optional(cues.get("since_right")),
            point_relative=_optional(cues.get("point_relative")),
            until_left=_optional(cues.get("until_left")),
            deadline=_optional(cues.get("deadline")),
            relative_open=_any_of(relative) if relative else None,
            embedded_open=_any_of(opens) if opens else None,
            # the comma, the participle, then at most three words up to the expression
            participle_left=_optional(
                rf",\s*(?:{participle})\s+(?:[^\s,;:()]+\s+){{0,3}}$" if participle else None),
            participle_noun_left=_optional(cues.get("participle_noun_left"), 0),
            participle_noun_right=_optional(cues.get("participle_noun_right"), 0),
            attribute_left=_optional(cues.get("attribute_left")),
            attribute_right=_optional(cues.get("attribute_right"), 0),
            attribute_suffix=_optional(cues.get("attribute_suffix"), 0),
            attribute_text=_optional(cues.get("attribute_text")),
            attribute_noun=cues.get("attribute_noun", "after"),
            complement_np=_optional(cues.get("complement_np")),
            complement_side=cues.get("complement_side", "right"),
            quantity_left=_optional(cues.get("quantity_left")),
            quantity_right=_optional(cues.get("quantity_right")),
            abbreviations=abbreviations,
        )


def _tables(data: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """Word tables keyed by placeholder name (form, folded -> value), and the forms as
    written, for the patterns."""
    pairs: dict[str, list[tuple[str, Any]]] = {
        "month": list(data.get("months", {}).items()),
        "weekday": list(data.get("weekdays", {}).items()),
        "numbers": list(data.get("numbers", {}).items()),
        "deictic": list(data.get("deictic", {}).items()),
        "vague": [(w, True) for w in data.get("vague", {}).get("words", [])],
        "monthadj": _month_adjectives(data.get("month_adjectives", {})),
    }
    for placeholder, section, names in (
            ("unit", "units", None), ("part", "parts", None), ("season", "seasons", None),
            ("rel", "relative", REL_OFFSETS), ("yearrel", "year_relative", REL_OFFSETS)):
        pairs[placeholder] = [(form, names[key] if names else key)
                              for key, forms in data.get(section, {}).items() for form in forms]
    tables = {name: {fold(form): value for form, value in items}
              for name, items in pairs.items()}
    forms = {name: [form for form, _ in items] for name, items in pairs.items()}
    return tables, forms


def _month_adjectives(section: dict[str, Any]) -> list[tuple[str, int]]:
    """Every form of the month adjectives: each stem with each ending ('сентябрьск' +
    'ой')."""
    endings = section.get("endings", [""])
    return [(stem + ending, month) for stem, month in section.get("stems", {}).items()
            for ending in endings]


def _rule(lang: str, index: int, spec: dict[str, Any], groups: dict[str, str],
          suffix: str) -> Rule:
    def expand(m: re.Match[str]) -> str:
        name, two = m.group(1), m.group(2)
        if name == "sfx":
            return f"(?:{suffix})?" if suffix else ""
        if name not in groups:
            raise ValueError(f"time.toml ({lang}) rule {index}: unknown placeholder {m.group()}")
        return f"(?P<{name}{two}>{groups[name]})"

    body = _PLACEHOLDER.sub(expand, spec["pattern"])
    flags = re.I if spec.get("ignore_case", True) else 0
    kind = spec.get("kind", "date")
    op = spec.get("op", "")
    if kind not in KINDS or op not in OPS:
        raise ValueError(f"time.toml ({lang}) rule {index}: bad kind {kind!r} or op {op!r}")
    name = spec.get("name", f"rule{index}")
    try:
        pattern = re.compile(rf"(?<![\w/:.,\-])(?:{body})(?!\w)", flags)
    except re.error as exc:
        raise ValueError(f"time.toml ({lang}) rule {name!r}: {exc}") from None
    return Rule(
        name=name, pattern=pattern,
        kind=kind, op=op, role=spec.get("role", ""), tense=spec.get("tense", ""),
        n=spec.get("n"), unit=spec.get("unit"), rel=spec.get("rel"),
        complement=spec.get("complement", "auto"),
        capitalized=bool(spec.get("capitalized", False)),
        left=_optional(spec.get("left")), not_left=_optional(spec.get("not_left")),
        right=_optional(spec.get("right")), not_right=_optional(spec.get("not_right")),
    )


@cache
def grammar_for(lang: str) -> Grammar:
    """The compiled grammar of ``lang`` (English when the language has no time.toml)."""
    data = load_lexicon(lang, "time")
    if not data.get("rule"):
        lang, data = "en", load_lexicon("en", "time")
    return Grammar.from_data(lang, data, abbreviations(lang))

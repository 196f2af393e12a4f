"""Event coding: sentences to PLOVER event mentions with actors, place, date, modality.

The rule coder reads each language's trigger lexicon (``nlp/lang/<code>/triggers.toml``)
and modality cues (``modality.toml``). A trigger in a sentence opens an event; the actors
are the entities of the sentence (the one before the trigger is the source, the others
targets), the place a city or region named there, the date the time expression of the
sentence (else the publication date, marked approximate).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Article, EventActor, EventMention, Span
from ..pipeline import Context, stage
from .lexicon import load_lexicon


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    pattern: re.Pattern[str]


def _word_pattern(words: list[str]) -> re.Pattern[str]:
    alts = []
    for phrase in words:
        parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"(?!\w)"
                 for w in phrase.split()]
        alts.append(r"(?<!\w)" + r"\s+(?:\w+\s+){0,2}?".join(parts))
    return re.compile("|".join(alts) or "(?!)", re.I)


class Lexicon:
    def __init__(self, lang: str):
        self.triggers = [Trigger(t["type"], t.get("mode"), _word_pattern(t["words"]))
                         for t in load_lexicon(lang, "triggers").get("trigger", [])]
        self.modality = {k: _word_pattern(v) for k, v in load_lexicon(lang, "modality").items()}


def _modality(lex: Lexicon, sentence: str) -> str:
    for name in ("cancelled", "negated", "speculated", "hypothetical", "planned"):
        pattern = lex.modality.get(name)
        if pattern is not None and pattern.search(sentence):
            return name
    return "asserted"


def code_sentence(article: Article, sent: Span, lex: Lexicon) -> list[EventMention]:
    text = article.text[sent.start:sent.end]
    actors = [m for m in article.entities if sent.start <= m.start < sent.end and m.entity_id
              and m.label in ("PERSON", "ORG", "GPE")]
    out: list[EventMention] = []
    seen_types: set[str] = set()
    for trig in lex.triggers:
        m = trig.pattern.search(text)
        if m is None or trig.type in seen_types:
            continue
        seen_types.add(trig.type)
        t0, t1 = sent.start + m.start(), sent.start + m.end()
        roles: list[EventActor] = []
        ids: set[str] = set()
        for a in actors:
            if a.entity_id in ids:
                continue
            ids.add(a.entity_id)
            role = "source" if a.end <= t0 and not any(r.role == "source" for r in roles) \
                else "target"
            roles.append(EventActor(a.entity_id, role, a.start, a.end))
        if not roles:
            continue
        times = [t for t in article.times if sent.start <= t.start < sent.end and t.value]
        when = min(times, key=lambda t: abs(t.start - t0), default=None)
        out.append(EventMention(
            sent.start, sent.end, trig.type, trig.mode, t0, t1, roles,
            date=when.value if when else article.published,
            date_source=f"t:{when.start}-{when.end}" if when else "publication",
            date_approximate=when is None, modality=_modality(lex, text),  # type: ignore[arg-type]
            confidence=0.5))
    return out


@stage("events.rules.v1", requires=("text", "lang", "sentences", "entities", "times"),
       assigns=("events",))
def events(ctx: Context) -> Callable[[Article], Article]:
    """PLOVER event mentions from trigger lexicons and the sentence's entities."""
    lexicons: dict[str, Lexicon] = {}

    def run(article: Article) -> Article:
        lang = article.lang or "en"
        if lang not in lexicons:
            lexicons[lang] = Lexicon(lang)
        article.events = [e for s in article.sentences
                          for e in code_sentence(article, s, lexicons[lang])]
        return article

    return run

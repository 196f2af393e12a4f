"""Quotations: direct quotes in every quotation-mark style and reported speech, with speakers.

Direct quotes are the words between the quotation marks a language uses (``quotes.toml``:
„…“, «…», “…”, "…", ‚…‘, French « … » with its spaces), with nested quotes inside and
quotes that run over several sentences or paragraphs (each new paragraph reopening the
mark). Fewer than four quoted words are scare quotes, unless a cue attributes them
directly ("'Never,' he said"). Indirect speech is a clause that a reporting verb opens
("stressed that ...") or closes ("..., RIA Novosti quoted Shoygu as saying"), or that a
source phrase frames ("according to Rogozin, ...", "Patruschew zufolge", "Rogozin'e göre").

The cue nearest a quote (a reporting verb, a relaying verb, a source phrase) names its
speaker; ``speakers.py`` reads the subject beside the cue and resolves it to an entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..kb.base import KnowledgeBase
from ..model import Article, Quote
from ..pipeline import Context, stage
from .lexicon import load_lexicon
from .speakers import BLANK, CLAUSE_STOP, NP_WORDS, WORD, Attributor, Cue, Speaker, words

MIN_WORDS = 4  # fewer quoted words are scare quotes unless a cue attributes them directly
NEAR_AFTER = 8  # most words between a quote's end and the reporting verb attributing it
NEAR_BEFORE = 12  # most words between a reporting verb and the quote it introduces
TAIL_WORDS = 6  # "content, X said on Monday in Baku.": more words after the verb are its object
MAX_PARAGRAPHS = 6  # a quote running over more paragraphs is an unclosed mark
SENTENCE_STOP = re.compile(r"[.;:!?]\s|\n")


@dataclass(frozen=True)
class Marked:
    """A quotation in the text: offsets of its marks and of the quoted words between."""

    open: int
    close: int
    start: int
    end: int


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Whole words, case-insensitive; '*' at either end of a word matches more letters."""
    alts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        parts = [(r"\w*" if w.startswith("*") else "") + re.escape(w.strip("*"))
                 + (r"\w*" if w.endswith("*") else "") for w in phrase.split()]
        if parts:
            alts.append(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")
    return re.compile("|".join(alts) or "(?!)", re.IGNORECASE)


@dataclass(frozen=True)
class QuoteLexicon:
    """One language's quotation marks and cues (``nlp/lang/<code>/quotes.toml``)."""

    closers: dict[str, str]
    cues: tuple[tuple[str, re.Pattern[str]], ...]
    complementizers: re.Pattern[str]
    bare: re.Pattern[str]
    conjunctions: frozenset[str]
    comma_content: bool
    subject_after_verb: bool
    verb_final: bool
    pronouns: frozenset[str]
    determiners: frozenset[str]
    media: re.Pattern[str]
    voices: re.Pattern[str]
    bodies: re.Pattern[str]
    adjective_strip: int

    @classmethod
    def load(cls, lang: str) -> QuoteLexicon:
        data = load_lexicon(lang, "quotes") or load_lexicon("en", "quotes")
        cues, clauses, refs = (data.get(k, {}) for k in ("cues", "clauses", "references"))
        closers: dict[str, str] = {}
        for pair in data.get("marks", {}).get("pairs", []):
            closers.setdefault(pair[0], pair[1:] or pair[0])
        kinds = ("say", "relay", "source_before", "source_after", "after_quote")
        strip = load_lexicon(lang, "morphology").get("adjectives", {}).get("strip", 0)
        return cls(
            closers, tuple((k, phrase_pattern(cues.get(k, []))) for k in kinds),
            phrase_pattern(clauses.get("complementizers", [])),
            phrase_pattern(clauses.get("bare", [])),
            frozenset(w.casefold() for w in clauses.get("conjunctions", [])),
            clauses.get("comma_content", False),
            clauses.get("subject_after_verb", False), clauses.get("verb_final", False),
            frozenset(w.casefold() for w in refs.get("pronouns", [])),
            frozenset(w.casefold() for w in refs.get("determiners", [])),
            *(phrase_pattern(refs.get(k, [])) for k in ("media", "voices", "bodies")), strip)

    def find_cues(self, text: str, lo: int, hi: int) -> list[Cue]:
        """Cues in text[lo:hi] in order; of overlapping ones the longer wins."""
        found = [Cue(m.start(), m.end(), kind) for kind, pattern in self.cues
                 for m in pattern.finditer(text, lo, hi) if not _name_part(text, m.start())]
        found.sort(key=lambda c: (c.start, c.start - c.end))
        out: list[Cue] = []
        for cue in found:
            if not out or cue.start >= out[-1].end:
                out.append(cue)
        return out


def _name_part(text: str, at: int) -> bool:
    """A capitalised word inside a sentence is a name ('United States'), not a verb."""
    if not text[at].isupper():
        return False
    before = text[max(0, at - 3):at].rstrip(BLANK + " \n")
    return bool(before) and (before[-1].isalnum() or before[-1] == ",")


# -- quotation marks -----------------------------------------------------------------------

def find_quotes(text: str, closers: dict[str, str]) -> list[Marked]:
    """Every outermost quotation, nested ones inside it skipped, in text order."""
    out = []
    i = 0
    while i < len(text):
        close = _closing(text, i, closers) if _opens(text, i, closers) else None
        if close is None:
            i += 1
            continue
        start, end = _trim(text, i + 1, close)
        if start < end:
            out.append(Marked(i, close, start, end))
        i = close + 1
    return out


def _opens(text: str, i: int, closers: dict[str, str]) -> bool:
    ch = text[i]
    if ch not in closers:
        return False
    after = text[i + 1:i + 4].lstrip(BLANK)[:1]  # French « Q » has a space inside
    if not after or after.isspace() or after in ",;:)":
        return False
    symmetric = ch in closers[ch] or ch in "'’"
    return not (symmetric and i > 0 and text[i - 1].isalnum())


def _closes(text: str, j: int, opener: str) -> bool:
    ch = text[j]
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if ch in "’'" and before.isalpha() and after.isalpha():
        return False  # an apostrophe: Putin’s, Aliyev'in
    if ch == opener and (before.isspace() or after.isalnum()):
        return False  # a symmetric mark must close after a word
    return True


def _closing(text: str, i: int, closers: dict[str, str], depth: int = 0) -> int | None:
    """Offset of the mark closing the one at ``i``: nesting of other styles is skipped, a
    quote continues over a paragraph break only when the next paragraph reopens it."""
    opener, ends = text[i], closers[text[i]]
    level, paragraphs, j = 0, 1, i + 1
    while j < len(text):
        ch = text[j]
        if ch == "\n":
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            paragraphs += 1
            if k < len(text) and text[k] == opener and paragraphs <= MAX_PARAGRAPHS:
                j = k + 1
                continue
            return None
        if ch in ends and _closes(text, j, opener):
            if level == 0:
                return j
            level -= 1
        elif ch == opener and opener not in ends:
            level += 1
        elif ch in closers and depth < 3 and _opens(text, j, closers):
            inner = _closing(text, j, closers, depth + 1)
            if inner is not None:
                j = inner
        j += 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in BLANK):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in BLANK + ","):
        end -= 1
    return start, end


# -- direct quotes -------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """The narrator's words around a direct quote: text[lo:open] and text[close+1:hi]."""

    quote: Marked
    lo: int
    hi: int
    cue: Cue | None
    side: str  # "before" or "after" the quote


def frame(article: Article, lex: QuoteLexicon, q: Marked, marked: list[Marked]) -> Frame:
    text = article.text
    sent = article.sentence_of(q.open) or article.paragraph_of(q.open)
    lo = sent.start if sent else 0
    lo = max([lo] + [p.close + 1 for p in marked if p.close < q.open])
    if not text[lo:q.open].strip():  # a quote opening its sentence: "X said:" before it?
        prev = text[:lo].rstrip()
        if prev.endswith(":"):
            before = article.sentence_of(len(prev) - 1)
            lo = max([before.start if before else lo]
                     + [p.close + 1 for p in marked if p.close < len(prev)])
    sent = article.sentence_of(q.close) or article.paragraph_of(q.close)
    hi = sent.end if sent else len(text)
    rest = text[q.close + 1:hi].strip(BLANK + ".!?…\n")
    nxt = article.sentence_of(hi + 1) if not rest else None
    first = re.match(r"[\s,—–-]*(\w)", text[nxt.start:nxt.end]) if nxt is not None else None
    if nxt is not None and first is not None and first.group(1).islower():
        hi = nxt.end  # „Q?“ fragte er. — split by the segmenter after the mark
    hi = min([hi] + [p.open for p in marked if p.open > q.close])
    cue, side = _direct_cue(text, lex, q, lo, hi)
    return Frame(q, lo, hi, cue, side)


def _direct_cue(text: str, lex: QuoteLexicon, q: Marked, lo: int,
                hi: int) -> tuple[Cue | None, str]:
    after = [c for c in lex.find_cues(text, q.close + 1, hi)
             if words(text, q.close + 1, c.start) <= (0 if c.kind == "after_quote" else NEAR_AFTER)
             and not SENTENCE_STOP.search(text, q.close + 1, c.start)]
    before = [c for c in lex.find_cues(text, lo, q.open) if c.kind != "after_quote"
              and words(text, c.end, q.open) <= NEAR_BEFORE]
    gap = text[q.close + 1:after[0].start] if after else ""
    punctuated = bool(re.match(r"[\s,—–-]*[,—–-]", gap)) or \
        bool(re.search(r"[,.!?…]\s*$", text[q.start:q.close]))
    if after and (punctuated or lex.verb_final or not before):
        return after[0], "after"
    if before:
        return before[-1], "before"
    return None, ""


def attributed_directly(text: str, f: Frame) -> bool:
    """A short quote counts when its cue sits right beside it ('"No," he said')."""
    if f.cue is None or f.cue.kind not in ("say", "relay", "after_quote"):
        return False
    if f.side == "after":
        return words(text, f.quote.close + 1, f.cue.start) <= 2
    return words(text, f.cue.end, f.quote.open) <= 2 and \
        text[f.cue.end:f.quote.open].rstrip(BLANK).endswith((":", ","))


def direct_speaker(att: Attributor, f: Frame) -> Speaker | None:
    q, cue, text = f.quote, f.cue, att.text
    if cue is None:
        return None
    lo, hi = (q.close + 1, f.hi) if f.side == "after" else (f.lo, q.open)
    inverted = f.side == "after" and words(text, q.close + 1, cue.start) == 0
    found = att.speaker_for(cue, lo, hi, inverted) or att.unresolved(cue, lo, hi, inverted)
    if found is None:  # Turkish 'Putin, "..." dedi': the subject opens the sentence
        found = att.resolve(f.lo, q.open, "left") or \
            att.nearest_mention(q.close + 1, f.hi, q.close)
    return found or att.antecedent(cue.start, cue.end)  # a dropped subject


# -- indirect speech -----------------------------------------------------------------------

def indirect(att: Attributor, lo: int, hi: int) -> tuple[int, int, Cue, Speaker] | None:
    """Reported content in the sentence text[lo:hi], its cue and speaker."""
    for cue in att.lex.find_cues(att.text, lo, hi):
        if cue.kind == "after_quote":
            continue
        for start, end, speaker in _readings(att, cue, lo, hi):
            start, end = _content(att.text, start, end)
            if speaker is not None and words(att.text, start, end) >= MIN_WORDS:
                return start, end, cue, speaker
    return None


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not (text[start].isalnum() or text[start] in "\"«„“‘‚"):
        start += 1
    while end > start and text[end - 1] in BLANK + " ,;:—–-\n":
        end -= 1
    return start, end


Reading = tuple[int, int, Speaker | None]


def _readings(att: Attributor, cue: Cue, lo: int, hi: int) -> Iterator[Reading]:
    """Ways the sentence text[lo:hi] may report speech around the cue: (content, speaker)."""
    text, lex = att.text, att.lex
    if cue.kind in ("source_before", "source_after"):
        speaker = att.speaker_for(cue, lo, hi)
        if speaker is None:
            return
        first = cue if cue.kind == "source_before" else Cue(speaker.start, speaker.end, "")
        if words(text, lo, first.start) <= 3:  # "According to X, content", "X'e göre content"
            after = max(cue.end, speaker.end)
            comma = re.match(r"[\w'’]*[\s\u00a0]*,", text[after:hi])  # past a case ending
            yield after + comma.end() if comma else after, hi, speaker
        comma = text.rfind(",", lo, first.start)  # "content, according to X"
        if comma != -1:
            yield lo, comma, speaker
        return
    if lex.verb_final:  # "Putin, Rusya'nın ... oynadığını söyledi."
        if words(text, cue.end, hi) <= 1:
            comma = text.find(",", lo, cue.start)
            subject = att.resolve(lo, comma, "left") if comma != -1 else None
            if subject is not None:
                yield comma + 1, cue.start, subject
            first = att.nearest_mention(lo, cue.start, lo)
            if first is not None and words(text, lo, first.start) <= 1:
                yield first.end, cue.start, first
        return
    opening = _opening(att, cue, hi)  # "X stressed that content"
    if opening is not None:
        yield opening[1], hi, att.speaker_for(cue, lo, opening[0]) or \
            att.nearest_mention(lo, cue.start, cue.start)
    comma = text.rfind(",", lo, cue.start)  # "content, X said" / "content, said X"
    stop = CLAUSE_STOP.search(text, cue.end, hi)
    tail = words(text, cue.end, stop.start() if stop else hi)  # more: the verb has an object
    if comma != -1 and words(text, comma, cue.start) <= NEAR_AFTER and (
            cue.kind == "relay" or tail <= TAIL_WORDS):
        yield lo, comma, att.speaker_for(cue, comma + 1, hi, words(text, comma, cue.start) == 0)


def _opening(att: Attributor, cue: Cue, hi: int) -> tuple[int, int] | None:
    """Where the content after a reporting verb starts: (end of the subject zone, start)."""
    text, lex = att.text, att.lex
    window = min(hi, cue.end + 120)
    stop = SENTENCE_STOP.search(text, cue.end, window)
    window = stop.start() if stop else window
    comp = lex.complementizers.search(text, cue.end, window)
    if comp is not None and words(text, cue.end, comp.start()) <= NP_WORDS and (
            words(text, cue.end, comp.start()) <= 2  # "stated, however, that"
            or not CLAUSE_STOP.search(text, cue.end, comp.start())):
        return comp.start(), comp.end()
    if lex.comma_content:
        comma = text.find(",", cue.end, window)
        if comma != -1 and words(text, cue.end, comma) <= 3:
            return comma, comma + 1
    if lex.bare.fullmatch(text, cue.start, cue.end):
        nxt = WORD.search(text, cue.end, window)
        word = nxt.group().casefold() if nxt is not None else ""
        if nxt is not None and text[cue.end:nxt.start()].strip() == "" and (
                nxt.group()[0].isupper() or word in lex.pronouns or word in lex.determiners):
            return cue.end, nxt.start()
    return None


# -- the stage -----------------------------------------------------------------------------

def extract_quotes(article: Article, lex: QuoteLexicon, kb: KnowledgeBase | None) -> list[Quote]:
    """Direct and indirect quotations of an article with their speakers, in text order."""
    text = article.text
    marked = find_quotes(text, lex.closers)
    frames = [f for f in (frame(article, lex, q, marked) for q in marked)
              if (_wordy(text, f.quote) and (f.cue is not None or _speech(text, f)))
              or attributed_directly(text, f)]
    att = Attributor(article, lex, kb, [(f.quote.open, f.quote.close + 1) for f in frames])
    units: list[tuple[int, Frame | None, int]] = [(f.quote.open, f, 0) for f in frames]
    for s in article.sentences:
        if not any(s.start <= f.quote.close and f.quote.open < s.end for f in frames):
            units.append((s.start, None, s.end))
    units.sort(key=lambda u: u[0])
    out: list[Quote] = []
    previous: tuple[Frame, Speaker | None] | None = None
    for start, f, end in units:
        if f is None:
            found = indirect(att, start, end)
            if found is not None:
                a, b, cue, speaker = found
                att.remember(speaker)
                out.append(Quote(a, b, speaker.entity_id, speaker.start, speaker.end,
                                 "indirect", text[cue.start:cue.end]))
            continue
        speaker = direct_speaker(att, f)
        if f.cue is None and previous is not None and _follows(article, previous[0], f):
            speaker = previous[1]
        elif f.cue is None:
            speaker = att.nearest_mention(f.lo, f.hi, f.quote.open)
        att.remember(speaker)
        previous = (f, speaker)
        cue_text = text[f.cue.start:f.cue.end] if f.cue else ""
        out.append(Quote(f.quote.start, f.quote.end, speaker.entity_id if speaker else None,
                         speaker.start if speaker else None, speaker.end if speaker else None,
                         "direct", cue_text))
    return out


def _wordy(text: str, q: Marked) -> bool:
    return sum(1 for w in WORD.findall(text, q.start, q.end) if not w.isdigit()) >= MIN_WORDS


def _speech(text: str, f: Frame) -> bool:
    """Quoted words with no cue are speech when they end a sentence inside the marks or
    stand as a sentence of their own; otherwise they are a name ('the „Trump Route“')."""
    q = f.quote
    if re.search(r"[.!?…]\W*$", text[q.start:q.close]):
        return True
    return not text[f.lo:q.open].strip() and not re.sub(r"[\s.!?…]", "", text[q.close + 1:f.hi])


def _follows(article: Article, before: Frame, f: Frame) -> bool:
    """A quote with no cue continues the previous one in the same or the next paragraph."""
    para = article.paragraph_of(f.quote.open)
    prev_para = article.paragraph_of(before.quote.close)
    if para is None or prev_para is None:
        return False
    return not any(prev_para.start < p.start < para.start for p in article.paragraphs)


@stage("quotes.rules.v1", requires=("text", "lang", "sentences", "entities"), assigns=("quotes",))
def quotes(ctx: Context) -> Callable[[Article], Article]:
    """Direct and indirect quotations with their speakers (reporting-verb rules)."""
    lexicons: dict[str, QuoteLexicon] = {}
    kb = ctx.kb

    def run(article: Article) -> Article:
        lang = article.lang or "en"
        if lang not in lexicons:
            lexicons[lang] = QuoteLexicon.load(lang)
        article.quotes = extract_quotes(article, lexicons[lang], kb)
        return article

    return run

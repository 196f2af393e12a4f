"""Telling page furniture from article text, line by line.

Three kinds of evidence, as a reader uses them:

* cue phrases of every language (``nlp/lang/<code>/boilerplate.toml``): share buttons,
  cookie and recruitment notices, reading-time lines, and the lines that open a page's tail
  ("See also", "Source link", comment forms);
* line features that hold in any language (:class:`LineFeatures`): length, whether the line
  ends a sentence, how densely it uses a language's function words (jusText's stop-word
  lists), the share of button and link words, of capitalised words, of digits and of
  separators, links and e-mail addresses, and where on the page the line sits;
* the corpus: a line found in several articles of the same site is the site's furniture
  (the caller counts lines per site across runs; see ``clean.py``).

:func:`label_lines` gives each line a :class:`Label`; ``clean.py`` turns labels into the
article body.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..nlp.lexicon import available_languages, load_lexicon, merged_lexicon

log = logging.getLogger(__name__)

SENTENCE_END = ".!?…"
# Closing quotes and brackets: a line ending in one ends a sentence only if the sentence's
# own stop comes before it ("... now.”), not after a quoted word (... „Agentengesetz“).
CLOSERS = "\"'”“’»)]"
TRAILING_JUNK = " \t-–—|*•·"  # what scrapers leave after a paragraph's last sentence
_URL = re.compile(r"(https?://|www\.)\S+|(^|\s)@\w{3,}", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}", re.I)
# A separator mark standing between words (not a hyphen inside a word).
_SEPARATOR = re.compile(r"(?:^|\s)[|»›‹«>•·/\\–—\-_=+*#~]+(?=\s|$)")
_INNER_SENTENCE = re.compile(r"[.!?…][\"”»’)]?\s+[\"“„«(]?[^\W\d_]", re.U)
_LABEL = re.compile(r"^\s*([^:|–—]{2,40}?)\s*(?::|\||–|—)\s+\S")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# A score at or above this makes a line furniture (see furniture_score).
FURNITURE_SCORE = 2.0
# A line this long that uses function words as text does is prose even without a full stop.
LONG_PROSE_WORDS = 20
# A sentence of at least this many words that recurs on the site is dropped only outside
# the body: inside it, it is more likely a shared quotation than furniture.
REPEAT_PROSE_WORDS = 6


def line_key(line: str) -> str:
    """Comparison form of a line: case-folded, list numbering and edge punctuation removed."""
    line = unicodedata.normalize("NFKC", line).casefold().strip()
    line = re.sub(r"^\d+[.)]\s*", "", line)
    return " ".join(line.strip(" \t-–—|»«›‹>•·*:;,.!?()[]\"'“”„").split())


class Label(Enum):
    PROSE = "prose"  # a sentence or paragraph of text
    LOOSE = "loose"  # long and worded like text but ends no sentence: a lede, or a headline
    SHORT = "short"  # undecided: a subheading, a name, a date; kept only inside the body
    FURNITURE = "furniture"
    REPEATED = "repeated"  # recurs across the site's articles, and is no sentence
    REPEATED_PROSE = "repeated_prose"  # a sentence that recurs: dropped outside the body
    TAIL = "tail"  # opens the page's tail: it and everything after it go


@dataclass(frozen=True)
class Cues:
    """The boilerplate knowledge of all languages (pages mix languages)."""

    exact: frozenset[str]
    contains: tuple[str, ...]
    tail: frozenset[str]
    buttons: frozenset[str]
    bylines: tuple[str, ...]
    name_particles: frozenset[str]  # lower-case words a byline's names may hold ("von")
    stoplists: tuple[frozenset[str], ...]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Cues:
        data = merged_lexicon("boilerplate").get("boilerplate", {})
        stoplist_names = [load_lexicon(lang, "boilerplate").get("boilerplate", {}).get("stoplist")
                          for lang in available_languages()]
        folded = {key: [s.casefold() for s in data.get(key, [])]
                  for key in ("contains", "buttons", "bylines", "name_particles")}
        return cls(
            exact=frozenset(line_key(s) for s in data.get("exact", [])),
            contains=tuple(folded["contains"]),
            tail=frozenset(line_key(s) for s in data.get("tail", [])),
            buttons=frozenset(folded["buttons"]),
            bylines=tuple(sorted(folded["bylines"], key=len, reverse=True)),
            name_particles=frozenset(folded["name_particles"]),
            stoplists=tuple(_stoplist(name) for name in stoplist_names if name))

    def is_furniture(self, line: str) -> bool:
        """A cue says so: the line is a known phrase, contains one, has no letters, or is
        a breadcrumb trail."""
        key = line_key(line)
        if not key or not any(ch.isalpha() for ch in key):
            return True
        if key in self.exact:
            return True
        folded = line.casefold()
        if any(c in folded for c in self.contains) or is_breadcrumb(line):
            return True
        # a tail cue introducing a link on the same line: "See also: ...", "Lire aussi | ..."
        head = _LABEL.match(line)
        return bool(head) and len(line.split()) <= 20 and line_key(head.group(1)) in self.tail

    def is_tail(self, line: str) -> bool:
        return line_key(line) in self.tail

    def byline(self, line: str) -> str | None:
        """The author named by a byline ("By Jane Doe" -> "Jane Doe"), or None."""
        folded = line.casefold()
        for cue in self.bylines:
            if folded.startswith(cue + " ") or (cue.endswith(":") and folded.startswith(cue)):
                name = re.split(r"\s*[,|;]\s*", line[len(cue):].strip(" :,-–—"))[0]
                words = name.split()
                if 1 <= len(words) <= 6 and all(
                        w[:1].isupper() or w.casefold() in self.name_particles for w in words):
                    return name
        return None


def _stoplist(name: str) -> frozenset[str]:
    import justext

    try:
        return frozenset(w.casefold() for w in justext.get_stoplist(name))
    except ValueError:
        log.warning("jusText has no stop-word list %r; boilerplate.toml names it", name)
        return frozenset()


def is_breadcrumb(line: str) -> bool:
    parts = [p for p in re.split(r"\s*(?:»|›|>|/|\|)\s*", line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


@dataclass(frozen=True)
class LineFeatures:
    words: int
    sentence_end: bool
    stop_density: float  # share of words in a language's stop-word list (the best language)
    button_share: float  # share of words that name buttons and links
    capital_share: float  # share of words starting with a capital letter
    digit_share: float  # digits among non-space characters
    separators: float  # separator marks (| » / ...) per word
    link_like: bool  # a URL or a @handle
    email: bool  # an e-mail address
    position: float  # where the line starts, 0 (top) to 1 (bottom) of the page

    inner_sentence: bool = False  # a sentence ends inside the line and another begins

    @property
    def prose(self) -> bool:
        """Reads like text: it ends a sentence (or holds one) and is not made of buttons."""
        if self.button_share >= 0.5 or self.words < 3:
            return False
        return (self.sentence_end or (self.inner_sentence and self.words >= 8)
                or (self.words >= LONG_PROSE_WORDS and self.stop_density >= 0.25))

    @property
    def loose(self) -> bool:
        """Long and worded like text without ending a sentence (a lede, a long headline)."""
        return (not self.prose and self.words >= 12 and self.stop_density >= 0.2
                and self.separators < 0.1 and self.digit_share < 0.15)


def line_features(line: str, position: float, cues: Cues) -> LineFeatures:
    words = _WORD.findall(line)
    folded = [w.casefold() for w in words]
    n = len(words) or 1
    chars = [c for c in line if not c.isspace()] or [" "]
    stop = max((sum(w in s for w in folded) / n for s in cues.stoplists), default=0.0)
    return LineFeatures(
        words=len(words),
        sentence_end=line.rstrip(TRAILING_JUNK).rstrip(CLOSERS).endswith(tuple(SENTENCE_END)),
        stop_density=stop,
        button_share=sum(w in cues.buttons for w in folded) / n,
        capital_share=sum(w[:1].isupper() for w in words) / n,
        digit_share=sum(c.isdigit() for c in chars) / len(chars),
        separators=len([m for m in _SEPARATOR.findall(line)
                        if not ("«" in line and m.strip() in "«»")]) / n,  # not quotes
        link_like=bool(_URL.search(line)),
        email=bool(_EMAIL.search(line)),
        position=position,
        inner_sentence=bool(_INNER_SENTENCE.search(line)),
    )


def furniture_score(f: LineFeatures) -> float:
    """How much a line looks like page furniture; FURNITURE_SCORE or more means it is.

    Navigation is short, made of button words, separators, numbers and capitalised
    labels, and sits at the top or bottom of the page; text is long, ends sentences and
    uses function words. Each piece of evidence adds or takes a point or two.
    """
    score = 0.0
    if f.button_share >= 0.5 and f.words <= 8:
        score += 2
    elif f.button_share >= 0.3:
        score += 1
    if f.link_like and f.words <= 15:
        score += 2  # a bare link or handle
    if f.email:
        score += 5 if f.position > 0.75 else 3  # contact notes, most often at the bottom
    if f.separators >= 0.3 and not f.sentence_end:
        score += 1
    if f.digit_share >= 0.5:
        score += 2  # time stamps, counters, dates: never prose
    elif f.digit_share >= 0.3:
        score += 1
    edge = f.position < 0.15 or f.position > 0.85
    if edge and f.capital_share >= 0.9 and 2 <= f.words <= 6 and not f.sentence_end:
        score += 1
    if f.prose:
        score -= 2
    if f.words >= 20:
        score -= 1
    return score


def label_lines(lines: list[str], cues: Cues, site_repeats: set[str]) -> list[Label | None]:
    """A label for each line (None for blank lines). Everything from a tail line on is TAIL
    when the tail line sits in the second half of the page."""
    total = sum(len(line) for line in lines) or 1
    labels: list[Label | None] = []
    seen = 0
    for i, line in enumerate(lines):
        position = (seen + len(line) / 2) / total  # of the line's middle
        seen += len(line)
        if not line:
            labels.append(None)
            continue
        if cues.is_tail(line) and position > 0.5:
            labels.extend(Label.TAIL if x else None for x in lines[i:])
            break
        if cues.is_furniture(line):
            labels.append(Label.FURNITURE)
            continue
        features = line_features(line, position, cues)
        if line_key(line) in site_repeats:
            sentence = features.prose and features.words >= REPEAT_PROSE_WORDS
            labels.append(Label.REPEATED_PROSE if sentence else Label.REPEATED)
        elif furniture_score(features) >= FURNITURE_SCORE:
            labels.append(Label.FURNITURE)
        else:
            labels.append(Label.PROSE if features.prose else
                          Label.LOOSE if features.loose else Label.SHORT)
    return labels

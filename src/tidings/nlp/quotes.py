"""Quotations: direct quotes in every quotation-mark style, attributed to a speaker.

The speaker is the person or organisation the sentence names outside the quote (nearest
to the quote), or, for a quote standing alone, the speaker of the previous quote.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Article, Quote
from ..pipeline import Context, stage

# opening mark -> closing marks
PAIRS = {"„": "“”", "«": "»", "“": "”", "\"": "\"", "‚": "‘’", "‹": "›", "”": "”"}
MIN_WORDS = 4


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted words, marks excluded."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in PAIRS:
            close = min((p for p in (text.find(c, i + 1) for c in PAIRS[ch]) if p != -1),
                        default=-1)
            if close != -1 and len(text[i + 1:close].split()) >= MIN_WORDS and \
                    "\n" not in text[i + 1:close]:
                out.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    return out


@stage("quotes.rules.v1", requires=("text", "sentences", "entities"), assigns=("quotes",))
def quotes(ctx: Context) -> Callable[[Article], Article]:
    """Direct quotations with their speakers."""

    def run(article: Article) -> Article:
        found = []
        speakers = [m for m in article.entities if m.label in ("PERSON", "ORG")
                    and m.entity_id and m.method != "adjective"]
        previous = None
        for start, end in find_quotes(article.text):
            sent = article.sentence_of(start) or article.paragraph_of(start)
            lo, hi = (sent.start, sent.end) if sent else (start, end)
            if sent is not None:
                nxt = article.sentence_of(end + 2)
                hi = max(hi, nxt.end if nxt and nxt.start <= end + 2 else hi)
            outside = [m for m in speakers if lo <= m.start < hi and not start <= m.start < end]
            speaker = min(outside, key=lambda m: min(abs(m.start - end), abs(m.end - start)),
                          default=previous)
            found.append(Quote(start, end, speaker.entity_id if speaker else None,
                               speaker.start if speaker else None,
                               speaker.end if speaker else None, "direct"))
            previous = speaker
        article.quotes = found
        return article

    return run

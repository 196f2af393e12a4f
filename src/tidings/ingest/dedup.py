"""Duplicates: exact copies are dropped, syndicated near-copies linked to the first seen.

The first article with a given text wins. A later article whose cleaned text is the same,
or whose word-shingle MinHash is above ``dedup.threshold`` Jaccard to an earlier one (from
this run or already in the store), gets ``duplicate_of``; later stages skip it, but it is
stored as evidence of who published the story.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Article
from ..pipeline import Context, stage

NUM_PERM = 128


def shingles(text: str, size: int) -> set[str]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash LSH over the articles seen so far (datasketch)."""

    def __init__(self, threshold: float, shingle: int):
        from datasketch import MinHashLSH

        self.shingle = shingle
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.hashes: dict[str, str] = {}  # content hash -> article id

    def _minhash(self, text: str):
        from datasketch import MinHash

        mh = MinHash(num_perm=NUM_PERM)
        mh.update_batch([s.encode("utf-8") for s in shingles(text, self.shingle)])
        return mh

    def add(self, article: Article) -> None:
        if article.id in self.lsh.keys:
            return
        self.hashes.setdefault(article.content_hash, article.id)
        self.lsh.insert(article.id, self._minhash(article.text))

    def original_of(self, article: Article) -> str | None:
        """The id of an earlier article this one copies, or None."""
        same = self.hashes.get(article.content_hash)
        if same and same != article.id:
            return same
        hits = [h for h in self.lsh.query(self._minhash(article.text)) if h != article.id]
        return min(hits) if hits else None


@stage("dedup.minhash.v1", requires=("text",), assigns=("duplicate_of",))
def dedup(ctx: Context) -> Callable[[Article], Article]:
    """Links exact and near-copies to the first article seen (MinHash over shingles)."""
    cfg = ctx.config.dedup

    def build() -> NearDuplicateIndex:
        index = NearDuplicateIndex(cfg.threshold, cfg.shingle)
        if ctx.store is not None:
            for stored in ctx.store.iter_articles():
                index.add(stored)
        return index

    index: NearDuplicateIndex = ctx.resource("dedup.index", build)

    def run(article: Article) -> Article:
        if not article.text.strip():
            return article
        original = index.original_of(article)
        if original is not None:
            article.duplicate_of = original
            article.provenance["duplicate_reason"] = (
                "exact" if index.hashes.get(article.content_hash) == original else "near")
        else:
            index.add(article)
        return article

    return run

"""Duplicates: exact copies are dropped, syndicated near-copies linked to the first seen.

The first article with a given text wins. A later article whose cleaned text is the same,
or whose word-shingle MinHash (datasketch) estimates a Jaccard similarity of at least
``dedup.threshold`` with an earlier one (from this run or already in the store), gets
``duplicate_of``: later stages skip it, but it is stored as evidence of who published the
story. MinHash estimates vary by a few points on short texts, so a candidate just under the
threshold is measured exactly on its text. Signatures are kept in the store, so a run loads
them instead of re-reading and re-hashing every stored article; articles stored without one
(or under another shingle size) are hashed once and their signature saved.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from ..model import Article
from ..pipeline import Context, stage

log = logging.getLogger(__name__)
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's hashing scheme: 32-bit values, stored as 4 bytes each
LSH_MARGIN = 0.15
RECENT_TEXTS = 2000  # texts of this run's originals kept for exact checks
# Texts shorter than this many words are compared only for exact identity: a few shared
# words make short texts look alike.
MIN_WORDS = 20


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def shingles(tokens: list[str], size: int) -> set[str]:
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


class NearDuplicateIndex:
    """MinHash LSH over the original articles seen so far, in the order they were seen."""

    def __init__(self, threshold: float, shingle: int):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.shingle = shingle
        self.scheme = f"minhash-{SCHEME}-w{shingle}-p{NUM_PERM}-s{SEED}"
        # the LSH bands look for candidates below the threshold, so that pairs near it are
        # not missed; each candidate is then checked against the threshold itself
        self.lsh = MinHashLSH(threshold=max(0.2, threshold - LSH_MARGIN), num_perm=NUM_PERM)
        self.order: dict[str, int] = {}  # article id -> when it was seen
        self.signatures: dict[str, np.ndarray] = {}
        self.hashes: dict[str, str] = {}  # content hash -> first article id
        self.recent: OrderedDict[str, str] = OrderedDict()

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature of ``text``; None when it is too short to compare."""
        from datasketch import MinHash

        tokens = words(text)
        if len(tokens) < MIN_WORDS:
            return None
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        mh.update_batch([s.encode("utf-8") for s in shingles(tokens, self.shingle)])
        return mh.hashvalues.astype(np.uint32)

    def add(self, article_id: str, content_hash: str, signature: np.ndarray | None) -> None:
        self.hashes.setdefault(content_hash, article_id)
        if article_id in self.order:
            return
        self.order[article_id] = len(self.order)
        if signature is not None:
            self.signatures[article_id] = signature
            self.lsh.insert(article_id, _lean(signature))

    def original_of(self, article_id: str, content_hash: str, text: str,
                    signature: np.ndarray | None,
                    load_text: Callable[[str], str | None] = lambda _: None
                    ) -> tuple[str, str] | None:
        """(id of the first earlier article this one copies, 'exact' or 'near'), or None.

        A candidate whose estimated similarity falls just short of the threshold (MinHash
        estimates vary by a few points on short texts) is measured exactly on its text,
        which ``load_text`` supplies."""
        same = self.hashes.get(content_hash)
        if same and same != article_id:
            return same, "exact"
        if signature is None:
            return None
        hits = []
        mine: set[str] | None = None
        for other in self.lsh.query(_lean(signature)):
            if other == article_id:
                continue
            similarity = float(np.mean(self.signatures[other] == signature))
            if self.threshold - LSH_MARGIN <= similarity < self.threshold:
                other_text = self.recent.get(other) or load_text(other)
                if other_text is not None:
                    mine = mine or shingles(words(text), self.shingle)
                    theirs = shingles(words(other_text), self.shingle)
                    similarity = len(mine & theirs) / max(len(mine | theirs), 1)
            if similarity >= self.threshold:
                hits.append(other)
        if not hits:
            return None
        return min(hits, key=self.order.__getitem__), "near"

    def remember(self, article_id: str, text: str) -> None:
        """Keep the text of a recent original (not yet in the store) for exact checks."""
        self.recent[article_id] = text
        while len(self.recent) > RECENT_TEXTS:
            self.recent.popitem(last=False)


def _lean(signature: np.ndarray):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME)


def build_index(ctx: Context) -> NearDuplicateIndex:
    """The index of the store's original articles, from their kept signatures."""
    cfg = ctx.config.dedup
    index = NearDuplicateIndex(cfg.threshold, cfg.shingle)
    store = ctx.store
    if store is None:
        return index
    computed = 0
    for article_id, content_hash, blob in list(store.iter_signatures(index.scheme)):
        if blob is not None:
            signature = np.frombuffer(blob, dtype=np.uint32) if blob else None
        else:
            article = store.get_article(article_id)
            signature = index.signature(article.text) if article else None
            store.save_signature(article_id, index.scheme, content_hash,
                                 signature.tobytes() if signature is not None else b"")
            computed += 1
        index.add(article_id, content_hash, signature)
    if computed:
        log.info("computed %d missing near-duplicate signatures", computed)
    return index


@stage("dedup.minhash.v1", requires=("text",), assigns=("duplicate_of",))
def dedup(ctx: Context) -> Callable[[Article], Article]:
    """Links exact and near-copies to the first article seen (MinHash over shingles)."""
    index: NearDuplicateIndex = ctx.resource("dedup.index", lambda: build_index(ctx))

    def stored_text(article_id: str) -> str | None:
        found = ctx.store.get_article(article_id) if ctx.store is not None else None
        return found.text if found else None

    def run(article: Article) -> Article:
        if not article.text.strip():
            return article
        digest = article.content_hash
        signature = index.signature(article.text)
        found = index.original_of(article.id, digest, article.text, signature, stored_text)
        if found is not None:
            article.duplicate_of, article.provenance["duplicate_reason"] = found
            return article
        index.add(article.id, digest, signature)
        index.remember(article.id, article.text)
        if ctx.store is not None:
            ctx.store.save_signature(article.id, index.scheme, digest,
                                     signature.tobytes() if signature is not None else b"")
        return article

    return run

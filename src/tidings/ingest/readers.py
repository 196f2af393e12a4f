"""Readers: turn one input file into articles (raw text or HTML plus metadata).

Each reader takes the file's bytes and returns ``Article`` objects with ``raw`` set; the
cleaning stages produce the text. Problems raise :class:`InputError` with a reason code
(binary, empty, too_large, corrupt, undecodable, unsupported, malformed) so the caller can
report the file by name and go on with the others.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
import zlib
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Article, DateValue

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Formats people put in news folders that tidings cannot read: named, so the message is clear.
KNOWN_BINARY = {
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
}


def decode(data: bytes, source: str, encodings: tuple[str, ...]) -> str:
    """Bytes to text: BOM first, then strict UTF-8, then the best of the fallbacks."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best, best_score = None, float("-inf")
    for enc in encodings:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < 0:
        raise InputError(source, "undecodable",
                         f"not readable text in any of {', '.join(encodings)}")
    return best


# Letters that real text in the supported languages uses beyond ASCII.
_COMMON = set("äöüßÄÖÜéèêëàâçôûîïùÿœÉÈÊÀÂÇÔÎæ" "ışğİŞĞ" "əƏ" "ñáíóúÁÍÓÚ" "«»„“”‘’–—…€№°")


def plausibility(text: str) -> float:
    """How much a decoding looks like real text: common characters score, rare symbols and
    words that mix Latin and Cyrillic letters cost."""
    score = 0.0
    sample = text[:20000]
    for ch in sample:
        if ch.isascii():
            score += 1 if (ch.isprintable() or ch in "\n\r\t") else -5
        elif ch in _COMMON or "\u0400" <= ch <= "\u04ff":
            score += 1
        else:
            score -= 3
    for word in re.findall(r"\w+", sample):
        has_cyr = any("\u0400" <= c <= "\u04ff" for c in word)
        if has_cyr and any("a" <= c.lower() <= "z" for c in word):
            score -= 3 * len(word)
    return score / max(len(sample), 1)


def check_bytes(data: bytes, source: str, max_bytes: int) -> None:
    if not data.strip():
        raise InputError(source, "empty", "the file is empty")
    if len(data) > max_bytes:
        raise InputError(source, "too_large",
                         f"{len(data):,} bytes is over the limit of {max_bytes:,} "
                         "(raise ingest.max_bytes to read it)")
    for magic, what in KNOWN_BINARY.items():
        if data.startswith(magic):
            raise InputError(source, "unsupported", f"this is {what}, not a text or HTML file")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(source, "binary", "binary content (NUL bytes), not text")


def _article(path: Path, raw: str, fmt: str, meta: dict) -> Article:
    article = Article(id=meta.get("id") or path.stem, raw=raw, raw_format=fmt,  # type: ignore[arg-type]
                      source=str(path))
    apply_meta(article, meta)
    return article


def apply_meta(article: Article, meta: dict) -> None:
    """Sidecar or record metadata (published, site, url, lang, title) onto an article."""
    if meta.get("published"):
        try:
            article.published = DateValue.parse(str(meta["published"])[:10])
            article.published_source = meta.get("published_source", "sidecar")
        except ValueError:
            pass
    for key in ("site", "url", "lang", "title", "author"):
        if meta.get(key):
            setattr(article, key, str(meta[key]))
    if meta.get("note"):
        article.provenance["note"] = meta["note"]


def read_text(path: Path, text: str, meta: dict) -> list[Article]:
    return [_article(path, text, "text", meta)]


def read_html(path: Path, text: str, meta: dict) -> list[Article]:
    return [_article(path, text, "html", meta)]


def read_jsonl(path: Path, text: str, meta: dict) -> list[Article]:
    """News-crawler records: url, title, maintext|text|content, date_publish, language."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), "malformed", f"line {number} is not JSON: {exc.msg}") \
                from None
        body = rec.get("maintext") or rec.get("text") or rec.get("content") or ""
        html = rec.get("html") or ""
        if not (body or html):
            continue
        rid = str(rec.get("id") or f"{path.stem}-{number}")
        record_meta = {
            "id": rid, "title": rec.get("title"), "url": rec.get("url"),
            "site": rec.get("source_domain") or rec.get("site"),
            "published": rec.get("date_publish") or rec.get("published") or rec.get("date"),
            "lang": rec.get("language") or rec.get("lang"), "author": _author(rec),
            "published_source": "record",
        }
        article = Article(id=rid, raw=body or html, raw_format="text" if body else "html",
                          source=f"{path}#{number}")
        apply_meta(article, {k: v for k, v in record_meta.items() if v})
        out.append(article)
    return out


def _author(rec: dict) -> str:
    authors = rec.get("authors") or rec.get("author") or ""
    return ", ".join(authors) if isinstance(authors, list) else str(authors)


READERS: dict[str, Callable[[Path, str, dict], list[Article]]] = {
    **{s: read_text for s in TEXT_SUFFIXES},
    **{s: read_html for s in HTML_SUFFIXES},
    **{s: read_jsonl for s in JSONL_SUFFIXES},
}


def read_file(path: Path, meta: dict, max_bytes: int,
              encodings: tuple[str, ...]) -> list[Article]:
    """Read one input file into articles, or raise InputError saying why not."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, "unreadable", str(exc)) from None
    suffixes = path.suffixes
    if suffixes and suffixes[-1] == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(source, "corrupt", f"the gzip data is damaged: {exc}") from None
        suffixes = suffixes[:-1]
    suffix = suffixes[-1].lower() if suffixes else ""
    check_bytes(data, source, max_bytes)
    text = decode(data, source, encodings)
    if suffix not in READERS:
        suffix = ".html" if text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")) \
            else ".txt"
    return READERS[suffix](path, text, meta)

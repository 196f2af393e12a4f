"""Bytes to text without assuming an encoding.

Order of evidence: a byte-order mark; UTF-16 without a BOM (recognised by where the NUL
bytes fall); strict UTF-8 (valid UTF-8 is strong evidence: legacy code pages rarely
produce it, while a page's declaration is often stale); a charset the document declares
(HTTP header or ``<meta charset>``) when the bytes decode with it into plausible text; then
every configured fallback encoding is tried and the decoding that looks most like real
text in the supported languages wins (:func:`plausibility`).
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

# Letters and marks that real text in the supported languages uses beyond ASCII.
_COMMON = set("äöüßÄÖÜéèêëàâçôûîïùÿœÉÈÊÀÂÇÔÎæ" "ışğİŞĞ" "əƏ" "ñáíóúÁÍÓÚ"
              "«»„“”‘’–—…€№°\u00a0")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_WORD = re.compile(r"\w+")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def plausibility(text: str) -> float:
    """How much a decoding looks like real text, per character (about -3 to 1).

    Printable ASCII and the letters of the supported languages score; control characters
    and rare symbols (what a wrong code page produces) cost; so does a word that mixes
    Latin and Cyrillic letters, which is what Latin text read as cp1251 looks like.
    """
    sample = text[:20000]
    score = 0.0
    for ch in sample:
        if ch.isascii():
            score += 1 if (ch.isprintable() or ch in "\n\r\t") else -5
        elif ch in _COMMON or _is_cyrillic(ch):
            score += 1
        else:
            score -= 3
    for word in _WORD.findall(sample):
        if any(_is_cyrillic(c) for c in word) and any("a" <= c.lower() <= "z" for c in word):
            score -= 3 * len(word)
    return score / max(len(sample), 1)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit on one side of the byte pairs only,
    as they do in UTF-16 text of Latin script (most pairs) or Cyrillic (spaces, digits and
    punctuation); None otherwise. The caller still checks that the decoding is plausible."""
    head = data[:4096]
    if len(head) < 4:
        return None
    pairs = len(head) // 2
    even = sum(1 for i in range(0, pairs * 2, 2) if head[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if head[i] == 0)
    if odd >= 0.05 * pairs and even <= 0.01 * pairs:
        return "utf-16-le"
    if even >= 0.05 * pairs and odd <= 0.01 * pairs:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    found = _META_CHARSET.search(head) or re.search(rb"""<\?xml[^>]+encoding=["']([^"']+)""",
                                                    head)
    return found.group(1).decode("ascii", "replace").lower() if found else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, source: str, encodings: tuple[str, ...],
           declared: str | None = None) -> str:
    """Bytes to text (see the module docstring); InputError 'undecodable' when no encoding
    gives plausible text."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is not None:
                return text
    utf16 = utf16_without_bom(data)
    if utf16:
        text = _strict(data, utf16)
        if text is not None and plausibility(text) > 0.5:
            return text
    for enc in ("utf-8", declared):
        text = _strict(data, enc) if enc else None
        if text is not None and plausibility(text) > 0:
            return text
    best, best_score = None, float("-inf")
    for enc in encodings:
        text = _strict(data, enc)
        if text is None:
            continue
        score = plausibility(text)
        if score > best_score:
            best, best_score = text, score
    if best is None or best_score < 0:
        raise InputError(source, "undecodable",
                         f"not readable text in any of {', '.join(encodings)}")
    return best

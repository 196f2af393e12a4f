"""Stores: ``open_store(url)`` picks the backend from the URL (SQLite by default)."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import EventFilter, Rejected, Store


def open_store(url: str | Path) -> Store:
    """``path/to/file.db``, ``sqlite:///path`` or ``:memory:`` open the SQLite store."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL backend is not part of this version of tidings")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    from .sqlite import SQLiteStore

    return SQLiteStore(text)


__all__ = ["EventFilter", "Rejected", "Store", "open_store"]

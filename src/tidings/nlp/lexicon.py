"""Linguistic knowledge kept as data: ``nlp/lang/<code>/<name>.toml``, one layout per language.

    load_lexicon("de", "triggers")   # -> dict parsed from nlp/lang/de/triggers.toml
    merged_lexicon("boilerplate")    # the same file of every language, values concatenated

Files are read once and cached (they are packaged, read-only data).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

LANG_DIR = ("nlp", "lang")


def available_languages() -> list[str]:
    root = resources.files("tidings").joinpath(*LANG_DIR)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@cache
def load_lexicon(lang: str, name: str) -> dict[str, Any]:
    """The parsed ``nlp/lang/<lang>/<name>.toml``; an empty dict when the file is missing."""
    path = resources.files("tidings").joinpath(*LANG_DIR, lang, f"{name}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text("utf-8"))


@cache
def merged_lexicon(name: str) -> dict[str, Any]:
    """Every language's ``<name>.toml`` merged: lists are concatenated, tables merged."""
    out: dict[str, Any] = {}
    for lang in available_languages():
        _merge_into(out, load_lexicon(lang, name))
    return out


def _merge_into(out: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _merge_into(out.setdefault(key, {}), value)
        elif isinstance(value, list):
            out.setdefault(key, []).extend(value)
        else:
            out.setdefault(key, value)

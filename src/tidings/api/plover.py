"""The cooperative / neutral / conflictual split of PLOVER types (data in plover.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from ..model import PLOVER_TYPES


@dataclass(frozen=True)
class PloverSplit:
    """Category of every PLOVER type, in the order the file lists the categories."""

    categories: tuple[str, ...]
    labels: dict[str, str]
    category_of: dict[str, str]

    def of(self, event_type: str) -> str:
        return self.category_of.get(event_type.upper(), "neutral")


def load_plover_split(text: str | None = None) -> PloverSplit:
    """Read plover.toml (or ``text`` in its format); every PLOVER type must be in exactly
    one category."""
    if text is None:
        text = resources.files("tidings.api").joinpath("plover.toml").read_text("utf-8")
    data = tomllib.loads(text).get("category", {})
    category_of: dict[str, str] = {}
    for key, section in data.items():
        for event_type in section.get("types", []):
            if event_type in category_of:
                raise ConfigError(f"plover.toml: {event_type} is in both "
                                  f"{category_of[event_type]} and {key}")
            category_of[event_type] = key
    missing = [t for t in PLOVER_TYPES if t not in category_of]
    unknown = [t for t in category_of if t not in PLOVER_TYPES]
    if missing or unknown:
        raise ConfigError(f"plover.toml: types without a category {missing}, "
                          f"not PLOVER types {unknown}")
    return PloverSplit(tuple(data), {k: v.get("label", k) for k, v in data.items()},
                       category_of)

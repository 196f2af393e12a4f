"""Configuration: packaged defaults, a user's TOML file on top, one immutable object.

``load_config()`` returns a frozen :class:`Config`; stages receive it explicitly and never
change it. Unknown keys are errors, so a typo in a user's file is reported, not ignored.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StoreConfig(_Section):
    url: str


class IngestConfig(_Section):
    max_bytes: int = Field(gt=0)
    encodings: tuple[str, ...]
    batch_size: int = Field(gt=0)


class PipelineConfig(_Section):
    stages: tuple[str, ...]
    on_error: Literal["raise", "skip", "record"]


class LanguagesConfig(_Section):
    supported: tuple[str, ...]
    fallback: str


class EntitiesConfig(_Section):
    recognizers: dict[str, str]
    kb_files: tuple[str, ...]


class EventsConfig(_Section):
    coder: str


class DedupConfig(_Section):
    threshold: float = Field(gt=0, le=1)
    shingle: int = Field(gt=0)


class ServerConfig(_Section):
    host: str
    port: int


class Config(_Section):
    store: StoreConfig
    ingest: IngestConfig
    pipeline: PipelineConfig
    languages: LanguagesConfig
    entities: EntitiesConfig
    events: EventsConfig
    dedup: DedupConfig
    server: ServerConfig

    def replace(self, **sections: dict[str, Any]) -> Config:
        """A copy with some keys changed: ``cfg.replace(store={"url": "x.db"})``."""
        return _build(_merge(self.model_dump(), sections))


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _build(data: dict[str, Any]) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ConfigError(f"invalid configuration: {problems}") from None


def default_data() -> dict[str, Any]:
    text = resources.files("tidings").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_config(path: str | Path | None = None, **overrides: dict[str, Any]) -> Config:
    """Packaged defaults, then the file at ``path`` (if any), then keyword overrides."""
    data = default_data()
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        data = _merge(data, user)
    return _build(_merge(data, overrides))

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
    site_repeat_min: int = Field(ge=2)


class FetchConfig(_Section):
    timeout: float = Field(gt=0)
    max_seconds: float = Field(gt=0)
    max_bytes: int = Field(gt=0)
    delay: float = Field(ge=0)
    max_redirects: int = Field(ge=0)
    user_agent: str
    allow_private: bool
    follow_feed_links: bool


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
    coder: Literal["rules", "llm"]


class LlmConfig(_Section):
    endpoint: str
    model: str
    api_key_env: str
    timeout: float = Field(gt=0)
    max_tokens: int = Field(gt=0)


class DedupConfig(_Section):
    threshold: float = Field(gt=0, le=1)
    shingle: int = Field(gt=0)


class MergeConfig(_Section):
    window_days: int = Field(ge=0)
    planned_window_days: int = Field(ge=0)
    date_slack_days: int = Field(ge=0)
    bucket_days: int = Field(gt=0)
    max_years: int = Field(gt=0)
    max_candidates: int = Field(gt=0)
    min_shared_actors: int = Field(ge=1)
    mode_groups: tuple[tuple[str, ...], ...]


class StoriesConfig(_Section):
    embedder: str
    threshold: float = Field(gt=0, le=1)
    window_days: int = Field(ge=0)
    text_weight: float = Field(ge=0)
    entity_weight: float = Field(ge=0)
    event_bonus: float = Field(ge=0)
    lead_chars: int = Field(gt=0)


class TimeConfig(_Section):
    dateline_chars: int = Field(ge=0)
    future_bias: float = Field(ge=1)


class ServerConfig(_Section):
    host: str
    port: int


class Config(_Section):
    store: StoreConfig
    ingest: IngestConfig
    fetch: FetchConfig
    pipeline: PipelineConfig
    languages: LanguagesConfig
    entities: EntitiesConfig
    events: EventsConfig
    llm: LlmConfig
    dedup: DedupConfig
    merge: MergeConfig
    stories: StoriesConfig
    time: TimeConfig
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

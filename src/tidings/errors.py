"""The exceptions tidings raises, each carrying what a user needs to act on it.

    TidingsError
    ├── ConfigError          a config file or value is wrong (names the key)
    ├── PipelineError        the stage list cannot be built (unknown stage, unmet requirement)
    ├── StageError           a stage failed on one article (names the stage and the article)
    ├── InputError           an input cannot be read (names the file and a reason code)
    ├── StoreError           the store cannot be opened or migrated
    └── ModelUnavailable     an optional model or backend is not installed
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class ConfigError(TidingsError):
    pass


class PipelineError(TidingsError):
    pass


class StageError(TidingsError):
    def __init__(self, stage: str, article_id: str, cause: BaseException):
        super().__init__(f"stage {stage} failed on article {article_id}: {cause!r}")
        self.stage = stage
        self.article_id = article_id
        self.cause = cause


class InputError(TidingsError):
    """An input that cannot be ingested. ``code`` is a short machine-readable reason."""

    def __init__(self, source: str, code: str, message: str):
        super().__init__(f"{source}: {message} [{code}]")
        self.source = source
        self.code = code
        self.message = message


class StoreError(TidingsError):
    pass


class ModelUnavailable(TidingsError):
    pass

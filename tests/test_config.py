import pytest
from pydantic import ValidationError

from tidings.config import load_config
from tidings.errors import ConfigError


def test_defaults_load_and_are_immutable():
    cfg = load_config()
    assert cfg.store.url.endswith(".db")
    assert "entities.kb.v1" in cfg.pipeline.stages
    with pytest.raises(ValidationError):
        cfg.store.url = "other.db"  # type: ignore[misc]


def test_user_file_is_layered_over_defaults(tmp_path):
    path = tmp_path / "my.toml"
    path.write_text('[store]\nurl = "mine.db"\n[dedup]\nthreshold = 0.9\n')
    cfg = load_config(path)
    assert cfg.store.url == "mine.db"
    assert cfg.dedup.threshold == 0.9
    assert cfg.dedup.shingle == load_config().dedup.shingle


def test_unknown_key_is_reported_with_its_path(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[store]\nulr = "typo.db"\n')
    with pytest.raises(ConfigError, match="store.ulr"):
        load_config(path)


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[store\n")
    with pytest.raises(ConfigError, match="broken.toml"):
        load_config(path)


def test_replace_returns_a_changed_copy():
    cfg = load_config()
    other = cfg.replace(store={"url": "x.db"})
    assert other.store.url == "x.db" and cfg.store.url != "x.db"

"""Shared fixtures. ../shared (seeds, gold, score.py) sits beside the checkout in CI;
tests that need it skip cleanly when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings import Context, load_config, open_store
from tidings.demo import samples_dir
from tidings.ingest.run import ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def config(tmp_path):
    return load_config(store={"url": str(tmp_path / "test.db")})


@pytest.fixture
def ctx(config):
    context = Context(config, open_store(config.store.url))
    yield context
    context.store.close()


@pytest.fixture(scope="session")
def kb():
    from tidings.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip("../shared (seeds and gold) is not beside this checkout")
    return SHARED


def _ingested(tmp_path_factory, name: str, folder: Path, kb):
    path = tmp_path_factory.mktemp(name) / "store.db"
    config = load_config(store={"url": str(path)})
    context = Context(config, open_store(path))
    context._resources["kb"] = kb  # one knowledge base per test session
    report = ingest([folder], context)
    return context, report


@pytest.fixture(scope="session")
def seeds_ctx(tmp_path_factory, shared, kb):
    context, _ = _ingested(tmp_path_factory, "seeds", shared / "seeds", kb)
    yield context
    context.store.close()


@pytest.fixture(scope="session")
def samples_ctx(tmp_path_factory, kb):
    context, _ = _ingested(tmp_path_factory, "samples", samples_dir(), kb)
    yield context
    context.store.close()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]

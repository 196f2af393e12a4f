"""The web UI's files: Jinja2 templates, static CSS and scripts, and the vendor folder.

``static/vendor`` is filled by ``make web`` (npm packages listed in package.json, copied by
copy-vendor.mjs) and is not committed; every page works without it, the scripts only add
interactive versions of the graph, the map and the API docs when it is there.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def web_dir() -> Path:
    return Path(str(resources.files("tidings.web")))


def templates_dir() -> Path:
    return web_dir() / "templates"


def static_dir() -> Path:
    return web_dir() / "static"


def vendor_files() -> frozenset[str]:
    """Names of the vendor files present (empty when ``make web`` has not run)."""
    folder = static_dir() / "vendor"
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.name for p in folder.iterdir() if p.is_file())


__all__ = ["static_dir", "templates_dir", "vendor_files", "web_dir"]

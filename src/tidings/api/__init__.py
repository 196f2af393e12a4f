"""The HTTP side of tidings: a FastAPI app with a JSON API and server-rendered pages.

    >>> from tidings.api import create_app
    >>> app = create_app(load_config())   # then: uvicorn.run(app) or `tidings serve`
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

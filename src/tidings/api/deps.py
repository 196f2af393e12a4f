"""Dependencies the routes declare, as ``Annotated`` aliases.

``ServiceDep`` gives a route a :class:`Service` over a store opened for that request (a
SQLite connection per request, so requests served in parallel threads never share one);
when the app was built around a store object, that store is shared under a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Query, Request

from ..config import Config
from ..store import Store, open_store
from . import schemas as s
from .plover import PloverSplit
from .service import Service


@dataclass
class AppState:
    """What every request shares: the configuration, the PLOVER split, the store."""

    config: Config
    split: PloverSplit
    store: Store | None = None  # a store object given to create_app, shared under the lock
    lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def open_store(self) -> Iterator[Store]:
        if self.store is not None:
            with self.lock:
                yield self.store
            return
        store = open_store(self.config.store.url)
        try:
            yield store
        finally:
            store.close()


def get_state(request: Request) -> AppState:
    return request.app.state.tidings


def get_service(state: Annotated[AppState, Depends(get_state)]) -> Iterator[Service]:
    with state.open_store() as store:
        yield Service(store, state.split)


ServiceDep = Annotated[Service, Depends(get_service)]
PageParams = Annotated[s.PageQuery, Query()]
EventParams = Annotated[s.EventQuery, Query()]
TimelineParams = Annotated[s.TimelineQuery, Query()]
DyadParams = Annotated[s.DyadQuery, Query()]
DyadsParams = Annotated[s.DyadsQuery, Query()]
DyadPageParams = Annotated[s.DyadPageQuery, Query()]
GraphParams = Annotated[s.GraphQuery, Query()]
ArticleParams = Annotated[s.ArticleQuery, Query()]
EntityParams = Annotated[s.EntityQuery, Query()]
QuoteParams = Annotated[s.QuoteQuery, Query()]
SearchParams = Annotated[s.SearchQuery, Query()]
SearchPageParams = Annotated[s.SearchPageQuery, Query()]
ExportParams = Annotated[s.ExportQuery, Query()]

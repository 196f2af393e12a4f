"""Fetching web pages and feeds politely, behind a narrow interface.

:class:`Fetcher` is what the rest of ingest needs: ``get(url) -> Response`` or an
:class:`~tidings.errors.InputError` saying why not. :class:`HttpFetcher` is the default
(httpx). It

* refuses hosts that resolve to loopback, private, link-local or otherwise non-public
  addresses unless ``fetch.allow_private`` is set (checked again on every redirect);
* reads ``robots.txt`` once per origin and obeys it for its user agent, including a
  ``Crawl-delay`` longer than the configured delay (an unreachable ``robots.txt`` or one
  answering 5xx means "do not fetch", 401/403 "everything disallowed", other 4xx "no rules");
* waits ``fetch.delay`` seconds between two requests to the same host;
* has connect/read timeouts, an overall time limit per download, and a size cap: the body
  is streamed and the download stopped as soon as it passes ``fetch.max_bytes``.

Tests and other back-ends pass their own ``Fetcher``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from ..config import FetchConfig
from ..errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    charset: str | None
    body: bytes


class Fetcher(Protocol):
    def get(self, url: str) -> Response:
        """The resource at ``url``; raises InputError with a reason code when it cannot."""
        ...


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def address_problem(address: str) -> str | None:
    """Why an address must not be fetched from by default ('loopback', ...), or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("unspecified", "loopback", "link_local", "private", "multicast", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


class HostPacer:
    """At most one request per ``delay`` seconds to each host."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.delay = delay
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, delay: float | None = None) -> None:
        gap = self.delay if delay is None else max(self.delay, delay)
        last = self._last.get(host)
        if last is not None:
            remaining = last + gap - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()


def media_type(header: str) -> tuple[str, str | None]:
    """A Content-Type header's media type (lower case) and charset: 'text/html', 'utf-8'."""
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value:
            charset = value.strip().strip("\"'").lower()
    return parts[0].lower(), charset


class HttpFetcher:
    """The default fetcher (httpx); see the module docstring for its rules."""

    def __init__(self, cfg: FetchConfig, *, transport=None, resolver: Resolver = resolve,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        import httpx

        self.cfg = cfg
        self.resolver = resolver
        self.clock = clock
        self.pacer = HostPacer(cfg.delay, clock, sleep)
        self._robots: dict[str, RobotFileParser | str] = {}
        self.client = httpx.Client(
            timeout=httpx.Timeout(cfg.timeout), follow_redirects=False, transport=transport,
            headers={"User-Agent": cfg.user_agent, "Accept-Encoding": "gzip, deflate"})

    def close(self) -> None:
        self.client.close()

    # --- public -------------------------------------------------------------------
    def get(self, url: str) -> Response:
        return self._get(url, robots=True, cap=self.cfg.max_bytes)

    # --- rules --------------------------------------------------------------------
    def _check_address(self, url: str, host: str, port: int) -> None:
        if self.cfg.allow_private:
            return
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise InputError(url, "unreachable", f"cannot resolve {host}: {exc}") from None
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise InputError(url, "refused_address",
                                 f"{host} resolves to {address}, a {problem} address; set "
                                 "fetch.allow_private = true to fetch from it")

    def _robots_for(self, url: str) -> RobotFileParser | str:
        """The parsed robots.txt of the URL's origin, or a reason not to fetch from it."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        return self._robots[origin]

    def _load_robots(self, origin: str) -> RobotFileParser | str:
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            resp = self._get(origin + "/robots.txt", robots=False, cap=512_000, ok_only=False)
        except InputError as exc:
            if exc.code == "refused_address":
                raise
            return f"its robots.txt could not be read ({exc.message})"
        if resp.status in (401, 403):
            parser.disallow_all = True
        elif 400 <= resp.status < 500:
            parser.allow_all = True
        elif resp.status >= 500:
            return f"its robots.txt answered HTTP {resp.status}"
        else:
            parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        parser.modified()
        return parser

    def _allowed(self, url: str) -> float | None:
        """The crawl delay robots.txt asks for; raises InputError when it forbids ``url``."""
        robots = self._robots_for(url)
        if isinstance(robots, str):
            raise InputError(url, "robots", f"not fetched: {robots}")
        agent = self.cfg.user_agent.split("/", 1)[0]
        if not robots.can_fetch(agent, url):
            raise InputError(url, "robots", "robots.txt disallows fetching this page")
        delay = robots.crawl_delay(agent)
        return float(delay) if delay is not None else None

    # --- transfer -----------------------------------------------------------------
    def _get(self, url: str, *, robots: bool, cap: int, ok_only: bool = True) -> Response:
        import httpx

        for _ in range(self.cfg.max_redirects + 1):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise InputError(url, "bad_url", "only http:// and https:// URLs are fetched")
            port = parts.port or (443 if parts.scheme == "https" else 80)
            self._check_address(url, parts.hostname, port)
            delay = self._allowed(url) if robots else None
            self.pacer.wait(parts.netloc, delay)
            try:
                with self.client.stream("GET", url) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    if ok_only and resp.status_code >= 400:
                        raise InputError(url, "http_error",
                                         f"the server answered HTTP {resp.status_code}")
                    body = self._read_capped(url, resp, cap)
                    media, charset = media_type(resp.headers.get("content-type", ""))
                    return Response(str(resp.url), resp.status_code, media, charset, body)
            except httpx.TimeoutException:
                raise InputError(url, "timeout",
                                 f"no answer within {self.cfg.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise InputError(url, "unreachable", f"{type(exc).__name__}: {exc}") from None
        raise InputError(url, "http_error", f"more than {self.cfg.max_redirects} redirects")

    def _read_capped(self, url: str, resp, cap: int) -> bytes:
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise InputError(url, "too_large", f"{int(declared):,} bytes is over the limit of "
                             f"{cap:,} (fetch.max_bytes)")
        started = self.clock()
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise InputError(url, "too_large", f"stopped after {cap:,} bytes, the limit "
                                 "(fetch.max_bytes)")
            if self.clock() - started > self.cfg.max_seconds:
                raise InputError(url, "timeout", f"download took longer than "
                                 f"{self.cfg.max_seconds:g} s (fetch.max_seconds)")
            chunks.append(chunk)
        return b"".join(chunks)

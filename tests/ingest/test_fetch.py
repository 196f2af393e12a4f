import httpx
import pytest

from tidings.errors import InputError
from tidings.ingest.fetch import HostPacer, HttpFetcher, address_problem

from .conftest import Route

PAGE = b"<html><body><p>Talks in Baku.</p></body></html>"


def _fetcher(config, **changes):
    return HttpFetcher(config.fetch.model_copy(update=changes))


def test_page_is_fetched_from_a_local_server_when_private_addresses_are_allowed(
        web, fetch_config):
    web.routes["/a"] = Route(PAGE, content_type="text/html; charset=windows-1251")
    resp = _fetcher(fetch_config).get(web.url("/a"))
    assert resp.body == PAGE and resp.status == 200
    assert resp.content_type == "text/html" and resp.charset == "windows-1251"
    assert web.requests == ["/robots.txt", "/a"]


def test_loopback_address_is_refused_by_default_without_a_request(web, fetch_config):
    web.routes["/a"] = Route(PAGE)
    with pytest.raises(InputError) as err:
        _fetcher(fetch_config, allow_private=False).get(web.url("/a"))
    assert err.value.code == "refused_address" and "allow_private" in err.value.message
    assert web.requests == []


@pytest.mark.parametrize("address,problem", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.10", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("::ffff:192.168.1.1", "private"), ("0.0.0.0", "unspecified"), ("93.184.216.34", None),
    ("2606:4700::1111", None),
])
def test_addresses_are_classified(address, problem):
    assert address_problem(address) == problem


def test_redirect_to_a_private_address_is_refused():
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"location": "http://intranet.local/secret"})

    addresses = {"news.example": ["93.184.216.34"], "intranet.local": ["10.0.0.5"]}
    from tidings import load_config

    fetcher = HttpFetcher(load_config().fetch.model_copy(update={"delay": 0}),
                          transport=httpx.MockTransport(answer),
                          resolver=lambda host, port: addresses[host])
    with pytest.raises(InputError) as err:
        fetcher.get("http://news.example/story")
    assert err.value.code == "refused_address" and "10.0.0.5" in err.value.message
    assert all("intranet" not in url for url in seen)


def test_robots_txt_is_obeyed(web, fetch_config):
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n",
                                      content_type="text/plain")
    web.routes["/private/a"] = Route(PAGE)
    web.routes["/public/a"] = Route(PAGE)
    fetcher = _fetcher(fetch_config)
    with pytest.raises(InputError) as err:
        fetcher.get(web.url("/private/a"))
    assert err.value.code == "robots"
    assert fetcher.get(web.url("/public/a")).body == PAGE
    assert "/private/a" not in web.requests and web.requests.count("/robots.txt") == 1


def test_robots_txt_answering_a_server_error_means_do_not_fetch(web, fetch_config):
    web.routes["/robots.txt"] = Route(b"down", status=503, content_type="text/plain")
    web.routes["/a"] = Route(PAGE)
    with pytest.raises(InputError, match="503"):
        _fetcher(fetch_config).get(web.url("/a"))
    assert "/a" not in web.requests


@pytest.mark.parametrize("chunks", [1, 200])
def test_download_stops_at_the_size_cap(web, fetch_config, chunks):
    body = b"x" * (50_000 if chunks == 1 else 1_000)  # with and without Content-Length
    web.routes["/big"] = Route(body, content_type="text/plain", chunks=chunks)
    with pytest.raises(InputError) as err:
        _fetcher(fetch_config, max_bytes=20_000).get(web.url("/big"))
    assert err.value.code == "too_large"


def test_slow_server_times_out(web, fetch_config):
    web.routes["/slow"] = Route(PAGE, delay=1.5)
    with pytest.raises(InputError) as err:
        _fetcher(fetch_config, timeout=0.3).get(web.url("/slow"))
    assert err.value.code == "timeout"


def test_http_errors_are_reported(web, fetch_config):
    with pytest.raises(InputError) as err:
        _fetcher(fetch_config).get(web.url("/missing"))
    assert err.value.code == "http_error" and "404" in err.value.message


def test_requests_to_one_host_are_spaced_by_the_delay():
    now = [100.0]
    slept = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    pacer = HostPacer(2.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a.example")
    pacer.wait("b.example")  # another host: no wait
    now[0] += 0.5
    pacer.wait("a.example")  # 0.5 s after the first: waits the rest
    pacer.wait("a.example", delay=5.0)  # robots.txt asks for more
    assert slept == [1.5, 5.0]

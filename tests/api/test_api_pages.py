"""Server-rendered pages over the hand-made store: every page answers, untrusted text is
escaped everywhere, bad filters get a 422 page, evidence is highlighted."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tidings import load_config
from tidings.api import create_app
from tidings.cli import app as cli

PAGES = ["/", "/timeline", "/timeline?zoom=month&since=2021&until=2021",
         "/timeline?zoom=day&since=2021-05&until=2021-05&lang=en&type=CONSULT",
         "/events/ev-consult", "/events/ev-accuse", "/actors", "/actors?q=Анна",
         "/actors/p-one", "/actors/geo:ganja", "/dyad", "/dyad?a=ARM&b=AZE",
         "/dyad?a=p-one&b=AZE&kind=actor&zoom=month", "/graph", "/graph?country=AZE", "/map",
         "/articles", "/articles?lang=ru", "/articles/en-1", "/articles/ru-1",
         "/articles/en-1?event=ev-consult", "/search", "/search?q=Ganja", "/search?q=script",
         "/api/docs"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_and_escapes_untrusted_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>One</b>" not in html and "<b>Ganja</b>" not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(re.fullmatch(r'<script src="/static/[\w/.-]+" defer>', s) for s in scripts)


@pytest.mark.parametrize("url", ["/articles/en-1", "/articles", "/events/ev-consult",
                                 "/search?q=script"])
def test_untrusted_title_is_shown_as_text(client, url):
    html = client.get(url).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_article_body_is_escaped_inside_highlights(client):
    html = client.get("/articles/en-1").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "Ann &lt;b&gt;One&lt;/b&gt;" in html  # the entity name in a highlight's title


@pytest.mark.parametrize("url, param", [
    ("/timeline?since=yesterday", "since"), ("/timeline?zoom=week", "zoom"),
    ("/timeline?type=MEET", "type"), ("/graph?limit=0", "limit"), ("/map?until=2020-99", "until"),
    ("/articles?lang=<b>x</b>", "lang"), ("/dyad?a=ARM&b=AZE&kind=people", "kind"),
])
def test_bad_filter_gets_a_422_page_naming_it(client, url, param):
    response = client.get(url)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert f"{param}:" in response.text
    assert "<b>x</b>" not in response.text


def test_markup_in_a_filter_value_is_escaped_on_the_error_page(client):
    response = client.get("/timeline?since=<i>x</i>")
    assert response.status_code == 422
    assert "<i>x</i>" not in response.text and "&lt;i&gt;x&lt;/i&gt;" in response.text


@pytest.mark.parametrize("url", ["/events/nope", "/actors/nope", "/articles/nope", "/nowhere"])
def test_unknown_pages_are_404_pages(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "<h1>" in response.text


def test_event_page_highlights_the_evidence_and_links_into_the_article(client):
    page = client.get("/events/ev-consult").text
    html = page.split('<article class="report"', 1)[1]
    trigger = re.search(r'<span class="hl[^"]*hl-trigger[^"]*focus"[^>]*>(.*?)</span>', html)
    assert trigger and ">met<" in trigger.group(1)
    assert re.search(r'hl-date[^"]*focus"[^>]*>5 May 2021<', html)
    assert re.search(r'hl-place[^"]*focus"[^>]*><a href="/actors/geo%3Aganja">Ganja<', html) or \
        re.search(r'hl-place[^"]*focus"[^>]*><a href="/actors/geo:ganja">Ganja<', html)
    assert 'href="/articles/en-1?event=ev-consult#m-' in html
    assert "Анна Ван" in html  # the Russian report is among the evidence
    sources = page.split('<table class="sources">', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td rowspan="1" class="lang">(\w+)</td>', sources) == ["en", "ru"]


def test_event_page_names_the_known_event_of_the_knowledge_base(client):
    assert "Russian-Turkish memorandum on northern Syria" in client.get("/events/ev-agree").text
    assert "Known event" not in client.get("/events/ev-consult").text


@pytest.mark.parametrize("event_id", ["ev-consult", "ev-agree"])
def test_article_reader_focuses_the_event_it_was_opened_for(client, event_id):
    # both events were read from the same sentence: each must find its own mention
    html = client.get(f"/articles/en-1?event={event_id}").text
    assert re.search(r'<span class="anchor" id="m-0-\d+"></span>', html)
    focused = re.findall(r'hl-trigger[^"]*focus"[^>]*><a href="/events/([\w-]+)">met<', html)
    assert focused == [event_id]
    assert f'<a href="/events/{event_id}">back to the event</a>' in html


def test_pages_work_without_the_vendor_files(client, monkeypatch):
    import tidings.api.pages as pages

    monkeypatch.setattr(pages, "vendor_files", lambda: frozenset())
    for url in ("/graph", "/map", "/api/docs"):
        html = client.get(url).text
        assert "/static/vendor/" not in html
        assert "<svg" in html or "<table" in html


def test_the_app_opens_no_store_until_a_request(tmp_path):
    path = tmp_path / "later.db"
    app = create_app(load_config(store={"url": str(path)}))
    assert not path.exists()
    from fastapi.testclient import TestClient

    with TestClient(app) as fresh:
        assert fresh.get("/").status_code == 200
        assert "The store is empty" in fresh.get("/").text
    assert path.exists()


def test_serve_starts_uvicorn_on_the_configured_host_and_port(monkeypatch, tmp_path):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s.db"), "serve"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8000)
    CliRunner().invoke(cli, ["--store", str(tmp_path / "s.db"), "serve", "--port", "8123"])
    assert seen["port"] == 8123


def test_an_app_built_around_a_store_object_shares_it(hostile_db):
    from fastapi.testclient import TestClient

    from tidings import open_store

    store = open_store(hostile_db)
    try:
        with TestClient(create_app(load_config(), store=store)) as shared:
            assert shared.get("/api/events").json()["total"] == 3
            assert shared.get("/actors/p-one").status_code == 200
    finally:
        store.close()

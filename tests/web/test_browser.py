"""The pages in a real browser: every page loads with the sample corpus, one click path
from the timeline to the highlighted evidence in the article, pages readable without
JavaScript, interactive figures with the vendor files, untrusted text never executed."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote

import pytest

from tidings.web import vendor_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def corpus_urls(corpus_ctx) -> dict[str, str]:
    """One URL per page, the ids taken from the ingested corpus."""
    store = corpus_ctx.store
    events = store.events()
    assert events, "the corpus produced no events"
    event = max(events, key=lambda e: (len(e.mentions), len(e.actors)))
    counts = Counter(a.entity_id for e in events for a in e.actors)
    people = [i for i, _ in counts.most_common()
              if (found := store.get_entity(i)) is not None and found.is_person and found.roles]
    actor = people[0] if people else counts.most_common(1)[0][0]
    (country_a, country_b, _), = store.dyads("country", 1) or [("ARM", "AZE", 0)]
    article = event.mentions[0].article_id
    word = next(w for w in store.get_article(article).text.split() if len(w) > 5 and w.isalpha())
    return {
        "overview": "/", "timeline": "/timeline", "timeline-month": "/timeline?zoom=month",
        "event": f"/events/{quote(event.id)}", "actors": "/actors",
        "actor": f"/actors/{quote(actor)}", "dyads": "/dyad",
        "dyad": f"/dyad?a={country_a}&b={country_b}", "graph": "/graph", "map": "/map",
        "articles": "/articles", "article": f"/articles/{quote(article)}",
        "search": f"/search?q={quote(word)}", "api-docs": "/api/docs",
    }


PAGES = ["overview", "timeline", "timeline-month", "event", "actors", "actor", "dyads", "dyad",
         "graph", "map", "articles", "article", "search", "api-docs"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_with_the_sample_corpus(page, corpus_server, corpus_urls, name, shoot):
    response = page.goto(corpus_server + corpus_urls[name])
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert page.locator("body > main").inner_text().strip()
    shoot(page, name)
    assert page.errors == []


def test_click_path_from_timeline_to_event_to_evidence(page, corpus_server, shoot):
    page.goto(corpus_server + "/timeline")
    page.locator("table.events a.open").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    trigger = page.locator("article.report .hl-trigger.focus").first
    assert trigger.is_visible() and trigger.inner_text().strip()
    shoot(page, "click-1-event")
    page.locator("a.in-article").first.click()
    page.wait_for_url(re.compile(r"/articles/.+\?event=.+#m-\d+-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    evidence = page.locator(".hl-evidence.focus").first
    assert evidence.is_visible()
    box, height = evidence.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height  # scrolled to the evidence
    assert page.locator(".hl-trigger.focus").count() >= 1
    shoot(page, "click-2-article-evidence")
    assert page.errors == []


@pytest.mark.parametrize("path, selector", [
    ("/graph", "figure.graph svg.fallback circle.node"),
    ("/map", "table.places"),
    ("/timeline", "table.events tbody tr"),
    ("/", "section.counts"),
])
def test_pages_are_readable_without_javascript(chromium, corpus_server, path, selector):
    context = chromium.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(corpus_server + path)
        assert tab.locator(selector).first.is_visible()
    finally:
        context.close()


@pytest.mark.skipif(not {"cytoscape.min.js", "leaflet.js"} <= vendor_files(),
                    reason="vendor files not installed (make web)")
def test_graph_and_map_become_interactive_with_the_vendor_files(page, corpus_server, shoot):
    page.goto(corpus_server + "/graph")
    page.wait_for_selector("figure.graph.enhanced .cy canvas")
    assert not page.locator("figure.graph svg.fallback").is_visible()
    shoot(page, "graph-interactive")
    page.goto(corpus_server + "/map")
    page.wait_for_selector("figure.map.enhanced .leaflet-container")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 50")
    shoot(page, "map-interactive")
    assert page.errors == []


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory, kb, serve):
    """A store built by the real pipeline from a file whose title and body carry HTML."""
    from tidings import Context, load_config, open_store
    from tidings.ingest.run import ingest

    folder = tmp_path_factory.mktemp("hostile-in")
    (folder / "hostile.txt").write_text(
        '<script>alert("title")</script> Talks in <b>Baku</b>\n\n'
        'Lavrov met Bayramov in Baku on Tuesday. <script>alert("body")</script>\n\n'
        '<img src=x onerror=alert("img")> "We agreed," Lavrov said.\n', "utf-8")
    path = tmp_path_factory.mktemp("hostile-db") / "store.db"
    ctx = Context(load_config(store={"url": str(path)}), open_store(path))
    ctx._resources["kb"] = kb
    ingest([folder], ctx)
    ctx.store.close()
    with serve(str(path)) as base:
        yield base


@pytest.mark.parametrize("path", ["/", "/articles", "/articles/hostile", "/timeline",
                                  "/search?q=alert", "/search?q=Lavrov"])
def test_untrusted_article_text_is_shown_not_run(page, hostile_server, path):
    response = page.goto(hostile_server + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.errors == []  # no alert dialog, no script error
    assert page.locator("main script, main img").count() == 0
    if path == "/articles/hostile":  # the tags are there, as text
        shown = page.locator("body > main").inner_text()
        assert '<script>alert("body")</script>' in shown
        assert '<img src=x onerror=alert("img")>' in shown
        assert "<script>" in page.locator("h1").inner_text() + page.title()

"""URLs and feeds fetched from a local web server on 127.0.0.1 and ingested."""

from tidings import Context, open_store
from tidings.ingest.run import PARTIAL_FAILURE, ingest
from tidings.ingest.urls import polite_order, read_url_list

from .conftest import INGEST_STAGES, Route

PARAGRAPHS = [
    "Russian Foreign Minister Sergey Lavrov met his Armenian counterpart Ararat Mirzoyan in "
    "Moscow on Tuesday to discuss the situation on the border between Armenia and Azerbaijan.",
    "The two ministers also spoke about the work of the border commissions and about the "
    "reopening of transport links in the region, according to a statement.",
    "Mirzoyan said afterwards that the talks had been frank and that both sides wanted to "
    "keep meeting regularly in the months ahead.",
]

OTHER = ("Georgian officials said they were ready to host further rounds of talks if both "
         "sides asked for it, and that the venue had been prepared in a few days.")


def _page(title: str, paragraphs=PARAGRAPHS) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title} | Kavkaz Wire</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>We use cookies. All rights reserved.</footer></body></html>").encode()


def _rss(web, links: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{web.url(path)}</link>"
        f"<pubDate>Tue, 16 May 2023 09:30:00 GMT</pubDate>"
        f"<description>{PARAGRAPHS[i % 3]}</description></item>"
        for i, (path, title) in enumerate(links))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Kavkaz Wire</title>'
            f"<link>{web.base}/</link>{items}</channel></rss>").encode()


def test_url_lists_ignore_comments_and_report_lines_that_are_not_urls(tmp_path):
    path = tmp_path / "list.urls"
    path.write_text("# reading list\nhttps://a.example/1\n\nnot a url\nhttps://a.example/1\n"
                    "http://b.example/2\n")
    urls, problems = read_url_list(path)
    assert urls == ["https://a.example/1", "http://b.example/2"]
    assert [p.source.rsplit("#", 1)[-1] for p in problems] == ["4"]


def test_urls_are_interleaved_by_host():
    urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1"]
    assert polite_order(urls) == ["http://a/1", "http://b/1", "http://c/1", "http://a/2",
                                  "http://a/3"]


def test_listed_pages_are_fetched_once_and_problems_named(web, ingest_ctx, tmp_path):
    web.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", 200, "text/plain")
    web.routes["/news/lavrov"] = Route(_page("Lavrov meets Mirzoyan in Moscow"))
    web.routes["/news/other"] = Route(_page("Border commissions to meet", [
        "The border commissions of Armenia and Azerbaijan will meet in Tbilisi next week, "
        "the Georgian government announced on Wednesday.", OTHER]))
    web.routes["/private/x"] = Route(_page("Hidden"))
    listing = tmp_path / "reading.txt"
    listing.write_text("\n".join([web.url("/news/lavrov"), web.url("/private/x"),
                                  web.url("/missing"), "ftp://old.example/x"]))
    report = ingest([web.url("/news/other")], ingest_ctx, url_lists=[listing])
    assert report.added == 2 and report.fetched == 2 and report.exit_code == PARTIAL_FAILURE
    assert sorted(r.code for r in report.rejected) == ["bad_url", "http_error", "robots"]
    article = next(a for a in ingest_ctx.store.iter_articles() if "lavrov" in a.url)
    assert article.title == "Lavrov meets Mirzoyan in Moscow"
    assert "frank" in article.text and "cookies" not in article.text
    assert article.site == "127.0.0.1" and article.raw_format == "html"
    requests = list(web.requests)
    again = ingest([web.url("/news/other")], ingest_ctx, url_lists=[listing])
    assert again.added == 0 and again.unchanged_inputs == 2 and again.fetched == 0
    assert [r for r in web.requests[len(requests):] if r.startswith("/news")] == []


def test_feed_entries_are_ingested_and_known_entries_skipped(web, ingest_ctx):
    web.routes["/feed"] = Route(_rss(web, [("/a", "Lavrov in Moscow"), ("/b", "Talks end")]),
                                content_type="application/rss+xml")
    report = ingest([web.url("/feed")], ingest_ctx)
    assert report.added == 2 and report.exit_code == 0
    titles = sorted(a.title for a in ingest_ctx.store.iter_articles())
    assert titles == ["Lavrov in Moscow", "Talks end"]
    assert all(a.published_source == "feed" for a in ingest_ctx.store.iter_articles())
    web.routes["/feed"] = Route(_rss(web, [("/a", "Lavrov in Moscow"), ("/b", "Talks end"),
                                           ("/c", "New talks")]),
                                content_type="application/xml")
    again = ingest([web.url("/feed")], ingest_ctx)
    assert again.added == 1 and again.processed == [web.url("/c")]


def test_feed_links_are_followed_when_configured(web, ingest_ctx):
    web.routes["/feed"] = Route(_rss(web, [("/a", "Lavrov in Moscow")]),
                                content_type="application/rss+xml")
    web.routes["/a"] = Route(_page("Lavrov meets Mirzoyan in Moscow"))
    config = ingest_ctx.config.replace(fetch={"follow_feed_links": True})
    ingest([web.url("/feed")], Context(config, ingest_ctx.store))
    (article,) = ingest_ctx.store.iter_articles()
    assert "frank" in article.text  # the page's text, not the feed's summary
    assert article.title == "Lavrov in Moscow"  # the feed's title
    assert article.provenance["feed"]["page"] == web.url("/a")


def test_local_addresses_are_refused_unless_allowed(web, tmp_path, config):
    web.routes["/a"] = Route(_page("Lavrov meets Mirzoyan in Moscow"))
    ctx = Context(config, open_store(config.store.url))
    report = ingest([web.url("/a")], ctx)
    assert report.exit_code == PARTIAL_FAILURE and web.requests == []
    assert report.rejected[0].code == "refused_address" and "127.0.0.1" in report.summary()
    ctx.store.close()


def test_cli_ingests_a_url_list_and_reports_partial_failure(web, tmp_path):
    from click.testing import CliRunner

    from tidings.cli import app

    web.routes["/a"] = Route(_page("Lavrov meets Mirzoyan in Moscow"))
    listing = tmp_path / "list.txt"
    listing.write_text(f"{web.url('/a')}\n{web.url('/missing')}\n")
    config = tmp_path / "local.toml"
    config.write_text('[fetch]\nallow_private = true\ndelay = 0.0\n\n[pipeline]\nstages = ['
                      + ", ".join(f'"{s}"' for s in INGEST_STAGES) + "]\n")
    result = CliRunner().invoke(app, ["--config", str(config), "--store",
                                      str(tmp_path / "cli.db"), "ingest", "--urls",
                                      str(listing)])
    assert result.exit_code == PARTIAL_FAILURE, result.output
    assert "added 1" in result.output and "/missing" in result.output

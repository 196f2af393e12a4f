"""The ``tidings`` command: a thin shell over the library.

Every command opens the store named by ``--store`` (or the config's ``store.url``), calls
one library function and prints its result.
"""

from __future__ import annotations

import logging
import sys
from datetime import date

import click

from . import __version__
from .config import Config, load_config
from .errors import TidingsError
from .export import KINDS
from .model import DateValue
from .pipeline import Context
from .store import EventFilter, open_store


class Env:
    def __init__(self, config: Config):
        self.config = config

    def context(self) -> Context:
        return Context(self.config, open_store(self.config.store.url))


def _name(index, entity_id: str) -> str:
    entity = index.get(entity_id)
    return entity.name if entity else entity_id


def _date(value: str | None, param: str) -> date | None:
    if value is None:
        return None
    try:
        return DateValue.parse(value).start
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2020, 2020-11 or 2020-11-10",
                                 param_hint=param) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="A TOML file layered over the packaged defaults.")
@click.option("--store", "store_url",
              help="Store to use (a SQLite file path); overrides the config.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def app(ctx: click.Context, config_path: str | None, store_url: str | None, verbose: int) -> None:
    """tidings: scraped multilingual news in, an evidence-linked event graph out.

    \b
    Examples:
      tidings demo                      build a store from the bundled sample corpus
      tidings ingest news/ more.jsonl   analyse files and folders
      tidings events --actor Aliyev     list merged events
      tidings export events > e.jsonl   export for analysis or scoring
    """
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        overrides = {"store": {"url": store_url}} if store_url else {}
        ctx.obj = Env(load_config(config_path, **overrides))
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from None


def _run_ingest(env: Env, paths: list[str], url_lists: list[str], force: bool) -> int:
    from tqdm import tqdm

    from .ingest.run import ingest

    ctx = env.context()
    bar = tqdm(unit="input", file=sys.stderr, disable=not sys.stderr.isatty())
    try:
        report = ingest(paths, ctx, url_lists=url_lists, force=force, progress=bar.update,
                        on_total=lambda n: setattr(bar, "total", n))
    finally:
        bar.close()
    click.echo(report.summary())
    click.echo("store: " + ", ".join(f"{k} {v}" for k, v in ctx.store.counts().items()))
    ctx.store.close()
    return report.exit_code


@app.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--urls", "url_lists", multiple=True, type=click.Path(dir_okay=False),
              help="A file listing URLs to fetch, one a line (repeatable).")
@click.option("--force", is_flag=True, help="Re-read inputs even if they have not changed.")
@click.pass_obj
def ingest(env: Env, paths: tuple[str, ...], url_lists: tuple[str, ...], force: bool) -> None:
    """Analyse files, folders and web pages into the store.

    PATHS are files, folders or http(s) URLs. Files may be text (any common encoding),
    HTML, JSON Lines, RSS/Atom feeds, WARC archives (each optionally gzipped) or .urls
    lists of URLs. Pages and feeds are fetched politely (robots.txt, a delay per host, a
    size cap; private addresses only with fetch.allow_private). Inputs unchanged since the
    last run are skipped (URLs already fetched are not fetched again; --force re-reads
    everything); a meta.jsonl beside the files gives publication dates, sites and URLs.
    Unreadable inputs are reported by name and skipped; the exit status is then 3.

    \b
    Examples:
      tidings ingest ../shared/seeds
      tidings --store news.db ingest crawl/2024-04/*.html crawl/2024-04.warc.gz
      tidings ingest https://example.org/feed.xml --urls reading-list.txt
    """
    if not paths and not url_lists:
        raise click.UsageError("give files, folders or URLs to ingest, or --urls FILE")
    try:
        code = _run_ingest(env, list(paths), list(url_lists), force)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(code)


@app.command()
@click.option("--actor", help="Entity id, or part of a name or alias in any script.")
@click.option("--country", help="ISO-3 code of any actor's country, e.g. AZE.")
@click.option("--type", "etype", help="PLOVER type, e.g. CONSULT.")
@click.option("--since", help="Events ending on or after this date (2020, 2020-11, 2020-11-10).")
@click.option("--until", help="Events starting on or before this date.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.pass_obj
def events(env: Env, actor, country, etype, since, until, limit) -> None:
    """List merged events as a table.

    \b
    Examples:
      tidings events --actor Patrushev
      tidings events --country ARM --type ASSAULT --since 2020
    """
    from .export import EntityIndex

    flt = EventFilter(actor=actor, country=country, type=etype, since=_date(since, "--since"),
                      until=_date(until, "--until"), limit=limit)
    with open_store(env.config.store.url) as store:
        index = EntityIndex(store)
        rows = store.events(flt)
    click.echo(f"{'date':<23} {'type':<9} {'modality':<10} actors  [reports]")
    for e in rows:
        names = ", ".join(f"{_name(index, a.entity_id)}({a.role[0]})" for a in e.actors)
        when = e.date.iso() if e.date else "?"
        click.echo(f"{when:<23} {e.type:<9} {e.modality:<10} {names}  [{len(e.mentions)}]")
    click.echo(f"{len(rows)} events")


@app.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write (default: stdout).")
@click.pass_obj
def export(env: Env, kind: str, fmt: str, output: str | None) -> None:
    """Export articles, events, reports, quotes or entities as JSON Lines or CSV.

    events: one line per merged event, with every article's mentions of it; reports: one
    line per event and reporting article (for gold annotated article by article).

    \b
    Examples:
      tidings export events > events.jsonl
      tidings export reports > reports.jsonl
      tidings export entities --format csv -o entities.csv
    """
    from .export import rows, write

    ctx = env.context()
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = write(rows(kind, ctx.store, ctx.kb), fmt, out)
    finally:
        if output:
            out.close()
        ctx.store.close()
    if output:
        click.echo(f"{n} {kind} written to {output}", err=True)


@app.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold annotations (JSON Lines, the format of samples/gold.jsonl).")
@click.option("--cleaning", type=click.Path(exists=True, dir_okay=False),
              help="Cleaning checks (the format of samples/cleaning.jsonl).")
@click.option("--meta", type=click.Path(exists=True, dir_okay=False),
              help="meta.jsonl of the documents: adds strict scores per language.")
@click.option("--per-article", is_flag=True,
              help="Score each article's report of an event (export reports), for gold where "
                   "an event told by several articles has a row per article.")
@click.pass_obj
def eval_cmd(env: Env, gold: str, cleaning: str | None, meta: str | None,
             per_article: bool) -> None:
    """Score the store's events, quotes and articles against your gold file.

    \b
    Examples:
      tidings eval --gold ../shared/gold/seeds.jsonl --cleaning ../shared/gold/seeds_cleaning.jsonl
      tidings eval --gold src/tidings/samples/gold.jsonl --per-article
    """
    import json

    from .evaluate import evaluate, read_jsonl
    from .export import rows

    ctx = env.context()
    lang_of = {m["id"]: m.get("lang") for m in read_jsonl(meta)} if meta else None
    with ctx.store:
        events = rows("reports" if per_article else "events", ctx.store, ctx.kb)
        report = evaluate(read_jsonl(gold), events,
                          rows("quotes", ctx.store, ctx.kb), rows("articles", ctx.store, ctx.kb),
                          read_jsonl(cleaning) if cleaning else None, lang_of,
                          rows("events", ctx.store, ctx.kb) if per_article else None)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))


@app.command()
@click.option("--force", is_flag=True, help="Replace the store even if it holds other articles.")
@click.pass_obj
def demo(env: Env, force: bool) -> None:
    """Build a fresh store from the bundled sample corpus and print a summary.

    \b
    Example:
      tidings demo && tidings events --actor Lavrov
    """
    from .demo import run_demo

    try:
        text = run_demo(env.config, force=force)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(text)


@app.command()
@click.pass_obj
def stages(env: Env) -> None:
    """List the registered pipeline stages, what each requires and assigns.

    \b
    Example:
      tidings stages
    """
    from .pipeline import registered_stages

    configured = set(env.config.pipeline.stages)
    for name, info in sorted(registered_stages().items()):
        mark = "*" if name in configured else " "
        click.echo(f"{mark} {name:<24} {info.doc}")
        click.echo(f"    requires {', '.join(sorted(info.requires)) or '-'};"
                   f" assigns {', '.join(sorted(info.assigns)) or '-'}")


@app.command()
@click.argument("query")
@click.option("--limit", type=int, default=10, show_default=True)
@click.pass_obj
def search(env: Env, query: str, limit: int) -> None:
    """Full-text search over article titles and text.

    \b
    Example:
      tidings search "peacekeepers Karabakh"
    """
    with open_store(env.config.store.url) as store:
        hits = store.search(query, limit)
    for article_id, title, snippet in hits:
        click.echo(f"{article_id}  {title}\n    {snippet}")


@app.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--limit", type=int, default=3, show_default=True,
              help="Cards to print when the name fits several entities.")
@click.pass_obj
def entity(env: Env, name: tuple[str, ...], limit: int) -> None:
    """Print an actor's identity card: names in every language and script, country,
    offices over time, mentions per language and the articles that name it.

    NAME is an entity id or a name in any script or spelling (Patrushev, Патрушев).

    \b
    Examples:
      tidings entity Patruschew
      tidings entity Ильхам Алиев
      tidings entity nikolai-patrushev
    """
    from .merge.entities import identity_cards

    ctx = env.context()
    try:
        cards = identity_cards(" ".join(name), ctx.store.entities(),
                               ctx.store.iter_articles(), ctx.kb, limit)
    finally:
        ctx.store.close()
    if not cards:
        raise click.ClickException(f"no entity is called {' '.join(name)!r}")
    click.echo("\n\n".join(card.render() for card in cards))


@app.command()
@click.option("--host", help="Interface to listen on (default: the config's server.host, "
                             "127.0.0.1: this machine only).")
@click.option("--port", type=int, help="Port (default: the config's server.port, 8000).")
@click.pass_obj
def serve(env: Env, host: str | None, port: int | None) -> None:
    """Browse the store in a web browser, with a JSON API (docs at /api/docs).

    Pages: overview, timeline, actors, dyads, network, map, events with their evidence,
    articles, search. Everything is served from this machine; there is no login, so keep
    the default host unless the network is trusted.

    \b
    Examples:
      tidings serve                     then open http://127.0.0.1:8000/
      tidings --store news.db serve --port 8080
    """
    import uvicorn

    from .api import create_app

    host = host or env.config.server.host
    port = port or env.config.server.port
    click.echo(f"tidings: serving {env.config.store.url} at http://{host}:{port}/ "
               "(Ctrl+C stops)", err=True)
    uvicorn.run(create_app(env.config), host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

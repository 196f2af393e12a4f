"""Stream people and organisations out of a user's Wikidata JSON dump.

tidings never downloads Wikidata; a user who has a dump (the full ``latest-all.json.gz``, or,
far smaller, a filtered one from a tool such as wdumper) lists it in ``entities.kb_files``:

    [entities]
    kb_files = ["~/data/wikidata-caucasus.json.gz"]

The dump is read line by line (a JSON array with one entity a line, or JSON Lines; plain,
gzip or bzip2), so memory grows with what is kept, not with the file. Kept are:

* humans (P31 = Q5) who held a position (P39), with their labels and aliases in the
  supported languages, country of citizenship (P27) and the positions held, with start
  (P580) and end (P582) qualifiers, mapped to the role keys of ``kb/data/roles.toml`` by the
  position's English label (:data:`POSITION_ROLES`) and to a country by its jurisdiction
  (P1001) or country (P17);
* organisations of the kinds in :data:`ORG_CLASSES`.

Countries are only read for their ISO codes (P298), to resolve P27/P17/P1001 at the end.
Entities get the id ``wd:<QID>``; the loader folds one into a curated entity of the same
name, type and country, so a dump extends the packaged people instead of duplicating them.
"""

from __future__ import annotations

import bz2
import gzip
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..model import Entity, Role
from .base import LANGS

log = logging.getLogger(__name__)

HUMAN = "Q5"
# instance-of classes kept as organisations, with the kind they get
ORG_CLASSES = {
    "Q484652": "igo", "Q245065": "igo", "Q1127126": "military_alliance",
    "Q1193236": "news_agency", "Q11032": "newspaper", "Q1110794": "newspaper",
    "Q1002697": "newspaper", "Q15265344": "broadcaster", "Q1616075": "broadcaster",
    "Q327333": "government_body", "Q2659904": "government_body", "Q7278": "party",
    "Q43229": "organisation", "Q17149090": "armed_forces", "Q176799": "armed_forces",
}
# English position label -> role key, first match wins (word boundaries, case-insensitive)
POSITION_ROLES = [
    (r"deputy prime minister|vice[- ]premier", "deputy_prime_minister"),
    (r"prime minister|premier|chairman of the (council of ministers|government)",
     "prime_minister"),
    (r"speaker|(chairman|chair|president) of the (state duma|parliament|national assembly|"
     r"milli majlis|federation council|senate|bundestag|verkhovna rada|grand national)",
     "speaker_of_parliament"),
    (r"vice[- ]president", "vice_president"),
    (r"\bpresident of\b(?!.*(parliament|assembly|court|bank|academy|committee|council))",
     "president"),
    (r"chancellor of germany|federal chancellor", "chancellor"),
    (r"(minister|secretary) of (foreign|external) affairs|foreign (minister|secretary)",
     "foreign_minister"),
    (r"(minister|secretary) of (defen[cs]e|war)|defen[cs]e (minister|secretary)",
     "defence_minister"),
    (r"(minister|secretary) of (the )?interior|interior minister|home secretary",
     "interior_minister"),
    (r"secretary of the security council", "security_council_secretary"),
    (r"secretary[- ]general", "secretary_general"),
    (r"chief of (the )?general staff", "chief_of_general_staff"),
    (r"ambassador", "ambassador"),
    (r"permanent representative", "permanent_representative"),
    (r"spokes(person|man|woman)|press secretary", "spokesperson"),
]
_POSITION_RES = [(re.compile(p, re.I), role) for p, role in POSITION_ROLES]


def is_dump(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".json", ".json.gz", ".json.bz2", ".jsonl", ".jsonl.gz",
                          ".jsonl.bz2"))


def _open(path: Path) -> IO[str]:
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if name.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_items(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Entity objects of a dump: one a line, array brackets and trailing commas tolerated."""
    for number, line in enumerate(lines, start=1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError:
            log.warning("wikidata dump line %d is not a JSON entity; skipped", number)


def _value(claim: dict) -> Any:
    return claim.get("mainsnak", {}).get("datavalue", {}).get("value")


def _ids(claims: dict, prop: str) -> list[str]:
    values = (_value(c) for c in claims.get(prop, []))
    return [v["id"] for v in values if isinstance(v, dict) and v.get("id")]


def _strings(claims: dict, prop: str) -> list[str]:
    return [v for v in map(_value, claims.get(prop, [])) if isinstance(v, str)]


def _time(qualifiers: dict, prop: str) -> str | None:
    for q in qualifiers.get(prop, []):
        value = q.get("datavalue", {}).get("value")
        if isinstance(value, dict) and value.get("time"):
            precision = value.get("precision", 11)
            m = re.match(r"[+-]?(\d{4})-(\d\d)-(\d\d)", value["time"])
            if m:
                y, mo, d = m.groups()
                return y if precision <= 9 else f"{y}-{mo}" if precision == 10 else f"{y}-{mo}-{d}"
    return None


def _names(item: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        names = []
        label = item.get("labels", {}).get(lang, {}).get("value")
        if label:
            names.append(label)
        names += [a["value"] for a in item.get("aliases", {}).get(lang, []) if a.get("value")]
        if names:
            out[lang] = list(dict.fromkeys(names))
    return out


@dataclass
class _Pending:
    """What the stream collected; QIDs are resolved to ISO codes and roles at the end."""

    people: list[tuple[dict, str | None, list[tuple[str, str | None, str | None]]]] = \
        field(default_factory=list)
    orgs: list[tuple[dict, str, str | None]] = field(default_factory=list)
    iso3: dict[str, str] = field(default_factory=dict)  # country QID -> ISO-3
    # position QID -> its English label and the QID of its country
    positions: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    wanted_positions: set[str] = field(default_factory=set)


def _collect(item: dict, pending: _Pending) -> None:
    claims = item.get("claims", {})
    qid = item.get("id", "")
    iso = _strings(claims, "P298")
    if iso:
        pending.iso3[qid] = iso[0]
    if qid in pending.wanted_positions or "P1001" in claims:
        label = item.get("labels", {}).get("en", {}).get("value", "")
        where = (_ids(claims, "P1001") or _ids(claims, "P17") or [None])[0]
        pending.positions[qid] = (label, where)
    classes = _ids(claims, "P31")
    if HUMAN in classes:
        held = []
        for claim in claims.get("P39", []):
            value = _value(claim)
            if isinstance(value, dict) and value.get("id"):
                qual = claim.get("qualifiers", {})
                held.append((value["id"], _time(qual, "P580"), _time(qual, "P582")))
                pending.wanted_positions.add(value["id"])
        if held and _names(item):
            citizen = (_ids(claims, "P27") or [None])[0]
            pending.people.append((item_summary(item), citizen, held))
        return
    kind = next((ORG_CLASSES[c] for c in classes if c in ORG_CLASSES), None)
    if kind and _names(item):
        country = (_ids(claims, "P17") or [None])[0]
        pending.orgs.append((item_summary(item), kind, country))


def item_summary(item: dict) -> dict:
    """The little of an item that is kept in memory until the end of the stream."""
    return {"id": item.get("id", ""), "names": _names(item)}


def position_role(label: str) -> str | None:
    for pattern, role in _POSITION_RES:
        if pattern.search(label):
            return role
    return None


def entities_from_items(items: Iterable[dict[str, Any]],
                        countries: set[str] | None = None) -> Iterator[Entity]:
    """People and organisations of a stream of Wikidata items (optionally only of the
    given ISO-3 countries)."""
    pending = _Pending()
    for item in items:
        _collect(item, pending)
    for summary, citizen, held in pending.people:
        country = pending.iso3.get(citizen or "")
        if countries and country not in countries:
            continue
        roles = []
        for position, start, end in held:
            label, where = pending.positions.get(position, ("", None))
            role = position_role(label)
            if role:
                roles.append(Role(role, country=pending.iso3.get(where or "") or country,
                                  start=start, end=end))
        names = summary["names"]
        yield Entity(id=f"wd:{summary['id']}", type="PERSON",
                     name=(names.get("en") or next(iter(names.values())))[0], country=country,
                     kind="person", aliases=names, roles=roles)
    for summary, kind, where in pending.orgs:
        country = pending.iso3.get(where or "")
        if countries and country and country not in countries:
            continue
        names = summary["names"]
        yield Entity(id=f"wd:{summary['id']}", type="ORG",
                     name=(names.get("en") or next(iter(names.values())))[0], country=country,
                     kind=kind, aliases=names)


def read_dump(path: str | Path, countries: set[str] | None = None) -> list[Entity]:
    """Every person with a position and every organisation of the dump at ``path``."""
    path = Path(path).expanduser()
    with _open(path) as fh:
        found = list(entities_from_items(iter_items(fh), countries))
    log.info("wikidata dump %s: %d people and organisations", path, len(found))
    return found

"""An optional LLM event coder behind the rule coder's interface (off by default).

Any OpenAI-compatible chat-completions server will do (llama.cpp server, vLLM, Ollama; see
docs/llm.md). For each article the model gets the sentence-numbered text, the PLOVER types
with the modes the rule coder knows, the modalities, and the article's entities with their
ids, and must answer JSON of the schema :class:`LlmAnswer` (sent as ``response_format``
too, for servers that can constrain their output to it).

The answer is untrusted: it is validated with pydantic, every evidence quote must occur
verbatim in the article (an event whose evidence does not is dropped), actors must be ids
from the list given, and the trigger must lie inside the evidence. When the server is
down, times out or answers something invalid, the rule coder codes that article instead
and the reason is logged.

    events = code_article_llm(article, config, fallback=rule_coder_fn)
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable
from functools import cache
from typing import Any, Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..config import Config, LlmConfig
from ..model import MODALITIES, PLOVER_TYPES, Article, EntityMention, EventActor, EventMention, Span
from ..pipeline import Context, stage
from .lexicon import merged_lexicon
from .time import event_date

log = logging.getLogger(__name__)

Fallback = Callable[[Article], list[EventMention]]

PLOVER_GLOSSES = {
    "AGREE": "agree to, sign or settle something (ceasefire: agreed between parties)",
    "CONSULT": "meet, visit, host, talk or phone",
    "SUPPORT": "express support or approval",
    "CONCEDE": "give in, ease a position, release",
    "COOPERATE": "cooperate (economic, military, security)",
    "AID": "give aid: military supplies, arms sales, peacekeeping deployment, humanitarian",
    "RETREAT": "withdraw forces or peacekeepers, declare a one-sided ceasefire",
    "REQUEST": "ask for, appeal, demand",
    "ACCUSE": "accuse, blame, criticise",
    "REJECT": "reject, refuse, deny",
    "THREATEN": "threaten, warn of force or sanctions",
    "PROTEST": "demonstrate, protest",
    "SANCTION": "impose sanctions, cut ties, expel",
    "MOBILIZE": "mobilise, move troops, raise alert",
    "COERCE": "coerce: arrest, block, seize",
    "ASSAULT": "attack, fight, shell",
}


class LlmActor(BaseModel):
    model_config = ConfigDict(extra="ignore")

    entity_id: str
    role: Literal["source", "target", "participant"]


class LlmEvent(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: Literal[PLOVER_TYPES]  # type: ignore[valid-type]
    mode: str | None = Field(default=None, max_length=40)
    sentence: int = Field(ge=1)
    evidence: str = Field(min_length=1)
    trigger: str = Field(min_length=1)
    actors: list[LlmActor]
    place_id: str | None = None
    modality: Literal[MODALITIES] = "asserted"  # type: ignore[valid-type]
    confidence: float = Field(default=0.6, ge=0, le=1)


class LlmAnswer(BaseModel):
    """What the model must answer: the events of the article."""

    model_config = ConfigDict(extra="ignore")

    events: list[LlmEvent]


class LlmError(Exception):
    """The server could not give a usable answer (down, timed out, invalid)."""


# -- the prompt ----------------------------------------------------------------------------

@cache
def _answer_schema() -> dict[str, Any]:
    return LlmAnswer.model_json_schema()


def _modes() -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for trig in merged_lexicon("triggers").get("trigger", []):
        if trig.get("mode"):
            found.setdefault(trig["type"], set()).add(trig["mode"])
    return {k: sorted(v) for k, v in found.items()}


@cache
def system_prompt() -> str:
    """The instructions, the same for every article (built once)."""
    modes = _modes()
    types = "\n".join(
        f"- {t}: {PLOVER_GLOSSES[t]}" + (f" (modes: {', '.join(modes[t])})" if t in modes else "")
        for t in PLOVER_TYPES)
    return (
        "You code news articles into PLOVER events. Report only events the article states "
        "(including planned, speculated, cancelled, negated or hypothetical ones), one per "
        "event and sentence.\n"
        f"Event types:\n{types}\n"
        f"Modality: one of {', '.join(MODALITIES)}.\n"
        "Actors: only ids from the entity list, each with role source (who acts), target "
        "(who is acted on or met) or participant. place_id: an id from the list or null.\n"
        "sentence: the number of the sentence stating the event. evidence: words copied "
        "exactly, character for character, from that sentence; trigger: the word or words "
        "of the evidence naming the event.\n"
        'Answer with JSON only: {"events": [...]} following this schema:\n'
        + json.dumps(_answer_schema(), ensure_ascii=False))


def user_prompt(article: Article) -> str:
    lines = [f"Language: {article.lang or 'unknown'}"]
    if article.published:
        lines.append(f"Published: {article.published.iso()}")
    lines.append("Entities (id | label | as written):")
    seen: set[tuple[str, str]] = set()
    for m in article.entities:
        key = (m.entity_id or "", article.text[m.start:m.end])
        if m.entity_id and key not in seen:
            seen.add(key)
            lines.append(f"{m.entity_id} | {m.label} | {key[1]}")
    lines.append("Sentences:")
    for n, s in enumerate(article.sentences, start=1):
        lines.append(f"[{n}] " + " ".join(article.text[s.start:s.end].split()))
    return "\n".join(lines)


# -- the server ----------------------------------------------------------------------------

class ChatClient:
    """Posts chat-completion requests to an OpenAI-compatible server."""

    def __init__(self, cfg: LlmConfig, transport: httpx.BaseTransport | None = None):
        self.cfg = cfg
        self.constrain = True  # send the schema as response_format while the server takes it
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(cfg.api_key_env, "") if cfg.api_key_env else ""
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self.http = httpx.Client(base_url=cfg.endpoint.rstrip("/") + "/", headers=headers,
                                 timeout=cfg.timeout, transport=transport)

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The text of the first choice; LlmError when there is none."""
        payload: dict[str, Any] = {
            "model": self.cfg.model, "messages": messages, "temperature": 0,
            "max_tokens": self.cfg.max_tokens,
        }
        if self.constrain:
            payload["response_format"] = {"type": "json_schema", "json_schema": {
                "name": "events", "schema": _answer_schema()}}
        try:
            response = self.http.post("chat/completions", json=payload)
            if response.status_code in (400, 422) and self.constrain:
                log.info("LLM server refused response_format (HTTP %d); asking without it",
                         response.status_code)
                self.constrain = False
                return self.complete(messages)
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"] or ""
        except httpx.TimeoutException as exc:
            raise LlmError(f"no answer within {self.cfg.timeout:g} s") from exc
        except httpx.HTTPStatusError as exc:
            raise LlmError(f"server answered HTTP {exc.response.status_code}") from exc
        except httpx.HTTPError as exc:
            raise LlmError(f"cannot reach {self.cfg.endpoint}: {exc}") from exc
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LlmError("not a chat-completions response") from exc

    def close(self) -> None:
        self.http.close()


def parse_answer(content: str) -> LlmAnswer:
    """The model's text as a validated answer (a ```json fence around it is allowed)."""
    fenced = re.search(r"```(?:json)?\s*(.*?)```", content, re.S)
    body = fenced.group(1) if fenced else content
    try:
        return LlmAnswer.model_validate_json(body.strip())
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                             for e in exc.errors()[:3])
        raise LlmError(f"answer does not follow the schema ({problems})") from exc


# -- answer to event mentions --------------------------------------------------------------

def _locate(article: Article, evidence: str, sentence: int) -> tuple[int, int] | None:
    """Offsets of the evidence, verbatim: in its sentence first, else anywhere."""
    if 1 <= sentence <= len(article.sentences):
        s = article.sentences[sentence - 1]
        at = article.text.find(evidence, s.start, s.end)
        if at != -1:
            return at, at + len(evidence)
    at = article.text.find(evidence)
    return (at, at + len(evidence)) if at != -1 else None


def to_mentions(article: Article, answer: LlmAnswer) -> list[EventMention]:
    """Event mentions for the answer's events whose evidence is verbatim in the article."""
    by_id: dict[str, list[EntityMention]] = {}
    for m in article.entities:
        if m.entity_id:
            by_id.setdefault(m.entity_id, []).append(m)
    out = []
    for ev in answer.events:
        where = _locate(article, ev.evidence, ev.sentence)
        if where is None:
            log.info("LLM event dropped in %s: evidence not in the article: %.60r",
                     article.id, ev.evidence)
            continue
        start, end = where
        t = article.text.find(ev.trigger, start, end)
        t0, t1 = (t, t + len(ev.trigger)) if t != -1 else (start, end)
        actors: list[EventActor] = []
        for a in ev.actors:
            if a.entity_id not in by_id or any(x.entity_id == a.entity_id for x in actors):
                continue
            near = [m for m in by_id[a.entity_id] if start <= m.start < end]
            m = near[0] if near else None
            actors.append(EventActor(a.entity_id, a.role, m.start if m else None,
                                     m.end if m else None))
        if not actors:
            log.info("LLM event dropped in %s: no known actor", article.id)
            continue
        place = ev.place_id if ev.place_id in by_id and \
            by_id[ev.place_id][0].label in ("GPE", "LOC") else None
        sentence = article.sentence_of(t0) or Span(start, end)
        date, date_source, approximate = event_date(article, sentence, t0)
        mode = ev.mode if ev.mode and re.fullmatch(r"[a-z_\-]+", ev.mode) else None
        out.append(EventMention(
            start, end, ev.type, mode, t0, t1, actors, place, date=date,
            date_source=date_source, date_approximate=approximate, modality=ev.modality,
            confidence=ev.confidence))
    return out


def code_article_llm(article: Article, config: Config, fallback: Fallback,
                     client: ChatClient | None = None) -> list[EventMention]:
    """The LLM's event mentions for an article, or the fallback's when it has no answer."""
    own = client is None
    client = client or ChatClient(config.llm)
    try:
        content = client.complete([{"role": "system", "content": system_prompt()},
                                   {"role": "user", "content": user_prompt(article)}])
        return to_mentions(article, parse_answer(content))
    except LlmError as exc:
        log.warning("LLM coder: %s for article %s; the rule coder codes it instead",
                    exc, article.id)
        return fallback(article)
    finally:
        if own:
            client.close()


@stage("events.llm.v1", requires=("text", "lang", "sentences", "entities", "times"),
       assigns=("events",))
def events_llm(ctx: Context) -> Callable[[Article], Article]:
    """PLOVER event mentions from an OpenAI-compatible LLM server; rules as fallback."""
    from .events import RuleCoder, code_article

    coder = ctx.resource("events.rule_coder", lambda: RuleCoder(ctx.kb))
    client = ctx.resource("llm.client", lambda: ChatClient(ctx.config.llm))

    def run(article: Article) -> Article:
        article.events = code_article_llm(article, ctx.config, lambda a: code_article(a, coder),
                                          client)
        return article

    return run

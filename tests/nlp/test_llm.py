"""The LLM event coder against a small local server that speaks the chat-completions protocol."""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tidings.config import load_config
from tidings.model import Article, DateValue, EntityMention, EventMention, Span
from tidings.nlp.llm import ChatClient, code_article_llm, parse_answer, user_prompt
from tidings.pipeline import Context, registered_stages

# (language, text, trigger, source name, target name), hand-written
ARTICLES = [
    ("en", "Putin met Aliyev in Baku on Monday. The talks lasted three hours.", "met",
     "Putin", "Aliyev"),
    ("de", "Patruschew traf Alijew in Baku. Die Gespräche dauerten drei Stunden.", "traf",
     "Patruschew", "Alijew"),
    ("ru", "Путин встретился с Алиевым в Баку. Переговоры длились три часа.", "встретился",
     "Путин", "Алиевым"),
    ("tr", "Putin, Bakü'de Aliyev ile görüştü. Görüşme üç saat sürdü.", "görüştü",
     "Putin", "Aliyev"),
    ("fr", "Poutine a rencontré Aliyev à Bakou. Les entretiens ont duré trois heures.",
     "rencontré", "Poutine", "Aliyev"),
]
IDS = {"Putin": "vladimir-putin", "Patruschew": "nikolai-patrushev", "Путин": "vladimir-putin",
       "Poutine": "vladimir-putin", "Aliyev": "ilham-aliyev", "Alijew": "ilham-aliyev",
       "Алиевым": "ilham-aliyev"}


def make_article(lang: str, text: str, source: str, target: str) -> Article:
    first = text.index(".") + 1
    article = Article(id=f"a-{lang}", text=text, lang=lang,
                      published=DateValue.parse("2019-09-04"),
                      sentences=[Span(0, first), Span(first + 1, len(text))])
    for name in (source, target):
        at = text.index(name)
        article.entities.append(EntityMention(at, at + len(name), "PERSON", IDS[name], "kb"))
    return article


def answer(events: list[dict]) -> str:
    return json.dumps({"events": events}, ensure_ascii=False)


def event(evidence: str, trigger: str, source: str = "vladimir-putin", **extra) -> dict:
    return {"type": "CONSULT", "mode": "meet", "sentence": 1, "evidence": evidence,
            "trigger": trigger, "actors": [{"entity_id": source, "role": "source"},
                                           {"entity_id": "ilham-aliyev", "role": "target"}],
            "modality": "asserted", "confidence": 0.8, **extra}


class FakeServer:
    """An OpenAI-compatible chat-completions endpoint on 127.0.0.1 with scripted answers."""

    def __init__(self):
        self.replies: list[tuple[int, str]] = []  # (HTTP status, message content or body)
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.delay = 0.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append({"path": self.path, **body})
                server.headers.append(dict(self.headers))
                time.sleep(server.delay)
                status, content = server.replies.pop(0) if server.replies else (200, "{}")
                if status == 200:
                    data = json.dumps({"choices": [{"index": 0, "message": {
                        "role": "assistant", "content": content}}]}).encode()
                else:
                    data = content.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.closed = False
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self):
        if not self.closed:
            self.closed = True
            self.httpd.shutdown()
            self.httpd.server_close()


@pytest.fixture
def server():
    s = FakeServer()
    yield s
    s.close()


def llm_config(url: str, timeout: float = 5.0):
    return load_config(events={"coder": "llm"},
                       llm={"endpoint": url, "model": "test-model", "timeout": timeout,
                            "api_key_env": "TIDINGS_TEST_LLM_KEY"})


class Fallback:
    def __init__(self):
        self.calls = 0
        self.result = [EventMention(0, 5, "CONSULT", None, 0, 5)]

    def __call__(self, article):
        self.calls += 1
        return self.result


@pytest.mark.parametrize("lang,text,trigger,source,target", ARTICLES)
def test_llm_answer_becomes_event_mentions_with_verbatim_evidence(server, lang, text, trigger,
                                                                  source, target):
    article = make_article(lang, text, source, target)
    evidence = text[:text.index(".")]
    server.replies.append((200, answer([event(evidence, trigger, IDS[source])])))
    fallback = Fallback()
    events = code_article_llm(article, llm_config(server.url), fallback)
    assert fallback.calls == 0
    assert len(events) == 1
    ev = events[0]
    assert text[ev.start:ev.end] == evidence
    assert text[ev.trigger_start:ev.trigger_end] == trigger
    assert [(a.entity_id, a.role) for a in ev.actors] == [(IDS[source], "source"),
                                                          ("ilham-aliyev", "target")]
    assert text[ev.actors[0].start:ev.actors[0].end] == source
    assert (ev.type, ev.mode, ev.modality) == ("CONSULT", "meet", "asserted")
    assert ev.date == article.published and ev.date_approximate


@pytest.mark.parametrize("lang,text,trigger,source,target", ARTICLES)
def test_llm_event_whose_evidence_is_not_verbatim_is_dropped(server, lang, text, trigger,
                                                             source, target):
    article = make_article(lang, text, source, target)
    good = text[:text.index(".")]
    invented = "Aliyev " + trigger + " Putin in Moscow"
    server.replies.append((200, answer([event(invented, trigger, IDS[source]),
                                        event(good, trigger, IDS[source])])))
    events = code_article_llm(article, llm_config(server.url), Fallback())
    assert [text[e.start:e.end] for e in events] == [good]


def test_llm_prompt_numbers_sentences_and_lists_entity_ids(server, monkeypatch):
    monkeypatch.setenv("TIDINGS_TEST_LLM_KEY", "secret-key")
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    server.replies.append((200, answer([])))
    assert code_article_llm(article, llm_config(server.url), Fallback()) == []
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["model"] == "test-model"
    assert request["response_format"]["type"] == "json_schema"
    system, user = (m["content"] for m in request["messages"])
    assert "ASSAULT" in system and "hypothetical" in system
    assert "[1] Putin met Aliyev in Baku on Monday." in user
    assert "[2] The talks lasted three hours." in user
    assert "vladimir-putin | PERSON | Putin" in user
    assert server.headers[0]["Authorization"] == "Bearer secret-key"


@pytest.mark.parametrize("content", [
    "I am sorry, I cannot help with that.",
    answer([{**event("Putin met Aliyev in Baku on Monday", "met"), "type": "GREET"}]),
    answer([{**event("Putin met Aliyev in Baku on Monday", "met"), "modality": "maybe"}]),
    json.dumps({"evts": []}),
])
def test_llm_invalid_answer_falls_back_to_rule_coder(server, content, caplog):
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    server.replies.append((200, content))
    fallback = Fallback()
    with caplog.at_level(logging.WARNING, logger="tidings.nlp.llm"):
        events = code_article_llm(article, llm_config(server.url), fallback)
    assert fallback.calls == 1 and events == fallback.result
    assert "rule coder" in caplog.text and article.id in caplog.text


def test_llm_server_down_falls_back_to_rule_coder(server, caplog):
    url = server.url
    server.close()
    fallback = Fallback()
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    with caplog.at_level(logging.WARNING, logger="tidings.nlp.llm"):
        assert code_article_llm(article, llm_config(url), fallback) == fallback.result
    assert "cannot reach" in caplog.text


def test_llm_timeout_falls_back_to_rule_coder(server, caplog):
    server.delay = 1.5
    server.replies.append((200, answer([])))
    fallback = Fallback()
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    with caplog.at_level(logging.WARNING, logger="tidings.nlp.llm"):
        assert code_article_llm(article, llm_config(server.url, timeout=0.3), fallback) == \
            fallback.result
    assert "no answer within" in caplog.text


def test_llm_server_error_falls_back_to_rule_coder(server):
    server.replies.append((500, '{"error": "model not loaded"}'))
    fallback = Fallback()
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    assert code_article_llm(article, llm_config(server.url), fallback) == fallback.result


def test_llm_server_refusing_response_format_is_asked_again_without_it(server):
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    server.replies += [(400, '{"error": "response_format not supported"}'),
                       (200, answer([event("Putin met Aliyev in Baku on Monday", "met")]))]
    events = code_article_llm(article, llm_config(server.url), Fallback())
    assert len(events) == 1
    assert "response_format" in server.requests[0]
    assert "response_format" not in server.requests[1]


def test_llm_unknown_actor_ids_are_dropped_and_events_without_actors_too(server):
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    strangers = event("Putin met Aliyev in Baku on Monday", "met",
                      actors=[{"entity_id": "made-up", "role": "source"}])
    mixed = event("The talks lasted three hours", "talks", sentence=2,
                  actors=[{"entity_id": "made-up", "role": "source"},
                          {"entity_id": "ilham-aliyev", "role": "target"}])
    server.replies.append((200, answer([strangers, mixed])))
    events = code_article_llm(article, llm_config(server.url), Fallback())
    assert len(events) == 1
    assert [a.entity_id for a in events[0].actors] == ["ilham-aliyev"]
    assert events[0].actors[0].start is None  # Aliyev is not named in that sentence


def test_llm_answer_in_a_code_fence_is_accepted():
    fenced = "Here you are:\n```json\n" + answer([event("x", "x")]) + "\n```"
    assert parse_answer(fenced).events[0].type == "CONSULT"


def test_llm_client_uses_the_configured_model_and_endpoint(server):
    cfg = llm_config(server.url + "/").llm
    server.replies.append((200, "hello"))
    client = ChatClient(cfg)
    assert client.complete([{"role": "user", "content": "hi"}]) == "hello"
    client.close()
    assert server.requests[0]["path"] == "/v1/chat/completions"
    assert server.requests[0]["max_tokens"] == cfg.max_tokens


def test_llm_prompt_skips_unlinked_mentions():
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    article.entities.append(EntityMention(20, 24, "GPE", None, "ner"))
    assert "| Baku" not in user_prompt(article)


def test_llm_stage_is_registered_like_the_rule_coder():
    stages = registered_stages()
    assert stages["events.llm.v1"].requires == stages["events.rules.v1"].requires
    assert stages["events.llm.v1"].assigns == stages["events.rules.v1"].assigns


def test_llm_coder_is_off_by_default():
    config = load_config()
    assert config.events.coder == "rules"
    assert "events.llm.v1" not in config.pipeline.stages


def test_llm_stage_codes_with_the_rule_coder_when_the_server_is_down(server, kb):
    from tidings.nlp.events import RuleCoder

    url = server.url
    server.close()
    ctx = Context(llm_config(url, timeout=1.0))
    ctx._resources["kb"] = kb  # the session's knowledge base
    run = registered_stages()["events.llm.v1"].factory(ctx)
    article = make_article(*ARTICLES[0][:2], *ARTICLES[0][3:])
    expected = RuleCoder(kb).code(make_article(*ARTICLES[0][:2], *ARTICLES[0][3:]))
    coded = run(article).events
    assert expected, "the rule coder should code this sentence"
    assert [(e.type, e.start, e.end) for e in coded] == [(e.type, e.start, e.end)
                                                         for e in expected]

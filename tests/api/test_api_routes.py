"""The JSON API through the ASGI test client, over the hand-made store of conftest.py."""

from __future__ import annotations

import json

import pytest

LISTS = ["/api/events", "/api/articles", "/api/entities", "/api/quotes", "/api/stories",
         "/api/search?q=Ganja"]


def test_openapi_document_validates(client):
    spec = client.get("/api/openapi.json").json()
    try:
        from openapi_spec_validator import validate
    except ImportError:  # the dev extra is not installed: check the structure by hand
        assert spec["openapi"].startswith("3.") and spec["info"]["title"]
        for item in spec["paths"].values():
            assert all("responses" in op for op in item.values())
    else:
        validate(spec)
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/entities",
                 "/api/quotes", "/api/stories", "/api/search", "/api/export/{kind}"):
        assert path in spec["paths"], path


def test_openapi_lists_the_event_filters(client):
    params = {p["name"] for p in
              client.get("/api/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "country", "type", "since", "until", "lang", "source", "limit",
            "offset"} <= params


@pytest.mark.parametrize("url", LISTS)
def test_lists_are_paginated_with_a_total(client, url):
    sep = "&" if "?" in url else "?"
    whole = client.get(url).json()
    assert whole["total"] >= 1 and len(whole["items"]) == whole["total"]
    page = client.get(f"{url}{sep}limit=1&offset={whole['total'] - 1}").json()
    assert page["total"] == whole["total"] and page["limit"] == 1
    assert page["items"] == whole["items"][-1:]


@pytest.mark.parametrize("query, param", [
    ("since=yesterday", "since"), ("until=2020-13", "until"), ("since=2021-02-30", "since"),
    ("limit=0", "limit"), ("limit=many", "limit"), ("limit=100000", "limit"),
    ("offset=-1", "offset"), ("type=MEET", "type"), ("country=ARMENIA", "country"),
    ("country=ARM&country=AZE&country=GEO", "country"), ("lang=english", "lang"),
    ("colour=red", "colour"), ("since=2022&until=2020", "since"),
])
def test_malformed_filter_is_a_422_naming_it(client, query, param):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert param in response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/articles?since=soon", "/api/entities?type=CITY",
                                 "/api/search?q=", "/api/quotes?limit=-3",
                                 "/api/timeline?zoom=week", "/api/dyad?a=ARM",
                                 "/api/export/events?format=xml", "/api/export/people"])
def test_every_endpoint_answers_bad_input_with_422_not_500(client, url):
    assert client.get(url).status_code == 422


@pytest.mark.parametrize("query, expected", [
    ("", {"ev-consult", "ev-accuse", "ev-agree"}),
    ("actor=p-one", {"ev-consult", "ev-agree"}),
    ("actor=Анна", {"ev-consult", "ev-agree"}),
    ("actor=AZE&actor=ARM", {"ev-accuse"}),
    ("country=arm&country=AZE", {"ev-consult", "ev-accuse", "ev-agree"}),
    ("type=accuse", {"ev-accuse"}),
    ("since=2021-05-06", {"ev-accuse"}),
    ("until=2021-05", {"ev-consult", "ev-accuse", "ev-agree"}),
    ("until=2021-04", set()),
    ("lang=ru", {"ev-consult"}),
    ("source=example.ru", {"ev-consult"}),
])
def test_event_filters(client, query, expected):
    items = client.get(f"/api/events?{query}").json()["items"]
    assert {e["id"] for e in items} == expected


def test_event_detail_highlights_trigger_actors_place_and_date(client, texts):
    text = texts.en_text
    event = client.get("/api/events/ev-consult").json()
    assert event["category"] == "cooperative" and event["languages"] == {"en": 1, "ru": 1}
    en = next(e for e in event["evidence"] if e["lang"] == "en")
    words = {h["kind"]: text[h["start"]:h["end"]] for h in en["highlights"]
             if h["kind"] != "entity"}
    assert words["trigger"] == "met"
    assert words["date"] == "5 May 2021"
    assert words["place"] == "Ganja"
    assert {text[h["start"]:h["end"]] for h in en["highlights"] if h["kind"] == "actor"} == \
        {"Ann One", "Azerbaijani"}
    assert en["text"] == text[en["start"]:en["end"]]


def test_untrusted_titles_come_back_as_data(client, texts):
    response = client.get("/api/articles/en-1")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["title"] == texts.en_title
    titles = {a["title"] for a in client.get("/api/articles").json()["items"]}
    assert titles == {texts.en_title, texts.ru_title}


def test_article_links_its_event_mentions_to_merged_events(client):
    article = client.get("/api/articles/en-1").json()
    assert {(e["type"], e["event_id"]) for e in article["events"]} == {
        ("CONSULT", "ev-consult"), ("ACCUSE", "ev-accuse"), ("AGREE", "ev-agree")}
    kinds = {h["kind"] for h in article["highlights"]}
    assert {"entity", "date", "quote", "trigger"} <= kinds


def test_entity_has_aliases_in_every_script_and_roles(client):
    entity = client.get("/api/entities/p-one").json()
    assert {(a["lang"], a["script"]) for a in entity["aliases"]} == {
        ("en", "Latin"), ("ru", "Cyrillic"), ("hy", "Armenian")}
    assert entity["roles"][0]["label"] == "Minister of Foreign Affairs" or \
        entity["roles"][0]["key"] == "foreign_minister"
    neighbours = client.get("/api/entities/p-one/neighbours").json()
    assert [n["entity"]["id"] for n in neighbours] == ["AZE"]


def test_quotes_by_speaker(client):
    quotes = client.get("/api/quotes?speaker=p-one").json()
    assert quotes["total"] == 1
    assert quotes["items"][0]["text"] == "We agreed on everything,"
    assert client.get("/api/quotes?speaker=AZE").json()["total"] == 0


def test_search_flags_the_matched_words(client):
    hits = client.get("/api/search?q=shelling").json()
    assert hits["total"] == 1 and hits["items"][0]["article_id"] == "en-1"
    assert [f["text"] for f in hits["items"][0]["fragments"] if f["match"]] == ["shelling"]


def test_dyad_counts_cooperative_and_conflictual(client):
    dyad = client.get("/api/dyad?a=ARM&b=AZE").json()
    assert dyad["kind"] == "country"
    assert dyad["categories"] == {"cooperative": 2, "neutral": 0, "conflictual": 1}
    actors = client.get("/api/dyad?a=AZE&b=Armenia&kind=actor").json()
    assert actors["categories"]["conflictual"] == 1 and actors["events"]["total"] == 1


def test_dyad_with_an_unknown_actor_is_a_404(client):
    assert client.get("/api/dyad?a=p-one&b=nobody-at-all&kind=actor").status_code == 404


def test_timeline_groups_by_period_and_category(client):
    periods = client.get("/api/timeline?zoom=day").json()
    assert [(p["period"], p["categories"]["conflictual"]) for p in periods] == [
        ("2021-05-05", 0), ("2021-05-06", 1)]


def test_graph_and_places(client):
    graph = client.get("/api/graph").json()
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {("AZE", "p-one"),
                                                                    ("ARM", "AZE")}
    places = {p["id"]: p for p in client.get("/api/places").json()}
    assert places["geo:ganja"]["layer"] == "event" and places["geo:ganja"]["lat"] == 40.68
    assert "AZE" not in places  # a state is not a place on the map


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_follows_the_event_filters(client, fmt):
    response = client.get(f"/api/export/events?format={fmt}&type=ACCUSE")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.strip().splitlines()
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in lines] == ["ev-accuse"]
    else:
        assert lines[0].startswith("id,type") and len(lines) == 2


@pytest.mark.parametrize("url", ["/api/events/nope", "/api/articles/nope",
                                 "/api/entities/nope", "/api/entities/nope/neighbours"])
def test_unknown_ids_are_404_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_responses_carry_a_content_security_policy(client):
    policy = dict(d.strip().split(" ", 1) for d in
                  client.get("/").headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'"

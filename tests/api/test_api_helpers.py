"""The pieces under the pages: highlight segments, SVG geometry, the PLOVER split."""

from __future__ import annotations

import pytest

from tidings.api.charts import circle_graph, point_map, stacked_bars
from tidings.api.evidence import Mark, segments
from tidings.api.plover import load_plover_split
from tidings.api.service import script_of
from tidings.errors import ConfigError
from tidings.model import PLOVER_TYPES

TEXT = "Ann One met officials in Ganja."


def test_segments_cover_the_text_and_cut_at_every_overlap():
    marks = [Mark(0, 30, "evidence"), Mark(0, 7, "actor", entity_id="p"), Mark(8, 11, "trigger"),
             Mark(25, 30, "place")]
    segs = segments(TEXT, marks)
    assert "".join(s.text for s in segs) == TEXT
    assert [(s.text, s.kinds) for s in segs] == [
        ("Ann One", ["actor", "evidence"]), (" ", ["evidence"]), ("met", ["evidence", "trigger"]),
        (" officials in ", ["evidence"]), ("Ganja", ["evidence", "place"]), (".", [])]
    assert segs[0].link == ("entity", "p") and segs[0].anchors == ["m-0-30"]


def test_segments_of_a_window_clip_marks_that_cross_it():
    segs = segments(TEXT, [Mark(4, 11, "trigger")], start=8, end=15)
    assert [(s.text, s.kinds) for s in segs] == [("met", ["trigger"]), (" off", [])]


def test_segments_ignore_empty_and_outside_marks():
    segs = segments(TEXT, [Mark(3, 3, "date"), Mark(40, 50, "date")])
    assert [s.text for s in segs] == [TEXT]


@pytest.mark.parametrize("name, script", [
    ("Patrushev", "Latin"), ("Патрушев", "Cyrillic"), ("Փաշինյան", "Armenian"),
    ("ალიევი", "Georgian"), ("Patruşev", "Latin"), ("«Путин»", "Cyrillic"), ("", "Other"),
])
def test_script_of_a_name(name, script):
    assert script_of(name) == script


def test_stacked_bars_scale_to_the_tallest_period():
    chart = stacked_bars([("2020", {"cooperative": 2, "conflictual": 2}),
                          ("2021", {"cooperative": 1})],
                         ("cooperative", "neutral", "conflictual"), {}, {"2021": "/x"})
    heights = {(r.title.split(":")[0], r.css): r.h for r in chart.rects}
    assert heights[("2020", "cat-cooperative")] == heights[("2020", "cat-conflictual")]
    assert heights[("2021", "cat-cooperative")] == pytest.approx(
        heights[("2020", "cat-cooperative")] / 2, abs=0.1)
    assert [r.href for r in chart.rects if r.title.startswith("2021")] == ["/x"]
    assert all(r.y + r.h <= chart.height for r in chart.rects)


def test_point_map_keeps_degrees_square_and_points_inside():
    pic = point_map([(40.2, 44.5, "Yerevan", 3, "a", "/y"), (55.8, 37.6, "Moscow", 1, "a", "/m")])
    west, south, east, north = pic.bounds
    assert (east - west) / (north - south) == pytest.approx(pic.width / pic.height, rel=0.01)
    assert all(0 <= p.x <= pic.width and 0 <= p.y <= pic.height for p in pic.points)
    yerevan, moscow = pic.points  # biggest first
    assert yerevan.name == "Yerevan" and yerevan.r > moscow.r and moscow.y < yerevan.y


def test_circle_graph_drops_edges_to_nodes_not_shown():
    pic = circle_graph([("a", "A", "PERSON", 2), ("b", "B", "GPE", 1)],
                       [("a", "b", 1), ("a", "c", 5)])
    assert len(pic.nodes) == 2 and len(pic.edges) == 1


def test_plover_split_puts_every_type_in_one_category():
    split = load_plover_split()
    assert set(split.category_of) == set(PLOVER_TYPES)
    assert split.of("assault") == "conflictual" and split.of("CONSULT") == "cooperative"
    assert split.categories[0] == "cooperative" and split.categories[-1] == "conflictual"


@pytest.mark.parametrize("text", [
    '[category.a]\ntypes = ["AGREE"]\n[category.b]\ntypes = ["AGREE"]',
    '[category.a]\ntypes = ["AGREE", "MEET"]',
])
def test_plover_split_rejects_gaps_doubles_and_unknown_types(text):
    with pytest.raises(ConfigError):
        load_plover_split(text)

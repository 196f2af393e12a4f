"""Geometry for the server-drawn SVG figures: stacked bars, a circular graph, a point map.

Each function returns plain dataclasses with coordinates; the templates draw them as SVG
(so the pages show their figures without JavaScript) and the scripts in web/static/js
replace them with interactive versions when the vendor libraries are installed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str
    href: str | None = None


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class BarChart:
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    gridlines: list[float] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css, text)


def stacked_bars(periods: list[tuple[str, dict[str, int]]], categories: tuple[str, ...],
                 labels: dict[str, str], href: dict[str, str] | None = None,
                 width: int = 900, height: int = 180) -> BarChart:
    """One bar per period, stacked by category (bottom to top in ``categories`` order)."""
    chart = BarChart(width, height, legend=[(f"cat-{c}", labels.get(c, c)) for c in categories])
    if not periods:
        return chart
    left, bottom, top = 36, 28, 10
    plot_h = height - bottom - top
    peak = max(sum(counts.values()) for _, counts in periods) or 1
    step = (width - left - 8) / len(periods)
    bar_w = max(2.0, min(48.0, step * 0.8))
    for tick in _ticks(peak):
        y = top + plot_h * (1 - tick / peak)
        chart.gridlines.append(round(y, 1))
        chart.ticks.append(Label(left - 6, round(y + 4, 1), str(tick), "end"))
    every = max(1, math.ceil(len(periods) / 16))
    for i, (period, counts) in enumerate(periods):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        total = sum(counts.values())
        for cat in categories:
            n = counts.get(cat, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            chart.rects.append(Rect(round(x, 1), round(y, 1), round(bar_w, 1), round(h, 1),
                                    f"cat-{cat}",
                                    f"{period}: {n} {labels.get(cat, cat)} of {total}",
                                    (href or {}).get(period)))
        if i % every == 0:
            chart.labels.append(Label(round(x + bar_w / 2, 1), height - 8, period))
    return chart


def _ticks(peak: int) -> list[int]:
    step = max(1, 10 ** int(math.log10(peak)) if peak >= 10 else 1)
    while peak / step > 5:
        step *= 2
    return list(range(0, peak + 1, step))


@dataclass(frozen=True)
class Node:
    id: str
    x: float
    y: float
    r: float
    name: str
    css: str
    events: int


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


@dataclass
class GraphPicture:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def circle_graph(nodes: list[tuple[str, str, str, int]], edges: list[tuple[str, str, int]],
                 size: int = 640) -> GraphPicture:
    """Nodes (id, name, type, events) on a circle, most active first; edges as chords."""
    pic = GraphPicture(size, size)
    if not nodes:
        return pic
    centre, radius = size / 2, size / 2 - 90
    peak = max(n[3] for n in nodes) or 1
    pos = {}
    for i, (node_id, name, etype, events) in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        pos[node_id] = (x, y)
        pic.nodes.append(Node(node_id, round(x, 1), round(y, 1),
                              round(4 + 10 * math.sqrt(events / peak), 1), name,
                              f"type-{etype or 'none'}", events))
    heaviest = max((e[2] for e in edges), default=1) or 1
    for a, b, n in edges:
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            pic.edges.append(Edge(round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1),
                                  round(0.5 + 4 * n / heaviest, 2), f"{n} shared events"))
    return pic


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    r: float
    name: str
    css: str
    title: str
    href: str


@dataclass
class MapPicture:
    width: int
    height: int
    points: list[Point] = field(default_factory=list)
    meridians: list[tuple[float, str]] = field(default_factory=list)
    parallels: list[tuple[float, str]] = field(default_factory=list)
    bounds: tuple[float, float, float, float] = (0, 0, 0, 0)  # west, south, east, north


def point_map(places: list[tuple[float, float, str, int, str, str]], width: int = 900,
              height: int = 480) -> MapPicture:
    """Equirectangular map of (lat, lon, name, events, css, href), fitted to the points
    with a margin; a graticule every 5 or 10 degrees stands in for the coastlines."""
    pic = MapPicture(width, height)
    if not places:
        return pic
    lats = [p[0] for p in places]
    lons = [p[1] for p in places]
    west, east = min(lons) - 4, max(lons) + 4
    south, north = max(-85.0, min(lats) - 3), min(85.0, max(lats) + 3)
    # keep degrees square (the map is equirectangular): widen the narrower extent
    scale = min(width / (east - west), height / (north - south))
    extra_lon = (width / scale - (east - west)) / 2
    extra_lat = (height / scale - (north - south)) / 2
    west, east = west - extra_lon, east + extra_lon
    south, north = south - extra_lat, north + extra_lat
    pic.bounds = (west, south, east, north)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - west) * scale, 1), round((north - lat) * scale, 1)

    grid = 5 if east - west < 60 else 10
    for lon in range(math.ceil(west / grid) * grid, math.floor(east) + 1, grid):
        pic.meridians.append((xy(0, lon)[0], f"{abs(lon)}°{'E' if lon >= 0 else 'W'}"))
    for lat in range(math.ceil(south / grid) * grid, math.floor(north) + 1, grid):
        pic.parallels.append((xy(lat, 0)[1], f"{abs(lat)}°{'N' if lat >= 0 else 'S'}"))
    peak = max(p[3] for p in places) or 1
    for lat, lon, name, n, css, href in sorted(places, key=lambda p: -p[3]):
        x, y = xy(lat, lon)
        pic.points.append(Point(x, y, round(3 + 9 * math.sqrt(n / peak), 1), name, css,
                                f"{name}: {n}", href))
    return pic

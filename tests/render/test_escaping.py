"""Every user/file text is escaped where it is drawn: render tests of each place (HTML strings, PNG)."""

from __future__ import annotations

import html
import json
import re

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from jinja2.utils import htmlsafe_json_dumps

from geo.exports.briefing import png_bytes
from geo.storage.provenance import LegendEntry, Provenance
from layers.mapview import MapLayer, legend_html, render_map
from layers.offline_html import standalone_html
from layers.snapshot import SnapshotControl
from layers.user_layers import user_map_layer

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>")


def _js(text: str) -> str:
    """How a string appears inside a folium script (jinja's tojson)."""
    return str(htmlsafe_json_dumps(text))


def _imported(payload: str) -> tuple:
    """An import whose title, file name, source, column name and values all carry ``payload``."""
    frame = gpd.GeoDataFrame(
        {payload: [payload, "乙"], "类别": [payload, "丙"]},
        geometry=[shapely.box(120.60, 31.10, 120.61, 31.11), shapely.box(120.70, 31.10, 120.71, 31.11)],
        crs=4326,
    )
    meta = pd.Series(
        {
            "layer": "user_x",
            "title_zh": payload,
            "title_en": payload,
            "accuracy": "real",
            "source": f"{payload}.zip",
            "licence": payload,
            "note": payload,
        }
    )
    return user_map_layer(meta, frame), frame


def _map_html(payload: str) -> str:
    item, _ = _imported(payload)
    return render_map([item]).get_root().render()


def _overlay_names(doc: str) -> list[str]:
    block = re.search(r"overlays :\s*\{(.*?)\}", doc, re.S).group(1)
    return [json.loads(k) for k in re.findall(r'^\s*("(?:[^"\\]|\\.)*")\s*:', block, re.M)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_layer_switcher_gets_the_title_escaped(payload):
    names = _overlay_names(_map_html(payload))
    assert names == [html.escape(payload)]  # Leaflet writes the name as HTML: escaped it shows as text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_tooltip_labels_and_values_are_escaped(payload):
    doc = _map_html(payload)
    aliases = [json.loads(a) for a in re.findall(r"let aliases = (\[.*?\]);", doc)]
    assert aliases == [[html.escape(payload), "类别"]]  # the column name is the label of an import
    fields = [json.loads(f) for f in re.findall(r"let fields = (\[.*?\]);", doc)]
    assert fields == [[payload, "类别"]]  # the raw column name only looks the property up
    assert _js(html.escape(payload)) in doc  # the value as escaped text
    assert payload not in doc  # nowhere as markup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_legend_escapes_titles_and_labels(payload):
    body = legend_html(
        [(payload, Provenance("real", payload), [LegendEntry(payload, "#f00", "fill", 0.3)])], lang="zh"
    )
    # escaped in the heading, the row and the section's name (data-layer: the switcher's name)
    assert payload not in body and body.count(html.escape(payload)) == 3


@pytest.mark.parametrize("payload", PAYLOADS)
def test_offline_html_export_escapes_title_and_layers(payload):
    item, _ = _imported(payload)
    m = render_map([item])
    m.add_child(SnapshotControl(title=payload))
    doc = standalone_html(m, title=payload)
    assert payload not in doc
    assert f"<title>{html.escape(payload)}</title>" in doc and f"<b>{html.escape(payload)}</b>" in doc
    assert _overlay_names(doc) == [html.escape(payload)]


def test_popup_labels_are_escaped():
    from dataclasses import replace

    from layers.base import Field

    item, frame = _imported(PAYLOADS[1])
    layer = replace(item.layer, popup_fields=(Field(PAYLOADS[1], PAYLOADS[1], PAYLOADS[1]),))
    m = render_map([MapLayer(layer, frame, item.provenance)])
    doc = m.get_root().render()
    assert [json.loads(a) for a in re.findall(r"let aliases = (\[.*?\]);", doc)][-1] == [
        html.escape(PAYLOADS[1])
    ]


def test_briefing_png_draws_dollar_signs_as_text():
    """Titles, names, legend rows and sources with "$" would be mathtext (and "$x^$" fails to parse)."""
    title = "税收 $x^$ 万元 <script>"
    frame = gpd.GeoDataFrame(
        {"name": ["$\\alpha_$ 园区"]}, geometry=[shapely.box(120.6, 31.1, 120.7, 31.2)], crs=4326
    )
    data = png_bytes(
        title,
        {title: frame},
        {title: [LegendEntry("$^$ 图例", "#f00", "fill", 0.3)]},
        {title: Provenance("real", "$_$ 来源")},
        paper="screen",
        subtitle="$\\frac{$",
        legend_title="$$",
    )
    assert data[:8] == b"\x89PNG\r\n\x1a\n"

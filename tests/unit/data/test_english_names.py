"""English names of places (geo/place_names.py) and the demo's English renderings of the plans' texts
(the *_en columns: the atlas's translation beside the Chinese)."""

from __future__ import annotations

import re

from geo.place_names import file_word, own_place_name, place_label, place_list, place_name
from geo.storage.builtin import load_layer
from geo.storage.schema import WUJIANG_TOWNS
from tests.fixtures.demo import WUJIANG_TOWNS_EN

CJK = re.compile("[\u4e00-\u9fff]")


def test_every_bundled_place_has_an_english_name(demo_gpkg):
    towns = [place_name(n, "en") for n in WUJIANG_TOWNS]
    assert towns == WUJIANG_TOWNS_EN
    for layer in ("districts", "dev_zones", "carrier_parks"):
        names = load_layer(layer, path=demo_gpkg)["name"]
        english = [place_name(n, "en") for n in names]
        assert all(e != n and not CJK.search(e) for e, n in zip(english, names, strict=True)), (
            layer,
            english,
        )
    districts = load_layer("districts", path=demo_gpkg)
    assert districts["name_en"].tolist() == [place_name(n, "en") for n in districts["name"]]


def test_names_in_each_language():
    assert place_name("吴江区", "en") == "Wujiang District" and place_name("吴江区", "zh") == "吴江区"
    assert place_name("用户自己的园区", "en") == "用户自己的园区"  # unknown: as given
    assert place_name(None, "en") == "" and place_name(float("nan"), "en") == ""
    assert place_label("七都镇", "en") == "Qidu Town (七都镇)" and place_label("七都镇", "zh") == "七都镇"
    assert place_label("某园", "en") == "某园"
    assert place_list("苏州工业园区、吴中经济开发区", "en") == (
        "Suzhou Industrial Park, Wuzhong Economic Development Zone"
    )
    assert place_list("苏州工业园区、吴中经济开发区", "zh") == "苏州工业园区、吴中经济开发区"
    assert file_word("吴江高新区（盛泽镇）", "en") == "Wujiang-Hi-tech-Zone-(Shengze-Town)"
    assert file_word("吴江高新区（盛泽镇）", "zh") == "吴江高新区（盛泽镇）"


def test_the_plans_texts_carry_their_translation(demo_gpkg):
    clusters = load_layer("wujiang_clusters", path=demo_gpkg)
    assert (clusters["note"] == "").equals(clusters["note_en"] == "")  # every note has its English
    row = clusters[(clusters["industry"] == "光电通信") & (clusters["town"] == "七都镇")].iloc[0]
    assert (row["note"], row["note_en"]) == (
        "亨通、通鼎：光纤光缆",
        "Hengtong, Tongding: optical fibre and cable",
    )
    focus = load_layer("county_cluster_focus", path=demo_gpkg).set_index("area")
    assert (
        focus.loc["吴江区", "focus_en"]
        == "advanced materials, high-end equipment, new-generation information technology"
    )
    chain = load_layer("key_industries", path=demo_gpkg).set_index("industry")["chain_en"]
    assert chain["医疗器械和生物医药"] == (
        "imaging equipment, medical equipment, chemical pharmaceuticals, diagnostic reagents"
    )
    for layer in ("corridor_axes", "corridor_belts"):
        frame = load_layer(layer, path=demo_gpkg)
        for col in ("name", "kind", "industries", "description"):
            english = frame[f"{col}_en"]
            assert (english != "").all() and not english.map(CJK.search).any(), (layer, col)
    belts = load_layer("corridor_belts", path=demo_gpkg).set_index("corridor_id")
    assert belts.loc["yanjiang", "name_en"] == "Yangtze riverside development belt"
    zones = load_layer("dev_zones", path=demo_gpkg)
    assert set(zones["level_en"]) == {"national"}


def test_a_file_the_english_page_wrote_is_read_back_under_the_datas_names():
    """The English 数据归集 and map files name the plan's industries and the 区镇 in English; the
    import reads them back as the Chinese names the zones and the evaluation use."""
    import io

    import pandas as pd

    from geo import ingest

    table = pd.DataFrame(
        {
            "Enterprise ID": ["E1", "E2", "E3"],
            "Name": ["苏州甲纺织有限公司", "乙", "丙"],
            "Industry": ["High-end textiles", "高端装备", "Something else"],
            "Town": ["Wujiang Hi-tech Zone (Shengze Town)", "Qidu Town", "北区"],
            "Land (mu)": [30, 20, 10],
            "Tax (10k yuan)": [450, 100, 50],
            "Sales (10k yuan)": [900, 300, 100],
        }
    )
    buf = io.BytesIO()
    table.to_excel(buf, index=False)
    frame = ingest.read_upload(
        buf.getvalue(), "assembled.xlsx", kind="enterprises", require_coordinates=False
    ).frame
    assert frame["industry"].tolist() == ["高端纺织", "高端装备", "Something else"]
    assert frame["town"].tolist() == ["吴江高新区（盛泽镇）", "七都镇", "北区"]


def test_one_short_english_name_per_town_on_screen_one_full_name_in_the_files():
    """Walk 13, 亩均 ranking in English: the stated towns 盛泽镇, 震泽镇, 七都镇 showed as "Shengze
    Town", "Zhenze", "Qidu" in one column; the files wrote "Shengze Town", "Zhenze Town", "Qidu Town"."""
    from geo.place_names import short_place_name

    stated = ["盛泽镇", "震泽镇", "七都镇", "盛泽", "震泽", "吴江高新区（盛泽镇）"]
    assert [short_place_name(n, "en") for n in stated] == [
        "Shengze",
        "Zhenze",
        "Qidu",
        "Shengze",
        "Zhenze",
        "Shengze",
    ]
    assert [place_name(n, "en") for n in stated[:3]] == ["Shengze Town", "Zhenze Town", "Qidu Town"]
    assert short_place_name("盛泽镇", "zh") == "盛泽镇"
    assert short_place_name("黎里镇", "en") == "Lili Town"  # a town inside 汾湖, not the zone
    # a park the atlas knows goes by its English name, one a user named stays as written
    assert short_place_name("七都智能制造产业园", "en") == "Qidu Intelligent Manufacturing Industrial Park"
    assert short_place_name("七都光缆园", "en") == "七都光缆园"


def test_every_township_level_unit_of_wujiang_a_file_may_state_is_named_in_english():
    """A user's 所在镇 names Wujiang's towns and subdistricts, not only its eight 区镇 (walk22: 同里镇
    stayed Chinese among translated towns on the English pages and files)."""
    stated = ["同里镇", "黎里镇", "盛泽镇", "平望镇", "七都镇", "震泽镇", "桃源镇"]
    stated += ["松陵街道", "江陵街道", "八坼街道", "横扇街道"]
    english = [own_place_name(n, "en") for n in stated]
    assert not [e for e in english if CJK.search(e)], english
    assert english[0] == "Tongli Town" and english[-1] == "Hengshan Subdistrict"

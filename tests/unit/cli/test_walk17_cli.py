"""What the walk 17 met on the command line: ``evaluate --lang en`` named three of the user's four parks
by the atlas's English for built-in parks of the same name and kept the fourth in Chinese (item b2),
headed the surcharges file by field names and wrote its land policy in Chinese, and its notes named
fields by their internal names (item b3); "1 enterprises" (item 8)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from geo.cli import main
from geo.messages import message
from geo.place_names import own_place_name, place_name
from tests.fixtures.evaluation import enterprises, zones

# a user's parks: the first shares a built-in carrier's name, the second is the user's own, the third
# (empty) is one of the fixed 区镇
PARKS = ["盛泽镇新材料产业园", "汾湖高新区光电园", "七都镇"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """The hand-worked zones under the user's park names, and the enterprises (E10, which has no
    location, left out: one enterprise outside every zone) in a CSV with Chinese headers, its name
    stating 2024 (what each class pays is worked out)."""
    parks = zones().assign(name=PARKS)
    zones_path = tmp_path / "园区.gpkg"
    pyogrio.write_dataframe(parks, zones_path, layer="zones", driver="GPKG")
    firms = enterprises().dropna(subset=["geometry"]).to_crs("EPSG:4326")
    rows = pd.DataFrame(firms.drop(columns="geometry")).assign(经度=firms.geometry.x, 纬度=firms.geometry.y)
    rows = rows.rename(
        columns={"ent_id": "统一社会信用代码", "name": "单位名称", "tax_wan_yuan": "税收（万元）"}
    )
    table = tmp_path / "企业名录_2024.csv"
    rows.to_csv(table, index=False, encoding="utf-8-sig")
    return zones_path, table


def _run(files, out: Path, lang: str, capsys) -> str:
    zones_path, table = files
    assert (
        main(["--lang", lang, "evaluate", str(zones_path), str(table), "--frame", "wgs84", "-o", str(out)])
        == 0
    )
    return capsys.readouterr().out


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)


def test_the_users_park_names_are_kept_as_written_in_every_english_file(files, tmp_path, capsys):
    assert place_name(PARKS[0], "en") != PARKS[0]  # the atlas has an English name for it
    out = tmp_path / "en"
    _run(files, out, "en", capsys)
    said = {
        "zone_metrics.csv": "Zone",
        "zone_scores.csv": "Town/park",
        "land_renewal_by_zone.csv": "Town/park",
        "enterprise_classes.csv": "Town/park",
        "class_surcharges.csv": "Town/park",
    }
    for name, column in said.items():
        values = set(_csv(out / name)[column]) - {"—"}
        # the parks as written; the empty 七都镇 (where listed) in English, as a fixed 区镇
        assert set(PARKS[:2]) <= values <= {*PARKS[:2], "Qidu Town"}, (name, values)


def test_own_place_name_translates_the_fixed_places_only():
    assert own_place_name("盛泽镇新材料产业园", "en") == "盛泽镇新材料产业园"
    assert own_place_name("七都镇", "en") == "Qidu Town"
    assert own_place_name("吴江区", "en") == "Wujiang District"
    assert own_place_name("盛泽镇新材料产业园", "zh") == "盛泽镇新材料产业园"
    assert own_place_name(None, "en") == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_surcharges_file_is_headed_and_worded_as_the_page(files, tmp_path, lang, capsys):
    out = tmp_path / lang
    _run(files, out, lang, capsys)
    pay = _csv(out / "class_surcharges.csv")
    headers = {
        "zh": ["差别电价计费用量（千瓦时）", "差别电价加价（元/千瓦时）", "差别电价（万元）", "用地政策"],
        "en": [
            "Power surcharge: quantity billed (kWh)",  # capitalised as every header (walk18 c7)
            "Power surcharge rate (yuan/kWh)",
            "Power surcharge (10k yuan)",
            "Land policy",
        ],
    }[lang]
    assert set(headers) <= set(pay.columns), list(pay.columns)
    assert not {c for c in pay.columns if "_" in c}, list(pay.columns)  # no field name
    policy = {"zh": "支持零增地技改，不新增用地", "en": "may upgrade without new land"}[lang]
    assert policy in set(pay[headers[-1]])
    if lang == "en":
        assert not pay[headers[-1]].str.contains(r"[\u4e00-\u9fff]").any()


def test_the_notes_name_fields_as_the_page_does(files, tmp_path, capsys):
    said = _run(files, tmp_path / "en", "en", capsys)
    assert "“统一社会信用代码” as Enterprise ID" in said and "“税收（万元）” as Tax (10k yuan)" in said, said
    assert "no consumption column “Water use (m³)”" in said, said
    assert "water_m3" not in said and " as ent_id" not in said, said
    assert "1 enterprise outside every zone" in said, said
    said = _run(files, tmp_path / "zh", "zh", capsys)
    assert "「统一社会信用代码」→ 企业编号" in said and "「用水量（立方米）」" in said, said
    assert "water_m3" not in said and "ent_id" not in said, said


def test_one_enterprise_outside_the_zones_is_said_in_the_singular():
    for key, params in (("eff.outside_zones", {"zones": "测试园区"}), ("eff.outside", {})):
        text = message(key, "en", n=1, ids="企业E09 (E09)", **params)
        assert text.startswith("1 enterprise lies ") and " are " not in text, text
        assert message(key, "en", n=2, ids="…", **params).startswith("2 enterprises lie ")

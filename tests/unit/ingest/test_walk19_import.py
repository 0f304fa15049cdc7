"""What the walk 19 met importing an enterprise list: the row-check summary left out an empty 用地, so
「其中 1 行不止一类问题」 undercounted (b1); the second firm under a shared credit code had its row
number in its id, another id after a corrected file or a re-import (b8)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo import ingest
from geo.cli import main
from geo.collect.codes import credit_check_char, org_check_char
from geo.ingest.columns import name_suffix
from geo.messages.notes import text_in


def _code(body: str) -> str:
    first17 = "91320509" + body + org_check_char(body)
    return first17 + credit_check_char(first17)


A = _code("MA1000A1")
HEADER = "企业名称,所属镇,用地面积（亩）,入库税收（万元）,开票销售（万元）,统一社会信用代码,经度,纬度\n"
# row 3 shares row 2's code under another name and sits on a round point; row 4 has no land and a
# malformed code: two rows each with two kinds of problem
FIRST = (
    f"震泽蚕丝被业有限公司,震泽镇,83.9,310.4,19021.7,{A},120.495242,30.916076\n"
    f"同里文旅制品有限公司,同里镇,6.0,40.0,900.0,{A},120.72,31.16\n"
    f"北厍纺织有限公司,黎里镇,,40.0,900.0,9132050971001855,120.781234,31.012345\n"
)
FILLER = "".join(  # firms enough that the code column, nearly all distinct, is proposed as the id
    f"吴江第{i}制造有限公司,,10,50,1000,{_code(f'MA1{i:05d}')},{120.6 + i / 137:.5f},{31 + i / 193:.5f}\n"
    for i in range(1, 19)
)


def _read(text: str, name: str = "吴江企业亩均_2025.csv") -> ingest.ImportResult:
    return ingest.read_upload(text.encode("utf-8"), name, kind="enterprises", frame="wgs84")


def test_the_summary_counts_every_warning_and_each_row_with_two():
    result = _read(HEADER + FIRST + FILLER)
    assert result.check_counts() == {
        "坐标为整数/过于整齐": 1,
        "统一社会信用代码有误或重复": 3,
        "数值为空或为零": 1,
    }
    assert result.summary().endswith(
        "（坐标为整数/过于整齐 1 行，统一社会信用代码有误或重复 3 行，数值为空或为零 1 行；"
        "其中 2 行不止一类问题）"
    )
    assert text_in(result.summary_note(), "en").endswith(
        "credit code malformed or repeated: 3 rows, a value empty or zero: 1 row; 2 rows have more than"
        " one of these)"
    )


def test_a_warning_of_no_named_check_is_counted_as_other():
    report = pd.DataFrame(
        {
            "row": [2, 2, 3],
            "level": ["warning", "warning", "error"],
            "field": "x",
            "problem": ["甲", "乙", "丙"],
        }
    )
    assert ingest.report.check_counts(report) == {"其他提醒": 1}


def test_the_second_firm_keeps_its_id_in_a_corrected_file_and_a_reimport(tmp_path: Path):
    second = f"{A}-{name_suffix('同里文旅制品有限公司')}"
    first = _read(HEADER + FIRST + FILLER)
    assert first.frame["ent_id"].tolist()[:2] == [A, second]
    # the corrected file: a row above it gone, so its row number moves; its id does not
    corrected = _read(
        HEADER + FIRST.splitlines(keepends=True)[0] + FIRST.splitlines(keepends=True)[1] + FILLER
    )
    assert corrected.frame["ent_id"].tolist()[:2] == [A, second]
    assert second in text_in(first.notes[-1], "zh") or any(second in text_in(n, "zh") for n in first.notes)
    # the exported layer read again: the same ids, and its 企业编号 is not taken for a malformed code
    table = tmp_path / "吴江企业亩均_2025.csv"
    table.write_text(HEADER + FIRST + FILLER, encoding="utf-8")
    store, out = tmp_path / "s.gpkg", tmp_path / "e.csv"
    given = ["--frame", "wgs84", "--source", "测试", "--accuracy", "real", "--store", str(store)]
    assert main(["import", str(table), *given]) == 0
    layer = ingest.list_user_layers(path=store)["layer"].iloc[0]
    assert main(["export", layer, "--out", str(out), "--store", str(store)]) == 0
    again = ingest.read_upload(out.read_bytes(), "e.csv", kind="enterprises", frame="wgs84")
    assert again.frame["ent_id"].tolist()[:2] == [A, second]
    malformed = [str(p) for p in again.report["problem"] if "格式不对" in str(p)]
    assert len(malformed) == 1, malformed  # row 4's own code only


def test_a_declared_park_layer_inside_a_district_is_not_said_to_be_off():
    # two small parks inside 吴江, in a GeoJSON (EPSG:4326 declared): along no district line
    parks = gpd.GeoDataFrame(
        {"名称": ["甲园", "乙园"]},
        geometry=[box(120.64, 31.15, 120.66, 31.17), box(120.70, 31.02, 120.72, 31.04)],
        crs="EPSG:4326",
    )
    found = ingest.inspect_upload(parks.to_json().encode(), "园区边界.geojson")
    assert found.proposed_frame() == "wgs84"
    zh, en = (text_in(found.frame_reason(), lang) for lang in ("zh", "en"))
    assert "没有明显吻合" not in zh and "相距约" not in zh, zh
    assert zh.startswith("边界不沿内置的区县/市界走（边界点离它们的距离中位数约 "), zh
    assert zh.endswith("无法据此分辨 WGS-84、GCJ-02、BD-09；按文件声明的坐标系 EPSG:4326 读取"), zh
    assert en.endswith(
        "cannot tell WGS-84, GCJ-02 and BD-09 apart; read in the coordinate system the file declares,"
        " EPSG:4326"
    ), en

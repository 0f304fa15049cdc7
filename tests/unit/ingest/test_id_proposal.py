"""The id column the importer proposes (企业编号, 分区编号): only one that can serve as ids, and the
numbering of rows without one said once (the walk of round 6: an empty 统一社会信用代码 proposed, then
25 warnings showing the invented U00002 as the "value given")."""

from __future__ import annotations

import io

import pandas as pd

from geo import ingest
from geo.ingest.report import FLAG_COLUMN

N = 6
LON = [120.6301, 120.6412, 120.6523, 120.6634, 120.6745, 120.6856]
LAT = [30.9101, 30.9212, 30.9323, 30.9434, 30.9545, 30.9656]


def _xlsx(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    return buf.getvalue()


def _firms(**columns) -> pd.DataFrame:
    base = {
        "企业名称": [f"盛泽{i}号纺织有限公司" for i in range(N)],
        "经度": LON,
        "纬度": LAT,
        "用地面积（亩）": [10.0] * N,
        "实缴税金（万元）": [50.0] * N,
        "主营业务收入（万元）": [900.0] * N,
    }
    return pd.DataFrame({**columns, **base})


def _read(table: pd.DataFrame, mapping=None) -> ingest.ImportResult:
    return ingest.read_upload(
        _xlsx(table),
        "名单.xlsx",
        kind="enterprises",
        frame="wgs84",
        lon_col="经度",
        lat_col="纬度",
        mapping=mapping,
    )


def test_an_empty_credit_code_column_is_not_proposed_and_numbering_is_said_once():
    table = _firms(统一社会信用代码=[None] * N)
    found = ingest.inspect_upload(_xlsx(table), "名单.xlsx", kind="enterprises")
    assert "ent_id" not in found.mapping and found.mapping["name"] == "企业名称"
    why = [n for n in found.notes if getattr(n, "key", "") == "ingest.note.id_not_proposed"]
    assert [n.text("zh") for n in why] == [
        "「统一社会信用代码」不宜作企业编号：6 行中 0 行有值、0 个不同值，未采用"
    ]
    assert why[0].text("en") == (
        "“统一社会信用代码” is not proposed as Enterprise ID: 0 of 6 rows filled, 0 distinct values"
    )

    result = _read(table, found.mapping)  # what the page reads with the proposal as it stands
    # 1…n in file order, not after the Excel rows (U00002…U00007: walk13 item 17)
    assert result.frame["ent_id"].tolist() == ["U00001", "U00002", "U00003", "U00004", "U00005", "U00006"]
    assert result.report.empty and result.count("warning") == 0  # not 6 warnings
    assert FLAG_COLUMN not in result.frame.columns  # and no row flagged for it
    said = [n.text("en") for n in result.notes if getattr(n, "key", "").startswith("ingest.note.ids")]
    assert said == ["No Enterprise ID column: the rows are numbered in file order (U00001 … U00006)"]


def test_an_empty_column_picked_as_the_id_is_said_once_too():
    table = _firms(统一社会信用代码=[None] * N)
    mapping = {**ingest.suggest_mapping(table.columns, "enterprises"), "ent_id": "统一社会信用代码"}
    result = _read(table, mapping)
    assert result.report.empty
    said = [n.text("zh") for n in result.notes if getattr(n, "key", "") == "ingest.note.id_column_empty"]
    assert said == ["「统一社会信用代码」列全为空：各行按文件中的顺序编为企业编号（U00001 … U00006）"]
    assert result.frame["ent_id"].iloc[0] == "U00001"


def test_a_mostly_empty_code_gives_way_to_a_filled_unique_id_column():
    codes = ["91320509MA1X00017N", None, None, None, None, None]  # 1 of 6 filled
    table = _firms(统一社会信用代码=codes, 企业编号=[f"SZ{i:03d}" for i in range(N)])
    found = ingest.inspect_upload(_xlsx(table), "名单.xlsx", kind="enterprises")
    assert found.mapping["ent_id"] == "企业编号"
    result = _read(table, found.mapping)
    assert result.frame["ent_id"].tolist() == [f"SZ{i:03d}" for i in range(N)] and result.report.empty


def test_a_repeating_column_is_no_id_but_a_few_blanks_in_a_real_one_are_numbered_row_by_row():
    # every row the same code (a town's code): no id at all
    table = _firms(企业代码=["320509"] * N)
    assert "ent_id" not in ingest.inspect_upload(_xlsx(table), "名单.xlsx", kind="enterprises").mapping

    # 5 of 6 filled and distinct: a real id column, its blank row numbered and reported as given
    # valid codes (GB 32100): the credit-code checks have nothing to say of them
    codes = [
        "91320509MA1X00009U",
        "91320509MA1X00017N",
        "91320509MA1X00025H",
        "91320509MA1X00033C",
        "91320509MA1X000417",
        "91320509MA1X0005XY",
    ]
    codes[3] = None
    table = _firms(统一社会信用代码=codes)
    found = ingest.inspect_upload(_xlsx(table), "名单.xlsx", kind="enterprises")
    assert found.mapping["ent_id"] == "统一社会信用代码"
    result = _read(table, found.mapping)
    assert result.report[["row", "level", "field", "value"]].values.tolist() == [
        [5, "warning", "统一社会信用代码", ""]  # the value given: empty, not the number invented
    ]
    assert result.report["problem"].iloc[0].text("en") == "The id is empty: numbered U00005 after the row"
    assert result.frame["ent_id"].iloc[3] == "U00005"


def test_ids_repeating_across_years_still_serve_as_ids():
    table = pd.concat(
        [_firms(企业编号=[f"SZ{i:03d}" for i in range(N)]).assign(年份=y) for y in (2021, 2022)]
    )
    found = ingest.inspect_upload(_xlsx(table), "名单.xlsx", kind="enterprises")
    assert found.mapping["ent_id"] == "企业编号" and found.mapping["year"] == "年份"


def test_zones_without_an_id_column_say_their_numbering_once(tmp_path):
    import geopandas as gpd
    import shapely

    parks = gpd.GeoDataFrame(
        {"名称": ["甲园", "乙园"], "编号": [None, None]},
        geometry=[shapely.box(120.60, 30.90, 120.62, 30.92), shapely.box(120.64, 30.90, 120.66, 30.92)],
        crs="EPSG:4326",
    )
    data = parks.to_json(drop_id=True).encode()
    found = ingest.inspect_upload(data, "园区.geojson", kind="zones")
    assert "zone_id" not in found.mapping
    result = ingest.read_upload(data, "园区.geojson", kind="zones", mapping=found.mapping)
    assert result.frame["zone_id"].tolist() == ["Z00001", "Z00002"] and result.report.empty
    said = [n.text("zh") for n in result.notes if getattr(n, "key", "") == "ingest.note.ids_numbered"]
    assert said == ["未指定分区编号列：各行按文件中的顺序编号（Z00001 … Z00002）"]


def test_rows_numbered_in_file_order_count_the_rows_kept_from_one():
    """Walk 13 item 17: 12 rows without an id column came out U00002…U00013 (the Excel rows). The
    rows kept are numbered 1…n in file order, a dropped row leaving no gap."""
    csv = (
        "企业名称,经度,纬度,用地面积（亩）,实缴税金（万元）,主营业务收入（万元）\n"
        "甲,120.63,30.91,10,50,900\n"
        "乙,120.64,30.92,abc,50,900\n"  # dropped: its land is no number
        "丁,120.66,30.94,10,50,900\n"
    ).encode()
    result = ingest.read_upload(
        csv, "名单.csv", kind="enterprises", frame="wgs84", lon_col="经度", lat_col="纬度"
    )
    assert result.frame.set_index("name")["ent_id"].to_dict() == {"甲": "U00001", "丁": "U00002"}
    said = [n.text("en") for n in result.notes if getattr(n, "key", "") == "ingest.note.ids_numbered"]
    assert said == ["No Enterprise ID column: the rows are numbered in file order (U00001 … U00002)"]

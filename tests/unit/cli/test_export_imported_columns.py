"""``geo.cli export`` of an imported WGS-84 point table (walk 12): one pair of coordinates under the
language's headers (it wrote 经度, 纬度, lon, lat; and 经度, 纬度, Longitude, Latitude under --lang en),
the file's columns and not the standard ones no row fills (工业增加值 … all empty in the CSV and the
XLSX, left out of the GeoJSON); a demo firm marked "(synthetic)" under --lang en."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from geo import ingest
from geo.cli import main

FIRMS = (
    "企业名称,所在镇（区）,所属行业,用地面积（亩）,实缴税金（万元）,销售收入（万元）,从业人员,是否规上,经度,纬度\n"
    "苏州锦绣丝绸有限公司二厂,吴江高新区（盛泽镇）,高端纺织,36.5,259.0,13720.1,393,否,120.650187,30.912333\n"
    "吴江盛泽天虹织造有限公司二厂,吴江高新区（盛泽镇）,高端纺织,135.5,4088.9,5787.7,195,是,120.653549,30.907346\n"
)
HEADS = {
    "zh": (
        ["经度", "纬度"],
        {"工业增加值（万元）", "综合能耗（吨标准煤）", "用电量（千瓦时）", "研发经费（万元）"},
    ),
    "en": (["Longitude", "Latitude"], {"Value added (10k yuan)", "Energy use (tce)", "Electricity (kWh)"}),
}
COORDINATE_WORDS = ("经度", "纬度", "Longitude", "Latitude", "lon", "lat")


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    table = tmp_path / "企业点位_2025.csv"
    table.write_text(FIRMS, encoding="utf-8-sig")
    args = ["import", str(table), "--name", "pts", "--kind", "enterprises", "--year", "2025"]
    assert main([*args, "--source", "区工信局", "--accuracy", "real", "--frame", "wgs84"]) == 0
    return path


def _coordinates(head: list[str]) -> list[str]:
    return [c for c in head if any(str(c).startswith(w) for w in COORDINATE_WORDS)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_imported_point_table_has_one_pair_of_coordinates_and_its_files_columns(store, tmp_path, lang):
    pair, never = HEADS[lang]
    out_csv, out_xlsx, out_json = tmp_path / "x.csv", tmp_path / "x.xlsx", tmp_path / "x.geojson"
    for out in (out_csv, out_xlsx, out_json):
        assert main(["--lang", lang, "export", "user_pts", "--out", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    sheet = openpyxl.load_workbook(out_xlsx).worksheets[0]
    xlsx = [[c.value for c in row] for row in sheet.iter_rows()]
    collection = json.loads(out_json.read_text(encoding="utf-8"))
    geojson = list(collection["features"][0]["properties"])
    for head in (rows[0], xlsx[0], geojson):
        assert _coordinates(head) == pair, head
        assert not never & set(head), head
    assert [float(v) for v in rows[1][rows[0].index(pair[0]) :][:2]] == [120.650187, 30.912333]
    assert "atlas_empty_columns" not in collection  # nothing left out that the tables write


def test_the_demo_enterprises_are_marked_synthetic_in_english(tmp_path):
    out = tmp_path / "e.csv"
    assert main(["--lang", "en", "export", "enterprises", "--where", "town=七都镇", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and all(r["Name"].endswith(" (synthetic)") and "合成" not in r["Name"] for r in rows)
    assert main(["export", "enterprises", "--where", "town=七都镇", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert all(r["企业名称"].endswith("（合成）") for r in rows)

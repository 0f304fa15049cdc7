"""The 数据管理 page's CSV and XLSX head an enterprise table's columns as its GeoJSON does (issue 23,
the walk: the XLSX had other headers than the GeoJSON): the official Chinese headers on the Chinese
page (用地面积（亩）, 税收（万元）, not land_mu or the tooltip's 用地（亩）), the catalogue's English
labels on the English page; for the built-in enterprises and for an imported table alike."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from geo import ingest
from geo.cli import main
from tests.fixtures.app import open_page

# An official-style enterprise table: its headers are the official ones (with units).
FIRMS = (
    "企业名称,统一社会信用代码,所在区镇,行业,用地面积（亩）,税收（万元）,"
    "销售收入（万元）,从业人员（人）,经度,纬度\n"
    "甲公司,91320509MA1XXXXX0X,盛泽镇,高端纺织,12.5,300,5000,40,120.6512,30.9034\n"
    "乙公司,91320509MA1YYYYY0Y,七都镇,光电通信,8,100,2000,20,120.4531,30.9612\n"
)
# what the GeoJSON adds to each feature, headed as the CSV and the XLSX head them
AROUND = {"图层", "数据来源", "数据精度", "导出日期", "Layer", "Data source", "Data accuracy", "Exported"}


@pytest.fixture
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    table = tmp_path / "firms.csv"
    table.write_text(FIRMS, encoding="utf-8")
    assert (
        main(
            [
                "import",
                str(table),
                "--kind",
                "enterprises",
                "--year",
                "2024",
                "--source",
                "区工信局",
                "--accuracy",
                "transcribed",
                "--frame",
                "wgs84",
            ]
        )
        == 0
    )
    return path


HEADED = ("geojson", "xlsx", "csv")  # the downloads compared (the PNG, HTML map and zip are not made)


def _downloads(lang: str, layer: str) -> dict[str, bytes]:
    """Extension -> the bytes of the data page's GeoJSON, XLSX and CSV with ``layer`` chosen alone
    (each made as its button's click makes it)."""
    from streamlit.delta_generator import DeltaGenerator

    got: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        if kwargs.get("key", "").startswith("export"):
            got[str(file_name).rsplit(".", 1)[-1]] = data
        return original(self, label, data, file_name, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(DeltaGenerator, "download_button", recording)
        at = open_page("pages/data.py", timeout=180, lang=lang)
        at.multiselect(key="export_layers").set_value([layer]).run()
        assert not at.exception, at.exception
    assert set(HEADED) <= set(got), sorted(got)
    return {ext: data() if callable(data) else data for ext, data in got.items() if ext in HEADED}


def _heads(files: dict[str, bytes]) -> tuple[list[str], list[str], list[str]]:
    """(GeoJSON properties, XLSX header, CSV header), each without what only that format adds: the
    tables keep the number columns no feature fills, which the GeoJSON leaves out and names
    (``atlas_empty_columns``: GDAL would type them as text)."""
    collection = json.loads(files["geojson"])
    geojson = [k for k in collection["features"][0]["properties"] if k not in AROUND]
    empty = set(collection.get("atlas_empty_columns", []))
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"])).worksheets[0]
    xlsx = [c.value for c in sheet[1]]
    head = next(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    assert empty <= set(xlsx) and empty <= set(head), (empty, xlsx)
    return geojson, [c for c in xlsx if c not in empty], [c for c in head if c not in empty]


def _layer(name: str) -> str:
    return next(n for n in ingest.list_user_layers()["layer"] if n.startswith(name))


@pytest.mark.parametrize("which", ["builtin", "imported"])
def test_the_chinese_xlsx_and_csv_say_what_the_geojson_says(user_store, which):
    layer = "enterprises" if which == "builtin" else _layer("user_enterprises")
    geojson, xlsx, head = _heads(_downloads("zh", layer))
    assert "用地面积（亩）" in geojson and "税收（万元）" in geojson and "企业名称" in geojson
    assert xlsx[: len(geojson)] == geojson, (xlsx, geojson)  # then 经度/纬度 of the points
    assert head[: len(geojson)] == geojson
    assert not {"land_mu", "tax_wan_yuan", "用地（亩）", "名称"} & set(xlsx)


@pytest.mark.parametrize("which", ["builtin", "imported"])
def test_the_english_files_head_the_same_columns_in_english(user_store, which):
    """The English GeoJSON's keys are the English XLSX's and CSV's headers (it said 用地面积（亩） on the
    English page: walk7 finding 3)."""
    layer = "enterprises" if which == "builtin" else _layer("user_enterprises")
    geojson, xlsx, head = _heads(_downloads("en", layer))
    assert xlsx[: len(geojson)] == geojson and xlsx == head[: len(xlsx)], (geojson, xlsx)
    assert {"Land (mu)", "Tax (10k yuan)", "Name", "Town"} <= set(geojson), geojson
    assert not {"用地面积（亩）", "税收（万元）", "企业名称", "land_mu", "name"} & set(geojson), geojson


@pytest.mark.parametrize(("lang", "pair"), [("zh", ["经度", "纬度"]), ("en", ["Longitude", "Latitude"])])
def test_an_imported_point_tables_files_have_one_pair_of_coordinates_and_its_columns(user_store, lang, pair):
    """Walk 12: the imported WGS-84 table's CSV and XLSX wrote its own 经度/纬度 beside the standard
    lon/lat (经度, 纬度, lon, lat; in English 经度, 纬度, Longitude, Latitude), and the standard columns
    its file never had, all empty (工业增加值 …), which its GeoJSON left out. Now: one pair, as the
    language heads it, holding the stored position; the file's columns only, in all three files."""
    files = _downloads(lang, _layer("user_enterprises"))
    collection = json.loads(files["geojson"])
    geojson = [k for k in collection["features"][0]["properties"] if k not in AROUND]
    xlsx = [c.value for c in openpyxl.load_workbook(io.BytesIO(files["xlsx"])).worksheets[0][1]]
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    never = (
        {"工业增加值（万元）", "综合能耗（吨标准煤）", "用电量（千瓦时）", "研发经费（万元）"}
        if lang == "zh"
        else {"Value added (10k yuan)", "Energy use (tce)", "Electricity (kWh)", "R&D spending (10k yuan)"}
    )
    for head in (geojson, xlsx, rows[0]):
        coordinates = [
            c for c in head if str(c).startswith(("经度", "纬度", "Longitude", "Latitude", "lon", "lat"))
        ]
        assert coordinates == pair, head
        assert not never & set(head), head
    assert "atlas_empty_columns" not in collection
    assert [float(v) for v in rows[1][rows[0].index(pair[0]) :][:2]] == [120.6512, 30.9034]

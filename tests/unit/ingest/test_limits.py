"""Bounded work for any upload: XLSX/KMZ/shapefile/CSV limits refuse before parsing, in Chinese."""

from __future__ import annotations

import struct

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.errors import DataValidationError
from geo.ingest import limits
from tests.fixtures import upload as fx


@pytest.mark.parametrize(
    ("make", "expected"),
    [(fx.shared_string_bomb, "共享字符串表"), (fx.empty_rows_xlsx, "行以上（含空行）")],
    ids=["shared-string-300MB", "million-empty-rows"],
)
def test_xlsx_bombs_are_refused_in_seconds_with_little_memory(tmp_path, make, expected):
    path = tmp_path / "企业.xlsx"
    path.write_bytes(make())
    assert path.stat().st_size < 400_000  # small on disk: the danger is in the expansion
    for args in (
        ("import", str(path), "--inspect"),
        ("import", str(path), "--kind", "enterprises", "--dry-run"),
    ):
        result, stderr = fx.measured_cli(*args)
        assert result["rc"] == 2
        assert "已拒绝（未解析）" in stderr and expected in stderr and "Traceback" not in stderr
        assert result["seconds"] < 5, result
        assert result["maxrss_mb"] < 1024, result


def test_the_shared_string_bomb_is_refused_by_its_declared_size():
    data = fx.shared_string_bomb()
    with pytest.raises(
        DataValidationError, match=r"共享字符串表「xl/sharedStrings.xml」解压后有 300 MB，超过上限 64 MB"
    ):
        ingest.inspect_upload(data, "炸弹.xlsx")


def test_sparse_row_numbers_count_as_rows_openpyxl_would_fill_in():
    row = b'<row r="900000"><c r="A900000" t="s"><v>0</v></c></row>'
    data = fx.xlsx(fx.sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', row), fx.shared_xml(b"x"))
    with pytest.raises(DataValidationError, match="工作表「企业」有 900,000 行以上"):
        limits.check_xlsx(data, "稀疏.xlsx")


def test_a_cell_far_to_the_right_is_refused_for_its_column():
    row = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="XFD1" t="s"><v>0</v></c></row>'
    data = fx.xlsx(fx.sheet_xml(row), fx.shared_xml(b"x"))
    with pytest.raises(DataValidationError, match="用到第 16,384 列，超过上限 500 列"):
        ingest.read_upload(data, "宽.xlsx")


def test_an_xlsx_part_with_a_dtd_is_refused():
    shared = [b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>']
    data = fx.xlsx(fx.sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared)
    with pytest.raises(DataValidationError, match="含有 DTD/实体声明"):
        ingest.inspect_upload(data, "实体.xlsx")


def test_an_ordinary_workbook_passes_the_limits_and_reads(tmp_path):
    frame = pd.DataFrame({"企业名称": [f"企业{i}" for i in range(300)], "经度": 120.6, "纬度": 31.1})
    path = tmp_path / "ok.xlsx"
    frame.to_excel(path, index=False, sheet_name="名单")
    data = path.read_bytes()
    limits.check_xlsx(data, "ok.xlsx")  # the first sheet
    limits.check_xlsx(data, "ok.xlsx", "名单")
    found = ingest.inspect_upload(data, "ok.xlsx")
    assert found.n_rows == 300 and found.lon_col == "经度"


def test_a_kmz_whose_kml_expands_past_the_limit_is_refused_unread():
    data = fx.kmz_bomb(200)
    assert len(data) < 1_000_000
    with pytest.raises(DataValidationError, match="「doc.kml」解压后有 200 MB，超过上限 128 MB"):
        ingest.inspect_upload(data, "园区.kmz")


def test_a_dbf_declaring_too_many_records_is_refused_before_gdal_reads_it():
    frame = gpd.GeoDataFrame({"name": ["甲"]}, geometry=[shapely.box(120.6, 31.1, 120.61, 31.11)], crs=4326)

    def many(dbf: bytes) -> bytes:
        return dbf[:4] + struct.pack("<I", 2_000_000) + dbf[8:]

    with pytest.raises(DataValidationError, match="有 2,000,000 行要素，超过上限 500,000 行"):
        ingest.inspect_upload(fx.shapefile_zip(frame, patch=many), "大.zip")


def test_a_csv_with_more_lines_than_records_allowed_is_refused_before_pandas():
    data = b"name,lon,lat\n" + b"a,120.6,31.1\n" * 502_000
    with pytest.raises(DataValidationError, match="有 502,001 行记录，超过上限 500,000 行"):
        ingest.inspect_upload(data, "长.csv")


def test_repeated_field_names_in_a_shapefile_get_a_message_not_a_traceback():
    data = fx.two_name_fields_zip()
    for kind in ("other", "zones"):
        with pytest.raises(DataValidationError, match="重名字段：「NAME」（2 次）"):
            ingest.read_upload(data, "重名.zip", kind=kind)

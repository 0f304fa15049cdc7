"""Nothing fixed silently: a table with longitude and latitude in each other's columns is a reported
repair whose attributes agree with the geometry; repeated column names in CSV/XLSX are refused as
they are in a .dbf."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from geo import ingest
from geo.errors import DataValidationError
from geo.spatial.crs import convert_coords
from tests.fixtures import upload as fx

# Three enterprises in 吴江 whose longitudes were typed into the 「lon」 column's neighbour.
LON = [120.601, 120.655, 120.485]
LAT = [30.963, 30.915, 31.005]
SWAPPED_CSV = ("name,lon,lat\n" + "".join(f"企业{i},{LAT[i]},{LON[i]}\n" for i in range(3))).encode()


def _xlsx(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    return buf.getvalue()


def _check_uncrossed(result, lon_col: str = "lon", lat_col: str = "lat") -> None:
    frame = result.frame
    assert list(frame[lon_col]) == LON and list(frame[lat_col]) == LAT  # attributes = geometry
    assert np.allclose(frame.geometry.x, LON) and np.allclose(frame.geometry.y, LAT)
    repaired = result.report[result.report["level"] == "repaired"]
    assert list(repaired["row"]) == [2, 3, 4]
    assert repaired["problem"].str.contains("经纬度填反了").all()
    assert list(repaired["value"]) == [f"{LAT[i]},{LON[i]}" for i in range(3)]  # as in the source
    assert "修复 3 行" in result.summary()
    assert any("两列内容已对调" in n for n in result.notes)


def test_a_swapped_csv_is_repaired_reported_and_its_columns_agree_with_the_points():
    _check_uncrossed(ingest.read_upload(SWAPPED_CSV, "颠倒.csv"))


def test_the_same_when_the_columns_were_chosen_as_the_inspection_proposed():
    found = ingest.inspect_upload(SWAPPED_CSV, "颠倒.csv")
    assert (found.lon_col, found.lat_col) == ("lat", "lon")
    result = ingest.read_upload(SWAPPED_CSV, "颠倒.csv", lon_col=found.lon_col, lat_col=found.lat_col)
    _check_uncrossed(result)


def test_a_swapped_xlsx_of_enterprises_is_repaired_too():
    table = pd.DataFrame(
        {"企业名称": ["甲", "乙", "丙"], "经度": LAT, "纬度": LON, "用地面积（亩）": 10.0}
        | {"税收（万元）": 50.0, "销售收入（万元）": 900.0}
    )
    result = ingest.read_upload(_xlsx(table), "企业.xlsx", kind="enterprises")
    assert np.allclose(result.frame.geometry.x, LON) and np.allclose(result.frame.geometry.y, LAT)
    assert (result.report["level"] == "repaired").sum() == 3
    assert "修复 3 行" in result.summary()


def test_a_swapped_gaode_table_keeps_its_source_values_under_marked_names():
    lon_g, lat_g = convert_coords(np.array(LON), np.array(LAT), src="wgs84", dst="gcj02")
    text = "name,lon,lat\n" + "".join(f"企业{i},{lat_g[i]},{lon_g[i]}\n" for i in range(3))
    result = ingest.read_upload(text.encode(), "高德.csv", frame="gcj02")
    frame = result.frame
    assert list(frame["lon_GCJ02"]) == list(lon_g) and list(frame["lat_GCJ02"]) == list(lat_g)
    assert np.allclose(frame.geometry.x, LON, atol=1e-5) and np.allclose(frame.geometry.y, LAT, atol=1e-5)
    assert "修复 3 行" in result.summary()


def test_an_ordinary_table_reports_no_repair():
    text = "name,lon,lat\n" + "".join(f"企业{i},{LON[i]},{LAT[i]}\n" for i in range(3))
    result = ingest.read_upload(text.encode(), "正常.csv")
    assert list(result.frame["lon"]) == LON and (result.report["level"] == "repaired").sum() == 0
    assert "修复 0 行" in result.summary()


@pytest.mark.parametrize("reader", ["inspect", "read"])
def test_repeated_column_names_in_a_csv_or_xlsx_are_refused_like_in_a_dbf(reader):
    csv = "name,lon,lat,lon\n甲,120.6,31.1,120.61\n".encode()
    frame = pd.DataFrame([["甲", 120.6, 31.1, 120.61]], columns=["name", "lon", "lat", "lon"])
    titled = ("苏州企业名单,,,\n,,,\n" + "名称, 经度,纬度,经度 \n甲,120.6,31.1,120.61\n").encode()
    call = ingest.inspect_upload if reader == "inspect" else ingest.read_upload
    for data, name, repeated in (
        (csv, "重名.csv", "lon"),
        (_xlsx(frame), "重名.xlsx", "lon"),
        (titled, "标题.csv", "经度"),  # header below a title row, spaces around the names
        (fx.two_name_fields_zip(), "重名.zip", "NAME"),  # the .dbf, for comparison
    ):
        with pytest.raises(DataValidationError, match=f"中有重名字段：「{repeated}」（2 次）") as info:
            call(data, name)
        assert info.value.hint == "请在 GIS 软件或 Excel 中把重名字段改成不同的名称后重新导出"


def test_blank_header_cells_are_not_repeated_names():
    csv = "name,lon,lat,,\n甲,120.6,31.1,,\n".encode()
    assert ingest.read_upload(csv, "空列.csv").frame["name"].tolist() == ["甲"]

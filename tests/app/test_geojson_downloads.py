"""The GeoJSON the pages hand out (issue 23 items 8 and 16, walk7 finding 3), read back as QGIS reads
it (GDAL via pyogrio): on every page one file per layer shown (a zip when several), each of one
geometry type, keyed by the headers on screen in the page's language (never the atlas's raw column
names), sources in that language, counts as integers; an outline layer marking some parcels is a
column of the parcels, not the parcels twice."""

from __future__ import annotations

import io
import re
import zipfile

import geopandas as gpd
import pyogrio
import pytest

from tests.fixtures.app import open_page


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _recorded_geojson(monkeypatch) -> dict[str, object]:
    """Record the data of every GeoJSON download button drawn: file name -> data (bytes or maker)."""
    from streamlit.delta_generator import DeltaGenerator

    seen: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        if str(file_name).endswith(("geojson", "_geojson.zip")):
            seen[str(file_name)] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return seen


def _zips(seen: dict[str, object]) -> list[str]:
    """The zipped GeoJSON of the page opened (the overview the app opens on has its own)."""
    return [n for n in seen if n.endswith("_geojson.zip") and not re.search("总览|overview", n, re.I)]


def _files(data) -> dict[str, bytes]:
    raw = data() if callable(data) else data
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _info(tmp_path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    return pyogrio.read_info(path)


def test_the_evaluation_pages_geojson_is_one_file_per_layer_headed_as_its_csv(tmp_path, monkeypatch):
    """One file per layer shown (区镇, classes, warnings), each of one geometry type, each enterprise
    once in a file (the classes and the warnings in one point file named 689 = 462 + 227 features,
    half of each column empty), its columns headed in the page's language as the CSV heads them."""
    seen = _recorded_geojson(monkeypatch)
    open_page("pages/efficiency.py", timeout=120)
    (zipped,) = _zips(seen)
    files = _files(seen[zipped])
    assert len(files) == 3, sorted(files)
    infos = {name: _info(tmp_path, name, data) for name, data in files.items()}
    kinds = sorted(str(info["geometry_type"]) for info in infos.values())
    assert kinds == ["Point", "Point", "Polygon"], kinds
    (zones,) = [info for info in infos.values() if info["geometry_type"] == "Polygon"]
    assert zones["features"] == 8  # Wujiang's 区镇
    points = [info for info in infos.values() if info["geometry_type"] == "Point"]
    classes = next(info for info in points if "综合得分（分）" in info["fields"].tolist())
    fields = classes["fields"].tolist()
    assert fields[:4] == ["企业编号", "企业名称", "区镇/园区", "行业"], fields  # as the CSV heads them
    assert not {"ent_id", "name", "industry", "score", "eval_class", "size_class"} & set(fields), fields
    assert "评价类别" in fields


# What no file a person is handed should be keyed by: the atlas's own column names.
RAW_KEYS = {
    "adcode",
    "name",
    "name_en",
    "kind",
    "town_id",
    "short_name",
    "seat_lon",
    "seat_lat",
    "zone_id",
    "area_km2",
    "area_mu",
    "key_industries",
    "industries",
    "focus",
    "focus_en",
    "level",
    "level_en",
    "county",
    "radius_km",
    "corridor_id",
    "mark",
    "far_min",
    "reasons_en",
    "verdict_en",
    "employees",
    "land_mu",
    "parcel_id",
    "ent_id",
    "town",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _read(tmp_path, files: dict[str, bytes]) -> dict[str, tuple[dict, gpd.GeoDataFrame]]:
    """File name -> (its pyogrio info, the frame QGIS's GDAL reads), each file checked to be one
    geometry type with no raw key."""
    out = {}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        info = pyogrio.read_info(path)
        frame = pyogrio.read_dataframe(path)
        assert info["geometry_type"] in {"Polygon", "MultiPolygon", "LineString", "MultiLineString", "Point"}
        assert frame.geom_type.nunique() == 1, (name, frame.geom_type.unique())
        assert not RAW_KEYS & set(frame.columns), (name, sorted(RAW_KEYS & set(frame.columns)))
        out[name] = (info, frame)
    return out


def _by_layer(read: dict, stem: str) -> dict[str, gpd.GeoDataFrame]:
    """Layer part of the file name -> its frame."""
    return {name[len(stem) + 1 : -len(".geojson")]: frame for name, (_, frame) in read.items()}


def test_the_data_pages_geojson_of_districts_towns_and_firms(tmp_path, monkeypatch, user_store):
    """One file per layer (it was one file per geometry type under the raw keys: adcode, town_id,
    short_name, seat_lat — walk7 finding 3), keyed as on screen, counts as integers."""
    seen = _recorded_geojson(monkeypatch)
    at = open_page("pages/data.py", timeout=120)
    at.multiselect(key="export_layers").set_value(["districts", "wujiang_towns", "enterprises"]).run()
    assert not at.exception
    (zipped,) = _zips(seen)
    read = _read(tmp_path, _files(seen[zipped]))
    layers = _by_layer(read, zipped[: -len("_geojson.zip")])
    assert sorted(layers) == ["县级行政区", "吴江企业（合成_按产业着色）", "吴江区镇（示意范围）"], sorted(
        layers
    )
    districts, towns = layers["县级行政区"], layers["吴江区镇（示意范围）"]
    firms = layers["吴江企业（合成_按产业着色）"]
    assert (len(districts), len(towns), len(firms)) == (9, 8, 16766)
    assert {"行政区划代码", "名称", "类型", "面积（km²）"} <= set(districts.columns), list(districts.columns)
    assert "320509" in set(districts["行政区划代码"].astype(str))  # a code, kept as written
    assert districts["数据来源"].str.contains("cnmaps").all()
    assert {"区镇编号", "区镇", "驻地经度"} <= set(towns.columns), list(towns.columns)
    info = next(i for n, (i, _) in read.items() if n.endswith("吴江企业（合成_按产业着色）.geojson"))
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields["从业人员（人）"] == "int32" and fields["用地面积（亩）"] == "float64"


def test_the_english_data_page_geojson_is_english(tmp_path, monkeypatch, user_store):
    """English keys, English names, kinds and sources: no Chinese in any key or in the data source."""
    seen = _recorded_geojson(monkeypatch)
    at = open_page("pages/data.py", timeout=120, lang="en")
    at.multiselect(key="export_layers").set_value(["districts", "wujiang_towns"]).run()
    assert not at.exception
    (zipped,) = _zips(seen)
    layers = _by_layer(_read(tmp_path, _files(seen[zipped])), zipped[: -len("_geojson.zip")])
    districts = next(f for n, f in layers.items() if n.startswith("District"))
    towns = next(f for n, f in layers.items() if n.startswith("Wujiang"))
    assert {"Adcode", "Name", "Kind"} <= set(districts.columns), list(districts.columns)
    assert set(districts["Kind"]) <= {"District", "County-level city"}, set(districts["Kind"])
    assert "Wuzhong District" in set(districts["Name"])
    for frame in (districts, towns):
        assert not [c for c in frame.columns if CJK.search(c)], list(frame.columns)
        assert not frame["Data source"].map(lambda v: bool(CJK.search(v))).any(), frame["Data source"][0]
    assert "Wujiang Development Zone" in set(towns["Town/zone"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_corridor_pages_geojson_is_one_file_per_layer_in_its_language(tmp_path, monkeypatch, lang):
    """两轴三带: belts, axes, development zones and districts each a file of one geometry type, keyed
    and worded in the page's language (key industries in English on the English page)."""
    seen = _recorded_geojson(monkeypatch)
    open_page("pages/corridors.py", timeout=120, lang=lang)
    (zipped,) = _zips(seen)
    read = _read(tmp_path, _files(seen[zipped]))
    kinds = sorted(str(info["geometry_type"]) for info, _ in read.values())
    assert "LineString" in kinds or "MultiLineString" in kinds, kinds
    assert len(read) >= 3, sorted(read)
    carried = "重点产业" if lang == "zh" else "Key industries"
    zones = [f for _, f in read.values() if any(c.startswith(carried) for c in f.columns)]
    assert zones, [list(f.columns) for _, f in read.values()]
    if lang == "en":
        for _, frame in read.values():
            assert not [c for c in frame.columns if CJK.search(c)], list(frame.columns)
            assert not frame["Data source"].map(lambda v: bool(CJK.search(v))).any(), frame["Data source"][0]
        for frame in zones:
            words = frame[[c for c in frame.columns if c.startswith(carried)]].astype(str).to_numpy().ravel()
            assert not [v for v in words if CJK.search(v)], words[:3]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_intensity_pages_geojson_marks_parcels_below_the_minimum_in_a_column(tmp_path, monkeypatch, lang):
    """用地强度: districts, 区镇 and the 17,695 parcels each a file, keyed as on screen; the 2,476
    parcels below the control minimum are a yes/no column of the parcels (and their minimums), not
    the same parcels again as extra features (walk7 finding 3)."""
    seen = _recorded_geojson(monkeypatch)
    open_page("pages/intensity.py", timeout=180, lang=lang)
    (zipped,) = _zips(seen)
    read = _read(tmp_path, _files(seen[zipped]))
    assert len(read) == 3, sorted(read)
    sizes = sorted(len(frame) for _, frame in read.values())
    assert sizes == [8, 9, 17695], sizes
    (parcels,) = [frame for _, frame in read.values() if len(frame) == 17695]
    mark, far_min, parcel_id, idle = (
        ("低于控制下限", "容积率下限", "宗地编号", "闲置")
        if lang == "zh"
        else ("Below the control minimum", "FAR minimum", "Parcel ID", "Idle")
    )
    yes, no = ("是", "否") if lang == "zh" else ("Yes", "No")
    assert parcels[mark].value_counts().to_dict() == {no: 17695 - 2476, yes: 2476}
    assert parcels[parcel_id].is_unique
    assert set(parcels[idle]) <= {yes, no}
    assert parcels.loc[parcels[mark] == yes, far_min].notna().all()
    assert parcels.loc[parcels[mark] == no, far_min].isna().all()

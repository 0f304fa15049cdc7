"""The GeoJSON the pages hand out (issue 23 items 8 and 16), read back as QGIS reads it (GDAL via
pyogrio): the data page's download of a mixed view is a zip of one file per geometry type, each of one
type, the enterprises under the official headers, counts as integers; the evaluation page's is one
file per layer, headed as its CSV."""

from __future__ import annotations

import io
import zipfile

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
    (zipped,) = [name for name in seen if name.endswith("_geojson.zip")]
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


def test_the_data_pages_geojson_of_districts_towns_and_firms(tmp_path, monkeypatch, user_store):
    seen = _recorded_geojson(monkeypatch)
    at = open_page("pages/data.py", timeout=120)
    at.multiselect(key="export_layers").set_value(["districts", "wujiang_towns", "enterprises"]).run()
    assert not at.exception
    (zipped,) = [name for name in seen if name.endswith("_geojson.zip")]
    files = _files(seen[zipped])
    infos = {name.rsplit("_", 1)[-1]: _info(tmp_path, name, data) for name, data in files.items()}
    assert infos["polygon.geojson"]["geometry_type"] == "MultiPolygon"  # polygons made multi beside them
    assert infos["polygon.geojson"]["features"] == 9 + 8
    assert infos["point.geojson"]["geometry_type"] == "Point"
    assert infos["point.geojson"]["features"] == 16766
    fields = dict(zip(infos["point.geojson"]["fields"], infos["point.geojson"]["dtypes"], strict=True))
    assert fields["从业人员（人）"] == "int32" and fields["用地面积（亩）"] == "float64"
    assert "employees" not in fields and "land_mu" not in fields

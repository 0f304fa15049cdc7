"""QGIS itself (Debian's python3-qgis, headless) opening what the atlas wrote: the layer styled from
its default style in ``layer_styles``, and an attribute edit committed through QGIS's own provider
on record in the change log — GeoPackage always, PostGIS with ``ATLAS_TEST_DATABASE_URL``.

Skipped where QGIS's Python bindings are not installed (``apt-get install python3-qgis``)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
import sqlalchemy as sa

from geo import ingest
from geo.storage.audit import audit_log
from geo.storage.outside_edits import GPKG_ACTOR
from tests.fixtures.postgis import postgis_schema

SYSTEM_PYTHON = Path("/usr/bin/python3")
HAS_QGIS = (
    SYSTEM_PYTHON.exists()
    and subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode == 0
)
pytestmark = pytest.mark.skipif(
    not HAS_QGIS, reason="QGIS's Python bindings (python3-qgis) are not installed"
)

# Runs in the system Python that has QGIS: open the layer, load its default style, rename fid 1.
_SCRIPT = r"""
import json, os, sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False); app.initQgis()
source, provider = sys.argv[1], sys.argv[2]
layer = QgsVectorLayer(source, "layer", provider)
message, loaded = layer.loadDefaultStyle()
symbol = layer.renderer().symbol()
layer.startEditing()
first = min(layer.getFeatures(), key=lambda f: f["fid"])  # as QGIS edits: a feature it has read
layer.changeAttributeValue(first.id(), layer.fields().indexOf("name"), "QGIS 改名")
committed = layer.commitChanges()
print(json.dumps({"valid": layer.isValid(), "count": layer.featureCount(), "styled": loaded,
                  "renderer": layer.renderer().type(), "color": symbol.color().name(),
                  "alpha": symbol.color().alpha(), "committed": committed,
                  "aliases": {f.name(): f.alias() for f in layer.fields() if f.alias()},
                  "errors": [] if committed else layer.commitErrors()}), flush=True)
os._exit(0)  # QGIS 3.22 may crash tearing down a provider at exit; everything is committed by now
"""


def _import(target) -> None:
    frame = gpd.GeoDataFrame(
        {"名称": ["甲园", "乙园"]},
        geometry=[shapely.box(120.64, 31.15, 120.65, 31.16), shapely.box(120.48, 30.96, 120.49, 30.97)],
        crs="EPSG:4326",
    )
    result = ingest.read_upload(
        frame.to_json().encode(), "parks.geojson", kind="zones", mapping={"name": "名称"}
    )
    ingest.save_import(result, name="gk", title="苏州区县", source="测试局", path=target, actor="张三")


def _qgis(source: str, provider: str, *, schema: str = "") -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    if schema:  # the test's schema first, as "public" is for a deployment (QGIS looks for layer_styles there)
        env["PGOPTIONS"] = f"-csearch_path={schema},public"
    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", _SCRIPT, source, provider], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _expected(seen: dict) -> None:
    assert seen == {
        "valid": True,
        "count": 2,
        "styled": True,
        "renderer": "singleSymbol",
        "color": "#d62728",  # the first import colour of the map
        "alpha": 64,  # 25 % fill
        "committed": True,
        "errors": [],
        # the headers people read, from gpkg_data_columns / the default style's aliases
        "aliases": {
            "zone_id": "区域编号",
            "name": "名称",
            "area_km2": "面积（km²）",
            "area_mu": "面积（亩）",
        },
    }


def test_qgis_opens_a_geopackage_layer_styled_and_its_edit_is_on_record(tmp_path):
    path = tmp_path / "user.gpkg"
    _import(path)
    _expected(_qgis(f"{path}|layername=user_gk", "ogr"))
    last = audit_log(store=path).iloc[0]
    assert (last["user_name"], last["action"], last["layer"], last["detail"]) == (
        GPKG_ACTOR,
        "feature_changed",
        "user_gk",
        "fid=1（QGIS 改名）；name：甲园 → QGIS 改名",
    )
    assert ingest.load_user_layer("user_gk", path=path)["name"].tolist() == ["QGIS 改名", "乙园"]


def test_qgis_opens_a_postgis_layer_styled_and_its_edit_is_on_record(tmp_path, monkeypatch):
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "none.gpkg"))
    with postgis_schema() as url:
        _import(url)
        parsed = sa.make_url(url.split("?")[0])
        schema = url.split("search_path%3D")[1].split(",")[0]
        source = (
            f"dbname='{parsed.database}' host={parsed.host} port={parsed.port} user='{parsed.username}'"
            f" password='{parsed.password}' key='fid' srid=4326 type=MultiPolygon"
            f' table="{schema}"."user_gk" (geometry)'
        )
        _expected(_qgis(source, "postgres", schema=schema))
        last = audit_log(store=url).iloc[0]
        assert (last["user_name"], last["action"], last["detail"]) == (
            parsed.username,
            "feature_changed",
            "fid=1（QGIS 改名）；name：甲园 → QGIS 改名",
        )

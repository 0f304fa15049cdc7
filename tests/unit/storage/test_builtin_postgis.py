"""The built-in layers read from the shared PostGIS (``$ATLAS_DATABASE_URL`` + ``load-demo``).

Runs against ``ATLAS_TEST_DATABASE_URL`` (``bash setup.sh test`` sets it by starting the project's
cluster; ``bash setup.sh postgis`` prints it), each module on a schema of its own.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from geo import ingest
from geo.cli import main as cli_main
from geo.errors import DataValidationError
from geo.storage.base import DATABASE_URL_ENV
from geo.storage.builtin import (
    DEFAULT_GPKG,
    builtin_stamp,
    layer_metadata,
    list_layers,
    load_layer,
    spatial_layers,
)
from tests.fixtures import APP
from tests.fixtures.postgis import postgis_schema

# layer_styles holds the QGIS styles (data/qgis.py): no layer of the atlas, not copied to PostGIS
DEMO_LAYERS = [str(name) for name, _ in pyogrio.list_layers(DEFAULT_GPKG) if name != "layer_styles"]


@pytest.fixture
def empty_db():
    """A PostgreSQL URL on a fresh, empty schema."""
    with postgis_schema() as scoped:
        yield scoped


@pytest.fixture(scope="module")
def loaded_db():
    """A PostgreSQL URL on a schema holding the demo, loaded by the CLI as a user would."""
    with postgis_schema() as scoped:
        assert cli_main(["load-demo", "--store", scoped, "--user", "测试员"]) == 0
        yield scoped


@pytest.mark.parametrize("name", DEMO_LAYERS)
def test_builtin_layers_from_postgis_equal_the_geopackage(name, loaded_db, monkeypatch):
    from_file = load_layer(name)  # ATLAS_DATABASE_URL unset: the demo GeoPackage, as today
    monkeypatch.setenv(DATABASE_URL_ENV, loaded_db)
    from_db = load_layer(name)
    assert type(from_db) is type(from_file)
    assert list(from_db.columns) == list(from_file.columns)
    assert dict(from_db.dtypes.astype(str)) == dict(from_file.dtypes.astype(str))
    if isinstance(from_file, gpd.GeoDataFrame):
        assert from_db.crs.to_epsg() == 4326
        assert from_db.geometry.name == from_file.geometry.name
        assert from_db.geom_equals_exact(from_file, tolerance=0).all()
        pd.testing.assert_frame_equal(
            pd.DataFrame(from_db.drop(columns="geometry")), pd.DataFrame(from_file.drop(columns="geometry"))
        )
    else:
        pd.testing.assert_frame_equal(from_db, from_file)


def test_layer_lists_metadata_and_stamp_come_from_postgis(loaded_db, monkeypatch):
    file_spatial = spatial_layers()
    file_meta = layer_metadata()
    monkeypatch.setenv(DATABASE_URL_ENV, loaded_db)
    assert sorted(list_layers()) == sorted(DEMO_LAYERS)
    assert sorted(spatial_layers()) == sorted(file_spatial)
    assert "enterprises" in spatial_layers() and "layer_metadata" not in spatial_layers()
    pd.testing.assert_frame_equal(layer_metadata().sort_index(), file_meta.sort_index())
    where, stamp = builtin_stamp()
    assert where.startswith("postgresql") and "***" in where  # the password is not shown
    # any committed write (here a recorded change) moves the stamp, so the pages' caches refresh
    from geo.storage.audit import Change
    from geo.storage.base import open_store

    open_store(loaded_db).record(Change(action="config_saved", user="测试员", detail="stamp test"))
    assert builtin_stamp()[1] != stamp and int(builtin_stamp()[1]) == int(stamp) + 1


def test_selected_postgis_without_the_demo_says_so(empty_db, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, empty_db)
    for read in (lambda: load_layer("districts"), list_layers, layer_metadata):
        with pytest.raises(DataValidationError) as err:
            read()
        assert "还没有载入内置图层" in str(err.value)
        assert "python -m geo.cli load-demo" in err.value.hint
    # it does not quietly fall back to the file: the error names the database
    assert "postgresql" in str(err.value) and "atlas.gpkg" not in str(err.value)


def test_an_unknown_builtin_layer_in_postgis_lists_the_loaded_ones(loaded_db, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV, loaded_db)
    with pytest.raises(DataValidationError) as err:
        load_layer("no_such_layer")
    assert "没有内置图层「no_such_layer」" in str(err.value) and "districts" in err.value.hint


def test_the_bundled_places_of_the_cli_come_from_postgis(loaded_db, empty_db, monkeypatch):
    """Locating rows by 区县/区镇 name (import and CLI evaluate) uses the bundled places: from PostGIS."""
    from geo.ingest.places import bundled

    from_file = bundled().towns.names
    monkeypatch.setenv(DATABASE_URL_ENV, loaded_db)
    assert bundled().towns.names == from_file and len(from_file) == 8
    monkeypatch.setenv(DATABASE_URL_ENV, empty_db)
    with pytest.raises(DataValidationError, match="还没有载入内置图层"):
        bundled()


LONG_A = "二〇二三年度规模以上工业企业单位用地面积税收贡献（万元每亩）"  # 30 characters, 90 bytes
LONG_B = "二〇二三年度规模以上工业企业单位用地面积税收贡献（万元每亩）修正值"  # the same first 63 bytes


def test_long_chinese_column_names_survive_postgis(empty_db):
    assert len(LONG_A.encode()) > 63 and LONG_A.encode()[:63] == LONG_B.encode()[:63]
    frame = gpd.GeoDataFrame(
        {"名称": ["甲", "乙"], LONG_A: [12.5, 30.0], LONG_B: [1, 2]},
        geometry=[shapely.box(120.60, 31.10, 120.62, 31.12), shapely.box(120.63, 31.10, 120.65, 31.12)],
        crs="EPSG:4326",
    )
    result = ingest.read_upload(
        frame.to_json().encode(), "长字段.geojson", kind="zones", mapping={"name": "名称"}
    )
    ingest.save_import(result, name="long", title="长字段", source="测试", path=empty_db, actor="测试员")
    back = ingest.load_user_layer("user_long", path=empty_db)
    assert LONG_A in back.columns and LONG_B in back.columns
    assert back[LONG_A].tolist() == [12.5, 30.0] and back[LONG_B].tolist() == [1, 2]
    # stored under short names, the originals kept beside them
    import sqlalchemy as sa

    from geo.storage import postgis

    store = postgis.PostGISStore(empty_db)
    with store.engine.connect() as conn:
        stored = [c["name"] for c in sa.inspect(conn).get_columns("user_long", schema=store._schema(conn))]
        kept = dict(conn.execute(sa.text("SELECT stored_name, original_name FROM atlas_columns")).all())
    assert all(len(name.encode()) <= 63 for name in stored) and LONG_A not in stored
    assert {kept[s] for s in stored if s in kept} >= {LONG_A, LONG_B, "name"}


def test_long_column_names_of_a_loaded_gpkg_come_back(empty_db, tmp_path, monkeypatch):
    gpkg = tmp_path / "long.gpkg"
    table = pyogrio.read_dataframe(DEFAULT_GPKG, layer="layer_metadata")
    table[LONG_A] = "甲"
    table[LONG_B] = ""
    pyogrio.write_dataframe(table, gpkg, layer="layer_metadata", driver="GPKG")
    assert cli_main(["load-demo", "--store", empty_db, "--gpkg", str(gpkg), "--user", "测试员"]) == 0
    monkeypatch.setenv(DATABASE_URL_ENV, empty_db)
    back = load_layer("layer_metadata")
    assert list(back.columns)[-2:] == [LONG_A, LONG_B]
    pd.testing.assert_frame_equal(back, table)  # "" stays "", not NULL


def test_stored_column_names_are_short_unique_and_keep_safe_names():
    from geo.storage.postgis import stored_column_names

    names = ["名称", LONG_A, LONG_B, "tab\there", "geometry"]
    stored = stored_column_names(names)
    assert stored[0] == "名称" and stored[4] == "geometry"
    assert stored[1].startswith("c1_") and stored[2].startswith("c2_") and stored[3].startswith("c3_")
    assert len(set(stored)) == 5 and all(len(s.encode()) <= 63 for s in stored)


def test_overview_page_runs_on_postgis(loaded_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv(DATABASE_URL_ENV, loaded_db)
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["县级行政区"] == "9"
    assert metrics["吴江区镇"] == "8"
    assert metrics["吴江企业（合成）"] == "16,766"
    assert metrics["全市面积"] == "8,631 km²"


def test_overview_page_on_postgis_without_the_demo_shows_the_hint(empty_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv(DATABASE_URL_ENV, empty_db)
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "还没有载入内置图层" in shown and "load-demo" in shown


def test_load_demo_leaves_each_table_described_and_styled_for_qgis(loaded_db):
    """No separate ``python -m layers.qgis_styles --store`` run: QGIS finds each demo table's title
    and provenance (its comment) and the legend's colours (its default style) after load-demo."""
    import sqlalchemy as sa

    from geo.storage.styles import qgis_color
    from layers import REGISTRY

    engine = sa.create_engine(loaded_db.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        comments = dict(
            conn.exec_driver_sql(
                "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c"
                " WHERE c.relnamespace = current_schema()::regnamespace AND starts_with(c.relname, 'demo_')"
                " AND c.relkind = 'r'"
            ).all()
        )
        defaults = dict(
            conn.exec_driver_sql(
                "SELECT f_table_name, stylename || '|' || f_geometry_column || '|' || styleqml::text"
                " FROM layer_styles WHERE useasdefault AND f_table_schema = current_schema()"
            ).all()
        )
    engine.dispose()
    assert comments["demo_districts"].startswith("县级行政区；")
    assert "精度：真实" in comments["demo_districts"] and "精度：合成" in comments["demo_enterprises"]
    assert sorted(t for t, c in comments.items() if not c) == []
    assert set(defaults) == {f"demo_{la.source}" for la in REGISTRY.values()}
    name, column, qml = defaults["demo_districts"].split("|", 2)
    assert (name, column) == (REGISTRY["districts"].title_zh, "geometry")
    assert f'"{qgis_color(REGISTRY["districts"].color)}"' in qml
    assert defaults["demo_wujiang_towns"].startswith(REGISTRY["wujiang_towns"].title_zh + "|")

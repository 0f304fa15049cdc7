"""The user store on both backends (embedded GeoPackage, shared PostGIS): one suite, parametrised.

Concurrency is tested with real processes (the in-process lock of old lost layers to a second
process), and durability with ``kill -9`` at several moments of a large write.

PostGIS runs when ``ATLAS_TEST_DATABASE_URL`` is set (``bash setup.sh postgis`` prints the URL;
``.ci/run`` starts the database and sets it). Each test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from geo import ingest
from geo.errors import DataValidationError
from geo.storage import audit
from geo.storage.base import DATABASE_URL_ENV, open_store
from geo.storage.gpkg import GpkgStore
from tests.fixtures.postgis import postgis_schema
from tests.fixtures.writers import exit_code, start_writers

# Three parks in Wujiang, WGS-84 (small squares around real seats; hand-made for the tests).
SEATS = [(120.645, 31.155), (120.655, 30.915), (120.485, 30.965)]


@cache
def _parks_json(n_copies: int = 1) -> bytes:
    """``n_copies`` of the three parks as GeoJSON (made once per size: 4,000 copies take seconds)."""
    polys, names = [], []
    for k in range(n_copies):
        for i, (x, y) in enumerate(SEATS):
            d = 0.0001 * (k % 50)
            polys.append(shapely.box(x - 0.01 + d, y - 0.008, x + 0.01 + d, y + 0.008))
            names.append(f"园区{k}-{i}")
    return gpd.GeoDataFrame({"名称": names}, geometry=polys, crs="EPSG:4326").to_json().encode()


def _import(target: str, name: str, data: bytes, *, user: str = "测试员") -> ingest.ImportResult:
    result = ingest.read_upload(data, f"{name}.geojson", kind="zones", mapping={"name": "名称"})
    ingest.save_import(result, name=name, title=f"{name} 园区", source="测试局", path=target, actor=user)
    return result


@pytest.fixture(params=["gpkg", "postgis"])
def target(request, tmp_path) -> str:
    """A fresh, empty user store: a GeoPackage path, or a PostgreSQL URL on a schema of its own."""
    if request.param == "gpkg":
        yield str(tmp_path / "user" / "atlas_user.gpkg")
        return
    with postgis_schema() as scoped:
        yield scoped


def _layers(target: str) -> list[str]:
    return sorted(ingest.list_user_layers(path=target)["layer"])


def _actions(target: str) -> list[tuple[str, str, str]]:
    log = audit.audit_log(store=target)
    return [(r.action, r.layer, r.user_name) for r in log.itertuples()][::-1]  # oldest first


# ---- the same behaviour on both backends ---------------------------------------------------------


def test_import_replace_delete_and_the_audit_trail(target):
    first = _import(target, "parks", _parks_json(), user="张三")
    assert _layers(target) == ["user_parks"]
    assert ingest.load_user_layer("user_parks", path=target)["name"].tolist() == [
        "园区0-0",
        "园区0-1",
        "园区0-2",
    ]
    _import(target, "parks", _parks_json(2), user="李四")  # same name: a replacement
    assert len(ingest.load_user_layer("user_parks", path=target)) == 6
    meta = ingest.list_user_layers(path=target)
    assert meta.loc[0, "rows_out"] == 6 and meta.loc[0, "title_zh"] == "parks 园区"
    removed = ingest.delete_user_layer("user_parks", path=target, actor="王五")
    assert removed["title_zh"] == "parks 园区"
    assert _layers(target) == []
    with pytest.raises(DataValidationError, match="没有名为「user_parks」的导入图层"):
        ingest.load_user_layer("user_parks", path=target)
    # the trail outlives the layer: who, what, which file (sha256), rows in and out
    assert _actions(target) == [
        ("import", "user_parks", "张三"),
        ("replace", "user_parks", "李四"),
        ("delete", "user_parks", "王五"),
    ]
    log = audit.audit_log(store=target)
    imported = log.iloc[-1]
    assert imported["file_name"] == "parks.geojson" and imported["sha256"] == first.sha256
    assert (imported["rows_in"], imported["rows_out"]) == (3, 3)
    deleted = log.iloc[0]
    assert deleted["title"] == "parks 园区" and deleted["rows_out"] == 6  # filled from the removed row
    assert all(str(at).endswith("+00:00") for at in log["at_utc"])


def test_delete_of_a_missing_layer_is_refused_and_not_recorded(target):
    _import(target, "parks", _parks_json())
    with pytest.raises(DataValidationError, match="没有名为「user_nope」的导入图层"):
        ingest.delete_user_layer("user_nope", path=target)
    assert _actions(target) == [("import", "user_parks", "测试员")]


def test_metadata_change_and_recorded_changes(target):
    _import(target, "parks", _parks_json())
    ingest.update_user_layer("user_parks", {"source": "市自然资源局 2025"}, path=target, actor="张三")
    assert ingest.list_user_layers(path=target).loc[0, "source"] == "市自然资源局 2025"
    audit.record_change("config_saved", user="李四", detail="official.yaml", store=target)
    log = audit.audit_log(store=target)
    assert log.loc[0, ["action", "user_name", "detail"]].tolist() == ["config_saved", "李四", "official.yaml"]
    assert log.loc[1, ["action", "layer"]].tolist() == ["metadata", "user_parks"]
    with pytest.raises(DataValidationError, match="未知的变更类型"):
        audit.record_change("rename", user="李四", store=target)
    with pytest.raises(DataValidationError, match="没有名为「user_nope」"):
        ingest.update_user_layer("user_nope", {"source": "x"}, path=target)
    assert len(audit.audit_log(store=target)) == 3


def test_stamp_changes_with_every_write(target):
    stamps = [open_store(target).stamp()]
    _import(target, "a", _parks_json())
    stamps.append(open_store(target).stamp())
    ingest.delete_user_layer("user_a", path=target)
    stamps.append(open_store(target).stamp())
    assert len(set(stamps)) == 3


# ---- processes at once ----------------------------------------------------------------------------

_STARTED: list = []


@pytest.fixture(autouse=True)
def _no_writer_outlives_its_test():
    """A test that fails (or is interrupted) midway leaves no writer process behind."""
    yield
    while _STARTED:
        proc = _STARTED.pop()
        if proc.is_alive():
            proc.kill()
            proc.join(30)


def _start(jobs: list[dict], tmp_path: Path) -> list:
    """Start one writer process per job (tests/fixtures/writers.py); each reads its file, says it
    is ready, then waits for the go, given to all at once."""
    return start_writers(jobs, tmp_path, started=_STARTED)


def test_eight_processes_importing_at_once_keep_all_eight(target, tmp_path):
    data = tmp_path / "parks.geojson"
    data.write_bytes(_parks_json())
    jobs = [
        {"op": "import", "name": f"p{i}", "user": f"用户{i}", "target": target, "data": str(data)}
        for i in range(8)
    ]
    procs = _start(jobs, tmp_path)
    assert [exit_code(p, timeout_s=300) for p in procs] == [0] * 8
    names = [f"user_p{i}" for i in range(8)]
    assert _layers(target) == names
    for name in names:
        assert len(ingest.load_user_layer(name, path=target)) == 3  # each layer with its provenance row
    assert sorted(a for a in _actions(target)) == sorted(
        ("import", n, f"用户{i}") for i, n in enumerate(names)
    )


def test_import_during_delete(target, tmp_path):
    data = tmp_path / "parks.geojson"
    data.write_bytes(_parks_json())
    for rnd in range(3):
        _import(target, f"old{rnd}", _parks_json())
        jobs = [
            {"op": "delete", "name": f"user_old{rnd}", "user": "浏览器", "target": target},
            {"op": "import", "name": f"new{rnd}", "user": "命令行", "target": target, "data": str(data)},
        ]
        procs = _start(jobs, tmp_path)
        assert [exit_code(p, timeout_s=300) for p in procs] == [0, 0]
    assert _layers(target) == ["user_new0", "user_new1", "user_new2"]
    for rnd in range(3):
        assert len(ingest.load_user_layer(f"user_new{rnd}", path=target)) == 3
    assert [a for a, *_ in _actions(target)].count("delete") == 3


# ---- kill -9 mid-write ----------------------------------------------------------------------------


def _integrity(target: str) -> None:
    if "://" in target:
        return
    con = sqlite3.connect(target)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def _state(target: str) -> tuple:
    meta = ingest.list_user_layers(path=target)
    rows = {name: len(ingest.load_user_layer(name, path=target)) for name in meta["layer"]}
    return tuple(sorted(rows.items())), len(audit.audit_log(store=target))


@cache
def _big_upload(name: str) -> ingest.ImportResult:
    """12,000 parks read as ``<name>.geojson``: a write of about a second. Read once per name for both
    stores (the writers get a pickled copy, never this one) and handed to each writer, which writes it."""
    return ingest.read_upload(_parks_json(4000), f"{name}.geojson", kind="zones", mapping={"name": "名称"})


@pytest.mark.parametrize("op", ["new", "replace"])
def test_a_writer_killed_mid_write_leaves_the_store_as_it_was(target, tmp_path, op):
    _import(target, "kept", _parks_json())
    name = "kept" if op == "replace" else "big"
    big = _big_upload(name)
    outcomes = []
    for delay in (0.0, 0.1, 0.3, 0.6, 1.2):
        before = _state(target)
        job = {"op": "import", "name": name, "user": "将被杀", "target": target, "result": big}
        jobs = [job]
        (proc,) = _start(jobs, tmp_path)
        time.sleep(delay)
        proc.kill()  # SIGKILL (a writer that already finished has committed)
        proc.join(60)
        after = _state(target)  # the store opens and reads
        _integrity(target)
        if after == before:
            outcomes.append("as it was")
        else:  # the kill came after the commit: the whole change, never a part of it
            layers = dict(after[0])
            assert layers[f"user_{name}"] == 12_000 and after[1] == before[1] + 1
            outcomes.append("committed")
        if "://" not in target:
            files = sorted(p.name for p in Path(target).parent.iterdir())
            assert files == ["atlas_user.gpkg", "atlas_user.gpkg.lock"], files  # no temporary files
        if op == "new" and outcomes[-1] == "committed":
            ingest.delete_user_layer("user_big", path=target)
    assert "as it was" in outcomes  # at least one kill landed mid-write
    # the store still takes writes afterwards, and nothing a killed writer left is visible
    _import(target, "after", _parks_json())
    assert "user_after" in _layers(target)
    if "://" not in target:
        tables = {str(n) for n, _ in pyogrio.list_layers(target)}
        named = set(ingest.list_user_layers(path=target)["layer"])
        assert {t for t in tables if t.startswith("user_")} == {
            str(t) for t in open_store(target).list_metadata()["table_name"]
        } and named <= {t.split("__")[0] for t in tables}
    print(f"kill -9 ({op}) at 0/100/300/600/1200 ms:", outcomes)


# ---- the GeoPackage file itself -----------------------------------------------------------------


def test_gpkg_store_keeps_its_file_mode(tmp_path):
    target = str(tmp_path / "user" / "atlas_user.gpkg")
    _import(target, "a", _parks_json())
    os.chmod(target, 0o640)
    _import(target, "b", _parks_json())
    _import(target, "a", _parks_json(2))
    ingest.delete_user_layer("user_b", path=target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in Path(target).parent.iterdir()) == [
        "atlas_user.gpkg",
        "atlas_user.gpkg.lock",
    ]


def test_gpkg_tables_left_by_a_killed_writer_are_dropped_by_the_next(tmp_path):
    target = tmp_path / "atlas_user.gpkg"
    _import(str(target), "a", _parks_json())
    stray = gpd.GeoDataFrame({"x": [1]}, geometry=[shapely.box(120, 31, 120.1, 31.1)], crs="EPSG:4326")
    pyogrio.write_dataframe(stray, target, layer="user_half_written", driver="GPKG")
    assert _layers(str(target)) == ["user_a"]  # never visible: no provenance row names it
    _import(str(target), "b", _parks_json())
    tables = sorted(str(n) for n, _ in pyogrio.list_layers(target))
    assert tables == ["atlas_audit", "layer_metadata", "layer_styles", "user_a", "user_b"]


def test_an_old_store_without_table_names_still_reads_and_takes_writes(tmp_path):
    """Stores written before the audit table: provenance rows without ``table_name``, no audit table."""
    target = tmp_path / "atlas_user.gpkg"
    parks = ingest.read_upload(_parks_json(), "old.geojson", kind="zones", mapping={"name": "名称"})
    pyogrio.write_dataframe(parks.frame, target, layer="user_old", driver="GPKG")
    row = {c: "" for c in ingest.METADATA_COLUMNS} | {"layer": "user_old", "title_zh": "旧", "kind": "zones"}
    row |= {c: 3 for c in ("rows_in", "rows_out", "rows_failed", "rows_repaired", "rows_flagged")}
    pyogrio.write_dataframe(pd.DataFrame([row]), target, layer="layer_metadata", driver="GPKG")
    assert _layers(str(target)) == ["user_old"]
    assert len(ingest.load_user_layer("user_old", path=target)) == 3
    _import(str(target), "new", _parks_json())
    assert _layers(str(target)) == ["user_new", "user_old"]
    ingest.delete_user_layer("user_old", path=target)
    assert _layers(str(target)) == ["user_new"]
    assert [a for a, *_ in _actions(str(target))] == ["import", "delete"]


def test_open_store_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "u.gpkg"))
    store = open_store()
    assert isinstance(store, GpkgStore) and store.path == tmp_path / "u.gpkg"
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://atlas:secret@127.0.0.1:1/atlas")
    store = open_store()
    assert store.kind == "postgis" and "secret" not in store.location
    with pytest.raises(DataValidationError, match="不支持的存储地址"):
        open_store("mysql://x@y/z")

"""The 盘活 status log and the named evaluation configurations as tables of the selected store, on
both backends: who is recorded (the actor, never a typed name), the change log written with them,
old data (YAML files, a log in the embedded GeoPackage) imported exactly once, and writers of
several processes at once losing nothing.

PostGIS runs when ``ATLAS_TEST_DATABASE_URL`` is set (see tests/unit/storage/test_user_store.py)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import yaml

from geo.errors import DataValidationError
from geo.evaluation import default_config
from geo.evaluation import named as EC
from geo.land import renewal
from geo.storage import audit
from geo.storage.base import DATABASE_URL_ENV, USER_GPKG_ENV
from tests.fixtures import ROOT
from tests.fixtures.postgis import postgis_schema


@pytest.fixture(params=["gpkg", "postgis"])
def target(request, tmp_path, monkeypatch) -> str:
    """A fresh, empty store; the embedded GeoPackage of an older install (where PostGIS finds old
    data) is a file of this test's own."""
    monkeypatch.setenv(USER_GPKG_ENV, str(tmp_path / "legacy" / "atlas_user.gpkg"))
    if request.param == "gpkg":
        yield str(tmp_path / "user" / "atlas_user.gpkg")
        return
    with postgis_schema() as scoped:
        yield scoped


def _legacy_dir(target: str, tmp_path: Path) -> Path:
    """Where an older atlas kept its files for this store."""
    return (tmp_path / "legacy") if "://" in target else Path(target).parent


def _config(multiple: float) -> dict:
    raw = dict(default_config().to_dict())
    raw["benchmark"] = {**raw["benchmark"], "multiple": multiple}
    return raw


def _audit(target: str) -> list[tuple[str, str, str]]:
    log = audit.audit_log(store=target)
    return [(r.action, r.user_name, r.title) for r in log.itertuples()][::-1]  # oldest first


# ---- the 盘活 log ------------------------------------------------------------------------------


def test_a_status_change_is_recorded_for_the_actor_and_a_typed_name_is_only_a_note(target):
    row = renewal.record_status(
        "P7",
        "处置中",
        method="工业上楼",
        status_date="2026-03-02",
        who="李四",
        note="已约谈",
        actor="张三",
        path=target,
    )
    assert (row["changed_by"], row["typed_by"]) == ("张三", "李四")
    log = renewal.load_log(path=target)
    assert log[["parcel_id", "old_status", "status", "changed_by", "typed_by", "note"]].values.tolist() == [
        ["P7", "已认定", "处置中", "张三", "李四", "已约谈"]
    ]
    entry = audit.audit_log(store=target).iloc[0]
    assert (entry["action"], entry["user_name"], entry["layer"]) == (
        "status_changed",
        "张三",
        "parcel_renewal_log",
    )
    assert entry["detail"] == "P7：已认定 → 处置中（工业上楼，2026-03-02）；填写的修改人：李四"
    # The next change of the parcel chains from the stored one.
    renewal.record_status(
        "P7", "已盘活", method="工业上楼", status_date="2026-09-30", actor="王五", path=target
    )
    log = renewal.load_log(path=target)
    assert log[["old_status", "status", "changed_by", "typed_by"]].values.tolist() == [
        ["已认定", "处置中", "张三", "李四"],
        ["处置中", "已盘活", "王五", ""],
    ]
    # No identity, no change: nothing written to the log or the change log.
    for actor in ("", "  "):
        with pytest.raises(DataValidationError, match="没有登录身份"):
            renewal.record_status(
                "P7", "已认定", status_date="2026-10-01", who="李四", actor=actor, path=target
            )
    assert len(renewal.load_log(path=target)) == 2
    assert [a for a, *_ in _audit(target)] == ["status_changed", "status_changed"]


def test_an_empty_store_has_an_empty_log_and_reading_it_writes_nothing(target, tmp_path):
    log = renewal.load_log(path=target)
    assert list(log.columns) == list(renewal.LOG_COLUMNS) and len(log) == 0
    assert EC.list_named_configs(store=target) == []
    if "://" not in target:
        assert not Path(target).exists()  # a viewer's visit does not create the store
    assert len(audit.audit_log(store=target)) == 0


# ---- named configurations ---------------------------------------------------------------------


def test_configurations_saved_replaced_made_official_and_deleted_with_their_change_log(target):
    EC.save_named_config("倍数三", _config(3.0), actor="张三", store=target)
    EC.save_named_config("倍数三", _config(3.5), actor="李四", store=target)  # same name: replaced
    EC.save_named_config("2025 公示版", _config(2.5), official=True, actor="张三", store=target)
    EC.save_named_config("2026 公示版", _config(2.2), official=True, actor="王五", store=target)
    saved = EC.list_named_configs(store=target)
    assert [(c.name, c.official, c.config["benchmark"]["multiple"], c.saved_by) for c in saved] == [
        ("2026 公示版", True, 2.2, "王五"),  # one official configuration, the last saved
        ("倍数三", False, 3.5, "李四"),
    ]
    assert EC.official_config(store=target).name == "2026 公示版"
    removed = EC.delete_named_config("倍数三", actor="张三", store=target)
    assert removed.config["benchmark"]["multiple"] == 3.5
    with pytest.raises(DataValidationError, match="没有名为「倍数三」的评价配置"):
        EC.delete_named_config("倍数三", actor="张三", store=target)
    with pytest.raises(DataValidationError, match="没有登录身份"):
        EC.save_named_config("x", _config(2.0), actor=" ", store=target)
    with pytest.raises(DataValidationError, match="multiple|倍数|基准"):
        EC.save_named_config("坏的", _config(-1.0), actor="张三", store=target)
    assert [c.name for c in EC.list_named_configs(store=target)] == ["2026 公示版"]
    assert _audit(target) == [
        ("config_saved", "张三", "倍数三"),
        ("config_saved", "李四", "倍数三"),
        ("config_saved", "张三", "2025 公示版"),
        ("config_saved", "王五", "2026 公示版"),
        ("config_deleted", "张三", "倍数三"),
    ]
    assert audit.audit_log(store=target).iloc[1]["detail"] == "评价配置（正式），替换「2025 公示版」"


# ---- what an older install left ---------------------------------------------------------------


def _old_yaml(folder: Path, file: str, name: str, multiple: float, saved: str = "2025-12-01") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"name": name, "official": file == "official.yaml", "saved": saved, "config": _config(multiple)}
    path = folder / file
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_old_yaml_configurations_are_imported_once_and_left_in_place(target, tmp_path):
    folder = _legacy_dir(target, tmp_path) / "eval_configs"
    files = [
        _old_yaml(folder, "official.yaml", "2025 公示版", 2.5),
        _old_yaml(folder, "cfg-0123456789abcdef.yaml", "倍数三", 3.0),
    ]
    (folder / "cfg-broken.yaml").write_text(
        "name: 坏\nconfig: {benchmark: {multiple: -1}}\n", encoding="utf-8"
    )
    before = {p: _digest(p) for p in folder.iterdir()}
    saved = EC.list_named_configs(store=target)
    assert [(c.name, c.official, c.config["benchmark"]["multiple"], c.saved) for c in saved] == [
        ("2025 公示版", True, 2.5, "2025-12-01"),
        ("倍数三", False, 3.0, "2025-12-01"),
    ]
    log = audit.audit_log(store=target)
    assert log["action"].tolist() == ["migrate"]
    assert (
        log.loc[0, "detail"]
        == f"从 {folder} 导入 2 个评价配置（原文件保留未改）；1 个文件无法通过校验，未导入"
    )
    assert {p: _digest(p) for p in folder.iterdir()} == before  # the old files as they were
    # Once: a later visit, or a file put there afterwards, imports nothing more.
    _old_yaml(folder, "cfg-later.yaml", "后来的", 2.0)
    EC.save_named_config("新配置", _config(2.0), actor="张三", store=target)
    assert [c.name for c in EC.list_named_configs(store=target)] == ["2025 公示版", "倍数三", "新配置"]
    assert audit.audit_log(store=target)["action"].tolist() == ["config_saved", "migrate"]
    assert all(f.exists() for f in files)


_OLD_LOG_COLUMNS = [c for c in renewal.LOG_COLUMNS if c != "typed_by"]  # as an older atlas wrote it


def _old_log(path: Path) -> None:
    rows = pd.DataFrame(
        [
            [
                "P3",
                "处置中",
                "技改提升",
                "2025-03-01",
                "已认定",
                "",
                "",
                "张三",
                "2025-06-01T08:00:00+00:00",
                "",
            ],
            [
                "P3",
                "已盘活",
                "技改提升",
                "2025-11-20",
                "处置中",
                "技改提升",
                "2025-03-01",
                "李四",
                "2025-12-01T08:00:00+00:00",
                "验收",
            ],
        ],
        columns=_OLD_LOG_COLUMNS,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pyogrio.write_dataframe(rows, path, layer=renewal.LOG_LAYER, driver="GPKG")


def test_an_old_status_log_in_the_geopackage_is_imported_into_postgis_once(tmp_path, monkeypatch):
    legacy = tmp_path / "legacy" / "atlas_user.gpkg"
    monkeypatch.setenv(USER_GPKG_ENV, str(legacy))
    _old_log(legacy)
    digest = _digest(legacy)
    with postgis_schema() as url:
        log = renewal.load_log(path=url)
        assert log[["parcel_id", "status", "changed_by", "note"]].values.tolist() == [
            ["P3", "处置中", "张三", ""],
            ["P3", "已盘活", "李四", "验收"],
        ]
        (entry,) = audit.audit_log(store=url).itertuples()
        assert (entry.action, entry.rows_out, entry.file_name) == ("migrate", 2, str(legacy))
        assert "原文件保留未改" in entry.detail
        row = renewal.record_status(
            "P3", "处置中", method="兼并重组", status_date="2026-01-05", actor="王五", path=url
        )
        assert (row["old_status"], row["old_method"]) == ("已盘活", "技改提升")  # chained from the import
        assert len(renewal.load_log(path=url)) == 3
        assert audit.audit_log(store=url)["action"].tolist() == ["status_changed", "migrate"]
    assert _digest(legacy) == digest


def test_a_geopackage_store_keeps_using_the_log_an_older_atlas_wrote_into_it(tmp_path, monkeypatch):
    store = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(USER_GPKG_ENV, str(store))
    _old_log(store)
    assert len(renewal.load_log(path=store)) == 2
    renewal.record_status(
        "P3", "处置中", method="兼并重组", status_date="2026-01-05", who="赵六", actor="王五", path=store
    )
    log = renewal.load_log(path=store)
    assert log[["changed_by", "typed_by"]].values.tolist() == [["张三", ""], ["李四", ""], ["王五", "赵六"]]
    assert audit.audit_log(store=store)["action"].tolist() == ["status_changed"]  # nothing to import
    assert renewal.LOG_LAYER in {str(n) for n, _ in pyogrio.list_layers(store)}  # GDAL/QGIS still list it


# ---- writers of several processes at once ------------------------------------------------------

_WRITER = r"""
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, os.environ["ATLAS_ROOT"])
from geo.evaluation import named as eval_configs
from geo.land import renewal
from geo.evaluation import default_config
job = json.loads(sys.argv[1])
Path(job["ready"]).touch()
give_up = time.time() + 300
while not Path(job["go"]).exists():
    if time.time() > give_up:
        sys.exit(3)
    time.sleep(0.005)
for i in range(3):
    status = ("处置中", "已盘活")[i % 2]
    renewal.record_status("P1", status, method="技改提升", status_date="2026-05-01", actor=job["actor"],
                          note=f"{job['actor']}-{i}", path=job["target"])
raw = dict(default_config().to_dict())
raw["benchmark"] = {**raw["benchmark"], "multiple": job["multiple"]}
eval_configs.save_named_config(job["actor"], raw, official=True, actor=job["actor"], store=job["target"])
"""


def test_four_processes_writing_at_once_lose_nothing_and_keep_one_chain(target, tmp_path):
    go = tmp_path / "go"
    env = {**os.environ, "ATLAS_ROOT": str(ROOT)}
    env.pop(DATABASE_URL_ENV, None)
    procs, ready = [], []
    for k in range(4):
        job = {"actor": f"编辑{k}", "multiple": 2.0 + k / 10, "target": target, "go": str(go)}
        job["ready"] = str(tmp_path / f"ready-{k}")
        ready.append(Path(job["ready"]))
        procs.append(subprocess.Popen([sys.executable, "-c", _WRITER, json.dumps(job)], env=env))
    try:
        while not all(r.exists() for r in ready):
            assert all(p.poll() is None for p in procs), "a writer died before the start"
        go.touch()
        assert [p.wait(timeout=300) for p in procs] == [0] * 4
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    log = renewal.load_log(path=target)
    assert len(log) == 12 and sorted(log["note"]) == sorted(
        f"编辑{k}-{i}" for k in range(4) for i in range(3)
    )
    # Each change read the one before it under the lock: the old status is always the last new one.
    assert log["old_status"].tolist() == ["已认定", *log["status"].tolist()[:-1]]
    official = [c for c in EC.list_named_configs(store=target) if c.official]
    assert len(official) == 1 and official[0].saved_by in {f"编辑{k}" for k in range(4)}
    assert official[0].config["benchmark"]["multiple"] == 2.0 + int(official[0].name[-1]) / 10
    actions = audit.audit_log(store=target)["action"].value_counts().to_dict()
    assert actions == {"status_changed": 12, "config_saved": 4}

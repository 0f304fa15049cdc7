"""The 数据管理 change log names each layer by its title, not by its table (issue 23, walk8: rows
read ``user_parks``): an import by the title it has now (a payload in it shown as text), a deleted
one by the title it was imported with, the atlas's own tables (盘活 log, configurations) by their
names in the page's language; the table name is the last column, for whoever opens the store."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import ingest
from geo.cli.store import audit_table as cli_audit_table
from geo.messages import t
from geo.publication import results
from geo.publication.titles import logged_titles
from geo.storage import audit
from pages.data.managing import audit_record
from tests.fixtures.app import change_log, open_page
from tests.fixtures.publication import EDITOR, enterprises, rules

PAYLOAD = '园区<img src=x onerror="alert(1)">'


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    zones = gpd.GeoDataFrame(
        {"name": ["甲园区"]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326
    )
    for name, title in (("parks", PAYLOAD), ("gone", "旧边界")):
        result = ingest.read_upload(zones.to_json().encode(), "z.geojson", kind="zones")
        ingest.save_import(result, name=name, title=title, source="测试", actor="张三")
    ingest.delete_user_layer("user_gone", actor="张三")
    audit.record_change("status_changed", user="李四", layer="parcel_renewal_log", detail="P3")
    audit.record_change("config_saved", user="李四", layer="atlas_eval_configs", title="2026 公示版")
    return path


def _log(lang: str) -> pd.DataFrame:
    at = open_page("pages/data.py", timeout=180, lang=lang)
    assert not at.exception
    return change_log(at)


def _field(log: pd.DataFrame, row: int, lang: str, field: str) -> str:
    """A field of the whole record of the change log's ``row`` (shown when the row is picked)."""
    record = audit_record(log, audit.audit_log(), row, lang)
    return dict(zip(*record.T.values, strict=True))[field]


def test_the_chinese_change_log_names_layers_by_their_titles(store):
    log = _log("zh")
    assert log[["图层", "标题"]].values.tolist() == [
        ["评价配置", "2026 公示版"],
        ["盘活状态记录", ""],
        ["旧边界", ""],  # deleted: the title it was imported with
        ["旧边界", ""],
        [PAYLOAD, ""],  # the title as text (the grid draws no markup)
    ]
    # the free-text detail after the key columns (walk 12); the table name and the hash in the
    # whole record of a row picked (walk 13: at 1280 the log showed its first 6 columns only)
    assert list(log.columns)[-1] == "说明" and "数据表名" not in log.columns
    names = [_field(log, i, "zh", "数据表名") for i in range(len(log))]
    assert names == ["atlas_eval_configs", "parcel_renewal_log", "user_gone", "user_gone", "user_parks"]


def test_the_english_change_log_names_the_atlas_tables_in_english(store):
    log = _log("en")
    assert log["Layer"].tolist() == [
        "Evaluation configurations",
        "Renewal status log",
        "旧边界",
        "旧边界",
        PAYLOAD,
    ]
    assert _field(log, len(log) - 1, "en", "Table name") == "user_parks"
    # a detail is the record as written (walk 13 saw Chinese under "Detail"): the header and the
    # caption say so
    assert list(log.columns)[-1] == "Detail (as recorded)" and log.iloc[1, -1] == "P3"
    at = open_page("pages/data.py", timeout=180, lang="en")
    assert any("the atlas writes its records in Chinese" in c.value for c in at.caption)


def test_a_version_title_the_atlas_wrote_reads_in_the_page_language(store):
    """Walk 18 c6: the English log showed 「2025 年度评价结果（异议更正，V2）」 where the 公示 page
    reads "Evaluation 2025 (corrected after objections, V2)"; a typed title stays as typed."""
    ents = enterprises()
    for title in ("2024 年度评价结果", "2024 年度亩均评价"):
        results.save_evaluation(
            ents,
            config=rules(),
            layers={"enterprises": ("user_ents_2024", ents)},
            title=title,
            actor=EDITOR,
            year=2024,
        )
    log = audit.audit_log()
    # the second draft's results are the first's (stored once): versions V2, V1, then their results
    assert log["action"].tolist()[:3] == ["version_saved", "version_saved", "results_saved"]
    assert logged_titles(log, "en").tolist()[:3] == [
        "2024 年度亩均评价",
        "Evaluation 2024",
        "Evaluation 2024",
    ]
    assert logged_titles(log, "zh").tolist()[:3] == [
        "2024 年度亩均评价",
        "2024 年度评价结果",
        "2024 年度评价结果",
    ]
    # the other rows' titles as recorded
    assert logged_titles(log, "en").tolist()[3:] == log["title"].fillna("").tolist()[3:]
    # and the command line's change log as the page's (python -m geo.cli --lang en audit)
    printed = cli_audit_table(log, lang="en")[t("audit.title", "en")]
    assert printed.tolist()[:3] == ["2024 年度亩均评价", "Evaluation 2024", "Evaluation 2024"]


def test_layer_titles_checks_its_input():
    log = audit.empty_audit()
    assert audit.layer_titles(log, {}, lang="en").tolist() == []
    with pytest.raises(ValueError, match="lang"):
        audit.layer_titles(log, {}, lang="fr")
    with pytest.raises(ValueError, match="columns"):
        audit.layer_titles(log.drop(columns=["title"]), {})


@pytest.fixture
def collected(tmp_path, monkeypatch):
    """A 数据归集 layer saved from the Chinese page: title, source and files recorded in Chinese."""
    import dataclasses

    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "user" / "atlas_user.gpkg"))
    zones = gpd.GeoDataFrame({"name": ["甲"]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326)
    result = ingest.read_upload(zones.to_json().encode(), "z.geojson", kind="zones")
    result = dataclasses.replace(result, filename="企业名录：名录.xlsx；税务：税务.csv")
    ingest.save_import(
        result,
        name="collected_2024",
        title="2024 年企业数据（数据归集）",
        title_en="2024 enterprise data (collected)",
        source="数据归集：税务、统计",
        actor="张三",
    )


def test_the_english_page_reads_a_collected_layer_in_english(collected):
    """walk10: the change log's Title column repeated the Chinese title beside the English layer
    name, and the layer list's source and files read in Chinese."""
    at = open_page("pages/data.py", timeout=180, lang="en")
    assert not at.exception
    log = change_log(at)
    assert log["Layer"].tolist() == ["2024 enterprise data (collected)"]
    assert "Title" not in log.columns  # no row names more than its layer
    assert log["File"].tolist() == ["Register: 名录.xlsx; Tax office: 税务.csv"]
    layers = next(df.value for df in at.dataframe if "Layer title" in df.value.columns)
    assert layers["Source"].tolist() == ["Collected from: Tax office, Statistics office"]
    assert layers["Source file"].tolist() == ["Register: 名录.xlsx; Tax office: 税务.csv"]

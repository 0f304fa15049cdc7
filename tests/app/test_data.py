"""The 数据管理 page under Streamlit's AppTest: upload, CRS proposal, row report, save, export buttons."""

from __future__ import annotations

import html
import json
import re
import sqlite3

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo import ingest
from geo.messages import t
from geo.storage import audit
from pages.common.display import markdown_text
from pages.data.managing import (
    STORED_TABLE_PX,
    audit_record,
    grid_lines,
    on_screen,
    report_view,
    stored_table,
    unbroken_px,
)
from pages.data.reading import FILE_TOKEN
from pages.efficiency.fitting import CELL_PAD_PX, text_px
from tests.fixtures import APP
from tests.fixtures.app import change_log, open_page
from tests.fixtures.upload import PARK_NAMES as NAMES
from tests.fixtures.upload import gbk_gk_zip_without_prj


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _k(at: AppTest, name: str) -> str:
    """The session key of a per-file widget of the data page (keys carry the file's token)."""
    return f"{name}@{at.session_state[FILE_TOKEN]}"


def _data_page(lang: str | None = None) -> AppTest:
    return open_page("pages/data.py", timeout=90, lang=lang)


def test_data_page_imports_a_gbk_shapefile_and_exports(tmp_path, user_store):
    at = _data_page()
    assert at.title[0].value == "数据管理：导入与导出"
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(
        ("园区边界.zip", gbk_gk_zip_without_prj(tmp_path), "application/zip")
    )
    at.run()
    assert not at.exception
    assert any("建议选择 EPSG:4549" in info.value for info in at.info)
    assert at.selectbox(key=_k(at, "data_crs")).value == "EPSG:4549"
    assert at.selectbox(key=_k(at, "data_map_name")).value == "名称"

    at.button(key="data_read").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["读入行数"] == "3" and metrics["通过"] == "3" and metrics["剔除"] == "0"

    at.text_input(key=_k(at, "data_save_name")).set_value("parks")
    at.text_input(key="data_save_source").set_value("测试局，2024 年")
    at.selectbox(key=_k(at, "data_save_accuracy")).set_value("real")
    at.button(key="FormSubmitter:data_save_form-保存到数据库").click().run()
    assert not at.exception
    assert any("user_parks" in s.value for s in at.success)
    stored = ingest.load_user_layer("user_parks", path=user_store)
    assert stored["name"].tolist() == NAMES

    # the new layer is offered for export next to the built-in ones, and every download is there
    at.multiselect(key="export_layers").set_value(["districts", "user_parks"]).run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert any("GeoJSON" in label for label in labels) and any("PNG" in label for label in labels)
    assert any("HTML" in label for label in labels) and any("XLSX" in label for label in labels)


def test_data_page_shows_a_clear_error_for_a_broken_zip(user_store):
    at = _data_page()
    at.file_uploader(key="data_upload").set_value(("坏.zip", b"PK\x03\x04 broken", "application/zip")).run()
    assert not at.exception
    assert "压缩包「坏.zip」已损坏" in at.error[0].value
    assert not user_store.exists()


def test_data_page_row_report_for_an_enterprise_table(user_store):
    at = _data_page()
    csv = (
        "企业名称,用地面积（亩）,实缴税金（万元）,销售收入（万元）,经度,纬度\n"
        "甲纺织,30,600,12000,120.645,31.155\n"
        "乙材料,100,保密,56000,120.655,30.915\n"
    ).encode()
    at.selectbox(key="data_kind").set_value("enterprises")
    at.file_uploader(key="data_upload").set_value(("企业.csv", csv, "text/csv")).run()
    assert at.selectbox(key=_k(at, "data_lon")).value == "经度"
    at.radio(key=_k(at, "data_frame")).set_value("wgs84").run()
    at.button(key="data_read").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["通过"] == "1" and metrics["剔除"] == "1"
    report = (
        at.dataframe[-1].value
        if False
        else next(df.value for df in at.dataframe if "问题" in df.value.columns)
    )
    assert report["行号"].tolist() == [3]
    assert "「税收（万元）」不是数字" in report["问题"].tolist()


def test_data_page_proposes_a_crs_when_the_declared_one_is_wrong(user_store):
    parks = gpd.GeoDataFrame(
        {"name": NAMES[:1]}, geometry=[shapely.box(120.63, 31.14, 120.65, 31.16)], crs=4326
    )
    doc = json.loads(parks.to_crs("EPSG:4549").to_json())
    doc.pop("crs")  # metres without a "crs" member: GeoJSON readers assume WGS-84
    data = json.dumps(doc).encode()
    at = _data_page()
    at.file_uploader(key="data_upload").set_value(("metres.geojson", data, "application/geo+json")).run()
    assert not at.exception
    assert any("建议改选 EPSG:4549" in w.value for w in at.warning)
    assert at.selectbox(key=_k(at, "data_crs")).value == "EPSG:4549"
    at.button(key="data_read").click().run()
    assert {m.label: m.value for m in at.metric}["通过"] == "1"


def test_data_page_in_english(user_store):
    at = _data_page("en")
    assert at.title[0].value == "Data: import and export"
    assert [s.value for s in at.subheader] == [
        "Import data",
        "Data collection: departments' files → the year's table",
        "Imported layers",
        "Export maps and data",
        "Change log",
    ]
    assert "Briefing PNG (A4 landscape, 300 dpi)" in [b.label for b in at.get("download_button")]


def test_the_default_export_title_follows_the_language_and_a_typed_one_stays(user_store):
    at = _data_page()
    assert at.text_input(key="export_title").value == "苏州产业布局图"
    at.session_state["lang"] = "en"
    at.run()
    assert at.text_input(key="export_title").value == "Suzhou industrial layout"
    at.text_input(key="export_title").set_value("盛泽汇报").run()
    at.session_state["lang"] = "zh"
    at.run()
    assert at.text_input(key="export_title").value == "盛泽汇报"


def _saved_zone(name: str = "gone", title: str = "将删除", user: str = "张三") -> None:
    zones = gpd.GeoDataFrame(
        {"name": ["甲园区"]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326
    )
    result = ingest.read_upload(zones.to_json().encode(), "z.geojson", kind="zones")
    ingest.save_import(result, name=name, title=title, source="测试", actor=user)


def test_data_page_delete_asks_first_names_the_layer_and_is_recorded(user_store):
    _saved_zone()
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert any("单用户模式" in c.value for c in at.sidebar.caption)  # nothing configured: labelled as such
    at.switch_page("pages/data.py").run()
    assert at.selectbox(key="data_delete_pick").value == "user_gone"
    at.button(key="data_delete").click().run()
    assert not at.exception
    assert ingest.list_user_layers()["layer"].tolist() == ["user_gone"]  # not yet: it asks first
    assert any("确定删除图层「将删除」（user_gone，1 条）" in w.value for w in at.warning)
    at.button(key="data_delete_no").click().run()
    assert ingest.list_user_layers()["layer"].tolist() == ["user_gone"]
    at.button(key="data_delete").click().run()
    at.button(key="data_delete_yes").click().run()
    assert not at.exception
    assert ingest.list_user_layers().empty
    assert any("已删除图层「将删除」（user_gone）" in s.value for s in at.success)
    assert any("还没有导入的图层" in c.value for c in at.caption)
    log = change_log(at)
    # the layer by its title (a deleted one by the title it was imported with); the hash, the table
    # name and the free-text detail after the key columns (walk 12: the last column in view was cut)
    assert log[["操作人", "操作", "图层"]].values.tolist() == [
        ["单用户模式", "删除", "将删除"],
        ["张三", "导入", "将删除"],
    ]
    # counts a change does not make read "—" (walk 13: "None"); the free-text detail last, the hash
    # and the table name in the record of a row picked (walk 13: at 1280 the log showed 6 columns)
    assert log["读入 → 保存行数"].tolist() == ["1 → 1", "1 → 1"]
    assert list(log.columns)[-2:] == ["读入 → 保存行数", "说明"]
    record = audit_record(log, audit.audit_log(), 1, "zh")
    fields = dict(zip(record["项目"], record["内容"], strict=True))
    assert fields["数据表名"] == "user_gone" and len(fields["SHA-256"]) == 64 and fields["操作"] == "导入"


def test_saving_under_a_taken_name_asks_before_replacing(user_store):
    _saved_zone(name="parks", title="旧园区")
    at = _data_page()
    data = (
        gpd.GeoDataFrame(
            {"name": NAMES[:2]},
            geometry=[shapely.box(120.6, 31.1, 120.62, 31.12), shapely.box(120.7, 31.1, 120.72, 31.12)],
            crs=4326,
        )
        .to_json()
        .encode()
    )
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(("new.geojson", data, "application/geo+json")).run()
    at.button(key="data_read").click().run()
    at.text_input(key=_k(at, "data_save_name")).set_value("parks")
    at.text_input(key="data_save_source").set_value("测试局")
    at.selectbox(key=_k(at, "data_save_accuracy")).set_value("real")
    at.button(key="FormSubmitter:data_save_form-保存到数据库").click().run()
    assert not at.exception
    assert any("已有图层「旧园区」（1 条，" in w.value and "表名 user_parks" in w.value for w in at.warning)
    # when, as people in Suzhou read it ("2026-12-04 03:28 北京时间 导入"), not an ISO stamp in UTC
    assert any(re.search(r"条，\d{4}-\d\d-\d\d \d\d:\d\d 北京时间 导入，", w.value) for w in at.warning)
    assert len(ingest.load_user_layer("user_parks")) == 1  # unchanged until confirmed
    assert at.button(key="data_replace_yes").label == "替换「旧园区」"
    at.button(key="data_replace_yes").click().run()
    assert not at.exception
    assert len(ingest.load_user_layer("user_parks")) == 2
    assert any("已用新数据替换图层「new」（表名 user_parks 不变）" in s.value for s in at.success)
    assert [a for a in ingest.list_user_layers()["layer"]] == ["user_parks"]
    assert audit.audit_log()["action"].tolist() == ["replace", "import"]


def test_a_title_another_layer_has_offers_to_replace_it_or_save_as_new(user_store):
    """Issue 23 item 9: two layers under one title would be listed twice in the legend; walk 11: the
    refusal gave no hint that the file could replace that layer."""
    _saved_zone(name="parks", title="旧园区")
    at = _data_page()
    data = (
        gpd.GeoDataFrame({"name": NAMES[:1]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326)
        .to_json()
        .encode()
    )
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(("new.geojson", data, "application/geo+json")).run()
    at.button(key="data_read").click().run()
    at.text_input(key=_k(at, "data_save_name")).set_value("parks2")
    at.text_input(key=_k(at, "data_save_title")).set_value(" 旧园区")
    at.text_input(key="data_save_source").set_value("测试局")
    at.selectbox(key=_k(at, "data_save_accuracy")).set_value("real")
    at.button(key="FormSubmitter:data_save_form-保存到数据库").click().run()
    assert not at.exception
    assert any("已有图层「旧园区」" in w.value for w in at.warning)  # that layer, not the name typed
    assert at.button(key="data_replace_yes").label == "替换「旧园区」"
    assert ingest.list_user_layers()["layer"].tolist() == ["user_parks"]
    at.button(key="data_save_new").click().run()  # no new title yet
    assert any("请填写新图层的标题" in e.value for e in at.error)
    at.text_input(key=_k(at, "data_new_title")).set_value("旧园区")
    at.button(key="data_save_new").click().run()
    assert any("已有另一个图层叫「旧园区」" in e.value for e in at.error)
    at.text_input(key=_k(at, "data_new_title")).set_value("新园区")
    at.button(key="data_save_new").click().run()
    assert not at.exception
    assert any("已保存为图层「新园区」（表名 user_parks2）" in s.value for s in at.success)
    assert sorted(ingest.list_user_layers()["title_zh"]) == ["新园区", "旧园区"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_same_file_again_is_offered_as_a_replacement_of_its_layer(tmp_path, user_store, lang):
    """Walk 11 (issue 23): the same zip again proposed ``user_zones_…_2`` and refused its title; now
    the form names the layer the file was imported as, proposes its title and table, and replacing
    keeps the table's name (a QGIS project keeps finding it); the message names the layer by title."""
    data = gbk_gk_zip_without_prj(tmp_path)
    result = ingest.read_upload(data, "园区边界.zip", kind="zones", crs="EPSG:4549", mapping={"name": "名称"})
    ingest.save_import(result, name="zones_parks", title="盛泽七都园区边界", source="测试局", actor="张三")
    at = _data_page(lang)
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(("园区边界.zip", data, "application/zip")).run()
    at.button(key="data_read").click().run()
    assert not at.exception
    # byte for byte the stored file: the offer says so (walk 13), the replacement still offered
    said = (
        "这个文件与已导入的「盛泽七都园区边界」内容相同（SHA-256 一致"
        if lang == "zh"
        else "This file is identical to the imported “盛泽七都园区边界” (same SHA-256"
    )
    assert any(said in i.value for i in at.info)
    assert at.text_input(key=_k(at, "data_save_name")).value == "user_zones_parks"
    assert at.text_input(key=_k(at, "data_save_title")).value == "盛泽七都园区边界"
    at.text_input(key="data_save_source").set_value("测试局")
    at.selectbox(key=_k(at, "data_save_accuracy")).set_value("real")
    at.button(key=f"FormSubmitter:data_save_form-{t('data.save', lang)}").click().run()
    assert not at.error
    at.button(key="data_replace_yes").click().run()
    assert not at.exception
    done = t("data.replaced", lang).format(title="盛泽七都园区边界", name="user_zones_parks")
    assert [s.value for s in at.success] == [done]
    assert ingest.list_user_layers()["layer"].tolist() == ["user_zones_parks"]
    with sqlite3.connect(user_store) as con:  # the table QGIS opens, under its name
        found = con.execute("SELECT table_name FROM gpkg_contents WHERE table_name LIKE 'user%'").fetchall()
    assert found == [("user_zones_parks",)]
    assert audit.audit_log()["action"].tolist() == ["replace", "import"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_replacing_file_is_given_the_layers_source_and_accuracy(tmp_path, user_store, lang):
    """Walk 15: the same file again asked for 数据来源 and 数据精度 the layer it replaces has, and the
    save stopped at 「请先选择数据精度」. They are filled from that layer (saying so), still editable."""
    data = gbk_gk_zip_without_prj(tmp_path)
    result = ingest.read_upload(data, "园区边界.zip", kind="zones", crs="EPSG:4549", mapping={"name": "名称"})
    ingest.save_import(
        result,
        name="zones_parks",
        title="盛泽七都园区边界",
        source="测试局",
        accuracy="transcribed",
        licence="内部使用",
        actor="张三",
    )
    at = _data_page(lang)
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(("园区边界.zip", data, "application/zip")).run()
    at.button(key="data_read").click().run()
    assert not at.exception
    assert at.text_input(key="data_save_source").value == "测试局"
    assert at.text_input(key="data_save_licence").value == "内部使用"
    assert at.selectbox(key=_k(at, "data_save_accuracy")).value == "transcribed"
    said = t("data.prefilled", lang).format(title="盛泽七都园区边界")
    assert said in [c.value for c in at.caption]
    at.text_input(key="data_save_source").set_value("测试局（2025 年更新）")  # still the user's to edit
    at.button(key=f"FormSubmitter:data_save_form-{t('data.save', lang)}").click().run()
    assert not at.error
    at.button(key="data_replace_yes").click().run()
    assert not at.exception
    stored = ingest.list_user_layers().iloc[0]
    assert (stored["source"], stored["accuracy"], stored["licence"]) == (
        "测试局（2025 年更新）",
        "transcribed",
        "内部使用",
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_name_label_says_the_rule_save_import_enforces(tmp_path, user_store, lang):
    """Walk 11: the label said 小写英文、数字、下划线 while the proposed ``user_enterprises_企业名单_…``
    (Chinese characters) was accepted: the label names Chinese characters too."""
    at = _data_page(lang)
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(
        ("园区边界.zip", gbk_gk_zip_without_prj(tmp_path), "application/zip")
    )
    at.run()
    at.button(key="data_read").click().run()
    box = at.text_input(key=_k(at, "data_save_name"))
    assert "汉字" in box.label if lang == "zh" else "Chinese characters" in box.label
    assert "51" in box.help
    assert box.value == "user_zones_园区边界"  # proposed with Chinese characters: accepted as said


def _app_with_secrets(atlas: dict) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.secrets["atlas"] = atlas
    return at.run()


def test_a_viewer_can_browse_and_export_but_not_import_or_delete(user_store):
    from geo.storage import audit
    from geo.storage.accounts import hash_password

    accounts = {"accounts": {"zhangsan": hash_password("correct horse")}}
    _saved_zone()
    at = _app_with_secrets(accounts)
    assert any("未登录" in c.value for c in at.sidebar.caption)
    assert [t.key for t in at.text_input] == ["auth_user", "auth_password"]  # the editors' login form
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert any("只读身份" in i.value for i in at.info)
    assert not list(at.get("file_uploader"))
    assert not [b for b in at.button if b.key in ("data_delete", "data_delete_yes")]
    assert any("PNG" in b.label for b in at.get("download_button"))  # export stays
    assert ingest.list_user_layers()["layer"].tolist() == ["user_gone"]
    # a session logged in as an editor account (the form checks the scrypt hash:
    # tests/unit/storage/test_accounts.py)
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.secrets["atlas"] = accounts
    at.session_state["_atlas_account"] = "zhangsan"
    at.run()
    assert any("编辑：zhangsan" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/data.py").run()
    assert list(at.get("file_uploader"))
    at.button(key="data_delete").click().run()
    at.button(key="data_delete_yes").click().run()
    assert ingest.list_user_layers().empty
    assert audit.audit_log().loc[0, ["user_name", "action"]].tolist() == ["zhangsan", "delete"]


def test_a_proxy_user_header_names_the_user(user_store):
    at = _app_with_secrets({"proxy_user_header": "X-Forwarded-User", "editors": ["lisi"]})
    # AppTest sends no such header: read-only, and the sidebar says why
    assert any("X-Forwarded-User" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert any("只读身份" in i.value for i in at.info)


ENTERPRISE_CSV = (
    "企业名称,用地面积（亩）,实缴税金（万元）,销售收入（万元）,经度,纬度\n"
    "甲纺织,30,600,12000,120.645,31.155\n"
    "乙材料,100,800,56000,120.655,30.915\n"
).encode()


def test_data_page_proposes_the_use_from_the_file(user_store):
    """An enterprise table uploaded while the use is still on its default is read as enterprises."""
    at = _data_page()
    assert at.selectbox(key="data_kind").value == "zones"
    at.file_uploader(key="data_upload").set_value(("企业.csv", ENTERPRISE_CSV, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key=_k(at, "data_kind")).value == "enterprises"
    assert any("建议的用途：企业" in c.value for c in at.caption)
    at.radio(key=_k(at, "data_frame")).set_value("wgs84").run()
    at.button(key="data_read").click().run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["通过"] == "2"


def test_data_page_keeps_its_state_across_pages_and_languages(user_store):
    at = _data_page()
    at.file_uploader(key="data_upload").set_value(("企业.csv", ENTERPRISE_CSV, "text/csv")).run()
    at.radio(key=_k(at, "data_frame")).set_value("gcj02")
    at.selectbox(key=_k(at, "data_map_industry")).set_value("企业名称").run()
    assert not at.exception
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    # the file, the use, the frame and the field mapping are all still there
    assert any("正在导入：" + markdown_text("企业.csv") in c.value for c in at.caption)
    assert at.selectbox(key=_k(at, "data_kind")).value == "enterprises"
    assert at.radio(key=_k(at, "data_frame")).value == "gcj02"
    assert at.selectbox(key=_k(at, "data_map_industry")).value == "企业名称"
    # (the language switch midway is walked in the browser: tests/browser/test_journeys.py)


def test_data_page_import_fields_in_english(user_store):
    at = _data_page("en")
    at.file_uploader(key="data_upload").set_value(("企业.csv", ENTERPRISE_CSV, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key=_k(at, "data_map_land_mu")).label == "Land (mu) *"
    assert at.selectbox(key=_k(at, "data_map_tax_wan_yuan")).label == "Tax (10k yuan) *"
    labels = [b.label for b in at.selectbox if b.key and b.key.startswith("data_map_")]
    assert not [label for label in labels if any("\u4e00" <= ch <= "\u9fff" for ch in label)]
    # "(not used)" is one value in both languages, so a language switch keeps what was picked
    assert at.selectbox(key=_k(at, "data_map_rd_wan_yuan")).value == ""
    assert any("Choose the lon/lat frame" in w.value for w in at.warning)
    at.radio(key=_k(at, "data_frame")).set_value("wgs84").run()
    at.button(key="data_read").click().run()
    assert {m.label: m.value for m in at.metric}["Passed"] == "2"


def test_a_point_table_is_asked_its_frame_every_time(user_store):
    """Issue 23 item 1: nothing in this table says WGS-84 or Gaode, so no frame is preselected and
    nothing can be read until one is chosen; the next table is asked again, never handed the last
    one's choice; a table whose columns say 高德 comes up with GCJ-02 preselected."""
    at = _data_page()
    at.file_uploader(key="data_upload").set_value(("企业.csv", ENTERPRISE_CSV, "text/csv")).run()
    assert not at.exception
    assert at.radio(key=_k(at, "data_frame")).value is None
    assert any("请选择经纬度的坐标框架" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "data_read"]
    at.radio(key=_k(at, "data_frame")).set_value("gcj02").run()
    assert [b for b in at.button if b.key == "data_read"]
    second = ENTERPRISE_CSV.replace("甲纺织".encode(), "丙纺织".encode())
    at.file_uploader(key="data_upload").set_value(("企业2.csv", second, "text/csv")).run()
    assert at.radio(key=_k(at, "data_frame")).value is None
    gaode = ENTERPRISE_CSV.replace("经度,纬度".encode(), "高德经度,高德纬度".encode())
    at.file_uploader(key="data_upload").set_value(("企业3.csv", gaode, "text/csv")).run()
    assert at.radio(key=_k(at, "data_frame")).value == "gcj02"
    assert not [w for w in at.warning if "请选择经纬度的坐标框架" in w.value]


def test_the_field_mapping_shows_only_this_files_columns(tmp_path, user_store):
    """Issue 23 item 4: after a shapefile whose 名称 column was mapped, a table without 名称 never
    shows 名称 as chosen; its own 企业名称 is."""
    at = _data_page()
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(
        ("园区边界.zip", gbk_gk_zip_without_prj(tmp_path), "application/zip")
    ).run()
    assert at.selectbox(key=_k(at, "data_map_name")).value == "名称"
    at.file_uploader(key="data_upload").set_value(("企业.csv", ENTERPRISE_CSV, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key=_k(at, "data_kind")).value == "enterprises"
    assert at.selectbox(key=_k(at, "data_map_name")).value == "企业名称"
    assert not [
        k for k in at.session_state if str(k).startswith("data_map_name@") and k != _k(at, "data_map_name")
    ]


def test_times_are_shown_in_beijing_time():
    """Issue 23 item 11: the change log and the 盘活 record are read in Suzhou (UTC+8)."""
    from geo.messages.formats import beijing_minute

    assert beijing_minute("2026-12-06T18:30:05+00:00") == "2026-12-07 02:30 北京时间"
    assert beijing_minute("2026-12-06T18:30:05", "en") == "2026-12-07 02:30 Beijing time"
    assert beijing_minute("不是时间") == "不是时间"


def test_the_english_page_writes_the_reading_notes_and_the_row_report_in_english(user_store):
    zones = gpd.GeoDataFrame(
        {"name": ["甲区", "乙点"]},
        geometry=[shapely.box(120.6, 31.1, 120.7, 31.2), shapely.Point(120.65, 31.15)],
        crs=4326,
    )
    at = _data_page("en")
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(
        ("z.geojson", zones.to_json().encode(), "application/geo+json")
    )
    at.run()
    at.button(key="data_read").click().run()
    assert not at.exception
    # drawn as a page table that wraps each problem between its words (walk 18 b2: the grid cut it)
    report = next(h.value for h in at.html if "atlas-row-report" in h.value)
    assert "<th" in report and ">Problem</th>" in report and ">Error (dropped)</td>" in report
    assert ">A zone layer needs polygons; points and lines cannot be used</td>" in report
    assert not any("Problem" in df.value.columns for df in at.dataframe)


def _one_park() -> bytes:
    return (
        gpd.GeoDataFrame({"name": NAMES[:1]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326)
        .to_json()
        .encode()
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_accuracy_is_asked_for_every_file_and_the_save_refused_until_chosen(user_store, lang):
    """Issue 23: an import's accuracy (real / transcribed / schematic / synthetic) is the user's
    claim: nothing is preselected, the save is refused with a message until one is chosen, each
    class is explained, and the next file is asked again (never handed the last choice)."""
    at = _data_page(lang)
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(("p1.geojson", _one_park(), "application/geo+json")).run()
    at.button(key="data_read").click().run()
    accuracy = at.selectbox(key=_k(at, "data_save_accuracy"))
    assert accuracy.value is None and accuracy.options == (
        ["真实", "转录", "示意", "合成"]
        if lang == "zh"
        else ["real", "transcribed", "schematic", "synthetic"]
    )
    assert accuracy.label == ("数据精度（必选）" if lang == "zh" else "Data accuracy (required)")
    assert ("测绘或官方矢量数据" if lang == "zh" else "surveyed or official vector data") in accuracy.help
    at.text_input(key="data_save_source").set_value("测试局")
    save = "FormSubmitter:data_save_form-" + ("保存到数据库" if lang == "zh" else "Save to the store")
    at.button(key=save).click().run()
    assert not at.exception
    missing = "请先选择数据精度" if lang == "zh" else "Choose the data accuracy"
    assert [e.value for e in at.error if missing in e.value]
    assert not user_store.exists() or ingest.list_user_layers().empty  # nothing saved
    at.selectbox(key=_k(at, "data_save_accuracy")).set_value("schematic")
    at.button(key=save).click().run()
    assert not at.exception
    assert not [e for e in at.error if missing in e.value]
    layers = ingest.list_user_layers()
    assert layers["accuracy"].tolist() == ["schematic"]
    # the saved file is let go (walk 14): an empty uploader of a new key, no form for the saved file,
    # so the next upload, even of the same file, is a change that clears the save's message
    assert [u.key for u in at.file_uploader if u.key.startswith("data_upload")] == ["data_upload_1"]
    assert not [b for b in at.button if b.key == "data_read"]
    # a second, other file: asked again (the same content again would replace the layer, and be
    # given its accuracy: test_a_replacing_file_is_given_the_layers_source_and_accuracy)
    other = _one_park().replace(b"120.62", b"120.63")
    at.file_uploader(key="data_upload_1").set_value(("p2.geojson", other, "application/geo+json")).run()
    at.button(key="data_read").click().run()
    assert at.selectbox(key=_k(at, "data_save_accuracy")).value is None


def test_the_english_page_offers_the_coordinate_systems_in_english(tmp_path, user_store):
    """Issue 23: the English import showed "EPSG:4549 CGCS2000 3° 高斯-克吕格…"; every coordinate
    system offered, the notes and the captions of the import are English there."""
    parks = gbk_gk_zip_without_prj(tmp_path)
    at = _data_page("en")
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value(("园区边界.zip", parks, "application/zip")).run()
    assert not at.exception
    crs = at.selectbox(key=_k(at, "data_crs"))
    assert crs.value == "EPSG:4549"
    assert crs.options[0] == "EPSG:4549 CGCS2000 3° Gauss-Krüger, CM 120°E (eastings without zone number)"
    assert "EPSG:4528 CGCS2000 3° Gauss-Krüger zone 40 (eastings with zone number 40)" in crs.options
    assert "EPSG:2385 Xi'an 1980 3° Gauss-Krüger, CM 120°E" in crs.options
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert not [o for o in crs.options if cjk.search(o)]
    # the import section's notes and hints (file names aside) hold no Chinese either
    texts = [*(i.value for i in at.info), *(w.value for w in at.warning), *(c.value for c in at.caption)]
    # (the collection section's example names a department's Chinese header, as its files have it)
    shown = [x.replace("园区边界.zip", "") for x in texts if "department.field=header" not in x]
    assert shown and not [x for x in shown if cjk.search(x)], shown
    at_zh = _data_page()
    at_zh.selectbox(key="data_kind").set_value("zones")
    at_zh.file_uploader(key="data_upload").set_value(("园区边界.zip", parks, "application/zip")).run()
    assert at_zh.selectbox(key=_k(at_zh, "data_crs")).options[0] == (
        "EPSG:4549 CGCS2000 3° 高斯-克吕格 CM 120°E（不带带号）"
    )


def test_the_change_log_shows_file_names_not_server_paths(user_store):
    from geo.storage import audit

    audit.record_change("load_demo", user="张三", file_name="/srv/atlas/data/atlas.gpkg")
    _saved_zone()
    at = _data_page("en")
    assert not at.exception
    log = change_log(at)
    assert log["File"].tolist() == ["z.geojson", "atlas.gpkg"]
    # a change that counts no rows reads "—" (walk 13: "None" on every row that is not an import)
    assert log["Rows"].tolist() == ["1 → 1", "—"]
    caption = next(c.value for c in at.caption if "Every import" in c.value)
    assert "atlas_user.gpkg" in caption and str(user_store.parent) not in caption


def test_the_english_page_names_imports_by_their_english_title_where_stored(user_store):
    """A collected layer stores an English title (title_en): the English page's list of imports,
    the layer to delete, its confirmation and the change log name it so; a layer whose English
    title is empty keeps the title it was imported with."""
    zones = gpd.GeoDataFrame(
        {"name": ["甲园区"]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326
    )
    result = ingest.read_upload(zones.to_json().encode(), "z.geojson", kind="zones")
    ingest.save_import(
        result,
        name="collected",
        title="2022 年企业数据（数据归集）",
        title_en="2022 enterprise data (collected)",
        source="测试",
        actor="张三",
    )
    ingest.save_import(result, name="plain", title="园区边界", title_en=" ", source="测试", actor="张三")
    at = _data_page("en")
    assert not at.exception
    stored = next(df.value for df in at.dataframe if "Layer title" in df.value.columns)
    assert sorted(stored["Layer title"]) == ["2022 enterprise data (collected)", "园区边界"]
    pick = at.selectbox(key="data_delete_pick")
    assert sorted(pick.options) == [
        "2022 enterprise data (collected) (user_collected)",
        "园区边界 (user_plain)",
    ]
    pick.set_value("user_collected").run()
    at.button(key="data_delete").click().run()
    said = f"“{markdown_text('2022 enterprise data (collected)')}” (user_collected, 1 row)"
    assert any(said in w.value for w in at.warning)  # as written (markdown characters escaped)
    log = next(df.value for df in at.dataframe if "Table name" in df.value.columns)
    cjk = re.compile(r"数据归集")
    assert not log.astype(str).map(cjk.search).any().any(), log  # no Chinese title of the collected layer


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_imported_layers_table_shows_the_import_time_whole_at_1280(user_store, lang):
    """Walk 11 (issue 23): at 1280 px the 导入时间 column read "2026-12-0": the time is now
    "2026-12-07 17:22" under a header naming Beijing time, among the key columns (walk 12: title,
    kind, accuracy, rows, time, file, source), which have widths that hold their texts, together
    within the table's width at 1280 px; the store's table name, for QGIS, last."""
    _saved_zone(name="zones_企业名单_盛泽七都_2024", title="盛泽七都企业名单（2024 年，区工信局转录）")
    at = _data_page(lang)
    header = t("data.col.imported", lang)
    assert header == ("导入时间（北京时间）" if lang == "zh" else "Imported (Beijing)")
    frame = next(df for df in at.dataframe if header in df.value.columns)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", frame.value[header].iloc[0])
    config = json.loads(frame.proto.columns)
    shown = list(frame.value.columns)
    widths = {c: config.get(c, {}).get("width") for c in shown[:-1]}
    assert shown[-1] == t("audit.table", lang) and shown.index(header) == 4, shown
    assert all(isinstance(w, int) for w in widths.values()), widths
    assert sum(widths.values()) <= STORED_TABLE_PX, widths
    assert widths[header] >= text_px(frame.value[header].iloc[0]) + CELL_PAD_PX  # on one line
    assert widths[header] >= text_px(header)  # the header too


def test_a_layer_title_is_never_broken_inside_a_latin_run_or_brackets():
    """Walk 15: the English imported-layers table wrapped "吴江企业（CSV）2024" as "吴江企业（C / SV）2024"
    (its titles were fitted as Chinese text, broken anywhere), and a name wrapped as "东太湖度假区（ /
    太湖新城）" strands its bracket: the table is fitted as the change log is, no title broken inside
    a Latin run or inside （…）; a source, free text, still wraps."""
    park = "东太湖度假区（太湖新城）"
    assert grid_lines(park, 100) is None  # "东太湖度假区（" / "太湖新城）"
    inner = unbroken_px(park, 2) - CELL_PAD_PX
    assert grid_lines(park, inner) == 2 and inner < text_px(
        "东太湖度假区（"
    )  # "东太湖度假区" / "（太湖新城）"
    titles = ["吴江园区边界 2024", "吴江企业（CSV）2024", "吴江企业（高德）2024"]
    meta = pd.DataFrame(
        {
            "title_zh": titles,
            "title_en": [None] * 3,
            "kind": ["zones", "enterprises", "enterprises"],
            "accuracy": ["real"] * 3,
            "imported_at": ["2026-12-07T15:57:00+00:00"] * 3,
            "source_file": ["吴江园区边界_2024.zip", "吴江企业WGS84_2024.csv", "吴江企业亩均_2024.xlsx"],
            "source": [
                "吴江区自然资源和规划局，2024 年（walk15 测试）",
                "吴江区工信局，2024 年（walk15）",
                "测试",
            ],
            "layer": ["user_a", "user_b", "user_c"],
        }
    )
    for lang in ("zh", "en"):
        table, fitted = stored_table(meta, pd.Series([3, 12, 12], dtype="Int64"), lang)
        title = fitted.widths[t("data.title", lang)]
        # on one line, or, where the source takes its words' width, broken before its （…） only (walk
        # 16: drawn spaced there, :func:`pages.data.managing.on_screen`)
        for text in on_screen(table, lang, spaced=fitted.spaced)[t("data.title", lang)]:
            assert max(text_px(w) for w in text.split(" ")) + CELL_PAD_PX <= title, (lang, text, fitted)
        # within 1280 px; in English the free-text source, the last key column, may lie a little beyond
        within = list(fitted.widths.values())[: -1 if lang == "en" else None]
        assert sum(within) <= STORED_TABLE_PX, (lang, fitted)


def test_english_titles_and_sources_break_between_words_only():
    """Walk 16 item 10 (left by tables7): at en 1280 the change log broke its title "2024 / 年度评价结
    / 果" and the imported layers their source "吴江区自 / 然资源和规划局，2…" inside a word, and keeping
    them whole pushed the log past the table. A Chinese title or source breaks only at a space, and
    where that does not fit, before its （…） and after a Chinese comma (drawn spaced there; the record
    of a row picked as written); the English log's "Rows" headed short (its help says in → out):
    every key column in view."""
    from pages.data.managing import MARKER_PX, audit_html, audit_table
    from pages.efficiency.fitting import FLUSH_EDGE_PX, at_spaces_px

    meta = pd.DataFrame(
        {
            "layer": ["user_enterprises_吴江亩均企业高德_2024", "user_zones_园区范围gk_2024"],
            "title_zh": ["吴江亩均企业（高德）2024", "吴江园区范围（高斯）2024"],
            "title_en": [None, None],
            "kind": ["enterprises", "zones"],
            "accuracy": ["real", "real"],
            "imported_at": ["2026-12-07T18:21:48+00:00", "2026-12-07T18:21:46+00:00"],
            "source_file": ["吴江亩均企业高德_2024.xlsx", "园区范围GK_2024.zip"],
            "source": ["吴江区自然资源和规划局，2024 年（walk16 测试）", "测试"],
            "rows_out": [11, 3],
        }
    )
    stamp = "2026-12-07T18:23:00+00:00"
    log = pd.DataFrame(
        {
            "at_utc": [stamp, stamp, "2026-12-07T18:21:48+00:00", "2026-12-07T18:21:46+00:00"],
            "user_name": ["测试", "测试", "root（命令行）", "root（命令行）"],
            "action": ["version_saved", "results_saved", "import", "import"],
            "layer": ["atlas_eval_versions", "atlas_eval_results", *meta["layer"]],
            "title": ["2024 年度评价结果", "2024 年度评价结果", *meta["title_zh"]],
            "file_name": ["", "", *meta["source_file"]],
            "sha256": ["ab" * 32] * 4,
            "rows_in": [None, None, 11, 3],
            "rows_out": [None, 11, 11, 3],
            "detail": ["V1 草稿：评价结果 11 家", "评价结果的逐企业结果 11 家", "", ""],
        }
    )
    for lang in ("en", "zh"):  # (the Chinese log drew "2024 年度" cut, not wrapped)
        table = audit_table(log, meta, lang)
        layer, title = t("audit.layer", lang), t("audit.title", lang)
        # a page table (walk20 b3): its titles broken only between words, drawn spaced before （…）
        page = audit_html(table, lang)
        kept_whole = [  # each cell broken only between words: its words' texts, each held on one line
            re.findall(r"<span style='white-space:nowrap'>([^<]*)</span>", cell)
            for cell in re.findall(r"word-break:keep-all;overflow-wrap:break-word'>(.*?)</td>", page)
        ]
        for text in on_screen(table, lang, spaced=True)[layer]:
            assert [html.escape(w) for w in text.split(" ")] in kept_whole, text
        assert ["吴江园区范围", "（高斯）2024"] in kept_whole
        assert table[title].iloc[0] == "2024 年度评价结果" and "吴江园区范围（高斯）2024" in set(table[layer])
    # the imported layers: the source broken between its words where they fit beside the other key
    # columns (in English the longest, 吴江区自然资源和规划局，, does not: broken anywhere, as before)
    stored, fitted = stored_table(meta, pd.Series([11, 3], dtype="Int64"), "zh")
    # to the table's edge, no column drawn cut there (walk 18 c1: 数据表名 "user_zones_园…")
    assert sum(fitted.widths.values()) <= FLUSH_EDGE_PX - MARKER_PX, fitted
    source = on_screen(stored, "zh", spaced=fitted.spaced)["来源"].iloc[0]
    lines = {None: 1, 66: 2, 80: 3}[fitted.row_px]
    assert at_spaces_px(source, lines) + CELL_PAD_PX <= fitted.widths["来源"], (source, fitted)
    stored, fitted = stored_table(meta, pd.Series([11, 3], dtype="Int64"), "en")
    for text in on_screen(stored, "en", spaced=fitted.spaced)["Layer title"]:
        assert max(text_px(w) for w in text.split(" ")) + CELL_PAD_PX <= fitted.widths["Layer title"], text


def test_the_change_log_gives_its_columns_the_width_they_need():
    """Walk21 c9, c10: at 1280 zh the change log squeezed 说明 into 14 % (an objection's detail on 8
    lines) while 标题 kept 20 % for 「O1 9132…」 and 文件 a file's name on one line, and its 图层 wrapped
    「吴江企业亩均 / 2025」. The widths by what the columns hold: the layer's title whole, the time and
    the file's name broken between their words (after a ``_``, never inside 2025_v2.csv), the detail
    the rest, wider than before."""
    from pages.data.managing import audit_html, audit_layout
    from pages.efficiency.fitting import FLUSH_EDGE_PX

    keys = ["data.col.audit_at", "audit.user", "audit.action", "audit.layer", "audit.title", "audit.file"]
    cols = [t(k, "zh") for k in [*keys, "data.col.audit_rows", "audit.detail"]]
    detail = "V1：用地面积（亩） 6.1 → 7.1，请自然资源和规划局核实；"
    detail += "部门答复：**不动产证** 7.1 亩 <b>另</b> =SUM(A1)"
    rows = [
        [
            "2026-12-08 09:16",
            "单用户模式",
            "替换",
            "吴江企业亩均 2025",
            "",
            "吴江企业亩均_2025_v2.csv",
            "16 → 16",
            "",
        ],
        [
            "2026-12-08 09:15",
            "单用户模式",
            "决定异议",
            "异议登记",
            "O1 91320509710001112H",
            "",
            "—",
            "V1：采纳",
        ],
        [
            "2026-12-08 09:15",
            "单用户模式",
            "登记异议",
            "异议登记",
            "O1 91320509710001112H",
            "cert.png",
            "—",
            detail,
        ],
    ]
    table = pd.DataFrame(rows, columns=cols)
    shares, broken = audit_layout(table, "zh")
    assert shares["说明"] > 14, shares  # wider than the 14 % it had
    assert shares["图层"] * FLUSH_EDGE_PX / 100 >= text_px("吴江企业亩均 2025") + 16, shares  # whole
    assert "图层" not in broken and "文件" in broken, broken
    page = audit_html(table, "zh")
    assert f"<col style='width:{shares['说明']}%'>" in page
    # the file's name breaks after its 「_」 only: each piece held whole on its line
    pieces = ["吴江企业亩均_", "2025_", "v2.csv"]
    assert "<wbr>".join(f"<span style='white-space:nowrap'>{p}</span>" for p in pieces) in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_row_number_in_a_problem_is_never_broken_from_its_words(tmp_path, lang):
    """Walk 17: the row report wrapped 「与第 17 / 行同名…」: a number and the words around it
    (第 17 行, row 17, 18 位) are held together on screen by no-break spaces; the files keep spaces."""
    rows = "企业名称,所在区镇,用地面积（亩）,税收（万元）,销售收入（万元）,统一社会信用代码,经度,纬度\n"
    code = "91320509MA1MXXXXXX"
    rows += "".join(f"恒盛丝绸有限公司,盛泽镇,{10 + i},100,900,{code[:-1]}{i},120.6,30.9\n" for i in range(2))
    report = ingest.read_upload(rows.encode("utf-8"), "企业.csv", kind="enterprises").report
    table, _fitted = report_view(report, lang)
    problems = [str(p) for p in table[t("ingest.report.problem", lang)]]
    said = r"与第\u00a0\d+\u00a0行同名" if lang == "zh" else r"as row\u00a0\d+ "
    assert any(re.search(said, p) for p in problems), problems
    assert not any(re.search(r"[第号] \d|\d [行位]|row \d", p) for p in problems), problems
    shown = ingest.report_for_download(report, lang)[t("ingest.report.problem", lang)]
    assert any(re.search(r"与第 \d+ 行同名" if lang == "zh" else r"as row \d+ ", str(p)) for p in shown)


def test_the_page_table_of_the_row_report_shows_a_value_as_written():
    """The English row report is an HTML table (walk 18 b2): a user's value or problem is escaped,
    shown as written, never as markup; the value and the problem wrap, the rest on one line."""
    from pages.data.managing import report_html

    table = pd.DataFrame(
        {
            "Row": [3],
            "Handling": ["Warning (kept)"],
            "Value given": ["<b>内部</b>"],
            "Problem": ["a & <i>b</i>"],
        }
    )
    out = report_html(table)
    assert "&lt;b&gt;内部&lt;/b&gt;" in out and "a &amp; &lt;i&gt;b&lt;/i&gt;" in out
    assert "<b>" not in out and "<i>" not in out
    assert out.count("white-space:nowrap") == 2 and out.count("overflow-wrap:break-word") == 2


WALK18_CSV = (
    "企业名称,所属镇,用地（亩）,入库税收（万元）,开票销售（万元）,统一社会信用代码,经度,纬度\n"
    "震泽蚕丝被业有限公司,震泽镇,83.9,310.4,19021.7,913205095000003736,120.495242,30.916076\n"
    "同里文旅制品有限公司,吴江开发区,6.0,40.0,900.0,913205095000003736,120.72,31.16\n"
).encode()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_code_two_firms_share_is_flagged_on_both_and_the_counts_add_up(user_store, lang):
    """Walk 18: (b1) a code on two firms kept and flagged on both rows; (b4) 所属镇 taken for the town;
    (b8) a row two checks flag is said, so the counts add up; (b5 ii) the coordinate columns named
    in the report, not `geometry`; (c3) a note leads with no stray "·"."""
    at = _data_page(lang)
    at.file_uploader(key="data_upload").set_value(("吴江亩均企业_2025.csv", WALK18_CSV, "text/csv")).run()
    assert at.selectbox(key=_k(at, "data_map_town")).value == "所属镇"
    at.radio(key=_k(at, "data_frame")).set_value("wgs84").run()
    at.button(key="data_read").click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("data.metric.failed", lang)] == "0" and metrics[t("data.metric.flagged", lang)] == "2"
    said = {
        "zh": "逐行核对：坐标为整数/过于整齐 1 行，统一社会信用代码有误或重复 2 行；其中 1 行不止一类问题",
        "en": "Row checks: coordinates whole numbers or too round: 1 row, credit code malformed or repeated:"
        " 2 rows; 1 row has more than one of these",
    }[lang]
    assert said in [w.value for w in at.warning], [w.value for w in at.warning]
    if lang == "en":  # a page table (walk 18 b2): its cells read from the HTML
        page = next(h.value for h in at.html if "atlas-row-report" in h.value)
        fields = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    else:
        report = next(df.value for df in at.dataframe if t("ingest.report.problem", lang) in df.value.columns)
        fields = report[t("ingest.report.field", lang)].tolist()
    assert fields.count("统一社会信用代码") == 2 and "经度/纬度" in fields and "geometry" not in fields
    assert not [c.value for c in at.caption if c.value.startswith("·")]

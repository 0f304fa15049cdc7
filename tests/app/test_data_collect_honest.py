"""The 数据归集 step says what it did (issue 23, walk9): a layer placed at its 区镇's points is saved
schematic with each row's placement, under an English title and the year its files state, and the
change log names the files it came from; a bad department file is reported with the page's own
hint beside the others' report, which has no "None" in it."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import ingest
from geo.storage import audit
from pages.common.display import markdown_text
from tests.fixtures.app import open_page
from tests.fixtures.collect import write_files

MIME = {".csv": "text/csv", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _upload(at, key: str, path, name=None) -> None:
    at.file_uploader(key=key).set_value((name or path.name, path.read_bytes(), MIME[path.suffix]))


def _in_towns(files) -> None:
    """The register's 区镇 as the built-in 区镇 (北区 → 盛泽镇, 中区 → 七都镇), no coordinates."""
    register = pd.read_excel(files["register"], dtype=str)
    register["所在区镇"] = register["所在区镇"].map({"北区": "盛泽镇", "中区": "七都镇"})
    register.to_excel(files["register"], index=False)


def test_a_layer_placed_by_town_is_saved_schematic_with_its_files_in_the_log(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    _in_towns(files)
    at = open_page("pages/data.py", timeout=180)
    _upload(at, "collect_register", files["register"])
    for dept in ("tax", "power"):
        _upload(at, f"collect_src_{dept}", files[dept])
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    assert at.number_input(key="collect_year").value == 2024  # 税务.csv: 「2024年度企业纳税明细」
    accuracy = at.selectbox(key="collect_accuracy")
    assert accuracy.options == ["示意", "合成"] and accuracy.value == "schematic"
    assert any("每家企业放在所在区镇的代表点上" in c.value for c in at.caption)
    at.text_input(key="collect_name").set_value("collected")
    at.button(key="FormSubmitter:collect_save_form-保存").click().run()
    assert not at.exception
    meta = ingest.list_user_layers(path=user_store).set_index("layer").loc["user_collected"]
    assert meta["accuracy"] == "schematic"
    assert meta["title_zh"] == "2024 年企业数据（数据归集）"
    assert meta["title_en"] == "2024 enterprise data (collected)"
    stored = ingest.load_user_layer("user_collected", path=user_store)
    assert stored["placement"].tolist() == ["zone"] * 7 and set(stored["year"]) == {2024}
    log = audit.audit_log(store=user_store)
    assert log["file_name"].tolist() == ["企业名录：企业名录.xlsx；税务：税务.csv；供电：供电.csv"]
    assert "数据归集_" not in " ".join(log["file_name"])


def test_a_bad_file_is_reported_with_the_page_hint_beside_the_others(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    at = open_page("pages/data.py", timeout=180)
    _upload(at, "collect_register", files["register"])
    _upload(at, "collect_src_tax", files["tax"])
    _upload(at, "collect_src_stats", files["land"])  # the 自然资源 file in the 统计 slot
    odd = tmp_path / "供电.csv"
    odd.write_text("户号,户名,备注\n3200001,苏州甲纺织有限公司,x\n", encoding="utf-8")
    _upload(at, "collect_src_power", odd)
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert (
        "统计：统计文件「自然资源.xlsx」中没有找到统计的数值列；这像是自然资源的文件。请把它上传到「自然资源」一栏"
        in errors
    )
    assert "供电：供电文件「供电.csv」中没有找到数值列" in errors
    assert "在「表头不同时：字段对应」中写一行 power.electricity_kwh=列名" in errors
    assert "--map" not in errors and "--source" not in errors
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["名录企业"] == "7" and metrics["已匹配行"] == "7"  # 税务's rows, collected meanwhile
    assert not at.get("progress")  # no bar left at 「读取 供电 …」
    summary = next(df for df in at.dataframe if "部门" in df.value.columns)
    assert summary.proto.placeholder == "—"  # a count that does not apply, never "None"
    assert summary.value.iloc[-1].tolist()[:3] == ["企业名录", "企业名录.xlsx", 7]
    assert pd.isna(summary.value.iloc[-1].tolist()[3])
    preview = next(df for df in at.dataframe if "企业编号" in df.value.columns)
    assert preview.proto.placeholder == "—"
    assert pd.isna(preview.value["税收（万元）"].iloc[5])  # F: its code mistyped, no tax matched


def test_the_english_form_lists_the_departments_in_english(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    at = open_page("pages/data.py", timeout=180, lang="en")
    _upload(at, "collect_register", files["register"])
    for dept in ("tax", "power"):
        _upload(at, f"collect_src_{dept}", files[dept])
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    assert at.text_input(key="collect_source").value == "Collected from: Tax office, Power company"
    assert at.text_input(key="collect_title").value == "2024 enterprise data (collected)"


def test_nothing_usable_reports_every_department_and_no_bar(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    at = open_page("pages/data.py", timeout=180, lang="en")
    _upload(at, "collect_register", files["register"])
    _upload(at, "collect_src_stats", files["land"])
    at.file_uploader(key="collect_src_power").set_value(("power.csv", b"", "text/csv"))
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Statistics office: No value column of the Statistics office found in “自然资源.xlsx”" in errors
    assert "Upload it under “Natural resources bureau”" in errors
    assert "Power company: The Power company file “power.csv” is empty" in errors
    assert not at.metric and not at.get("progress")


def test_files_stating_different_years_are_named_before_the_save(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    power = files["power"]
    power.write_bytes("2023年用电量明细,,\n".encode("utf-8-sig") + power.read_bytes())
    at = open_page("pages/data.py", timeout=180)
    _upload(at, "collect_register", files["register"])
    for dept in ("tax", "power"):
        _upload(at, f"collect_src_{dept}", files[dept])
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    named = f"{markdown_text('税务.csv')} 2024、{markdown_text('供电.csv')} 2023"  # as written
    assert [w.value for w in at.warning] == [f"各文件标题行写明的年份不一致：{named}。请确认数据年份。"]
    assert at.number_input(key="collect_year").value == 2024  # a tie: the later year

"""The 数据归集 step of the 数据管理 page under AppTest: the same files as on the command line give
the same table, the report's counts are shown before anything is saved, and the save stores the
year's enterprise layer with its per-value provenance."""

from __future__ import annotations

import math

import pytest

from geo import ingest
from tests.fixtures.app import open_page
from tests.fixtures.collect import CODES, EXPECTED, write_files

MIME = {".csv": "text/csv", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _upload(at, key: str, path) -> None:
    at.file_uploader(key=key).set_value((path.name, path.read_bytes(), MIME[path.suffix]))


def test_the_page_collects_shows_the_report_and_saves_the_year(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    at = open_page("pages/data.py", timeout=120)
    assert any(s.value.startswith("数据归集") for s in at.subheader)
    assert any("请上传企业名录和至少一个部门的文件" in i.value for i in at.info)
    _upload(at, "collect_register", files["register"])
    for dept in ("tax", "stats", "power", "land"):
        _upload(at, f"collect_src_{dept}", files[dept])
    at.run()
    assert not at.exception
    at.button(key="collect_run").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["名录企业"] == "7" and metrics["已匹配行"] == "26" and metrics["未匹配行"] == "3"
    assert metrics["代码校验不符"] == "1" and metrics["冲突"] == "0"
    assert ingest.list_user_layers(path=user_store).empty  # nothing saved before the clerk says so

    at.number_input(key="collect_year").set_value(2024)
    at.text_input(key="collect_name").set_value("enterprises_2024")
    at.button(key="FormSubmitter:collect_save_form-保存").click().run()
    assert not at.exception
    assert any("user_enterprises_2024" in s.value and "7 家企业" in s.value for s in at.success)
    stored = ingest.load_user_layer("user_enterprises_2024", path=user_store).set_index("ent_id")
    for key, expected in EXPECTED.items():
        for column, value in expected.items():
            got = stored.loc[CODES[key], column]
            assert math.isnan(got) if value is None else got == pytest.approx(value), (key, column)
    assert stored.loc[CODES["A"], "src_tax_wan_yuan"] == "税务.csv:3,4,5"
    assert stored.loc[CODES["A"], "year"] == 2024
    meta = ingest.list_user_layers(path=user_store).set_index("layer").loc["user_enterprises_2024"]
    assert "税务 税务.csv（SHA-256 " in meta["note"] and meta["kind"] == "enterprises"


def test_a_bad_register_is_refused_on_the_page_with_nothing_saved(tmp_path, user_store):
    files = write_files(tmp_path / "in")
    at = open_page("pages/data.py", timeout=120, lang="en")
    tax = files["tax"]
    at.file_uploader(key="collect_register").set_value(("register.csv", tax.read_bytes(), "text/csv"))
    _upload(at, "collect_src_tax", tax)
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    # In the page's language (geo/messages): the English UI shows the English sentence.
    assert any("has no unified social credit code column" in e.value for e in at.error)
    assert not [m for m in at.metric if m.label == "Register entries"]
    assert ingest.list_user_layers(path=user_store).empty


def test_the_enterprise_profile_names_the_source_of_each_collected_value(tmp_path, user_store):
    """Collected on the data page (no coordinates: each enterprise placed at its 区镇), evaluated
    on the efficiency page, and the profile says where each value came from."""
    import pandas as pd

    files = write_files(tmp_path / "in")
    register = pd.read_excel(files["register"], dtype=str)
    register["所在区镇"] = register["所在区镇"].map({"北区": "盛泽镇", "中区": "七都镇"})
    register.to_excel(files["register"], index=False)
    at = open_page("pages/data.py", timeout=180)
    _upload(at, "collect_register", files["register"])
    for dept in ("tax", "stats", "power", "land"):
        _upload(at, f"collect_src_{dept}", files[dept])
    at.run()
    at.button(key="collect_run").click().run()
    at.number_input(key="collect_year").set_value(2024)
    at.text_input(key="collect_name").set_value("collected")
    at.button(key="FormSubmitter:collect_save_form-保存").click().run()
    assert not at.exception
    stored = ingest.load_user_layer("user_collected", path=user_store)
    assert stored.geometry.notna().all()  # every enterprise at its 区镇's point
    at.session_state["eff_ents_src"] = "user_collected"
    at.session_state["eff_profile_id"] = CODES["A"]
    at.switch_page("pages/efficiency.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any("2024：" in c and "税收 450 万元 ← 税务.csv，3 行" in c for c in captions), captions
    assert any("用电量 1,500,000 千瓦时 ← 供电.csv，1 行" in c for c in captions)


def test_the_english_downloads_give_files_with_english_headers(tmp_path, user_store, monkeypatch):
    """The English page's assembled CSV and XLSX are made as a click makes them (the deferred
    download runs) and read back with their English headers, Yes/No and distinct provenance
    headers (the CSV once failed on two provenance columns both called “Rows”)."""
    import io

    import openpyxl
    import pandas as pd
    from streamlit.elements.widgets.button import ButtonMixin

    got = {}
    button = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        got[kwargs.get("file_name", "")] = data
        return button(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    files = write_files(tmp_path / "in")
    at = open_page("pages/data.py", timeout=120, lang="en")
    _upload(at, "collect_register", files["register"])
    for dept in ("tax", "stats", "power", "land"):
        _upload(at, f"collect_src_{dept}", files[dept])
    at.run()
    at.button(key="collect_run").click().run()
    assert not at.exception
    assert {"assembled.csv", "assembled.xlsx", "match_report.xlsx"} <= set(got)
    made = {name: data() if callable(data) else data for name, data in got.items()}
    csv = pd.read_csv(io.BytesIO(made["assembled.csv"]), encoding="utf-8-sig", dtype=str)
    assert list(csv.columns[:5]) == ["Enterprise ID", "Name", "Industry", "Town", "Land (mu)"]
    assert csv.set_index("Enterprise ID").loc[CODES["A"], "Above designated size"] == "Yes"
    assert csv.set_index("Enterprise ID").loc[CODES["A"], "Tax (10k yuan)"] == "450"  # a whole number as one
    wb = openpyxl.load_workbook(io.BytesIO(made["assembled.xlsx"]))
    assert wb.sheetnames == ["Assembled", "Provenance"]
    provenance = [c.value for c in wb["Provenance"][1]]
    assert "Row numbers" in provenance and "Number of rows" in provenance
    assert len(set(provenance)) == len(provenance)

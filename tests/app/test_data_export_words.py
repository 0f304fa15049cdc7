"""The data page's CSV and XLSX of an imported enterprise list read in the page's language (the walk
of round 6): the import warnings kept with each row under 需核对 / To check, written in that language
(stored in Chinese, as QGIS shows them), and 是否规上 as 是/否 or Yes/No, not False/True."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geo import ingest
from geo.ingest.report import FLAG_COLUMN
from tests.fixtures.app import open_page


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _recorded(monkeypatch) -> dict[str, object]:
    """The data (bytes or maker) of every CSV/XLSX download button drawn, by file name."""
    from streamlit.delta_generator import DeltaGenerator

    seen: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        if str(file_name).endswith((".csv", ".xlsx")):
            seen[str(file_name)] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return seen


def _save_firms(path) -> None:
    """Three firms: 甲 clean and 规上, 乙 without a credit code (numbered U00003), 丙 far outside
    Suzhou (Beijing): two rows flagged."""
    table = pd.DataFrame(
        {
            "统一社会信用代码": ["91320509MA1X00017N", None, "91320509MA1X00033C"],
            "企业名称": ["甲纺织有限公司", "乙丝绸有限公司", "丙远方有限公司"],
            "经度": [120.641234, 120.521234, 116.401234],
            "纬度": [31.161234, 30.931234, 39.901234],
            "用地面积（亩）": [30.0, 12.0, 8.0],
            "实缴税金（万元）": [300.0, 40.0, 20.0],
            "主营业务收入（万元）": [9000.0, 800.0, 500.0],
            "是否规上": ["是", "否", "否"],
        }
    )
    result = ingest.read_upload(
        table.to_csv(index=False).encode("utf-8-sig"),
        "名录.csv",
        kind="enterprises",
        frame="wgs84",
        mapping={**ingest.suggest_mapping(table.columns, "enterprises"), "ent_id": "统一社会信用代码"},
    )
    ingest.save_import(
        result, name="firms", title="盛泽企业", source="测试局", accuracy="transcribed", path=path
    )


def _tables(monkeypatch, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    seen = _recorded(monkeypatch)
    at = open_page("pages/data.py", timeout=120, lang=lang)
    at.multiselect(key="export_layers").set_value(["user_firms"]).run()
    assert not at.exception
    stem = "苏州产业布局图" if lang == "zh" else "Suzhou_industrial_layout"  # the export's default title
    (csv_name,) = [n for n in seen if n == f"{stem}.csv"]
    (xlsx_name,) = [n for n in seen if n == f"{stem}.xlsx"]
    csv, xlsx = (seen[csv_name], seen[xlsx_name])
    csv = pd.read_csv(io.BytesIO(csv() if callable(csv) else csv), encoding="utf-8-sig", dtype=str)
    book = pd.read_excel(io.BytesIO(xlsx() if callable(xlsx) else xlsx), sheet_name=None, dtype=str)
    return csv, book["盛泽企业"]


def test_the_stored_flags_stay_chinese_for_qgis(user_store):
    _save_firms(user_store)
    stored = ingest.load_user_layer("user_firms", path=user_store).set_index("name")
    assert stored.loc["乙丝绸有限公司", FLAG_COLUMN] == "编号为空，已按行号编为 U00003"
    assert stored.loc["丙远方有限公司", FLAG_COLUMN] == "位置远在苏州市范围以外，请核对坐标"


def test_the_chinese_export_heads_the_flags_and_writes_yes_no_in_chinese(monkeypatch, user_store):
    _save_firms(user_store)
    for table in _tables(monkeypatch, "zh"):
        assert FLAG_COLUMN not in table.columns
        rows = table.set_index("企业名称")
        assert rows["需核对"].fillna("").tolist() == [
            "",
            "编号为空，已按行号编为 U00003",
            "位置远在苏州市范围以外，请核对坐标",
        ]
        assert rows["是否规上"].tolist() == ["是", "否", "否"]  # not True/False


def test_the_english_export_writes_the_flags_and_yes_no_in_english(monkeypatch, user_store):
    _save_firms(user_store)
    for table in _tables(monkeypatch, "en"):
        assert FLAG_COLUMN not in table.columns
        rows = table.set_index("Name")
        assert rows["To check"].fillna("").tolist() == [
            "",
            "The id is empty: numbered U00003 after the row",
            "The location is far outside Suzhou: check the coordinates",
        ]
        assert rows["Above designated size"].tolist() == ["Yes", "No", "No"]

"""The low-efficiency list's CSV (用地强度 page): every column headed in the page's language, no
geometry, numbers as on screen, 区镇 and industries in English on the English page."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.exports.tables import csv_bytes
from geo.land import parcels as P
from geo.land import renewal
from pages.efficiency.fitting import CELL_PAD_PX, FLUSH_EDGE_PX, HEADER_PAD_PX, SUMMARY_PX, text_px
from pages.intensity.parcel_tabs import (
    LOG_SCREEN,
    LOW_SCREEN,
    contracts_screen,
    log_screen,
    low_export,
    low_headers,
    low_screen,
)


def _low() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["ZD-1"],
            "zone": ["七都镇"],
            "industry": ["高端纺织"],
            "area_mu": [365.53222187545043],
            "grant_year": [2018.0],
            "reasons": ["容积率低于控制下限"],
            "reasons_en": ["FAR below the control minimum"],
            "status": ["已认定"],  # as the 盘活 log holds it
        },
        geometry=[shapely.box(0, 0, 100, 100)],
        crs=4549,
    )


def test_the_low_efficiency_csv_reads_in_english():
    rows = list(csv.reader(io.StringIO(csv_bytes(low_export(_low(), "en"), lang="en").decode("utf-8-sig"))))
    assert rows == [
        ["Parcel ID", "Town/park", "Industry", "Area (mu)", "Year granted", "Reasons", "Status"],
        [
            "ZD-1",
            "Qidu Town",
            "High-end textiles",
            "365.53",
            "2018",
            "FAR below the control minimum",
            "Identified",
        ],
    ]


def test_the_low_efficiency_csv_reads_in_chinese():
    rows = list(csv.reader(io.StringIO(csv_bytes(low_export(_low(), "zh"), lang="zh").decode("utf-8-sig"))))
    assert rows[0][:5] == ["宗地编号", "区镇/园区", "行业", "宗地面积（亩）", "供地年份"]
    assert rows[1][1:7] == ["七都镇", "高端纺织", "365.53", "2018", "容积率低于控制下限", "已认定"]


def _low_full() -> gpd.GeoDataFrame:
    """Two parcels as the analysis lists them: the file's ``town`` beside the located ``zone``,
    flags, the rules' codes and how each found its enterprise."""
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["ZD-1", "ZD-2"],
            "town": ["七都镇", "平望镇"],
            "idle": [False, True],
            "join_method": ["id", "location"],
            "below_far": [True, False],
            "below_coverage": [False, False],
            "zone": ["七都镇", "平望镇"],
            "reason_keys": ["far_below_min", "idle"],
            "reasons": ["容积率低于控制下限", "闲置土地"],
            "reasons_en": ["FAR below the control minimum", "Idle land"],
            "status": ["已认定", "已认定"],
        },
        geometry=[shapely.box(0, 0, 100, 100), shapely.box(200, 0, 300, 100)],
        crs=4549,
    )


def _rows(lang: str) -> list[list[str]]:
    data = csv_bytes(low_export(_low_full(), lang), lang=lang).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data)))


def test_the_chinese_low_list_says_yes_no_and_words_with_one_town_column():
    """是/否 not True/False, 对应方式 in words not ``id``, the rules once in words (认定理由; 规则 held
    the same as codes: far_below_min), one 区镇 column (walk7 finding 4)."""
    assert _rows("zh") == [
        [
            "宗地编号",
            "闲置",
            "对应方式",
            "容积率低于下限",
            "建筑系数低于下限",
            "区镇/园区",
            "认定理由",
            "状态",
        ],
        ["ZD-1", "否", "按企业编号", "是", "否", "七都镇", "容积率低于控制下限", "已认定"],
        ["ZD-2", "是", "按位置（企业点位落在宗地内）", "否", "否", "平望镇", "闲置土地", "已认定"],
    ]


def test_the_english_low_list_says_yes_no_and_words_with_one_town_column():
    assert _rows("en") == [
        [
            "Parcel ID",
            "Idle",
            "Joined by",
            "FAR below minimum",
            "Coverage below minimum",
            "Town/park",
            "Reasons",
            "Status",
        ],
        [
            "ZD-1",
            "No",
            "by enterprise ID",
            "Yes",
            "No",
            "Qidu Town",
            "FAR below the control minimum",
            "Identified",
        ],
        [
            "ZD-2",
            "Yes",
            "by location (enterprise point in the parcel)",
            "No",
            "No",
            "Pingwang Town",
            "Idle land",
            "Identified",
        ],
    ]


def _listed() -> pd.DataFrame:
    """Two parcels as the page lists them: a long synthetic firm's name, a park and two reasons."""
    return pd.DataFrame(
        {
            "parcel_id": ["ZD-WJ13236-1", "ZD-WJ02646-1"],
            "zone": ["东太湖度假区（太湖新城）", "七都镇"],
            "area_mu": [365.53222187545043, 287.8],
            "reasons": ["容积率低于控制下限、建筑系数低于控制下限", "企业评价为 D 类"],
            "reasons_en": ["FAR below the control minimum; Building coverage below the control minimum", "x"],
            "reason_keys": ["far_below_min;coverage_below_min", "class_d"],
            "status": ["已认定", "已认定"],
            "ent_id": ["WJ13236", "WJ02646"],
            "ent_name": ["苏州开发区德顺智能科技有限公司（合成）", "苏州七都丰泰光缆有限公司（合成）"],
        }
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_low_efficiency_list_on_screen_is_read_whole_at_1280(lang):
    """Walk 18 c5: the English list's enterprise, last, ran off the table at 1280 ("苏州七…"). Its key
    columns come first and fit the table's width, an enterprise's name whole on its line (its mark on
    the next); the English page names the 区镇 and the reasons short, the download in full."""
    shown, fitted = low_screen(_listed(), lang)
    headers = low_headers(lang)
    assert list(shown.columns) == [headers[c] for c in LOW_SCREEN]
    assert LOW_SCREEN[:2] == ("parcel_id", "ent_name") and LOW_SCREEN[-1] == "ent_id"
    assert sum(list(fitted.widths.values())[:-1]) <= SUMMARY_PX
    name = shown[headers["ent_name"]].iloc[0]
    assert fitted.widths[headers["ent_name"]] >= text_px("苏州开发区德顺智能科技有限公司") + CELL_PAD_PX
    if lang == "en":
        assert name == "苏州开发区德顺智能科技有限公司 (synthetic)"
        assert shown[headers["zone"]].tolist() == ["East Taihu Lake", "Qidu"]
        assert shown[headers["reasons"]].tolist() == ["Low FAR; Low coverage", "Class D"]
        assert low_export(_listed(), "en")["Reasons"].iloc[0] == _listed()["reasons_en"].iloc[0]
    else:
        assert name == "苏州开发区德顺智能科技有限公司 （合成）"  # may break before its mark only
        assert sum(fitted.widths.values()) <= SUMMARY_PX  # the id in view too


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_contract_check_on_screen_has_its_key_columns_first_and_whole(lang):
    """The grant-contract table's key columns (宗地, 企业编号, 区镇, 面积, 结论, 未达标指标) first, each
    on one line within the table's width at 1280; the English 区镇 short, as in the list."""
    labels = P.RESULT_LABELS_EN if lang == "en" else P.RESULT_LABELS
    zones = pd.Series(["吴江高新区（盛泽镇）"], index=[7])
    table = pd.DataFrame(
        {
            labels["parcel_id"]: ["ZD-WJ13736-1"],
            labels["ent_id"]: ["WJ13736"],
            labels["zone"]: [
                "Wujiang Hi-tech Zone (Shengze Town)" if lang == "en" else "吴江高新区（盛泽镇）"
            ],
            labels["area_mu"]: [480.48],
            labels["verdict"]: ["Missed" if lang == "en" else "未达标"],
            labels["shortfalls"]: [
                "investment per mu; FAR; tax per mu" if lang == "en" else "投资强度、容积率、亩均税收"
            ],
        },
        index=[7],
    )
    screen, fitted = contracts_screen(table, zones, lang)
    assert list(fitted.widths) == list(table.columns) and fitted.row_px is None
    assert sum(fitted.widths.values()) <= FLUSH_EDGE_PX
    for col in table.columns[[0, 1, 2, 4, 5]]:
        assert text_px(screen[col].iloc[0]) + CELL_PAD_PX <= fitted.widths[col], col
    assert screen[labels["zone"]].iloc[0] == ("Shengze" if lang == "en" else "吴江高新区（盛泽镇）")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_contract_checks_promises_and_gaps_run_to_the_tables_edge_none_cut_there(lang):
    """At 1280 px the promises and gaps after the key columns were drawn at their default width, the
    last in view half cut at the table's right edge: those after the keys are shown while each fits
    whole (header and figures), the last shown widened to the edge, the next a sideways scroll away."""
    labels = P.RESULT_LABELS_EN if lang == "en" else P.RESULT_LABELS
    keys = {
        "parcel_id": "ZD-WJ13736-1",
        "ent_id": "WJ13736",
        "zone": "吴江高新区（盛泽镇）",
        "area_mu": 480.48,
        "verdict": "Missed" if lang == "en" else "未达标",
        "shortfalls": "investment per mu; FAR" if lang == "en" else "投资强度、容积率",
    }
    later = {
        "promised_invest_per_mu_wan_yuan": 450.0,
        "invest_per_mu_wan_yuan": 1234.56,
        "gap_invest_per_mu": -784.56,
        "promised_far": 1.2,
        "far": 0.85,
        "gap_far": -0.35,
        "promised_tax_per_mu_wan_yuan": 30.0,
        "tax_per_mu_wan_yuan": 12.5,
        "gap_tax_per_mu": -17.5,
        "promised_full_year": 2019,
    }
    table = pd.DataFrame({labels[k]: [v] for k, v in {**keys, **later}.items()}, index=[7])
    _, fitted = contracts_screen(table, pd.Series([keys["zone"]], index=[7]), lang)
    shown = list(fitted.widths)
    assert shown == list(table.columns[: len(shown)])
    assert len(shown) > len(keys) or lang == "en"  # the long English headers a scroll away
    assert sum(fitted.widths.values()) == FLUSH_EDGE_PX  # to the edge, not beyond
    for col in shown[len(keys) :]:  # each later one whole: its header and its figure
        value = table[col].iloc[0]
        assert text_px(col) + HEADER_PAD_PX <= fitted.widths[col], col
        assert text_px(f"{value:,.2f}") + CELL_PAD_PX <= fitted.widths[col], col


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_renewal_log_on_screen_shows_what_changed_and_its_note_first(lang):
    """The 盘活 log at 1280: the parcel, its new status and method, the date and the note first, in the
    table's width (a note ran off its right edge after 修改人 and 修改时间), a long Chinese note wrapped."""
    log = pd.DataFrame(
        {
            "parcel_id": ["ZD-WJ13236-1"],
            "status": ["处置中"],
            "method": ["技改提升"],
            "status_date": ["2026-11-30"],
            "old_status": ["已认定"],
            "old_method": [""],
            "old_status_date": [""],
            "changed_by": ["单用户模式"],
            "changed_at": ["2026-12-07T21:56:52+00:00"],
            "note": ["与企业协商中，拟于 2027 年上半年完成收购储备，" * 3],
            "typed_by": [""],
        }
    )
    shown, fitted = log_screen(log, lang)
    labels = renewal.LOG_LABELS_EN if lang == "en" else renewal.LOG_LABELS
    assert list(shown.columns[:5]) == list(fitted.widths) == [labels[c] for c in LOG_SCREEN]
    assert LOG_SCREEN[-1] == "note" and sum(fitted.widths.values()) <= SUMMARY_PX
    assert fitted.row_px is not None  # the note wrapped, on as many lines as its row holds

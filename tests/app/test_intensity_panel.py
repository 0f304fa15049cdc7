"""用地强度's parcel panel (issue 23 walk): a year reads 2016, not 2,016.00, and the English page names
the parcel's 区镇 and industry in English; a town's figures with separators and their decimals, a
parcel's 盘活 status, method and date each under its label."""

from __future__ import annotations

import pandas as pd

from layers.intensity import METRICS
from pages.intensity.parcel_tabs import panel_value, status_items
from pages.intensity.zones import town_figures


def test_a_grant_year_is_whole_and_other_figures_have_two_decimals():
    assert panel_value("grant_year", 2016.0, "en") == "2016"
    assert panel_value("area_mu", 12345.678, "zh") == "12,345.68"
    assert panel_value("far", float("nan"), "zh") == "—"
    assert panel_value("ent_name", "", "zh") == "—"


def test_the_english_panel_names_the_town_and_the_industry_in_english():
    assert panel_value("zone", "七都镇", "en") == "Qidu Town"
    assert panel_value("industry", "高端装备", "en") == "High-end equipment"
    assert panel_value("zone", "七都镇", "zh") == "七都镇"
    assert panel_value("ent_name", "苏州某某有限公司", "en") == "苏州某某有限公司"


def test_a_tracked_parcels_status_method_and_date_each_under_its_label():
    """The details ran them together: "In progress Upgrade 2026-11-30" (「处置中 技改提升 2026-11-30」)."""
    tracked = pd.Series({"status": "处置中", "method": "技改提升", "status_date": "2026-11-30"})
    assert status_items(tracked, "en") == [
        ("Status", "In progress"),
        ("Method", "Upgrade"),
        ("Status date", "2026-11-30"),
    ]
    assert status_items(tracked, "zh") == [
        ("状态", "处置中"),
        ("处置方式", "技改提升"),
        ("状态日期", "2026-11-30"),
    ]
    identified = pd.Series({"status": "已认定", "method": "", "status_date": None})
    assert status_items(identified, "zh") == [("状态", "已认定")]  # no method, no date: none shown


def test_a_towns_figures_have_thousands_separators_and_their_tables_decimals():
    """The town panel wrote its total tax "203477 万元" and its land "12,490 亩"."""
    row = pd.Series(
        {
            "n_enterprises": 2345,
            **dict.fromkeys(METRICS, 1234.5),
            "land_mu": 12490.372,
            "tax_wan_yuan": 203477.123,
        }
    )
    zh = dict(town_figures(row, "zh"))
    assert zh["税收合计"] == "203,477.12 万元" and zh["用地合计"] == "12,490.37 亩"
    assert list(zh.values())[:7] == ["2,345", *["1,234.50"] * 6]  # the count whole, the metrics
    en = dict(town_figures(row, "en"))
    assert en["Total tax"] == "CNY 2.03 billion" and en["Total land"] == "12,490.37 mu"

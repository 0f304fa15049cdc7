"""用地强度's parcel panel (issue 23 walk): a year reads 2016, not 2,016.00, and the English page names
the parcel's 区镇 and industry in English."""

from __future__ import annotations

from pages.intensity.parcel_tabs import panel_value


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

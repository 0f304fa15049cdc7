"""The column catalogue (geo/catalogue.py, geo/catalogue.yaml): headers matched as officials write
them, units read from the header, yes/no cells as people type them, the 规上 sales threshold."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import catalogue


def test_headers_match_whatever_the_brackets_and_separators():
    for header in ("用地面积（亩）", "用地面积(亩)", "用地面积 亩", "用地面积【亩】"):
        assert catalogue.norm_header(header) == "用地面积亩"
    assert catalogue.norm_header("Tax_Wan-Yuan") == "taxwanyuan"


@pytest.mark.parametrize(
    ("header", "key", "factor"),
    [
        ("税收（元）", "tax_wan_yuan", 0.0001),  # 1 元 = 0.0001 万元
        ("税收（万元）", "tax_wan_yuan", 1.0),
        ("税收", "tax_wan_yuan", 1.0),  # no unit written: the standard one
        ("用地面积（平方米）", "land_mu", 0.0015),  # 1 亩 = 2000/3 m²
        ("whatever", "not_a_column", 1.0),
    ],
)
def test_the_unit_written_in_a_header_gives_the_factor(header, key, factor):
    assert catalogue.header_unit_factor(header, key) == pytest.approx(factor)


def test_suggested_columns_for_an_official_enterprise_table():
    headers = ["企业名称", "用地面积（亩）", "实缴税金（万元）", "销售收入（万元）", "经度", "纬度", "备注"]
    assert catalogue.suggest_columns(headers, "enterprises") == {
        "name": "企业名称",
        "land_mu": "用地面积（亩）",
        "sales_wan_yuan": "销售收入（万元）",
        "tax_wan_yuan": "实缴税金（万元）",
    }
    assert catalogue.required("enterprises", "evaluation") == (
        "ent_id",
        "land_mu",
        "sales_wan_yuan",
        "tax_wan_yuan",
        "above_scale",
    )


def test_yes_no_cells_as_people_type_them():
    cells = ["是", "规下", "1.0", 1, 0.0, True, "√", " 规模以上 ", "x", "", None]
    parsed = [catalogue.parse_yes_no(v) for v in cells]
    assert parsed[:8] == [True, False, True, True, False, True, True, True]
    assert parsed[8] is None  # neither: the importer reports the row
    assert parsed[9] is pd.NA and parsed[10] is pd.NA  # empty


def test_the_above_scale_threshold_comes_from_the_yaml(tmp_path):
    assert catalogue.above_scale_min_sales_wan_yuan() == 2000.0  # 主营业务收入 2000 万元 (统计标准)
    other = tmp_path / "catalogue.yaml"
    other.write_text("above_scale_from_sales:\n  min_sales_wan_yuan: 500\n", encoding="utf-8")
    assert catalogue.above_scale_min_sales_wan_yuan(other) == 500.0

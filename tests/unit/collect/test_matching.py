"""Matching and assembling rules, each on a tiny inline table with a hand-worked answer."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.collect import SourceInput, collect
from geo.collect.industries import classify_codes, load_crosswalk
from geo.collect.matching import normalize_name
from geo.errors import DataValidationError
from tests.fixtures.collect import CODES, ORGS, credit_code, org_check


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def _register(**extra) -> SourceInput:
    frame = pd.DataFrame(
        {
            "统一社会信用代码": [CODES["A"], CODES["B"], CODES["C"], CODES["D"]],
            "企业名称": ["甲有限公司", "乙有限公司", "丙有限公司", "丙有限公司"],
            **extra,
        }
    )
    return SourceInput("register", "名录.csv", _csv(frame))


def _one(dept: str, frame: pd.DataFrame, register: SourceInput | None = None):
    return collect(register or _register(), [SourceInput(dept, f"{dept}.csv", _csv(frame))])


def test_names_are_normalised_for_matching_only():
    assert normalize_name("吴江丙（苏州） 机械有限公司") == normalize_name("吴江丙(苏州)机械有限公司")
    assert normalize_name("ABC【苏州】有限公司") == normalize_name("abc(苏州)有限公司")
    assert normalize_name("甲有限公司") != normalize_name("甲有限责任公司")


def test_a_name_shared_by_two_register_entries_is_never_joined():
    power = pd.DataFrame(
        {
            "户号": ["1", "2", "3"],
            "户名": ["丙有限公司", "甲有限责任公司", "甲有限公司"],
            "用电量": [100, 200, 300],
        }
    )
    result = _one("power", power)
    rows = result.departments["power"].rows.set_index("row")
    assert rows.loc[2, "reason"] == "ambiguous" and rows.loc[2, "pos"] == -1
    assert rows.loc[3, "reason"] == "not_found"  # 有限责任公司 is not 有限公司
    assert rows.loc[3, "suggestion"] == f"{CODES['A']} 甲有限公司"  # a near-miss: suggested, not joined
    assert rows.loc[4, "method"] == "name"
    table = result.assembled.set_index("ent_id")
    assert table.loc[CODES["A"], "electricity_kwh"] == 300
    assert math.isnan(table.loc[CODES["C"], "electricity_kwh"])


def test_two_values_for_one_enterprise_in_a_one_row_department_are_a_conflict():
    stats = pd.DataFrame(
        {
            "统一社会信用代码": [CODES["A"], CODES["A"], CODES["B"], CODES["B"]],
            "营业收入": [1000, 1200, 500, 500],
            "从业人员期末人数": [10, 10, 5, 5],
        }
    )
    result = _one("stats", stats)
    table = result.assembled.set_index("ent_id")
    assert math.isnan(table.loc[CODES["A"], "sales_wan_yuan"])  # 100 or 120 万元: left empty, reported
    assert table.loc[CODES["A"], "employees"] == 10  # the same value twice is no conflict
    assert table.loc[CODES["B"], "sales_wan_yuan"] == pytest.approx(50)  # 千元 by default for 统计
    conflicts = result.departments["stats"].conflicts
    assert conflicts[["ent_id", "column", "values", "rows"]].values.tolist() == [
        [CODES["A"], "sales_wan_yuan", "100；120", "2,3"]
    ]


def test_an_account_matched_to_two_enterprises_is_reported():
    power = pd.DataFrame({"户号": ["9", "9"], "统一社会信用代码": [CODES["A"], CODES["B"]], "用电量": [1, 2]})
    twice = _one("power", power).departments["power"].twice
    assert twice.values.tolist() == [["9", f"{CODES['A']}；{CODES['B']}", "2,3"]]


def _wrong_org(body: str) -> str:
    """``body`` + a check character that is not the right one."""
    return body + ("0" if org_check(body) != "0" else "1")


def test_an_organisation_code_failing_its_check_matches_only_when_exact():
    wrong = _wrong_org("MA1K0011")
    early = "91320509" + wrong + "0"  # an early register code whose check characters fail
    register = SourceInput(
        "register",
        "名录.csv",
        _csv(pd.DataFrame({"统一社会信用代码": [early, CODES["B"]], "企业名称": ["早", "乙"]})),
    )
    stats = pd.DataFrame({"组织机构代码": [wrong, _wrong_org(ORGS["B"][:8])], "营业收入（万元）": [10, 20]})
    result = _one("stats", stats, register)
    rows = result.departments["stats"].rows.set_index("row")
    assert rows.loc[2, "method"] == "org_code" and rows.loc[2, "check"] == "org"  # exact: matched, warned
    assert rows.loc[3, "pos"] == -1 and rows.loc[3, "reason"] == "bad_code"  # not exact: not matched
    assert rows.loc[3, "suggestion"] == f"{CODES['B']} 乙"  # same 8-character body
    assert result.register_checks["ent_id"].tolist() == [early]
    assert result.assembled.set_index("ent_id").loc[early, "sales_wan_yuan"] == 10


def test_a_row_with_a_code_is_never_matched_by_its_name():
    other = credit_code("MA1Z0099".replace("Z", "Y"))
    tax = pd.DataFrame({"纳税人识别号": [other], "纳税人名称": ["甲有限公司"], "实缴金额": [10000]})
    rows = _one("tax", tax).departments["tax"].rows
    assert rows["pos"].tolist() == [-1] and rows["reason"].tolist() == ["not_found"]
    assert rows["suggestion"].tolist() == [f"{CODES['A']} 甲有限公司"]


def test_tax_without_unit_is_read_in_yuan_and_long_rows_are_summed():
    tax = pd.DataFrame(
        {
            "纳税人识别号": [CODES["A"]] * 3,
            "税种": ["增值税", "企业所得税", "印花税"],
            "实缴金额": ["1,000,000", "５００００", ""],
        }
    )
    result = _one("tax", tax)
    assert result.assembled.set_index("ent_id").loc[CODES["A"], "tax_wan_yuan"] == pytest.approx(105)
    prov = result.provenance
    assert prov[["column", "rows", "n_rows", "unit"]].values.tolist() == [["tax_wan_yuan", "2,3", 2, "元"]]


def test_unreadable_numbers_are_reported_not_counted():
    tax = pd.DataFrame({"纳税人识别号": [CODES["A"], CODES["A"]], "实缴金额": ["12万", "-5"]})
    result = _one("tax", tax)
    assert math.isnan(result.assembled.set_index("ent_id").loc[CODES["A"], "tax_wan_yuan"])
    assert result.departments["tax"].bad_values["row"].tolist() == [2, 3]


def test_a_file_without_values_or_a_register_without_codes_is_refused():
    with pytest.raises(DataValidationError, match="没有找到数值列"):
        _one("tax", pd.DataFrame({"纳税人识别号": [CODES["A"]], "备注": ["x"]}))
    register = SourceInput("register", "名录.csv", _csv(pd.DataFrame({"企业名称": ["甲"], "区镇": ["北区"]})))
    with pytest.raises(DataValidationError, match="没有统一社会信用代码列"):
        _one("tax", pd.DataFrame({"纳税人识别号": [CODES["A"]], "实缴金额": [1]}), register)


def test_industry_codes_map_to_the_plan_and_divisions_and_old_or_unknown_codes_are_reported():
    crosswalk = load_crosswalk()
    codes = pd.Series(["C1711", "3833", "3921", "1399", "4411", "C17A1", None])
    out = classify_codes(codes, crosswalk)
    assert out["industry"].tolist()[:4] == ["高端纺织", "光电通信", "光电通信", "其他制造业"]
    assert out["industry_division"].tolist()[:4] == ["17", "38", "39", "13"]
    assert out["industry_problem"].tolist() == ["", "", "", "", "not_manufacturing", "malformed", ""]
    old = classify_codes(pd.Series(["1711"]), crosswalk, header="行业代码(GB/T 4754-2011)")
    assert old["industry_problem"].tolist() == ["edition_2011"] and old["industry"].isna().all()


def test_emissions_and_industry_codes_from_the_departments():
    env = pd.DataFrame({"统一社会信用代码": [CODES["A"], CODES["A"]], "排放当量": ["12.5", "7.5"]})
    stats = pd.DataFrame({"统一社会信用代码": [CODES["B"]], "营业收入": [1000], "行业代码": ["C1761"]})
    register = _register()
    result = collect(
        register,
        [SourceInput("env", "env.csv", _csv(env)), SourceInput("stats", "stats.csv", _csv(stats))],
    )
    table = result.assembled.set_index("ent_id")
    assert table.loc[CODES["A"], "emission_equiv"] == pytest.approx(20)
    assert table.loc[CODES["B"], "industry"] == "高端纺织"  # the register has no code: 统计's is used
    assert table.loc[CODES["B"], "industry_division"] == "17"
    assert pd.isna(table.loc[CODES["A"], "industry"])

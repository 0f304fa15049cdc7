"""geo/yearly/notice.py: the 公示 workbook (sheets and their titles, class lists, print set-up of the
lists and the cover, period in dates) on the hand-worked two-year fixture (tests/fixtures/years.py),
and config_summary: the weights a briefing names are the ones the evaluation used."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from geo import yearly
from geo.evaluation import default_config
from geo.yearly.notice import config_summary, group_sheet_title, notice_xlsx_bytes
from geo.yearly.period import ObjectionPeriod
from tests.fixtures import years as fx


def test_the_summary_names_the_configured_weights_and_those_used():
    config = default_config()
    # 规上: 单位排放税收 (10) had no data: its weight went to the other five, in proportion (× 100/90).
    above = {k: v * 100 / 90 for k, v in config.weights_above_scale.items()}
    above["tax_per_emission_equiv_wan_yuan"] = 0.0
    used = pd.DataFrame([above, dict(config.weights_below_scale)], index=["规上", "规下"]).fillna(0.0)
    configured = config_summary(config, "zh")
    assert "单位排放税收 10" in configured
    shown = config_summary(config, "zh", used=used)
    # both figures, labelled (the PNG, the CSV/XLSX and the page say the same)
    assert "规上：配置权重 亩均税收 40、亩均销售收入 20、单位能耗税收 10、单位排放税收 10" in shown
    assert (
        "单位排放税收缺数据不计，其余按比例放大为 亩均税收 44.44、亩均销售收入 22.22、单位能耗税收 11.11"
        in shown
    )
    assert "（合计 100）；规下：亩均税收 70、单位用电税收 30（合计 100）" in shown
    assert "total 100" in config_summary(config, "en", used=used)


def test_notice_xlsx_is_a_notice():
    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    res = ev[2022]
    data = notice_xlsx_bytes(
        res.enterprises,
        fx.CONFIG,
        res.benchmarks,
        year=2022,
        title="2022 年度评价结果公示",
        filters="区镇：全部",
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    # then one list per group (issue 24): the size split's 规上 and 规下 under 3 亩 (no 规下 ≥ 3 亩 here)
    assert wb.sheetnames == [
        "公示",
        "A 类名单",
        "B 类名单",
        "C 类名单",
        "D 类名单",
        "T 类名单",
        "规上名单",
        "规下（不足 3 亩）名单",
    ]
    cells = [c for row in wb["公示"].iter_rows(values_only=True) for c in row if c is not None]
    assert cells[0] == "2022 年度评价结果公示"
    assert "评价年份：2022" in cells and "范围：区镇：全部" in cells
    assert any(isinstance(c, str) and c.startswith("综合得分 = Σ") for c in cells)
    assert "按得分线：A ≥ 80 分，B ≥ 50，C ≥ 25，其余 D" in cells
    assert "亩均税收（万元/亩）" in cells and 100.0 in cells  # the weight
    assert 10.0 in cells  # the fixed benchmark
    # Class lists: A = N2 (95), P2 (85); T = P6, N1 with their reasons.
    for cls, ids in (
        ("A", ["N2", "P2"]),
        ("B", ["P1"]),
        ("C", ["P3", "P4"]),
        ("D", ["P5"]),
        ("T", ["P6", "N1"]),
    ):
        rows = list(wb[f"{cls} 类名单"].iter_rows(min_row=2, values_only=True))
        assert [r[1] for r in rows] == ids, cls
        assert f"{cls} 类（" in " ".join(str(c) for c in cells)
    t_rows = list(wb["T 类名单"].iter_rows(min_row=2, values_only=True))
    assert t_rows[1][-1] == "不参评：投产不满 2 年"


def test_the_notice_prints_and_says_its_period_in_dates():
    """Issue 23 item 11: the 公示 workbook had no print set-up and its period read "3 天"."""
    from datetime import date

    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    data = notice_xlsx_bytes(
        ev[2022].enterprises,
        fx.CONFIG,
        ev[2022].benchmarks,
        year=2022,
        title="公示",
        filters="全部",
        period=ObjectionPeriod(days=5, unit="calendar_days"),
        when=date(2026, 12, 7),
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in wb["公示"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("公示期：2026-12-07 至 2026-12-11（共 5 天）" in c for c in cells)
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert wb["A 类名单"].print_title_rows == "$1:$1"


def _chinese(text: str) -> list[str]:
    """The Chinese characters and full-width marks in ``text``."""
    return [ch for ch in text if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"]


def test_the_english_words_are_english_and_the_chinese_ones_unchanged():
    """Issue 25 item 4: the words come from the catalogue (geo/messages/yearly.py); English has no
    、-joined lists, full-width marks or Chinese labels — only the proper names given (industries)."""
    from geo.yearly.notice import filters_text, group_method_rows, method_text, parameter_rows
    from geo.yearly.surcharges import class_rates_text, surcharge_labels

    config = default_config()
    benchmarks = pd.DataFrame({"tax_per_mu_wan_yuan": [30.0]}, index=["规上"])
    names = config.exclusion_industries
    assert names == ("电力、热力生产和供应业", "燃气生产和供应业", "水的生产和供应业")
    english = [
        method_text(config, "en"),
        config_summary(config, "en"),
        *(
            text
            for row in parameter_rows(config, benchmarks, year=2022, filters="all", lang="en").values
            for text in row
        ),
        *(
            text
            for g in ("规上", "规下", "其他")
            for row in group_method_rows(config, g, benchmarks, "en")
            for text in row
        ),
        *(class_rates_text(config, c, y, "en") for c in "ABCD" for y in (None, 2022)),
        *surcharge_labels(config, "en").values(),
    ]
    for text in english:
        bare = text
        for name in names:
            bare = bare.replace(name, "")
        assert not _chinese(bare), text
    assert "Benchmark · Above designated size · Tax per mu (10k yuan/mu)" in english
    assert (
        "enterprises of excluded industries (Production and supply of electric power and heat, "
        "Production and supply of gas, Production and supply of water)"
        " and those in production under 2 years are class T (not scored)" in english[0]
    )
    assert english[0].endswith("rest D (above and below designated size ranked separately).")
    assert (
        class_rates_text(config, "D", 2022, "en")
        == "power surcharge +0.3 yuan/kWh; sewage surcharge +0.17 yuan/m³"
    )
    zh_rates = "差别电价 +0.3 元/千瓦时；差别化污水处理费 +0.17 元/立方米"
    assert class_rates_text(config, "D", 2022, "zh") == zh_rates
    # the scope line in one language each (issue 23 item 5)
    scope = {
        "Towns/parks": ["吴江高新区（盛泽镇）", "七都镇"],
        "Industries": ["High-end textiles"],
        "Size": [],
    }
    assert (
        filters_text(scope, "en")
        == "Towns/parks: 吴江高新区（盛泽镇）, 七都镇; Industries: High-end textiles; Size: all"
    )
    scope_zh = {"区镇/园区": ["吴江高新区（盛泽镇）", "七都镇"], "行业": ["高端纺织"], "规模": []}
    assert (
        filters_text(scope_zh, "zh") == "区镇/园区：吴江高新区（盛泽镇）、七都镇；行业：高端纺织；规模：全部"
    )
    assert method_text(config, "zh").startswith(
        "综合得分 = Σ（指标值 ÷ 基准值 × 权重）± 加减分；基准值 = 本组（规上、规下各自）汇总均值 × 2；"
    )
    assert "电力、热力生产和供应业、燃气生产和供应业、水的生产和供应业等行业与投产不满 2 年" in method_text(
        config, "zh"
    )


def test_a_hyperlink_name_is_text_in_every_list_of_the_streamed_workbook():
    """The 公示 workbook is written row by row (openpyxl write-only, geo/exports/streamed.py): a name
    that is a formula, one that reads like an Excel error and a formula-like title stay text in the
    公示 sheet, the class list and the group list; the lists keep their header frozen and printed."""
    from datetime import date

    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    firms = ev[2022].enterprises.copy()
    firms["name"] = firms["name"].astype(object)
    link = '=HYPERLINK("http://evil.example/x","点我")'
    firms.loc[firms["ent_id"] == "N2", "name"] = link
    firms.loc[firms["ent_id"] == "P2", "name"] = "#N/A"
    data = notice_xlsx_bytes(
        firms, fx.CONFIG, ev[2022].benchmarks, year=2022, title="+1-1", filters="@x", when=date(2026, 12, 7)
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type in ("f", "e")]
    title = wb["公示"]["A1"]
    assert (title.value, title.quotePrefix) == ("+1-1", True) and title.font.b and title.font.sz == 14
    assert wb["公示"]["A3"].value == "范围：@x"  # not at the start of the cell: left as it is
    for sheet, n2_row in (("公示", None), ("A 类名单", 2), ("规上名单", 7)):
        rows = list(wb[sheet].iter_rows())
        n2 = next(r for r in rows if r[1].value == "N2") if n2_row is None else rows[n2_row - 1]
        p2 = next(r for r in rows if r[1].value == "P2")
        assert (n2[1].value, n2[2].value, n2[2].data_type) == ("N2", link, "s"), sheet
        assert n2[2].quotePrefix and not p2[2].quotePrefix, sheet
        assert (p2[2].value, p2[2].data_type) == ("#N/A", "s"), sheet
        assert n2[0].data_type == "n" and n2[0].value == 1 and n2[7].value == 95.0  # number, score
    assert (wb["A 类名单"].freeze_panes, wb["A 类名单"].print_title_rows) == ("A2", "$1:$1")
    group = wb["规上名单"]
    assert group["A6"].value == "序号" and (group.freeze_panes, group.print_title_rows) == ("A7", "$6:$6")


def test_the_english_edition_has_the_same_rows_in_english():
    """Issue 23 item 5: the 公示 workbook from the English page came in Chinese only. The English
    edition: same rows, English headers, sheet names, groups, classes, sizes, industries and
    statuses, the scope line in English alone; the Chinese edition is unchanged."""
    ev = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    res = ev[2022]
    args = (res.enterprises, fx.CONFIG, res.benchmarks)
    english = openpyxl.load_workbook(
        io.BytesIO(
            notice_xlsx_bytes(*args, year=2022, title="Results 2022", filters="Towns/parks: all", lang="en")
        )
    )
    chinese = openpyxl.load_workbook(
        io.BytesIO(notice_xlsx_bytes(*args, year=2022, title="2022 年度评价结果公示", filters="区镇：全部"))
    )
    assert english.sheetnames == [
        "Notice",
        "Class A",
        "Class B",
        "Class C",
        "Class D",
        "Class T",
        "Above designated size list",
        "Below designated size, < 3 mu",  # (Excel's 31 characters: no " list")
    ]
    rows = list(english["Notice"].iter_rows(values_only=True))
    cells = [c for row in rows for c in row if isinstance(c, str)]
    assert "Scope: Towns/parks: all" in cells
    assert ("Above designated size", "Tax per mu (10k yuan/mu)", 100) in [r[:3] for r in rows]
    assert ("Below designated size", "Tax per mu (10k yuan/mu)", 10) in [r[:3] for r in rows]  # the benchmark
    assert "Class A (Prioritise): 2 enterprises" in cells
    head = (
        "No.",
        "Enterprise ID",
        "Enterprise name",
        "Town/park",
        "Industry",
        "Size",
        "Land (mu)",
        "Score (points)",
        "Class",
        "Status",
    )
    t_rows = list(english["Class T"].iter_rows(values_only=True))
    assert t_rows[0] == head
    assert t_rows[1:] == [
        (
            1,
            "P6",
            "企业P6",
            "甲镇",
            "High-end equipment",
            "Below designated size",
            2,
            None,
            "T",
            "Not scored: below designated size on less than 3 mu",
        ),
        (
            2,
            "N1",
            "企业N1",
            "乙镇",
            "High-end equipment",
            "Above designated size",
            8,
            None,
            "T",
            "Not scored: in production under 2 years",
        ),
    ]
    # the same rows as the Chinese edition, list by list
    for cls in "ABCDT":
        ids_en = [r[1] for r in english[f"Class {cls}"].iter_rows(min_row=2, values_only=True)]
        ids_zh = [r[1] for r in chinese[f"{cls} 类名单"].iter_rows(min_row=2, values_only=True)]
        assert ids_en == ids_zh, cls
    # no Chinese in any header, label or word of the English edition but the names the data gives
    proper = {"企业P1", "企业P2", "企业P3", "企业P4", "企业P5", "企业P6", "企业N1", "企业N2", "甲镇", "乙镇"}
    proper |= {"燃气生产和供应业"}  # the configured excluded industry, named in the method
    for ws in english.worksheets:
        for row in ws.iter_rows(values_only=True):
            for c in row:
                if isinstance(c, str):
                    bare = c
                    for name in proper:
                        bare = bare.replace(name, "")
                    assert not _chinese(bare), (ws.title, c)
    group = list(english["Below designated size, < 3 mu"].iter_rows(values_only=True))
    assert group[0][0] == "Results 2022 · Below designated size, < 3 mu (1 enterprise)"
    # the Chinese edition keeps its Chinese words
    assert chinese.sheetnames[-1] == "规下（不足 3 亩）名单"
    assert list(chinese["T 类名单"].iter_rows(values_only=True))[2][-1] == "不参评：投产不满 2 年"


def test_a_group_sheet_is_titled_without_a_stray_space():
    assert group_sheet_title("规上", "zh") == "规上名单"
    assert group_sheet_title("规下（≥3亩）", "zh") == "规下（≥3亩）名单"
    assert group_sheet_title("Group A", "zh") == "Group A 名单"  # a space after a Latin letter
    assert group_sheet_title("Above designated size", "en") == "Above designated size list"
    assert fx.uneven_notice("zh").sheetnames[6:] == ["规上名单", "规下（不足 3 亩）名单"]
    # (a name over Excel's 31 characters is cut between words: the sheet's A1 names the group whole)
    english = fx.uneven_notice("en").sheetnames[6:]
    assert english[0] == "Above designated size list" and not [n for n in english if "  " in n], english


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cover_sheet_is_printed_as_its_lists(lang):
    wb = fx.uneven_notice(lang)
    cover, listed = wb.worksheets[0], wb.worksheets[1]
    assert listed.freeze_panes == "A2" and listed.print_title_rows == "$1:$1"
    # the notice's title frozen above the scrolling rows and printed atop every page
    assert cover.freeze_panes == "A2" and cover.print_title_rows == "$1:$1"
    assert cover.page_setup.orientation == listed.page_setup.orientation == "landscape"
    assert cover.page_setup.paperSize == listed.page_setup.paperSize

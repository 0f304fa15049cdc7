"""walk10's findings 3 and 6: on 公示 › 逐企业结果 the class beside the score; on 比较版本 a score
change that rounds to nothing reads 0.00 (never -0.00), and the key columns (class either side, the
change, the inputs that changed) come first, so they are in view at 1280 px."""

from __future__ import annotations

import math

import pandas as pd

from pages.publication.editor import compare_view, signed_change


def test_a_change_rounding_to_nothing_is_zero_without_a_sign():
    assert [signed_change(v) for v in (-0.001, 0.004, 0.0, -1.25, 3.3, 1234.5, math.nan)] == [
        "0.00",
        "0.00",
        "0.00",
        "-1.25",
        "+3.30",
        "+1,234.50",
        "—",
    ]


def test_the_key_columns_come_first():
    table = pd.DataFrame(
        {
            "ent_id": ["E1"],
            "name": ["甲"],
            "class_before": ["D"],
            "class_after": ["C"],
            "class_changed": [True],
            "score_before": [33.333],
            "score_after": [33.331],
            "score_change": [-0.002],
            "rank_before": [5.0],
            "rank_after": [1234.0],
            "changed_inputs": ["税收（万元）：10 → 25（异议 O1）"],
        }
    )
    shown = compare_view(table)
    assert list(shown.columns)[:6] == [
        "ent_id",
        "name",
        "class_before",
        "class_after",
        "score_change",
        "changed_inputs",
    ]
    assert shown.iloc[0][["score_before", "score_after", "score_change", "rank_after"]].tolist() == [
        "33.33",
        "33.33",
        "0.00",
        "1,234",
    ]


def test_the_class_is_beside_the_score_in_the_results():
    from pages.publication.editor import results_order

    en = ["Enterprise ID", "Name", "Group", "Zone", "Score", "Rank", "Class", "Status"]
    shown = results_order(en, "en")
    assert shown == ["Enterprise ID", "Name", "Class", "Score", "Rank", "Group", "Zone", "Status"]
    zh = ["企业编号", "企业名称", "评价组", "区域", "得分", "排名", "类别", "状态"]
    assert results_order(zh, "zh")[:5] == ["企业编号", "企业名称", "类别", "得分", "排名"]


def test_an_enterprise_in_one_version_only_has_a_dash_for_the_other_class():
    """A firm added by the corrected version has no class before: "—", not a blank cell (walk12)."""
    table = pd.DataFrame(
        {
            "ent_id": ["E7"],
            "name": ["乙"],
            "class_before": [""],
            "class_after": ["T"],
            "class_changed": [True],
            "score_before": [math.nan],
            "score_after": [math.nan],
            "score_change": [math.nan],
            "rank_before": pd.array([None], dtype="Int64"),
            "rank_after": pd.array([None], dtype="Int64"),
            "changed_inputs": [""],
        }
    )
    shown = compare_view(table)
    assert shown.iloc[0][["class_before", "class_after", "score_change", "rank_before"]].tolist() == [
        "—",
        "T",
        "—",
        "—",
    ]


def test_the_results_key_columns_are_read_whole_at_1280():
    """Walk 16 item 5: at 1280 zh the results cut 状态 (the T reason "无法计算：…") and 区域 ("盛泽镇先进纺织
    产业园（南…"). The key columns, up to the status, fit the table's width, each text on the lines its
    row holds, a place never broken inside （…）."""
    from pages.data.managing import grid_lines
    from pages.efficiency.fitting import CELL_PAD_PX, SUMMARY_PX
    from pages.publication.editor import results_fitted, screen_statuses

    shown = pd.DataFrame(
        {
            "企业编号": ["U00011", "U00001", "U00004"],
            "企业名称": ["吴江开发区芯联微电子有限公司", "苏州盛虹纤维新材料有限公司", "苏州嘉禾印染公司"],
            "类别": ["A", "B", "T"],
            "得分": ["84.03", "68.72", "—"],
            "排名": ["1", "2", "—"],
            "评价组": ["规上", "规上", "规上"],
            "填报区镇": ["七都镇", "盛泽镇", "盛泽镇"],
            "区域": ["—", "盛泽镇先进纺织产业园（南区）", "—"],
            "状态": ["参评", "参评", "无法计算：用地面积为 0 或缺失（亩均指标的分母）"],
            "用地面积（亩）": ["30.00", "55.50", "—"],
        }
    )
    heads = ["Enterprise ID", "Name", "Class", "Score", "Rank", "Group", "Stated town", "Zone"]
    english = shown.rename(columns=dict(zip(shown.columns, [*heads, "Status"], strict=False)))
    english["Group"] = ["Above designated size", "Above designated size", "Below designated size"]
    english["Stated town"] = ["Qidu Town", "Shengze Town", "Shengze Town"]
    english["Status"] = ["Scored", "Scored", "Not computable: land is zero or missing"]
    english = screen_statuses(english, "en")  # as the page shows it: in short (walk 16, tables8)
    for lang, table in (("zh", shown), ("en", english)):
        fitted = results_fitted(table, lang)
        assert list(fitted.widths) == list(table.columns[:9])  # up to the status, all in view
        assert sum(fitted.widths.values()) <= SUMMARY_PX, fitted.widths
        lines = {None: 1, 66: 2, 80: 3}.get(fitted.row_px, 4)
        for col, width in fitted.widths.items():
            for text in table[col]:
                got = grid_lines(text, width - CELL_PAD_PX, free=col in ("状态", "Status"))
                assert got is not None and got <= lines, (col, text, width)


def test_an_english_status_is_read_whole_on_one_line_at_1280():
    """Walk 16 item 5, left by tables7: the English results cut the status ("Not computable: land…"):
    the grid does not wrap a Latin text among Chinese names, so the width for its wrapped lines left
    it running on. On screen each status is short ("Land 0 or missing"; the workbook and the column's
    help in full) and its column holds the longest on one line, the key columns within the width."""
    from geo.messages import t
    from pages.efficiency.fitting import CELL_PAD_PX, SUMMARY_PX, text_px
    from pages.publication.editor import results_fitted, screen_statuses

    names = [
        "吴江开发区芯联微电子有限公司",
        "苏州平望精密机械有限公司",
        "苏州嘉禾印染有限公司",
        "盛泽裕丰纺织品有限公司",
    ]
    english = pd.DataFrame(
        {
            "Enterprise ID": ["U00001", "U00010", "U00004", "U00005"],
            "Name": names,
            "Class": list("ACTT"),
            "Score": ["75.79", "31.96", "—", "—"],
            "Rank": ["1", "5", "—", "—"],
            "Group": ["Above designated size"] * 3 + ["Below designated size"],
            "Stated town": ["Qidu Town", "Pingwang Town", "Shengze Town", "Shengze Town"],
            "Zone": ["—", "盛泽镇先进纺织产业园（南区）", "—", "—"],
            "Status": [
                "Scored",
                "Scored",
                "Not computable: land is zero or missing",
                "Not scored: below designated size on less than 3 mu",
            ],
        }
    )
    shown = screen_statuses(english, "en")
    assert shown["Status"].tolist() == ["Scored", "Scored", "Land 0 or missing", "Land < 3 mu"]
    assert english["Status"].iloc[2].startswith("Not computable")  # the workbook's table unchanged
    fitted = results_fitted(shown, "en")
    assert fitted.widths["Status"] >= max(text_px(v) for v in shown["Status"]) + CELL_PAD_PX  # one line
    assert sum(fitted.widths.values()) <= SUMMARY_PX, fitted.widths
    assert "Land 0 or missing" in t("pub.res.status_help", "en")
    assert screen_statuses(shown.rename(columns={"Status": "状态"}), "zh").equals(  # Chinese: as it is
        shown.rename(columns={"Status": "状态"})
    )

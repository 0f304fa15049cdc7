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
    from pages.publication.screen import results_screen, screen_statuses

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
        # the names whole; the id after the status where they do not fit beside it (walk 18 b3)
        table, fitted = results_screen(table, lang)
        status = list(table.columns).index("状态" if lang == "zh" else "Status")
        assert list(fitted.widths) == list(table.columns[: status + 1])  # up to the status, all in view
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
    from pages.publication.screen import results_screen, screen_statuses

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
    shown, fitted = results_screen(shown, "en")
    assert fitted.widths["Status"] >= max(text_px(v) for v in shown["Status"]) + CELL_PAD_PX  # one line
    assert sum(fitted.widths.values()) <= SUMMARY_PX, fitted.widths
    assert "Land 0 or missing" in t("pub.res.status_help", "en")
    assert screen_statuses(shown.rename(columns={"Status": "状态"}), "zh").equals(  # Chinese: as it is
        shown.rename(columns={"Status": "状态"})
    )


def test_the_results_show_names_whole_and_latin_on_one_line():
    """Walk 18 b3: at 1280 (and 1920) the results broke names inside them (「震泽丝绸织造有 / 限公司」,
    「桃源绿色纺织 / 园」); in English a name ran on three lines and "Stated town" was cut while the
    18-character id took the width. Each name and park on one line, a place broken only before its
    （…）, an English text on one line (the grid does not wrap it reliably), all in the table's width."""
    from pages.efficiency.fitting import CELL_PAD_PX, SUMMARY_PX, text_px
    from pages.publication.screen import results_screen

    names = ["震泽丝绸织造有限公司", "太湖软件服务有限公司", "震泽绸缎小作坊有限公司", "松陵精密模具有限公司"]
    zh = pd.DataFrame(
        {
            "企业编号": ["91320509500000007A", "9132050950000370XU", "91320509500000744W", "91320509ABC"],
            "企业名称": names,
            "类别": list("ABCC"),
            "得分": ["100.00", "54.10", "1.89", "40.12"],
            "排名": ["1", "3", "5", "10"],
            "评价组": ["规上", "规上", "规下", "规上"],
            "填报区镇": ["震泽镇", "东太湖度假区（太湖新城）", "震泽镇", "吴江开发区"],
            "区域": ["震泽丝绸小镇产业园", "太湖新城数字经济园", "桃源绿色纺织园", "—"],
            "状态": ["参评"] * 4,
        }
    )
    en = zh.rename(
        columns=dict(
            zip(
                zh.columns,
                ["Enterprise ID", "Name", "Class", "Score", "Rank", "Group", "Stated town"],
                strict=False,
            )
        )
    ).rename(columns={"区域": "Zone", "状态": "Status"})
    en["Group"] = ["Above designated size"] * 2 + ["Below designated size", "Above designated size"]
    en["Stated town"] = [
        "Zhenze Town",
        "East Taihu Lake Resort (Taihu New Town)",
        "Zhenze Town",
        "Wujiang Development Zone",
    ]
    en["Status"] = ["Scored"] * 4
    for lang, table in (("zh", zh), ("en", en)):
        shown, fitted = results_screen(table, lang)
        assert sum(fitted.widths.values()) <= SUMMARY_PX, fitted.widths
        one_line = ["企业名称", "区域"] if lang == "zh" else ["Name", "Group", "Stated town", "Zone"]
        for col in one_line:
            for text in shown[col]:  # each on one line
                assert text_px(text) + CELL_PAD_PX <= fitted.widths[col], (lang, col, text, fitted.widths)
    shown, fitted = results_screen(zh, "zh")
    town = "填报区镇"
    assert shown[town].iloc[1] == "东太湖度假区 （太湖新城）"  # a line may break before its （…） only
    assert all(text_px(p) + CELL_PAD_PX <= fitted.widths[town] for p in shown[town].iloc[1].split(" "))
    assert all(text_px(n) + CELL_PAD_PX <= fitted.widths["区域"] for n in shown["区域"])
    shown, _fitted = results_screen(en, "en")
    assert shown["Stated town"].tolist()[1::2] == ["East Taihu Lake", "Wujiang Dev. Zone"]
    assert list(en["Stated town"])[1] == "East Taihu Lake Resort (Taihu New Town)"  # the files'


def test_no_column_is_drawn_cut_at_the_tables_edge():
    """Walk 18 c1: at 1280 the column after the key columns was drawn cut at the table's edge (数据表名
    "user_zones_园…", 所用用地清单, "Class mean…"). The columns after the keys are shown while each fits
    whole on one line, the rest of the width given to the last one-line column: the next column starts
    at the edge, a sideways scroll away; a wrapped column keeps its width (its lines as fitted)."""
    from pages.efficiency.fitting import CELL_PAD_PX, Fitted, text_px, to_the_edge

    table = pd.DataFrame(
        {
            "来源": ["吴江区自然资源和规划局， 2025 年", "吴江区工信局， 2025 年"],
            "类型": ["评价结果", "评价结果"],
            "替换": ["", "V1"],
            "数据表名": ["user_enterprises_吴江亩均企业_2025", "user_zones_园区边界_utf8"],
        }
    )
    fitted = Fitted({"来源": 130}, 66)
    edge = to_the_edge(table, fitted, 300)
    assert list(edge.widths) == ["来源", "类型", "替换"]  # 数据表名 does not fit whole: not drawn cut
    assert sum(edge.widths.values()) == 300 and edge.widths["来源"] == 130 and edge.row_px == 66
    assert edge.widths["替换"] > text_px("替换") + CELL_PAD_PX  # the rest to the last one-line column
    assert to_the_edge(table, Fitted({"类型": 80}, None), 300) == Fitted({"类型": 80}, None)  # not first


def test_the_english_results_keep_long_demo_names_whole():
    """Left by tables9 (walk 18 b3): in English the demo's results broke names of 14 and 15 characters
    between their characters ("苏州开发区宏锦 / 信息技术有限公 / 司 (synthetic)"): its zone "East Taihu Lake
    Resort (Taihu New Town)" (280 px on one line) and its group "Below designated size, < 3 mu" took the
    width, the columns over it even with the id moved. On screen the four management zones are named
    short as the stated towns are, the size groups "Above des. size" / "Below des. size" (the help and the
    workbook in full): each name whole on its line, its "(synthetic)" on the next."""
    from geo.messages import t
    from geo.place_names import place_name
    from geo.yearly.notice_words import status_name
    from pages.efficiency.fitting import CELL_PAD_PX, SUMMARY_PX, text_px
    from pages.publication.screen import results_screen, screen_statuses

    names = ["苏州开发区鼎锦信息技术有限公司", "苏州东太湖鑫和智能科技有限公司", "苏州汾湖润泰医疗器械公司"]
    zones = [place_name(z, "en") for z in ("东太湖度假区（太湖新城）", "吴江开发区", "汾湖高新区（黎里镇）")]
    small = t("eff.groups.small", "en").format(mu=3)
    groups = [t("eff.size.above", "en"), t("eff.size.below", "en"), small]
    english = pd.DataFrame(
        {
            "Enterprise ID": ["WJ03348", "WJ01651", "WJ14600"],
            "Name": [f"{n} (synthetic)" for n in names],
            "Class": ["A", "B", "T"],
            "Score": ["100.00", "54.10", "—"],
            "Rank": ["1", "4,562", "—"],
            "Group": groups,
            "Zone": zones,
            "Status": [
                status_name(s, "en") for s in ("参评", "不参评：投产不满 2 年", "不参评：规下且用地不足 3 亩")
            ],
        }
    )
    assert zones[0] == "East Taihu Lake Resort (Taihu New Town)" and small == "Below designated size, < 3 mu"
    shown, fitted = results_screen(screen_statuses(english, "en"), "en")
    assert shown["Zone"].tolist() == ["East Taihu Lake", "Wujiang Dev. Zone", "Fenhu"]
    assert shown["Group"].tolist() == ["Above des. size", "Below des. size", "Below des. size, < 3 mu"]
    assert list(fitted.widths)[-1] == "Status"  # the id beside the names or after the status
    assert sum(fitted.widths.values()) <= SUMMARY_PX, fitted.widths
    for name in shown["Name"]:  # the Chinese name on one line, "(synthetic)" on the next
        assert all(text_px(part) + CELL_PAD_PX <= fitted.widths["Name"] for part in name.split(" ")), name
    for col in ("Group", "Zone", "Status"):  # Latin on one line
        assert all(text_px(v) + CELL_PAD_PX <= fitted.widths[col] for v in shown[col]), col
    assert "East Taihu Lake" in t("pub.res.zone_help", "en")
    assert "Above des. size" in t("pub.res.size_group_help", "en")
    assert english["Zone"].iloc[0] == zones[0] and english["Group"].iloc[2] == small  # the workbook's


def test_a_stated_town_takes_the_width_the_status_leaves():
    """Walk20 c8: at 1280 zh 填报区镇 wrapped 「吴江高新区 / （盛泽镇）」 while 状态, as wide as two lines of
    its one long T reason, left the table room to spare. A place wraps only where the width is not
    there: the walk's towns on one line, in the table's width."""
    from pages.efficiency.fitting import CELL_PAD_PX, SUMMARY_PX, text_px
    from pages.publication.screen import results_screen

    towns = ["吴江高新区（盛泽镇）", "汾湖高新区（黎里镇）", "吴江开发区", "吴江高新区（盛泽镇）"]
    zh = pd.DataFrame(
        {
            "企业编号": [
                "913205096200000017",
                "913205096200000018",
                "913205096200000019",
                "91320509620001426N",
            ],
            "企业名称": [
                "盛泽经编面料有限公司",
                "黎里工业机器人有限公司",
                "松陵电路板有限公司",
                "盛泽绣花加工有限公司",
            ],
            "类别": list("ABBT"),
            "得分": ["96.08", "88.80", "84.97", "—"],
            "排名": ["1", "2", "3", "—"],
            "评价组": ["规上", "规上", "规上", "规下（不足 3 亩）"],
            "填报区镇": towns,
            "区域": ["盛泽丝绸创意园", "黎里智能制造园", "松陵电子信息园", "盛泽丝绸创意园"],
            "状态": ["参评"] * 3 + ["不参评：规下（不足 3 亩）（仅列入名单，不评分）"],
        }
    )
    shown, fitted = results_screen(zh, "zh")
    assert sum(fitted.widths.values()) <= SUMMARY_PX, fitted.widths
    for text in shown["填报区镇"]:  # 「吴江高新区 （盛泽镇）」 on one line
        assert text_px(text) + CELL_PAD_PX <= fitted.widths["填报区镇"], (text, fitted.widths)


def test_the_register_ends_on_a_whole_column_at_1280():
    """Walk21 c11: at 1280 zh the 异议登记 grid, its widths left to the grid, drew a sliver of a last
    column ("决…") at its edge. Its key columns (who objects to what, the values, who checks it, the
    decision) are read whole, the columns after them shown while each fits whole, to the table's edge:
    the next starts beyond it."""
    from geo.publication.objections import REGISTER_HEADERS
    from pages.efficiency.fitting import CELL_PAD_PX, FLUSH_EDGE_PX, text_px
    from pages.publication.screen import register_fitted

    row = ["O1", "<b>盛泽</b>家纺有限公司", "用地面积（亩）", "6.10", "7.10", "自然资源和规划局", "待定"]
    row += ["**不动产证** 7.1 亩 <b>另</b> =SUM(A1)", "经核实按不动产证 7.1 亩", "V1", "91320509710001112H"]
    row += ["cert.png", "ab" * 32, "单用户模式"]
    headers = list(REGISTER_HEADERS.values())
    view = pd.DataFrame([row], columns=headers[: len(row)])
    fitted = register_fitted(view)
    keys = headers[:7]
    assert list(fitted.widths)[:7] == keys, fitted.widths
    assert sum(fitted.widths.values()) == FLUSH_EDGE_PX, fitted.widths  # the next column beyond the edge
    for col, width in fitted.widths.items():  # each shown whole on one line
        assert all(text_px(str(v)) + CELL_PAD_PX <= width for v in [*view[col], col]), (col, width)


def test_a_place_too_long_for_three_lines_takes_the_width_left():
    """Walk21 b4: at 1280 en a zone of 60 characters (「…东西两翼延伸带」, walk21's own parks) beside a
    Latin name on one line left the key columns over the width, "桃源新材料产…" cut at the edge. The
    widest place column takes the width the others leave, broken between its characters, the rows
    as tall as it then needs: every key column in the table's width, in either language."""
    from pages.data.managing import grid_lines
    from pages.efficiency.fitting import CELL_PAD_PX, SUMMARY_PX
    from pages.publication.screen import results_screen

    big = "吴江高新区（盛泽镇）东方丝绸市场周边先进纺织新材料与时尚创意产业融合发展示范园区（一期）"
    big += "核心片区拓展区域东西两翼延伸带"
    en = pd.DataFrame(
        {
            "Enterprise ID": ["91320509710004444H", "91320509710011476W", "91320509710001112H"],
            "Name": ["桃源高分子薄膜有限公司", '=HYPERLINK("http://x","点我")', "<b>盛泽</b>家纺有限公司"],
            "Class": list("ABC"),
            "Score": ["89.15", "80.02", "40.00"],
            "Rank": ["1", "2", "3"],
            "Group": ["Above designated size"] * 3,
            "Stated town": ["Taoyuan Town", "East Taihu Lake Resort (Taihu New Town)", "Shengze Town"],
            "Zone": ["桃源新材料产业园", "—", big],
            "Status": ["Scored"] * 3,
        }
    )
    zh = en.set_axis(
        ["企业编号", "企业名称", "类别", "得分", "排名", "评价组", "填报区镇", "区域", "状态"], axis=1
    )
    zh["评价组"], zh["填报区镇"] = "规上", ["桃源镇", "东太湖度假区（太湖新城）", "吴江高新区（盛泽镇）"]
    for lang, table, zone in (("en", en, "Zone"), ("zh", zh, "区域")):
        shown, fitted = results_screen(table, lang)
        assert sum(fitted.widths.values()) <= SUMMARY_PX, (lang, fitted.widths)
        lines = grid_lines(big, fitted.widths[zone] - CELL_PAD_PX, free=True)
        assert lines is not None and (fitted.row_px or 0) >= 80 + 18 * (lines - 3), (lang, fitted)
        assert "桃源新材料产业园" in shown[zone].tolist()

"""walk7 finding 9 (issue 23): the English downloads said a class two ways — the map's GeoJSON/CSV
"Class: B — encourage", the ranking's CSV/XLSX "Class: B" and "Class meaning: encourage". One
convention now, the ranking's (the letter sorts and filters): the map's table has both columns."""

from __future__ import annotations

from geo.evaluation import evaluate
from geo.evaluation.metrics import assign_zones
from layers import efficiency_classes
from pages.efficiency.tables import english_values
from tests.fixtures.evaluation import enterprises, zones


def _evaluated():
    ents = enterprises()
    res = evaluate(ents, zone=assign_zones(ents, zones()).zone).enterprises
    return res[res.geometry.notna()]


def test_the_map_table_says_the_class_as_the_ranking_does():
    res = _evaluated()
    scored = res[res["eval_class"].notna()].iloc[0]
    ent, letter = scored["ent_id"], str(scored["eval_class"])
    # capitalised as a sentence wherever shown or written (walk16 item 15: "prioritise", "encourage")
    meaning = {"A": "Prioritise", "B": "Encourage", "C": "Adjust", "D": "Rectify"}[letter]
    en = efficiency_classes.LAYER.table(efficiency_classes.for_map(res, "en"), "en").set_index(
        "Enterprise ID"
    )
    assert (en.at[ent, "Class"], en.at[ent, "Class meaning"]) == (letter, meaning)
    ranking = english_values(res[["ent_id", "eval_class", "eval_class_label"]])
    row = ranking[ranking["ent_id"] == ent].iloc[0]
    assert (row["eval_class"], row["eval_class_label"]) == (letter, meaning)
    zh = efficiency_classes.LAYER.table(efficiency_classes.for_map(res, "zh"), "zh").set_index("企业编号")
    zh_meaning = {"A": "优先发展", "B": "鼓励提升", "C": "调整转型", "D": "整治淘汰"}[letter]
    assert (zh.at[ent, "评价类别"], zh.at[ent, "类别含义"]) == (letter, zh_meaning)
    # not scored: no letter, the meaning says so
    assert zh.at["E03", "类别含义"] == "未参评" and en.at["E03", "Class meaning"] == "Not scored"
    assert zh.at["E03", "评价类别"] in ("", None)


def test_the_map_table_heads_its_columns_as_the_ranking_on_screen_in_both_languages():
    """walk8: the map's files said "Score" / "Indicators that pulled it down" (企业 in Chinese) where
    the ranking on screen says "Score (points)" / "Main shortfalls" (企业名称): one header each. The
    screen heads the score short ("Score", 综合得分: walk 16 item 10), its help naming it in full."""
    from pages.efficiency.tables import key_help, ranking_table, screen_labels, table_labels

    res = _evaluated()
    for lang, shared in (
        ("en", {"Name", "Town/park", "Industry", "Size", "Class", "Score (points)", "Main shortfalls"}),
        ("zh", {"企业名称", "区镇/园区", "行业", "规模", "评价类别", "综合得分（分）", "主要失分指标"}),
    ):
        table = efficiency_classes.LAYER.table(efficiency_classes.for_map(res, lang), lang)
        files = ranking_table(res, lang)
        assert shared <= set(table.columns) and shared <= set(files.columns), (lang, list(table.columns))
        screen = ranking_table(res, lang, short=True)
        score, short = table_labels(lang)["score"], screen_labels(lang)["score"]
        assert shared - {score} <= set(screen.columns) and short in screen.columns
        assert key_help(screen, lang)[short]["help"].startswith(score)
        assert not {"Score", "Indicators that pulled it down", "Enterprise", "企业"} & set(table.columns)


def test_the_warning_and_zone_maps_head_their_columns_as_their_tables():
    from geo.evaluation.zones import zone_labels
    from layers import eval_warnings, zone_classes

    for lang in ("zh", "en"):
        labels = {f.column: f.label(lang) for f in zone_classes.LAYER.tooltip_fields}
        assert labels == {c: zone_labels(lang)[c] for c in labels}
    assert [f.label("en") for f in eval_warnings.LAYER.tooltip_fields] == ["Name", "Warning", "Why"]
    assert [f.label("zh") for f in eval_warnings.LAYER.tooltip_fields] == ["企业名称", "预警", "预警依据"]


def test_the_map_table_says_when_a_scored_firm_has_no_shortfall():
    """Walk 14 item 7, in the map's table (its tooltip and its CSV/XLSX sheet) as in the ranking: a
    scored firm with no indicator below its group's median reads 「无（各项均不低于同组中位数）」, not a
    blank; a firm not scored stays blank."""
    res = _evaluated()
    blank = res["reasons"].isna() | res["reasons"].astype(str).str.strip().eq("")
    none = set(res.loc[res["score"].notna() & blank, "ent_id"])
    assert none  # the group's best has no shortfall
    for lang, header, word in (
        ("zh", "主要失分指标", "无（各项均不低于同组中位数）"),
        ("en", "Main shortfalls", "None (no indicator below the group median)"),
    ):
        table = efficiency_classes.LAYER.table(efficiency_classes.for_map(res, lang), lang)
        ids = table.columns[0]
        assert set(table.loc[table[header] == word, ids]) == none, (lang, table[[ids, header]])
        assert table.set_index(ids).at["E03", header] in ("", None)  # not scored


def test_an_imported_zone_layer_is_headed_as_what_it_holds(monkeypatch):
    """walk18 b5 iii: the 亩均 page's XLSX headed a park layer marked 真实 「区镇」 and 「示意面积（km²）」
    (the demo's 区镇 layer's words). An import's zones are 区域名称, their area 示意 only when the
    layer is marked schematic; the demo keeps its 区镇."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from pages.efficiency import sources
    from pages.efficiency.sources import zone_map_layer

    frame = gpd.GeoDataFrame(
        {"name": ["震泽丝绸小镇产业园"], "area_km2": [5.3]},
        geometry=[shapely.box(120, 31, 120.1, 31.1)],
        crs=4326,
    )
    for accuracy, area in (
        ("real", ("面积（km²）", "Area (km²)")),
        ("schematic", ("示意面积（km²）", "Schematic area (km²)")),
    ):
        meta = pd.DataFrame(
            [
                {
                    "layer": "user_parks",
                    "title_zh": "园区边界",
                    "title_en": "",
                    "accuracy": accuracy,
                    "source": "区规划局",
                }
            ]
        )
        monkeypatch.setattr(sources.ingest, "list_user_layers", lambda kind=None, meta=meta: meta)
        item = zone_map_layer("user_parks", frame)
        for lang, name, measure in (("zh", "区域名称", area[0]), ("en", "Zone name", area[1])):
            table = item.layer.table(item.frame, lang)
            assert list(table.columns) == [name, measure], (accuracy, list(table.columns))
    demo = zone_map_layer(sources.DEMO, frame)
    assert [f.zh for f in demo.layer.tooltip_fields] == ["区镇", "示意面积（km²）"]

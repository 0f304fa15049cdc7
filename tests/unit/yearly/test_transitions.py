"""The yearly cycle (geo/yearly/transitions.py): transitions, movers, warnings, surcharges, T class, profile.

Every expected number is worked by hand in tests/fixtures/years.py.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geo import yearly
from geo.errors import DataValidationError
from geo.evaluation import classes_with_t, config_from_mapping, evaluate
from tests.fixtures import years as fx


def _evals() -> dict[int, pd.DataFrame]:
    results = yearly.evaluate_years(yearly.split_years(fx.table()), config=fx.CONFIG, zone="town")
    return {y: r.enterprises for y, r in results.items()}


def test_classes_of_each_year_are_the_hand_worked_ones():
    ev = _evals()
    got21 = dict(zip(ev[2021]["ent_id"], classes_with_t(ev[2021]).astype(str), strict=True))
    assert got21 == {"P1": "A", "P2": "B", "P3": "C", "P4": "D", "P5": "A", "P6": "T", "P7": "B", "P8": "D"}
    got22 = dict(zip(ev[2022]["ent_id"], classes_with_t(ev[2022]).astype(str), strict=True))
    assert got22 == {"P1": "B", "P2": "A", "P3": "C", "P4": "C", "P5": "D", "P6": "T", "N1": "T", "N2": "A"}
    assert ev[2022].set_index("ent_id").loc["P4", "score"] == pytest.approx(26.0)


def test_transition_matrix_counts_every_transition_incl_entrants_and_leavers():
    ev = _evals()
    changes = yearly.class_changes(ev[2021], ev[2022])
    matrix = yearly.transition_matrix(changes)
    got = {(r.from_class, r.to_class): (r.n_enterprises, r.land_mu) for r in matrix.itertuples()}
    assert got == fx.EXPECTED_TRANSITIONS
    assert matrix["n_enterprises"].sum() == 10  # 8 last year + 2 entrants
    # Wide: rows NEW, A–D, T; columns A–D, T, GONE; totals.
    wide = yearly.transition_table(matrix)
    assert list(wide.index) == ["NEW", "A", "B", "C", "D", "T", "合计"]
    assert list(wide.columns) == ["A", "B", "C", "D", "T", "GONE", "合计"]
    assert wide.loc["A", "合计"] == 2 and wide.loc["合计", "GONE"] == 2 and wide.loc["NEW", "合计"] == 2
    assert wide.loc["合计", "合计"] == 10


def test_movers_and_the_indicator_that_moved_them():
    ev = _evals()
    changes = yearly.class_changes(ev[2021], ev[2022]).set_index("ent_id")
    assert changes.loc["P5", "steps"] == -3 and changes.loc["P5", "change"] == yearly.CHANGE_DOWN
    # whole classes (the XLSX showed "-1.00"), blank where a class is T, new or gone
    assert str(changes["steps"].dtype) == "Int64" and changes["steps"].isna().sum() >= 2
    import openpyxl

    from geo.exports.tables import xlsx_bytes

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"变化": changes[["steps"]]}))).worksheets[0]
    assert sheet["A2"].number_format == "#,##0"
    assert changes.loc["P2", "steps"] == 1 and changes.loc["P4", "change"] == yearly.CHANGE_UP
    assert changes.loc["P3", "change"] == yearly.CHANGE_SAME
    assert (
        changes.loc["N1", "change"] == yearly.CHANGE_NEW and changes.loc["P7", "change"] == yearly.CHANGE_GONE
    )
    # P5: 亩均税收 8.5 → 2 万元/亩, 85 → 20 points.
    assert changes.loc["P5", "moved_by"] == "亩均税收 8.50→2.00 万元/亩（-65.0 分）"
    assert changes.loc["P5", "moved_by_en"] == "Tax per mu 8.50→2.00 10k yuan/mu (-65.0 pts)"
    assert changes.loc["P5", "score_change"] == pytest.approx(-65.0)
    assert changes.loc["P3", "moved_by"] == ""  # did not move
    # A leaver keeps last year's land and name.
    assert changes.loc["P8", "land_mu"] == 10 and changes.loc["P8", "name"] == "企业P8"


def test_published_classes_as_previous_year():
    ev = _evals()
    published = pd.DataFrame(
        {"ent_id": ["P1", "P2", "P9"], "eval_class": ["C", None, "A"], "land_mu": [10, 10, 4]}
    )
    prev = yearly.published_classes(published)
    assert list(prev["eval_class"]) == ["C", "T", "A"]  # an empty class counts as T
    changes = yearly.class_changes(prev, ev[2022]).set_index("ent_id")
    assert changes.loc["P1", "from_class"] == "C" and changes.loc["P1", "to_class"] == "B"
    assert changes.loc["P2", "from_class"] == "T" and changes.loc["P9", "to_class"] == "GONE"
    assert changes.loc["P9", "land_mu"] == 4
    assert changes.loc["P3", "from_class"] == "NEW"
    with pytest.raises(DataValidationError, match="类别无法识别"):
        yearly.published_classes(published.assign(eval_class=["A", "B", "X"]))


def test_warning_rules():
    ev = _evals()
    drop1 = yearly.early_warnings(ev, 2022, fx.CONFIG.warning_rules)
    by_rule = drop1.groupby("rule")["ent_id"].apply(sorted).to_dict()
    # Default rules: dropped a class (P1 A→B, P5 A→D); 亩均税收 fell two years by ≥ 20 %
    # (P1: 10 → 9 → 5.5, −45 %); bottom 10 % (P5 only, 91.7 %).
    assert by_rule == {"class_drop": ["P1", "P5"], "falling": ["P1"], "bottom_pct": ["P5"]}
    reasons = drop1.set_index(["rule", "ent_id"])["reason"]
    assert reasons[("class_drop", "P5")] == "A→D（降 3 类）"
    assert reasons[("falling", "P1")] == "亩均税收 2020–2022：10.00→9.00→5.50 万元/亩"
    assert reasons[("bottom_pct", "P5")] == "排名 6/6（后 8.3%）"
    strict = config_from_mapping(
        {**fx.CONFIG_RAW, "warnings": [{"rule": "class_drop", "name": "降两类", "min_steps": 2}]}
    )
    assert list(yearly.early_warnings(ev, 2022, strict.warning_rules)["ent_id"]) == ["P5"]
    # 2021 has no earlier comparison in the frames given: no class_drop, no falling warning.
    only_2021 = yearly.early_warnings({2021: ev[2021]}, 2021, fx.CONFIG.warning_rules)
    assert set(only_2021["rule"]) == {"bottom_pct"}


def test_bad_warning_rule_is_refused():
    with pytest.raises(DataValidationError, match="预警规则"):
        config_from_mapping({"warnings": [{"rule": "sometimes", "name": "x"}]})
    with pytest.raises(DataValidationError, match="未知指标"):
        config_from_mapping({"warnings": [{"rule": "falling", "name": "x", "indicator": "nope"}]})


def test_surcharge_arithmetic():
    ev = _evals()
    # 2021: P4 and P8 are D. Power: 0.30 元/kWh from 2021; sewage 0.17 元/m³ on water use.
    pay, notes = yearly.surcharges(ev[2021], fx.CONFIG, year=2021, consumption=fx.year(2021))
    pay = pay.set_index("ent_id")
    # P4: 200,000 kWh × 0.30 = 60,000 元 = 6.0 万元; 2,000 m³ × 0.17 = 340 元 = 0.034 万元.
    assert pay.loc["P4", "electricity_wan_yuan"] == pytest.approx(6.0)
    assert pay.loc["P4", "sewage_wan_yuan"] == pytest.approx(0.034)
    assert pay.loc["P4", "total_wan_yuan"] == pytest.approx(6.034)
    # P8: 50,000 × 0.30 = 1.5 万元; 500 × 0.17 = 85 元 = 0.0085 万元.
    assert pay.loc["P8", "total_wan_yuan"] == pytest.approx(1.5085)
    assert pay.loc[["P1", "P2", "P3", "P5", "P6", "P7"], "total_wan_yuan"].eq(0).all()
    assert pay.loc["P4", "land_policy"].startswith("不得参与土地招拍挂")
    assert any("差别水价" in n and "未设定费率" in n for n in notes)
    assert any("差别气价" in n for n in notes)
    totals = yearly.surcharge_totals(pay.reset_index())
    assert totals.loc["D", "n_paying"] == 2 and totals.loc["D", "total_wan_yuan"] == pytest.approx(7.5425)
    assert totals.loc["A", "total_wan_yuan"] == 0
    # The same class in 2019 pays 0.10 元/kWh, in 2020 0.20; before 2019 nothing.
    for y, rate in ((2018, 0.0), (2019, 0.10), (2020, 0.20), (2024, 0.30)):
        assert fx.CONFIG.surcharges[0].rate("D", y) == pytest.approx(rate)
    # Without a consumption column the item is not computed and the notes say so.
    _, notes = yearly.surcharges(ev[2021], fx.CONFIG, year=2021)
    # (the column by the page's label, not its field name: walk 17 item b3)
    assert any("「用电量（千瓦时）」" in n for n in notes)


def test_english_surcharge_notes_name_their_source_in_english():
    ev = _evals()
    _, notes = yearly.surcharges(ev[2021], fx.CONFIG, year=2021, consumption=fx.year(2021), lang="en")
    assert notes == [
        "water surcharge: no rate in the configuration, not computed (Nanjing's 2018 differentiated "
        "policy (surcharges on water, power and gas; rates not in our sources: fill in your city's))",
        "gas surcharge: no rate in the configuration, not computed (Nanjing's 2018 differentiated "
        "policy (surcharges on water, power and gas; rates not in our sources: fill in your city's))",
    ]
    _, notes_zh = yearly.surcharges(ev[2021], fx.CONFIG, year=2021, consumption=fx.year(2021))
    assert notes_zh[0] == (
        "差别水价：配置中未设定费率，未计算"
        "（南京市 2018 年差别化政策（水、电、气加价；费率未收录，请按本地文件填写））"
    )


def test_t_class_exclusions():
    frame = fx.year(2022)
    frame.loc[frame["ent_id"] == "P3", "industry"] = "燃气生产和供应业"
    frame.loc[frame["ent_id"] == "P2", "start_year"] = 2021  # 1 year in production in 2022
    frame.loc[frame["ent_id"] == "N2", "start_year"] = 2020  # exactly 2 years: scored
    res = evaluate(frame, config=fx.CONFIG, zone="town").enterprises.set_index("ent_id")
    cls = classes_with_t(res.reset_index()).set_axis(res.index)
    assert cls["P3"] == "T" and res.loc["P3", "status"].startswith("不参评：行业不在评价范围")
    assert cls["P2"] == "T" and res.loc["P2", "status"] == "不参评：投产不满 2 年"
    assert cls["N1"] == "T" and cls["N2"] == "A"
    assert cls["P6"] == "T" and res.loc["P6", "status"] == "不参评：规下且用地不足 3 亩"
    assert int(res["scored"].sum()) == 4  # P1, P4, P5, N2
    assert res["year"].eq(2022).all()


def test_years_in_production_needs_the_year():
    frame = fx.year(2022).drop(columns="year")
    res = evaluate(frame, config=fx.CONFIG, zone="town")
    assert any("未给出评价年份" in n for n in res.notes)
    assert bool(res.enterprises.set_index("ent_id").loc["N1", "scored"]) is True  # rule not applied
    res = evaluate(frame, config=fx.CONFIG, zone="town", year=2022)
    assert bool(res.enterprises.set_index("ent_id").loc["N1", "scored"]) is False
    with pytest.raises(DataValidationError, match="多个年份"):
        evaluate(fx.table(), config=fx.CONFIG, zone="town")


def test_enterprise_profile_and_trends():
    ev = _evals()
    warnings = {2022: yearly.early_warnings(ev, 2022, fx.CONFIG.warning_rules)}
    profile = yearly.enterprise_profile(ev, "P5", warnings=warnings)
    assert list(profile["year"]) == [2021, 2022]
    assert list(profile["eval_class"]) == ["A", "D"]
    assert list(profile["tax_per_mu_wan_yuan"]) == pytest.approx([8.5, 2.0])
    # 2021: 7 scored (P1–P5, P7, P8), P5's 85 second after P1's 90; 2022: last of 6.
    assert profile.iloc[1]["rank_in_industry"] == "6/6" and profile.iloc[0]["rank_in_industry"] == "2/7"
    assert "降类：A→D（降 3 类）" in profile.iloc[1]["warnings"]
    # its shortfalls in full: none in 2021 (85 above the median 55), 亩均税收 in 2022 (20, the lowest)
    assert list(profile["reasons"]) == ["", "亩均税收"]
    new = yearly.enterprise_profile(ev, "N1")
    assert list(new["eval_class"]) == ["T"] and new.iloc[0]["status"] == "不参评：投产不满 2 年"
    with pytest.raises(DataValidationError, match="都没有企业"):
        yearly.enterprise_profile(ev, "ZZ")
    trend = yearly.trends(ev, by="zone").set_index(["year", "zone"])
    # 甲镇 2022, scored P1–P5: tax 55+85+35+26+20 = 221 on 50 亩 = 4.42 万元/亩.
    assert trend.loc[(2022, "甲镇"), "tax_per_mu_wan_yuan"] == pytest.approx(4.42)
    assert trend.loc[(2022, "甲镇"), ["n_A", "n_B", "n_C", "n_D", "n_T"]].tolist() == [1, 1, 2, 1, 1]
    assert trend.loc[(2021, "甲镇"), "n_enterprises"] == 8


# --------------------------------------------------------------------------- the importer knows the year


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def _upload(frame: pd.DataFrame):
    from geo import ingest

    table = frame.assign(经度=120.05, 纬度=31.05)
    return ingest.read_upload(_csv(table), "企业.csv", kind="enterprises", lon_col="经度", lat_col="纬度")


def test_import_one_table_with_a_year_column(tmp_path):
    from geo import ingest

    table = fx.table().rename(columns={"year": "年份"})
    result = _upload(table)
    # Ids repeat across years, not within one: all 17 rows kept, the year column read as years.
    assert len(result.frame) == 17 and result.count("error") == 0
    assert sorted(result.frame["year"].unique()) == [2020, 2021, 2022]
    assert "start_year" in result.frame.columns  # 投产年份 is not taken for the year
    store = tmp_path / "user.gpkg"
    ingest.save_import(result, name="years", title="三年", source="测试", path=store)
    meta = ingest.list_user_layers(path=store).set_index("layer")
    assert "数据年份：2020、2021、2022" in meta.loc["user_years", "note"]
    assert ingest.user_layer_years("user_years", path=store) == [2020, 2021, 2022]
    loaded = ingest.load_user_layer("user_years", path=store)
    assert sorted(yearly.split_years(loaded)) == [2020, 2021, 2022]
    # The same id twice in one year is refused.
    twice = pd.concat([table, table[table["ent_id"] == "P1"].head(1)])
    again = _upload(twice)
    assert len(again.frame) == 17 and again.count("error") == 1


def test_import_a_one_year_table_with_its_year(tmp_path):
    from geo import ingest

    result = _upload(fx.year(2022).drop(columns="year"))
    assert "year" not in result.frame.columns
    store = tmp_path / "user.gpkg"
    ingest.save_import(result, name="y2022", title="2022", source="测试", path=store, year=2022)
    assert (
        "数据年份：2022" in ingest.list_user_layers(path=store).set_index("layer").loc["user_y2022", "note"]
    )
    assert set(ingest.load_user_layer("user_y2022", path=store)["year"]) == {2022}
    with pytest.raises(DataValidationError, match="不一致"):
        ingest.save_import(_upload(fx.table()), name="bad", title="x", source="测试", path=store, year=2022)


def test_english_profile_warnings_and_a_mover_without_last_years_figure():
    ev = _evals()
    warnings = {2022: yearly.early_warnings(ev, 2022, fx.CONFIG.warning_rules)}
    zh = yearly.enterprise_profile(ev, "P5", warnings=warnings).iloc[1]["warnings"]
    assert zh == "降类：A→D（降 3 类）；跌入后 10%：排名 6/6（后 8.3%）"
    en = yearly.enterprise_profile(ev, "P5", warnings=warnings, lang="en").iloc[1]["warnings"]
    assert en == "dropped a class: A→D (down 3); in the bottom 10 %: rank 6/6 (bottom 8.3 %)"
    # P2 (B → A) without last year's 亩均税收: "no data" in English, 无数据 in Chinese.
    prev = ev[2021].copy()
    row = prev.index[prev["ent_id"] == "P2"][0]
    prev.loc[row, ["tax_per_mu_wan_yuan", "pts_tax_per_mu_wan_yuan"]] = float("nan")
    moved = yearly.class_changes(prev, ev[2022]).set_index("ent_id").loc["P2"]
    assert moved["moved_by"] == "亩均税收 无数据→8.50 万元/亩（+85.0 分）"
    assert moved["moved_by_en"] == "Tax per mu no data→8.50 10k yuan/mu (+85.0 pts)"


def test_an_enterprise_in_no_zone_has_no_rank_in_zone_and_keeps_its_stated_town():
    """Walk 11: the profile of an enterprise outside every zone ranked it "1/0" in its zone."""
    from geo.batch import run_evaluation
    from geo.evaluation import default_config
    from tests.fixtures import evaluation as ev

    run = run_evaluation(ev.zones(), ev.enterprises(), config=default_config(), zone_id="name")
    evaluated = {2024: run.result.enterprises}
    outside = yearly.enterprise_profile(evaluated, "E09").iloc[0]
    assert outside["rank_in_zone"] == "" and outside["town"] == "城外"
    assert outside["rank_in_industry"].endswith("/4")  # E04, E06, E09, E10 scored in 高端装备
    inside = yearly.enterprise_profile(evaluated, "E01").iloc[0]
    assert inside["rank_in_zone"].split("/")[1] != "0"

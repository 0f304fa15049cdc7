"""The weights said the same everywhere (the walk: the PNG's subtitle gave 44.44/22.22/11.11, the CSV,
the XLSX and the page 40/20/10/10/10/10): the configured weights, and where an indicator was left out
for want of data, the others rescaled — both figures, labelled."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.evaluation import default_config
from geo.yearly.notice import SIZE_GROUPS, config_summary, export_columns, parameter_rows

EMISSION = "tax_per_emission_equiv_wan_yuan"


@pytest.fixture
def used() -> pd.DataFrame:
    """规上 without the emission indicator (10 of 100): the other five scaled by 100/90."""
    config = default_config()
    given = config.weights_for(SIZE_GROUPS[0])
    assert given[EMISSION] == 10 and sum(given.values()) == 100
    return pd.DataFrame(
        [{k: (0.0 if k == EMISSION else w * 100 / 90) for k, w in given.items()}], index=[SIZE_GROUPS[0]]
    )


def test_the_summary_gives_the_configured_weights_and_the_rescaled_ones_labelled(used):
    text = config_summary(default_config(), "en", used=used)
    assert (
        "configured weights Tax per mu 40, Sales per mu 20, Tax per tce 10, Tax per pollutant equivalent 10"
        in text
    )
    assert (
        "rescaled without Tax per pollutant equivalent (no data) to Tax per mu 44.44, Sales per mu 22.22"
        in text
    )
    zh = config_summary(default_config(), "zh", used=used)
    assert "配置权重 亩均税收 40、亩均销售收入 20" in zh
    assert "单位排放税收缺数据不计，其余按比例放大为 亩均税收 44.44、亩均销售收入 22.22" in zh


def test_the_csv_column_and_the_parameter_sheet_say_the_same_as_the_png(used):
    config = default_config()
    subtitle = config_summary(config, "en", used=used)
    table = export_columns(
        pd.DataFrame({"a": [1]}), year=2022, filters="all", config=config, lang="en", used=used
    )
    assert table["Configuration"].iloc[0] == subtitle
    rows = parameter_rows(config, pd.DataFrame(), year=2022, filters="all", lang="en", used=used)
    weights = rows.set_index(rows.columns[0]).loc["Weights"].iloc[0]
    assert "44.44" in weights and "Tax per mu 40" in weights


def test_nothing_dropped_says_the_configured_weights_once():
    config = default_config()
    given = config.weights_for(SIZE_GROUPS[0])
    same = pd.DataFrame([given], index=[SIZE_GROUPS[0]])
    text = config_summary(config, "en", used=same)
    assert "rescaled" not in text and "configured" not in text
    assert text == config_summary(config, "en")


def test_the_pages_group_list_says_the_same_as_the_png(used):
    from geo.yearly.notice import group_method_rows

    config = default_config()
    rows = dict(group_method_rows(config, SIZE_GROUPS[0], pd.DataFrame(), "en", used=used))
    weights = next(v for k, v in rows.items() if k.startswith("Weights"))
    assert weights.startswith("configured weights Tax per mu 40, Sales per mu 20")
    assert "rescaled without Tax per pollutant equivalent (no data) to Tax per mu 44.44" in weights
    plain = dict(group_method_rows(config, SIZE_GROUPS[0], pd.DataFrame(), "en"))
    assert "rescaled" not in next(v for k, v in plain.items() if k.startswith("Weights"))


def _sheet_rows(ws) -> list[list]:
    return [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]


def test_the_published_notice_states_the_weights_applied(used):
    """The walk (walk7): the 公示 workbook read 单位排放税收 10 (合计 100) although the evaluation left it
    out and rescaled the rest to 44.44 / 22.22 / 11.11; its benchmarks listed indicators a group is
    not scored on, to four decimals where the group sheets give 39.96."""
    import io

    import openpyxl

    from geo.yearly.notice import notice_xlsx_bytes
    from tests.fixtures import years as fx

    config = default_config()
    frame = fx.table()
    evaluated = frame[frame["year"] == 2022].assign(
        eval_class="B", scored=True, score=80.0, eval_group=SIZE_GROUPS[0]
    )
    benchmarks = pd.DataFrame(
        {"tax_per_mu_wan_yuan": [39.95781], "elec_tax_per_kwh": [1.23456], EMISSION: [float("nan")]},
        index=[SIZE_GROUPS[0]],
    )
    data = notice_xlsx_bytes(
        evaluated, config, benchmarks, year=2022, title="t", filters="全部", used=used, lang="zh"
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    rows = _sheet_rows(wb["公示"])
    head = rows.index(["规模", "指标", "权重（分）", "实际采用权重（分）", "说明"])
    weights = {r[1]: r[2:] for r in rows[head + 1 : head + 7]}
    assert weights["亩均税收（万元/亩）"] == [40, 44.44]
    assert weights["亩均销售收入（万元/亩）"] == [20, 22.22]
    assert weights["单位排放税收（万元/当量）"][:2] == [10, 0]
    # the input it lacks named, as the page says it (walk12: 无数据 only)
    assert "单位排放税收缺少污染物排放当量数据，未参评" in weights["单位排放税收（万元/当量）"][2]
    bench_head = rows.index(["规模", "指标", "基准值"])
    benchmark_rows = rows[bench_head + 1 : bench_head + 3]
    # 单位用电税收 is a 规下 indicator (规上 has weight 0 on it): not listed for 规上; four figures
    assert benchmark_rows[0] == ["规上", "亩均税收（万元/亩）", 39.96]
    assert benchmark_rows[1][0] != "规上"
    group = _sheet_rows(wb["规上名单"])
    said = next(r[1] for r in group if r and r[0] == "指标权重")
    assert "亩均税收 44.44" in said
    # every list is read whole: 企业名称 (C) is wide on each class and group sheet
    for name in ("A 类名单", "B 类名单", "规上名单"):
        assert wb[name].column_dimensions["C"].width >= 30, name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_indicators_are_said_in_the_configurations_order_everywhere(used, lang):
    """walk20 item 11: the ranking CSV/XLSX said 单位排放税收 fourth (the configuration's order), the 公示
    workbook's group sheet last (the catalogue's); both now say the configuration's order."""
    from geo.yearly.notice import group_method_rows, scored_weights

    config = default_config()
    given = [k for k, w in config.weights_for(SIZE_GROUPS[0]).items() if w > 0]
    assert list(scored_weights(config, SIZE_GROUPS[0])) == given
    for effective in (None, used):
        rows = dict(group_method_rows(config, SIZE_GROUPS[0], pd.DataFrame(), lang, used=effective))
        weights = next(v for k, v in rows.items() if k.startswith(("Weights", "指标权重")))
        assert weights in config_summary(config, lang, used=effective), (weights, lang)

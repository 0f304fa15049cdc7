"""The 亩均效益评价 page's method selector (issue 24 item 7, the page part): the editor starts from a
county's published method, shows its source and indicators, and the results are the method's own."""

from __future__ import annotations

import pytest

from geo.evaluation import CLASSES, evaluate
from geo.evaluation.metrics import assign_zones
from geo.evaluation.published import method_config
from geo.storage.builtin import load_layer
from geo.yearly.notice import config_summary, parameter_rows
from tests.fixtures.app import open_page, page_metrics

LATEST = 2022


@pytest.fixture(scope="module")
def huangyan_expected(demo_gpkg):
    years = load_layer("enterprise_years", path=demo_gpkg)
    ents = years[years["year"] == LATEST]
    zone = assign_zones(ents, load_layer("wujiang_towns", path=demo_gpkg), zone_id="name").zone
    return evaluate(ents, config=method_config("huangyan-2023"), zone=zone).enterprises


def _counts(frame) -> dict[str, str]:
    scored = frame[frame["scored"]]
    out = {"参评企业（家）": f"{len(scored):,}"}
    out.update({f"{c} 类（家）": f"{int((scored['eval_class'] == c).sum()):,}" for c in CLASSES})
    return out


def test_method_selector_starts_from_huangyan(huangyan_expected):
    at = open_page("pages/efficiency.py", timeout=180)
    at.session_state["eff_params_open"] = True
    at.run()
    box = at.selectbox(key="eff_base_method")
    assert box.options[0] == "本地默认规则"
    assert any("黄岩区 2023" in o for o in box.options) and any("淮安市 2024" in o for o in box.options)
    box.set_value("huangyan-2023").run()
    assert not at.exception
    # Its source, fixed benchmarks and missing-data rule are shown; its indicators are editable.
    captions = [c.value for c in at.caption]
    assert any(c.startswith("来源：台州市黄岩区") for c in captions)
    assert any("规上 亩均税收 24.097" in c and "规下 单位用电税收 0.2352" in c for c in captions)
    assert any("缺项按本组" in c for c in captions)
    assert at.number_input(key="eff_w_above_value_added_per_tce_wan_yuan").value == 20.0
    assert at.number_input(key="eff_w_above_value_added_per_emission_equiv_wan_yuan").value == 10.0
    assert at.number_input(key="eff_w_below_tax_per_kwh_yuan").value == 50.0
    # The results are the published method's own, and they name it.
    metrics = page_metrics(at)
    assert {k: metrics[k] for k in _counts(huangyan_expected)} == _counts(huangyan_expected)
    assert any(c == "评价方法：黄岩区 2023（2022 年度数据）" for c in captions)
    # Back to the local defaults: the default indicators again, no method named.
    at.selectbox(key="eff_base_method").set_value("").run()
    assert at.number_input(key="eff_w_above_tax_per_mu_wan_yuan").value == 40.0
    assert not any(c.startswith("评价方法：") for c in (c.value for c in at.caption))


def test_exports_name_the_method():
    config = method_config("huaian-2024")
    assert config.method["name"] == "huaian-2024"
    assert config_summary(config).startswith("评价方法：淮安市 2024；")
    assert config_summary(config, "en").startswith("method: Huai'an 2024; ")
    rows = parameter_rows(config, config_benchmarks(), year=2022, filters="全部")
    assert rows.iloc[2]["项目"] == "方法来源" and "淮安市工业企业资源集约利用综合评价" in rows.iloc[2]["内容"]
    assert config.to_dict()["method"]["title"] == "淮安市 2024"


def config_benchmarks():
    import pandas as pd

    return pd.DataFrame({"tax_per_mu_wan_yuan": [30.0]}, index=["规上"])

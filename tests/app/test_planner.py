"""The planner pages (两轴三带, 吴江产业布局, 用地强度) under Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.app import open_page, provenance_rows


def _open(page: str) -> AppTest:
    return open_page(f"pages/{page}.py", timeout=90)


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_corridors_page_tables_and_industry_highlight():
    at = _open("corridors")
    assert at.title[0].value == "苏州“两轴三带”与重点产业承载园区"
    corridors = at.dataframe[0].value
    assert list(corridors["轴 / 带"]) == [
        "沪宁东西发展轴",
        "通苏嘉南北发展轴",
        "沿江发展带",
        "沿湖生态带",
        "沿浙发展带",
    ]
    assert corridors["功能定位"].str.len().min() > 10  # what each is for
    key = at.dataframe[1].value
    assert len(key) == 6 and "2020 年产值目标（亿元）" in key.columns
    focus = at.dataframe[2].value.set_index("板块")["集群重点"]
    assert focus["吴江区"] == "先进材料、高端装备、新一代信息技术"
    assert len(focus) == 10
    assert any("点击地图上的行政区" in i.value for i in at.info)

    at.selectbox(key="corr_industry").set_value("新材料").run()
    assert not at.exception
    text = _markdown(at)
    assert "主导该产业的轴带：通苏嘉南北发展轴、沿江发展带" in text
    assert "张家港经济开发区" in text
    assert at.metric[0].value == "8,000 亿元" and at.metric[0].label == "2020 年产值目标"
    at.session_state["lang"] = "en"
    at.run()
    assert at.metric[0].value == "CNY 800 billion"  # 8,000 × 100 million yuan, as English writes it
    # the industry picked stays through a visit to another page (walk 21: back on 两轴三带 it was
    # none, the map's click and view still there)
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/corridors.py").run()
    assert not at.exception
    assert at.selectbox(key="corr_industry").value == "新材料"
    assert len(at.metric) == 1  # its target beside the map, as before the visit


def test_wujiang_page_optical_communication_layout():
    at = _open("wujiang")
    assert at.title[0].value == "吴江区产业布局：核心与支撑区镇"
    at.selectbox(key="wj_industry").set_value("光电通信").run()
    assert not at.exception
    layout = at.dataframe[0].value.set_index("区镇")["布局角色"]
    assert layout["七都镇"] == "核心区镇"
    assert layout["震泽镇"] == "支撑区镇" and layout["汾湖高新区（黎里镇）"] == "支撑区镇"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["2020 年销售"] == "339.41 亿元" and metrics["2025 年目标"] == "600 亿元"
    assert int(metrics["该产业企业数（合成，家）"].replace(",", "")) > 0
    at.selectbox(key="wj_industry").set_value("高端纺织").run()
    layout = at.dataframe[0].value.set_index("区镇")["布局角色"]
    assert layout["吴江高新区（盛泽镇）"] == "核心区镇"
    assert "中国东方丝绸市场" in _markdown(at)
    assert {"示意", "转录", "合成"} <= {r["精度"] for r in provenance_rows(at)}


def test_wujiang_page_in_english_without_enterprise_points():
    at = _open("wujiang")
    at.session_state["lang"] = "en"  # the sidebar's language radio (app.py) writes this key
    at.radio(key="wj_show").set_value("none").run()
    assert not at.exception
    assert at.title[0].value == "Wujiang industry layout: core and supporting towns"
    layout = at.dataframe[0].value
    assert set(layout["Role"]) == {"Core town", "Supporting town"}
    # The industry in English too: in the selector, the heading (the data keep their own names).
    assert at.selectbox(key="wj_industry").format_func("高端装备") == "High-end equipment"
    chosen = at.selectbox(key="wj_industry")
    assert f"{chosen.format_func(chosen.value)}: spatial layout" in [h.value for h in at.subheader]
    assert chosen.format_func(chosen.value).isascii()


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_intensity_page_ranks_towns_with_classes_and_units(scheme):
    at = _open("intensity")
    assert at.title[0].value == "吴江区用地强度（亩均效益）"
    at.radio(key="int_view").set_value("zones").run()
    at.radio(key="int_scheme").set_value(scheme).run()
    at.slider(key="int_k").set_value(3).run()
    assert not at.exception
    ranked = at.dataframe[0].value
    assert len(ranked) == 8
    values = list(ranked["亩均税收（万元/亩）"])
    assert values == sorted(values, reverse=True) and values[-1] > 0
    assert ranked["分级"].str.endswith("万元/亩").all()
    assert ranked["分级"].nunique() <= 3


def test_intensity_page_other_metric_and_filters():
    at = _open("intensity")
    at.radio(key="int_view").set_value("zones").run()
    at.selectbox(key="int_metric").set_value("tax_per_kwh_yuan").run()
    at.selectbox(key="int_industry").set_value("新一代信息技术").run()
    at.checkbox(key="int_above").check().run()
    assert not at.exception
    ranked = at.dataframe[0].value
    assert "单位用电税收（元/千瓦时）" in ranked.columns
    assert ranked["分级"].str.endswith("元/千瓦时").sum() >= 1


def test_intensity_page_parcels_low_efficiency_list_renewal_and_contracts(tmp_path, monkeypatch):
    at = _open("intensity")
    assert at.radio(key="int_view").value == "parcels"  # parcels by default
    caption = "\n".join(c.value for c in at.caption)
    assert "显示 17,695 宗" in caption
    from geo.evaluation import evaluate
    from geo.land import parcels as P
    from geo.storage.builtin import load_layer

    demo = P.analyse_parcels(load_layer("parcels"), load_layer("enterprises"))
    demo = P.with_classes(demo, evaluate(demo.enterprises).enterprises.set_index("ent_id")["eval_class"])
    assert demo.low["reasons"].str.contains("闲置土地").sum() == 420  # every idle demo parcel
    # the total in the rows' two decimals (walk 18 c5)
    assert f"认定低效用地 {len(demo.low):,} 宗，{demo.low['area_mu'].sum():,.2f} 亩" in _markdown(at)
    low = at.dataframe[0].value
    assert {"宗地编号", "区镇/园区", "宗地面积（亩）", "认定理由"} <= set(low.columns)
    assert len(low) == 500 and low["宗地面积（亩）"].is_monotonic_decreasing  # the largest 500
    assert list(low["宗地编号"]) == list(demo.low["parcel_id"].head(500))
    # Only the open tab is drawn (pages/common/frame.lazy_tabs): the renewal and contract tabs are not yet.
    assert len(at.dataframe) == 1 and not any(s.key == "parcel_edit_id" for s in at.selectbox)
    assert len(provenance_rows(at)) == 4  # the provenance, a page table
    pid, area = low["宗地编号"].iloc[0], low["宗地面积（亩）"].iloc[0]
    at.session_state["parcel_tab"] = "盘活跟踪"
    at.run()
    summary_before = at.dataframe[0].value
    freed_before = summary_before["盘活用地（亩）"].sum()
    assert freed_before == 0
    at.selectbox(key="parcel_edit_id").set_value(pid)
    at.selectbox(key="parcel_edit_status").set_value("已盘活")
    at.selectbox(key="parcel_edit_method").set_value("工业上楼")
    who = at.text_input(key="parcel_edit_who")
    assert who.disabled and who.value == "单用户模式"  # the actor is the identity, never a typed name
    at.button(key="parcel_edit_save").click().run()
    assert not at.exception, at.exception
    summary = at.dataframe[0].value
    assert summary["盘活用地（亩）"].sum() == pytest.approx(area, abs=0.01)
    changes = at.dataframe[1].value
    assert changes[["宗地编号", "原状态", "新状态", "修改人"]].values.tolist() == [
        [pid, "已认定", "已盘活", "单用户模式"]
    ]
    at.session_state["parcel_tab"] = "履约监管"
    at.run()
    contracts = at.dataframe[0].value
    assert set(contracts["履约结论"]) == {"达标", "未达标", "未到达产期"}
    assert "容积率差额" in contracts.columns
    counts = demo.contracts["verdict"].value_counts()
    assert f"未达标 {counts['未达标']:,} 宗" in _markdown(at)
    # The map filter: only parcels whose contract was missed.
    at.selectbox(key="parcel_show").set_value("missed").run()
    caption = "\n".join(c.value for c in at.caption)
    assert f"显示 {counts['未达标']:,} 宗" in caption


def test_clicked_properties_handles_none_and_unescapes():
    from pages.common.maps import clicked_properties

    assert clicked_properties(None) == {}
    assert clicked_properties({}) == {}
    assert clicked_properties({"last_active_drawing": None}) == {}
    feature = {"type": "Feature", "properties": {"name": "A &amp; B", "n": 3}, "geometry": None}
    assert clicked_properties({"last_active_drawing": feature}) == {"name": "A & B", "n": 3}


def test_intensity_page_takes_imported_parcels_and_enterprises(tmp_path, monkeypatch):
    """Parcels a bureau imported (Chinese headers, Gauss-Kruger metres) joined to its enterprise list."""
    import pyogrio

    from geo import ingest
    from tests.fixtures.parcels import enterprises, parcels

    store = tmp_path / "user.gpkg"
    monkeypatch.setenv("ATLAS_USER_GPKG", str(store))
    files = {"宗地.gpkg": parcels(chinese=True), "企业.gpkg": enterprises()}
    for name, frame in files.items():
        pyogrio.write_dataframe(frame, tmp_path / name, driver="GPKG")
    zd = ingest.read_upload((tmp_path / "宗地.gpkg").read_bytes(), "宗地.gpkg", kind="other")
    ingest.save_import(zd, name="zd", title="宗地（局）", source="测试", path=store)
    qy = ingest.read_upload((tmp_path / "企业.gpkg").read_bytes(), "企业.gpkg", kind="enterprises")
    ingest.save_import(qy, name="qy", title="企业（局）", source="测试", path=store)
    at = _open("intensity")
    at.selectbox(key="parcel_source").set_value("user_zd").run()
    at.selectbox(key="parcel_ent_source").set_value("user_qy").run()
    assert not at.exception, at.exception
    caption = "\n".join(c.value for c in at.caption)
    assert "显示 8 宗，合计 57.00 亩" in caption  # 15 + 3 + 9 + 15 + 6 + 3 + 3 + 3
    low = at.dataframe[0].value
    assert set(low["宗地编号"]) == {"P3", "P4", "P6"}


def test_the_open_tab_is_kept_over_a_switch_of_language(tmp_path, monkeypatch):
    """Tabs are keyed by their label, which changes with the language: the open one stays open."""
    at = _open("intensity")
    at.session_state["parcel_tab"] = "履约监管"
    at.run()
    assert "履约结论" in at.dataframe[0].value.columns
    at.session_state["lang"] = "en"  # (AppTest runs the page without app.py's sidebar)
    at.run()
    assert not at.exception
    assert at.session_state["parcel_tab"] == "Grant contracts"
    assert not any(s.key == "parcel_edit_id" for s in at.selectbox)  # the renewal tab is not drawn
    assert len(at.dataframe) == 1 and provenance_rows(at)  # the contracts; the provenance

"""Lists per group through 公示 → 异议 → 定案 (issue 24 items 4-5 with item 1-2): a version keeps
each row's group and the compound columns, and a re-evaluation shares the land and ranks each group
again the same way. The fixture and its numbers: tests/fixtures/groups.py and
tests/unit/evaluation/test_groups.py."""

from __future__ import annotations

import io

import geopandas as gpd
import pytest
from openpyxl import load_workbook
from shapely.geometry import Point

from geo.publication import exports, objections, results, versions
from tests.fixtures.groups import GROUPS, grouped_table
from tests.fixtures.publication import CRS, EDITOR, HEAD, IN_WINDOW, WINDOW, X0, Y0, by_id


@pytest.fixture
def store(tmp_path) -> str:
    return str(tmp_path / "atlas_user.gpkg")


def _ents() -> gpd.GeoDataFrame:
    table = grouped_table()
    points = [Point(X0 + 100 * i, Y0 + 50) for i in range(len(table))]
    return gpd.GeoDataFrame(table, geometry=points, crs=CRS)


def test_groups_and_shares_survive_an_objection_and_the_workbook_has_a_sheet_per_group(store):
    ents = _ents()
    rules = {"groups": GROUPS, "benchmark": {"within": "size"}}
    v1 = results.save_evaluation(
        ents,
        config=rules,
        layers={"enterprises": ("user_ents_2024", ents)},
        title="2024 年度分组评价",
        actor=EDITOR,
        year=2024,
        store=store,
    )
    first = by_id(versions.version_results(v1, store=store))
    assert first.loc[["A1", "B1", "S1", "T1"], "size_group"].tolist() == [
        "规上",
        "规下（≥3亩）",
        "规下（<3亩）",
        "租户",
    ]
    assert first.loc["T1", "inputs"]["compound_id"] == "P1"
    assert first.loc["T1", "score"] == pytest.approx(250 / 3)  # 10 / 12 × 100
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    objection = objections.record_objection(
        "V1",
        ent_id="T2",
        indicator="tax_wan_yuan",
        value_claimed=9.0,
        evidence_name="T2-完税证明.pdf",
        evidence=b"%PDF-1.4 tax proof",
        department="tax",
        actor=EDITOR,
        today=IN_WINDOW,
        store=store,
    )
    objections.decide_objection(
        objection.objection_id, decision="accepted", answer="税务局核实属实", actor=HEAD, store=store
    )
    v2 = results.reevaluate("V1", actor=EDITOR, store=store)
    again = by_id(versions.version_results(v2, store=store))
    # Tenants again on 1.5 亩 each (floor area): benchmark 2 × (15 + 9) / 3 = 16 -> T1 10 / 16 = 62.5 (B),
    # T2 6 / 16 = 37.5 (C); the other lists are as published.
    assert again.loc[["T1", "T2"], "score"].tolist() == pytest.approx([62.5, 37.5])
    assert again.loc[["T1", "T2"], "eval_class"].tolist() == ["B", "C"]
    assert again.loc[["A1", "A2", "B1", "H"], "score"].tolist() == pytest.approx(
        first.loc[["A1", "A2", "B1", "H"], "score"].tolist()
    )
    data = exports.results_xlsx_bytes(
        again.reset_index(), version=v2, title="评价结果 · V2", group_column="size_group"
    )
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["V2", "1 规上", "2 规下（≥3亩）", "3 规下（<3亩）", "4 租户"]
    tenants = [[c.value for c in row] for row in wb["4 租户"].iter_rows()]
    assert tenants[0][0] == "评价结果 · V2 · 租户（2 家）"
    assert tenants[1][:2] == ["指标权重", "亩均税收 100（合计 100）"]
    assert tenants[2][:2] == ["基准值", "亩均税收（万元/亩） 16.00"]  # as the 公示 workbook (walk 15 item 2)
    assert tenants[3][1].startswith("按得分线：A ≥ 80 分")
    # the indicators scored: weight configured, applied, benchmark 2 × (15 + 9) / 3 = 16 (V2's own)
    assert tenants[5][:4] == ["指标", "权重（分）", "实际采用权重（分）", "基准值"]
    assert tenants[6][:5] == ["亩均税收（万元/亩）", 100, 100, 16, None]
    assert [row[0] for row in tenants[9:]] == ["T1", "T2"]
    # in English: the groups by their English names, their methods in English
    data = exports.results_xlsx_bytes(
        again.reset_index(), version=v2, title="Results · V2", group_column="size_group", lang="en"
    )
    wb = load_workbook(io.BytesIO(data))
    # 规上 in English; the fixture's other groups have no English name (name_en) and keep theirs
    assert wb.sheetnames == ["V2", "1 Above designated size", "2 规下（≥3亩）", "3 规下（<3亩）", "4 租户"]
    tenants = [[c.value for c in row] for row in wb[wb.sheetnames[-1]].iter_rows()]
    assert tenants[0][0] == "Results · V2 · 租户 (2 enterprises)"
    assert tenants[1][:2] == ["Weights", "Tax per mu 100 (total 100)"]
    assert tenants[3][1].startswith("By score: A ≥ 80")
    # a table written in English names its groups in English: each still gets its own method (the
    # walk: both scored lists read "listed, not scored")
    english = again.reset_index().assign(
        size_group=again.reset_index()["size_group"].replace({"规上": "Above designated size"})
    )
    wb = load_workbook(
        io.BytesIO(
            exports.results_xlsx_bytes(
                english, version=v2, title="Results · V2", group_column="size_group", lang="en"
            )
        )
    )
    above = [[c.value for c in row] for row in wb["1 Above designated size"].iter_rows()]
    assert above[1][0] == "Weights" and "not scored" not in str(above[1][1])
    assert (
        exports.heading(v2, "Results", "en") == f"Results · V2 · {v2.title} · draft"  # the year said once
    )

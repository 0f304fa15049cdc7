"""The results workbook of a version (公示与异议 → 评价结果 download) states per group the weights
configured and those applied, and the benchmarks of the indicators scored (walk8: its group sheets
gave the configured weights only, and no 基准值, while the 公示 workbook gave both); a version keeps
the weights it applied in both stores, and one saved before they were kept says 未记录.

Hand-worked (tests/fixtures/publication.py with energy and without emissions): 规上 weights 亩均税收
40, 亩均销售收入 20, 单位能耗税收 30, 单位排放税收 10 (total 100). No enterprise reports emissions, so
单位排放税收 is dropped and the other three are scaled by 100/90: 44.44, 22.22, 33.33, 0. Benchmarks
(1 × the pooled mean of E1–E5: land 10 亩, tax 10…50, sales 100, energy 7 tce each): 亩均税收 150/50
= 3, 亩均销售收入 500/50 = 10, 单位能耗税收 150/35 = 4.2857… → 4.286 (four figures). E1's score:
100/90 × (40 × 1/3 + 20 × 1 + 30 × 1/3) = 48.148… (0.00 → 48.15).
"""

from __future__ import annotations

import dataclasses
import io
import sqlite3
from collections.abc import Iterator

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.publication import exports, results, versions
from tests.fixtures.publication import EDITOR, enterprises, rules, store_target

TAX, SALES, ENERGY, EMISSION = (
    "tax_per_mu_wan_yuan",
    "sales_per_mu_wan_yuan",
    "tax_per_tce_wan_yuan",
    "tax_per_emission_equiv_wan_yuan",
)


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path) -> Iterator[str]:
    yield from store_target(request.param, tmp_path)


def _rules() -> dict:
    raw = rules()
    raw["weights"]["above_scale"].update({TAX: 40, SALES: 20, ENERGY: 30, EMISSION: 10})
    return raw


def _save(store: str) -> versions.Version:
    ents = enterprises().assign(energy_tce=7.0)
    return results.save_evaluation(
        ents,
        config=_rules(),
        layers={"enterprises": ("user_ents_2024", ents)},
        title="2024 年度亩均评价",
        actor=EDITOR,
        year=2024,
        store=store,
    )


def _sheet(data: bytes, index: int = 1) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).worksheets[index]
    return [[c.value for c in row] for row in ws.iter_rows()]


def _workbook(version: versions.Version, store: str, lang: str = "zh") -> bytes:
    rows = versions.version_results(version, store=store).drop(columns=["inputs", "provenance"])
    return exports.results_xlsx_bytes(
        rows, version=version, title="评价结果 · V1", group_column="size_group", lang=lang
    )


def test_a_version_keeps_the_weights_it_applied_and_its_workbook_states_them(store):
    v1 = _save(store)
    kept = versions.get_version("V1", store=store).weights["规上"]
    assert kept[TAX] == pytest.approx(400 / 9) and kept[SALES] == pytest.approx(200 / 9)
    assert kept[ENERGY] == pytest.approx(300 / 9) and kept[EMISSION] == 0
    data = _workbook(v1, store)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["V1", "1 规上"]
    rows = _sheet(data)
    said = next(r[1] for r in rows if r[0] == "指标权重")
    assert "配置权重 亩均税收 40、亩均销售收入 20、单位能耗税收 30、单位排放税收 10" in said
    assert "其余按比例放大为 亩均税收 44.44、亩均销售收入 22.22、单位能耗税收 33.33" in said
    head = rows.index(["指标", "权重（分）", "实际采用权重（分）", "基准值", "说明", None, None, None, None])
    table = {r[0]: r[1:5] for r in rows[head + 1 : head + 5]}
    assert table["亩均税收（万元/亩）"] == [40, 44.44, 3, None]
    assert table["亩均销售收入（万元/亩）"] == [20, 22.22, 10, None]
    assert table["单位能耗税收（万元/吨标准煤）"] == [30, 33.33, 4.29, None]  # money: two decimals
    weight, applied, benchmark, note = table["单位排放税收（万元/当量）"]
    assert (weight, applied, benchmark) == (10, 0, None) and "无数据" in note
    ws = book["1 规上"]
    assert [ws.cell(row=head + 2, column=c).number_format for c in (2, 3, 4)] == ["0.00", "0.00", "#,##0.00"]
    # the list below: E1's score a number with two decimals shown, its rank with separators
    listed = rows.index(
        ["ent_id", "name", "size_group", "zone", "score", "rank", "eval_class", "status", "parcels"]
    )
    e1 = next(n for n, r in enumerate(rows) if r[0] == "E1")
    assert e1 > listed and rows[e1][4] == pytest.approx(48.148148, abs=1e-5)
    score, rank = (ws.cell(row=e1 + 1, column=c) for c in (5, 6))
    assert (score.number_format, rank.number_format) == ("0.00", "#,##0")
    assert ws.print_title_rows == f"${listed + 1}:${listed + 1}"  # the list's header on every page
    # the first sheet too: numbers in their measure's format
    first = book["V1"]
    assert first["E3"].number_format == "0.00" and first["F3"].number_format == "#,##0"


def test_in_english_the_same_figures(store):
    v1 = _save(store)
    rows = _sheet(_workbook(v1, store, lang="en"))
    head = next(
        n for n, r in enumerate(rows) if r[:3] == ["Indicator", "Weight (points)", "Weight applied (points)"]
    )
    assert rows[head][3] == "Benchmark"
    assert rows[head + 1][:4] == ["Tax per mu (10k yuan/mu)", 40, 44.44, 3]


def test_a_version_saved_before_the_weights_were_kept_says_not_recorded(store):
    """An older store: atlas_eval_versions without weights_json opens, its versions say 未记录, and the
    next version saved adds the column and keeps its weights."""
    _save(store)
    _drop_weights_column(store)
    old = versions.get_version("V1", store=store)
    assert old.weights == {} and old.benchmarks  # benchmarks were kept already
    rows = _sheet(_workbook(old, store))
    assert ["实际采用权重", "未记录（本版本保存时尚未保存实际采用的权重；配置权重见上）"] in [
        r[:2] for r in rows[:6]
    ]
    said = next(r[1] for r in rows if r[0] == "指标权重")
    assert said.startswith("亩均税收 40、亩均销售收入 20") and "44.44" not in said  # no guess
    head = next(n for n, r in enumerate(rows) if r[0] == "指标")
    assert rows[head + 1][:4] == ["亩均税收（万元/亩）", 40, "未记录", 3]
    # without benchmarks either (a version older still): both not recorded
    older = dataclasses.replace(old, benchmarks={})
    rows = _sheet(_workbook(older, store))
    head = next(n for n, r in enumerate(rows) if r[0] == "指标")
    assert rows[head + 1][:4] == ["亩均税收（万元/亩）", 40, "未记录", "未记录"]
    # the store takes a new version with its weights again
    v2 = _save(store)
    assert versions.get_version(v2.version_id, store=store).weights["规上"][TAX] == pytest.approx(400 / 9)
    assert versions.get_version("V1", store=store).weights == {}


def _drop_weights_column(store: str) -> None:
    """Make the store look written by an atlas that kept no weights."""
    if store.endswith(".gpkg"):
        with sqlite3.connect(store) as con:
            con.execute("ALTER TABLE atlas_eval_versions DROP COLUMN weights_json")
        return
    import sqlalchemy as sa

    from geo.storage import postgis

    engine = sa.create_engine(postgis.normalise_url(store))
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE atlas_eval_versions DROP COLUMN weights_json"))
    engine.dispose()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_published_versions_workbook_states_its_window_and_where_to_object(tmp_path, lang):
    """walk12: the 公示 result workbook gave no 公示期, nor where to object (issue 23 item 1)."""
    store = str(tmp_path / "atlas_user.gpkg")
    _save(store)
    v1 = versions.publish_version("V1", start="2026-12-07", end="2026-12-11", actor=EDITOR, store=store)
    rows = _sheet(_workbook(v1, store, lang=lang), index=0)
    expected = {
        "zh": "公示期：2026-12-07 至 2026-12-11；期间如有异议，请持证明材料向主管部门书面反映",
        "en": "Objection period: 2026-12-07 to 2026-12-11; objections go in writing",
    }[lang]
    assert rows[1][0].startswith(expected)
    assert rows[2][0] == "ent_id"  # the table's header under it, repeated on every printed page
    ws = load_workbook(io.BytesIO(_workbook(v1, store, lang=lang))).worksheets[0]
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    # a land list (one sheet) says it as well; a draft has no window to state
    table = exports.table_xlsx_bytes(
        pd.DataFrame({"a": [1]}), title="t", sheet="V1", lines=exports.window_lines(v1, lang)
    )
    assert _sheet(table, index=0)[1][0].startswith(expected)
    assert exports.window_lines(dataclasses.replace(v1, window_start="", window_end=""), lang) == ()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dropped_indicator_is_said_with_the_input_it_lacks(tmp_path, lang):
    """walk12: the workbook said only 无数据，未参评 where the screen names the missing input (item 2)."""
    store = str(tmp_path / "atlas_user.gpkg")
    v1 = _save(store)
    results_rows = versions.version_results(v1, store=store)
    data = exports.results_xlsx_bytes(
        results_rows.drop(columns=["inputs", "provenance"]),
        version=v1,
        title="评价结果 · V1",
        group_column="size_group",
        lang=lang,
        inputs=results_rows,
    )
    rows = _sheet(data)
    label = {"zh": "单位排放税收（万元/当量）", "en": "Tax per pollutant equivalent"}[lang]
    note = next(r[4] for r in rows if str(r[0]).startswith(label))
    expected = {
        "zh": "单位排放税收缺少污染物排放当量数据，未参评；其权重按比例分给其余指标",
        "en": "has no pollutant equivalent data: left out, its weight shared among the others",
    }[lang]
    assert expected in note, note
    # walk 15 item 2: the group's weights line names the missing input too, and its benchmarks are
    # listed, as the 亩均 page's 公示 workbook says them (one writer: group_method_rows)
    said = dict((r[0], r[1]) for r in rows[1:6])
    weights_item, bench_item = {"zh": ("指标权重", "基准值"), "en": ("Weights", "Benchmarks")}[lang]
    lacks = {"zh": "单位排放税收缺少污染物排放当量数据", "en": "has no pollutant equivalent data"}[lang]
    assert lacks in said[weights_item], said
    assert "缺数据不计" not in said[weights_item] and "(no data)" not in said[weights_item]
    expected_bench = {
        "zh": "亩均税收（万元/亩） 3.00；亩均销售收入（万元/亩） 10.00；单位能耗税收（万元/吨标准煤） 4.29",
        "en": "Tax per mu (10k yuan/mu) 3.00; Sales per mu (10k yuan/mu) 10.00",
    }[lang]
    assert said[bench_item].startswith(expected_bench), said[bench_item]


def test_the_workbooks_title_says_the_version_once():
    """Walk 15 item 14: 「逐企业结果 · V1 · 2024 年评价结果 · 公示 · 2024 年度评价结果」 said the year and
    the results twice; a title naming the year stands for them, one without it keeps them."""
    blank = dict.fromkeys(("replaces", "land_version", "window_start", "window_end", "results_sha256"), "")
    v1 = versions.Version(
        **blank,
        version_id="V1",
        kind=versions.KIND_SCORE,
        year=2024,
        title="2024 年度评价结果",
        state="published",
        config={},
        inputs={},
        n_results=0,
        created_at="",
        created_by="",
    )
    assert exports.heading(v1, "逐企业结果") == "逐企业结果 · V1 · 2024 年度评价结果 · 公示"
    assert (
        exports.heading(v1, "Results", "en", title="Evaluation 2024")
        == "Results · V1 · Evaluation 2024 · published"
    )
    own = dataclasses.replace(v1, title="园区复核")
    assert exports.heading(own, "逐企业结果") == "逐企业结果 · V1 · 2024 年评价结果 · 公示 · 园区复核"
    assert (
        exports.heading(dataclasses.replace(v1, title=""), "逐企业结果")
        == "逐企业结果 · V1 · 2024 年评价结果 · 公示"
    )


def test_where_values_came_from_is_said_or_left_out():
    """Walk 13 item 5: the 数值来源 column was empty on every row (12 of 12, 17,063 of the demo's).
    Left out when no value was changed since the file; else the rows as filed say 填报."""
    assert exports.changed_values_column(pd.Series(["", ""]), "填报") is None
    assert exports.changed_values_column(pd.Series([None, " "]), "填报") is None
    shown = exports.changed_values_column(pd.Series(["税收（万元）：异议 O1", ""]), "填报")
    assert shown.tolist() == ["税收（万元）：异议 O1", "填报"]

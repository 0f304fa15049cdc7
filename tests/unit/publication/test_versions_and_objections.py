"""The year's evaluation as versions (草稿 → 公示 → 定案), objections, land first — on both stores.

The fixture and its hand-worked numbers: tests/fixtures/publication.py.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime

import geopandas as gpd
import pytest
from openpyxl import load_workbook
from shapely.geometry import box

from geo.errors import DataValidationError
from geo.publication import compare, objections, results, versions
from geo.publication.inputs import land_list, layer_digest
from geo.storage import audit
from tests.fixtures.publication import (
    CRS,
    EDITOR,
    HEAD,
    IN_WINDOW,
    WINDOW,
    X0,
    Y0,
    add_objection,
    by_id,
    enterprises,
    keep_department,
    rules,
    save_year,
    store_target,
)

FIVE = ["E1", "E2", "E3", "E4", "E5"]  # (a version's rows are in its lists' order, by score)


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path) -> Iterator[str]:
    """Each test on both stores."""
    yield from store_target(request.param, tmp_path)


def test_the_year_published_disputed_reevaluated_and_fixed(store):
    v1 = save_year(store)
    assert (v1.version_id, v1.state, v1.year, v1.n_results) == ("V1", versions.DRAFT, 2024, 6)
    assert v1.config == rules()
    assert v1.inputs["enterprises"]["layer"] == "user_ents_2024"
    assert v1.inputs["enterprises"]["sha256"] == layer_digest(enterprises())
    published = by_id(versions.version_results(v1, store=store))
    assert published.loc[FIVE, "score"].round(2).tolist() == [33.33, 66.67, 100.0, 133.33, 166.67]
    # saved in the list's order: best score first, the unscored last
    assert published.index.tolist() == ["E5", "E4", "E3", "E2", "E1", "E6"]
    assert published["eval_class"].tolist() == ["A", "A", "B", "C", "D", ""]
    assert published.loc[FIVE, "rank"].tolist() == [5, 4, 3, 2, 1]
    assert published.loc["E1", "inputs"]["tax_wan_yuan"] == 10.0
    assert published.loc["E6", "status"].startswith("不参评")

    # Viewers see nothing until it is published.
    assert versions.list_versions(store=store, viewer=True) == []
    v1 = versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    assert (v1.state, v1.window_start, v1.window_end) == (versions.PUBLISHED, "2025-07-13", "2025-07-19")
    assert [v.version_id for v in versions.list_versions(store=store, viewer=True)] == ["V1"]

    o1 = add_objection(store, "V1", "E1", 25)
    o2 = add_objection(store, "V1", "E3", 45, evidence=b'=HYPERLINK("x")')
    assert (o1.objection_id, o1.value_before, o1.value_claimed) == ("O1", 10.0, 25.0)
    assert o2.objection_id == "O2"
    with pytest.raises(DataValidationError, match="未决定"):
        results.reevaluate("V1", actor=EDITOR, store=store)
    objections.decide_objection(
        "O1", decision="accepted", answer="税务局核实：实缴 25 万元", actor=HEAD, store=store
    )
    objections.decide_objection(
        "O2", decision="rejected", answer="税务局：实缴仍为 30 万元", actor=HEAD, store=store
    )
    with pytest.raises(DataValidationError, match="不能再改"):
        objections.decide_objection("O2", decision="accepted", answer="再议", actor=HEAD, store=store)

    v2 = results.reevaluate("V1", actor=EDITOR, store=store)
    assert (v2.version_id, v2.state, v2.replaces, v2.config) == ("V2", versions.DRAFT, "V1", rules())
    v2 = versions.finalize_version("V2", actor=HEAD, store=store)
    assert v2.locked and v2.finalized_by == HEAD
    assert versions.replaced_by(v1, store=store) == ["V2"]

    final = by_id(versions.version_results(v2, store=store))
    assert final.loc[FIVE, "score"].round(2).tolist() == [75.76, 60.61, 90.91, 121.21, 151.52]
    assert final.index.tolist() == ["E5", "E4", "E3", "E1", "E2", "E6"]  # E1 now above E2
    assert final["eval_class"].tolist() == ["A", "A", "B", "C", "C", ""]
    assert final.loc[FIVE, "rank"].tolist() == [4, 5, 3, 2, 1]
    assert final.loc["E1", "inputs"]["tax_wan_yuan"] == 25.0
    assert final.loc["E1", "provenance"] == {"tax_wan_yuan": "异议 O1"}
    assert final.loc["E3", "inputs"]["tax_wan_yuan"] == 30.0  # the rejected claim changed nothing
    assert final.loc["E3", "provenance"] == {}

    diff = compare.compare_versions("V1", "V2", store=store).set_index("ent_id")
    assert list(diff.index) == ["E5", "E4", "E3", "E2", "E1"]  # in V1's list order; E6 (T) did not move
    assert diff.loc[FIVE, "class_changed"].tolist() == [True, False, False, False, False]
    assert (diff.loc["E1", "class_before"], diff.loc["E1", "class_after"]) == ("D", "C")
    assert diff.loc[FIVE, "score_change"].round(2).tolist() == [42.42, -6.06, -9.09, -12.12, -15.15]
    assert diff.loc["E1", "changed_inputs"] == "税收（万元）：10.00 → 25.00（异议 O1）"
    assert (diff.loc[["E2", "E3", "E4", "E5"], "changed_inputs"] == "").all()

    # Every step in the change log, with who and when.
    log = audit.audit_log(store=store)
    steps = [(r.action, r.user_name) for r in log.itertuples()][::-1]
    assert steps == [
        ("results_saved", EDITOR),
        ("version_saved", EDITOR),
        ("version_published", EDITOR),
        ("evidence_saved", EDITOR),
        ("objection_recorded", EDITOR),
        ("evidence_saved", EDITOR),
        ("objection_recorded", EDITOR),
        ("objection_answered", HEAD),  # the department's answer: a step of its own
        ("objection_decided", HEAD),
        ("objection_answered", HEAD),
        ("objection_decided", HEAD),
        ("results_saved", EDITOR),
        ("version_saved", EDITOR),
        ("version_finalized", HEAD),
    ]
    assert log["at_utc"].str.match(r"\d{4}-\d\d-\d\dT").all()


def test_a_final_version_refuses_every_change(store):
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    versions.finalize_version("V1", actor=HEAD, store=store)
    before = len(audit.audit_log(store=store))
    with pytest.raises(DataValidationError, match="已定案"):
        versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    with pytest.raises(DataValidationError, match="已定案"):
        versions.finalize_version("V1", actor=HEAD, store=store)
    with pytest.raises(DataValidationError, match="已定案"):
        add_objection(store, "V1", "E1", 25)
    with pytest.raises(DataValidationError, match="已定案"):
        results.reevaluate("V1", actor=EDITOR, store=store)
    assert len(audit.audit_log(store=store)) == before
    # A correction is a new version naming the one it replaces.
    v2 = save_year(store, replaces="V1")
    assert (v2.version_id, v2.replaces, versions.get_version("V1", store=store).state) == (
        "V2",
        "V1",
        "final",
    )


def test_objections_only_in_the_window_and_decisions_on_record(store):
    save_year(store)
    with pytest.raises(DataValidationError, match="只有公示中的版本"):
        add_objection(store, "V1", "E1", 25)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    for day in (date(2025, 7, 12), date(2025, 7, 20)):
        with pytest.raises(DataValidationError, match="不在版本 V1 的公示期"):
            objections.record_objection(
                "V1",
                ent_id="E1",
                indicator="tax_wan_yuan",
                value_claimed=25,
                evidence_name="a.pdf",
                evidence=b"x",
                department="tax",
                actor=EDITOR,
                today=day,
                store=store,
            )
    ok = dict(ent_id="E1", indicator="tax_wan_yuan", value_claimed=25, evidence_name="a.pdf", evidence=b"x")
    bad_cases = [
        ({"indicator": "score"}, "不是该版本可以提出异议的输入指标"),
        ({"value_claimed": "很多"}, "不是数字"),
        ({"ent_id": "E99"}, "没有企业「E99」"),
        ({"evidence": b""}, "请附上证据文件"),
        ({"evidence": b"x" * (objections.MAX_EVIDENCE_BYTES + 1)}, "证据文件过大"),
    ]
    for change, message in bad_cases:
        with pytest.raises(DataValidationError, match=message):
            objections.record_objection(
                "V1", **{**ok, **change}, department="tax", actor=EDITOR, today=IN_WINDOW, store=store
            )
    with pytest.raises(DataValidationError, match="没有登录身份"):
        objections.record_objection("V1", **ok, department="tax", actor=" ", today=IN_WINDOW, store=store)
    evidence = b"%PDF-1.4 scan"
    o1 = add_objection(store, "V1", "E1", 25, evidence=evidence)
    name, kept = objections.evidence_file(hashlib.sha256(evidence).hexdigest(), store=store)
    assert (name, kept) == ("E1-完税证明.pdf", evidence)
    with pytest.raises(DataValidationError, match="未知的决定"):
        objections.decide_objection(o1.objection_id, decision="maybe", answer="x", actor=HEAD, store=store)
    objections.decide_objection(
        o1.objection_id, decision="rejected", answer="核实无误", actor=HEAD, store=store
    )
    row = objections.objections_frame(store=store).iloc[0]
    assert (row["decision"], row["decided_by"], row["department_answer"]) == ("rejected", HEAD, "核实无误")
    assert row["decided_at"].startswith("20")


def test_rejected_objections_change_nothing_and_a_replaced_version_is_closed(store):
    v1 = save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    add_objection(store, "V1", "E2", 99)
    objections.decide_objection("O1", decision="rejected", answer="核实无误", actor=HEAD, store=store)
    v2 = results.reevaluate("V1", actor=EDITOR, store=store)
    # Evaluated again from the version's own inputs and rules: the very same results (same digest).
    assert v2.results_sha256 == v1.results_sha256
    assert compare.compare_versions("V1", "V2", store=store).empty
    for act in (
        lambda: add_objection(store, "V1", "E1", 25),
        lambda: results.reevaluate("V1", actor=EDITOR, store=store),
    ):
        with pytest.raises(DataValidationError, match="已按异议重新评价为 V2"):
            act()
    with pytest.raises(DataValidationError, match="已被 V2 替换"):
        versions.finalize_version("V1", actor=HEAD, store=store)
    assert versions.finalize_version("V2", actor=HEAD, store=store).locked


def test_state_rules_and_bad_input(store):
    with pytest.raises(DataValidationError, match="请为版本写一个标题"):
        results.save_evaluation(
            enterprises(), config=rules(), layers={}, title=" ", actor=EDITOR, store=store
        )
    with pytest.raises(DataValidationError, match="没有登录身份"):
        results.save_evaluation(enterprises(), config=rules(), layers={}, title="t", actor="", store=store)
    with pytest.raises(DataValidationError, match="被替换的版本「V9」不存在"):
        save_year(store, replaces="V9")
    save_year(store)
    with pytest.raises(DataValidationError, match="晚于结束日期"):
        versions.publish_version("V1", start="2025-07-20", end="2025-07-13", actor=EDITOR, store=store)
    with pytest.raises(DataValidationError, match="不是日期"):
        versions.publish_version("V1", start="7月13日", end="2025-07-13", actor=EDITOR, store=store)
    with pytest.raises(DataValidationError, match="不能直接定案"):
        versions.finalize_version("V1", actor=HEAD, store=store)
    with pytest.raises(DataValidationError, match="没有编号为「V7」"):
        versions.publish_version("V7", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    assert [v.state for v in versions.list_versions(store=store)] == ["draft"]


def test_register_xlsx_is_formula_safe(store):
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    objections.record_objection(
        "V1",
        ent_id="E2",
        indicator="tax_wan_yuan",
        value_claimed="30",
        evidence_name="=cmd|' /C calc'!A0",
        evidence=b"x",
        department="tax",
        actor="@admin",
        today=IN_WINDOW,
        store=store,
    )
    keep_department(store, "O1", "+税务局")  # an older store kept the department as typed
    data = objections.register_xlsx_bytes(
        objections.objections_frame(store=store), version=versions.get_version("V1", store=store)
    )
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "异议登记表 · V1 · 2024 年度亩均评价 · 公示"  # one title (walk 15 item 14)
    header = [c.value for c in ws[2]]
    row = dict(zip(header, [c for c in ws[3]], strict=True))
    assert row["证据文件"].value == "=cmd|' /C calc'!A0" and row["证据文件"].data_type == "s"
    assert row["核实部门"].value == "+税务局" and row["核实部门"].data_type == "s"
    assert row["登记人"].value == "@admin" and row["登记人"].data_type == "s"
    assert (row["公示值"].value, row["申诉值"].value, row["决定"].value) == (20.0, 30.0, "待定")
    # the English register (issue 23 item 5): English headers, heading and sheet, still formula-safe
    data = objections.register_xlsx_bytes(
        objections.objections_frame(store=store), version=versions.get_version("V1", store=store), lang="en"
    )
    book = load_workbook(io.BytesIO(data))
    ws = book.active
    assert book.sheetnames == ["Objections"]
    assert ws["A1"].value == "Objection register · V1 · 2024 年度亩均评价 · published"
    header = [c.value for c in ws[2]]
    assert header[:7] == [
        "Objection",
        "Name",
        "Indicator",
        "Published value",
        "Value claimed",
        "Department",
        "Decision",
    ]
    row = dict(zip(header, [c for c in ws[3]], strict=True))
    assert row["Evidence file"].value == "=cmd|' /C calc'!A0" and row["Evidence file"].data_type == "s"
    assert (row["Published value"].value, row["Value claimed"].value, row["Decision"].value) == (
        20.0,
        30.0,
        "pending",
    )


def test_land_first_then_scores_on_the_agreed_land(store, tmp_path):
    ents = enterprises()
    # E1 on two parcels, 100 x 100 m (15 亩) and 40 x 50 m (3 亩); the others keep the table's 10 亩.
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["P1", "P2"], "ent_id": ["E1", "E1"]},
        geometry=[box(X0, Y0, X0 + 100, Y0 + 100), box(X0 + 200, Y0, X0 + 240, Y0 + 50)],
        crs=CRS,
    )
    listed = land_list(ents, parcels=parcels).set_index("ent_id")
    assert listed.loc["E1", "land_mu"] == pytest.approx(18.0)
    assert (listed.loc["E1", "parcels"], listed.loc["E1", "land_source"]) == ("P1、P2", "宗地")
    assert (listed.loc["E2", "land_mu"], listed.loc["E2", "parcels"], listed.loc["E2", "land_source"]) == (
        10.0,
        "",
        "填报",
    )
    land = results.save_land_list(
        ents,
        parcels=parcels,
        layers={"enterprises": ("ents", ents), "parcels": ("parcels", parcels)},
        title="2024 年度用地清单",
        actor=EDITOR,
        year=2024,
        store=store,
    )
    assert (land.version_id, land.kind) == ("V1", versions.KIND_LAND)
    with pytest.raises(DataValidationError, match="还是草稿"):
        save_year(store, land_version="V1")
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    objections.record_objection(
        "V1",
        ent_id="E2",
        indicator="land_mu",
        value_claimed=12.5,
        evidence_name="不动产证.pdf",
        evidence=b"deed",
        department="自然资源局",
        actor=EDITOR,
        today=IN_WINDOW,
        store=store,
    )
    objections.decide_objection("O1", decision="accepted", answer="以不动产证为准", actor=HEAD, store=store)
    agreed = results.reevaluate("V1", actor=EDITOR, store=store)
    agreed = versions.finalize_version(agreed.version_id, actor=HEAD, store=store)
    rows = by_id(versions.version_results(agreed, store=store))
    assert rows.loc["E2", "inputs"] == {"land_mu": 12.5}
    assert rows.loc["E2", "provenance"] == {"land_mu": "异议 O1"}
    assert rows.loc["E1", "parcels"] == "P1、P2"

    scored = save_year(store, land_version=agreed.version_id)
    assert scored.land_version == "V2"
    used = by_id(versions.version_results(scored, store=store))
    assert used.loc["E1", "inputs"]["land_mu"] == pytest.approx(18.0)
    assert used.loc["E2", "inputs"]["land_mu"] == 12.5
    assert used.loc["E2", "provenance"] == {"land_mu": "用地清单 V2"}
    # Hand-worked on the agreed land: Σ tax 150 over Σ land 18 + 12.5 + 3 × 10 + (E6 not scored)
    # = 60.5 亩 -> benchmark 150 / 60.5; E5 5 万元/亩 scores 5 × 60.5 / 150 × 100 = 201.67.
    assert used.loc["E5", "score"] == pytest.approx(5 * 60.5 / 150 * 100)


def test_the_window_is_counted_in_china_days(store):
    """Without ``today`` the objection is judged by today's date in China (UTC+8), not the server's."""
    china_today = datetime.now(objections.CHINA_TZ).date()
    save_year(store)
    versions.publish_version("V1", start=china_today, end=china_today, actor=EDITOR, store=store)
    found = objections.record_objection(
        "V1",
        ent_id="E1",
        indicator="tax_wan_yuan",
        value_claimed=25,
        evidence_name="a.pdf",
        evidence=b"x",
        department="tax",
        actor=EDITOR,
        store=store,
    )
    assert found.objection_id == "O1"


def test_a_changed_input_is_written_whole_never_in_scientific_notation():
    """walk10: 用电量 read 3.44668e+06 in 变化的输入值."""
    assert [compare.input_text(v) for v in (10.0, 25.0, 2.28, 3446680.0, 1234567.5, None)] == [
        "10",
        "25",
        "2.28",
        "3,446,680",
        "1,234,567.5",
        "—",
    ]

"""What a re-evaluated year keeps straight (walk of issue 6): the department's answer and the decision
as separate recorded steps, the same objection refused twice, the corrected draft's register carrying
the objections it answers in Beijing time, its title neutral, and the benchmarks that moved.

The fixture and its hand-worked numbers: tests/fixtures/publication.py (benchmark 150/50 = 3 in V1;
after O1, E1's tax 10 → 25, 165/50 = 3.3 in V2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pandas as pd
import pytest

from geo.errors import DataValidationError
from geo.publication import compare, objections, results, versions
from geo.storage import audit
from tests.fixtures.publication import EDITOR, HEAD, WINDOW, add_objection, save_year, store_target

TAX_PER_MU = "tax_per_mu_wan_yuan"


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path) -> Iterator[str]:
    """Each test on both stores."""
    yield from store_target(request.param, tmp_path)


@pytest.fixture
def gpkg(tmp_path) -> Iterator[str]:
    yield from store_target("gpkg", tmp_path)


def _published(store: str) -> versions.Version:
    save_year(store)
    return versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)


def test_the_answer_and_the_decision_are_kept_apart(store):
    _published(store)
    add_objection(store, "V1", "E1", 25)
    # No answer yet: no decision.
    with pytest.raises(DataValidationError, match="还没有核实部门的答复") as err:
        objections.decide_objection("O1", decision="accepted", actor=HEAD, store=store)
    assert err.value.text("en").startswith("Objection O1 has no answer from the verifying department")
    objections.answer_objection("O1", answer="税务局：实缴 25 万元", actor=EDITOR, store=store)
    # The same words again change nothing; other words never overwrite the answer.
    objections.answer_objection("O1", answer="税务局：实缴 25 万元", actor=EDITOR, store=store)
    with pytest.raises(DataValidationError, match="不能覆盖"):
        objections.answer_objection("O1", answer="另一答复", actor=EDITOR, store=store)
    with pytest.raises(DataValidationError, match="不能覆盖"):
        objections.decide_objection("O1", decision="accepted", answer="另一答复", actor=HEAD, store=store)
    objections.decide_objection("O1", decision="accepted", reason="以完税证明为准", actor=HEAD, store=store)
    row = objections.objections_frame(store=store).iloc[0]
    assert (row["department_answer"], row["answered_by"]) == ("税务局：实缴 25 万元", EDITOR)
    assert (row["decision"], row["decision_note"], row["decided_by"]) == ("accepted", "以完税证明为准", HEAD)
    steps = audit.audit_log(store=store)["action"].tolist()[::-1]
    assert steps[-3:] == ["objection_recorded", "objection_answered", "objection_decided"]


def test_an_answer_given_with_the_objection_survives_the_decision(gpkg):
    _published(gpkg)
    objections.record_objection(
        "V1",
        ent_id="E1",
        indicator="tax_wan_yuan",
        value_claimed=25,
        evidence_name="证明.pdf",
        evidence=b"%PDF",
        department="tax",
        department_answer="税务局：属实",
        actor=EDITOR,
        today=WINDOW[0],
        store=gpkg,
    )
    objections.decide_objection("O1", decision="accepted", reason="证据充分", actor=HEAD, store=gpkg)
    row = objections.objections_frame(store=gpkg).iloc[0]
    assert (row["department_answer"], row["decision_note"]) == ("税务局：属实", "证据充分")
    assert row["answered_by"] == EDITOR and row["answered_at"] == row["recorded_at"]


def test_the_same_objection_is_not_recorded_twice(store):
    _published(store)
    add_objection(store, "V1", "E1", 25)
    with pytest.raises(DataValidationError, match="已登记为 O1") as err:
        add_objection(store, "V1", "E1", 25.0, evidence=b"another scan")
    assert "recorded already as O1" in err.value.text("en")
    assert "Tax (10k yuan)" in err.value.text("en")
    add_objection(store, "V1", "E1", 26)  # another value claimed: another objection
    add_objection(store, "V1", "E2", 25)  # another enterprise
    assert objections.objections_frame(store=store)["objection_id"].tolist() == ["O1", "O2", "O3"]


def test_the_corrected_draft_carries_the_objections_it_answers(store):
    _published(store)
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="属实", actor=HEAD, store=store)
    v2 = results.reevaluate("V1", actor=EDITOR, store=store)
    # Its own register is empty; the register it answers holds V1's objection, named as V1's.
    assert objections.objections_frame(store=store, version_id="V2").empty
    carried = objections.register_objections(v2, store=store)
    assert carried[["objection_id", "version_id"]].values.tolist() == [["O1", "V1"]]
    table = objections.register_table(carried)
    assert table["版本"].tolist() == ["V1"]
    assert table["登记时间"].iloc[0].endswith(" 北京时间")
    # Its own title: the year's and the correction's words with its own id (walk7 finding 8).
    assert versions.get_version("V1", store=store).title == "2024 年度亩均评价"
    assert v2.title == "2024 年度亩均评价（异议更正，V2）"


def test_register_times_are_beijing_time():
    frame = pd.DataFrame(
        {
            "objection_id": ["O1"],
            "indicator": ["tax_wan_yuan"],
            "decision": ["accepted"],
            "recorded_at": ["2026-12-06T23:53:40+00:00"],
            "answered_at": [""],
            "decided_at": ["2026-12-07T01:02:00+00:00"],
            "value_before": ["10.0"],
            "value_claimed": ["25.0"],
        }
    )
    zh = objections.register_table(frame)
    assert (zh["登记时间"].iloc[0], zh["答复记录时间"].iloc[0]) == ("2026-12-07 07:53 北京时间", "")
    en = objections.register_table(frame, lang="en")
    assert en["Decided at"].iloc[0] == "2026-12-07 09:02 Beijing time"


def test_the_benchmark_that_moved_is_kept_and_named(store):
    _published(store)
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="属实", actor=HEAD, store=store)
    v2 = results.reevaluate("V1", actor=EDITOR, store=store)
    v1 = versions.get_version("V1", store=store)
    assert v1.benchmarks["规上"][TAX_PER_MU] == pytest.approx(3.0)
    assert v2.benchmarks["规上"][TAX_PER_MU] == pytest.approx(3.3)
    moves = compare.benchmark_moves("V1", "V2", store=store)
    assert [(m.indicator, m.groups) for m in moves] == [(TAX_PER_MU, ())]  # alike in both groups
    assert (moves[0].before, moves[0].after) == (pytest.approx(3.0), pytest.approx(3.3))
    assert compare.benchmark_moves("V1", "V1", store=store) == []
    # A version saved before benchmarks were kept: worked out again from its own inputs and rules.
    older = dataclasses.replace(v1, benchmarks={})
    assert results.version_benchmarks(older, store=store)["规上"][TAX_PER_MU] == pytest.approx(3.0)


def test_words_for_indicators_and_provenance():
    assert objections.field_label("emission_equiv", "zh") == "排放当量（当量）"
    assert objections.field_label("emission_equiv", "en") == "Pollutant equivalents (equiv.)"
    assert objections.field_label("tax_wan_yuan", "en") == "Tax (10k yuan)"
    assert objections.provenance_words("异议 O12", "en") == "objection O12"
    assert objections.provenance_words("用地清单 V3", "en") == "land list V3"
    assert objections.provenance_words("用地清单 V3", "zh") == "用地清单 V3"
    assert objections.provenance_words("填报", "en") == "填报"

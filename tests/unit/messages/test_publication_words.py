"""The publication's messages in English name no Chinese state, decision or field, and join their
lists with commas; the Chinese sentences are those of before (on the GeoPackage store)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.errors import DataValidationError
from geo.publication import objections, versions
from tests.fixtures.publication import EDITOR, HEAD, IN_WINDOW, WINDOW, add_objection, save_year


def _raised(call, *args, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        call(*args, **kwargs)
    return info.value


@pytest.fixture
def store(tmp_path) -> str:
    return str(tmp_path / "atlas_user.gpkg")


def test_a_draft_is_not_open_to_objections_and_a_published_version_not_to_publishing(store):
    save_year(store)
    err = _raised(add_objection, store, "V1", "E1", 25)
    assert str(err) == "版本 V1 是「草稿」，只有公示中的版本可以登记异议。请先公示该版本"
    assert err.text("en") == (
        "Version V1 is “draft”; objections are recorded only against a version being published. "
        "Publish the version first"
    )
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    err = _raised(versions.publish_version, "V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    assert str(err).startswith("版本 V1 已是「公示」，只有草稿可以公示")
    assert err.text("en").startswith("Version V1 is already “published”; only a draft can be published")


def test_a_date_that_is_not_one_is_named_in_each_language(store):
    save_year(store)
    err = _raised(versions.publish_version, "V1", start="七月", end=WINDOW[1], actor=EDITOR, store=store)
    assert str(err).startswith("公示开始日期「七月」不是日期")
    assert err.text("en") == "“七月” is not a date (the first day of publication). Write it like 2025-07-13"


def test_objections_name_their_fields_and_decisions_in_english(store):
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    err = _raised(
        objections.record_objection,
        "V1",
        ent_id="E1",
        indicator="tax_wan_yuan",
        value_claimed=25,
        evidence_name="完税证明.pdf",
        evidence=b"%PDF-1.4",
        department="财政局",
        actor=EDITOR,
        today=IN_WINDOW,
        store=store,
    )
    assert str(err).startswith("没有名为「财政局」的核实部门。可选：tax（税务局）、stats（统计局）")
    assert err.text("en").startswith(
        "There is no verifying department “财政局”. Choose one of: tax (Tax bureau), "
    )
    long = "长" * 501
    err = _raised(
        objections.decide_objection, "O9", decision="accepted", answer=long, actor=HEAD, store=store
    )
    assert str(err) == "核实部门的答复过长（501 字）。请不超过 500 字"
    assert err.text("en") == (
        "The text of the verifying department's answer is too long (501 characters). "
        "Keep it to 500 characters"
    )
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="税务局核实", actor=HEAD, store=store)
    err = _raised(
        objections.decide_objection, "O1", decision="rejected", answer="再议", actor=HEAD, store=store
    )
    assert "决定为「采纳」，不能再改" in str(err)
    assert "was decided “accepted” on" in err.text("en")
    assert "采纳" not in err.text("en")


def test_the_register_in_english_has_english_indicators_and_decisions():
    frame = pd.DataFrame(
        {
            "objection_id": ["O1", "O2"],
            "version_id": ["V1", "V1"],
            "ent_id": ["E1", "E2"],
            "ent_name": ["甲公司", "乙公司"],
            "indicator": ["tax_wan_yuan", "land_mu"],
            "value_before": [10.0, 5.0],
            "value_claimed": [25.0, 4.0],
            "evidence_name": ["a.pdf", "b.pdf"],
            "evidence_sha256": ["0" * 64, "1" * 64],
            "department": ["tax", "资规局"],  # a code, and an older record's typed name
            "department_answer": ["", ""],
            "decision": ["accepted", ""],
            "decided_by": [HEAD, ""],
            "decided_at": ["2025-07-16T00:00:00+00:00", ""],
            "recorded_by": [EDITOR, EDITOR],
            "recorded_at": ["2025-07-15T00:00:00+00:00", "2025-07-15T00:00:00+00:00"],
        }
    )
    zh = objections.register_table(frame)
    assert zh["异议指标"].tolist() == ["税收（万元）", "用地面积（亩）"]
    assert zh["决定"].tolist() == ["采纳", "待定"]
    en = objections.register_table(frame, lang="en")
    assert en["Indicator"].tolist() == ["Tax (10k yuan)", "Land (mu)"]  # headers in English too
    assert en["Decision"].tolist() == ["accepted", "pending"]
    assert en["Name"].tolist() == ["甲公司", "乙公司"]  # names stay as given
    assert en["Department"].tolist() == ["Tax bureau", "Natural resources and planning bureau"]
    assert zh["核实部门"].tolist() == ["税务局", "自然资源和规划局"]

"""walk19 item 7: accepting one firm's objection raised the benchmarks and moved a firm that filed
nothing (同里古镇文创) from C to D; the page said only 「2 家类别变动」. After 重新评价 the page names
each firm whose class changed (from → to), marks those whose own values did not change (the
benchmarks moved), points at the comparison, lists them there, and the 定案 tab says who was moved
down without a 公示 before the version is fixed.

The store (tests/fixtures/publication.py with E4's tax 37): V1 benchmark 147/50 = 2.94, E1 34.01 (D),
E4 125.85 (A); O1 on E1's tax (10 → 25) accepted; V2 benchmark 162/50 = 3.24, E1 77.16 (C),
E4 114.20 (B): E4 filed nothing and goes A → B."""

from __future__ import annotations

import pytest

from geo.publication import compare, objections, results, versions
from tests.fixtures.app import open_page
from tests.fixtures.publication import EDITOR, HEAD, WINDOW, add_objection, enterprises, save_year

PAGE = "pages/publication.py"


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return str(user_gpkg)


def _objected(store: str) -> None:
    ents = enterprises()
    ents.loc[ents["ent_id"] == "E4", "tax_wan_yuan"] = 37.0
    save_year(store, ents)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="属实", actor=HEAD, store=store)


def test_class_changes_put_a_firm_moved_by_the_benchmarks_first(user_store):
    _objected(user_store)
    results.reevaluate("V1", actor=EDITOR, store=user_store)
    table = compare.compare_versions("V1", "V2", store=user_store)
    found = compare.class_changes(table, "V1", store=user_store)
    assert [(c.ent_id, c.before, c.after, c.own, c.objected, c.down) for c in found] == [
        ("E4", "A", "B", False, False, True),
        ("E1", "D", "C", True, True, False),
    ]


def test_evaluating_again_names_the_firms_whose_class_changed(user_store):
    _objected(user_store)
    at = open_page(PAGE, timeout=120)
    next(b for b in at.button if b.key == "pub_re_button").click().run()
    assert not at.exception, at.exception
    said = next(s.value for s in at.success if "V2" in s.value)
    assert "企业E4（E4）：A → B（未提异议，自身数据未变：因基准变化）" in said
    assert "企业E1（E1）：D → C（自身数据经异议更正）" in said
    assert "「比较版本」" in said
    # the comparison lists them too, and the 定案 tab says who was moved down without a 公示
    listed = [m.value for m in at.markdown if "类别变动的企业" in m.value]
    assert listed and "企业E4（E4）：A → B" in listed[0]
    warned = [w.value for w in at.warning if "未经公示" in w.value]
    assert warned == [
        "以下企业因基准变化降档，未经公示：企业E4（E4）：A → B。"
        "定案前请告知这些企业：可先公示 V2，让它们提出异议。"
    ]


def test_the_english_page_names_them_and_warns_before_finalizing(user_store):
    _objected(user_store)
    results.reevaluate("V1", actor=EDITOR, lang="en", store=user_store)
    at = open_page(PAGE, timeout=120, lang="en")
    listed = [m.value for m in at.markdown if "Enterprises whose class changed" in m.value]
    assert (
        listed
        and "(E4): A → B (filed no objection, its own values unchanged: the benchmarks moved)" in (listed[0])
    )
    warned = [w.value for w in at.warning if "not been published" in w.value]
    assert len(warned) == 1 and "(E4): A → B" in warned[0] and "publish V2 first" in warned[0]
    # a published correction has been heard: no warning once V2 is published
    versions.publish_version("V2", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=user_store)
    at.run()
    assert not [w.value for w in at.warning if "not been published" in w.value]

"""walk7's findings 8-9 on the English 公示与异议 page (issue 23): after "Evaluate again" the
comparison opens on the new pair (V2 → V3), its scores with two decimals and separators, the new
draft titled in English with its own id; the objection form's department in English.

The store: the hand-worked fixture (tests/fixtures/publication.py) saved as V1, published, O1 on
E1's tax (10 → 25) accepted, evaluated again as V2, published, O2 on E3's tax (30 → 45) accepted."""

from __future__ import annotations

import dataclasses

import pytest

from geo import ingest
from geo.publication import objections, results, versions
from pages.publication.objection_tab import department_key
from tests.fixtures.app import open_page
from tests.fixtures.publication import EDITOR, HEAD, WINDOW, add_objection, save_year

PAGE = "pages/publication.py"


@pytest.fixture
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    return str(path)


def _two_rounds(store: str) -> None:
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="属实", actor=HEAD, store=store)
    results.reevaluate("V1", actor=EDITOR, lang="en", store=store)
    versions.publish_version("V2", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    add_objection(store, "V2", "E3", 45)
    objections.decide_objection("O2", decision="accepted", answer="属实", actor=HEAD, store=store)


def _pair(at) -> tuple[str, str]:
    before = next(s for s in at.selectbox if s.label == "Before")
    after = next(s for s in at.selectbox if s.label == "After")
    return before.value, after.value


def test_evaluating_again_opens_the_comparison_on_the_new_pair(user_store):
    _two_rounds(user_store)
    at = open_page(PAGE, timeout=120, lang="en")
    assert _pair(at) == ("V1", "V2")
    # the first indicator (land) goes to the natural resources bureau, named in English
    department = at.selectbox(key=department_key(0, "land_mu"))
    assert at.selectbox(key="pub_obj_indicator").value == "land_mu"
    assert (department.value, department.format_func(department.value)) == (
        "land",
        "Natural resources and planning bureau",
    )
    next(b for b in at.button if b.key == "pub_re_button").click().run()
    assert not at.exception, at.exception
    assert any("V3" in s.value for s in at.success)
    assert _pair(at) == ("V2", "V3")
    v3 = versions.get_version("V3", store=user_store)
    assert v3.title == "2024 年度亩均评价 (corrected after objections, V3)"
    table = next(d for d in at.dataframe if "Score before" in d.value.columns).value.set_index(
        "Enterprise ID"
    )
    # hand-worked: V2 benchmark 165/50 = 3.3, E3 3/3.3 → 90.91; V3 180/50 = 3.6, E3 4.5/3.6 → 125.00
    assert table.loc["E3", ["Score before", "Score after", "Score change"]].tolist() == [
        "90.91",
        "125.00",
        "+34.09",
    ]


def test_a_title_reads_in_the_page_language():
    from pages.publication.editor import display_title

    new = versions.Version(
        version_id="V3",
        kind="score",
        year=2024,
        title="2024 评价（异议更正，V3）",
        state="draft",
        replaces="V2",
        land_version="",
        window_start="",
        window_end="",
        config={},
        inputs={},
        results_sha256="",
        n_results=0,
        created_at="",
        created_by="",
    )
    # a typed title as typed; the correction's words in the page's language (walk10 4)
    assert display_title(new, "en") == "2024 评价 (corrected after objections, V3)"
    assert display_title(new, "zh") == "2024 评价（异议更正，V3）"
    # the title the save form proposed, rendered in the page's language too
    proposed = dataclasses.replace(new, year=2022, title="2022 年度评价结果（异议更正，V2）", replaces="V1")
    assert display_title(proposed, "en") == "Evaluation 2022 (corrected after objections, V2)"
    english = dataclasses.replace(proposed, title="Evaluation 2022 (corrected after objections, V2)")
    assert display_title(english, "zh") == "2022 年度评价结果（异议更正，V2）"
    assert display_title(dataclasses.replace(proposed, title="2022 年度评价结果", replaces=""), "en") == (
        "Evaluation 2022"
    )
    old = dataclasses.replace(new, title="Evaluation 2022（异议更正）")
    assert display_title(old, "en") == "Evaluation 2022 (corrected after objections)"
    assert display_title(old, "zh") == "Evaluation 2022（异议更正）"
    assert display_title(dataclasses.replace(old, replaces=""), "en") == "Evaluation 2022（异议更正）"

"""The comparison of two versions in English (issue 23 walk): its changed input values are named in
English (the input and where its new value came from), not in Chinese on the English page; and the
values are written in their measure's format, as the objection register writes them (699.50, not
699.5 beside the register's 699.50)."""

from __future__ import annotations

from geo.publication import compare, objections, results, versions
from tests.fixtures.publication import EDITOR, HEAD, WINDOW, add_objection, save_year


def test_changed_inputs_in_english_and_in_chinese(tmp_path):
    store = str(tmp_path / "atlas_user.gpkg")
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="税务局核实", actor=HEAD, store=store)
    results.reevaluate("V1", actor=EDITOR, store=store)
    en = compare.compare_versions("V1", "V2", store=store, lang="en").set_index("ent_id")
    assert en.loc["E1", "changed_inputs"] == "Tax (10k yuan): 10.00 → 25.00 (objection O1)"
    zh = compare.compare_versions("V1", "V2", store=store).set_index("ent_id")
    assert zh.loc["E1", "changed_inputs"] == "税收（万元）：10.00 → 25.00（异议 O1）"

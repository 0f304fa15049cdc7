"""walk7's findings 8-9 on 公示与异议 (issue 23): a corrected draft's own title in the language of the
page that made it; an answer always recorded with who and when (an older row says so); the register
XLSX printed as the 公示 workbook (A4 landscape, fitted to width, header repeated and frozen, widths
read whole); the departments from configuration, named in English on the English page.

The fixture: tests/fixtures/publication.py (V1 published in WINDOW; O1 on E1's tax 10 → 25)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.errors import DataValidationError
from geo.publication import departments, exports, objections, results, versions
from tests.fixtures.publication import EDITOR, HEAD, IN_WINDOW, WINDOW, add_objection, save_year, store_target


@pytest.fixture
def gpkg(tmp_path) -> Iterator[str]:
    yield from store_target("gpkg", tmp_path)


def _objected(store: str) -> None:
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)
    add_objection(store, "V1", "E1", 25)
    objections.decide_objection("O1", decision="accepted", answer="属实", actor=HEAD, store=store)


def test_a_corrected_draft_is_titled_in_the_page_language_with_its_own_id(gpkg):
    _objected(gpkg)
    v2 = results.reevaluate("V1", actor=EDITOR, lang="en", store=gpkg)
    assert v2.title == "2024 年度亩均评价 (corrected after objections, V2)"
    assert v2.title != versions.get_version("V1", store=gpkg).title
    # A correction of a correction: the earlier words are not repeated, the new id is its own.
    assert results.base_title(v2.title) == "2024 年度亩均评价"
    assert results.base_title("Evaluation 2022（异议更正）") == "Evaluation 2022"
    assert results.base_title("年度评价（异议更正，V3）（异议更正）") == "年度评价"
    # A title given is kept as given.
    versions.publish_version("V2", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=gpkg)
    v3 = results.reevaluate("V2", actor=EDITOR, title="2024 年度复核", store=gpkg)
    assert v3.title == "2024 年度复核"


def test_answering_records_who_and_when(gpkg):
    save_year(gpkg)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=gpkg)
    # answered with the objection
    objections.record_objection(
        "V1",
        ent_id="E1",
        indicator="tax_wan_yuan",
        value_claimed=25,
        evidence_name="E1.pdf",
        evidence=b"%PDF-1.4 proof",
        department="tax",
        department_answer="属实",
        actor=EDITOR,
        today=IN_WINDOW,
        store=gpkg,
    )
    # answered later, then at the decision
    add_objection(gpkg, "V1", "E2", 30)
    objections.answer_objection("O2", answer="核实无误", actor=HEAD, store=gpkg)
    add_objection(gpkg, "V1", "E3", 5)
    objections.decide_objection("O3", decision="rejected", answer="不属实", actor=HEAD, store=gpkg)
    frame = objections.objections_frame(store=gpkg).set_index("objection_id")
    assert frame["answered_by"].to_dict() == {"O1": EDITOR, "O2": HEAD, "O3": HEAD}
    assert all(str(frame.at[o, "answered_at"]).startswith("20") for o in ("O1", "O2", "O3"))
    table = objections.register_table(frame.reset_index(), lang="en")
    assert "not recorded" not in table.to_numpy().tolist()


def test_an_answer_kept_without_who_and_when_says_so():
    frame = pd.DataFrame(
        {
            "objection_id": ["O1", "O2"],
            "indicator": ["tax_wan_yuan", "tax_wan_yuan"],
            "decision": ["accepted", ""],
            "department_answer": ["属实", ""],
            "answered_by": ["", ""],
            "answered_at": ["", ""],
            "value_before": ["10.0", "10.0"],
            "value_claimed": ["25.0", "12.0"],
        }
    )
    en = objections.register_table(frame, lang="en")
    assert en["Answer recorded by"].tolist() == ["not recorded", ""]
    assert en["Answer recorded at"].tolist() == ["not recorded", ""]
    zh = objections.register_table(frame)
    assert zh["答复记录人"].tolist() == ["未记录", ""]


def test_the_register_workbook_prints_as_the_notice(gpkg):
    _objected(gpkg)
    version = versions.get_version("V1", store=gpkg)
    data = objections.register_xlsx_bytes(objections.objections_frame(store=gpkg), version=version, lang="en")
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$2:$2"
    assert ws.freeze_panes == "A3"
    headers = [c.value for c in ws[2]]
    widths = {h: ws.column_dimensions[c.column_letter].width for h, c in zip(headers, ws[2], strict=True)}
    row = dict(zip(headers, [c.value for c in ws[3]], strict=True))
    # "2026-12-07 11:55 Beijing time" (29 characters) and the evidence's name read whole
    assert row["Answer recorded at"].endswith(" Beijing time")
    assert widths["Answer recorded at"] == len(row["Answer recorded at"]) + 2
    assert row["Evidence file"] == "E1-完税证明.pdf"
    assert widths["Evidence file"] == len("E1-.pdf") + 2 * 4 + 2  # a Chinese character counts two
    assert widths["Evidence SHA-256"] == exports.MAX_WIDTH  # 64 characters: wrapped
    assert ws.cell(row=3, column=headers.index("Evidence SHA-256") + 1).alignment.wrap_text is True


def test_column_widths_count_chinese_twice_and_stop_at_the_most():
    table = pd.DataFrame({"名称": ["苏州工业园区", "x" * 80], "n": [1, 2]})
    assert exports.text_width("苏州ab") == 6
    assert exports.column_widths(table) == [exports.MAX_WIDTH, exports.MIN_WIDTH]
    assert exports.column_widths(table.head(1)) == [14.0, exports.MIN_WIDTH]


def test_departments_from_configuration_in_both_languages(tmp_path):
    assert departments.default_department("tax_wan_yuan") == "tax"  # by the indicator (test_departments.py)
    assert departments.department_names("zh")[0] == "税务局"
    assert departments.department_names("en")[:2] == ["Tax bureau", "Statistics bureau"]
    bad = tmp_path / "departments.yaml"
    bad.write_text("departments:\n  - {code: tax, zh: 税务局}\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="第 1 个核实部门缺少"):
        departments.load_departments(bad)
    bad.write_text("departments: []\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="没有列出任何核实部门"):
        departments.load_departments(bad)

"""The department an objection is checked by (核实部门, walk8): proposed by the disputed indicator
(the department that supplied the figure, geo/publication/departments.yaml), stored by its code,
named in the reader's language in the register; older records that kept the typed name still read
right — on both stores."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from geo.collect.departments import load_departments as load_collect_departments
from geo.errors import DataValidationError
from geo.publication import departments, objections, versions
from geo.publication.inputs import objectionable_columns
from geo.storage import audit
from tests.fixtures.publication import (
    EDITOR,
    IN_WINDOW,
    WINDOW,
    keep_department,
    save_year,
    store_target,
)


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path) -> Iterator[str]:
    """Each test on both stores."""
    yield from store_target(request.param, tmp_path)


def _published(store: str) -> None:
    save_year(store)
    versions.publish_version("V1", start=WINDOW[0], end=WINDOW[1], actor=EDITOR, store=store)


def _record(store: str, indicator: str, value: float, **kw) -> objections.Objection:
    return objections.record_objection(
        "V1",
        ent_id="E2",
        indicator=indicator,
        value_claimed=value,
        evidence_name="证明.pdf",
        evidence=b"%PDF-1.4 proof",
        actor=EDITOR,
        today=IN_WINDOW,
        store=store,
        **kw,
    )


def _register(store: str, lang: str) -> dict[str, list]:
    """The register workbook of V1 in ``lang``: header -> column values."""
    data = objections.register_xlsx_bytes(
        objections.objections_frame(store=store), version=versions.get_version("V1", store=store), lang=lang
    )
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=True))
    return {h: [r[n] for r in rows[1:]] for n, h in enumerate(rows[0])}


def test_land_goes_to_natural_resources_stored_as_its_code(store):
    _published(store)
    found = _record(store, "land_mu", 12.5)  # no department given: the indicator's
    assert found.department == "land"
    assert objections.objections_frame(store=store)["department"].tolist() == ["land"]
    assert _register(store, "zh")["核实部门"] == ["自然资源和规划局"]
    assert _register(store, "en")["Department"] == ["Natural resources and planning bureau"]
    # the user may pick another; a name in either language is stored as the code too
    assert _record(store, "tax_wan_yuan", 25, department="统计局").department == "stats"
    assert _record(store, "tax_wan_yuan", 26, department="Power supply company").department == "power"
    assert _record(store, "electricity_kwh", 1e6).department == "power"
    assert objections.objections_frame(store=store)["department"].tolist() == [
        "land",
        "stats",
        "power",
        "power",
    ]
    assert _register(store, "en")["Department"][1:] == [
        "Statistics bureau",
        "Power supply company",
        "Power supply company",
    ]
    with pytest.raises(DataValidationError, match="没有名为「财政局」的核实部门") as err:
        _record(store, "tax_wan_yuan", 27, department="财政局")
    assert err.value.text("en").startswith(
        "There is no verifying department “财政局”. Choose one of: tax (Tax"
    )
    assert len(objections.objections_frame(store=store)) == 4  # nothing recorded


def test_older_records_keep_reading_right(store):
    """Objections stored before codes hold the typed name: a configured name (or one of its other
    names) reads as that department in either language; any other text as it is, formula-safe."""
    _published(store)
    for n, text in enumerate(("税务局", "资规局", '=HYPERLINK("x")<img src=x onerror=alert(1)>'), start=1):
        _record(store, "tax_wan_yuan", 30 + n)
        keep_department(store, f"O{n}", text)
    assert objections.objections_frame(store=store)["department"].tolist()[:2] == ["税务局", "资规局"]
    odd = '=HYPERLINK("x")<img src=x onerror=alert(1)>'
    assert _register(store, "en")["Department"] == [
        "Tax bureau",
        "Natural resources and planning bureau",
        odd,
    ]
    assert _register(store, "zh")["核实部门"] == ["税务局", "自然资源和规划局", odd]
    data = objections.register_xlsx_bytes(
        objections.objections_frame(store=store), version=versions.get_version("V1", store=store)
    )
    cell = load_workbook(io.BytesIO(data)).active.cell(row=5, column=6)  # 核实部门
    assert (cell.value, cell.data_type, cell.quotePrefix) == (odd, "s", True)  # text, never a formula
    # the answer step names the department as stored (its Chinese name in the change log)
    objections.answer_objection("O2", answer="以不动产证为准", actor=EDITOR, store=store)
    stored = objections.objections_frame(store=store).set_index("objection_id")
    assert stored.loc["O2", ["department", "department_answer"]].tolist() == ["资规局", "以不动产证为准"]
    log = audit.audit_log(store=store)
    assert "V1：自然资源和规划局答复：以不动产证为准" in log["detail"].tolist()


def test_every_disputable_indicator_goes_to_the_department_that_supplies_it():
    table = departments.load_departments()
    expected = {
        "land_mu": "land",
        "floor_area_m2": "land",
        "land_share_pct": "land",
        "tax_wan_yuan": "tax",
        "sales_wan_yuan": "stats",
        "value_added_wan_yuan": "stats",
        "employees": "stats",
        "rd_wan_yuan": "stats",
        "energy_tce": "stats",
        "electricity_kwh": "power",
        "emission_equiv": "env",
    }
    assert {c: table.for_indicator(c) for c in objectionable_columns()} == expected
    assert set(table.checked_by) == set(objectionable_columns())  # each listed, none by fallback
    # 数据归集 (geo/collect/departments.yaml) names the same departments by the same codes: a
    # disputed figure goes to the department it was collected from
    _, collected = load_collect_departments()
    for code, dept in collected.items():
        for column in dept.values:
            assert table.for_indicator(column) == code, column
    assert departments.default_department("land_mu") == "land"
    assert departments.department_name("land", "en") == "Natural resources and planning bureau"
    assert departments.department_name("Tax bureau", "zh") == "税务局"
    assert departments.department_name("某某办", "en") == "某某办"


def test_a_bad_departments_file_is_named(tmp_path):
    bad = tmp_path / "departments.yaml"
    cases = {
        "departments:\n  - zh: 税务局\n    en: Tax bureau\n": "缺少代码（code）",
        "departments:\n  - {code: tax, zh: 税务局}\n": "缺少中文名（zh）或英文名（en）",
        "departments:\n  - {code: tax, zh: 税务局, en: Tax}\n  - {code: tax, zh: 统计局, en: Stats}\n": (
            "代码都是「tax」"
        ),
        "departments:\n  - {code: tax, zh: 税务局, en: Tax}\nchecked_by:\n  land_mu: land\n": (
            "把指标 land_mu 交给代码为「land」的部门，但没有这个部门（已有：tax）"
        ),
        "departments: []\n": "没有列出任何核实部门",
    }
    for text, words in cases.items():
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(DataValidationError, match=words):
            departments.load_departments(bad)

"""walk10's findings 1-3 on the 公示与异议 objection form: the department saved is the one shown for
the indicator the objection is about (not the last indicator's, held over a refused click); the
claimed value starts empty and is required (never the version's value or 0 by default); the version's
value is shown in its measure's format.

The store: the hand-worked fixture (tests/fixtures/publication.py) saved as V1 and published."""

from __future__ import annotations

from datetime import timedelta

import pytest

from geo import ingest
from geo.errors import DataValidationError
from geo.messages.formats import beijing_today
from geo.publication import departments, objections, versions
from geo.publication.objections import shown_value
from pages.publication.objection_tab import department_key, value_key
from tests.fixtures.app import open_page
from tests.fixtures.publication import EDITOR, save_year

PAGE = "pages/publication.py"
PROOF = ("完税证明.pdf", b"%PDF-1.4 proof", "application/pdf")


@pytest.fixture
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    save_year(str(path))
    today = beijing_today()  # the page proposes days in Suzhou
    versions.publish_version(
        "V1", start=today - timedelta(days=1), end=today + timedelta(days=5), actor=EDITOR, store=str(path)
    )
    return str(path)


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


def test_the_department_saved_is_the_one_for_this_indicator(user_store):
    at = open_page(PAGE, timeout=120)
    at.selectbox(key="pub_obj_ent").set_value("E1").run()
    # 排放当量 first: its department (生态环境局), and a click refused for want of evidence
    at.selectbox(key="pub_obj_indicator").set_value("emission_equiv").run()
    assert at.selectbox(key=department_key(0, "emission_equiv")).value == "env"
    at.number_input(key=value_key(0, "E1", "emission_equiv")).set_value(5.0)
    _button(at, "pub_obj_button").click().run()
    assert [e.value for e in at.error] == ["请先上传证据文件。"]
    # then 税收: the tax bureau is shown and saved
    at.selectbox(key="pub_obj_indicator").set_value("tax_wan_yuan").run()
    assert at.selectbox(key=department_key(0, "tax_wan_yuan")).value == "tax"
    at.number_input(key=value_key(0, "E1", "tax_wan_yuan")).set_value(25.0)
    at.file_uploader(key="pub_obj_evidence_0").set_value(PROOF)
    _button(at, "pub_obj_button").click().run()
    assert not at.exception, at.exception
    saved = objections.objections_frame(store=user_store)
    assert saved[["indicator", "value_claimed", "department"]].values.tolist() == [
        ["tax_wan_yuan", "25.0", "tax"]
    ]


def test_the_claimed_value_starts_empty_and_is_required(user_store):
    at = open_page(PAGE, timeout=120, lang="en")
    at.selectbox(key="pub_obj_ent").set_value("E1").run()
    at.selectbox(key="pub_obj_indicator").set_value("tax_wan_yuan").run()
    box = at.number_input(key=value_key(0, "E1", "tax_wan_yuan"))
    assert box.value is None
    # typed in the decimals the version's value is shown in (83.90 above 45.50, never 45.5000)
    assert box.proto.format == "%.2f"
    at.file_uploader(key="pub_obj_evidence_0").set_value(PROOF)
    _button(at, "pub_obj_button").click().run()
    assert [e.value for e in at.error] == [
        "Enter the value claimed (the figure the enterprise says is right)."
    ]
    assert not len(objections.objections_frame(store=user_store))  # nothing saved by default


def test_geo_refuses_an_objection_without_a_claimed_value(user_store):
    with pytest.raises(DataValidationError, match="没有填写申诉值"):
        objections.record_objection(
            "V1",
            ent_id="E1",
            indicator="tax_wan_yuan",
            value_claimed=None,
            evidence_name="完税证明.pdf",
            evidence=b"%PDF-1.4 proof",
            department="tax",
            actor=EDITOR,
            store=user_store,
        )


def test_the_versions_value_is_shown_in_its_measures_format():
    assert shown_value("electricity_kwh", 3446680.0) == "3,446,680"  # not 3.44668e+06
    assert shown_value("land_mu", 10.5) == "10.50"
    assert shown_value("tax_wan_yuan", 12345.678) == "12,345.68"
    assert shown_value("employees", 1200.0) == "1,200"
    assert shown_value("energy_tce", 12.345) == "12.35"
    assert shown_value("tax_wan_yuan", None) == "—"


def test_the_claimed_value_is_typed_in_the_decimals_of_the_versions_value():
    # walk18 c4: 「企业申诉的数值 45.5000」 under 「该版本中的数值：83.90」
    assert objections.input_format("tax_wan_yuan") == "%.2f"
    assert objections.input_format("land_mu") == "%.2f"
    assert objections.input_format("electricity_kwh") == "%.0f"
    assert objections.input_format("employees") == "%.0f"
    assert objections.input_format("emission_equiv") == "%.2f"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_evidence_upload_is_bounded_as_every_upload_and_says_so(user_store, lang):
    """walk11: the evidence uploader said 单个文件不超过 200 MB (Streamlit's own bound) while the store
    refused evidence over 5 MB: the uploader applies the store's bound, and its caption says it."""
    at = open_page(PAGE, timeout=120, lang=lang)
    uploader = at.file_uploader(key="pub_obj_evidence_0")
    assert uploader.proto.max_upload_size_mb == objections.MAX_EVIDENCE_MB == 5 < ingest.MAX_UPLOAD_MB
    said = f"{objections.MAX_EVIDENCE_MB} MB"
    assert said in uploader.help
    assert any(said in c.value for c in at.caption)


def _recorded(store: str, indicator: str, value: float) -> None:
    objections.record_objection(
        "V1",
        ent_id="E1",
        indicator=indicator,
        value_claimed=value,
        evidence_name="证明.pdf",
        evidence=b"%PDF-1.4 proof",
        department=departments.load_departments().for_indicator(indicator),
        department_answer="属实",
        actor=EDITOR,
        store=store,
    )


def test_the_decision_has_no_default_and_is_refused_until_chosen(user_store):
    """walk12 (issue 23 item 3): 决定 was preselected on 采纳 — a legal decision made by default."""
    _recorded(user_store, "tax_wan_yuan", 25.0)
    at = open_page(PAGE, timeout=120)
    assert at.radio(key="pub_obj_decision").value is None
    at.text_area(key="pub_obj_reason").set_value("以完税证明为准")
    _button(at, "pub_obj_decide_button").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["请先选择决定：采纳或驳回（不预设，须由经办人选定）。"]
    assert objections.objections_frame(store=user_store)["decision"].tolist() == [""]  # nothing decided
    at.radio(key="pub_obj_decision").set_value("rejected")
    _button(at, "pub_obj_decide_button").click().run()
    assert objections.objections_frame(store=user_store)["decision"].tolist() == ["rejected"]


def test_the_objections_values_are_in_one_format_per_measure_on_the_page(user_store):
    """walk12 (issue 23 item 4): the select showed 699.5 → 1200.0 and the register 699.5 / 1200,
    while the form said 41.10: each value is now in its measure's format everywhere."""
    _recorded(user_store, "sales_wan_yuan", 1234.5)
    at = open_page(PAGE, timeout=120, lang="en")
    label = at.selectbox(key="pub_obj_pick").options[0]
    assert label.endswith(" 100.00 → 1,234.50"), label  # E1's sales (万元): two decimals, separators
    table = at.dataframe[-1].value
    assert table["Published value"].tolist() == ["100.00"], table.columns.tolist()
    assert table["Value claimed"].tolist() == ["1,234.50"]

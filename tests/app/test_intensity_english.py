"""用地强度 in English under AppTest (issue 23 item 5 and the walk's leftovers): the low-efficiency
list names its 区镇 in English and its 盘活 status in words ("Identified", not the stored 已认定 or a
code), the renewal tab's totals in mu, its table by year and town in English, and in single-user
mode the actor reads "single-user mode" in the form and in the status log while the store keeps
单用户模式 (a person's name is never translated)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.land import renewal
from geo.storage import audit
from tests.fixtures import APP

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _intensity(lang: str, tab: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=240)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("pages/intensity.py").run()
    at.session_state["parcel_tab"] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_low_efficiency_list_reads_in_english(store):
    at = _intensity("en", "Low-efficiency land")
    shown = next(df.value for df in at.dataframe if "Reasons" in df.value.columns)
    # the key columns first, the enterprise among them (walk 18 c5: last, it ran off the table at 1280)
    assert list(shown.columns) == [
        "Parcel ID",
        "Enterprise",
        "Town/park",
        "Area (mu)",
        "Reasons",
        "Status",
        "Enterprise ID",
    ]
    towns = set(shown["Town/park"])  # by their short names on screen, as the ranking names them
    assert "Qidu" in towns and not any(CJK.search(str(v)) for v in towns), towns
    assert not any(CJK.search(str(v)) for v in shown["Reasons"]) and "Low FAR" in set(shown["Reasons"])
    assert set(shown["Status"]) == {"Identified"}  # nothing recorded yet: every parcel 已认定
    # a synthetic demo firm as the ranking writes it in English (walk 18 c5)
    names = shown["Enterprise"].dropna()
    assert len(names) and all(n.endswith(" (synthetic)") and "合成" not in n for n in names), names.head()
    # the total in the rows' two decimals (walk 18 c5: "27,922.1 mu" above 365.53)
    total = next(m.value for m in at.markdown if "low-efficiency parcels" in m.value)
    assert re.fullmatch(r"[\d,]+ low-efficiency parcels, [\d,]+\.\d\d mu", total), total


def test_single_user_mode_is_recorded_as_such_and_shown_in_english(store):
    at = _intensity("en", "Renewal")
    who = at.text_input(key="parcel_edit_who")
    assert who.value == "single-user mode" and who.disabled
    pid = at.selectbox(key="parcel_edit_id").value
    at.selectbox(key="parcel_edit_status").set_value(renewal.STATUS_IN_PROGRESS)
    at.selectbox(key="parcel_edit_method").set_value(renewal.METHODS[0])
    at.button(key="parcel_edit_save").click().run()
    assert not at.exception, at.exception
    # stored as the atlas's reserved actor, in Chinese
    assert renewal.load_log(path=store)["changed_by"].tolist() == ["单用户模式"]
    assert audit.audit_log(store=store).iloc[0]["user_name"] == "单用户模式"
    log = next(df.value for df in at.dataframe if "Changed by" in df.value.columns)
    assert log[["Parcel id", "New status", "Method", "Changed by"]].values.tolist() == [
        [pid, "In progress", "Upgrade", "single-user mode"]
    ]
    by_town = next(df.value for df in at.dataframe if "Parcels identified" in df.value.columns)
    assert not any(CJK.search(str(v)) for v in by_town["Town/park"]), by_town["Town/park"].tolist()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Land freed"].endswith(" mu") and "亩" not in "".join(metrics.values())
    assert metrics["Low-efficiency enterprises closed 2016–2020"] == "853 enterprises"
    record = next(c.value for c in at.caption if c.value.startswith("Plan record"))
    assert "853 enterprises" in record and not CJK.search(record), record  # the plan cited in English


def test_the_chinese_page_shows_the_stored_words(store):
    at = _intensity("zh", "盘活跟踪")
    assert at.text_input(key="parcel_edit_who").value == "单用户模式"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["关停淘汰低效企业 2016–2020"] == "853 家"


def test_the_towns_view_names_towns_and_units_in_english(store):
    at = AppTest.from_file(str(APP), default_timeout=240)
    at.session_state["lang"] = "en"
    at.session_state["int_view"] = "zones"
    at.run()
    at.switch_page("pages/intensity.py").run()
    assert not at.exception, at.exception
    ranked = next(df.value for df in at.dataframe if "Class" in df.value.columns)
    assert list(ranked.columns)[:2] == ["Town/zone", "Tax per mu (10k yuan/mu)"]
    assert len(ranked) == 8 and not any(CJK.search(v) for v in ranked["Town/zone"])
    assert all(v.endswith(" 10k yuan/mu") for v in ranked["Class"])  # "21.18 – 23.37 10k yuan/mu"
    assert at.selectbox(key="int_metric").format_func("tax_per_mu_wan_yuan") == "Tax per mu (10k yuan/mu)"

"""The 数据管理 page says what it proposes for a table's lon/lat frame once, where the frame is
chosen (issue 23 item 1): the reason beside the radio, not again among the file's notes."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from pages.data.reading import FILE_TOKEN
from tests.fixtures.app import open_page
from tests.fixtures.points import addressed_points


@pytest.fixture
def user_store(user_gpkg):
    """The test's own empty user store (tests/conftest.py)."""
    return user_gpkg


def _texts(at: AppTest) -> list[str]:
    """Every sentence the page shows (captions, notices, markdown)."""
    kinds = (at.caption, at.info, at.warning, at.success, at.error, at.markdown)
    return [str(e.value) for kind in kinds for e in kind]


def _upload(at: AppTest, frame: str) -> AppTest:
    table = addressed_points(frame=frame).to_csv(index=False).encode()
    return at.file_uploader(key="data_upload").set_value(("企业名单.csv", table, "text/csv")).run()


@pytest.mark.parametrize(
    ("lang", "evidence", "proposed"),
    [
        ("zh", "落在地址所写区县/区镇内的个数", "建议按 GCJ-02"),
        ("en", "those inside the district or town their address names", "Proposed: read as GCJ-02"),
    ],
)
def test_the_proposed_frame_is_said_once_where_it_is_chosen(user_store, lang, evidence, proposed):
    """A Gaode list with addresses: the address count that proposes GCJ-02 and the proposal itself
    each appear once on the page, in the notice above the preselected radio."""
    at = _upload(open_page("pages/data.py", timeout=90, lang=lang), "gcj02")
    assert not at.exception
    texts = _texts(at)
    assert sum(evidence in x for x in texts) == 1, texts
    assert sum(proposed in x for x in texts) == 1, texts
    assert [i.value for i in at.info if evidence in i.value and proposed in i.value]
    token = at.session_state[FILE_TOKEN]
    assert at.radio(key=f"data_frame@{token}").value == "gcj02"


def test_evidence_that_decides_nothing_is_said_once_beside_the_question(user_store):
    """The same list in WGS-84: no frame is clearly better, so nothing is preselected; the count is
    said once and the page asks."""
    at = _upload(open_page("pages/data.py", timeout=90), "wgs84")
    assert not at.exception
    texts = _texts(at)
    assert sum("仅凭地址分不出是哪种坐标框架" in x for x in texts) == 1, texts
    assert at.radio(key=f"data_frame@{at.session_state[FILE_TOKEN]}").value is None
    assert any("请选择经纬度的坐标框架" in w.value for w in at.warning)


def test_a_proposal_by_the_column_names_is_not_contradicted_by_the_addresses():
    """walk11: a Gaode list whose addresses decide nothing read 「建议按 GCJ-02 读取（已预选，请确认）：
    根据列名…；…没有明显更好的坐标框架」: the proposal and its reason said no frame was better.
    The addresses' part now says only that they do not tell the frames apart; the names' part
    proposes."""
    from geo.ingest import inspect_upload
    from geo.messages.notes import text_in

    named = addressed_points(frame="wgs84").rename(columns={"lon": "高德经度", "lat": "高德纬度"})
    found = inspect_upload(named.to_csv(index=False).encode(), "企业名单.csv", kind="enterprises")
    assert found.proposed_frame() == "gcj02"
    zh, en = text_in(found.frame_reason(), "zh"), text_in(found.frame_reason(), "en")
    assert "根据列名/文件名，坐标可能是 GCJ-02" in zh and "仅凭地址分不出是哪种坐标框架" in zh, zh
    assert "may be GCJ-02" in en and "the addresses alone do not tell which frame it is" in en, en
    assert "没有明显更好" not in zh and "clearly better" not in en


def test_the_proposed_frame_sets_the_radio_one_way_only(user_store, monkeypatch):
    """walk9: the radio got both a preselected index and its value through the session state, and
    Streamlit logged 'created with a default value but also had its value set via the Session
    State API' for every proposed table. The proposal now reaches the radio one way."""
    policies = "streamlit.elements.lib.policies"
    logged: list[str] = []
    monkeypatch.setattr(f"{policies}._shown_default_value_warning", False)  # Streamlit says it once a process
    monkeypatch.setattr(logging.getLogger(policies), "warning", lambda *a, **k: logged.append(a[0]))
    at = _upload(open_page("pages/data.py", timeout=90), "gcj02")
    at.run()
    assert not at.exception
    assert at.radio(key=f"data_frame@{at.session_state[FILE_TOKEN]}").value == "gcj02"
    assert not [m for m in logged if "default value" in str(m)], logged

"""Who sees what, page by page (pages/common/auth.py, geo/access.py): an anonymous AppTest session, with
logins configured, receives no enterprise row — not in the elements drawn, not in the map payloads
sent to the browser, not in any download — and a 查看企业 session does.

An enterprise row is recognised by what only enterprise rows carry in the demo data: the names of
the synthetic enterprises (all "…有限公司（合成）"), their IDs (WJ00001 …), and the figures of the
largest taxpayer (苏州平望瑞顺化纤有限公司（合成）, WJ06926: tax 31,736.84 万元).
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import streamlit_folium as stf
from streamlit.elements.widgets.button import ButtonMixin
from streamlit.testing.v1 import AppTest

from geo.messages import t
from pages.common import payloads
from tests.fixtures import APP

FIRM = re.compile(r"有限公司|\bWJ\d{5}\b|31,?736\.8")
TOP_NAME = "苏州平望瑞顺化纤有限公司（合成）"
SECRETS = {
    "roles": {"lisi": "查看企业", "wangwu": "查看汇总"},
    "accounts": {"zhangsan": "scrypt$x", "lisi": "scrypt$x", "wangwu": "scrypt$x"},
}


@pytest.fixture
def sent(monkeypatch):
    """Everything the sessions are sent beyond the elements: the map component's arguments (and the
    payload files they fetch) and every download's bytes (made as a click would)."""
    got = {"maps": [], "downloads": []}
    component = stf._component_func

    def record_map(**kwargs):
        got["maps"].append(kwargs)
        return component(**kwargs)

    monkeypatch.setattr(stf, "_component_func", record_map)
    button = ButtonMixin.download_button

    def record_download(self, label, data, *args, **kwargs):
        got["downloads"].append((label, kwargs.get("file_name", ""), data))
        return button(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record_download)
    return got


def _session(page: str, user: str | None, **state) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.secrets["atlas"] = SECRETS
    if user:
        at.session_state["_atlas_account"] = user
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.who = [c.value for c in at.sidebar.caption]  # the sidebar as the app opens
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _elements_text(at: AppTest) -> str:
    parts = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            walk(child)
        value = getattr(node, "value", None)
        if hasattr(value, "to_csv"):
            parts.append(value.to_csv())
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))

    walk(at._tree)
    return "\n".join(parts)


def _maps_text(got: dict) -> str:
    parts = []
    for kwargs in got["maps"]:
        for name in ("script", "html", "header", "feature_group", "layer_control"):
            parts.append(str(kwargs.get(name) or ""))
        for digest in re.findall(r"/app/static/cache/([0-9a-f]{32})\.json", str(kwargs.get("feature_group"))):
            parts.append((payloads.PAYLOAD_DIR / f"{digest}.json").read_text(encoding="utf-8"))
    return "\n".join(parts)


def _download_text(data, name: str = "") -> str:
    if name.endswith(".png"):  # a picture: no text to read, not built (1-2 s of matplotlib each)
        return ""
    body = data() if callable(data) else data
    body = body.encode() if isinstance(body, str) else bytes(body)
    if body[:2] == b"PK":  # XLSX (a zip of XML)
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    if body[:4] == b"\x89PNG":  # drawn from the same layers as the other downloads
        return ""
    return body.decode("utf-8", "replace")


def _downloads_text(got: dict) -> str:
    return "\n".join(f"{name}\n{_download_text(data, name)}" for _, name, data in got["downloads"])


def _unescaped(text: str) -> str:
    """``text`` with JSON/JS ``\\uXXXX`` escapes written out (map payloads escape non-ASCII)."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _leaks(text: str) -> list[str]:
    return sorted(set(FIRM.findall(_unescaped(text))))[:5]


PAGES = [
    ("pages/overview.py", {}),
    ("pages/corridors.py", {}),
    ("pages/wujiang.py", {"wj_show": "all"}),
    ("pages/efficiency.py", {}),
    ("pages/intensity.py", {}),
    ("pages/intensity.py", {"int_view": "parcels"}),
    ("pages/data.py", {"export_layers": ["districts", "enterprises"]}),
]


@pytest.mark.parametrize(("page", "state"), PAGES, ids=[f"{p}{'+' if s else ''}" for p, s in PAGES])
def test_an_anonymous_session_receives_no_enterprise_row(page, state, sent):
    at = _session(page, None, **state)
    assert any("未登录" in c for c in at.who)
    assert _leaks(_elements_text(at)) == []
    assert _leaks(_maps_text(sent)) == []
    assert sent["downloads"] or page != "pages/overview.py"  # the overview offers its downloads
    assert _leaks(_downloads_text(sent)) == []


@pytest.mark.parametrize("tab", ["low", "cmp", "warn", "trend", "pay", "zones"])
def test_no_tab_of_the_evaluation_shows_an_anonymous_session_enterprise_rows(tab, sent):
    at = _session("pages/efficiency.py", None, eff_tab=t(f"eff.tab.{tab}", "zh"))
    assert _leaks(_elements_text(at) + _downloads_text(sent)) == []


def test_the_summary_role_sees_aggregates_and_the_firms_role_sees_enterprises(sent):
    at = _session("pages/efficiency.py", "wangwu")
    assert any("查看汇总：wangwu" in c for c in at.who)
    assert _leaks(_elements_text(at) + _maps_text(sent)) == []
    labels = [label for label, _, _ in sent["downloads"]]
    assert "下载分组汇总（CSV）" in labels and "下载公示名单（Excel）" not in labels
    # the map counts the scored enterprises per 区镇 and class instead of drawing them
    assert "参评企业数（按区镇汇总）" in _unescaped(_maps_text(sent))
    sent["downloads"].clear()
    sent["maps"].clear()
    at = _session("pages/efficiency.py", "lisi")
    assert any("查看企业：lisi" in c for c in at.who)
    assert _leaks(_elements_text(at))  # the ranking table
    assert "企业亩均评价类别（合成）" in _unescaped(_maps_text(sent))  # the class points
    assert not any(b.key == "eff_cfg_official" for b in at.button)  # 查看企业 does not edit


@pytest.mark.parametrize(
    ("page", "state"),
    [
        ("pages/wujiang.py", {"wj_show": "all"}),
        ("pages/intensity.py", {}),
        ("pages/data.py", {"export_layers": ["enterprises"]}),
    ],
)
def test_an_enterprise_viewer_receives_the_enterprises(page, state, sent):
    at = _session(page, "lisi", **state)
    found = _leaks(_maps_text(sent) + _elements_text(at))
    if page == "pages/data.py":
        csv = [data for _, name, data in sent["downloads"] if name.endswith(".csv")]
        found = _leaks(_download_text(csv[-1]))  # the export's (the overview's come first)
        assert TOP_NAME in _download_text(csv[-1])
    assert found


def test_an_anonymous_wujiang_map_counts_enterprises_per_town(sent):
    at = _session("pages/wujiang.py", None, wj_show="all")
    drawn = _unescaped(_maps_text(sent))
    assert "企业数（按区镇汇总）" in drawn and "n_enterprises" in drawn
    assert any("不显示单个企业" in c.value for c in at.caption)


def test_a_map_rendered_for_staff_is_never_sent_to_an_anonymous_session(sent):
    """The evaluation map's changing layers have one cache key per scope; the session's audience is
    part of it (pages/common/cache.py), so a scope drawn first for 查看企业 is drawn anew for a visitor."""
    _session("pages/efficiency.py", "lisi")
    assert _leaks(_maps_text(sent))
    sent["maps"].clear()
    _session("pages/efficiency.py", None)
    assert _leaks(_maps_text(sent)) == []
    assert "参评企业数（按区镇汇总）" in _unescaped(_maps_text(sent))


def test_a_status_change_is_recorded_under_the_signed_in_editor_not_a_typed_name(sent, tmp_path):
    from geo.land import renewal
    from geo.storage import audit

    at = _session("pages/intensity.py", "zhangsan", parcel_tab="盘活跟踪", parcel_edit_who="李四")
    assert any("编辑：zhangsan" in c for c in at.who)
    pid = at.selectbox(key="parcel_edit_id").options[0]
    at.selectbox(key="parcel_edit_status").set_value("处置中")
    at.selectbox(key="parcel_edit_method").set_value("技改提升")
    at.text_input(key="parcel_edit_note").input("李四经办")
    at.button(key="parcel_edit_save").click().run()
    assert not at.exception, at.exception
    log = renewal.load_log()
    assert log[["parcel_id", "status", "changed_by", "note"]].values.tolist() == [
        [pid, "处置中", "zhangsan", "李四经办"]
    ]
    assert audit.audit_log().loc[0, ["user_name", "action"]].tolist() == ["zhangsan", "status_changed"]

"""The app frame and the home page under Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


def test_overview_page_shows_counts_and_provenance():
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "苏州产业布局一张图 · 总览"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["县级行政区"] == "9"
    assert metrics["吴江区镇"] == "8"
    assert metrics["吴江企业（合成）"] == "16,766"
    assert metrics["全市面积"] == "8,631 km²"
    prov = at.dataframe[1].value
    assert set(prov["精度"]) == {"真实", "示意", "合成"}


def test_language_switch_to_english():
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Suzhou Industrial Layout Atlas · Overview"
    assert [m.label for m in at.metric][0] == "County-level districts"

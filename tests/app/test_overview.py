"""The app frame and the home page under Streamlit's AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.fixtures import APP
from tests.fixtures.app import provenance_rows


def test_overview_page_shows_counts_and_provenance():
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "苏州产业布局一张图 · 总览"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["县级行政区"] == "9"
    assert metrics["吴江区镇"] == "8"
    assert metrics["吴江企业（合成）"] == "16,766"
    assert metrics["全市面积"] == "8,631 km²"
    import json

    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["面积（km²）"]["type_config"]["format"] == "%.1f"  # one decimal for every district
    # the provenance a page table whose sources and notes wrap (the grid cut them at 1280 px)
    assert {r["精度"] for r in provenance_rows(at)} == {"真实", "示意", "合成"} and len(at.dataframe) == 1


def test_language_switch_to_english():
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Suzhou Industrial Layout Atlas · Overview"
    assert [m.label for m in at.metric][0] == "County-level districts"


def test_a_new_session_reads_the_language_from_the_address():
    """A reload or a bookmark of an English page (?lang=en) starts in English (the browser test
    test_the_language_survives_a_reload checks that a switch writes it)."""
    fresh = AppTest.from_file(str(APP), default_timeout=60)
    fresh.query_params["lang"] = "en"
    fresh.run()
    assert not fresh.exception
    assert fresh.title[0].value == "Suzhou Industrial Layout Atlas · Overview"
    assert fresh.radio(key="lang").value == "en"
    odd = AppTest.from_file(str(APP), default_timeout=60)
    odd.query_params["lang"] = "<script>alert(1)</script>"  # anything else is ignored
    odd.run()
    assert not odd.exception and odd.title[0].value == "苏州产业布局一张图 · 总览"


def test_imported_layers_join_the_map_exports_and_provenance(tmp_path, monkeypatch):
    import geopandas as gpd
    from shapely.geometry import box

    from geo import ingest

    store = tmp_path / "user.gpkg"
    parks = gpd.GeoDataFrame(
        {"名称": ["测试园区"]}, geometry=[box(120.60, 31.10, 120.62, 31.12)], crs="EPSG:4326"
    )
    result = ingest.read_upload(parks.to_json().encode("utf-8"), "parks.geojson", kind="zones")
    ingest.save_import(result, name="test_parks", title="市局园区边界", source="测试：某局 2024", path=store)
    monkeypatch.setenv("ATLAS_USER_GPKG", str(store))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    rows = [r for r in provenance_rows(at) if r["图层"] == "市局园区边界"]
    assert len(rows) == 1 and rows[0]["来源"] == "测试：某局 2024" and rows[0]["精度"] == "真实"
    labels = [b.label for b in at.get("download_button")]
    assert any("GeoJSON" in label for label in labels) and any("PNG" in label for label in labels)


def test_a_basemap_label_left_over_from_the_other_language_is_read_as_its_choice():
    """The page reads the basemap before the sidebar's select box is drawn; a run after a language
    switch can bring the box's old label back. It is read as the choice it names, never an error."""
    from pages.common.frame import basemap_choice

    assert basemap_choice("无底图（离线可用）") == "none"
    assert basemap_choice("OpenStreetMap (WGS-84)") == "osm"
    assert basemap_choice("高德地图（GCJ-02，图层自动偏移）") == "gaode"
    assert basemap_choice("no such basemap") == "none"
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["basemap"] = "OpenStreetMap（WGS-84）"  # the Chinese label, in the English UI
    at.run()
    assert not at.exception
    assert at.session_state["basemap"] == "osm"
    assert at.selectbox(key="basemap").value == "osm"


def test_the_provenance_is_a_page_table_that_wraps_its_sources_and_escapes_a_users_text():
    """The 图层来源与精度 table (overview, 两轴三带, 吴江, 用地强度): its sources and notes were cut at
    the grid's edge at 1280 px in both languages; a page table wraps them between words. An import's
    title, source and note are a user's: shown as written, never as markup."""
    import pandas as pd

    from pages.common.stored import provenance_html

    table = pd.DataFrame(
        {
            "Layer": ["<b>mine</b>"],
            "Accuracy": ["real"],
            "Source": ["<img src=x onerror=alert(1)>"],
            "Licence": ["MIT"],
            "CRS": ["EPSG:4326"],
            "Note": ["a & b"],
        }
    )
    out = provenance_html(table, "en")
    assert "<img" not in out and "<b>" not in out
    assert (
        "&lt;img src=x onerror=alert(1)&gt;" in out
        and "&lt;b&gt;mine&lt;/b&gt;" in out
        and "a &amp; b" in out
    )
    cells = dict(
        zip(table.columns, __import__("re").findall(r"<td style='[^']*;([^;']*)'>", out), strict=True)
    )
    assert cells["Source"] == cells["Note"] == "overflow-wrap:break-word"
    assert cells["Accuracy"] == cells["CRS"] == "white-space:nowrap"

"""公示与异议 → 保存草稿 opens on what the session evaluated last on 亩均效益评价 (its enterprise table,
zones, year and configuration), saying so; on the demo only before that page has run (walk 18 b9:
one click saved a demo version after the user had evaluated their own import)."""

from __future__ import annotations

import geopandas as gpd

from geo import ingest
from tests.fixtures.app import open_page
from tests.fixtures.publication import enterprises

SAID = "企业表、区域、年度和评价配置与亩均效益评价页所选一致"


def _import(store: str) -> None:
    """The hand-worked fixture as an enterprise table of 2024 and one zone around it."""
    ents = enterprises().to_crs(4326)
    result = ingest.read_upload(ents.to_json().encode("utf-8"), "ents.geojson", kind="enterprises")
    ingest.save_import(result, name="ents", title="企业 2024", source="测试", path=store, year=2024)
    zone = gpd.GeoDataFrame({"name": ["北区"]}, geometry=[ents.union_all().envelope.buffer(0.01)], crs=4326)
    result = ingest.read_upload(zone.to_json().encode("utf-8"), "zone.geojson", kind="zones")
    ingest.save_import(result, name="zone", title="北区", source="测试", path=store)


def _form(at) -> tuple:
    return tuple(at.selectbox(key=k).value for k in ("pub_save_ents", "pub_save_zones", "pub_save_year"))


def test_the_draft_form_opens_on_what_the_efficiency_page_evaluated(user_gpkg):
    _import(str(user_gpkg))
    at = open_page("pages/publication.py", timeout=120)
    # nothing evaluated yet in this session: the demo, and nothing said about the other page
    assert _form(at)[:2] == ("demo", "demo")
    assert not any(SAID in c.value for c in at.caption)

    at.switch_page("pages/efficiency.py").run()
    at.selectbox(key="eff_zones_src").set_value("user_zone")
    at.selectbox(key="eff_ents_src").set_value("user_ents").run()
    assert not at.exception, at.exception
    at.switch_page("pages/publication.py").run()
    assert not at.exception, at.exception
    assert _form(at) == ("user_ents", "user_zone", 2024)
    assert at.selectbox(key="pub_save_config").value == "session"
    assert any(SAID in c.value for c in at.caption)

    # another choice on the form: no longer said
    at.selectbox(key="pub_save_config").set_value("default").run()
    assert not any(SAID in c.value for c in at.caption)

    # back on 亩均效益评价 the page keeps the imports it evaluated (not the demo again)
    at.switch_page("pages/efficiency.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="eff_ents_src").value == "user_ents"
    assert at.selectbox(key="eff_zones_src").value == "user_zone"

"""数据管理 refuses a file mixing polygons and points as the command line does (one rule, in
geo/ingest): the store could save it but not read it back (walk 12, issue 23)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from pages.data.reading import FILE_TOKEN
from tests.fixtures.app import open_page


def _mixed() -> bytes:
    frame = gpd.GeoDataFrame(
        {"name": ["A", "B", "C"]},
        geometry=[box(120.60, 31.20, 120.61, 31.21), Point(120.62, 31.22), Point(120.63, 31.23)],
        crs="EPSG:4326",
    )
    return frame.to_json().encode()


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "面 1 个、点 2 个"), ("en", "mixes geometry types: polygons (1), points (2)")],
)
def test_the_data_page_refuses_a_mixed_layer_and_says_how_to_split_it(user_gpkg, lang, said):
    at = open_page("pages/data.py", timeout=90, lang=lang)
    at.file_uploader(key="data_upload").set_value(("mixed.geojson", _mixed(), "application/geo+json")).run()
    assert not at.exception
    at.selectbox(key=f"data_kind@{at.session_state[FILE_TOKEN]}").set_value("other").run()
    at.button(key="data_read").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert said in errors and "QGIS" in errors, errors
    assert "data_result" not in at.session_state
    assert not user_gpkg.exists()

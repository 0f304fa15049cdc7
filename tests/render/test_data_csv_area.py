"""The data page's CSV of a polygon layer has one area column, under its unit (issue 23, walk8: the
Chinese CSV of the districts and an imported boundary layer had 面积（km²） and 面积（平方公里） side by
side, the same measure under two headers). In both languages the districts' and the imported
layer's areas share the one column 面积（km²） / Area (km²); 亩 stays a column of its own unit."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.storage.provenance import Provenance
from layers import REGISTRY
from layers.mapview import MapLayer
from layers.offline_html import map_downloads
from layers.user_layers import user_map_layer

META = pd.Series(
    {
        "layer": "user_parks",
        "title_zh": "园区边界",
        "title_en": "Park boundaries",
        "accuracy": "real",
        "source": "市自然资源局",
        "licence": "",
        "note": "",
        "kind": "zones",
    }
)


def _items() -> list[MapLayer]:
    districts = gpd.GeoDataFrame(
        {
            "adcode": ["320509"],
            "name": ["吴江区"],
            "name_en": ["Wujiang"],
            "kind": ["区"],
            "area_km2": [1227.04],
        },
        geometry=[shapely.box(120.4, 30.8, 120.9, 31.2)],
        crs=4326,
    )
    parks = gpd.GeoDataFrame(
        {"name": ["苏州工业园区"], "zone_id": ["Z1"], "area_km2": [278.0], "area_mu": [417000.0]},
        geometry=[shapely.box(120.6, 31.2, 120.8, 31.4)],
        crs=4326,
    )
    prov = Provenance("real", "test", "", "")
    return [MapLayer(REGISTRY["districts"], districts, prov), user_map_layer(META, parks, index=0)]


@pytest.mark.parametrize(
    ("lang", "km2", "mu"), [("zh", "面积（km²）", "面积（亩）"), ("en", "Area (km²)", "Area (mu)")]
)
def test_the_layers_areas_share_one_column_under_their_unit(lang, km2, mu):
    data = map_downloads("t", _items(), lang=lang)["csv"].data().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(data))
    header = next(reader)
    rows = [dict(zip(header, row, strict=True)) for row in reader]
    areas = [h for h in header if "面积" in h or "Area" in h]
    assert areas == [km2, mu], header
    assert [float(r[km2]) for r in rows] == [1227.04, 278.0]
    assert [r[mu] for r in rows] == ["", "417000.00"]  # land to two decimals, as on screen


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_measured_area_is_written_as_shown_and_the_users_own_number_as_it_came(lang):
    """Walk 14: the data page's files wrote a park's measured area 2.0098 (XLSX) beside 2.01 (CSV),
    and the user's own 面积亩 3014.7 as 3014.70 in the CSV. A measure of the shape: rounded to the
    decimals shown in both files; the user's number: as it came in both."""
    from openpyxl import load_workbook

    districts, _ = _items()
    parks = gpd.GeoDataFrame(
        {"name": ["盛泽纺织科技园"], "area_km2": [2.0098], "area_mu": [3014.7345], "面积亩": [3014.7]},
        geometry=[shapely.box(120.6, 31.2, 120.8, 31.4)],
        crs=4326,
    )
    items = [districts, user_map_layer(META, parks, index=0)]
    km2 = "面积（km²）" if lang == "zh" else "Area (km²)"
    downloads = map_downloads("t", items, lang=lang)
    reader = csv.reader(io.StringIO(downloads["csv"].data().decode("utf-8-sig")))
    header = next(reader)
    park = dict(zip(header, list(reader)[-1], strict=True))
    assert (park[km2], park["面积亩"]) == ("2.01", "3014.7")
    book = load_workbook(io.BytesIO(downloads["xlsx"].data()))
    sheet = book.worksheets[1]
    row = {c.value: v.value for c, v in zip(sheet[1], sheet[2], strict=True)}
    assert (row[km2], row["面积亩"]) == (2.01, 3014.7)

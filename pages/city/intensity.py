"""用地强度 on the Suzhou-wide demo (``?data=city``): scope 苏州市 or one district; at city zoom each
grid cell by its parcels' share below the control minimum or their mean 容积率, zoomed in (15+) the
view's parcels by 容积率 with red outlines below a minimum (roles that may see enterprise rows:
layers/city_intensity.py, serve.py's view endpoint); below the map the parcels' intensity per
district and per development zone.

Everything heavy — the parcels checked against their minimums, the cells, the classes and the
tables — is computed once per data set (and scope) in the process for every session.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import streamlit as st

from data.city_build import PARCEL_INDUSTRY, city_path, derived_frame
from geo.city import CITY_SCOPE
from geo.city_intensity import below_minimum, intensity_cells, intensity_table
from geo.errors import DataValidationError
from geo.evaluation.metrics import assign_zones
from geo.messages import Lang, t
from geo.number_formats import rounded_to_format
from geo.place_names import place_label
from geo.spatial.classify import classify
from layers.city_intensity import MEASURES, city_intensity_layer, parcel_colors
from pages.city.data import CELL_DEG, CityData, keep_parcel_style
from pages.city.views import draw_city_map, loaded_city
from pages.common import cache
from pages.common.auth import aggregates_for_role, firms_hidden_note, sees_firms
from pages.common.frame import page_control, rest_after_map, show_error, stop_page

CITY_INT_MAP = "city_int_map"
FAR_CLASSES = 5  # the parcels' 容积率 classes (quantiles of the scope's built parcels)
CELL_CLASSES = 5


def _industries(data: CityData) -> pd.Series:
    """Each enterprise's industry (of any year: a parcel may be a leaver's), by ent_id."""
    _, n, seed = data.key.split("-")
    frame = pyogrio.read_dataframe(
        city_path(n_enterprises=int(n), seed=int(seed)),
        layer="city_enterprise_years",
        columns=["ent_id", "industry"],
        read_geometry=False,
    )
    return frame.drop_duplicates("ent_id").set_index("ent_id")["industry"]


def parcel_places(data: CityData) -> pd.DataFrame:
    """Each parcel's ``industry`` (its enterprise's, as the control minimums name it) and
    ``dev_zone`` (by location), by parcel row: what the first open of the page spends most of its
    time on (the enterprises' industries read, the zones found), hence kept on disk beside the city
    (data.city_build.derived_frame) for every later process."""
    parcels = data.parcels
    industry = parcels["ent_id"].map(_industries(data)).map(PARCEL_INDUSTRY)
    points = gpd.GeoDataFrame(
        {"ent_id": parcels["parcel_id"].to_numpy()},
        geometry=gpd.points_from_xy(parcels["lon"], parcels["lat"]),
        crs=data.dev_zones.crs,
    )
    zone = assign_zones(points, data.dev_zones, zone_id="name").zone
    return pd.DataFrame({"industry": industry.to_numpy(), "dev_zone": zone.astype(object).to_numpy()})


@cache.resource(max_entries=2)
def checked_parcels(key: str, _data: CityData) -> pd.DataFrame:
    """The city's parcels with their industry's minimums and checks (the rules read anew) and their
    development zone (by location), one frame per data set for every session."""
    _, n, seed = key.split("-")
    places = derived_frame(
        "parcel-places", lambda: parcel_places(_data), n_enterprises=int(n), seed=int(seed)
    )
    if len(places) != len(_data.parcels):  # not this city's: computed here
        places = parcel_places(_data)
    out = _data.parcels.assign(industry=places["industry"].to_numpy())
    out = pd.concat([out, below_minimum(out)], axis=1)
    out["dev_zone"] = places["dev_zone"].to_numpy()
    return out


def _scoped(checked: pd.DataFrame, scope: str) -> pd.DataFrame:
    return checked if scope == CITY_SCOPE else checked[checked["district"] == scope]


@cache.resource(max_entries=8)
def scope_view(key: str, scope: str, _checked_frame: pd.DataFrame) -> tuple:
    """(cells, 容积率 classes) of ``scope``; the parcels' fills and flags kept for the endpoint."""
    here = _scoped(_checked_frame, scope)
    cells = intensity_cells(here, cell_deg=CELL_DEG)
    built = here[~here["idle"].to_numpy(dtype=bool)]
    far_classes = classify(built["far"], scheme="quantiles", k=FAR_CLASSES) if len(built) else None
    if far_classes is not None:
        fills = parcel_colors(
            _checked_frame["far"].to_numpy(dtype="float64"),
            _checked_frame["idle"].to_numpy(dtype=bool),
            far_classes,
        )
        keep_parcel_style(key, scope, fills, _checked_frame["below_minimum"].to_numpy(dtype=bool))
    return cells, far_classes


def _cell_classes(cells: pd.DataFrame, measure: str):
    values = cells[measure].to_numpy(dtype="float64")
    return classify(values, scheme="quantiles", k=CELL_CLASSES) if np.isfinite(values).any() else None


def _table(checked: pd.DataFrame, scope: str, by: str) -> pd.DataFrame:
    here = _scoped(checked, scope)
    table = intensity_table(here, by=by)
    firms = here.groupby(by)["ent_id"].nunique()
    table.insert(1, "n_enterprises", table[by].map(firms).fillna(0).astype("int64").to_numpy())
    return rounded_to_format(table)  # each figure to its measure's decimals, as its format shows it


NAMES = {
    "district": "city.col.district",
    "dev_zone": "city.col.dev_zone",
    "n_enterprises": "city.col.n",
    "n_parcels": "city.int.col.parcels",
    "area_mu": "city.col.land",
    "n_built": "city.int.col.built",
    "far_mean": "city.int.col.far_mean",
    "n_below": "city.int.col.below",
    "below_pct": "city.int.col.below_pct",
    "below_area_mu": "city.int.col.below_mu",
}


def _shown(table: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return aggregates_for_role(table).rename(columns={k: t(v, lang) for k, v in NAMES.items()})


def city_intensity(lang: Lang) -> None:
    """用地强度 on the city demo: scope and cell measure, the map by zoom, the tables below it."""
    title = t("city.int.header", lang)
    st.title(title)
    data = loaded_city(lang)
    options = [CITY_SCOPE, *[d for d in data.districts["name"] if (data.parcels["district"] == d).any()]]
    scope = page_control(
        CITY_INT_MAP,
        "city_int_scope",
        CITY_SCOPE,
        lambda: st.selectbox(
            t("city.scope", lang), options, format_func=lambda v: place_label(v, lang), key="city_int_scope"
        ),
    )
    scope = scope if scope in options else CITY_SCOPE
    measure = page_control(
        CITY_INT_MAP,
        "city_int_measure",
        MEASURES[0],
        lambda: st.radio(
            t("city.int.measure", lang),
            MEASURES,
            format_func=lambda m: t(f"city.int.measure.{m}", lang),
            key="city_int_measure",
        ),
    )
    measure = measure if measure in MEASURES else MEASURES[0]
    try:
        checked = checked_parcels(data.key, data)
        cells, _ = scope_view(data.key, scope, checked)
        classes = cache.shared(
            ("city.int.classes", data.key, scope, measure), lambda: _cell_classes(cells, measure)
        )
    except DataValidationError as exc:
        show_error(exc)
        stop_page()
    layer = city_intensity_layer(
        data_key=data.key, cell_deg=CELL_DEG, scope=scope, measure=measure, classes=classes
    )
    draw_city_map(
        data, cells, layer, key=CITY_INT_MAP, lang=lang, title=title, scope=scope, variant=(measure,)
    )
    rest_after_map(CITY_INT_MAP, lang)
    st.caption(":material/warning: " + t("city.synthetic", lang))
    here = _scoped(checked, scope)
    st.caption(
        t("city.int.intro", lang).format(
            n=len(here), below=int(here["below_minimum"].sum()), built=int((~here["idle"]).sum())
        )
    )
    st.subheader(t("city.int.by_district", lang))
    districts = cache.shared(
        ("city.int.districts", data.key, scope), lambda: _table(checked, scope, "district")
    )
    st.dataframe(_shown(districts, lang), hide_index=True, width="stretch")
    st.subheader(t("city.int.by_zone", lang))
    zones = cache.shared(("city.int.zones", data.key, scope), lambda: _table(checked, scope, "dev_zone"))
    st.dataframe(_shown(zones, lang), hide_index=True, width="stretch")
    if not sees_firms():
        firms_hidden_note(lang, what_key="city.int.hidden")


__all__ = ["CITY_INT_MAP", "checked_parcels", "city_intensity", "parcel_places", "scope_view"]

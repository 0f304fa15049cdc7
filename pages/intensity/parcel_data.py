"""用地强度's parcels as the page reads them: the demo or imported parcels and enterprises, their
analysis (joined, evaluated, checked) shared by all sessions, and the parcels as shown and drawn."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import ingest
from geo.evaluation import evaluate
from geo.land import parcels as parcels_geo
from geo.land import renewal
from geo.messages import Lang, t
from geo.storage.base import open_store
from geo.storage.builtin import load_layer
from layers import intensity
from layers.base import Provenance
from layers.mapview import MapLayer
from pages.common import cache
from pages.common.frame import page_control
from pages.common.stored import map_layer_of, user_store_stamp

# ---------------------------------------------------------------------------------- parcels


DEMO = ""  # the bundled demo layers, else the name of an import in the user store


def _frame_of(name: str, demo_layer: str) -> gpd.GeoDataFrame:
    return load_layer(demo_layer) if name == DEMO else ingest.load_user_layer(name)


# Shared by all sessions (cache.resource: one object; cache_data unpickled 17,695 parcels with
# their geometry on every run); the page only reads it.
@cache.resource(max_entries=4)
def parcel_analysis(
    parcels_name: str, ents_name: str, stamp: tuple[str, str], user_stamp: tuple[str, str]
) -> parcels_geo.ParcelAnalysis:
    """Parcels joined to the enterprises, land from them, evaluated, checked (cached per store).

    Parcels without a 区镇 column get the Wujiang 区镇 holding them (by location)."""
    parcels = _frame_of(parcels_name, "parcels")
    ents = _frame_of(ents_name, "enterprises")
    zones = None if "town" in parcels.columns else load_layer("wujiang_towns")
    analysis = parcels_geo.analyse_parcels(parcels, ents, zones=zones)
    result = evaluate(analysis.enterprises)
    classes = result.enterprises.set_index("ent_id")["eval_class"]
    return parcels_geo.with_classes(analysis, classes)


def store_stamp() -> tuple[str, str]:
    """The built-in layers' store (demo GeoPackage, or PostGIS with ATLAS_DATABASE_URL) and its stamp."""
    return cache.builtin_stamp()


def user_stamp() -> tuple[str, str]:
    """The selected user store and its change stamp (a write of any session refreshes the cache)."""
    return user_store_stamp()


def log_stamp() -> str:
    """Changes with every recorded renewal status (geo.land.renewal keeps its log in the selected store,
    whose stamp changes with every write of any server or the command line)."""
    store = open_store()
    return f"{store.location}:{store.stamp()}"


def sources(lang: Lang) -> tuple[str, str, Provenance | None]:
    """The parcels and enterprises chosen (demo or an import) and the imported parcels' provenance."""
    meta = ingest.list_user_layers()
    parcel_layers = meta[meta["kind"] != "enterprises"]
    ent_layers = meta[meta["kind"] == "enterprises"]
    if not len(parcel_layers):
        return DEMO, DEMO, None
    titles = dict(zip(meta["layer"], meta["title_en" if lang == "en" else "title_zh"], strict=True))
    parcels_name = page_control(
        "parcel_map",
        "parcel_source",
        DEMO,
        lambda: st.selectbox(
            t("parcel.source", lang),
            [DEMO, *parcel_layers["layer"]],
            format_func=lambda v: titles.get(v, v) if v else t("parcel.source_demo", lang),
            key="parcel_source",
        ),
    )
    ents_name = page_control(
        "parcel_map",
        "parcel_ent_source",
        DEMO,
        lambda: st.selectbox(
            t("parcel.ent_source", lang),
            [DEMO, *ent_layers["layer"]],
            format_func=lambda v: titles.get(v, v) if v else t("parcel.ent_source_demo", lang),
            key="parcel_ent_source",
        ),
    )
    if parcels_name == DEMO:
        return DEMO, ents_name, None
    row = meta[meta["layer"] == parcels_name].iloc[0]
    prov = Provenance(
        str(row["accuracy"]), str(row["source"]), str(row["licence"] or ""), str(row["note"] or "")
    )
    return parcels_name, ents_name, prov


SHOW = ("all", "below_min", "low", "missed", "met")
TABLE_ROWS = 500  # rows shown in a list on the page (largest first); the downloads hold all


def shown(
    analysis: parcels_geo.ParcelAnalysis,
    *,
    metric: str,
    industry: str,
    town: str,
    show: str,
    tracked: pd.DataFrame,
) -> gpd.GeoDataFrame:
    """The parcels to draw, with only the columns the map needs."""
    ind = analysis.indicators
    mask = pd.Series(True, index=ind.index)
    if industry:
        mask &= ind["industry"] == industry
    if town:
        mask &= ind["zone"] == town
    low_ids = set(analysis.low["parcel_id"])
    verdict = ind["parcel_id"].map(analysis.contracts.set_index("parcel_id")["verdict"])
    if show == "below_min":
        mask &= ind["below_minimum"]
    elif show == "low":
        mask &= ind["parcel_id"].isin(low_ids)
    elif show == "missed":
        mask &= verdict == parcels_geo.VERDICT_MISSED
    elif show == "met":
        mask &= verdict == parcels_geo.VERDICT_MET
    cols = ["parcel_id", "ent_id", "zone", "area_mu", "land_use", "far", "coverage_pct", "idle", metric]
    out = ind.loc[mask, [c for c in dict.fromkeys(cols) if c in ind] + [ind.geometry.name]].copy()
    out = out.rename(columns={"zone": "town"})
    out["mark"] = ind.loc[mask, "below_minimum"].to_numpy()
    low = analysis.low.set_index("parcel_id")
    # each word in both languages: the tooltip and the tables take the page's (``x_en`` beside ``x``)
    out["reasons"] = out["parcel_id"].map(low["reasons"]).fillna("")
    out["reasons_en"] = out["parcel_id"].map(low["reasons_en"]).fillna("")
    out["verdict"] = verdict[mask].fillna("").to_numpy()
    out["verdict_en"] = out["verdict"].map(parcels_geo.VERDICT_EN).fillna("")
    status = out["parcel_id"].map(tracked.set_index("parcel_id")["status"]).fillna("")
    out["renewal_status"] = status
    out["renewal_status_en"] = status.map(lambda v: renewal.status_name(v, "en"))
    return out


# What the coloured parcels carry already: their outlines above them leave it out of the tables.
OUTLINE_LEAVES = ("reasons", "reasons_en", "verdict", "verdict_en", "renewal_status", "renewal_status_en")


def parcel_item(layer, frame: gpd.GeoDataFrame, imported: Provenance | None) -> MapLayer:
    if imported is None:
        return map_layer_of(layer, frame)
    return MapLayer(layer, frame, imported)


def drawn_frames(analysis: parcels_geo.ParcelAnalysis, frame: pd.DataFrame, metric: str, scheme: str, k: int):
    """The shown parcels' classes, the parcels as drawn and their red outlines (None: none below)."""
    classes = intensity.classify(frame.loc[~frame["idle"], metric], scheme=scheme, k=k)
    below, ind = frame[frame["mark"]], analysis.indicators.set_index("parcel_id")
    marks = below.drop(columns=list(OUTLINE_LEAVES), errors="ignore").assign(
        mark=True, **{c: below["parcel_id"].map(ind[c]).to_numpy() for c in ("far_min", "coverage_min_pct")}
    )
    return classes, frame.drop(columns="mark"), marks if len(below) else None

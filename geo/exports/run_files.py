"""A run's output tables written to files: formula-safe CSV files in a folder (as a person reads them in
Chinese or English, or the atlas's own field names and values) or layers of one GeoPackage, named by
:data:`OUTPUT_FILES` (``python -m geo.cli evaluate``)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo import yearly
from geo.evaluation import (
    CLASS_COL,
    CLASS_LABELS_T,
    CLASSES_T,
    EVALUATION_LABELS,
    EVALUATION_LABELS_EN,
    SIZE_COL,
    EvaluationConfig,
    classes_with_t,
)
from geo.evaluation.compounds import allocation_words
from geo.evaluation.metrics import zone_metric_labels
from geo.evaluation.zones import zone_labels
from geo.exports.blanks import dash_unknown_places, without_empty_columns
from geo.exports.cells import csv_text_bytes
from geo.exports.tables import yes_no_in_words
from geo.land.parcels import RESULT_LABELS, RESULT_LABELS_EN
from geo.messages import Lang, message, t
from geo.place_names import own_place_name
from geo.spatial.crs import STORAGE_CRS
from geo.storage.styles import gpkg_creation_options
from geo.yearly.notice_words import notice_values, reasons_name, reasons_said, size_name
from geo.yearly.surcharges import land_policy_of, surcharge_labels

# Output tables and their file/layer names.
OUTPUT_FILES = {
    "zones": "zone_metrics",
    "enterprises": "enterprise_classes",
    "low_land": "low_efficiency_land",
    "renewal": "land_renewal_by_zone",
    "outside": "outside_enterprises",
    "transitions": "class_transitions",
    "changes": "enterprise_changes",
    "warnings": "early_warnings",
    "surcharges": "class_surcharges",
    "parcels_low": "low_efficiency_parcels",
    "parcels": "parcel_indicators",
    "contracts": "parcel_contracts",
    "zone_scores": "zone_scores",
}
# The land columns added to the enterprise classes, and the per-zone parcel figures.
LAND_COLUMNS = ("n_parcels", "land_mu_table", "land_diff_mu", "land_source")
_ZONE_PARCEL_COLUMNS = ("parcel_land_mu", "idle_land_mu", "n_parcels")


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame without geometry, with lon/lat (WGS-84) columns for located rows."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return frame
    geoms = frame.geometry
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    points = geoms.notna() & (geoms.geom_type == "Point")
    if points.any() and points.sum() == geoms.notna().sum() and frame.crs is not None:
        wgs = geoms.to_crs(STORAGE_CRS).to_numpy()
        out["lon"] = shapely.get_x(wgs)
        out["lat"] = shapely.get_y(wgs)
    return out


def points_not_scored(frame: pd.DataFrame, weights: pd.DataFrame | None) -> pd.DataFrame:
    """``frame`` with the points of an indicator left blank (NaN) in the rows of a size group that
    does not weigh it (dropped for want of data): it was not scored, which ``0.00`` would misread
    as scored zero. ``weights``: the evaluation's effective weights, one row per size group."""
    if weights is None or SIZE_COL not in frame.columns:
        return frame
    sizes = frame[SIZE_COL].astype(object)
    out = frame.copy()
    for key in weights.columns:
        col = f"pts_{key}"
        if col in out.columns:
            unweighted = [g for g in weights.index if not weights.loc[g, key] > 0]
            out.loc[sizes.isin(unweighted).to_numpy(), col] = np.nan
    return out


def _labelled(frame: pd.DataFrame, labels: dict[str, str], lang: Lang) -> pd.DataFrame:
    extra = {c: message(f"exports.header.{c}", lang) for c in ("lon", "lat")}
    renamed = frame.rename(columns={**labels, **extra})
    if renamed.index.name in labels:
        renamed.index.name = labels[renamed.index.name]
    return renamed


def _labels_of(key: str, lang: Lang) -> dict[str, str]:
    if key == "zones":
        parcels = {c: message(f"exports.header.{c}", lang) for c in _ZONE_PARCEL_COLUMNS}
        return {**zone_metric_labels(lang), **parcels}
    if key == "zone_scores":
        return zone_labels(lang)
    results = RESULT_LABELS if lang == "zh" else RESULT_LABELS_EN
    if key in ("parcels_low", "parcels", "contracts"):
        return results
    yearly_labels = yearly.YEARLY_LABELS if lang == "zh" else yearly.YEARLY_LABELS_EN
    evaluation = EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN
    return {
        **yearly_labels,
        **evaluation,
        **{c: results.get(c, c) for c in LAND_COLUMNS},
        "land_source": message("exports.header.land_source", lang),
    }


def _in_words(
    table: pd.DataFrame, key: str, lang: Lang, config: EvaluationConfig | None = None
) -> pd.DataFrame:
    """A table's values as the page's download writes them in ``lang``: NEW/GONE as 新进入/退出 in
    Chinese, tenants' roles in words, 是/否 or Yes/No; in English also the towns/parks, industries,
    sizes and groups, statuses, class meanings and shortfalls (as the page's English files), and
    each class's land policy as ``config`` words it in English (the page's "what each class pays")."""
    if CLASS_COL in table.columns and "scored" in table.columns:
        # what the rules leave out as class T (不参评), as the page and the 公示 T list (walk 16 item 2)
        cls = classes_with_t(table).astype(object)
        table = table.assign(**{CLASS_COL: cls.to_numpy()})
        if "eval_class_label" in table.columns:
            table["eval_class_label"] = cls.map(CLASS_LABELS_T).to_numpy()
    if "n_ranked" in table.columns and "scored" in table.columns:
        # the size of the group ranked, blank where the row is not ranked (class T), as its rank
        # (walk19: "Ranked enterprises 0" beside a blank rank)
        ranked = table["n_ranked"].where(table["scored"].fillna(False).astype(bool))
        table = table.assign(n_ranked=pd.array(ranked.round(), dtype="Int64"))
    if lang == "zh" and key in ("transitions", "changes"):
        table = yearly.transition_words(table, "zh")
    table = allocation_words(table, lang)
    if "reasons" in table.columns and "score" in table.columns:  # none below the median: said
        table = table.assign(reasons=reasons_said(table["reasons"], table["score"].notna(), lang))
    if lang == "en" and config is not None and "land_policy" in table.columns and CLASS_COL in table.columns:
        english = land_policy_of(config, "en")
        table = table.assign(
            land_policy=[
                english.get(c, p) for c, p in zip(table[CLASS_COL], table["land_policy"], strict=True)
            ]
        )
    if lang == "en":
        table = notice_values(table, "en")
        if "eval_group" in table.columns:  # the size groups (规上 / 规下); a configured group's own name
            table["eval_group"] = [size_name(v, "en") for v in table["eval_group"].astype(object)]
        if "reasons" in table.columns:
            table["reasons"] = [reasons_name(v, "en") for v in table["reasons"].astype(object)]
        if "eval_class_label" in table.columns and CLASS_COL in table.columns:
            table["eval_class_label"] = [
                t(f"eff.class.{c}", "en").split("— ", 1)[-1] if c in CLASSES_T else None
                for c in table[CLASS_COL].astype(object)
            ]
    return yes_no_in_words(table, lang)


def write_outputs(
    outputs: dict[str, pd.DataFrame],
    out: Path,
    *,
    fmt: str = "csv",
    lang: Lang | None = None,
    weights: pd.DataFrame | None = None,
    config: EvaluationConfig | None = None,
) -> list[Path]:
    """Write the output tables as formula-safe CSV files into the folder ``out`` or as layers of the
    GeoPackage ``out``; returns the paths written.

    CSV with ``lang`` ``"zh"`` or ``"en"``: as a person reads them in that language, as the page's
    downloads: headers with units, each number with its measure's decimals, 是/否 or Yes/No, the
    evaluation's words (and in English the places, industries, sizes, statuses) in that language.
    ``lang=None``: the atlas's own field names and values, unrounded (for programs; the GeoPackage
    always). A person's table leaves out the columns no row fills and, given the evaluation's
    ``weights``, leaves blank the points of an indicator a size group was not scored on; given its
    ``config``, heads the surcharges' columns by their items (差别电价加价（元/千瓦时）) and words
    the land policy in English in an English table, as the page's "what each class pays" tab.
    """
    if lang not in (None, "zh", "en"):
        raise ValueError(f"lang must be None, 'zh' or 'en', got {lang!r}")
    out = Path(out)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for key, frame in outputs.items():
            table = _plain(frame)
            if lang is not None:
                table = points_not_scored(table, weights)
                if key != "transitions":  # a matrix keeps its classes
                    table = without_empty_columns(table)
                if key in ("zones", "renewal", "zone_scores") and lang == "en":
                    table = table.rename(index=lambda v: own_place_name(v, "en") if isinstance(v, str) else v)
                # a place not known: —, as the page's
                table = dash_unknown_places(_in_words(table, key, lang, config))
                labels = _labels_of(key, lang)
                if key == "surcharges" and config is not None:
                    labels = {**labels, **surcharge_labels(config, lang)}
                table = _labelled(table, labels, lang)
            path = out / f"{OUTPUT_FILES[key]}.csv"
            index = key in ("zones", "renewal", "zone_scores")
            # a person's table: each number with its measure's decimals, as the page's download
            path.write_bytes(csv_text_bytes(table, index=index, as_shown=lang is not None))
            written.append(path)
        return written
    path = out if out.suffix else out.with_suffix(".gpkg")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    for key, frame in outputs.items():
        if key in ("zones", "renewal", "zone_scores"):
            frame = frame.reset_index()
        if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.notna().any():
            frame = frame.to_crs(STORAGE_CRS)
        else:
            frame = _plain(frame)
        options = gpkg_creation_options(path)
        pyogrio.write_dataframe(frame, path, layer=OUTPUT_FILES[key], driver="GPKG", dataset_options=options)
    return [path]


__all__ = ["LAND_COLUMNS", "OUTPUT_FILES", "points_not_scored", "write_outputs"]

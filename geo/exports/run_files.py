"""A run's output tables written to files: formula-safe CSV files in a folder (Chinese headers on
request) or layers of one GeoPackage, named by :data:`OUTPUT_FILES` (``python -m geo.cli evaluate``)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo import yearly
from geo.evaluation import EVALUATION_LABELS
from geo.evaluation.compounds import allocation_words
from geo.evaluation.metrics import zone_metric_labels
from geo.evaluation.zones import zone_labels
from geo.exports.cells import csv_text_bytes
from geo.exports.tables import yes_no_in_words
from geo.land.parcels import RESULT_LABELS
from geo.messages import message
from geo.spatial.crs import STORAGE_CRS
from geo.storage.styles import gpkg_creation_options

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
_ZONE_PARCEL_LABELS = {
    c: message(f"exports.header.{c}", "zh") for c in ("parcel_land_mu", "idle_land_mu", "n_parcels")
}


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


def _labelled(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    extra = {c: message(f"exports.header.{c}", "zh") for c in ("lon", "lat")}
    renamed = frame.rename(columns={**labels, **extra})
    if renamed.index.name in labels:
        renamed.index.name = labels[renamed.index.name]
    return renamed


_ZH_LABELS = {**yearly.YEARLY_LABELS, **EVALUATION_LABELS}


def _labels_of(key: str) -> dict[str, str]:
    if key == "zones":
        return {**zone_metric_labels(), **_ZONE_PARCEL_LABELS}
    if key == "zone_scores":
        return zone_labels()
    if key in ("parcels_low", "parcels", "contracts"):
        return RESULT_LABELS
    return {
        **_ZH_LABELS,
        **{c: RESULT_LABELS.get(c, c) for c in LAND_COLUMNS},
        "land_source": message("exports.header.land_source", "zh"),
    }


def write_outputs(
    outputs: dict[str, pd.DataFrame], out: Path, *, fmt: str = "csv", lang: str = "en"
) -> list[Path]:
    """Write the output tables as formula-safe CSV files into the folder ``out`` (Chinese headers and
    yes/no as 是/否 with ``lang="zh"``; the atlas's own names and values otherwise) or as layers of
    the GeoPackage ``out``; returns the paths written."""
    out = Path(out)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for key, frame in outputs.items():
            table = _plain(frame)
            if lang == "zh":
                if key in ("transitions", "changes"):  # NEW/GONE as 新进入/退出
                    table = yearly.transition_words(table, "zh")
                table = _labelled(allocation_words(table), _labels_of(key))  # tenants' roles in words
                table = yes_no_in_words(table, "zh")  # 是否参评 是/否, as the page's download: not True/False
            path = out / f"{OUTPUT_FILES[key]}.csv"
            index = key in ("zones", "renewal", "zone_scores")
            # a Chinese table is a person's: each number with its measure's decimals, as the page's download
            path.write_bytes(csv_text_bytes(table, index=index, as_shown=lang == "zh"))
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


__all__ = ["LAND_COLUMNS", "OUTPUT_FILES", "write_outputs"]

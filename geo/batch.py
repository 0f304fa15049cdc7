"""The whole 亩均 evaluation in one call: read zones and an enterprise table, assign, measure, class.

The 亩均效益评价 page and ``python -m geo.cli evaluate`` both call :func:`run_evaluation`; the
command line reads its files with :func:`read_zones_file` and :func:`read_enterprise_file`,
which go through the same importer (:func:`geo.ingest.read_upload`) as the 数据管理 page, so one
file gives one frame whichever way it comes in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo.crs import STORAGE_CRS, Frame
from geo.errors import DataValidationError
from geo.evaluation import (
    EVALUATION_LABELS,
    EvaluationConfig,
    EvaluationResult,
    evaluate,
    land_renewal_by_zone,
    load_config,
    low_efficiency_land,
)
from geo.ingest import ImportResult, inspect_upload, read_upload
from geo.ingest.columns import merge_mapping
from geo.metrics import (
    ID_COL,
    ZoneAssignment,
    assign_zones,
    assign_zones_by_column,
    check_zones,
    zone_metric_labels,
    zone_metrics,
)
from geo.parcels import RESULT_LABELS, ParcelAnalysis, analyse_parcels, load_controls, with_classes

ZONE_ID_CANDIDATES = ("name", "zone_id", "town_id", "park_id", "code", "名称", "区镇")


# Output tables and their file/layer names.
OUTPUT_FILES = {
    "zones": "zone_metrics",
    "enterprises": "enterprise_classes",
    "low_land": "low_efficiency_land",
    "renewal": "land_renewal_by_zone",
    "outside": "outside_enterprises",
    "parcels_low": "low_efficiency_parcels",
    "parcels": "parcel_indicators",
    "contracts": "parcel_contracts",
}
# Leading columns of the parcel outputs (the rest follow as they come), the land columns added to
# the enterprise classes, and the per-zone parcel figures.
_PARCEL_FIRST = ("parcel_id", "reasons", "reason_keys", "ent_id", "zone", "area_mu")
_LAND_COLUMNS = ("n_parcels", "land_mu_table", "land_diff_mu", "land_source")
_ZONE_PARCEL_LABELS = {
    "parcel_land_mu": "宗地面积合计（亩）",
    "idle_land_mu": "闲置宗地面积（亩）",
    "n_parcels": "宗地数（宗）",
}


@dataclass(frozen=True)
class EvaluationRun:
    """Everything one evaluation produced.

    ``zones`` holds the per-zone metrics with each zone's geometry; ``result`` is None when the
    table could be measured but not classed, and ``failure`` then says why.
    """

    zones: gpd.GeoDataFrame
    assignment: ZoneAssignment
    enterprises: pd.DataFrame
    result: EvaluationResult | None
    failure: DataValidationError | None
    notes: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=dict)
    parcels: ParcelAnalysis | None = None  # with --parcels: land from them, 低效用地, contracts

    def outputs(self) -> dict[str, pd.DataFrame]:
        """The output tables by key of :data:`OUTPUT_FILES` (classes only when classed)."""
        outside_ids = list(self.assignment.outside_ids)
        if self.result is None:
            return {
                "zones": self.zones,
                "outside": self.enterprises[self.enterprises[ID_COL].isin(outside_ids)],
                **self._parcel_outputs(),
            }
        classes = self.result.enterprises
        out = {
            "zones": self.zones,
            "enterprises": classes,
            "low_land": low_efficiency_land(classes),
            "renewal": land_renewal_by_zone(classes),
            "outside": classes[classes[ID_COL].isin(outside_ids)],
        }
        return {**out, **self._parcel_outputs()}

    def _parcel_outputs(self) -> dict[str, pd.DataFrame]:
        if self.parcels is None:
            return {}
        return {
            "parcels_low": _parcel_table(self.parcels.low),
            "parcels": _parcel_table(self.parcels.indicators),
            "contracts": _parcel_table(self.parcels.contracts),
        }


def _parcel_table(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """A parcel output without geometry, its key columns first."""
    plain = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    first = [c for c in _PARCEL_FIRST if c in plain.columns]
    return plain[first + [c for c in plain.columns if c not in first]]


def with_parcels(
    run: EvaluationRun, zones: gpd.GeoDataFrame, parcels: gpd.GeoDataFrame, *, zone_id: str, controls
) -> EvaluationRun:
    """``run`` with its enterprise land already from ``parcels`` (see :func:`evaluate_files`): adds
    the parcel analysis (class-D rule from the run's classes), per-zone parcel land and the
    table's own land figure beside the parcels' sum in the classes."""
    analysis = analyse_parcels(parcels, run.enterprises, zones=zones, zone_id=zone_id, controls=controls)
    zone_frame = run.zones.copy()
    ind = analysis.indicators
    keys = zone_frame.index
    zone_frame["n_parcels"] = ind["zone"].value_counts().reindex(keys, fill_value=0).to_numpy()
    zone_frame["parcel_land_mu"] = (
        ind.groupby("zone")["area_mu"].sum().reindex(keys, fill_value=0.0).to_numpy()
    )
    idle = ind[ind["idle"]]
    zone_frame["idle_land_mu"] = (
        idle.groupby("zone")["area_mu"].sum().reindex(keys, fill_value=0.0).to_numpy()
    )
    result = run.result
    if result is not None:
        classes = result.enterprises.copy()
        land = run.enterprises.set_index(ID_COL)
        at = classes.columns.get_loc("land_mu") + 1
        for i, col in enumerate(_LAND_COLUMNS):
            if col in land.columns:
                classes.insert(at + i, col, classes[ID_COL].map(land[col]).to_numpy())
        result = replace(result, enterprises=classes)
        analysis = with_classes(analysis, classes.set_index(ID_COL)["eval_class"])
    return replace(
        run, zones=zone_frame, result=result, parcels=analysis, notes=(*run.notes, *analysis.join.notes)
    )


def zone_id_column(zones: pd.DataFrame, given: str | None = None) -> str:
    """The zones' name/code column: ``given``, or the first of :data:`ZONE_ID_CANDIDATES` present."""
    if given is not None:
        if given not in zones.columns:
            raise DataValidationError(
                f"区域图层中没有字段「{given}」",
                hint=f"现有字段：{'、'.join(str(c) for c in zones.columns if c != 'geometry')}",
            )
        return given
    for name in ZONE_ID_CANDIDATES:
        if name in zones.columns:
            return name
    raise DataValidationError(
        "区域图层中找不到名称/编码字段",
        hint=f"请用 --zone-id 指定；现有字段：{'、'.join(str(c) for c in zones.columns if c != 'geometry')}",
    )


def run_evaluation(
    zones: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig | None = None,
    zone_id: str = "name",
    zone_column: str | None = None,
    notes: tuple[str, ...] = (),
) -> EvaluationRun:
    """Assign the enterprises to zones, compute per-zone metrics and class every enterprise.

    Parameters
    ----------
    zones
        Zone polygons with a name/code column ``zone_id``.
    enterprises
        The enterprise table in the atlas schema (as :func:`geo.ingest.read_upload` gives it);
        located by its point geometry, or by ``zone_column`` (e.g. ``town``) when given.
    config
        Evaluation rules; default ``geo/evaluation.yaml``.
    notes
        Remarks from reading the inputs, kept in front of the run's own.

    Returns
    -------
    EvaluationRun
        With ``result`` None and ``failure`` set when the metrics could be computed but the
        classing could not (e.g. an id repeated); per-zone figures are there either way.
    """
    config = config if config is not None else load_config(None)
    check_zones(zones, zone_id=zone_id)
    if zone_column is not None:
        assignment = assign_zones_by_column(enterprises, zones[zone_id], column=zone_column)
    else:
        if not isinstance(enterprises, gpd.GeoDataFrame) or enterprises.geometry.isna().all():
            raise DataValidationError(
                "企业表没有经纬度，无法按位置归入区域",
                hint="请提供 lon/lat（经度/纬度）字段，或用 --zone-column 指定区镇名称字段",
            )
        assignment = assign_zones(enterprises, zones, zone_id=zone_id)
    metrics = zone_metrics(enterprises, assignment, zones=zones, zone_id=zone_id)
    geoms = zones.set_index(zone_id).geometry.reindex(metrics.index)
    zone_frame = gpd.GeoDataFrame(metrics, geometry=geoms.to_numpy(), crs=zones.crs)
    try:
        result = evaluate(enterprises, config=config, zone=assignment.zone)
        failure = None
    except DataValidationError as exc:
        result, failure = None, exc
    return EvaluationRun(
        zones=zone_frame,
        assignment=assignment,
        enterprises=enterprises,
        result=result,
        failure=failure,
        notes=(*notes, *assignment.notes, *(result.notes if result is not None else ())),
    )


# --------------------------------------------------------------------------- reading files


def _file_bytes(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise DataValidationError(f"找不到{what}文件 {path}", hint="请检查路径")
    if path.stat().st_size == 0:
        raise DataValidationError(
            f"{what}文件 {path.name} 是空的（0 字节）", hint="请检查导出是否成功后重新生成"
        )
    return path.read_bytes()


def read_zones_file(path: Path, *, layer: str | None = None) -> gpd.GeoDataFrame:
    """Zone polygons from a GeoPackage / GeoJSON / zipped shapefile / KML, in WGS-84."""
    return read_upload(_file_bytes(Path(path), "区域"), Path(path).name, layer=layer).frame


def read_enterprise_file(
    path: Path,
    *,
    layer: str | None = None,
    frame: Frame = "wgs84",
    lon_col: str | None = None,
    lat_col: str | None = None,
    mapping: Mapping[str, str] | None = None,
    require_coordinates: bool = True,
    optional: tuple[str, ...] = (),
) -> ImportResult:
    """An enterprise table (CSV, XLSX, GeoPackage, GeoJSON) read exactly as the 数据管理 page reads
    it: official headers recognised, units converted, yes/no read alike, rows checked.
    ``mapping`` (standard column -> header) is laid over the suggested one."""
    path = Path(path)
    data = _file_bytes(path, "企业")
    found = inspect_upload(data, path.name, layer=layer, kind="enterprises")
    full = merge_mapping(found.mapping, mapping or {})
    return read_upload(
        data,
        path.name,
        layer=layer if layer is not None else found.layer,
        frame=frame,
        lon_col=lon_col,
        lat_col=lat_col,
        kind="enterprises",
        mapping=full,
        require_coordinates=require_coordinates,
        optional=optional,
    )


def evaluate_files(
    zones_path: Path,
    enterprises_path: Path,
    *,
    config_path: Path | None = None,
    zones_layer: str | None = None,
    enterprises_layer: str | None = None,
    zone_id: str | None = None,
    zone_column: str | None = None,
    frame: Frame = "wgs84",
    lon_col: str | None = None,
    lat_col: str | None = None,
    mapping: Mapping[str, str] | None = None,
    parcels_path: Path | None = None,
    parcels_layer: str | None = None,
    controls_path: Path | None = None,
    check_year: int | None = None,
) -> tuple[EvaluationRun, ImportResult]:
    """Read the zone and enterprise files and run :func:`run_evaluation`; also returns the
    enterprise import (its row report and notes).

    With ``parcels_path``, each enterprise's land is the sum of its parcels' areas in EPSG:4549
    (parcels join by enterprise id, else by location; the table then needs no land column) and
    the run carries the 低效用地 parcels and the contract check (:class:`geo.parcels.ParcelAnalysis`)."""
    config = load_config(config_path)
    zones = read_zones_file(Path(zones_path), layer=zones_layer)
    key = zone_id_column(zones, zone_id)
    table = read_enterprise_file(
        Path(enterprises_path),
        layer=enterprises_layer,
        frame=frame,
        lon_col=lon_col,
        lat_col=lat_col,
        mapping=mapping,
        require_coordinates=zone_column is None,
        optional=("land_mu",) if parcels_path is not None else (),
    )
    renamed = {t: s for t, s in table.mapping.items() if t != s}
    column = zone_column
    if column is not None and column not in table.frame.columns:
        column = next((t for t, s in table.mapping.items() if s == column), column)
    ents = table.frame
    parcels = controls = None
    if parcels_path is not None:
        controls = load_controls(controls_path)
        if check_year is not None:
            controls = replace(controls, check_year=int(check_year))
        pbytes = _file_bytes(Path(parcels_path), "宗地")
        parcels = read_upload(pbytes, Path(parcels_path).name, layer=parcels_layer).frame
        if "land_mu" not in table.mapping:  # no land column: the parcels alone give it
            ents = ents.assign(land_mu=float("nan"))
        prepared = analyse_parcels(parcels, ents, controls=controls)
        ents = prepared.enterprises
    run = run_evaluation(
        zones, ents, config=config, zone_id=key, zone_column=column, notes=tuple(table.notes)
    )
    if parcels is not None:
        run = with_parcels(run, zones, parcels, zone_id=key, controls=controls)
    return replace(run, renamed=renamed), table


# --------------------------------------------------------------------------- writing


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
    extra = {"lon": "经度（WGS-84）", "lat": "纬度（WGS-84）"}
    renamed = frame.rename(columns={**labels, **extra})
    if renamed.index.name in labels:
        renamed.index.name = labels[renamed.index.name]
    return renamed


def _labels_of(key: str) -> dict[str, str]:
    if key == "zones":
        return {**zone_metric_labels(), **_ZONE_PARCEL_LABELS}
    if key in ("parcels_low", "parcels", "contracts"):
        return RESULT_LABELS
    return {
        **EVALUATION_LABELS,
        **{c: RESULT_LABELS.get(c, c) for c in _LAND_COLUMNS},
        "land_source": "用地面积来源",
    }


def write_outputs(
    outputs: dict[str, pd.DataFrame], out: Path, *, fmt: str = "csv", lang: str = "en"
) -> list[Path]:
    """Write the output tables as CSV files into the folder ``out`` (Chinese headers with
    ``lang="zh"``) or as layers of the GeoPackage ``out``; returns the paths written."""
    out = Path(out)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for key, frame in outputs.items():
            table = _plain(frame)
            if lang == "zh":
                table = _labelled(table, _labels_of(key))
            path = out / f"{OUTPUT_FILES[key]}.csv"
            table.to_csv(path, index=key in ("zones", "renewal"), encoding="utf-8-sig")
            written.append(path)
        return written
    path = out if out.suffix else out.with_suffix(".gpkg")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    for key, frame in outputs.items():
        if key in ("zones", "renewal"):
            frame = frame.reset_index()
        if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.notna().any():
            frame = frame.to_crs(STORAGE_CRS)
        else:
            frame = _plain(frame)
        pyogrio.write_dataframe(frame, path, layer=OUTPUT_FILES[key], driver="GPKG")
    return [path]

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
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo import yearly
from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    EVALUATION_LABELS,
    YEAR_COL,
    EvaluationConfig,
    EvaluationResult,
    evaluate,
    land_renewal_by_zone,
    load_config,
    low_efficiency_land,
)
from geo.evaluation.metrics import (
    ID_COL,
    ZoneAssignment,
    assign_zones,
    assign_zones_by_column,
    check_zones,
    zone_metrics,
)
from geo.evaluation.published import method_config, method_mapping
from geo.evaluation.zones import (
    ZoneRules,
    ZoneScores,
    load_zone_rules,
    zone_rules,
    zones_over_years,
)
from geo.exports.run_files import LAND_COLUMNS
from geo.ingest import ImportResult, inspect_upload, limits, read_upload
from geo.ingest.columns import merge_mapping, suggest_mapping
from geo.land.parcels import ParcelAnalysis, analyse_parcels, load_controls, with_classes
from geo.messages.notes import Both, Listing, clauses, error_note, note
from geo.messages.sources import in_both
from geo.spatial.crs import Frame
from geo.yearly.notice import group_name

ZONE_ID_CANDIDATES = ("name", "zone_id", "town_id", "park_id", "code", "名称", "区镇")


# Leading columns of the parcel outputs (the rest follow as they come).
_PARCEL_FIRST = ("parcel_id", "reasons", "reason_keys", "ent_id", "zone", "area_mu")
# The headers that make last year's file its published classes (eval_class or 评价类别), not a table.
PUBLISHED_CLASS_HEADERS = (CLASS_COL, EVALUATION_LABELS[CLASS_COL])


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
    year: int | None = None
    extra: Mapping[str, pd.DataFrame] = field(default_factory=dict)  # the year comparison's tables
    summary: tuple[str, ...] = ()  # the year comparison in words
    zones_scored: ZoneScores | None = None  # the zones scored, ranked and classed (zone rules)

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
            **self.extra,
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
        for i, col in enumerate(LAND_COLUMNS):
            if col in land.columns:
                classes.insert(at + i, col, classes[ID_COL].map(land[col]).to_numpy())
        result = replace(result, enterprises=classes)
        analysis = with_classes(analysis, classes.set_index(ID_COL)["eval_class"])
    return replace(
        run, zones=zone_frame, result=result, parcels=analysis, notes=(*run.notes, *analysis.join.notes)
    )


def zone_id_column(zones: pd.DataFrame, given: str | None = None) -> str:
    """The zones' name/code column: ``given``, or the first of :data:`ZONE_ID_CANDIDATES` present,
    else the column the importer takes for a zone's name or code
    (:func:`geo.ingest.columns.suggest_mapping`)."""
    if given is not None:
        if given not in zones.columns:
            raise DataValidationError.of("batch.no_zone_field", field=given, fields=_fields(zones))
        return given
    for name in ZONE_ID_CANDIDATES:
        if name in zones.columns:
            return name
    # the name (or code) column as ``import --kind zones`` and the 数据管理 page recognise it
    # (园区名称, 区镇名称 …): one recognition for every way a zone file comes in
    found = suggest_mapping([str(c) for c in zones.columns if c != "geometry"], "zones", frame=zones)
    for key in ("name", "zone_id"):
        if found.get(key) in zones.columns:
            return found[key]
    raise DataValidationError.of("batch.no_zone_id", fields=_fields(zones))


def _fields(zones: gpd.GeoDataFrame) -> Listing:
    return Listing(str(c) for c in zones.columns if c != "geometry")


def run_evaluation(
    zones: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig | None = None,
    zone_id: str = "name",
    zone_column: str | None = None,
    notes: tuple[str, ...] = (),
    year: int | None = None,
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
        Evaluation rules; default ``geo/evaluation/evaluation.yaml``.
    notes
        Remarks from reading the inputs, kept in front of the run's own.
    year
        The evaluation year (years in production, rates by year); default the table's one year.

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
            raise DataValidationError.of("batch.no_location")
        assignment = assign_zones(enterprises, zones, zone_id=zone_id)
    metrics = zone_metrics(enterprises, assignment, zones=zones, zone_id=zone_id)
    geoms = zones.set_index(zone_id).geometry.reindex(metrics.index)
    zone_frame = gpd.GeoDataFrame(metrics, geometry=geoms.to_numpy(), crs=zones.crs)
    try:
        result = evaluate(enterprises, config=config, zone=assignment.zone, year=year)
        failure = None
    except DataValidationError as exc:
        result, failure = None, exc
    return EvaluationRun(
        zones=zone_frame,
        assignment=assignment,
        enterprises=enterprises,
        result=result,
        failure=failure,
        notes=(*notes, *_paired(assignment), *(_paired(result) if result is not None else ())),
        year=result.year if result is not None else year,
    )


def _paired(found) -> tuple[str, ...]:
    """``found.notes`` each carrying its English (``notes_en``, when given note for note) so the edge
    writes it in its language; ``str`` of each is the Chinese note as before."""
    zh, en = tuple(found.notes), tuple(getattr(found, "notes_en", ()))
    if len(zh) != len(en):
        return zh
    return tuple(Both(z, e) for z, e in zip(zh, en, strict=True))


# --------------------------------------------------------------------------- reading files


def _file_bytes(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise DataValidationError.of("batch.file_missing", what=in_both(what, "batch.file"), path=path)
    if path.stat().st_size == 0:
        raise DataValidationError.of("batch.file_empty", what=in_both(what, "batch.file"), name=path.name)
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
    full = merge_mapping(found.mapping, mapping or {}, "enterprises")
    result = read_upload(
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
    # the sheet found (a workbook opening on its notes) said as import says it (walk 16 item 7)
    said = [n for n in found.notes if getattr(n, "key", "") in SHEET_NOTES]
    result.notes[:0] = [n for n in said if n not in result.notes]
    return result


# The notes of the sheet read where a workbook's first sheet has no coordinates (geo/ingest/readers.py).
SHEET_NOTES = ("ingest.note.sheet_found", "ingest.note.sheets_found")


@dataclass(frozen=True)
class EvaluationOptions:
    """What :func:`evaluate_files` reads besides the two files, and how (each optional).

    Attributes
    ----------
    config_path, method
        A rules file (default ``geo/evaluation/evaluation.yaml``), or a county's published method by
        name (geo/evaluation/methods/, :func:`geo.evaluation.published.list_methods`); not both.
    zones_layer, enterprises_layer, parcels_layer, previous_layer
        The layer (or sheet) to read in each file.
    zone_id
        The zones' name/code column (default: found by :func:`zone_id_column`).
    zone_column
        Assign enterprises by this column of theirs (a 区镇 name) instead of by location.
    frame, lon_col, lat_col, mapping
        How the enterprise table is read (as on the 数据管理 page): the lon/lat frame, its
        coordinate columns, standard column -> header laid over the recognised ones.
    parcels_path, controls_path, check_year
        Parcels giving each enterprise's land, the control minimums and 低效用地 rules (default
        geo/land/land_control.yaml), the year contracts are checked for.
    year, previous_path
        The year to evaluate in a table with a year column (a table without one is that year's),
        and last year's table or ``enterprise_classes`` output to compare with.
    scope
        A zone's name/code to evaluate alone.
    accept_weights
        Use weights that do not add up to 100 (scores then top out at their total); without it
        such a configuration is refused, as the page asks for a confirmation before using it.
    """

    config_path: Path | None = None
    method: str | None = None
    zones_layer: str | None = None
    enterprises_layer: str | None = None
    zone_id: str | None = None
    zone_column: str | None = None
    frame: Frame = "wgs84"
    lon_col: str | None = None
    lat_col: str | None = None
    mapping: Mapping[str, str] | None = None
    parcels_path: Path | None = None
    parcels_layer: str | None = None
    controls_path: Path | None = None
    check_year: int | None = None
    year: int | None = None
    previous_path: Path | None = None
    previous_layer: str | None = None
    scope: str | None = None
    accept_weights: bool = False


def evaluate_files(
    zones_path: Path,
    enterprises_path: Path,
    options: EvaluationOptions | None = None,
    **choices: Any,
) -> tuple[EvaluationRun, ImportResult]:
    """Read the zone and enterprise files and run :func:`run_evaluation`; also returns the
    enterprise import (its row report and notes).

    ``options`` (:class:`EvaluationOptions`; ``choices`` set its fields by name) says what else is
    read and how. With ``parcels_path``, each enterprise's land is the sum of its parcels' areas in
    EPSG:4549 (parcels join by enterprise id, else by location; the table then needs no land
    column) and the run carries the 低效用地 parcels and the contract check
    (:class:`geo.land.parcels.ParcelAnalysis`).

    ``year`` picks that year from a table with a year column (a table without one is taken as
    that year's, or, without ``year``, as the year its title rows or name state); the run is then
    compared with the year before when the table holds it, or
    with ``previous_path``: last year's table (evaluated with the same zones and rules) or last
    year's ``enterprise_classes`` output (its classes taken as published). The comparison adds
    the tables ``transitions``, ``changes``, ``warnings``; ``surcharges`` comes whenever the
    year is known.

    ``method`` names a county's published method instead of a configuration file; giving both is
    refused.

    ``scope`` (a zone's name/code, e.g. 昆山市 in a district layer) evaluates that zone alone:
    its enterprises (by location, or by ``zone_column``) in every year, benchmarks from them.
    """
    opts = replace(options or EvaluationOptions(), **choices)
    if opts.method is not None and opts.config_path is not None:
        raise DataValidationError.of("batch.method_and_config")
    config = method_config(opts.method) if opts.method is not None else load_config(opts.config_path)
    if not opts.accept_weights:
        check_weights_total(config)
    zones = read_zones_file(Path(zones_path), layer=opts.zones_layer)
    key = zone_id_column(zones, opts.zone_id)
    # Last year's table (if any) is read as this year's is.
    reading = {
        "frame": opts.frame,
        "lon_col": opts.lon_col,
        "lat_col": opts.lat_col,
        "mapping": opts.mapping,
        "require_coordinates": opts.zone_column is None,
    }
    table = read_enterprise_file(
        Path(enterprises_path),
        layer=opts.enterprises_layer,
        optional=("land_mu",) if opts.parcels_path is not None else (),
        **reading,
    )
    renamed = {t: s for t, s in table.mapping.items() if t != s}
    column = opts.zone_column
    if column is not None and column not in table.frame.columns:
        column = next((t for t, s in table.mapping.items() if s == column), column)
    rows = table.frame
    scope = opts.scope
    if scope is not None:
        zones, rows = scope_rows(zones, key, rows, scope, zone_column=column)
    given = opts.year
    if given is None and "year" not in rows.columns:  # the year its title rows or name state, as import
        given = table.stated_year()
    this_year, year, earlier = pick_year(rows, given)
    ents = this_year
    parcels = controls = None
    if opts.parcels_path is not None:
        controls = load_controls(opts.controls_path)
        if opts.check_year is not None:
            controls = replace(controls, check_year=int(opts.check_year))
        pbytes = _file_bytes(Path(opts.parcels_path), "宗地")
        parcels = read_upload(pbytes, Path(opts.parcels_path).name, layer=opts.parcels_layer).frame
        if "land_mu" not in table.mapping:  # no land column: the parcels alone give it
            ents = ents.assign(land_mu=float("nan"))
        prepared = analyse_parcels(parcels, ents, controls=controls)
        ents = prepared.enterprises
    run = run_evaluation(
        zones, ents, config=config, zone_id=key, zone_column=column, notes=tuple(table.notes), year=year
    )
    if parcels is not None:
        run = with_parcels(run, zones, parcels, zone_id=key, controls=controls)
    run = replace(run, renamed=renamed)
    if run.result is None:
        return run, table
    previous = None
    if opts.previous_path is not None:
        previous = _read_previous(Path(opts.previous_path), layer=opts.previous_layer, **reading)
        if scope is not None and not previous[1]:
            previous = (scope_rows(zones, key, previous[0], scope, zone_column=column)[1], False)
    rules = (
        zone_rules(method_mapping(opts.method))
        if opts.method is not None
        else load_zone_rules(opts.config_path)
    )
    run = compare_with_previous(
        run, zones, key, column, config, earlier=earlier, previous=previous, zone_rules=rules
    )
    return run, table


def weights_off_note(config: EvaluationConfig) -> Both | None:
    """The groups whose weights do not add up to 100, with their totals (规上 110 分), in both
    languages; None when every scored group's do."""
    off = config.weights_off_100()
    if not off:
        return None
    return Both(
        *(
            "；".join(
                note("batch.weights_total", group=_group_both(config, g), total=v).text(lang)
                for g, v in off.items()
            )
            for lang in ("zh", "en")
        )
    )


def _group_both(config: EvaluationConfig, group: str) -> Both:
    return Both(group_name(config, group, "zh"), group_name(config, group, "en"))


def check_weights_total(config: EvaluationConfig) -> None:
    """Refuse weights that do not add up to 100 (:meth:`EvaluationConfig.weights_off_100`), naming
    each total: a 100-point score would silently top out elsewhere (walk 21 b1: 规上 110)."""
    totals = weights_off_note(config)
    if totals is not None:
        raise DataValidationError.of("batch.weights_not_100", totals=totals)


def scope_rows(
    zones: gpd.GeoDataFrame,
    zone_id: str,
    enterprises: pd.DataFrame,
    scope: str,
    *,
    zone_column: str | None = None,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The zone ``scope`` alone and the rows of ``enterprises`` in it (points on its boundary
    count as inside, as in :func:`geo.evaluation.metrics.assign_zones`; by ``zone_column`` when given).
    Several years' rows may share an id.

    Raises
    ------
    DataValidationError
        When no zone is called ``scope``, or no enterprise lies in it.
    """
    keys = zones[zone_id].astype(str)
    if scope not in set(keys):
        raise DataValidationError.of("batch.scope_not_zone", scope=scope, options=Listing(keys.tolist()))
    zone = zones[keys == scope]
    if zone_column is not None:
        if zone_column not in enterprises.columns:
            raise DataValidationError.of("batch.no_zone_column", column=zone_column)
        inside = enterprises[zone_column].astype(str).str.strip().to_numpy() == scope
    else:
        geom = zone.to_crs(enterprises.crs).geometry.iloc[0]
        shapely.prepare(geom)
        pts = enterprises.geometry.to_numpy()
        ok = ~shapely.is_missing(pts)
        inside = ok.copy()
        inside[ok] = shapely.intersects(geom, pts[ok])
    if not inside.any():
        raise DataValidationError.of("batch.empty_scope", scope=scope)
    return zone, enterprises[inside]


# --------------------------------------------------------------------------- years


def pick_year(
    enterprises: pd.DataFrame, year: int | None
) -> tuple[pd.DataFrame, int | None, dict[int, pd.DataFrame]]:
    """This year's rows, the year, and the table's earlier years (``{}`` without a year column).

    A table without a year column is taken as the table of ``year`` (when given).

    Raises
    ------
    DataValidationError
        When the table's year column lacks ``year``, or holds several years and no year says which.
    """
    if YEAR_COL not in enterprises.columns:
        return enterprises, year, {}
    years = yearly.split_years(enterprises)
    if year is None:
        if len(years) > 1:
            raise DataValidationError.of("batch.many_years", years=Listing(map(str, years)))
        year = next(iter(years))
    if year not in years:
        raise DataValidationError.of("batch.no_year", year=year, years=Listing(map(str, years)))
    return years[year], year, {y: f for y, f in years.items() if y < year}


def _read_previous(
    path: Path,
    *,
    layer: str | None,
    frame: Frame,
    lon_col: str | None,
    lat_col: str | None,
    mapping: Mapping[str, str] | None,
    require_coordinates: bool,
) -> tuple[pd.DataFrame, bool]:
    """Last year's file: published classes (True) when it has a class column, else its table."""
    if path.suffix.lower() in (".csv", ".xlsx", ".xls"):
        if not path.is_file():
            raise DataValidationError.of("batch.previous_missing", path=path)
        if path.suffix.lower() == ".csv":
            raw = None
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    raw = pd.read_csv(path, dtype=str, encoding=encoding)
                    break
                except UnicodeDecodeError:
                    continue
            if raw is None:
                raise DataValidationError.of("batch.previous_encoding", name=path.name)
        else:
            limits.check_xlsx(path.read_bytes(), path.name, layer)  # bounded as any upload is
            raw = pd.read_excel(path, sheet_name=layer or 0, dtype=str)
        header = next((h for h in PUBLISHED_CLASS_HEADERS if h in raw.columns), None)
        if header is not None:
            inverse = {label: col for col, label in EVALUATION_LABELS.items() if label in raw.columns}
            return yearly.published_classes(raw.rename(columns={**inverse, header: CLASS_COL})), True
    table = read_enterprise_file(
        path,
        layer=layer,
        frame=frame,
        lon_col=lon_col,
        lat_col=lat_col,
        mapping=mapping,
        require_coordinates=require_coordinates,
    )
    return table.frame, False


def compare_with_previous(
    run: EvaluationRun,
    zones: gpd.GeoDataFrame,
    zone_id: str,
    zone_column: str | None,
    config: EvaluationConfig,
    *,
    earlier: Mapping[int, pd.DataFrame],
    previous: tuple[pd.DataFrame, bool] | None = None,
    zone_rules: ZoneRules | None = None,
) -> EvaluationRun:
    """The run with last year's comparison (tables in ``extra``, words in ``summary``) and this
    year's surcharges; last year is ``previous`` (a table, or published classes) or the table's
    year before. With ``zone_rules``, the zones scored (``zone_scores``, with last year's beside)."""
    classes = run.result.enterprises
    year = run.year
    notes = list(run.notes)
    extra: dict[str, pd.DataFrame] = {}
    evaluated: dict[int, pd.DataFrame] = {}
    scores = None
    for y, frame in earlier.items():  # the table's earlier years, with the same rules
        evaluated[y] = run_evaluation(
            zones, frame, config=config, zone_id=zone_id, zone_column=zone_column, year=y
        ).result.enterprises
    prev, published, prev_year, prev_table = None, False, None, None
    if previous is not None:
        frame, published = previous
        prev_year = year - 1 if year is not None else None
        if published:
            prev = frame
        else:
            frame, prev_year, _ = pick_year(frame, prev_year if YEAR_COL in frame.columns else None)
            prev_run = run_evaluation(
                zones, frame, config=config, zone_id=zone_id, zone_column=zone_column, year=prev_year
            )
            if prev_run.result is None:
                raise prev_run.failure
            prev, prev_table = prev_run.result.enterprises, frame
            if prev_year is not None:
                evaluated[prev_year] = prev
    elif year is not None and year - 1 in evaluated:
        prev_year, prev, prev_table = year - 1, evaluated[year - 1], earlier[year - 1]
    elif year is not None and earlier:
        notes.append(note("batch.note.no_previous_year", year=year - 1))
    summary: list[str] = []
    if prev is not None:
        changes = yearly.class_changes(prev, classes)
        matrix = yearly.transition_matrix(changes)
        extra["transitions"] = matrix
        extra["changes"] = changes[[c for c in changes.columns if not c.startswith("pts_")]]
        if year is not None and not published:
            evaluated[year] = classes
            extra["warnings"] = yearly.early_warnings(evaluated, year, config.warning_rules)
        how = note("batch.summary.published" if published else "batch.summary.reevaluated")
        label = (
            note("batch.summary.year", year=prev_year)
            if prev_year is not None
            else note("batch.summary.last_year")
        )
        summary.append(
            note(
                "batch.summary.compared",
                label=label,
                how=how,
                n_new=int((changes["from_class"] == yearly.NEW).sum()),
                n_gone=int((changes["to_class"] == yearly.GONE).sum()),
                n_up=int((changes["steps"] > 0).sum()),
                n_down=int((changes["steps"] < 0).sum()),
            )
        )
        moves = clauses(
            note("batch.summary.move", before=r.from_class, after=r.to_class, n=r.n_enterprises)
            for r in matrix.itertuples()
        )
        summary.append(note("batch.summary.transitions", moves=moves))
        if "warnings" in extra:
            summary.append(note("batch.summary.warnings", n=len(extra["warnings"])))
    try:
        scores = (
            None
            if zone_rules is None
            else zones_over_years(
                classes,
                enterprises=run.enterprises,
                rules=zone_rules,
                year=year,
                previous=prev,
                previous_enterprises=prev_table,
            )
        )
    except DataValidationError as exc:  # the enterprises' results stand without the zones'
        notes.append(note("batch.note.zones_not_scored", reason=error_note(exc)))
    if scores is not None:
        extra["zone_scores"] = scores.table
        notes.extend(_paired(scores))
    if year is not None:
        pay, pay_notes = yearly.surcharges(classes, config, year=year, consumption=run.enterprises)
        extra["surcharges"] = pay
        # each note with its English, so the command writes it in its language (walk 16 item 3)
        _, pay_notes_en = yearly.surcharges(
            classes, config, year=year, consumption=run.enterprises, lang="en"
        )
        notes.extend(Both(z, e) for z, e in zip(pay_notes, pay_notes_en, strict=True))
    return replace(run, extra=extra, summary=tuple(summary), notes=tuple(notes), zones_scored=scores)

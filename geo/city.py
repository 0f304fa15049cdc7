"""The 亩均 evaluation at city scale: scope 苏州市 or one district, rankings by industry × area × size,
per-district and per-development-zone tables, and the yearly cycle on the city's tables.

An enterprise table at city scale carries ``district`` (the county-level district it lies in) and,
optionally, ``dev_zone`` (the development zone, empty outside every zone), as the Suzhou-wide demo
(``data/city_build.py``) does. Scoring itself is :func:`geo.evaluation.evaluate` with the district as
the zone. A district is shown as the city evaluates it (the whole city scored together, benchmarks
from the city's enterprises, the district's rows then taken out: the district's classes are the city
list's) unless a district-own evaluation is asked for (``own_benchmarks``: its enterprises only,
benchmarks from them, as the district's bureau would run it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import DataValidationError
from geo.evaluation import (
    CLASSES_T,
    SIZE_COL,
    EvaluationConfig,
    EvaluationResult,
    classes_with_t,
    default_config,
    evaluate,
    rank_by,
    ranking_summary,
)
from geo.evaluation.metrics import ID_COL, assign_zones, zone_metrics
from geo.spatial.zone_index import ZoneIndex
from geo.yearly import class_changes, early_warnings, transition_matrix
from geo.yearly.surcharges import surcharges

CITY_SCOPE = "苏州市"
DISTRICT_COL = "district"
DEV_ZONE_COL = "dev_zone"
AREA_COLUMNS = (DISTRICT_COL, DEV_ZONE_COL)


def _check_city_table(enterprises: pd.DataFrame) -> None:
    if not isinstance(enterprises, pd.DataFrame):
        raise DataValidationError.of("city.not_a_table")
    if DISTRICT_COL not in enterprises.columns:
        raise DataValidationError.of("city.no_district", column=DISTRICT_COL)


def scopes(enterprises: pd.DataFrame) -> list[str]:
    """The scopes a city table can be evaluated in: 苏州市, then each district it holds (in order)."""
    _check_city_table(enterprises)
    present = [d for d in pd.unique(enterprises[DISTRICT_COL].astype(object)) if isinstance(d, str) and d]
    return [CITY_SCOPE, *present]


def scoped(enterprises: pd.DataFrame, scope: str = CITY_SCOPE) -> pd.DataFrame:
    """The rows of ``scope``: the whole table for 苏州市, else the district's (index kept).

    Raises
    ------
    DataValidationError
        When the table has no ``district`` column or ``scope`` is neither 苏州市 nor a district in it.
    """
    options = scopes(enterprises)
    if scope not in options:
        raise DataValidationError.of("city.unknown_scope", scope=scope, options="、".join(options))
    if scope == CITY_SCOPE:
        return enterprises
    return enterprises[enterprises[DISTRICT_COL].astype(object) == scope]


def evaluate_scope(
    enterprises: pd.DataFrame,
    *,
    scope: str = CITY_SCOPE,
    config: EvaluationConfig | None = None,
    year: int | None = None,
) -> EvaluationResult:
    """Score, rank and class the enterprises of ``scope`` (苏州市 or one district).

    The result's frame has ``zone`` = the district and keeps ``district`` and ``dev_zone`` (when
    the table has it) for rankings by area; its index is the scoped rows' index.
    """
    config = config if config is not None else default_config()
    rows = scoped(enterprises, scope)
    if len(rows) == 0:
        raise DataValidationError.of("city.empty_scope", scope=scope)
    result = evaluate(rows, config=config, zone=DISTRICT_COL, year=year)
    extra = {col: rows[col].astype(object).to_numpy() for col in AREA_COLUMNS if col in rows.columns}
    return replace(result, enterprises=result.enterprises.assign(**extra))


def rankings(
    evaluated: pd.DataFrame, *, area: str = DISTRICT_COL, industry: bool = True, size: bool = True
) -> pd.DataFrame:
    """Scored enterprises ranked within industry × ``area`` (district or dev_zone) × size (规上/规下).

    ``group_rank`` 1 is the best score in its group (:func:`geo.evaluation.rank_by`); leave out the
    industry or the size with ``industry=False`` / ``size=False``. Enterprises outside every
    development zone (empty ``dev_zone``) are left out of a ranking by zone.
    """
    if area not in AREA_COLUMNS:
        raise DataValidationError.of("city.bad_area", options="、".join(AREA_COLUMNS), area=area)
    by = [col for col, on in (("industry", industry), (area, True), (SIZE_COL, size)) if on]
    frame = evaluated
    if area == DEV_ZONE_COL and area in frame.columns:
        frame = frame[frame[area].astype(object).fillna("") != ""]
    return rank_by(frame, by)


def ranking_table(evaluated: pd.DataFrame, *, area: str = DISTRICT_COL) -> pd.DataFrame:
    """Per industry × ``area`` × size: enterprises, scored, classes, land, tax and pooled 亩均税收."""
    if area not in AREA_COLUMNS:
        raise DataValidationError.of("city.bad_area", options="、".join(AREA_COLUMNS), area=area)
    frame = evaluated
    if area == DEV_ZONE_COL and area in frame.columns:
        frame = frame[frame[area].astype(object).fillna("") != ""]
    return ranking_summary(frame, ["industry", area, SIZE_COL])


def area_table(
    enterprises: gpd.GeoDataFrame,
    evaluated: pd.DataFrame,
    zones: gpd.GeoDataFrame,
    *,
    zone_id: str = "name",
    index: ZoneIndex | None = None,
) -> pd.DataFrame:
    """Per zone (district or development zone, by location): totals and pooled 亩均 ratios
    (:func:`geo.evaluation.metrics.zone_metrics`, with the zone's own area), 规上 count, the enterprises in
    each class A–D and T, and the D-class land (亩).

    ``evaluated`` is the evaluation of ``enterprises`` (same index, e.g. from
    :func:`evaluate_scope` on them); zones with no enterprise show zeros. ``index``: the zones'
    :func:`geo.spatial.zone_index.build_zone_index`, built once per layer (same result, faster).
    """
    if not evaluated.index.equals(enterprises.index):
        raise DataValidationError.of("city.mismatch")
    assignment = assign_zones(enterprises, zones, zone_id=zone_id, index=index)
    table = zone_metrics(enterprises, assignment, zones=zones, zone_id=zone_id)
    codes = pd.Categorical(assignment.zone, categories=list(assignment.zone_keys)).codes.astype(np.int64)
    inside = codes >= 0
    n_zones = len(assignment.zone_keys)
    above = evaluated["size_class"].astype(object).to_numpy() == "规上"
    table.insert(1, "n_above_scale", np.bincount(codes[inside & above], minlength=n_zones))
    cls = classes_with_t(evaluated).astype(object).to_numpy()
    for c in CLASSES_T:
        table[f"n_{c}"] = np.bincount(codes[inside & (cls == c)], minlength=n_zones)
    land = evaluated["land_mu"].to_numpy(dtype="float64")
    d_land = inside & (cls == "D") & np.isfinite(land)
    table["d_land_mu"] = np.round(np.bincount(codes[d_land], weights=land[d_land], minlength=n_zones), 2)
    return table


@dataclass(frozen=True)
class CityYear:
    """One year of the city cycle in a scope: the result and its comparison with the year before.

    ``changes``/``matrix``/``warnings`` are None without the previous year. ``evaluated_in`` is the
    scope whose enterprises were evaluated together (whose benchmarks apply): 苏州市, or the
    district itself for a district-own evaluation; ``results`` each year's evaluation there (of all
    its enterprises, before the scope's rows are taken out).
    """

    scope: str
    year: int
    result: EvaluationResult
    changes: pd.DataFrame | None
    matrix: pd.DataFrame | None
    warnings: pd.DataFrame | None
    surcharges: pd.DataFrame
    surcharge_notes: tuple[str, ...]
    surcharge_notes_en: tuple[str, ...]
    evaluated_in: str = CITY_SCOPE
    results: Mapping[int, EvaluationResult] = field(default_factory=dict)


def evaluated_in(scope: str, *, own_benchmarks: bool = False) -> str:
    """The scope whose enterprises are evaluated together to show ``scope``: 苏州市 (the city's
    benchmarks), or the district itself when ``own_benchmarks`` (a district-own evaluation)."""
    return scope if own_benchmarks and scope != CITY_SCOPE else CITY_SCOPE


def _rows_of(result: EvaluationResult, scope: str) -> EvaluationResult:
    """``result`` with only the rows of ``scope`` (its benchmarks, weights and notes as they are)."""
    if scope == CITY_SCOPE:
        return result
    frame = result.enterprises
    return replace(result, enterprises=frame[frame[DISTRICT_COL].astype(object) == scope])


def city_year(
    tables: Mapping[int, pd.DataFrame],
    year: int,
    *,
    scope: str = CITY_SCOPE,
    config: EvaluationConfig | None = None,
    own_benchmarks: bool = False,
    results: Mapping[int, EvaluationResult] | None = None,
) -> CityYear:
    """Evaluate ``year`` (and the year before, when ``tables`` has it) and compare, in ``scope``:
    class transitions, early warnings (the config's rules) and what each class pays.

    A district is the city's evaluation of its enterprises (the same classes as the city's list)
    unless ``own_benchmarks`` asks for the district evaluated alone. ``results``: each year's
    evaluation in :func:`evaluated_in` when at hand (``CityYear.results`` of the city's year), so
    that the city is not evaluated again for each district.

    Raises
    ------
    DataValidationError
        When ``tables`` (or ``results``) lacks ``year``, or ``scope`` is not 苏州市 or a district.
    """
    config = config if config is not None else default_config()
    if year not in tables:
        raise DataValidationError.of("city.no_year", year=year, years="、".join(map(str, sorted(tables))))
    if results is not None and year not in results:
        raise DataValidationError.of("city.no_year", year=year, years="、".join(map(str, sorted(results))))
    consumption = scoped(tables[year], scope)
    where = evaluated_in(scope, own_benchmarks=own_benchmarks)
    if results is None:
        results = {
            y: evaluate_scope(tables[y], scope=where, config=config, year=y)
            for y in sorted(tables)
            if y <= year
        }
    shown = {y: _rows_of(r, scope) for y, r in results.items() if y <= year}
    result = shown[year]  # each year evaluated once
    if len(result.enterprises) == 0:
        raise DataValidationError.of("city.empty_scope", scope=scope)
    evaluated = {y: r.enterprises for y, r in shown.items()}
    changes = matrix = warnings = None
    if year - 1 in evaluated:
        changes = class_changes(evaluated[year - 1], evaluated[year], id_col=ID_COL)
        matrix = transition_matrix(changes)
        warnings = early_warnings(evaluated, year, config.warning_rules, changes=changes)
    paid, notes = surcharges(result.enterprises, config, year=year, consumption=consumption)
    # the notes depend on the rules and the columns, not on the rows: in English from no rows
    none = None if consumption is None else consumption.head(0)
    _, notes_en = surcharges(result.enterprises.head(0), config, year=year, consumption=none, lang="en")
    return CityYear(
        scope, year, result, changes, matrix, warnings, paid, tuple(notes), tuple(notes_en), where, results
    )


def class_mix_share(evaluated: pd.DataFrame, *, by: Sequence[str] | str = DISTRICT_COL) -> pd.DataFrame:
    """Per group of ``by``: the count in each class A–D and T and A–D's shares of the scored (%)."""
    by = [by] if isinstance(by, str) else list(by)
    cls = classes_with_t(evaluated).astype(object)
    counts = pd.crosstab([evaluated[c].astype(object) for c in by], cls).reindex(
        columns=list(CLASSES_T), fill_value=0
    )
    scored = counts[[c for c in CLASSES_T if c != "T"]].sum(axis=1)
    for c in CLASSES_T[:-1]:
        counts[f"{c}_pct"] = np.where(scored > 0, counts[c] / scored.where(scored > 0) * 100, np.nan)
    return counts


__all__ = [
    "AREA_COLUMNS",
    "CITY_SCOPE",
    "CityYear",
    "DEV_ZONE_COL",
    "DISTRICT_COL",
    "area_table",
    "city_year",
    "class_mix_share",
    "evaluate_scope",
    "evaluated_in",
    "ranking_table",
    "rankings",
    "scoped",
    "scopes",
]

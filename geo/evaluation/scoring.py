"""资源集约利用综合评价 ("亩均论英雄"): per-enterprise score, rank, class A/B/C/D and reasons.

score = Σ (indicator / benchmark) × weight ± bonus/penalty items; classes by percentile rank or
by score; rankings by industry, by 区镇/park and by size; the low-efficiency (D-class) land list.
Weights, benchmarks, cut-offs and the minimum land are configuration (``geo/evaluation/evaluation.yaml``,
defaults and their sources from docs/domain.md §4), never constants in code.

This module scores and classes; the rules themselves (dataclasses, YAML loading and checks) live in
``geo/evaluation/rules.py`` and the rankings, summaries, lists and column labels in
``geo/evaluation/summary.py``. Every public name of both is re-exported here, so
``from geo.evaluation import ...`` keeps working for all of them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.catalogue import parse_yes_no
from geo.errors import DataValidationError
from geo.evaluation.metrics import (
    ID_COL,
    PARALLEL_MIN_ROWS,
    RATIOS,
    RATIOS_BY_KEY,
    THREADS,
    ZONE_COL,
    check_enterprises,
    numeric_amounts,
    ratios_from_amounts,
)
from geo.evaluation.notes import Dropped, Findings, evaluation_notes
from geo.evaluation.reasons import loss_reasons
from geo.evaluation.rules import (
    CLASS_COL,
    CLASS_LABELS,
    CLASS_LABELS_T,
    CLASSES,
    CLASSES_T,
    DEFAULT_CONFIG_PATH,
    SIZE_ABOVE,
    SIZE_BELOW,
    SIZE_COL,
    SIZE_GROUPS,
    STATUS_EXCLUDED_INDUSTRY,
    STATUS_NEW,
    STATUS_NO_LAND,
    STATUS_SCORED,
    STATUS_SIZE_OFF,
    STATUS_SMALL,
    T_CLASS,
    WARNING_RULES,
    YEAR_COL,
    Adjustment,
    EvaluationConfig,
    Surcharge,
    WarningRule,
    config_from_mapping,
    default_config,
    load_config,
)
from geo.evaluation.summary import (
    EVALUATION_LABELS,
    EVALUATION_LABELS_EN,
    class_mix,
    land_renewal_by_zone,
    list_order,
    low_efficiency_land,
    rank_by,
    ranking_summary,
)
from geo.messages import listed

__all__ = [
    "Adjustment",
    "CLASSES",
    "CLASSES_T",
    "CLASS_COL",
    "CLASS_LABELS",
    "CLASS_LABELS_T",
    "DEFAULT_CONFIG_PATH",
    "EVALUATION_LABELS",
    "EVALUATION_LABELS_EN",
    "EvaluationConfig",
    "EvaluationResult",
    "SIZE_ABOVE",
    "SIZE_BELOW",
    "SIZE_COL",
    "SIZE_GROUPS",
    "STATUS_EXCLUDED_INDUSTRY",
    "STATUS_NEW",
    "STATUS_NO_LAND",
    "STATUS_SCORED",
    "STATUS_SIZE_OFF",
    "STATUS_SMALL",
    "Surcharge",
    "T_CLASS",
    "WARNING_RULES",
    "WarningRule",
    "YEAR_COL",
    "class_mix",
    "classes_with_t",
    "config_from_mapping",
    "default_config",
    "evaluate_one_list",
    "evaluation_year",
    "land_renewal_by_zone",
    "load_config",
    "list_order",
    "low_efficiency_land",
    "rank_by",
    "ranking_summary",
]

# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class EvaluationResult:
    """Output of :func:`evaluate`.

    Attributes
    ----------
    enterprises
        One row per input enterprise (same index, same geometry if any) with the indicators,
        points per indicator (``pts_<indicator>``), ``score``, ``rank`` (1 = best within the
        ranking group), ``rank_pct_from_top``, ``eval_class``, ``eval_class_label``, ``reasons``
        and ``status``; enterprises not scored keep NaN score and an empty class.
    benchmarks
        Benchmark value of each indicator (columns) per size group (rows).
    weights
        Effective weights per size group after dropping indicators without data.
    notes
        Human-readable remarks (dropped indicators, missing adjustment columns, ...), in Chinese;
        ``notes_en`` holds the same remarks in English, in the same order.
    """

    enterprises: pd.DataFrame
    benchmarks: pd.DataFrame
    weights: pd.DataFrame
    notes: tuple[str, ...]
    config: EvaluationConfig
    notes_en: tuple[str, ...] = ()
    year: int | None = None


def _truthy(values: pd.Series, *, where: str) -> np.ndarray:
    if values.dtype == bool:
        return values.to_numpy()
    if isinstance(values.dtype, pd.BooleanDtype):
        return values.fillna(False).to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(values.dtype):
        num = values.to_numpy(dtype="float64")
        return np.nan_to_num(num, nan=0.0) != 0
    flags = values.astype(object).map(parse_yes_no)  # the one yes/no parser; empty counts as no
    bad = flags.map(lambda v: v is None).astype(bool)
    if bad.any():
        raise DataValidationError.of(
            "evaluation.not_yes_no", column=where, values=listed(pd.unique(values[bad])[:5])
        )
    return flags.map(lambda v: v is True).astype(bool).to_numpy()


def _status(
    is_above: np.ndarray,
    land: np.ndarray,
    config: EvaluationConfig,
    *,
    excluded_industry: np.ndarray | None = None,
    too_new: np.ndarray | None = None,
) -> tuple[np.ndarray, pd.Categorical]:
    """Who is scored, and each enterprise's status as a categorical (the T class's reason)."""
    n = is_above.shape[0]
    excluded_industry = np.zeros(n, dtype=bool) if excluded_industry is None else excluded_industry
    too_new = np.zeros(n, dtype=bool) if too_new is None else too_new
    has_land = np.isfinite(land) & (land > 0)
    size_on = np.where(is_above, config.score_above_scale, config.score_below_scale)
    small = ~is_above & has_land & (land < config.below_scale_min_land_mu)
    labels = [
        STATUS_SCORED,
        STATUS_SMALL.format(min_land=f"{config.below_scale_min_land_mu:g}"),
        STATUS_NO_LAND,
        STATUS_SIZE_OFF.format(size=SIZE_ABOVE),
        STATUS_SIZE_OFF.format(size=SIZE_BELOW),
        STATUS_EXCLUDED_INDUSTRY,
        STATUS_NEW.format(years=f"{config.min_years_in_production:g}"),
    ]
    codes = np.zeros(is_above.shape, dtype=np.int8)
    codes[small] = 1
    codes[~has_land] = 2
    codes[~size_on & is_above] = 3
    codes[~size_on & ~is_above] = 4
    codes[too_new] = 6
    codes[excluded_industry] = 5
    scored = size_on & has_land & ~small & ~excluded_industry & ~too_new
    return scored, pd.Categorical.from_codes(codes, categories=labels)


def evaluation_year(enterprises: pd.DataFrame, year: int | None = None) -> int | None:
    """The year a table is for: ``year`` if given, else its ``year`` column when it holds one value.

    Raises
    ------
    DataValidationError
        When the ``year`` column holds several years (pick one first) or is not a year.
    """
    if year is not None:
        return int(year)
    if YEAR_COL not in enterprises.columns:
        return None
    years = pd.to_numeric(enterprises[YEAR_COL], errors="coerce")
    if years.isna().any():
        raise DataValidationError.of("evaluation.bad_year")
    uniq = sorted(set(years.astype("int64").tolist()))
    if len(uniq) > 1:
        raise DataValidationError.of("evaluation.many_years", years=listed(uniq))
    return uniq[0] if uniq else None


def _exclusions(
    enterprises: pd.DataFrame, config: EvaluationConfig, year: int | None
) -> tuple[np.ndarray, np.ndarray, int | None, str | None]:
    """Masks of the enterprises excluded by industry and by years in production (T class), the
    evaluation year, and the start-year column left unused for want of a year (else None)."""
    n = len(enterprises)
    excluded = np.zeros(n, dtype=bool)
    if config.exclusion_industries and "industry" in enterprises.columns:
        excluded = enterprises["industry"].astype(object).isin(config.exclusion_industries).to_numpy()
    too_new = np.zeros(n, dtype=bool)
    year = evaluation_year(enterprises, year)
    col = config.start_year_column
    unused = None
    if config.min_years_in_production > 0 and col in enterprises.columns:
        if year is None:
            unused = col
        else:
            start = pd.to_numeric(enterprises[col], errors="coerce").to_numpy(dtype="float64")
            with np.errstate(invalid="ignore"):
                too_new = np.isfinite(start) & (year - start < config.min_years_in_production)
    return excluded, too_new, year, unused


def classes_with_t(evaluated: pd.DataFrame) -> pd.Series:
    """Each enterprise's class A/B/C/D, or ``T`` (不参评) for what the rules excluded.

    The reason of a T is the enterprise's ``status``.
    """
    cls = evaluated[CLASS_COL].astype(object)
    out = cls.where(evaluated["scored"].to_numpy(dtype=bool), T_CLASS)
    return pd.Series(
        pd.Categorical(out.to_numpy(), categories=list(CLASSES_T)), index=evaluated.index, name=CLASS_COL
    )


def _indicator_mean(
    ratio_key: str, values: np.ndarray, amounts: pd.DataFrame, mask: np.ndarray, how: str
) -> float:
    """Mean of an indicator over ``mask``: pooled Σ num / Σ den × scale, or the simple mean."""
    ok = mask & np.isfinite(values)
    if not ok.any():
        return math.nan
    if how == "simple":
        return float(values[ok].mean())
    r = RATIOS_BY_KEY[ratio_key]
    total_den = amounts[r.denominator].to_numpy()[ok].sum()
    total_num = amounts[r.numerator].to_numpy()[ok].sum()
    return float(total_num / total_den * r.scale) if total_den > 0 else math.nan


def _missing_points(
    points: np.ndarray,
    rel_cols: Sequence[np.ndarray],
    weight_rows: np.ndarray,
    members_of: Sequence[np.ndarray],
    config: EvaluationConfig,
) -> int:
    """Apply ``config.missing_indicator`` to ``points`` in place (rows = enterprises, columns = the
    indicators of ``rel_cols``; ``weight_rows`` one row per size group, ``members_of`` the scored
    enterprises of each group). Returns how many scored enterprises miss at least one weighted item.

    ``zero`` leaves a missing item at 0. ``mean`` gives it the average points of the group's
    enterprises that have it (0 when none has). ``drop`` scales the enterprise's other items by
    (group's total weight / weight of the items it has); with no item at all it scores 0.
    """
    lacking = np.zeros(points.shape[0], dtype=bool)
    for gi, members in enumerate(members_of):
        weights = weight_rows[gi]
        gaps = np.zeros(points.shape[0], dtype=bool)
        known_weight = np.zeros(points.shape[0])
        for j, rel_j in enumerate(rel_cols):
            if weights[j] <= 0:
                continue
            known = np.isfinite(rel_j)
            gap = members & ~known
            gaps |= gap
            known_weight += np.where(known, weights[j], 0.0)
            if config.missing_indicator == "mean" and gap.any():
                have = members & known
                points[gap, j] = points[have, j].mean() if have.any() else 0.0
        if config.missing_indicator == "drop" and gaps.any():
            rows = np.flatnonzero(gaps)
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(known_weight[rows] > 0, weights.sum() / known_weight[rows], 0.0)
            points[rows] *= scale[:, None]
        lacking |= gaps
    return int(lacking.sum())


def _percentile_classes(pct: np.ndarray, cut: Mapping[str, float]) -> np.ndarray:
    """Class codes 0..3 (A..D) from percentile positions (% from the top)."""
    return np.select([pct <= cut["A"], pct <= cut["B"], pct <= cut["C"]], [0, 1, 2], 3).astype(np.int8)


def _score_classes(score: np.ndarray, cut: Mapping[str, float]) -> np.ndarray:
    """Class codes 0..3 (A..D) from score cut-offs."""
    return np.select([score >= cut["A"], score >= cut["B"], score >= cut["C"]], [0, 1, 2], 3).astype(np.int8)


def evaluate_one_list(
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig | None = None,
    zone: pd.Series | str | None = None,
    id_col: str = ID_COL,
    year: int | None = None,
) -> EvaluationResult:
    """Score, rank and class every enterprise as one list (资源集约利用综合评价); the evaluation of
    lists per group and of land shared on a compound (:func:`geo.evaluation.grouped.evaluate`)
    builds on it.

    Who is scored: 规上 enterprises with land, and 规下 enterprises on at least
    ``below_scale_min_land_mu`` 亩 (config ``scope``). Enterprises with zero or missing land
    cannot be scored on per-mu indicators: they stay in the output with status
    "无法计算：用地面积为零或缺失", NaN score and no class.

    Each indicator's benchmark is ``benchmark_multiple`` × the mean over the scored enterprises of
    the size group (``benchmark.within: size``, the default; ``all``: of the whole area; pooled Σ
    numerator / Σ denominator by default), unless fixed in the config.
    ``score = Σ clip(value / benchmark) × weight + adjustment points``; a missing value scores 0.
    An indicator with no data anywhere (or no computable benchmark) is dropped and the group's
    other weights are scaled up to the same total (noted in ``notes``). Classes come from the
    percentile position (rank − 0.5) / n × 100 within the ranking group (ties share the better
    rank) or from score cut-offs. ``reasons`` names the indicators whose value/benchmark is below
    the median of the enterprise's size group, largest loss of points first.

    Parameters
    ----------
    enterprises
        Table with ``ent_id``, ``above_scale`` (规上 true/false), ``land_mu`` and the amount
        columns of ``geo.evaluation.metrics.AMOUNT_COLUMNS``; it is not modified.
    config
        Evaluation rules; default ``geo/evaluation/evaluation.yaml``.
    zone
        Zone of each enterprise: a Series on the same index (e.g. ``ZoneAssignment.zone``) or a
        column name; default the ``town`` column when present.
    year
        The evaluation year, for the T-class rule on years in production (config
        ``exclusions``); default the table's ``year`` column when it holds one value.

    Enterprises the rules exclude (config ``exclusions``: listed industries, in production
    under ``min_years_in_production`` years) are not scored either: they are class T, as are
    those below the land minimum or without land (see :func:`classes_with_t`).

    Raises
    ------
    DataValidationError
        For an empty table, missing ``ent_id``/``above_scale``, duplicated ids or bad values.
    """
    config = config if config is not None else default_config()
    year = evaluation_year(enterprises, year)  # one year at a time, before ids are checked
    if len(enterprises) < PARALLEL_MIN_ROWS or THREADS < 2 or id_col not in enterprises.columns:
        check_enterprises(enterprises, id_col=id_col)
        return _evaluate_checked(enterprises, config=config, zone=zone, id_col=id_col, year=year)
    # Large tables: the id check (hashing) runs beside the scoring; its error wins.
    with ThreadPoolExecutor(THREADS) as pool:
        checked = pool.submit(check_enterprises, enterprises, id_col=id_col)
        try:
            result = _evaluate_checked(enterprises, config=config, zone=zone, id_col=id_col, year=year)
        finally:
            checked.result()
    return result


def _evaluate_checked(
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig,
    zone: pd.Series | str | None,
    id_col: str,
    year: int | None = None,
) -> EvaluationResult:
    # Check: the size column, the bonus/penalty columns' values and the zones, before any scoring.
    if "above_scale" not in enterprises.columns:
        raise DataValidationError.of("evaluation.no_size_column")
    is_above = _truthy(enterprises["above_scale"], where="above_scale")
    adjustment_flags = _adjustment_flags(enterprises, config)
    zones = _zone_values(enterprises, zone)

    # Compute: who is scored, benchmarks, weights, points, score, ranks, classes, reasons.
    amounts = numeric_amounts(enterprises)
    ratios = ratios_from_amounts(amounts)
    excluded_industry, too_new, year, year_column_unused = _exclusions(enterprises, config, year)
    land = amounts["land_mu"].to_numpy()
    scored, status = _status(is_above, land, config, excluded_industry=excluded_industry, too_new=too_new)
    groups = {SIZE_ABOVE: is_above, SIZE_BELOW: ~is_above}
    keys = [r.key for r in RATIOS if any(config.weights_for(g).get(r.key, 0) > 0 for g in SIZE_GROUPS)]
    benchmarks = _benchmarks(keys, ratios, amounts, scored, groups, config)
    weights, dropped = _weights(benchmarks, scored, groups, config)
    points, rel_cols = _points(keys, ratios, is_above, benchmarks.to_numpy(), weights.to_numpy(), config)
    members_of = [scored & in_group for in_group in groups.values()]
    filled = _missing_points(points, rel_cols, weights.to_numpy(), members_of, config)
    adjustment, forced, penalised = _adjustments(adjustment_flags, scored, config)
    score = np.where(scored, points.sum(axis=1) + adjustment, np.nan)
    rank, n_ranked, pct, cls = _ranks_and_classes(score, scored, groups, forced, config)
    reasons = loss_reasons(
        rel_cols, is_above, weights.to_numpy(), members_of, scored, keys, penalised, config
    )

    # Assemble: the notes from what was found, then one frame.
    found = Findings(
        year_column_unused=year_column_unused,
        dropped=dropped,
        n_missing_items=filled,
        missing_indicator=config.missing_indicator,
        absent_adjustments=tuple(adj for adj, hit in adjustment_flags if hit is None),
    )
    notes, notes_en = evaluation_notes(found, amounts=amounts)
    columns: dict[str, Any] = {id_col: enterprises[id_col].array}
    if year is not None:
        columns[YEAR_COL] = np.full(len(enterprises), year, dtype=np.int64)
    for col in ("name", "industry", "town"):
        if col in enterprises.columns:
            columns[col] = enterprises[col].array
    if zones is not None:
        columns[ZONE_COL] = zones
    columns[SIZE_COL] = pd.Categorical.from_codes(
        np.where(is_above, 0, 1).astype(np.int8), categories=list(SIZE_GROUPS)
    )
    # The published lists without configured groups: 规上, 规下, 规下 below the land minimum (listed).
    small_label = f"{SIZE_BELOW}（不足 {config.below_scale_min_land_mu:g} 亩）"
    columns["eval_group"] = pd.Categorical.from_codes(
        np.where(status.codes == 1, 2, np.where(is_above, 0, 1)).astype(np.int8),
        categories=[*SIZE_GROUPS, small_label],
    )
    for col in ("land_mu", "tax_wan_yuan", "sales_wan_yuan"):
        columns[col] = amounts[col].to_numpy()
    for r in RATIOS:
        if r.key in keys or r.denominator in enterprises.columns:
            columns[r.key] = ratios[r.key].to_numpy()
    for j, key in enumerate(keys):
        columns[f"pts_{key}"] = np.where(scored, points[:, j], np.nan)
    columns["adjustment_points"] = np.where(scored, adjustment, np.nan)
    columns["score"] = score
    columns["rank"] = pd.arrays.IntegerArray(rank, ~scored)
    columns["n_ranked"] = n_ranked
    columns["rank_pct_from_top"] = pct
    columns[CLASS_COL] = pd.Categorical.from_codes(cls, categories=list(CLASSES))
    columns["eval_class_label"] = pd.Categorical.from_codes(
        cls, categories=[CLASS_LABELS[c] for c in CLASSES]
    )
    columns["reasons"] = reasons
    columns["status"] = status
    columns["scored"] = scored
    return EvaluationResult(
        enterprises=_frame(columns, enterprises),
        benchmarks=benchmarks,
        weights=weights,
        notes=notes,
        config=config,
        notes_en=notes_en,
        year=year,
    )


def _adjustment_flags(
    enterprises: pd.DataFrame, config: EvaluationConfig
) -> list[tuple[Adjustment, np.ndarray | None]]:
    """Each bonus/penalty item with its column read as yes/no (None: the table has no such column)."""
    return [
        (
            adj,
            _truthy(enterprises[adj.column], where=adj.column) if adj.column in enterprises.columns else None,
        )
        for adj in config.adjustments
    ]


def _zone_values(enterprises: pd.DataFrame, zone: pd.Series | str | None):
    """Each enterprise's zone (a Series on the table's index, a column, else ``town``), or None."""
    if isinstance(zone, pd.Series):
        if not zone.index.equals(enterprises.index):
            raise DataValidationError.of("evaluation.zone_mismatch")
        return zone.array
    if isinstance(zone, str):
        if zone not in enterprises.columns:
            raise DataValidationError.of("evaluation.lacks_zone_column", zone=zone)
        return enterprises[zone].array
    return enterprises["town"].array if "town" in enterprises.columns else None


def _benchmarks(
    keys: list[str],
    ratios: pd.DataFrame,
    amounts: pd.DataFrame,
    scored: np.ndarray,
    groups: dict[str, np.ndarray],
    config: EvaluationConfig,
) -> pd.DataFrame:
    """Each indicator's benchmark per size group: fixed, else the multiple of the (group's) mean."""
    benchmarks = pd.DataFrame(np.nan, index=pd.Index(SIZE_GROUPS, name=SIZE_COL), columns=keys)
    for key in keys:
        values = ratios[key].to_numpy()
        if key in config.benchmark_fixed:
            benchmarks[key] = config.benchmark_fixed[key]
        elif config.benchmark_within == "all":
            mean = _indicator_mean(key, values, amounts, scored, config.benchmark_mean)
            benchmarks[key] = mean * config.benchmark_multiple
        else:
            for g, in_group in groups.items():
                mean = _indicator_mean(key, values, amounts, scored & in_group, config.benchmark_mean)
                benchmarks.loc[g, key] = mean * config.benchmark_multiple
        for g, fixed in config.benchmark_fixed_by_size.items():
            if key in fixed:
                benchmarks.loc[g, key] = fixed[key]
    return benchmarks


def _weights(
    benchmarks: pd.DataFrame, scored: np.ndarray, groups: dict[str, np.ndarray], config: EvaluationConfig
) -> tuple[pd.DataFrame, tuple[Dropped, ...]]:
    """Effective weights per size group (indicators without a usable benchmark dropped, the others
    scaled up to the configured total), and what was dropped where it matters (a group scored)."""
    weights = pd.DataFrame(0.0, index=benchmarks.index, columns=benchmarks.columns)
    dropped_in: list[Dropped] = []
    for g in SIZE_GROUPS:
        configured = config.weights_for(g)
        total = sum(configured.values())
        usable = {
            k: w
            for k, w in configured.items()
            if w > 0 and math.isfinite(benchmarks.loc[g, k]) and benchmarks.loc[g, k] > 0
        }
        dropped = [k for k, w in configured.items() if w > 0 and k not in usable]
        in_scope = (config.score_above_scale if g == SIZE_ABOVE else config.score_below_scale) and (
            scored & groups[g]
        ).any()
        if dropped and in_scope:
            dropped_in.append(Dropped(g, tuple(dropped), np.asarray(scored & groups[g]), total))
        usable_total = sum(usable.values())
        for k, w in usable.items():
            weights.loc[g, k] = w * total / usable_total
    return weights, tuple(dropped_in)


def _points(
    keys: list[str],
    ratios: pd.DataFrame,
    is_above: np.ndarray,
    bench_rows: np.ndarray,
    weight_rows: np.ndarray,
    config: EvaluationConfig,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Points per indicator (rows = enterprises) and each indicator's value / benchmark, clipped to
    the configured bounds (NaN where unknown); one column at a time, no n × k temporaries."""
    points = np.zeros((len(is_above), len(keys)))
    rel_cols: list[np.ndarray] = []
    for j, key in enumerate(keys):
        with np.errstate(all="ignore"):
            rel_j = ratios[key].to_numpy() / np.where(is_above, bench_rows[0, j], bench_rows[1, j])
        rel_j[~np.isfinite(rel_j)] = np.nan
        if config.min_ratio is not None:
            np.fmax(rel_j, config.min_ratio, out=rel_j, where=np.isfinite(rel_j))
        if config.max_ratio is not None:
            np.fmin(rel_j, config.max_ratio, out=rel_j, where=np.isfinite(rel_j))
        w_j = np.where(is_above, weight_rows[0, j], weight_rows[1, j])
        np.multiply(rel_j, w_j, out=points[:, j], where=np.isfinite(rel_j))
        rel_cols.append(rel_j)
    return points, rel_cols


def _adjustments(
    flags: list[tuple[Adjustment, np.ndarray | None]], scored: np.ndarray, config: EvaluationConfig
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, np.ndarray]]]:
    """Bonus/penalty points per enterprise, the class forced on it (-1: none), and the items that
    took points off or forced a class, with whom they hit."""
    adjustment = np.zeros(len(scored))
    forced = np.full(len(scored), -1, dtype=np.int8)
    penalised: list[tuple[str, np.ndarray]] = []
    for adj, flag in flags:
        if flag is None:
            continue
        hit = flag & scored
        adjustment[hit] += adj.points
        if adj.force_class is not None:
            forced[hit] = CLASSES.index(adj.force_class)
        if adj.points < 0 or adj.force_class is not None:
            penalised.append((adj.name, hit))
    return adjustment, forced, penalised


def _ranks_and_classes(
    score: np.ndarray,
    scored: np.ndarray,
    groups: dict[str, np.ndarray],
    forced: np.ndarray,
    config: EvaluationConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rank (1 = best, ties share the better rank), group size, percentile from the top and class
    code (-1 for those not scored) within the ranking groups."""
    n = len(score)
    rank = np.zeros(n, dtype=np.int64)
    n_ranked = np.zeros(n, dtype=np.int64)
    rank_groups = groups.values() if config.rank_within == "size" else [np.ones(n, dtype=bool)]
    for in_group in rank_groups:
        members = np.flatnonzero(scored & in_group)
        if members.size == 0:
            continue
        rank[members] = pd.Series(score[members]).rank(method="min", ascending=False).to_numpy(dtype=np.int64)
        n_ranked[members] = members.size
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(scored, (rank - 0.5) / n_ranked * 100.0, np.nan)
    if config.class_method == "percentile":
        cls = _percentile_classes(pct, config.percentile_cutoffs)
    else:
        cls = _score_classes(score, config.score_cutoffs)
    cls = np.where(forced >= 0, forced, cls)
    cls = np.where(scored, cls, -1).astype(np.int8)
    return rank, n_ranked, pct, cls


def _frame(columns: dict[str, Any], enterprises: pd.DataFrame) -> pd.DataFrame:
    """The output columns as one frame on the table's index (a GeoDataFrame if the table is one)."""
    geometry_name = getattr(enterprises, "_geometry_column_name", None)
    if geometry_name is not None and geometry_name in enterprises.columns:
        columns["geometry"] = enterprises.geometry.array
        return gpd.GeoDataFrame(
            columns, index=enterprises.index, geometry="geometry", crs=enterprises.crs, copy=False
        )
    return pd.DataFrame(columns, index=enterprises.index, copy=False)

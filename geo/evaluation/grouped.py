"""The evaluation per group (分组评价) and with compounds' land shared: each configured group scored,
ranked and classed on its own, as its own list; tenants' land allocated first.

:func:`geo.evaluation.evaluate` hands a table here when its configuration has ``groups`` or the
table has a ``compound_id`` column. The land is shared (geo/evaluation/compounds.py); then each
scored group is evaluated as one table of its own — its weights, its benchmarks (its own members'
pooled mean × ``benchmark.multiple``, or fixed: the configuration's ``fixed``, then its size's
``fixed_by_size``, then the group's own), its class method and cut-offs — and the groups that are
only listed, and enterprises in no group, are class T with a status naming why. Without groups the
size split of the configuration applies unchanged (the same numbers as before), with the land shared.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from geo.catalogue import parse_yes_no
from geo.errors import DataValidationError
from geo.evaluation.compounds import COMPOUND_COL, ROLE_TENANT, allocate_land
from geo.evaluation.metrics import ID_COL, RATIOS, check_enterprises, numeric_amounts, ratios_from_amounts
from geo.evaluation.rules import (
    CLASS_COL,
    CLASS_LABELS,
    CLASSES,
    GROUP_COL,
    SIZE_ABOVE,
    SIZE_BELOW,
    SIZE_COL,
    SIZE_GROUPS,
    EvaluationConfig,
    default_config,
)
from geo.evaluation.scoring import EvaluationResult, evaluate_one_list, evaluation_year
from geo.messages import listed, message

NO_GROUP = "未分组"
STATUS_LISTED = "不参评：{group}（仅列入名单，不评分）"
STATUS_NO_GROUP = "不参评：不属于任何评价组"
STATUS_TENANT_HOST = "不参评：租户，用地全部计入房东「{host}」"


def _sizes(values: pd.Series) -> np.ndarray:
    """规上 (True) / 规下 from the ``above_scale`` column, as the evaluation reads it."""
    if values.dtype == bool:
        return values.to_numpy()
    if pd.api.types.is_numeric_dtype(values.dtype):
        return np.nan_to_num(values.to_numpy(dtype="float64"), nan=0.0) != 0
    flags = values.astype(object).map(parse_yes_no)
    bad = flags.map(lambda v: v is None).astype(bool)
    if bad.any():
        raise DataValidationError.of(
            "evaluation.not_yes_no",
            column="above_scale",
            values=listed(pd.unique(values[bad])[:5]),
        )
    return flags.map(lambda v: v is True).to_numpy(dtype=bool)


def group_members(
    table: pd.DataFrame, config: EvaluationConfig, *, tenant: np.ndarray | None = None
) -> np.ndarray:
    """Each row's group: its position in ``config.groups``, or -1 when in none.

    ``tenant`` marks the tenants (default: none); land is the table's ``land_mu`` (missing = 0).
    """
    n = len(table)
    is_above = _sizes(table["above_scale"])
    land = pd.to_numeric(table["land_mu"], errors="coerce").fillna(0.0).to_numpy(dtype="float64")
    tenant = np.zeros(n, dtype=bool) if tenant is None else tenant
    out = np.full(n, -1, dtype=np.int64)
    for gi, g in enumerate(config.groups):
        low, high = g.land_interval()
        mask = (land >= low) & (land < high)
        if g.size != "any":
            mask &= is_above if g.size == "above" else ~is_above
        if g.tenant is not None:
            mask &= tenant if g.tenant else ~tenant
        out[mask & (out < 0)] = gi
    return out


def _pooled_benchmarks(table: pd.DataFrame, scored: np.ndarray, config: EvaluationConfig) -> dict[str, float]:
    """``benchmark.within: all`` across groups: each weighted indicator's mean over the scored
    enterprises of every group (pooled Σ numerator / Σ denominator, or the simple mean) ×
    ``benchmark.multiple``, with the same arithmetic as the evaluation of one table. An indicator
    without data (or a zero denominator) is left out: the group's evaluation then drops it."""
    amounts = numeric_amounts(table)
    ratios = ratios_from_amounts(amounts)
    keys = {k for g in config.groups if g.scored for k, w in g.weights.items() if w > 0}
    out = {}
    for r in RATIOS:
        if r.key not in keys:
            continue
        values = ratios[r.key].to_numpy()
        ok = scored & np.isfinite(values)
        if not ok.any():
            continue
        if config.benchmark_mean == "simple":
            mean = float(values[ok].mean())
        else:
            den = amounts[r.denominator].to_numpy()[ok].sum()
            num = amounts[r.numerator].to_numpy()[ok].sum()
            mean = float(num / den * r.scale) if den > 0 else float("nan")
        if np.isfinite(mean) and mean > 0:
            out[r.key] = mean * config.benchmark_multiple
    return out


def _group_config(
    config: EvaluationConfig, gi: int, pooled: dict[str, float] | None = None
) -> EvaluationConfig:
    """The configuration one group is evaluated with, as one table of 规上 rows; ``pooled``: the
    benchmarks computed across groups (``benchmark.within: all``), under any fixed ones."""
    g = config.groups[gi]
    size = {"above": SIZE_ABOVE, "below": SIZE_BELOW}.get(g.size)
    fixed = {
        **(pooled or {}),
        **config.benchmark_fixed,
        **(config.benchmark_fixed_by_size.get(size, {}) if size else {}),
    }
    return replace(
        config,
        groups=(),
        score_above_scale=True,
        score_below_scale=True,
        below_scale_min_land_mu=0.0,
        weights_above_scale=dict(g.weights),
        weights_below_scale={},
        benchmark_within="all",
        benchmark_fixed={**fixed, **g.benchmark_fixed},
        benchmark_fixed_by_size={},
        rank_within="all",
        class_method=g.class_method or config.class_method,
        percentile_cutoffs=g.percentile_cutoffs or config.percentile_cutoffs,
        score_cutoffs=g.score_cutoffs or config.score_cutoffs,
    )


def _renamed_notes(notes: tuple[str, ...], prefix: str, name: str, *, colon: str = "：") -> list[str]:
    return [
        note.replace(prefix, f"{name}{colon}", 1) if note.startswith(prefix) else f"{name}{colon}{note}"
        for note in notes
    ]


def _categorical(values: pd.Series, categories: list) -> pd.Categorical:
    return pd.Categorical(values.astype(object).where(values.notna(), None), categories=categories)


def _evaluate_groups(
    table: pd.DataFrame,
    config: EvaluationConfig,
    *,
    tenant: np.ndarray,
    zone: pd.Series | str | None,
    id_col: str,
    year: int | None,
) -> EvaluationResult:
    if config.rank_within != "size":
        raise DataValidationError.of("evaluation.groups_rank_within")
    member = group_members(table, config, tenant=tenant)
    parts, positions, benches, weights, notes, notes_en = [], [], [], [], [], []
    names = [g.name for g in config.groups]
    listed = np.zeros(len(table), dtype=bool)
    subs = {}
    for gi, g in enumerate(config.groups):
        rows = np.flatnonzero(member == gi)
        if rows.size == 0 or not g.scored:
            listed[rows] = True
            continue
        sub = table.iloc[rows].copy()
        sub["above_scale"] = True  # one table, one ranking: the group's
        subs[gi] = (rows, sub, zone.iloc[rows] if isinstance(zone, pd.Series) else zone)
    pooled = None
    if config.benchmark_within == "all" and subs:
        # One benchmark for the whole area (as without groups): who is scored comes from a first
        # evaluation of each group (exclusions, land), the means from all of them together.
        scored = np.zeros(len(table), dtype=bool)
        for gi, (rows, sub, sub_zone) in subs.items():
            first = evaluate_one_list(
                sub, config=_group_config(config, gi), zone=sub_zone, id_col=id_col, year=year
            )
            scored[rows] = first.enterprises["scored"].to_numpy(dtype=bool)
        pooled = _pooled_benchmarks(table, scored, config)
    for gi, (rows, sub, sub_zone) in subs.items():
        g = config.groups[gi]
        group_config = _group_config(config, gi, pooled)
        result = evaluate_one_list(sub, config=group_config, zone=sub_zone, id_col=id_col, year=year)
        parts.append(result.enterprises)
        positions.append(rows)
        benches.append(result.benchmarks.loc[[SIZE_ABOVE]].rename(index={SIZE_ABOVE: g.name}))
        weights.append(result.weights.loc[[SIZE_ABOVE]].rename(index={SIZE_ABOVE: g.name}))
        notes += _renamed_notes(result.notes, f"{SIZE_ABOVE}企业：", g.name)
        above_en = f"Enterprises {message('evaluation.size.above', 'en')}: "  # evaluation.note_dropped
        notes_en += _renamed_notes(result.notes_en, above_en, g.name_en, colon=": ")
    rest = np.flatnonzero(listed | (member < 0))
    if rest.size:
        off = replace(config, groups=(), score_above_scale=False, score_below_scale=False)
        sub_zone = zone.iloc[rest] if isinstance(zone, pd.Series) else zone
        result = evaluate_one_list(table.iloc[rest], config=off, zone=sub_zone, id_col=id_col, year=year)
        part = result.enterprises.copy()
        part["status"] = [
            STATUS_LISTED.format(group=names[m]) if m >= 0 else STATUS_NO_GROUP for m in member[rest]
        ]
        parts.append(part)
        positions.append(rest)
    order = np.argsort(np.concatenate(positions), kind="stable")
    out = pd.concat(parts).iloc[order]
    out.index = table.index
    out[SIZE_COL] = pd.Categorical(
        np.where(_sizes(table["above_scale"]), SIZE_ABOVE, SIZE_BELOW), categories=list(SIZE_GROUPS)
    )
    out[GROUP_COL] = pd.Categorical(
        [names[m] if m >= 0 else NO_GROUP for m in member], categories=[*names, NO_GROUP]
    )
    out["scored"] = out["scored"].astype(bool)
    out["rank"] = out["rank"].astype("Int64")
    out["n_ranked"] = out["n_ranked"].fillna(0).astype("int64")
    out[CLASS_COL] = _categorical(out[CLASS_COL], list(CLASSES))
    out["eval_class_label"] = _categorical(out["eval_class_label"], [CLASS_LABELS[c] for c in CLASSES])
    for col in ("reasons", "status"):
        out[col] = out[col].astype(object).fillna("").astype("category")
    return EvaluationResult(
        enterprises=out,
        benchmarks=pd.concat(benches).rename_axis(GROUP_COL) if benches else pd.DataFrame(),
        weights=pd.concat(weights).fillna(0.0).rename_axis(GROUP_COL) if weights else pd.DataFrame(),
        notes=tuple(notes),
        config=config,
        notes_en=tuple(notes_en),
        year=year,
    )


def group_counts(evaluated: pd.DataFrame) -> pd.DataFrame:
    """Per group (rows, in the configuration's order): enterprises, scored, and each class A–D
    (``n_A`` …) and T (``n_T``). A result without ``eval_group`` counts by ``size_class``."""
    group = evaluated[GROUP_COL if GROUP_COL in evaluated.columns else SIZE_COL]
    cls = evaluated[CLASS_COL].astype(object).where(evaluated["scored"].to_numpy(dtype=bool), "T")
    names = list(group.cat.categories) if isinstance(group.dtype, pd.CategoricalDtype) else sorted(set(group))
    table = pd.crosstab(group.astype(object), cls).reindex(index=names, columns=[*CLASSES, "T"], fill_value=0)
    out = pd.DataFrame(
        {
            "n_enterprises": table.sum(axis=1),
            "n_scored": table[list(CLASSES)].sum(axis=1),
            **{f"n_{c}": table[c] for c in (*CLASSES, "T")},
        }
    )
    out.index.name = GROUP_COL
    return out[out["n_enterprises"] > 0]


def evaluate_grouped(
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig,
    zone: pd.Series | str | None = None,
    id_col: str = "ent_id",
    year: int | None = None,
) -> EvaluationResult:
    """Evaluate with the configuration's groups and the table's compounds (see the module).

    Returns the same :class:`~geo.evaluation.EvaluationResult` as ``evaluate``; its rows also
    carry ``eval_group`` (the group's name) and, with compounds, the land allocation
    (``compound_id``, ``land_role``, ``land_host_id``, ``land_host_name``, ``land_rule``,
    ``land_share``, ``compound_land_mu``, ``land_reported_mu``); ``land_mu`` is then the
    allocated land every 亩均 figure uses. ``benchmarks`` and ``weights`` have one row per
    scored group (named) when there are groups.

    Raises
    ------
    DataValidationError
        As ``evaluate``, and for compounds that cannot be shared (see
        :func:`geo.evaluation.compounds.allocate_land`).
    """
    check_enterprises(enterprises, id_col=id_col)
    year = evaluation_year(enterprises, year)
    if "above_scale" not in enterprises.columns:
        raise DataValidationError.of("evaluation.no_size_column")
    allocation = None
    table = enterprises
    tenant = np.zeros(len(enterprises), dtype=bool)
    if COMPOUND_COL in enterprises.columns:
        table, allocation = allocate_land(enterprises, sharing=config.land_sharing, id_col=id_col)
        table = table.drop(columns=[COMPOUND_COL])
        tenant = (allocation["land_role"] == ROLE_TENANT).to_numpy()
    if config.groups:
        result = _evaluate_groups(table, config, tenant=tenant, zone=zone, id_col=id_col, year=year)
    else:
        result = evaluate_one_list(table, config=config, zone=zone, id_col=id_col, year=year)
    if allocation is None:
        return result
    out = result.enterprises.copy()
    for col in allocation.columns:
        out[col] = allocation[col].to_numpy()
    if config.land_sharing.rule == "host":
        hosted = tenant & ~out["scored"].to_numpy(dtype=bool)
        if hosted.any():
            status = np.array(out["status"].astype(object), dtype=object)
            status[hosted] = [STATUS_TENANT_HOST.format(host=h) for h in allocation["land_host_name"][hosted]]
            out["status"] = pd.Categorical(status)
    return replace(result, enterprises=out)


def evaluate(
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig | None = None,
    zone: pd.Series | str | None = None,
    id_col: str = ID_COL,
    year: int | None = None,
) -> EvaluationResult:
    """Score, rank and class every enterprise (资源集约利用综合评价): one list
    (:func:`geo.evaluation.scoring.evaluate_one_list`, whose docstring says how), or one list per
    configured group with land shared on compounds (:func:`evaluate_grouped`) when the
    configuration has ``groups`` or the table a compound column.

    Raises
    ------
    DataValidationError
        For an empty table, missing ``ent_id``/``above_scale``, duplicated ids or bad values, and
        a configuration whose groups do not fit the table.
    """
    config = config if config is not None else default_config()
    if config.groups or COMPOUND_COL in enterprises.columns:  # lists per group, compounds' land shared
        return evaluate_grouped(enterprises, config=config, zone=zone, id_col=id_col, year=year)
    return evaluate_one_list(enterprises, config=config, zone=zone, id_col=id_col, year=year)


__all__ = [
    "evaluate",
    "GROUP_COL",
    "NO_GROUP",
    "STATUS_LISTED",
    "STATUS_NO_GROUP",
    "STATUS_TENANT_HOST",
    "evaluate_grouped",
    "group_counts",
    "group_members",
]

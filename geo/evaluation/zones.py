"""Zones scored (区镇/园区亩均效益评价): each 区镇 or park's pooled 亩均 indicators, score, rank among the
zones, class, year-on-year change, the class mix of its enterprises and the land of its D-class firms.

The rules are the ``zones:`` section of ``geo/evaluation/evaluation.yaml`` (indicators, weights,
benchmark, cut-offs and their sources); a user file or a mapping laid out the same way overrides
them key by key. ``score = Σ clip(value / benchmark) × weight`` over the zone's pooled figures
(Σ numerator / Σ denominator over its enterprises that have both), the benchmark being
``multiple`` × the same pooled figure of all zones together unless fixed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from geo.access import suppress_small_groups
from geo.config_yaml import config_number, layered, read_config_yaml
from geo.errors import DataValidationError
from geo.evaluation.metrics import RATIOS_BY_KEY, ZONE_COL, numeric_amounts, ratio_label
from geo.evaluation.rules import CLASS_COL, CLASSES, DEFAULT_CONFIG_PATH, T_CLASS, YEAR_COL
from geo.evaluation.scoring import classes_with_t
from geo.messages import joined, listed, message, mid_sentence
from geo.messages.evaluation_words import ZONE_COLUMNS

ZONE_CLASS_COL = "zone_class"
TOTAL_COLUMNS = ("land_mu", "tax_wan_yuan", "sales_wan_yuan", "value_added_wan_yuan")
ALWAYS_SHOWN = ("tax_per_mu_wan_yuan", "sales_per_mu_wan_yuan")
CHANGE_COLUMNS = ("score_prev", "score_change", "rank_prev", "rank_change", "class_prev", "class_steps")


@dataclass(frozen=True)
class ZoneRules:
    """How zones are scored; see ``zones:`` in ``geo/evaluation/evaluation.yaml`` for each field."""

    weights: Mapping[str, float] = field(default_factory=dict)
    pool: Literal["scored", "all"] = "scored"
    benchmark_multiple: float = 2.0
    benchmark_fixed: Mapping[str, float] = field(default_factory=dict)
    min_ratio: float | None = 0.0
    max_ratio: float | None = 1.0
    class_method: Literal["percentile", "score"] = "percentile"
    percentile_cutoffs: Mapping[str, float] = field(default_factory=lambda: {"A": 20, "B": 60, "C": 95})
    score_cutoffs: Mapping[str, float] = field(default_factory=lambda: {"A": 80, "B": 50, "C": 25})


@dataclass(frozen=True)
class ZoneScores:
    """Output of :func:`score_zones`.

    Attributes
    ----------
    table
        One row per zone (index ``zone``, zone order): counts, pooled totals and indicators,
        points per indicator (``pts_<indicator>``), ``score``, ``rank`` (1 = best), ``n_ranked``,
        ``rank_pct_from_top``, ``zone_class`` (A–D; empty for a zone with no enterprise to pool),
        the class mix ``n_A`` … ``n_D``, ``n_T`` and ``d_land_mu`` / ``d_land_share_pct``.
    benchmarks
        The benchmark of each weighted indicator.
    weights
        The weights used (indicators without data left out, the others scaled up).
    notes, notes_en
        Remarks (indicators left out, zones missing data), in Chinese and English.
    """

    table: pd.DataFrame
    benchmarks: pd.Series
    weights: pd.Series
    rules: ZoneRules
    notes: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()
    year: int | None = None


def _bad(key: str, /, **params) -> DataValidationError:
    """The error of catalogue entry ``key`` (``evaluation.zone_config.*``,
    geo/messages/evaluation_config.py)."""
    return DataValidationError.of(key, **params)


def _number(value, where: str, *, allow_none: bool = False) -> float | None:
    def not_a_number(_message: str) -> DataValidationError:
        return _bad("evaluation.zone_config.not_a_number", where=where, value=repr(value))

    return config_number(value, where, error=not_a_number, allow_none=allow_none)


def _rules_from(section: Mapping) -> ZoneRules:
    if not isinstance(section, Mapping):
        raise _bad("evaluation.zone_config.not_mapping")
    unknown = set(section) - {"pool", "weights", "benchmark", "classes"}
    if unknown:
        raise _bad(
            "evaluation.zone_config.unknown_keys",
            keys=listed(f"zones.{k}" for k in sorted(map(str, unknown))),
        )
    weights = section.get("weights") or {}
    bench = section.get("benchmark") or {}
    classes = section.get("classes") or {}
    if not isinstance(weights, Mapping) or not isinstance(bench, Mapping) or not isinstance(classes, Mapping):
        raise _bad("evaluation.zone_config.sections_not_mapping")
    rules = ZoneRules(
        weights={str(k): _number(v, f"zones.weights.{k}") for k, v in weights.items()},
        pool=section.get("pool", "scored"),
        benchmark_multiple=_number(bench.get("multiple", 2.0), "zones.benchmark.multiple"),
        benchmark_fixed={
            str(k): _number(v, f"zones.benchmark.fixed.{k}") for k, v in (bench.get("fixed") or {}).items()
        },
        min_ratio=_number(bench.get("min_ratio", 0.0), "zones.benchmark.min_ratio", allow_none=True),
        max_ratio=_number(bench.get("max_ratio", 1.0), "zones.benchmark.max_ratio", allow_none=True),
        class_method=classes.get("method", "percentile"),
        percentile_cutoffs={
            str(k): _number(v, f"zones.classes.percentile.{k}")
            for k, v in (classes.get("percentile") or {"A": 20, "B": 60, "C": 95}).items()
        },
        score_cutoffs={
            str(k): _number(v, f"zones.classes.score.{k}")
            for k, v in (classes.get("score") or {"A": 80, "B": 50, "C": 25}).items()
        },
    )
    _check_rules(rules)
    return rules


def _check_rules(rules: ZoneRules) -> None:
    for key, value in {**rules.weights, **rules.benchmark_fixed}.items():
        if key not in RATIOS_BY_KEY:
            raise _bad("evaluation.zone_config.unknown_indicator", key=key, indicators=listed(RATIOS_BY_KEY))
        if value < 0:
            raise _bad("evaluation.zone_config.negative", key=key, value=value)
    if sum(rules.weights.values()) <= 0:
        raise _bad("evaluation.zone_config.weights_sum")
    if any(v <= 0 for v in rules.benchmark_fixed.values()):
        raise _bad("evaluation.zone_config.fixed_not_positive")
    if rules.benchmark_multiple <= 0:
        raise _bad("evaluation.zone_config.multiple_not_positive")
    for choice, allowed, where in (
        (rules.pool, ("scored", "all"), "zones.pool"),
        (rules.class_method, ("percentile", "score"), "zones.classes.method"),
    ):
        if choice not in allowed:
            raise _bad(
                "evaluation.zone_config.bad_choice",
                where=where,
                allowed=" / ".join(allowed),
                value=repr(choice),
            )
    pct, sc = rules.percentile_cutoffs, rules.score_cutoffs
    if set(pct) != {"A", "B", "C"} or not 0 <= pct["A"] <= pct["B"] <= pct["C"] <= 100:
        raise _bad("evaluation.zone_config.percentile_classes")
    if set(sc) != {"A", "B", "C"} or not sc["A"] >= sc["B"] >= sc["C"]:
        raise _bad("evaluation.zone_config.score_classes")
    if rules.min_ratio is not None and rules.max_ratio is not None and rules.min_ratio > rules.max_ratio:
        raise _bad("evaluation.zone_config.min_ratio_above_max")


def zone_rules(raw: Mapping | None = None) -> ZoneRules:
    """The zone rules of a configuration mapping (laid out like the YAML file; its ``zones:``
    section, if any, over the defaults of ``geo/evaluation/evaluation.yaml``; ``weights`` given
    replace the default weights whole).

    Raises
    ------
    DataValidationError
        For an unknown indicator or key, a negative weight, cut-offs out of order and the like.
    """
    base = read_config_yaml(DEFAULT_CONFIG_PATH, "评价配置文件").get("zones") or {}
    given = (raw or {}).get("zones") or {}
    if not isinstance(given, Mapping):
        raise _bad("evaluation.zone_config.not_mapping")
    merged = layered(base, given)
    if "weights" in given:
        if not isinstance(given["weights"] or {}, Mapping):
            raise _bad("evaluation.zone_config.sections_not_mapping")
        merged["weights"] = dict(given["weights"] or {})
    return _rules_from(merged)


def load_zone_rules(path: Path | str | None = None) -> ZoneRules:
    """The zone rules of a YAML configuration file (its ``zones:`` over the defaults)."""
    return zone_rules(read_config_yaml(Path(path), "评价配置文件") if path is not None else None)


# --------------------------------------------------------------------------- scoring


def _zone_keys(zone: pd.Series) -> list:
    if isinstance(zone.dtype, pd.CategoricalDtype):
        return list(zone.cat.categories)
    return list(pd.unique(zone.dropna()))


def score_zones(
    evaluated: pd.DataFrame,
    *,
    enterprises: pd.DataFrame | None = None,
    rules: ZoneRules | None = None,
    year: int | None = None,
) -> ZoneScores:
    """Score, rank and class every zone of an evaluated table (``EvaluationResult.enterprises``).

    Parameters
    ----------
    evaluated
        The evaluation's per-enterprise frame: ``zone``, ``scored``, ``eval_class``, ``land_mu``.
    enterprises
        The table that was evaluated (same index): its amounts (value added, energy, employees,
        R&D, …) feed the pooled indicators; without it only the evaluated frame's land, tax and
        sales are known and the other indicators are left out.
    rules
        Default: the ``zones:`` section of ``geo/evaluation/evaluation.yaml``.
    year
        The year (default the frame's ``year`` column when it holds one value).

    A total is NaN where every pooled value is missing (as the zone metrics; an empty zone's is 0
    when some enterprise reports the measure).
    A pooled indicator with a zero or missing denominator is NaN (无法计算) and scores 0; a zone
    with no enterprise to pool is not scored (no rank, no class). Ranks: 1 = best score, ties
    share the better rank; the percentile position is (rank − 0.5) / n × 100.

    Raises
    ------
    DataValidationError
        When a column is missing, the table has no zone, or ``enterprises`` is not on the same index.
    """
    rules = rules if rules is not None else zone_rules()
    missing = [c for c in (ZONE_COL, "scored", CLASS_COL, "land_mu") if c not in evaluated.columns]
    if missing:
        raise DataValidationError.of("evaluation.zones_missing_columns", columns=listed(missing))
    if enterprises is not None and not enterprises.index.equals(evaluated.index):
        raise DataValidationError.of("evaluation.zones_table_mismatch")
    keys = _zone_keys(evaluated[ZONE_COL])
    if not keys:
        raise DataValidationError.of("evaluation.zones_none")
    if year is None and YEAR_COL in evaluated.columns and evaluated[YEAR_COL].nunique() == 1:
        year = int(evaluated[YEAR_COL].iloc[0])

    source = enterprises if enterprises is not None else evaluated
    amounts = numeric_amounts(source)
    zone = pd.Categorical(evaluated[ZONE_COL].astype(object), categories=keys)
    k = len(keys)
    codes = np.asarray(zone.codes, dtype=np.int64)
    members = (
        np.asarray(evaluated["scored"], dtype=bool) if rules.pool == "scored" else np.ones(len(codes), bool)
    )
    members = members & (codes >= 0)
    group = np.where(members, codes, k)  # rows not pooled go to an extra bin, dropped

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=values, minlength=k + 1)[:k]

    index = pd.Index(keys, name=ZONE_COL)
    data: dict[str, object] = {}
    if year is not None:
        data[YEAR_COL] = np.full(k, year, dtype=np.int64)
    data["n_enterprises"] = np.bincount(np.where(codes >= 0, codes, k), minlength=k + 1)[:k]
    data["n_pooled"] = np.bincount(group, minlength=k + 1)[:k]
    for col in TOTAL_COLUMNS:  # as the zone metrics: every value missing gives NaN, an empty zone 0
        values = amounts[col].to_numpy()
        known = total(np.isfinite(values).astype(np.float64)) > 0
        sums = total(np.nan_to_num(values, nan=0.0))
        empty = (data["n_pooled"] == 0) & np.isfinite(values).any()  # 0 if the table has the measure
        data[col] = np.where(known | empty, sums, np.nan)
    area: dict[str, float] = {}
    for key in RATIOS_BY_KEY:
        if key not in ALWAYS_SHOWN and rules.weights.get(key, 0) <= 0:
            continue
        r = RATIOS_BY_KEY[key]
        num, den = amounts[r.numerator].to_numpy(), amounts[r.denominator].to_numpy()
        with np.errstate(invalid="ignore"):
            ok = members & np.isfinite(num) & np.isfinite(den) & (den > 0)
        num_sum, den_sum = total(np.where(ok, num, 0.0)), total(np.where(ok, den, 0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            data[key] = np.where(den_sum > 0, num_sum / np.where(den_sum > 0, den_sum, 1.0) * r.scale, np.nan)
        area[key] = num_sum.sum() / den_sum.sum() * r.scale if den_sum.sum() > 0 else math.nan

    notes, notes_en = [], []
    benchmarks, weights = _benchmarks_and_weights(rules, area, notes, notes_en)
    for key in [c for c in RATIOS_BY_KEY if c in data and c not in weights and c not in ALWAYS_SHOWN]:
        del data[key]  # weighted, but no data anywhere: left out (said in the notes)
    scored_zone = data["n_pooled"] > 0
    score = np.zeros(k)
    for key, w in weights.items():
        rel = data[key] / benchmarks[key]
        if rules.min_ratio is not None:
            rel = np.where(np.isfinite(rel), np.maximum(rel, rules.min_ratio), rel)
        if rules.max_ratio is not None:
            rel = np.where(np.isfinite(rel), np.minimum(rel, rules.max_ratio), rel)
        lacking = scored_zone & ~np.isfinite(rel)
        if lacking.any():
            names = [str(name) for name in index[lacking]]
            notes.append(f"区镇 {'、'.join(names)} 没有{ratio_label(key, with_unit=False)}数据，该项得 0 分")
            label_en = mid_sentence(RATIOS_BY_KEY[key].label_en)  # "R&D share", not "r&d share"
            notes_en.append(f"Zones {', '.join(names)} have no {label_en} data: 0 points")
        pts = np.nan_to_num(rel * w, nan=0.0)
        score += pts
        data[f"pts_{key}"] = np.where(scored_zone, pts, np.nan)
    score = np.where(scored_zone, score, np.nan)
    rank = pd.Series(score).rank(method="min", ascending=False).to_numpy()
    n_ranked = int(scored_zone.sum())
    pct = (rank - 0.5) / n_ranked * 100.0 if n_ranked else np.full(k, np.nan)
    data["score"] = score
    data["rank"] = pd.array(rank, dtype="Int64")
    data["n_ranked"] = np.full(k, n_ranked, dtype=np.int64)
    data["rank_pct_from_top"] = pct
    data[ZONE_CLASS_COL] = _classes(score, pct, rules)
    d_land = _mix(evaluated, codes, k, data)
    with np.errstate(invalid="ignore", divide="ignore"):
        land = data["land_mu"]
        data["d_land_share_pct"] = np.where(land > 0, d_land / np.where(land > 0, land, 1.0) * 100.0, np.nan)
    out = pd.DataFrame(data, index=index)
    return ZoneScores(
        table=out,
        benchmarks=pd.Series(benchmarks, dtype="float64"),
        weights=pd.Series(weights, dtype="float64"),
        rules=rules,
        notes=tuple(notes),
        notes_en=tuple(notes_en),
        year=year,
    )


def _benchmarks_and_weights(
    rules: ZoneRules, area: Mapping[str, float], notes: list[str], notes_en: list[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Each weighted indicator's benchmark (fixed, else multiple × the area's pooled figure) and
    the weights used: an indicator without a benchmark is left out, the others scaled up."""
    benchmarks = {}
    for key, w in rules.weights.items():
        if w <= 0:
            continue
        value = rules.benchmark_fixed.get(key, area.get(key, math.nan) * rules.benchmark_multiple)
        benchmarks[key] = value
    usable = {k: rules.weights[k] for k, b in benchmarks.items() if math.isfinite(b) and b > 0}
    dropped = [k for k in benchmarks if k not in usable]
    total = sum(rules.weights[k] for k in benchmarks)
    if not usable:
        raise DataValidationError.of("evaluation.zones_no_data")
    if dropped:
        labels = {
            lang: joined((ratio_label(k, with_unit=False, lang=lang) for k in dropped), lang)
            for lang in ("zh", "en")
        }
        notes.append(message("evaluation.zones_dropped", "zh", labels=labels, total=total))
        notes_en.append(message("evaluation.zones_dropped", "en", labels=labels, total=total))
    scale = total / sum(usable.values())
    return {k: benchmarks[k] for k in usable}, {k: w * scale for k, w in usable.items()}


def _classes(score: np.ndarray, pct: np.ndarray, rules: ZoneRules) -> pd.Categorical:
    if rules.class_method == "percentile":
        cut, value = rules.percentile_cutoffs, pct
        conditions = [value <= cut["A"], value <= cut["B"], value <= cut["C"]]
    else:
        cut, value = rules.score_cutoffs, score
        conditions = [value >= cut["A"], value >= cut["B"], value >= cut["C"]]
    codes = np.select(conditions, [0, 1, 2], 3)
    codes = np.where(np.isfinite(score), codes, -1).astype(np.int8)
    return pd.Categorical.from_codes(codes, categories=list(CLASSES))


def _mix(evaluated: pd.DataFrame, codes: np.ndarray, k: int, data: dict) -> np.ndarray:
    """Per zone (code 0..k-1): its enterprises per class A–D and T into ``data`` (``n_A`` …
    ``n_T``), and ``d_land_mu``, the land (亩) of its D-class enterprises (returned as well)."""
    cls = classes_with_t(evaluated)
    cls_codes = np.asarray(cls.cat.codes, dtype=np.int64)  # A..D, T = 0..4
    inside = codes >= 0
    n_classes = len(CLASSES) + 1
    counts = np.bincount(codes[inside] * n_classes + cls_codes[inside], minlength=k * n_classes)
    counts = counts.reshape(k, n_classes)
    for j, c in enumerate((*CLASSES, T_CLASS)):
        data[f"n_{c}"] = counts[:, j]
    land = np.nan_to_num(pd.to_numeric(evaluated["land_mu"]).to_numpy(dtype="float64"), nan=0.0)
    is_d = inside & (cls_codes == CLASSES.index("D"))
    data["d_land_mu"] = np.bincount(codes[is_d], weights=land[is_d], minlength=k)[:k]
    return data["d_land_mu"]


# --------------------------------------------------------------------------- year on year


def with_previous(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """``current`` (a :attr:`ZoneScores.table`) with last year's score, rank and class beside it.

    ``score_change`` = this year − last; ``rank_change`` = last rank − this rank (positive: moved
    up); ``class_steps`` = classes gained (A over C is +2; negative: dropped). Zones new this
    year, or not scored in one of the years, have blanks there.
    """
    for frame, which in ((current, "current"), (previous, "previous")):
        if ZONE_CLASS_COL not in frame.columns or "score" not in frame.columns:
            key = f"evaluation.zones_{which}_not_scored"  # …_current_… / evaluation.zones_previous_not_scored
            raise DataValidationError.of(key)
    prev = previous.reindex(current.index)
    out = current.copy()
    out["score_prev"] = prev["score"].astype("float64")
    out["score_change"] = out["score"] - out["score_prev"]
    out["rank_prev"] = prev["rank"].astype("Int64")
    out["rank_change"] = (out["rank_prev"] - out["rank"]).astype("Int64")
    out["class_prev"] = pd.Categorical(prev[ZONE_CLASS_COL].astype(object), categories=list(CLASSES))
    step = {c: i for i, c in enumerate(CLASSES)}
    before = out["class_prev"].astype(object).map(step)
    after = out[ZONE_CLASS_COL].astype(object).map(step)
    out["class_steps"] = (before - after).astype("Int64")
    return out


def zones_over_years(
    evaluated: pd.DataFrame,
    *,
    enterprises: pd.DataFrame | None = None,
    rules: ZoneRules | None = None,
    year: int | None = None,
    previous: pd.DataFrame | None = None,
    previous_enterprises: pd.DataFrame | None = None,
) -> ZoneScores:
    """:func:`score_zones` of this year, with last year's score, rank and class beside each zone
    (:func:`with_previous`) when ``previous`` (last year's evaluated frame, scored with the same
    zone rules) is given. Last year's published classes alone (no zones, no land) cannot be
    pooled: the table then has no comparison, and the notes say so."""
    rules = rules if rules is not None else zone_rules()
    now = score_zones(evaluated, enterprises=enterprises, rules=rules, year=year)
    if previous is None:
        return now
    try:
        before = score_zones(previous, enterprises=previous_enterprises, rules=rules)
    except DataValidationError:
        return replace(
            now,
            notes=(*now.notes, "上年结果没有区域、用地或税收等数据，区镇评价未做年度比较"),
            notes_en=(*now.notes_en, "Last year's results lack zones, land or amounts: no zone comparison"),
        )
    return replace(now, table=with_previous(now.table, before.table))


# --------------------------------------------------------------------------- who sees what


def zones_for_viewers(table: pd.DataFrame, *, min_firms: int) -> pd.DataFrame:
    """The zone table a viewer without enterprise rows (查看汇总) may see: the figures, score, rank
    and class of a zone pooling fewer than ``min_firms`` enterprises blanked (a total over one or
    two firms would show their own figures; geo/access.py); the counts stay."""
    out = suppress_small_groups(table, count="n_pooled", min_firms=min_firms)
    small = table["n_pooled"].to_numpy() < min_firms
    for col in (ZONE_CLASS_COL, "class_prev"):
        if col in out.columns:
            out[col] = out[col].astype(object).mask(small)
    return out


# --------------------------------------------------------------------------- labels and export


def zone_labels(lang: str = "zh") -> dict[str, str]:
    """Column headers with units for a zone score table, in Chinese or English."""
    labels = {column: message(f"evaluation.zone_col.{column}", lang) for column in ZONE_COLUMNS}
    for key in RATIOS_BY_KEY:
        labels[key] = ratio_label(key, lang=lang)
        labels[f"pts_{key}"] = message(
            "evaluation.points_of", lang, label=ratio_label(key, with_unit=False, lang=lang)
        )
    return labels


def rules_rows(scores: ZoneScores, lang: str = "zh") -> pd.DataFrame:
    """The rules a zone table was made with, one row each (for an export's parameter sheet)."""
    rules = scores.rules

    def word(key: str, **params) -> str:
        return message(f"evaluation.zone_rules.{key}", lang, **params)

    def name(key: str) -> str:
        return ratio_label(key, with_unit=False, lang=lang)

    cuts = rules.percentile_cutoffs if rules.class_method == "percentile" else rules.score_cutoffs
    rows = [
        (word("year"), word("year_unknown") if scores.year is None else str(scores.year)),
        (word("pool"), word("pool_scored" if rules.pool == "scored" else "pool_all")),
        (word("weights"), joined((f"{name(k)} {round(w, 2):g}" for k, w in scores.weights.items()), lang)),
        (word("benchmarks"), joined((f"{name(k)} {b:,.4g}" for k, b in scores.benchmarks.items()), lang)),
        (word("classes"), word(rules.class_method, a=cuts["A"], b=cuts["B"], c=cuts["C"])),
        (word("source"), word("source_text")),
        *((word("note"), n) for n in (scores.notes_en if lang == "en" else scores.notes)),
    ]
    return pd.DataFrame(rows, columns=[word("item"), word("value")])


def export_table(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The zone table for a CSV/XLSX: zones as a column, best rank first, headers in ``lang``; a
    column no zone fills (a measure no enterprise reports) left out, as in the run's other files."""
    out = table.reset_index().sort_values(["rank", ZONE_COL], na_position="last", kind="stable")
    if len(out):
        out = out.loc[:, out.notna().any().to_numpy()]
    for col in (ZONE_CLASS_COL, "class_prev"):
        if col in out.columns:
            out[col] = out[col].astype(object).where(out[col].notna(), "")
    return out.rename(columns=zone_labels(lang))

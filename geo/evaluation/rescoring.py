"""What-if re-scoring: the indicators of a table computed once, then only points, ranks and classes
again for each change of weights, benchmarks or class cut-offs.

:func:`geo.evaluation.evaluate` does everything for one configuration — who is scored, the
indicators, benchmarks, points, ranks, classes and the reasons text. When an official tries other
weights or cut-offs on the same data, most of that does not change. :class:`WhatIf` keeps what does
not (who is scored, each indicator per enterprise, the pooled sums the benchmarks are made of, the
bonus/penalty points) and :meth:`WhatIf.rescore` recomputes the rest: the same scores, ranks and
classes as a full :func:`~geo.evaluation.evaluate` with that configuration (a test checks it), in a
fraction of the time. A configuration that changes who is scored or the bonus/penalty items is
evaluated in full.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.catalogue import parse_yes_no
from geo.evaluation import (
    CLASSES,
    SIZE_ABOVE,
    SIZE_GROUPS,
    EvaluationConfig,
    EvaluationResult,
    default_config,
    evaluate,
)
from geo.evaluation.compounds import COMPOUND_COL
from geo.evaluation.metrics import RATIOS, RATIOS_BY_KEY, numeric_amounts, ratios_from_amounts

# Fields of the configuration a re-scoring may change; any other change means a full evaluation.
RESCORABLE = (
    "weights_above_scale",
    "weights_below_scale",
    "benchmark_multiple",
    "benchmark_mean",
    "benchmark_within",
    "benchmark_fixed",
    "benchmark_fixed_by_size",
    "missing_indicator",
    "min_ratio",
    "max_ratio",
    "class_method",
    "rank_within",
    "percentile_cutoffs",
    "score_cutoffs",
    "land_policy",
    "land_policy_en",
    "warning_rules",
    "surcharges",
    "max_reasons",
)
RELATIVES_KEPT = 8  # per size group and benchmarks: the clipped indicators kept (n x k floats each)


def _missing_items(points: np.ndarray, finite: np.ndarray, weights: np.ndarray, rule: str) -> None:
    """``config.missing_indicator`` on one size group's points (rows: its scored enterprises), in
    place, with the same arithmetic in the same order as :func:`geo.evaluation.evaluate`."""
    if rule == "zero":
        return
    gaps = np.zeros(points.shape[0], dtype=bool)
    known_weight = np.zeros(points.shape[0])
    for j in range(points.shape[1]):
        if weights[j] <= 0:
            continue
        gap = ~finite[:, j]
        gaps |= gap
        known_weight += np.where(finite[:, j], weights[j], 0.0)
        if rule == "mean" and gap.any():
            have = finite[:, j]
            points[gap, j] = points[have, j].mean() if have.any() else 0.0
    if rule == "drop" and gaps.any():
        rows = np.flatnonzero(gaps)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(known_weight[rows] > 0, weights.sum() / known_weight[rows], 0.0)
        points[rows] *= scale[:, None]


def _flags(values: pd.Series) -> np.ndarray:
    """A yes/no column as booleans (already validated by the full evaluation)."""
    if values.dtype == bool:
        return values.to_numpy()
    if pd.api.types.is_numeric_dtype(values.dtype):
        return np.nan_to_num(values.to_numpy(dtype="float64"), nan=0.0) != 0
    return values.astype(object).map(lambda v: parse_yes_no(v) is True).to_numpy(dtype=bool)


@dataclass(frozen=True)
class Rescored:
    """Scores, ranks and classes under one configuration (aligned on the table's rows).

    ``eval_class`` is A–D for scored enterprises and empty otherwise, as in
    :attr:`geo.evaluation.EvaluationResult.enterprises`.
    """

    score: np.ndarray
    rank: np.ndarray  # 0 where not scored
    n_ranked: np.ndarray
    rank_pct_from_top: np.ndarray
    eval_class: pd.Categorical
    benchmarks: pd.DataFrame
    weights: pd.DataFrame


class WhatIf:
    """One table's indicators, computed once, for re-scoring under other weights and cut-offs.

    Parameters
    ----------
    enterprises
        The table, as for :func:`geo.evaluation.evaluate`.
    config
        The rules it is first evaluated with (default ``geo/evaluation/evaluation.yaml``).
    zone, year
        As for :func:`~geo.evaluation.evaluate`.
    """

    def __init__(
        self,
        enterprises: pd.DataFrame,
        *,
        config: EvaluationConfig | None = None,
        zone: pd.Series | str | None = None,
        year: int | None = None,
    ) -> None:
        self.config = config if config is not None else default_config()
        self.result: EvaluationResult = evaluate(enterprises, config=self.config, zone=zone, year=year)
        self._table, self._zone, self._year = enterprises, zone, year
        out = self.result.enterprises
        self.scored = out["scored"].to_numpy(dtype=bool)
        self.is_above = (out["size_class"] == SIZE_ABOVE).to_numpy()
        amounts = numeric_amounts(enterprises)
        self._num = {r.key: amounts[r.numerator].to_numpy() for r in RATIOS}
        self._den = {r.key: amounts[r.denominator].to_numpy() for r in RATIOS}
        ratios = ratios_from_amounts(amounts)
        self.ratios = {r.key: ratios[r.key].to_numpy() for r in RATIOS}
        self.adjustment = np.zeros(len(out))
        self.forced = np.full(len(out), -1, dtype=np.int8)
        for adj in self.config.adjustments:
            if adj.column not in enterprises.columns:
                continue
            hit = _flags(enterprises[adj.column]) & self.scored
            self.adjustment[hit] += adj.points
            if adj.force_class is not None:
                self.forced[hit] = CLASSES.index(adj.force_class)
        self._means: dict[tuple[str, str, str], float] = {}
        self._relatives: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
        self._last_scores: tuple[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None
        # Per size group: the scored rows, their indicators (one column per ratio) and bonus points.
        self._column = {r.key: j for j, r in enumerate(RATIOS)}
        self._members = {
            g: np.flatnonzero(self.scored & (self.is_above if g == SIZE_ABOVE else ~self.is_above))
            for g in SIZE_GROUPS
        }
        self._matrix = {
            g: np.column_stack([self.ratios[r.key][idx] for r in RATIOS]) for g, idx in self._members.items()
        }
        self._adjustment = {g: self.adjustment[idx] for g, idx in self._members.items()}

    def _mean(self, key: str, group: str, how: str) -> float:
        """The scored enterprises' mean of an indicator in a group (``all``, 规上, 规下), cached."""
        cache = (key, group, how)
        if cache not in self._means:
            mask = self.scored
            if group != "all":
                mask = mask & (self.is_above if group == SIZE_ABOVE else ~self.is_above)
            values = self.ratios[key]
            ok = mask & np.isfinite(values)
            if not ok.any():
                mean = math.nan
            elif how == "simple":
                mean = float(values[ok].mean())
            else:
                den = self._den[key][ok].sum()
                num = self._num[key][ok].sum()
                mean = float(num / den * RATIOS_BY_KEY[key].scale) if den > 0 else math.nan
            self._means[cache] = mean
        return self._means[cache]

    def _relative(self, group: str, cols: tuple[int, ...], bench: np.ndarray, config: EvaluationConfig):
        """A size group's indicators over their benchmarks, clipped, and where that is finite:
        kept per benchmarks and clipping (they do not depend on the weights)."""
        cache = (group, cols, bench.tobytes(), config.min_ratio, config.max_ratio)
        if cache not in self._relatives:
            with np.errstate(all="ignore"):
                rel = self._matrix[group][:, list(cols)] / bench
            finite = np.isfinite(rel)
            rel[~finite] = np.nan
            if config.min_ratio is not None:
                np.fmax(rel, config.min_ratio, out=rel, where=finite)
            if config.max_ratio is not None:
                np.fmin(rel, config.max_ratio, out=rel, where=finite)
            if len(self._relatives) >= RELATIVES_KEPT:
                self._relatives.pop(next(iter(self._relatives)))
            self._relatives[cache] = (rel, finite)
        return self._relatives[cache]

    def _scores(self, config: EvaluationConfig, keys: list[str], bench: np.ndarray, weights: np.ndarray):
        """Scores, ranks and group sizes under the score's own settings (kept for the last
        settings: a change of cut-offs alone re-uses them)."""
        cache = (
            tuple(keys),
            bench.tobytes(),
            weights.tobytes(),
            config.min_ratio,
            config.max_ratio,
            config.missing_indicator,
            config.rank_within,
        )
        if self._last_scores is not None and self._last_scores[0] == cache:
            return self._last_scores[1]
        n = self.scored.size
        # Points and scores of the scored enterprises only, one size group at a time, all
        # indicators at once (the same element-wise arithmetic as evaluate, so the same floats).
        score = np.full(n, np.nan)
        cols = tuple(self._column[k] for k in keys)
        for gi, g in enumerate(SIZE_GROUPS):
            idx = self._members[g]
            if idx.size == 0:
                continue
            rel, finite = self._relative(g, cols, bench[gi], config)
            points = np.zeros(rel.shape)
            np.multiply(rel, weights[gi], out=points, where=finite)
            _missing_items(points, finite, weights[gi], config.missing_indicator)
            score[idx] = points.sum(axis=1) + self._adjustment[g]
        rank = np.zeros(n, dtype=np.int64)
        n_ranked = np.zeros(n, dtype=np.int64)
        if config.rank_within == "size":
            groups = [self._members[g] for g in SIZE_GROUPS]
        else:
            groups = [np.flatnonzero(self.scored)]
        for members in groups:
            if members.size == 0:
                continue
            # Rank "min", best first: ties share the better rank.
            order = np.argsort(-score[members])  # ties end up adjacent whatever their order
            ordered = score[members][order]
            starts = np.empty(ordered.size, dtype=bool)
            starts[0] = True
            np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
            positions = np.where(starts, np.arange(1, ordered.size + 1), 0)
            rank[members[order]] = np.maximum.accumulate(positions)
            n_ranked[members] = members.size
        for kept in (score, rank, n_ranked):
            kept.flags.writeable = False  # kept for the next call: read-only
        self._last_scores = (cache, (score, rank, n_ranked))
        return score, rank, n_ranked

    def rescore(self, config: EvaluationConfig) -> Rescored:
        """Scores, ranks and classes under ``config`` (the same as a full evaluation with it)."""
        if (
            config.groups  # each group is a table of its own, its land maybe shared: evaluated in full
            or COMPOUND_COL in self._table.columns
            or any(
                getattr(config, f) != getattr(self.config, f)
                for f in EvaluationConfig.__dataclass_fields__
                if f not in RESCORABLE
            )
        ):
            full = evaluate(self._table, config=config, zone=self._zone, year=self._year).enterprises
            return Rescored(
                full["score"].to_numpy(),
                full["rank"].fillna(0).to_numpy(dtype=np.int64),
                full["n_ranked"].to_numpy(),
                full["rank_pct_from_top"].to_numpy(),
                full["eval_class"].array,
                pd.DataFrame(),
                pd.DataFrame(),
            )
        n = self.scored.size
        keys = [r.key for r in RATIOS if any(config.weights_for(g).get(r.key, 0) > 0 for g in SIZE_GROUPS)]
        bench = np.full((2, len(keys)), np.nan)
        for j, key in enumerate(keys):
            if key in config.benchmark_fixed:
                bench[:, j] = config.benchmark_fixed[key]
            elif config.benchmark_within == "all":
                bench[:, j] = self._mean(key, "all", config.benchmark_mean) * config.benchmark_multiple
            else:
                for gi, g in enumerate(SIZE_GROUPS):
                    bench[gi, j] = self._mean(key, g, config.benchmark_mean) * config.benchmark_multiple
            for gi, g in enumerate(SIZE_GROUPS):
                fixed = config.benchmark_fixed_by_size.get(g, {})
                if key in fixed:
                    bench[gi, j] = fixed[key]
        weights = np.zeros((2, len(keys)))
        for gi, g in enumerate(SIZE_GROUPS):
            configured = config.weights_for(g)
            total = sum(configured.values())
            usable = {
                k: w
                for k, w in configured.items()
                if w > 0
                and k in keys
                and math.isfinite(bench[gi, keys.index(k)])
                and bench[gi, keys.index(k)] > 0
            }
            usable_total = sum(usable.values())
            for k, w in usable.items():
                weights[gi, keys.index(k)] = w * total / usable_total
        score, rank, n_ranked = self._scores(config, keys, bench, weights)
        with np.errstate(invalid="ignore", divide="ignore"):
            pct = np.where(self.scored, (rank - 0.5) / n_ranked * 100.0, np.nan)
        cls = np.full(n, -1, dtype=np.int8)
        on = self.scored
        if config.class_method == "percentile":
            cut, value = config.percentile_cutoffs, pct[on]
            if cut["A"] <= cut["B"] <= cut["C"]:  # the class is the number of cut-offs passed
                cls_on = (value > cut["A"]).astype(np.int8) + (value > cut["B"]) + (value > cut["C"])
            else:
                cls_on = np.select([value <= cut["A"], value <= cut["B"], value <= cut["C"]], [0, 1, 2], 3)
        else:
            cut, value = config.score_cutoffs, score[on]
            if cut["A"] >= cut["B"] >= cut["C"]:
                cls_on = 3 - ((value >= cut["C"]).astype(np.int8) + (value >= cut["B"]) + (value >= cut["A"]))
            else:
                cls_on = np.select([value >= cut["A"], value >= cut["B"], value >= cut["C"]], [0, 1, 2], 3)
        forced = self.forced[on]
        cls[on] = np.where(forced >= 0, forced, cls_on)
        index = pd.Index(SIZE_GROUPS)
        return Rescored(
            score=score,
            rank=rank,
            n_ranked=n_ranked,
            rank_pct_from_top=pct,
            eval_class=pd.Categorical.from_codes(cls, categories=list(CLASSES)),
            benchmarks=pd.DataFrame(bench, index=index, columns=keys),
            weights=pd.DataFrame(weights, index=index, columns=keys),
        )


__all__ = ["RESCORABLE", "Rescored", "WhatIf"]

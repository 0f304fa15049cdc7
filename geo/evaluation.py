"""资源集约利用综合评价 ("亩均论英雄"): per-enterprise score, rank, class A/B/C/D and reasons.

score = Σ (indicator / benchmark) × weight ± bonus/penalty items; classes by percentile rank or
by score; rankings by industry, by 区镇/park and by size; the low-efficiency (D-class) land list.
Weights, benchmarks, cut-offs and the minimum land are configuration (``geo/evaluation.yaml``,
defaults and their sources from docs/domain.md §4), never constants in code.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import yaml

from geo.catalogue import ENTERPRISE_BY_KEY, parse_yes_no
from geo.errors import DataValidationError
from geo.metrics import (
    ID_COL,
    PARALLEL_MIN_ROWS,
    RATIOS,
    RATIOS_BY_KEY,
    THREADS,
    ZONE_COL,
    check_enterprises,
    numeric_amounts,
    ratio_label,
    ratios_from_amounts,
)

DEFAULT_CONFIG_PATH = Path(__file__).with_name("evaluation.yaml")

CLASSES: tuple[str, ...] = ("A", "B", "C", "D")
CLASS_LABELS: dict[str, str] = {"A": "优先发展", "B": "鼓励提升", "C": "调整转型", "D": "整治淘汰"}
T_CLASS = "T"  # 不参评: what the rules exclude (below the land minimum, utilities, new, no land)
CLASSES_T: tuple[str, ...] = (*CLASSES, T_CLASS)
CLASS_LABELS_T: dict[str, str] = {**CLASS_LABELS, T_CLASS: "不参评"}
SIZE_ABOVE = "规上"
SIZE_BELOW = "规下"
SIZE_GROUPS: tuple[str, ...] = (SIZE_ABOVE, SIZE_BELOW)
SIZE_COL = "size_class"
CLASS_COL = "eval_class"

STATUS_SCORED = "参评"
STATUS_NO_LAND = "无法计算：用地面积为零或缺失"
STATUS_SMALL = "不参评：规下且用地不足 {min_land} 亩"
STATUS_SIZE_OFF = "不参评：{size}企业不在评价范围"
STATUS_EXCLUDED_INDUSTRY = "不参评：行业不在评价范围（公用事业等，exclusions.industries）"
STATUS_NEW = "不参评：投产不满 {years} 年"
YEAR_COL = "year"


# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class Adjustment:
    """A bonus/penalty item: ``points`` for enterprises whose ``column`` is true, optional class."""

    name: str
    column: str
    points: float = 0.0
    force_class: str | None = None


WARNING_RULES: tuple[str, ...] = ("class_drop", "falling", "bottom_pct")


@dataclass(frozen=True)
class WarningRule:
    """An early-warning rule (预警) of the yearly comparison; see ``warnings`` in the YAML."""

    rule: str
    name: str
    name_en: str = ""
    min_steps: int | None = None
    indicator: str | None = None
    years: int | None = None
    min_drop_pct: float | None = None
    pct: float | None = None


@dataclass(frozen=True)
class Surcharge:
    """A class-dependent price item (差别化价格): 元 per ``base_unit`` of ``column`` by class.

    ``rates`` maps a class to a rate, or to ``{year: rate}`` where each rate holds from that
    year on (before the first year: nothing charged).
    """

    key: str
    name: str
    column: str
    base_unit: str
    rates: Mapping[str, float | Mapping[int, float]] = field(default_factory=dict)
    name_en: str = ""
    source: str = ""

    def rate(self, cls: str, year: int | None) -> float:
        """元 per base unit that class ``cls`` pays in ``year`` (0.0 when it pays nothing)."""
        given = self.rates.get(cls)
        if given is None:
            return 0.0
        if not isinstance(given, Mapping):
            return float(given)
        if year is None:
            raise DataValidationError(
                f"「{self.name}」的费率按年份给出，需要评价年份",
                hint="请在企业表中提供 year 字段，或在评价时指定年份",
            )
        past = [y for y in given if y <= year]
        return float(given[max(past)]) if past else 0.0


def _rates_out(rates: Mapping) -> dict:
    return {c: (dict(r) if isinstance(r, Mapping) else r) for c, r in rates.items()}


@dataclass(frozen=True)
class EvaluationConfig:
    """The evaluation rules; see ``geo/evaluation.yaml`` for each field's meaning and source."""

    score_above_scale: bool = True
    score_below_scale: bool = True
    below_scale_min_land_mu: float = 3.0
    weights_above_scale: Mapping[str, float] = field(default_factory=dict)
    weights_below_scale: Mapping[str, float] = field(default_factory=dict)
    benchmark_multiple: float = 2.0
    benchmark_mean: Literal["pooled", "simple"] = "pooled"
    benchmark_within: Literal["all", "size"] = "all"
    benchmark_fixed: Mapping[str, float] = field(default_factory=dict)
    min_ratio: float | None = 0.0
    max_ratio: float | None = None
    missing_indicator: Literal["zero"] = "zero"
    class_method: Literal["percentile", "score"] = "percentile"
    rank_within: Literal["all", "size"] = "size"
    percentile_cutoffs: Mapping[str, float] = field(default_factory=lambda: {"A": 20, "B": 60, "C": 95})
    score_cutoffs: Mapping[str, float] = field(default_factory=lambda: {"A": 80, "B": 50, "C": 25})
    adjustments: tuple[Adjustment, ...] = ()
    max_reasons: int = 3
    exclusion_industries: tuple[str, ...] = ()
    min_years_in_production: float = 0.0
    start_year_column: str = "start_year"
    warning_rules: tuple[WarningRule, ...] = ()
    surcharges: tuple[Surcharge, ...] = ()
    land_policy: Mapping[str, str] = field(default_factory=dict)
    land_policy_en: Mapping[str, str] = field(default_factory=dict)

    def weight_totals(self) -> dict[str, float]:
        """Sum of the configured weights per size group (规上, 规下); the rules expect 100."""
        return {g: float(sum(self.weights_for(g).values())) for g in SIZE_GROUPS}

    def weights_for(self, size: str) -> dict[str, float]:
        """The configured weights of a size group (``规上`` or ``规下``)."""
        return dict(self.weights_above_scale if size == SIZE_ABOVE else self.weights_below_scale)

    def to_dict(self) -> dict[str, Any]:
        """The configuration in the YAML file's layout."""
        return {
            "version": 1,
            "scope": {
                "above_scale": self.score_above_scale,
                "below_scale": self.score_below_scale,
                "below_scale_min_land_mu": self.below_scale_min_land_mu,
            },
            "weights": {
                "above_scale": dict(self.weights_above_scale),
                "below_scale": dict(self.weights_below_scale),
            },
            "benchmark": {
                "multiple": self.benchmark_multiple,
                "mean": self.benchmark_mean,
                "within": self.benchmark_within,
                "fixed": dict(self.benchmark_fixed),
                "min_ratio": self.min_ratio,
                "max_ratio": self.max_ratio,
            },
            "missing_indicator": self.missing_indicator,
            "classes": {
                "method": self.class_method,
                "rank_within": self.rank_within,
                "percentile": dict(self.percentile_cutoffs),
                "score": dict(self.score_cutoffs),
            },
            "adjustments": [{k: v for k, v in vars(a).items() if v is not None} for a in self.adjustments],
            "reasons": {"max_items": self.max_reasons},
            "exclusions": {
                "industries": list(self.exclusion_industries),
                "min_years_in_production": self.min_years_in_production,
                "start_year_column": self.start_year_column,
            },
            "warnings": [{k: v for k, v in vars(w).items() if v is not None} for w in self.warning_rules],
            "policies": {
                "surcharges": [
                    {**{k: v for k, v in vars(c).items() if k != "rates"}, "rates": _rates_out(c.rates)}
                    for c in self.surcharges
                ],
                "land": dict(self.land_policy),
                "land_en": dict(self.land_policy_en),
            },
        }


def _bad(message: str) -> DataValidationError:
    return DataValidationError(f"评价配置有误：{message}", hint="请对照 geo/evaluation.yaml 中的说明修改配置")


def _number(value: Any, where: str, *, allow_none: bool = False) -> float | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(f"「{where}」应为数字，却是 {value!r}")
    return float(value)


def _merge(base: dict, over: Mapping) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping) and key not in ("weights",):
            out[key] = _merge(base[key], value)
        elif key == "weights" and isinstance(value, Mapping):
            # A group given in the user file replaces the default group entirely.
            out[key] = {**base.get(key, {}), **value}
        else:
            out[key] = value
    return out


def _config_from_dict(raw: Mapping) -> EvaluationConfig:
    if not isinstance(raw, Mapping):
        raise _bad("文件内容应为键值结构（YAML 映射）")
    known = {
        "version",
        "scope",
        "weights",
        "benchmark",
        "missing_indicator",
        "classes",
        "adjustments",
        "reasons",
        "exclusions",
        "warnings",
        "policies",
    }
    unknown = set(raw) - known
    if unknown:
        raise _bad(f"未知的配置项 {'、'.join(sorted(map(str, unknown)))}")
    scope = raw.get("scope", {}) or {}
    weights = raw.get("weights", {}) or {}
    bench = raw.get("benchmark", {}) or {}
    classes = raw.get("classes", {}) or {}
    adjustments = []
    for i, item in enumerate(raw.get("adjustments", []) or []):
        if not isinstance(item, Mapping) or "name" not in item or "column" not in item:
            raise _bad(f"加减分项第 {i + 1} 项应包含 name 和 column")
        adjustments.append(
            Adjustment(
                name=str(item["name"]),
                column=str(item["column"]),
                points=_number(item.get("points", 0), f"adjustments.{item['name']}.points"),
                force_class=item.get("force_class"),
            )
        )

    def _weights(group: str) -> dict[str, float]:
        given = weights.get(group, {}) or {}
        if not isinstance(given, Mapping):
            raise _bad(f"weights.{group} 应为「指标: 权重」映射")
        return {str(k): _number(v, f"weights.{group}.{k}") for k, v in given.items()}

    exclusions = raw.get("exclusions", {}) or {}
    if not isinstance(exclusions, Mapping):
        raise _bad("exclusions 应为键值结构")
    industries = exclusions.get("industries", []) or []
    if isinstance(industries, str) or not isinstance(industries, Sequence):
        raise _bad("exclusions.industries 应为行业名称列表")
    policies = raw.get("policies", {}) or {}
    if not isinstance(policies, Mapping):
        raise _bad("policies 应为键值结构")

    config = EvaluationConfig(
        exclusion_industries=tuple(str(i) for i in industries),
        min_years_in_production=_number(
            exclusions.get("min_years_in_production", 0), "exclusions.min_years_in_production"
        ),
        start_year_column=str(exclusions.get("start_year_column", "start_year")),
        warning_rules=_warning_rules(raw.get("warnings", []) or []),
        surcharges=_surcharges(policies.get("surcharges", []) or []),
        land_policy={str(k): str(v) for k, v in (policies.get("land", {}) or {}).items()},
        land_policy_en={str(k): str(v) for k, v in (policies.get("land_en", {}) or {}).items()},
        score_above_scale=bool(scope.get("above_scale", True)),
        score_below_scale=bool(scope.get("below_scale", True)),
        below_scale_min_land_mu=_number(
            scope.get("below_scale_min_land_mu", 3), "scope.below_scale_min_land_mu"
        ),
        weights_above_scale=_weights("above_scale"),
        weights_below_scale=_weights("below_scale"),
        benchmark_multiple=_number(bench.get("multiple", 2.0), "benchmark.multiple"),
        benchmark_mean=bench.get("mean", "pooled"),
        benchmark_within=bench.get("within", "all"),
        benchmark_fixed={
            str(k): _number(v, f"benchmark.fixed.{k}") for k, v in (bench.get("fixed", {}) or {}).items()
        },
        min_ratio=_number(bench.get("min_ratio", 0.0), "benchmark.min_ratio", allow_none=True),
        max_ratio=_number(bench.get("max_ratio"), "benchmark.max_ratio", allow_none=True),
        missing_indicator=raw.get("missing_indicator", "zero"),
        class_method=classes.get("method", "percentile"),
        rank_within=classes.get("rank_within", "size"),
        percentile_cutoffs={
            str(k): _number(v, f"classes.percentile.{k}")
            for k, v in (classes.get("percentile", {}) or {}).items()
        },
        score_cutoffs={
            str(k): _number(v, f"classes.score.{k}") for k, v in (classes.get("score", {}) or {}).items()
        },
        adjustments=tuple(adjustments),
        max_reasons=int(_number((raw.get("reasons", {}) or {}).get("max_items", 3), "reasons.max_items")),
    )
    _check_config(config)
    return config


def _warning_rules(items: Any) -> tuple[WarningRule, ...]:
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise _bad("warnings 应为预警规则列表")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or item.get("rule") not in WARNING_RULES or "name" not in item:
            raise _bad(f"预警规则第 {i + 1} 项应包含 name 和 rule（{' / '.join(WARNING_RULES)}）")
        unknown = set(item) - {
            "rule",
            "name",
            "name_en",
            "min_steps",
            "indicator",
            "years",
            "min_drop_pct",
            "pct",
        }
        if unknown:
            raise _bad(f"预警规则「{item['name']}」有未知的键 {'、'.join(sorted(map(str, unknown)))}")
        where = f"warnings.{item['name']}"
        rule = WarningRule(
            rule=item["rule"],
            name=str(item["name"]),
            name_en=str(item.get("name_en", "") or ""),
            min_steps=int(_number(item.get("min_steps", 1), f"{where}.min_steps"))
            if item["rule"] == "class_drop"
            else None,
            indicator=str(item.get("indicator", "tax_per_mu_wan_yuan"))
            if item["rule"] == "falling"
            else None,
            years=int(_number(item.get("years", 2), f"{where}.years")) if item["rule"] == "falling" else None,
            min_drop_pct=_number(item.get("min_drop_pct", 0), f"{where}.min_drop_pct")
            if item["rule"] == "falling"
            else None,
            pct=_number(item.get("pct", 10), f"{where}.pct") if item["rule"] == "bottom_pct" else None,
        )
        if rule.indicator is not None and rule.indicator not in RATIOS_BY_KEY:
            raise _bad(
                f"{where}.indicator 未知指标「{rule.indicator}」；可用指标：{'、'.join(RATIOS_BY_KEY)}"
            )
        if rule.min_steps is not None and not 1 <= rule.min_steps <= 3:
            raise _bad(f"{where}.min_steps 应为 1–3")
        if rule.years is not None and rule.years < 1:
            raise _bad(f"{where}.years 应至少为 1")
        if rule.pct is not None and not 0 < rule.pct <= 100:
            raise _bad(f"{where}.pct 应在 0–100 之间")
        out.append(rule)
    return tuple(out)


def _surcharges(items: Any) -> tuple[Surcharge, ...]:
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise _bad("policies.surcharges 应为收费项目列表")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or not {"key", "name", "column", "base_unit"} <= set(item):
            raise _bad(f"policies.surcharges 第 {i + 1} 项应包含 key、name、column、base_unit")
        where = f"policies.surcharges.{item['key']}"
        rates: dict[str, float | dict[int, float]] = {}
        for cls, rate in (item.get("rates", {}) or {}).items():
            if str(cls) not in CLASSES_T:
                raise _bad(f"{where}.rates 的类别「{cls}」应为 A/B/C/D/T 之一")
            if isinstance(rate, Mapping):
                by_year = {}
                for year, value in rate.items():
                    if isinstance(year, bool) or not isinstance(year, int):
                        raise _bad(f"{where}.rates.{cls} 的键应为年份（整数），却是 {year!r}")
                    by_year[year] = _number(value, f"{where}.rates.{cls}.{year}")
                rates[str(cls)] = by_year
            else:
                rates[str(cls)] = _number(rate, f"{where}.rates.{cls}")
        out.append(
            Surcharge(
                key=str(item["key"]),
                name=str(item["name"]),
                column=str(item["column"]),
                base_unit=str(item["base_unit"]),
                rates=rates,
                name_en=str(item.get("name_en", "") or ""),
                source=str(item.get("source", "") or ""),
            )
        )
    return tuple(out)


def _check_config(config: EvaluationConfig) -> None:
    for group, weights in (
        ("above_scale", config.weights_above_scale),
        ("below_scale", config.weights_below_scale),
    ):
        for key, value in weights.items():
            if key not in RATIOS_BY_KEY:
                raise _bad(f"weights.{group} 中的未知指标「{key}」；可用指标：{'、'.join(RATIOS_BY_KEY)}")
            if not math.isfinite(value) or value < 0:
                raise _bad(f"weights.{group}.{key} 应为不小于 0 的数，却是 {value}")
    if config.score_above_scale and sum(config.weights_above_scale.values()) <= 0:
        raise _bad("规上企业的权重之和应大于 0")
    if config.score_below_scale and sum(config.weights_below_scale.values()) <= 0:
        raise _bad("规下企业的权重之和应大于 0")
    if config.below_scale_min_land_mu < 0:
        raise _bad("scope.below_scale_min_land_mu 不能为负数")
    if config.benchmark_multiple <= 0:
        raise _bad("benchmark.multiple 应大于 0")
    for choice, allowed, where in (
        (config.benchmark_mean, ("pooled", "simple"), "benchmark.mean"),
        (config.benchmark_within, ("all", "size"), "benchmark.within"),
        (config.missing_indicator, ("zero",), "missing_indicator"),
        (config.class_method, ("percentile", "score"), "classes.method"),
        (config.rank_within, ("all", "size"), "classes.rank_within"),
    ):
        if choice not in allowed:
            raise _bad(f"「{where}」应为 {' / '.join(allowed)} 之一，却是 {choice!r}")
    for key, value in config.benchmark_fixed.items():
        if key not in RATIOS_BY_KEY:
            raise _bad(f"benchmark.fixed 中的未知指标「{key}」")
        if value <= 0:
            raise _bad(f"benchmark.fixed.{key} 应大于 0")
    if config.min_ratio is not None and config.max_ratio is not None and config.min_ratio > config.max_ratio:
        raise _bad("benchmark.min_ratio 不能大于 max_ratio")
    pct = config.percentile_cutoffs
    if set(pct) != {"A", "B", "C"}:
        raise _bad("classes.percentile 应给出 A、B、C 三档的上限（%），D 为其余")
    if not 0 <= pct["A"] <= pct["B"] <= pct["C"] <= 100:
        raise _bad(
            f"classes.percentile 应满足 0 ≤ A ≤ B ≤ C ≤ 100，却是 A={pct['A']}、B={pct['B']}、C={pct['C']}"
        )
    sc = config.score_cutoffs
    if set(sc) != {"A", "B", "C"}:
        raise _bad("classes.score 应给出 A、B、C 三档的最低分，D 为其余")
    if not sc["A"] >= sc["B"] >= sc["C"]:
        raise _bad(f"classes.score 应满足 A ≥ B ≥ C，却是 A={sc['A']}、B={sc['B']}、C={sc['C']}")
    for adj in config.adjustments:
        if adj.force_class is not None and adj.force_class not in CLASSES:
            raise _bad(f"加减分项「{adj.name}」的 force_class 应为 A/B/C/D 之一")
    if config.max_reasons < 0:
        raise _bad("reasons.max_items 不能为负数")
    if config.min_years_in_production < 0:
        raise _bad("exclusions.min_years_in_production 不能为负数")


def _read_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise DataValidationError(f"找不到评价配置文件 {path}", hint="请检查路径") from exc
    except yaml.YAMLError as exc:
        raise DataValidationError(f"评价配置文件 {path.name} 不是合法的 YAML：{exc}") from exc
    return raw or {}


def default_config() -> EvaluationConfig:
    """The documented defaults of ``geo/evaluation.yaml``."""
    return _config_from_dict(_read_yaml(DEFAULT_CONFIG_PATH))


def load_config(path: Path | str | None = None) -> EvaluationConfig:
    """Read a YAML configuration; keys it leaves out keep the defaults of ``geo/evaluation.yaml``.

    Raises
    ------
    DataValidationError
        When the file is missing, not YAML, or holds an unknown indicator, a negative weight,
        cut-offs out of order, and the like.
    """
    base = _read_yaml(DEFAULT_CONFIG_PATH)
    if path is None:
        return _config_from_dict(base)
    return _config_from_dict(_merge(base, _read_yaml(Path(path))))


def config_from_mapping(raw: Mapping) -> EvaluationConfig:
    """A configuration from a mapping laid out like the YAML file, over the defaults."""
    return _config_from_dict(_merge(_read_yaml(DEFAULT_CONFIG_PATH), raw))


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
        raise DataValidationError(
            f"字段「{where}」无法识别为是/否：{'、'.join(map(str, pd.unique(values[bad])[:5]))}",
            hint="请填写 是/否、1/0 或 true/false（规上/规下 也可以）",
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
        raise DataValidationError("企业表的年份字段「year」有空值或非数字", hint="请填写四位数年份，如 2022")
    uniq = sorted(set(years.astype("int64").tolist()))
    if len(uniq) > 1:
        raise DataValidationError(
            f"企业表含多个年份（{'、'.join(map(str, uniq))}），一次只评价一年",
            hint="请指定评价年份（命令行 --year，页面上的年份选择）",
        )
    return uniq[0] if uniq else None


def _exclusions(
    enterprises: pd.DataFrame,
    config: EvaluationConfig,
    year: int | None,
    notes: list[str],
    notes_en: list[str],
) -> tuple[np.ndarray, np.ndarray, int | None]:
    """Masks of the enterprises excluded by industry and by years in production (T class)."""
    n = len(enterprises)
    excluded = np.zeros(n, dtype=bool)
    if config.exclusion_industries and "industry" in enterprises.columns:
        excluded = enterprises["industry"].astype(object).isin(config.exclusion_industries).to_numpy()
    too_new = np.zeros(n, dtype=bool)
    year = evaluation_year(enterprises, year)
    col = config.start_year_column
    if config.min_years_in_production > 0 and col in enterprises.columns:
        if year is None:
            notes.append(f"企业表有投产年份「{col}」但未给出评价年份：未应用“投产不满年限不参评”规则")
            notes_en.append(
                f"The table has '{col}' but no evaluation year: the years-in-production rule was not applied"
            )
        else:
            start = pd.to_numeric(enterprises[col], errors="coerce").to_numpy(dtype="float64")
            with np.errstate(invalid="ignore"):
                too_new = np.isfinite(start) & (year - start < config.min_years_in_production)
    return excluded, too_new, year


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


def _percentile_classes(pct: np.ndarray, cut: Mapping[str, float]) -> np.ndarray:
    """Class codes 0..3 (A..D) from percentile positions (% from the top)."""
    return np.select([pct <= cut["A"], pct <= cut["B"], pct <= cut["C"]], [0, 1, 2], 3).astype(np.int8)


def _score_classes(score: np.ndarray, cut: Mapping[str, float]) -> np.ndarray:
    """Class codes 0..3 (A..D) from score cut-offs."""
    return np.select([score >= cut["A"], score >= cut["B"], score >= cut["C"]], [0, 1, 2], 3).astype(np.int8)


def _reason_texts(
    losses: np.ndarray, missing: np.ndarray, keys: Sequence[str], max_items: int
) -> pd.Categorical:
    """Reasons per row: names of the indicators with the largest positive loss, largest first.

    Rows are encoded as integers (one digit per named indicator, missing data a separate digit)
    and each distinct code is turned into text once.
    """
    n, k = losses.shape
    if n == 0 or k == 0 or max_items == 0:
        return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[""])
    order = np.argsort(-losses, axis=1, kind="stable")[:, :max_items]
    picked_loss = np.take_along_axis(losses, order, axis=1)
    picked_missing = np.take_along_axis(missing, order, axis=1)
    digit = np.where(picked_loss > 0, order + 1 + np.where(picked_missing, k, 0), 0).astype(np.int64)
    base = 2 * k + 1
    codes = np.zeros(n, dtype=np.int64)
    for j in range(digit.shape[1]):
        codes = codes * base + digit[:, j]
    inverse, uniq = pd.factorize(codes)
    texts = []
    for code in uniq.tolist():
        parts = []
        for _ in range(digit.shape[1]):
            code, d = divmod(code, base)
            if d:
                idx = (d - 1) % k
                label = RATIOS_BY_KEY[keys[idx]].label_zh
                parts.append(f"{label}（缺数据）" if d > k else label)
        texts.append("、".join(reversed(parts)))
    return pd.Categorical.from_codes(inverse, categories=texts)


def evaluate(
    enterprises: pd.DataFrame,
    *,
    config: EvaluationConfig | None = None,
    zone: pd.Series | str | None = None,
    id_col: str = ID_COL,
    year: int | None = None,
) -> EvaluationResult:
    """Score, rank and class every enterprise (资源集约利用综合评价).

    Who is scored: 规上 enterprises with land, and 规下 enterprises on at least
    ``below_scale_min_land_mu`` 亩 (config ``scope``). Enterprises with zero or missing land
    cannot be scored on per-mu indicators: they stay in the output with status
    "无法计算：用地面积为零或缺失", NaN score and no class.

    Each indicator's benchmark is ``benchmark_multiple`` × the area's mean over the scored
    enterprises (pooled Σ numerator / Σ denominator by default), unless fixed in the config.
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
        columns of ``geo.metrics.AMOUNT_COLUMNS``; it is not modified.
    config
        Evaluation rules; default ``geo/evaluation.yaml``.
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
    if "above_scale" not in enterprises.columns:
        raise DataValidationError(
            "企业表缺少规模字段「above_scale」（是否规上）",
            hint="请增加一列 above_scale，规上企业填 是/1/true，规下填 否/0/false",
        )
    n = len(enterprises)
    is_above = _truthy(enterprises["above_scale"], where="above_scale")
    amounts = numeric_amounts(enterprises)
    ratios = ratios_from_amounts(amounts)
    land = amounts["land_mu"].to_numpy()
    notes: list[str] = []
    notes_en: list[str] = []
    excluded_industry, too_new, year = _exclusions(enterprises, config, year, notes, notes_en)
    scored, status = _status(is_above, land, config, excluded_industry=excluded_industry, too_new=too_new)

    # Effective weights: drop indicators with no data at all.
    groups = {SIZE_ABOVE: is_above, SIZE_BELOW: ~is_above}
    keys = [r.key for r in RATIOS if any(config.weights_for(g).get(r.key, 0) > 0 for g in SIZE_GROUPS)]
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
    weights = pd.DataFrame(0.0, index=benchmarks.index, columns=keys)
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
            notes.append(
                f"{g}企业：指标 {'、'.join(ratio_label(k, with_unit=False) for k in dropped)} 无数据或基准无法计算，"
                f"已从评分中去掉，其余权重按比例放大到合计 {total:g}"
            )
            size_en = "Above-scale" if g == SIZE_ABOVE else "Below-scale"
            notes_en.append(
                f"{size_en} enterprises: {', '.join(RATIOS_BY_KEY[k].label_en for k in dropped)} has no data or "
                f"no usable benchmark and was left out; the other weights were scaled up to {total:g}"
            )
        usable_total = sum(usable.values())
        for k, w in usable.items():
            weights.loc[g, k] = w * total / usable_total

    # Points per indicator, one column at a time (no n × k temporaries).
    group_of = np.where(is_above, 0, 1)
    k = len(keys)
    bench_rows = benchmarks.to_numpy()
    weight_rows = weights.to_numpy()
    points = np.zeros((n, k))
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

    # Bonus / penalty items.
    adjustment = np.zeros(n)
    forced = np.full(n, -1, dtype=np.int8)
    penalised: list[tuple[str, np.ndarray]] = []
    for adj in config.adjustments:
        if adj.column not in enterprises.columns:
            notes.append(f"加减分项「{adj.name}」：表中没有字段「{adj.column}」，未应用")
            notes_en.append(
                f"Bonus/penalty item '{adj.name}': the table has no column '{adj.column}'; not applied"
            )
            continue
        hit = _truthy(enterprises[adj.column], where=adj.column) & scored
        adjustment[hit] += adj.points
        if adj.force_class is not None:
            forced[hit] = CLASSES.index(adj.force_class)
        if adj.points < 0 or adj.force_class is not None:
            penalised.append((adj.name, hit))

    score = np.where(scored, points.sum(axis=1) + adjustment, np.nan)

    # Ranks and classes within the ranking groups.
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

    # Reasons: indicators below the size group's median ratio, largest loss first.
    loss = np.zeros((n, k))
    missing = np.zeros((n, k), dtype=bool)
    members_of = [scored & in_group for in_group in groups.values()]
    for j, rel_j in enumerate(rel_cols):
        w_j = np.where(is_above, weight_rows[0, j], weight_rows[1, j])
        med = np.full(2, np.nan)
        for gi, members in enumerate(members_of):
            block = rel_j[members]
            if np.isfinite(block).any():
                med[gi] = np.nanmedian(block)
        med_j = np.where(is_above, med[0], med[1])
        known = np.isfinite(rel_j)
        use = scored & (w_j > 0)
        missing[:, j] = use & ~known
        # A missing value loses what the median enterprise earns on that indicator.
        with np.errstate(invalid="ignore"):
            loss[:, j] = np.where(known, w_j * (med_j - rel_j), w_j * np.nan_to_num(med_j, nan=1.0))
        loss[~use, j] = 0.0
    np.nan_to_num(loss, copy=False, nan=0.0)
    reasons = _reason_texts(loss, missing, keys, config.max_reasons)
    if penalised:
        text = pd.Series(reasons.astype(object))
        for name, hit in penalised:
            sel = np.flatnonzero(hit)
            before = text.iloc[sel]
            sep = np.where(before == "", "", np.where(before.str.contains("扣分项："), "、", "；"))
            prefix = np.where(before.str.contains("扣分项："), "", "扣分项：")
            text.iloc[sel] = before + sep + prefix + name
        reasons = pd.Categorical(text.to_numpy())

    # Assemble (one frame build, no per-column copies).
    columns: dict[str, Any] = {id_col: enterprises[id_col].array}
    if year is not None:
        columns[YEAR_COL] = np.full(n, year, dtype=np.int64)
    for col in ("name", "industry", "town"):
        if col in enterprises.columns:
            columns[col] = enterprises[col].array
    if isinstance(zone, pd.Series):
        if not zone.index.equals(enterprises.index):
            raise DataValidationError("区域归属与企业表不对应", hint="请用同一张企业表重新计算归属")
        columns[ZONE_COL] = zone.array
    elif isinstance(zone, str):
        if zone not in enterprises.columns:
            raise DataValidationError(f"企业表缺少区域字段「{zone}」")
        columns[ZONE_COL] = enterprises[zone].array
    elif "town" in enterprises.columns:
        columns[ZONE_COL] = enterprises["town"].array
    columns[SIZE_COL] = pd.Categorical.from_codes(group_of.astype(np.int8), categories=list(SIZE_GROUPS))
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
    geometry_name = getattr(enterprises, "_geometry_column_name", None)
    if geometry_name is not None and geometry_name in enterprises.columns:
        import geopandas as gpd

        columns["geometry"] = enterprises.geometry.array
        out = gpd.GeoDataFrame(
            columns, index=enterprises.index, geometry="geometry", crs=enterprises.crs, copy=False
        )
    else:
        out = pd.DataFrame(columns, index=enterprises.index, copy=False)
    return EvaluationResult(
        enterprises=out,
        benchmarks=benchmarks,
        weights=weights,
        notes=tuple(notes),
        config=config,
        notes_en=tuple(notes_en),
        year=year,
    )


# --------------------------------------------------------------------------- rankings and lists


def _check_by(frame: pd.DataFrame, by: Sequence[str]) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    missing = [col for col in by if col not in frame.columns]
    if missing:
        raise DataValidationError(f"无法按 {'、'.join(missing)} 排名：评价结果中没有该字段")
    return by


def rank_by(evaluated: pd.DataFrame, by: Sequence[str] | str = ()) -> pd.DataFrame:
    """Scored enterprises ranked within each combination of ``by`` (e.g. industry, zone, size).

    ``by`` combines freely: ``["zone", "industry", "size_class"]`` ranks within each 区镇 ×
    industry × size; ``[]`` ranks all together. Adds ``group_rank`` (1 = best score, ties share
    the better rank) and ``group_size``; returns a new frame sorted by group then rank.
    """
    by = _check_by(evaluated, by)
    scored = evaluated[evaluated["scored"]].copy()
    if by:
        grouped = scored.groupby(by, observed=True, sort=False, dropna=False)["score"]
        scored["group_rank"] = grouped.rank(method="min", ascending=False).astype("int64")
        scored["group_size"] = grouped.transform("size").astype("int64")
    else:
        scored["group_rank"] = scored["score"].rank(method="min", ascending=False).astype("int64")
        scored["group_size"] = len(scored)
    return scored.sort_values([*by, "group_rank"], kind="stable")


def ranking_summary(evaluated: pd.DataFrame, by: Sequence[str] | str) -> pd.DataFrame:
    """Per group of ``by``: enterprises, scored, count per class, mean score, land, tax and the
    pooled 亩均税收 of its scored enterprises (NaN, 无法计算, when they hold no land);
    sorted by 亩均税收, best first."""
    by = _check_by(evaluated, by)
    frame = evaluated.assign(
        _scored_land=np.where(evaluated["scored"], evaluated["land_mu"], 0.0),
        _scored_tax=np.where(evaluated["scored"], evaluated["tax_wan_yuan"].fillna(0.0), 0.0),
    )
    grouped = frame.groupby(by, observed=True, sort=False)
    out = pd.DataFrame(
        {
            "n_enterprises": grouped.size(),
            "n_scored": grouped["scored"].sum().astype("int64"),
            "mean_score": grouped["score"].mean(),
            "land_mu": grouped["land_mu"].sum(min_count=1),
            "tax_wan_yuan": grouped["tax_wan_yuan"].sum(min_count=1),
        }
    )
    mix = class_mix(evaluated, by=by)
    for c in CLASSES:
        out[f"n_{c}"] = mix[c].reindex(out.index, fill_value=0).astype("int64")
    land = grouped["_scored_land"].sum()
    tax = grouped["_scored_tax"].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        out["tax_per_mu_wan_yuan"] = np.where(land > 0, tax / land.where(land > 0), np.nan)
    return out.sort_values("tax_per_mu_wan_yuan", ascending=False, na_position="last")


def class_mix(evaluated: pd.DataFrame, *, by: Sequence[str] | str = ZONE_COL) -> pd.DataFrame:
    """Count of scored enterprises in each class (columns A–D) per group of ``by``."""
    by = _check_by(evaluated, by)
    scored = evaluated[evaluated["scored"]]
    counts = scored.groupby([*by, CLASS_COL], observed=False, sort=True).size().unstack(CLASS_COL)
    counts = counts.reindex(columns=list(CLASSES), fill_value=0).fillna(0).astype("int64")
    counts.columns = pd.Index(list(CLASSES), name=CLASS_COL)
    if len(by) == 1:
        present = pd.unique(scored[by[0]])
        counts = counts.loc[counts.index.isin(present)]
    return counts


def low_efficiency_land(evaluated: pd.DataFrame) -> pd.DataFrame:
    """D-class (整治淘汰 / 限制发展) enterprises holding land, largest land first: the
    candidates for low-efficiency land renewal (低效用地再开发)."""
    keep = evaluated[(evaluated[CLASS_COL] == "D") & (evaluated["land_mu"] > 0)]
    return keep.sort_values(["land_mu", "score"], ascending=[False, True], kind="stable")


def land_renewal_by_zone(evaluated: pd.DataFrame, *, by: str = ZONE_COL) -> pd.DataFrame:
    """Per 区镇 (``by``): D-class enterprises, the land renewal could free (亩), their tax and the
    share of the zone's scored land; zones without D-class land show 0."""
    by = _check_by(evaluated, [by])[0]
    scored = evaluated[evaluated["scored"]]
    d = scored[scored[CLASS_COL] == "D"]
    zones = pd.Index(pd.unique(scored[by].dropna()), name=by)
    out = pd.DataFrame(index=zones)
    out["n_d_class"] = d.groupby(by).size().reindex(zones, fill_value=0).astype("int64")
    out["d_land_mu"] = d.groupby(by)["land_mu"].sum().reindex(zones, fill_value=0.0)
    out["d_tax_wan_yuan"] = d.groupby(by)["tax_wan_yuan"].sum().reindex(zones, fill_value=0.0)
    scored_land = scored.groupby(by)["land_mu"].sum().reindex(zones)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["d_land_share_pct"] = np.where(scored_land > 0, out["d_land_mu"] / scored_land * 100.0, np.nan)
    return out.sort_values("d_land_mu", ascending=False, kind="stable")


# The input columns' labels come from the column catalogue (geo/catalogue.py).
_INPUT_COLUMNS = (ID_COL, "name", "industry", "land_mu", "tax_wan_yuan", "sales_wan_yuan")
EVALUATION_LABELS: dict[str, str] = {
    **{key: ENTERPRISE_BY_KEY[key].label("zh") for key in _INPUT_COLUMNS},
    "town": f"{ENTERPRISE_BY_KEY['town'].label_zh}（填报）",
    ZONE_COL: "区镇/园区",
    SIZE_COL: "规模",
    **{r.key: ratio_label(r.key) for r in RATIOS},
    **{f"pts_{r.key}": f"{r.label_zh}得分（分）" for r in RATIOS},
    "adjustment_points": "加减分（分）",
    "score": "综合得分（分）",
    "rank": "排名",
    "n_ranked": "参与排名企业数（家）",
    "rank_pct_from_top": "排名百分位（%，自高到低）",
    CLASS_COL: "评价类别",
    "eval_class_label": "类别含义",
    "reasons": "主要失分指标",
    "status": "评价状态",
    "scored": "是否参评",
    "group_rank": "组内排名",
    "group_size": "组内企业数（家）",
    "n_enterprises": "企业数（家）",
    "n_scored": "参评企业数（家）",
    "mean_score": "平均得分（分）",
    "n_A": "A 类（家）",
    "n_B": "B 类（家）",
    "n_C": "C 类（家）",
    "n_D": "D 类（家）",
    "n_d_class": "D 类企业（家）",
    "d_land_mu": "可腾退用地（亩）",
    "d_tax_wan_yuan": "D 类企业税收（万元）",
    "d_land_share_pct": "占参评用地比例（%）",
}
EVALUATION_LABELS_EN: dict[str, str] = {
    **{key: ENTERPRISE_BY_KEY[key].label("en") for key in _INPUT_COLUMNS},
    "town": f"{ENTERPRISE_BY_KEY['town'].label_en} (as reported)",
    ZONE_COL: "Town/park",
    SIZE_COL: "Size",
    **{r.key: ratio_label(r.key, lang="en") for r in RATIOS},
    **{f"pts_{r.key}": f"{r.label_en} points" for r in RATIOS},
    "adjustment_points": "Bonus/penalty (points)",
    "score": "Score (points)",
    "rank": "Rank",
    "n_ranked": "Ranked enterprises",
    "rank_pct_from_top": "Rank percentile (% from top)",
    CLASS_COL: "Class",
    "eval_class_label": "Class meaning",
    "reasons": "Main shortfalls",
    "status": "Status",
    "scored": "Scored",
    "group_rank": "Rank in group",
    "group_size": "Enterprises in group",
    "n_enterprises": "Enterprises",
    "n_scored": "Scored enterprises",
    "mean_score": "Mean score (points)",
    "n_A": "Class A",
    "n_B": "Class B",
    "n_C": "Class C",
    "n_D": "Class D",
    "n_d_class": "Class-D enterprises",
    "d_land_mu": "Land renewal could free (mu)",
    "d_tax_wan_yuan": "Class-D tax (10k yuan)",
    "d_land_share_pct": "Share of scored land (%)",
}

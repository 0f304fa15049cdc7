"""The evaluation rules (资源集约利用综合评价): what ``geo/evaluation/evaluation.yaml`` holds, read and
checked.

The class letters and column names every evaluation module shares; the configuration dataclasses
(:class:`EvaluationConfig` with its bonus/penalty items, early-warning rules and class prices);
reading a YAML file or a mapping over the documented defaults, and validating it. Every error is
one DataValidationError naming the field. ``geo.evaluation`` re-exports all public names.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from geo.config_yaml import config_number, layered, read_config_yaml
from geo.errors import DataValidationError
from geo.evaluation.groups import EvaluationGroup, LandSharing, groups_from_config, land_sharing_from_config
from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.messages import listed

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
GROUP_COL = "eval_group"  # the evaluation group a row was scored in (geo/evaluation/grouped.py)

STATUS_SCORED = "参评"
STATUS_NO_LAND = "无法计算：用地面积为零或缺失"
STATUS_SMALL = "不参评：规下且用地不足 {min_land} 亩"
STATUS_SIZE_OFF = "不参评：{size}企业不在评价范围"
STATUS_EXCLUDED_INDUSTRY = "不参评：行业不在评价范围（公用事业等，exclusions.industries）"
STATUS_NEW = "不参评：投产不满 {years} 年"
YEAR_COL = "year"


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
    source_en: str = ""  # the source in English (the Chinese one where none is given)

    def rate(self, cls: str, year: int | None) -> float:
        """元 per base unit that class ``cls`` pays in ``year`` (0.0 when it pays nothing)."""
        given = self.rates.get(cls)
        if given is None:
            return 0.0
        if not isinstance(given, Mapping):
            return float(given)
        if year is None:
            raise DataValidationError.of("evaluation.rates_need_year", name=self.name)
        past = [y for y in given if y <= year]
        return float(given[max(past)]) if past else 0.0


def _rates_out(rates: Mapping) -> dict:
    return {c: (dict(r) if isinstance(r, Mapping) else r) for c, r in rates.items()}


@dataclass(frozen=True)
class EvaluationConfig:
    """The evaluation rules; see ``geo/evaluation/evaluation.yaml`` for each field's meaning and source."""

    score_above_scale: bool = True
    score_below_scale: bool = True
    below_scale_min_land_mu: float = 3.0
    weights_above_scale: Mapping[str, float] = field(default_factory=dict)
    weights_below_scale: Mapping[str, float] = field(default_factory=dict)
    benchmark_multiple: float = 2.0
    benchmark_mean: Literal["pooled", "simple"] = "pooled"
    benchmark_within: Literal["all", "size"] = "size"
    benchmark_fixed: Mapping[str, float] = field(default_factory=dict)
    benchmark_fixed_by_size: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    min_ratio: float | None = 0.0
    max_ratio: float | None = None
    missing_indicator: Literal["zero", "mean", "drop"] = "zero"
    class_method: Literal["percentile", "score"] = "percentile"
    rank_within: Literal["all", "size"] = "size"
    # Ties: the same score shares the better rank ("1224"); a tie is listed by these indicators, larger
    # first, then by 企业编号 (``classes.tie_order`` in evaluation.yaml).
    tie_order: tuple[str, ...] = ("tax_per_mu_wan_yuan",)
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
    groups: tuple[EvaluationGroup, ...] = ()
    land_sharing: LandSharing = field(default_factory=LandSharing)
    # The published method this configuration is or starts from (its ``method:`` name, title,
    # title_en, source; geo/evaluation/methods/); empty for the local defaults.
    method: Mapping[str, str] = field(default_factory=dict)

    def method_title(self, lang: str = "zh") -> str:
        """The method's title in ``lang`` ('' when none is named)."""
        return str((self.method.get("title_en") if lang == "en" else None) or self.method.get("title") or "")

    def weight_totals(self) -> dict[str, float]:
        """Sum of the configured weights per size group (规上, 规下); the rules expect 100."""
        return {g: float(sum(self.weights_for(g).values())) for g in SIZE_GROUPS}

    def weights_off_100(self) -> dict[str, float]:
        """The weight total of each scored group whose weights do not add up to 100 (the 100-point
        score of DOMAIN.md §7/§8), by group: 规上 / 规下, or each configured group's name; empty when
        all do. The page asks for a confirmation before such weights are used, the CLI for
        ``--accept-weights`` (one rule: no score above 100 unless the user says so)."""
        if self.groups:
            totals = {g.name: float(sum(g.weights.values())) for g in self.groups if g.scored}
        else:
            scored = {SIZE_ABOVE: self.score_above_scale, SIZE_BELOW: self.score_below_scale}
            totals = {g: v for g, v in self.weight_totals().items() if scored[g]}
        return {g: v for g, v in totals.items() if abs(v - 100.0) > 1e-9}

    def weights_for(self, size: str) -> dict[str, float]:
        """The configured weights of a size group (``规上`` or ``规下``)."""
        return dict(self.weights_above_scale if size == SIZE_ABOVE else self.weights_below_scale)

    def to_dict(self) -> dict[str, Any]:
        """The configuration in the YAML file's layout."""
        return {
            "version": 1,
            **({"method": dict(self.method)} if self.method else {}),
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
                "fixed_by_size": {
                    ("above_scale" if g == SIZE_ABOVE else "below_scale"): dict(v)
                    for g, v in self.benchmark_fixed_by_size.items()
                },
                "min_ratio": self.min_ratio,
                "max_ratio": self.max_ratio,
            },
            "missing_indicator": self.missing_indicator,
            "classes": {
                "method": self.class_method,
                "rank_within": self.rank_within,
                "tie_order": list(self.tie_order),
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
            "groups": [g.to_dict() for g in self.groups],
            "land_sharing": self.land_sharing.to_dict(),
        }


def _bad(key: str, /, **params: Any) -> DataValidationError:
    """The error of catalogue entry ``key`` (``evaluation.config.*``, geo/messages/evaluation_config.py)."""
    return DataValidationError.of(key, **params)


def _number(value: Any, where: str, *, allow_none: bool = False) -> float | None:
    def not_a_number(_message: str) -> DataValidationError:
        return _bad("evaluation.config.not_a_number", where=where, value=repr(value))

    return config_number(value, where, error=not_a_number, allow_none=allow_none)


def _config_from_dict(raw: Mapping) -> EvaluationConfig:
    if not isinstance(raw, Mapping):
        raise _bad("evaluation.config.not_mapping")
    known = {
        "version",
        "method",  # a published method's name, titles and source (geo/evaluation/methods/): description only
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
        "groups",
        "land_sharing",
        "zones",  # the zones' own scoring (geo/evaluation/zones.py reads it)
    }
    unknown = set(raw) - known
    if unknown:
        raise _bad("evaluation.config.unknown_keys", keys=listed(sorted(map(str, unknown))))
    scope = raw.get("scope", {}) or {}
    weights = raw.get("weights", {}) or {}
    bench = raw.get("benchmark", {}) or {}
    classes = raw.get("classes", {}) or {}
    adjustments = []
    for i, item in enumerate(raw.get("adjustments", []) or []):
        if not isinstance(item, Mapping) or "name" not in item or "column" not in item:
            raise _bad("evaluation.config.adjustment_fields", n=i + 1)
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
            raise _bad("evaluation.config.weights_not_mapping", group=group)
        return {str(k): _number(v, f"weights.{group}.{k}") for k, v in given.items()}

    exclusions = raw.get("exclusions", {}) or {}
    if not isinstance(exclusions, Mapping):
        raise _bad("evaluation.config.exclusions_not_mapping")
    industries = exclusions.get("industries", []) or []
    if isinstance(industries, str) or not isinstance(industries, Sequence):
        raise _bad("evaluation.config.industries_not_list")
    policies = raw.get("policies", {}) or {}
    if not isinstance(policies, Mapping):
        raise _bad("evaluation.config.policies_not_mapping")

    method = raw.get("method") or {}
    if not isinstance(method, Mapping):
        raise _bad("evaluation.config.method_not_mapping")
    config = EvaluationConfig(
        method={str(k): str(v) for k, v in method.items() if k in ("name", "title", "title_en", "source")},
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
        benchmark_within=bench.get("within", "size"),
        benchmark_fixed={
            str(k): _number(v, f"benchmark.fixed.{k}") for k, v in (bench.get("fixed", {}) or {}).items()
        },
        benchmark_fixed_by_size=_fixed_by_size(bench.get("fixed_by_size", {}) or {}),
        min_ratio=_number(bench.get("min_ratio", 0.0), "benchmark.min_ratio", allow_none=True),
        max_ratio=_number(bench.get("max_ratio"), "benchmark.max_ratio", allow_none=True),
        missing_indicator=raw.get("missing_indicator", "zero"),
        class_method=classes.get("method", "percentile"),
        rank_within=classes.get("rank_within", "size"),
        tie_order=_tie_order(classes.get("tie_order", ["tax_per_mu_wan_yuan"])),
        percentile_cutoffs={
            str(k): _number(v, f"classes.percentile.{k}")
            for k, v in (classes.get("percentile", {}) or {}).items()
        },
        score_cutoffs={
            str(k): _number(v, f"classes.score.{k}") for k, v in (classes.get("score", {}) or {}).items()
        },
        adjustments=tuple(adjustments),
        max_reasons=int(_number((raw.get("reasons", {}) or {}).get("max_items", 3), "reasons.max_items")),
        groups=groups_from_config(
            raw.get("groups"),
            default_weights={"above_scale": _weights("above_scale"), "below_scale": _weights("below_scale")},
        ),
        land_sharing=land_sharing_from_config(raw.get("land_sharing")),
    )
    _check_config(config)
    return config


def _tie_order(raw: Any) -> tuple[str, ...]:
    """``classes.tie_order``: a list of indicators (one name alone is read as a list of one)."""
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, Sequence):
        raise _bad("evaluation.config.tie_order_not_list")
    return tuple(str(i) for i in items)


def _fixed_by_size(raw: Any) -> dict[str, dict[str, float]]:
    """``benchmark.fixed_by_size``: per size group (above_scale / below_scale), fixed benchmarks."""
    if not isinstance(raw, Mapping):
        raise _bad("evaluation.config.fixed_by_size_not_mapping")
    out = {}
    for group, values in raw.items():
        if group not in ("above_scale", "below_scale") or not isinstance(values, Mapping):
            raise _bad("evaluation.config.fixed_by_size_bad_key", group=repr(group))
        size = SIZE_ABOVE if group == "above_scale" else SIZE_BELOW
        out[size] = {str(k): _number(v, f"benchmark.fixed_by_size.{group}.{k}") for k, v in values.items()}
    return out


def _warning_rules(items: Any) -> tuple[WarningRule, ...]:
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise _bad("evaluation.config.warnings_not_list")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or item.get("rule") not in WARNING_RULES or "name" not in item:
            raise _bad("evaluation.config.warning_fields", n=i + 1, rules=" / ".join(WARNING_RULES))
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
            raise _bad(
                "evaluation.config.warning_unknown_keys",
                name=item["name"],
                keys=listed(sorted(map(str, unknown))),
            )
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
                "evaluation.config.warning_unknown_indicator",
                where=where,
                indicator=rule.indicator,
                indicators=listed(RATIOS_BY_KEY),
            )
        if rule.min_steps is not None and not 1 <= rule.min_steps <= 3:
            raise _bad("evaluation.config.warning_min_steps", where=where)
        if rule.years is not None and rule.years < 1:
            raise _bad("evaluation.config.warning_years", where=where)
        if rule.pct is not None and not 0 < rule.pct <= 100:
            raise _bad("evaluation.config.warning_pct", where=where)
        out.append(rule)
    return tuple(out)


def _surcharges(items: Any) -> tuple[Surcharge, ...]:
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise _bad("evaluation.config.surcharges_not_list")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping) or not {"key", "name", "column", "base_unit"} <= set(item):
            raise _bad("evaluation.config.surcharge_fields", n=i + 1)
        where = f"policies.surcharges.{item['key']}"
        rates: dict[str, float | dict[int, float]] = {}
        for cls, rate in (item.get("rates", {}) or {}).items():
            if str(cls) not in CLASSES_T:
                raise _bad("evaluation.config.surcharge_bad_class", where=where, cls=cls)
            if isinstance(rate, Mapping):
                by_year = {}
                for year, value in rate.items():
                    if isinstance(year, bool) or not isinstance(year, int):
                        raise _bad(
                            "evaluation.config.surcharge_bad_year", where=where, cls=cls, year=repr(year)
                        )
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
                source_en=str(item.get("source_en", "") or ""),
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
                raise _bad(
                    "evaluation.config.weights_unknown_indicator",
                    group=group,
                    key=key,
                    indicators=listed(RATIOS_BY_KEY),
                )
            if not math.isfinite(value) or value < 0:
                raise _bad("evaluation.config.weight_negative", group=group, key=key, value=value)
    for key in config.tie_order:
        if key not in RATIOS_BY_KEY:
            raise _bad("evaluation.config.tie_order_unknown", key=key, indicators=listed(RATIOS_BY_KEY))
    if config.score_above_scale and sum(config.weights_above_scale.values()) <= 0:
        raise _bad("evaluation.config.weights_sum_above")
    if config.score_below_scale and sum(config.weights_below_scale.values()) <= 0:
        raise _bad("evaluation.config.weights_sum_below")
    if config.below_scale_min_land_mu < 0:
        raise _bad("evaluation.config.min_land_negative")
    if config.benchmark_multiple <= 0:
        raise _bad("evaluation.config.multiple_not_positive")
    for choice, allowed, where in (
        (config.benchmark_mean, ("pooled", "simple"), "benchmark.mean"),
        (config.benchmark_within, ("all", "size"), "benchmark.within"),
        (config.missing_indicator, ("zero", "mean", "drop"), "missing_indicator"),
        (config.class_method, ("percentile", "score"), "classes.method"),
        (config.rank_within, ("all", "size"), "classes.rank_within"),
    ):
        if choice not in allowed:
            raise _bad(
                "evaluation.config.bad_choice", where=where, allowed=" / ".join(allowed), value=repr(choice)
            )
    fixed = [({"zh": "benchmark.fixed", "en": "benchmark.fixed"}, config.benchmark_fixed)] + [
        (
            {
                "zh": f"benchmark.fixed_by_size.{group}",
                "en": f"benchmark.fixed_by_size.{'above_scale' if group == SIZE_ABOVE else 'below_scale'}",
            },
            values,
        )
        for group, values in config.benchmark_fixed_by_size.items()
    ]
    for where, values in fixed:
        for key, value in values.items():
            if key not in RATIOS_BY_KEY:
                raise _bad("evaluation.config.fixed_unknown_indicator", where=where, key=key)
            if value <= 0:
                raise _bad("evaluation.config.fixed_not_positive", where=where, key=key)
    if config.min_ratio is not None and config.max_ratio is not None and config.min_ratio > config.max_ratio:
        raise _bad("evaluation.config.min_ratio_above_max")
    pct = config.percentile_cutoffs
    if set(pct) != {"A", "B", "C"}:
        raise _bad("evaluation.config.percentile_classes")
    if not 0 <= pct["A"] <= pct["B"] <= pct["C"] <= 100:
        raise _bad("evaluation.config.percentile_order", a=pct["A"], b=pct["B"], c=pct["C"])
    sc = config.score_cutoffs
    if set(sc) != {"A", "B", "C"}:
        raise _bad("evaluation.config.score_classes")
    if not sc["A"] >= sc["B"] >= sc["C"]:
        raise _bad("evaluation.config.score_order", a=sc["A"], b=sc["B"], c=sc["C"])
    for adj in config.adjustments:
        if adj.force_class is not None and adj.force_class not in CLASSES:
            raise _bad("evaluation.config.adjustment_force_class", name=adj.name)
    if config.max_reasons < 0:
        raise _bad("evaluation.config.max_reasons_negative")
    if config.min_years_in_production < 0:
        raise _bad("evaluation.config.min_years_negative")


def _read_yaml(path: Path) -> dict:
    """The file's mapping (a fresh copy: callers may change it). Parsed once per file version:
    the pages build a configuration several times per run, and YAML parsing is slow."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError as exc:
        raise DataValidationError.of("evaluation.no_config_file", path=path) from exc
    return copy.deepcopy(_parsed_yaml(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=32)
def _parsed_yaml(path: str, mtime_ns: int, size: int) -> dict:
    return read_config_yaml(Path(path), "评价配置文件")


def default_config() -> EvaluationConfig:
    """The documented defaults of ``geo/evaluation/evaluation.yaml``: one object per version of the file
    (it is frozen, and no caller changes its mappings; the pages ask for it several times a run)."""
    stat = DEFAULT_CONFIG_PATH.stat()
    return _default_config(stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _default_config(mtime_ns: int, size: int) -> EvaluationConfig:
    return _config_from_dict(_read_yaml(DEFAULT_CONFIG_PATH))


def load_config(path: Path | str | None = None) -> EvaluationConfig:
    """Read a YAML configuration; keys it leaves out keep the defaults of ``geo/evaluation/evaluation.yaml``.

    Raises
    ------
    DataValidationError
        When the file is missing, not YAML, or holds an unknown indicator, a negative weight,
        cut-offs out of order, and the like.
    """
    base = _read_yaml(DEFAULT_CONFIG_PATH)
    if path is None:
        return _config_from_dict(base)
    return _config_from_dict(layered(base, _read_yaml(Path(path)), shallow=("weights",)))


def config_from_mapping(raw: Mapping) -> EvaluationConfig:
    """A configuration from a mapping laid out like the YAML file, over the defaults."""
    return _config_from_dict(layered(_read_yaml(DEFAULT_CONFIG_PATH), raw, shallow=("weights",)))


# --------------------------------------------------------------------------- evaluation

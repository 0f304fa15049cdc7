"""Result lists per group (分组评价) and the land-sharing rule of compounds: the configuration's
``groups`` and ``land_sharing``, read and checked.

A group is a set of enterprises published as its own list (慈溪 2024, DOMAIN.md §8: 规上; 规下 on
≥ 3 亩; 规下 under 3 亩; tenants without land of their own), with its own indicators, weights,
benchmarks and class cut-offs. Membership is declared by size (规上/规下), tenancy (an enterprise
on a compound's land that is not its host) and a land interval; two groups may never share an
enterprise, which is checked on the declarations themselves. A group that is not scored is listed
(class T, its status naming the group). Every error is one DataValidationError naming the field.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from geo.config_yaml import config_number
from geo.errors import DataValidationError
from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.messages import listed

SIZES: tuple[str, ...] = ("above", "below", "any")
CLASS_METHODS: tuple[str, ...] = ("percentile", "score")
SHARING_RULES: tuple[str, ...] = ("share", "host")
GROUP_KEYS: frozenset[str] = frozenset(
    {"key", "name", "name_en", "members", "scored", "weights", "benchmark", "classes", "source"}
)
MEMBER_KEYS: frozenset[str] = frozenset({"size", "tenant", "land_mu_min", "land_mu_below"})


@dataclass(frozen=True)
class EvaluationGroup:
    """One published list: who is in it, and how it is scored (see ``groups`` in evaluation.yaml).

    ``size`` is ``above`` (规上), ``below`` (规下) or ``any``; ``tenant`` True (tenants only),
    False (no tenants) or None (either); members have ``land_mu_min`` ≤ land < ``land_mu_below``
    (a bound left out is open; missing land counts as 0). ``benchmark_fixed``, ``class_method``
    and the cut-offs, when given, replace the configuration's own for this group.
    """

    key: str
    name: str
    name_en: str = ""
    size: str = "any"
    tenant: bool | None = None
    land_mu_min: float | None = None
    land_mu_below: float | None = None
    scored: bool = True
    weights: Mapping[str, float] = field(default_factory=dict)
    benchmark_fixed: Mapping[str, float] = field(default_factory=dict)
    class_method: str | None = None
    percentile_cutoffs: Mapping[str, float] | None = None
    score_cutoffs: Mapping[str, float] | None = None
    source: str = ""

    def land_interval(self) -> tuple[float, float]:
        """``[min, below)`` with open bounds as ∓∞."""
        low = -math.inf if self.land_mu_min is None else self.land_mu_min
        high = math.inf if self.land_mu_below is None else self.land_mu_below
        return low, high

    def to_dict(self) -> dict[str, Any]:
        """The group in the YAML file's layout."""
        members: dict[str, Any] = {"size": self.size}
        if self.tenant is not None:
            members["tenant"] = self.tenant
        if self.land_mu_min is not None:
            members["land_mu_min"] = self.land_mu_min
        if self.land_mu_below is not None:
            members["land_mu_below"] = self.land_mu_below
        out: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "name_en": self.name_en,
            "members": members,
            "scored": self.scored,
            "weights": dict(self.weights),
        }
        if self.benchmark_fixed:
            out["benchmark"] = {"fixed": dict(self.benchmark_fixed)}
        classes: dict[str, Any] = {}
        if self.class_method is not None:
            classes["method"] = self.class_method
        if self.percentile_cutoffs is not None:
            classes["percentile"] = dict(self.percentile_cutoffs)
        if self.score_cutoffs is not None:
            classes["score"] = dict(self.score_cutoffs)
        if classes:
            out["classes"] = classes
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True)
class LandSharing:
    """How enterprises on one 宗地 or compound share its land (``land_sharing`` in evaluation.yaml).

    ``share``: each gets the share given in its ``land_share_pct`` column, else by its floor area
    (``floor_area_m2``) when every member has one, else equal shares. ``host``: the host keeps all
    the land and each tenant is listed as a tenant (no land of its own, not scored on land).
    """

    rule: str = "share"

    def to_dict(self) -> dict[str, Any]:
        """The rule in the YAML file's layout."""
        return {"rule": self.rule}


def _bad(key: str, /, **params: Any) -> DataValidationError:
    """The error of catalogue entry ``key`` (``evaluation.group_config.*``,
    geo/messages/evaluation_config.py)."""
    return DataValidationError.of(key, **params)


def _number(value: Any, where: str) -> float:
    def not_a_number(_message: str) -> DataValidationError:
        return _bad("evaluation.group_config.not_a_number", where=where, value=repr(value))

    return config_number(value, where, error=not_a_number)


def _names(item: Mapping) -> dict[str, str]:
    """A group's name in both languages (its ``name_en``, else its ``name``)."""
    return {"zh": str(item["name"]), "en": str(item.get("name_en") or item["name"])}


def _mapping(value: Any, where: str) -> Mapping:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _bad("evaluation.group_config.not_mapping", where=where)
    return value


def _indicator_values(raw: Any, where: str, *, positive: bool) -> dict[str, float]:
    out = {}
    for key, value in _mapping(raw, where).items():
        if str(key) not in RATIOS_BY_KEY:
            raise _bad(
                "evaluation.group_config.unknown_indicator",
                where=where,
                key=key,
                indicators=listed(RATIOS_BY_KEY),
            )
        number = _number(value, f"{where}.{key}")
        if not math.isfinite(number) or number < 0 or (positive and number == 0):
            raise _bad(
                "evaluation.group_config.not_positive" if positive else "evaluation.group_config.negative",
                where=f"{where}.{key}",
                value=value,
            )
        out[str(key)] = number
    return out


def _cutoffs(raw: Any, where: str, *, method: str) -> dict[str, float] | None:
    if raw is None:
        return None
    values = {str(k): _number(v, f"{where}.{k}") for k, v in _mapping(raw, where).items()}
    if set(values) != {"A", "B", "C"}:
        raise _bad("evaluation.group_config.cutoff_classes", where=where)
    a, b, c = values["A"], values["B"], values["C"]
    if method == "percentile" and not 0 <= a <= b <= c <= 100:
        raise _bad("evaluation.group_config.percentile_order", where=where, a=a, b=b, c=c)
    if method == "score" and not a >= b >= c:
        raise _bad("evaluation.group_config.score_order", where=where, a=a, b=b, c=c)
    return values


def _tenant(value: Any, where: str) -> bool | None:
    if value is None or value == "any":
        return None
    if isinstance(value, bool):
        return value
    raise _bad("evaluation.group_config.bad_tenant", where=where, value=repr(value))


def _group(item: Any, i: int, default_weights: Mapping[str, Mapping[str, float]]) -> EvaluationGroup:
    if not isinstance(item, Mapping) or not item.get("key") or not item.get("name"):
        raise _bad("evaluation.group_config.group_fields", n=i + 1)
    where = f"groups.{item['key']}"
    unknown = set(map(str, item)) - GROUP_KEYS
    if unknown:
        raise _bad(
            "evaluation.group_config.unknown_keys",
            where=where,
            keys=listed(sorted(unknown)),
            allowed=listed(sorted(GROUP_KEYS)),
        )
    members = _mapping(item.get("members"), f"{where}.members")
    unknown = set(map(str, members)) - MEMBER_KEYS
    if unknown:
        raise _bad(
            "evaluation.group_config.unknown_keys",
            where=f"{where}.members",
            keys=listed(sorted(unknown)),
            allowed=listed(sorted(MEMBER_KEYS)),
        )
    size = str(members.get("size", "any"))
    if size not in SIZES:
        raise _bad("evaluation.group_config.bad_size", where=f"{where}.members.size", value=repr(size))
    low = members.get("land_mu_min")
    high = members.get("land_mu_below")
    low = None if low is None else _number(low, f"{where}.members.land_mu_min")
    high = None if high is None else _number(high, f"{where}.members.land_mu_below")
    if low is not None and high is not None and not low < high:
        raise _bad("evaluation.group_config.land_interval", where=f"{where}.members", low=low, high=high)
    scored = item.get("scored", True)
    if not isinstance(scored, bool):
        raise _bad("evaluation.group_config.scored_not_bool", where=f"{where}.scored")
    if "weights" in item:
        weights = _indicator_values(item["weights"], f"{where}.weights", positive=False)
    else:
        weights = dict(default_weights["above_scale" if size == "above" else "below_scale"])
    if scored and sum(weights.values()) <= 0:
        raise _bad("evaluation.group_config.weights_sum", where=where, name=_names(item))
    bench = _mapping(item.get("benchmark"), f"{where}.benchmark")
    if set(map(str, bench)) - {"fixed"}:
        raise _bad("evaluation.group_config.benchmark_keys", where=f"{where}.benchmark")
    classes = _mapping(item.get("classes"), f"{where}.classes")
    if set(map(str, classes)) - {"method", "percentile", "score"}:
        raise _bad("evaluation.group_config.classes_keys", where=f"{where}.classes")
    method = classes.get("method")
    if method is not None and method not in CLASS_METHODS:
        raise _bad(
            "evaluation.group_config.bad_class_method", where=f"{where}.classes.method", value=repr(method)
        )
    return EvaluationGroup(
        key=str(item["key"]),
        name=str(item["name"]),
        name_en=str(item.get("name_en") or item["name"]),
        size=size,
        tenant=_tenant(members.get("tenant"), f"{where}.members.tenant"),
        land_mu_min=low,
        land_mu_below=high,
        scored=scored,
        weights=weights,
        benchmark_fixed=_indicator_values(bench.get("fixed"), f"{where}.benchmark.fixed", positive=True),
        class_method=method,
        percentile_cutoffs=_cutoffs(
            classes.get("percentile"), f"{where}.classes.percentile", method="percentile"
        ),
        score_cutoffs=_cutoffs(classes.get("score"), f"{where}.classes.score", method="score"),
        source=str(item.get("source") or ""),
    )


def _overlap(a: EvaluationGroup, b: EvaluationGroup) -> bool:
    sizes = a.size == b.size or "any" in (a.size, b.size)
    tenants = a.tenant is None or b.tenant is None or a.tenant == b.tenant
    (low_a, high_a), (low_b, high_b) = a.land_interval(), b.land_interval()
    return sizes and tenants and max(low_a, low_b) < min(high_a, high_b)


def groups_from_config(
    raw: Any, *, default_weights: Mapping[str, Mapping[str, float]]
) -> tuple[EvaluationGroup, ...]:
    """The ``groups`` list of a configuration, checked.

    Parameters
    ----------
    raw
        The YAML list (None or empty: no groups, i.e. the size split of ``weights``).
    default_weights
        The configuration's ``weights`` (``above_scale``/``below_scale``): a group without its
        own weights takes those of its size (规上, else 规下).

    Raises
    ------
    DataValidationError
        For a group without key or name, an unknown key or indicator, a scored group whose
        weights sum to 0, bad cut-offs, repeated keys, or two groups that can hold the same
        enterprise (overlapping groups).
    """
    if raw is None:
        return ()
    if isinstance(raw, str) or not isinstance(raw, list | tuple):
        raise _bad("evaluation.group_config.not_a_list")
    groups = tuple(_group(item, i, default_weights) for i, item in enumerate(raw))
    seen: set[str] = set()
    for g in groups:
        if g.key in seen:
            raise _bad("evaluation.group_config.repeated_key", key=g.key)
        seen.add(g.key)
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            if _overlap(a, b):
                raise _bad(
                    "evaluation.group_config.overlap",
                    a={"zh": a.name, "en": a.name_en},
                    b={"zh": b.name, "en": b.name_en},
                )
    return groups


def land_sharing_from_config(raw: Any) -> LandSharing:
    """The ``land_sharing`` mapping, checked (default: shares, ``rule: share``)."""
    raw = _mapping(raw, "land_sharing")
    unknown = set(map(str, raw)) - {"rule"}
    if unknown:
        raise _bad("evaluation.group_config.sharing_unknown_keys", keys=listed(sorted(unknown)))
    rule = str(raw.get("rule", "share"))
    if rule not in SHARING_RULES:
        raise _bad("evaluation.group_config.bad_sharing_rule", value=repr(rule))
    return LandSharing(rule=rule)


__all__ = [
    "EvaluationGroup",
    "LandSharing",
    "SHARING_RULES",
    "groups_from_config",
    "land_sharing_from_config",
]

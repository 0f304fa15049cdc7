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


def _bad(message: str) -> DataValidationError:
    return DataValidationError(
        f"评价配置有误：{message}",
        hint="请对照 geo/evaluation/evaluation.yaml 中 groups / land_sharing 的说明修改配置",
    )


def _number(value: Any, where: str) -> float:
    return config_number(value, where, error=_bad)


def _mapping(value: Any, where: str) -> Mapping:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _bad(f"{where} 应为键值结构")
    return value


def _indicator_values(raw: Any, where: str, *, positive: bool) -> dict[str, float]:
    out = {}
    for key, value in _mapping(raw, where).items():
        if str(key) not in RATIOS_BY_KEY:
            raise _bad(f"{where} 中的未知指标「{key}」；可用指标：{'、'.join(RATIOS_BY_KEY)}")
        number = _number(value, f"{where}.{key}")
        if not math.isfinite(number) or number < 0 or (positive and number == 0):
            raise _bad(f"{where}.{key} 应为{'大于' if positive else '不小于'} 0 的数，却是 {value}")
        out[str(key)] = number
    return out


def _cutoffs(raw: Any, where: str, *, method: str) -> dict[str, float] | None:
    if raw is None:
        return None
    values = {str(k): _number(v, f"{where}.{k}") for k, v in _mapping(raw, where).items()}
    if set(values) != {"A", "B", "C"}:
        raise _bad(f"{where} 应给出 A、B、C 三档（D 为其余）")
    a, b, c = values["A"], values["B"], values["C"]
    if method == "percentile" and not 0 <= a <= b <= c <= 100:
        raise _bad(f"{where} 应满足 0 ≤ A ≤ B ≤ C ≤ 100，却是 A={a:g}、B={b:g}、C={c:g}")
    if method == "score" and not a >= b >= c:
        raise _bad(f"{where} 应满足 A ≥ B ≥ C，却是 A={a:g}、B={b:g}、C={c:g}")
    return values


def _tenant(value: Any, where: str) -> bool | None:
    if value is None or value == "any":
        return None
    if isinstance(value, bool):
        return value
    raise _bad(f"{where} 应为 true（仅租户）、false（不含租户）或 any，却是 {value!r}")


def _group(item: Any, i: int, default_weights: Mapping[str, Mapping[str, float]]) -> EvaluationGroup:
    if not isinstance(item, Mapping) or not item.get("key") or not item.get("name"):
        raise _bad(f"groups 第 {i + 1} 项应为含 key 和 name 的键值结构")
    where = f"groups.{item['key']}"
    unknown = set(map(str, item)) - GROUP_KEYS
    if unknown:
        raise _bad(f"{where} 有未知的键 {'、'.join(sorted(unknown))}；可用：{'、'.join(sorted(GROUP_KEYS))}")
    members = _mapping(item.get("members"), f"{where}.members")
    unknown = set(map(str, members)) - MEMBER_KEYS
    if unknown:
        raise _bad(
            f"{where}.members 有未知的键 {'、'.join(sorted(unknown))}；可用：{'、'.join(sorted(MEMBER_KEYS))}"
        )
    size = str(members.get("size", "any"))
    if size not in SIZES:
        raise _bad(f"{where}.members.size 应为 above（规上）、below（规下）或 any，却是 {size!r}")
    low = members.get("land_mu_min")
    high = members.get("land_mu_below")
    low = None if low is None else _number(low, f"{where}.members.land_mu_min")
    high = None if high is None else _number(high, f"{where}.members.land_mu_below")
    if low is not None and high is not None and not low < high:
        raise _bad(f"{where}.members 的 land_mu_min（{low:g}）应小于 land_mu_below（{high:g}）")
    scored = item.get("scored", True)
    if not isinstance(scored, bool):
        raise _bad(f"{where}.scored 应为 true 或 false")
    if "weights" in item:
        weights = _indicator_values(item["weights"], f"{where}.weights", positive=False)
    else:
        weights = dict(default_weights["above_scale" if size == "above" else "below_scale"])
    if scored and sum(weights.values()) <= 0:
        raise _bad(f"{where}（{item['name']}）参与评分，其权重之和应大于 0")
    bench = _mapping(item.get("benchmark"), f"{where}.benchmark")
    if set(map(str, bench)) - {"fixed"}:
        raise _bad(f"{where}.benchmark 只能给出 fixed（该组的固定基准值）")
    classes = _mapping(item.get("classes"), f"{where}.classes")
    if set(map(str, classes)) - {"method", "percentile", "score"}:
        raise _bad(f"{where}.classes 只能给出 method、percentile、score")
    method = classes.get("method")
    if method is not None and method not in CLASS_METHODS:
        raise _bad(f"{where}.classes.method 应为 percentile / score 之一，却是 {method!r}")
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
        raise _bad("groups 应为评价组列表（每组含 key、name、members …）")
    groups = tuple(_group(item, i, default_weights) for i, item in enumerate(raw))
    seen: set[str] = set()
    for g in groups:
        if g.key in seen:
            raise _bad(f"评价组的 key「{g.key}」重复")
        seen.add(g.key)
    for i, a in enumerate(groups):
        for b in groups[i + 1 :]:
            if _overlap(a, b):
                raise _bad(f"评价组「{a.name}」与「{b.name}」有重叠：同一家企业可能同时属于两组")
    return groups


def land_sharing_from_config(raw: Any) -> LandSharing:
    """The ``land_sharing`` mapping, checked (default: shares, ``rule: share``)."""
    raw = _mapping(raw, "land_sharing")
    unknown = set(map(str, raw)) - {"rule"}
    if unknown:
        raise _bad(f"land_sharing 有未知的键 {'、'.join(sorted(unknown))}")
    rule = str(raw.get("rule", "share"))
    if rule not in SHARING_RULES:
        raise _bad(f"land_sharing.rule 应为 share（按比例分摊）或 host（全部计入房东），却是 {rule!r}")
    return LandSharing(rule=rule)


__all__ = [
    "EvaluationGroup",
    "LandSharing",
    "SHARING_RULES",
    "groups_from_config",
    "land_sharing_from_config",
]

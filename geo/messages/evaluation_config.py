"""Messages of a bad evaluation configuration (geo/evaluation/rules.py, groups.py, zones.py):
key -> (中文, English).

Each area's messages share an opening (评价配置有误：…) and a hint (the ``.hint`` entry of every
key), added here once: the tables below hold what follows the opening. A parameter that is a list
is given by :func:`geo.messages.listed` and written ``{name[zh]}`` / ``{name[en]}``.
"""

from __future__ import annotations

# evaluation.config.*: the configuration's own sections (geo/evaluation/rules.py).
_RULES: dict[str, tuple[str, str]] = {
    "not_mapping": (
        "文件内容应为键值结构（YAML 映射）",
        "the file should hold keys and values (a YAML mapping)",
    ),
    "unknown_keys": ("未知的配置项 {keys[zh]}", "unknown settings {keys[en]}"),
    "not_a_number": ("「{where}」应为数字，却是 {value}", "“{where}” should be a number, not {value}"),
    "adjustment_fields": (
        "加减分项第 {n} 项应包含 name 和 column",
        "bonus/penalty item {n} should give a name and a column",
    ),
    "adjustment_force_class": (
        "加减分项「{name}」的 force_class 应为 A/B/C/D 之一",
        "the force_class of the bonus/penalty item “{name}” should be one of A/B/C/D",
    ),
    "weights_not_mapping": (
        "weights.{group} 应为「指标: 权重」映射",
        "weights.{group} should map indicators to weights (indicator: weight)",
    ),
    "weights_unknown_indicator": (
        "weights.{group} 中的未知指标「{key}」；可用指标：{indicators[zh]}",
        "unknown indicator “{key}” in weights.{group}; indicators available: {indicators[en]}",
    ),
    "weight_negative": (
        "weights.{group}.{key} 应为不小于 0 的数，却是 {value}",
        "weights.{group}.{key} should be a number of 0 or more, not {value}",
    ),
    "weights_sum_above": (
        "规上企业的权重之和应大于 0",
        "the weights of enterprises above designated size (weights.above_scale) should add up to more than 0",
    ),
    "weights_sum_below": (
        "规下企业的权重之和应大于 0",
        "the weights of enterprises below designated size (weights.below_scale) should add up to more than 0",
    ),
    "exclusions_not_mapping": ("exclusions 应为键值结构", "exclusions should hold keys and values"),
    "industries_not_list": (
        "exclusions.industries 应为行业名称列表",
        "exclusions.industries should be a list of industry names",
    ),
    "min_years_negative": (
        "exclusions.min_years_in_production 不能为负数",
        "exclusions.min_years_in_production cannot be negative",
    ),
    "policies_not_mapping": ("policies 应为键值结构", "policies should hold keys and values"),
    "method_not_mapping": (
        "method 应为键值结构（name、title、source）",
        "method should hold keys and values (name, title, source)",
    ),
    "fixed_by_size_not_mapping": (
        "benchmark.fixed_by_size 应为 above_scale / below_scale 到 {{指标: 基准值}} 的映射",
        "benchmark.fixed_by_size should map above_scale / below_scale to {{indicator: benchmark}}",
    ),
    "fixed_by_size_bad_key": (
        "benchmark.fixed_by_size 的键应为 above_scale 或 below_scale（各为 {{指标: 基准值}}），却是 {group}",
        "the keys of benchmark.fixed_by_size should be above_scale or below_scale (each "
        "{{indicator: benchmark}}), not {group}",
    ),
    "fixed_unknown_indicator": (
        "{where[zh]} 中的未知指标「{key}」",
        "unknown indicator “{key}” in {where[en]}",
    ),
    "tie_order_not_list": (
        "classes.tie_order 应为指标列表，如 [tax_per_mu_wan_yuan]",
        "classes.tie_order should be a list of indicators, e.g. [tax_per_mu_wan_yuan]",
    ),
    "tie_order_unknown": (
        "classes.tie_order 中的未知指标「{key}」；可用指标：{indicators[zh]}",
        "unknown indicator “{key}” in classes.tie_order; indicators available: {indicators[en]}",
    ),
    "fixed_not_positive": ("{where[zh]}.{key} 应大于 0", "{where[en]}.{key} should be more than 0"),
    "warnings_not_list": ("warnings 应为预警规则列表", "warnings should be a list of early-warning rules"),
    "warning_fields": (
        "预警规则第 {n} 项应包含 name 和 rule（{rules}）",
        "early-warning rule {n} should give a name and a rule ({rules})",
    ),
    "warning_unknown_keys": (
        "预警规则「{name}」有未知的键 {keys[zh]}",
        "the early-warning rule “{name}” has unknown keys {keys[en]}",
    ),
    "warning_unknown_indicator": (
        "{where}.indicator 未知指标「{indicator}」；可用指标：{indicators[zh]}",
        "{where}.indicator: unknown indicator “{indicator}”; indicators available: {indicators[en]}",
    ),
    "warning_min_steps": ("{where}.min_steps 应为 1–3", "{where}.min_steps should be 1–3"),
    "warning_years": ("{where}.years 应至少为 1", "{where}.years should be at least 1"),
    "warning_pct": ("{where}.pct 应在 0–100 之间", "{where}.pct should be between 0 and 100"),
    "surcharges_not_list": (
        "policies.surcharges 应为收费项目列表",
        "policies.surcharges should be a list of price items",
    ),
    "surcharge_fields": (
        "policies.surcharges 第 {n} 项应包含 key、name、column、base_unit",
        "price item {n} of policies.surcharges should give key, name, column and base_unit",
    ),
    "surcharge_bad_class": (
        "{where}.rates 的类别「{cls}」应为 A/B/C/D/T 之一",
        "the class “{cls}” of {where}.rates should be one of A/B/C/D/T",
    ),
    "surcharge_bad_year": (
        "{where}.rates.{cls} 的键应为年份（整数），却是 {year}",
        "the keys of {where}.rates.{cls} should be years (whole numbers), not {year}",
    ),
    "min_land_negative": (
        "scope.below_scale_min_land_mu 不能为负数",
        "scope.below_scale_min_land_mu cannot be negative",
    ),
    "multiple_not_positive": ("benchmark.multiple 应大于 0", "benchmark.multiple should be more than 0"),
    "bad_choice": (
        "「{where}」应为 {allowed} 之一，却是 {value}",
        "“{where}” should be one of {allowed}, not {value}",
    ),
    "min_ratio_above_max": (
        "benchmark.min_ratio 不能大于 max_ratio",
        "benchmark.min_ratio cannot be more than max_ratio",
    ),
    "percentile_classes": (
        "classes.percentile 应给出 A、B、C 三档的上限（%），D 为其余",
        "classes.percentile should give the upper limits (%) of A, B and C; D is the rest",
    ),
    "percentile_order": (
        "classes.percentile 应满足 0 ≤ A ≤ B ≤ C ≤ 100，却是 A={a}、B={b}、C={c}",
        "classes.percentile should satisfy 0 ≤ A ≤ B ≤ C ≤ 100, not A={a}, B={b}, C={c}",
    ),
    "score_classes": (
        "classes.score 应给出 A、B、C 三档的最低分，D 为其余",
        "classes.score should give the lowest scores of A, B and C; D is the rest",
    ),
    "score_order": (
        "classes.score 应满足 A ≥ B ≥ C，却是 A={a}、B={b}、C={c}",
        "classes.score should satisfy A ≥ B ≥ C, not A={a}, B={b}, C={c}",
    ),
    "max_reasons_negative": ("reasons.max_items 不能为负数", "reasons.max_items cannot be negative"),
}

# evaluation.group_config.*: the groups and the land-sharing rule (geo/evaluation/groups.py).
_GROUPS: dict[str, tuple[str, str]] = {
    "not_a_number": ("「{where}」应为数字，却是 {value}", "“{where}” should be a number, not {value}"),
    "not_mapping": ("{where} 应为键值结构", "{where} should hold keys and values"),
    "unknown_indicator": (
        "{where} 中的未知指标「{key}」；可用指标：{indicators[zh]}",
        "unknown indicator “{key}” in {where}; indicators available: {indicators[en]}",
    ),
    "not_positive": (
        "{where} 应为大于 0 的数，却是 {value}",
        "{where} should be a number above 0, not {value}",
    ),
    "negative": (
        "{where} 应为不小于 0 的数，却是 {value}",
        "{where} should be a number of 0 or more, not {value}",
    ),
    "cutoff_classes": (
        "{where} 应给出 A、B、C 三档（D 为其余）",
        "{where} should give A, B and C (D is the rest)",
    ),
    "percentile_order": (
        "{where} 应满足 0 ≤ A ≤ B ≤ C ≤ 100，却是 A={a:g}、B={b:g}、C={c:g}",
        "{where} should satisfy 0 ≤ A ≤ B ≤ C ≤ 100, not A={a:g}, B={b:g}, C={c:g}",
    ),
    "score_order": (
        "{where} 应满足 A ≥ B ≥ C，却是 A={a:g}、B={b:g}、C={c:g}",
        "{where} should satisfy A ≥ B ≥ C, not A={a:g}, B={b:g}, C={c:g}",
    ),
    "bad_tenant": (
        "{where} 应为 true（仅租户）、false（不含租户）或 any，却是 {value}",
        "{where} should be true (tenants only), false (no tenants) or any, not {value}",
    ),
    "group_fields": (
        "groups 第 {n} 项应为含 key 和 name 的键值结构",
        "item {n} of groups should hold keys and values with a key and a name",
    ),
    "unknown_keys": (
        "{where} 有未知的键 {keys[zh]}；可用：{allowed[zh]}",
        "{where} has unknown keys {keys[en]}; allowed: {allowed[en]}",
    ),
    "bad_size": (
        "{where} 应为 above（规上）、below（规下）或 any，却是 {value}",
        "{where} should be above (above designated size), below (below designated size) or any, not {value}",
    ),
    "land_interval": (
        "{where} 的 land_mu_min（{low:g}）应小于 land_mu_below（{high:g}）",
        "the land_mu_min ({low:g}) of {where} should be less than its land_mu_below ({high:g})",
    ),
    "scored_not_bool": ("{where} 应为 true 或 false", "{where} should be true or false"),
    "weights_sum": (
        "{where}（{name[zh]}）参与评分，其权重之和应大于 0",
        "{where} ({name[en]}) is scored, so its weights should add up to more than 0",
    ),
    "benchmark_keys": (
        "{where} 只能给出 fixed（该组的固定基准值）",
        "{where} can give fixed only (the group's fixed benchmarks)",
    ),
    "classes_keys": (
        "{where} 只能给出 method、percentile、score",
        "{where} can give method, percentile and score only",
    ),
    "bad_class_method": (
        "{where} 应为 percentile / score 之一，却是 {value}",
        "{where} should be one of percentile / score, not {value}",
    ),
    "not_a_list": (
        "groups 应为评价组列表（每组含 key、name、members …）",
        "groups should be a list of evaluation groups (each with key, name, members …)",
    ),
    "repeated_key": ("评价组的 key「{key}」重复", "the evaluation group key “{key}” repeats"),
    "overlap": (
        "评价组「{a[zh]}」与「{b[zh]}」有重叠：同一家企业可能同时属于两组",
        "the evaluation groups “{a[en]}” and “{b[en]}” overlap: one enterprise could belong to both",
    ),
    "sharing_unknown_keys": (
        "land_sharing 有未知的键 {keys[zh]}",
        "land_sharing has unknown keys {keys[en]}",
    ),
    "bad_sharing_rule": (
        "land_sharing.rule 应为 share（按比例分摊）或 host（全部计入房东），却是 {value}",
        "land_sharing.rule should be share (shared in proportion) or host (all counted to the landlord), "
        "not {value}",
    ),
}

# evaluation.zone_config.*: the zones' own scoring (the zones: section, geo/evaluation/zones.py).
_ZONES: dict[str, tuple[str, str]] = {
    "not_a_number": ("「{where}」应为数字，却是 {value}", "“{where}” should be a number, not {value}"),
    "not_mapping": ("zones 应为键值结构", "zones should hold keys and values"),
    "unknown_keys": ("未知的配置项 {keys[zh]}", "unknown settings {keys[en]}"),
    "sections_not_mapping": (
        "zones.weights、zones.benchmark、zones.classes 应为键值结构",
        "zones.weights, zones.benchmark and zones.classes should hold keys and values",
    ),
    "unknown_indicator": (
        "未知指标「{key}」；可用指标：{indicators[zh]}",
        "unknown indicator “{key}”; indicators available: {indicators[en]}",
    ),
    "negative": (
        "指标「{key}」的权重或基准不能为负数，却是 {value:g}",
        "the weight or benchmark of indicator “{key}” cannot be negative: {value:g}",
    ),
    "weights_sum": (
        "zones.weights 的权重之和应大于 0",
        "the weights of zones.weights should add up to more than 0",
    ),
    "fixed_not_positive": (
        "zones.benchmark.fixed 的基准值应大于 0",
        "the benchmarks of zones.benchmark.fixed should be more than 0",
    ),
    "multiple_not_positive": (
        "zones.benchmark.multiple 应大于 0",
        "zones.benchmark.multiple should be more than 0",
    ),
    "bad_choice": (
        "「{where}」应为 {allowed} 之一，却是 {value}",
        "“{where}” should be one of {allowed}, not {value}",
    ),
    "percentile_classes": (
        "zones.classes.percentile 应给出 A、B、C 三档上限（%），且 0 ≤ A ≤ B ≤ C ≤ 100",
        "zones.classes.percentile should give the upper limits (%) of A, B and C, with 0 ≤ A ≤ B ≤ C ≤ 100",
    ),
    "score_classes": (
        "zones.classes.score 应给出 A、B、C 三档最低分，且 A ≥ B ≥ C",
        "zones.classes.score should give the lowest scores of A, B and C, with A ≥ B ≥ C",
    ),
    "min_ratio_above_max": (
        "zones.benchmark.min_ratio 不能大于 max_ratio",
        "zones.benchmark.min_ratio cannot be more than max_ratio",
    ),
}

# Per area: (key prefix, the opening in both languages, the hint every message of the area shares).
_AREAS: tuple[tuple[str, dict[str, tuple[str, str]], tuple[str, str], tuple[str, str]], ...] = (
    (
        "evaluation.config",
        _RULES,
        ("评价配置有误：", "The evaluation configuration is wrong: "),
        (
            "请对照 geo/evaluation/evaluation.yaml 中的说明修改配置",
            "Correct the configuration following the notes in geo/evaluation/evaluation.yaml",
        ),
    ),
    (
        "evaluation.group_config",
        _GROUPS,
        ("评价配置有误：", "The evaluation configuration is wrong: "),
        (
            "请对照 geo/evaluation/evaluation.yaml 中 groups / land_sharing 的说明修改配置",
            "Correct the configuration following the notes on groups / land_sharing in "
            "geo/evaluation/evaluation.yaml",
        ),
    ),
    (
        "evaluation.zone_config",
        _ZONES,
        ("区镇评价配置有误：", "The zone evaluation configuration is wrong: "),
        (
            "请对照 geo/evaluation/evaluation.yaml 中 zones 一节的说明修改",
            "Correct it following the notes of the zones section in geo/evaluation/evaluation.yaml",
        ),
    ),
)


def _entries() -> dict[str, tuple[str, str]]:
    out = {}
    for prefix, table, (zh_opening, en_opening), hint in _AREAS:
        for name, (zh, en) in table.items():
            out[f"{prefix}.{name}"] = (zh_opening + zh, en_opening + en)
            out[f"{prefix}.{name}.hint"] = hint
    return out


MESSAGES: dict[str, tuple[str, str]] = _entries()

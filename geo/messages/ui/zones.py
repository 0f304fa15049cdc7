"""UI strings of the zones scored and the method selector on the 亩均效益评价 page: key -> (中文, English),
merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "zones.header": ("区镇/园区亩均效益评价", "Zones scored"),
    "zones.help": (
        "每个区镇/园区按其参评企业的汇总数（Σ分子 ÷ Σ分母）计算亩均指标，"
        "除以基准（默认全区汇总值的 2 倍）后加权得分，在区镇之间排名、分类；"
        "规则为本地默认规则的区域评价部分"
        "（浙政发〔2018〕5号：开发区、小微企业园、特色小镇也做亩产效益评价）。",
        "Each zone's indicators are pooled over its scored enterprises (Σ numerator ÷ Σ denominator), "
        "divided by a benchmark (by default 2× the area's pooled figure), weighted, then ranked and "
        "classed among the zones; rules: the zone part of the local default rules "
        "(Zhejiang 浙政发〔2018〕5号 scores zones too).",
    ),
    "zones.viewers": (
        "汇总查看：计入汇总的企业不足 {n} 家的区镇不显示其数据、得分与类别。",
        "Summary view: zones pooling fewer than {n} enterprises show no figures, score or class.",
    ),
    "zones.pick": ("区镇/园区", "Zone"),
    "zones.card.score": ("综合得分（分）", "Score (points)"),
    "zones.card.rank": ("区镇排名", "Rank among zones"),
    "zones.card.rank_help": (
        "1 为最好；变化为与上年相比上升（+）或下降（−）的位次",
        "1 is best; the change: places up (+) or down (−) from last year",
    ),
    "zones.card.class": ("区镇类别", "Zone class"),
    "zones.card.class_from": ("上年 {prev}（{steps:+d} 档）", "last year {prev} ({steps:+d})"),
    "zones.card.d_land": ("D 类企业用地", "Class-D land"),
    "zones.card.d_land_help": (
        "该区镇 D 类企业的用地合计：低效用地再开发可腾退的土地",
        "Land of the zone's class-D enterprises: what renewal could free",
    ),
    "zones.card.tax_per_mu": ("区镇亩均税收", "Zone's tax per mu"),
    "zones.card.sales_per_mu": ("区镇亩均销售收入", "Zone's sales per mu"),
    "zones.card.pooled": ("计入汇总 / 全部企业（家）", "Pooled / all enterprises"),
    "zones.card.mix": (
        "企业类别构成：{mix}（T 为不参评）",
        "Its enterprises by class: {mix} (T: not scored)",
    ),
    "zones.file": ("区镇评价", "zones_scored"),
    "zones.download.csv": ("区镇评价 CSV", "Zones CSV"),
    "zones.download.xlsx": ("区镇评价 XLSX", "Zones XLSX"),
    "zones.map": ("区镇按类别着色", "Zones coloured by class"),
    "method.pick": ("评价方法（起点）", "Method to start from"),
    "method.default": ("本地默认规则", "Local default rules"),
    "method.source": ("来源：{source}", "Source: {source}"),
    "method.used": ("评价方法：{title}", "Method: {title}"),
    "method.fixed": ("固定基准值：{items}", "Fixed benchmarks: {items}"),
    "method.missing": ("缺项规则：{rule}", "Missing data: {rule}"),
}

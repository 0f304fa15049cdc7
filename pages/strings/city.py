"""UI strings of the city views (the Suzhou-wide synthetic demo on 总览 and 亩均效益评价): key ->
(中文, English), merged into pages.strings.catalogue."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "city.data": ("数据", "Data"),
    "city.data.wujiang": ("吴江示例（16,766 家，合成）", "Wujiang (16,766, synthetic)"),
    "city.data.city": ("苏州全市（{n:,} 家，合成）", "Suzhou city ({n:,} enterprises, synthetic)"),
    "city.data_help": (
        "全市数据为合成示例：按《全面提升苏州制造业高质量发展核心竞争力》的规上企业数与产值校准，不代表任何真实企业。",
        "The city data are synthetic, calibrated to the city's 规上 count and output; no real enterprise.",
    ),
    "city.overview.header": (
        "苏州全市产业布局（合成企业）",
        "Suzhou city industrial layout (synthetic enterprises)",
    ),
    "city.eff.header": ("亩均效益评价 · 苏州全市（合成）", "Per-mu evaluation · Suzhou city (synthetic)"),
    "city.loading": (
        "正在载入全市合成数据（首次使用时生成，约需几分钟）…",
        "Loading the city's synthetic data (built on first use: a few minutes)…",
    ),
    "city.synthetic": (
        "全市企业与宗地均为合成数据（示意），按县级市（区）的集群重点与承载园区布置；"
        "城市缩放级别显示网格内企业数，放大后显示视图内的企业与宗地。",
        "All enterprises and parcels are synthetic (illustrative), placed by each district's "
        "cluster focus and carrier parks; at city zoom the map counts enterprises per grid cell, "
        "zoomed in it shows those in view.",
    ),
    "city.metric.enterprises": ("企业（家）", "Enterprises"),
    "city.metric.above": ("规上企业（家）", "Above-scale"),
    "city.metric.parcels": ("宗地（宗）", "Parcels"),
    "city.metric.districts": ("县级市（区）", "Districts"),
    "city.table.districts": ("各县级市（区）", "By district"),
    "city.provenance": ("数据来源与精度", "Sources and accuracy"),
    "city.scope": ("评价范围", "Scope"),
    "city.scope_help": (
        "苏州市：全市企业一起评价（基准取自全市）；选一个县级市（区）则只评价其企业，基准取自该区。",
        "Suzhou: all enterprises together (benchmarks from the city); a district: its enterprises only.",
    ),
    "city.eff.intro": (
        "默认规则（geo/evaluation/evaluation.yaml）评价 {year} 年；"
        "地图按网格显示各类企业数，放大后显示企业类别。",
        "Default rules (geo/evaluation/evaluation.yaml), year {year}; the map counts each class "
        "per grid cell, zoomed in it shows the enterprises' classes.",
    ),
    "city.eff.mix": ("各县级市（区）类别构成", "Class mix by district"),
    "city.eff.groups": ("分行业 × 县级市（区）× 规模汇总", "By industry × district × size"),
    "city.eff.top": ("评分前 {n} 家企业", "Top {n} enterprises by score"),
    "city.col.district": ("县级市（区）", "District"),
    "city.col.industry": ("行业", "Industry"),
    "city.col.size": ("规模", "Size"),
    "city.col.n": ("企业数", "Enterprises"),
    "city.col.above": ("规上企业数", "Above-scale"),
    "city.col.land": ("用地（亩）", "Land (mu)"),
    "city.col.tax": ("税收（万元）", "Tax (10k yuan)"),
    "city.col.tax_per_mu": ("亩均税收（万元/亩）", "Tax per mu (10k yuan)"),
    "city.col.name": ("企业名称", "Enterprise"),
    "city.col.score": ("得分", "Score"),
    "city.col.class": ("类别", "Class"),
    "city.col.scored": ("参评企业数", "Scored"),
    "city.col.mean_score": ("平均得分", "Mean score"),
    "city.col.pct": ("{c} 类占比（%）", "{c} share (%)"),
}

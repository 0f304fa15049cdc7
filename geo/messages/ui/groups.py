"""UI strings of 亩均效益评价's lists per group and the land allocation: key -> (中文, English),
merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "eff.groups.header": ("分组名单", "Lists per group"),
    "eff.groups.help": (
        "每个评价组单独排名、分类，单独公示（公示 XLSX 每组一张工作表）；"
        "组别、权重与分类标准见「评价参数」。",
        "Each group is ranked, classed and published on its own (one sheet per group in the publication "
        '(公示) workbook); the groups, their weights and cut-offs are under "Parameters".',
    ),
    "eff.groups.tab": ("{name}（{n:,} 家）", "{name} ({n:,})"),
    "eff.groups.small": ("规下（不足 {mu} 亩）", "Below designated size, < {mu} mu"),
    "eff.groups.none_group": ("未分组", "In no group"),
    "eff.groups.status.listed": (
        "不参评：{group}（仅列入名单，不评分）",
        "not scored: {group} (listed only)",
    ),
    "eff.groups.status.no_group": ("不参评：不属于任何评价组", "not scored: in no group"),
    "eff.groups.status.host": (
        "不参评：租户，用地全部计入房东「{host}」",
        "not scored: tenant, all land counted to its host “{host}”",
    ),
    "eff.land.header": ("用地分摊", "Land allocation"),
    "eff.land.text": (
        "共用宗地（园区）{compound}：合计 {compound_mu:,.2f} 亩；{role}；"
        "{rule}，分得 {share:.1f}% = {mu:,.2f} 亩"
        "（填报 {reported}）。亩均指标按分得的用地计算。",
        "Shared parcel/compound {compound}: {compound_mu:,.2f} mu in all; {role}; {rule}: {share:.1f}% = "
        "{mu:,.2f} mu (reported: {reported}). Its per-mu figures use that land.",
    ),
    "eff.land.host_of": ("房东（土地权利人）：{host}", "host (land holder): {host}"),
    "eff.land.role.host": ("本企业为房东（土地权利人）", "this enterprise holds the land (host)"),
    "eff.land.role.tenant": ("本企业为租户，房东为 {host}", "a tenant of {host}"),
    "eff.land.role.shared": ("无房东，共用宗地", "no host: the land is shared among equals"),
    "eff.land.rule.agreed": ("按约定分摊比例", "by the agreed shares"),
    "eff.land.rule.floor_area": ("按使用建筑面积分摊", "by floor area"),
    "eff.land.rule.equal": ("无建筑面积，平均分摊", "no floor areas: equal shares"),
    "eff.land.rule.host": ("用地全部计入房东", "all the land counted to the host"),
    "eff.land.none": ("未填报", "none"),
    "eff.land.col.role": ("用地身份", "Land role"),
    "eff.land.col.host": ("房东（土地权利人）", "Host (land holder)"),
    "eff.land.col.share": ("用地分摊比例（%）", "Land share (%)"),
    "eff.land.role_value.own": ("自有用地", "own land"),
    "eff.land.role_value.host": ("房东", "host"),
    "eff.land.role_value.tenant": ("租户", "tenant"),
    "eff.land.role_value.shared": ("共用", "shared"),
}

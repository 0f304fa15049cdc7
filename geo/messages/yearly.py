"""Words of the yearly outputs (geo/yearly/notice.py, surcharges.py): the method, weights and filters
in words, the parameter and group-method rows, the 公示 workbook's headings and columns, and the
units of the class prices: key -> (中文, English).

The yearly errors and the surcharge notes and column labels are in :mod:`geo.messages.evaluation`;
the marks that join the words (、 or a comma) in :mod:`geo.messages.marks`.
"""

from __future__ import annotations

_PARAMETERS: dict[str, tuple[str, str]] = {
    # the method paragraph (method_text)
    "yearly.method_text": (
        "综合得分 = Σ（指标值 ÷ 基准值 × 权重）± 加减分；基准值 = {within}{mean}均值 × {multiple:g}；{cap}。"
        "参评：规上企业，及用地不少于 {min_land:g} 亩的规下企业；{exclusions}等行业与投产不满 "
        "{min_years:g} 年的企业列为 T 类（不参评）。{cutoffs}（{ranking}）。",
        "Score = Σ (indicator ÷ benchmark × weight) ± adjustments; benchmark = {multiple:g}× {within} "
        "{mean} mean; {cap}. Scored: enterprises above designated size, and those below it on at least "
        "{min_land:g} mu; enterprises of excluded industries ({exclusions}) and those in production under "
        "{min_years:g} years are class T (not scored). {cutoffs} ({ranking}).",
    ),
    "yearly.mean_pooled": ("汇总", "pooled"),
    # whose mean (benchmark.within): each size group's own, or one for the whole area
    "yearly.within_size": ("本组（规上、规下各自）", "each group's own"),
    "yearly.within_all": ("全区", "the area"),
    "yearly.mean_simple": ("简单", "simple"),
    "yearly.no_exclusions": ("无", "none"),
    "yearly.ranked_by_size": ("规上、规下分别排名", "above and below designated size ranked separately"),
    "yearly.ranked_together": ("统一排名", "all ranked together"),
    # the weights of a size group, and the size groups by name
    # capitalised as a cell is, as the ranking's 规模 column says it ("Above designated size")
    "yearly.size_above": ("规上", "Above designated size"),
    "yearly.size_below": ("规下", "Below designated size"),
    "yearly.size_below_small": ("规下（不足 {mu} 亩）", "Below designated size, < {mu} mu"),
    "yearly.weights_total": ("{weights}（合计 {total:g}）", "{weights} (total {total:g})"),
    # configured weights and, an indicator left out for want of data, the others rescaled
    "yearly.weights_rescaled": (
        "配置权重 {weights}，{dropped}缺数据不计，其余按比例放大为 {used}",
        "configured weights {weights}, rescaled without {dropped} (no data) to {used}",
    ),
    # ... the missing inputs named, as the page's notes name them (walk12: the files said 无数据)
    "yearly.weights_rescaled_why": (
        "配置权重 {weights}，{why}，不计，其余按比例放大为 {used}",
        "configured weights {weights}, rescaled to {used} as {why}",
    ),
    "yearly.filters_all": ("全部", "all"),
    # the rows of a parameter sheet (parameter_rows)
    "yearly.param.item": ("项目", "Item"),
    "yearly.param.value": ("内容", "Value"),
    "yearly.param.year": ("评价年份", "Year"),
    "yearly.param.filters": ("筛选条件", "Filters"),
    "yearly.param.source": ("方法来源", "Method source"),
    "yearly.param.method": ("评价方法", "Method"),
    "yearly.param.weights": ("权重", "Weights"),
    "yearly.param.classes": ("分类", "Classes"),
    "yearly.param.benchmark": ("基准值 · {group} · {indicator}", "Benchmark · {group} · {indicator}"),
    # what one group's list was made with (group_method_rows)
    "yearly.group.method": ("评价方法", "Method"),
    "yearly.group.listed_only": (
        "仅列入名单，不评分（T 类，说明栏写明原因）",
        "listed, not scored (class T, the status says why)",
    ),
    "yearly.group.weights": ("指标权重", "Weights"),
    "yearly.group.benchmarks": ("基准值", "Benchmarks"),
    "yearly.group.classes": ("分类标准", "Classes"),
    "yearly.group.cutoffs": ("{cutoffs}（本组单独排名）", "{cutoffs} (ranked within the group)"),
    # the units of the class prices (a configuration's base_unit, in 中文, by its English name)
    "yearly.rate_unit": ("元/{unit}", "yuan/{unit}"),
    "yearly.base_unit.千瓦时": ("千瓦时", "kWh"),
    "yearly.base_unit.立方米": ("立方米", "m³"),
    # the consumption columns of the configured surcharges the enterprise catalogue does not name
    # (a note naming a missing one names it by these words, not by its field name)
    "yearly.use.water_m3": ("用水量（立方米）", "Water use (m³)"),
    "yearly.use.gas_m3": ("用气量（立方米）", "Gas use (m³)"),
}

_NOTICE: dict[str, tuple[str, str]] = {
    "yearly.notice.sheet": ("公示", "Notice"),
    "yearly.notice.class_label.A": ("优先发展", "Prioritise"),
    "yearly.notice.class_label.B": ("鼓励提升", "Encourage"),
    "yearly.notice.class_label.C": ("调整转型", "Adjust"),
    "yearly.notice.class_label.D": ("整治淘汰", "Rectify"),
    "yearly.notice.class_label.T": ("不参评", "Not scored"),
    "yearly.notice.title": (
        "工业企业资源集约利用综合评价结果公示",
        "Results of the evaluation of industrial enterprises' use of resources, for public notice",
    ),
    "yearly.notice.title_year": (
        "{year} 年度工业企业资源集约利用综合评价结果公示",
        "Results of the {year} evaluation of industrial enterprises' use of resources, for public notice",
    ),
    "yearly.notice.year": ("评价年份：{year}", "Evaluation year: {year}"),
    "yearly.notice.year_unknown": ("未标明", "not stated"),
    "yearly.notice.scope": ("范围：{filters}", "Scope: {filters}"),
    "yearly.notice.period": (
        "公示日期：{start}；公示期：{start} 至 {end}（共 {length}），期间如有异议请向主管部门书面反映。",
        "Published: {start}; objection period: {start} to {end} ({length}); objections go in writing "
        "to the competent department within it.",
    ),
    # the period's length (geo/yearly/period.py, geo/evaluation/objection_period.yaml)
    "yearly.period.working_days": ("{days} 个工作日", "{days} working days"),
    "yearly.period.working_days.one": ("{days} 个工作日", "{days} working day"),
    "yearly.period.calendar_days": ("{days} 天", "{days} days"),
    "yearly.period.calendar_days.one": ("{days} 天", "{days} day"),
    "yearly.period.bad_days": (
        "{file} 中的公示期天数（days）应为 1 到 {most} 的整数，却是 {value!r}",
        "The period's length (days) in {file} should be a whole number from 1 to {most}, not {value!r}",
    ),
    "yearly.period.bad_days.hint": (
        "如：days: 5（巢湖、蚌埠、景宁公示 5 个工作日至 7 天）",
        "E.g. days: 5 (巢湖, 蚌埠 and 景宁 publish for 5 working days to 7 days)",
    ),
    "yearly.period.bad_unit": (
        "{file} 中的公示期单位（unit）应为 working_days（工作日）或 calendar_days（自然日），却是 {value!r}",
        "The period's unit in {file} should be working_days or calendar_days, not {value!r}",
    ),
    "yearly.notice.source": ("数据来源：{source}", "Data source: {source}"),
    "yearly.notice.section_method": ("一、评价方法", "1. Method"),
    "yearly.notice.section_weights": ("二、指标权重", "2. Weights"),
    "yearly.notice.section_benchmarks": ("三、基准值", "3. Benchmarks"),
    "yearly.notice.section_classes": ("四、分类标准", "4. Classes"),
    "yearly.notice.section_lists": ("五、评价结果名单", "5. The lists"),
    "yearly.notice.head_size": ("规模", "Size"),
    "yearly.notice.head_indicator": ("指标", "Indicator"),
    "yearly.notice.head_weight": ("权重（分）", "Weight (points)"),
    "yearly.notice.head_benchmark": ("基准值", "Benchmark"),
    "yearly.notice.head_weight_used": ("实际采用权重（分）", "Weight applied (points)"),
    "yearly.notice.head_note": ("说明", "Note"),
    "yearly.notice.weight_dropped": (
        "无数据，未参评；其权重按比例分给其余指标",
        "no data: left out, its weight shared among the others in proportion",
    ),
    "yearly.notice.class_heading": (
        "{cls} 类（{label}）：{n:,} 家",
        "Class {cls} ({label}): {n:,} enterprises",
    ),
    "yearly.notice.class_none": ("本类无企业。", "No enterprises in this class."),
    "yearly.notice.group_empty": ("无企业，未评价", "no enterprises, not evaluated"),
    # a group the whole evaluation has but the page's chosen scope (区镇/园区 …) does not (walk 14)
    "yearly.notice.group_empty_scope": ("本范围无企业", "no enterprises in this scope"),
    "yearly.notice.class_sheet": ("{cls} 类名单", "Class {cls}"),
    "yearly.notice.group_title": ("评价结果公示", "Results for public notice"),
    # (a group's name ending in a Latin letter or digit is given with its space: 「Group A 名单」)
    "yearly.notice.group_sheet": ("{group}名单", "{group} list"),
    "yearly.notice.group_heading": ("{title} · {group}（{n:,} 家）", "{title} · {group} ({n:,} enterprises)"),
    "yearly.notice.footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    # the columns of the lists
    "yearly.notice.head.number": ("序号", "No."),
    "yearly.notice.head.ent_id": ("企业编号", "Enterprise ID"),
    "yearly.notice.head.name": ("企业名称", "Enterprise name"),
    "yearly.notice.head.zone": ("区镇/园区", "Town/park"),
    "yearly.notice.head.town": ("填报区镇", "Stated town"),  # as the ranking heads it (walk18 b6)
    "yearly.notice.head.industry": ("行业", "Industry"),
    "yearly.notice.head.size_class": ("规模", "Size"),
    "yearly.notice.head.land_mu": ("用地面积（亩）", "Land (mu)"),
    "yearly.notice.head.score": ("综合得分（分）", "Score (points)"),
    "yearly.notice.head.eval_class": ("类别", "Class"),
    "yearly.notice.head.status": ("说明", "Status"),
    "yearly.notice.head.rank": ("组内排名", "Group rank"),
    "yearly.notice.head.land_role": ("用地身份", "Land role"),
    "yearly.notice.head.land_host_name": ("房东（土地权利人）", "Host (land holder)"),
    "yearly.notice.head.land_share": ("用地分摊比例", "Share of the land"),
}

MESSAGES: dict[str, tuple[str, str]] = {**_PARAMETERS, **_NOTICE}

"""Words of the evaluation's outputs (not errors): column headers of the zone and yearly tables,
the rows of a zone table's rules sheet, its notes, the small words of the indicators, and the
publication's states, decisions and fields named in its messages: key -> (中文, English)."""

from __future__ import annotations


def _columns(prefix: str, table: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {f"{prefix}.{column}": words for column, words in table.items()}


# The headers of a zone score table (geo/evaluation/zones.py zone_labels), by column.
ZONE_COLUMNS: dict[str, tuple[str, str]] = {
    "zone": ("区镇/园区", "Town/park"),
    "year": ("年份", "Year"),
    "n_enterprises": ("企业数（家）", "Enterprises"),
    "n_pooled": ("计入汇总企业数（家）", "Enterprises pooled"),
    "land_mu": ("用地面积（亩）", "Land (mu)"),
    "tax_wan_yuan": ("税收（万元）", "Tax (10k yuan)"),
    "sales_wan_yuan": ("销售收入（万元）", "Sales (10k yuan)"),
    "value_added_wan_yuan": ("工业增加值（万元）", "Value added (10k yuan)"),
    "score": ("综合得分（分）", "Score (points)"),
    "rank": ("区镇排名", "Rank among zones"),
    "n_ranked": ("参与排名区镇数", "Zones ranked"),
    "rank_pct_from_top": ("排名百分位（%，自高到低）", "Rank percentile (% from top)"),
    "zone_class": ("区镇类别", "Zone class"),
    "d_land_mu": ("D 类企业用地（亩）", "Class-D land (mu)"),
    "d_land_share_pct": ("D 类用地占比（%）", "Class-D share of land (%)"),
    "score_prev": ("上年得分（分）", "Last year's score"),
    "score_change": ("得分变化（分）", "Score change"),
    "rank_prev": ("上年排名", "Last year's rank"),
    "rank_change": ("排名变化（位，正为上升）", "Rank change (+ = up)"),
    "class_prev": ("上年类别", "Last year's class"),
    "class_steps": ("类别变化（档，正为升档）", "Class change (steps, + = up)"),
    "n_A": ("A 类企业（家）", "Class A"),
    "n_B": ("B 类企业（家）", "Class B"),
    "n_C": ("C 类企业（家）", "Class C"),
    "n_D": ("D 类企业（家）", "Class D"),
    "n_T": ("T 类不参评（家）", "Class T"),
}

# The headers of the yearly tables (geo/yearly/transitions.py YEARLY_LABELS), by column.
YEARLY_COLUMNS: dict[str, tuple[str, str]] = {
    "year": ("年份", "Year"),
    "from_class": ("上年类别", "Class last year"),
    "to_class": ("本年类别", "Class this year"),
    "n_enterprises": ("企业数（家）", "Enterprises"),
    "land_mu": ("用地面积（亩）", "Land (mu)"),
    "steps": ("升降档数（正为上升）", "Classes moved (+ up)"),
    "change": ("变化", "Change"),
    "score_prev": ("上年得分（分）", "Score last year"),
    "score": ("本年得分（分）", "Score this year"),
    "score_change": ("得分变化（分）", "Score change"),
    "moved_by": ("主要变动指标", "Indicators that moved it"),
    "moved_by_en": ("主要变动指标（英文）", "Indicators that moved it"),
    "rule": ("预警规则", "Rule"),
    "warning": ("预警", "Warning"),
    "reason": ("预警依据", "Why"),
    "reason_en": ("预警依据（英文）", "Why"),
    "n_paying": ("缴纳企业数（家）", "Enterprises paying"),
    "total_wan_yuan": ("差别化收费合计（万元）", "Surcharges total (10k yuan)"),
    "land_policy": ("用地政策", "Land policy"),
    "rank_in_industry": ("行业内排名", "Rank in industry"),
    "rank_in_zone": ("区镇内排名", "Rank in town"),
    "rank_in_size": ("同规模内排名", "Rank in size group"),
    "warnings": ("当年预警", "Warnings that year"),
    **{f"n_{c}": (f"{c} 类（家）", f"Class {c}") for c in ("A", "B", "C", "D", "T")},
}

# The headers of a zone metrics table (geo/evaluation/metrics.py zone_metric_labels) that are not
# columns of the column catalogue.
ZONE_METRIC_COLUMNS: dict[str, tuple[str, str]] = {
    "zone": ("区域", "Zone"),
    "n_enterprises": ("企业数（家）", "Enterprises"),
    "zone_area_mu": ("区域面积（亩）", "Zone area (mu)"),
    "emission_equiv": ("排放当量（当量）", "Pollutant equivalents (equiv.)"),
}

# The publication (geo/publication/): a version's state, an objection's decision, the fields its
# messages name (``what``), a version's kind.
PUBLICATION_WORDS: dict[str, tuple[str, str]] = {
    "publication.state.draft": ("草稿", "draft"),
    "publication.state.published": ("公示", "published"),
    "publication.state.final": ("定案", "final"),
    "publication.locked": ("已锁定", "locked"),
    "publication.decision.accepted": ("采纳", "accepted"),
    "publication.decision.rejected": ("驳回", "rejected"),
    "publication.decision.pending": ("待定", "pending"),
    "publication.field_choice": ("{key}（{label}）", "{key} ({label})"),
    "publication.kind.score": ("评价结果", "evaluation results"),
    "publication.kind.land": ("用地清单", "land list"),
    "publication.register_title": ("异议登记表", "Objection register"),
    "publication.register_sheet": ("异议登记", "Objections"),
    "publication.corrected_title": ("（异议更正，{version}）", " (corrected after objections, {version})"),
    "publication.not_recorded": ("未记录", "not recorded"),
    "publication.weights_used": ("实际采用权重", "Weights applied"),
    "publication.weights_not_recorded": (
        "未记录（本版本保存时尚未保存实际采用的权重；配置权重见上）",
        "not recorded (saved before the weights applied were kept; the configured weights are above)",
    ),
    "publication.departments_missing": (
        "{file} 中没有列出任何核实部门（departments）",
        "{file} lists no verifying department (departments)",
    ),
    "publication.department_unnamed": (
        "{file} 中第 {n} 个核实部门缺少中文名（zh）或英文名（en）",
        "Department {n} in {file} has no Chinese (zh) or English (en) name",
    ),
    "publication.department_no_code": (
        "{file} 中第 {n} 个核实部门（{name}）缺少代码（code），异议按代码保存部门",
        "Department {n} ({name}) in {file} has no code: objections store the department by its code",
    ),
    "publication.department_code_twice": (
        "{file} 中有两个核实部门的代码都是「{code}」",
        "Two departments in {file} have the code “{code}”",
    ),
    "publication.department_unknown_code": (
        "{file} 的 checked_by 把指标 {indicator} 交给代码为「{code}」的部门，但没有这个部门（已有：{codes}）",
        "checked_by in {file} sends indicator {indicator} to department “{code}”, which is not listed "
        "(listed: {codes})",
    ),
    "publication.department_unknown": (
        "没有名为「{department}」的核实部门",
        "There is no verifying department “{department}”",
    ),
    "publication.department_unknown.hint": (
        "可选：{choices[zh]}（部门在 geo/publication/departments.yaml 中配置）",
        "Choose one of: {choices[en]} (departments are configured in geo/publication/departments.yaml)",
    ),
    "publication.window_line": (
        "公示期：{start} 至 {end}；期间如有异议，请持证明材料向主管部门书面反映（在“公示与异议”页登记）。",
        "Objection period: {start} to {end}; objections go in writing, with evidence, to the competent "
        "department within it (recorded on the Publication & objections page).",
    ),
    "publication.weight_dropped_why": (
        "{why}，未参评；其权重按比例分给其余指标",
        "{why}: left out, its weight shared among the others in proportion",
    ),
    # what class T is, wherever a 公示 page or workbook shows the letter (DOMAIN: T 不参评, what the
    # rules exclude)
    "publication.class_t": (
        "T 类：不参评——评价规则排除、不计分不排名的企业（如规下且用地不足规定亩数、投产不满规定年限、"
        "公用事业等行业）。",
        "Class T: not scored — enterprises the evaluation rules exclude, with no score or rank (e.g. below"
        " designated size on too little land, in production too short a time, utilities).",
    ),
    "publication.class_t_reason": (
        "每家的原因见「{column}」列。",
        "Each one's reason is in the {column} column.",
    ),
    "publication.group_heading": ("{title} · {group}（{n} 家）", "{title} · {group} ({n} enterprises)"),
    "publication.field.department": ("核实部门", "the verifying department"),
    "publication.field.department_answer": ("部门答复", "the department's answer"),
    "publication.field.evidence_name": ("证据文件名", "the evidence file's name"),
    "publication.field.final_answer": ("核实部门的答复", "the verifying department's answer"),
    "publication.field.decision_note": ("决定理由", "the reason for the decision"),
    "publication.provenance.objection": ("异议 {id}", "objection {id}"),
    "publication.provenance.land_list": ("用地清单 {id}", "land list {id}"),
    "publication.field.window_start": ("公示开始日期", "the first day of publication"),
    "publication.field.window_end": ("公示结束日期", "the last day of publication"),
}

# The notes of an evaluation (geo/evaluation/notes.py): what scoring did not do as configured.
NOTES: dict[str, tuple[str, str]] = {
    "evaluation.missing_rule.zero": ("缺项不得分", "a missing item scores 0"),
    "evaluation.missing_rule.mean": (
        "缺项按本组（规上/规下）该项平均得分计",
        "a missing item scores its group's average points for that item",
    ),
    "evaluation.missing_rule.drop": (
        "缺项不计，其余指标得分按权重比例折算到满分",
        "a missing item is left out and the other items are scaled up to the full weight",
    ),
    "evaluation.size.above": ("规上", "above designated size"),
    "evaluation.size.below": ("规下", "below designated size"),
    "evaluation.dropped_no_data": ("{label}缺少{inputs}数据", "{label} has no {inputs} data"),
    "evaluation.dropped_no_benchmark": ("{label}基准无法计算", "{label} has no usable benchmark"),
    "evaluation.note_year_column_unused": (
        "企业表有投产年份「{column}」但未给出评价年份：未应用“投产不满年限不参评”规则",
        "The table has '{column}' but no evaluation year: the years-in-production rule was not applied",
    ),
    "evaluation.note_dropped": (
        "{size[zh]}企业：指标 {words[zh]}，已从评分中去掉，其余权重按比例放大到合计 {total:g}",
        "Enterprises {size[en]}: {words[en]}, left out; the other weights were scaled up to {total:g}",
    ),
    "evaluation.note_missing_items": (
        "{n} 家参评企业缺少部分指标数据，{rule[zh]}",
        "{n} scored enterprises lack data for some indicators: {rule[en]}",
    ),
    "evaluation.note_absent_adjustment": (
        "加减分项「{name}」：表中没有字段「{column}」，未应用",
        "Bonus/penalty item '{name}': the table has no column '{column}'; not applied",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **NOTES,
    **PUBLICATION_WORDS,
    "evaluation.with_unit": ("{label}（{unit}）", "{label} ({unit})"),
    "evaluation.points_of": ("{label}得分（分）", "{label} points"),
    "evaluation.input_emission_equiv": ("污染物排放当量", "pollutant equivalent"),
    "evaluation.no_data": ("无数据", "no data"),
    "evaluation.preview_more": ("{shown[zh]} 等 {n} 个", "{shown[en]} … ({n} in all)"),
    "evaluation.no_methods": ("（无）", "(none)"),
    "evaluation.no_location_outside": (
        "{n} 家企业没有位置，计入区域外",
        "{n} enterprises have no location: counted as outside every zone",
    ),
    "evaluation.overlap_first_zone": (
        "{n} 家企业位于区域重叠处，已归入排在前面的区域",
        "{n} enterprises lie where zones overlap and went to the first zone",
    ),
    "evaluation.unknown_zone_names": (
        "以下区域名称不在区域图层中，相应企业计入区域外：{names[zh]}",
        "These zone names are not in the zone layer; their enterprises count as outside: {names[en]}",
    ),
    # The rules sheet of a zone table (geo/evaluation/zones.py rules_rows).
    "evaluation.zone_rules.item": ("项目", "Item"),
    "evaluation.zone_rules.value": ("内容", "Value"),
    "evaluation.zone_rules.year": ("年份", "Year"),
    "evaluation.zone_rules.year_unknown": ("未注明", "not stated"),
    "evaluation.zone_rules.pool": ("汇总范围", "Pooled"),
    "evaluation.zone_rules.pool_scored": ("参评企业", "scored enterprises"),
    "evaluation.zone_rules.pool_all": ("全部企业", "all enterprises"),
    "evaluation.zone_rules.weights": ("权重", "Weights"),
    "evaluation.zone_rules.benchmarks": ("基准值", "Benchmarks"),
    "evaluation.zone_rules.classes": ("分类", "Classes"),
    "evaluation.zone_rules.percentile": (
        "按排名百分位：A 前 {a:g}%，B 至 {b:g}%，C 至 {c:g}%，其余 D",
        "By percentile: A top {a:g} %, B to {b:g} %, C to {c:g} %, rest D",
    ),
    "evaluation.zone_rules.score": (
        "按得分线：A ≥ {a:g}，B ≥ {b:g}，C ≥ {c:g}，其余 D",
        "By score: A ≥ {a:g}, B ≥ {b:g}, C ≥ {c:g}, rest D",
    ),
    "evaluation.zone_rules.source": ("来源", "Source"),
    "evaluation.zone_rules.source_text": (
        "geo/evaluation/evaluation.yaml zones（浙政发〔2018〕5号）",
        "geo/evaluation/evaluation.yaml zones (Zhejiang provincial government document 浙政发〔2018〕5号)",
    ),
    "evaluation.zone_rules.note": ("说明", "Note"),
    "evaluation.zones_dropped": (
        "区镇评价：{labels[zh]}没有数据，已从评分中去掉，其余权重按比例放大到合计 {total:g}",
        "Zones: {labels[en]} have no data and were left out; the other weights scaled up to {total:g}",
    ),
    # An enterprise's warnings of one year (geo/yearly/transitions.py enterprise_profile).
    "yearly.warning_reason": ("{warning}：{reason}", "{warning}: {reason}"),
    **_columns("evaluation.zone_col", ZONE_COLUMNS),
    **_columns("yearly.col", YEARLY_COLUMNS),
    **_columns("evaluation.zone_metric_col", ZONE_METRIC_COLUMNS),
}

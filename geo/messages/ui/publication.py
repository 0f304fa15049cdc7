"""UI strings of the 公示与异议 page: key -> (中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "pub.page": ("公示与异议", "Publication & objections"),
    "pub.file.register": ("异议登记", "objections_register"),
    "pub.header": ("评价公示、异议与定案", "Publication, objections and the final result"),
    "pub.intro": (
        "年度评价（或先行公示的用地清单）存为版本：草稿 → 公示（公示期内受理异议）→ 定案（锁定，不再修改）。"
        "采纳的异议修改对应数值并重新评价，存为替换原版本的新草稿。",
        "The year's evaluation (or the land list, published first) is kept as versions: draft → published "
        "(objections heard during the window) → final (locked). An accepted objection changes that value and "
        "the year is evaluated again as a new draft replacing the published version.",
    ),
    "pub.none": ("还没有已公示或已定案的版本。", "No version has been published or finalized yet."),
    "pub.none_editor": (
        "还没有版本。请在下方「保存草稿」中把当前评价存为第一个版本。",
        "No versions yet. Save the current evaluation as the first one under “Save a draft” below.",
    ),
    "pub.viewer_note": (
        "您以查看者身份浏览：可见已公示和已定案的版本及各类企业数；逐企业名单仅对登录的工作人员显示。",
        "You are browsing as a viewer: published and final versions and their class counts are shown; "
        "enterprise rows are for signed-in staff only.",
    ),
    "pub.versions": ("版本", "Versions"),
    "pub.version": ("查看版本", "Version"),
    "pub.state.draft": ("草稿", "draft"),
    "pub.state.published": ("公示", "published"),
    "pub.state.final": ("定案", "final"),
    "pub.state_replaced": ("（已重新评价为 {new}）", " (evaluated again as {new})"),
    "pub.kind.score": ("评价结果", "Evaluation"),
    "pub.kind.land": ("用地清单", "Land list"),
    "pub.col.version_id": ("版本", "Version"),
    "pub.col.kind": ("类型", "Kind"),
    "pub.col.year": ("年度", "Year"),
    "pub.col.title": ("标题", "Title"),
    "pub.col.state": ("状态", "State"),
    "pub.col.window": ("公示期", "Window"),
    "pub.col.replaces": ("替换", "Replaces"),
    "pub.col.replaced_by": ("被替换为", "Replaced by"),
    "pub.col.land_version": ("所用用地清单", "Land list used"),
    "pub.col.n_results": ("企业数", "Firms"),
    "pub.col.created": ("保存人 · 北京时间", "Saved (Beijing time)"),
    "pub.col.finalized": ("定案人 · 时间", "Finalized by · at"),
    # the English versions table in short on screen (walk 18 b3: its state and title were cut at 1280)
    "pub.state_replaced_short": ("（已重新评价为 {new}）", " (→ {new})"),
    "pub.corrected_short": ("（异议更正，{version}）", " (corrected, {version})"),
    "pub.col.saved_at": ("保存时间（北京时间）", "Saved (Beijing)"),
    "pub.col.saved_by": ("保存人", "Saved by"),
    "pub.col.short_help": (
        "英文页面上为简写：“→ V2”即已重新评价为 V2；“(corrected, V2)”即异议更正后的 V2。",
        "In short on screen: “→ V2” = evaluated again as V2; “(corrected, V2)” = corrected after"
        " objections, as V2.",
    ),
    # the columns of a table beyond its edge at 1280, named under it (walk21 b4: none in view, no cue)
    "pub.more_columns": (
        "右侧另有列：{columns}（窗口较窄时左右拖动表格查看）",
        "Further columns on the right: {columns} (scroll the table sideways in a narrow window)",
    ),
    "pub.col.class": ("类别", "Class"),
    "pub.col.class_meaning": ("含义", "Meaning"),
    "pub.col.count": ("企业数", "Enterprises"),
    "pub.detail": ("{label}：{title}{window}", "{label}: {title}{window}"),
    "pub.detail_window": ("；公示期 {start} 至 {end}", "; window {start} to {end}"),
    "pub.locked": (
        "该版本已定案（{who}，{at}），任何内容都不能再修改；如需更正，请另存新版本并注明替换它。",
        "This version is final ({who}, {at}): nothing in it changes again; a correction is a new version "
        "that names it as the one it replaces.",
    ),
    "pub.inputs": ("输入：{items}", "Inputs: {items}"),
    "pub.class_counts": ("各类别企业数", "Enterprises per class"),
    "pub.results": ("逐企业结果", "Results per enterprise"),
    "pub.download_results": ("下载结果（XLSX）", "Download the results (XLSX)"),
    "pub.download_register": ("下载异议登记表（XLSX）", "Download the objection register (XLSX)"),
    "pub.tab.save": ("保存草稿", "Save a draft"),
    "pub.tab.publish": ("公示", "Publish"),
    "pub.tab.objections": ("异议", "Objections"),
    "pub.tab.finalize": ("重新评价与定案", "Re-evaluate & finalize"),
    "pub.tab.compare": ("比较版本", "Compare versions"),
    "pub.save.kind": ("保存什么", "What to save"),
    "pub.save.enterprises": ("企业表", "Enterprise table"),
    "pub.save.zones": ("区域", "Zones"),
    "pub.save.demo": ("演示数据", "Demo data"),
    "pub.save.year": ("年度", "Year"),
    "pub.save.undated": ("（表中未标年度）", "(no year in the table)"),
    "pub.save.config": ("评价配置", "Evaluation configuration"),
    "pub.save.config.default": (
        "本地默认规则",
        "Local default rules",
    ),
    "pub.save.config.session": (
        "本次会话在「亩均效益评价」页应用的配置",
        "The configuration applied on the evaluation page in this session",
    ),
    "pub.save.as_evaluated": (
        "企业表、区域、年度和评价配置与亩均效益评价页所选一致",
        "Enterprise table, zones, year and configuration as chosen on the per-mu efficiency page",
    ),
    "pub.save.as_evaluated_land": (
        "企业表和年度与亩均效益评价页所选一致",
        "Enterprise table and year as chosen on the per-mu efficiency page",
    ),
    "pub.save.config.official": ("正式配置：{name}", "Official: {name}"),
    "pub.save.config.named": ("命名配置：{name}", "Named: {name}"),
    "pub.save.land_version": ("用地依据", "Land from"),
    "pub.save.land_none": ("企业表中的用地面积", "The enterprise table's land"),
    "pub.save.parcels": ("宗地图层（可选）", "Parcel layer (optional)"),
    "pub.save.parcels_none": ("不用宗地，按企业表的用地面积", "No parcels: the table's land"),
    "pub.save.parcels_demo": ("演示宗地", "Demo parcels"),
    "pub.save.working": (
        "正在评价并保存草稿（全部企业的得分、排名和类别），请稍候…",
        "Evaluating and saving the draft (every enterprise's score, rank and class); please wait…",
    ),
    "pub.save.title": ("版本标题", "Title of the version"),
    "pub.save.title_default": ("{year} 年度{kind}", "{kind} {year}"),
    "pub.save.button": ("存为草稿版本", "Save as a draft version"),
    "pub.save.done": (
        "已保存为 {label}（{n} 家企业），已记入留痕。",
        "Saved as {label} ({n} enterprises); recorded.",
    ),
    "pub.publish.version": ("要公示的草稿", "Draft to publish"),
    "pub.publish.none": ("没有草稿版本。", "There is no draft."),
    "pub.publish.start": ("公示开始日期", "Window starts"),
    "pub.publish.end": ("公示结束日期（含当日）", "Window ends (inclusive)"),
    "pub.publish.end_help": (
        "默认为今天起的公示期（{length}，按公示期设置；工作日不含周末）；遇法定节假日或调休请手动调整",
        "Proposed: today plus the configured period ({length};"
        " working days leave out weekends); move it by hand over public holidays",
    ),
    "pub.publish.button": ("公示", "Publish"),
    "pub.publish.done": ("已公示 {label}。", "Published {label}."),
    "pub.obj.version": ("公示中的版本", "Published version"),
    "pub.obj.none": ("没有公示中的版本。", "No version is published."),
    "pub.obj.record": ("登记异议", "Record an objection"),
    "pub.obj.enterprise": ("企业", "Enterprise"),
    "pub.obj.indicator": ("异议指标", "Indicator"),
    "pub.obj.value": ("企业申诉的数值", "Value claimed"),
    "pub.obj.current": ("该版本中的数值：{value}", "Value in this version: {value}"),
    "pub.obj.evidence": ("证据文件", "Evidence file"),
    "pub.obj.evidence_help": (
        "完税证明、统计报表、不动产证等的扫描件；不超过 {mb} MB，文件保存在存储中。",
        "A scan of a tax certificate, statistics return, title deed…; at most {mb} MB, kept in the store.",
    ),
    "pub.obj.department": ("核实部门", "Department asked"),
    "pub.obj.department_help": (
        "默认为提供该指标数据的部门（用地面积 → 自然资源和规划局，用电量 → 供电公司，"
        "税收 → 税务局 …），可改选",
        "Proposed: the department that supplied the figure (land → natural resources and planning bureau, "
        "electricity → power supply company, tax → tax bureau …); pick another if needed",
    ),
    "pub.obj.answer": ("部门答复（可稍后填写）", "Department's answer (may follow later)"),
    "pub.obj.no_decision": (
        "请先选择决定：采纳或驳回（不预设，须由经办人选定）。",
        "Choose the decision first: accept or reject (none is preset; it is yours to make).",
    ),
    "pub.obj.no_file": ("请先上传证据文件。", "Upload the evidence file first."),
    "pub.obj.no_value": (
        "请填写企业申诉的数值（企业主张的正确数值）。",
        "Enter the value claimed (the figure the enterprise says is right).",
    ),
    "pub.obj.button": ("登记异议", "Record the objection"),
    "pub.obj.done": ("已登记异议 {id}。", "Objection {id} recorded."),
    "pub.obj.decide": ("决定异议", "Decide an objection"),
    "pub.obj.pending": ("待决定的异议", "Objection to decide"),
    "pub.obj.no_pending": ("没有待决定的异议。", "No objection is waiting for a decision."),
    "pub.obj.decision": ("决定", "Decision"),
    "pub.obj.decision.accepted": ("采纳", "accept"),
    "pub.obj.decision.rejected": ("驳回", "reject"),
    "pub.obj.final_answer": ("核实部门的答复", "The department's answer"),
    "pub.obj.decide_button": ("记录决定", "Record the decision"),
    "pub.obj.decided": ("异议 {id}：{decision}。", "Objection {id}: {decision}."),
    "pub.obj.register": ("异议登记", "Objection register"),
    "pub.obj.evidence_of": ("查看证据：异议", "Evidence of objection"),
    "pub.obj.evidence_download": ("下载证据文件", "Download the evidence file"),
    "pub.obj.empty": ("该版本还没有异议。", "No objections to this version yet."),
    "pub.re.version": ("按异议重新评价的版本", "Version to evaluate again"),
    "pub.re.button": ("重新评价（存为替换它的新草稿）", "Evaluate again (a new draft replacing it)"),
    "pub.re.working": (
        "正在重新评价：以已采纳的异议数值重算全部企业的得分、排名和类别，并存为新草稿，请稍候…",
        "Evaluating again: every enterprise's score, rank and class with the accepted objections' "
        "values, saved as a new draft; please wait…",
    ),
    "pub.re.done": ("已存为 {label}，替换 {old}。", "Saved as {label}, replacing {old}."),
    "pub.fin.version": ("要定案的版本", "Version to finalize"),
    "pub.fin.none": (
        "没有可定案的版本（需已公示，或是更正已公示版本的草稿）。",
        "No version can be finalized (it must be published, or a draft correcting a published one).",
    ),
    "pub.fin.confirm": (
        "我确认：定案后该版本不能再修改",
        "I confirm: once final, this version never changes",
    ),
    "pub.fin.button": ("定案", "Finalize"),
    "pub.fin.done": ("{label} 已定案。", "{label} is final."),
    "pub.cmp.before": ("原版本", "Before"),
    "pub.cmp.after": ("新版本", "After"),
    "pub.cmp.need_two": ("至少需要两个版本才能比较。", "Comparing needs two versions."),
    "pub.cmp.summary": (
        "{n} 家企业有变化，其中 {moved} 家类别改变。",
        "{n} enterprises changed; {moved} of them changed class.",
    ),
    "pub.why.moved": (
        "基准值随之变化：{moves}；{n} 家企业得分变动，{classes} 家类别变动。",
        "The benchmarks moved with the corrected values: {moves}; {n} enterprises' scores changed, "
        "{classes} changed class.",
    ),
    "pub.why.counts": (
        "{n} 家企业得分变动，{classes} 家类别变动。",
        "{n} enterprises' scores changed, {classes} changed class.",
    ),
    "pub.why.move": ("{indicator}基准 {before} → {after}", "{indicator} benchmark {before} → {after}"),
    "pub.why.move_group": (
        "{indicator}基准（{group}）{before} → {after}",
        "{indicator} benchmark ({group}) {before} → {after}",
    ),
    "pub.chg.head": (
        "类别变动的企业（逐家见「比较版本」标签页）：",
        "Enterprises whose class changed (each one in the Compare versions tab):",
    ),
    "pub.chg.head_here": ("类别变动的企业：", "Enterprises whose class changed:"),
    "pub.chg.item": ("{name}（{id}）：{before} → {after}{why}", "{name} ({id}): {before} → {after}{why}"),
    "pub.chg.own": ("（自身数据经异议更正）", " (its own values corrected after an objection)"),
    "pub.chg.bench": (
        "（未提异议，自身数据未变：因基准变化）",
        " (filed no objection, its own values unchanged: the benchmarks moved)",
    ),
    "pub.chg.bench_objected": (
        "（自身数据未变：因基准变化）",
        " (its own values unchanged: the benchmarks moved)",
    ),
    "pub.chg.more": ("另有 {n} 家，见「比较版本」。", "{n} more: see Compare versions."),
    "pub.chg.more_here": ("另有 {n} 家，见下表。", "{n} more: in the table below."),
    "pub.fin.unheard": (
        "以下企业因基准变化降档，未经公示：{firms}。"
        "定案前请告知这些企业：可先公示 {version}，让它们提出异议。",
        "These enterprises moved down a class because the benchmarks moved, and this has not been "
        "published: {firms}. Tell them before finalizing: publish {version} first, so that they can object.",
    ),
    "pub.corrected": ("（异议更正）", " (corrected after objections)"),
    "pub.obj.closed": (
        "{old} 已公示，但已按异议重新评价为 {new}（{state}）：对 {old} 的异议不再受理，"
        "其异议登记随 {new} 一并提供；请在「重新评价与定案」中定案 {new}。",
        "{old} is published but was evaluated again after its objections as {new} ({state}): objections "
        "to {old} are closed and its register comes with {new}; finalize {new} under “Re-evaluate & "
        "finalize”.",
    ),
    "pub.obj.answered": (
        "{department}的答复：{answer}（{who} 记录，{at}）",
        "{department}'s answer: {answer} (recorded by {who}, {at})",
    ),
    "pub.obj.reason": ("决定理由（可选）", "Reason for the decision (optional)"),
    "pub.role.enterprises": ("企业表", "enterprises"),
    "pub.role.zones": ("区域", "zones"),
    "pub.role.parcels": ("宗地", "parcels"),
    "pub.res.ent_id": ("企业编号", "Enterprise ID"),
    "pub.res.name": ("企业名称", "Name"),
    "pub.res.size_group": ("评价组", "Group"),
    # the English results name the size groups short on screen (names whole at 1280: walk 18 b3)
    "pub.res.group_above_short": ("规上", "Above des. size"),
    "pub.res.group_below_short": ("规下", "Below des. size"),
    "pub.res.size_group_help": (
        "企业所在的评价组（规上、规下或配置的分组），各组单独排名、分类。",
        "The evaluation group each enterprise is ranked and classed in; on screen “Above des. size”"
        " and “Below des. size” stand for above and below designated size (规上 / 规下), in full in the"
        " downloaded results.",
    ),
    "pub.res.zone": ("区域", "Zone"),
    "pub.res.score": ("得分", "Score"),
    "pub.res.rank": ("排名", "Rank"),
    "pub.res.eval_class": ("类别", "Class"),
    "pub.res.status": ("状态", "Status"),
    "pub.res.status_help": (
        "参评，或不参评、无法计算的原因（下载的结果中相同）。",
        "Scored, or why not, in short: “Land 0 or missing” = not computable, the land area is zero or"
        " missing; “Land < 3 mu” = not scored, below designated size on less than 3 mu; “… excluded”"
        " = out of the evaluation's scope. The downloaded results give each reason in full.",
    ),
    "pub.res.town_help": (
        "企业自己填报的所在区镇（不是按位置归属的区域）。",
        "The town the enterprise states in its own data (not the zone it lies in); on screen the four"
        " management zones by their short names (Wujiang Dev. Zone, Fenhu, Shengze, East Taihu Lake), in"
        " full in the downloaded results.",
    ),
    "pub.res.zone_help": (
        "企业按位置所在的区镇或园区。",
        "The town or park the enterprise lies in, by its location; on screen the four management zones"
        " by their short names (Wujiang Dev. Zone, Fenhu, Shengze, East Taihu Lake), in full in the"
        " downloaded results.",
    ),
    "pub.res.parcels": ("宗地", "Parcels"),
    "pub.res.land_mu": ("用地面积（亩）", "Land (mu)"),
    "pub.res.land_source": ("用地来源", "Land from"),
    "pub.land_source.parcels": ("宗地", "parcels"),
    "pub.land_source.reported": ("填报", "as reported"),
    "pub.res.provenance": ("数值来源", "Where values came from"),
    "pub.provenance.reported": ("填报", "as reported"),
    "pub.res.class_before": ("原类别", "Class before"),
    "pub.res.class_after": ("新类别", "Class after"),
    "pub.res.class_changed": ("类别变化", "Class changed"),
    "pub.res.score_before": ("原得分", "Score before"),
    "pub.res.score_after": ("新得分", "Score after"),
    "pub.res.score_change": ("得分变化", "Score change"),
    "pub.res.rank_before": ("原排名", "Rank before"),
    "pub.res.rank_after": ("新排名", "Rank after"),
    "pub.res.changed_inputs": ("变化的输入值", "Input values changed"),
    "pub.reg.objection_id": ("异议编号", "Objection"),
    "pub.reg.version_id": ("版本", "Version"),
    "pub.reg.ent_id": ("企业编号", "Enterprise ID"),
    "pub.reg.ent_name": ("企业名称", "Name"),
    "pub.reg.indicator_label": ("异议指标", "Indicator"),
    "pub.reg.value_before": ("公示值", "Published value"),
    "pub.reg.value_claimed": ("申诉值", "Value claimed"),
    "pub.reg.evidence_name": ("证据文件", "Evidence file"),
    "pub.reg.evidence_sha256": ("证据 SHA-256", "Evidence SHA-256"),
    "pub.reg.department": ("核实部门", "Department"),
    "pub.reg.department_answer": ("部门答复", "Department's answer"),
    "pub.reg.answered_by": ("答复记录人", "Answer recorded by"),
    "pub.reg.answered_at": ("答复记录时间", "Answer recorded at"),
    "pub.reg.decision_label": ("决定", "Decision"),
    "pub.reg.decision_note": ("决定理由", "Reason for the decision"),
    "pub.reg.decided_by": ("决定人", "Decided by"),
    "pub.reg.decided_at": ("决定时间", "Decided at"),
    "pub.reg.recorded_by": ("登记人", "Recorded by"),
    "pub.reg.recorded_at": ("登记时间", "Recorded at"),
}

"""UI strings of the 亩均效益评价 page: key -> (中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "eff.page": ("亩均效益评价", "Per-mu efficiency"),
    "eff.header": ("亩均效益评价（资源集约利用综合评价）", "Per-mu efficiency evaluation"),
    "eff.intro": (
        "“亩均论英雄”：各指标除以基准（默认为本组均值的 2 倍，规上、规下各自计算）后加权求和得综合得分，"
        "按百分位分为 A/B/C/D 四类。"
        "类别按全部企业统一评价，筛选只改变显示范围。",
        "Each indicator is divided by a benchmark (by default 2× the group's own mean, above and below "
        "designated size each), weighted and summed; "
        "scores rank enterprises into classes A/B/C/D. Classes come from the whole area; filters only "
        "narrow the view.",
    ),
    "eff.synthetic_note": (
        "演示企业为合成数据，评价结果仅作演示；区镇边界为示意。",
        "Demo enterprises are synthetic and town boundaries schematic: results are for demonstration.",
    ),
    "eff.source.demo": (
        "演示（吴江 8 区镇，合成）",
        "Demo (Wujiang, synthetic)",
    ),
    "eff.source.zones": ("评价区域（边界）", "Zones (boundaries)"),
    "eff.source.enterprises": ("企业名单", "Enterprises"),
    "eff.scope": ("评价范围", "Scope"),
    "eff.scope.towns": ("区镇/园区", "Towns/parks"),
    "eff.scope.industries": ("行业", "Industries"),
    "eff.scope.size": ("规模", "Size"),
    "eff.scope.all": ("全部", "All"),
    "eff.size.all": ("全部", "All"),
    "eff.size.above": ("规上", "Above designated size"),
    "eff.size.below": ("规下", "Below designated size"),
    "eff.params": ("评价参数：权重、基准、分类", "Parameters: weights, benchmark, classes"),
    "eff.params.help": (
        "默认值为本地默认规则，每项取自公开的地方评价办法。修改后得分和类别随即更新。",
        "The defaults are the local default rules, each taken from a published local method. Changes "
        "re-score at once.",
    ),
    "eff.weights_above": ("规上企业权重", "Weights, above designated size"),
    "eff.weights_below": ("规下企业权重", "Weights, below designated size"),
    "eff.min_land": ("规下企业参评最小用地（亩）", "Below designated size: min land to be scored (mu)"),
    "eff.multiple": ("基准 = 均值 × 倍数", "Benchmark = mean ×"),
    "eff.max_ratio": ("单项得分上限（× 权重，0 = 不设）", "Cap per indicator (× weight, 0 = none)"),
    "eff.max_ratio.help": (
        "指标值 ÷ 基准 超过此倍数时按此倍数计分；例如 1 表示达到基准即得满分（该项权重）。",
        "value ÷ benchmark above this counts as this; e.g. 1 gives full marks (the weight) at the benchmark.",
    ),
    "eff.method": ("分类方式", "Classes by"),
    "eff.method.percentile": ("按排名百分位", "Percentile rank"),
    "eff.method.score": ("按得分线", "Score cut-offs"),
    "eff.cut.pct": ("{c} 类上限（%，自高到低）", "Class {c} ends at (% from top)"),
    "eff.cut.score": ("{c} 类最低分", "Class {c} minimum score"),
    "eff.metric.scored": ("参评企业（家）", "Scored enterprises"),
    "eff.metric.class": ("{c} 类（家）", "Class {c}"),
    "eff.metric.d_land": ("D 类用地", "Class-D land"),
    "eff.metric.tax_per_mu": ("亩均税收", "Tax per mu"),
    "eff.metric.tax_per_mu_help": (
        "范围内参评企业 Σ税收 ÷ Σ用地，单位：万元/亩",
        "Σ tax ÷ Σ land of the scored enterprises in scope, in 10,000 yuan (万元) per mu",
    ),
    "eff.rank_by.none": (
        "不再分组（规上、规下各自排名）",
        "No further grouping (above and below designated size ranked apart)",
    ),
    "eff.col.rank": ("排名", "Rank"),
    # download file names (no spaces: some mail systems cut a name at the first one)
    "eff.file.groups": ("分组汇总", "groups"),
    "eff.file.ranking": ("排名", "ranking"),
    "eff.file.notice": ("公示", "public_notice"),
    "eff.file.pay": ("差别化收费", "differential_charges"),
    # two ranks, never under one header (walk12): the evaluation's own (its group of the whole
    # evaluation: the group lists and the 公示 give it) and the rank within the selection shown
    "eff.col.rank_eval": ("组内排名", "Group rank"),
    "eff.col.rank_eval_help": (
        "在所属评价组（规上或规下）全部参评企业中的名次，与分组名单、公示名单相同，不随筛选变化",
        "Its place among all scored enterprises of its evaluation group (above or below designated"
        " size), as in the group lists and the public notice; the filters do not change it",
    ),
    "eff.col.rank_sel": ("筛选内排名", "Rank in selection"),
    "eff.col.rank_sel_help": (
        "在当前筛选出的企业中、{groups}内的名次，随筛选条件和“分组排名”变化；全部参评企业中的名次见“组内排名”",
        "Its place among the enterprises selected now, within {groups}; it changes with the filters"
        " and “Rank within”. Its place among all scored enterprises is “Group rank”",
    ),
    "eff.rank.size": ("规上/规下", "size group"),
    "eff.col.class": ("类别", "Class"),
    "eff.table.size_note": (
        "规上、规下企业各按自己的权重评分、在各自组内排名和分类，所以同样的得分在两组可能属于不同类别（看“规模”列）；"
        "要分开看，请在“评价范围”选规上或规下，或按“规模”分组排名。",
        "Enterprises above and below designated size are scored with their own weights and ranked and"
        " classed within their own group, so the same score can fall in different classes (see the Size"
        " column); pick one size in the scope, or rank by Size, to see them apart.",
    ),
    "eff.rank_by": ("分组排名（可组合）", "Rank within (combinable)"),
    "eff.dim.zone": ("区镇/园区", "Town/park"),
    "eff.dim.industry": ("行业", "Industry"),
    "eff.dim.size_class": ("规模", "Size"),
    "eff.show_unscored": ("同时列出未参评企业", "Also list enterprises not scored"),
    "eff.table.ranking": ("企业排名", "Enterprise ranking"),
    "eff.map.lean": (
        "地图上的企业超过 {n:,} 家：提示只列编号、区镇、行业、类别和得分；企业名称与主要失分指标见下方表格和"
        "下载。",
        "More than {n:,} enterprises on the map: tooltips give id, town, industry, class and score; names "
        "and the indicators that pulled them down are in the tables and downloads.",
    ),
    "eff.table.capped": (
        "表中显示前 {shown:,} 行（共 {n:,} 行）；下载的表格含全部行。",
        "The table shows the first {shown:,} of {n:,} rows; the downloads hold every row.",
    ),
    "eff.table.picked": (
        "已选：{name}（{ent_id}）— [企业画像见下方 ↓](#{anchor})",
        "Selected: {name} ({ent_id}) — [its enterprise profile is below ↓](#{anchor})",
    ),
    "eff.table.ranking_help": (
        "点击表头可排序；数值列的空白单元格表示无法计算（缺数据或分母为零）；主要失分指标为「均不低于中位数」表示"
        "没有指标低于本组中位数，也没有扣分项，为空表示未参评。",
        "Click a header to sort; an empty number cell means not computable (no data or a zero denominator);"
        " Main shortfalls reads “None below median” where no indicator is below the group's median and there"
        " is no penalty, and is empty where the enterprise is not scored.",
    ),
    # a scored enterprise with no indicator below its group's median (walk 14 item 7: a blank cell
    # read as "cannot compute"); on screen in English a short form, as the indicators' short names
    "eff.reasons.none": ("无（各项均不低于同组中位数）", "None (no indicator below the group median)"),
    # the ranking's screen, short (its caption and the column's help say it in full, as the files do;
    # walk20 c10: a bare "None" in an English table read as a missing value)
    "eff.short.reasons_none": ("均不低于中位数", "None below median"),
    "eff.table.ties": (
        "同分同名次：得分相同的企业名次相同，其后的名次顺延（如 1、2、2、4）；同分者按{keys}从高到低排列，"
        "再按企业编号。",
        "Ties: enterprises with the same score share a rank and the next rank is skipped (1, 2, 2, 4);"
        " tied enterprises are listed by {keys}, highest first, then by enterprise id.",
    ),
    "eff.table.ties_by_id": (
        "同分同名次：得分相同的企业名次相同，其后的名次顺延（如 1、2、2、4）；同分者按企业编号排列。",
        "Ties: enterprises with the same score share a rank and the next rank is skipped (1, 2, 2, 4);"
        " tied enterprises are listed by enterprise id.",
    ),
    "eff.table.groups": ("分组汇总", "Group summary"),
    "eff.groups.class": ("{c} 类", "{c}"),  # a class's count, headed short (its help says what)
    "eff.groups.class_help": ("参评企业中评为 {c} 类的家数", "Scored enterprises in class {c}"),
    "eff.groups.in_downloads": (
        "另有{columns}：见下载的 XLSX「分组汇总」表。",
        "Also {columns}: in the XLSX download's “Groups” sheet.",
    ),
    "eff.tab.low": ("低效用地", "Low-efficiency land"),
    "eff.tab.cmp": ("年度对比", "Year on year"),
    "eff.tab.warn": ("预警", "Early warnings"),
    "eff.tab.trend": ("趋势与构成", "Trends and class mix"),
    "eff.tab.pay": ("差别化政策", "What each class pays"),
    "eff.tab.zones": ("区镇指标", "Per-zone metrics"),
    "eff.table.zones": ("区镇亩均指标（按位置归属）", "Per-zone metrics (by location)"),
    "eff.chart.mix": ("各区镇 A/B/C/D 企业数", "Class mix per town"),
    "eff.map": ("企业评价类别分布", "Enterprises by class"),
    "eff.low_land": ("低效用地：D 类企业", "Low-efficiency land: class D"),
    "eff.low_land.help": (
        "D 类（整治淘汰）企业的用地，即整治、腾退后可再开发的用地。",
        "Land of class-D enterprises: what renewal could free for redevelopment.",
    ),
    "eff.low_land.list": ("D 类企业清单（用地从大到小）", "Class-D enterprises (largest land first)"),
    "eff.download.csv": ("下载排名表（CSV）", "Download ranking (CSV)"),
    "eff.download.xlsx": ("下载排名表（Excel）", "Download ranking (Excel)"),
    # the workbook's title (its about sheet): the page, the year and the filters
    "eff.download.book_title": ("{title}（{filters}）", "{title} ({filters})"),
    "eff.not_computable": ("无法计算", "n/a"),
    "eff.empty": ("当前范围内没有参评企业。", "No scored enterprise in this scope."),
    "eff.outside": (
        "{n} 家企业不在任何区镇边界内，不计入区镇统计：{ids}",
        "{n} enterprises lie in no town, left out of the town figures: {ids}",
    ),
    # the zones are the user's own layer (parks, say): its title, not the demo's 区镇
    "eff.outside_zones": (
        "{n} 家企业不在所选评价区域（{zones}）内，不计入区域统计：{ids}",
        "{n} enterprises lie outside the chosen zones ({zones}), left out of the zone figures: {ids}",
    ),
    "eff.outside_town": (
        "；它们填报的所在区镇见排名表的「{column}」列",
        ". The town each reports is in the ranking's “{column}” column",
    ),
    # what the page evaluates when it is (partly) the user's imports: said under the map and in the
    # help of the sidebar's 「数据」 select
    "eff.data.line": ("本页评价的数据：{what}", "Evaluated here: {what}"),
    "eff.data.enterprises": (
        "企业名单「{title}」（导入，{accuracy}）",
        "enterprises “{title}” (imported, {accuracy})",
    ),
    "eff.data.zones": ("评价区域「{title}」（导入，{accuracy}）", "zones “{title}” (imported, {accuracy})"),
    "eff.data.demo_enterprises": (
        "吴江示例企业（16,766 家，合成）",
        "the Wujiang demo enterprises (16,766, synthetic)",
    ),
    "eff.data.demo_zones": ("吴江 8 区镇（示意）", "Wujiang's 8 towns (schematic)"),
    "eff.layer.title_user": ("企业亩均评价类别", "Enterprise efficiency classes"),
    "eff.notes": ("评价说明", "Notes"),
    "eff.class.T": ("T 不参评", "T — not scored"),
    "eff.year": ("评价年份", "Evaluation year"),
    "eff.year.label": ("{year} 年", "{year}"),
    "eff.year.undated": ("（未标年份）", "(no year)"),
    "eff.total": ("合计", "Total"),
    "eff.source.previous": ("上年结果（可选）", "Last year's results (optional)"),
    "eff.source.previous_none": ("不另选（用同表上一年份）", "None (the table's previous year)"),
    "eff.source.previous_help": (
        "上年的企业表（按相同区域与规则重新评价），或上年评价输出（含 eval_class / 评价类别，按已公布类别比"
        "较）",
        "Last year's enterprise table (re-evaluated with the same zones and rules), or last year's output "
        "with eval_class (compared as published)",
    ),
    "eff.cmp.reevaluated": (
        "与 {prev}比较：两年均按当前权重与规则重新评价（改动参数即两年同时重算）。",
        "Compared with {prev}: both years re-evaluated with the current weights and rules (changing them "
        "recomputes both).",
    ),
    "eff.cmp.published": (
        "与上年已公布类别比较（导入的上年结果）：上年类别不随当前参数改变，只有{year}按当前规则评价。",
        "Compared with last year's published classes (imported): they do not change with the parameters; "
        "only {year} is evaluated with the current rules.",
    ),
    "eff.cmp.none": (
        "没有可比的上一年：选择更晚的年份，或导入上年数据（或带 year 列的多年表）后可做年度对比。",
        "No earlier year to compare with: choose a later year, or import last year's data (or a table with "
        "a year column).",
    ),
    "eff.cmp.prev_import": ("上年（导入）", "last year (imported)"),
    "eff.cmp.header": ("年度对比：{prev} → {year}", "Year on year: {prev} → {year}"),
    "eff.cmp.help": (
        "行为上年类别，列为本年类别。NEW：新进入（上年不在表中）；GONE：退出（本年不在表中）；T：不参评（规则排除，原因见“评价状态”）。用地：本年用地（退出企业为上年用地）。",
        "Rows: last year's class; columns: this year's. NEW: entrant; GONE: leaver; T: not scored (excluded "
        "by the rules, reason in Status). Land: this year's (last year's for leavers).",
    ),
    "eff.cmp.rows": ("上年 \\ 本年", "Last \\ this year"),
    "eff.cmp.counts": ("类别转移矩阵：企业数（家）", "Class transitions: enterprises"),
    "eff.cmp.land": ("类别转移矩阵：用地面积（亩）", "Class transitions: land (mu)"),
    "eff.cmp.flows": (
        "新进入 {new:,} 家，退出 {gone:,} 家（当前范围）。",
        "{new:,} entrants, {gone:,} leavers (in scope).",
    ),
    "eff.cmp.up": (
        "升档企业（{n:,} 家）及主要变动指标",
        "Moved up ({n:,}) and the indicators that moved them",
    ),
    "eff.cmp.down": (
        "降档企业（{n:,} 家）及主要变动指标",
        "Moved down ({n:,}) and the indicators that moved them",
    ),
    # an empty list says so (walk12: an empty D list drew blank rows and nothing else)
    "eff.list.none_d": ("当前范围内没有 D 类企业。", "No class D enterprises in this scope."),
    "eff.list.none_up": ("当前范围内没有升档企业。", "No enterprise moved up in this scope."),
    "eff.list.none_down": ("当前范围内没有降档企业。", "No enterprise moved down in this scope."),
    "eff.list.none_payers": (
        "当前范围内没有缴纳加价的企业。",
        "No enterprise pays a surcharge in this scope.",
    ),
    "eff.metric.delta_help": ("与上年（同范围）相比的变化", "Change from last year (same scope)"),
    "eff.weights_total": ("{group}权重合计 {total:g} 分", "{group} weights total {total:g}"),
    "eff.weights_not_100": (
        "权重合计不等于 100：{totals}。综合得分将不再以 100 分为满分，请调整，或确认后再使用。",
        "Weights do not sum to 100: {totals}. Scores would no longer top out at 100: adjust them, or "
        "confirm before they are used.",
    ),
    "eff.weights_accept": ("确认按此权重评价", "Use these weights anyway"),
    "eff.weights_kept": (
        "未确认：仍按上次使用的权重评价。",
        "Not confirmed: still evaluating with the weights last used.",
    ),
    "eff.weights_default_used": (
        "未确认：按默认权重评价。",
        "Not confirmed: evaluating with the default weights.",
    ),
    "eff.cfg.default": (
        "本地默认规则",
        "Local default rules",
    ),
    "eff.cfg.official": ("正式配置", "Official"),
    "eff.cfg.session": ("本次会话", "this session"),
    "eff.cfg.load": ("已保存的配置", "Saved configurations"),
    "eff.cfg.load_button": ("载入", "Load"),
    "eff.cfg.name": ("配置名称", "Configuration name"),
    "eff.cfg.save": ("保存为命名配置", "Save under this name"),
    "eff.cfg.saved": ("已保存配置「{name}」", "Saved configuration {name}"),
    "eff.cfg.save_official": ("保存为正式配置", "Save as official"),
    "eff.cfg.saved_official": ("已保存为正式配置", "Saved as the official configuration"),
    "eff.cfg.official_editors": ("保存正式配置需编辑权限", "Saving the official one needs editor rights"),
    "eff.warn.header": ("预警企业（{n:,} 家）", "Early warnings ({n:,} enterprises)"),
    "eff.warn.rules": ("预警规则（评价配置 warnings）：{rules}", "Rules (configuration 'warnings'): {rules}"),
    "eff.warn.col": ("预警", "Warning"),
    "eff.warn.why": ("预警依据", "Why"),
    "eff.warn.none": (
        "本年当前范围内无预警（或缺少上年数据）。",
        "No warning in this scope this year (or no earlier year).",
    ),
    "eff.download.notice": ("下载公示名单（Excel）", "Notice (Chinese, as published)"),
    "eff.download.notice_en": (
        "下载公示名单英文版（Excel）",
        "Notice (English edition)",
    ),
    "eff.download.notice_en_help": (
        "与公示名单相同的行，表头、名称和范围为英文；公示以中文版为准",
        "The same rows as the notice (Excel), with English headers, names and scope; the Chinese "
        "edition is the one published",
    ),
    "eff.file.notice_zh": ("公示", "public_notice_zh"),
    "eff.file.notice_en": ("公示_英文版", "public_notice_en"),
    "eff.download.notice_help": (
        "公示格式：标题、年份、评价方法、权重、基准值与分类标准，随后为 A/B/C/D/T 各类名单",
        "The notice list as the bureau publishes it, in Chinese (Excel): title, year, method, "
        "weights, benchmarks and cut-offs, then the A/B/C/D/T lists",
    ),
    "eff.notice.title": (
        "{year} 年度工业企业资源集约利用综合评价结果公示",
        "Results of the {year} evaluation of industrial enterprises' use of resources, for public notice",
    ),
    "eff.download.groups_csv": ("下载分组汇总（CSV）", "Download group totals (CSV)"),
    "eff.download.groups_xlsx": ("下载汇总表（Excel）", "Download totals (Excel)"),
    "eff.map.zones_only": (
        "地图按区镇显示汇总指标；企业点位与企业画像需「查看企业」角色登录。",
        "The map shows totals by town; enterprise points and profiles need the 查看企业 role.",
    ),
    "eff.map.click": ("点击企业点位查看企业画像。", "Click an enterprise for its profile."),
    "eff.map.rings": (
        "紫色外圈：有预警的企业（{n:,} 家）。",
        "Purple ring: an enterprise with an early warning ({n:,}).",
    ),
    "eff.profile": ("企业画像", "Enterprise profile"),
    "eff.profile.help": (
        "在地图上点击企业，或在排名表中选中一行，或输入企业编号：逐年的数据、指标、得分、类别、组内排名、预警与用地。",
        "Click an enterprise on the map, select a row of the ranking, or type its id: its figures, ratios, "
        "score, class, ranks, warnings and land by year.",
    ),
    "eff.profile.id": ("企业编号", "Enterprise id"),
    "eff.profile.warning_line": ("{year}：{text}", "{year}: {text}"),
    "eff.trend": ("逐年趋势", "Trends over the years"),
    "eff.trend.by": ("按", "By"),
    "eff.trend.tax": ("亩均税收", "Tax per mu"),
    "eff.trend.sales": ("亩均销售收入", "Sales per mu"),
    "eff.trend.tax_axis": ("亩均税收（万元/亩）", "Tax per mu (10k yuan/mu)"),
    "eff.trend.sales_axis": ("亩均销售收入（万元/亩）", "Sales per mu (10k yuan/mu)"),
    "eff.trend.year_axis": ("年份", "Year"),
    "eff.trend.mix": ("各年类别构成（当前范围）", "Class mix by year (in scope)"),
    "eff.trend.mix_axis": ("企业数（家）", "Enterprises"),
    "eff.pay": ("差别化政策：各类企业的加价与用地政策", "What each class pays: surcharges and land policy"),
    "eff.pay.class": ("类别", "Class"),
    "eff.pay.meaning": ("含义", "Meaning"),
    "eff.pay.land": ("用地政策", "Land policy"),
    "eff.pay.rates": ("本年加价", "Surcharges this year"),
    "eff.pay.by_class": ("按类别合计", "Totals by class"),
    "eff.pay.by_zone": ("按区镇合计", "Totals by town"),
    "eff.pay.payers": (
        "缴纳加价的企业（{n:,} 家，按金额从大到小）",
        "Enterprises paying ({n:,}, largest first)",
    ),
    "eff.pay.download": ("下载差别化收费表（CSV）", "Download surcharges (CSV)"),
    # The ranking's key columns on screen: the indicators' short English names (one line each at
    # 1280 px; the downloads and the profile name them in full) and the columns' help.
    "eff.short.tax_per_mu_wan_yuan": ("亩均税收", "Tax/mu"),
    "eff.short.sales_per_mu_wan_yuan": ("亩均销售收入", "Sales/mu"),
    "eff.short.value_added_per_mu_wan_yuan": ("亩均增加值", "VA/mu"),
    "eff.short.tax_per_tce_wan_yuan": ("单位能耗税收", "Tax/tce"),
    "eff.short.tax_per_kwh_yuan": ("单位用电税收", "Tax/kWh"),
    "eff.short.value_added_per_employee_wan_yuan": ("全员劳动生产率", "VA/employee"),
    "eff.short.rd_share_pct": ("R&D 经费占比", "R&D share"),
    "eff.short.tax_per_emission_equiv_wan_yuan": ("单位排放税收", "Tax/emission"),
    "eff.short.value_added_per_tce_wan_yuan": ("单位能耗增加值", "VA/tce"),
    "eff.short.value_added_per_emission_equiv_wan_yuan": ("单位排放增加值", "VA/emission"),
    "eff.short.sales_per_kwh_yuan": ("单位用电营业收入", "Sales/kWh"),
    "eff.short.no_data": ("（缺数据）", " (no data)"),
    "eff.short.penalties": ("扣分项：", "Penalties: "),
    "eff.col.reasons_help": (
        "与同组中位数相比失分最多的指标，失分多者在前；扣分项列在最后。「均不低于中位数」：无（各项均不低于"
        "同组中位数，也没有扣分项）。",
        "The indicators that cost the most points against the group's median, largest loss first, then"
        " penalties. Tax/mu = tax per mu, VA = value added, tce = tonne of standard coal; the downloads"
        " and the enterprise profile name them in full. “None below median”: none (no indicator below"
        " the group median, and no penalty).",
    ),
    "eff.col.town_help": (
        "填报区镇：企业自己填报的所在区镇，不是按位置归属的；位置不在任何评价区域内的企业，"
        "「区镇/园区」为「—」。",
        "Stated town: the town the enterprise states in its own data, not the one it was located"
        " in; where it lies in no zone, Town/park shows —.",
    ),
    # the ranking's screen header of the score (the downloads: 综合得分（分）); the unit in the
    # column's help
    "eff.col.score_screen": ("综合得分", "Score"),
    "eff.col.score_help": (
        "综合得分（分）：各指标除以基准后按权重加权求和的得分。",
        "Score (points): the indicators, each divided by its benchmark, summed by their weights.",
    ),
    # an imported zone layer's names in the map's tooltip and its table (parks are not 区镇)
    "eff.zones.name_col": ("区域名称", "Zone name"),
    "eff.col.zone_help": (
        "企业所在的区镇/园区（按位置归属）；过长的名称在此以「…」截短，下载文件中为全称。",
        "The town or park the enterprise lies in, by its short name (Shengze = Wujiang Hi-tech Zone"
        " (Shengze Town), Fenhu = Fenhu Hi-tech Zone (Lili Town); a name too long for the column cut"
        " with “…”); the downloads give the full names.",
    ),
}

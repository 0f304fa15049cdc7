"""UI strings of the city views (the Suzhou-wide synthetic demo on 总览 and 亩均效益评价): key ->
(中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "city.data": ("数据", "Data"),
    "city.data.wujiang": ("吴江示例（16,766 家，合成）", "Wujiang (16,766, synthetic)"),
    # the English label short enough for the sidebar's select (as Wujiang's); the full words in the help
    "city.data.city": ("苏州全市（{n:,} 家，合成）", "Suzhou ({n:,}, synthetic)"),
    # the 亩均效益评价 page evaluating the user's imports: the option says so (its help which ones)
    "city.data.imported": ("导入：{title}", "Import: {title}"),
    "city.data.imported_zones": ("吴江示例（合成企业，导入区域）", "Wujiang (synthetic, your zones)"),
    "city.data_help.imported": (
        "本页评价的数据：{what}。选「苏州全市」看全市合成示例；要看吴江合成示例，在下方「企业名单」与"
        "「评价区域」选演示数据。",
        "Evaluated here: {what}. Pick Suzhou for the citywide synthetic demo; for the Wujiang demo, "
        "pick the demo under Enterprises and Zones below.",
    ),
    "city.data_help": (
        "吴江示例：吴江区 16,766 家合成企业。苏州全市：{n:,} 家合成企业，"
        "按《全面提升苏州制造业高质量发展核心竞争力》的规上企业数与产值校准，不代表任何真实企业。",
        "Wujiang: the Wujiang district demo, 16,766 synthetic enterprises. Suzhou: the whole city, "
        "{n:,} synthetic enterprises calibrated to the city's count and output of enterprises above "
        "designated size (规上); no real enterprise.",
    ),
    "city.overview.header": (
        "苏州全市产业布局（合成企业）",
        "Suzhou city industrial layout (synthetic enterprises)",
    ),
    "city.int.header": ("用地强度 · 苏州全市（合成）", "Land-use intensity · Suzhou city (synthetic)"),
    "city.int.measure": ("网格着色", "Cells coloured by"),
    "city.int.measure.below_pct": ("低于控制下限的宗地占比", "Share of parcels below the control minimum"),
    "city.int.measure.far_mean": ("平均容积率", "Mean FAR"),
    "city.int.intro": (
        "范围内 {n:,} 宗地，已建 {built:,} 宗，其中 {below:,} 宗低于所属行业的容积率或建筑系数控制下限"
        "（《工业项目建设用地控制指标》，可替换为本市标准）。"
        "城市缩放级别按网格汇总，放大到 15 级显示视图内宗地。",
        "{n:,} parcels in scope, {built:,} built, {below:,} of them below their industry's minimum FAR "
        "or building coverage (the national land-use control indicators, replaceable by the city's own). "
        "At city zoom the map sums them up per "
        "grid cell; zoom to 15 for the parcels in view.",
    ),
    "city.int.by_district": ("各县级市（区）用地强度", "Intensity by district"),
    "city.int.by_zone": ("各开发区用地强度", "Intensity by development zone"),
    "city.int.hidden": (
        "宗地为企业用地：放大后的宗地仅对查看企业及以上角色显示；此处只显示汇总。",
        "Parcels are enterprises' land: zoomed-in parcels are shown to roles seeing enterprises; "
        "here only the totals.",
    ),
    "city.int.col.parcels": ("宗地数", "Parcels"),
    "city.int.col.built": ("已建宗地数", "Parcels built"),
    "city.int.col.far_mean": ("平均容积率（按面积加权）", "Mean FAR (area-weighted)"),
    "city.int.col.below": ("低于控制下限（宗）", "Parcels below the minimum"),
    "city.int.col.below_pct": ("低于下限占比（%）", "Below the minimum (%)"),
    "city.int.col.below_mu": ("低于下限用地（亩）", "Land below the minimum (mu)"),
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
    "city.metric.above": ("规上企业（家）", "Above designated size"),
    "city.metric.parcels": ("宗地（宗）", "Parcels"),
    "city.metric.districts": ("县级市（区）", "Districts"),
    "city.table.districts": ("各县级市（区）", "By district"),
    "city.provenance": ("数据来源与精度", "Sources and accuracy"),
    "city.scope": ("评价范围", "Scope"),
    "city.scope_help": (
        "苏州市：全市企业一起评价（基准值取自全市）。选一个县级市（区）：显示全市评价中该区的企业，"
        "类别与全市名单相同；如需只用本区企业计算基准值，在「评价基准」中选择本区评价。",
        "Suzhou: all enterprises evaluated together (benchmarks from the whole city). A district: its "
        "enterprises as the city's evaluation classes them (the same classes as the city's list); for "
        "benchmarks from the district's enterprises alone, choose its own evaluation under Benchmarks.",
    ),
    "city.basis": ("评价基准", "Benchmarks"),
    "city.basis.city": ("全市统一（全市评价）", "City-wide (the city's evaluation)"),
    "city.basis.own": ("按本区计算（本区评价）", "This district's own evaluation"),
    "city.basis_help": (
        "全市统一：类别与全市名单相同（默认）。按本区计算：只用本区企业计算基准值、重新评价，"
        "类别可能与全市名单不同。",
        "City-wide: the classes of the city's list (the default). The district's own: benchmarks from "
        "its enterprises alone and a new evaluation; classes may differ from the city's list.",
    ),
    "city.eff.header_district": (
        "亩均效益评价 · {scope}（全市评价，合成）",
        "Per-mu · {scope} (city-wide, synthetic)",
    ),
    "city.eff.header_own": (
        "亩均效益评价 · {scope}（本区评价，合成）",
        "Per-mu · {scope} (own basis, synthetic)",
    ),
    "city.eff.basis_city": (
        "评价范围：苏州市（基准值全市统一）",
        "Evaluated over: Suzhou city (city-wide benchmarks)",
    ),
    "city.eff.basis_shown": (
        "评价范围：苏州市（基准值全市统一）· 显示：{scope}",
        "Evaluated over: Suzhou city (city-wide benchmarks) · showing: {scope}",
    ),
    "city.eff.basis_own": (
        "评价范围：{scope}（基准值按本区计算）",
        "Evaluated over: {scope} alone (benchmarks from its own enterprises)",
    ),
    "city.cycle.file_own": ("本区评价", "own_evaluation"),
    "city.eff.intro": (
        "按本地默认规则评价 {year} 年；地图按网格显示各类企业数，放大后显示企业类别。",
        "Local default rules, year {year}; the map counts each class "
        "per grid cell, zoomed in it shows the enterprises' classes.",
    ),
    "city.eff.mix": ("各县级市（区）类别构成", "Class mix by district"),
    "city.eff.groups": ("分行业 × 县级市（区）× 规模汇总", "By industry × district × size"),
    "city.eff.top": ("评分前 {n} 家企业", "Top {n} enterprises by score"),
    "city.col.district": ("县级市（区）", "District"),
    "city.col.industry": ("行业", "Industry"),
    "city.col.size": ("规模", "Size"),
    "city.col.n": ("企业数", "Enterprises"),
    "city.col.above": ("规上企业数", "Enterprises above designated size"),
    "city.col.land": ("用地（亩）", "Land (mu)"),
    "city.col.tax": ("税收（万元）", "Tax (10k yuan)"),
    "city.col.tax_per_mu": ("亩均税收（万元/亩）", "Tax per mu (10k yuan/mu)"),
    "city.col.name": ("企业名称", "Enterprise"),
    "city.col.score": ("得分", "Score"),
    "city.col.class": ("类别", "Class"),
    "city.col.scored": ("参评企业数", "Scored enterprises"),
    "city.col.mean_score": ("平均得分", "Mean score"),
    "city.col.pct": ("{c} 类占比（%）", "{c} share (%)"),
    "city.cycle.transitions": (
        "类别变化 {prev} → {year}（企业数）",
        "Class transitions {prev} → {year} (enterprises)",
    ),
    "city.cycle.transitions_note": (
        "行为上年类别，列为本年类别；NEW 为新进入，GONE 为退出，T 为不参评。",
        "Rows: last year's class; columns: this year's. NEW entrant, GONE leaver, T not scored.",
    ),
    "city.cycle.warnings": ("预警（{year} 年，企业数）", "Early warnings ({year}, enterprises)"),
    "city.cycle.surcharges": (
        "各类企业差别化价格（{year} 年，万元）",
        "What each class pays ({year}, 10k yuan)",
    ),
    "city.cycle.districts": ("分县级市（区）评价表", "Evaluation by district"),
    "city.cycle.dev_zones": ("分开发区评价表（示意范围）", "Evaluation by development zone (schematic)"),
    "city.cycle.downloads": ("下载", "Downloads"),
    "city.cycle.csv": ("{what}（CSV）", "{what} (CSV)"),
    "city.cycle.xlsx": ("全部汇总表（XLSX）", "All summary tables (XLSX)"),
    "city.cycle.notice": ("公示名单（XLSX）", "Notice list (XLSX, Chinese, as published)"),
    "city.cycle.notice_en": ("公示名单英文版（XLSX）", "Notice list (XLSX, English edition)"),
    "city.cycle.notice_en_help": (
        "{scope} {year} 年度：与公示名单相同的行，表头、名称和范围为英文；公示以中文版为准",
        "{scope} {year}: the same rows as the notice list, with English headers, names and scope; the "
        "Chinese edition is the one published",
    ),
    "city.cycle.notice_help": (
        "{scope} {year} 年度评价结果：方法、权重、基准、分类线及 A–D、T 类企业名单（中文）。"
        "名单逐家写入，全市 12 万家时首次下载需数分钟（之后各会话共用）。",
        "{scope} {year} results: method, weights, benchmarks, cut-offs and the A–D and T lists (Chinese). "
        "Written row by row: at the city's 120,000 the first download takes minutes (then shared).",
    ),
    "city.cycle.notice_title": (
        "{scope} {year} 年度工业企业资源集约利用综合评价结果公示（合成示例）",
        "{scope} {year} industrial enterprise evaluation results (synthetic demo)",
    ),
    "city.cycle.file": ("苏州全市评价", "suzhou_city_evaluation"),
    "city.cycle.xlsx_title": ("{header}：{scope}，{year} 年。{basis}", "{header}: {scope}, {year}. {basis}"),
    "city.cycle.notice_file": ("公示名单", "public_notice"),
    "city.cycle.small_note": (
        "不足 {n} 家企业的汇总数值已隐去（仅显示企业数）。",
        "Figures of groups of fewer than {n} enterprises are blanked (counts shown).",
    ),
    "city.col.from": ("上年 \\ 本年", "Last year \\ this year"),
    "city.col.total": ("合计", "Total"),
    "city.col.warning": ("预警", "Warning"),
    "city.col.note": ("说明", "Note"),
    "city.cycle.warning_needs_years": (
        "需要 {first}–{last} 年共 {n} 年的数据，现有数据不足，无法判断",
        "needs {n} years of data ({first}–{last}): not enough years to tell",
    ),
    "city.col.paying": ("缴纳企业数", "Enterprises paying"),
    "city.col.dev_zone": ("开发区", "Development zone"),
    "city.col.sales_per_mu": ("亩均销售收入（万元/亩）", "Sales per mu (10k yuan/mu)"),
    "city.col.n_class": ("{c} 类（家）", "Class {c} (enterprises)"),
    "city.col.d_land": ("D 类用地（亩）", "Class D land (mu)"),
    "city.build.label": (
        "首次使用：正在生成苏州全市合成示例（{n:,} 家企业），约需 {minutes} 分钟……",
        "First use: building the Suzhou-wide synthetic demo ({n:,} enterprises), about {minutes} min…",
    ),
    "city.build.once": (
        "只在本机首次使用时生成一次，存于 data/cache/（也可预先运行 python -m data.city_build）；"
        "其他会话同时打开会等待这一次生成。",
        "Built once per machine into data/cache/ (or ahead with python -m data.city_build); "
        "other sessions opening it meanwhile wait for this one build.",
    ),
    "city.build.zones": ("读取县级市（区）与开发区边界", "Reading the districts and development zones"),
    "city.build.enterprises": ("生成 2021、2022 年企业", "Making the enterprises of 2021 and 2022"),
    "city.build.parcels": ("按县级市（区）生成宗地并落位企业", "Making the parcels, district by district"),
    "city.build.dev_zones": ("判定企业所在开发区", "Finding each enterprise's development zone"),
    "city.build.write": ("写入 GeoPackage 缓存", "Writing the GeoPackage cache"),
    "city.build.failed": (
        "全市示例未能生成：{reason}。刷新页面即可重试",
        "The city demo could not be built: {reason}. Reload the page to try again",
    ),
    "city.build.waiting": (
        "生成在服务器上进行，关闭或离开本页不会中断；完成后本页自动显示",
        "The build runs on the server: closing or leaving this page does not stop it; "
        "this page shows the city when it is done",
    ),
    "city.build.leave": (
        "先看吴江示例（生成继续进行）",
        "See the Wujiang demo meanwhile (the build goes on)",
    ),
    "city.build.elapsed": ("已用时 {seconds} 秒", "{seconds} s so far"),
    "city.build.done": ("全市示例已生成（用时 {seconds} 秒）", "City demo built ({seconds} s)"),
}

"""UI strings of the app frame and the smaller pages (总览, 两轴三带, 吴江, 用地强度, sign-in, the
change log): key -> (中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "app.after_map": (
        "地图绘出后，下方的表格与图表随即显示……",
        "The tables and charts below follow once the map is drawn…",
    ),
    "app.basemap": ("底图", "Basemap"),
    "app.basemap.none": ("无底图（离线可用）", "None (works offline)"),
    "app.basemap.osm": ("OpenStreetMap（WGS-84）", "OpenStreetMap (WGS-84)"),
    "app.basemap.gaode": ("高德地图（GCJ-02，图层自动偏移）", "Gaode (GCJ-02, overlays shifted)"),
    "app.basemap.tianditu": ("天地图（需 tk 密钥）", "Tianditu (needs a tk key)"),
    "app.tianditu_key": ("天地图密钥 tk", "Tianditu key (tk)"),
    "app.tianditu_missing": (
        "未配置天地图密钥：请在侧栏输入 tk，或设置环境变量 TIANDITU_TK",
        "No Tianditu key: enter a tk in the sidebar or set TIANDITU_TK",
    ),
    "app.basemap_offline_note": (
        "底图需要联网；无法访问时图层照常显示",
        "Basemaps need a network; without one the layers still draw",
    ),
    "app.data_note": (
        "演示数据：行政区划为真实数据，园区与走廊为示意，企业为合成数据",
        "Demo data: districts are real, parks and corridors schematic, enterprises synthetic",
    ),
    "app.disclaimer": ("示意图，不作为权属界线依据", "Schematic map, not a legal boundary"),
    "page.overview": ("总览", "Overview"),
    "overview.header": ("苏州产业布局一张图 · 总览", "Suzhou Industrial Layout Atlas · Overview"),
    "overview.intro": (
        "苏州市 9 个县级行政区与吴江区 8 个区镇。用右上角的图层控件切换图层，悬停查看名称。",
        "Suzhou's 9 county-level districts and Wujiang's 8 towns/zones. Switch layers with the control at "
        "top right; hover for names.",
    ),
    "overview.metric.districts": ("县级行政区", "County-level districts"),
    "overview.metric.area": ("全市面积", "City area"),
    "overview.metric.towns": ("吴江区镇", "Wujiang towns/zones"),
    "overview.metric.enterprises": ("吴江企业（合成）", "Wujiang enterprises (synthetic)"),
    "overview.table.districts": ("各县级行政区", "Districts"),
    "overview.provenance": ("图层来源与精度", "Layer sources and accuracy"),
    "col.layer": ("图层", "Layer"),
    "col.accuracy": ("精度", "Accuracy"),
    "col.source": ("来源", "Source"),
    "col.licence": ("许可", "Licence"),
    "col.crs": ("坐标系", "CRS"),
    "col.note": ("说明", "Note"),
    "col.name": ("名称", "Name"),
    "col.adcode": ("行政区划代码", "Adcode"),
    "col.area_km2": ("面积（km²）", "Area (km²)"),
    "col.kind": ("类型", "Kind"),
    "common.yes": ("是", "yes"),
    "common.no": ("否", "no"),
    "export.panel": (
        "导出（汇报图、GeoJSON、表格、离线网页）",
        "Export (briefing PNG, GeoJSON, tables, offline HTML)",
    ),
    "export.panel_note": (
        "导出的是地图当前显示的内容（已按筛选条件过滤），附数据来源与精度说明；地图左上角的相机按钮可保存当前视图截图。",
        "Exports hold what the map shows (filters applied) with each layer's source and accuracy; the "
        "camera button on the map saves the current view.",
    ),
    "layer.legend_selected": ("当前选择", "Current selection"),
    "corr.page": ("苏州“两轴三带”", "Suzhou axes & belts"),
    "corr.header": (
        "苏州“两轴三带”与重点产业承载园区",
        "Suzhou's two axes, three belts and key-industry carriers",
    ),
    "corr.intro": (
        "《苏州市“十三五”工业发展规划》第四章的“两轴三带”空间格局、六大重点产业的主要承载开发区，以及各板块"
        "集群重点（《关于苏州市推进数字经济时代产业创新集群发展的指导意见》第 13 条）。"
        "选择一个产业，突出其承载园区和以其为主导产业的轴带；点击行政区、轴带或开发区，在右侧查看详情。",
        "The two axes and three belts of the Suzhou plan (ch. 4), the development zones carrying the six "
        "key industries,"
        " and each county's cluster focus (Suzhou guidance on innovation clusters in the digital economy, "
        "2022, item 13). Pick an industry to highlight its carrier zones and the"
        " corridors it leads; click a district, corridor or zone for details on the right.",
    ),
    "corr.industry": ("重点产业（六大领域）", "Key industry (six fields)"),
    "corr.industry_none": ("（不突出任何产业）", "(no highlight)"),
    "corr.schematic_note": (
        "轴带走向与开发区范围据规划文字示意绘制，原文无坐标。",
        "Corridors and zone extents are drawn from the plan's text; it gives no coordinates.",
    ),
    "corr.panel": ("详情", "Details"),
    "corr.panel_hint": (
        "点击地图上的行政区、轴带或开发区查看详情。",
        "Click a district, corridor or development zone on the map.",
    ),
    "corr.focus": ("集群重点", "Cluster focus"),
    "corr.zones_here": ("区内主要承载开发区", "Carrier zones here"),
    "corr.industries": ("主导产业", "Leading industries"),
    "corr.role": ("功能定位", "Role in the plan"),
    "corr.key_industries": ("对应六大重点领域", "Key industries it leads"),
    "corr.carries": ("承载重点产业", "Key industries carried"),
    "corr.target_2020": ("2020 年产值目标（亿元）", "2020 output target (CNY billion)"),
    "corr.target_2020.metric": ("2020 年产值目标", "2020 output target"),
    "corr.carrier_parks": ("主要承载园区", "Main carrier zones"),
    "corr.dominant_in": ("主导该产业的轴带", "Corridors it leads"),
    "corr.table.corridors": ("两轴三带：各自的功能", "Axes and belts: what each is for"),
    "corr.table.key_industries": (
        "六大重点领域与承载园区（《苏州市“十三五”工业发展规划》）",
        "Six key industries and carriers (Suzhou 13th Five-Year industrial plan)",
    ),
    "corr.table.focus": (
        "各板块集群重点（《关于苏州市推进数字经济时代产业创新集群发展的指导意见》）",
        "Cluster focus by county (Suzhou innovation-cluster guidance, 2022)",
    ),
    "corr.translation_note": (
        "原文为中文；英文为本图的译文。",
        "The plan is in Chinese; the English is the atlas's translation.",
    ),
    "corr.col.corridor": ("轴 / 带", "Axis / belt"),
    "corr.col.industry": ("产业", "Industry"),
    "corr.col.area": ("板块", "Area"),
    "wj.page": ("吴江产业布局", "Wujiang industry layout"),
    "wj.header": ("吴江区产业布局：核心与支撑区镇", "Wujiang industry layout: core and supporting towns"),
    "wj.intro": (
        "吴江区 8 个区镇与《苏州市吴江区“十四五”工业经济高质量发展规划》各产业的“空间布局及发展目标”。"
        "选择产业查看其核心、支撑区镇、载体和企业；点击区镇在右侧查看其产业、2020 年数据与 2025 年目标。",
        "Wujiang's 8 towns/zones and each industry's spatial layout in the Wujiang 14th Five-Year "
        "industrial plan (2021). Pick an industry"
        " for its core and supporting towns, carriers and enterprises; click a town for its industries, 2020"
        " figures and 2025 targets on the right.",
    ),
    "wj.industry": ("产业（吴江规划）", "Industry (Wujiang plan)"),
    "wj.show": ("企业点位", "Enterprise points"),
    "wj.show.all": ("全部企业", "All enterprises"),
    "wj.show.industry": ("所选产业企业", "Chosen industry only"),
    "wj.show.none": ("不显示", "Hide"),
    "wj.schematic_note": (
        "区镇范围、载体点位为示意；企业为合成数据。",
        "Town extents and carrier locations are schematic; enterprises are synthetic.",
    ),
    "wj.panel": ("区镇详情", "Town details"),
    "wj.panel_hint": (
        "点击地图上的区镇（或企业、载体）查看详情。",
        "Click a town (or an enterprise or carrier) on the map.",
    ),
    "wj.pick_zoom_hint": (
        "地图放大到第 {zoom} 级起（打开时为第 {start} 级），点击企业点打开企业；此前点击打开所在区镇。",
        "Enterprises open with a click from zoom level {zoom} on (the map opens at {start}, where their"
        " points overlap); before that a click opens the town.",
    ),
    "wj.ent.town_card": ("查看所在区镇详情", "Open its town's card"),
    "wj.col.industry": ("产业", "Industry"),
    "wj.col.role": ("布局角色", "Role"),
    "wj.metric.sales_2020": ("2020 年销售", "2020 sales"),
    "wj.metric.target_2025": ("2025 年目标", "2025 target"),
    "wj.col.note": ("规划表述", "In the plan (translated by the atlas)"),
    "wj.col.town": ("区镇", "Town/zone"),
    "wj.col.item": ("项目", "Item"),
    "wj.col.value": ("数值", "Value"),
    "wj.figures_note": (
        "2020 年销售与 2025 年目标为全区该产业数据（《苏州市吴江区“十四五”工业经济高质量发展规划》），非本区"
        "镇分项；“—”表示规划未给出。",
        "2020 sales and 2025 targets are district-wide figures for the industry (Wujiang 14th Five-Year "
        "industrial plan), not per town; — = not given.",
    ),
    "wj.no_layout": ("规划未在本区镇布局重点产业。", "The plan places no key industry here."),
    "wj.panel.figures": ("2020 年 {sales} → 2025 年目标 {target}", "2020: {sales} → 2025 target: {target}"),
    "wj.panel.enterprises": (
        "**企业（合成）**：{n} 家，其中规上 {above} 家；销售收入 {sales}；亩均税收 {tax_per_mu}",
        "**Enterprises (synthetic)**: {n}, {above} above designated size; sales {sales}; tax per mu "
        "{tax_per_mu}",
    ),
    "wj.counts_note": (
        "未登录或「查看汇总」角色：地图按区镇汇总企业数（点击区镇看汇总指标），不显示单个企业；"
        "企业点位与明细需「查看企业」角色登录。",
        "Not signed in, or the 查看汇总 role: the map counts enterprises per town (click a town for its"
        " totals) instead of showing single firms; their points and details need the 查看企业 role.",
    ),
    "wj.metric.enterprises_of": ("该产业企业数（合成，家）", "Enterprises in it (synthetic)"),
    "wj.synthetic_note": (
        "企业统计基于合成数据，仅作演示。",
        "Enterprise figures come from synthetic data (demo).",
    ),
    "wj.ent.land": ("用地", "Land"),
    "wj.ent.sales": ("销售收入", "Sales"),
    "wj.ent.tax": ("税收", "Tax"),
    "wj.ent.tax_per_mu": ("亩均税收", "Tax per mu"),
    "wj.ent.employees": ("从业人员（人）", "Employees"),
    "wj.ent.above_scale": ("规上企业", "Above designated size"),
    "wj.layout_of": ("{industry}：空间布局", "{industry}: spatial layout"),
    "wj.carriers": ("载体", "Carriers"),
    "int.page": ("用地强度", "Land-use intensity"),
    "int.header": ("吴江区用地强度（亩均效益）", "Wujiang land-use intensity (per-mu output)"),
    # the downloads' title names the indicator the map is coloured by (容积率 / FAR, or the chosen one)
    "int.export_title": ("吴江区用地强度（{indicator}）", "Wujiang land-use intensity ({indicator})"),
    "int.intro": (
        "按区镇汇总企业数据计算亩均指标（如 亩均税收 = Σ税收 ÷ Σ用地），分级着色；企业点按其自身指标分级着色"
        "。"
        "点击区镇或企业在右侧查看详情。",
        "Per-mu indicators pooled per town from the enterprise records (e.g. tax per mu = Σ tax ÷ Σ land), "
        "classed"
        " and coloured; enterprise points are coloured by the class of their own value. Click a town or "
        "enterprise.",
    ),
    "int.metric": ("指标", "Indicator"),
    "int.scheme": ("分级方法", "Classification"),
    "int.scheme.quantiles": ("分位数", "Quantiles"),
    "int.scheme.natural_breaks": ("自然断点", "Natural breaks"),
    "int.scheme.equal_interval": ("等间距", "Equal interval"),
    "int.k": ("分级数", "Classes"),
    "int.industry": ("产业", "Industry"),
    "int.industry_all": ("全部产业", "All industries"),
    "int.above_scale": ("仅规上企业", "Above designated size only"),
    "int.points": ("显示企业点", "Show enterprises"),
    "int.points_hidden": (
        "企业点位仅对「查看企业」或「编辑」角色的登录用户显示；地图给出各区镇的汇总值（点击区镇查看）。",
        "Enterprise points are shown to signed-in users with the 查看企业 or 编辑 role only; the map gives"
        " each town's totals (click a town).",
    ),
    "parcel.hidden": (
        "宗地视图逐宗列出企业用地及其税收、投资与评价类别，仅对「查看企业」或「编辑」角色的登录用户显示；"
        "下面是按区镇汇总的视图。",
        "The parcel view lists each enterprise's land with its tax, investment and class: it is shown to"
        " signed-in users with the 查看企业 or 编辑 role only. Below, the totals by town.",
    ),
    "int.method_note": (
        "区镇值为其企业的合计之比（Σ分子 ÷ Σ分母，分母为 0 或缺失的企业不计入）；企业为合成数据，区镇范围为"
        "示意。",
        "Town values are pooled (Σ numerator ÷ Σ denominator over enterprises with both); enterprises are"
        " synthetic and town extents schematic.",
    ),
    "int.panel": ("详情", "Details"),
    "int.panel_hint": ("点击地图上的区镇或企业查看详情。", "Click a town or an enterprise on the map."),
    "int.rank": ("在 {n} 个区镇中排第 {rank}", "Rank {rank} of {n} towns"),
    "int.n_enterprises": ("企业数（家）", "Enterprises"),
    "int.land_total": ("用地合计", "Total land"),
    "int.tax_total": ("税收合计", "Total tax"),
    "int.table": ("各区镇{metric}排名", "Towns ranked by {metric}"),
    "int.class": ("分级", "Class"),
    "page.data": ("数据管理", "Data"),
    "audit.at": ("时间", "When"),
    "audit.user": ("操作人", "Who"),
    "audit.action": ("操作", "Action"),
    "audit.layer": ("图层", "Layer"),
    "audit.title": ("标题", "Title"),
    "audit.file": ("文件", "File"),
    "audit.rows_in": ("读入行", "Rows in"),
    "audit.rows_out": ("保存行", "Rows out"),
    "audit.detail": ("说明", "Detail (as recorded)"),
    "audit.table": ("数据表名", "Table name"),
    "auth.single": (
        "单用户模式：未配置登录，任何打开本页的人都可导入、替换和删除数据（配置方法见 README「多人使用」）。",
        "Single-user mode: no login is configured, so anyone who opens the app can import, replace and delete"
        " (see README, “Several users”).",
    ),
    "auth.single_local": (
        "本服务只在本机监听（127.0.0.1），局域网内其他电脑无法访问。",
        "The server listens on this machine only (127.0.0.1): other computers cannot reach it.",
    ),
    "auth.single_open": (
        "注意：本服务按运维设置对网络开放，能访问本机的人都能查看企业数据并修改。",
        "Note: the operator opened the server to the network; anyone who reaches it sees enterprise"
        " figures and may change data.",
    ),
    "auth.role.summary": ("查看汇总：{name}", "Aggregates only: {name}"),
    "auth.role.firms": ("查看企业：{name}", "Enterprise viewer: {name}"),
    "auth.role.edit": ("编辑：{name}", "Editor: {name}"),
    "auth.anonymous": (
        "未登录：地图与汇总数据（企业明细需登录）",
        "Not logged in: maps and aggregates (enterprise rows need a login)",
    ),
    "auth.session_note": (
        "登录在本浏览器中保持 {hours} 小时（刷新页面不会退出）。",
        "You stay signed in in this browser for {hours} h (a reload keeps you signed in).",
    ),
    "access.hidden": (
        "企业明细（企业名称及税收、销售、能耗、用工、得分与分类）仅对「查看企业」或「编辑」角色的登录用户显示；"
        "这里只给出按区镇、行业与规模的汇总。",
        "Enterprise rows (names with tax, sales, energy, employees, scores and classes) are shown to"
        " signed-in users with the 查看企业 or 编辑 role only; here you see aggregates by zone,"
        " industry and size.",
    ),
    "auth.login": ("登录", "Log in"),
    "auth.logout": ("退出登录", "Log out"),
    "auth.login_header": ("工作人员登录", "Staff login"),
    "auth.user": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.bad_login": ("用户名或密码不对", "Wrong user name or password"),
    "auth.no_header": (
        "反向代理没有传来用户名（{header}）：只读",
        "The reverse proxy sent no user name ({header}): viewer",
    ),
    "export.header": ("导出地图与数据", "Export maps and data"),
    "export.layers": ("要导出的图层（从下到上）", "Layers to export (bottom first)"),
    "export.title": ("标题", "Title"),
    "export.title_default": ("苏州产业布局图", "Suzhou industrial layout"),
    "export.note": (
        "汇报图在服务器上绘制（A4 横向 300 dpi）：标题、图例与单位、比例尺、指北针、数据来源与日期、“示意图”"
        "声明；离线 HTML 无需网络即可打开（底图需联网）。",
        "The briefing PNG is drawn on the server (A4 landscape, 300 dpi) with title, legend and units, "
        "scale bar, north arrow, sources, date and the schematic-map note; the offline HTML opens without a "
        "network (basemaps need one).",
    ),
    "export.none": ("请至少选择一个图层。", "Choose at least one layer."),
    "export.none_shown": (
        "地图上的图层都已关闭：请在地图右上角的图层切换中至少打开一个，再导出。",
        "Every layer is switched off on the map: switch at least one on (top right of the map) to export.",
    ),
    "map.disclaimer": ("示意图，不作为权属界线依据。", "Schematic map, not a legal boundary."),  # a sentence
    "unit.mu": ("亩", "mu"),
    "district.kind.区": ("区", "district"),
    "district.kind.县级市": ("县级市", "county-level city"),
    "unit.wan_yuan": ("万元", "10k yuan"),
    "unit.per_mu_amount": ("{amount}/亩", "{amount} per mu"),
    "unit.wan_yuan_per_mu": ("万元/亩", "10k yuan/mu"),
    "export.layers_placeholder": ("请选择要导出的图层", "Choose the layers to export"),
    "app.language": ("语言 / Language", "Language / 语言"),
    "accuracy.real": ("真实", "real"),
    "accuracy.transcribed": ("转录", "transcribed"),
    "accuracy.schematic": ("示意", "schematic"),
    "accuracy.synthetic": ("合成", "synthetic"),
    "legend.source": ("来源", "Source"),
    "int.view": ("查看", "View"),
    "int.view.parcels": ("宗地", "Parcels"),
    "int.view.zones": ("区镇", "Towns"),
    "parcel.intro": (
        "每宗工业用地按所选指标分级着色；红框为低于其行业控制下限（容积率、建筑系数）的宗地，橙色为闲置土地。"
        "企业用地面积为其宗地在 EPSG:4549 中的面积之和。点击宗地查看详情、认定理由、履约情况并登记盘活进展。",
        "Each industrial parcel coloured by the chosen indicator; red outlines: below the control minimum "
        "of its"
        " industry (FAR, building coverage); orange: idle land. An enterprise's land is the sum of its "
        "parcels'"
        " areas in EPSG:4549. Click a parcel for its details, reasons, contract and renewal.",
    ),
    "parcel.source": ("宗地数据", "Parcels"),
    "parcel.source_demo": ("演示宗地（合成）", "Demo parcels (synthetic)"),
    "parcel.ent_source": ("企业数据", "Enterprises"),
    "parcel.ent_source_demo": ("演示企业（合成）", "Demo enterprises (synthetic)"),
    "parcel.metric": ("宗地指标", "Parcel indicator"),
    "parcel.town": ("区镇", "Town"),
    "parcel.town_all": ("全部区镇", "All towns"),
    "parcel.show": ("显示宗地", "Show parcels"),
    "parcel.show.all": ("全部", "All"),
    "parcel.show.below_min": ("低于控制下限", "Below the control minimum"),
    "parcel.show.low": ("低效用地", "Low-efficiency land"),
    "parcel.show.missed": ("履约未达标", "Contract missed"),
    "parcel.show.met": ("履约达标", "Contract met"),
    "parcel.method_note": (
        "宗地、容积率、建筑系数、投资与出让合同均为合成数据；控制下限取《工业项目建设用地控制指标》（2008）并按本图产业对应"
        "（可替换为本市标准）；亩均税收为企业税收 ÷ 其宗地面积之和。",
        "Parcels, FAR, coverage, investment and contracts are synthetic; minimums from the 2008 national "
        "control"
        " indicators mapped to the atlas's industries (replaceable by a city's "
        "own); tax per"
        " mu is the enterprise's tax over the sum of its parcels.",
    ),
    "parcel.n_shown": (
        "显示 {n:,} 宗，合计 {mu} 亩；其中低于控制下限 {below:,} 宗。",
        "{n:,} parcels shown, {mu} mu in all; {below:,} below the control minimum.",
    ),
    "parcel.panel_hint": ("点击地图上的宗地查看详情。", "Click a parcel on the map for its details."),
    "parcel.tab.low": ("低效用地清单", "Low-efficiency land"),
    "parcel.tab.renewal": ("盘活跟踪", "Renewal"),
    "parcel.tab.contracts": ("履约监管", "Grant contracts"),
    "parcel.rules": (
        "认定规则（本地默认规则，可替换为本市标准）：{rules}",
        "Rules (local defaults, replaceable by the city's own): {rules}",
    ),
    "parcel.low_total": ("认定低效用地 {n:,} 宗，{mu} 亩", "{n:,} low-efficiency parcels, {mu} mu"),
    "parcel.download_low": ("下载低效用地清单 CSV", "Download the low-efficiency list (CSV)"),
    "parcel.download_contracts": ("下载履约检查 XLSX", "Download the contract check (XLSX)"),
    "parcel.file.low": ("低效用地清单", "low_efficiency_parcels"),
    "parcel.file.contracts": ("履约检查", "contract_check"),
    "parcel.edit": ("登记盘活进展", "Record renewal progress"),
    "parcel.edit_parcel": ("宗地", "Parcel"),
    "parcel.status": ("状态", "Status"),
    "parcel.method": ("处置方式", "Method"),
    "parcel.date": ("日期", "Date"),
    "parcel.who": ("记录为（登录身份）", "Recorded as (signed-in identity)"),
    "parcel.note": ("备注", "Note"),
    "parcel.save": ("保存", "Save"),
    "parcel.saved": ("已记录：{pid} → {status}", "Recorded: {pid} → {status}"),
    "parcel.editor_note": (
        "每次修改都以登录身份和时间记录（存于共享存储的 parcel_renewal_log 表）；需要说明经办人等请写在备注"
        "中。",
        "Every change is kept under the signed-in identity, with the time (shared store table"
        " parcel_renewal_log); put anything else, e.g. who handled it, in the note.",
    ),
    "parcel.summary": ("按年份与区镇：认定与盘活用地", "Identified and freed land by year and town"),
    "parcel.plan_record": (
        "规划记录（吴江“十四五”工业规划，2016–2020）",
        "Plan record (Wujiang 14th Five-Year industrial plan, 2016–2020)",
    ),
    "parcel.plan_closed": ("关停淘汰低效企业", "Low-efficiency enterprises closed"),
    "parcel.plan_freed": ("腾出土地", "Land freed"),
    "parcel.identified_total": ("已认定低效用地", "Identified low-efficiency land"),
    "parcel.freed_total": ("已盘活用地", "Land freed"),
    "parcel.in_progress_total": ("处置中", "In progress"),
    "parcel.log": ("修改记录", "Record of changes"),
    "parcel.changed_at": ("修改时间", "Changed at"),
    "parcel.log_empty": ("尚无修改记录。", "No changes recorded yet."),
    "parcel.contracts_intro": (
        "{year} 年检查：已到约定达产年份的出让合同，实际值与约定值比较（差额 = 实际 − 约定）。",
        "Checked for {year}: contracts past their promised full-production year, achieved vs promised (gap ="
        " achieved − promised).",
    ),
    "parcel.contracts_counts": (
        "达标 {met:,} 宗 · 未达标 {missed:,} 宗 · 未到达产期 {due:,} 宗",
        "Met {met:,} · missed {missed:,} · not yet due {due:,}",
    ),
    "parcel.viewer": (
        "只读账号：可查看盘活进展与修改记录；登记盘活进展需编辑权限。",
        "Read-only: you see the renewal progress and its record; recording changes needs an editor.",
    ),
    "parcel.table_head": (
        "表中列出面积最大的 {n} 宗；完整清单请下载。",
        "The {n} largest are listed; download for all.",
    ),
    "parcel.details": ("宗地详情", "Parcel details"),
    "parcel.not_low": ("该宗地未被认定为低效用地。", "This parcel is not identified as low-efficiency land."),
}

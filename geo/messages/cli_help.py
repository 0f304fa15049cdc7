"""What ``python -m geo.cli <command> --help`` prints: each command's description and its options'
help and metavars, key ``cli.help.<command>.<option>`` -> (中文, English), chosen by the parser's
language (:func:`geo.cli.output.help_text`). The command list's lines are in :mod:`geo.messages.cli`."""

# Options several commands share (geo/cli/arguments.py).
SHARED: dict[str, tuple[str, str]] = {
    "cli.help.store": (
        "用户数据存储：GeoPackage 路径或共享库 postgresql://用户:密码@主机:端口/库"
        "（默认 $ATLAS_DATABASE_URL，否则 $ATLAS_USER_GPKG 或 data/user/atlas_user.gpkg）",
        "User data store: a GeoPackage path or a shared store postgresql://user:password@host:port/db"
        " (default $ATLAS_DATABASE_URL, else $ATLAS_USER_GPKG or data/user/atlas_user.gpkg)",
    ),
    "cli.help.user": (
        "记入留痕的操作人（默认 $ATLAS_USER 或系统用户名）",
        "The user recorded in the change log (default $ATLAS_USER or the system user name)",
    ),
    "cli.help.table.frame": (
        "{what}经纬度的坐标框架（经纬度表格必填，没有默认值）：wgs84（GPS、天地图、OSM）、gcj02（高德/腾讯）、"
        "bd09（百度）；带坐标系的文件（.prj、GeoPackage、GeoJSON）{placed_otherwise}不需要",
        "Coordinate frame of the longitudes/latitudes{what} (required for a table of longitudes/latitudes,"
        " no default): wgs84 (GPS, Tianditu, OSM), gcj02 (Amap/Tencent), bd09 (Baidu); not needed for a"
        " file that carries its CRS (.prj, GeoPackage, GeoJSON){placed_otherwise}",
    ),
    # an older spelling of --frame still accepted (evaluate's --coords)
    "cli.help.table.frame_alias": ("（也可写作 {aliases}）", " (also accepted as {aliases})"),
    "cli.help.table.lon_col": (
        "{what}经度列（缺省自动识别 lon/lng/经度）",
        "Longitude column{what} (default: recognised from lon/lng/经度)",
    ),
    "cli.help.table.lat_col": (
        "{what}纬度列（缺省自动识别 lat/纬度）",
        "Latitude column{what} (default: recognised from lat/纬度)",
    ),
    "cli.help.table.map_metavar": ("字段=列", "FIELD=COLUMN"),
    "cli.help.table.map": (
        "字段对应，如 tax_wan_yuan=实缴税金 或 税收=实缴税金（字段写键名或中英文名称；可重复；"
        "其余按表头自动识别）",
        "Column mapping, e.g. tax_wan_yuan=实缴税金 or Tax=实缴税金 (a field by its key or its name in"
        " either language; repeatable; the other columns are recognised from their headers)",
    ),
}

# The table options' words for the table evaluate and import read (add_table_arguments).
TABLES: dict[str, tuple[str, str]] = {
    "cli.help.evaluate.table_what": ("企业表", " of the enterprise table"),
    "cli.help.evaluate.placed_otherwise": (
        "和按 --zone-column 归属的表格",
        " nor for a table placed by --zone-column",
    ),
    "cli.help.import.table_what": ("表格", " of the table"),
    "cli.help.import.placed_otherwise": (
        "和按 --join-layer 关联的表格",
        " nor for a table joined by --join-layer",
    ),
}

COLLECT: dict[str, tuple[str, str]] = {
    "cli.help.collect.description": (
        "以企业名录（统一社会信用代码）为准，把税务、统计、供电、自然资源、生态环境各部门的数据"
        "按统一社会信用代码 → 组织机构代码 → 唯一名称依次匹配、换算单位、按企业汇总，写出企业表"
        "（evaluate 可直接读取）和匹配报告；每个数值都记录来自哪个部门、哪个文件（含 SHA-256）的哪几行。",
        "Taking the enterprise register (unified social credit codes) as the reference, matches the data of"
        " each department (tax, statistics, power supply, natural resources, ecology and environment) by"
        " unified social credit code → organization code → unique name in turn, converts the units, sums"
        " per enterprise and writes the enterprise table (read by evaluate as it is) and the matching"
        " report; every value records which rows of which department's file (with its SHA-256) it comes"
        " from.",
    ),
    "cli.help.collect.register": (
        "企业名录（.csv/.xlsx）：统一社会信用代码、企业名称，可含区镇、行业代码、经纬度",
        "Enterprise register (.csv/.xlsx): unified social credit code, enterprise name; may hold the town,"
        " the industry code, longitude and latitude",
    ),
    "cli.help.collect.source_metavar": ("部门=文件", "DEPARTMENT=FILE"),
    "cli.help.collect.source": (
        "部门文件，可重复：tax=税务.csv stats=统计.xlsx power=供电.csv land=自然资源.xlsx env=生态环境.csv",
        "A department's file, repeatable: tax=tax.csv stats=stats.xlsx power=power.csv land=land.xlsx"
        " env=env.csv",
    ),
    "cli.help.collect.map_metavar": ("部门.字段=表头", "DEPARTMENT.FIELD=HEADER"),
    "cli.help.collect.map": (
        "表头不同时指定，如 tax.tax_wan_yuan=入库税款（元）、power.name=用户名称、register.code=社会信用代码",
        "Give a header when it differs, e.g. tax.tax_wan_yuan=入库税款（元）, power.name=用户名称,"
        " register.code=社会信用代码",
    ),
    "cli.help.collect.out": (
        "归集结果 .csv（另写 .provenance.csv）或 .xlsx",
        "The collected table: .csv (and a .provenance.csv beside it) or .xlsx",
    ),
    "cli.help.collect.report": (
        "匹配报告 .xlsx（每个部门一页 + 汇总）或 .csv",
        "The matching report: .xlsx (a sheet per department + a summary) or .csv",
    ),
}

EVALUATE: dict[str, tuple[str, str]] = {
    "cli.help.evaluate.description": (
        "读入区域边界与企业表，按位置（或区镇名称字段）把企业归入区域，计算各区域总量与亩均指标，"
        "并按评价配置给每家企业打分、排名、分 A/B/C/D 类；输出 CSV 或 GeoPackage。",
        "Reads the zone boundaries and the enterprise table, places each enterprise in a zone by its"
        " location (or by a town name column), computes each zone's totals and per-mu metrics, and scores,"
        " ranks and classes (A/B/C/D) every enterprise by the evaluation configuration; writes CSV or"
        " GeoPackage.",
    ),
    "cli.help.evaluate.zones": (
        "区域边界文件（.gpkg/.geojson/.shp/.zip）",
        "Zone boundaries file (.gpkg/.geojson/.shp/.zip)",
    ),
    "cli.help.evaluate.enterprises": (
        "企业表（.csv/.xlsx/.gpkg/.geojson）",
        "Enterprise table (.csv/.xlsx/.gpkg/.geojson)",
    ),
    "cli.help.evaluate.config": (
        "评价配置 YAML（缺省用 geo/evaluation/evaluation.yaml）",
        "Evaluation configuration YAML (default geo/evaluation/evaluation.yaml)",
    ),
    "cli.help.evaluate.method": (
        "县区公布的评价方法（{methods}），代替 --config",
        "An evaluation method a county published ({methods}), instead of --config",
    ),
    "cli.help.evaluate.out": ("输出目录（CSV）或 .gpkg 文件", "Output folder (CSV) or .gpkg file"),
    "cli.help.evaluate.format": (
        "输出格式；缺省按 --out 的扩展名",
        "Output format; default from the extension of --out",
    ),
    "cli.help.evaluate.zones_layer": ("区域文件中的图层名", "Layer name in the zones file"),
    "cli.help.evaluate.enterprises_layer": (
        "企业文件中的图层名或 Excel 工作表名",
        "Layer name or Excel sheet name in the enterprises file",
    ),
    "cli.help.evaluate.zone_id": ("区域名称/编码字段（缺省 name）", "Zone name/code column (default name)"),
    "cli.help.evaluate.zone_column": (
        "按企业表中的区镇名称/编码字段归属，而不是按位置（如 town）",
        "Place enterprises by this town name/code column of the enterprise table, not by location"
        " (e.g. town)",
    ),
    "cli.help.evaluate.report": (
        "把企业表的逐行校验报告写到此 CSV",
        "Write the enterprise table's row-by-row check report to this CSV",
    ),
    "cli.help.evaluate.lang": (
        "输出表格（和 --zones-out）的语言，与评价页下载的文件相同：zh 中文表头、按度量取位、是/否；"
        "en 英文表头、按度量取位、Yes/No、区镇/行业/规模/状态为英文；"
        "命令前未写 --lang 时也是输出信息的语言（缺省同命令前的 --lang，即 zh）",
        "Language of the output tables (and --zones-out), as the evaluation page's downloads: zh Chinese"
        " headers, values rounded per measure, 是/否; en English headers, values rounded per measure,"
        " Yes/No, towns/industries/sizes/statuses in English; also the language of the messages when no"
        " --lang is given before the command (default: the --lang before the command, i.e. zh)",
    ),
    "cli.help.evaluate.raw": (
        "CSV 输出改为机读表格：图层字段名（如 tax_per_mu_wan_yuan）、未取位的数值、True/False",
        "Write CSV as machine-readable tables: the layer's column names (e.g. tax_per_mu_wan_yuan),"
        " unrounded values, True/False",
    ),
    "cli.help.evaluate.parcels": (
        "宗地图层（.gpkg/.geojson/.zip/.kml）：企业用地面积改按宗地面积（EPSG:4549）计，企业表可无用地字段",
        "Parcel layer (.gpkg/.geojson/.zip/.kml): an enterprise's land area is its parcels' area"
        " (EPSG:4549), so the enterprise table needs no land column",
    ),
    "cli.help.evaluate.parcels_layer": ("宗地文件中的图层名", "Layer name in the parcels file"),
    "cli.help.evaluate.controls": (
        "用地控制指标与低效用地规则 YAML（缺省 geo/land/land_control.yaml）",
        "Land control indicators and inefficient-land rules YAML (default geo/land/land_control.yaml)",
    ),
    "cli.help.evaluate.check_year": (
        "履约检查年份（缺省取控制指标配置）",
        "Year of the contract check (default: from the land control configuration)",
    ),
    "cli.help.evaluate.previous": (
        "上年结果：上年企业表（按相同区域与配置评价），或上年的 enterprise_classes 输出（含 eval_class，"
        "按已公布类别比较）；写出 class_transitions、enterprise_changes、early_warnings",
        "Last year's result: last year's enterprise table (evaluated with the same zones and"
        " configuration), or last year's enterprise_classes output (with eval_class: compared by the"
        " published classes); writes class_transitions, enterprise_changes, early_warnings",
    ),
    "cli.help.evaluate.previous_layer": (
        "上年文件中的图层名或 Excel 工作表名",
        "Layer name or Excel sheet name in last year's file",
    ),
    "cli.help.evaluate.year": (
        "评价年份：从带 year 字段的企业表中取该年，并与其上一年比较（表中有上一年时）；"
        "表中无 year 字段时即为该表的年份（用于投产年限与按年费率；"
        "不写则取表格标题行或文件名写明的年份并说明，与 import 相同）",
        "Evaluation year: taken from an enterprise table with a year column and compared with the year"
        " before (when the table holds it); without a year column, the table's year (for the years in"
        " production and the yearly rates; when not given, the year the table's title rows or file name"
        " state, said, as import does)",
    ),
    "cli.help.evaluate.scope": (
        "评价范围：只评价区域图层中该区域（如 昆山市）内的企业，基准按其自身计算；缺省全部区域",
        "Evaluation scope: only the enterprises inside this zone of the zone layer (e.g. 昆山市), with"
        " benchmarks computed within it; default every zone",
    ),
    "cli.help.evaluate.accept_weights": (
        "确认按配置的权重评价，即使某组权重合计不等于 100（综合得分的满分随之改变）；缺省时拒绝并说明合计",
        "Use the configured weights even where a group's do not add up to 100 (scores then top out at"
        " their total); without it such weights are refused, naming the totals",
    ),
    "cli.help.evaluate.zones_out": (
        "区镇/园区评价表（.xlsx 或 .csv）：各区镇汇总亩均指标、得分、排名、类别、企业类别构成、D 类用地，"
        "有上年时含年度变化；规则见 evaluation.yaml 的 zones 一节",
        "Town/park evaluation table (.xlsx or .csv): each town's per-mu metrics, score, rank, class,"
        " enterprise class mix and class D land, with the yearly change when last year is given; rules in"
        " the zones section of evaluation.yaml",
    ),
}

IMPORT: dict[str, tuple[str, str]] = {
    "cli.help.import.description": (
        "读入文件、识别编码和坐标系、逐行校验，并原子地写入用户 GeoPackage（失败时原有数据不变）。",
        "Reads the file, recognises its encoding and CRS, checks it row by row and writes it into the"
        " user GeoPackage atomically (on a failure the data already there stays unchanged).",
    ),
    "cli.help.import.file": ("要导入的文件", "The file to import"),
    # import --name: the rule geo.ingest.save_import enforces (the data page's data.name says it too)
    "cli.help.import_name": (
        "图层表名：小写字母、数字、下划线或汉字，以字母或汉字开头；"
        "最长 {max_bytes} 字节（user_ 之后约 15 个汉字）；不以 user_ 开头时自动加上；不能与内置图层重名。"
        "默认按文件名生成",
        "Table name: lower-case a-z, 0-9, _ or Chinese characters, starting with a letter or a Chinese"
        " character; at most {max_bytes} bytes (about 15 Chinese characters after user_); user_ is added"
        " when missing; not the name of a built-in layer. Default: made from the file name",
    ),
    "cli.help.import.title": (
        "图层标题（中文），默认取文件名",
        "Layer title (Chinese); default the file name",
    ),
    "cli.help.import.source": (
        "数据来源，例如「吴江区自然资源和规划局，2024 年」（保存时必填）",
        "Data source, e.g. “Wujiang District Natural Resources and Planning Bureau, 2024” (required to save)",
    ),
    "cli.help.import.accuracy": (
        "数据精度（保存时必填，无默认值）：real 真实（测绘或官方矢量数据）、"
        "transcribed 转录（从文件报表抄录）、schematic 示意（按描述或大致位置画出）、"
        "synthetic 合成（生成的演示数据）",
        "Data accuracy (required to save, no default): real (surveyed or official vector data),"
        " transcribed (copied from documents and reports), schematic (drawn from a description or an"
        " approximate location), synthetic (generated demo data)",
    ),
    "cli.help.import.year": (
        "数据年份（企业表无 year 列时；不写则取表格标题行或文件名写明的年份并说明；"
        "含 year/年份 列的多年表无需指定）",
        "Data year (for an enterprise table without a year column; without it, the year the table's title"
        " rows or file name state is taken, and said; not needed for a table of several years with a"
        " year/年份 column)",
    ),
    "cli.help.import.kind": (
        "用途：zones 分区 / enterprises 企业 / other 其他（默认同数据管理页按文件内容的建议，并说明）",
        "Use: zones / enterprises / other (default: what the data page proposes from the file's content,"
        " said)",
    ),
    "cli.help.import.layer": (
        "GeoPackage/KML 图层、zip 中的 Shapefile 名或 Excel 工作表",
        "GeoPackage/KML layer, Shapefile name in a zip, or Excel sheet",
    ),
    "cli.help.import.crs": (
        "坐标系，如 EPSG:4549（文件没有 .prj 时必填）",
        "CRS, e.g. EPSG:4549 (required when the file has no .prj)",
    ),
    "cli.help.import.swap_xy": (
        "交换经纬度（纬度在前，或测量坐标 X 为北向）",
        "Swap longitude and latitude (latitude first, or a survey X pointing north)",
    ),
    "cli.help.import.join_layer": (
        "表格按名称/代码关联到的分区图层（内置或 user_ 图层）",
        "The zone layer the table is joined to by name/code (built-in or user_ layer)",
    ),
    "cli.help.import.join_key": (
        "分区图层中用于关联的字段，如 name、adcode",
        "The zone layer's column to join on, e.g. name, adcode",
    ),
    "cli.help.import.join_col": ("表格中用于关联的列，如 区镇", "The table's column to join on, e.g. 区镇"),
    "cli.help.import.encoding": (
        "强制指定 .dbf 编码（默认自动识别）",
        "Force the .dbf encoding (default: recognised)",
    ),
    "cli.help.import.report": (
        "把逐行校验报告写到此 CSV",
        "Write the row-by-row check report to this CSV",
    ),
    "cli.help.import.inspect": (
        "只查看文件并给出建议，不读入不保存",
        "Only look at the file and propose settings; read and save nothing",
    ),
    "cli.help.import.dry_run": ("读入并校验，但不保存", "Read and check, but do not save"),
    "cli.help.import.replace": (
        "替换同名的已有图层（记入留痕；没有同名图层时拒绝，不另存新图层）；不加则不覆盖，"
        "文件与该图层导入时的内容相同（SHA-256 一致）时只说明、不作改动",
        "Replace the stored layer of the same name (recorded in the change log; refused when there is none,"
        " never saved as a new layer); without it, nothing is overwritten,"
        " and a file identical to the one the layer was imported from (same SHA-256) is said so and"
        " changes nothing",
    ),
}

EXPORT: dict[str, tuple[str, str]] = {
    "cli.help.export.description": (
        "导出内置或导入的图层，与数据管理页「导出」下载的文件相同（按 --lang 的语言：标题、表头、是/否、"
        "地名与行业名、页面配色）：GeoJSON（RFC 7946，WGS-84；每个图层一个文件，如 m_县级行政区.geojson，"
        "图层内面、线、点混合时按类型分开）、"
        "CSV（UTF-8 BOM；多个图层合成一个表，首列为图层名）、XLSX（每个图层一个工作表）、"
        "汇报图 PNG（A4 横向 300 dpi）。",
        "Exports built-in or imported layers, the same files as the data page's Export downloads (in the"
        " language of --lang: titles, headers, yes/no, place and industry names, the page's colours):"
        " GeoJSON (RFC 7946, WGS-84; one file per layer, e.g. m_县级行政区.geojson, split by geometry"
        " type when a layer mixes polygons, lines and points), CSV (UTF-8 BOM; several layers in one"
        " table, the layer name first), XLSX (a sheet per layer), briefing PNG (A4 landscape, 300 dpi).",
    ),
    "cli.help.export.layers": (
        "图层名（内置图层或 user_ 开头的导入图层），按从下到上的顺序",
        "Layer names (built-in layers or imported layers starting with user_), bottom to top",
    ),
    "cli.help.export.format": (
        "导出格式（默认按 --out 的扩展名）",
        "Export format (default from the extension of --out)",
    ),
    "cli.help.export.out": ("输出文件", "Output file"),
    "cli.help.export.title": ("标题（默认取图层标题）", "Title (default the layer's title)"),
    "cli.help.export.where_metavar": ("列=值", "COLUMN=VALUE"),
    "cli.help.export.where": (
        "只导出满足条件的要素（可重复）",
        "Export only the features that match (repeatable)",
    ),
    "cli.help.export.paper": ("PNG 尺寸：a4（300 dpi）或 screen", "PNG size: a4 (300 dpi) or screen"),
    "cli.help.export.lang": (
        "导出文件的语言，命令前未写 --lang 时也是输出信息的语言（缺省同命令前的 --lang，即 zh）",
        "Language of the exported files; also of the messages when no --lang is given before the command"
        " (default: the --lang before the command, i.e. zh)",
    ),
    "cli.help.export.builtin_store": (
        "内置图层的 GeoPackage（默认：设置了 $ATLAS_DATABASE_URL 时读共享库的内置图层，"
        "否则 $ATLAS_GPKG 或 data/atlas.gpkg）",
        "GeoPackage of the built-in layers (default: the shared store's built-in layers when"
        " $ATLAS_DATABASE_URL is set, else $ATLAS_GPKG or data/atlas.gpkg)",
    ),
}

PUBLICATION: dict[str, tuple[str, str]] = {
    "cli.help.versions.list": (
        "列出评价版本及其状态",
        "List the evaluation versions and their status",
    ),
    "cli.help.versions.list.kind": (
        "只列出评价结果（score）或用地清单（land）",
        "List only evaluation results (score) or land lists (land)",
    ),
    "cli.help.versions.show": (
        "列出一个版本的逐企业结果",
        "List a version's results enterprise by enterprise",
    ),
    "cli.help.versions.show.version": (
        "版本编号，如 V3",
        "Version number, e.g. V3",
    ),
    "cli.help.versions.publish": (
        "公示一个草稿版本（登记公示期，记入留痕）",
        "Publish a draft version (records the publication period, in the change log)",
    ),
    "cli.help.versions.publish.version": (
        "版本编号",
        "Version number",
    ),
    "cli.help.versions.publish.start": (
        "公示开始日期 YYYY-MM-DD",
        "First day of publication YYYY-MM-DD",
    ),
    "cli.help.versions.publish.end": (
        "公示结束日期 YYYY-MM-DD（含当日）",
        "Last day of publication YYYY-MM-DD (included)",
    ),
    "cli.help.versions.finalize": (
        "定案（锁定）一个版本，此后不能再修改（记入留痕）",
        "Finalize (lock) a version: it cannot be changed afterwards (recorded in the change log)",
    ),
    "cli.help.versions.finalize.version": (
        "版本编号",
        "Version number",
    ),
    "cli.help.versions.reevaluate": (
        "按已决定的异议重新评价公示版本，存为替换它的新草稿",
        "Re-evaluate a published version by its decided objections, saved as a new draft that replaces it",
    ),
    "cli.help.versions.reevaluate.version": (
        "公示中的版本编号",
        "Number of the published version",
    ),
    "cli.help.versions.reevaluate.title": (
        "新版本标题（缺省：原标题；页面按语言注明「异议更正」）",
        "Title of the new version (default: the old title; the page notes the objection correction in its "
        "language)",
    ),
    "cli.help.versions.compare": (
        "比较两个版本：类别变化、得分变化、变化的输入值",
        "Compare two versions: class changes, score changes, the input values that changed",
    ),
    "cli.help.versions.compare.before": (
        "原版本编号",
        "Number of the earlier version",
    ),
    "cli.help.versions.compare.after": (
        "新版本编号",
        "Number of the later version",
    ),
    "cli.help.objections.list": (
        "列出异议（可只列一个版本的）",
        "List the objections (optionally of one version only)",
    ),
    "cli.help.objections.list.version": (
        "版本编号",
        "Version number",
    ),
    "cli.help.objections.decide": (
        "决定一条异议：采纳（accepted）或驳回（rejected），附核实部门的答复",
        "Decide an objection: accept (accepted) or reject (rejected) it, with the verifying department's "
        "answer",
    ),
    "cli.help.objections.decide.objection": (
        "异议编号，如 O2",
        "Objection number, e.g. O2",
    ),
    "cli.help.objections.decide.decision": (
        "采纳或驳回",
        "Accept or reject",
    ),
    "cli.help.objections.decide.answer": (
        "核实部门的答复（尚未记录时先记为一步；已记录的不覆盖）",
        "The verifying department's answer (recorded first as a step when not recorded yet; one already "
        "recorded is not overwritten)",
    ),
    "cli.help.objections.decide.reason": (
        "决定理由（与部门答复分开记录）",
        "Reason of the decision (recorded apart from the department's answer)",
    ),
    "cli.help.objections.export": (
        "把一个版本的异议登记表导出为 XLSX",
        "Export a version's objection register as XLSX",
    ),
    "cli.help.objections.export.version": (
        "版本编号",
        "Version number",
    ),
    "cli.help.objections.export.out": (
        "输出的 .xlsx 文件",
        "The .xlsx file to write",
    ),
}

RENEWAL_CONFIG: dict[str, tuple[str, str]] = {
    "cli.help.renewal.set": (
        "登记宗地的新盘活状态（记入盘活记录和变更留痕）",
        "Record a parcel's new renewal status (in the renewal log and the change log)",
    ),
    "cli.help.renewal.set.parcel": (
        "宗地编号",
        "Parcel number",
    ),
    "cli.help.renewal.set.status": (
        "新状态",
        "New status",
    ),
    "cli.help.renewal.set.date": (
        "状态日期 YYYY-MM-DD",
        "Date of the status YYYY-MM-DD",
    ),
    "cli.help.renewal.set.note": (
        "备注",
        "Note",
    ),
    "cli.help.renewal.log": (
        "列出盘活状态变更记录（旧→新、谁、何时）",
        "List the renewal status changes (old → new, who, when)",
    ),
    "cli.help.renewal.log.parcel": (
        "只列出某宗地",
        "List only this parcel",
    ),
    "cli.help.config.list": (
        "列出已保存的配置（正式配置在前）",
        "List the saved configurations (the official one first)",
    ),
    "cli.help.config.save": (
        "把一个 YAML 配置文件（格式同 geo/evaluation/evaluation.yaml）按名称保存",
        "Save a YAML configuration file (in the format of geo/evaluation/evaluation.yaml) under a name",
    ),
    "cli.help.config.save.name": (
        "配置名称（不超过 40 字）",
        "Configuration name (at most 40 characters)",
    ),
    "cli.help.config.save.file": (
        "YAML 配置文件",
        "YAML configuration file",
    ),
    "cli.help.config.save.official": (
        "保存为正式配置（替换原正式配置）",
        "Save as the official configuration (replacing the official one)",
    ),
    "cli.help.config.show": (
        "输出一个已保存配置的 YAML（可存为文件交给 evaluate -c）",
        "Print a saved configuration's YAML (to save as a file for evaluate -c)",
    ),
    "cli.help.config.show.name": (
        "配置名称（与 --official 同用时可省略）",
        "Configuration name (may be left out with --official)",
    ),
    "cli.help.config.show.official": (
        "正式配置",
        "The official configuration",
    ),
    "cli.help.config.delete": (
        "删除一个已保存的配置（记入变更留痕）",
        "Delete a saved configuration (recorded in the change log)",
    ),
    "cli.help.config.delete.name": (
        "配置名称（与 --official 同用时可省略）",
        "Configuration name (may be left out with --official)",
    ),
    "cli.help.config.delete.official": (
        "删除正式配置",
        "Delete the official configuration",
    ),
    "cli.help.renewal.set.method": (
        "处置方式（处置中/已盘活时必填）",
        "Way of renewal (required for 处置中/已盘活)",
    ),
}

STORE: dict[str, tuple[str, str]] = {
    "cli.help.audit.description": (
        "按时间倒序列出存储中的每次变更：操作人、时间、操作、图层、文件名及其 SHA-256、读入和保存的行数。",
        "Lists every change in the store, newest first: user, time, action, layer, file name and its"
        " SHA-256, rows read and saved.",
    ),
    "cli.help.audit.limit": ("只列出最近的若干条", "List only the latest N changes"),
    "cli.help.audit.layer": ("只列出某个图层的变更", "List only the changes of this layer"),
    "cli.help.delete.layer": ("图层名（user_ 开头）", "Layer name (starting with user_)"),
    "cli.help.load_demo.description": (
        "在一个事务中把演示 GeoPackage 的每个图层写入共享库（表名加 demo_ 前缀，同名表被替换）。",
        "Writes every layer of the demo GeoPackage into the shared store in one transaction (table names"
        " prefixed demo_, a table of the same name replaced).",
    ),
    "cli.help.load_demo.store": (
        "postgresql://… 共享库（默认 ${env}）",
        "postgresql://… shared store (default ${env})",
    ),
    "cli.help.load_demo.gpkg": (
        "要载入的 GeoPackage（默认 data/atlas.gpkg）",
        "The GeoPackage to load (default data/atlas.gpkg)",
    ),
    "cli.help.gis_role.role": (
        "角色名（默认 {role}；不存在时创建为 NOLOGIN）",
        "Role name (default {role}; created as NOLOGIN when it does not exist)",
    ),
    "cli.help.hash_password.description": (
        '在终端中：读入密码两次（不回显）；从管道：读入一行（如 printf %s "$PW" | … hash-password 用户名）。'
        '打印可写入 [atlas.accounts] 的一行：用户名 = "scrypt$…"。',
        "In a terminal: reads the password twice (not echoed); from a pipe: reads one line (e.g. printf %s"
        ' "$PW" | … hash-password USER). Prints a line to put in [atlas.accounts]: USER = "scrypt$…".',
    ),
    "cli.help.hash_password.user": ("编辑账号的用户名", "User name of the editing account"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **SHARED,
    **TABLES,
    **COLLECT,
    **EVALUATE,
    **IMPORT,
    **EXPORT,
    **RENEWAL_CONFIG,
    **STORE,
    **PUBLICATION,
}

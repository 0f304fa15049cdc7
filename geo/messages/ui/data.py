"""UI strings of the 数据管理 page: key -> (中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "data.report_file": ("校验报告", "row_report"),
    "data.report_sheet": ("校验报告", "Row report"),
    "data.report_title": ("逐行校验报告", "Row-by-row check report"),
    "data.header": ("数据管理：导入与导出", "Data: import and export"),
    "data.intro": (
        "导入自己的边界、地块和企业名单，校验后存入本地数据库，在地图和亩均评价中使用；把地图和数据导出为汇报图、GeoJSON、表格和离线网页。",
        "Bring your own boundaries, parcels and enterprise lists, validated into the local store for the "
        "maps and the evaluation; take maps and data out as briefing PNG, GeoJSON, tables and offline HTML.",
    ),
    "data.import": ("导入数据", "Import data"),
    "data.upload": ("上传文件", "Upload a file"),
    "data.upload_help": (
        "支持 Shapefile（zip）、GeoPackage、GeoJSON、KML/KMZ、CSV、XLSX；单个文件不超过 {mb} MB。Shapefile "
        "请把同名的 .shp、.shx、.dbf、.prj（和 .cpg）打包成一个 zip。",
        "Shapefile (zip), GeoPackage, GeoJSON, KML/KMZ, CSV, XLSX; at most {mb} MB per file. Zip a "
        "shapefile's .shp, .shx, .dbf, .prj (and .cpg) together.",
    ),
    "data.kind": ("这份数据的用途", "What the data is"),
    "data.kind.zones": ("分区（园区、区镇、地块等面）", "Zones (parks, towns, parcels: polygons)"),
    "data.kind.enterprises": (
        "企业（点位 + 用地、税收、销售等）",
        "Enterprises (points with land, tax, sales)",
    ),
    "data.kind.other": ("其他图层（原样导入）", "Other layer (as is)"),
    # the imported layers' table: the kind in a word (the long form above is the import's choice)
    "data.kind_short.zones": ("分区", "Zones"),
    "data.kind_short.enterprises": ("企业", "Enterprises"),
    "data.kind_short.other": ("其他", "Other"),
    "data.layer": ("图层 / 工作表", "Layer / sheet"),
    "data.detected": (
        "格式 {fmt} · {n} 条记录 · 编码 {enc} · 坐标系 {crs}",
        "Format {fmt} · {n} records · encoding {enc} · CRS {crs}",
    ),
    "data.crs_missing": ("文件未声明", "not declared by the file"),  # after 「坐标系 」: no bracket
    "data.crs_declared": ("（文件声明）", " (declared by the file)"),
    "data.crs_mismatch": (
        "按文件声明的 {declared} 换算后，要素都不在苏州附近。根据数值判断：{reason}。建议改选 {crs}。",
        "Read in the declared {declared}, no feature is near Suzhou. From the values: {reason}. Suggested: "
        "{crs}.",
    ),
    "data.crs": ("坐标系", "CRS"),
    "data.crs_suggested": (
        "文件没有坐标系信息（.prj）。根据坐标数值判断：{reason}。建议选择 {crs}，请确认。",
        "The file has no CRS (.prj). From the values: {reason}. Suggested: {crs}; please confirm.",
    ),
    "data.crs_unknown": (
        "文件没有坐标系信息，且无法从数值判断，请向数据提供方确认后选择。",
        "The file has no CRS and the values do not tell; ask the data provider and choose one.",
    ),
    "data.swap": ("交换经纬度 / X、Y（纬度在前，或测量坐标 X 为北向）", "Swap lon/lat or X/Y"),
    "data.frame": ("经纬度坐标框架", "Lon/lat frame"),
    "data.frame.wgs84": ("WGS-84（GPS、天地图、OSM）", "WGS-84 (GPS, Tianditu, OSM)"),
    "data.frame.gcj02": ("GCJ-02（高德、腾讯）", "GCJ-02 (Gaode, Tencent)"),
    "data.frame.bd09": ("BD-09（百度）", "BD-09 (Baidu)"),
    "data.mode": ("表格如何定位", "How rows are placed"),
    "data.mode.coords": ("按经纬度列", "By coordinate columns"),
    "data.mode.join": ("按名称/代码关联到分区", "Join to zones by name/code"),
    "data.lon_col": ("经度列", "Longitude column"),
    "data.lat_col": ("纬度列", "Latitude column"),
    "data.join_layer": ("关联到的分区图层", "Zones to join to"),
    "data.join_key": ("分区字段", "Zone field"),
    "data.join_col": ("表格中的关联列", "Table column"),
    "data.mapping": ("字段对应（* 为必填）", "Column mapping (* required)"),
    "data.unmapped": ("（不使用）", "(not used)"),
    "data.held": (
        "正在导入：{name}（离开本页或切换语言后仍保留；上传新文件即替换）",
        "Importing: {name} (kept when you leave the page or switch language; upload another file to replace "
        "it)",
    ),
    "data.held_clear": ("移除文件", "Remove file"),
    "data.kind_proposed": ("按文件内容建议的用途：{kind}", "Proposed use (from the file's contents): {kind}"),
    "data.kind_auto": (
        "上传文件后按其内容建议用途（点位或经纬度列的企业表 → 企业）；也可先在此选定",
        "After upload the use is proposed from the file (points or a table with lon/lat → enterprises); or "
        "pick it here first",
    ),
    "data.n_columns": ("列", "columns"),
    "data.read": ("读取并校验", "Read and validate"),
    "data.metric.in": ("读入行数", "Rows read"),
    "data.metric.ok": ("通过", "Passed"),
    "data.metric.failed": ("剔除", "Dropped"),
    "data.metric.repaired": ("已修复", "Repaired"),
    "data.metric.flagged": ("需核对", "To check"),
    "data.checks": ("逐行核对：{items}", "Row checks: {items}"),
    "data.frame_proposed": (
        "建议按 {frame}读取（已预选，请确认）：{reason}",
        "Proposed: read as {frame} (preselected, please confirm): {reason}",
    ),
    "data.title_taken": (
        "已有另一个图层叫「{title}」：图例和图层列表按标题区分图层，请换一个标题（如加上年份或区域）。",
        "Another layer is already titled “{title}”: the legend and layer lists tell layers apart by"
        " title, so choose another (e.g. add the year or area).",
    ),
    "data.frame_ask": (
        "请选择经纬度的坐标框架：数据里看不出是 WGS-84、高德（GCJ-02）还是百度（BD-09），选错会偏移数百米。",
        "Choose the lon/lat frame: the data does not show whether it is WGS-84, Gaode (GCJ-02) or Baidu"
        " (BD-09); a wrong choice shifts points by hundreds of metres.",
    ),
    "data.report": ("逐行校验报告", "Row-level report"),
    "data.report_empty": ("所有行都通过了校验。", "Every row passed."),
    "data.download_report": ("下载校验报告（CSV）", "Download the report (CSV)"),
    "data.download_report_xlsx": ("下载校验报告（XLSX）", "Download the report (XLSX)"),
    "data.preview": ("预览（已转换为 WGS-84）", "Preview (converted to WGS-84)"),
    "data.save": ("保存到数据库", "Save to the store"),
    # the rule geo.ingest.save_import enforces (tests/unit/ingest/test_layer_name_rule.py holds them together)
    "data.name": (
        "图层表名（小写字母、数字、下划线或汉字）",
        "Table name (lower-case a-z, 0-9, _ or Chinese characters)",
    ),
    "data.name_help": (
        "QGIS 里看到的表名：最长 51 字节（user_ 之后约 15 个汉字），不以 user_ 开头时自动加上，"
        "不能与内置图层重名。",
        "The table's name in QGIS: at most 51 bytes (about 15 Chinese characters after user_); user_ is"
        " added when missing; not the name of a built-in layer.",
    ),
    "data.title": ("图层标题", "Layer title"),
    "data.source": ("数据来源（必填，如：吴江区自然资源和规划局，2024 年）", "Source (required)"),
    # the coordinate systems offered for a file without .prj (pages/data/reading.py CRS_CHOICES)
    "data.crs_name.4549": (
        "EPSG:4549 CGCS2000 3° 高斯-克吕格 CM 120°E（不带带号）",
        "EPSG:4549 CGCS2000 3° Gauss-Krüger, CM 120°E (eastings without zone number)",
    ),
    "data.crs_name.4528": (
        "EPSG:4528 CGCS2000 3° 高斯-克吕格 第 40 带（带号 40）",
        "EPSG:4528 CGCS2000 3° Gauss-Krüger zone 40 (eastings with zone number 40)",
    ),
    "data.crs_name.4326": ("EPSG:4326 WGS-84 经纬度", "EPSG:4326 WGS-84 longitude/latitude"),
    "data.crs_name.4490": ("EPSG:4490 CGCS2000 经纬度", "EPSG:4490 CGCS2000 longitude/latitude"),
    "data.crs_name.2385": (
        "EPSG:2385 西安 80 3° 高斯-克吕格 CM 120°E",
        "EPSG:2385 Xi'an 1980 3° Gauss-Krüger, CM 120°E",
    ),
    "data.crs_name.2437": (
        "EPSG:2437 北京 54 3° 高斯-克吕格 CM 120°E",
        "EPSG:2437 Beijing 1954 3° Gauss-Krüger, CM 120°E",
    ),
    "data.accuracy": ("数据精度（必选）", "Data accuracy (required)"),
    "data.accuracy_placeholder": ("请选择…", "Choose…"),
    "data.accuracy_unchosen": ("精度待选", "accuracy not chosen yet"),
    "data.accuracy_help": (
        "图例和每个导出文件都会注明这一类别，请如实选择：\n\n"
        "- **真实**：测绘或官方矢量数据，位置可靠（宗地图、行政区界线、测量坐标）\n"
        "- **转录**：从文件、公报或报表抄录的数值和名单，位置来自地址或大致定位\n"
        "- **示意**：按文字描述或大致位置画出的范围、走廊，只表示大概\n"
        "- **合成**：生成或模拟的数据（演示、测试），不是真实记录",
        "The legend and every export name this class; choose it honestly:\n\n"
        "- **real**: surveyed or official vector data, positions reliable (parcels, boundaries,"
        " surveyed coordinates)\n"
        "- **transcribed**: figures and lists copied from documents, bulletins or reports; positions"
        " from addresses or approximate\n"
        "- **schematic**: extents and corridors drawn from a description or a rough location\n"
        "- **synthetic**: generated or simulated data (demo, testing), not real records",
    ),
    "data.accuracy_short": (
        "真实＝测绘/官方数据；转录＝从文件报表抄录；示意＝按描述大致画出；合成＝生成的演示数据。",
        "real = surveyed/official; transcribed = copied from documents; schematic = drawn roughly;"
        " synthetic = generated demo data.",
    ),
    "data.accuracy_missing": (
        "请先选择数据精度（真实、转录、示意或合成）再保存：图例和导出文件会注明它，没有默认值。",
        "Choose the data accuracy (real, transcribed, schematic or synthetic) before saving: the"
        " legend and the exports name it, and there is no default.",
    ),
    "data.prefilled": (
        "数据来源、数据精度和许可取自将被替换的图层「{title}」，可修改。",
        "Source, accuracy and licence are those of the layer this file replaces, “{title}”; edit them"
        " if they changed.",
    ),
    "data.licence": ("许可 / 使用限制", "Licence / terms"),
    "data.saved": (
        "已保存为图层「{title}」（表名 {name}），可在地图和亩均评价中使用。",
        "Saved as the layer “{title}” (table {name}); it can now be used on the maps and in the evaluation.",
    ),
    "data.stored": ("已导入的图层", "Imported layers"),
    "data.stored_empty": ("还没有导入的图层。", "No imported layers yet."),
    "data.col.kind": ("用途", "Kind"),
    "data.col.file": ("源文件", "Source file"),
    "data.col.rows": ("条数", "Rows"),
    "data.col.imported": ("导入时间（北京时间）", "Imported (Beijing)"),
    "data.col.audit_at": ("时间（北京时间）", "Time (Beijing)"),  # the change log's, zone in the header
    "data.col.audit_rows": ("读入 → 保存行数", "Rows"),  # the change log's: "— " counts none
    "data.col.audit_rows_help": (
        "读入的行数 → 保存的行数；「—」表示没有读入或保存行。",
        "Rows read → rows saved; — where it read or saved none.",
    ),
    "data.delete_pick": ("要删除的导入图层", "Imported layer to delete"),
    "data.delete_option": ("{title}（{name}）", "{title} ({name})"),
    "data.delete": ("删除", "Delete"),
    "data.deleted": (
        "已删除图层「{title}」（{name}），已记入变更留痕",
        "Deleted the layer “{title}” ({name}); the change is on record",
    ),
    "data.delete_confirm": (
        "确定删除图层「{title}」（{name}，{rows:,} 条）吗？删除后无法恢复，操作会记入变更留痕。",
        "Delete the layer “{title}” ({name}, {rows:,} rows)? It cannot be undone; the change is recorded.",
    ),
    "data.delete_yes": ("确定删除", "Yes, delete"),
    "data.cancel": ("取消", "Cancel"),
    "data.replace_confirm": (
        "已有图层「{title}」（{rows} 条，{when} 导入，表名 {name}）。用这个文件替换它吗？替换后表名不变，"
        "QGIS 工程照常打开，变更记入留痕。也可以换一个标题，另存为新图层。",
        "There is already a layer “{title}” ({rows} rows, imported {when}, table {name}). Replace it with"
        " this file? The table keeps its name, so QGIS projects keep working, and the change is on"
        " record. Or save this file as a new layer under another title.",
    ),
    "data.same_content": (
        "这个文件与已导入的「{title}」内容相同（SHA-256 一致；{when} 导入，表名 {name}），无需重新导入。"
        "如仍要保存，会替换该图层，表名不变；要另存为新图层，请换一个标题。",
        "This file is identical to the imported “{title}” (same SHA-256; imported {when}, table {name}):"
        " there is no need to import it again. Saving it anyway replaces that layer under the same table"
        " name; to save it as a new layer, give it another title.",
    ),
    "data.same_file": (
        "这个文件曾导入为图层「{title}」（{when} 导入，表名 {name}）：保存会替换该图层，表名不变。"
        "要另存为新图层，请换一个标题。",
        "This file was imported before as the layer “{title}” (imported {when}, table {name}): saving"
        " replaces that layer under the same table name. To save it as a new layer, give it another title.",
    ),
    "data.replace_yes": ("替换「{title}」", "Replace “{title}”"),
    "data.new_title": ("新图层的标题", "Title of the new layer"),
    "data.save_new": ("另存为新图层", "Save as a new layer"),
    "data.new_title_missing": (
        "请填写新图层的标题（不能与已有图层相同）。",
        "Enter a title for the new layer (one no other layer has).",
    ),
    "data.replaced": (
        "已用新数据替换图层「{title}」（表名 {name} 不变），已记入变更留痕",
        "Replaced the layer “{title}” with the new data (its table {name} is unchanged); the change is on"
        " record",
    ),
    "data.viewer_import": (
        "只读身份：可以浏览和导出；导入、替换和删除图层需要编辑权限（请登录编辑账号）。",
        "Viewer: you can browse and export; importing, replacing and deleting layers needs an editor login.",
    ),
    "data.audit": ("变更留痕", "Change log"),
    "data.audit_caption": (
        "存储 {store} 中的每次导入、替换、删除、配置保存和状态更改：谁、何时、哪个文件（SHA-256）、行数。删"
        "除图层后记录仍保留。",
        "Every import, replacement, delete, configuration saved and status change in {store}: who, when,"
        " which file (SHA-256), rows. Records outlive the layers they name. A detail is shown as it was"
        " recorded: the atlas writes its records in Chinese, the official language of the record, and a"
        " user's own words as typed.",
    ),
    "data.pick_row": (
        "选中一行（点击行首的方框）可查看该行全部内容（含数据表名）。",
        "Pick a row (the box at its left) to see all of it (the table name too).",
    ),
    "data.audit_pick": (
        "查看一条记录的全部内容（含 SHA-256 和数据表名）",
        "See one record whole (its SHA-256 and table name too)",
    ),
    "data.audit_pick_placeholder": ("选择一条记录", "Pick a record"),
    "data.record_field": ("项目", "Field"),
    "data.record_value": ("内容", "Value"),
    "data.audit_empty": ("还没有变更记录。", "No changes recorded yet."),
    "data.layer_gone": (
        "图层「{name}」已不在存储中（可能刚被他人删除），请重新选择。",
        "The layer {name} is no longer in the store (someone may have deleted it); please choose again.",
    ),
    "data.frame_hint": ("建议：{frame}（根据列名/文件名）", "Suggested: {frame} (from column/file names)"),
    "data.year": ("数据年份（表中无 year 列时填写）", "Year of the data (when the table has no year column)"),
    "data.year_help": (
        "亩均评价按年份比较：一年一张表时在此填写年份（已按标题行或文件名写明的年份预填，请核对）；"
        "一张表含多年时请用 year（或“年份”）列",
        "The evaluation compares years: give the year of a one-year table here (proposed from the year its "
        "title rows or file name state: check it), or import one table with a year column",
    ),
    "access.hidden_export": (
        "企业图层（含企业名称与经营数据的导入及内置企业点位）仅对「查看企业」或「编辑」角色的登录用户提供导出。",
        "Enterprise layers (imports holding enterprise figures, and the built-in enterprise points) are"
        " offered for export to signed-in users with the 查看企业 or 编辑 role only.",
    ),
}

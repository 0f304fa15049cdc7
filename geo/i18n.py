"""UI strings in one place: Simplified Chinese by default, English switchable."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
DEFAULT_LANG: Lang = "zh"

# key -> (中文, English). Keep keys grouped by page; add new strings here, never inline in pages.
STRINGS: dict[str, tuple[str, str]] = {
    # frame
    "app.title": ("苏州产业布局一张图", "Suzhou Industrial Layout Atlas"),
    "app.language": ("语言 / Language", "Language / 语言"),
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
    # pages
    "page.overview": ("总览", "Overview"),
    # overview
    "overview.header": ("苏州产业布局一张图 · 总览", "Suzhou Industrial Layout Atlas · Overview"),
    "overview.intro": (
        "苏州市 9 个县级行政区与吴江区 8 个区镇。用右上角的图层控件切换图层，悬停查看名称。",
        "Suzhou's 9 county-level districts and Wujiang's 8 towns/zones. Switch layers with the control at top right; hover for names.",
    ),
    "overview.metric.districts": ("县级行政区", "County-level districts"),
    "overview.metric.area": ("全市面积", "City area"),
    "overview.metric.towns": ("吴江区镇", "Wujiang towns/zones"),
    "overview.metric.enterprises": ("吴江企业（合成）", "Wujiang enterprises (synthetic)"),
    "overview.table.districts": ("各县级行政区", "Districts"),
    "overview.provenance": ("图层来源与精度", "Layer sources and accuracy"),
    # provenance / accuracy
    "accuracy.real": ("真实", "real"),
    "accuracy.transcribed": ("转录", "transcribed"),
    "accuracy.schematic": ("示意", "schematic"),
    "accuracy.synthetic": ("合成", "synthetic"),
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
    # legend
    "legend.title": ("图例", "Legend"),
    "legend.source": ("来源", "Source"),
    # ---- data management page and exports (issue 5): prefixes data., export.
    "page.data": ("数据管理", "Data"),
    "data.header": ("数据管理：导入与导出", "Data: import and export"),
    "data.intro": (
        "导入自己的边界、地块和企业名单，校验后存入本地数据库，在地图和亩均评价中使用；把地图和数据导出为汇报图、GeoJSON、表格和离线网页。",
        "Bring your own boundaries, parcels and enterprise lists, validated into the local store for the maps and the evaluation; take maps and data out as briefing PNG, GeoJSON, tables and offline HTML.",
    ),
    "data.import": ("导入数据", "Import data"),
    "data.upload": ("上传文件", "Upload a file"),
    "data.upload_help": (
        "支持 Shapefile（zip）、GeoPackage、GeoJSON、KML/KMZ、CSV、XLSX；单个文件不超过 {mb} MB。Shapefile 请把同名的 .shp、.shx、.dbf、.prj（和 .cpg）打包成一个 zip。",
        "Shapefile (zip), GeoPackage, GeoJSON, KML/KMZ, CSV, XLSX; at most {mb} MB per file. Zip a shapefile's .shp, .shx, .dbf, .prj (and .cpg) together.",
    ),
    "data.kind": ("这份数据的用途", "What the data is"),
    "data.kind.zones": ("分区（园区、区镇、地块等面）", "Zones (parks, towns, parcels: polygons)"),
    "data.kind.enterprises": (
        "企业（点位 + 用地、税收、销售等）",
        "Enterprises (points with land, tax, sales)",
    ),
    "data.kind.other": ("其他图层（原样导入）", "Other layer (as is)"),
    "data.layer": ("图层 / 工作表", "Layer / sheet"),
    "data.detected": (
        "格式 {fmt} · {n} 条记录 · 编码 {enc} · 坐标系 {crs}",
        "Format {fmt} · {n} records · encoding {enc} · CRS {crs}",
    ),
    "data.crs_missing": ("（文件未声明）", "(not declared)"),
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
    "data.frame_hint": ("建议：{frame}（根据列名/文件名）", "Suggested: {frame} (from column/file names)"),
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
    "data.read": ("读取并校验", "Read and validate"),
    "data.metric.in": ("读入行数", "Rows read"),
    "data.metric.ok": ("通过", "Passed"),
    "data.metric.failed": ("剔除", "Dropped"),
    "data.metric.repaired": ("已修复", "Repaired"),
    "data.metric.flagged": ("需核对", "To check"),
    "data.report": ("逐行校验报告", "Row-level report"),
    "data.report_empty": ("所有行都通过了校验。", "Every row passed."),
    "data.download_report": ("下载校验报告（CSV）", "Download the report (CSV)"),
    "data.download_report_xlsx": ("下载校验报告（XLSX）", "Download the report (XLSX)"),
    "data.preview": ("预览（已转换为 WGS-84）", "Preview (converted to WGS-84)"),
    "data.save": ("保存到数据库", "Save to the store"),
    "data.name": ("图层表名（小写英文、数字、下划线）", "Table name (a-z, 0-9, _)"),
    "data.title": ("图层标题", "Layer title"),
    "data.source": ("数据来源（必填，如：吴江区自然资源和规划局，2024 年）", "Source (required)"),
    "data.accuracy": ("精度类别", "Accuracy"),
    "data.licence": ("许可 / 使用限制", "Licence / terms"),
    "data.saved": (
        "已保存为图层「{name}」，可在地图和亩均评价中使用。",
        "Saved as layer {name}; it can now be used on the maps and in the evaluation.",
    ),
    "data.stored": ("已导入的图层", "Imported layers"),
    "data.stored_empty": ("还没有导入的图层。", "No imported layers yet."),
    "data.col.kind": ("用途", "Kind"),
    "data.col.file": ("源文件", "Source file"),
    "data.col.rows": ("条数", "Rows"),
    "data.col.imported": ("导入时间（UTC）", "Imported (UTC)"),
    "export.header": ("导出地图与数据", "Export maps and data"),
    "export.layers": ("要导出的图层（从下到上）", "Layers to export (bottom first)"),
    "export.title": ("标题", "Title"),
    "export.title_default": ("苏州产业布局图", "Suzhou industrial layout"),
    "export.note": (
        "汇报图在服务器上绘制（A4 横向 300 dpi）：标题、图例与单位、比例尺、指北针、数据来源与日期、“示意图”声明；离线 HTML 无需网络即可打开（底图需联网）。",
        "The briefing PNG is drawn on the server (A4 landscape, 300 dpi) with title, legend and units, scale bar, north arrow, sources, date and the schematic-map note; the offline HTML opens without a network (basemaps need one).",
    ),
    "export.none": ("请至少选择一个图层。", "Choose at least one layer."),
    "export.user_group": ("导入", "Imported"),
}


def t(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """The UI string for ``key`` in ``lang``; an unknown key raises KeyError (caught by tests)."""
    zh, en = STRINGS[key]
    return en if lang == "en" else zh

"""Messages of geo/spatial/ and geo/exports/ (classifying values, enterprise points, exports):
key -> (中文, English), and the words the exported files write in either language."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- geo/spatial/
    "spatial.unknown_scheme": ("未知的分级方法「{scheme}」", "Unknown classification method “{scheme}”"),
    "spatial.unknown_scheme.hint": ("可选：{choices}", "Choose one of: {choices}"),
    "spatial.too_few_classes": ("分级数 k={k} 太小", "k={k} classes are too few"),
    "spatial.too_few_classes.hint": ("至少分 2 级", "Use at least 2 classes"),
    "spatial.nothing_to_classify": (
        "没有可分级的数值（全部无法计算）",
        "There are no values to classify (none could be computed)",
    ),
    "spatial.nothing_to_classify.hint": (
        "请检查用地面积等分母字段是否为空或为 0",
        "Check whether the denominators, such as the land area, are empty or 0",
    ),
    "spatial.enterprises_need_points": (
        "企业图层应为点（或地块面）图层",
        "An enterprise layer must be of points (or parcel polygons)",
    ),
    "spatial.enterprises_need_points.hint": (
        "请检查是否选错了图层",
        "Check whether the wrong layer was chosen",
    ),
    # -- geo/exports/
    "exports.no_layers_on_map": ("没有可导出的图层", "There is no layer to export"),
    "exports.no_layers_on_map.hint": (
        "请先在地图上选择至少一个图层",
        "Choose at least one layer on the map first",
    ),
    "exports.no_layers": ("没有可导出的图层", "There is no layer to export"),
    "exports.no_layers.hint": ("请先选择至少一个图层", "Choose at least one layer first"),
    "exports.no_tables": ("没有可导出的表格", "There is no table to export"),
    "exports.not_geographic": (
        "「{name}」不是地理图层，无法导出为地图",
        "“{name}” is not a geographic layer and cannot be exported as a map",
    ),
    "exports.no_crs": (
        "图层「{name}」没有坐标参考系（CRS），无法导出",
        "Layer “{name}” has no coordinate reference system (CRS) and cannot be exported",
    ),
    "exports.no_crs.hint": ("本工具不会猜测坐标系", "The atlas never guesses a coordinate system"),
    "exports.zone_table_format": (
        "区镇评价只能导出为 CSV 或 XLSX，却是「{fmt}」",
        "The zone evaluation exports as CSV or XLSX only, not “{fmt}”",
    ),
    # -- words of the exported files (inline language branches of geo/exports/ before)
    "exports.about.sheet": ("说明", "About"),
    "exports.about.title": ("标题", "Title"),
    "exports.about.exported": ("导出日期", "Exported"),
    "exports.about.crs": ("坐标系", "CRS"),
    "exports.about.crs_value": (
        "WGS-84（EPSG:4326），lon/lat 为十进制度",
        "WGS-84 (EPSG:4326), lon/lat in degrees",
    ),
    "exports.about.units": ("单位", "Units"),
    "exports.about.units_value": (
        "面积：亩、km²；金额：万元（1 亿元 = 10,000 万元）",
        "Area: mu, km²; money: 10k yuan",
    ),
    "exports.about.disclaimer": ("声明", "Disclaimer"),
    "exports.about.item": ("项目", "Item"),
    "exports.about.value": ("内容", "Value"),
    "exports.footer.sources": ("数据来源", "Sources"),
    "exports.footer.date": ("制图日期", "Date"),
    "exports.footer.north": ("北", "N"),
    "exports.footer.projection": (
        "投影：CGCS2000 / 3° 高斯-克吕格 中央经线 120°E（EPSG:4549）",
        "Projection: CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)",
    ),
    "exports.download.geojson_zip": (
        "GeoJSON（按几何类型分文件，ZIP）",
        "GeoJSON (a file per geometry type, ZIP)",
    ),
    "exports.download.csv": ("CSV（表格）", "CSV (table)"),
    "exports.download.xlsx": ("Excel（XLSX）", "Excel (XLSX)"),
    "exports.download.png_a4": ("汇报图 PNG（A4 横向 300 dpi）", "Briefing PNG (A4 landscape, 300 dpi)"),
    "exports.download.png_screen": ("汇报图 PNG（屏幕）", "Briefing PNG (screen)"),
    "exports.download.html": ("离线 HTML 地图", "Offline HTML map"),
    "exports.zone_table.method": ("评价方法", "Method"),
    "exports.zone_table.year": ("评价年份", "Evaluation year"),
    "exports.zone_table.rules": ("评价规则", "Rules"),
    "exports.zone_table.sheet": ("区镇评价", "Zones"),
    "exports.zone_table.title": ("区镇/园区亩均效益评价", "Zones scored"),
    "legend.title": ("图例", "Legend"),
    # headers the batch run's files add (geo/exports/run_files.py)
    "exports.header.parcel_land_mu": ("宗地面积合计（亩）", "Parcel land (mu)"),
    "exports.header.idle_land_mu": ("闲置宗地面积（亩）", "Idle parcel land (mu)"),
    "exports.header.n_parcels": ("宗地数（宗）", "Parcels"),
    "exports.header.lon": ("经度（WGS-84）", "Longitude (WGS-84)"),
    "exports.header.lat": ("纬度（WGS-84）", "Latitude (WGS-84)"),
    "exports.header.land_source": ("用地面积来源", "Land area from"),
}

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
    "exports.column.layer": ("图层", "Layer"),
    "exports.column.data_source": ("数据来源", "Data source"),
    "exports.column.data_accuracy": ("数据精度", "Data accuracy"),
    "exports.column.zone_id": ("区域编号", "Zone ID"),
    "exports.column.town_id": ("区镇编号", "Town ID"),
    "exports.column.park_id": ("园区编号", "Park ID"),
    "exports.column.district_id": ("区县编号", "District ID"),
    "exports.column.adcode": ("行政区划代码", "Adcode"),
    "exports.column.name": ("名称", "Name"),
    "exports.column.short_name": ("简称", "Short name"),
    "exports.column.level": ("级别", "Level"),
    "exports.column.county": ("所在区县", "District"),
    "exports.column.town": ("所在区镇", "Town"),
    "exports.column.industries": ("产业", "Industries"),
    "exports.column.radius_km": ("示意半径（km）", "Schematic radius (km)"),
    "exports.column.seat_lon": ("驻地经度", "Seat longitude"),
    "exports.column.seat_lat": ("驻地纬度", "Seat latitude"),
    "exports.column.lon": ("经度", "Longitude"),
    "exports.column.lat": ("纬度", "Latitude"),
    # a table's own coordinates kept in the frame they came in (经度_GCJ02): geo/exports/headers.py
    "exports.column.source_lon": ("经度（{frame}）", "Longitude ({frame})"),
    "exports.column.source_lat": ("纬度（{frame}）", "Latitude ({frame})"),
    # a file's own coordinate that is not the stored position (moved since, or another frame)
    "exports.column.file_lon": ("经度（原文件值）", "Longitude (as in the file)"),
    "exports.column.file_lat": ("纬度（原文件值）", "Latitude (as in the file)"),
    "exports.column.area_km2": ("面积（km²）", "Area (km²)"),
    "exports.column.area_mu": ("面积（亩）", "Area (mu)"),
    "exports.column.length_km": ("长度（km）", "Length (km)"),
    # the same measures where the layer has a column of that header of its own (a zone file's own
    # 面积（亩）): said apart from it, never the raw area_mu (walk18 b5 i)
    "exports.column.area_km2_measured": ("面积（km²，按边界计算）", "Area (km², from the boundary)"),
    "exports.column.area_mu_measured": ("面积（亩，按边界计算）", "Area (mu, from the boundary)"),
    "exports.column.credit_code": ("统一社会信用代码", "Unified social credit code"),
    "exports.column.length_km_measured": ("长度（km，按线计算）", "Length (km, along the line)"),
    "exports.column.corridor_id": ("走廊编号", "Corridor ID"),
    "exports.column.kind": ("类型", "Kind"),
    "exports.column.description": ("说明", "Description"),
    "exports.column.key_industries": ("重点产业", "Key industries"),
    "exports.column.half_width_km": ("示意半宽（km）", "Schematic half-width (km)"),
    # an import's row warnings kept with the row (geo/ingest/report.py FLAG_COLUMN)
    "exports.column.flag": ("需核对", "To check"),
    # a yes/no column (是否规上, 是否宗地主) in a table read by a person (CSV/XLSX of a map view)
    "exports.value.yes": ("是", "Yes"),
    "exports.value.no": ("否", "No"),
    "exports.about.sheet": ("说明", "About"),
    "exports.about.title": ("标题", "Title"),
    "exports.about.exported": ("导出日期", "Exported"),
    "exports.about.crs": ("坐标系", "CRS"),
    # the coordinate columns named as the workbook names them (经度、纬度 / lon, lat), walk13 item 15
    "exports.about.crs_value": (
        "WGS-84（EPSG:4326），{columns}为十进制度",
        "WGS-84 (EPSG:4326), {columns} in decimal degrees",
    ),
    "exports.about.crs_plain": ("WGS-84（EPSG:4326）", "WGS-84 (EPSG:4326)"),
    "exports.about.units": ("单位", "Units"),
    "exports.about.units_value": (
        "面积：亩、km²；金额：万元（1 亿元 = 10,000 万元）",
        "Area: mu, km²; money: 10k yuan (万元, CNY 10,000; 1 亿元 = CNY 100 million)",
    ),
    # how many decimals a number is written with (walk 14: 2.0098 stored under #,##0.00)
    "exports.about.decimals": ("小数位", "Decimals"),
    "exports.about.decimals_value": (
        "由图形量算的面积、长度按所示小数位四舍五入后写入；其他数值按数据原值写入，单元格格式只决定显示的位数",
        "Areas and lengths measured from the shapes are rounded to the decimals shown and written so; "
        "every other number is written as it came, its cell format deciding only the decimals shown",
    ),
    "exports.about.disclaimer": ("声明", "Disclaimer"),
    "exports.about.item": ("项目", "Item"),
    "exports.about.value": ("内容", "Value"),
    "exports.footer.sources": ("数据来源", "Sources"),
    "exports.footer.date": ("制图日期", "Date"),
    "exports.footer.north": ("北", "N"),
    # names a crowded briefing map leaves out rather than lay on a feature or on another name
    "exports.footer.labels_left_out": (
        "另有 {n} 个名称因图面拥挤未标注",
        "{n} names not labelled for lack of room",
    ),
    "exports.footer.labels_left_out.one": (
        "另有 {n} 个名称因图面拥挤未标注",
        "{n} name not labelled for lack of room",
    ),
    "exports.footer.projection": (
        "投影：CGCS2000 / 3° 高斯-克吕格 中央经线 120°E（EPSG:4549）",
        "Projection: CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)",
    ),
    "exports.download.geojson_layers": (
        "GeoJSON（每个图层一个文件，ZIP）",
        "GeoJSON (a file per layer, ZIP)",
    ),
    "exports.download.geojson_zip": (
        "GeoJSON（按几何类型分文件，ZIP）",
        "GeoJSON (a file per geometry type, ZIP)",
    ),
    "exports.download.csv": ("CSV（表格）", "CSV (table)"),
    "exports.download.xlsx": ("Excel（XLSX）", "Excel (XLSX)"),
    "exports.download.png_a4": ("汇报图 PNG（A4 横向 300 dpi）", "Briefing PNG (A4 landscape, 300 dpi)"),
    "exports.download.csv_layers": (
        "CSV（各图层合一表，首列为图层）",
        "CSV (all layers, first column the layer)",
    ),
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

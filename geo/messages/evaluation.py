"""Messages of the evaluation and its yearly cycle (geo/evaluation/, geo/yearly/): key -> (中文, English)."""

_PREVIOUS_HINT = (
    "上年表应为上年的企业表，或上年评价输出 enterprise_classes（含 ent_id、eval_class）",
    "Last year's table should be last year's enterprise table, or last year's evaluation output "
    "enterprise_classes (with ent_id and eval_class)",
)
_EVALUATE_FIRST = ("请先做评价", "Run the evaluation first")
_ONE_ROW = ("每家企业一行", "Give each enterprise one row")

_NO_CRS_HINT = (
    "本工具不会猜测坐标系；请在导入时指明",
    "The atlas does not guess coordinate systems; state it when importing",
)
_EMPTY_TABLE = ("企业表是空的（0 条记录）", "The enterprise table is empty (0 records)")
_EMPTY_TABLE_HINT = (
    "请检查导入的文件是否选对了工作表或图层",
    "Check that the right sheet or layer of the file was imported",
)

# Checks of the enterprise, parcel and zone tables (geo/evaluation/metrics.py).
TABLES: dict[str, tuple[str, str]] = {
    "evaluation.not_a_table": (
        "企业数据应为表格（DataFrame）",
        "Enterprise data must be a table (DataFrame)",
    ),
    "evaluation.not_a_table.hint": (
        "请读入 CSV、Excel 或 GeoPackage 后再计算",
        "Read a CSV, Excel or GeoPackage file first, then compute",
    ),
    "evaluation.empty_table": _EMPTY_TABLE,
    "evaluation.empty_table.hint": _EMPTY_TABLE_HINT,
    "evaluation.no_id_column": (
        "企业表缺少企业编号字段「{column}」",
        "The enterprise table lacks the enterprise ID column “{column}”",
    ),
    "evaluation.no_id_column.hint": (
        "请增加一列「{column}」，每家企业一个唯一编号",
        "Add a column “{column}” with a unique ID for each enterprise",
    ),
    "evaluation.empty_ids": (
        "企业编号「{column}」有空值（行 {rows}）",
        "The enterprise ID column “{column}” has empty cells (rows {rows})",
    ),
    "evaluation.empty_ids.hint": ("请为每家企业填写编号", "Fill in an ID for every enterprise"),
    "evaluation.duplicate_ids": ("企业编号重复：{ids}", "Enterprise IDs repeat: {ids}"),
    "evaluation.duplicate_ids.hint": (
        "每家企业只能有一行；请合并或删除重复记录后重新导入",
        "Each enterprise may have one row only; merge or delete the repeated records and import again",
    ),
    "evaluation.boolean_amounts": (
        "字段「{column}」应为数值，却是真/假值",
        "The column “{column}” should hold numbers but holds true/false values",
    ),
    "evaluation.not_numbers": (
        "字段「{column}」含有非数值：{examples}",
        "The column “{column}” holds values that are not numbers: {examples}",
    ),
    "evaluation.not_numbers.hint": (
        "请只填数字（单位见字段名），不知道的留空",
        "Fill in numbers only (the unit is in the column name); leave unknown values empty",
    ),
    "evaluation.negative_amounts": (
        "字段「{column}」不能为负数：企业 {ids}",
        "The column “{column}” cannot be negative: enterprises {ids}",
    ),
    "evaluation.negative_amounts.hint": ("请核对这些企业的数据", "Check these enterprises' data"),
    "evaluation.parcels_no_crs": (
        "地块图层没有坐标参考系（CRS）",
        "The parcel layer has no coordinate reference system (CRS)",
    ),
    "evaluation.parcels_no_crs.hint": _NO_CRS_HINT,
    "evaluation.parcels_no_id_column": (
        "地块图层缺少企业编号字段「{column}」",
        "The parcel layer lacks the enterprise ID column “{column}”",
    ),
    "evaluation.parcels_no_id_column.hint": (
        "请在地块属性中填写所属企业编号",
        "Fill in the owning enterprise's ID in the parcels' attributes",
    ),
    "evaluation.parcels_not_polygons": (
        "地块图层应为面图层，却含有 {types}",
        "The parcel layer should hold polygons but holds {types}",
    ),
    "evaluation.zones_no_key_column": (
        "区域图层缺少字段「{column}」",
        "The zone layer lacks the column “{column}”",
    ),
    "evaluation.zones_no_key_column.hint": (
        "请指定用作区域名称或编码的字段；现有字段：{columns}",
        "Name the column that holds the zones' names or codes; its columns: {columns}",
    ),
    "evaluation.zones_empty_keys": (
        "区域字段「{column}」有空值",
        "The zone column “{column}” has empty cells",
    ),
    "evaluation.zones_empty_keys.hint": ("每个区域都需要名称或编码", "Every zone needs a name or code"),
    "evaluation.zones_duplicate_keys": ("区域名称/编码重复：{keys}", "Zone names/codes repeat: {keys}"),
    "evaluation.zones_duplicate_keys.hint": (
        "请合并同名区域（dissolve）或改用唯一编码字段",
        "Merge the zones of the same name (dissolve) or use a column of unique codes",
    ),
    "evaluation.zones_not_a_layer": (
        "区域数据应为带几何的图层（GeoDataFrame）",
        "Zone data must be a layer with geometry (GeoDataFrame)",
    ),
    "evaluation.zones_empty": ("区域图层是空的（0 个区域）", "The zone layer is empty (0 zones)"),
    "evaluation.zones_empty.hint": ("请检查导入的文件或图层", "Check the imported file or layer"),
    "evaluation.zones_no_crs": (
        "区域图层没有坐标参考系（CRS）",
        "The zone layer has no coordinate reference system (CRS)",
    ),
    "evaluation.zones_no_crs.hint": _NO_CRS_HINT,
    "evaluation.zones_no_geometry": ("区域 {zones} 没有几何图形", "Zones {zones} have no geometry"),
    "evaluation.zones_not_polygons": (
        "区域图层应为面图层（Polygon/MultiPolygon）",
        "The zone layer should hold polygons (Polygon/MultiPolygon)",
    ),
    "evaluation.zones_not_polygons.hint": ("请检查是否选错了图层", "Check that the right layer was chosen"),
    "evaluation.zones_invalid": (
        "区域边界几何无效（自相交等）：{zones}",
        "Zone boundaries with invalid geometry (self-intersections etc.): {zones}",
    ),
    "evaluation.zones_invalid.hint": (
        "请在 GIS 软件中修复几何（如 QGIS「修复几何图形」）后重新导入",
        "Repair the geometry in GIS software (e.g. QGIS “Fix geometries”) and import again",
    ),
    "evaluation.no_locations": (
        "企业表没有位置（几何或经纬度）",
        "The enterprise table has no locations (geometry or longitude/latitude)",
    ),
    "evaluation.no_locations.hint": (
        "请提供经纬度，或改为按区镇名称字段归属（assign_zones_by_column）",
        "Provide longitude/latitude, or assign zones by a column of zone names (assign_zones_by_column)",
    ),
    "evaluation.enterprises_no_crs": (
        "企业图层没有坐标参考系（CRS）",
        "The enterprise layer has no coordinate reference system (CRS)",
    ),
    "evaluation.enterprises_no_crs.hint": _NO_CRS_HINT,
    "evaluation.no_zone_column": (
        "企业表缺少区域字段「{column}」",
        "The enterprise table lacks the zone column “{column}”",
    ),
    "evaluation.no_zone_column.hint": (
        "请指定填写区镇/园区名称或编码的字段，或改为按位置归属",
        "Name the column holding the town/park names or codes, or assign zones by location",
    ),
    "evaluation.zone_keys_empty_or_repeated": (
        "区域名称/编码为空或重复",
        "Zone names/codes are empty or repeated",
    ),
    "evaluation.zone_keys_empty_or_repeated.hint": (
        "请确保每个区域有唯一的名称或编码",
        "Give every zone a unique name or code",
    ),
    "evaluation.assignment_mismatch": (
        "区域归属结果与企业表不对应",
        "The zone assignment does not match the enterprise table",
    ),
    "evaluation.assignment_mismatch.hint": (
        "请用同一张企业表重新计算归属",
        "Assign zones again with the same enterprise table",
    ),
}

YEARLY: dict[str, tuple[str, str]] = {
    "yearly.previous_lacks_column": (
        "上年结果缺少字段「{column}」",
        "Last year's results lack the column “{column}”",
    ),
    "yearly.previous_lacks_column.hint": _PREVIOUS_HINT,
    "yearly.previous_duplicate_ids": (
        "上年结果中企业编号重复：{ids}",
        "Enterprise IDs repeat in last year's results: {ids}",
    ),
    "yearly.previous_duplicate_ids.hint": _ONE_ROW,
    "yearly.previous_bad_class": (
        "上年结果的类别无法识别：{classes}",
        "Last year's results hold classes that are not recognised: {classes}",
    ),
    "yearly.previous_bad_class.hint": ("类别应为 A、B、C、D 或 T", "A class is A, B, C, D or T"),
    "yearly.no_year_column": (
        "企业表没有年份字段「{column}」",
        "The enterprise table has no year column “{column}”",
    ),
    "yearly.no_year_column.hint": (
        "请增加 year 列，或分年导入",
        "Add a year column, or import each year separately",
    ),
    "yearly.bad_years": (
        "年份字段「{column}」有空值或不是整数年份",
        "The year column “{column}” has empty cells or values that are not whole years",
    ),
    "yearly.bad_years.hint": ("请填写四位数年份，如 2022", "Fill in four-digit years, e.g. 2022"),
    "yearly.previous_not_evaluated": (
        "上年结果缺少 {id_column} 或 {class_column}",
        "Last year's results lack {id_column} or {class_column}",
    ),
    "yearly.previous_not_evaluated.hint": _EVALUATE_FIRST,
    "yearly.current_not_evaluated": (
        "本年结果缺少 {id_column} 或 {class_column}",
        "This year's results lack {id_column} or {class_column}",
    ),
    "yearly.current_not_evaluated.hint": _EVALUATE_FIRST,
    "yearly.previous_table_duplicate_ids": (
        "上年表中企业编号重复：{ids}",
        "Enterprise IDs repeat in last year's table: {ids}",
    ),
    "yearly.previous_table_duplicate_ids.hint": _ONE_ROW,
    "yearly.current_table_duplicate_ids": (
        "本年表中企业编号重复：{ids}",
        "Enterprise IDs repeat in this year's table: {ids}",
    ),
    "yearly.current_table_duplicate_ids.hint": _ONE_ROW,
    "yearly.no_such_year": ("没有 {year} 年的评价结果", "There are no evaluation results for {year}"),
    "yearly.no_such_year.hint": ("已有年份：{years}", "Years available: {years}"),
    "yearly.trend_no_column": (
        "无法按「{column}」统计趋势：{year} 年结果中没有该字段",
        "Cannot show trends by “{column}”: the results of {year} have no such column",
    ),
    "yearly.no_such_enterprise": (
        "各年份中都没有企业「{ent_id}」",
        "No year holds the enterprise “{ent_id}”",
    ),
    "yearly.no_such_enterprise.hint": ("请检查企业编号", "Check the enterprise ID"),
    "yearly.notice_needs_column": (
        "公示表需要评价结果字段「{column}」",
        "The public notice needs the evaluation result column “{column}”",
    ),
    "yearly.notice_needs_column.hint": _EVALUATE_FIRST,
}

MESSAGES: dict[str, tuple[str, str]] = {**TABLES, **YEARLY}

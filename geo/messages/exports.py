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
}

"""Messages of placing what was read (geo/ingest/upload.py, locating.py, columns.py, userstore.py):
coordinates, column mapping and the user store; key -> (中文, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- options of a read (upload.py)
    "ingest.unknown_kind": ("未知的图层用途「{kind}」", "Unknown layer use “{kind}”"),
    "ingest.unknown_kind.hint": ("可选：{choices}", "Choose one of: {choices}"),
    "ingest.unknown_frame": ("未知的坐标框架「{frame}」", "Unknown coordinate frame “{frame}”"),
    "ingest.unknown_frame.hint": ("可选：{choices}", "Choose one of: {choices}"),
    "ingest.zones_need_polygons": (
        "用途「分区」需要面要素（多边形），而这个文件的要素全是 {found}",
        "The use “Zones” needs polygons, but every feature of this file is {found}",
    ),
    "ingest.zones_need_polygons.hint": (
        "请把用途改为「企业」（点）或「其他」后重新读取",
        "Change the use to “Enterprises” (points) or “Other layer” and read it again",
    ),
    "ingest.enterprises_need_points": (
        "用途「企业」需要点（或可取内部点的面），而这个文件的要素全是 {found}",
        "The use “Enterprises” needs points (or polygons to take an inner point of), but every "
        "feature of this file is {found}",
    ),
    "ingest.enterprises_need_points.hint": (
        "请把用途改为「其他」后重新读取",
        "Change the use to “Other layer” and read it again",
    ),
    "ingest.mixed_geometry": (
        "「{file}」混有不同几何类型的要素：{counts}；一个图层只存一种几何类型（面、线或点），没有导入",
        "“{file}” mixes geometry types: {counts}; a layer holds one type (polygons, lines or points), "
        "so nothing was imported",
    ),
    "ingest.mixed_geometry.hint": (
        "请在 QGIS 中打开该文件（它按几何类型分为子图层），把每个子图层另存为单独的文件后分别导入；"
        "只要其中的面时，也可把用途改为「分区」（命令行 --kind zones；其余要素列入逐行报告，不导入）",
        "Open the file in QGIS (it shows one sublayer per geometry type), save each sublayer as a file of "
        "its own and import them one by one; to keep only its polygons, choose the use “Zones” instead "
        "(--kind zones on the command line; the other features are listed in the row report, not imported)",
    ),
    "ingest.mixed_geometry.count": ("{family} {n} 个", "{family} ({n})"),
    "ingest.geometry_family.polygon": ("面", "polygons"),
    "ingest.geometry_family.line": ("线", "lines"),
    "ingest.geometry_family.point": ("点", "points"),
    "ingest.no_row_passed": (
        "「{file}」的全部 {rows} 行都没有通过校验",
        "None of the {rows} rows of “{file}” passed the checks",
    ),
    "ingest.no_row_passed.hint": (
        "请下载逐行校验报告查看原因，修改后重新导入",
        "Download the row-by-row report to see why, correct the rows and import again",
    ),
    # -- tables located by coordinates or by zone
    "ingest.zone_join_unset": (
        "按分区关联时需要指定表格的关联列和分区图层的字段",
        "Joining to zones needs the table's join column and the zone layer's field",
    ),
    "ingest.zone_join_unset.hint": (
        "例如：表格「区镇」列 ↔ 分区「name」字段",
        "For example: the table's column “区镇” ↔ the zones' field “name”",
    ),
    "ingest.no_coordinate_columns": (
        "表格「{file}」中找不到经纬度列",
        "No longitude/latitude columns were found in the table “{file}”",
    ),
    "ingest.no_coordinate_columns.hint": (
        "请指定经度列和纬度列（如「经度」「纬度」或 lon/lat），或按名称/代码关联到已有分区",
        "Name the longitude and latitude columns (such as “经度” “纬度” or lon/lat), or join the rows to "
        "existing zones by name or code",
    ),
    "ingest.table_needs_degrees": (
        "表格坐标只支持经纬度（度）",
        "Coordinates in a table must be longitude/latitude (degrees)",
    ),
    "ingest.table_needs_degrees.hint": (
        "投影坐标请先在 GIS 软件中转为经纬度，或导入为 Shapefile",
        "Convert projected coordinates to longitude/latitude in your GIS software first, or import a "
        "Shapefile",
    ),
    "ingest.all_outside_suzhou": (
        "全部有效坐标都在苏州市以外（经度 {west:.2f}–{east:.2f}，纬度 {south:.2f}–{north:.2f}）",
        "Every valid coordinate lies outside Suzhou (longitude {west:.2f}–{east:.2f}, latitude "
        "{south:.2f}–{north:.2f})",
    ),
    "ingest.all_outside_suzhou.hint": (
        "请确认经纬度列是否选对、是否为十进制度（不是度分秒）",
        "Check that the right longitude and latitude columns are chosen and that they are decimal degrees "
        "(not degrees-minutes-seconds)",
    ),
    "ingest.coordinate_columns_absent": (
        "表格中没有坐标列：{missing}",
        "The table has no coordinate column {missing}",
    ),
    "ingest.coordinate_columns_absent.hint": (
        "现有列：{columns}；请重新选择经度列和纬度列",
        "Its columns: {columns}; choose the longitude and latitude columns again",
    ),
    "ingest.columns_swapped": (
        "经纬度好像填反了：经度列「{lon_col}」的数值在 {lon:.2f} 左右（像纬度），"
        "纬度列「{lat_col}」在 {lat:.2f} 左右（像经度）",
        "Longitude and latitude seem exchanged: the longitude column “{lon_col}” holds values around "
        "{lon:.2f} (like a latitude), the latitude column “{lat_col}” around {lat:.2f} (like a longitude)",
    ),
    "ingest.columns_swapped.hint": (
        "请把经度列选为「{lat_col}」、纬度列选为「{lon_col}」后重新导入",
        "Choose “{lat_col}” as the longitude column and “{lon_col}” as the latitude column, and import again",
    ),
    "ingest.join_column_absent": ("表格中没有关联列「{column}」", "The table has no join column “{column}”"),
    "ingest.join_column_absent.hint": ("现有列：{columns}", "Its columns: {columns}"),
    "ingest.zone_field_absent": ("分区图层中没有字段「{field}」", "The zone layer has no field “{field}”"),
    "ingest.zone_field_absent.hint": ("现有字段：{fields}", "Its fields: {fields}"),
    # -- geometry read in a coordinate system (locating.py)
    "ingest.axes_swapped": (
        "「{file}」的经纬度好像颠倒了：横坐标在 {west:.2f}–{east:.2f}（像纬度），"
        "纵坐标在 {south:.2f}–{north:.2f}（像经度）",
        "Longitude and latitude of “{file}” seem exchanged: x runs {west:.2f}–{east:.2f} (like latitudes), "
        "y {south:.2f}–{north:.2f} (like longitudes)",
    ),
    "ingest.axes_swapped.hint": (
        "请勾选「交换经纬度」（命令行 --swap-xy）后重新导入，或在源数据中把经度放前、纬度放后",
        "Tick “Swap lon/lat or X/Y” (--swap-xy on the command line) and import again, or put longitude "
        "first and latitude second in the source data",
    ),
    "ingest.frame_needs_degrees": (
        "{frame} 只适用于经纬度数据，而「{file}」是投影坐标（{crs}）",
        "{frame} applies to longitude/latitude data only, but “{file}” is in projected coordinates ({crs})",
    ),
    "ingest.frame_needs_degrees.hint": (
        "投影坐标的数据请选择 WGS-84",
        "Choose WGS-84 for data in projected coordinates",
    ),
    # -- column mapping (columns.py)
    "ingest.unknown_mapped_fields": (
        "字段对应中有未知的标准字段：{fields}",
        "The column mapping names unknown standard fields: {fields}",
    ),
    "ingest.unknown_mapped_fields.hint": ("可用的字段：{choices}", "Fields available: {choices}"),
    "ingest.mapped_columns_absent": (
        "字段对应中指定的列不存在：{pairs}",
        "Columns named in the column mapping do not exist: {pairs}",
    ),
    "ingest.mapped_columns_absent.hint": ("现有列：{columns}", "Its columns: {columns}"),
    "ingest.required_fields_missing": ("缺少必需的字段：{fields}", "Required fields are missing: {fields}"),
    "ingest.required_fields_missing.hint": (
        "请在「字段对应」中为它们选择表格里的列（命令行：--map {field}=列名），"
        "或在源表中补上这些列后重新导入",
        "Choose a column of the table for each in the column mapping (--map {field}=<column> on the command"
        " line), or add these columns to the source table and import again",
    ),
    # -- the user store (userstore.py)
    "ingest.no_such_import": ("没有名为「{name}」的导入图层", "There is no imported layer named “{name}”"),
    "ingest.no_such_import.hint": (
        "请先在「数据管理」页导入",
        "Import it first on the “Data” page",
    ),
    "ingest.import_lacks_fields": (
        "导入图层「{name}」缺少字段：{fields}",
        "The imported layer “{name}” lacks the fields {fields}",
    ),
    "ingest.import_lacks_fields.hint": ("请重新导入该图层", "Import the layer again"),
    "ingest.bad_layer_name": ("图层名「{name}」不可用", "The layer name “{name}” cannot be used"),
    "ingest.bad_layer_name.hint": (
        "图层名只能用小写英文字母、数字、汉字和下划线，以字母或汉字开头，"
        "不超过 51 字节（user_ 之后约 15 个汉字），且不能与内置图层重名",
        "A layer name has only lower-case letters, digits, Chinese characters and underscores, starts "
        "with a letter or a character, is at most 51 bytes (about 15 characters after user_) and is "
        "not the name of a built-in layer",
    ),
    "ingest.unknown_accuracy": ("未知的精度类别「{accuracy}」", "Unknown accuracy class “{accuracy}”"),
    "ingest.unknown_accuracy.hint": ("可选：{choices}", "Choose one of: {choices}"),
    "ingest.title_source_missing": (
        "请填写图层标题和数据来源",
        "Enter the layer's title and the source of its data",
    ),
    "ingest.title_source_missing.hint": (
        "来源例如「吴江区自然资源和规划局，2024 年」",
        "A source such as “吴江区自然资源和规划局，2024 年”",
    ),
    "ingest.bad_year": (
        "导入年份「{year}」不是四位数年份",
        "The import year “{year}” is not a four-digit year",
    ),
    "ingest.bad_year.hint": ("例如 2024", "For example 2024"),
    "ingest.year_conflict": (
        "表中已有年份字段，含 {years} 年，与导入年份 {year} 不一致",
        "The table has a year column already, with the years {years}, which differ from the import "
        "year {year}",
    ),
    "ingest.year_conflict.hint": (
        "多年份的表无需再指定年份；或只导入该年的数据",
        "A table of several years needs no import year; or import only that year's rows",
    ),
}


# -- no coordinate system, or not the one said: a message each, with a hint for each suggestion
#    (none; a CRS, ``{guess}``, the values look like, ``{reason}``; that CRS with the axes exchanged)
_CRS_MESSAGES = {
    "ingest.no_crs_prj": (
        "「{file}」没有坐标系信息（缺少 .prj 文件）",
        "“{file}” has no coordinate system (its .prj file is missing)",
    ),
    "ingest.no_crs_declared": (
        "「{file}」没有坐标系信息（文件未注明坐标系）",
        "“{file}” has no coordinate system (the file does not name one)",
    ),
    "ingest.metres_not_degrees": (
        "「{file}」的坐标像是以米为单位的投影坐标（约 x={x:,.0f}, y={y:,.0f}），不是 {crs} 的经纬度（度）",
        "The coordinates of “{file}” look like projected metres (about x={x:,.0f}, y={y:,.0f}), not "
        "longitude/latitude degrees of {crs}",
    ),
    "ingest.far_after_crs": (
        "按坐标系 {crs} 换算后，全部 {n} 个要素都在苏州市以外（最近的也有约 {km:,.0f} km）",
        "Read in {crs}, all {n} features lie outside Suzhou (the nearest about {km:,.0f} km away)",
    ),
    "ingest.off_earth_after_crs": (
        "按坐标系 {crs} 换算后，全部 {n} 个要素都在苏州市以外（最近的也不在地球上的经纬度范围内（数值"
        "不像经纬度））",
        "Read in {crs}, all {n} features lie outside Suzhou (not even within the Earth's range of "
        "longitude/latitude: the values do not look like degrees)",
    ),
}
_NO_CRS_HINTS = {
    "": (
        "无法从数值判断坐标系，请向数据提供方确认后在导入时指定（命令行 --crs）",
        "The values do not tell the coordinate system: ask the data's provider and give it when importing "
        "(--crs on the command line)",
    ),
    "_guess": (
        "坐标数值看起来是{reason}，建议选择 {guess}，确认后重新导入（命令行 --crs）",
        "The values look like {reason}; {guess} is suggested: confirm it and import again "
        "(--crs on the command line)",
    ),
    "_guess_swapped": (
        "坐标数值看起来是{reason}，建议选择 {guess}并交换坐标轴，确认后重新导入（命令行 --crs）",
        "The values look like {reason}; {guess} with the axes exchanged is suggested: confirm it and import "
        "again (--crs on the command line)",
    ),
}
_METRES_HINTS = {
    "": (
        "请提供 .prj 或选择坐标系（命令行 --crs，如 EPSG:4549）后重新导入",
        "Provide a .prj or choose the coordinate system (--crs on the command line, e.g. EPSG:4549) and "
        "import again",
    ),
    "_guess": (
        "数值看起来是{reason}：请选择坐标系 {guess}（命令行 --crs {guess}）后重新导入，或提供 .prj",
        "The values look like {reason}: choose the coordinate system {guess} (--crs {guess} on the command "
        "line) and import again, or provide a .prj",
    ),
    "_guess_swapped": (
        "数值看起来是{reason}：请选择坐标系 {guess}并交换坐标轴（命令行 --crs {guess} --swap-xy）后重新导入，"
        "或提供 .prj",
        "The values look like {reason}: choose the coordinate system {guess} and exchange the axes "
        "(--crs {guess} --swap-xy on the command line) and import again, or provide a .prj",
    ),
}
_FAR_HINTS = {
    "": ("请确认数据的坐标系后重新导入", "Check the data's coordinate system and import again"),
    "_guess": (
        "数值看起来是{reason}（{guess}）；请改选该坐标系后重新导入",
        "The values look like {reason} ({guess}): choose that coordinate system and import again",
    ),
    "_guess_swapped": (
        "数值看起来是{reason}（{guess}）；请改选该坐标系并交换坐标轴后重新导入",
        "The values look like {reason} ({guess}): choose that coordinate system, exchange the axes and "
        "import again",
    ),
}
for _key, _hints in (
    ("ingest.no_crs_prj", _NO_CRS_HINTS),
    ("ingest.no_crs_declared", _NO_CRS_HINTS),
    ("ingest.metres_not_degrees", _METRES_HINTS),
    ("ingest.far_after_crs", _FAR_HINTS),
    ("ingest.off_earth_after_crs", _FAR_HINTS),
):
    for _variant, _hint in _hints.items():
        MESSAGES[_key + _variant] = _CRS_MESSAGES[_key]
        MESSAGES[f"{_key}{_variant}.hint"] = _hint

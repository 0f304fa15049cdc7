"""What an import says about the file it read (geo/ingest/): the notes of inspecting and reading,
why a CRS or coordinate frame is suggested, the row checks' names and the one-line summary, key ->
(中文, English). Errors that stop an import are in :mod:`geo.messages.ingest` and
:mod:`geo.messages.ingest_placing`."""

# The coordinate frames of longitudes/latitudes (geo/spatial/crs.py FRAMES), named for people.
FRAMES: dict[str, tuple[str, str]] = {
    "ingest.frame.wgs84": ("WGS-84（GPS/天地图/OSM）", "WGS-84 (GPS, Tianditu, OSM)"),
    "ingest.frame.gcj02": ("GCJ-02（高德/腾讯）", "GCJ-02 (Gaode, Tencent)"),
    "ingest.frame.bd09": ("BD-09（百度）", "BD-09 (Baidu)"),
}

# Why a CRS is suggested for values that do not say (geo/ingest/locating.py suggest_crs).
CRS_REASONS: dict[str, tuple[str, str]] = {
    "ingest.crs_reason.lonlat": ("经纬度（度），在中国范围内", "longitude/latitude in degrees, within China"),
    "ingest.crs_reason.latlon": (
        "经纬度（度），但纬度在前、经度在后",
        "longitude/latitude in degrees, but latitude first and longitude second",
    ),
    "ingest.crs_reason.gk": (
        "CGCS2000 3度带高斯-克吕格投影（中央经线 120°E，横坐标不含带号，单位米）",
        "the CGCS2000 3-degree Gauss-Krüger projection (central meridian 120°E, eastings without the "
        "zone number, in metres)",
    ),
    "ingest.crs_reason.gk_zoned": (
        "CGCS2000 3度带高斯-克吕格投影（第 40 带，横坐标含带号“40”，单位米）",
        "the CGCS2000 3-degree Gauss-Krüger projection (zone 40, eastings with the zone number “40”, "
        "in metres)",
    ),
    "ingest.crs_reason.xy_swapped": (
        "{reason}，但 X/Y 颠倒（测量坐标 X 为北向）",
        "{reason}, but with X and Y exchanged (surveying X is the northing)",
    ),
    "ingest.crs_reason.swapped_lonlat": (
        "经纬度颠倒（纬度在前）",
        "longitude and latitude exchanged (latitude first)",
    ),
}

# Notes of inspecting a file (geo/ingest/upload.py inspect_upload) and of the frame fits (frames.py).
INSPECTING: dict[str, tuple[str, str]] = {
    "ingest.note.columns_swapped": (
        "「{lat}」列的数值像经度、「{lon}」列像纬度：已按数值对调建议",
        "The values of column “{lat}” look like longitudes and those of “{lon}” like latitudes: the "
        "suggestion exchanges them",
    ),
    # a workbook whose first sheet has no lon/lat columns (a notes sheet): the sheet that has them read
    "ingest.note.sheet_found": (
        "已读取工作表「{sheet}」（第一个工作表「{first}」没有经纬度列）",
        "Read the sheet “{sheet}” (the first sheet, “{first}”, has no longitude/latitude columns)",
    ),
    "ingest.note.sheets_found": (
        "已读取工作表「{sheet}」（第一个工作表「{first}」没有经纬度列）；工作表{others}也有经纬度列，"
        "如要读取其他工作表，请在「图层 / 工作表」中选择（命令行：--layer 工作表名）",
        "Read the sheet “{sheet}” (the first sheet, “{first}”, has no longitude/latitude columns); the"
        " sheets {others} have them too: to read another, choose it under “Layer / sheet” (command"
        " line: --layer <sheet name>)",
    ),
    "ingest.note.no_lonlat_columns": (
        "没有找到经纬度列：可手动指定，或按名称/代码关联到已有分区",
        "No longitude/latitude columns found: name them, or join the rows to existing zones by name or code",
    ),
    "ingest.note.no_prj_guess": (
        "文件没有坐标系信息（.prj）：数值看起来是{reason}，建议 {crs}",
        "The file has no coordinate system (.prj): the values look like {reason}; suggested: {crs}",
    ),
    "ingest.note.no_prj_unknown": (
        "文件没有坐标系信息（.prj）：无法从数值判断，请向数据提供方确认",
        "The file has no coordinate system (.prj) and its values do not tell it: ask the data's provider",
    ),
    "ingest.note.lonlat_swapped": (
        "坐标看起来经纬度颠倒了（纬度在前）：导入时请勾选「交换经纬度」",
        "The coordinates look exchanged (latitude first): tick “Swap longitude/latitude” when importing",
    ),
    "ingest.note.far_with_declared": (
        "按文件声明的 {crs} 换算后，要素都不在苏州附近；数值看起来是{reason}，建议改用 {guess}{swap}",
        "Converted from the declared {crs}, no feature lies near Suzhou; the values look like {reason}; "
        "suggested instead: {guess}{swap}",
    ),
    "ingest.note.and_swap_axes": ("并交换坐标轴", " with the axes exchanged"),
    "ingest.note.frame_by_names": (
        "根据列名/文件名，坐标可能是 {frame}",
        "From the column names or the file name, the coordinates may be {frame}",
    ),
    "ingest.fit.boundary_clear": (
        "边界与内置的真实区县/市界对照：按 {frame}解读最吻合（{figures}，取边界点距离中位数）",
        "Compared with the bundled real district/city boundaries, reading it as {frame} fits best "
        "({figures}; the median distance of the boundary points)",
    ),
    "ingest.fit.boundary_unclear": (
        "边界与内置的区县/市界对照没有明显吻合的坐标框架（{figures}）{declared}",
        "Compared with the bundled district/city boundaries, no coordinate frame fits clearly ({figures})"
        "{declared}",
    ),
    # a park or parcel layer lies inside districts, along none of their lines (walk19 (b)6: 「按 WGS-84
    # 相距约 2933 m」 read as "the file is 3 km off")
    "ingest.fit.boundary_apart": (
        "边界不沿内置的区县/市界走（边界点离它们的距离中位数约 {m:.0f} m，园区、地块等本不与之重合），"
        "无法据此分辨 WGS-84、GCJ-02、BD-09{declared}",
        "The boundaries do not run along the bundled district/city boundaries (their points lie a median"
        " {m:.0f} m from them; parks and parcels need not follow them), so they cannot tell WGS-84,"
        " GCJ-02 and BD-09 apart{declared}",
    ),
    "ingest.fit.read_as_declared": (
        "；按文件声明的坐标系 {crs} 读取",
        "; read in the coordinate system the file declares, {crs}",
    ),
    "ingest.fit.boundary_figure": ("按 {frame} 相距约 {m:.0f} m", "as {frame} about {m:.0f} m apart"),
    "ingest.fit.address": (
        "{n} 个有地址的点中，落在地址所写区县/区镇内的个数：{figures}{verdict}",
        "Of {n} points with an address, those inside the district or town their address names: "
        "{figures}{verdict}",
    ),
    "ingest.fit.address_figure": ("{frame} {hits:.0f}", "as {frame} {hits:.0f}"),
    "ingest.fit.address_clear": (
        "；按 {frame}解读多 {margin:.0f} 个",
        "; {margin:.0f} more when read as {frame}",
    ),
    # said beside a proposal the column names make, too: the addresses decide nothing, the names may
    "ingest.fit.address_unclear": (
        "；仅凭地址分不出是哪种坐标框架",
        "; the addresses alone do not tell which frame it is",
    ),
}

# Notes of reading a file (geo/ingest/upload.py read_upload and its locating strategies; the
# readers: readers.py, a .dbf's encoding: encoding.py).
READING: dict[str, tuple[str, str]] = {
    "ingest.encoding.cpg": (
        "按 .cpg 文件（{cpg}）使用 {codec} 编码",
        "Encoding {codec}, as the .cpg file ({cpg}) says",
    ),
    "ingest.encoding.cpg_wrong": (
        ".cpg 写的是「{cpg}」，但内容不符；",
        "The .cpg says “{cpg}” but the contents disagree; ",
    ),
    "ingest.encoding.no_cpg": ("没有 .cpg 文件；", "No .cpg file; "),
    "ingest.encoding.ascii": (
        "{declared}文字全为 ASCII，按 UTF-8 读取",
        "{declared}all text is ASCII: read as UTF-8",
    ),
    "ingest.encoding.utf8": (
        "{declared}内容是合法的 UTF-8，按 UTF-8 读取",
        "{declared}the contents are valid UTF-8: read as UTF-8",
    ),
    "ingest.encoding.gbk": (
        "{declared}检测为中文 GBK/GB18030 编码",
        "{declared}detected as Chinese GBK/GB18030",
    ),
    "ingest.encoding.big5": (
        "{declared}检测为繁体 Big5 编码",
        "{declared}detected as traditional Chinese Big5",
    ),
    "ingest.encoding.latin1": (
        "{declared}无法识别编码，按 Latin-1 读取，中文可能显示为乱码",
        "{declared}the encoding is not recognised: read as Latin-1, so Chinese may show garbled",
    ),
    "ingest.note.header_row": (
        "表头在第 {row} 行（上方 {above} 行为标题，已跳过）",
        "The header is in row {row} (the {above} rows above it are a title, skipped)",
    ),
    "ingest.note.header_row.one": (
        "表头在第 {row} 行（上方 1 行为标题，已跳过）",
        "The header is in row {row} (the row above it is a title, skipped)",
    ),
    "ingest.note.wkt_column": (
        "「{column}」列是 WKT 几何，按空间图层读取（需指明坐标系）",
        "Column “{column}” holds WKT geometry: read as a spatial layer (its coordinate system must be given)",
    ),
    "ingest.note.no_lonlat_table": (
        "表格没有经纬度列：企业未定位，只能按区镇名称归入区域",
        "The table has no longitude/latitude columns: the enterprises are not located and can only be "
        "assigned to zones by their town's name",
    ),
    "ingest.note.columns_crossed": (
        "「{lat}」列填的是纬度、「{lon}」列填的是经度：点位按数值取，两列内容已对调，使属性与几何一致"
        "（逐行记为“已修复”）",
        "Column “{lat}” holds latitudes and “{lon}” longitudes: the points follow the values, and the two "
        "columns were exchanged so that the attributes agree with the geometry (each row recorded as "
        "repaired)",
    ),
    "ingest.note.converted_frame": (
        "坐标按 {frame}读取，已转换为 WGS-84",
        "Coordinates read as {frame} and converted to WGS-84",
    ),
    "ingest.note.user_crs": (
        "按用户指定的 {crs} 读取（文件声明为 {declared}）",
        "Read as {crs}, as given (the file declares {declared})",
    ),
    "ingest.note.axes_swapped": (
        "已交换每个坐标的两个分量",
        "The two components of every coordinate were exchanged",
    ),
    "ingest.note.reprojected": (
        "已从 {crs} 转换为 WGS-84（EPSG:4326）",
        "Converted from {crs} to WGS-84 (EPSG:4326)",
    ),
    "ingest.note.renamed_source_columns": (
        "源表坐标列按其坐标框架改名：{pairs}（几何为 WGS-84，导出时不会被当作 WGS-84 经纬度）",
        "The source's coordinate columns were renamed after their frame: {pairs} (the geometry is "
        "WGS-84; exports will not take them for WGS-84 longitudes/latitudes)",
    ),
    "ingest.note.renamed_pair": ("「{old}」→「{new}」", "“{old}” renamed “{new}”"),
    "ingest.note.representative_points": (
        "{n} 个企业的位置取自其地块/分区的内部代表点",
        "{n} enterprises are placed at a representative point inside their parcel or zone",
    ),
    # the row report's problems (one row each): locating (locating.py) and geometry (upload.py)
    "ingest.row.coordinate_not_number": ("坐标为空或不是数字", "The coordinate is empty or not a number"),
    "ingest.row.zero_zero": ("坐标为 0,0（多为缺失值）", "The coordinates are 0,0 (mostly a missing value)"),
    "ingest.row.lonlat_swapped": (
        "本行经纬度好像填反了（纬度在前），请在源表中改正",
        "This row's longitude and latitude look exchanged (latitude first): correct it in the source",
    ),
    "ingest.row.out_of_range": (
        "经纬度超出有效范围（经度 ±180，纬度 ±90）",
        "The longitude/latitude is out of range (longitude ±180, latitude ±90)",
    ),
    "ingest.row.columns_crossed": (
        "经纬度填反了：「{lat}」列填的是纬度、「{lon}」列填的是经度；点位按数值取，两列内容已对调（「{lat}」现为经度）",
        "Longitude and latitude exchanged: column “{lat}” holds latitudes and “{lon}” longitudes; the "
        "points follow the values and the two columns were exchanged (“{lat}” now holds longitudes)",
    ),
    "ingest.row.join_blank": ("关联字段为空", "The join field is empty"),
    "ingest.row.join_ambiguous": (
        "「{key}」对应多个分区，无法确定",
        "“{key}” matches several zones: cannot tell which",
    ),
    "ingest.row.join_not_found": (
        "在分区图层的「{field}」中找不到「{key}」",
        "“{key}” is not found in the zone layer's “{field}”",
    ),
    "ingest.row.no_location_kept": (
        "没有位置：已保留，但不能按位置归入区域",
        "No location: kept, but it cannot be assigned to a zone by location",
    ),
    "ingest.row.no_geometry": ("没有几何图形（空或缺失）", "No geometry (empty or missing)"),
    "ingest.row.geometry_repaired": ("几何图形无效，已自动修复", "Invalid geometry, repaired automatically"),
    "ingest.row.geometry_empty_after_repair": (
        "几何图形修复后为空",
        "The geometry is empty after its repair",
    ),
    # the row checks (checks.py): kept, flagged for a look
    "ingest.row.same_point": (
        "与另外 {n} 行坐标完全相同：可能是占位值或统一定位到区镇中心，请核对",
        "At exactly the same point as {n} other rows: maybe a placeholder or a town centre for all; check it",
    ),
    "ingest.row.round_numbers": (
        "坐标是整数或不超过 {decimals} 位小数（如 120.0, 31.0）：像占位值或粗略定位，请核对",
        "The coordinates are whole or have at most {decimals} decimals (e.g. 120.0, 31.0): like a "
        "placeholder or a rough location; check them",
    ),
    # before ingest.row.misplaced: its text would read as that one's (坐标却在「其外…」) when read back
    "ingest.row.outside_named": (
        "{field}写的是{named}，坐标却在其外（距其边界约 {km} 公里）{schematic}",
        "{field} says {named}, but the point lies outside it (about {km} km from its boundary){schematic}",
    ),
    "ingest.row.misplaced": (
        "{field}写的是{named}，坐标却在{at}{schematic}",
        "{field} says {named}, but the point lies in {at}{schematic}",
    ),
    "ingest.row.towns_schematic": (
        "（区镇边界为示意，请以实地为准）",
        " (the towns' boundaries are schematic: the ground decides)",
    ),
    "ingest.row.duplicate": (
        "与第 {first} 行同名同地址：可能重复登记，请核对",
        "Same name and address as row {first}: maybe registered twice; check it",
    ),
    # the 统一社会信用代码 (GB 32100-2015; checks.py)
    "ingest.row.credit_malformed": (
        "统一社会信用代码格式不对（{n} 位，应为 18 位数字或大写字母，不含 I、O、S、V、Z）：无法与其他部门的"
        "数据对应，请核对",
        "The unified social credit code is malformed ({n} characters; it should be 18 digits or capital"
        " letters without I, O, S, V, Z): it cannot be matched with other departments' data; check it",
    ),
    "ingest.row.credit_check": (
        "统一社会信用代码第 18 位校验位不对（GB 32100）：可能抄错一位，早期个别代码不合校验仍属合法，请核对",
        "The unified social credit code fails its check character, the 18th (GB 32100): maybe a"
        " character was copied wrong; a few early codes fail it yet are legal; check it",
    ),
    "ingest.row.credit_org_check": (
        "统一社会信用代码第 9–17 位（组织机构代码）校验位不对（GB 11714）：可能抄错一位，早期个别代码不合"
        "校验仍属合法，请核对",
        "The unified social credit code's characters 9–17 (the organisation code) fail their check"
        " character (GB 11714): maybe a character was copied wrong; a few early codes fail it yet are"
        " legal; check it",
    ),
    "ingest.row.credit_repeated": (
        "与第 {first} 行统一社会信用代码相同：可能重复登记，请核对",
        "Same unified social credit code as row {first}: maybe registered twice; check it",
    ),
    "ingest.row.credit_shared": (
        "统一社会信用代码与第 {first} 行（{other}）相同，企业名称却不同：一个代码只属于一家企业，可能有一行"
        "代码有误，请核对",
        "Same unified social credit code as row {first} ({other}) under another name: a code belongs to"
        " one firm only; one of them may be wrong; check it",
    ),
    "ingest.row.id_shared": (
        "「{column}」与第 {first} 行（{other}）相同，企业名称却不同：两行都保留，请核对",
        "Same “{column}” as row {first} ({other}) under another name: both rows kept; check them",
    ),
    "ingest.row.credit_same_name": (
        "与第 {first} 行同名，统一社会信用代码却不同（{other}）：两家企业同名很少见，可能重复登记或代码"
        "有误，请核对",
        "Same name as row {first} but a different unified social credit code ({other}): two firms rarely"
        " share a name; maybe registered twice or a code is wrong; check it",
    ),
    # a table's values (columns.py)
    "ingest.row.not_a_number": ("「{field}」不是数字", "“{field}” is not a number"),
    "ingest.row.negative": ("「{field}」为负数", "“{field}” is negative"),
    "ingest.row.empty_value": (
        "「{field}」为空，按缺失处理（用到它的指标无法计算）",
        "“{field}” is empty: taken as missing (the indicators that need it cannot be computed)",
    ),
    "ingest.row.zero_land": (
        "用地面积为 0，亩均指标无法计算",
        "The land area is 0: no per-mu indicator can be computed",
    ),
    "ingest.row.blank_name": ("名称为空", "The name is empty"),
    "ingest.row.blank_id": ("编号为空，已按行号编为 {id}", "The id is empty: numbered {id} after the row"),
    "ingest.row.above_scale_unknown": (
        "无法识别是否规上（应为 是/否、规上/规下、1/0），按缺失处理",
        "Whether above designated size is not recognised (should be 是/否, 规上/规下 or 1/0): taken as"
        " missing",
    ),
    "ingest.row.bad_year": ("「年份」不是四位数年份", "The year is not a four-digit year"),
    "ingest.row.repeated_id": (
        "企业编号重复（每家企业只能有一行），本行已剔除",
        "The enterprise id is repeated (one row per enterprise): this row was dropped",
    ),
    "ingest.row.repeated_zone_id": (
        "分区编号重复，已在编号后加上行号以区分",
        "The zone id is repeated: the row number was appended to tell them apart",
    ),
    "ingest.note.id_not_proposed": (
        "「{column}」不宜作{field}：{rows} 行中 {filled} 行有值、{distinct} 个不同值，未采用",
        "“{column}” is not proposed as {field}: {filled} of {rows} rows filled, {distinct} distinct values",
    ),
    "ingest.note.ids_shared": (
        "「{column}」与前面另一家企业（名称不同）相同的行：{n} 行，都保留（需核对），企业编号在原值后加"
        "企业名称的短校验码以示区分（{examples}，每次导入都相同），原值仍在「{column}」列",
        "Rows with the same “{column}” as an earlier row of another name: {n}, kept (to check); their"
        " enterprise id is the value with a short hash of the firm's name appended ({examples}, the same"
        " in every import), the values as written"
        " stay in the “{column}” column",
    ),
    "ingest.note.ids_numbered": (
        "未指定{field}列：各行按文件中的顺序编号（{first} … {last}）",
        "No {field} column: the rows are numbered in file order ({first} … {last})",
    ),
    "ingest.note.id_column_empty": (
        "「{column}」列全为空：各行按文件中的顺序编为{field}（{first} … {last}）",
        "“{column}” is empty throughout: the rows are numbered in file order as {field} ({first} … {last})",
    ),
    "ingest.note.unit_converted": (
        "「{column}」按列名中的单位换算为{field}（×{factor:g}）",
        "“{column}” converted to {field} by the unit in its header (×{factor:g})",
    ),
    "ingest.note.above_scale_derived": (
        "表中没有「是否规上」列：按统计口径由「{source}」判定，主营业务收入 ≥ {threshold}为规上"
        "（{n_above} 家规上，{n_below} 家规下）",
        "The table does not say which enterprises are above designated size: decided from “{source}” by"
        " the statistical definition, an annual main business income of {threshold} or more ({n_above}"
        " above designated size, {n_below} below)",
    ),
    "ingest.row.far_from_suzhou": (
        "位置远在苏州市范围以外，请核对坐标",
        "The location is far outside Suzhou: check the coordinates",
    ),
    "ingest.row.enterprise_line": (
        "企业图层需要点位，线要素无法使用",
        "An enterprise layer needs points; a line cannot be used",
    ),
    "ingest.row.zone_not_polygon": (
        "分区图层需要面要素，点/线无法使用",
        "A zone layer needs polygons; points and lines cannot be used",
    ),
}

# The one-line summary of a reading and the row checks it counts (geo/ingest/report.py).
SUMMARY: dict[str, tuple[str, str]] = {
    "ingest.summary": (
        "读入 {rows_in} 行：通过 {ok} 行，剔除 {dropped} 行，修复 {repaired} 行，提醒 {flagged} 行{checks}",
        "{rows_in} rows read: {ok} passed, {dropped} dropped, {repaired} repaired, {flagged} flagged{checks}",
    ),
    "ingest.summary.checks": ("（{checks}）", " (of which {checks})"),
    "ingest.summary.check_items": ("{items}{several}", "{items}{several}"),
    # one row flagged by two checks is counted in both (walk18 (b)8: 需核对 5 beside 2 行 + 4 行)
    "ingest.summary.several_checks": ("；其中 {n} 行不止一类问题", "; {n} rows have more than one of these"),
    "ingest.summary.check": ("{label} {n} 行", "{label}: {n} rows"),
    "ingest.check.same_point": ("多行坐标完全相同", "several rows at exactly the same point"),
    "ingest.check.round": ("坐标为整数/过于整齐", "coordinates whole numbers or too round"),
    "ingest.check.misplaced": ("位置与地址/区镇不符", "location disagrees with the address or town"),
    "ingest.check.duplicate": ("同名同地址", "same name and address"),
    "ingest.check.credit_code": ("统一社会信用代码有误或重复", "credit code malformed or repeated"),
    # every other warning a row report holds (walk19 (b)1)
    "ingest.check.empty": ("数值为空或为零", "a value empty or zero"),
    "ingest.check.above_scale": ("是否规上无法识别", "above designated size not recognised"),
    "ingest.check.blank_name": ("名称为空", "name empty"),
    "ingest.check.ids": ("编号为空或重复", "id empty or repeated"),
    "ingest.check.no_location": ("没有位置", "no location"),
    "ingest.check.far": ("位置远在苏州市以外", "far outside Suzhou"),
    "ingest.check.other_warning": ("其他提醒", "other warnings"),
}

# The row report's headers and levels, as downloaded (geo/ingest/report.py report_for_download).
REPORT: dict[str, tuple[str, str]] = {
    "ingest.report.row": ("行号", "Row"),
    "ingest.report.level": ("处理", "Handling"),
    "ingest.report.field": ("字段", "Field"),
    "ingest.report.problem": ("问题", "Problem"),
    "ingest.report.value": ("原值", "Value given"),
    "ingest.report.field.geometry": ("坐标", "Coordinates"),
    "ingest.report.level.error": ("错误（已剔除）", "Error (dropped)"),
    "ingest.report.level.repaired": ("已修复", "Repaired"),
    "ingest.report.level.warning": ("提醒（已保留）", "Warning (kept)"),
}

MESSAGES: dict[str, tuple[str, str]] = {**REPORT, **FRAMES, **CRS_REASONS, **INSPECTING, **READING, **SUMMARY}

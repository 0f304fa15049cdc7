"""Messages of the data's sources and rules (geo/collect/, geo/land/ and geo's top-level modules: access,
batch, catalogue, city, city_view, config_yaml): key -> (中文, English).

A parameter written ``{what[zh]}`` / ``{what[en]}`` is a mapping ``{"zh": …, "en": …}``: a name (a rules
file, a department) that the sentence needs in its own language.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "city.table_without_points": (
        "本年企业表应带有点位（GeoDataFrame）",
        "This year's enterprise table must carry the enterprises' points (a GeoDataFrame)",
    ),
    "city.table_without_points.hint": ("请用全市示例的企业图层", "Use the city demo's enterprise layer"),
    # rules files (geo/config_yaml.py); config.file.* name the files in both languages
    "config.file.evaluation": ("评价配置文件", "evaluation configuration file"),
    "config.file.method": ("评价方法文件", "evaluation method file"),
    "config.file.land": ("用地控制指标配置文件", "land control configuration file"),
    "config.file.industries": ("行业对照配置", "industry crosswalk configuration"),
    "config.file.departments": ("部门配置文件", "department configuration file"),
    "config.file.objection_period": ("公示期配置文件", "objection period configuration file"),
    "config.not_found": ("找不到{what[zh]} {path}", "Cannot find the {what[en]} {path}"),
    "config.not_found.hint": ("请检查路径", "Check the path"),
    "config.not_yaml": (
        "{what[zh]} {name} 不是合法的 YAML：{error}",
        "The {what[en]} {name} is not valid YAML: {error}",
    ),
    "config.not_mapping": (
        "{what[zh]} {name} 的内容应为键值表",
        "The {what[en]} {name} should hold a mapping (key: value lines)",
    ),
    # access (geo/access.py)
    "access.unknown_role": (
        "secrets.toml [atlas] 中的角色「{role}」无法识别",
        "Role “{role}” in secrets.toml [atlas] is not recognised",
    ),
    "access.unknown_role.hint": (
        "可选：查看汇总（summary）、查看企业（firms）、编辑（edit）",
        "Options: view summaries (summary), view firms (firms), edit (edit)",
    ),
    # land control (geo/land/parcels.py)
    "land.not_a_number": (
        "配置项「{where}」应为数字，却是 {value}",
        "Setting “{where}” should be a number, not {value}",
    ),
    "land.not_a_number.hint": ("请填写数字（单位见注释）", "Enter a number (the units are in the comments)"),
    "land.far_negative": ("容积率下限不能为负数", "A minimum floor area ratio cannot be negative"),
    "land.far_negative.hint": ("请检查 far_min_by_category", "Check far_min_by_category"),
    "land.unknown_category": (
        "行业对应的门类不在 far_min_by_category 中：{categories}",
        "Categories that industries map to are missing from far_min_by_category: {categories}",
    ),
    "land.unknown_category.hint": (
        "请在 far_min_by_category 中写出该门类的容积率下限，或改正 industry_category",
        "Give the category's minimum floor area ratio in far_min_by_category, or correct industry_category",
    ),
    "land.unknown_rule": ("未知的低效用地规则：{rules}", "Unknown low-efficiency land rules: {rules}"),
    "land.unknown_rule.hint": ("可选：{options}", "Options: {options}"),
    "land.not_spatial": ("宗地数据应为带几何的图层", "Parcel data should be a layer with geometry"),
    "land.not_spatial.hint": (
        "请导入 Shapefile、GeoPackage、GeoJSON 等面图层",
        "Import a polygon layer: Shapefile, GeoPackage, GeoJSON or the like",
    ),
    "land.empty": ("宗地图层是空的（0 宗）", "The parcel layer is empty (0 parcels)"),
    "land.empty.hint": ("请检查导入的文件或图层", "Check the imported file or layer"),
    "land.no_crs": (
        "宗地图层没有坐标参考系（CRS）",
        "The parcel layer has no coordinate reference system (CRS)",
    ),
    "land.no_crs.hint": (
        "本工具不会猜测坐标系；请在导入时指明",
        "The atlas does not guess coordinate systems; state it when importing",
    ),
    "land.not_polygons": (
        "宗地图层应为面图层（Polygon/MultiPolygon）",
        "The parcel layer should be a polygon layer (Polygon/MultiPolygon)",
    ),
    "land.not_polygons.hint": ("请检查是否选错了图层", "Check whether the wrong layer was chosen"),
    "land.id_blank": (
        "宗地编号「{column}」有空值（{n} 宗）",
        "Parcel ID “{column}” is blank for {n} parcels",
    ),
    "land.id_blank.hint": ("请为每宗地填写编号", "Fill in an ID for every parcel"),
    "land.id_duplicate": ("宗地编号重复：{ids}", "Repeated parcel IDs: {ids}"),
    "land.id_duplicate.hint": (
        "每宗地只能有一行；多部分地块请合并为一个多面",
        "Each parcel has one row only; merge a parcel of several parts into one MultiPolygon",
    ),
    "land.no_link": (
        "宗地没有企业编号，企业表也没有位置，无法把宗地对应到企业",
        "The parcels have no enterprise ID and the enterprise table has no locations: "
        "parcels cannot be linked to enterprises",
    ),
    "land.no_link.hint": (
        "请在宗地属性中填写企业编号（或统一社会信用代码），或为企业表提供经纬度",
        "Fill in the enterprise ID (or unified social credit code) in the parcels' attributes, "
        "or give the enterprise table longitude and latitude",
    ),
    # land renewal (geo/land/renewal.py)
    "land.renewal.no_parcel": ("请指定宗地编号", "Give a parcel ID"),
    "land.renewal.unknown_status": ("未知的盘活状态「{status}」", "Unknown renewal status “{status}”"),
    "land.renewal.unknown_status.hint": ("可选：{options}", "Options: {options}"),
    "land.renewal.unknown_method": ("未知的处置方式「{method}」", "Unknown disposal method “{method}”"),
    "land.renewal.unknown_method.hint": ("可选：{options}", "Options: {options}"),
    "land.renewal.method_required": (
        "状态为「{status}」时须填写处置方式",
        "A disposal method is required when the status is “{status}”",
    ),
    "land.renewal.method_required.hint": ("可选：{options}", "Options: {options}"),
    "land.renewal.no_actor": ("没有登录身份，不能记录修改", "Not logged in: the change cannot be recorded"),
    "land.renewal.no_actor.hint": (
        "每次修改都记录修改人（登录的编辑）和时间；请先登录",
        "Every change records who made it (the logged-in editor) and when; log in first",
    ),
    "land.renewal.bad_date": ("日期「{date}」无法识别", "Date “{date}” is not recognised"),
    "land.renewal.bad_date.hint": ("请用 YYYY-MM-DD 格式", "Use the YYYY-MM-DD format"),
    # city-wide evaluation (geo/city.py)
    "city.not_a_table": ("企业数据应为表格（DataFrame）", "Enterprise data should be a table (DataFrame)"),
    "city.no_district": (
        "企业表缺少县级区划字段「{column}」，无法按全市或板块评价",
        "The enterprise table lacks the county-level district field “{column}”: "
        "it cannot be evaluated city-wide or by district",
    ),
    "city.no_district.hint": (
        "请增加一列 district，填写企业所在的县级市（区），如 昆山市、吴江区",
        "Add a column district with each enterprise's county-level city or district, e.g. 昆山市、吴江区",
    ),
    "city.unknown_scope": (
        "评价范围「{scope}」不在企业表中",
        "Evaluation scope “{scope}” is not in the enterprise table",
    ),
    "city.unknown_scope.hint": ("可选范围：{options}", "Scopes available: {options}"),
    "city.empty_scope": (
        "评价范围「{scope}」内没有企业",
        "No enterprise lies within evaluation scope “{scope}”",
    ),
    "city.bad_area": (
        "排名范围字段应为 {options} 之一，而不是「{area}」",
        "The ranking's area field should be one of {options}, not “{area}”",
    ),
    "city.mismatch": ("评价结果与企业表不对应", "The evaluation results do not match the enterprise table"),
    "city.mismatch.hint": (
        "请用同一张（同一范围的）企业表",
        "Use the same enterprise table (of the same scope)",
    ),
    "city.no_year": ("没有 {year} 年的企业表", "There is no enterprise table for {year}"),
    "city.no_year.hint": ("已有年份：{years}", "Years available: {years}"),
    # the city map's spatial index (geo/city_view.py)
    "city.view.length_mismatch": ("经度与纬度的个数不一致", "The numbers of longitudes and latitudes differ"),
    "city.view.not_finite": (
        "坐标中有空值或无穷值，无法建立空间索引",
        "The coordinates include blank or infinite values: the spatial index cannot be built",
    ),
    "city.view.bad_cell": (
        "网格边长应大于 0，而不是 {cell_deg}",
        "The grid cell size should be above 0, not {cell_deg}",
    ),
    "city.view.bad_bounds": (
        "视图范围无效：{west},{south},{east},{north}（应为 西,南,东,北）",
        "Invalid view bounds: {west},{south},{east},{north} (expected west,south,east,north)",
    ),
    "city.view.bad_limit": (
        "条数上限应不小于 0，而不是 {limit}",
        "The row limit should be 0 or more, not {limit}",
    ),
    "city.view.groups_mismatch": (
        "分组标签的个数与企业数不一致",
        "The number of group labels differs from the number of enterprises",
    ),
    # 用地强度 at city scale (geo/city_intensity.py)
    "city.intensity.missing": (
        "宗地表缺少字段：{columns}",
        "The parcel table lacks the fields: {columns}",
    ),
    "city.intensity.missing.hint": (
        "需要 {needed}（全市合成数据自带）",
        "Needed: {needed} (the city's synthetic data carry them)",
    ),
    "city.intensity.bad_group": (
        "无法按「{by}」汇总宗地：宗地表没有该字段",
        "Parcels cannot be summed up by “{by}”: the parcel table has no such field",
    ),
    # batch evaluation and the command line's files (geo/batch.py)
    "batch.no_zone_field": ("区域图层中没有字段「{field}」", "The zone layer has no field “{field}”"),
    "batch.no_zone_field.hint": ("现有字段：{fields}", "Its fields: {fields}"),
    "batch.no_zone_id": ("区域图层中找不到名称/编码字段", "The zone layer has no name or code field"),
    "batch.no_zone_id.hint": (
        "请用 --zone-id 指定；现有字段：{fields}",
        "Name it with --zone-id; its fields: {fields}",
    ),
    "batch.no_location": (
        "企业表没有经纬度，无法按位置归入区域",
        "The enterprise table has no longitude/latitude: enterprises cannot be placed in zones by location",
    ),
    "batch.no_location.hint": (
        "请提供 lon/lat（经度/纬度）字段，或用 --zone-column 指定区镇名称字段",
        "Provide lon/lat (longitude/latitude) fields, or name the field of zone names with --zone-column",
    ),
    "batch.file.zones": ("区域", "zones"),
    "batch.file.enterprises": ("企业", "enterprises"),
    "batch.file.parcels": ("宗地", "parcels"),
    "batch.file_missing": ("找不到{what[zh]}文件 {path}", "Cannot find the {what[en]} file {path}"),
    "batch.file_missing.hint": ("请检查路径", "Check the path"),
    "batch.file_empty": (
        "{what[zh]}文件 {name} 是空的（0 字节）",
        "The {what[en]} file {name} is empty (0 bytes)",
    ),
    "batch.file_empty.hint": (
        "请检查导出是否成功后重新生成",
        "Check that the export succeeded, then generate the file again",
    ),
    "batch.method_and_config": (
        "评价方法与评价配置文件只能二选一",
        "Give an evaluation method or an evaluation configuration file, not both",
    ),
    "batch.method_and_config.hint": (
        "去掉 --method 或 --config 之一（方法文件本身就是一份配置）",
        "Drop --method or --config (a method file is itself a configuration)",
    ),
    "batch.weights_total": ("{group}权重合计 {total:g} 分", "{group} weights total {total:g}"),
    "batch.weights_not_100": (
        "评价配置的权重合计不等于 100：{totals}。综合得分将不再以 100 分为满分",
        "The configuration's weights do not add up to 100: {totals}. Scores would no longer top out at 100",
    ),
    "batch.weights_not_100.hint": (
        "请把各组权重调整为合计 100；确认按此权重评价请加 --accept-weights",
        "Make each group's weights add up to 100, or add --accept-weights to use these weights anyway",
    ),
    "batch.scope_not_zone": (
        "评价范围「{scope}」不是区域图层中的区域",
        "Evaluation scope “{scope}” is not a zone of the zone layer",
    ),
    "batch.scope_not_zone.hint": ("可选：{options}", "Options: {options}"),
    "batch.no_zone_column": (
        "企业表缺少区域字段「{column}」",
        "The enterprise table lacks the zone field “{column}”",
    ),
    "batch.empty_scope": (
        "评价范围「{scope}」内没有企业",
        "No enterprise lies within evaluation scope “{scope}”",
    ),
    "batch.empty_scope.hint": (
        "请检查范围名称与企业位置",
        "Check the scope's name and the enterprises' locations",
    ),
    "batch.many_years": (
        "企业表含多个年份（{years}），一次只评价一年",
        "The enterprise table holds several years ({years}); one year is evaluated at a time",
    ),
    "batch.many_years.hint": (
        "请用 --year 指定评价年份（会自动与上一年比较）",
        "Choose the year with --year (it is compared with the year before by itself)",
    ),
    "batch.no_year": ("企业表中没有 {year} 年的数据", "The enterprise table has no data for {year}"),
    "batch.no_year.hint": ("表中的年份：{years}", "Years in the table: {years}"),
    "batch.previous_missing": ("找不到上年文件 {path}", "Cannot find the previous year's file {path}"),
    "batch.previous_missing.hint": ("请检查路径", "Check the path"),
    "batch.previous_encoding": ("无法识别 {name} 的文字编码", "Cannot recognise the text encoding of {name}"),
    "batch.previous_encoding.hint": ("请另存为 UTF-8 编码的 CSV", "Save it as a UTF-8 CSV"),
    # department files and their rules (geo/collect/)
    "collect.encoding": ("无法识别「{file}」的文字编码", "Cannot recognise the text encoding of “{file}”"),
    "collect.encoding.hint": (
        "请在 Excel 中另存为「CSV UTF-8」后上传",
        "Save it in Excel as “CSV UTF-8” and upload it again",
    ),
    "collect.bad_xlsx": (
        "「{file}」不是有效的 Excel（.xlsx）文件（{error}）",
        "“{file}” is not a valid Excel (.xlsx) file ({error})",
    ),
    "collect.bad_xlsx.hint": (
        "请在 Excel 中另存为 .xlsx 后上传",
        "Save it in Excel as .xlsx and upload it again",
    ),
    "collect.not_table": ("「{file}」不是 CSV 或 XLSX 表格", "“{file}” is not a CSV or XLSX table"),
    "collect.not_table.hint": ("部门数据请导出为 .csv 或 .xlsx", "Export department data as .csv or .xlsx"),
    "collect.too_many_rows": (
        "「{file}」有 {lines:,} 行，超过上限 {max_rows:,} 行，已拒绝（未解析）",
        "“{file}” has {lines:,} rows, over the limit of {max_rows:,}: refused (not parsed)",
    ),
    "collect.too_many_rows.hint": ("请只导出需要的年份和范围", "Export only the years and the area you need"),
    "collect.bad_csv": (
        "「{file}」不是有效的 CSV 表格（{error}）",
        "“{file}” is not a valid CSV table ({error})",
    ),
    "collect.bad_csv.hint": (
        "请检查分隔符和引号，或另存为 .xlsx 后上传",
        "Check the delimiters and quotes, or save it as .xlsx and upload it again",
    ),
    "collect.empty_file": ("{label[zh]}是空的（0 字节）", "{label[en]} is empty (0 bytes)"),
    "collect.empty_file.hint": (
        "请检查导出是否成功后重新生成",
        "Check that the export succeeded, then generate the file again",
    ),
    "collect.too_big": (
        "{label[zh]}有 {mb:.1f} MB，超过上限 {max_mb:.0f} MB",
        "{label[en]} is {mb:.1f} MB, over the limit of {max_mb:.0f} MB",
    ),
    "collect.too_big.hint": ("请只导出需要的范围或字段", "Export only the area or the fields you need"),
    "collect.no_content": ("{label[zh]}里没有任何内容", "{label[en]} holds nothing"),
    "collect.no_content.hint": ("请检查导出的范围或筛选条件", "Check the export's range or filters"),
    "collect.no_records": (
        "{label[zh]}表头下没有任何记录（0 行）",
        "{label[en]} has no record under its header (0 rows)",
    ),
    "collect.no_records.hint": ("请检查导出的范围或筛选条件", "Check the export's range or filters"),
    "collect.industry_code": (
        "行业对照中「{industry}」的代码「{code}」不是已列出大类下的 2–4 位代码",
        "In the industry crosswalk, code “{code}” of “{industry}” is not a 2–4 digit code "
        "of a listed division",
    ),
    "collect.department_not_mapping": (
        "部门配置「{key}」应为键值表",
        "Department configuration “{key}” should be a mapping (key: value lines)",
    ),
    "collect.department_unknown_field": (
        "部门配置「{key}」中的字段「{field}」不是目录中的数值字段",
        "Field “{field}” of department configuration “{key}” is not a value field of the column catalogue",
    ),
    "collect.department_bad_unit": (
        "部门配置「{key}」中「{field}」的缺省单位「{unit}」无法换算",
        "The default unit “{unit}” of “{field}” in department configuration “{key}” cannot be converted",
    ),
    "collect.department_bad_unit.hint": ("可用单位：{units}", "Units it converts: {units}"),
    "collect.mapping_unknown_field": (
        "{dept[zh]}的字段对应中有未知字段：{fields}",
        "The column mapping of {dept[en]} names unknown fields: {fields}",
    ),
    "collect.mapping_unknown_field.hint": ("可用字段：{known}", "Fields available: {known}"),
    "collect.mapping_absent_column": (
        "{dept[zh]}文件中没有列：{columns}",
        "The {dept[en]} file has no column: {columns}",
    ),
    "collect.mapping_absent_column.hint": ("现有列：{headers}", "Its columns: {headers}"),
    "collect.register_first": (
        "企业名录只能作为第一个参数给出",
        "The enterprise register can only be given as the first argument",
    ),
    "collect.register_first.hint": (
        "部门文件用 --source 部门=文件",
        "Give department files as --source department=file",
    ),
    "collect.unknown_department": ("未知的部门「{department}」", "Unknown department “{department}”"),
    "collect.unknown_department.hint": ("可用部门：{options}", "Departments: {options}"),
    "collect.department_twice": (
        "部门「{label[zh]}」给了两次（{first} 与 {second}）",
        "Department “{label[en]}” is given twice ({first} and {second})",
    ),
    "collect.department_twice.hint": (
        "每个部门只给一个文件；同一部门的多个文件请先合并为一个表",
        "Give one file per department; merge a department's several files into one table first",
    ),
    "collect.no_match_columns": (
        "{dept[zh]}文件「{file}」中没有可用于匹配的列（统一社会信用代码、组织机构代码或名称）",
        "The {dept[en]} file “{file}” has no column to match on "
        "(unified social credit code, organisation code or name)",
    ),
    "collect.no_match_columns.hint": (
        "常见表头：{wanted}；表头不同时请用 --map {key}.code=列名（页面上在字段对应中选择）",
        "Usual headers: {wanted}; for another header use --map {key}.code=column "
        "(on the page, choose it in the column mapping)",
    ),
    "collect.no_value_columns": (
        "{dept[zh]}文件「{file}」中没有找到数值列",
        "No value column found in the {dept[en]} file “{file}”",
    ),
    "collect.no_value_columns.hint": (
        "常见表头：{wanted}；表头不同时请用 --map {key}.{field}=列名",
        "Usual headers: {wanted}; for other headers use --map {key}.{field}=column",
    ),
    # The page's own hints (pages/data/collect.py shows these instead of the command line's).
    "collect.no_match_columns.page": (
        "常见表头：{wanted}；表头不同时，请在「表头不同时：字段对应」中写一行 {key}.code=列名",
        "Usual headers: {wanted}; for another header, write a line {key}.code=column "
        "under “Other headers: column mapping”",
    ),
    "collect.no_value_columns.page": (
        "常见表头：{wanted}；表头不同时，请在「表头不同时：字段对应」中写一行 {key}.{field}=列名",
        "Usual headers: {wanted}; for other headers, write a line {key}.{field}=column "
        "under “Other headers: column mapping”",
    ),
    "collect.no_match_columns_other": (
        "{dept[zh]}文件「{file}」中没有可用于匹配的列；这像是{other[zh]}的文件",
        "The {dept[en]} file “{file}” has no column to match on; it looks like a {other[en]} file",
    ),
    "collect.no_match_columns_other.hint": (
        "请把它作为{other[zh]}的文件给出（--source {other_key}=文件）",
        "Give it as the {other[en]} file (--source {other_key}=file)",
    ),
    "collect.no_match_columns_other.page": (
        "请把它上传到「{other[zh]}」一栏",
        "Upload it under “{other[en]}”",
    ),
    "collect.no_value_columns_other": (
        "{dept[zh]}文件「{file}」中没有找到{dept[zh]}的数值列；这像是{other[zh]}的文件",
        "No value column of the {dept[en]} found in “{file}”; it looks like a {other[en]} file",
    ),
    "collect.no_value_columns_other.hint": (
        "请把它作为{other[zh]}的文件给出（--source {other_key}=文件）",
        "Give it as the {other[en]} file (--source {other_key}=file)",
    ),
    "collect.no_value_columns_other.page": (
        "请把它上传到「{other[zh]}」一栏",
        "Upload it under “{other[en]}”",
    ),
    "collect.not_collection": ("需要一次数据归集的结果", "A collection's result is needed"),
    "collect.placement_not_flags": (
        "定位结果应为每行是否有位置（是/否）",
        "The placement needs, per row, whether it has a position (true/false)",
    ),
    "collect.all_failed": (
        "没有一个部门文件可用：\n{reasons}",
        "No department file could be used:\n{reasons}",
    ),
    "collect.no_sources": ("没有给出任何部门文件", "No department file was given"),
    "collect.no_sources.hint": (
        "至少给出一个部门文件，如 --source tax=税务.csv",
        "Give at least one department file, e.g. --source tax=税务.csv",
    ),
    "collect.register_no_code": (
        "企业名录「{file}」中没有统一社会信用代码列",
        "The enterprise register “{file}” has no unified social credit code column",
    ),
    "collect.register_no_code.hint": (
        "名录需有「统一社会信用代码」列；表头不同时请用 --map register.code=列名",
        "The register needs a column 统一社会信用代码; for another header use --map register.code=column",
    ),
    "collect.register_blank_code": (
        "企业名录「{file}」第 {rows} 行没有统一社会信用代码",
        "The enterprise register “{file}” has no unified social credit code in rows {rows}",
    ),
    "collect.register_blank_code.hint": (
        "名录中每家企业都要有代码：请补上后重新上传",
        "Every enterprise of the register needs its code: fill them in and upload it again",
    ),
    "collect.repeated_code": ("{code}（第 {rows} 行）", "{code} (rows {rows})"),
    "collect.note.from_register": (
        "「{header}」取自企业名录（没有部门提供该字段）",
        "“{header}” is taken from the enterprise register (no department gave it)",
    ),
    "collect.register_repeated": (
        "企业名录「{file}」中有重复的统一社会信用代码：{shown}",
        "The enterprise register “{file}” repeats unified social credit codes: {shown}",
    ),
    "collect.register_repeated.hint": (
        "名录中每家企业只能出现一次：请合并或删除重复行后重新上传",
        "Each enterprise appears once in the register: merge or delete the repeated rows and upload it again",
    ),
}


def in_both(name_zh: str, kind: str) -> dict[str, str]:
    """``name_zh`` (a file's Chinese name, e.g. ``评价配置文件``) in both languages, from the entries
    ``<kind>.*`` (``config.file``, ``batch.file``), for a parameter written ``{what[zh]}`` /
    ``{what[en]}``; a name the catalogue lacks stands in both."""
    english = {zh: en for key, (zh, en) in MESSAGES.items() if key.startswith(f"{kind}.")}
    return {"zh": name_zh, "en": english.get(name_zh, name_zh)}

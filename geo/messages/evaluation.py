"""Messages of the evaluation and its yearly cycle (geo/evaluation/, geo/yearly/): key -> (中文, English)."""

_YES_NO_HINT = (
    "请填写 是/否、1/0 或 true/false（规上/规下 也可以）",
    "Fill in 是/否, 1/0 or true/false (规上/规下 also work)",
)
_SIZE_HINT = (
    "请增加一列 above_scale，规上企业填 是/1/true，规下填 否/0/false",
    "Add a column above_scale: 是/1/true for enterprises above designated size, 否/0/false for those below",
)
_SAME_TABLE_HINT = (
    "请用同一张企业表重新计算归属",
    "Assign zones again with the same enterprise table",
)

# Scoring, groups, shared land, named configurations, zone scores (the rest of geo/evaluation/).
SCORING: dict[str, tuple[str, str]] = {
    "evaluation.host_not_yes_no": (
        "字段「是否土地权利人」无法识别为是/否：{values[zh]}",
        "The column “是否土地权利人” (land-right holder) holds values that are not yes/no: {values[en]}",
    ),
    "evaluation.host_not_yes_no.hint": (
        "房东（土地权利人）填 是/1，租户填 否/0",
        "Fill in 是/1 for the landlord (land-right holder), 否/0 for tenants",
    ),
    "evaluation.no_compound_column": (
        "企业表没有「共用宗地（园区）编号」字段，无法分摊用地",
        "The enterprise table has no column “共用宗地（园区）编号” (shared plot/park ID); land cannot be "
        "shared",
    ),
    "evaluation.negative_floor_area": (
        "「使用建筑面积」不能为负数",
        "“使用建筑面积” (floor area used) cannot be negative",
    ),
    "evaluation.negative_floor_area.hint": (
        "请核对共用宗地企业的建筑面积",
        "Check the floor areas of the enterprises on shared plots",
    ),
    "evaluation.compound_many_hosts": (
        "共用宗地（园区）「{compound}」有 {n} 家标为土地权利人（房东）：{names[zh]}",
        "The shared plot (park) “{compound}” has {n} enterprises marked as land-right holder "
        "(landlord): {names[en]}",
    ),
    "evaluation.compound_many_hosts.hint": (
        "每个宗地（园区）只能有一家房东，其余企业标为租户（否）",
        "Each plot (park) can have one landlord only; mark the other enterprises as tenants (否)",
    ),
    "evaluation.compound_no_host": (
        "共用宗地（园区）「{compound}」没有标明土地权利人（房东），无法按“全部计入房东”分摊",
        "The shared plot (park) “{compound}” has no land-right holder (landlord) marked, so its land "
        "cannot all be counted to the landlord",
    ),
    "evaluation.compound_no_host.hint": (
        "请在「是否土地权利人」列把房东标为 是，或改用 land_sharing.rule: share",
        "Mark the landlord 是 in the column “是否土地权利人”, or use land_sharing.rule: share",
    ),
    "evaluation.compound_partial_shares": (
        "共用宗地（园区）「{compound}」只有部分企业填了用地分摊比例（缺：{names[zh]}）",
        "On the shared plot (park) “{compound}” only some enterprises give a land share "
        "(missing: {names[en]})",
    ),
    "evaluation.compound_partial_shares.hint": (
        "同一宗地的企业要么都填分摊比例（合计 100%），要么都不填",
        "Either all enterprises of a plot give a share (100% in total) or none does",
    ),
    "evaluation.compound_shares_sum": (
        "共用宗地（园区）「{compound}」的用地分摊比例合计 {pct:g}%，应为 100%",
        "The land shares of the shared plot (park) “{compound}” add up to {pct:g}%; they should add "
        "up to 100%",
    ),
    "evaluation.compound_shares_sum.hint": (
        "请核对各企业的「用地分摊比例（%）」",
        "Check each enterprise's “用地分摊比例（%）” (land share, %)",
    ),
    "evaluation.config_needs_name": ("请为配置起一个名称", "Give the configuration a name"),
    "evaluation.config_needs_name.hint": (
        "例如「2024 年公示版」",
        "e.g. “2024 年公示版” (2024 published edition)",
    ),
    "evaluation.config_name_too_long": (
        "配置名称过长（{n} 字）",
        "The configuration name is too long ({n} characters)",
    ),
    "evaluation.config_name_too_long.hint": ("请不超过 {limit} 字", "Use at most {limit} characters"),
    "evaluation.config_needs_actor": (
        "没有登录身份，不能保存或删除配置",
        "Not signed in: configurations cannot be saved or deleted",
    ),
    "evaluation.config_needs_actor.hint": (
        "每次修改都记录操作人；请先登录",
        "Every change records who made it; sign in first",
    ),
    "evaluation.no_such_config": (
        "没有名为「{name}」的评价配置（或它刚被他人删除）",
        "There is no evaluation configuration named “{name}” (or someone has just deleted it)",
    ),
    "evaluation.no_such_config.hint": ("请刷新后查看现有配置", "Refresh to see the configurations there are"),
    "evaluation.no_such_official_config": (
        "没有名为「{name}」的正式评价配置（或它刚被他人删除）",
        "There is no official evaluation configuration named “{name}” (or someone has just deleted it)",
    ),
    "evaluation.no_such_official_config.hint": (
        "请刷新后查看现有配置",
        "Refresh to see the configurations there are",
    ),
    "evaluation.not_yes_no": (
        "字段「{column}」无法识别为是/否：{values[zh]}",
        "The column “{column}” holds values that are not yes/no: {values[en]}",
    ),
    "evaluation.not_yes_no.hint": _YES_NO_HINT,
    "evaluation.groups_rank_within": (
        "评价配置有误：分组评价时每组单独排名，classes.rank_within 应为 size",
        "The evaluation configuration is wrong: evaluated by groups, each group is ranked on its own, "
        "so classes.rank_within must be size",
    ),
    "evaluation.groups_rank_within.hint": (
        "各组各自排名、分类；要把几类企业排在一起，请把它们放进同一个评价组",
        "Each group is ranked and classed on its own; to rank kinds of enterprises together, put "
        "them in one group",
    ),
    "evaluation.no_size_column": (
        "企业表缺少规模字段「above_scale」（是否规上）",
        "The enterprise table lacks the size column “above_scale” (above designated size or not)",
    ),
    "evaluation.no_size_column.hint": _SIZE_HINT,
    "evaluation.bad_year": (
        "企业表的年份字段「year」有空值或非数字",
        "The enterprise table's year column “year” has empty cells or values that are not numbers",
    ),
    "evaluation.bad_year.hint": ("请填写四位数年份，如 2022", "Fill in four-digit years, e.g. 2022"),
    "evaluation.many_years": (
        "企业表含多个年份（{years[zh]}），一次只评价一年",
        "The enterprise table holds several years ({years[en]}); one year is evaluated at a time",
    ),
    "evaluation.many_years.hint": (
        "请指定评价年份（命令行 --year，页面上的年份选择）",
        "Choose the year to evaluate (--year on the command line, the year selector on the page)",
    ),
    "evaluation.zone_mismatch": (
        "区域归属与企业表不对应",
        "The zone assignment does not match the enterprise table",
    ),
    "evaluation.zone_mismatch.hint": _SAME_TABLE_HINT,
    "evaluation.lacks_zone_column": (
        "企业表缺少区域字段「{zone}」",
        "The enterprise table lacks the zone column “{zone}”",
    ),
    "evaluation.rank_no_column": (
        "无法按 {columns[zh]} 排名：评价结果中没有该字段",
        "Cannot rank by {columns[en]}: the evaluation results have no such column",
    ),
    "evaluation.no_such_method": (
        "没有名为「{name}」的评价方法",
        "There is no evaluation method named “{name}”",
    ),
    "evaluation.no_such_method.hint": ("可选：{methods[zh]}", "Methods available: {methods[en]}"),
    "evaluation.rates_need_year": (
        "「{name}」的费率按年份给出，需要评价年份",
        "The rates of “{name}” are given by year, so the evaluation needs a year",
    ),
    "evaluation.rates_need_year.hint": (
        "请在企业表中提供 year 字段，或在评价时指定年份",
        "Give a year column in the enterprise table, or choose the year when evaluating",
    ),
    "evaluation.no_config_file": (
        "找不到评价配置文件 {path}",
        "The evaluation configuration file {path} was not found",
    ),
    "evaluation.no_config_file.hint": ("请检查路径", "Check the path"),
    "evaluation.zones_missing_columns": (
        "评价结果缺少字段 {columns[zh]}，无法做区镇评价",
        "The evaluation results lack the columns {columns[en]}; zones cannot be evaluated",
    ),
    "evaluation.zones_missing_columns.hint": (
        "请先按区域归属完成企业评价",
        "Evaluate the enterprises with their zones assigned first",
    ),
    "evaluation.zones_table_mismatch": (
        "企业表与评价结果不对应",
        "The enterprise table does not match the evaluation results",
    ),
    "evaluation.zones_table_mismatch.hint": (
        "请用评价时的同一张企业表",
        "Use the same enterprise table as in the evaluation",
    ),
    "evaluation.zones_none": ("评价结果中没有任何区域", "The evaluation results hold no zone"),
    "evaluation.zones_none.hint": (
        "请检查企业的区域归属（位置或区镇名称字段）",
        "Check the enterprises' zones (their locations or the column of town names)",
    ),
    "evaluation.zones_no_data": (
        "区镇评价的指标都没有数据，无法打分",
        "No indicator of the zone evaluation has data; zones cannot be scored",
    ),
    "evaluation.zones_no_data.hint": (
        "请检查企业表的税收、用地等字段，或调整 zones.weights",
        "Check the enterprise table's tax, land and other columns, or change zones.weights",
    ),
    "evaluation.zones_current_not_scored": (
        "本年区镇评价结果缺少得分或类别",
        "This year's zone results lack scores or classes",
    ),
    "evaluation.zones_current_not_scored.hint": (
        "请先用 score_zones 评价",
        "Score the zones with score_zones first",
    ),
    "evaluation.zones_previous_not_scored": (
        "上年区镇评价结果缺少得分或类别",
        "Last year's zone results lack scores or classes",
    ),
    "evaluation.zones_previous_not_scored.hint": (
        "请先用 score_zones 评价",
        "Score the zones with score_zones first",
    ),
}

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
        "企业编号「{column}」有空值（行 {rows[zh]}）",
        "The enterprise ID column “{column}” has empty cells (rows {rows[en]})",
    ),
    "evaluation.empty_ids.hint": ("请为每家企业填写编号", "Fill in an ID for every enterprise"),
    "evaluation.duplicate_ids": ("企业编号重复：{ids[zh]}", "Enterprise IDs repeat: {ids[en]}"),
    "evaluation.duplicate_ids.hint": (
        "每家企业只能有一行；请合并或删除重复记录后重新导入",
        "Each enterprise may have one row only; merge or delete the repeated records and import again",
    ),
    "evaluation.boolean_amounts": (
        "字段「{column}」应为数值，却是真/假值",
        "The column “{column}” should hold numbers but holds true/false values",
    ),
    "evaluation.not_numbers": (
        "字段「{column}」含有非数值：{examples[zh]}",
        "The column “{column}” holds values that are not numbers: {examples[en]}",
    ),
    "evaluation.not_numbers.hint": (
        "请只填数字（单位见字段名），不知道的留空",
        "Fill in numbers only (the unit is in the column name); leave unknown values empty",
    ),
    "evaluation.negative_amounts": (
        "字段「{column}」不能为负数：企业 {ids[zh]}",
        "The column “{column}” cannot be negative: enterprises {ids[en]}",
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
        "地块图层应为面图层，却含有 {types[zh]}",
        "The parcel layer should hold polygons but holds {types[en]}",
    ),
    "evaluation.zones_no_key_column": (
        "区域图层缺少字段「{column}」",
        "The zone layer lacks the column “{column}”",
    ),
    "evaluation.zones_no_key_column.hint": (
        "请指定用作区域名称或编码的字段；现有字段：{columns[zh]}",
        "Name the column that holds the zones' names or codes; its columns: {columns[en]}",
    ),
    "evaluation.zones_empty_keys": (
        "区域字段「{column}」有空值",
        "The zone column “{column}” has empty cells",
    ),
    "evaluation.zones_empty_keys.hint": ("每个区域都需要名称或编码", "Every zone needs a name or code"),
    "evaluation.zones_duplicate_keys": (
        "区域名称/编码重复：{keys[zh]}",
        "Zone names/codes repeat: {keys[en]}",
    ),
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
    "evaluation.zones_no_geometry": ("区域 {zones[zh]} 没有几何图形", "Zones {zones[en]} have no geometry"),
    "evaluation.zones_not_polygons": (
        "区域图层应为面图层（Polygon/MultiPolygon）",
        "The zone layer should hold polygons (Polygon/MultiPolygon)",
    ),
    "evaluation.zones_not_polygons.hint": ("请检查是否选错了图层", "Check that the right layer was chosen"),
    "evaluation.zones_invalid": (
        "区域边界几何无效（自相交等）：{zones[zh]}",
        "Zone boundaries with invalid geometry (self-intersections etc.): {zones[en]}",
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
        "上年结果中企业编号重复：{ids[zh]}",
        "Enterprise IDs repeat in last year's results: {ids[en]}",
    ),
    "yearly.previous_duplicate_ids.hint": _ONE_ROW,
    "yearly.previous_bad_class": (
        "上年结果的类别无法识别：{classes[zh]}",
        "Last year's results hold classes that are not recognised: {classes[en]}",
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
        "上年表中企业编号重复：{ids[zh]}",
        "Enterprise IDs repeat in last year's table: {ids[en]}",
    ),
    "yearly.previous_table_duplicate_ids.hint": _ONE_ROW,
    "yearly.current_table_duplicate_ids": (
        "本年表中企业编号重复：{ids[zh]}",
        "Enterprise IDs repeat in this year's table: {ids[en]}",
    ),
    "yearly.current_table_duplicate_ids.hint": _ONE_ROW,
    "yearly.no_such_year": ("没有 {year} 年的评价结果", "There are no evaluation results for {year}"),
    "yearly.no_such_year.hint": ("已有年份：{years[zh]}", "Years available: {years[en]}"),
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

# Words of the yearly outputs (not errors): notes and column headers of the surcharges.
YEARLY_WORDS: dict[str, tuple[str, str]] = {
    "yearly.surcharge_no_rate": (
        "{name}：配置中未设定费率，未计算（{source}）",
        "{name}: no rate in the configuration, not computed ({source})",
    ),
    "yearly.surcharge_no_column": (
        "{name}：企业表没有用量字段「{column}」，未计算",
        "{name}: the table has no consumption column “{column}”, not computed",
    ),
    "yearly.surcharge_needs_year": (
        "{name}：费率按年份给出，而企业表未标明年份，未计算",
        "{name}: rates are given by year and the table names no year, not computed",
    ),
    "yearly.surcharge_quantity": ("{name}计费用量（{unit}）", "{name}: quantity billed ({unit})"),
    "yearly.surcharge_rate": ("{name}加价（元/{unit}）", "{name} rate (yuan/{unit})"),
    "yearly.surcharge_amount": ("{name}（万元）", "{name} (10k yuan)"),
    "yearly.cutoffs_percentile": (
        "按排名百分位：A 前 {a:g}%，B 至 {b:g}%，C 至 {c:g}%，其余 D",
        "By percentile rank: A top {a:g} %, B to {b:g} %, C to {c:g} %, rest D",
    ),
    "yearly.cutoffs_score": (
        "按得分线：A ≥ {a:g} 分，B ≥ {b:g}，C ≥ {c:g}，其余 D",
        "By score: A ≥ {a:g}, B ≥ {b:g}, C ≥ {c:g}, rest D",
    ),
    "yearly.cap": ("单项得分不超过其权重的 {times:g} 倍", "each indicator capped at {times:g}× its weight"),
    "yearly.no_cap": ("单项得分不设上限", "no cap per indicator"),
    "yearly.benchmark": ("基准 = {within}均值 × {times:g}", "benchmark = {within} mean × {times:g}"),
    "yearly.method": ("评价方法：{title}", "method: {title}"),
    "yearly.column_year": ("评价年份", "Evaluation year"),
    "yearly.column_filters": ("筛选条件", "Filters"),
    "yearly.column_config": ("评价配置", "Configuration"),
}

MESSAGES: dict[str, tuple[str, str]] = {**TABLES, **SCORING, **YEARLY, **YEARLY_WORDS}

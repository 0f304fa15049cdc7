"""Messages of the evaluation and its yearly cycle (geo/evaluation/, geo/yearly/): key -> (中文, English)."""

_PREVIOUS_HINT = (
    "上年表应为上年的企业表，或上年评价输出 enterprise_classes（含 ent_id、eval_class）",
    "Last year's table should be last year's enterprise table, or last year's evaluation output "
    "enterprise_classes (with ent_id and eval_class)",
)
_EVALUATE_FIRST = ("请先做评价", "Run the evaluation first")
_ONE_ROW = ("每家企业一行", "Give each enterprise one row")

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

MESSAGES: dict[str, tuple[str, str]] = {**YEARLY}

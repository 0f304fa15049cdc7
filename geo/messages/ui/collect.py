"""UI strings of the 数据归集 step of the 数据管理 page: key -> (中文, English), merged into geo.messages."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "collect.header": (
        "数据归集：各部门数据 → 当年企业表",
        "Data collection: departments' files → the year's table",
    ),
    "collect.intro": (
        "上传企业名录（统一社会信用代码）和各部门发来的表格：按统一社会信用代码 → 组织机构代码 → 唯一名称依"
        "次匹配，"
        "换算单位，多行相加；每个数值都记下来自哪个部门、哪个文件、哪几行。先看匹配报告，再保存为当年的企业图层。",
        "Upload the enterprise register (credit codes) and the departments' tables: rows are matched by "
        "credit "
        "code, then organisation code, then a unique name; units are converted and long tables summed; every "
        "value keeps its department, file and rows. Check the match report first, then save the year's "
        "layer.",
    ),
    "collect.register": ("企业名录（CSV/XLSX）", "Enterprise register (CSV/XLSX)"),
    "collect.register_help": (
        "每家企业一行：统一社会信用代码、企业名称，可含所在区镇、行业代码（GB/T 4754-2017）、是否规上、经纬"
        "度。",
        "One row per enterprise: credit code, name; optionally town, industry code (GB/T 4754-2017), "
        "whether above designated size, coordinates.",
    ),
    "collect.dept.tax": ("税务（纳税人识别号、税种、实缴金额）", "Tax (taxpayer id, tax type, amount paid)"),
    "collect.dept.stats": (
        "统计（组织机构代码或信用代码、营业收入、从业人员）",
        "Statistics (organisation or credit code, revenue, employees)",
    ),
    "collect.dept.power": ("供电（户号、户名、用电量）", "Power (account, account name, consumption)"),
    "collect.dept.land": ("自然资源（宗地编号、权利人、宗地面积）", "Land (parcel id, holder, area)"),
    "collect.dept.env": ("生态环境（排放当量，可选）", "Environment (emission equivalents, optional)"),
    "collect.mapping": ("表头不同时：字段对应", "Other headers: column mapping"),
    "collect.mapping_help": (
        "每行一条「部门.字段=表头」，如 tax.tax_wan_yuan=入库税款（元）、power.name=用户名称、register.code="
        "社会信用代码。",
        "One per line, 'department.field=header', e.g. tax.tax_wan_yuan=入库税款（元）, power.name=用户名称.",
    ),
    "collect.mapping_bad": (
        "字段对应「{line}」应写成 部门.字段=表头",
        "Mapping '{line}' should read department.field=header",
    ),
    "collect.need": (
        "请上传企业名录和至少一个部门的文件。",
        "Upload the register and at least one department's file.",
    ),
    "collect.run": ("匹配并归集", "Match and assemble"),
    "collect.progress.read": ("读取 {dept} …", "Reading {dept} …"),
    "collect.progress.match": ("匹配 {dept} …", "Matching {dept} …"),
    "collect.progress.assemble": ("汇总、换算、记录来源 …", "Summing, converting, recording sources …"),
    "collect.register_label": ("企业名录", "Register"),
    "collect.report": ("匹配报告", "Match report"),
    "collect.metric.register": ("名录企业", "Register entries"),
    "collect.metric.matched": ("已匹配行", "Rows matched"),
    "collect.metric.unmatched": ("未匹配行", "Rows unmatched"),
    "collect.metric.bad_codes": ("代码校验不符", "Codes failing check"),
    "collect.metric.conflicts": ("冲突", "Conflicts"),
    "collect.missing": ("为空的数值（未得到数值，不按 0 计）", "Empty values (no value; never counted as 0)"),
    "collect.summary_short.sum.bad_codes": ("校验不符", "Bad check"),
    "collect.summary_short.sum.conflicts": ("冲突", "Conflicts"),
    "collect.summary_short.sum.ambiguous": ("重名/重码", "Ambiguous"),
    "collect.summary_short.sum.bad_values": ("无法识别", "Unreadable"),
    "collect.summary_short.sum.twice": ("一户多家", "Key to several"),
    "collect.summary_short.sum.unreached": ("未得数值企业", "Left empty"),
    "collect.summary_short.sum.by_code": ("按信用代码", "By credit code"),
    "collect.summary_short.sum.by_org_code": ("按机构代码", "By org. code"),
    "collect.summary_short.sum.by_name": ("按名称", "By name"),
    "collect.summary_in_report": (
        "其余各列（{columns}）见下载的匹配报告。",
        "The other columns ({columns}) are in the match report download.",
    ),
    "collect.unmatched": ("{dept}：未匹配的行", "{dept}: unmatched rows"),
    "collect.all_matched": ("各部门的行都已匹配。", "Every department row was matched."),
    "collect.preview": ("归集结果（前 200 家）", "Assembled table (first 200)"),
    "collect.download.report": ("下载匹配报告（XLSX）", "Download the match report (XLSX)"),
    "collect.download.xlsx": (
        "下载归集结果（XLSX，含来源页）",
        "Download the table with sources (XLSX)",
    ),
    "collect.download.csv": ("下载归集结果（CSV）", "Download the assembled table (CSV)"),
    "collect.save": ("保存为当年的企业图层", "Save as the year's enterprise layer"),
    "collect.year": ("数据年份", "Year of the data"),
    "collect.name": ("图层名（英文小写、数字、下划线）", "Layer name (lower-case letters, digits, _)"),
    "collect.title": ("图层标题", "Layer title"),
    "collect.title_default": ("{year} 年企业数据（数据归集）", "{year} enterprise data (collected)"),
    "collect.source": ("数据来源", "Source"),
    "collect.source_default": ("数据归集：{depts}", "Collected from: {depts}"),
    "collect.save_button": ("保存", "Save"),
    "collect.saved": (
        "已保存为图层 {name}（{rows} 家企业）；每个数值的来源在字段 src_* 中，文件与 SHA-256 记在图层说明里"
        "。",
        "Saved as layer {name} ({rows} enterprises); each value's source is in the src_* columns, the files "
        "and their SHA-256 in the layer's note.",
    ),
    "collect.taken": (
        "图层「{name}」已存在：换一个图层名，或先在下方「已导入」中删除它。",
        "Layer '{name}' exists: pick another name, or delete it below under stored imports first.",
    ),
    "collect.viewer": (
        "只读身份：数据归集（上传各部门文件并保存为企业图层）只有编辑人员可以做。",
        "Read-only: collecting the departments' files into an enterprise layer is for editors.",
    ),
    "collect.note": ("数据归集自：{files}", "Collected from: {files}"),
    "collect.failed": ("{dept}：{error}", "{dept}: {error}"),
    "collect.failed_head": (
        "以下部门的文件未能使用，其余部门已归集（可修正后重新上传再匹配）：",
        "These departments' files could not be used; the others were collected (fix and upload again):",
    ),
    "collect.placed_by_zone": (
        "企业名录没有经纬度：每家企业放在所在区镇的代表点上（同一区镇的企业在同一点），位置是示意的；"
        "精度只能选「示意」或「合成」，每行的定位方式记在字段 placement（定位方式）中。",
        "The register has no coordinates: each enterprise is put at its town's representative point "
        "(a whole town's firms on one dot), so positions are schematic; the accuracy can only be "
        "schematic or synthetic, and each row's placement is kept in the column placement.",
    ),
    "collect.placed_by_coordinates": (
        "位置取自企业名录的经纬度；请按其来源选择精度。",
        "Positions come from the register's coordinates; choose the accuracy their source has.",
    ),
    "collect.accuracy_not_allowed": (
        "按区镇代表点定位的企业位置是示意的，不能保存为「{chosen}」：请选「示意」或「合成」。",
        "Enterprises placed at their town's point have schematic positions and cannot be saved as "
        "“{chosen}”: choose schematic or synthetic.",
    ),
    "collect.year_stated": (
        "文件标题行写明的年份：{year}。",
        "The year the files' title rows state: {year}.",
    ),
    "collect.year_disagree": (
        "各文件标题行写明的年份不一致：{files}。请确认数据年份。",
        "The files' title rows state different years: {files}. Check the year of the data.",
    ),
    "collect.source_of": (
        "{label} {value} {unit} ← {file}，{n} 行",
        "{label} {value} {unit} ← {file}, {n} rows",
    ),
}

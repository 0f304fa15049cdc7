"""What the command line prints (geo/cli/): its error lines and each command's summary, key ->
(中文, English). The command line's error messages themselves (``cli.*`` raised as
DataValidationError) are in :mod:`geo.messages.records`."""

ERRORS: dict[str, tuple[str, str]] = {
    "cli.error": ("错误：{text}", "Error: {text}"),
    "cli.error.file_io": (
        "无法读写文件 {filename}：{reason}。请检查路径和权限",
        "Cannot read or write the file {filename}: {reason}. Check the path and the permissions",
    ),
    "cli.error.file_format": (
        "无法读取输入文件（{kind}：{detail}）。请检查文件格式是否正确",
        "Cannot read the input file ({kind}: {detail}). Check that the file's format is right",
    ),
    "cli.error.zones_out_suffix": (
        "--zones-out 应为 .xlsx 或 .csv 文件",
        "--zones-out must be a .xlsx or .csv file",
    ),
    "cli.error.out_not_folder": (
        "-o 应为文件夹（CSV 输出写在其中：{files} 等），而「{path}」是文件名；请给一个文件夹，"
        "或给 .gpkg 文件写成一个 GeoPackage",
        "-o takes a folder (the CSV files are written in it: {files} and others), and '{path}' names a "
        "file; give a folder, or a .gpkg file for one GeoPackage",
    ),
    "cli.error.not_classed": (
        "未能做企业分类（区域指标已写出）：{reason}",
        "The enterprises could not be classed (the zone metrics are written): {reason}",
    ),
    "cli.what.mapping": ("字段对应", "Column mapping"),
    "cli.what.filter": ("筛选条件", "Filter"),
    "cli.what.department_file": ("部门文件", "Department file"),
    "cli.what.out_file": ("输出文件", "Output file"),
    "cli.what.report_file": ("报告文件", "Report file"),
    "cli.what.register": ("企业名录", "Enterprise register"),
    "cli.what.store": ("存储", "store"),
}

# Lines every command may print.
COMMON: dict[str, tuple[str, str]] = {
    "cli.help.description": ("苏州产业布局一张图 命令行工具", "Suzhou industrial layout atlas: command line"),
    "cli.help.lang": (
        "输出与错误信息的语言（写在命令之前，如 --lang en import …；"
        "未写时取 export/evaluate 自己的 --lang，再缺省 $ATLAS_LANG，否则 zh）",
        "Language of messages and errors (before the command, e.g. --lang en import …; when not given,"
        " export's or evaluate's own --lang, else $ATLAS_LANG, else zh)",
    ),
    # the commands as python -m geo.cli --help lists them (in the --lang before the command)
    "cli.help.command.evaluate": (
        "亩均效益评价：区域指标 + 企业 A/B/C/D 分类",
        "Per-mu efficiency evaluation: zone metrics and enterprise classes A/B/C/D",
    ),
    "cli.help.command.collect": (
        "数据归集：企业名录 + 各部门数据 → 当年企业表（逐值可追溯）",
        "Data collection: enterprise register + departments' data → the year's enterprise table"
        " (every value traceable)",
    ),
    "cli.help.command.import": (
        "导入 Shapefile(zip)/GeoPackage/GeoJSON/KML/CSV/XLSX 到用户数据库",
        "Import a Shapefile (zip)/GeoPackage/GeoJSON/KML/CSV/XLSX into the user store",
    ),
    "cli.help.command.export": (
        "导出已存图层为 GeoJSON/CSV/XLSX/PNG",
        "Export stored layers as GeoJSON/CSV/XLSX/PNG",
    ),
    "cli.help.command.versions": (
        "年度评价的版本（草稿、公示、定案）：列出、查看、公示、定案、比较",
        "Versions of a year's evaluation (draft, published, final): list, show, publish, finalize, compare",
    ),
    "cli.help.command.objections": (
        "公示期内的异议：列出、决定、导出登记表",
        "Objections during publication: list, decide, export the register",
    ),
    "cli.help.command.audit": (
        "列出存储的变更留痕（谁、何时、导入/替换/删除/配置/状态）",
        "List the store's change log (who, when, import/replace/delete/configuration/status)",
    ),
    "cli.help.command.delete": (
        "删除一个导入图层（记入留痕）",
        "Delete an imported layer (recorded in the change log)",
    ),
    "cli.help.command.load-demo": (
        "把内置演示数据（data/atlas.gpkg 的全部图层）一次载入 PostGIS 共享库",
        "Load the built-in demo data (every layer of data/atlas.gpkg) into the shared PostGIS store at once",
    ),
    "cli.help.command.gis-role": (
        "在 PostGIS 共享库中设置 GIS 人员的角色：可编辑导入图层的要素和样式（每次编辑记入留痕），"
        "不能修改或删除留痕",
        "Set up the GIS staff's role in the shared PostGIS store: may edit imported layers' features"
        " and styles (each edit logged), not change or delete the log",
    ),
    "cli.help.command.hash-password": (
        "为 .streamlit/secrets.toml 的编辑账号生成密码哈希（scrypt，不保存明文）",
        "Make a password hash for an editor account in .streamlit/secrets.toml (scrypt; the password"
        " is not stored)",
    ),
    "cli.help.command.renewal": (
        "低效用地盘活状态：登记一次变更，或列出变更记录",
        "Renewal status of low-efficiency land: record a change, or list the changes",
    ),
    "cli.help.command.config": (
        "亩均评价的命名配置与正式配置：列出、保存、导出、删除",
        "Named and official evaluation configurations: list, save, export, delete",
    ),
    "cli.out.note": ("说明：{note}", "Note: {note}"),
    "cli.out.written": ("已写出 {path}", "Written: {path}"),
    "cli.out.row_report": ("逐行校验报告：{path}", "Row report: {path}"),
    "cli.out.store_created": (
        "新建了存储 {path}（此前没有这个文件）",
        "Created the store {path} (there was no such file before)",
    ),
    "cli.out.store_changes": ("存储：{location}；共 {n} 条变更", "Store: {location}; {n} changes"),
}

# evaluate (geo/cli/evaluate.py)
EVALUATE: dict[str, tuple[str, str]] = {
    "cli.out.counts": ("区域 {zones} 个，企业 {enterprises} 家", "{zones} zones, {enterprises} enterprises"),
    "cli.out.table": ("企业表{summary}", "Enterprise table: {summary}"),
    "cli.out.weights_accepted": (
        "按确认的权重评价：{totals}，综合得分以此为满分",
        "Evaluated with the weights as confirmed: {totals}; scores top out there",
    ),
    "cli.out.scored": ("参评 {n} 家；分类：{classes}", "{n} scored; classes: {classes}"),
    "cli.out.class_firms": ("{cls} 类 {n} 家", "class {cls}: {n}"),
    "cli.out.class_n": ("{cls} 类 {n}", "class {cls}: {n}"),
    "cli.out.group": (
        "评价组「{name}」：{n} 家，参评 {scored} 家（{classes}，T 类 {n_t}）",
        "Evaluation group “{name}”: {n} enterprises, {scored} scored ({classes}, class T: {n_t})",
    ),
    # the source the --zones-out table cites: the enterprise table read, with its digest
    "cli.out.scores_source": (
        "企业表 {file}（SHA-256 {digest}）",
        "Enterprise table {file} (SHA-256 {digest})",
    ),
    "cli.out.scores_source_file": ("企业表 {file}", "Enterprise table {file}"),
    "cli.out.d_land": (
        "可腾退低效用地（D 类企业用地）合计 {mu:.2f} 亩",
        "Low-efficiency land that could be freed (the D-class enterprises' land): {mu:.2f} mu in all",
    ),
    "cli.out.outside_firms": (
        "不在任何区域内的企业 {n} 家：{ids}{more}",
        "{n} enterprises outside every zone: {ids}{more}",
    ),
    "cli.out.and_more": (" 等 {n} 家", " and others, {n} in all"),
    "cli.out.parcels": (
        "宗地 {n} 宗，合计 {mu:.2f} 亩（{how}对应企业）；认定低效用地 {n_low} 宗，{low_mu:.2f} 亩",
        "{n} parcels, {mu:.2f} mu in all (matched to the enterprises {how}); "
        "{n_low} low-efficiency parcels, {low_mu:.2f} mu",
    ),
    "cli.out.parcels_by_id": ("按企业编号", "by enterprise id"),
    "cli.out.parcels_by_location": ("按位置", "by location"),
    "cli.out.contracts": ("履约检查：{verdicts}", "Grant contracts checked: {verdicts}"),
    "cli.out.verdict": ("{verdict} {n} 宗", "{verdict}: {n} parcels"),
    "cli.out.outside_parcels": (
        "不在任何区域内的宗地 {n} 宗：{ids}",
        "{n} parcels outside every zone: {ids}",
    ),
    "cli.out.renamed": ("说明：按字段名识别：{pairs}", "Note: columns recognised by their names: {pairs}"),
    "cli.out.renamed_pair": ("「{source}」→ {field}", "“{source}” as {field}"),
    "cli.out.zones_not_scored": (
        "说明：未能做企业分类，区镇评价未写出",
        "Note: the enterprises could not be classed, so the zones were not scored",
    ),
    "cli.out.zones_scored": ("区镇评价：{zones}", "Zones scored: {zones}"),
    "cli.out.zone_rank": (
        "{zone} 第 {rank} 名 {cls} 类（{score:.2f} 分）",
        "{zone} no. {rank}, class {cls} ({score:.2f} points)",
    ),
}

# import and export (geo/cli/io.py)
IO: dict[str, tuple[str, str]] = {
    "cli.out.inspect_format": ("格式：{fmt}；记录数：{n}", "Format: {fmt}; records: {n}"),
    "cli.out.inspect_layers": (
        "文件中的图层（或工作表）：{layers}；读取的是「{layer}」，另选请用 --layer",
        "The file's layers (or sheets): {layers}; reading “{layer}”, choose another with --layer",
    ),
    "cli.out.inspect_crs": ("坐标系：{crs}；编码：{encoding}", "CRS: {crs}; encoding: {encoding}"),
    "cli.out.crs_not_declared": ("未声明", "not declared"),
    "cli.out.crs_suggested": ("建议坐标系：{crs}（{reason}）{swap}", "Suggested CRS: {crs} ({reason}){swap}"),
    "cli.out.swap_axes": ("，需交换坐标轴", ", with the axes exchanged"),
    "cli.out.lon_lat_suggested": (
        "经纬度列建议：{lon} / {lat}；坐标框架建议：{frame}",
        "Longitude/latitude columns suggested: {lon} / {lat}; coordinate frame suggested: {frame}",
    ),
    "cli.out.frame_unknown": (
        "无（数据里看不出，导入时请用 --frame 指明）",
        "none (the data does not tell; give it with --frame when importing)",
    ),
    "cli.out.frame_evidence": ("坐标框架依据：{reason}", "The frame's evidence: {reason}"),
    # a table of lon/lat read without --frame/--coords (geo/cli/arguments.py): asked every time, as the page
    "cli.frame_required": (
        "「{file}」是经纬度表格，请用 {flag} 说明它的坐标框架（没有默认值）",
        "“{file}” is a table of longitudes and latitudes: give its coordinate frame with {flag}"
        " (there is no default)",
    ),
    "cli.frame_required.hint": (
        "可选：{choices}。数据里看不出是哪一种，选错会偏移数百米：请向数据提供方确认",
        "Choose one of: {choices}. The data does not show which; a wrong choice shifts the points by"
        " hundreds of metres: ask the data's provider",
    ),
    "cli.frame_required_proposed": (
        "「{file}」是经纬度表格，请用 {flag} 说明它的坐标框架（没有默认值）",
        "“{file}” is a table of longitudes and latitudes: give its coordinate frame with {flag}"
        " (there is no default)",
    ),
    "cli.frame_required_proposed.hint": (
        "可选：{choices}。本图集建议 {flag} {proposed}：{reason}；确认后把它加到命令里",
        "Choose one of: {choices}. The atlas proposes {flag} {proposed}: {reason}; once you have"
        " confirmed it, add it to the command",
    ),
    "cli.frame_contradicted": (
        "「{file}」声明的坐标系是 {crs}（WGS-84 经纬度），但它的边界按 {frame}解读才与内置的真实区县界吻合",
        "“{file}” declares {crs} (WGS-84 longitudes and latitudes), but its boundaries only fit the"
        " bundled real district boundaries when read as {frame}",
    ),
    "cli.frame_contradicted.hint": (
        "{reason}。如确是高德/百度坐标，请加 --frame {proposed}；如确是 WGS-84，请加 --frame wgs84",
        "{reason}. If it is indeed in Gaode/Baidu coordinates, add --frame {proposed}; if it is WGS-84"
        " after all, add --frame wgs84",
    ),
    "cli.frame_choice": ("{code}：{frame}", "{code} = {frame}"),
    "cli.out.kind_proposed": (
        "用途建议：{kind}（--kind {code}）",
        "Use proposed: {kind} (--kind {code})",
    ),
    "cli.out.kind_given": ("用途：{kind}（--kind {code}）", "Use: {kind} (--kind {code})"),
    "cli.out.kind_taken": (
        "按文件内容作为{kind}导入（用 --kind 指定其他用途）",
        "Importing as {kind}, from the file's content (give another use with --kind)",
    ),
    "cli.kind.zones": ("分区", "zones"),
    "cli.kind.enterprises": ("企业名单", "an enterprise list"),
    "cli.kind.other": ("其他图层（原样）", "another layer (as is)"),
    "cli.out.mapping_suggested": ("字段对应建议：{pairs}", "Column mapping suggested: {pairs}"),
    "cli.out.read": ("{summary}（坐标系 {crs}）", "{summary} (CRS {crs})"),
    "cli.out.saved_layer": ("已保存为图层「{layer}」：{path}", "Saved as layer “{layer}”: {path}"),
    # a file byte for byte a stored import's (the data page's rule and words, geo.ingest.earlier_import)
    "cli.out.same_content": (
        "这个文件与已导入的「{title}」内容相同（SHA-256 一致；{when} 导入，表名 {name}）",
        "This file is identical to the imported “{title}” (same SHA-256; imported {when}, table {name})",
    ),
    "cli.out.unchanged": (
        "无需重新导入，未作改动；如仍要替换该图层，请加 --replace",
        "There is no need to import it again: nothing was changed. To replace that layer anyway, add"
        " --replace",
    ),
    "cli.out.replaced_same": (
        "已按 --replace 用相同内容替换图层「{layer}」：{path}",
        "Replaced the layer “{layer}” with the same content, as --replace asks: {path}",
    ),
    # an enterprise table's year stated by its title rows or name (the page proposes it, to check)
    "cli.out.year_stated": (
        "年份 {year} 取自{where}；如不是，请用 --year 指定",
        "Year {year} taken from {where}; if that is not its year, give it with --year",
    ),
    "cli.out.year_from_title": ("表格标题行", "the table's title rows"),
    "cli.out.year_from_name": ("文件名", "the file's name"),
    "cli.out.layer_features": ("{layer} {n} 个要素", "{layer}: {n} features"),
    # GeoJSON of several layers (or of one of mixed geometry types): the files the data page's 导出 zips
    "cli.out.exported_files": (
        "已导出 GEOJSON（{counts}），每个图层一个文件，共 {files} 个文件：",
        "Exported GEOJSON ({counts}), one file per layer, {files} files:",
    ),
    "cli.out.exported_files_split": (
        "已导出 GEOJSON（{counts}），每个图层一个文件（几何类型混合的图层按类型分开），共 {files} 个文件：",
        "Exported GEOJSON ({counts}), one file per layer (a layer of mixed geometry types split by"
        " geometry type), {files} files:",
    ),
    "cli.out.exported_file": ("· {path}（{kb:.0f} KB）", "· {path} ({kb:.0f} KB)"),
    "cli.out.exported": (
        "已导出 {fmt}：{path}（{counts}，{kb:.0f} KB）",
        "Exported {fmt}: {path} ({counts}, {kb:.0f} KB)",
    ),
}

# collect (geo/cli/collect.py)
COLLECT: dict[str, tuple[str, str]] = {
    "cli.out.register": ("企业名录 {n} 家（{file}）", "Enterprise register: {n} enterprises ({file})"),
    "cli.out.department": (
        "{department}「{file}」{rows} 行：按统一社会信用代码 {code}，按组织机构代码 {org_code}，"
        "按名称 {name}，未匹配 {unmatched}{extra}",
        "{department} “{file}”, {rows} rows: by credit code {code}, by organisation code {org_code}, "
        "by name {name}, unmatched {unmatched}{extra}",
    ),
    "cli.out.failed_check": ("，代码校验不符 {n}", ", failing their check character {n}"),
    "cli.out.conflicts": ("，冲突 {n}", ", conflicts {n}"),
    "cli.out.bad_values": ("，数值无法识别 {n}", ", values not understood {n}"),
    "cli.out.unmatched_row": ("  未匹配：第 {row} 行 {keys}", "  Unmatched: row {row} {keys}"),
    "cli.out.more_rows": ("  ……另有 {n} 行，见报告", "  … {n} more rows, see the report"),
    "cli.out.missing": (
        "为空（未得到数值，不按 0 计）：{counts}",
        "Empty (no value given, not counted as 0): {counts}",
    ),
    "cli.out.missing_count": ("{column} {n} 家", "{column}: {n} enterprises"),
    "cli.out.register_checks": (
        "提醒：名录中 {n} 个代码校验位不符（早期代码可能如此，已照常匹配）",
        "Reminder: {n} codes of the register fail their check character (early codes may; they were "
        "matched as usual)",
    ),
    "cli.out.industry_problems": (
        "行业代码未能对应 {n} 家（见报告「冲突与重复」页）",
        "Industry codes not placed: {n} enterprises (see the report's conflicts sheet)",
    ),
}

# the stores, shared tables and publication (geo/cli/store.py, shared.py, publication.py)
RECORDS: dict[str, tuple[str, str]] = {
    "cli.out.deleted_layer": (
        "已删除图层「{title}」（{layer}），已记入留痕",
        "Deleted layer “{title}” ({layer}); recorded in the change log",
    ),
    "cli.out.loaded": (
        "已载入 {n} 个表到 {location}：{tables}",
        "Loaded {n} tables into {location}: {tables}",
    ),
    "cli.out.gis_role": (
        "{done}角色 {role}（{location}）：可编辑导入图层和样式，只读留痕；"
        "请为 GIS 人员建登录账号并 GRANT {role} TO 账号",
        "{done} role {role} ({location}): may edit the imported layers and styles, reads the change log; "
        "create logins for the GIS staff and GRANT {role} TO each login",
    ),
    "cli.out.role_created": ("已创建并授权", "Created and granted"),
    "cli.out.role_granted": ("已授权", "Granted"),
    "cli.out.status_recorded": (
        "已登记：宗地 {parcel} {old} → {new}（{by}），已记入留痕",
        "Recorded: parcel {parcel} {old} → {new} ({by}); recorded in the change log",
    ),
    "cli.out.status_changes": (
        "存储：{location}；共 {n} 条盘活状态变更",
        "Store: {location}; {n} changes of renewal status",
    ),
    "cli.out.configs": (
        "存储：{location}；共 {n} 个评价配置",
        "Store: {location}; {n} evaluation configurations",
    ),
    "cli.out.config_official": ("正式 ", "official "),
    "cli.out.config_named": ("命名 ", "named "),
    "cli.out.config_saved": (
        "已保存评价配置「{name}」（{by}），已记入留痕",
        "Saved the evaluation configuration “{name}” ({by}); recorded in the change log",
    ),
    "cli.out.official_config_saved": (
        "已保存正式评价配置「{name}」（{by}），已记入留痕",
        "Saved the official evaluation configuration “{name}” ({by}); recorded in the change log",
    ),
    "cli.out.config_deleted": (
        "已删除评价配置「{name}」，已记入留痕",
        "Deleted the evaluation configuration “{name}”; recorded in the change log",
    ),
    "cli.out.official_config_deleted": (
        "已删除正式评价配置「{name}」，已记入留痕",
        "Deleted the official evaluation configuration “{name}”; recorded in the change log",
    ),
    "cli.out.versions": ("存储：{location}；共 {n} 个版本", "Store: {location}; {n} versions"),
    "cli.out.version": ("{label}：{title}（{n} 家）", "{label}: {title} ({n} enterprises)"),
    "cli.out.published": (
        "已公示：{label}，公示期 {start} 至 {end}，已记入留痕",
        "Published: {label}, objection window {start} to {end}; recorded in the change log",
    ),
    "cli.out.finalized": (
        "已定案：{label}（{by}），此后不能再修改，已记入留痕",
        "Finalized: {label} ({by}); it cannot change any more; recorded in the change log",
    ),
    "cli.out.reevaluated": (
        "已重新评价：{label}，替换 {replaces}，已记入留痕",
        "Evaluated again: {label}, replacing {replaces}; recorded in the change log",
    ),
    "cli.out.compared": (
        "{before} → {after}：{n} 家企业有变化",
        "{before} → {after}: {n} enterprises changed",
    ),
    "cli.out.objections": ("共 {n} 条异议", "{n} objections"),
    "cli.out.decided": (
        "异议 {objection}：{decision}，已记入留痕",
        "Objection {objection}: {decision}; recorded",
    ),
    "cli.out.decision.accepted": ("采纳", "accepted"),
    "cli.out.decision.rejected": ("驳回", "rejected"),
    "cli.out.objections_exported": ("已导出 {n} 条异议到 {path}", "Exported {n} objections to {path}"),
}

# argparse's complaints about the arguments (geo/cli/parser.py), in the user's language.
ARGUMENTS: dict[str, tuple[str, str]] = {
    "cli.args.error": ("{prog}：参数错误：{text}", "{prog}: error: {text}"),
    "cli.args.required": ("缺少必填参数：{args}", "the following arguments are required: {args}"),
    "cli.args.unrecognized": ("无法识别的参数：{args}", "unrecognized arguments: {args}"),
    "cli.args.one_required": ("须给出以下参数之一：{args}", "one of the arguments {args} is required"),
    "cli.args.invalid_choice": (
        "参数 {arg} 的取值 {value} 不在可选值中（可选：{choices}）",
        "argument {arg}: invalid choice: {value} (choose from {choices})",
    ),
    "cli.args.invalid_value": (
        "参数 {arg} 需要{kind}，收到 {value}",
        "argument {arg}: invalid {kind} value: {value}",
    ),
    "cli.args.kind.int": ("整数", "int"),
    "cli.args.kind.float": ("数字", "float"),
    "cli.args.expected_one": ("参数 {arg} 后面需要一个值", "argument {arg}: expected one argument"),
    "cli.args.expected_some": (
        "参数 {arg} 后面至少需要一个值",
        "argument {arg}: expected at least one argument",
    ),
    "cli.args.not_allowed_with": (
        "参数 {arg} 不能与 {other} 同时使用",
        "argument {arg}: not allowed with argument {other}",
    ),
    "cli.args.ambiguous": (
        "选项 {option} 有歧义，可能是：{matches}",
        "ambiguous option: {option} could match {matches}",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **ERRORS,
    **ARGUMENTS,
    **COMMON,
    **EVALUATE,
    **IO,
    **COLLECT,
    **RECORDS,
}

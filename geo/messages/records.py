"""Messages of what is kept and published (geo/storage/, geo/publication/, geo/cli/): key ->
(中文, English)."""

STORAGE: dict[str, tuple[str, str]] = {
    "storage.bad_color": ("无法识别的颜色「{color}」", "Unrecognised colour “{color}”"),
    "storage.bad_color.hint": ("颜色请写成 #rrggbb，例如 #3366cc", "Write a colour as #rrggbb, e.g. #3366cc"),
    "storage.unknown_geometry_kind": ("未知的几何类别「{kind}」", "Unknown geometry kind “{kind}”"),
    "storage.unknown_geometry_kind.hint": ("可选：{kinds}", "Choose one of: {kinds}"),
    "storage.style_without_symbol": ("样式至少要有一个符号", "A style needs at least one symbol"),
    "storage.gpkg_not_found": ("找不到 GeoPackage「{path}」", "GeoPackage “{path}” not found"),
    "storage.gpkg_missing_layers": (
        "GeoPackage「{file}」中没有图层：{layers}",
        "GeoPackage “{file}” lacks the layers: {layers}",
    ),
    "storage.unsupported_address": (
        "不支持的存储地址「{scheme}://…」",
        "Unsupported store address “{scheme}://…”",
    ),
    "storage.unsupported_address.hint": (
        "共享存储请用 postgresql://用户:密码@主机:端口/数据库；本地存储请给 .gpkg 文件路径",
        "For a shared store give postgresql://user:password@host:port/database; for a local store "
        "the path of a .gpkg file",
    ),
    "storage.data_file_not_found": ("找不到数据文件 {path}", "Data file {path} not found"),
    "storage.not_a_geopackage": (
        "{path} 不是 GeoPackage 存储（文件不是 SQLite 数据库），未读写",
        "{path} is not a GeoPackage store (the file is not an SQLite database); nothing was read or written",
    ),
    "storage.not_a_geopackage.hint": (
        "--store 应是 .gpkg 文件或 postgresql:// 地址；要导入的文件请写在命令的文件参数里",
        "--store takes a .gpkg file or a postgresql:// address; give a file to import as the command's "
        "file argument",
    ),
    "storage.data_file_not_found.hint": (
        "请先运行 `python -m data.build` 生成演示数据，或检查 ATLAS_GPKG 设置的路径",
        "Run `python -m data.build` first to build the demo data, or check the path ATLAS_GPKG sets",
    ),
    "storage.data_file_empty": ("数据文件 {path} 是空文件", "Data file {path} is empty"),
    "storage.data_file_empty.hint": ("请重新生成或导入数据", "Build or import the data again"),
    "storage.layer_missing_columns": (
        "图层「{layer}」缺少字段：{missing}（{where}）",
        "Layer “{layer}” lacks the columns {missing} ({where})",
    ),
    "storage.layer_missing_columns.hint": (
        "该图层需要字段：{columns}；请补齐后重新导入",
        "The layer needs the columns {columns}; add the missing ones and import it again",
    ),
    "storage.layer_without_crs": (
        "图层「{layer}」没有坐标参考系（CRS）",
        "Layer “{layer}” has no coordinate reference system (CRS)",
    ),
    "storage.layer_without_crs.hint": (
        "本工具不会猜测坐标系；请在导入时指明数据的坐标系",
        "The atlas never guesses a CRS; state the data's CRS when importing it",
    ),
    "storage.layer_not_wgs84": (
        "图层「{layer}」的坐标系是 {crs}，存储要求 WGS-84（EPSG:4326）",
        "Layer “{layer}” is in {crs}; the store needs WGS-84 (EPSG:4326)",
    ),
    "storage.layer_not_wgs84.hint": (
        "请通过「数据管理」页（或 python -m geo.cli import）导入，导入时会自动转换到 WGS-84",
        "Import it on the Data page (or with python -m geo.cli import), which converts it to WGS-84",
    ),
    "storage.layer_missing_geometry": (
        "图层「{layer}」有 {n} 条记录没有几何图形",
        "Layer “{layer}” has {n} records without geometry",
    ),
    "storage.layer_wrong_geometry": (
        "图层「{layer}」应为{geometry}图层，却含有 {types}",
        "Layer “{layer}” should hold {geometry} geometry but holds {types}",
    ),
    "storage.geometry.polygon": ("面", "polygon"),
    "storage.geometry.line": ("线", "line"),
    "storage.geometry.point": ("点", "point"),
    "storage.where_file": ("文件 {file}", "file {file}"),
    "storage.where_database": ("共享数据库 {location}", "shared database {location}"),
    "storage.layer_wrong_geometry.hint": (
        "请检查导入的文件是否选对了图层",
        "Check that the right layer of the file was imported",
    ),
    "storage.no_such_data_layer": (
        "数据文件 {file} 中没有图层「{layer}」",
        "Data file {file} has no layer “{layer}”",
    ),
    "storage.no_such_data_layer.hint": ("现有图层：{layers}", "Its layers: {layers}"),
    "storage.layer_empty": ("图层「{layer}」是空的（0 条记录）", "Layer “{layer}” is empty (0 records)"),
    "storage.layer_empty.hint": ("请检查导入的数据是否完整", "Check that the imported data are complete"),
    "storage.layer_needs_wgs84": (
        "图层「{layer}」须先转换为 WGS-84（EPSG:4326）再存储",
        "Layer “{layer}” must be converted to WGS-84 (EPSG:4326) before it is stored",
    ),
    "storage.database_unreachable": (
        "连不上共享数据库 {url}（{error}）",
        "Cannot connect to the shared database {url} ({error})",
    ),
    "storage.database_unreachable.hint": (
        "请确认数据库已启动（bash setup.sh postgis）且 ATLAS_DATABASE_URL 的主机、端口、用户和密码正确",
        "Check that the database is running (bash setup.sh postgis) and that the host, port, user and "
        "password in ATLAS_DATABASE_URL are right",
    ),
    "storage.protected_fields": ("不能修改字段：{fields}", "These fields cannot be changed: {fields}"),
    "storage.database_missing_tables": (
        "共享数据库中没有图层表：{tables}",
        "The shared database has no layer tables: {tables}",
    ),
    "storage.database_no_builtin_layer": (
        "共享数据库 {location} 中没有内置图层「{layer}」",
        "The shared database {location} has no built-in layer “{layer}”",
    ),
    "storage.database_no_builtin_layer.hint": (
        "现有内置图层：{layers}；演示数据更新后请重新运行 `python -m geo.cli load-demo`",
        "Its built-in layers: {layers}; after the demo data change, run `python -m geo.cli load-demo` again",
    ),
    "storage.demo_not_loaded": (
        "已选用共享数据库 {location}，但其中还没有载入内置图层（演示数据）",
        "The shared database {location} is selected, but the built-in layers (demo data) are not loaded "
        "into it yet",
    ),
    "storage.demo_not_loaded.hint": (
        "请运行 `python -m geo.cli load-demo` 把内置图层载入该库；若不用共享库，请取消 "
        "ATLAS_DATABASE_URL 设置",
        "Run `python -m geo.cli load-demo` to load the built-in layers into it; to work without the "
        "shared database, unset ATLAS_DATABASE_URL",
    ),
    "storage.no_imported_layer": (
        "没有名为「{name}」的导入图层（或它刚被他人删除）",
        "No imported layer is named “{name}” (or someone has just deleted it)",
    ),
    "storage.no_imported_layer.hint": (
        "请刷新页面查看现有图层，或在「数据管理」页导入",
        "Reload the page to see the layers there are, or import it on the Data page",
    ),
    "storage.role_not_creatable": (
        "角色「{role}」不存在，当前数据库用户也无权创建角色",
        "Role “{role}” does not exist and the current database user may not create roles",
    ),
    "storage.role_not_creatable.hint": (
        "请数据库管理员执行 CREATE ROLE {role} NOLOGIN; 后重新运行本命令",
        "Ask the database administrator to run CREATE ROLE {role} NOLOGIN; then run this command again",
    ),
    "storage.no_layer": ("没有图层「{name}」", "No layer is named “{name}”"),
    "storage.no_layer.hint": (
        "内置图层：{builtin}；导入图层：{imported}",
        "Built-in layers: {builtin}; imported layers: {imported}",
    ),
    "storage.no_layer_none_imported": ("没有图层「{name}」", "No layer is named “{name}”"),
    "storage.no_layer_none_imported.hint": (
        "内置图层：{builtin}；导入图层：无",
        "Built-in layers: {builtin}; imported layers: none",
    ),
    "storage.table_not_map": ("「{name}」是属性表，没有几何图形", "“{name}” is a table without geometry"),
    "storage.table_not_map.hint": ("请选择地图图层", "Choose a map layer"),
    "storage.unknown_action": ("未知的变更类型「{action}」", "Unknown kind of change “{action}”"),
    "storage.unknown_action.hint": ("可选：{actions}", "Choose one of: {actions}"),
    "storage.change_without_user": ("变更必须记下操作人", "A change must record who made it"),
    "storage.change_without_user.hint": ("请先登录，或设置 ATLAS_USER", "Sign in first, or set ATLAS_USER"),
}

PUBLICATION: dict[str, tuple[str, str]] = {
    "publication.sheet_without_name": ("工作表需要名称", "A worksheet needs a name"),
    "publication.results_without_group": (
        "结果表没有评价组字段「{column}」",
        "The results table has no evaluation group column “{column}”",
    ),
    "publication.digest_needs_table": ("只能为表格计算摘要", "A digest can only be computed for a table"),
    "publication.digest_needs_table.hint": ("请传入图层的数据表", "Pass the layer's data table"),
    "publication.land_list_without_ent_id": (
        "企业表缺少企业编号「ent_id」",
        "The enterprise table lacks the enterprise id “ent_id”",
    ),
    "publication.land_list_without_ent_id.hint": (
        "用地清单按企业编号列出",
        "The land list is listed by enterprise id",
    ),
    "publication.land_list_without_land": (
        "企业表没有用地面积「land_mu」，也没有给宗地图层",
        "The enterprise table has no land area “land_mu” and no parcel layer was given",
    ),
    "publication.land_list_without_land.hint": ("请提供其一", "Give one of the two"),
    "publication.not_a_land_list": (
        "版本 {version} 不是用地清单",
        "Version {version} is not a land list",
    ),
    "publication.not_a_land_list.hint": ("请选择用地清单版本", "Choose a land list version"),
    "publication.land_list_draft": (
        "用地清单 {version} 还是草稿，评价只能用已公示或已定案的用地清单",
        "Land list {version} is still a draft; an evaluation can only use a published or final land list",
    ),
    "publication.land_list_draft.hint": ("请先公示用地清单", "Publish the land list first"),
    "publication.reevaluate_draft": (
        "版本 {version} 还是草稿：只有公示过的版本才按异议重新评价",
        "Version {version} is still a draft: only a published version is evaluated again after objections",
    ),
    "publication.reevaluate_draft.hint": ("请先公示", "Publish it first"),
    "publication.objections_pending": (
        "版本 {version} 还有 {n} 条异议未决定：{objections[zh]}",
        "Version {version} still has {n} undecided objections: {objections[en]}",
    ),
    "publication.objections_pending.hint": (
        "请先采纳或驳回每一条异议，再重新评价",
        "Accept or reject every objection first, then evaluate again",
    ),
    "publication.no_actor": (
        "没有登录身份，不能修改评价版本或异议",
        "Not signed in: evaluation versions and objections cannot be changed",
    ),
    "publication.no_actor.hint": (
        "每一步都记录操作人；请先登录",
        "Every step records who took it; sign in first",
    ),
    "publication.version_final": (
        "版本 {version} 已定案（{at[zh]}，{by}），其中任何内容都不能再修改",
        "Version {version} is final ({at[en]}, {by}); nothing in it can be changed any more",
    ),
    "publication.version_final.hint": (
        "如需更正，请另存一个新版本并注明它替换 {version}",
        "To correct it, save a new version and state that it replaces {version}",
    ),
    "publication.no_such_version": (
        "没有编号为「{version}」的评价版本",
        "No evaluation version has the id “{version}”",
    ),
    "publication.no_such_version.hint": (
        "请先列出现有版本（versions list）",
        "List the versions there are first (versions list)",
    ),
    "publication.version_gone": (
        "没有编号为「{version}」的评价版本",
        "No evaluation version has the id “{version}”",
    ),
    "publication.version_gone.hint": ("请先列出现有版本", "List the versions there are first"),
    "publication.results_missing_columns": (
        "版本结果缺少字段「{columns[zh]}」",
        "The version's results lack the columns “{columns[en]}”",
    ),
    "publication.results_missing_columns.hint": (
        "请用评价结果保存版本",
        "Save a version from evaluation results",
    ),
    "publication.no_results": (
        "没有可保存的结果（0 家企业）",
        "There are no results to save (0 enterprises)",
    ),
    "publication.no_results.hint": (
        "请先导入企业表并完成评价",
        "Import an enterprise table and run the evaluation first",
    ),
    "publication.duplicate_ids": ("企业编号重复：{ids[zh]}", "Repeated enterprise ids: {ids[en]}"),
    "publication.unknown_kind": ("未知的版本类型「{kind}」", "Unknown kind of version “{kind}”"),
    "publication.unknown_kind.hint": ("可选：{kinds[zh]}", "Choose one of: {kinds[en]}"),
    "publication.title_missing": ("请为版本写一个标题", "Give the version a title"),
    "publication.title_missing.hint": (
        "例如「2024 年度亩均评价」，不超过 {max_chars} 字",
        "E.g. “2024 年度亩均评价”, at most {max_chars} characters",
    ),
    "publication.title_too_long": (
        "版本标题过长（{n} 字）",
        "The version title is too long ({n} characters)",
    ),
    "publication.title_too_long.hint": (
        "例如「2024 年度亩均评价」，不超过 {max_chars} 字",
        "E.g. “2024 年度亩均评价”, at most {max_chars} characters",
    ),
    "publication.replaced_missing": (
        "被替换的版本「{version}」不存在",
        "The version to replace, “{version}”, does not exist",
    ),
    "publication.replaced_missing.hint": ("请先列出现有版本", "List the versions there are first"),
    "publication.land_list_missing": (
        "所用用地清单「{version}」不存在",
        "The land list to use, “{version}”, does not exist",
    ),
    "publication.land_list_missing.hint": ("请先列出现有版本", "List the versions there are first"),
    "publication.not_a_date": ("{what[zh]}「{value}」不是日期", "“{value}” is not a date ({what[en]})"),
    "publication.not_a_date.hint": (
        "请写成 2025-07-13 这样的格式",
        "Write it like 2025-07-13",
    ),
    "publication.window_reversed": (
        "公示期的开始日期 {start} 晚于结束日期 {end}",
        "The publication window starts on {start}, after its end {end}",
    ),
    "publication.window_reversed.hint": (
        "开始日期应不晚于结束日期（公示通常 5 个工作日到 7 天）",
        "The start must not be after the end (a publication usually lasts 5 working days to 7 days)",
    ),
    "publication.publish_not_draft": (
        "版本 {version} 已是「{state[zh]}」，只有草稿可以公示",
        "Version {version} is already “{state[en]}”; only a draft can be published",
    ),
    "publication.publish_not_draft.hint": (
        "如需重新公示，请另存新版本",
        "To publish it again, save it as a new version",
    ),
    "publication.finalize_replaced": (
        "版本 {version} 已被 {newer[zh]} 替换，不能再定案",
        "Version {version} has been replaced by {newer[en]} and can no longer be made final",
    ),
    "publication.finalize_replaced.hint": ("请定案 {last}", "Make {last} final instead"),
    "publication.finalize_draft": (
        "版本 {version} 是草稿且没有替换已公示的版本，不能直接定案",
        "Version {version} is a draft that replaces no published version; it cannot be made final directly",
    ),
    "publication.finalize_draft.hint": (
        "请先公示；公示后经异议更正的新草稿可以直接定案",
        "Publish it first; a new draft corrected after objections to a published one can be made final "
        "directly",
    ),
    "publication.version_reevaluated": (
        "版本 {version} 已按异议重新评价为 {newer[zh]}，不能再登记或决定异议、再次重新评价",
        "Version {version} has been evaluated again after objections as {newer[en]}; its objections can no "
        "longer be recorded or decided, nor can it be evaluated again",
    ),
    "publication.version_reevaluated.hint": (
        "请在 {last} 上继续（公示或定案）",
        "Continue with {last} (publish it or make it final)",
    ),
    "publication.text_required": ("请填写{what[zh]}", "Fill in {what[en]}"),
    "publication.text_too_long": (
        "{what[zh]}过长（{n} 字）",
        "The text of {what[en]} is too long ({n} characters)",
    ),
    "publication.text_too_long.hint": ("请不超过 {max_chars} 字", "Keep it to {max_chars} characters"),
    "publication.claim_missing": (
        "没有填写申诉值",
        "No claimed value was entered",
    ),
    "publication.claim_missing.hint": (
        "请填写企业主张的数值，如 25.5",
        "Enter the value the enterprise claims, e.g. 25.5",
    ),
    "publication.claim_not_number": (
        "申诉值「{value}」不是数字",
        "The claimed value “{value}” is not a number",
    ),
    "publication.claim_not_number.hint": (
        "请填写企业主张的数值，如 25.5",
        "Enter the value the enterprise claims, e.g. 25.5",
    ),
    "publication.claim_not_finite": (
        "申诉值「{value}」不是有限的数字",
        "The claimed value “{value}” is not a finite number",
    ),
    "publication.objection_not_published": (
        "版本 {version} 是「{state[zh]}」，只有公示中的版本可以登记异议",
        "Version {version} is “{state[en]}”; objections are recorded only against a version being published",
    ),
    "publication.objection_not_published.hint": ("请先公示该版本", "Publish the version first"),
    "publication.objection_outside_window": (
        "今天（{today}）不在版本 {version} 的公示期（{start} 至 {end}）内，不能登记异议",
        "Today ({today}) is outside the publication window of version {version} ({start} to {end}); "
        "no objection can be recorded",
    ),
    "publication.objection_outside_window.hint": (
        "异议只在公示期内受理",
        "Objections are accepted only within the publication window",
    ),
    "publication.indicator_not_objectionable": (
        "「{indicator}」不是该版本可以提出异议的输入指标",
        "“{indicator}” is not an input indicator of this version that can be objected to",
    ),
    "publication.indicator_not_objectionable.hint": ("可选：{choices[zh]}", "Choose one of: {choices[en]}"),
    "publication.evidence_missing": (
        "请附上证据文件（不能为空）",
        "Attach an evidence file (it cannot be empty)",
    ),
    "publication.evidence_missing.hint": (
        "如完税证明、统计报表的扫描件",
        "E.g. a scan of the tax payment certificate or the statistical report",
    ),
    "publication.evidence_too_large": (
        "证据文件过大（{size_mb:.1f} MB）",
        "The evidence file is too large ({size_mb:.1f} MB)",
    ),
    "publication.evidence_too_large.hint": (
        "请不超过 {max_mb} MB，可压缩或分页扫描",
        "Keep it to {max_mb} MB: compress it or scan it in parts",
    ),
    "publication.enterprise_not_in_version": (
        "版本 {version} 中没有企业「{ent_id}」",
        "Version {version} has no enterprise “{ent_id}”",
    ),
    "publication.enterprise_not_in_version.hint": ("请核对企业编号", "Check the enterprise id"),
    "publication.unknown_decision": ("未知的决定「{decision}」", "Unknown decision “{decision}”"),
    "publication.unknown_decision.hint": (
        "可选：accepted（采纳）、rejected（驳回）",
        "Choose accepted or rejected",
    ),
    "publication.no_such_objection": (
        "没有编号为「{objection}」的异议",
        "No objection has the id “{objection}”",
    ),
    "publication.no_such_objection.hint": (
        "请先列出异议（objections list）",
        "List the objections first (objections list)",
    ),
    "publication.objection_decided": (
        "异议 {objection} 已于 {at} 由 {by} 决定为「{decision[zh]}」，不能再改",
        "Objection {objection} was decided “{decision[en]}” on {at} by {by} and cannot be changed",
    ),
    "publication.objection_decided.hint": (
        "如决定有误，请在新版本中另行处理",
        "If the decision was wrong, deal with it in a new version",
    ),
    "publication.objection_twice": (
        "企业 {ent_id} 对{indicator[zh]}申诉 {value} 的异议已登记为 {objection}，不再重复登记",
        "Enterprise {ent_id}'s objection claiming {value} for {indicator[en]} is recorded already as "
        "{objection}; it is not recorded twice",
    ),
    "publication.objection_twice.hint": (
        "如有新的证据或不同的申诉值，请修改后再登记",
        "With new evidence or another value claimed, change the form and record it then",
    ),
    "publication.answer_recorded": (
        "异议 {objection} 已记录核实部门的答复「{answer}」（{by}），不能覆盖",
        "Objection {objection} has the department's answer “{answer}” recorded already ({by}); "
        "it is not overwritten",
    ),
    "publication.answer_recorded.hint": (
        "决定的理由请写在「决定理由」中",
        "Write the reason for the decision as its reason",
    ),
    "publication.answer_missing": (
        "异议 {objection} 还没有核实部门的答复",
        "Objection {objection} has no answer from the verifying department yet",
    ),
    "publication.answer_missing.hint": (
        "请先记录部门的核实答复，再作决定",
        "Record the department's answer first, then decide",
    ),
    "publication.no_such_evidence": (
        "没有摘要为「{digest}…」的证据文件",
        "No evidence file has the digest “{digest}…”",
    ),
}

_HASH_USAGE = (
    "在终端中运行：python -m geo.cli hash-password 用户名（按提示输入两次密码）；"
    '或从管道传入一行：printf %s "$PW" | python -m geo.cli hash-password 用户名',
    "At a terminal run: python -m geo.cli hash-password <user> (and type the password twice when "
    'asked); or pipe one line in: printf %s "$PW" | python -m geo.cli hash-password <user>',
)
_SEE_EVALUATION_YAML = (
    "格式请参照 geo/evaluation/evaluation.yaml",
    "See geo/evaluation/evaluation.yaml for the format",
)
_LIST_CONFIGS = (
    "用 `python -m geo.cli config list` 查看现有配置",
    "Run `python -m geo.cli config list` to see the configurations there are",
)

CLI: dict[str, tuple[str, str]] = {
    "cli.store_not_found": (
        "存储 {path} 不存在：没有可读的数据",
        "The store {path} does not exist: there is nothing to read",
    ),
    "cli.store_not_found.hint": (
        "请检查路径；不写 --store 时读默认存储（$ATLAS_DATABASE_URL，否则 data/user/atlas_user.gpkg）",
        "Check the path; without --store the default store is read ($ATLAS_DATABASE_URL, else "
        "data/user/atlas_user.gpkg)",
    ),
    "cli.folder_missing": (
        "{what} {path} 所在的文件夹 {folder} 不存在，未写出任何文件",
        "{what} {path}: its folder {folder} does not exist; nothing was written",
    ),
    "cli.folder_missing.hint": (
        "请先建好该文件夹，或检查路径的拼写",
        "Create the folder first, or check the path's spelling",
    ),
    "cli.bad_pair": ("{what}「{pair}」格式不对", "{what} “{pair}” is not of the form left=right"),
    "cli.bad_pair.hint": (
        "应写成 左=右，例如 tax_wan_yuan=实缴税金",
        "Write it as left=right, e.g. tax_wan_yuan=实缴税金",
    ),
    "cli.file_not_found": ("找不到文件 {path}", "File {path} not found"),
    "cli.file_not_found.hint": ("请检查路径", "Check the path"),
    "cli.no_filter_column": ("筛选字段「{column}」不存在", "The filter column “{column}” does not exist"),
    "cli.no_filter_column.hint": ("现有字段：{columns}", "Its columns: {columns}"),
    "cli.layer_taken": (
        "用户数据中已有图层「{layer}」（标题「{title}」），未覆盖",
        "The user data already hold a layer “{layer}” (title “{title}”); it was not overwritten",
    ),
    "cli.layer_taken.hint": (
        "如要替换它，请加上 --replace；如要另存一份，请用 --name 另起一个名称",
        "To replace it, add --replace; to keep both, give the new one another name with --name",
    ),
    "cli.export.title_separator": ("、", ", "),
    "cli.replace_nothing": (
        "用户数据中没有名为「{name}」的图层可替换，未保存（现有图层：{layers}）",
        "The user data hold no layer named {name} to replace; nothing was saved (its layers: {layers})",
    ),
    "cli.replace_nothing.hint": (
        "如要替换其中一个，请用 --name 写出它的名称；如要另存为新图层，请去掉 --replace",
        "To replace one of them, name it with --name; to import this as a new layer, leave out --replace",
    ),
    "cli.replace_nothing.no_layers": ("无", "none"),
    "cli.title_taken": (
        "用户数据中已有标题为「{title}」的图层「{layer}」，未保存（图例和图层列表按标题区分图层）",
        "The user data already hold a layer titled “{title}” ({layer}); nothing was saved (the legend and"
        " the layer lists tell layers apart by title)",
    ),
    "cli.title_taken.hint": (
        "如要替换它，请加上 --name {layer} --replace；如要保留两者，请用 --title 另起一个标题",
        "To replace it, add --name {layer} --replace; to keep both, give the new one another --title",
    ),
    "cli.title_taken_replace": (
        "用户数据中已有标题为「{title}」的图层「{layer}」，未保存："
        "--replace 只替换同名的图层，而本次的图层名是「{name}」",
        "The user data already hold a layer titled “{title}” ({layer}); nothing was saved: --replace replaces"
        " the layer of the same name only, and this import's name is {name}",
    ),
    "cli.title_taken_replace.hint": (
        "如要替换「{layer}」，请再加上 --name {layer}；如要保留两者，请用 --title 另起一个标题",
        "To replace {layer}, add --name {layer} as well; to keep both, give the new one another --title",
    ),
    "cli.import_without_source": (
        "保存导入需要注明数据来源",
        "Saving an import needs the data's source",
    ),
    "cli.import_without_source.hint": (
        "请加上 --source「数据提供单位，年份」",
        'Add --source "<providing body>, <year>"',
    ),
    "cli.import_without_accuracy": (
        "保存导入需要注明数据精度（没有默认值）：图例和每个导出文件都会标出它",
        "Saving an import needs the data's accuracy (there is no default): the legend and every"
        " export name it",
    ),
    "cli.import_without_accuracy.hint": (
        "请加上 --accuracy，取值：real 真实（测绘或官方矢量数据）、transcribed 转录（从文件报表抄录）、"
        "schematic 示意（按描述或大致位置画出）、synthetic 合成（生成的演示数据）",
        "Add --accuracy: real (surveyed or official vector data), transcribed (copied from documents),"
        " schematic (drawn from a description or rough location), synthetic (generated demo data)",
    ),
    "cli.unsupported_export_format": ("不支持导出为「{format}」", "Cannot export as “{format}”"),
    "cli.unsupported_export_format.hint": (
        "可选：{formats}（离线 HTML 请在页面上导出）",
        "Choose one of: {formats} (export the offline HTML on the page)",
    ),
    "cli.nothing_left_after_filter": ("筛选后没有任何要素", "No feature is left after filtering"),
    "cli.nothing_left_after_filter.hint": ("请检查 --where 条件", "Check the --where conditions"),
    "cli.collect_bad_suffix": (
        "{what}「{file}」的扩展名应为 .csv 或 .xlsx",
        "{what} “{file}” should end in .csv or .xlsx",
    ),
    "cli.collect_file_not_found": ("找不到{what}文件 {path}", "{what} file {path} not found"),
    "cli.collect_file_not_found.hint": ("请检查路径", "Check the path"),
    "cli.mapping_without_department": (
        "字段对应「{field}={header}」没有写部门",
        "The column mapping “{field}={header}” names no department",
    ),
    "cli.mapping_without_department.hint": (
        "应写成 部门.字段=表头，如 tax.tax_wan_yuan=入库税款",
        "Write it as department.field=header, e.g. tax.tax_wan_yuan=入库税款",
    ),
    "cli.department_twice": ("部门「{department}」给了两次", "Department “{department}” is given twice"),
    "cli.department_twice.hint": ("每个部门只给一个 --source", "Give one --source per department"),
    "cli.mapping_department_without_file": (
        "字段对应中的部门「{departments}」没有给出文件",
        "No file is given for the departments of the column mappings “{departments}”",
    ),
    "cli.delete_no_such_layer": (
        "没有名为「{name}」的导入图层（或它刚被他人删除），没有删除任何图层",
        "No imported layer is named “{name}” (or someone has just deleted it); nothing was deleted",
    ),
    "cli.delete_no_such_layer.hint": (
        "此存储中的导入图层：{layers}（写表名，如 python -m geo.cli delete {first}）",
        "The imported layers of this store: {layers} (give a table name: python -m geo.cli delete {first})",
    ),
    "cli.delete_no_layer_stored": (
        "没有名为「{name}」的导入图层：此存储中还没有导入图层（{store}）",
        "No imported layer is named “{name}”: this store holds no imported layer yet ({store})",
    ),
    "cli.delete_no_layer_stored.hint": (
        "另一个存储请用 --store 指定；导入用 python -m geo.cli import",
        "Name another store with --store; import with python -m geo.cli import",
    ),
    "cli.password_pipe_empty": (
        "没有从标准输入读到密码（管道为空）",
        "No password was read from standard input (the pipe is empty)",
    ),
    "cli.password_pipe_empty.hint": _HASH_USAGE,
    "cli.password_not_typed": ("没有输入密码", "No password was typed"),
    "cli.password_not_typed.hint": _HASH_USAGE,
    "cli.passwords_differ": ("两次输入的密码不一致", "The two passwords typed differ"),
    "cli.passwords_differ.hint": (
        "请重新运行并输入同一个密码",
        "Run the command again and type the same password twice",
    ),
    "cli.password_too_short": (
        "密码少于 {min_chars} 个字符",
        "The password is shorter than {min_chars} characters",
    ),
    "cli.password_too_short.hint": ("请换一个更长的密码", "Choose a longer password"),
    "cli.load_demo_needs_postgis": (
        "load-demo 只用于 PostGIS 共享库",
        "load-demo is only for a shared PostGIS store",
    ),
    "cli.load_demo_needs_postgis.hint": (
        "请用 --store postgresql://… 或设置 {env}（bash setup.sh postgis 会打印地址）",
        "Use --store postgresql://… or set {env} (bash setup.sh postgis prints the address)",
    ),
    "cli.gis_role_needs_postgis": (
        "gis-role 只用于 PostGIS 共享库（GeoPackage 没有数据库用户；其中的编辑同样记入留痕）",
        "gis-role is only for a shared PostGIS store (a GeoPackage has no database users; edits in it "
        "are recorded in the change log all the same)",
    ),
    "cli.gis_role_needs_postgis.hint": (
        "请用 --store postgresql://… 或设置 {env}",
        "Use --store postgresql://… or set {env}",
    ),
    "cli.config_not_yaml": ("配置文件 {file} 不是有效的 YAML", "Configuration file {file} is not valid YAML"),
    "cli.config_not_yaml.hint": _SEE_EVALUATION_YAML,
    "cli.config_not_mapping": (
        "配置文件 {file} 应是一个映射（键: 值）",
        "Configuration file {file} should be a mapping (key: value)",
    ),
    "cli.config_not_mapping.hint": _SEE_EVALUATION_YAML,
    "cli.no_config": ("没有名为「{name}」的评价配置", "No evaluation configuration is named “{name}”"),
    "cli.no_config.hint": _LIST_CONFIGS,
    "cli.no_official_config": (
        "没有名为「{name}」的正式评价配置",
        "No official evaluation configuration is named “{name}”",
    ),
    "cli.no_official_config.hint": _LIST_CONFIGS,
}

MESSAGES: dict[str, tuple[str, str]] = {**STORAGE, **PUBLICATION, **CLI}

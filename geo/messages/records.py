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
        "请通过「数据管理」导入，导入时会自动转换到 WGS-84",
        "Import it on the 数据管理 (Data) page, which converts it to WGS-84",
    ),
    "storage.layer_missing_geometry": (
        "图层「{layer}」有 {n} 条记录没有几何图形",
        "Layer “{layer}” has {n} records without geometry",
    ),
    "storage.layer_wrong_geometry": (
        "图层「{layer}」应为{geometry_zh}图层，却含有 {types}",
        "Layer “{layer}” holds {types}, which its geometry ({geometry_zh}: 面 polygon, 线 line, 点 point) "
        "does not allow",
    ),
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
        "请运行 `python -m geo.cli load-demo` 把内置图层载入该库；若不用共享库，请取消 ATLAS_DATABASE_URL 设置",
        "Run `python -m geo.cli load-demo` to load the built-in layers into it; to work without the "
        "shared database, unset ATLAS_DATABASE_URL",
    ),
    "storage.no_imported_layer": (
        "没有名为「{name}」的导入图层（或它刚被他人删除）",
        "No imported layer is named “{name}” (or someone has just deleted it)",
    ),
    "storage.no_imported_layer.hint": (
        "请刷新页面查看现有图层，或在「数据管理」页导入",
        "Reload the page to see the layers there are, or import it on the 数据管理 (Data) page",
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

MESSAGES: dict[str, tuple[str, str]] = {**STORAGE}

"""What ``python -m geo.cli <command> --help`` prints: each command's description and its options'
help and metavars, key ``cli.help.<command>.<option>`` -> (中文, English), chosen by the parser's
language (:func:`geo.cli.output.help_text`). The command list's lines are in :mod:`geo.messages.cli`."""

# Options several commands share (geo/cli/arguments.py).
SHARED: dict[str, tuple[str, str]] = {
    "cli.help.store": (
        "用户数据存储：GeoPackage 路径或共享库 postgresql://用户:密码@主机:端口/库"
        "（默认 $ATLAS_DATABASE_URL，否则 $ATLAS_USER_GPKG 或 data/user/atlas_user.gpkg）",
        "User data store: a GeoPackage path or a shared store postgresql://user:password@host:port/db"
        " (default $ATLAS_DATABASE_URL, else $ATLAS_USER_GPKG or data/user/atlas_user.gpkg)",
    ),
    "cli.help.user": (
        "记入留痕的操作人（默认 $ATLAS_USER 或系统用户名）",
        "The user recorded in the change log (default $ATLAS_USER or the system user name)",
    ),
    "cli.help.table.frame": (
        "{what}经纬度的坐标框架（经纬度表格必填，没有默认值）：wgs84（GPS、天地图、OSM）、gcj02（高德/腾讯）、"
        "bd09（百度）；带坐标系的文件（.prj、GeoPackage、GeoJSON）{placed_otherwise}不需要",
        "Coordinate frame of the longitudes/latitudes{what} (required for a table of longitudes/latitudes,"
        " no default): wgs84 (GPS, Tianditu, OSM), gcj02 (Amap/Tencent), bd09 (Baidu); not needed for a"
        " file that carries its CRS (.prj, GeoPackage, GeoJSON){placed_otherwise}",
    ),
    "cli.help.table.lon_col": (
        "{what}经度列（缺省自动识别 lon/lng/经度）",
        "Longitude column{what} (default: recognised from lon/lng/经度)",
    ),
    "cli.help.table.lat_col": (
        "{what}纬度列（缺省自动识别 lat/纬度）",
        "Latitude column{what} (default: recognised from lat/纬度)",
    ),
    "cli.help.table.map_metavar": ("字段=列", "FIELD=COLUMN"),
    "cli.help.table.map": (
        "字段对应，如 tax_wan_yuan=实缴税金（可重复；其余按表头自动识别）",
        "Column mapping, e.g. tax_wan_yuan=实缴税金 (repeatable; the other columns are recognised from"
        " their headers)",
    ),
}

# The table options' words for the table evaluate and import read (add_table_arguments).
TABLES: dict[str, tuple[str, str]] = {
    "cli.help.evaluate.table_what": ("企业表", " of the enterprise table"),
    "cli.help.evaluate.placed_otherwise": (
        "和按 --zone-column 归属的表格",
        " nor for a table placed by --zone-column",
    ),
    "cli.help.import.table_what": ("表格", " of the table"),
    "cli.help.import.placed_otherwise": (
        "和按 --join-layer 关联的表格",
        " nor for a table joined by --join-layer",
    ),
}

COLLECT: dict[str, tuple[str, str]] = {
    "cli.help.collect.description": (
        "以企业名录（统一社会信用代码）为准，把税务、统计、供电、自然资源、生态环境各部门的数据"
        "按统一社会信用代码 → 组织机构代码 → 唯一名称依次匹配、换算单位、按企业汇总，写出企业表"
        "（evaluate 可直接读取）和匹配报告；每个数值都记录来自哪个部门、哪个文件（含 SHA-256）的哪几行。",
        "Taking the enterprise register (unified social credit codes) as the reference, matches the data of"
        " each department (tax, statistics, power supply, natural resources, ecology and environment) by"
        " unified social credit code → organization code → unique name in turn, converts the units, sums"
        " per enterprise and writes the enterprise table (read by evaluate as it is) and the matching"
        " report; every value records which rows of which department's file (with its SHA-256) it comes"
        " from.",
    ),
    "cli.help.collect.register": (
        "企业名录（.csv/.xlsx）：统一社会信用代码、企业名称，可含区镇、行业代码、经纬度",
        "Enterprise register (.csv/.xlsx): unified social credit code, enterprise name; may hold the town,"
        " the industry code, longitude and latitude",
    ),
    "cli.help.collect.source_metavar": ("部门=文件", "DEPARTMENT=FILE"),
    "cli.help.collect.source": (
        "部门文件，可重复：tax=税务.csv stats=统计.xlsx power=供电.csv land=自然资源.xlsx env=生态环境.csv",
        "A department's file, repeatable: tax=tax.csv stats=stats.xlsx power=power.csv land=land.xlsx"
        " env=env.csv",
    ),
    "cli.help.collect.map_metavar": ("部门.字段=表头", "DEPARTMENT.FIELD=HEADER"),
    "cli.help.collect.map": (
        "表头不同时指定，如 tax.tax_wan_yuan=入库税款（元）、power.name=用户名称、register.code=社会信用代码",
        "Give a header when it differs, e.g. tax.tax_wan_yuan=入库税款（元）, power.name=用户名称,"
        " register.code=社会信用代码",
    ),
    "cli.help.collect.out": (
        "归集结果 .csv（另写 .provenance.csv）或 .xlsx",
        "The collected table: .csv (and a .provenance.csv beside it) or .xlsx",
    ),
    "cli.help.collect.report": (
        "匹配报告 .xlsx（每个部门一页 + 汇总）或 .csv",
        "The matching report: .xlsx (a sheet per department + a summary) or .csv",
    ),
}

MESSAGES: dict[str, tuple[str, str]] = {**SHARED, **TABLES, **COLLECT}

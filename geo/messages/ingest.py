"""Messages of reading uploaded files (geo/ingest/readers.py, geo/ingest/limits.py): key -> (中文, English).

The messages of placing what was read (coordinates, columns, the user store) are in
:mod:`geo.messages.ingest_placing`, those of geo/spatial/ and geo/exports/ in :mod:`geo.messages.exports`.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "ingest.no_spatial_layer": ("「{file}」中没有带几何图形的图层", "“{file}” holds no layer with geometry"),
    "ingest.no_spatial_layer.hint": (
        "请检查文件内容，或作为表格导入",
        "Check the file's contents, or import it as a table",
    ),
    "ingest.choose_layer": (
        "「{file}」中有 {n} 个图层，请选择一个：{layers}",
        "“{file}” holds {n} layers; choose one: {layers}",
    ),
    "ingest.choose_layer.hint": (
        "在导入时选择图层（命令行用 --layer）",
        "Choose the layer when importing (--layer on the command line)",
    ),
    "ingest.unknown_crs": (
        "无法识别坐标系「{crs}」",
        "The coordinate reference system “{crs}” is not recognised",
    ),
    "ingest.unknown_crs.hint": (
        "请写成 EPSG 代码，如 EPSG:4549（CGCS2000 3 度带 120°E，不带带号）、EPSG:4528（带带号 40）、"
        "EPSG:4326（WGS-84 经纬度），或给出 .prj 文件",
        "Write an EPSG code such as EPSG:4549 (CGCS2000 3-degree zone 120°E, no zone prefix), EPSG:4528 "
        "(with the zone prefix 40) or EPSG:4326 (WGS-84 degrees), or give the .prj file",
    ),
    "ingest.no_such_layer": ("「{file}」中没有图层「{layer}」", "“{file}” has no layer “{layer}”"),
    "ingest.no_such_layer.hint": ("现有图层：{layers}", "Its layers: {layers}"),
    # -- the file as uploaded (readers.py)
    "ingest.empty_file": ("文件「{file}」是空的（0 字节）", "The file “{file}” is empty (0 bytes)"),
    "ingest.empty_file.hint": (
        "请检查导出是否成功后重新上传",
        "Check that the export succeeded, then upload it again",
    ),
    "ingest.file_too_large": (
        "文件「{file}」有 {size_mb:.1f} MB，超过上传上限 {limit_mb:.0f} MB",
        "The file “{file}” is {size_mb:.1f} MB, more than the upload limit of {limit_mb:.0f} MB",
    ),
    "ingest.file_too_large.hint": (
        "请只导出需要的范围或字段，或压缩为 zip 后再上传",
        "Export only the area or fields you need, or compress it as a zip before uploading",
    ),
    "ingest.xls_unsupported": (
        "不支持旧版 Excel（.xls）文件",
        "Old Excel files (.xls) are not supported",
    ),
    "ingest.xls_unsupported.hint": (
        "请在 Excel 中另存为 .xlsx 后上传",
        "Save it as .xlsx in Excel, then upload that",
    ),
    "ingest.lone_shapefile_part": (
        "单独的「{file}」无法导入：Shapefile 由多个文件组成",
        "“{file}” cannot be imported on its own: a Shapefile is made of several files",
    ),
    "ingest.lone_shapefile_part.hint": (
        "请把同名的 .shp、.shx、.dbf、.prj（和 .cpg）一起压缩成一个 zip 上传",
        "Compress the .shp, .shx, .dbf, .prj (and .cpg) of the same name into one zip and upload that",
    ),
    "ingest.unknown_format": (
        "无法识别文件「{file}」的格式",
        "The format of the file “{file}” is not recognised",
    ),
    "ingest.unknown_format.hint": (
        "支持的格式：{formats}（Shapefile 请打包为 zip）",
        "Supported formats: {formats} (a Shapefile zipped)",
    ),
    "ingest.unsupported_format": ("不支持的格式「{fmt}」", "Unsupported format “{fmt}”"),
    "ingest.unsupported_format.hint": ("支持：{formats}", "Supported: {formats}"),
    # -- zip archives
    "ingest.bad_zip": (
        "压缩包「{file}」已损坏或不是 zip 文件（{detail}）",
        "The archive “{file}” is damaged or not a zip file ({detail})",
    ),
    "ingest.bad_zip.hint": (
        "请重新压缩后上传；Shapefile 需把 .shp、.shx、.dbf、.prj 打进同一个 zip",
        "Compress it again and upload it; a Shapefile needs its .shp, .shx, .dbf and .prj in one zip",
    ),
    "ingest.unsafe_zip_path": (
        "压缩包中有不安全的路径「{name}」（绝对路径或含“..”），已拒绝整个文件",
        "The archive holds an unsafe path “{name}” (absolute or with “..”); the whole file was refused",
    ),
    "ingest.unsafe_zip_path.hint": (
        "请只把数据文件本身打包（不要带上级目录或盘符）后重新上传",
        "Zip only the data files themselves (no parent folders or drive letters) and upload again",
    ),
    "ingest.zip_encrypted": (
        "压缩包中的「{name}」有密码保护",
        "“{name}” in the archive is password-protected",
    ),
    "ingest.zip_encrypted.hint": (
        "请去掉密码后重新打包上传",
        "Remove the password, zip it again and upload it",
    ),
    "ingest.zip_too_large": (
        "压缩包解压后有 {size_mb:.0f} MB，超过上限 {limit_mb:.0f} MB",
        "The archive unzips to {size_mb:.0f} MB, more than the limit of {limit_mb:.0f} MB",
    ),
    "ingest.zip_too_large.hint": ("请只打包需要导入的图层", "Zip only the layers you want to import"),
    "ingest.empty_zip": ("压缩包「{file}」是空的", "The archive “{file}” is empty"),
    "ingest.empty_zip.hint": (
        "请把数据文件打包进 zip 后重新上传",
        "Put the data files into the zip and upload it again",
    ),
    "ingest.zip_without_shp": ("压缩包「{file}」中没有 .shp 文件", "The archive “{file}” holds no .shp file"),
    "ingest.zip_without_shp.hint": (
        "请把同名的 .shp、.shx、.dbf、.prj（和 .cpg）打包成 zip；其他格式可直接上传",
        "Zip the .shp, .shx, .dbf, .prj (and .cpg) of the same name; other formats can be uploaded "
        "as they are",
    ),
    "ingest.shapefile_incomplete": (
        "Shapefile「{layer}」缺少 {missing} 文件",
        "The Shapefile “{layer}” lacks its {missing} file",
    ),
    "ingest.shapefile_incomplete.hint": (
        "Shapefile 至少要有同名的 .shp、.shx、.dbf 三个文件，请补齐后重新打包",
        "A Shapefile needs at least the .shp, .shx and .dbf of the same name; add the missing ones "
        "and zip again",
    ),
    # -- vector files
    "ingest.unreadable_file": (
        "无法读取「{file}」：文件已损坏或格式不符（{detail}）",
        "“{file}” cannot be read: the file is damaged or not of its format ({detail})",
    ),
    "ingest.unreadable_file.hint": (
        "请在 GIS 软件中检查后重新导出",
        "Check it in your GIS software and export it again",
    ),
    "ingest.cannot_open": (
        "无法打开「{file}」：文件已损坏或格式不符",
        "“{file}” cannot be opened: the file is damaged or not of its format",
    ),
    "ingest.cannot_open.hint": (
        "请在 GIS 软件中检查后重新导出",
        "Check it in your GIS software and export it again",
    ),
    "ingest.layer_without_geometry": (
        "「{file}」的图层「{layer}」没有几何字段",
        "Layer “{layer}” of “{file}” has no geometry field",
    ),
    "ingest.layer_without_geometry.hint": (
        "请选择带几何图形的图层，或作为表格导入",
        "Choose a layer with geometry, or import it as a table",
    ),
    "ingest.bad_geojson": (
        "「{file}」不是有效的 GeoJSON（{detail}）",
        "“{file}” is not valid GeoJSON ({detail})",
    ),
    "ingest.bad_geojson.hint": (
        "请检查文件是否完整，或在 GIS 软件中重新导出",
        "Check that the file is complete, or export it again from your GIS software",
    ),
    "ingest.geojson_without_geometry": ("「{file}」中没有几何图形", "“{file}” holds no geometry"),
    "ingest.geojson_without_geometry.hint": (
        "GeoJSON 需为 FeatureCollection",
        "The GeoJSON must be a FeatureCollection",
    ),
    # -- tables
    "ingest.unknown_encoding": (
        "无法识别「{file}」的文字编码",
        "The text encoding of “{file}” is not recognised",
    ),
    "ingest.unknown_encoding.hint": (
        "请在 Excel 中另存为「CSV UTF-8」后上传",
        "Save it in Excel as “CSV UTF-8”, then upload that",
    ),
    "ingest.bad_csv": (
        "「{file}」不是有效的 CSV 表格（{detail}）",
        "“{file}” is not a valid CSV table ({detail})",
    ),
    "ingest.bad_csv.hint": (
        "请检查分隔符和引号，或另存为 .xlsx 后上传",
        "Check its separators and quotes, or save it as .xlsx and upload that",
    ),
    "ingest.bad_xlsx": (
        "「{file}」不是有效的 Excel（.xlsx）文件（{detail}）",
        "“{file}” is not a valid Excel (.xlsx) file ({detail})",
    ),
    "ingest.bad_xlsx.hint": (
        "请在 Excel 中另存为 .xlsx 后上传",
        "Save it as .xlsx in Excel, then upload that",
    ),
    "ingest.no_such_sheet": ("「{file}」中没有工作表「{sheet}」", "“{file}” has no sheet “{sheet}”"),
    "ingest.no_such_sheet.hint": ("现有工作表：{sheets}", "Its sheets: {sheets}"),
    "ingest.no_records": ("「{file}」里没有任何记录（0 行）", "“{file}” holds no records (0 rows)"),
    "ingest.no_records.hint": (
        "请检查导出的范围或筛选条件后重新上传",
        "Check the export's extent or filter, then upload it again",
    ),
    "ingest.too_many_records": (
        "「{file}」有 {rows} 行，超过上限 {limit} 行",
        "“{file}” has {rows} rows, more than the limit of {limit}",
    ),
    "ingest.too_many_records.hint": ("请分批导入", "Import it in several parts"),
}
MESSAGES |= {
    # -- limits checked before any parser runs (limits.py)
    "ingest.too_many_rows": (
        "「{file}」有 {rows:,} 行记录，超过上限 {limit:,} 行，已拒绝（未解析）",
        "“{file}” has {rows:,} rows of records, more than the limit of {limit:,}; refused (not parsed)",
    ),
    "ingest.too_many_rows.hint": (
        "请分批导入，或只导出需要的范围",
        "Import it in several parts, or export only the area you need",
    ),
    "ingest.too_many_features": (
        "「{file}」有 {rows:,} 行要素，超过上限 {limit:,} 行，已拒绝（未解析）",
        "“{file}” has {rows:,} features, more than the limit of {limit:,}; refused (not parsed)",
    ),
    "ingest.too_many_features.hint": (
        "请分批导入，或只导出需要的范围",
        "Import it in several parts, or export only the area you need",
    ),
    "ingest.too_many_columns": (
        "「{file}」有 {columns:,} 列，超过上限 {limit} 列",
        "“{file}” has {columns:,} columns, more than the limit of {limit}",
    ),
    "ingest.too_many_columns.hint": ("请只导出需要的字段", "Export only the fields you need"),
    "ingest.too_many_dbf_fields": (
        "「{file}」的 .dbf 有 {fields:,} 个字段，超过上限 {limit} 个",
        "The .dbf of “{file}” has {fields:,} fields, more than the limit of {limit}",
    ),
    "ingest.too_many_dbf_fields.hint": ("请只导出需要的字段", "Export only the fields you need"),
    "ingest.repeated_columns": (
        "「{file}」中有重名字段：{columns}，无法判断该用哪一个",
        "“{file}” has repeated field names: {columns}; which one to use cannot be told",
    ),
    "ingest.repeated_columns.hint": (
        "请在 GIS 软件或 Excel 中把重名字段改成不同的名称后重新导出",
        "Rename the repeated fields to different names in your GIS software or Excel and export again",
    ),
    "ingest.zip_member_lies": (
        "「{file}」中的「{member}」解压出的数据比压缩包里写明的 {declared:,} 字节多，"
        "文件已损坏或被构造为“解压炸弹”，已拒绝（未解压完）",
        "“{member}” in “{file}” unzips to more than the {declared:,} bytes the archive declares: the file is "
        "damaged or built as a “zip bomb”; refused (not unzipped)",
    ),
    "ingest.zip_member_lies.hint": (
        "请用常用的压缩软件重新打包后上传",
        "Zip it again with a common archiver and upload it",
    ),
    "ingest.zip_member_broken": (
        "压缩包「{file}」中的「{member}」已损坏，无法解压（{detail}）",
        "“{member}” in the archive “{file}” is damaged and cannot be unzipped ({detail})",
    ),
    "ingest.zip_member_broken.hint": ("请重新压缩后上传", "Compress it again and upload it"),
    "ingest.zip_member_too_large": (
        "「{file}」中的「{member}」解压后有 {size}，超过上限 {limit}，已拒绝（未解压）",
        "“{member}” in “{file}” unzips to {size}, more than the limit of {limit}; refused (not unzipped)",
    ),
    "ingest.zip_member_too_large.hint": (
        "请只导出需要的范围，或拆成几个文件分别导入",
        "Export only the area you need, or split it into several files and import them one by one",
    ),
    # -- XLSX workbooks
    "ingest.xlsx_part_broken": (
        "「{file}」不是有效的 Excel（.xlsx）文件（「{member}」无法解压：{detail}）",
        "“{file}” is not a valid Excel (.xlsx) file (“{member}” cannot be unzipped: {detail})",
    ),
    "ingest.xlsx_part_broken.hint": (
        "请在 Excel 中另存为 .xlsx 后上传",
        "Save it as .xlsx in Excel, then upload that",
    ),
    "ingest.xlsx_dtd": (
        "「{file}」的「{member}」含有 DTD/实体声明，Excel 文件不会有，已拒绝",
        "“{member}” of “{file}” holds a DTD or entity declaration, which Excel files never do; refused",
    ),
    "ingest.xlsx_dtd.hint": (
        "请在 Excel 中打开并另存为 .xlsx 后重新上传",
        "Open it in Excel, save it as .xlsx and upload it again",
    ),
    "ingest.sheet_too_many_rows": (
        "「{file}」的工作表「{sheet}」有 {rows:,} 行以上（含空行），超过上限 {limit:,} 行，已拒绝（未解析）",
        "Sheet “{sheet}” of “{file}” has {rows:,} rows or more (empty ones included), more than the limit "
        "of {limit:,}; refused (not parsed)",
    ),
    "ingest.sheet_too_many_rows.hint": (
        "请分批导入；如果下方大多是空行，请在 Excel 中删除这些行后另存",
        "Import it in several parts; if most rows at the bottom are empty, delete them in Excel and "
        "save again",
    ),
    "ingest.sheet_too_many_cells": (
        "「{file}」的工作表「{sheet}」有超过 {limit:,} 个单元格，已拒绝（未解析）",
        "Sheet “{sheet}” of “{file}” has more than {limit:,} cells; refused (not parsed)",
    ),
    "ingest.sheet_too_many_cells.hint": (
        "请分批导入，或只保留需要的列和行",
        "Import it in several parts, or keep only the columns and rows you need",
    ),
    "ingest.sheet_too_many_columns": (
        "「{file}」的工作表「{sheet}」用到第 {column:,} 列，超过上限 {limit} 列",
        "Sheet “{sheet}” of “{file}” uses column {column:,}, beyond the limit of {limit} columns",
    ),
    "ingest.sheet_too_many_columns.hint": (
        "请删除多余的列（或清除远处单元格的内容和格式）后另存",
        "Delete the extra columns (or clear the contents and formats of far-off cells) and save again",
    ),
    "ingest.xlsx_too_large": (
        "「{file}」解压后有 {size}，超过上限 {limit}，已拒绝（未解析）",
        "“{file}” unzips to {size}, more than the limit of {limit}; refused (not parsed)",
    ),
    "ingest.xlsx_too_large.hint": (
        "请分批导入，或删除不需要的工作表和图片后另存",
        "Import it in several parts, or delete the sheets and pictures you do not need and save again",
    ),
    "ingest.xlsx_too_many_strings": (
        "「{file}」的共享字符串超过 {limit:,} 条，已拒绝（未解析）",
        "“{file}” has more than {limit:,} shared strings; refused (not parsed)",
    ),
    "ingest.xlsx_too_many_strings.hint": ("请分批导入", "Import it in several parts"),
}
_BOMB_HINT = (
    "文件可能已损坏或被构造为“解压炸弹”；正常表格请删除多余内容后另存为 .xlsx",
    "The file may be damaged or built as a “zip bomb”; for an ordinary table, delete what is not needed and "
    "save it as .xlsx",
)
for _part, _zh, _en in (
    ("strings", "共享字符串表", "shared strings table"),
    ("sheet", "工作表", "sheet"),
    ("part", "部件", "part"),
):
    MESSAGES[f"ingest.xlsx_{_part}_too_large"] = (
        f"「{{file}}」的{_zh}「{{member}}」解压后有 {{size}}，超过上限 {{limit}}，已拒绝（未解析）",
        f"The {_en} “{{member}}” of “{{file}}” unzips to {{size}}, more than the limit of {{limit}}; "
        "refused (not parsed)",
    )
    MESSAGES[f"ingest.xlsx_{_part}_too_large.hint"] = _BOMB_HINT

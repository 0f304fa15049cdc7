"""Messages of reading and importing files (geo/ingest/, geo/spatial/, geo/exports/): key ->
(中文, English)."""

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
    "ingest.no_such_layer": ("「{file}」中没有图层「{layer}」", "“{file}” has no layer “{layer}”"),
    "ingest.no_such_layer.hint": ("现有图层：{layers}", "Its layers: {layers}"),
}

"""Layer styles for QGIS: the atlas's colours as QML and SLD documents, stored in ``layer_styles``.

QGIS reads a layer's default style from the ``layer_styles`` table of the GeoPackage or PostGIS
database it opens the layer from (one row per table, ``useAsDefault`` true). This module builds
those documents from plain colours (a symbol per class: its colour, label and the attribute value or
filter it stands for) and writes them into either store; which colours a layer has is decided by the
map layer that draws it (:mod:`layers.qgis_styles` for built-in and imported layers), so geo never
depends on the drawing code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from geo.errors import DataValidationError
from geo.messages.formats import beijing_minute

STYLES_TABLE = "layer_styles"
KINDS = ("polygon", "line", "point")
# What QGIS calls each kind of symbol, and its SLD symbolizer.
_QGIS_SYMBOL = {"polygon": "fill", "line": "line", "point": "marker"}
_SLD_SYMBOLIZER = {"polygon": "PolygonSymbolizer", "line": "LineSymbolizer", "point": "PointSymbolizer"}
PX_PER_MM = 3.78  # a screen pixel of the web map in QGIS millimetres (96 dpi)


@dataclass(frozen=True)
class StyleClass:
    """One symbol of a style: its colour (``#rrggbb``), its label, and which features it draws —
    those whose ``column`` equals ``value``, those matching a QGIS ``expression``, or all (neither)."""

    color: str
    label: str
    value: object = None
    expression: str = ""


@dataclass(frozen=True)
class StyleDoc:
    """A layer's style as QGIS stores it: the table it belongs to, its name, QML and SLD."""

    table: str
    geometry_column: str
    name: str
    qml: str
    sld: str
    description: str = ""


def _rgb(color: str) -> tuple[int, int, int]:
    text = str(color).strip().lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    if len(text) != 6 or any(ch not in "0123456789abcdefABCDEF" for ch in text):
        raise DataValidationError.of("storage.bad_color", color=color)
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def qgis_color(color: str, *, opacity: float = 1.0) -> str:
    """A colour as QGIS writes it in QML: ``r,g,b,a`` (0-255 each)."""
    r, g, b = _rgb(color)
    return f"{r},{g},{b},{round(max(0.0, min(1.0, opacity)) * 255)}"


def _symbol(
    index: int, kind: str, color: str, *, fill_opacity: float, width_px: float, radius_px: float
) -> str:
    line = qgis_color(color)
    width_mm = f"{width_px / PX_PER_MM:.2f}"
    if kind == "polygon":
        props = {
            "color": qgis_color(color, opacity=fill_opacity),
            "outline_color": line,
            "outline_style": "solid",
            "outline_width": width_mm,
            "outline_width_unit": "MM",
            "style": "solid",
        }
        klass = "SimpleFill"
    elif kind == "line":
        props = {"line_color": line, "line_style": "solid", "line_width": width_mm, "line_width_unit": "MM"}
        klass = "SimpleLine"
    else:
        props = {
            "color": qgis_color(color, opacity=max(fill_opacity, 0.8)),
            "name": "circle",
            "outline_color": line,
            "outline_width": "0.2",
            "outline_width_unit": "MM",
            "size": f"{2 * radius_px / PX_PER_MM:.2f}",
            "size_unit": "MM",
        }
        klass = "SimpleMarker"
    options = "".join(f'<Option name="{k}" type="QString" value={quoteattr(v)}/>' for k, v in props.items())
    legacy = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return (
        f'<symbol type="{_QGIS_SYMBOL[kind]}" name="{index}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="{klass}" enabled="1" locked="0" pass="0">'
        f'<Option type="Map">{options}</Option>{legacy}</layer></symbol>'
    )


def _literal(value: object) -> str:
    if isinstance(value, bool | int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def qml_document(
    classes: list[StyleClass],
    *,
    kind: str,
    column: str = "",
    fill_opacity: float = 0.25,
    width_px: float = 1.5,
    radius_px: float = 3.0,
    label_column: str = "",
    aliases: Mapping[str, str] | None = None,
) -> str:
    """A QGIS style (QML) drawing ``classes``: one symbol (single class without a value), categories
    of ``column`` (classes with values) or rules (classes with expressions); with ``aliases``
    (column -> the name QGIS shows, ``land_mu`` -> ``用地面积（亩）``) the fields' aliases too.

    Raises
    ------
    DataValidationError
        When ``kind`` is unknown, there is no class, or a colour cannot be read.
    """
    if kind not in KINDS:
        raise DataValidationError.of("storage.unknown_geometry_kind", kind=kind, kinds="、".join(KINDS))
    if not classes:
        raise DataValidationError.of("storage.style_without_symbol")
    size = {"fill_opacity": fill_opacity, "width_px": width_px, "radius_px": radius_px}
    symbols = "".join(_symbol(i, kind, c.color, **size) for i, c in enumerate(classes))
    if column and all(c.value is not None for c in classes):
        cats = "".join(
            f'<category render="true" symbol="{i}" value={quoteattr(str(c.value))} '
            f"label={quoteattr(c.label)}/>"
            for i, c in enumerate(classes)
        )
        renderer = (
            f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(column)} symbollevels="0" '
            f'enableorderby="0" forceraster="0"><categories>{cats}</categories>'
            f"<symbols>{symbols}</symbols></renderer-v2>"
        )
    elif len(classes) > 1 or classes[0].expression:
        rules = "".join(
            f'<rule key="r{i}" symbol="{i}" label={quoteattr(c.label)} '
            f"filter={quoteattr(c.expression or 'ELSE')}/>"
            for i, c in enumerate(classes)
        )
        renderer = (
            '<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">'
            f'<rules key="root">{rules}</rules><symbols>{symbols}</symbols></renderer-v2>'
        )
    else:
        renderer = (
            '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
            f"<symbols>{symbols}</symbols></renderer-v2>"
        )
    labeling = ""
    if label_column:
        labeling = (
            '<labeling type="simple"><settings calloutType="simple">'
            f'<text-style fieldName={quoteattr(label_column)} fontSize="9" textColor="50,50,50,255"/>'
            "</settings></labeling>"
        )
    fields, categories = "", "Symbology|Labeling"
    if aliases:
        fields = (
            "<aliases>"
            + "".join(
                f"<alias field={quoteattr(str(k))} index={quoteattr(str(i))} name={quoteattr(str(v))}/>"
                for i, (k, v) in enumerate(aliases.items())
            )
            + "</aliases>"
        )
        categories += "|Fields"
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        f'<qgis version="3.22.0" styleCategories="{categories}">{renderer}{labeling}{fields}</qgis>\n'
    )


def sld_document(
    classes: list[StyleClass],
    *,
    kind: str,
    layer_title: str,
    column: str = "",
    fill_opacity: float = 0.25,
    width_px: float = 1.5,
    radius_px: float = 3.0,
) -> str:
    """The same style as an OGC SLD 1.1 document (for other GIS and QGIS's SLD import).

    Raises
    ------
    DataValidationError
        When ``kind`` is unknown, there is no class, or a colour cannot be read.
    """
    if kind not in KINDS:
        raise DataValidationError.of("storage.unknown_geometry_kind", kind=kind, kinds="、".join(KINDS))
    if not classes:
        raise DataValidationError.of("storage.style_without_symbol")
    rules = []
    for c in classes:
        hexa = "#{:02x}{:02x}{:02x}".format(*_rgb(c.color))
        stroke = (
            f'<se:Stroke><se:SvgParameter name="stroke">{hexa}</se:SvgParameter>'
            f'<se:SvgParameter name="stroke-width">{width_px:g}</se:SvgParameter></se:Stroke>'
        )
        fill = (
            f'<se:Fill><se:SvgParameter name="fill">{hexa}</se:SvgParameter>'
            f'<se:SvgParameter name="fill-opacity">{fill_opacity:g}</se:SvgParameter></se:Fill>'
        )
        if kind == "polygon":
            body = fill + stroke
        elif kind == "line":
            body = stroke
        else:
            body = (
                f"<se:Graphic><se:Mark><se:WellKnownName>circle</se:WellKnownName>{fill}{stroke}"
                f"</se:Mark><se:Size>{2 * radius_px:g}</se:Size></se:Graphic>"
            )
        where = ""
        if column and c.value is not None:
            where = (
                "<ogc:Filter><ogc:PropertyIsEqualTo>"
                f"<ogc:PropertyName>{escape(column)}</ogc:PropertyName>"
                f"<ogc:Literal>{escape(str(c.value))}</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>"
            )
        sym = _SLD_SYMBOLIZER[kind]
        rules.append(
            f"<se:Rule><se:Name>{escape(c.label)}</se:Name><se:Description><se:Title>{escape(c.label)}"
            f"</se:Title></se:Description>{where}<se:{sym}>{body}</se:{sym}></se:Rule>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" '
        'xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc">'
        f"<NamedLayer><se:Name>{escape(layer_title)}</se:Name><UserStyle><se:Name>{escape(layer_title)}"
        f"</se:Name><se:FeatureTypeStyle>{''.join(rules)}</se:FeatureTypeStyle></UserStyle></NamedLayer>"
        "</StyledLayerDescriptor>\n"
    )


# ---- the layer_styles table, as QGIS creates it ----------------------------------------------------

_GPKG_STYLES_DDL = f"""CREATE TABLE IF NOT EXISTS {STYLES_TABLE} (
 id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
 f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
 useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
 update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"""

PG_STYLES_DDL = f"""CREATE TABLE IF NOT EXISTS {STYLES_TABLE} (
 id SERIAL PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, f_table_name varchar,
 f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean,
 description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml,
 update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)"""


def write_gpkg_styles(con: sqlite3.Connection, docs: list[StyleDoc]) -> None:
    """Inside the caller's transaction: make ``docs`` the default styles of their tables in a
    GeoPackage (``layer_styles`` created and registered as an attribute table when missing; an older
    style of the atlas for the same table is replaced)."""
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if STYLES_TABLE not in have:
        con.execute(_GPKG_STYLES_DDL)
        con.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)"
            " VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            (STYLES_TABLE, STYLES_TABLE, "QGIS 图层样式（地图图例的颜色）"),
        )
    for doc in docs:
        con.execute(
            f"UPDATE {STYLES_TABLE} SET useAsDefault = 0 WHERE lower(f_table_name) = lower(?)", (doc.table,)
        )
        con.execute(
            f"DELETE FROM {STYLES_TABLE} WHERE lower(f_table_name) = lower(?) AND styleName = ?",
            (doc.table, doc.name),
        )
        con.execute(
            f"INSERT INTO {STYLES_TABLE} (f_table_catalog, f_table_schema, f_table_name, f_geometry_column,"
            " styleName, styleQML, styleSLD, useAsDefault, description, owner)"
            " VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, ?)",
            (doc.table, doc.geometry_column, doc.name, doc.qml, doc.sld, doc.description, ATLAS_OWNER),
        )


def gpkg_styles(path: str | Path) -> list[StyleDoc]:
    """The QGIS styles a GeoPackage file holds (``layer_styles``), each table's default last (so that
    writing them in order leaves it the default); none when the file has no styles table."""
    con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if STYLES_TABLE not in have:
            return []
        rows = con.execute(
            f"SELECT f_table_name, f_geometry_column, styleName, styleQML, styleSLD, description"
            f" FROM {STYLES_TABLE} ORDER BY COALESCE(useAsDefault, 0), id"
        ).fetchall()
    finally:
        con.close()
    return [
        StyleDoc(
            table=str(t),
            geometry_column=str(g or ""),
            name=str(n or t),
            qml=q or "",
            sld=s or "",
            description=d or "",
        )
        for t, g, n, q, s, d in rows
    ]


def gpkg_descriptions(path: str | Path) -> dict[str, tuple[str, str]]:
    """Each table's title and description as a GeoPackage file lists them (``gpkg_contents``)."""
    con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT table_name, identifier, description FROM gpkg_contents").fetchall()
    finally:
        con.close()
    return {str(t): (str(i or ""), str(d or "")) for t, i, d in rows}


_DATA_COLUMNS_DDL = """CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL,
 column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT,
 CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))"""


def write_gpkg_data_columns(con: sqlite3.Connection, table: str, aliases: Mapping[str, str]) -> None:
    """Inside the caller's transaction: each column's readable name (``用地面积（亩）``) as its name
    and title in ``gpkg_data_columns`` (the GeoPackage schema extension, 1.0+), which GDAL gives as
    the field's alternative name and QGIS shows as its alias."""
    con.execute(_DATA_COLUMNS_DDL)
    if not con.execute(
        "SELECT 1 FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns'"
        " AND extension_name = 'gpkg_schema'"
    ).fetchone():
        con.execute(
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)"
            " VALUES ('gpkg_data_columns', NULL, 'gpkg_schema',"
            " 'http://www.geopackage.org/spec121/#extension_schema', 'read-write')"
        )
    con.execute("DELETE FROM gpkg_data_columns WHERE lower(table_name) = lower(?)", (table,))
    seen: set[str] = set()
    for column, alias in aliases.items():
        if alias in seen:  # (table_name, name) is unique
            continue
        seen.add(alias)
        con.execute(
            "INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (?, ?, ?, ?)",
            (table, column, alias, alias),
        )


ATLAS_OWNER = "atlas"  # the owner of the styles the atlas writes (others were saved from QGIS)


def forget_gpkg_styles(con: sqlite3.Connection, table: str, *, own_only: bool = False) -> None:
    """Inside the caller's transaction: remove the styles of a dropped table (``own_only``: the
    atlas's own, for a table replaced under its name, which keeps the styles saved from QGIS)."""
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if STYLES_TABLE in have:
        mine = " AND owner = ?" if own_only else ""
        con.execute(
            f"DELETE FROM {STYLES_TABLE} WHERE lower(f_table_name) = lower(?){mine}",
            (table, *((ATLAS_OWNER,) if own_only else ())),
        )


def write_styles(target: object, docs: list[StyleDoc]) -> int:
    """Store ``docs`` as the default QGIS styles of their tables in a GeoPackage file (a path) or a
    store (:class:`geo.storage.interface.Store`); returns how many were written.

    Raises
    ------
    DataValidationError
        When the GeoPackage does not exist or a document names a table the file does not hold.
    """
    if getattr(target, "kind", None) == "postgis":  # a PostGISStore (a path has no kind)
        return target.write_styles(docs)  # type: ignore[attr-defined]
    path = Path(getattr(target, "path", target))  # a GpkgStore, or a file
    if not path.exists():
        raise DataValidationError.of("storage.gpkg_not_found", path=path)
    con = sqlite3.connect(path, timeout=120.0, isolation_level=None)
    try:
        tables = {r[0].lower() for r in con.execute("SELECT table_name FROM gpkg_contents")}
        missing = [d.table for d in docs if d.table.lower() not in tables]
        if missing:
            raise DataValidationError.of(
                "storage.gpkg_missing_layers", file=path.name, layers="、".join(missing)
            )
        con.execute("BEGIN IMMEDIATE")
        try:
            write_gpkg_styles(con, docs)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return len(docs)


# ---- what QGIS opens: the GeoPackage version, a layer's title and description, an import's style ----

# GDAL >= 3.11 writes GeoPackage 1.4 unless told otherwise, and QGIS 3.22 / GDAL 3.6 (Debian 12) then
# warn "1.4.0 may only be partially supported" on every open. Nothing the atlas writes needs 1.4: its
# files use only the R-tree and schema (gpkg_data_columns) extensions (GeoPackage 1.0) and WKT 1 CRS
# definitions (no gpkg_crs_wkt_1_1, no epochs), so they are written as 1.2, which every QGIS 3 reads
# without a word.
GPKG_VERSION = "1.2"


def gpkg_creation_options(path: str | Path) -> dict[str, str]:
    """GDAL's dataset creation options for writing a layer to ``path``: the GeoPackage version when
    the write creates the file (an existing file keeps its own)."""
    return {} if Path(path).exists() else {"VERSION": GPKG_VERSION}


# The colours imported layers are drawn in, by import order (layers/user_layers.py draws with these).
IMPORT_COLORS = ("#d62728", "#9467bd", "#17becf", "#bcbd22", "#8c564b")
_ACCURACY_ZH = {"real": "真实", "transcribed": "转录", "schematic": "示意", "synthetic": "合成"}


def layer_description(row: dict) -> str:
    """A stored layer's description for GIS software: source, accuracy, licence, the file it was
    imported from and when (北京时间), rows flagged, notes (blank parts left out)."""
    accuracy = str(row.get("accuracy") or "")
    parts = [
        f"来源：{row['source']}" if row.get("source") else "",
        f"精度：{_ACCURACY_ZH.get(accuracy, accuracy)}" if accuracy else "",
        f"许可：{row['licence']}" if row.get("licence") else "",
        f"导入自：{row['source_file']}" if row.get("source_file") else "",
        f"坐标：{row['source_crs']}" if row.get("source_crs") else "",
        # in Beijing time, as the app shows every time (the stored stamp stays UTC)
        f"导入时间：{beijing_minute(row['imported_at'], 'zh')}" if row.get("imported_at") else "",
        f"提醒行数：{row['rows_flagged']}" if row.get("rows_flagged") else "",
        str(row.get("note") or ""),
    ]
    return "；".join(p for p in parts if p)


def gpkg_describe(con: sqlite3.Connection, table: str, title: str, description: str) -> None:
    """Inside the caller's transaction: a table's title (``identifier``, unique in a GeoPackage: a
    title another table has is followed by the table name) and description in ``gpkg_contents``."""
    taken = con.execute(
        "SELECT 1 FROM gpkg_contents WHERE identifier = ? AND lower(table_name) <> lower(?)", (title, table)
    ).fetchone()
    identifier = f"{title}（{table}）" if taken else title
    con.execute(
        "UPDATE gpkg_contents SET identifier = ?, description = ? WHERE lower(table_name) = lower(?)",
        (identifier or table, description, table),
    )


def geometry_kind(geom_type: str) -> str:
    """The kind of symbol (polygon / line / point) for a geometry type name."""
    return "polygon" if "Polygon" in geom_type else "line" if "Line" in geom_type else "point"


def import_style(
    *,
    table: str,
    geometry_column: str,
    geom_type: str,
    title: str,
    index: int,
    aliases: Mapping[str, str] | None = None,
) -> StyleDoc:
    """The default style of an imported layer: one symbol in the colour the map gives it, and the
    columns' ``aliases`` (the headers people read) as QGIS's field aliases."""
    kind = geometry_kind(geom_type)
    color = IMPORT_COLORS[index % len(IMPORT_COLORS)]
    classes = [StyleClass(color=color, label=title)]
    size = {"fill_opacity": 0.25, "width_px": 1.5, "radius_px": 4.0}
    return StyleDoc(
        table=table,
        geometry_column=geometry_column,
        name=title,
        qml=qml_document(classes, kind=kind, aliases=aliases, **size),
        sld=sld_document(classes, kind=kind, layer_title=title, **size),
        description="苏州产业布局一张图：导入图层的默认样式",
    )


# ---- reading a stored style back: the colours the map draws a layer in, for the command line ----


@dataclass(frozen=True)
class DrawnColors:
    """The colours a layer's default style draws it in: one ``color`` (``#rrggbb``) and fill
    opacity, or a colour per value of ``column`` (``categories``: value -> ``#rrggbb``, in the
    style's order), ``color`` then drawing the features of no category."""

    color: str
    fill_opacity: float
    column: str = ""
    categories: tuple[tuple[str, str], ...] = ()


def _symbol_colors(symbol) -> tuple[str, float] | None:
    for option in symbol.iter("Option"):
        if option.get("name") in ("color", "line_color"):
            parts = [int(float(p)) for p in str(option.get("value", "")).split(",")[:4]]
            if len(parts) >= 3:
                alpha = parts[3] / 255 if len(parts) == 4 else 1.0
                return "#{:02x}{:02x}{:02x}".format(*parts[:3]), round(alpha, 2)
    return None


def drawn_colors(qml: str) -> DrawnColors | None:
    """The colours of a QML style (:func:`qml_document`'s single or categorized symbols), or None
    when it holds none this reads (another renderer, a broken document)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(qml.split("\n", 1)[1] if qml.startswith("<!DOCTYPE") else qml)
    except (ElementTree.ParseError, IndexError):
        return None
    renderer = root.find("renderer-v2")
    if renderer is None:
        return None
    symbols = {s.get("name"): _symbol_colors(s) for s in renderer.iter("symbol")}
    symbols = {k: v for k, v in symbols.items() if v is not None}
    if not symbols:
        return None
    first = next(iter(symbols.values()))
    categories = tuple(
        (str(c.get("value")), symbols[c.get("symbol")][0])
        for c in renderer.iter("category")
        if c.get("symbol") in symbols and c.get("value") not in (None, "")
    )
    if renderer.get("type") == "categorizedSymbol" and categories:
        return DrawnColors("#999999", first[1], str(renderer.get("attr") or ""), categories)
    return DrawnColors(first[0], first[1])


def gpkg_drawn_colors(path: str | Path, table: str) -> DrawnColors | None:
    """The colours ``table``'s default style in the GeoPackage ``path`` draws it in (the map's
    colours, which the demo store and the user stores keep for QGIS), or None without one."""
    defaults = [doc for doc in gpkg_styles(path) if doc.table == table]
    return drawn_colors(defaults[-1].qml) if defaults else None

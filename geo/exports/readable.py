"""A layer's features as a person reads them in a language: the one table the pages' and the command
line's CSV, XLSX and GeoJSON are written from (:meth:`layers.base.Layer.table` adds its tooltip's
fields; ``python -m geo.cli export`` calls it as is)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.catalogue import ENTERPRISE_BY_KEY, exact_header
from geo.catalogue import labels as catalogue_labels
from geo.exports.headers import (
    catalogue_headers,
    column_labels,
    own_coordinate_columns,
    source_coordinate_headers,
)
from geo.exports.tables import table_for_export, yes_no_in_words
from geo.ingest.checks import credit_code_column
from geo.ingest.report import FLAG_COLUMN, flag_text
from geo.messages import Lang, message, t
from geo.messages.names import district_kind_name, firm_name, industry_name
from geo.place_names import name_list, own_place_name, place_list, place_name

# Columns that hold names of places, industries or firms, by name: a table of a layer writes them in
# English on an English page (what :class:`layers.base.Field`'s ``names`` says of a tooltip field).
NAMED_COLUMNS = {
    "town": "place",
    "short_name": "place",
    "zone": "place",
    "county": "place",
    "industry": "industry",
    "industries": "industries",
    "key_industries": "industries",
    "kind": "district_kind",
    "name": "firm",
    "ent_name": "firm",
}


# The columns of an imported layer its map tooltip shows (the first four columns when it has none of
# them): the data page heads them by the catalogue of the layer's kind (:func:`imported_headers`).
# Names of places in them are the user's: :func:`own_names`.
# The atlas's measures of a shape (geo.exports.tables.with_measures): headed apart from a column
# of the layer's own that has their header (exports.column.<name>_measured).
MEASURES = ("area_km2", "area_mu", "length_km")

# The catalogue's 区镇 column: a user's column under one of its headers (所在镇（区）) names its 区镇
# as the user wrote them, an English file translating the fixed ones (:func:`is_town_header`).
TOWN_COLUMN = ENTERPRISE_BY_KEY["town"]

IMPORT_SHOWN_COLUMNS = (
    "name",
    "zone_id",
    "ent_id",
    "industry",
    "town",
    "land_mu",
    "tax_wan_yuan",
    "area_km2",
)


def own_names(named: Mapping[str, str]) -> dict[str, str]:
    """``named`` (column -> kind of names, :data:`NAMED_COLUMNS`) for a user's own layer: its places
    named as the user wrote them (``"own_place"``, :func:`geo.place_names.own_place_name`)."""
    return {c: "own_place" if kind == "place" else kind for c, kind in named.items()}


def imported_headers(kind: str, columns: Collection[object], lang: Lang) -> dict[str, str]:
    """Column -> header of the columns an imported layer of ``kind`` shows on its map
    (:data:`IMPORT_SHOWN_COLUMNS`), under the catalogue's names for that kind (a zone's ``name`` is
    名称, its ``zone_id`` 分区编号), the measured area under the one header every layer gives it
    (面积（km²）); a column the catalogue does not name keeps its name.

    Parameters
    ----------
    kind
        ``"zones"``, ``"enterprises"``, ``"parcels"`` or ``"other"``.
    columns
        The layer's attribute columns.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    dict
        ``{"zone_id": "分区编号", "name": "名称", ...}`` in the order shown.
    """
    names = [str(c) for c in columns]
    shown = [c for c in IMPORT_SHOWN_COLUMNS if c in names] or names[:4]
    known = (
        {**catalogue_labels("enterprises", lang), **catalogue_labels(kind, lang)} if kind != "other" else {}
    )
    # the measured area under the one header every layer's table gives it (面积（km²）): a CSV of the
    # districts and an imported zone layer has one area column, not 面积（km²） beside 面积（平方公里）
    known["area_km2"] = message("exports.column.area_km2", lang)
    known.setdefault("name", t("user.name", lang))
    return {c: known.get(c, c) for c in shown}


def is_town_header(column: object) -> bool:
    """Whether ``column`` is a header the catalogue reads as a 区镇 column (所在镇（区）, 所属区镇)
    but not the atlas's own ``town``: a user's column of 区镇 names kept as the file has it."""
    text = str(column)
    return text != TOWN_COLUMN.key and exact_header(text, TOWN_COLUMN) is not None


def _bare(header: object) -> str:
    """``header`` without spaces, brackets and commas: 面积（亩）, 面积(亩) and 面积亩 are one name."""
    return re.sub(r"[\s（）()，,]", "", str(header))


def _each_distinct(values: pd.Series, name: Callable[[object], str]) -> pd.Series:
    """``values`` each given by ``name``, worked out once per distinct value; blanks kept."""
    names = {v: name(v) for v in values.dropna().unique()}
    return values.map(names, na_action="ignore")


def _isna(value: object) -> bool:
    return value is None or (np.ndim(value) == 0 and bool(pd.isna(value)))


def _has_values(values: pd.Series) -> bool:
    """Whether any row has a value (not blank, not an empty text)."""
    return bool((values.notna() & (values.astype(str).str.strip() != "")).any())


def english_names(kind: str) -> Callable[[object, Lang], str]:
    """How ``lang`` names one value of a column holding ``kind`` (``"place"``, ``"own_place"``: a
    name the user supplied, as written but for the fixed 区镇 and districts, ``"places"``,
    ``"industry"``, ``"industries"``, ``"district_kind"``, ``"firm"``: a firm's own name, a synthetic
    demo firm's mark in ``lang``)."""
    return {
        "place": place_name,
        "own_place": own_place_name,
        "places": place_list,
        "industry": lambda v, lang: "" if _isna(v) else industry_name(str(v), lang),
        "industries": lambda v, lang: name_list(v, lang, industry_name),
        "district_kind": district_kind_name,
        "firm": firm_name,
    }[kind]


def readable_table(
    gdf: gpd.GeoDataFrame | pd.DataFrame,
    lang: Lang,
    *,
    shown: Mapping[str, tuple[object, str]] | None = None,
    leave_out: Collection[str] = (),
    named: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    leave_out_empty: bool = False,
) -> pd.DataFrame:
    """The features as a table reads them in ``lang``: no geometry, points with lon/lat (the stored
    WGS-84 position, once: a file's own 经度/纬度 giving the same position are left out, those that
    do not are headed as the file's values, :func:`geo.exports.headers.own_coordinate_columns`); columns under
    the atlas's headers (:func:`geo.exports.headers.column_labels`, an enterprise or parcel table's
    catalogued columns as the GeoJSON heads them, :func:`geo.exports.headers.catalogue_headers`); a
    column ``x_en`` beside ``x`` gives ``x`` its English values in English and is then left out;
    places and industries in ``named`` columns (default :data:`NAMED_COLUMNS`) named in English too;
    an import's warnings in ``lang``; yes/no in words (是/否, Yes/No); an import's coordinates in their
    source frame last, headed by it. A header two columns would share is given to the first only.
    ``gdf`` is not modified.

    Parameters
    ----------
    gdf
        The features (any CRS).
    lang
        ``"zh"`` or ``"en"``.
    shown
        Column -> (its values as shown, its header): a map layer's tooltip fields, written as given.
    leave_out
        Columns not written.
    named
        Column -> the kind of names it holds (see :func:`english_names`).
    headers
        Column -> its header, over the atlas's (an imported layer's: :func:`imported_headers`).
    leave_out_empty
        Leave out the columns no row has a value in (an imported layer: the standard columns its file
        never had, such as 工业增加值, as its GeoJSON leaves them out); the built-in layers keep theirs.

    Returns
    -------
    pandas.DataFrame
        The table, headed in ``lang``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    named = NAMED_COLUMNS if named is None else named
    out = table_for_export(gdf).drop(columns=list(leave_out), errors="ignore")
    if leave_out_empty and len(out):
        out = out.drop(columns=[c for c in out.columns if not _has_values(out[c])])
    same_position, file_coords = own_coordinate_columns(out, lang)
    out = out.drop(columns=same_position)
    fields = {c: v for c, v in (shown or {}).items() if c in out}
    own_headers: dict[str, str] = {}
    for col, (values, _label) in fields.items():
        out[col] = np.asarray(values)
    for col in [c for c in out.columns if c not in fields]:
        if lang != "en":
            continue
        if f"{col}_en" in out.columns:
            english = out[f"{col}_en"]
            out[col] = english.where(english.notna() & (english.astype(str) != ""), out[col])
        elif col in named:  # names of places and industries outside the tooltip
            name = english_names(named[col])
            out[col] = out[col].map(lambda v, name=name: name(v, lang), na_action="ignore")
        elif is_town_header(col):  # a user's own 所在镇（区）: its fixed 区镇 in English (walk19 b3)
            out[col] = _each_distinct(out[col], lambda v: own_place_name(v, lang))
            own_headers[col] = TOWN_COLUMN.label(lang)
        elif credit_code_column(col):  # a user's own 统一社会信用代码, in English words (walk20 item 6)
            own_headers[col] = message("exports.column.credit_code", lang)
    if FLAG_COLUMN in out.columns and FLAG_COLUMN not in fields:  # an import's warnings, in ``lang``
        out[FLAG_COLUMN] = out[FLAG_COLUMN].map(lambda v: flag_text(v, lang))
    out = yes_no_in_words(out, lang)  # 是/否, Yes/No: not True/False
    out = out.drop(columns=[c for c in out.columns if str(c).endswith("_en") and str(c)[:-3] in out.columns])
    # a GCJ-02/BD-09 file's own coordinates (经度_GCJ02) headed by their frame, after the WGS-84
    # lon/lat: a file read back takes its coordinates from the first longitude it finds
    source_coords = {**file_coords, **source_coordinate_headers(out.columns, lang)}
    out = out[[*(c for c in out.columns if c not in source_coords), *source_coords]]
    labels = {
        **column_labels(lang),
        **(headers or {}),
        **own_headers,
        **{c: label for c, (_values, label) in fields.items()},
        **catalogue_headers(out.columns, lang),
        **source_coords,
    }
    taken = {str(c) for c in out.columns if c not in labels}
    names = {}
    for col in out.columns:
        header = labels.get(col, col)
        # the file's own 面积（亩） beside it: headed apart in either language (an English file has
        # "Area (mu)" beside the file's 面积（亩）, walk19 b2)
        # (walk20: also a 面积亩 or 面积(亩), the same words in other brackets or none)
        beside_own = col in MEASURES and any(
            _bare(c) in {_bare(header), _bare(message(f"exports.column.{col}", "zh"))} for c in taken
        )
        if beside_own and header != col:
            header = message(f"exports.column.{col}_measured", lang)
        names[col] = header if header not in taken or header == col else col
        taken.add(names[col])
    return out.rename(columns=names)

"""The base type of a map layer: title, group, style, legend, tooltip fields and provenance."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

import layers.assets  # noqa: F401  (local Leaflet assets before any map is built)
from geo.exports.readable import NAMED_COLUMNS, english_names, own_names, readable_table
from geo.exports.tables import NUMBERS_AS_CAME, own_numbers
from geo.messages import Lang, t
from geo.messages.names import industry_name
from geo.spatial.crs import STORAGE_CRS, convert_frame
from geo.storage.provenance import ACCURACY_LABEL, LegendEntry, Provenance, accuracy_label
from layers.outline import Outline, outlines_for_live_map

__all__ = [
    "ACCURACY_LABEL",
    "NAMED_COLUMNS",
    "Field",
    "Layer",
    "LegendEntry",
    "Provenance",
    "accuracy_label",
]


def _english_names(kind: str) -> Callable[[object, Lang], str]:
    """How an English page names one value of a column holding ``kind`` (see :class:`Field`)."""
    return english_names(kind)


@dataclass(frozen=True)
class Field:
    """A tooltip/popup field: the column, its Chinese and English labels (units in the label).

    In English a field shows ``en_column`` (the data's English rendering, e.g. ``description_en``)
    where the frame has it, or its values named in English when ``names`` says what they name:
    ``"place"`` / ``"places"`` (geo/place_names.py; ``"own_place"`` a name the user supplied, as
    written but for the fixed 区镇 and districts), ``"industry"`` / ``"industries"`` (lists
    separated by ``、``); otherwise the values as they are (a firm's name).
    """

    column: str
    zh: str
    en: str
    names: str = ""
    en_column: str = ""

    def label(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.zh

    def shown(self, frame: pd.DataFrame, lang: Lang) -> pd.Series:
        """The field's values as ``lang`` shows them (a new series; ``frame`` is not modified)."""
        values = frame[self.column]
        if lang != "en":
            return values
        if self.en_column and self.en_column in frame.columns:
            english = frame[self.en_column]
            return english.where(english.notna() & (english.astype(str) != ""), values)
        if self.names:
            name = _english_names(self.names)
            return values.map(lambda v: name(v, lang), na_action="ignore")
        return values


def _isna(value: object) -> bool:
    return value is None or (np.ndim(value) == 0 and bool(pd.isna(value)))


# A shown value that is not the data's own (an English name) has the data's value beside it in the
# feature's properties under this prefix (pages read a click's properties as the data has them).
DATA_VALUE_PREFIX = "data."


def _escape_properties(
    gdf: gpd.GeoDataFrame, columns: Sequence[str], fields: Sequence[Field] = (), lang: Lang = "zh"
) -> gpd.GeoDataFrame:
    """Copy of the columns to show (``fields``' in ``lang``), with text HTML-escaped (a name holding
    <script> shows as text)."""
    out = gdf[[*columns, gdf.geometry.name]].copy()
    for f in fields:
        if f.column in out.columns and lang == "en" and (f.names or f.en_column):
            # the data's own value travels beside the English one: a click answers with it
            out[DATA_VALUE_PREFIX + f.column] = out[f.column]
            out[f.column] = f.shown(gdf, lang)
            columns = [*columns, DATA_VALUE_PREFIX + f.column]
    for col in columns:
        values = out[col]
        if pd.api.types.is_float_dtype(values):
            out[col] = values.round(2)
        elif not (pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values)):
            # text, categories, dates, mixed: everything else is drawn as escaped text
            out[col] = values.astype(object).map(lambda v: "" if _isna(v) else html.escape(str(v)))
    return out


@dataclass(frozen=True)
class Layer:
    """A map layer built from one stored layer (``source``) of the GeoPackage.

    Rendering never modifies the frame it is given; geometry is reprojected to WGS-84 (and
    shifted into GCJ-02 only when drawn on a Gaode basemap) on a copy.
    """

    name: str  # registry key
    source: str  # GeoPackage layer it draws
    title_zh: str
    title_en: str
    group: str  # e.g. "行政区划", "规划布局", "产业", "企业"
    kind: str  # "polygon" | "line" | "point"
    color: str = "#3366cc"
    fill_opacity: float = 0.25
    weight: float = 1.5
    radius: float = 3.0
    tooltip_fields: tuple[Field, ...] = ()
    popup_fields: tuple[Field, ...] = ()
    # Columns that draw the layer (colours) but that its table leaves out: they repeat a field's
    # value in other words (the 亩均 class "C" beside its field "C — adjust").
    table_leaves_out: tuple[str, ...] = ()
    # An import's table (CSV, XLSX, GeoJSON) leaves out the columns no row fills: the standard
    # columns its file never had (工业增加值 …); a built-in layer's table keeps all of its columns.
    table_leaves_out_empty: bool = False
    # An import's numbers are the user's own: its CSV writes them as they came (3014.7, not 3014.70),
    # as its workbook stores them (:data:`geo.exports.tables.NUMBERS_AS_CAME`)
    numbers_as_came: bool = False
    show: bool = True
    # Optional per-feature colour: column -> colour function (e.g. class colours)
    color_by: Callable[[pd.Series], pd.Series] | None = field(default=None, compare=False)
    legend_entries: Callable[[gpd.GeoDataFrame, Lang], list[LegendEntry]] | None = field(
        default=None, compare=False
    )
    # On the live maps: drawn simplified, the full outline fetched when zoomed in (layers/outline.py)
    outline: Outline | None = None
    # An outline layer drawn above another to mark some of its features (the parcels below the control
    # minimum): the column keying both. Its GeoJSON is no file of its own: the layer below it carries
    # the marks as a column (``mark`` and the outline's own fields), each feature written once.
    marks_layer_below_by: str = ""
    # The user's pick outlined over the other layers (the district clicked): drawn without tooltip or
    # hover, so that the layers under it answer the mouse as before, and not listed in the switcher.
    selection: bool = False
    # A shorter name for the layer's XLSX sheet when its title does not fit Excel's 31 characters
    # whole (geo/exports/sheets.py); empty: the title.
    sheet_zh: str = ""
    sheet_en: str = ""

    def title(self, lang: Lang) -> str:
        return self.title_en if lang == "en" else self.title_zh

    def sheet_title(self, lang: Lang) -> str:
        """The name of the layer's sheet in an XLSX download: its title, or the shorter name given."""
        return (self.sheet_en if lang == "en" else self.sheet_zh) or self.title(lang)

    def legend(self, gdf: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        """Legend rows for this layer (one swatch with its title unless the layer says otherwise)."""
        if self.legend_entries is not None:
            return self.legend_entries(gdf, lang)
        return [LegendEntry(self.title(lang), self.color, self.kind, self.fill_opacity)]

    def table(self, gdf: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
        """The features as a table reads them in ``lang`` (a map view's CSV, XLSX and GeoJSON):
        :func:`geo.exports.readable.readable_table`, the tooltip's and popup's fields with their
        values as shown in ``lang`` (English names, ``en_column``) under their labels (the catalogued
        columns of an enterprise or parcel table keep the GeoJSON's headers: 用地面积（亩）, not the
        tooltip's 用地（亩）). ``gdf`` is not modified.
        """
        columns = set(gdf.columns) - set(self.table_leaves_out)
        fields = {f.column: f for f in (*self.tooltip_fields, *self.popup_fields) if f.column in columns}
        out = readable_table(
            gdf,
            lang,
            shown={c: (f.shown(gdf, lang).to_numpy(), f.label(lang)) for c, f in fields.items()},
            leave_out=(*self.table_leaves_out, *(f.en_column for f in fields.values() if f.en_column)),
            leave_out_empty=self.table_leaves_out_empty,
            # a user's own layer (its numbers as they came): its places as the user wrote them
            named=own_names(NAMED_COLUMNS) if self.numbers_as_came else None,
        )
        if self.numbers_as_came:
            out.attrs[NUMBERS_AS_CAME] = own_numbers(out)
        return out

    def _prepared(self, gdf: gpd.GeoDataFrame, *, gcj02: bool, lang: Lang = "zh") -> gpd.GeoDataFrame:
        if gdf.crs is None:
            raise ValueError(f"layer {self.name}: frame has no CRS")
        fields = (*self.tooltip_fields, *self.popup_fields)
        columns = list(dict.fromkeys(f.column for f in fields if f.column in gdf.columns))
        out = gdf.to_crs(STORAGE_CRS) if not gdf.crs.equals(gpd.GeoSeries(crs=STORAGE_CRS).crs) else gdf
        out = _escape_properties(out, columns, fields, lang)
        if self.color_by is not None:
            out["_color"] = np.asarray(self.color_by(gdf))
        if gcj02:
            out = convert_frame(out, src="wgs84", dst="gcj02")
        return out

    def to_folium(
        self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False
    ) -> folium.FeatureGroup:
        """A FeatureGroup holding this layer, named with its title (shown in the layer switcher)."""
        data, full_outline = outlines_for_live_map(self._prepared(gdf, gcj02=gcj02, lang=lang), self.outline)
        # Leaflet writes layer-switcher names and tooltip/popup labels as HTML: escape them here
        # (titles and, for imports, column names come from users and files).
        title = html.escape(self.title(lang))
        group = folium.FeatureGroup(name=title, show=self.show, control=not self.selection)
        tooltip_cols = [f.column for f in self.tooltip_fields if f.column in data.columns]
        popup_cols = [f.column for f in self.popup_fields if f.column in data.columns]
        color, opacity, weight, kind = self.color, self.fill_opacity, self.weight, self.kind
        per_feature = "_color" in data.columns

        def style(feature: dict) -> dict:
            c = feature["properties"].get("_color", color) if per_feature else color
            if kind == "line":
                return {"color": c, "weight": weight, "opacity": 0.9}
            return {"color": c, "weight": weight, "fillColor": c, "fillOpacity": opacity}

        kwargs = {}
        if self.selection:  # a mark, not a layer to hover or click: the one under it answers
            shapes = folium.GeoJson(data, name=title, style_function=style, interactive=False).add_to(group)
            if full_outline is not None:
                shapes.add_child(full_outline)
            return group
        if tooltip_cols:
            kwargs["tooltip"] = folium.GeoJsonTooltip(
                fields=tooltip_cols,
                aliases=[html.escape(f.label(lang)) for f in self.tooltip_fields if f.column in data.columns],
                sticky=True,
            )
        if popup_cols:
            kwargs["popup"] = folium.GeoJsonPopup(
                fields=popup_cols,
                aliases=[html.escape(f.label(lang)) for f in self.popup_fields if f.column in data.columns],
            )
        if kind == "point":
            kwargs["marker"] = folium.CircleMarker(
                radius=self.radius, weight=0.5, fill=True, fill_opacity=0.8
            )
        shapes = folium.GeoJson(
            data,
            name=title,
            style_function=style,
            highlight_function=(lambda _f: {"weight": weight + 2, "fillOpacity": min(1.0, opacity + 0.25)}),
            **kwargs,
        ).add_to(group)
        if full_outline is not None:
            shapes.add_child(full_outline)
        return group


INDUSTRY_SEPARATOR = "、"


def carries_industry(values: pd.Series, industry: str) -> np.ndarray:
    """Whether each ``、``-separated industry list names ``industry`` exactly (new boolean array)."""
    return np.array(
        [industry in str(v).split(INDUSTRY_SEPARATOR) if v is not None and v == v else False for v in values],
        dtype=bool,
    )


def highlight_industry(
    layer: Layer,
    industry: str | None,
    *,
    column: str,
    on: str,
    off: str,
    label_on: str,
    label_off: str,
    opacity_on: float = 0.35,
    opacity_off: float = 0.25,
) -> Layer:
    """``layer`` with the features whose ``column`` names ``industry`` in colour ``on``, the rest ``off``.

    ``label_on`` / ``label_off`` are catalogue keys (``label_on`` may hold ``{industry}``). No industry:
    the plain layer.
    """
    if not industry:
        return layer

    def colors(frame: gpd.GeoDataFrame) -> np.ndarray:
        return np.where(carries_industry(frame[column], industry), on, off)

    swatch = "fill" if layer.kind == "polygon" else layer.kind

    def legend(_frame: gpd.GeoDataFrame, lang: Lang) -> list[LegendEntry]:
        return [
            LegendEntry(
                t(label_on, lang).format(industry=industry_name(industry, lang)), on, swatch, opacity_on
            ),
            LegendEntry(t(label_off, lang), off, swatch, opacity_off),
        ]

    return replace(layer, color_by=colors, legend_entries=legend)

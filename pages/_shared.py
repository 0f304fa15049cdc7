"""Helpers shared by the pages: sidebar settings, cached loaders, the map widget. Not a page itself."""

from __future__ import annotations

import html
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NoReturn, TypeVar

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit import config as st_config
from streamlit_folium import st_folium

from geo.access import firm_columns, firm_level
from geo.errors import DataValidationError
from geo.i18n import Lang
from geo.ingest import list_user_layers
from geo.storage.base import open_store
from geo.storage.builtin import layer_metadata, load_layer
from layers import REGISTRY
from layers.base import Layer, Provenance, accuracy_label
from layers.mapview import MapLayer, basemap_is_gcj02, fit_script, legend_html, render_map, view_extent
from layers.offline_html import map_downloads
from layers.snapshot import SnapshotControl
from layers.user_layers import user_map_layers
from pages import _cache
from pages._strings import t

BASEMAP_KEYS = ("none", "osm", "gaode", "tianditu")
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """What the shared sidebar chose."""

    lang: Lang
    basemap: str
    tianditu_key: str | None


def basemap_choice(value) -> str:
    """The basemap key of a stored choice. The page reads it before the sidebar's select box is
    drawn (app.py), and a run that follows a language switch can bring the box's old label back
    ("无底图（离线可用）"): mapped to its key, anything else to no basemap."""
    if value in BASEMAP_KEYS:
        return value
    labels = {t(f"app.basemap.{k}", lang): k for k in BASEMAP_KEYS for lang in ("zh", "en")}
    return labels.get(value, "none")


def settings() -> Settings:
    """The shared sidebar's current choices (defaults before the sidebar has run)."""
    lang = st.session_state.get("lang", "zh")
    basemap = basemap_choice(st.session_state.get("basemap", "none"))
    key = st.session_state.get("tianditu_key") or os.environ.get("TIANDITU_TK") or None
    if basemap == "tianditu" and not key:
        basemap = "none"
    return Settings(lang=lang, basemap=basemap, tianditu_key=key)


def _store_stamp() -> tuple[str, str]:
    return _cache.builtin_stamp()


# The stamp (where, change stamp) of the built-in layers' store (the demo GeoPackage, or PostGIS
# when ATLAS_DATABASE_URL is set) is a hashed argument (no leading underscore), so the caches
# refresh when the GeoPackage is rewritten or PostGIS commits a write. _cache.resource: one frame
# in the server process, shared by every session (cache_data would unpickle a copy on every call).
@_cache.resource(max_entries=64)
def _cached_layer(name: str, stamp: tuple[str, str]) -> pd.DataFrame:
    return load_layer(name)


@_cache.resource(max_entries=4)
def _cached_metadata(stamp: tuple[str, str]) -> pd.DataFrame:
    return layer_metadata()


def layer_frame(name: str) -> gpd.GeoDataFrame | pd.DataFrame:
    """A stored layer (cached until the GeoPackage changes), shared by all sessions: callers must
    not modify it (filter or ``.assign``/``.copy()`` into a new frame instead)."""
    return _cached_layer(name, _store_stamp())


def metadata() -> pd.DataFrame:
    """The provenance table, indexed by layer."""
    return _cached_metadata(_store_stamp())


def map_layer(name: str, frame: gpd.GeoDataFrame | None = None) -> MapLayer:
    """A registered layer with its stored frame (or the given, filtered one) and provenance."""
    layer = REGISTRY[name]
    data = layer_frame(layer.source) if frame is None else frame
    return MapLayer(layer, data, Provenance.from_metadata(metadata(), layer.source))


def map_layer_of(
    layer: Layer, frame: gpd.GeoDataFrame | None = None, *, provenance_of: str | None = None
) -> MapLayer:
    """Like :func:`map_layer` for a variant of a registered layer (e.g. ``for_industry(...)``).

    ``provenance_of`` names the stored layer whose accuracy the legend shows, when the values
    drawn come from another table than the geometry (e.g. roles transcribed onto schematic zones).
    """
    data = layer_frame(layer.source) if frame is None else frame
    return MapLayer(layer, data, Provenance.from_metadata(metadata(), provenance_of or layer.source))


def show_error(exc: DataValidationError) -> None:
    """Show a data error to the user in their words; never swallow its type."""
    st.error(str(exc))


def show_map(
    m: folium.Map | Callable[[], folium.Map],
    *,
    key: str,
    height: int = 620,
    returned_objects: list[str] | None = None,
    cache_key: tuple | None = None,
    signal_drawn: bool = False,
) -> dict:
    """Draw a folium map; returns streamlit-folium's dict ({} when nothing came back).

    With ``cache_key``, ``m`` is a function building the map, called once per key, data stamp
    and sidebar choice for all sessions (see pages/_cache.py); the key must name whatever else
    the map depends on. Without, ``m`` is the map, rendered on every run. ``signal_drawn``: see
    :func:`rest_after_map` (with ``cache_key`` only).
    """
    if cache_key is not None:
        parts = _cache.base_parts((*_settings_key(), *cache_key), key, m)
        return _cache.draw(
            parts, None, key=key, height=height, returned_objects=returned_objects, signal_drawn=signal_drawn
        )
    out = st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=returned_objects if returned_objects is not None else [],
    )
    return out or {}


# How long a page waits for its map's "drawn" signal before it shows what follows the map anyway:
# for a map frame that never draws. A slow browser (ten pages opening at once took 35 s) is waited
# for: sent the rest early, it drew its map later still, and each such page cost the server a third
# run (measured: 3 runs per load instead of 2). A hidden page signals at once (pages/_cache.DRAWN_JS).
WAIT_FOR_MAP_S = 60.0
WAIT_CHECK_S = 10.0  # how often the page looks at the clock meanwhile


def map_first_run(key: str) -> bool:
    """Whether this run draws the map ``key`` (drawn with ``signal_drawn=True``) for the first
    time in this session and ends at :func:`rest_after_map`: what the page draws before the map
    in such a run is what the map waits for. Never under AppTest (no browser)."""
    return not _cache.map_drawn(key) and not st_config.get_option("global.appTest")


def rest_after_map(key: str, lang: Lang) -> None:
    """End the run here until this session's browser has drawn the map ``key`` (drawn with
    ``signal_drawn=True``); the map's signal starts the next run, which goes on past this point.

    A fresh page thus draws its map before the browser loads and lays out the tables and charts
    below it, which is where most of a page load's time went (docs/performance.md); they follow
    a moment later. Without a browser (AppTest), or when the map has not answered within
    :data:`WAIT_FOR_MAP_S` seconds, the run goes on.
    """
    if not map_first_run(key):
        return
    st.caption(":material/hourglass_top: " + t("app.after_map", lang))
    _wait_for_map(key)
    st.stop()


class PageStopped(BaseException):  # noqa: N818 (a control signal, like Streamlit's StopException)
    """Raised by :func:`stop_page`. A BaseException, so that no ``except Exception`` takes it."""


def stop_page() -> NoReturn:
    """End the page here, its message standing (pages call this, never ``st.stop()``): ``app.py``
    draws the shared sidebar after the page, and ``st.stop()`` would end the run before it."""
    raise PageStopped


_frame = threading.local()  # this script run's sidebar slot for the page's controls (app.py)


def set_controls_slot(slot) -> None:
    """``app.py``: where this run's page controls go (the top of the sidebar, above the settings)."""
    _frame.controls = slot


def controls_slot():
    """The container of the page's controls: the top of the sidebar (``st.sidebar`` without app.py)."""
    return getattr(_frame, "controls", None) or st.sidebar


def page_control(map_key: str, key: str, default: T, draw: Callable[[], T]) -> T:
    """A page's control (``draw`` makes the widget with ``key``), at the top of the sidebar, above
    the shared settings. On the run that draws the map ``map_key`` for the first time (:func:`map_first_run`)
    it is not drawn: the value is the session's, or ``default``, which must be the widget's own
    default. The map waits for every element sent before it (docs/performance.md, seventh round);
    the control follows a moment later, beside the map, moving nothing on the page."""
    if map_first_run(map_key):
        return st.session_state.get(key, default)
    with controls_slot():
        return draw()


@st.fragment(run_every=WAIT_CHECK_S)
def _wait_for_map(key: str) -> None:
    started = st.session_state.setdefault(f"_atlas_wait_{key}", time.monotonic())
    if time.monotonic() - started >= WAIT_FOR_MAP_S - WAIT_CHECK_S / 2:
        _cache.mark_drawn(key)  # the map did not answer: go on without it
        st.rerun(scope="app")


def lazy_tabs(labels: Sequence[str], key: str) -> Sequence:
    """Tabs of which only the open one is drawn: each tab's ``.open`` says whether to fill it, a
    click on another tab starts a run that draws that one (Streamlit's ``on_change="rerun"``). A
    page sends only the tables and charts of the tab in view, not those of every tab (the
    evaluation page sent 9 MB per load). The open tab survives a switch of the UI language."""
    at = f"_tab_open_{key}"  # its position: the labels change with the language
    if st.session_state.get(key) not in labels and at in st.session_state:
        st.session_state[key] = labels[min(st.session_state[at], len(labels) - 1)]
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    st.session_state[at] = next((i for i, tab in enumerate(tabs) if tab.open), 0)
    return tabs


def _settings_key() -> tuple:
    s = settings()
    return (s.lang, s.basemap, s.tianditu_key)


def provenance_table(layers: list[str], lang: Lang) -> pd.DataFrame:
    """Source and accuracy of the given stored layers, with headers in the UI language."""
    meta = metadata()
    rows = []
    for name in layers:
        row = meta.loc[name]
        rows.append(
            {
                t("col.layer", lang): row["title_en"] if lang == "en" else row["title_zh"],
                t("col.accuracy", lang): accuracy_label(row["accuracy"], lang),
                t("col.source", lang): row["source"],
                t("col.licence", lang): row["licence"],
                t("col.crs", lang): row["crs"],
                t("col.note", lang): row["note"],
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- maps whose parts change
class _LegendPart(MacroElement):
    """Writes the legend rows of the changing layers into the map's legend box (replacing old ones)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var box = document.querySelector('.atlas-legend');
          if (!box) return;
          var part = box.querySelector('.atlas-legend-dynamic');
          if (!part) {
            part = document.createElement('div');
            part.className = 'atlas-legend-dynamic';
            box.insertBefore(part, box.children[1] || null);
          }
          part.innerHTML = {{ this.body|tojson }};
        })();
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "LegendPart"
        self.body = body


def _legend_group(changing: list[MapLayer], *, lang: Lang) -> folium.FeatureGroup:
    """An empty layer that writes the changing layers' legend rows into the map's legend box."""
    sections = [(i.layer.title(lang), i.provenance, i.layer.legend(i.frame, lang)) for i in changing]
    body = legend_html(sections, lang=lang, title=t("layer.legend_selected", lang), foldable=False)
    group = folium.FeatureGroup(name="legend", control=False)
    group.add_child(_LegendPart(f'<div style="margin:4px 0;border-bottom:1px solid #ddd">{body}</div>'))
    return group


def _changing_groups(changing: list[MapLayer], *, lang: Lang, gcj02: bool) -> list[folium.FeatureGroup]:
    groups = [item.layer.to_folium(item.frame, lang=lang, gcj02=gcj02) for item in changing]
    return [*groups, _legend_group(changing, lang=lang)] if groups else []


def show_map_with(
    m: folium.Map | Callable[[], folium.Map],
    changing: list[MapLayer],
    *,
    key: str,
    lang: Lang,
    gcj02: bool,
    height: int = 620,
    returned_objects: list[str] | None = None,
    base_key: tuple | None = None,
    changing_key: tuple | list[tuple] | None = None,
    signal_drawn: bool = False,
    fit_to: tuple[float, float, float, float] | None = None,
) -> dict:
    """Draw a map whose ``changing`` layers follow the widgets without rebuilding the map.

    ``fit_to`` (west, south, east, north; e.g. ``layers.mapview.frame_extent`` of a scope filtered
    to a town): the map zooms there when the changing layers change, and only then.

    ``m`` (from ``render_map``) must not depend on the widgets: then the component keeps its
    identity, and with it the user's pan and zoom. The ``changing`` layers travel as
    streamlit-folium's ``feature_group_to_add`` and replace the previous ones in the browser;
    their legend rows replace the dynamic part of the map's legend box.

    With ``base_key``, ``m`` is a function building the map, rendered once per key (+ data
    stamp and sidebar) for all sessions; with ``changing_key`` the changing layers are rendered
    once per key (+ data stamp, ``lang``, ``gcj02``) likewise; a list of keys, one per changing
    layer, caches each layer on its own (a layer whose key holds is not rendered again when
    another changes). Each key must name everything its part depends on besides the stored
    data and the sidebar (see pages/_cache.py). ``signal_drawn`` (with ``base_key`` only): see
    :func:`rest_after_map`.
    """
    if base_key is None:
        groups = _changing_groups(changing, lang=lang, gcj02=gcj02)
        control = None
        if groups:
            # One layer switcher that lists the changing layers too (not only the base map's), so each
            # of them can be turned off: the map's own switcher gives way to streamlit-folium's.
            _drop_layer_control(m)
            control = folium.LayerControl(collapsed=False)
        out = st_folium(
            m,
            key=key,
            height=height,
            use_container_width=True,
            returned_objects=returned_objects if returned_objects is not None else [],
            feature_group_to_add=groups or None,
            layer_control=control,
        )
        return out or {}
    if not changing:
        parts = _cache.base_parts((*_settings_key(), *base_key), key, m)
        return _cache.draw(
            parts, None, key=key, height=height, returned_objects=returned_objects, signal_drawn=signal_drawn
        )
    # One layer switcher listing the base and the changing layers (see above), rendered with the map.
    overlays = tuple((item.layer.title(lang), item.layer.show) for item in changing)
    parts, control_script = _cache.base_with_control(
        (*_settings_key(), *base_key), key, overlays, lambda: _drop_layer_control(m())
    )
    if changing_key is None:
        script = _cache.render_groups(_changing_groups(changing, lang=lang, gcj02=gcj02))
    elif isinstance(changing_key, list):
        if len(changing_key) != len(changing):
            raise ValueError("changing_key: one key per changing layer")
        script = "".join(
            _cache.group_script(
                (key, lang, gcj02, item.layer.name, *part),
                i,
                lambda item=item: item.layer.to_folium(item.frame, lang=lang, gcj02=gcj02),
            )
            for i, (item, part) in enumerate(zip(changing, changing_key, strict=True))
        )
        # the legend rows follow every layer's key (a pass over each layer's features: not per run)
        script += _cache.group_script(
            (key, lang, gcj02, "legend", *(item.layer.name for item in changing), *changing_key),
            len(changing),
            lambda: _legend_group(changing, lang=lang),
        )
    else:
        script = _cache.groups_script(
            (key, lang, gcj02, *changing_key),
            lambda: _changing_groups(changing, lang=lang, gcj02=gcj02),
        )
    if fit_to is not None and script:
        script += fit_script(fit_to)
    return _cache.draw(
        parts, script, key=key, height=height, returned_objects=returned_objects, layer_control=control_script,
        signal_drawn=signal_drawn,
    )  # fmt: skip


def _drop_layer_control(m: folium.Map) -> folium.Map:
    for name, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            del m._children[name]
    return m


def full_map(
    build: Callable[[], folium.Map], changing: list[MapLayer], *, lang: Lang, gcj02: bool
) -> Callable[[], folium.Map]:
    """A function building the whole map as drawn (``build()`` plus the changing layers), e.g.
    for the offline HTML download, built on click."""

    def make() -> folium.Map:
        m = build()
        for group in _changing_groups(changing, lang=lang, gcj02=gcj02):
            m.add_child(group)
        return m

    return make


def clicked_properties(out: dict | None) -> dict:
    """The properties of the feature last clicked on a map ({} when nothing was clicked).

    Reads streamlit-folium's ``last_active_drawing`` (the clicked layer as GeoJSON); handles a
    missing or None return value. Text comes back as drawn, HTML-escaped; it is unescaped here so
    that it matches the data again.
    """
    feature = (out or {}).get("last_active_drawing") or {}
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return {}
    return {k: html.unescape(v) if isinstance(v, str) else v for k, v in props.items()}


# ---- imported layers and exports on every map page ------------------------------------------


def user_store_stamp() -> tuple[str, str]:
    """(which store, its change stamp): keys the caches of imported layers, so that every session sees
    a write of any other session or process on its next run."""
    store = open_store()
    return store.location, store.stamp()


@_cache.resource(max_entries=4)
def _cached_user_items(stamp: tuple[str, str]) -> list[MapLayer]:
    return [] if stamp[1] == "absent" else user_map_layers()


@_cache.resource(max_entries=4)
def _cached_firm_imports(stamp: tuple[str, str]) -> frozenset[str]:
    if stamp[1] == "absent":
        return frozenset()
    kinds = dict(zip(*(list_user_layers()[c] for c in ("layer", "kind")), strict=True))
    return frozenset(
        item.layer.name
        for item in _cached_user_items(stamp)
        if firm_level(str(kinds.get(item.layer.name, "other")), item.frame.columns)
    )


def firm_imports() -> frozenset[str]:
    """The imports holding enterprise rows (``geo.access.firm_level``): every enterprise import, and
    any other but a zone layer carrying enterprise figures."""
    return _cached_firm_imports(user_store_stamp())


def exportable(names: list[str]) -> list[str]:
    """``names`` (built-in layers and imports) without those holding enterprise rows, unless this
    session's role sees them (``geo.access``)."""
    if _cache.audience() == "firms":
        return names
    hidden = firm_imports()
    return [n for n in names if n not in hidden and not (n in REGISTRY and firm_columns(layer_frame(n).columns))]


def user_layers() -> list[MapLayer]:
    """The user's imported layers (数据管理) as map layers with their recorded provenance (shared by
    all sessions until the user store changes: do not modify). A session whose role sees no
    enterprise rows (``pages/_auth.py``) gets none of the imports that hold them."""
    try:
        items = _cached_user_items(user_store_stamp())
        if _cache.audience() == "firms":
            return items
        hidden = firm_imports()
        return [item for item in items if item.layer.name not in hidden]
    except DataValidationError as exc:
        show_error(exc)
        return []


def add_snapshot_button(m: folium.Map, title: str, *, lang: Lang) -> folium.Map:
    """Give the map its snapshot button (saves the view as the user sees it, basemap included)."""
    m.add_child(SnapshotControl(title=title, lang=lang))
    return m


def export_panel(
    title: str,
    items: list[MapLayer],
    m: folium.Map | Callable[[], folium.Map],
    *,
    lang: Lang,
    key: str,
    per_row: int = 3,
    extent: tuple[float, float, float, float] | None = None,
    subtitle: str = "",
) -> None:
    """Downloads of what the map shows (filters applied): GeoJSON, CSV, XLSX, briefing PNG, HTML.

    Bytes are built on click, in memory; ``m`` is the map or a function building it (on click).
    Call after the map is drawn (after :func:`rest_after_map`, or past ``map_first_run``).
    ``per_row``: buttons to a row (2 in a column beside a panel, where three cut their labels).
    ``extent``: the view on screen (``layers.mapview.view_extent``), what the briefing PNG shows;
    ``subtitle``: a line under the briefing's title (e.g. the feature the user clicked).
    """
    with st.expander(t("export.panel", lang), icon=":material/download:"):
        st.caption(t("export.panel_note", lang))
        made = map_downloads(title, items, m, lang=lang, extent=extent, subtitle=subtitle)
        download_buttons(made, key=key, per_row=per_row)


def download_buttons(downloads: dict, *, key: str, per_row: int = 3) -> None:
    """One button per download, ``per_row`` to a row; the bytes are built when the user clicks."""
    cols = st.columns(per_row)
    for i, (name, item) in enumerate(downloads.items()):
        cols[i % per_row].download_button(
            item.label,
            data=item.make,
            file_name=item.filename,
            mime=item.mime,
            key=f"{key}_{name}",
            on_click="ignore",
            width="stretch",
        )


def map_with_exports(
    base: list[MapLayer],
    changing: list[MapLayer],
    *,
    title: str,
    key: str,
    note: str,
    center,
    zoom: int,
    height: int = 640,
    returned_objects: list[str] | None = None,
    export_title: str | None = None,
    changing_key: tuple | list[tuple] | None = None,
    base_key: tuple = (),
    signal_drawn: bool = False,
    export_subtitle: Callable[[dict], str] | None = None,
) -> dict:
    """A page's map: ``base`` layers stay (and with them the user's view), ``changing`` ones follow
    the widgets; then the 示意图 note and the export panel. Returns streamlit-folium's dict.

    The map reports its view (``"bounds"``), so that the briefing PNG shows what is on screen;
    ``export_subtitle`` makes the briefing's subtitle from streamlit-folium's dict (e.g. what
    the user clicked).

    ``export_title`` (e.g. naming the industry picked) titles the downloads; the map itself keeps
    ``title``, so that a widget change does not rebuild it.

    The map with the ``base`` layers is rendered once per data stamp, sidebar choice and
    ``base_key`` for all sessions: ``base`` must depend on nothing else (name it in ``base_key``
    if it does). ``changing_key`` (e.g. the widget values) keys the rendered ``changing`` layers
    likewise; without it they are rendered on every run.
    """
    s = settings()
    gcj02 = basemap_is_gcj02(s.basemap)

    def build() -> folium.Map:
        m = render_map(
            base, lang=s.lang, basemap=s.basemap, tianditu_key=s.tianditu_key, center=center, zoom=zoom
        )
        return add_snapshot_button(m, title, lang=s.lang)

    out = show_map_with(
        build,
        changing,
        key=key,
        lang=s.lang,
        gcj02=gcj02,
        height=height,
        returned_objects=[*(returned_objects or []), "bounds"],
        base_key=(title, tuple(center), zoom, *base_key),
        changing_key=changing_key,
        signal_drawn=signal_drawn,
    )
    if signal_drawn and map_first_run(key):
        return out  # the note and the downloads below the map follow it (they move nothing)
    st.caption(":material/warning: " + note + " " + t("app.disclaimer", s.lang))
    export_panel(
        export_title or title,
        base + changing,
        full_map(build, changing, lang=s.lang, gcj02=gcj02),
        lang=s.lang,
        key=f"{key}_export",
        per_row=2,  # the map's column leaves room for two full labels at 1280 px
        extent=view_extent(out),
        subtitle=export_subtitle(out) if export_subtitle is not None else "",
    )
    return out


def wujiang_map(base: list[MapLayer], changing: list[MapLayer], towns: gpd.GeoDataFrame, **options) -> dict:
    """:func:`map_with_exports` for a 吴江 map: opened on its 区镇 ``towns`` at zoom 10, returning the
    clicked feature (``last_active_drawing``) for the panel beside it. ``options``: title, key, note..."""
    return map_with_exports(
        base,
        changing,
        center=map_center(towns),
        zoom=10,
        height=640,
        returned_objects=["last_active_drawing"],
        **options,
    )


LEGEND_ROOM_DEG = 0.1  # open maps this far west of the middle, so the legend box hides less


def map_center(frame: gpd.GeoDataFrame) -> tuple[float, float]:
    """(lat, lon) to open a map on: the middle of the frame's extent, moved for the legend.

    Worked out once per frame object (the stored frames are shared, see :func:`layer_frame`)."""
    return _center_of(frame)


def _center(frame: gpd.GeoDataFrame) -> tuple[float, float]:
    minx, miny, maxx, maxy = frame.to_crs("EPSG:4326").total_bounds
    return (miny + maxy) / 2, (minx + maxx) / 2 - LEGEND_ROOM_DEG


_center_of = _cache.PerObject(_center)


def wujiang_base() -> list[MapLayer]:
    """The layers under every Wujiang map: districts, the 区镇 outlines (schematic), the user's imports.

    The 区镇 are drawn unfilled so the coloured layers that follow the widgets show through.
    """
    towns = REGISTRY["wujiang_towns"]
    return [
        map_layer("districts"),
        map_layer_of(replace(towns, fill_opacity=0.0)),
        *user_layers(),
    ]

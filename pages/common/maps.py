"""The map on a page: drawn once per key and sent as payloads (pages/common/cache.py), the
changing layers with their legend, the exports beside it, clicks read back, Wujiang's base."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace

import folium
import geopandas as gpd
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from geo.messages import Lang, t
from geo.storage.provenance import LegendEntry
from layers import REGISTRY
from layers.base import DATA_VALUE_PREFIX, Layer
from layers.mapview import (
    MapLayer,
    basemap_is_gcj02,
    fit_script,
    legend_html,
    render_map,
    shown_layers,
    switched,
    view_extent,
)
from layers.offline_html import map_downloads
from layers.snapshot import SnapshotControl
from pages.common import cache
from pages.common.frame import map_first_run, settings, settings_key
from pages.common.stored import map_layer, map_layer_of, user_layers


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
    and sidebar choice for all sessions (see pages/common/cache.py); the key must name whatever else
    the map depends on. Without, ``m`` is the map, rendered on every run. ``signal_drawn``: see
    :func:`rest_after_map` (with ``cache_key`` only).
    """
    if cache_key is not None:
        parts = cache.base_parts((*settings_key(), *cache_key), key, m)
        return cache.draw(
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


def _changing_groups(
    changing: list[MapLayer], *, lang: Lang, gcj02: bool, marks: Sequence[MapLayer] = ()
) -> list[folium.FeatureGroup]:
    """The changing layers, then the ``marks`` over them (e.g. the district clicked), then their legend."""
    drawn = [*changing, *marks]
    groups = [item.layer.to_folium(item.frame, lang=lang, gcj02=gcj02) for item in drawn]
    return [*groups, _legend_group(drawn, lang=lang)] if groups else []


def marks_key(marks: Sequence[MapLayer]) -> tuple:
    """What keys the drawn ``marks`` (their layers and rows), for the changing layers' cache key."""
    return tuple((item.layer.name, cache.frame_key(item.frame)) for item in marks)


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
    marks: Sequence[MapLayer] = (),
) -> dict:
    """Draw a map whose ``changing`` layers follow the widgets without rebuilding the map.

    ``marks`` (e.g. the district clicked, :func:`layers.districts.clicked`) are drawn over the
    changing layers like them, with their legend rows, but not listed in the layer switcher; the
    cache keys name them (:func:`marks_key`).

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
    data and the sidebar (see pages/common/cache.py). ``signal_drawn`` (with ``base_key`` only): see
    :func:`rest_after_map`.
    """
    if base_key is None:
        groups = _changing_groups(changing, lang=lang, gcj02=gcj02, marks=marks)
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
    # the changing layers as the user last switched them: drawn again (a widget changed, or what the
    # user clicked), they keep that state instead of opening as they first did
    states = switched(st.session_state.get(key))
    changing = [
        replace(
            item, layer=replace(item.layer, show=states.get(item.layer.title(lang).strip(), item.layer.show))
        )
        for item in changing
    ]
    shows = tuple(item.layer.show for item in changing)
    if not changing and not marks:
        parts = cache.base_parts((*settings_key(), *base_key), key, m)
        return cache.draw(
            parts, None, key=key, height=height, returned_objects=returned_objects, signal_drawn=signal_drawn
        )
    # One layer switcher listing the base and the changing layers (see above), rendered with the map.
    overlays = tuple((item.layer.title(lang), item.layer.show) for item in changing)
    parts, control_script = cache.base_with_control(
        (*settings_key(), *base_key), key, overlays, lambda: _drop_layer_control(m())
    )
    if changing_key is None:
        script = cache.render_groups(_changing_groups(changing, lang=lang, gcj02=gcj02, marks=marks))
    elif isinstance(changing_key, list):
        if len(changing_key) != len(changing):
            raise ValueError("changing_key: one key per changing layer")
        script = "".join(
            cache.group_script(
                (key, lang, gcj02, item.layer.name, item.layer.show, *part),
                i,
                lambda item=item: item.layer.to_folium(item.frame, lang=lang, gcj02=gcj02),
            )
            for i, (item, part) in enumerate(
                zip([*changing, *marks], [*changing_key, *marks_key(marks)], strict=True)
            )
        )
        # the legend rows follow every layer's key (a pass over each layer's features: not per run)
        script += cache.group_script(
            (
                key,
                lang,
                gcj02,
                "legend",
                *(item.layer.name for item in changing),
                *changing_key,
                *marks_key(marks),
                *shows,
            ),
            len(changing) + len(marks),
            lambda: _legend_group([*changing, *marks], lang=lang),
        )
    else:
        script = cache.groups_script(
            (key, lang, gcj02, *changing_key, *marks_key(marks), *shows),
            lambda: _changing_groups(changing, lang=lang, gcj02=gcj02, marks=marks),
        )
    if fit_to is not None and script:
        script += fit_script(fit_to)
    return cache.draw(
        parts,
        script,
        key=key,
        height=height,
        returned_objects=returned_objects,
        layer_control=control_script,
        signal_drawn=signal_drawn,
    )


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
    that it matches the data again, and a value drawn in English is the data's own again.
    """
    feature = (out or {}).get("last_active_drawing") or {}
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return {}
    out = {k: html.unescape(v) if isinstance(v, str) else v for k, v in props.items()}
    # a value drawn in English comes with the data's own beside it (layers.base.DATA_VALUE_PREFIX)
    out.update({k[len(DATA_VALUE_PREFIX) :]: v for k, v in out.items() if k.startswith(DATA_VALUE_PREFIX)})
    return out


def _view_of(answer: dict) -> tuple[tuple[float, float], int] | None:
    """((lat, lon), zoom) the map reported last; None before it reported its view."""
    center, zoom = answer.get("center"), answer.get("zoom")
    if not isinstance(center, dict) or center.get("lat") is None or zoom is None:
        return None
    return (round(float(center["lat"]), 6), round(float(center["lng"]), 6)), int(round(float(zoom)))


def kept_through_language_switch(key: str, lang: Lang, picked: Callable[[dict], object]) -> dict:
    """What the user picked on the map ``key`` and its view ({"picked", "view"}) from before the UI
    language last switched, for the map drawn again in ``lang``: the map's text changes with the
    language, so the browser draws a new map (nothing clicked, opened where it first opens); it
    opens where the other one was, with what was picked (walk 19 b5: 用地强度's parcel; walk 21:
    两轴三带's click). ``picked`` reads it from the map's last answer (None: nothing picked in it).
    The map must return ``"center"`` and ``"zoom"``. {} when the language has not switched; a
    page sets ``kept["picked"]`` when its map answers a new click."""
    before = st.session_state.get(f"{key}_lang")
    st.session_state[f"{key}_lang"] = lang
    kept = st.session_state.get(f"{key}_kept") or {}
    if before is not None and before != lang:  # this run follows a switch: read the map drawn before it
        last = st.session_state.get(key)
        last = last if isinstance(last, dict) else {}
        old = kept if kept.get("lang") == before else {}  # switched twice without a click between
        value = picked(last)
        kept = {
            "lang": lang,
            "picked": old.get("picked") if value is None else value,
            "view": _view_of(last) or old.get("view"),
        }
        st.session_state[f"{key}_kept"] = kept
    return kept if kept.get("lang") == lang else {}


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
    outlines: list[MapLayer] | None = None,
) -> None:
    """Downloads of what the map shows (filters applied): GeoJSON, CSV, XLSX, briefing PNG, HTML.

    Bytes are built on click, in memory; ``m`` is the map or a function building it (on click).
    Call after the map is drawn (after :func:`rest_after_map`, or past ``map_first_run``).
    ``per_row``: buttons to a row (2 in a column beside a panel, where three cut their labels).
    ``extent``: the view on screen (``layers.mapview.view_extent``), what the briefing PNG shows;
    ``subtitle``: a line under the briefing's title (e.g. the feature the user clicked). ``items``
    are the layers the map shows (``layers.mapview.shown_layers``): none gives a note, no buttons.
    ``outlines``: what the user clicked, outlined over the briefing PNG's map
    (:func:`layers.offline_html.map_downloads`).
    """
    with st.expander(t("export.panel", lang), icon=":material/download:"):
        st.caption(t("export.panel_note", lang))
        if not items:
            st.info(t("export.none_shown", lang))
            return
        made = map_downloads(
            title, items, m, lang=lang, extent=extent, subtitle=subtitle, outlines=outlines or ()
        )
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
    export_outlines: Callable[[dict], list[MapLayer]] | None = None,
) -> dict:
    """A page's map: ``base`` layers stay (and with them the user's view), ``changing`` ones follow
    the widgets; then the 示意图 note and the export panel. Returns streamlit-folium's dict.

    The map reports its view (``"bounds"``) and the layers switched on (``"selected_layers"``), so
    that the briefing PNG shows what is on screen;
    ``export_subtitle`` makes the briefing's subtitle from streamlit-folium's dict (e.g. what
    the user clicked); ``export_outlines`` the layers outlining it (e.g. the district clicked,
    :func:`layers.districts.clicked`), drawn over the live map (``marks`` of :func:`show_map_with`,
    from the map's last answer, so they stay through every rerun) and over the briefing's map alike.

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

    # what the user picked, from the map's last answer (the value this run's map returns too)
    last = st.session_state.get(key)
    marks = export_outlines(last if isinstance(last, dict) else {}) if export_outlines is not None else []
    out = show_map_with(
        build,
        changing,
        key=key,
        lang=s.lang,
        gcj02=gcj02,
        height=height,
        returned_objects=[*(returned_objects or []), "bounds", "selected_layers"],
        base_key=(title, tuple(center), zoom, *base_key),
        changing_key=changing_key,
        signal_drawn=signal_drawn,
        marks=marks,
    )
    if signal_drawn and map_first_run(key):
        return out  # the note and the downloads below the map follow it (they move nothing)
    st.caption(":material/warning: " + note + " " + t("map.disclaimer", s.lang))
    export_panel(
        export_title or title,
        shown_layers(base + changing, out, lang=s.lang),
        full_map(build, changing, lang=s.lang, gcj02=gcj02),
        lang=s.lang,
        key=f"{key}_export",
        per_row=2,  # the map's column leaves room for two full labels at 1280 px
        extent=view_extent(out),
        subtitle=export_subtitle(out) if export_subtitle is not None else "",
        outlines=marks,
    )
    return out


WUJIANG_ZOOM = 10  # a 吴江 map opens on all its 区镇


def wujiang_map(base: list[MapLayer], changing: list[MapLayer], towns: gpd.GeoDataFrame, **options) -> dict:
    """:func:`map_with_exports` for a 吴江 map: opened on its 区镇 ``towns`` at :data:`WUJIANG_ZOOM`,
    returning the clicked feature (``last_active_drawing``) for the panel beside it. ``options``:
    title, key, note..."""
    return map_with_exports(
        base,
        changing,
        center=map_center(towns),
        zoom=WUJIANG_ZOOM,
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


_center_of = cache.PerObject(_center)


# The outlines a user's layer is shown against (layer -> colour, weight in px): the districts dark
# and wide, the 区镇 within them light and thin, told apart on the map and on the briefing PNG (walk19:
# both 1 px of the same grey, one swatch twice in the legend)
REFERENCE_OUTLINES = {"districts": ("#555555", 2.2), "wujiang_towns": ("#999999", 0.9)}
PX_IN_POINTS = 0.75  # a map's px (CSS, 96 per inch) in the briefing's points (72 per inch)


def reference_layers() -> list[MapLayer]:
    """What a user's layer is shown against: the districts and Wujiang's 区镇, grey outlines only
    (:data:`REFERENCE_OUTLINES`), drawn and in the legend as on the map."""

    def outline(name: str) -> Layer:
        color, weight = REFERENCE_OUTLINES[name]
        layer = replace(REGISTRY[name], fill_opacity=0.0, weight=weight, color=color)
        edge = LegendEntry(layer.title_zh, color, "fill", 0.0, line_width=weight * PX_IN_POINTS)
        return replace(
            layer,
            legend_entries=lambda _frame, lang: [replace(edge, label=layer.title(lang))],
        )

    return [map_layer_of(outline(name)) for name in REFERENCE_OUTLINES]


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

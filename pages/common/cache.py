"""Work done once per data and configuration and shared by every session: rendered maps and
a page's heavy results (:func:`shared`).

``st_folium`` renders the whole folium map to JavaScript on every script run of every session
(templates, GeoJSON, the 16,766-point payload, regular expressions over all of it) although a
page's map depends only on the stored data, the sidebar and a few widgets. Here the pieces it
sends to its component are built once per *key* and kept in :class:`Resource` caches (one copy in
the server process, bounded by ``max_entries``), and the component is called with them:

- :func:`base_parts` — the map itself (``script``, ``header``, ``html``, asset links), keyed by the
  caller's key; the component keeps its identity (and the user's view) while the key holds.
- :func:`groups_script` — the layers that follow the widgets (streamlit-folium's
  ``feature_group_to_add``), keyed likewise; the browser redraws them only when they change.
- :func:`draw` — the streamlit-folium component with those parts.

Keys are tuples of hashable values, always with the session's :func:`audience` (what its role
may see: an anonymous session never gets a map built for staff); :func:`data_stamp` (both
GeoPackages' modification times)
and :func:`frame_key` (which rows a filtered frame holds) help to build them. A key must name
everything the drawn result depends on. Not a page itself.
"""

from __future__ import annotations

import functools
import hashlib
import html
import inspect
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from textwrap import dedent
from typing import TypeVar
from urllib.parse import quote

import branca
import folium
import folium.elements
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st
import streamlit_folium as stf
from streamlit import dataframe_util

from geo.storage.base import open_store
from geo.storage.builtin import builtin_stamp as _builtin_stamp
from layers import canvas
from pages.common import payloads

T = TypeVar("T")

# Bounds on what the caches hold: each entry is one rendered map (base: up to ~2 MB with an
# import drawn on it; layers that follow the widgets: up to ~1.5 MB with all enterprises).
BASE_ENTRIES = 48
GROUP_ENTRIES = 96
# Heavy results of a page (pages' tables and map frames for one scope): up to a few MB each.
RESULT_ENTRIES = 128


class Resource:
    """``func`` with its results kept for every session of the server process, like
    ``st.cache_resource``, keyed by the arguments themselves (Python's own hash: they must be
    hashable) but those whose name starts with ``_``. Streamlit's cache hashes each argument with
    its own hasher and inspects the function's signature on every call: a page calls its caches
    some 25 times a run, and that was a sixth of the evaluation page's script time (cProfile).
    At most ``most`` results, the least recently used forgotten first; callers asking for a key
    being computed wait for that one computation; a failure is not kept."""

    def __init__(self, func: Callable, most: int) -> None:
        self._func, self._most = func, most
        names = list(inspect.signature(func).parameters)
        self._keep = tuple(i for i, n in enumerate(names) if not n.startswith("_"))
        self._values: OrderedDict = OrderedDict()
        self._pending: dict = {}
        self._lock = threading.Lock()
        functools.update_wrapper(self, func)

    def _key(self, args: tuple, kwargs: dict) -> tuple:
        key = tuple(args[i] for i in self._keep if i < len(args))
        if kwargs:
            key += tuple(sorted((k, v) for k, v in kwargs.items() if not k.startswith("_")))
        return key

    def __call__(self, *args, **kwargs):
        key = self._key(args, kwargs)
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            try:
                value = self._func(*args, **kwargs)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            with self._lock:
                self._values[key] = value
                while len(self._values) > self._most:
                    self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


_resources: dict[tuple, Resource] = {}
_resources_lock = threading.Lock()


def resource(*, max_entries: int) -> Callable[[Callable], Resource]:
    """Decorator: :class:`Resource` with at most ``max_entries`` results, one per function.

    A page script is executed anew on every run, and so is its decorator: the cache is found
    again by the function's file, name and code (as Streamlit's own caches are), not made anew
    (which would compute the page's heavy result on every run)."""

    def make(func: Callable) -> Resource:
        code = func.__code__
        key = (code.co_filename, func.__qualname__, hashlib.sha1(code.co_code).hexdigest(), max_entries)
        with _resources_lock:
            if key not in _resources:
                _resources[key] = Resource(func, max_entries)
            found = _resources[key]
            found._func = func  # computed by this run's definition (its globals), as Streamlit does
            return found

    return make


_run = threading.local()


def begin_run() -> None:
    """Called as each script run starts (app.py): forget the last run's :func:`builtin_stamp`."""
    _run.builtin = None
    _run.active = True  # a script run's thread (outside one every call reads the store)


_AUDIENCE = "_atlas_audience"


def set_audience(audience: str) -> None:
    """What this session may see (``geo.access``: "summary" or "firms"; app.py sets it on every run
    from the signed-in role). Every shared result and rendered map is keyed by it, so that a
    session is never sent what was built for a role that sees more. Kept in the session's state,
    which the page's script run reads wherever it runs."""
    st.session_state[_AUDIENCE] = audience


def audience() -> str:
    """This session's audience (:func:`set_audience`); "summary" when none was set, or outside a
    script run."""
    try:
        return str(st.session_state.get(_AUDIENCE, "summary"))
    except Exception:  # noqa: BLE001 (no session: bare calls from tests and benchmarks)
        return "summary"


def builtin_stamp() -> tuple[str, str]:
    """The built-in layers' store stamp (geo.storage.builtin.builtin_stamp), read once per script run: a page
    asks for it with every cached frame and result (a file stat, or a query with PostGIS), and
    that store is written only by the command line (``load-demo``), never during a page's run."""
    if not getattr(_run, "active", False):
        return _builtin_stamp()
    if _run.builtin is None:
        _run.builtin = _builtin_stamp()
    return _run.builtin


def data_stamp() -> tuple[str, str, str, str]:
    """The built-in layers' store (demo GeoPackage, or PostGIS with ATLAS_DATABASE_URL) and the user
    store, each (where, stamp): changes when either is written (by any session or process)."""
    user = open_store()
    return (*builtin_stamp(), user.location, user.stamp())


def frame_key(frame: pd.DataFrame) -> str:
    """A short digest of which rows ``frame`` holds (its index): with the data stamp and the
    settings that computed the values, it keys a layer drawn from a filtered frame."""
    values = pd.Index(frame.index).to_numpy()
    digest = hashlib.blake2b(digest_size=12)
    digest.update(str(len(values)).encode())
    digest.update(values.tobytes() if values.dtype != object else "\x1f".join(map(str, values)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class MapParts:
    """What streamlit-folium's component needs to draw a map (as ``st_folium`` computes it)."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    defaults: dict
    component_key: str

    @property
    def size(self) -> int:
        return len(self.script) + len(self.header) + len(self.html)


# folium.Map brings Leaflet.awesome-markers and Font Awesome for marker icons (folium.Icon); a map
# with none (no atlas map draws one) does not load them.
ICON_ASSETS = ("awesome-markers/", "fontawesome/")


def _links(m: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSS and JS files of every element of ``m`` (as ``st_folium`` collects them), without the
    icon assets when ``m`` draws no icon."""

    def walk(element):
        yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    css, js, icons = [], [], False
    for element in walk(m):
        if isinstance(element, branca.colormap.ColorMap):  # never drawn by the atlas
            raise ValueError("colormaps need d3 from a CDN; the atlas draws its own legends")
        icons = icons or isinstance(element, folium.Icon)
        if not isinstance(element, folium.elements.JSCSSMixin):
            continue
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    if not icons:  # folium.Map always lists them for its marker icons: two files fewer in the frame
        css, js = ([u for u in urls if not any(a in u for a in ICON_ASSETS)] for urls in (css, js))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def render_parts(m: folium.Map, *, key: str) -> MapParts:
    """The component arguments ``st_folium(m, key=key)`` would send (``m`` is used up: rendering
    renames its elements)."""
    m.get_root().render()
    m.render()
    html = stf._get_html(m)
    header = stf._get_header(m)
    script = stf._get_map_string(m)
    css, js = _links(m)
    southwest, northeast = m.get_bounds()
    defaults = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": {
            "_southWest": {"lat": southwest[0], "lng": southwest[1]},
            "_northEast": {"lat": northeast[0], "lng": northeast[1]},
        },
        "zoom": m.options.get("zoom"),
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }
    return MapParts(
        script=script,
        header=header,
        html=html,
        map_id=stf.get_full_id(m),
        css_links=css,
        js_links=js,
        defaults=defaults,
        component_key=stf.generate_js_hash(script, key, False),
    )


def render_groups(groups: Sequence[folium.FeatureGroup], *, start: int = 0) -> str:
    """The script that adds ``groups`` to the drawn map (streamlit-folium's ``feature_group_to_add``),
    numbered from ``start`` (scripts of consecutive groups can be rendered apart and joined).

    Rendered against a scratch map, so nothing shared is modified.
    """
    scratch = folium.Map(tiles=None)
    script = ""
    for idx, group in enumerate(groups, start=start):
        group._id = f"feature_group_{idx}"
        group.add_to(scratch)
        group.render()
        text = stf.generate_leaflet_string(group, base_id=f"feature_group_{idx}")
        text = dedent(text.replace(stf.get_full_id(scratch), "map_div"))
        # a group switched off (``show=False``: the user's last switch) is listed, not drawn
        add = f"map_div.addLayer(feature_group_feature_group_{idx});" if group.show else ""
        script += text + dedent(
            f"""
            {add}
            window.feature_group = window.feature_group || [];
            window.feature_group.push(feature_group_feature_group_{idx});
            """
        )
    return script


@resource(max_entries=RESULT_ENTRIES)
def _result(cache_key: tuple, _compute: Callable[[], T]) -> T:
    return _compute()


def shared(cache_key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per ``cache_key`` (+ data stamp) for all sessions (a page's
    heavy results: evaluations, tables, map frames). Ten sessions asking at once wait for one
    computation. Callers must not modify what they get."""
    return _result((data_stamp(), audience(), *cache_key), compute)


# The Arrow IPC bytes st.dataframe sends for a table, made once per table object: the tables
# shared_table returns are kept (and never modified: Arrow tables are immutable), and Streamlit
# would serialise each again on every run of every session (a third of the evaluation page's
# server time for its 1.9 MB ranking).
class PerObject:
    """What ``make(obj)`` returns, made once per live object ``obj`` (by identity, held weakly):
    for results derived from the shared frames and tables, which are kept and never modified."""

    def __init__(self, make: Callable, most: int = RESULT_ENTRIES) -> None:
        self._make, self._most = make, most
        self._known: dict[int, tuple[weakref.ref, object]] = {}
        self._lock = threading.Lock()

    def __call__(self, obj):
        with self._lock:
            known = self._known.get(id(obj))
        if known is not None and known[0]() is obj:
            return known[1]
        made = self._make(obj)
        with self._lock:
            if len(self._known) >= self._most:
                self._known.clear()
            key = id(obj)
            # forgotten as the object goes (what it held is freed with it)
            self._known[key] = (weakref.ref(obj, lambda _, k=key: self._known.pop(k, None)), made)
        return made


dataframe_util.convert_arrow_table_to_arrow_bytes = PerObject(
    dataframe_util.convert_arrow_table_to_arrow_bytes
)


DICTIONARY_ROWS_MIN = 1_000  # a shorter table sends little whatever its encoding


def dictionary_strings(table: pa.Table) -> pa.Table:
    """``table`` with each text column that repeats its values (at most one distinct value in four
    rows: 区镇, 行业, 类别, 主要失分指标 …) dictionary-encoded: each value sent once, the rows as
    small integers. The grid shows the same text; the ranking of Wujiang's 6,333 scored enterprises
    went from 1.87 to 1.26 MB. A column holding an empty text is left as it is: the grid draws an
    empty value of a dictionary as a grey "None" (seen by the walk in the shortfalls column)."""
    if table.num_rows < DICTIONARY_ROWS_MIN:
        return table
    for i, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        column = table.column(i)
        if pc.any(pc.equal(column, "")).as_py():
            continue  # Streamlit's grid draws an empty text of a dictionary as "None"
        if pc.count_distinct(column).as_py() * 4 <= table.num_rows:
            table = table.set_column(i, field.name, pc.dictionary_encode(column))
    return table


def shared_table(cache_key: tuple, frame: pd.DataFrame) -> pa.Table:
    """``frame`` as the Arrow table ``st.dataframe`` sends (repeated text dictionary-encoded:
    :func:`dictionary_strings`), converted once per ``cache_key`` (the key ``frame`` was computed
    under) for all sessions: for a table of thousands of rows the conversion is most of what
    drawing it costs the server."""
    return shared(
        ("arrow", *cache_key),
        lambda: dictionary_strings(
            dataframe_util.convert_pandas_df_to_arrow_table(frame, preserve_index=False)
        ),
    )


@resource(max_entries=BASE_ENTRIES)
def _base(cache_key: tuple, widget_key: str, _build: Callable[[], folium.Map]) -> MapParts:
    with payloads.live_outlines():
        m = _build()
    return render_parts(m, key=widget_key)


@resource(max_entries=GROUP_ENTRIES)
def _groups(cache_key: tuple, _build: Callable[[], Sequence[folium.FeatureGroup]]) -> str:
    with payloads.served_payloads():
        return render_groups(_build())


@resource(max_entries=BASE_ENTRIES)
def _base_with_control(
    cache_key: tuple, widget_key: str, overlays: tuple, _build: Callable[[], folium.Map]
) -> tuple[MapParts, str]:
    with payloads.live_outlines():
        m = _build()
    parts = render_parts(m, key=widget_key)  # renames m's elements as the browser will know them
    for idx, (name, show) in enumerate(overlays):  # stand-ins named as render_groups names them
        # escaped as layers/base.py escapes every layer title: a title is user text
        stand_in = folium.FeatureGroup(name=html.escape(name), show=show)
        stand_in._id = f"feature_group_{idx}"
        stand_in.add_to(m)
    return parts, stf._get_layer_control_string(folium.LayerControl(collapsed=False), m)


def base_with_control(
    cache_key: tuple, widget_key: str, overlays: tuple, build: Callable[[], folium.Map]
) -> tuple[MapParts, str]:
    """Like :func:`base_parts` for a map ``build()`` makes without a layer switcher, plus the
    script of one switcher listing its layers and the ``overlays`` ((title, shown) of each
    changing layer, in order), as st_folium's ``layer_control`` sends it."""
    return _base_with_control((data_stamp(), audience(), *cache_key), widget_key, overlays, build)


@resource(max_entries=GROUP_ENTRIES)
def _one_group(cache_key: tuple, idx: int, _build: Callable[[], folium.FeatureGroup]) -> str:
    with payloads.served_payloads():
        return render_groups([_build()], start=idx)


def base_parts(cache_key: tuple, widget_key: str, build: Callable[[], folium.Map]) -> MapParts:
    """The map ``build()`` makes, rendered once per ``cache_key`` (+ data stamp) for all sessions."""
    return _base((data_stamp(), audience(), *cache_key), widget_key, build)


def groups_script(cache_key: tuple, build: Callable[[], Sequence[folium.FeatureGroup]]) -> str:
    """The layers ``build()`` makes, rendered once per ``cache_key`` (+ data stamp) for all sessions."""
    return _groups((data_stamp(), audience(), *cache_key), build)


def group_script(cache_key: tuple, idx: int, build: Callable[[], folium.FeatureGroup]) -> str:
    """The ``idx``-th changing layer ``build()`` makes, rendered once per ``cache_key`` (+ data
    stamp) for all sessions: a layer that does not follow a widget is not rendered again when
    another layer does."""
    return _one_group((data_stamp(), audience(), *cache_key), idx, build)


# Run once in the map's frame after its first paint (the changing layers are evaluated with the
# layer control, after the map's own script): tells the server that this map is drawn, as
# streamlit-folium's own messages do (the component value protocol), so that the content waiting
# for it (:func:`map_drawn`) comes in the next run. Other keys are those streamlit-folium
# started with, so a click afterwards is told apart as before. A page nobody sees (a background
# tab: no frame is painted there) says so at once, and a page hidden while it waits for its paint
# says so then. A frame whose scripts fail to load (it can never draw) says so too
# (:data:`FRAME_FAILED_JS`). The server's own fall-back (pages/common/frame.WAIT_FOR_MAP_S) is thus left
# for a frame that never answers at all, and a slow browser is never sent the rest of the page
# before its map.
DRAWN_VALUE = "atlas_drawn"
_SIGNAL_JS = dedent(
    f"""
    window.__atlasSignal = window.__atlasSignal || function () {{
      if (window.__atlasSignalled) return;
      window.__atlasSignalled = true;
      var value = Object.assign({{}}, (window.__GLOBAL_DATA__ || {{}}).previous_data || {{}});
      value["{DRAWN_VALUE}"] = true;
      window.parent.postMessage({{isStreamlitMessage: true, type: "streamlit:setComponentValue",
                                  value: value, dataType: "json"}}, "*");
    }};
    """
)
DRAWN_JS = (
    "\n;"
    + _SIGNAL_JS
    + dedent(
        """
        if (!window.__atlasDrawn) {
          window.__atlasDrawn = true;
          (function () {
            function send() {
              document.removeEventListener("visibilitychange", hidden);
              window.__atlasSignal();
            }
            function hidden() { if (document.hidden) setTimeout(send, 0); }
            document.addEventListener("visibilitychange", hidden);
            if (document.hidden) setTimeout(send, 0);
            else requestAnimationFrame(function () { setTimeout(send, 0); });
          })();
        }
        """
    )
)
# The first script of a frame whose map signals: a script that fails to load (Leaflet blocked by a
# proxy, a file missing) means the map can never draw; say so, so that the rest of the page comes.
FRAME_FAILED_JS = _SIGNAL_JS + dedent(
    """
    window.addEventListener("error", function (e) {
      var el = e.target;
      if (el && el.tagName === "SCRIPT") window.__atlasSignal();
    }, true);
    """
)


# streamlit-folium reports a map's first view as the map is made: held, it goes with the drawn signal
FIRST_VIEW_WITH_SIGNAL_JS = (  # (one run instead of two racing ones; later reports go out as ever)
    "(function(){var S=window.Streamlit;if(!S||S.__atlasHeld)return;S.__atlasHeld=true;var send="
    "S.setComponentValue;S.setComponentValue=function(){if(window.__atlasSignalled)send.apply(S,arguments);};})();"
)


def _drawn_flag(key: str) -> str:
    return f"_atlas_drawn_{key}"


def map_drawn(key: str) -> bool:
    """Whether this session's browser has drawn the map ``key`` (drawn with ``signal_drawn``)."""
    return bool(st.session_state.get(_drawn_flag(key)))


def mark_drawn(key: str) -> None:
    st.session_state[_drawn_flag(key)] = True


def draw(
    parts: MapParts,
    groups: str | None,
    *,
    key: str,
    height: int,
    returned_objects: Sequence[str] | None = None,
    layer_control: str | None = None,
    signal_drawn: bool = False,
    first_script: str = "",
) -> dict:
    """The streamlit-folium component with rendered parts; returns its dict ({} before any click).

    Calls the component as ``st_folium`` does (same arguments, same component key), without
    rendering anything. With ``signal_drawn`` the map tells the server once it is drawn (see
    :func:`map_drawn`), once per page visit; that costs one more script run. ``first_script``
    runs in the frame before anything else (this session's own, e.g. its token for the city
    view's endpoint: layers/city_view.py); the shared parts stay the same for every session.
    """
    wanted = returned_objects if returned_objects is not None else []
    # selected_layers: [] is what the frame reports before any switch (so it reports nothing)
    defaults = {k: [] if k == "selected_layers" else v for k, v in parts.defaults.items() if k in wanted}
    if signal_drawn:  # always the same script: a change of it would make the browser redraw the layers
        layer_control = (layer_control or "") + DRAWN_JS

    first = first_script + (FRAME_FAILED_JS + FIRST_VIEW_WITH_SIGNAL_JS if signal_drawn else "")
    if groups:
        payloads.ensure_files(groups)
        # The changing layers' files are fetched as soon as the frame starts loading its scripts
        # (the first of them, inline), not after Leaflet and the map's script.
        urls = payloads.urls_in(groups)
        if urls:
            first += canvas.prefetch_script(urls)
    js_links = list(parts.js_links)
    if first:
        js_links.insert(0, "data:text/javascript," + quote(first))

    def on_change() -> None:
        value = st.session_state.get(parts.component_key, {})
        if isinstance(value, dict) and value.pop(DRAWN_VALUE, None):
            mark_drawn(key)
        st.session_state[key] = value

    out = stf._component_func(
        script=parts.script,
        header=parts.header,
        html=parts.html,
        id=parts.map_id,
        key=parts.component_key,
        height=height,
        width=None,
        returned_objects=list(wanted),
        default=defaults,
        zoom=None,
        center=None,
        feature_group=groups,
        return_on_hover=False,
        layer_control=layer_control,
        pixelated=False,
        css_links=list(parts.css_links),
        js_links=js_links,
        on_change=on_change,
        wrap_longitude=False,
    )
    out = dict(out or {})
    out.pop(DRAWN_VALUE, None)
    return out

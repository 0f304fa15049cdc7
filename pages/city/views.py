"""The Suzhou-wide synthetic demo on the map pages: the data choice at the top of the sidebar
(吴江区示例 / 苏州全市（合成）, also ``?data=city``), the city map drawn by zoom (cells for every
role, the view's enterprises and parcels fetched by roles that may see them: layers/city_view.py,
serve.py) and the city views of 总览 and 亩均效益评价 (scope 苏州市 or one district).

Everything heavy is held once per process (pages/city/data.py, pages/common/cache.py), keyed by the
data set (and the scope); what a role may see is keyed by the session's audience. A page hooks in
with two lines (``if data_select(...) == CITY: city_overview(lang); stop_page()``).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st

from geo.city import CITY_SCOPE, class_mix_share, ranking_table, scopes
from geo.city_cycle import basis_line, evaluation_title
from geo.city_view import grid_counts
from geo.errors import DataValidationError
from geo.evaluation import CLASSES_T, classes_with_t
from geo.ingest import user_store
from geo.messages import Lang, t
from geo.number_formats import rounded_to_format
from geo.place_names import place_label
from geo.storage.accounts import session_hours, session_secret, sign_token
from layers import REGISTRY
from layers.base import Provenance
from layers.city_view import CityViewLayer, city_view_layer, token_script
from layers.mapview import MapLayer, render_map
from pages.city.building import city_data_shown
from pages.city.data import CELL_DEG, TOKEN_PURPOSE, CityData, city_size, keep_classes
from pages.city.yearly import city_yearly, scope_tables
from pages.common import cache
from pages.common.auth import aggregates_for_role, atlas_config, firms_hidden_note, identity, sees_firms
from pages.common.frame import page_control, rest_after_map, settings, show_error, stop_page
from pages.common.maps import add_snapshot_button
from pages.efficiency.display import number_config
from pages.efficiency.fitting import text_px
from pages.efficiency.tables import english_values

WUJIANG, CITY = "wujiang", "city"
CHOICES = (WUJIANG, CITY)
WIDGET = "atlas_data"  # the select's key
# The text the sidebar's select box shows whole at 1280 px (240 px wide, less its padding and arrow):
# an import's longer title ("导入：吴江亩均企业（高德）2024", cut to "…（高德）2…") is written whole under it.
SELECT_TEXT_PX = 195
KEPT = "_atlas_data_kept"  # the choice, kept through runs that do not draw the select
TOKEN = "_atlas_city_token"  # (token, role, expiry) of this session for the view endpoint
TOKEN_RENEW_S = 600  # a token this close to its expiry is renewed
TOP_N = 100  # enterprises listed by score (roles that may see them)
CITY_OVERVIEW_MAP = "city_overview_map"
CITY_EFF_MAP = "city_eff_map"
BASIS = "city_basis"  # the key of the 评价基准 radio (a district: the city's evaluation or its own)
OWN_MARK = "#own"  # marks a district's own evaluation in the view endpoint's key


# ---- the choice -------------------------------------------------------------------------------
def data_choice() -> str:
    """The session's data: ``wujiang`` (the default) or ``city`` (also from ``?data=city``)."""
    if KEPT not in st.session_state:
        st.session_state[KEPT] = CITY if st.query_params.get("data") == CITY else WUJIANG
    if st.session_state.get(WIDGET) in CHOICES:
        st.session_state[KEPT] = st.session_state[WIDGET]
    return st.session_state[KEPT]


def data_select(page_map: str, city_map: str, lang: Lang, *, wujiang: tuple[str, str] | None = None) -> str:
    """The data select at the top of the sidebar (drawn once the page's map is, see
    pages/_shared.page_control); returns the choice and keeps it in the address.

    ``wujiang``: the Wujiang option's words and the select's help when the page evaluates other
    data than the Wujiang demo (the user's imports), so that the box says what is evaluated."""
    choice = data_choice()
    label, help_text = wujiang or (None, t("city.data_help", lang).format(n=city_size()))

    def words(v: str) -> str:
        return label if v == WUJIANG and label else t(f"city.data.{v}", lang).format(n=city_size())

    def draw() -> str:
        # The session's choice as the widget's default, never written into its state: a widget the
        # script sets on every run goes out "set by the script", and the browser then takes the
        # run's value over a pick made meanwhile.
        value = st.selectbox(
            t("city.data", lang),
            CHOICES,
            index=CHOICES.index(choice),
            format_func=words,
            key=WIDGET,
            help=help_text,
        )
        if text_px(words(value)) > SELECT_TEXT_PX:  # cut in the box: said whole under it (walk 16 item 14)
            st.caption(words(value))
        return value

    chosen = page_control(city_map if choice == CITY else page_map, WIDGET, choice, draw)
    st.session_state[KEPT] = chosen
    if chosen == CITY and st.query_params.get("data") != CITY:
        st.query_params["data"] = CITY
    elif chosen != CITY and "data" in st.query_params:
        del st.query_params["data"]
    return chosen


# ---- the data, the token, the map ---------------------------------------------------------------
def loaded_city(lang: Lang) -> CityData:
    """The city demo (loaded once per process; built on first use, which takes minutes: then the
    page says so and shows the build's steps as they go, pages/city/building.py)."""
    try:
        n = city_size()
        return city_data_shown(n, lang, leave=_leave_city)
    except DataValidationError as exc:
        show_error(exc)
        stop_page()


def _leave_city() -> None:
    """Back to the Wujiang demo (the city's build goes on without this session)."""
    st.session_state[KEPT] = WUJIANG
    st.session_state.pop(WIDGET, None)
    st.query_params.pop("data", None)


def view_token() -> str | None:
    """This session's token for the view endpoint: only for roles that may see enterprise rows
    (None for 查看汇总: its map asks for nothing beyond the cells, and the endpoint refuses it)."""
    if not sees_firms():
        st.session_state.pop(TOKEN, None)
        return None
    role = identity().role
    kept = st.session_state.get(TOKEN)
    if kept and kept[1] == role and kept[2] - time.time() > TOKEN_RENEW_S:
        return kept[0]
    conf = atlas_config()
    until = time.time() + session_hours(conf) * 3600
    token = sign_token(
        role, secret=session_secret(conf, folder=user_store().parent), purpose=TOKEN_PURPOSE, expires_at=until
    )
    st.session_state[TOKEN] = (token, role, until)
    return token


def draw_city_map(
    data: CityData,
    cells: pd.DataFrame,
    layer: CityViewLayer,
    *,
    key: str,
    lang: Lang,
    title: str,
    scope: str = "",
    variant: tuple = (),
) -> None:
    """The city map: the districts and ``layer`` (a city-view layer over ``cells``), fitted to
    ``scope``'s district; rendered once per data set, scope and ``variant`` for all sessions,
    the session's token for the view endpoint its only part of its own."""
    s = settings()

    def build():
        districts = (
            data.districts if scope in ("", CITY_SCOPE) else data.districts[data.districts["name"] == scope]
        )
        items = [
            MapLayer(
                REGISTRY["districts"],
                data.districts,
                Provenance.from_metadata(data.metadata, "city_districts"),
            ),
            MapLayer(layer, cells, Provenance.from_metadata(data.metadata, layer.source)),
        ]
        m = render_map(
            items,
            lang=lang,
            basemap=s.basemap,
            tianditu_key=s.tianditu_key,
            zoom=9,
            fit_to=districts if scope not in ("", CITY_SCOPE) else None,
        )
        return add_snapshot_button(m, title, lang=lang)

    parts = cache.base_parts((s.lang, s.basemap, s.tianditu_key, data.key, scope, *variant), key, build)
    # The session's token travels as the map's changing part (streamlit-folium runs it again when it
    # changes: after a sign-in or out), never in the map shared by every session of the role.
    script = token_script(view_token())
    cache.draw(parts, script, key=key, height=620, returned_objects=[], signal_drawn=True)


def _draw_city_map(
    data: CityData,
    cells: pd.DataFrame,
    *,
    key: str,
    lang: Lang,
    title: str,
    scope: str = "",
    classes_key: str = "",
) -> None:
    """``classes_key``: the evaluation whose classes colour the points (the scope's by default)."""
    groups = tuple((f"n_{c}", f"{c} 类（家）", f"Class {c}") for c in CLASSES_T if f"n_{c}" in cells.columns)
    classes_key = classes_key or scope
    layer = city_view_layer(data_key=data.key, cell_deg=CELL_DEG, scope=classes_key, group_labels=groups)
    variant = (classes_key,) if classes_key != scope else ()
    draw_city_map(data, cells, layer, key=key, lang=lang, title=title, scope=scope, variant=variant)


def _renamed(frame: pd.DataFrame, lang: Lang, names: dict[str, str]) -> pd.DataFrame:
    """A table as the page shows it: places, industries and sizes in ``lang`` (English names on the
    English page; enterprises' own names as they are), headed by the catalogue."""
    shown = english_values(frame) if lang == "en" else frame
    headers = {k: t(v, lang) for k, v in names.items()}
    headers.update({f"n_{c}": t("city.col.n_class", lang).format(c=c) for c in CLASSES_T})
    return shown.rename(columns=headers)


def _table(frame: pd.DataFrame) -> None:
    """A city table, numbers in their measure's format (counts with separators, money to two
    decimals: geo/number_formats.py) as the Wujiang pages show them."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=number_config(frame))


# ---- 总览 ---------------------------------------------------------------------------------------
def _district_table(data: CityData) -> pd.DataFrame:
    ents = data.enterprises
    grouped = ents.groupby("district", sort=False)
    out = pd.DataFrame(
        {
            "n_enterprises": grouped.size(),
            "n_above_scale": grouped["above_scale"].sum().astype("int64"),
            "land_mu": grouped["land_mu"].sum(),
            "tax_wan_yuan": grouped["tax_wan_yuan"].sum(),
        }
    )
    out["tax_per_mu_wan_yuan"] = out["tax_wan_yuan"] / out["land_mu"]
    return (
        rounded_to_format(out)
        .sort_values("n_enterprises", ascending=False)
        .rename_axis("district")
        .reset_index()
    )


def _provenance(data: CityData, lang: Lang) -> pd.DataFrame:
    meta = data.metadata
    rows = meta[meta.index != "layer_metadata"].reset_index()
    return pd.DataFrame(
        {
            t("col.layer", lang): rows["title_en" if lang == "en" else "title_zh"],
            t("col.accuracy", lang): rows["accuracy"],
            t("col.source", lang): rows["source"],
            t("col.note", lang): rows["note"],
        }
    )


def city_overview(lang: Lang) -> None:
    """总览 on the city demo: the map by zoom, then the city's figures by district and the sources."""
    title = t("city.overview.header", lang)
    st.title(title)
    data = loaded_city(lang)
    cells = data.cells
    _draw_city_map(data, cells, key=CITY_OVERVIEW_MAP, lang=lang, title=title)
    rest_after_map(CITY_OVERVIEW_MAP, lang)
    st.caption(":material/warning: " + t("city.synthetic", lang))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("city.metric.enterprises", lang), f"{len(data.enterprises):,}")
    c2.metric(t("city.metric.above", lang), f"{int(data.enterprises['above_scale'].sum()):,}")
    c3.metric(t("city.metric.parcels", lang), f"{data.n_parcels:,}")
    c4.metric(t("city.metric.districts", lang), f"{len(data.districts)}")
    st.subheader(t("city.table.districts", lang))
    table = cache.shared(("city.districts", data.key), lambda: _district_table(data))
    _table(
        _renamed(
            aggregates_for_role(table),
            lang,
            {
                "district": "city.col.district",
                "n_enterprises": "city.col.n",
                "n_above_scale": "city.col.above",
                "land_mu": "city.col.land",
                "tax_wan_yuan": "city.col.tax",
                "tax_per_mu_wan_yuan": "city.col.tax_per_mu",
            },
        ),
    )
    st.subheader(t("city.provenance", lang))
    st.dataframe(_provenance(data, lang), hide_index=True, width="stretch")


# ---- 亩均效益评价 --------------------------------------------------------------------------------
@cache.resource(max_entries=6)
def _evaluated(key: str, scope: str, own: bool, _data: CityData) -> pd.DataFrame:
    """The scope's evaluation with the default rules (one per data set, scope and basis, all
    sessions; the yearly tables' own, pages/city/yearly.py): a district as the city evaluates it,
    or its own evaluation with ``own``."""
    return scope_tables(_data, scope, own=own).evaluated


@cache.resource(max_entries=6)
def _scope_cells(key: str, scope: str, _data: CityData, _evaluated_frame: pd.DataFrame) -> pd.DataFrame:
    """Enterprises of the scope per grid cell, with the count of each class (aggregates only); the
    classes are kept for the view endpoint (points coloured by class) under ``scope`` (the
    evaluation's key: :func:`classes_key`)."""
    rows = _evaluated_frame.index.to_numpy()
    cls = classes_with_t(_evaluated_frame).astype(object).to_numpy()
    every = np.full(len(_data.enterprises), "", dtype=object)
    every[rows] = cls
    keep_classes(key, scope, every)
    return grid_counts(_data.lon[rows], _data.lat[rows], cell_deg=CELL_DEG, groups=cls, group_names=CLASSES_T)


def _basis_select(lang: Lang) -> bool:
    """评价基准 for a district: the city's evaluation (the default) or the district's own."""
    return st.radio(
        t("city.basis", lang),
        (False, True),
        format_func=lambda own: t("city.basis.own" if own else "city.basis.city", lang),
        key=BASIS,
        help=t("city.basis_help", lang),
    )


def _mix_table(evaluated: pd.DataFrame) -> pd.DataFrame:
    mix = class_mix_share(evaluated, by="district").rename_axis(None, axis=1).reset_index()
    mix.insert(1, "n_enterprises", mix[list(CLASSES_T)].sum(axis=1))
    return rounded_to_format(mix)


def _groups_table(evaluated: pd.DataFrame) -> pd.DataFrame:
    table = ranking_table(evaluated, area="district").reset_index()
    return rounded_to_format(table)  # land and tax to two decimals, as their format shows them


def _top_table(evaluated: pd.DataFrame) -> pd.DataFrame:
    scored = evaluated[evaluated["scored"]].sort_values("score", ascending=False).head(TOP_N)
    cols = ["name", "industry", "district", "size_class", "score", "eval_class", "tax_per_mu_wan_yuan"]
    return rounded_to_format(scored[cols])


def classes_key(scope: str, own: bool) -> str:
    """The key of an evaluation's classes for the view endpoint: the scope, marked for a district's
    own evaluation (its classes differ from the city's)."""
    return f"{scope}{OWN_MARK}" if own else scope


def city_evaluation(lang: Lang) -> None:
    """亩均效益评价 on the city demo: scope 苏州市 or one district (by default as the city evaluates
    it; its own evaluation when chosen, the title and the line under it saying which), the map by
    zoom (class counts per cell; the view's enterprises by class for roles that may see them), the
    class mix by district, totals by industry × district × size and, for those roles, the
    best-scored enterprises."""
    head = st.empty()  # the title says the scope and whose evaluation: known once the controls are
    head.title(t("city.eff.header", lang))
    data = loaded_city(lang)
    options = cache.shared(("city.scopes", data.key), lambda: scopes(data.enterprises))
    scope = page_control(
        CITY_EFF_MAP,
        "city_scope",
        CITY_SCOPE,
        lambda: st.selectbox(
            t("city.scope", lang),
            options,
            format_func=lambda v: place_label(v, lang),
            key="city_scope",
            help=t("city.scope_help", lang),
        ),
    )
    if scope not in options:
        scope = CITY_SCOPE
    own = scope != CITY_SCOPE and page_control(CITY_EFF_MAP, BASIS, False, lambda: _basis_select(lang))
    title = evaluation_title(scope, own_benchmarks=own, lang=lang)
    with head.container():
        st.title(title)
        st.caption(basis_line(scope, own_benchmarks=own, lang=lang))
    try:
        evaluated = _evaluated(data.key, scope, own, data)
    except DataValidationError as exc:
        show_error(exc)
        stop_page()
    view = classes_key(scope, own)
    cells = _scope_cells(data.key, view, data, evaluated)
    _draw_city_map(data, cells, key=CITY_EFF_MAP, lang=lang, title=title, scope=scope, classes_key=view)
    rest_after_map(CITY_EFF_MAP, lang)
    st.caption(":material/warning: " + t("city.synthetic", lang))
    st.caption(t("city.eff.intro", lang).format(year=data.year))
    names = {
        "district": "city.col.district",
        "industry": "city.col.industry",
        "size_class": "city.col.size",
        "n_enterprises": "city.col.n",
        "n_scored": "city.col.scored",
        "mean_score": "city.col.mean_score",
        "land_mu": "city.col.land",
        "tax_wan_yuan": "city.col.tax",
        "tax_per_mu_wan_yuan": "city.col.tax_per_mu",
        "name": "city.col.name",
        "score": "city.col.score",
        "eval_class": "city.col.class",
    }
    st.subheader(t("city.eff.mix", lang))
    mix = cache.shared(("city.mix", data.key, view), lambda: _mix_table(evaluated))
    pct = {f"{c}_pct": t("city.col.pct", lang).format(c=c) for c in CLASSES_T[:-1]}
    _table(_renamed(mix, lang, names).rename(columns=pct))
    st.subheader(t("city.eff.groups", lang))
    groups = cache.shared(("city.groups", data.key, view), lambda: _groups_table(evaluated))
    _table(_renamed(aggregates_for_role(groups), lang, names))
    city_yearly(data, scope, lang, own=own)
    if not sees_firms():
        firms_hidden_note(lang)
        return
    st.subheader(t("city.eff.top", lang).format(n=TOP_N))
    top = cache.shared(("city.top", data.key, view), lambda: _top_table(evaluated))
    _table(_renamed(top, lang, names))


# The pages that can show the city: (their own map's key, the city map's key, the city view).
CITY_PAGES = {
    "overview": ("overview_map", CITY_OVERVIEW_MAP, city_overview),
    "efficiency": ("eff_map", CITY_EFF_MAP, city_evaluation),
}


def city_page_if_chosen(page: str, lang: Lang, *, wujiang: tuple[str, str] | None = None) -> None:
    """The hook of a page that can show the city (:data:`CITY_PAGES`): draws the data select
    (``wujiang``: see :func:`data_select`) and, when the city is chosen, the page's city view, and
    ends the page there; else returns."""
    page_map, city_map, view = CITY_PAGES[page]
    if data_select(page_map, city_map, lang, wujiang=wujiang) == CITY:
        view(lang)
        stop_page()


__all__ = [
    "CITY",
    "CITY_PAGES",
    "WUJIANG",
    "city_evaluation",
    "city_overview",
    "city_page_if_chosen",
    "classes_key",
    "data_choice",
    "data_select",
    "draw_city_map",
    "loaded_city",
    "view_token",
]

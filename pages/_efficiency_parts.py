"""The 亩均效益评价 page's helpers (pages/efficiency.py): cached evaluation wrappers, data sources,
the configuration editor and named configurations, scope filters, tables and number formats."""

from __future__ import annotations

import json
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from geo import ingest, yearly
from geo.batch import EvaluationRun, run_evaluation
from geo.errors import DataValidationError
from geo.evaluation import (
    CLASS_COL,
    SIZE_ABOVE,
    SIZE_BELOW,
    SIZE_COL,
    YEAR_COL,
    EvaluationConfig,
    EvaluationResult,
    config_from_mapping,
    default_config,
    evaluate,
)
from geo.evaluation.metrics import (
    ID_COL,
    RATIOS_BY_KEY,
    ZONE_COL,
    assign_zones,
)
from geo.evaluation.named import list_named_configs, save_named_config
from geo.evaluation.published import method_mapping
from geo.i18n import Lang, industry_name
from layers import REGISTRY
from layers.base import Provenance
from layers.mapview import MapLayer
from pages import _cache
from pages._auth import can_edit, identity
from pages._cache import PerObject, shared, shared_table
from pages._efficiency_method import (
    METHOD_KEY,
    base_config,
    method_note,
    method_of,
    method_selector,
    over_method,
)
from pages._efficiency_tables import table_labels
from pages._shared import (
    controls_slot,
    layer_frame,
    map_first_run,
    map_layer,
    metadata,
    page_control,
    show_error,
    stop_page,
    user_store_stamp,
)
from pages._strings import t

ZONE_ID = "name"  # the wujiang_towns column naming each 区镇
DIMENSIONS = (ZONE_COL, "industry", SIZE_COL)
YEARS_LAYER = "enterprise_years"  # the demo's synthetic years (data/years.py)
UNDATED = 0  # the "year" of a table that names none
CHANGE_COLUMNS = (
    ID_COL,
    "from_class",
    "to_class",
    "moved_by",
    "score_prev",
    "score",
    "score_change",
    "steps",
    "name",
    ZONE_COL,
    "industry",
    "land_mu",
)
PARAMS_OPEN = "eff_params_open"  # whether the parameter editor is open (its widget key)
PARAMS_LANG = "_eff_params_lang"  # the UI language it was last drawn in
KEEP = "eff_keep"  # a plain (non-widget) copy of the page's choices: it survives navigation
APPLIED = "eff_applied"  # the configuration last used for the evaluation
NAMED = "eff_named"  # configurations saved by name in this session


def _can_edit() -> bool:
    """Whether this user may save the official configuration (an editor's action, pages/_auth.py)."""
    return can_edit()


# --------------------------------------------------------------------------- cached thin wrappers


DEMO = "demo"
NO_PREVIOUS = "none"


def _stamp() -> tuple[str, str, str, str]:
    """Changes when the built-in layers' store or the user store changes (hashed by st.cache_data)."""
    return (*_cache.builtin_stamp(), *user_store_stamp())


def _zones(zones_src: str) -> gpd.GeoDataFrame:
    return layer_frame("wujiang_towns") if zones_src == DEMO else ingest.load_user_layer(zones_src)


def _year_tables(ents_src: str) -> dict[int, gpd.GeoDataFrame]:
    """The enterprise table of each year: the demo's synthetic years, or a user import split by
    its year column (one undated year when it has none). Split once for all sessions."""

    def split() -> dict[int, gpd.GeoDataFrame]:
        frame = layer_frame(YEARS_LAYER) if ents_src == DEMO else ingest.load_user_layer(ents_src)
        if YEAR_COL in frame.columns:
            return yearly.split_years(frame)
        return {UNDATED: frame}

    return shared(("eff.years", ents_src), split)


# The evaluations are shared by all sessions (_cache.resource: one object, never copied per
# call); the page and its helpers only read them.
@_cache.resource(max_entries=8)
def _runs(config_json: str, zones_src: str, ents_src: str, stamp: tuple) -> dict[int, EvaluationRun]:
    """Every year evaluated with the same rules by geo.batch.run_evaluation (assignment, zone
    metrics, classes), the function ``python -m geo.cli evaluate`` calls too."""
    zones = _zones(zones_src)
    config = config_from_mapping(json.loads(config_json))
    out = {}
    for year, ents in _year_tables(ents_src).items():
        run = run_evaluation(
            zones, ents, config=config, zone_id=ZONE_ID, year=None if year == UNDATED else year
        )
        if run.failure is not None:
            raise run.failure
        out[year] = run
    return out


def _evaluations(
    config_json: str, zones_src: str, ents_src: str, stamp: tuple
) -> dict[int, EvaluationResult]:
    """Every year's classes (see :func:`_runs`)."""
    return {y: r.result for y, r in _runs(config_json, zones_src, ents_src, stamp).items()}


@_cache.resource(max_entries=8)
def _previous(config_json: str, zones_src: str, prev_src: str, stamp: tuple) -> tuple[pd.DataFrame, bool]:
    """Last year's results from another import: its published classes when it has them
    (True), else the table evaluated with the same zones and rules (False)."""
    frame = ingest.load_user_layer(prev_src)
    if CLASS_COL in frame.columns or "评价类别" in frame.columns:
        return yearly.published_classes(frame.rename(columns={"评价类别": CLASS_COL})), True
    zones = _zones(zones_src)
    zone = assign_zones(frame, zones, zone_id=ZONE_ID).zone
    config = config_from_mapping(json.loads(config_json))
    return evaluate(frame, config=config, zone=zone).enterprises, False


@_cache.resource(max_entries=8)
def _warnings(config_json: str, zones_src: str, ents_src: str, stamp: tuple) -> dict[int, pd.DataFrame]:
    """Each year's early warnings (预警) under the configuration's rules."""
    config = config_from_mapping(json.loads(config_json))
    evals = {y: r.enterprises for y, r in _evaluations(config_json, zones_src, ents_src, stamp).items()}
    return {y: yearly.early_warnings(evals, y, config.warning_rules) for y in evals if y != UNDATED}


def _sources(lang: Lang) -> tuple[str, str, str]:
    """Which zones, enterprises and (optionally) last year's results to use: the demo or imports."""
    user_zones = ingest.list_user_layers(kind="zones")
    user_ents = ingest.list_user_layers(kind="enterprises")
    # A layer this session chose that is gone (deleted by someone else): say so, never swap in the demo quietly.
    gone = [
        st.session_state[key]
        for key, frame, default in (
            ("eff_zones_src", user_zones, DEMO),
            ("eff_ents_src", user_ents, DEMO),
            ("eff_prev_src", user_ents, NO_PREVIOUS),
        )
        if st.session_state.get(key, default) not in (default, *frame["layer"])
    ]
    if gone:
        for name in gone:
            st.error(t("data.layer_gone", lang).format(name=name))
        for key in ("eff_zones_src", "eff_ents_src", "eff_prev_src"):
            if st.session_state.get(key) in gone:
                del st.session_state[key]
    if user_zones.empty and user_ents.empty:
        if gone:
            stop_page()  # nothing else to choose: the message stands, no demo results in its place
        return DEMO, DEMO, NO_PREVIOUS
    titles = {DEMO: t("eff.source.demo", lang), NO_PREVIOUS: t("eff.source.previous_none", lang)}
    titles.update(dict(zip(user_zones["layer"], user_zones["title_zh"], strict=True)))
    titles.update(dict(zip(user_ents["layer"], user_ents["title_zh"], strict=True)))
    # In the sidebar with the page's other controls, once the map is drawn (pages/_shared.page_control).
    zones_src = page_control("eff_map", "eff_zones_src", DEMO, lambda: st.selectbox(
        t("eff.source.zones", lang), [DEMO, *user_zones["layer"]], format_func=lambda v: titles.get(v, v),
        key="eff_zones_src",
    ))  # fmt: skip
    ents_src = page_control("eff_map", "eff_ents_src", DEMO, lambda: st.selectbox(
        t("eff.source.enterprises", lang), [DEMO, *user_ents["layer"]], format_func=lambda v: titles.get(v, v),
        key="eff_ents_src",
    ))  # fmt: skip
    prev_src = page_control("eff_map", "eff_prev_src", NO_PREVIOUS, lambda: st.selectbox(
        t("eff.source.previous", lang), [NO_PREVIOUS, *user_ents["layer"]],
        format_func=lambda v: titles.get(v, v), key="eff_prev_src", help=t("eff.source.previous_help", lang),
    ))  # fmt: skip
    if gone:
        stop_page()  # the user picks again; no results from data they did not choose
    return zones_src, ents_src, prev_src


def _zone_map_layer(zones_src: str, zones: gpd.GeoDataFrame) -> MapLayer:
    if zones_src == DEMO:
        return map_layer("wujiang_towns")
    meta = ingest.list_user_layers(kind="zones").set_index("layer").loc[zones_src]
    title_en = meta["title_en"] or meta["title_zh"]
    layer = replace(REGISTRY["wujiang_towns"], title_zh=meta["title_zh"], title_en=title_en)
    return MapLayer(layer, zones, Provenance(accuracy=meta["accuracy"], source=meta["source"]))


def _enterprise_provenance(ents_src: str) -> Provenance:
    if ents_src == DEMO:
        return Provenance.from_metadata(metadata(), YEARS_LAYER)
    meta = ingest.list_user_layers(kind="enterprises").set_index("layer").loc[ents_src]
    return Provenance(accuracy=meta["accuracy"], source=meta["source"])


# --------------------------------------------------------------------------- kept choices


def _restore(key: str, default) -> None:
    """Give the widget ``key`` its kept value (or ``default``) before it is drawn."""
    kept = st.session_state.setdefault(KEEP, {})
    if key not in st.session_state:
        st.session_state[key] = kept.get(key, default)


def _keep(keys) -> None:
    kept = st.session_state.setdefault(KEEP, {})
    for key in keys:
        if key in st.session_state:
            kept[key] = st.session_state[key]


def _widget_values(config: EvaluationConfig) -> dict:
    """The editor's widget values for a configuration."""
    base = base_config()  # the chosen published method's, or the local defaults (pages/_efficiency_method.py)
    values = {}
    for group, short in (("above_scale", "above"), ("below_scale", "below")):
        given = config.weights_above_scale if group == "above_scale" else config.weights_below_scale
        defaults = base.weights_above_scale if group == "above_scale" else base.weights_below_scale
        for key in defaults:
            values[f"eff_w_{short}_{key}"] = float(given.get(key, 0.0))
    values["eff_min_land"] = float(config.below_scale_min_land_mu)
    values["eff_multiple"] = float(config.benchmark_multiple)
    values["eff_max_ratio"] = float(config.max_ratio or 0.0)
    values["eff_method"] = config.class_method
    for c in ("A", "B", "C"):
        values[f"eff_cut_percentile_{c}"] = float(config.percentile_cutoffs[c])
        values[f"eff_cut_score_{c}"] = float(config.score_cutoffs[c])
    return values


def _load_into_widgets(raw: dict) -> None:
    """Callback: put a saved configuration into the editor (runs before the widgets are drawn)."""
    st.session_state[METHOD_KEY] = st.session_state.setdefault(KEEP, {})[METHOD_KEY] = method_of(raw)
    values = _widget_values(config_from_mapping(raw))
    st.session_state.update(values)
    st.session_state.setdefault(KEEP, {}).update(values)
    st.session_state["eff_accept_weights"] = False


# --------------------------------------------------------------------------- widgets


def _weights_editor(group: str, defaults: dict[str, float], lang: Lang) -> dict[str, float]:
    """Number inputs for the weights of one size group; returns the edited weights."""
    out = {}
    cols = st.columns(3)
    for i, key in enumerate(defaults):
        widget = f"eff_w_{group}_{key}"
        out[key] = cols[i % 3].number_input(
            RATIOS_BY_KEY[key].label_zh if lang == "zh" else RATIOS_BY_KEY[key].label_en,
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            key=widget,
        )
    return out


def _named_configs(raw: dict, lang: Lang) -> None:
    """Save the editor's configuration under a name (official only for editors) or load one."""
    saved = list_named_configs()
    session = st.session_state.setdefault(NAMED, {})
    options = {"__default__": (t("eff.cfg.default", lang), dict(default_config().to_dict()))}
    for item in saved:
        label = (
            (t("eff.cfg.official", lang) + " · " if item.official else "") + item.name + f" ({item.saved})"
        )
        options[f"cfg:{item.key}"] = (label, item.config)
    for name, cfg in session.items():
        options.setdefault(f"session:{name}", (name + " · " + t("eff.cfg.session", lang), cfg))
    c1, c2 = st.columns([3, 1])
    choice = c1.selectbox(
        t("eff.cfg.load", lang), list(options), format_func=lambda k: options[k][0], key="eff_cfg_choice"
    )
    c2.button(
        t("eff.cfg.load_button", lang),
        key="eff_cfg_load",
        on_click=_load_into_widgets,
        args=(options[choice][1],),
    )
    c1, c2, c3 = st.columns([3, 1, 1])
    name = c1.text_input(t("eff.cfg.name", lang), key="eff_cfg_name", max_chars=40)
    if c2.button(t("eff.cfg.save", lang), key="eff_cfg_save"):
        try:
            save_named_config(name, raw, actor=identity().recorded)  # recorded in the change log
        except DataValidationError as exc:
            show_error(exc)
        else:
            session[name.strip()] = raw
            st.success(t("eff.cfg.saved", lang).format(name=name.strip()))
    if _can_edit():
        if c3.button(t("eff.cfg.save_official", lang), key="eff_cfg_official"):
            try:
                cfg_name = name or t("eff.cfg.official", lang)
                save_named_config(cfg_name, raw, official=True, actor=identity().recorded)
            except DataValidationError as exc:
                show_error(exc)
            else:
                st.success(t("eff.cfg.saved_official", lang))
    else:
        c3.caption(t("eff.cfg.official_editors", lang))


def _config_values() -> dict:
    """The configuration the parameter widgets hold (kept or default), laid out like the YAML file.

    Read before the map, from the session: the widgets themselves are drawn below the map by
    :func:`_config_editor` (once this session's map is drawn, pages/_shared.map_first_run), and
    a change in any of them starts a run that reads the new value here first.
    """
    base = base_config()
    # Read, not written: a value written for a widget not drawn in the same run lingers under its
    # key and comes back (Streamlit) once the widget, drawn later, is no longer drawn.
    kept = st.session_state.setdefault(KEEP, {})
    state = {
        k: st.session_state[k] if k in st.session_state else kept.get(k, v)
        for k, v in _widget_values(base).items()
    }
    return over_method(
        _raw_config(
            {key: state[f"eff_w_above_{key}"] for key in base.weights_above_scale},
            {key: state[f"eff_w_below_{key}"] for key in base.weights_below_scale},
            state["eff_min_land"],
            state["eff_multiple"],
            state["eff_max_ratio"],
            state["eff_method"],
            {c: state[f"eff_cut_{state['eff_method']}_{c}"] for c in ("A", "B", "C")},
        )
    )


def _config_editor(lang: Lang) -> dict:
    """The parameter expander (below the map); returns what its widgets show, which is what
    :func:`_config_values` read at the start of the run.

    Its contents are drawn only while it is open (a rerun when it opens or closes): folded, the
    fourteen number inputs and the saved configurations were a sixth of the page's script time
    on every run (cProfile), for a panel most visits never open. Folded, the values stay those
    kept in the session (:func:`_restore`). Keyed and kept, it stays open across a language
    switch and a visit to another page."""
    base = base_config()
    # Open or folded as this session left it: from the kept copy after a visit elsewhere, and
    # written again after a language switch (the label is part of the expander's identity).
    state, kept = st.session_state, st.session_state.setdefault(KEEP, {})
    if PARAMS_OPEN not in state or state.get(PARAMS_LANG) != lang:
        state[PARAMS_OPEN] = state.get(PARAMS_OPEN, kept.get(PARAMS_OPEN, False))
    state[PARAMS_LANG] = lang
    box = st.expander(t("eff.params", lang), key=PARAMS_OPEN, on_change="rerun")
    _keep((PARAMS_OPEN,))
    if not box.open:
        return _config_values()
    for key, value in _widget_values(base).items():
        _restore(key, value)
    with box:
        st.caption(t("eff.params.help", lang))
        method_selector(lang, on_change=lambda name: _load_into_widgets(method_mapping(name) if name else {}))
        st.markdown(f"**{t('eff.weights_above', lang)}**")
        above = _weights_editor("above", dict(base.weights_above_scale), lang)
        st.markdown(f"**{t('eff.weights_below', lang)}**")
        below = _weights_editor("below", dict(base.weights_below_scale), lang)
        c1, c2, c3, c4 = st.columns(4)
        min_land = c1.number_input(t("eff.min_land", lang), min_value=0.0, step=1.0, key="eff_min_land")
        multiple = c2.number_input(t("eff.multiple", lang), min_value=0.1, step=0.5, key="eff_multiple")
        cap = c3.number_input(
            t("eff.max_ratio", lang),
            min_value=0.0,
            step=0.5,
            key="eff_max_ratio",
            help=t("eff.max_ratio.help", lang),
        )
        method = c4.radio(
            t("eff.method", lang), ["percentile", "score"], format_func=lambda v: t(f"eff.method.{v}", lang),
            key="eff_method", horizontal=True,
        )  # fmt: skip
        cuts = {}
        cols = st.columns(3)
        for col, c in zip(cols, ("A", "B", "C"), strict=True):
            label = t("eff.cut.pct" if method == "percentile" else "eff.cut.score", lang).format(c=c)
            cuts[c] = col.number_input(
                label, min_value=0.0, max_value=100.0 if method == "percentile" else None, step=5.0,
                key=f"eff_cut_{method}_{c}",
            )  # fmt: skip
        raw = over_method(_raw_config(above, below, min_land, multiple, cap, method, cuts))
        st.divider()
        _named_configs(raw, lang)
    _keep(_widget_values(base))
    return raw


def _raw_config(above, below, min_land, multiple, cap, method, cuts) -> dict:
    """The editor's values laid out like the YAML file."""
    return {
        "scope": {"below_scale_min_land_mu": min_land},
        "weights": {"above_scale": above, "below_scale": below},
        "benchmark": {"multiple": multiple, "max_ratio": cap or None},
        "classes": {"method": method, method: cuts},
    }


def _checked_config(raw: dict, lang: Lang) -> dict:
    """The configuration to use: ``raw`` unless its weights do not sum to 100 and the user has
    not confirmed them (then the last one used, said so)."""
    try:
        config = config_from_mapping(raw)
    except DataValidationError as exc:
        show_error(exc)
        return st.session_state.get(APPLIED) or {}
    totals = config.weight_totals()
    off = {
        g: v
        for g, v in totals.items()
        if abs(v - 100.0) > 1e-9
        and (config.score_above_scale if g == SIZE_ABOVE else config.score_below_scale)
    }
    if off:
        text = "；".join(
            t("eff.weights_total", lang).format(
                group=t("eff.size.above" if g == SIZE_ABOVE else "eff.size.below", lang), total=v
            )
            for g, v in off.items()
        )
        st.warning(t("eff.weights_not_100", lang).format(totals=text))
        # A confirmation holds for these totals only (and survives navigation); new totals ask again.
        sig = repr(sorted(off.items()))
        if "eff_accept_weights" not in st.session_state or st.session_state.get("eff_accept_sig") != sig:
            st.session_state["eff_accept_weights"] = st.session_state.get("eff_accepted_for") == sig
        st.session_state["eff_accept_sig"] = sig
        accepted = st.checkbox(t("eff.weights_accept", lang), key="eff_accept_weights")
        if accepted:
            st.session_state["eff_accepted_for"] = sig
        else:
            previous = st.session_state.get(APPLIED)
            st.info(t("eff.weights_kept", lang) if previous else t("eff.weights_default_used", lang))
            return previous or {}
    method_note(config, lang)  # the results name the published method they come from
    st.session_state[APPLIED] = raw
    return raw


def _scope_filters(frame: pd.DataFrame, zones: list[str], lang: Lang) -> tuple[tuple, dict]:
    """The scope widgets; returns what they chose (zones, industries, size: the arguments of
    :func:`_mask`) and the filters in words."""
    for key, default in (("eff_towns", []), ("eff_industries", []), ("eff_size", "all")):
        _restore(key, default)
    industries = sorted(frame["industry"].dropna().astype(str).unique())
    # Only a value that must change is written back: a write marks the widget "set by the script",
    # and the browser then takes this run's value over a pick the user made while the run was on
    # its way (a 行业 chosen right after a 区镇 was lost that way).
    for key, allowed in (("eff_towns", zones), ("eff_industries", industries)):
        kept_now = [v for v in st.session_state[key] if v in allowed]
        if kept_now != list(st.session_state[key]):
            st.session_state[key] = kept_now
    state = st.session_state
    if map_first_run("eff_map"):  # in the sidebar, once the map is drawn (pages/_shared.page_control)
        chosen_zones, chosen_ind, size = state["eff_towns"], state["eff_industries"], state["eff_size"]
    else:
        with controls_slot():
            st.subheader(t("eff.scope", lang))
            # Nothing chosen already means all: no "select all" entry.
            chosen_zones = st.multiselect(
                t("eff.scope.towns", lang), zones, placeholder=t("eff.scope.all", lang), key="eff_towns",
                select_all=False,
            )  # fmt: skip
            chosen_ind = st.multiselect(
                t("eff.scope.industries", lang), industries, placeholder=t("eff.scope.all", lang),
                format_func=lambda v: industry_name(v, lang), key="eff_industries", select_all=False,
            )  # fmt: skip
            size = st.radio(
                t("eff.scope.size", lang), ["all", "above", "below"],
                format_func=lambda v: t(f"eff.size.{v}", lang), key="eff_size",
            )  # fmt: skip
    _keep(("eff_towns", "eff_industries", "eff_size"))
    chosen = (list(chosen_zones), list(chosen_ind), size)
    return chosen, scope_words(chosen, lang)


def scope_words(chosen: tuple, lang: Lang) -> dict[str, list[str]]:
    """The scope ``(zones, industries, size)`` as :func:`geo.yearly.notice.filters_text` reads it, all in
    ``lang`` (industries by their English names in English; the 公示 workbook asks for Chinese)."""
    zones, industries, size = chosen
    return {
        t("eff.scope.towns", lang): list(zones),
        t("eff.scope.industries", lang): [industry_name(v, lang) for v in industries],
        t("eff.scope.size", lang): [] if size == "all" else [t(f"eff.size.{size}", lang)],
    }


def _mask(frame: pd.DataFrame, zones: list[str], industries: list[str], size: str) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    if zones:
        mask &= frame[ZONE_COL].astype(object).isin(zones)
    if industries:
        mask &= frame["industry"].astype(object).isin(industries)
    if size != "all" and SIZE_COL in frame.columns:
        mask &= frame[SIZE_COL].astype(object) == (SIZE_ABOVE if size == "above" else SIZE_BELOW)
    return mask


# --------------------------------------------------------------------------- tables


def _labels(lang: Lang) -> dict[str, str]:
    return table_labels(lang)


# A table in the page holds at most this many rows (a 150k-row import's tables were ~25 MB sent to
# every browser that opens the page); the downloads always hold every row. The ranking holds more
# (all of the demo's 17,063 with the unscored shown) than the lists below it.
TABLE_ROWS_MAX = 20_000
LIST_ROWS_MAX = 5_000


def _rows(cache_key: tuple, frame: pd.DataFrame, lang: Lang, *, most: int | None = None):
    """What a page table sends: the first ``most`` (default :data:`TABLE_ROWS_MAX`) rows of
    ``frame`` as an Arrow table built once per ``cache_key`` (the key ``frame`` was computed under),
    saying so when rows are left out."""
    most = TABLE_ROWS_MAX if most is None else most
    if len(frame) > most:
        st.caption(t("eff.table.capped", lang).format(shown=most, n=len(frame)))
        return shared_table(("rows", most, *cache_key), frame.head(most))
    return shared_table(cache_key, frame)


def _list_table(
    cache_key: tuple, frame: pd.DataFrame, lang: Lang, *, key: str, height: int, **options
) -> None:
    """A long list (at most :data:`LIST_ROWS_MAX` rows shown), integers whole, others to two decimals."""
    st.dataframe(
        _rows(cache_key, frame, lang, most=LIST_ROWS_MAX),
        hide_index=True,
        width="stretch",
        height=height,
        column_config=_number_config(frame),
        key=key,
        **options,
    )


def _number_config(table: pd.DataFrame, *, thousands: bool = False) -> dict:
    """Integers whole, other numbers to two decimals; ``thousands``: with separators (not for
    tables holding years or ids)."""
    sep = "," if thousands else ""
    config = {}
    for col in table.columns:
        if pd.api.types.is_integer_dtype(table[col]):
            config[col] = st.column_config.NumberColumn(col, format=f"%{sep}d")
        elif pd.api.types.is_float_dtype(table[col]):
            config[col] = st.column_config.NumberColumn(col, format=f"%{sep}.2f")
    return config


def _small_table(frame: pd.DataFrame, lang: Lang, **options) -> None:
    """A small table with NaN shown as 无法计算 (never inf or 0), numbers with thousands separators
    and two decimals. (A pandas Styler did this before: it formats every cell in Python on every
    run, which was a fifth of the evaluation page's server time.)"""
    # Converted once per table object (they are shared results) for all sessions.
    st.dataframe(
        _arrow_of(frame),
        column_config=_number_config(frame, thousands=True),
        placeholder=t("eff.not_computable", lang),
        **options,
    )


_arrow_of = PerObject(
    lambda frame: dataframe_util.convert_pandas_df_to_arrow_table(frame, preserve_index=False)
)


def _year_label(year: int, lang: Lang) -> str:
    return t("eff.year.undated", lang) if year == UNDATED else t("eff.year.label", lang).format(year=year)


def _matrix_view(matrix: pd.DataFrame, value: str, lang: Lang) -> pd.DataFrame:
    wide = yearly.transition_table(matrix, value=value)
    total = t("eff.total", lang)
    wide = wide.rename(index={"合计": total}, columns={"合计": total})
    wide.index.name = t("eff.cmp.rows", lang)
    return wide.reset_index()

"""用地强度's 宗地 view: the controls, the parcel map and, below it, one tab at a time."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from geo.errors import DataValidationError
from geo.land import parcels as parcels_geo
from geo.land import renewal
from geo.messages import Lang, message, t
from geo.number_formats import as_text, measure_of
from geo.place_names import place_name
from geo.storage.schema import WUJIANG_TOWNS
from layers import parcels as parcel_layer
from pages.common.cache import frame_key, shared
from pages.common.frame import lazy_tabs, map_first_run, page_control, rest_after_map, show_error
from pages.common.maps import (
    WUJIANG_ZOOM,
    clicked_properties,
    kept_through_language_switch,
    map_center,
    map_with_exports,
)
from pages.common.stored import provenance_html, provenance_table
from pages.intensity.controls import ALL, class_controls
from pages.intensity.parcel_data import (
    SHOW,
    drawn_frames,
    log_stamp,
    parcel_analysis,
    parcel_item,
    shown,
    sources,
    store_stamp,
    user_stamp,
)
from pages.intensity.parcel_tabs import contracts_tab, low_tab, parcel_panel, renewal_tab

MAP = "parcel_map"


def _parcel_clicked(answer: dict) -> str | None:
    """The parcel clicked in the map's ``answer`` ("" for another feature); None without a click."""
    if not answer.get("last_active_drawing"):
        return None
    return str(clicked_properties(answer).get("parcel_id") or "")


def parcel_view(towns, base, lang: Lang) -> None:
    # the parcel clicked and the view, kept through a switch of the UI language (walk 19 b5)
    kept = kept_through_language_switch(MAP, lang, _parcel_clicked)
    parcels_name, ents_name, imported = sources(lang)
    try:
        analysis = parcel_analysis(parcels_name, ents_name, store_stamp(), user_stamp())
        log_key = ("parcel.log", log_stamp())
        log = shared(log_key, renewal.load_log)
    except DataValidationError as exc:
        show_error(exc)
        return
    tracked = shared(
        ("parcel.tracked", parcels_name, ents_name, *log_key),
        lambda: renewal.with_status(
            pd.DataFrame(analysis.low[["parcel_id", "ent_id", "zone", "area_mu"]]),
            log,
            identified_year=analysis.controls.check_year,
        ),
    )
    metric, scheme, k, industry = class_controls(
        "parcel",
        MAP,
        t("parcel.metric", lang),
        tuple(parcels_geo.PARCEL_METRICS),
        lambda m: parcel_layer.metric_label(m, lang),
        lang,
    )
    town = page_control(
        MAP,
        "parcel_town",
        ALL,
        lambda: st.selectbox(
            t("parcel.town", lang),
            [ALL, *WUJIANG_TOWNS],
            format_func=lambda v: place_name(v, lang) or t("parcel.town_all", lang),
            key="parcel_town",
        ),
    )
    show = page_control(
        MAP,
        "parcel_show",
        SHOW[0],
        lambda: st.selectbox(
            t("parcel.show", lang), SHOW, format_func=lambda v: t(f"parcel.show.{v}", lang), key="parcel_show"
        ),
    )
    frame = shared(
        ("parcel.shown", parcels_name, ents_name, metric, industry, town, show, *log_key),
        lambda: shown(analysis, metric=metric, industry=industry, town=town, show=show, tracked=tracked),
    )

    changing = []
    if len(frame):
        try:  # once per choice for all sessions, like the frame itself
            classes, drawn, marks = shared(
                ("parcel.drawn", parcels_name, ents_name, metric, industry, town, show, scheme, k, *log_key),
                lambda: drawn_frames(analysis, frame, metric, scheme, k),
            )
        except DataValidationError as exc:
            show_error(exc)
            return
        layer = parcel_layer.by_metric_class(metric, classes)
        if imported is not None:  # an imported parcel layer: its title and its recorded provenance
            layer = replace(
                layer, title_zh=f"{layer.title_zh}（导入）", title_en=f"{layer.title_en} (imported)"
            )
        changing.append(parcel_item(layer, drawn, imported))
        if marks is not None:  # red outlines above: on the map, in the legend, in every export
            changing.append(parcel_item(parcel_layer.below_minimum(), marks, imported))
    left, right = st.columns([3, 1.3])
    with left:
        # Rendered once per choice and rows shown (statuses and imports are in the data stamp).
        shown_key = (
            parcels_name,
            ents_name,
            metric,
            scheme,
            k,
            industry,
            town,
            show,
            frame_key(frame),
            *log_key,
        )
        center, zoom = kept.get("view") or (map_center(towns), WUJIANG_ZOOM)
        out = map_with_exports(  # as pages.common.maps.wujiang_map, opened where it was kept
            base,
            changing,
            center=center,
            zoom=zoom,
            height=640,
            returned_objects=["last_active_drawing", "center", "zoom"],
            title=t("int.header", lang),
            export_title=message(
                "int.export_title", lang, indicator=parcel_layer.metric_label(metric, lang, with_unit=False)
            ),
            key="parcel_map",
            note=t("parcel.method_note", lang),
            changing_key=shown_key,
            signal_drawn=True,
        )
    if out.get("last_active_drawing"):  # a click on this map
        clicked = str(clicked_properties(out).get("parcel_id") or "")
        if kept:
            kept["picked"] = clicked
    else:
        clicked = kept.get("picked") or ""
    with right:  # the panel beside the map follows it
        if clicked:
            parcel_panel(clicked, analysis, tracked, lang)
        elif not map_first_run(MAP):
            st.subheader(t("parcel.details", lang))
            st.info(t("parcel.panel_hint", lang))
    rest_after_map(MAP, lang)  # what follows comes once the map is drawn
    # the area in the page's decimals for land, as the low-efficiency total under it (walk 19)
    mu = as_text(frame["area_mu"].sum(), measure_of("area_mu"))
    n_shown = t("parcel.n_shown", lang).format(n=len(frame), mu=mu, below=int(frame["mark"].sum()))
    st.caption(n_shown + ("" if lang == "zh" else " ") + t("parcel.intro", lang))  # two sentences
    tab_low, tab_renewal, tab_contracts = lazy_tabs(
        [t("parcel.tab.low", lang), t("parcel.tab.renewal", lang), t("parcel.tab.contracts", lang)],
        key="parcel_tab",
    )
    if tab_low.open:
        with tab_low:
            low_tab(analysis, tracked, lang)
    if tab_renewal.open:
        with tab_renewal:
            renewal_tab(analysis, tracked, log, clicked, lang)
    if tab_contracts.open:
        with tab_contracts:
            contracts_tab(analysis, lang)
    st.subheader(t("overview.provenance", lang))
    layers = ["wujiang_towns", "enterprises", "parcels", "wujiang_renewal_record"]
    st.html(provenance_html(provenance_table(layers, lang), lang))

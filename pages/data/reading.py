"""数据管理, how an uploaded file is read: its CRS and lon/lat frame, its coordinate columns or the
zones it joins to, and which of its columns feed which field. Every widget here belongs to one file:
its key carries the file's token, so a new file starts from its own proposals and never shows a
choice left over from the previous one (a column that is not in this file, a frame nobody asked for).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import geopandas as gpd
import streamlit as st
from pyproj import CRS

from geo import ingest
from geo.catalogue import labels as column_labels
from geo.errors import DataValidationError
from geo.messages import Lang, t
from geo.messages.notes import text_in
from geo.spatial.crs import ANALYSIS_CRS, ANALYSIS_CRS_ZONED, FRAMES, STORAGE_CRS
from geo.storage.schema import ENTERPRISES
from pages.common.frame import show_error
from pages.common.stored import layer_frame

# CRS choices offered for a file without .prj (the tool's suggestion comes first).
CRS_CHOICES = (ANALYSIS_CRS, ANALYSIS_CRS_ZONED, STORAGE_CRS, "EPSG:4490", "EPSG:2385", "EPSG:2437")
# Their labels are catalogue entries data.crs_name.<EPSG code> (geo/messages/ui/data.py).
# Built-in polygon layers a table can be joined to, with their key fields.
JOIN_LAYERS = {
    "districts": ("name", "adcode"),
    "wujiang_towns": ("name", "short_name", "town_id"),
    "dev_zones": ("name", "zone_id"),
}
# Widget values survive leaving the page and coming back (keys are stable across languages).
KEEP = "session"
# The "not imported" choice of the field mapping: one value in both languages, so a language
# switch keeps what was picked.
UNMAPPED = ""
# Session keys of the per-file widgets start with this; the file's token follows the name.
FILE_TOKEN = "data_file_token"


def file_key(name: str) -> str:
    """The session key of the per-file widget ``name`` for the file being imported."""
    return f"{name}@{st.session_state.get(FILE_TOKEN, '')}"


FRAME_KEPT = "data_frame_kept"  # the lon/lat frame picked for the file being imported (per file)


def _frame_kept(key: str, kept: str) -> None:
    """The frame picked by the user, kept apart from the radio: only a frame is a pick (an option's
    label in the other language, sent while the page was switching language, changes nothing)."""
    picked = st.session_state.get(key)
    if picked in FRAMES:
        st.session_state[kept] = picked


def _frame_radio(found: ingest.Inspection, lang: Lang) -> str | None:
    """The frame radio, preselected only on evidence (``Inspection.proposed_frame``, which the
    command line names too). What the data says about its frame is said here, once: the proposal
    with its reason above the radio, or the evidence that decided nothing and a warning asking."""
    proposal = found.proposed_frame()
    if proposal is not None and found.frame_notes:
        st.info(
            t("data.frame_proposed", lang).format(
                frame=t(f"data.frame.{proposal}", lang), reason=text_in(found.frame_reason(), lang)
            )
        )
    elif found.frame_notes:
        st.caption(text_in(found.frame_reason(), lang))
    key, kept = file_key("data_frame"), file_key(FRAME_KEPT)
    # the frame the user picked for this file, whatever the radio was reset to meanwhile (a language
    # switch renames its options; under load the browser may send the other language's label)
    if st.session_state.get(kept) not in FRAMES and proposal is not None:  # nothing picked: the proposal
        st.session_state[kept] = proposal
    if st.session_state.get(kept) in FRAMES and st.session_state.get(key) != st.session_state[kept]:
        st.session_state[key] = st.session_state[kept]
    picked = st.radio(
        t("data.frame", lang),
        FRAMES,
        # the session state holds the frame once one is kept: then the radio takes it from there only
        # (an index as well makes Streamlit warn that the value came two ways)
        index=FRAMES.index(proposal) if proposal is not None and key not in st.session_state else None,
        format_func=lambda f: t(f"data.frame.{f}", lang),
        horizontal=True,
        key=key,
        persist_state=KEEP,
        on_change=_frame_kept,
        args=(key, kept),
    )
    if picked is None:
        st.warning(t("data.frame_ask", lang))
    return picked


def _crs_widgets(found: ingest.Inspection, lang: Lang, options: dict) -> None:
    suggestion = found.suggestion
    declared = found.crs
    proposed = suggestion.crs if suggestion is not None and suggestion.crs != declared else None
    if declared is None and suggestion is not None:
        st.info(
            t("data.crs_suggested", lang).format(reason=text_in(suggestion.reason, lang), crs=suggestion.crs)
        )
    elif declared is None:
        st.warning(t("data.crs_unknown", lang))
    elif proposed is not None:
        st.warning(
            t("data.crs_mismatch", lang).format(
                declared=declared, reason=text_in(suggestion.reason, lang), crs=proposed
            )
        )
    choices = list(dict.fromkeys([c for c in (proposed, declared) if c] + list(CRS_CHOICES)))
    declared_tag = t("data.crs_declared", lang)

    def crs_label(crs: str) -> str:
        name = t(f"data.crs_name.{crs.split(':')[-1]}", lang) if crs in CRS_CHOICES else crs
        return name + (declared_tag if crs == declared else "")

    picked = st.selectbox(
        t("data.crs", lang), choices, format_func=crs_label, key=file_key("data_crs"), persist_state=KEEP
    )
    options["crs"] = None if picked == declared else picked
    options["swap_xy"] = st.checkbox(
        t("data.swap", lang),
        value=bool(suggestion and suggestion.swapped),
        key=file_key("data_swap"),
        persist_state=KEEP,
    )
    if CRS.from_user_input(options["crs"] or found.crs).is_geographic:
        options["frame"] = _frame_radio(found, lang)


def _coordinate_widgets(found: ingest.Inspection, lang: Lang, options: dict) -> None:
    columns = list(found.columns)
    c1, c2 = st.columns(2)
    options["lon_col"] = c1.selectbox(
        t("data.lon_col", lang),
        columns,
        index=columns.index(found.lon_col) if found.lon_col in columns else 0,
        key=file_key("data_lon"),
        persist_state=KEEP,
    )
    options["lat_col"] = c2.selectbox(
        t("data.lat_col", lang),
        columns,
        index=columns.index(found.lat_col) if found.lat_col in columns else min(1, len(columns) - 1),
        key=file_key("data_lat"),
        persist_state=KEEP,
    )
    options["frame"] = _frame_radio(found, lang)


def _join_widgets(
    found: ingest.Inspection,
    lang: Lang,
    options: dict,
    user_zones: Sequence[str],
    load_user_layer: Callable[[str], gpd.GeoDataFrame],
) -> bool:
    columns = list(found.columns)
    c1, c2, c3 = st.columns(3)
    zone_layer = c1.selectbox(
        t("data.join_layer", lang),
        [*JOIN_LAYERS, *user_zones],
        key=file_key("data_join_layer"),
        persist_state=KEEP,
    )
    try:
        zones = load_user_layer(zone_layer) if zone_layer in user_zones else layer_frame(zone_layer)
    except DataValidationError as exc:
        show_error(exc)
        return False
    keys = [k for k in JOIN_LAYERS.get(zone_layer, ("name", "zone_id")) if k in zones.columns] or [
        c for c in zones.columns if c != zones.geometry.name
    ]
    options["zones"] = zones
    options["zone_key"] = c2.selectbox(
        t("data.join_key", lang), keys, key=file_key("data_join_key"), persist_state=KEEP
    )
    guess = found.mapping.get("town") or found.mapping.get("name") or columns[0]
    options["join_col"] = c3.selectbox(
        t("data.join_col", lang),
        columns,
        index=columns.index(guess) if guess in columns else 0,
        key=file_key("data_join_col"),
        persist_state=KEEP,
    )
    return True


def _mapping_widgets(found: ingest.Inspection, kind: str, lang: Lang) -> dict[str, str]:
    targets = ENTERPRISES.columns if kind == "enterprises" else ("zone_id", "name")
    required = ingest.ENTERPRISE_REQUIRED if kind == "enterprises" else ("name",)
    st.markdown("**" + t("data.mapping", lang).replace("*", "\\*") + "**")
    unmapped = t("data.unmapped", lang)
    choices = [UNMAPPED, *found.columns]
    mapping = {}
    grid = st.columns(3)
    for i, target in enumerate(targets):
        label = column_labels(kind, lang).get(target, target) + (" *" if target in required else "")
        default = found.mapping.get(target)
        picked = grid[i % 3].selectbox(
            label,
            choices,
            index=choices.index(default) if default in choices else 0,
            format_func=lambda c: c if c != UNMAPPED else unmapped,
            key=file_key(f"data_map_{target}"),
            persist_state=KEEP,
        )
        if picked != UNMAPPED and picked in found.columns:
            mapping[target] = picked
    return mapping


def choose_reading(
    found: ingest.Inspection,
    kind: str,
    *,
    lang: Lang,
    user_zones: Sequence[str],
    load_user_layer: Callable[[str], gpd.GeoDataFrame],
) -> dict | None:
    """Widgets for CRS, frame, coordinate columns / zone join and column mapping.

    Parameters
    ----------
    found : ingest.Inspection
        What the file holds and what the tool proposes for it.
    kind : str
        The use chosen for the file (zones, enterprises, other).
    lang : Lang
        The interface language.
    user_zones : sequence of str
        The user's own zone layers a table may be joined to.
    load_user_layer : callable
        Loads one of ``user_zones``.

    Returns
    -------
    dict or None
        The options for :func:`geo.ingest.read_upload`; None when the file cannot be read yet (a
        zone layer failed to load, or the lon/lat frame has not been chosen).
    """
    options: dict = {"layer": found.layer, "kind": kind}
    if not found.is_table:
        _crs_widgets(found, lang, options)
    else:
        mode = st.radio(
            t("data.mode", lang),
            ("coords", "join"),
            index=0 if found.lon_col or kind == "enterprises" else 1,
            format_func=lambda m: t(f"data.mode.{m}", lang),
            horizontal=True,
            key=file_key("data_mode"),
            persist_state=KEEP,
        )
        if mode == "coords":
            _coordinate_widgets(found, lang, options)
        elif not _join_widgets(found, lang, options, user_zones, load_user_layer):
            return None
    if kind in ("zones", "enterprises"):
        options["mapping"] = _mapping_widgets(found, kind, lang)
    if "frame" in options and options["frame"] is None:
        return None
    return options

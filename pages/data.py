"""数据管理: import users' own layers and tables (validated, stored atomically), export maps and data."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st
from pyproj import CRS

from geo import audit, ingest
from geo.catalogue import labels as column_labels
from geo.crs import ANALYSIS_CRS, ANALYSIS_CRS_ZONED, FRAMES, STORAGE_CRS
from geo.errors import DataValidationError, RowReportError
from geo.export import csv_bytes, xlsx_bytes
from geo.i18n import Lang
from geo.schema import ACCURACY_CLASSES, ENTERPRISES
from geo.store import spatial_layers
from geo.stores import open_store
from layers import REGISTRY
from layers.base import accuracy_label
from layers.mapview import MapLayer, render_map
from layers.offline_html import map_downloads
from layers.snapshot import SnapshotControl
from layers.user_layers import user_map_layer
from pages import _cache
from pages._auth import firms_hidden_note, identity, require_editor, sees_firms
from pages._data_collect import collect_section
from pages._shared import (
    download_buttons,
    exportable,
    layer_frame,
    map_layer,
    map_layer_of,
    settings,
    show_error,
    show_map,
    user_store_stamp,
)
from pages._strings import t

# CRS choices offered for a file without .prj (the tool's suggestion comes first).
_CRS_CHOICES = (ANALYSIS_CRS, ANALYSIS_CRS_ZONED, STORAGE_CRS, "EPSG:4490", "EPSG:2385", "EPSG:2437")
_CRS_LABELS = {
    ANALYSIS_CRS: "EPSG:4549 CGCS2000 3° 高斯-克吕格 CM 120°E（不带带号）",
    ANALYSIS_CRS_ZONED: "EPSG:4528 CGCS2000 3° 高斯-克吕格 第 40 带（带号 40）",
    STORAGE_CRS: "EPSG:4326 WGS-84 经纬度",
    "EPSG:4490": "EPSG:4490 CGCS2000 经纬度",
    "EPSG:2385": "EPSG:2385 西安 80 3° 高斯-克吕格 CM 120°E",
    "EPSG:2437": "EPSG:2437 北京 54 3° 高斯-克吕格 CM 120°E",
}
# Built-in polygon layers a table can be joined to, with their key fields.
_JOIN_LAYERS = {
    "districts": ("name", "adcode"),
    "wujiang_towns": ("name", "short_name", "town_id"),
    "dev_zones": ("name", "zone_id"),
}
# Widget values survive leaving the page and coming back (keys are stable across languages).
KEEP = "session"
# The "not imported" choice of the field mapping: one value in both languages, so a language
# switch keeps what was picked.
_UNMAPPED = ""


def proposed_kind(found: ingest.Inspection) -> str:
    """The use a file most likely has: a table with coordinates, or any file whose columns map
    onto the enterprise fields (name, land, tax, sales), is an enterprise list; other tables and
    geodata are zones when they have names, else other layers."""
    enterprise_fields = ingest.suggest_mapping(found.columns, "enterprises")
    if all(f in enterprise_fields for f in ingest.ENTERPRISE_REQUIRED) or (found.is_table and found.lon_col):
        return "enterprises"
    if "name" in ingest.suggest_mapping(found.columns, "zones"):
        return "zones"
    return "other"


s = settings()
lang: Lang = s.lang


# ---- cached wrappers around geo (Streamlit edge only) ----------------------------------------


def _user_stamp() -> tuple[str, str]:
    return user_store_stamp()


@st.cache_data(show_spinner=False, max_entries=4)
def _inspect(data: bytes, filename: str, layer: str | None, kind: str) -> ingest.Inspection:
    return ingest.inspect_upload(data, filename, layer=layer, kind=kind)


@st.cache_data(show_spinner=False)
def _user_meta(stamp: tuple[str, str]) -> pd.DataFrame:
    """The imports' provenance; ``stamp`` (store, change stamp) only keys the cache (no leading "_": it must be hashed)."""
    return ingest.list_user_layers()


@st.cache_data(show_spinner=False)
def _stored_layer_names(stamp: tuple[str, str]) -> frozenset[str]:
    """Spatial built-in layers (attribute tables excluded)."""
    return frozenset(spatial_layers())


def _store_layers() -> frozenset[str]:
    return _stored_layer_names(_cache.builtin_stamp())


@st.cache_data(show_spinner=False)
def _audit_log(stamp: tuple[str, str]) -> pd.DataFrame:
    return audit.audit_log()


@st.cache_data(show_spinner=False)
def _user_frame(name: str, stamp: tuple[str, str]) -> gpd.GeoDataFrame:
    return ingest.load_user_layer(name)


def _minute(stamp: str) -> str:
    """An ISO time stamp (UTC) as people read it: "2026-12-03 19:28 UTC"; as it is if it is not one."""
    try:
        return pd.Timestamp(stamp).tz_convert("UTC").strftime("%Y-%m-%d %H:%M UTC")
    except (ValueError, TypeError):
        return str(stamp)


def _preview_layer(result: ingest.ImportResult, accuracy: str = "real") -> MapLayer:
    frame = result.frame
    row = pd.Series(
        {
            "layer": "user_preview",
            "title_zh": result.filename,
            "title_en": result.filename,
            "accuracy": accuracy,
            "source": result.filename,
            "licence": "",
            "note": "",
        }
    )
    item = user_map_layer(row, frame)
    return MapLayer(item.layer, frame, item.provenance)


def _reference_layers() -> list[MapLayer]:
    """What an imported layer is shown against: the districts and Wujiang's 区镇, outlines only."""
    return [
        map_layer_of(replace(REGISTRY[name], fill_opacity=0.0, weight=1.0, color="#777777"))
        for name in ("districts", "wujiang_towns")
    ]


def _report_downloads(report: pd.DataFrame, key: str) -> None:
    table = ingest.report_for_download(report)
    c1, c2 = st.columns(2)
    c1.download_button(
        t("data.download_report", lang),
        data=csv_bytes(table),
        file_name="校验报告.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    c2.download_button(
        t("data.download_report_xlsx", lang),
        data=xlsx_bytes({"校验报告": table}, title="逐行校验报告", lang=lang),
        file_name="校验报告.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
    )


# ---- import ----------------------------------------------------------------------------------


def _frame_proposal(found: ingest.Inspection) -> None:
    """Say which frame the data itself points to; the radio below is preselected, the user confirms."""
    fit = found.frame_fit
    if fit is not None and fit.proposed is not None:
        st.info(
            t("data.frame_proposed", lang).format(
                frame=t(f"data.frame.{fit.proposed}", lang), reason=fit.reason
            )
        )


def _choose_reading(found: ingest.Inspection, kind: str) -> dict | None:
    """Widgets for CRS, frame, coordinate columns / zone join and column mapping; the read options."""
    options: dict = {"layer": found.layer, "kind": kind}
    if not found.is_table:
        suggestion = found.suggestion
        declared = found.crs
        proposed = suggestion.crs if suggestion is not None and suggestion.crs != declared else None
        if declared is None and suggestion is not None:
            st.info(t("data.crs_suggested", lang).format(reason=suggestion.reason, crs=suggestion.crs))
        elif declared is None:
            st.warning(t("data.crs_unknown", lang))
        elif proposed is not None:
            st.warning(
                t("data.crs_mismatch", lang).format(declared=declared, reason=suggestion.reason, crs=proposed)
            )
        choices = list(dict.fromkeys([c for c in (proposed, declared) if c] + list(_CRS_CHOICES)))
        declared_tag = t("data.crs_declared", lang)

        def crs_label(crs: str) -> str:
            return _CRS_LABELS.get(crs, crs) + (declared_tag if crs == declared else "")

        picked = st.selectbox(
            t("data.crs", lang), choices, format_func=crs_label, key="data_crs", persist_state=KEEP
        )
        options["crs"] = None if picked == declared else picked
        swap_default = bool(suggestion and suggestion.swapped)
        options["swap_xy"] = st.checkbox(
            t("data.swap", lang), value=swap_default, key="data_swap", persist_state=KEEP
        )
        crs = options["crs"] or found.crs
        if CRS.from_user_input(crs).is_geographic:
            _frame_proposal(found)
            options["frame"] = st.radio(
                t("data.frame", lang),
                FRAMES,
                index=FRAMES.index(found.frame),
                format_func=lambda f: t(f"data.frame.{f}", lang),
                horizontal=True,
                key="data_frame",
                persist_state=KEEP,
            )
    else:
        modes = ("coords", "join")
        mode = st.radio(
            t("data.mode", lang),
            modes,
            index=0 if found.lon_col or kind == "enterprises" else 1,
            format_func=lambda m: t(f"data.mode.{m}", lang),
            horizontal=True,
            key="data_mode",
            persist_state=KEEP,
        )
        columns = list(found.columns)
        if mode == "coords":
            c1, c2 = st.columns(2)
            options["lon_col"] = c1.selectbox(
                t("data.lon_col", lang),
                columns,
                index=columns.index(found.lon_col) if found.lon_col in columns else 0,
                key="data_lon",
                persist_state=KEEP,
            )
            options["lat_col"] = c2.selectbox(
                t("data.lat_col", lang),
                columns,
                index=columns.index(found.lat_col) if found.lat_col in columns else min(1, len(columns) - 1),
                key="data_lat",
                persist_state=KEEP,
            )
            _frame_proposal(found)
            options["frame"] = st.radio(
                t("data.frame", lang),
                FRAMES,
                index=FRAMES.index(found.frame),
                format_func=lambda f: t(f"data.frame.{f}", lang),
                horizontal=True,
                key="data_frame",
                persist_state=KEEP,
            )
        else:
            meta = _user_meta(_user_stamp())
            user_zones = meta.loc[meta["kind"] == "zones", "layer"].tolist()
            c1, c2, c3 = st.columns(3)
            zone_layer = c1.selectbox(
                t("data.join_layer", lang),
                [*_JOIN_LAYERS, *user_zones],
                key="data_join_layer",
                persist_state=KEEP,
            )
            try:
                zones = (
                    _user_frame(zone_layer, _user_stamp())
                    if zone_layer in user_zones
                    else layer_frame(zone_layer)
                )
            except DataValidationError as exc:
                show_error(exc)
                return None
            keys = [k for k in _JOIN_LAYERS.get(zone_layer, ("name", "zone_id")) if k in zones.columns] or [
                c for c in zones.columns if c != zones.geometry.name
            ]
            options["zones"] = zones
            options["zone_key"] = c2.selectbox(
                t("data.join_key", lang), keys, key="data_join_key", persist_state=KEEP
            )
            guess = found.mapping.get("town") or found.mapping.get("name") or columns[0]
            options["join_col"] = c3.selectbox(
                t("data.join_col", lang),
                columns,
                index=columns.index(guess) if guess in columns else 0,
                key="data_join_col",
                persist_state=KEEP,
            )
    if kind in ("zones", "enterprises"):
        targets = ENTERPRISES.columns if kind == "enterprises" else ("zone_id", "name")
        required = ingest.ENTERPRISE_REQUIRED if kind == "enterprises" else ("name",)
        st.markdown("**" + t("data.mapping", lang).replace("*", "\\*") + "**")
        unmapped = t("data.unmapped", lang)
        choices = [_UNMAPPED, *found.columns]
        mapping = {}
        grid = st.columns(3)
        for i, target in enumerate(targets):
            label = column_labels(kind, lang).get(target, target) + (" *" if target in required else "")
            default = found.mapping.get(target)
            picked = grid[i % 3].selectbox(
                label,
                choices,
                index=choices.index(default) if default in choices else 0,
                format_func=lambda c: c if c != _UNMAPPED else unmapped,
                key=f"data_map_{target}",
                persist_state=KEEP,
            )
            if picked != _UNMAPPED:
                mapping[target] = picked
        options["mapping"] = mapping
    return options


def _show_result(result: ingest.ImportResult) -> None:
    cols = st.columns(5)
    cols[0].metric(t("data.metric.in", lang), f"{result.rows_in:,}")
    cols[1].metric(t("data.metric.ok", lang), f"{len(result.frame):,}")
    cols[2].metric(t("data.metric.failed", lang), f"{result.count('error'):,}")
    cols[3].metric(t("data.metric.repaired", lang), f"{result.count('repaired'):,}")
    cols[4].metric(t("data.metric.flagged", lang), f"{result.count('warning'):,}")
    checks = result.check_counts()
    if checks:
        st.warning(t("data.checks", lang).format(items="，".join(f"{k} {v} 行" for k, v in checks.items())))
    for note in result.notes:
        st.caption("· " + note)
    st.markdown(f"**{t('data.report', lang)}**")
    if result.report.empty:
        st.success(t("data.report_empty", lang))
    else:
        st.dataframe(ingest.report_for_download(result.report), hide_index=True, width="stretch", height=220)
        _report_downloads(result.report, "data_report")
    st.markdown(f"**{t('data.preview', lang)}**")
    item = _preview_layer(result)
    m = render_map(
        [*_reference_layers(), item], lang=lang, basemap=s.basemap, tianditu_key=s.tianditu_key,
        fit_to=result.frame,
    )  # fmt: skip
    m.add_child(SnapshotControl(title=result.filename, lang=lang))
    show_map(m, key="data_preview_map", height=420)


def _save(result: ingest.ImportResult, values: dict, *, replacing: bool) -> None:
    try:
        ingest.save_import(result, **values, actor=identity().recorded)
    except DataValidationError as exc:
        show_error(exc)
        return
    stored = ingest.layer_name(values["name"])
    st.session_state.pop("data_result", None)
    st.session_state.pop("data_confirm_replace", None)
    key = "data.replaced" if replacing else "data.saved"
    st.session_state["data_flash"] = t(key, lang).format(name=stored)
    st.rerun()


def _save_form(result: ingest.ImportResult, kind: str) -> None:
    st.markdown(f"**{t('data.save', lang)}**")
    with st.form("data_save_form"):
        c1, c2 = st.columns(2)
        name = c1.text_input(
            t("data.name", lang),
            value=ingest.suggest_layer_name(result.filename, kind),
            key="data_save_name",
            persist_state=KEEP,
        )
        title = c2.text_input(
            t("data.title", lang), value=Path(result.filename).stem, key="data_save_title", persist_state=KEEP
        )
        source = st.text_input(t("data.source", lang), key="data_save_source", persist_state=KEEP)
        c3, c4 = st.columns(2)
        accuracy = c3.selectbox(
            t("data.accuracy", lang),
            ACCURACY_CLASSES,
            format_func=lambda a: accuracy_label(a, lang),
            key="data_save_accuracy",
            persist_state=KEEP,
        )
        licence = c4.text_input(t("data.licence", lang), key="data_save_licence", persist_state=KEEP)
        year = None
        if kind == "enterprises" and "year" not in result.frame.columns:
            year = st.number_input(
                t("data.year", lang), min_value=1900, max_value=2100, value=None, step=1, key="data_save_year",
                help=t("data.year_help", lang),
            )  # fmt: skip
        submitted = st.form_submit_button(t("data.save", lang), type="primary")
    values = {"name": name, "title": title, "source": source, "accuracy": accuracy, "licence": licence}
    values["year"] = int(year) if year is not None else None
    meta = _user_meta(_user_stamp())
    stored = ingest.layer_name(name)
    if submitted:
        if stored in set(meta["layer"]):  # saving under a taken name asks first
            st.session_state["data_confirm_replace"] = stored
        else:
            _save(result, values, replacing=False)
            return
    pending = st.session_state.get("data_confirm_replace")
    if pending is None:
        return
    if pending != stored or pending not in set(meta["layer"]):  # the name was edited, or the layer went
        st.session_state.pop("data_confirm_replace", None)
        return
    row = meta.set_index("layer").loc[pending]
    st.warning(
        t("data.replace_confirm", lang).format(
            title=row["title_zh"],
            name=pending,
            rows=f"{int(row['rows_out']):,}",
            when=_minute(row["imported_at"]),
        )
    )
    c1, c2 = st.columns(2)
    if c1.button(t("data.replace_yes", lang), type="primary", key="data_replace_yes"):
        _save(result, values, replacing=True)
    if c2.button(t("data.cancel", lang), key="data_replace_no"):
        st.session_state.pop("data_confirm_replace", None)
        st.rerun()


# Per-file widgets: a new file starts them afresh (from the file's own proposals).
_PER_FILE = ("data_kind", "data_layer", "data_crs", "data_swap", "data_frame", "data_mode", "data_lon",
             "data_lat", "data_join_layer", "data_join_key", "data_join_col", "data_save_name",
             "data_save_title")  # fmt: skip


def _held_upload() -> tuple[str, bytes] | None:
    """The file being imported: the uploader's, else the one kept from before a page or language
    switch (the uploader itself forgets its file when the page is left)."""
    upload = st.file_uploader(
        t("data.upload", lang),
        type=[ext.lstrip(".") for ext in ingest.EXTENSIONS],
        help=t("data.upload_help", lang).format(mb=ingest.MAX_UPLOAD_MB),
        max_upload_size=ingest.MAX_UPLOAD_MB,
        key="data_upload",
    )
    st.caption(t("data.upload_help", lang).format(mb=ingest.MAX_UPLOAD_MB))
    if upload is not None:
        data = upload.getvalue()
        held = st.session_state.get("data_held")
        if held is None or held[0] != upload.name or held[1] != data:
            keep = {"data_kind"} if st.session_state.get("data_kind_chosen") else set()
            for key in (*_PER_FILE, *(k for k in st.session_state if str(k).startswith("data_map_"))):
                if key not in keep:
                    st.session_state.pop(key, None)
            st.session_state["data_held"] = (upload.name, data)
        return upload.name, data
    held = st.session_state.get("data_held")
    if held is None:
        return None
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.caption(":material/attach_file: " + t("data.held", lang).format(name=held[0]))
    if c2.button(t("data.held_clear", lang), key="data_held_clear"):
        for key in ("data_held", "data_result", *_PER_FILE):
            st.session_state.pop(key, None)
        st.rerun()
    return held


def _kind_chosen() -> None:
    """The use was picked before any file: a file then keeps it instead of its own proposal."""
    st.session_state["data_kind_chosen"] = True


def import_section() -> None:
    st.subheader(t("data.import", lang))
    flash = st.session_state.pop("data_flash", None)
    if flash:
        st.success(flash)
    if not require_editor(lang):
        return
    held = _held_upload()
    if held is None:
        st.selectbox(
            t("data.kind", lang), ingest.KINDS, format_func=lambda k: t(f"data.kind.{k}", lang),
            key="data_kind", persist_state=KEEP, on_change=_kind_chosen,
        )  # fmt: skip
        st.caption(t("data.kind_auto", lang))
        return
    filename, data = held
    try:
        found = _inspect(data, filename, None, "other")
        if len(found.layers) > 1:
            layer = st.selectbox(
                t("data.layer", lang), found.layers, index=found.layers.index(found.layer), key="data_layer",
                persist_state=KEEP,
            )  # fmt: skip
            if layer != found.layer:
                found = _inspect(data, filename, layer, "other")
    except DataValidationError as exc:
        show_error(exc)
        return
    proposal = proposed_kind(found)
    if st.session_state.get("data_kind") not in ingest.KINDS:
        st.session_state["data_kind"] = proposal
    kind = st.selectbox(
        t("data.kind", lang), ingest.KINDS, format_func=lambda k: t(f"data.kind.{k}", lang),
        key="data_kind", persist_state=KEEP,
        help=t("data.kind_proposed", lang).format(kind=t(f"data.kind.{proposal}", lang)),
    )  # fmt: skip
    if kind != "other":
        found = _inspect(data, filename, found.layer, kind)
    st.caption(
        t("data.detected", lang).format(
            fmt=found.fmt,
            n=f"{found.n_rows:,}",
            enc=found.encoding or "—",
            crs=found.crs or t("data.crs_missing", lang),
        )
        + " "
        + t("data.kind_proposed", lang).format(kind=t(f"data.kind.{proposal}", lang))
    )
    for note in found.notes:
        st.caption("· " + note)
    with st.expander(f"{found.filename} · {len(found.columns)} " + t("data.n_columns", lang), expanded=False):
        st.dataframe(found.preview, hide_index=True, width="stretch")
    options = _choose_reading(found, kind)
    if options is None:
        return
    signature = (hashlib.sha256(data).hexdigest(), repr({k: v for k, v in options.items() if k != "zones"}))
    if st.button(t("data.read", lang), type="primary", key="data_read"):
        try:
            result = ingest.read_upload(data, filename, **options)
        except DataValidationError as exc:
            show_error(exc)
            st.session_state.pop("data_result", None)
            report = exc.report if isinstance(exc, RowReportError) else None
            if report is not None and len(report):
                st.dataframe(ingest.report_for_download(report), hide_index=True, width="stretch", height=220)
                _report_downloads(report, "data_error_report")
            return
        st.session_state["data_result"] = (signature, result)
    held = st.session_state.get("data_result")
    if held is None or held[0] != signature:
        return
    result = held[1]
    _show_result(result)
    _save_form(result, kind)


def stored_section() -> None:
    st.subheader(t("data.stored", lang))
    flash = st.session_state.pop("data_delete_flash", None)
    if flash:
        st.success(flash)
    meta = _user_meta(_user_stamp())
    if meta.empty:
        st.caption(t("data.stored_empty", lang))
        return
    table = pd.DataFrame(
        {
            t("col.layer", lang): meta["layer"],
            t("data.title", lang): meta["title_zh"],
            t("data.col.kind", lang): meta["kind"].map(lambda k: t(f"data.kind.{k}", lang)),
            t("col.accuracy", lang): meta["accuracy"].map(lambda a: accuracy_label(a, lang)),
            t("col.source", lang): meta["source"],
            t("data.col.file", lang): meta["source_file"],
            t("data.col.rows", lang): meta["rows_out"],
            t("data.col.imported", lang): meta["imported_at"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    if not identity().editor:
        return
    titles = dict(zip(meta["layer"], meta["title_zh"], strict=True))
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    victim = c1.selectbox(
        t("data.delete_pick", lang),
        meta["layer"].tolist(),
        format_func=lambda n: f"{titles.get(n, n)}（{n}）",
        key="data_delete_pick",
    )
    if c2.button(t("data.delete", lang), key="data_delete"):
        st.session_state["data_confirm_delete"] = victim
    pending = st.session_state.get("data_confirm_delete")
    if pending is None:
        return
    if pending not in titles:  # deleted meanwhile (by someone else)
        st.session_state.pop("data_confirm_delete", None)
        st.warning(t("data.layer_gone", lang).format(name=pending))
        return
    rows = int(meta.loc[meta["layer"] == pending, "rows_out"].iloc[0])
    st.warning(t("data.delete_confirm", lang).format(title=titles[pending], name=pending, rows=f"{rows:,}"))
    d1, d2 = st.columns(2)
    if d1.button(t("data.delete_yes", lang), type="primary", key="data_delete_yes"):
        st.session_state.pop("data_confirm_delete", None)
        try:
            removed = ingest.delete_user_layer(pending, actor=identity().recorded)
        except DataValidationError as exc:
            show_error(exc)
            return
        title = removed.get("title_zh") or titles[pending]
        st.session_state["data_delete_flash"] = t("data.deleted", lang).format(title=title, name=pending)
        st.rerun()
    if d2.button(t("data.cancel", lang), key="data_delete_no"):
        st.session_state.pop("data_confirm_delete", None)
        st.rerun()


def audit_section() -> None:
    st.subheader(t("data.audit", lang))
    store = open_store()
    st.caption(t("data.audit_caption", lang).format(store=store.location))
    log = _audit_log(_user_stamp())
    if log.empty:
        st.caption(t("data.audit_empty", lang))
        return
    table = pd.DataFrame(
        {
            t("audit.at", lang): log["at_utc"],
            t("audit.user", lang): log["user_name"],
            t("audit.action", lang): log["action"].map(lambda a: audit.action_label(a, lang)),
            t("audit.layer", lang): log["layer"],
            t("audit.title", lang): log["title"],
            t("audit.file", lang): log["file_name"],
            "SHA-256": log["sha256"].str[:12],
            t("audit.rows_in", lang): log["rows_in"],
            t("audit.rows_out", lang): log["rows_out"],
            t("audit.detail", lang): log["detail"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)))


# ---- export ----------------------------------------------------------------------------------


def export_section() -> None:
    st.subheader(t("export.header", lang))
    st.caption(t("export.note", lang))
    meta = _user_meta(_user_stamp())
    # layers drawn straight from a stored spatial layer; derived ones (clusters, intensity) export from their pages
    builtin = [name for name, layer in REGISTRY.items() if layer.source == name and name in _store_layers()]
    builtin, user = exportable(builtin), exportable(meta["layer"].tolist())  # by role (pages/_auth.py)
    if not sees_firms():
        firms_hidden_note(lang, what_key="access.hidden_export")
    titles = {name: REGISTRY[name].title(lang) for name in builtin}
    titles.update({row["layer"]: row["title_zh"] for _, row in meta.iterrows()})
    default = [n for n in ("districts", "wujiang_towns") if n in builtin]
    chosen = st.multiselect(
        t("export.layers", lang),
        [*builtin, *user],
        default=default,
        format_func=lambda n: titles[n],
        key="export_layers",
        placeholder=t("export.layers_placeholder", lang),
    )
    # The default title follows the UI language; a title the user typed stays as typed.
    defaults = {t("export.title_default", other) for other in ("zh", "en")}
    if st.session_state.get("export_title", next(iter(defaults))) in defaults:
        st.session_state["export_title"] = t("export.title_default", lang)
    title = st.text_input(t("export.title", lang), key="export_title")
    if not chosen:
        st.info(t("export.none", lang))
        return
    try:
        items = []
        for i, name in enumerate(chosen):
            if name in user:
                row = meta.set_index("layer").loc[name].copy()
                row["layer"] = name
                items.append(user_map_layer(row, _user_frame(name, _user_stamp()), index=i))
            else:
                items.append(map_layer(name))
    except DataValidationError as exc:
        show_error(exc)
        return
    shapes = [item.frame.geometry.to_crs(STORAGE_CRS) for item in items if len(item.frame)]
    extent = (
        gpd.GeoDataFrame(geometry=pd.concat(shapes, ignore_index=True), crs=STORAGE_CRS) if shapes else None
    )
    m = render_map(items, lang=lang, basemap=s.basemap, tianditu_key=s.tianditu_key, fit_to=extent)
    m.add_child(SnapshotControl(title=title, lang=lang))
    show_map(m, key="data_export_map", height=480)
    download_buttons(map_downloads(title, items, m, lang=lang), key="export")


st.title(t("data.header", lang))
st.caption(t("data.intro", lang))
import_section()
st.divider()
collect_section(lang)
st.divider()
stored_section()
st.divider()
export_section()
st.divider()
audit_section()
st.caption(":material/warning: " + t("app.disclaimer", lang))

"""Importing a user's file on the data page: the upload (kept across a page or language switch),
what kind of data it is, how to read it (pages/data/reading.py), the row report, the preview map,
and saving it under a name (asking before replacing)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from geo import ingest
from geo.errors import DataValidationError, RowReportError
from geo.exports.tables import csv_bytes, xlsx_bytes
from geo.messages import Lang, t
from geo.messages.notes import text_in
from geo.storage.schema import ACCURACY_CLASSES
from layers.base import accuracy_label
from layers.mapview import MapLayer, render_map
from layers.snapshot import SnapshotControl
from layers.user_layers import user_map_layer
from pages.common.auth import identity, require_editor
from pages.common.display import markdown_text
from pages.common.frame import Settings, show_error
from pages.common.maps import reference_layers, show_map
from pages.data.managing import report_view
from pages.data.reading import FILE_TOKEN, KEEP, choose_reading, file_key
from pages.data.store import inspect, minute, user_frame, user_meta, user_stamp
from pages.efficiency.fitting import table_height

PREFILLED = (
    "data_prefilled"  # the layers this file's form was filled from (tried, and the last that filled it)
)
KIND_KEPT = "data_kind_kept"  # the use of the file being imported, as the user picked or accepted it
UPLOADS = "data_uploads_saved"  # how many imports this session saved: the uploader's key changes with it
# Brings an element keyed ``key`` into view once drawn, unless it is already in view.
_IN_VIEW = """<script>
(function () {
  var tries = 0;
  function show() {
    var el = document.querySelector('.st-key-%(key)s');
    if (!el) { if (tries++ < 50) setTimeout(show, 100); return; }
    var r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({block: 'center'});
  }
  setTimeout(show, 50);
})();
</script>"""


def _preview_layer(result: ingest.ImportResult, accuracy: str) -> MapLayer:
    """The file's rows on the preview map, named by the file; ``accuracy`` is the class chosen, or
    the words saying none is yet (the legend shows it as given)."""
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


def _report_downloads(report: pd.DataFrame, key: str, lang: Lang) -> None:
    """The row report as CSV and workbook."""
    table = ingest.report_for_download(report, lang)
    c1, c2 = st.columns(2)
    c1.download_button(
        t("data.download_report", lang),
        data=csv_bytes(table),
        file_name=f"{t('data.report_file', lang)}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )
    c2.download_button(
        t("data.download_report_xlsx", lang),
        data=xlsx_bytes({t("data.report_sheet", lang): table}, title=t("data.report_title", lang), lang=lang),
        file_name=f"{t('data.report_file', lang)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
    )


def _report_table(report: pd.DataFrame, lang: Lang) -> None:
    """The row report, each problem read whole at 1280 px (wrapped), as tall as its rows (walk 16: a
    fixed 220 px drew an empty row under four)."""
    table, fitted = report_view(report, lang)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config=fitted.apply({}),
        row_height=fitted.row_px,
        height=table_height(len(table), fitted.row_px),
    )


def _show_result(result: ingest.ImportResult, s: Settings) -> None:
    """What the reading gave: counts, checks, notes, the row report and a preview map."""
    lang = s.lang
    cols = st.columns(5)
    cols[0].metric(t("data.metric.in", lang), f"{result.rows_in:,}")
    cols[1].metric(t("data.metric.ok", lang), f"{len(result.frame):,}")
    cols[2].metric(t("data.metric.failed", lang), f"{result.count('error'):,}")
    cols[3].metric(t("data.metric.repaired", lang), f"{result.count('repaired'):,}")
    cols[4].metric(t("data.metric.flagged", lang), f"{result.count('warning'):,}")
    found = result.checks_found()
    if found:
        st.warning(t("data.checks", lang).format(items=text_in(found, lang)))
    for item in result.notes:  # each a sentence of its own: no "·" (walk18 (c)3 read it as a stray separator)
        st.caption(text_in(item, lang))
    st.markdown(f"**{t('data.report', lang)}**")
    if result.report.empty:
        st.success(t("data.report_empty", lang))
    else:
        _report_table(result.report, lang)
        _report_downloads(result.report, "data_report", lang)
    st.markdown(f"**{t('data.preview', lang)}**")
    chosen = st.session_state.get(file_key("data_save_accuracy"))
    item = _preview_layer(result, chosen if chosen in ACCURACY_CLASSES else t("data.accuracy_unchosen", lang))
    m = render_map(
        [*reference_layers(), item],
        lang=lang,
        basemap=s.basemap,
        tianditu_key=s.tianditu_key,
        fit_to=result.frame,
    )
    m.add_child(SnapshotControl(title=result.filename, lang=lang))
    show_map(m, key="data_preview_map", height=420)


def _save(result: ingest.ImportResult, values: dict, lang: Lang, *, replacing: bool) -> None:
    """Store the import (its flash message, naming the layer by its title, shown after the rerun)."""
    try:
        ingest.save_import(result, **values, actor=identity().recorded)
    except DataValidationError as exc:
        show_error(exc)
        return
    stored = ingest.layer_name(values["name"])
    # the saved file is let go: the uploader comes back empty (a key of its own), so the next upload,
    # even of the same file, is a change that reruns the section and clears this save's message (walk
    # 14: the same file again sent nothing, and the message stayed above the form for the new upload)
    _forget_file(keep_kind=bool(st.session_state.get("data_kind_chosen")))
    for key in ("data_held", "data_result", "data_confirm_replace", FILE_TOKEN):
        st.session_state.pop(key, None)
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    key = "data.replaced" if replacing else "data.saved"
    st.session_state["data_flash"] = t(key, lang).format(
        title=markdown_text(values["title"].strip()), name=stored
    )
    st.rerun()


def replace_target(meta: pd.DataFrame, *, title: str, name: str) -> str | None:
    """The stored layer a save would replace: the one titled ``title`` (titles tell layers apart in
    the legend, so a taken title means that layer), else the one stored under the table ``name``."""
    titled = meta.loc[meta["title_zh"].astype(str).str.strip() == title.strip(), "layer"]
    if len(titled):
        return str(titled.iloc[0])
    stored = ingest.layer_name(name)
    return stored if stored in set(meta["layer"]) else None


def _prefill_from(before: pd.Series, layer: str, *, blanks_only: bool = False) -> None:
    """Fill source, accuracy and licence from the layer a file will replace, once per file and
    layer (then they are the user's to edit): that layer's accuracy is known, so this is no silent
    default. ``blanks_only``: what the user already gave stays theirs."""
    token = st.session_state.get(FILE_TOKEN)
    marker = st.session_state.get(PREFILLED)
    if not isinstance(marker, dict) or marker["token"] != token:
        marker = {"token": token, "tried": (), "from": None}
    if layer in marker["tried"]:
        return
    filled = False
    for key, column in (("data_save_source", "source"), ("data_save_licence", "licence")):
        value = before.get(column)
        given = str(st.session_state.get(key) or "").strip()
        if isinstance(value, str) and value.strip() and not (blanks_only and given):
            st.session_state[key] = value
            filled = True
    accuracy = file_key("data_save_accuracy")
    given = st.session_state.get(accuracy) in ACCURACY_CLASSES
    if before.get("accuracy") in ACCURACY_CLASSES and not (blanks_only and given):
        st.session_state[accuracy] = before["accuracy"]
        filled = True
    st.session_state[PREFILLED] = {
        "token": token,
        "tried": (*marker["tried"], layer),
        "from": layer if filled else marker["from"],
    }


def _prefilled_title(meta: pd.DataFrame) -> str | None:
    """The title of the layer this file's form was filled from, if it was."""
    marker = st.session_state.get(PREFILLED)
    if not isinstance(marker, dict) or marker["token"] != st.session_state.get(FILE_TOKEN):
        return None
    titles = meta.loc[meta["layer"] == marker["from"], "title_zh"]
    return str(titles.iloc[0]) if len(titles) else None


def _save_form(result: ingest.ImportResult, kind: str, lang: Lang) -> None:
    """Name, title, source, accuracy, licence (and year): save; a file imported before, or a title or
    table name a layer has, offers to replace that layer (same table) or to save as a new one."""
    st.markdown(f"**{t('data.save', lang)}**")
    meta = user_meta(user_stamp())
    before = ingest.earlier_import(meta, sha256=result.sha256, filename=result.filename)
    if before is not None:  # the same file again: proposed as a replacement of its layer
        # byte for byte the stored import (walk 13: the offer did not say so), else only its name
        same = str(before["sha256"]) == result.sha256
        st.info(
            t("data.same_content" if same else "data.same_file", lang).format(
                title=markdown_text(before["title_zh"]),
                name=before["layer"],
                when=minute(before["imported_at"], lang),
            )
        )
        name_default, title_default = str(before["layer"]), str(before["title_zh"])
        _prefill_from(before, str(before["layer"]))
    else:
        taken = frozenset(meta["layer"])
        name_default = ingest.suggest_layer_name(result.filename, kind, taken=taken)
        title_default = Path(result.filename).stem
    # The title (or table name) as last submitted: when it names a stored layer, a save replaces
    # that layer, so the form takes its source, accuracy and licence where the user left them empty
    # (walk 16: another file under the layer's title was first refused for want of an accuracy);
    # read before the form's widgets are drawn, as they may still be filled in this run.
    typed = replace_target(
        meta,
        title=str(st.session_state.get(file_key("data_save_title"), title_default)),
        name=str(st.session_state.get(file_key("data_save_name"), name_default)),
    )
    if typed is not None:
        _prefill_from(meta.set_index("layer").loc[typed], typed, blanks_only=True)
    filled_from = _prefilled_title(meta)
    with st.form("data_save_form", enter_to_submit=False):  # Enter in a text box must not save
        c1, c2 = st.columns(2)
        name = c1.text_input(
            t("data.name", lang),
            value=name_default,
            help=t("data.name_help", lang),
            key=file_key("data_save_name"),
            persist_state=KEEP,
        )
        title = c2.text_input(
            t("data.title", lang),
            value=title_default,
            key=file_key("data_save_title"),
            persist_state=KEEP,
        )
        if filled_from is not None:  # walk 15: the layer's own source and accuracy, not asked again
            st.caption(t("data.prefilled", lang).format(title=markdown_text(filled_from)))
        source = st.text_input(t("data.source", lang), key="data_save_source", persist_state=KEEP)
        c3, c4 = st.columns(2)
        # asked for every file, never preselected nor carried over (issue 23): "real" is a claim
        accuracy = c3.selectbox(
            t("data.accuracy", lang),
            ACCURACY_CLASSES,
            index=None,
            format_func=lambda a: accuracy_label(a, lang),
            placeholder=t("data.accuracy_placeholder", lang),
            help=t("data.accuracy_help", lang),
            key=file_key("data_save_accuracy"),
            persist_state=KEEP,
        )
        c3.caption(t("data.accuracy_short", lang))
        licence = c4.text_input(t("data.licence", lang), key="data_save_licence", persist_state=KEEP)
        year = None
        if kind == "enterprises" and "year" not in result.frame.columns:
            year = st.number_input(  # proposed from the file's title rows or name, asked per file
                t("data.year", lang),
                min_value=1900,
                max_value=2100,
                value=result.stated_year(),
                step=1,
                key=file_key("data_save_year"),
                persist_state=KEEP,
                help=t("data.year_help", lang),
            )
        submitted = st.form_submit_button(t("data.save", lang), type="primary")
    values = {"name": name, "title": title, "source": source, "accuracy": accuracy, "licence": licence}
    values["year"] = int(year) if year is not None else None
    target = replace_target(meta, title=title, name=name)
    if submitted and accuracy is None:
        st.error(t("data.accuracy_missing", lang))
        return
    if submitted:
        if target is None:
            _save(result, values, lang, replacing=False)
            return
        st.session_state["data_confirm_replace"] = target  # a layer would be replaced: ask first
    pending = st.session_state.get("data_confirm_replace")
    if pending is None:
        return
    if pending != target:  # the title or name was edited, or the layer went
        st.session_state.pop("data_confirm_replace", None)
        return
    _replace_or_new(result, values, meta, pending, lang)


def _replace_or_new(
    result: ingest.ImportResult, values: dict, meta: pd.DataFrame, target: str, lang: Lang
) -> None:
    """The one choice a save that meets a stored layer asks: replace that layer (its table keeps its
    name, so QGIS projects keep it), or save the file as a new layer under another title."""
    row = meta.set_index("layer").loc[target]
    st.warning(
        t("data.replace_confirm", lang).format(
            title=markdown_text(row["title_zh"]),
            name=target,
            rows=f"{int(row['rows_out']):,}",
            when=minute(row["imported_at"], lang),
        )
    )
    c1, c2 = st.columns(2, vertical_alignment="bottom")
    if c1.button(
        t("data.replace_yes", lang).format(title=markdown_text(row["title_zh"])),
        type="primary",
        key="data_replace_yes",
    ):
        _save(result, {**values, "name": target}, lang, replacing=True)
    new_title = c2.text_input(t("data.new_title", lang), key=file_key("data_new_title"))
    if c2.button(t("data.save_new", lang), key="data_save_new"):
        titles = set(meta["title_zh"].astype(str).str.strip())
        if not new_title.strip():
            st.error(t("data.new_title_missing", lang))
        elif new_title.strip() in titles:
            st.error(t("data.title_taken", lang).format(title=markdown_text(new_title.strip())))
        else:
            name = values["name"]
            if ingest.layer_name(name) in set(meta["layer"]):  # a free table name for the new layer
                name = ingest.suggest_layer_name(result.filename, result.kind, taken=frozenset(meta["layer"]))
            _save(result, {**values, "name": name, "title": new_title.strip()}, lang, replacing=False)


def _forget_file(*, keep_kind: bool) -> None:
    """Drop the previous file's widgets (their keys carry its token, so none can reappear)."""
    token = st.session_state.get(FILE_TOKEN)
    stale = [k for k in st.session_state if token is not None and str(k).endswith(f"@{token}")]
    for key in (*stale, PREFILLED, *(() if keep_kind else ("data_kind", KIND_KEPT))):
        st.session_state.pop(key, None)


def upload_key() -> str:
    """The uploader's key: ``data_upload``, then a new one after each save (an empty uploader)."""
    saved = st.session_state.get(UPLOADS, 0)
    return f"data_upload_{saved}" if saved else "data_upload"


def _held_upload(lang: Lang) -> tuple[str, bytes] | None:
    """The file being imported: the uploader's, else the one kept from before a page or language
    switch (the uploader itself forgets its file when the page is left)."""
    upload = st.file_uploader(
        t("data.upload", lang),
        type=[ext.lstrip(".") for ext in ingest.EXTENSIONS],
        help=t("data.upload_help", lang).format(mb=ingest.MAX_UPLOAD_MB),
        max_upload_size=ingest.MAX_UPLOAD_MB,
        key=upload_key(),
    )
    st.caption(t("data.upload_help", lang).format(mb=ingest.MAX_UPLOAD_MB))
    if upload is not None:
        data = upload.getvalue()
        held = st.session_state.get("data_held")
        if held is None or held[0] != upload.name or held[1] != data:
            _forget_file(keep_kind=bool(st.session_state.get("data_kind_chosen")))
            st.session_state[FILE_TOKEN] = hashlib.sha256(upload.name.encode() + data).hexdigest()[:12]
            st.session_state["data_held"] = (upload.name, data)
        return upload.name, data
    held = st.session_state.get("data_held")
    if held is None:
        return None
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.caption(":material/attach_file: " + t("data.held", lang).format(name=markdown_text(held[0])))
    if c2.button(t("data.held_clear", lang), key="data_held_clear"):
        _forget_file(keep_kind=False)
        for key in ("data_held", "data_result", FILE_TOKEN):
            st.session_state.pop(key, None)
        st.rerun()
    return held


def _kind_chosen() -> None:
    """The use was picked before any file: a file then keeps it instead of its own proposal (a value
    that is no use, a label in the other language, is not a pick)."""
    picked = st.session_state.get("data_kind")
    if picked in ingest.KINDS:
        st.session_state["data_kind_chosen"] = True
        st.session_state[KIND_KEPT] = picked


def _kind_kept(key: str) -> None:
    """The use picked by the user in the file's select ``key``, kept apart from the widget: a switch
    of the UI language renames the select's options, and its state must not fall back to the first
    use (分区) meanwhile. A value that is no use (an option's label in the other language, sent by
    the browser while the page was switching) changes nothing."""
    picked = st.session_state.get(key)
    if picked in ingest.KINDS:
        st.session_state[KIND_KEPT] = picked


@st.fragment
def import_section(s: Settings) -> None:
    """The import section: upload, kind, reading, report, preview, save.

    A fragment: its widgets rerun this section alone (the rest of the page is neither run again
    nor greyed); a save reruns the whole page, whose list of layers and exports then show it."""
    lang = s.lang
    st.subheader(t("data.import", lang))
    flash = st.session_state.pop("data_flash", None)
    if flash:
        with st.container(key="data_flash_box"):
            st.success(flash)
            # where the user acted (walk 16: after 确定替换 the page, shorter by the form and preview
            # it lost, was left on the export section and this message scrolled away above)
            st.html(_IN_VIEW % {"key": "data_flash_box"}, unsafe_allow_javascript=True, width="content")
    if not require_editor(lang):
        return
    held = _held_upload(lang)
    if held is None:
        st.selectbox(
            t("data.kind", lang),
            ingest.KINDS,
            format_func=lambda k: t(f"data.kind.{k}", lang),
            key="data_kind",
            persist_state=KEEP,
            on_change=_kind_chosen,
        )
        st.caption(t("data.kind_auto", lang))
        return
    filename, data = held
    try:
        found = inspect(data, filename, None, "other")
        picked = None  # a layer (sheet) the user picked; else the file's own (its note says which)
        if len(found.layers) > 1:
            layer = st.selectbox(
                t("data.layer", lang),
                found.layers,
                index=found.layers.index(found.layer),
                key=file_key("data_layer"),
                persist_state=KEEP,
            )
            if layer != found.layer:
                picked = layer
                found = inspect(data, filename, layer, "other")
    except DataValidationError as exc:
        show_error(exc)
        return
    proposal = ingest.proposed_kind(found)
    kept = st.session_state.get(KIND_KEPT)
    # nothing picked for this file: the file's own proposal, never the value the select was reset to
    if kept not in ingest.KINDS:
        kept = st.session_state[KIND_KEPT] = proposal
    # The file's own select (keyed by the file, as its other widgets): the select shown before any
    # file (「data_kind」, with its default 分区) can never hand its value to it.
    kind_key = file_key("data_kind")
    if st.session_state.get(kind_key) != kept:  # only the user's pick (on_change) changes the use
        st.session_state[kind_key] = kept
    kind = st.selectbox(
        t("data.kind", lang),
        ingest.KINDS,
        # No default option: a value the browser sends empty (a select it redrew during a language
        # switch) then reads as no pick, which _kind_kept ignores, never as the first use (分区).
        index=None,
        format_func=lambda k: t(f"data.kind.{k}", lang),
        key=kind_key,
        persist_state=KEEP,
        on_change=_kind_kept,
        args=(kind_key,),
        help=t("data.kind_proposed", lang).format(kind=t(f"data.kind.{proposal}", lang)),
    )
    kind = st.session_state[KIND_KEPT]  # the use as picked or accepted, whatever the select was reset to
    if kind != "other":
        found = inspect(data, filename, picked, kind)
    st.caption(
        t("data.detected", lang).format(
            fmt=found.fmt,
            n=f"{found.n_rows:,}",
            enc=found.encoding or "—",
            crs=found.crs or t("data.crs_missing", lang),
        )
        + " · "
        + t("data.kind_proposed", lang).format(kind=t(f"data.kind.{proposal}", lang))
    )
    for item in found.notes:  # under the line the "·" separate: a note leading with one read as stray
        st.caption(text_in(item, lang))
    label = f"{markdown_text(found.filename)} · {len(found.columns)} " + t("data.n_columns", lang)
    with st.expander(label, expanded=False):
        st.dataframe(found.preview, hide_index=True, width="stretch")
    meta = user_meta(user_stamp())
    options = choose_reading(
        found,
        kind,
        lang=lang,
        user_zones=meta.loc[meta["kind"] == "zones", "layer"].tolist(),
        load_user_layer=lambda name: user_frame(name, user_stamp()),
    )
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
                _report_table(report, lang)
                _report_downloads(report, "data_error_report", lang)
            return
        st.session_state["data_result"] = (signature, result)
    held = st.session_state.get("data_result")
    if held is None or held[0] != signature:
        return
    result = held[1]
    _show_result(result, s)
    _save_form(result, kind, lang)

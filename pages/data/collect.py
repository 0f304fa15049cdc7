"""数据管理's 数据归集 step: the register and one upload per department in, the match report shown and
downloadable, the assembled table saved as the year's enterprise layer with its provenance.

The matching runs on a worker thread while this script run moves a progress bar (the collection
of 120,000 enterprises takes seconds); the result is kept for the session, keyed by the files and
the mapping, so widgets changing elsewhere on the page do not redo it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import pandas as pd
import streamlit as st

from geo import ingest
from geo.collect import Collection, NothingCollected, SourceInput, collect
from geo.collect.departments import load_departments
from geo.collect.labels import label
from geo.collect.report import (
    assembled_bytes,
    assembled_table,
    department_sheet,
    missing_table,
    report_bytes,
    summary_table,
)
from geo.collect.saving import ZONE_ACCURACIES, allowed_accuracies, placements, source_files, stated_year
from geo.errors import DataValidationError
from geo.exports.downloads import Download
from geo.exports.tables import MIME_TYPES
from geo.messages import Lang, has_hint, message, t
from geo.messages.formats import beijing_today
from geo.messages.notes import in_language
from geo.storage.schema import ACCURACY_CLASSES
from layers.base import accuracy_label
from pages.common.auth import identity, require_editor
from pages.common.display import markdown_text
from pages.common.frame import show_error
from pages.common.maps import download_buttons
from pages.common.stored import layer_frame
from pages.efficiency.fitting import Fitted, fit_summary

DEPARTMENTS = ("tax", "stats", "power", "land", "env")
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="atlas-collect")
_POLL_S = 0.2
_RESULT = "collect_result"
_TOWNS = "wujiang_towns"  # the built-in 区镇 an enterprise without coordinates is placed in


def _mapping(text: str, lang: Lang) -> dict[str, dict[str, str]] | None:
    """``部门.字段=表头`` lines as {department: {field: header}}; None (and an error shown) when a
    line is not of that form."""
    out: dict[str, dict[str, str]] = {}
    for line in (s.strip() for s in text.splitlines()):
        if not line:
            continue
        field, sep, header = line.partition("=")
        dept, dot, key = field.partition(".")
        if not sep or not dot or not header.strip():
            st.error(t("collect.mapping_bad", lang).format(line=line))
            return None
        out.setdefault(dept.strip(), {})[key.strip()] = header.strip()
    return out


def _label(dept: str, lang: Lang) -> str:
    """A department's name (the register's for ``register``)."""
    if dept == "register":
        return t("collect.register_label", lang)
    return load_departments()[1][dept].label(lang) if dept else ""


def _run(register: SourceInput, sources: list[SourceInput], lang: Lang) -> Collection:
    """:func:`geo.collect.collect` on a worker thread, a progress bar moved meanwhile."""
    state = {"fraction": 0.0, "step": "read", "dept": "register"}

    def progress(fraction: float, step: str, dept: str) -> None:
        state.update(fraction=fraction, step=step, dept=dept)

    future = _POOL.submit(collect, register, sources, progress=progress, keep_going=True)
    bar = st.progress(0.0)
    try:
        while True:
            try:
                return future.result(timeout=_POLL_S)
            except FutureTimeout:
                step = t(f"collect.progress.{state['step']}", lang)
                bar.progress(min(state["fraction"], 1.0), text=step.format(dept=_label(state["dept"], lang)))
    finally:
        bar.empty()  # an error shows alone, not under a bar stopped at "读取 供电 …"


def _error_text(exc: DataValidationError, lang: Lang) -> str:
    """The error in the page's words: the page's own hint (``<key>.page``: where on this page to
    fix it) instead of the command line's (``--map``, ``--source``)."""
    page = f"{exc.key}.page"
    if exc.key is None or not has_hint(exc.key) or page not in _PAGE_HINTS:
        return exc.text(lang)
    params = in_language(exc.params, lang)
    mark = "。" if lang == "zh" else ". "
    return message(exc.key, lang, **params) + mark + message(page, lang, **params)


_PAGE_HINTS = {
    f"collect.{k}.page"
    for k in ("no_match_columns", "no_value_columns", "no_match_columns_other", "no_value_columns_other")
}


def _show_failed(failed: dict[str, DataValidationError], lang: Lang) -> None:
    """Each department whose file could not be used, with its reason, at once."""
    if not failed:
        return
    lines = [
        t("collect.failed", lang).format(dept=_label(dept, lang), error=_error_text(exc, lang))
        for dept, exc in failed.items()
    ]
    st.error("\n\n".join([t("collect.failed_head", lang), *(f"- {line}" for line in lines)]))


def _uploads(lang: Lang) -> tuple[tuple[str, bytes] | None, dict[str, tuple[str, bytes]]]:
    reg = st.file_uploader(
        t("collect.register", lang),
        type=["csv", "xlsx"],
        key="collect_register",
        max_upload_size=ingest.MAX_UPLOAD_MB,
        help=t("collect.register_help", lang),
    )
    cols = st.columns(2)
    files = {}
    for i, dept in enumerate(DEPARTMENTS):
        up = cols[i % 2].file_uploader(
            t(f"collect.dept.{dept}", lang),
            type=["csv", "xlsx"],
            key=f"collect_src_{dept}",
            max_upload_size=ingest.MAX_UPLOAD_MB,
        )
        if up is not None:
            files[dept] = (up.name, up.getvalue())
    return ((reg.name, reg.getvalue()) if reg is not None else None), files


# The match report's summary on screen at 1280 px (walk10: its last column was cut): who sent what
# and what went wrong, always; then a problem some file has, the match methods, the problems no file
# has, the file's SHA-256, each while it fits; the report download has every column.
SUMMARY_KEY = ("sum.department", "sum.file", "sum.rows", "sum.unmatched", "sum.bad_codes", "sum.conflicts")
SUMMARY_PROBLEMS = ("sum.ambiguous", "sum.bad_values", "sum.twice", "sum.unreached")
SUMMARY_METHODS = ("sum.by_code", "sum.by_org_code", "sum.by_name")
# headed short on screen (their full names in the headers' help and in the report)
SUMMARY_SHORT = ("sum.bad_codes", "sum.conflicts", *SUMMARY_PROBLEMS, *SUMMARY_METHODS)


def summary_on_screen(summary: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, Fitted, dict, list[str]]:
    """The match report's summary read whole at 1280 px: the table shown (the counts headed short,
    their full names in the headers' help), its widths and column_config, and the columns
    left to the report download (named in a caption).

    Parameters
    ----------
    summary
        :func:`geo.collect.report.summary_table` in ``lang``.
    lang
        The page's language.
    """
    names = {key: label(key, lang) for key in (*SUMMARY_KEY, *SUMMARY_PROBLEMS, *SUMMARY_METHODS)}
    short = {names[k]: t(f"collect.summary_short.{k}", lang) for k in SUMMARY_SHORT}
    shown = summary.rename(columns=short)
    problems = [short[names[k]] for k in SUMMARY_PROBLEMS if short[names[k]] in shown.columns]
    found = [c for c in problems if shown[c].fillna(0).astype(int).gt(0).any()]
    methods = [short[names[k]] for k in SUMMARY_METHODS]
    optional = [*found, *methods, *(c for c in problems if c not in found), label("sum.sha256", lang)]
    columns, fitted = fit_summary(shown, [short.get(names[k], names[k]) for k in SUMMARY_KEY], optional)
    helps = {short_name: {"help": full} for full, short_name in short.items() if short_name in columns}
    left = [full for full, c in zip(summary.columns, shown.columns, strict=True) if c not in columns]
    return shown[columns], fitted, fitted.apply(helps), left


def _show(collection: Collection, lang: Lang) -> None:
    _show_failed(collection.failed, lang)
    st.markdown(f"**{t('collect.report', lang)}**")
    results = list(collection.departments.values())
    matched = sum(int((r.rows["pos"] >= 0).sum()) for r in results)
    unmatched = sum(len(r.unmatched()) for r in results)
    bad = sum(int((r.rows["check"] != "").sum()) for r in results)
    conflicts = sum(len(r.conflicts) for r in results)
    cols = st.columns(5)
    cols[0].metric(t("collect.metric.register", lang), f"{len(collection.assembled):,}")
    cols[1].metric(t("collect.metric.matched", lang), f"{matched:,}")
    cols[2].metric(t("collect.metric.unmatched", lang), f"{unmatched:,}")
    cols[3].metric(t("collect.metric.bad_codes", lang), f"{bad:,}")
    cols[4].metric(t("collect.metric.conflicts", lang), f"{conflicts:,}")
    # "—" where a count does not apply (the register's row) or a value is missing, as the other
    # pages' tables show it, never "None"
    shown, fitted, config, left = summary_on_screen(summary_table(collection, lang=lang), lang)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        placeholder="—",
        row_height=fitted.row_px,
        column_config=config,
    )
    if left:
        st.caption(
            t("collect.summary_in_report", lang).format(columns=("、" if lang == "zh" else ", ").join(left))
        )
    st.caption(t("collect.missing", lang))
    st.dataframe(missing_table(collection, lang=lang), hide_index=True)
    if not unmatched:
        st.success(t("collect.all_matched", lang))
    for result in results:
        rows = result.rows["pos"] < 0
        if rows.any():
            with st.expander(
                t("collect.unmatched", lang).format(dept=result.department.label(lang)), expanded=False
            ):
                st.dataframe(
                    department_sheet(result, lang=lang)[rows.to_numpy()], hide_index=True, width="stretch"
                )
    st.markdown(f"**{t('collect.preview', lang)}**")
    preview = assembled_table(collection, lang=lang).head(200)  # as the downloads write it
    st.dataframe(preview, hide_index=True, width="stretch", height=260, placeholder="—")
    zh = lang == "zh"
    downloads = {
        "report": Download(
            "report",
            t("collect.download.report", lang),
            "匹配报告.xlsx" if zh else "match_report.xlsx",
            MIME_TYPES["xlsx"],
            lambda: report_bytes(collection, fmt="xlsx", lang=lang),
        ),
        **{
            fmt: Download(
                fmt,
                t(f"collect.download.{fmt}", lang),
                f"归集结果.{fmt}" if zh else f"assembled.{fmt}",
                MIME_TYPES[fmt],
                lambda fmt=fmt: assembled_bytes(collection, fmt=fmt, lang=lang, headers="labels")[""],
            )
            for fmt in ("xlsx", "csv")
        },
    }
    download_buttons(downloads, key="collect_dl", per_row=3)  # keys collect_dl_report, _xlsx, _csv


def _note(collection: Collection, lang: Lang) -> str:
    reg = collection.register_source
    files = [f"{t('collect.register_label', lang)} {reg.filename}（SHA-256 {reg.sha256}）"]
    files += [
        f"{r.department.label(lang)} {r.source.filename}（SHA-256 {r.source.sha256}，{len(r.rows)} 行）"
        for r in collection.departments.values()
    ]
    return t("collect.note", lang).format(files="；".join(files))


def _located(collection: Collection) -> dict:
    """How the saved layer gets its points: the register's own coordinates when it has them, else
    each enterprise at its 区镇 (the register's town matched to the built-in 区镇 by name), so the
    evaluation can place it; an enterprise whose town matches none stays unlocated (reported)."""
    lon, lat, _ = ingest.suggest_coordinate_columns(collection.assembled)
    if lon is not None or "town" not in collection.assembled.columns:
        return {}
    return {"zones": layer_frame(_TOWNS), "zone_key": "name", "join_col": "town"}


def _save_form(collection: Collection, lang: Lang) -> None:
    st.markdown(f"**{t('collect.save', lang)}**")
    depts = ("、" if lang == "zh" else ", ").join(
        r.department.label(lang) for r in collection.departments.values()
    )
    stated, disagree = stated_year(collection)
    if disagree:
        files = "、" if lang == "zh" else ", "
        st.warning(
            t("collect.year_disagree", lang).format(
                files=files.join(f"{markdown_text(name)} {year}" for name, year in disagree.items())
            )
        )
    located = _located(collection)
    by_zone = bool(located)
    choices = ZONE_ACCURACIES if by_zone else ACCURACY_CLASSES
    with st.form("collect_save_form", enter_to_submit=False):  # Enter in a text box must not save
        c1, c2 = st.columns(2)
        year = c1.number_input(
            t("collect.year", lang),
            1900,
            2100,
            stated or beijing_today().year - 1,
            1,
            key="collect_year",
            help=t("collect.year_stated", lang).format(year=stated) if stated else None,
        )
        name = c2.text_input(t("collect.name", lang), value="enterprises_collected", key="collect_name")
        title = st.text_input(
            t("collect.title", lang),
            value=t("collect.title_default", lang).format(year=int(year)),
            key="collect_title",
        )
        c3, c4 = st.columns(2)
        source = c3.text_input(
            t("collect.source", lang),
            value=t("collect.source_default", lang).format(depts=depts),
            key="collect_source",
        )
        # asked as for any import (issue 23): zone points are schematic, so only the honest classes
        accuracy = c4.selectbox(
            t("data.accuracy", lang),
            choices,
            index=0 if by_zone else None,
            format_func=lambda a: accuracy_label(a, lang),
            placeholder=t("data.accuracy_placeholder", lang),
            help=t("data.accuracy_help", lang),
            key="collect_accuracy",
        )
        st.caption(t("collect.placed_by_zone" if by_zone else "collect.placed_by_coordinates", lang))
        submitted = st.form_submit_button(t("collect.save_button", lang), type="primary")
    if not submitted:
        return
    if accuracy is None:
        st.error(t("data.accuracy_missing", lang))
        return
    stored = ingest.layer_name(name.strip())
    if stored in set(ingest.list_user_layers()["layer"]):
        st.warning(t("collect.taken", lang).format(name=stored))
        return
    data = collection.assembled.to_csv(index=False).encode("utf-8-sig")  # read by the importer, not a person
    try:
        result = ingest.read_upload(
            data, "collected.csv", kind="enterprises", require_coordinates=False, **located
        )
        frame = result.frame
        placed = placements(frame.geometry.notna() & ~frame.geometry.is_empty, by_zone=by_zone)
        if accuracy not in allowed_accuracies(pd.Series(placed)):
            st.error(t("collect.accuracy_not_allowed", lang).format(chosen=accuracy_label(accuracy, lang)))
            return
        # the change log names the files the layer was made from, not the table made of them
        result = dataclasses.replace(
            result, frame=frame.assign(placement=placed), filename=source_files(collection)
        )
        ingest.save_import(
            result,
            name=stored,
            title=title,
            title_en=_english_title(title, int(year), lang),
            source=source,
            accuracy=accuracy,
            note=_note(collection, lang),
            year=int(year),
            actor=identity().recorded,
        )
    except DataValidationError as exc:
        show_error(exc)
        return
    st.session_state["collect_flash"] = t("collect.saved", lang).format(
        name=stored, rows=f"{len(result.frame):,}"
    )
    st.session_state.pop(_RESULT, None)
    st.rerun()


def _english_title(title: str, year: int, lang: Lang) -> str:
    """The layer's English title: the English default when the title is the page's default (in
    either language), else the title the user wrote."""
    defaults = {t("collect.title_default", lg).format(year=year) for lg in ("zh", "en")}
    return t("collect.title_default", "en").format(year=year) if title.strip() in defaults else title


@st.fragment
def collect_section(lang: Lang) -> None:
    """The 数据归集 step: uploads, the match, the report and the save.

    A fragment: its uploads and widgets rerun this section alone; a save reruns the whole page."""
    st.subheader(t("collect.header", lang))
    st.caption(t("collect.intro", lang))
    flash = st.session_state.pop("collect_flash", None)
    if flash:
        st.success(flash)
    if not require_editor(lang, message_key="collect.viewer"):  # viewers: no uploads, as for imports
        return
    register, files = _uploads(lang)
    with st.expander(t("collect.mapping", lang), expanded=False):
        text = st.text_area(
            t("collect.mapping", lang),
            key="collect_map",
            help=t("collect.mapping_help", lang),
            placeholder="tax.tax_wan_yuan=入库税款（元）",
        )
        st.caption(t("collect.mapping_help", lang))
    if register is None or not files:
        st.info(t("collect.need", lang))
        return
    mapping = _mapping(text, lang)
    if mapping is None:
        return
    digest = hashlib.sha256()
    for name, data in (register, *files.values()):
        digest.update(name.encode() + hashlib.sha256(data).digest())
    signature = (digest.hexdigest(), text)
    if st.button(t("collect.run", lang), type="primary", key="collect_run"):
        sources = [SourceInput(d, n, b, mapping.get(d, {})) for d, (n, b) in files.items()]
        reg = SourceInput("register", register[0], register[1], mapping.get("register", {}))
        try:
            st.session_state[_RESULT] = (signature, _run(reg, sources, lang))
        except NothingCollected as exc:
            st.session_state.pop(_RESULT, None)
            _show_failed(exc.failed, lang)
            return
        except DataValidationError as exc:
            st.session_state.pop(_RESULT, None)
            show_error(exc)
            return
    held = st.session_state.get(_RESULT)
    if held is None or held[0] != signature:
        return
    _show(held[1], lang)
    _save_form(held[1], lang)


__all__ = ["DEPARTMENTS", "SUMMARY_KEY", "collect_section", "summary_on_screen"]

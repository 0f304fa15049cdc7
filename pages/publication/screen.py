"""The 公示与异议 page's tables as the screen draws them (pages/publication.py): the versions and the
results per enterprise, their key columns sized to be read whole beside the sidebar at 1280 px
(pages/efficiency/fitting.py), names whole and Latin texts on one line (the grid does not wrap them
reliably), shortened on screen where they must be (in full in the help and the workbooks)."""

from __future__ import annotations

import math
import re

import pandas as pd

from geo.evaluation import EVALUATION_LABELS, EVALUATION_LABELS_EN
from geo.messages import Lang, joined, message, t
from geo.messages.formats import beijing_minute
from geo.place_names import place_name, short_place_name
from geo.publication import versions
from geo.publication.titles import display_title
from geo.storage.changelog import actor_name
from geo.yearly.notice_words import short_status_en
from pages.data.managing import fit_unbroken, grid_lines
from pages.efficiency.fitting import (
    CELL_PAD_PX,
    FLUSH_EDGE_PX,
    HEADER_PAD_PX,
    MAX_LINES,
    ROW_PX,
    SUMMARY_PX,
    Fitted,
    broken_before_brackets,
    fit_columns,
    text_px,
    text_shape,
    to_the_edge,
)
from pages.efficiency.tables import SCREEN_SHORT_ZONES
from pages.publication.editor import RESULTS_VIEW_FIRST, VERSION_KEYS, state_label


def versions_fitted(table: pd.DataFrame, lang: Lang) -> Fitted:
    """The widths of the versions table's key columns (:data:`VERSION_KEYS`) in the table's whole
    width at 1280 px (it has no row marker); a long title or state wraps, in either language."""
    keys = [t(f"pub.col.{c}", lang) for c in VERSION_KEYS]
    fitted = fit_columns(table, keys, budget_px=SUMMARY_PX, wrap_latin=True)
    # the window on one line (walk11: cut to "2026-12-"), the others wrapped beside it
    window = t("pub.col.window", lang)
    texts = [v for v in table[window].astype(str) if v]
    need = math.ceil(max((text_px(v) for v in texts), default=0) + CELL_PAD_PX)
    if need <= fitted.widths[window]:
        return fitted
    rest = [k for k in keys if k != window]
    others = fit_columns(table, rest, budget_px=SUMMARY_PX - need, wrap_latin=True)
    widths = {k: need if k == window else others.widths[k] for k in keys}
    return Fitted(widths, others.row_px if others.row_px is not None else fitted.row_px)


def versions_screen(
    table: pd.DataFrame, found: list[versions.Version], lang: Lang
) -> tuple[pd.DataFrame, Fitted]:
    """The versions table as drawn and its key columns' widths. In English each text on one line (the
    grid does not wrap a Latin text reliably: walk 18 b3, "published (evaluated agai…", "Evaluation
    2025 (corrected after ol…" cut at 1280 after the language was switched); where they do not fit so,
    a replaced state and a correction's title in short (their help says them in full), then who saved
    it after the key columns, the time among them. In Chinese a state or title broken only at its
    spaces and before its （…）, else as :func:`versions_fitted` fits it."""
    if (
        lang != "en"
    ):  # a state or title broken only at a space or before its （…） (walk 18: 「2025 / 年度评价结果」)
        spaced = table.copy()
        words = [t(f"pub.col.{c}", lang) for c in ("state", "title")]
        for col in words:  # and never inside its （…）: 「公示 （已重新评价为 / V2）」
            spaced[col] = spaced[col].map(lambda v: _held_in_brackets(broken_before_brackets(v)))
        keys = [t(f"pub.col.{c}", lang) for c in VERSION_KEYS]
        fitted = fit_unbroken(spaced, keys, budget_px=SUMMARY_PX, wrap_latin=False, words=words)
        if sum(fitted.widths.values()) <= SUMMARY_PX:
            return spaced, fitted
        return table, versions_fitted(table, lang)
    keys = [t(f"pub.col.{c}", lang) for c in VERSION_KEYS]
    fitted = fit_columns(table, keys, budget_px=SUMMARY_PX)
    if sum(fitted.widths.values()) <= SUMMARY_PX:
        return table, fitted
    state, title, created = (t(f"pub.col.{c}", lang) for c in ("state", "title", "created"))
    replaced = {v.replaces: v.version_id for v in found if v.replaces}
    short = table.copy()
    short[state] = [
        state_label(v.state, lang)
        + (
            t("pub.state_replaced_short", lang).format(new=replaced[v.version_id])
            if v.version_id in replaced
            else ""
        )
        for v in found
    ]
    short[title] = [short_title(v, lang) for v in found]
    fitted = fit_columns(short, keys, budget_px=SUMMARY_PX)
    if sum(fitted.widths.values()) <= SUMMARY_PX:
        return short, fitted
    saved_at, saved_by = t("pub.col.saved_at", lang), t("pub.col.saved_by", lang)
    split = short.rename(columns={created: saved_at})
    split[saved_at] = [beijing_minute(v.created_at, lang, zone=False) for v in found]
    split.insert(len(keys), saved_by, [actor_name(v.created_by, lang) for v in found])
    fitted = fit_columns(split, [k if k != created else saved_at for k in keys], budget_px=SUMMARY_PX)
    return split, fitted


# The register's columns read whole at 1280 px: who objects to what, the values, who checks it and
# the decision (:data:`geo.publication.objections.REGISTER_HEADERS`' first seven).
REGISTER_KEYS = 7


def register_fitted(view: pd.DataFrame) -> Fitted:
    """The widths of the objection register's key columns (:data:`REGISTER_KEYS`) in the table's width
    at 1280 px, the firm's name broken only at a space, and the columns after them shown while each
    fits whole, to the table's edge (walk21 c11: at 1280 the grid drew a sliver of 「决定理由」, "决…",
    at its edge, the widths left to the grid)."""
    keys = list(view.columns[:REGISTER_KEYS])
    fitted = fit_columns(view, keys, budget_px=SUMMARY_PX, names=keys[1:2])
    return to_the_edge(view, fitted, FLUSH_EDGE_PX)


def beyond_edge(table: pd.DataFrame, fitted: Fitted, lang: Lang) -> str:
    """The note under a table whose columns after ``fitted``'s (to the edge at 1280 px:
    :func:`~pages.efficiency.fitting.to_the_edge`) start beyond its edge, naming them (walk21 b4: the
    English versions table showed 7 columns of 9, 类型 and 替换 a sideways scroll away with no cue);
    empty when every column is in view."""
    rest = [str(c) for c in table.columns if c not in fitted.widths]
    return t("pub.more_columns", lang).format(columns=joined(rest, lang)) if rest else ""


def _held_in_brackets(value: object) -> object:
    """``value`` with a no-break space for each space inside its （…） (a line breaks before it only)."""
    if not isinstance(value, str):
        return value
    return re.sub(r"（[^）]*）", lambda m: m.group(0).replace(" ", "\u00a0"), value)


def short_title(version: versions.Version, lang: Lang) -> str:
    """:func:`display_title` with a correction's words in short (" (corrected, V2)")."""
    title = display_title(version, lang)
    for named in re.findall(r"V\d+", title)[-1:]:  # the version a correction names, last in its title
        full = message("publication.corrected_title", lang, version=named)
        if version.replaces and title.endswith(full):
            return title[: -len(full)] + t("pub.corrected_short", lang).format(version=named)
    return title


RESULT_STATUS_LINES = 4  # the most lines a status (a T reason) wraps on in the results
LINE_PX = 18  # a wrapped line's height beyond three (14 px font, 1.25 spacing)


def town_header(lang: Lang) -> str:
    """The results' stated 区镇 column's header (所在区镇（填报）, as the 亩均 page's files head it)."""
    return (EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN)["town"]


def result_names(lang: Lang) -> list[str]:
    """The results' columns of names: the enterprise's, its stated 区镇 and its zone."""
    return [t("pub.res.name", lang), town_header(lang), t("pub.res.zone", lang)]


def results_fitted(shown: pd.DataFrame, lang: Lang, *, whole_names: bool = True) -> Fitted:
    """The widths of the results' key columns (who, class, score, rank, group, 区镇, zone and the
    status, whose T reason says why one is not scored) read whole in the table's width at 1280 px
    (walk 16 item 5: 状态 "无法计算…" and 区域 "盛泽镇先进纺织产业园（南…" were cut), the status where
    it must. ``whole_names``: a name or a place whole on a line, a place broken only before its （…）
    (:func:`screen_statuses` spaces it there), a Latin text on one line (the grid does not wrap it
    reliably: walk 18 b3); else a name or place broken between Chinese characters, never inside （…）."""
    status = t("pub.res.status", lang)
    columns = list(shown.columns)
    wrap = False  # a Latin text on one line, names or not (the grid does not wrap it reliably: walk 18 b3)
    words = [c for c in result_names(lang) if c in columns] if whole_names else []
    if status not in columns:
        return fit_unbroken(
            shown, columns[: len(RESULTS_VIEW_FIRST)], budget_px=SUMMARY_PX, wrap_latin=wrap, words=words
        )
    keys = columns[: columns.index(status)]
    texts = {str(v) for v in shown[status].dropna() if str(v)}  # each distinct status once (17,063 rows)
    # the status on the fewest lines that leave the others room to be read whole beside it (an
    # English one on one line: the grid does not wrap a Latin text among Chinese names, walk 16:
    # "Not computable: land…" ran on, cut; :func:`screen_statuses` names it short so that it fits)
    most = 1 if lang == "en" and whole_names else RESULT_STATUS_LINES  # a Latin status: one line
    for lines in range(1, most + 1):
        need = max((_wrapped_px(v, lines) for v in texts), default=CELL_PAD_PX)
        need = max(need, math.ceil(text_px(status)) + HEADER_PAD_PX)
        others = fit_unbroken(shown, keys, budget_px=SUMMARY_PX - need, wrap_latin=wrap, words=words)
        if sum(others.widths.values()) + need <= SUMMARY_PX:
            row = others.row_px if lines <= 1 else max(others.row_px or 0, ROW_PX[min(lines, MAX_LINES)])
            if lines > MAX_LINES:
                row = ROW_PX[MAX_LINES] + LINE_PX * (lines - MAX_LINES)
            widths = _names_widened(shown, others.widths, words, SUMMARY_PX - need)
            return Fitted({**widths, status: need}, row)
    return fit_unbroken(
        shown, [*keys, status], budget_px=SUMMARY_PX, wrap_latin=wrap, free=[status], words=words
    )


def _names_widened(
    shown: pd.DataFrame, widths: dict[str, int], names: list[str], budget_px: float
) -> dict[str, int]:
    """``widths`` with each of the ``names`` columns that wraps widened to hold its texts on one line
    while the budget has room for it, the cheapest first (walk20 c8: at 1280 「吴江高新区 / （盛泽镇）」
    wrapped while the status, on as many lines for its one long T reason, had room to spare). Each
    distinct shape measured once (:func:`text_shape`: 17,063 names are about twenty)."""
    out = dict(widths)
    wider = {}
    for col in (c for c in names if c in out):
        shapes = {text_shape(v) for v in shown[col].dropna().unique() if str(v)}
        whole = math.ceil(max((text_px(v) for v in shapes), default=0.0)) + CELL_PAD_PX
        if whole > out[col]:
            wider[col] = whole
    for col in sorted(wider, key=lambda c: wider[c] - out[c]):
        if sum(out.values()) - out[col] + wider[col] <= budget_px:
            out[col] = wider[col]
    return out


def results_screen(view: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The results as drawn and their widths: names and places whole (:func:`results_fitted`); where
    they do not fit so beside the enterprise id at 1280 px (the English page: walk 18 b3, its 18-digit
    id took the width while "Town (as reported)" was cut and the names ran on three lines), the id
    after the status, as the ranking has no id among its first columns; where that does not fit
    either, the names broken between their Chinese characters, as before."""
    shown = screen_statuses(view, lang)
    fitted = results_fitted(shown, lang)
    if sum(fitted.widths.values()) <= SUMMARY_PX:
        return shown, fitted
    ent, status = t("pub.res.ent_id", lang), t("pub.res.status", lang)
    if ent in shown.columns and status in shown.columns:
        cols = [c for c in shown.columns if c != ent]
        cols.insert(cols.index(status) + 1, ent)
        moved = shown[cols]
        trial = results_fitted(moved, lang)
        if sum(trial.widths.values()) <= SUMMARY_PX:
            return moved, trial
    fitted = results_fitted(shown, lang, whole_names=False)
    if sum(fitted.widths.values()) <= SUMMARY_PX:
        return shown, fitted
    return _place_taller(moved if ent in shown.columns and status in shown.columns else shown, lang)


def _place_taller(shown: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The results where a place is too long for three lines beside the others (walk21 b4: a zone of
    60 characters, 「…东西两翼延伸带」, left the key columns over the width and "桃源新材料产…" cut at
    the edge at 1280): the widest place column (the stated 区镇 or the zone) takes the width the
    others leave, broken between its characters, the rows as tall as it then needs. Each distinct
    place measured once."""
    fitted = results_fitted(shown, lang, whole_names=False)
    places = [c for c in result_names(lang)[1:] if c in fitted.widths]
    total = sum(fitted.widths.values())
    if not places or total <= SUMMARY_PX:
        return shown, fitted
    col = max(places, key=lambda c: fitted.widths[c])
    rest = SUMMARY_PX - (total - fitted.widths[col])
    inner = rest - CELL_PAD_PX
    texts = [str(v) for v in shown[col].dropna().unique() if str(v)]
    if inner < text_px("区域区域"):  # not four characters beside the others: as fitted, a scroll away
        return shown, fitted
    lines = max((grid_lines(v, inner, free=True) or MAX_LINES for v in texts), default=1)
    row = (
        ROW_PX[min(lines, MAX_LINES)]
        if lines <= MAX_LINES
        else ROW_PX[MAX_LINES] + LINE_PX * (lines - MAX_LINES)
    )
    row = max(row or 0, fitted.row_px or 0) or None
    return shown, Fitted({**fitted.widths, col: rest}, row)


# The English names of the management zones the screen names short (the ranking's, pages/efficiency/
# tables.py): a stated town in the results as the ranking shows it, in full in the workbook.
SHORT_TOWNS_EN = {place_name(z, "en"): short_place_name(z, "en") for z in SCREEN_SHORT_ZONES}


def screen_statuses(shown: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The results as the screen shows them: a place's name (the stated 区镇, the zone) spaced before
    its （…）, where a line may break (:func:`pages.efficiency.fitting.broken_before_brackets`); in
    English each status in short ("Land 0 or missing", :func:`geo.yearly.notice_words.short_status_en`)
    and the four management zones by their short names, as stated towns and as the zone a firm lies in
    (the demo's "East Taihu Lake Resort (Taihu New Town)", 280 px on one line, left its names three
    lines of 5 characters at 1280), and the size groups short (:func:`short_group_en`), read whole on
    one line at 1280 px; the workbook and the columns' help say them in full."""
    out = shown.copy()
    for col in result_names(lang)[1:]:
        if col in out.columns:
            out[col] = out[col].map(broken_before_brackets)
    status, town = t("pub.res.status", lang), town_header(lang)
    if lang == "en" and status in out.columns:
        out[status] = out[status].map(short_status_en)
    for col in (town, t("pub.res.zone", lang)) if lang == "en" else ():
        if col in out.columns:
            out[col] = out[col].map(lambda v: SHORT_TOWNS_EN.get(v, v) if isinstance(v, str) else v)
    group = t("pub.res.size_group", lang)
    if lang == "en" and group in out.columns:
        out[group] = out[group].map(short_group_en)
    return out


def short_group_en(group: object) -> object:
    """An English size group as the results' screen names it: "Above des. size", "Below des. size,
    < 3 mu" for "Above designated size", "Below designated size, < 3 mu" (the demo's names whole beside it at
    1280 px; the column's help and the workbook in full); a configured group's name as it is."""
    if not isinstance(group, str):
        return group
    for size in ("above", "below"):
        group = group.replace(t(f"eff.size.{size}", "en"), t(f"pub.res.group_{size}_short", "en"))
    return group


def _wrapped_px(text: str, lines: int) -> int:
    """The column (cell padding included) that holds ``text`` on at most ``lines`` lines as the grid
    wraps it (at its spaces, else between any two characters)."""
    whole = math.ceil(text_px(text))
    longest = max((math.ceil(text_px(w)) for w in text.split(" ")), default=0)
    start = min(longest, whole) if " " in text.strip() else 1
    for inner in range(max(start, 1), whole):
        got = grid_lines(text, inner, free=True)
        if got is not None and got <= lines:
            return inner + CELL_PAD_PX
    return whole + CELL_PAD_PX

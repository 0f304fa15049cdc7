"""The store on the data page: the imported layers (an editor deletes one, after a confirmation)
and the change log of every import and deletion."""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, product

import pandas as pd
import streamlit as st

from geo import ingest
from geo.collect.saving import in_language
from geo.errors import DataValidationError
from geo.messages import Lang, message, t
from geo.publication.titles import logged_titles
from geo.storage import audit
from geo.storage.base import open_store
from layers.base import accuracy_label
from pages.common.auth import identity
from pages.common.display import html_table, markdown_text
from pages.common.frame import show_error
from pages.data.store import audit_log, minute, user_counts, user_meta, user_stamp
from pages.efficiency.fitting import (
    CELL_PAD_PX,
    FLUSH_EDGE_PX,
    FONT_PX,
    HEADER_PAD_PX,
    MAX_LINES,
    ROW_PX,
    Fitted,
    at_spaces_px,
    broken_before_brackets,
    text_px,
    text_shape,
    to_the_edge,
)

# The imported layers' table at 1280 x 720: 932 px beside the sidebar, less its border and a pixel or two.
STORED_TABLE_PX = 900
MARKER_PX = 34  # a table whose rows are picked: the row marker's column (its check box)


def layer_titles(meta: pd.DataFrame, lang: Lang) -> pd.Series:
    """Each import's title in ``lang``: the English title stored with it (``title_en``) on the
    English page when there is one, else the title it was imported with (``title_zh``)."""
    titles = meta["title_zh"].fillna("").astype(str)
    if lang != "en":
        return titles
    english = meta["title_en"].fillna("").astype(str).str.strip()
    return english.where(english != "", titles)


def stored_table(meta: pd.DataFrame, rows_now: pd.Series, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The imported layers' table as shown and its key columns' widths (all but the last, the
    store's table name for QGIS): each as wide as its text, Chinese wrapped to fit 1280 px."""
    # the key columns first, read whole at 1280 px in either language (walk 12: the last column in
    # view was cut); the source's long text wrapped; the store's table name, for QGIS, last
    table = pd.DataFrame(
        {
            t("data.title", lang): layer_titles(meta, lang),
            t("data.col.kind", lang): meta["kind"].map(lambda k: t(f"data.kind_short.{k}", lang)),
            t("col.accuracy", lang): meta["accuracy"].map(lambda a: accuracy_label(a, lang)),
            t("data.col.rows", lang): rows_now,
            # "2026-12-07 17:22" under a header naming 北京时间 (walk 11: cut to "2026-12-0")
            t("data.col.imported", lang): meta["imported_at"].map(lambda v: minute(v, lang, zone=False)),
            t("data.col.file", lang): meta["source_file"].map(
                lambda v: in_language(audit.shown_file_name(v), lang=lang)
            ),
            # a collected layer's proposed source and files in the page's language (walk10)
            t("col.source", lang): meta["source"].map(lambda v: in_language(v, lang=lang)),
            t("audit.table", lang): meta["layer"],
        }
    )
    # a title or file never broken inside a Latin run or （…） (walk 15: "吴江企业（C / SV）2024", en 1280);
    # a title or source not inside a word either (walk 16: "吴江区自 / 规划局")
    keys, free = list(table.columns[:-1]), [t("col.source", lang)]
    budget = STORED_TABLE_PX - MARKER_PX
    fitted = fit_words(table, keys, lang, budget_px=budget, free=free)
    # 数据表名 not cut at the edge, a sideways scroll away (walk 18 c1; a row picked shows it whole)
    return table, to_the_edge(table, fitted, FLUSH_EDGE_PX - MARKER_PX)


def fit_words(
    table: pd.DataFrame, keys: Sequence[str], lang: Lang, *, budget_px: float, free: Sequence[str] = ()
) -> Fitted:
    """:func:`fit_unbroken` with the titles and sources broken only at their spaces
    (:func:`word_columns`); where they do not fit so, also before their （…） and after a Chinese
    comma, drawn spaced there (``spaced``: :func:`on_screen`); where that does not fit either, the
    ``free`` columns (a source) broken anywhere, as before."""
    wrap, every = lang == "en", word_columns(table, lang)
    words = every
    fitted = fit_unbroken(table, keys, budget_px=budget_px, wrap_latin=wrap, words=words)
    if not words or sum(fitted.widths.values()) <= budget_px:
        return fitted
    shown = on_screen(table, lang, spaced=True)
    for words in (every, [c for c in every if c not in free]):  # else a source broken anywhere
        spaced = fit_unbroken(shown, keys, budget_px=budget_px, wrap_latin=wrap, free=free, words=words)
        if sum(spaced.widths.values()) <= budget_px:
            break
    return Fitted(spaced.widths, spaced.row_px, spaced=True)


# The columns of titles and sources: broken only at a space, or before a （…） and after a Chinese
# comma (:func:`on_screen`), never inside a word (walk 16: "2024 / 年度评价结 / 果" in the English change
# log's titles, "吴江区自 / 规划局，2" in the imported layers' sources at 1280; the Chinese log drew
# "2024 年度" cut, unwrapped).
WORD_COLUMNS = ("data.title", "col.source", "audit.layer", "audit.title")


def word_columns(table: pd.DataFrame, lang: Lang) -> list[str]:
    """``table``'s columns of titles and sources, broken only between words."""
    return [t(k, lang) for k in WORD_COLUMNS if t(k, lang) in table.columns]


def on_screen(table: pd.DataFrame, lang: Lang, *, spaced: bool) -> pd.DataFrame:
    """``table`` as the grid draws it: ``spaced`` (:attr:`Fitted.spaced`), a title or source with a
    space before its （…） and after a Chinese comma, where a line may break between words
    (:func:`word_columns`); the record of a row picked keeps them as written."""
    cols = word_columns(table, lang) if spaced else []
    if not cols:
        return table
    out = table.copy()
    for col in cols:
        out[col] = out[col].map(_between_words)
    return out


def _between_words(value: object) -> object:
    return broken_before_brackets(value.replace("，", "， ")) if isinstance(value, str) else value


@st.fragment
def stored_section(lang: Lang) -> None:
    """The imported layers; an editor deletes one after a confirmation.

    A fragment: picking a layer reruns this section alone; a delete reruns the whole page."""
    st.subheader(t("data.stored", lang))
    flash = st.session_state.pop("data_delete_flash", None)
    if flash:
        st.success(flash)
    meta = user_meta(user_stamp())
    if meta.empty:
        st.caption(t("data.stored_empty", lang))
        return
    # the features now, not the import's count (rows_out): QGIS may have added or deleted some
    counts = user_counts(user_stamp())
    rows_now = meta["layer"].map(counts).fillna(meta["rows_out"]).astype("Int64")
    table, fitted = stored_table(meta, rows_now, lang)
    # a row picked shows it whole: its source and the store's table name, for QGIS (walk 13: the
    # last column, 数据表名, was cut to "user_zon…" at 1280)
    picked = picked_table(table, fitted, "data_stored_pick", lang)
    if picked is not None:
        # an st.table's cells are markdown: a title, source or file name drawn as written
        st.table(whole_record(table.iloc[picked].to_dict(), lang).map(markdown_text))
    if not identity().editor:
        return
    titles = dict(zip(meta["layer"], layer_titles(meta, lang), strict=True))
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    victim = c1.selectbox(
        t("data.delete_pick", lang),
        meta["layer"].tolist(),
        format_func=lambda n: t("data.delete_option", lang).format(title=titles.get(n, n), name=n),
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
    rows = int(rows_now[meta["layer"] == pending].iloc[0])
    st.warning(
        message("data.delete_confirm", lang, title=markdown_text(titles[pending]), name=pending, rows=rows)
    )
    d1, d2 = st.columns(2)
    if d1.button(t("data.delete_yes", lang), type="primary", key="data_delete_yes"):
        st.session_state.pop("data_confirm_delete", None)
        try:
            removed = ingest.delete_user_layer(pending, actor=identity().recorded)
        except DataValidationError as exc:
            show_error(exc)
            return
        title = (
            (removed.get("title_en") if lang == "en" else None) or removed.get("title_zh") or titles[pending]
        )
        st.session_state["data_delete_flash"] = t("data.deleted", lang).format(
            title=markdown_text(title), name=pending
        )
        st.rerun()
    if d2.button(t("data.cancel", lang), key="data_delete_no"):
        st.session_state.pop("data_confirm_delete", None)
        st.rerun()


@st.fragment
def audit_section(lang: Lang) -> None:
    """The change log: every import and deletion, by whom, when, which file; a row picked shows
    the whole record (its full hash, table name and detail) below.

    A fragment: picking a row reruns this section alone."""
    st.subheader(t("data.audit", lang))
    store = open_store()
    st.caption(t("data.audit_caption", lang).format(store=audit.shown_file_name(store.location)))
    log = audit_log(user_stamp())
    if log.empty:
        st.caption(t("data.audit_empty", lang))
        return
    # a page table, every text escaped (shown as written, never as markup), wrapped between words
    # in either language (walk20 b3: the grid broke 「保存评 / 价版本」, cut 说明 at its edge and drew an
    # English title on one line, cut, in rows fitted for three)
    table = audit_table(log, user_meta(user_stamp()), lang)
    st.html(audit_html(table, lang))
    labels = audit_labels(table, lang)
    picked = st.selectbox(
        t("data.audit_pick", lang),
        list(range(len(table))),
        index=None,
        format_func=lambda i: labels[i],
        placeholder=t("data.audit_pick_placeholder", lang),
        key="data_audit_pick",
    )
    if picked is not None and picked < len(table):
        # an st.table's cells are markdown: a title, source or file name drawn as written
        st.table(audit_record(table, log, picked, lang).map(markdown_text))


def picked_table(table: pd.DataFrame, fitted: Fitted, key: str, lang: Lang) -> int | None:
    """``table`` drawn with its key columns' widths and row height (``fitted``), as tall as its rows
    up to 420 px, its rows picked by their marker (its width kept free beside the key columns:
    :data:`MARKER_PX`); the row picked, else ``None`` (and a line saying a pick shows it whole)."""
    helps = {t("data.col.audit_rows", lang): {"help": t("data.col.audit_rows_help", lang)}}
    event = st.dataframe(
        on_screen(table, lang, spaced=fitted.spaced),  # titles broken between words (the record as written)
        hide_index=True,
        width="stretch",
        column_config=fitted.apply({c: h for c, h in helps.items() if c in table.columns}),
        row_height=fitted.row_px,
        height=table_height(table, fitted),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    rows = list(event.selection.rows) if event is not None else []
    if rows and rows[0] < len(table):
        return int(rows[0])
    st.caption(t("data.pick_row", lang))
    return None


def whole_record(fields: dict[str, object], lang: Lang) -> pd.DataFrame:
    """A picked row's fields, one a line, as text ("—" for none)."""
    values = [
        "—" if v is None or (not isinstance(v, str) and pd.isna(v)) or str(v) == "" else str(v)
        for v in fields.values()
    ]
    return pd.DataFrame({t("data.record_field", lang): list(fields), t("data.record_value", lang): values})


def table_height(table: pd.DataFrame, fitted: Fitted) -> int:
    """As tall as ``table``'s rows (of ``fitted``'s height), up to 420 px."""
    return min(420, 40 + (fitted.row_px or 35) * max(len(table), 1))


def counts_text(rows_in: pd.Series, rows_out: pd.Series) -> pd.Series:
    """The rows a change read and saved, in one cell: "1,234 → 1,230", "— → 12" where it read none,
    and "—" where it counts no rows (walk 13: "None" in two columns of their own)."""

    def count(v: object) -> str:
        return "—" if pd.isna(v) else f"{int(v):,}"

    return pd.Series(
        [
            "—" if pd.isna(a) and pd.isna(b) else f"{count(a)} → {count(b)}"
            for a, b in zip(rows_in, rows_out, strict=True)
        ],
        index=rows_in.index,
        dtype=object,
    )


def audit_table(log: pd.DataFrame, meta: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The change log as shown (:func:`audit_html`): the layer by its title (a deleted one by the
    title it was imported with, the atlas's own tables by their names); the row's own title where it
    says more (a configuration's, a version's name)."""
    titles = dict(zip(meta["layer"], layer_titles(meta, lang), strict=True))
    layer = audit.layer_titles(log, titles, lang=lang)
    own = logged_titles(log, lang)  # a title the atlas wrote in ``lang``
    # an import's own title is the one it was imported with (title_zh): no more than its layer
    imported_as = dict(zip(meta["layer"], meta["title_zh"].fillna("").astype(str), strict=True))
    imported = log["layer"].map(lambda n: imported_as.get(n, ""))
    own = own.where((own != layer) & (own != imported), "")
    # who did what, when, to which layer, from which file, how many rows: read whole at 1280 px in
    # either language (walk 12, 13: cut); the free-text detail after them; the hash and the store's
    # table name in the record of a row picked (:func:`audit_record`)
    table = pd.DataFrame(
        {
            # the zone in the header, as in the imported layers' table: the cell is the time alone
            t("data.col.audit_at", lang): log["at_utc"].map(lambda v: minute(v, lang, zone=False)),
            t("audit.user", lang): log["user_name"].map(lambda who: audit.actor_name(who, lang)),
            t("audit.action", lang): log["action"].map(lambda a: audit.action_label(a, lang)),
            t("audit.layer", lang): layer,
            t("audit.title", lang): own,
            t("audit.file", lang): log["file_name"].map(
                lambda v: in_language(audit.shown_file_name(v), lang=lang)
            ),
            t("data.col.audit_rows", lang): counts_text(log["rows_in"], log["rows_out"]),
            t("audit.detail", lang): log["detail"].fillna("").astype(str),
        }
    )
    # nor the file's name, shown beside it (an objection's evidence is titled by its file)
    title = table[t("audit.title", lang)]
    table[t("audit.title", lang)] = title.where(title != table[t("audit.file", lang)], "")
    if not table[t("audit.title", lang)].astype(bool).any():  # no row names more than its layer
        table = table.drop(columns=t("audit.title", lang))
    return table


AUDIT_HTML_MAX_PX = 420  # the change log as tall as its rows up to this, then it scrolls
# % of the change log's width its detail takes at the least (each column at least its longest word)
AUDIT_SHARES = {"audit.detail": 14}
HTML_PAD_PX = 18  # a page table's cell padding (8 px each side) and its border, a pixel to spare


def _html_px(texts: Sequence[str]) -> int:
    """The column a page table needs for the longest of ``texts`` on one line."""
    return math.ceil(max((text_px(v) for v in texts if v), default=0.0)) + HTML_PAD_PX


def _words(text: str, col: str, lang: Lang) -> list[str]:
    """``text`` in the pieces the change log may break it into: a file's name after each ``_`` (never
    inside a word: 「吴江企业亩均_ / 2025_v2.csv」), another text at its spaces."""
    if col == t("audit.file", lang):
        return re.findall(r"[^_]*_|[^_]+$", text) or [text]
    return text.split(" ")


def _lines_at(text: str, col: str, lang: Lang, inner: float) -> int:
    """The lines ``text``'s pieces (:func:`_words`, each drawn whole) take in ``inner`` px."""
    gap = 0.0 if col == t("audit.file", lang) else text_px(" ")
    lines, used = 1, 0.0
    for word in _words(text, col, lang):
        wide = text_px(word)
        if used and used + gap + wide > inner:
            lines, used = lines + 1, wide
        else:
            used += (gap if used else 0.0) + wide
    return lines


def audit_layout(table: pd.DataFrame, lang: Lang) -> tuple[dict[str, int], list[str]]:
    """The change log's widths by what its columns hold (walk21 c9, c10: at 1280 zh 说明 ran on 8 lines
    in 14 % while 标题 kept 20 % for a credit code and 文件 a file's name on one line, and 图层 wrapped
    「吴江企业亩均 / 2025」): the time, the layer, the title and the file each whole on a line or else
    broken between its words (a file's name after a ``_``), whichever leaves the rows fewest lines,
    the detail the rest (at least :data:`AUDIT_SHARES`'s); the others as wide as their texts. The
    shares (% of its width at 1280 px) and the columns broken between words. Each distinct text
    measured once (a row's texts once)."""
    budget = FLUSH_EDGE_PX
    detail = t("audit.detail", lang)
    at, layer, title, file = (
        t(k, lang) for k in ("data.col.audit_at", "audit.layer", "audit.title", "audit.file")
    )
    shown = on_screen(table, lang, spaced=True)
    texts = {c: [str(v) for v in shown[c].dropna().astype(str).unique()] for c in shown.columns}
    chosen = [c for c in (at, layer, title, file) if c in shown.columns]
    fixed = 0
    for col in (c for c in audit_one_line(table, lang) if c not in chosen):  # its header between words
        fixed += max(_html_px(texts[col]), _html_px([w for w in re.split(r" |(?=（)", col) if w]))
    for col in shown.columns:  # an English action, wrapped between its words
        if col not in (*audit_one_line(table, lang), *chosen, detail):
            fixed += _html_px([w for v in [*texts[col], col] for w in v.split(" ")])
    heads = {c: _html_px([w for w in re.split(r" |(?=（)", c) if w]) for c in chosen}
    choices = {  # each on one line, or its longest word on one
        c: sorted(
            {max(_html_px(v), heads[c]), max(_html_px([w for x in v for w in _words(x, c, lang)]), heads[c])}
        )
        for c, v in ((c, texts[c]) for c in chosen)
    }
    for col in (c for c in (layer, title) if c in choices):  # or on two or three lines
        for n in (2, 3):
            need = math.ceil(max((at_spaces_px(v, n) for v in texts[col] if v), default=0.0)) + HTML_PAD_PX
            choices[col] = sorted({*choices[col], min(max(need, choices[col][0]), choices[col][-1])})
    rows = shown[[*chosen, detail]].astype(str).drop_duplicates().to_dict("records")
    measured: dict[tuple[str, str, int], int] = {}

    def lines_at(text: str, col: str, width: int) -> int:  # each text at each width measured once
        if (text, col, width) not in measured:
            measured[text, col, width] = _lines_at(text, col, lang, width - HTML_PAD_PX)
        return measured[text, col, width]

    best: tuple[tuple[bool, int, int, int], dict[str, int]] | None = None
    for widths in (dict(zip(choices, pick, strict=True)) for pick in product(*choices.values())):
        rest = budget - fixed - sum(widths.values())
        inner = max(rest - HTML_PAD_PX, FONT_PX * 2)  # (the browser squeezes the others for it)
        lines = sum(
            max(
                [math.ceil(text_px(row[detail]) / inner) if row[detail] else 1]
                + [lines_at(row[c], c, w) for c, w in widths.items()]
            )
            for row in rows
        )
        # the titles on the fewest lines where the detail keeps its least share (walk21 c10: 「吴江企业
        # 亩均 / 2025」), then the fewest lines, the widest detail
        titles = sum(
            max((lines_at(v, c, w) for v in texts[c]), default=1)
            for c, w in widths.items()
            if c in (layer, title)
        )
        squeezed = rest < budget * AUDIT_SHARES["audit.detail"] / 100
        key = (squeezed, titles, lines, -rest)
        if best is None or key < best[0]:
            best = (key, widths)
    widths = best[1] if best else {}
    broken = [c for c, w in widths.items() if w < choices[c][-1]]
    shares = {c: math.ceil(100 * w / budget) for c, w in widths.items() if c in broken or c in (layer, title)}
    rest = 100 - math.ceil(100 * (fixed + sum(w for c, w in widths.items() if c not in shares)) / budget)
    return {**shares, detail: max(rest - sum(shares.values()), AUDIT_SHARES["audit.detail"])}, broken


def audit_one_line(table: pd.DataFrame, lang: Lang) -> list[str]:
    """The change log's columns never wrapped: the time, who (a name: 「单用户模式」, "single-user
    mode"), the file's name (Latin letters and digits: never broken inside), the rows; in Chinese
    also what (「保存评价版本」: a word the browser would break between any two characters). An English
    action wraps between its words."""
    keys = ["data.col.audit_at", "audit.user", "audit.file", "data.col.audit_rows"]
    keys += ["audit.action"] if lang == "zh" else []
    return [t(k, lang) for k in keys if t(k, lang) in table.columns]


def audit_html(table: pd.DataFrame, lang: Lang) -> str:
    """The change log (:func:`audit_table`'s) as an HTML table read whole at 1280 px in either
    language: who, what, when, the file and the rows on one line (:func:`audit_one_line`), the layer
    and title broken only between words (a Chinese title also before its （…） and after a comma:
    :func:`on_screen`), the free-text detail wrapped in the width left; every text escaped."""
    shown = on_screen(table, lang, spaced=True)
    shares, broken = audit_layout(table, lang)  # the widths by what the columns hold (walk21 c9)
    file = t("audit.file", lang)
    if file in broken:  # a file's name broken after a ``_`` only (an invisible break there)
        shown[file] = shown[file].map(lambda v: v.replace("_", "_\u200b") if isinstance(v, str) else v)
    return html_table(
        shown,
        "atlas-change-log",
        one_line=[c for c in audit_one_line(table, lang) if c not in broken],
        words=[*word_columns(table, lang), *(c for c in broken if c not in word_columns(table, lang))],
        max_px=AUDIT_HTML_MAX_PX,
        shares=shares,
        helps={t("data.col.audit_rows", lang): t("data.col.audit_rows_help", lang)},
    )


def audit_labels(table: pd.DataFrame, lang: Lang) -> list[str]:
    """Each change as the record picker names it: when, what, which layer (and its own title)."""
    at, action = table[t("data.col.audit_at", lang)], table[t("audit.action", lang)]
    layer = table[t("audit.layer", lang)]
    title = table.get(t("audit.title", lang), pd.Series("", index=table.index))
    return [
        " · ".join(str(v) for v in parts if str(v))
        for parts in zip(at, action, layer, title.fillna(""), strict=True)
    ]


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def grid_lines(text: str, inner_px: float, *, free: bool = False) -> int | None:
    """The lines Streamlit's grid wraps ``text`` into in a cell ``inner_px`` wide (it breaks a line
    at its last space, else at the character that overflows), or ``None`` where that break would
    fall in a word or a name holding a Latin letter, digit or dot ("完税证明.p / df", walk 14): only
    a run of Chinese characters is broken between two of them, and not inside （…） ("东太湖度假区（ /
    太湖新城）" strands the bracket; walk 15). ``free``: a free text (a source), broken where the
    grid breaks it."""
    lines, rest, depth = 0, text, 0
    char_px = {ch: text_px(ch) for ch in set(text)}  # each character measured once (walk21 b4: a
    # zone of 60 characters took seconds measuring every prefix of every line)
    while rest:
        lines += 1
        ends = list(accumulate(char_px[ch] for ch in rest))  # text_px of each prefix, as it adds them
        if ends[-1] <= inner_px:
            return lines
        cut = bisect_right(ends, inner_px, 0, len(rest) - 1)  # the longest prefix that fits, short of all
        if cut == 0:
            return None  # not one character fits
        if rest[cut] != " ":
            space = rest.rfind(" ", 0, cut)
            if space > 0:
                cut = space
            elif free:
                pass
            elif not all(map(_wide, rest.split(" ")[0])):
                return None  # where the grid cuts a mixed name depends on its fonts: never
            elif depth + rest[:cut].count("（") - rest[:cut].count("）") > 0:
                return None  # between two characters inside （…）
        depth += rest[:cut].count("（") - rest[:cut].count("）")
        rest = rest[cut:].lstrip(" ")
    return lines


def unbroken_px(text: str, lines: int, *, wrap_latin: bool = True, free: bool = False) -> int:
    """The column (cell padding included) that shows ``text`` on at most ``lines`` lines, no word
    or name broken inside (:func:`grid_lines`). A text of no Chinese keeps the ranking's estimate
    (:func:`pages.efficiency.fitting.fit_columns`: one line unless ``wrap_latin``; the grid, having
    drawn Chinese before, may take such a text for short and run it over instead of wrapping it)."""
    whole = math.ceil(text_px(text))
    if not any(map(_wide, text)):
        if lines == 1 or not wrap_latin or " " not in text.strip():  # one word: never broken
            return whole + CELL_PAD_PX
        longest = max(text_px(w) for w in text.split(" "))
        return math.ceil(max(longest, whole / lines + longest)) + CELL_PAD_PX
    low = max((math.ceil(text_px(w)) for w in text.split(" ") if not all(map(_wide, w))), default=1)
    # no narrower than the text over its lines, less the spaces a break drops (walk21 b4: a zone of 60
    # characters tried every width from one character up, seconds of a page's run)
    least = math.floor((text_px(text) - text.count(" ") * text_px(" ")) / max(lines, 1)) - 1
    for inner in range(max(1 if free else max(low, 1), least), whole):
        got = grid_lines(text, inner, free=free)
        if got is not None and got <= lines:
            return inner + CELL_PAD_PX
    return whole + CELL_PAD_PX


def fit_unbroken(
    table: pd.DataFrame,
    columns: Sequence[str],
    *,
    budget_px: float,
    wrap_latin: bool,
    free: Sequence[str] = (),
    words: Sequence[str] = (),
) -> Fitted:
    """Widths for ``columns`` of ``table`` (texts) read whole within ``budget_px``: on the fewest
    lines (at most :data:`MAX_LINES`) that fit, each header on one line and no cell broken inside a
    word or a name (a file name "完税证明.pdf" whole on a line, walk 14: "完税证明.p / df"); wider
    than the budget where the names need it. The ``free`` columns (free text, a source) are broken
    where the grid breaks them; the ``words`` columns only at their spaces (titles and sources,
    spaced where they may break: :func:`on_screen`)."""
    cols = [c for c in columns if c in table.columns]
    texts = {  # each shape once (:func:`text_shape`: 17,063 names are about twenty), longest first
        c: sorted({text_shape(v) for v in table[c].dropna().unique() if str(v)}, key=text_px, reverse=True)
        for c in cols
    }
    widths: dict[str, int] = {}
    for lines in range(1, MAX_LINES + 1):
        for col in cols:
            need = math.ceil(text_px(col)) + HEADER_PAD_PX
            for text in texts[col]:
                if math.ceil(text_px(text)) + CELL_PAD_PX <= need:
                    break  # the longer texts come first: this one and the rest fit on one line
                if col in words and any(map(_wide, text)):
                    need = max(need, math.ceil(at_spaces_px(text, lines)) + CELL_PAD_PX)
                    continue
                need = max(need, unbroken_px(text, lines, wrap_latin=wrap_latin, free=col in free))
            widths[col] = need
        if sum(widths.values()) <= budget_px:
            return Fitted(widths, ROW_PX[lines])
    return Fitted(widths, ROW_PX[MAX_LINES])


def audit_record(table: pd.DataFrame, log: pd.DataFrame, row: int, lang: Lang) -> pd.DataFrame:
    """The whole record of the change log's ``row``: each field as shown, then its full SHA-256
    and the store's table name (for QGIS), one field a line."""
    fields = table.iloc[row].to_dict()
    fields["SHA-256"] = log["sha256"].iloc[row]
    fields[t("audit.table", lang)] = log["layer"].iloc[row]
    return whole_record(fields, lang)


# The row report at 1280 x 720: 932 px beside the sidebar, less its border and a pixel or two.
REPORT_TABLE_PX = 920
REPORT_VALUE_MAX_PX = 180  # the value given: a column no wider (a long one is in the downloads)
REPORT_LINE_PX = 18  # a wrapped line's height beyond three (14 px font, 1.25 spacing)


# A space between a number and the word it counts (第 17 行, 18 位, row 17): the grid must not break it.
_NUMBER_SPACE = re.compile(r"(?<=[第共约\w]) (?=\d)|(?<=\d) (?=[行位个家条年亩米公])")


def numbers_held(text: object) -> str:
    """``text`` with a no-break space between each number and the word it goes with, so that the
    grid wraps a long problem between words, never inside 「第 17 行」 or "row 17" (walk 17)."""
    return _NUMBER_SPACE.sub("\u00a0", str(text))


def report_view(report: pd.DataFrame, lang: Lang) -> tuple[pd.DataFrame, Fitted]:
    """The row report (:func:`geo.ingest.report_for_download`'s) as the page shows it: the problem
    last, given the width the other columns leave at 1280 px and wrapped in it, the rows as tall as
    its longest needs; the row, handling, field and value given as wide as their texts (walk 16: the
    problem was cut while the value given took the width)."""
    table = ingest.report_for_download(report, lang)
    problem = t("ingest.report.problem", lang)
    table = table[[c for c in table.columns if c != problem] + [problem]]
    table[problem] = table[problem].map(numbers_held, na_action="ignore")
    widths: dict[str, int] = {}
    for col in table.columns[:-1]:
        texts = [str(v) for v in table[col].dropna() if str(v)]
        need = max([text_px(col) + HEADER_PAD_PX, *(text_px(v) + CELL_PAD_PX for v in texts)])
        widths[col] = math.ceil(min(need, REPORT_VALUE_MAX_PX) if col == table.columns[-2] else need)
    inner = max(REPORT_TABLE_PX - sum(widths.values()), 240) - CELL_PAD_PX
    widths[problem] = inner + CELL_PAD_PX
    texts = [str(v) for v in table[problem].dropna()]
    lines = max((grid_lines(v, inner, free=True) or MAX_LINES for v in texts), default=1)
    row_px = ROW_PX[lines] if lines <= MAX_LINES else ROW_PX[MAX_LINES] + REPORT_LINE_PX * (lines - MAX_LINES)
    return table, Fitted(widths, row_px)


# The row report drawn as a page table in English: the grid does not wrap a Latin text reliably (at
# 1280 it drew "Same name as row 18 but a different unified social credit code (913205095000…" on one
# line, cut at its edge, after the page's language was switched: walk 18 b2); a page table wraps each
# problem between its words. As tall as its rows up to :data:`REPORT_HTML_MAX_PX`, then it scrolls.
REPORT_HTML_MAX_PX = 420


def report_html(table: pd.DataFrame) -> str:
    """``table`` (:func:`report_view`'s) as an HTML table whose cells wrap between words, every text
    escaped (a user's value is shown as written, never as markup); the value given and the problem
    wrap in the width the others leave."""
    # the row, handling and field on one line; the value and problem wrap
    return html_table(table, "atlas-row-report", one_line=list(table.columns[:-2]), max_px=REPORT_HTML_MAX_PX)

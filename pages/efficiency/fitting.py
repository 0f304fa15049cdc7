"""The ranking's key columns (排名, 企业, 得分, 类别, 主要失分指标, 区镇) sized to their text so that they
are read whole, without sideways scrolling, in the table's width at 1280 px (issue 23 item 2): each
column as wide as its header, the long texts wrapped on two or three lines when one does not fit;
the group summary likewise, with the columns that fit (walk8: its class counts ran off at 1280)."""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

# What the key columns may take of the ranking at 1280 x 720: the table is 932 px wide beside the
# sidebar, less the row marker (~45 px) and a scrollbar; the other columns follow to the right.
KEY_COLUMNS_PX = 870
CELL_PAD_PX = 20  # Streamlit's grid pads a cell 8.5 px each side; a pixel or two to spare
HEADER_PAD_PX = 24  # a header also draws its sort arrow when sorted
FONT_PX = 14  # the grid's font size
MAX_LINES = 3
LONG_WORD_PX = 8 * FONT_PX  # a word wider than this is not given its width (:func:`_needed_px`)
# Row height for a table of wrapped cells: Streamlit's grid wraps text only in rows taller than 4 rem
# (64 px); its lines are about 1.25 font sizes apart.
ROW_PX = {1: None, 2: 66, 3: 80}
_NARROW = set(" il.,:;'|!()[]")


def text_px(text: object) -> float:
    """An upper estimate of ``text``'s width in the grid's 14 px font: a CJK or full-width character
    is one font size wide, Latin letters and digits about half of it (Source Sans)."""
    return _text_px(str(text))


# Every rerun of a page fits its tables to the same texts again (the demo's 17,063 names, their
# line breaks tried at each width): each text is measured once per process.
@functools.lru_cache(maxsize=1 << 17)
def _text_px(text: str) -> float:
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += FONT_PX
        elif ch in _NARROW:
            width += 0.3 * FONT_PX
        elif ch.isupper() or ch in "mwMW@%&":
            width += 0.68 * FONT_PX
        else:
            width += 0.54 * FONT_PX
    return width


def text_shape(text: object) -> str:
    """A stand-in for ``text`` as the grid measures and breaks it: each character replaced by one of
    its kind (a Chinese or full-width character, （, ）, a space, a narrow, an upper-case or another
    Latin character), so the same width (:func:`text_px`) and the same places a line may break.
    17,063 enterprise names of the demo are about twenty shapes: a table is fitted per shape, not per
    name (a rerun of 公示与异议 spent 73 s fitting each name of its results one by one)."""
    return "".join(_SHAPE.get(ch) or _kind_of(ch) for ch in str(text))


_SHAPE = {"（": "（", "）": "）", " ": " "}


def _kind_of(ch: str) -> str:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "中"
    if ch in _NARROW:
        return "i"
    if ch.isupper() or ch in "mwMW@%&":
        return "M"
    return "a"


def _words(text: str) -> list[str]:
    """Where the grid may break a line: at spaces (kept as words of their own), and between CJK
    characters."""
    out, word = [], ""
    for ch in text:
        if ch == " " or unicodedata.east_asian_width(ch) in ("W", "F"):
            out += [word] if word else []
            out.append(ch)
            word = ""
        else:
            word += ch
    return out + ([word] if word else [])


def _lines_at_spaces(chunks: Sequence[str], width: float) -> int:
    """The lines the grid wraps a text of space-separated ``chunks`` into at ``width``: it breaks a
    line at the last space that fits (never inside a chunk while a space is there to break at)."""
    lines, line = 1, ""
    for chunk in chunks:
        trial = f"{line} {chunk}" if line else chunk
        if line and text_px(trial) > width:
            lines, trial = lines + 1, chunk
        line = trial
    return lines


def _spaced_px(text: str, lines: int) -> float:
    """The width a text of space-separated items needs on at most ``lines`` lines as the grid wraps
    it (at its spaces only: "全员劳动生产率、 R&D\u00a0经费占比" breaks after 、, never inside an item):
    worked out once per text shape (:func:`text_shape`: the same widths and places to break)."""
    return _shape_spaced_px(text_shape(text), lines)


@functools.lru_cache(maxsize=1 << 14)
def _shape_spaced_px(text: str, lines: int) -> float:
    chunks = [c for c in text.split(" ") if c]
    low, high = max((text_px(c) for c in chunks), default=0.0), text_px(text)
    if _lines_at_spaces(chunks, low) <= lines:
        return low
    while high - low > 1:  # the fewest pixels that hold it on ``lines`` lines
        mid = (low + high) / 2
        low, high = (low, mid) if _lines_at_spaces(chunks, mid) <= lines else (mid, high)
    return high


def at_spaces_px(text: str, lines: int) -> float:
    """The width ``text`` needs on at most ``lines`` lines broken at its spaces only (never inside a
    word, nor inside a run of Chinese characters): :func:`_spaced_px`."""
    return _spaced_px(text, lines)


# Where the grid may break a Chinese name or title on screen: a space before its （…） ("盛泽镇先进纺织
# 产业园 （南区）"), which the grid breaks at before any character (walk 16 item 10: a park's name on
# one line left an enterprise's name no room; a title broken inside a word in the English change log).
BRACKET_BREAK = " （"


def broken_before_brackets(value: object) -> object:
    """``value`` with a space before its first （ that follows a character (a line may break there,
    :data:`BRACKET_BREAK`); any other value as it is."""
    if not isinstance(value, str) or "（" not in value.strip("（）") or BRACKET_BREAK in value:
        return value
    head, _, tail = value.partition("（")
    return f"{head}{BRACKET_BREAK}{tail}" if head else value


# The widest a place's name is drawn in a list's key columns (its cell's padding included): a longer
# one (walk21: a park of 59 characters, ~850 px on one line) is shown cut with an ellipsis on screen,
# whole in the column's help and the files; drawn whole it was the column the table's edge cut, and
# it left an enterprise's name 90 px on three lines (「桃源高分子 / 薄膜有限公 / 司」).
PLACE_MAX_PX = 200
ELLIPSIS = "…"


def shortened(text: object, width_px: float = PLACE_MAX_PX, cut_px: float | None = None) -> object:
    """``text`` cut to end in :data:`ELLIPSIS` (within ``cut_px``, default ``width_px``) where it is
    wider than ``width_px`` less a cell's padding (:func:`text_px`) even broken before its （…）
    (:func:`broken_before_brackets`: 「盛泽镇先进纺织产业园 / （南区）」 is kept whole); any other value
    as it is."""
    room = width_px - CELL_PAD_PX
    if not isinstance(text, str) or text_px(text) <= room:
        return text
    if max(text_px(part) for part in str(broken_before_brackets(text)).split(BRACKET_BREAK)) <= room:
        return text
    room = (width_px if cut_px is None else cut_px) - CELL_PAD_PX
    out, used = "", text_px(ELLIPSIS)
    for ch in text:
        used += text_px(ch)
        if used > room:
            break
        out += ch
    return out.rstrip() + ELLIPSIS


def shortened_places(
    table: pd.DataFrame,
    columns: Sequence[str],
    width_px: float = PLACE_MAX_PX,
    cut_px: float | None = None,
) -> pd.DataFrame:
    """``table`` with the names of ``columns`` wider than ``width_px`` :func:`shortened` (to ``cut_px``;
    each distinct name measured once); ``table`` itself where none is."""
    cols = [c for c in columns if c in table.columns and not pd.api.types.is_numeric_dtype(table[c])]
    cut = {c: {v: shortened(v, width_px, cut_px) for v in table[c].dropna().unique()} for c in cols}
    cut = {c: {v: w for v, w in names.items() if w != v} for c, names in cut.items()}
    if not any(cut.values()):
        return table
    out = table.copy()
    for col, names in cut.items():
        if names:
            out[col] = out[col].map(lambda v, names=names: names.get(v, v) if isinstance(v, str) else v)
    return out


def _needed_px(texts: Sequence[str], lines: int, *, long_words: bool = False) -> float:
    """The width the longest of ``texts`` needs on at most ``lines`` lines (a line breaks at a word,
    so it may end up to one word short; a Chinese list spaced after its 、 and ； breaks there only,
    as the grid does: :func:`pages.efficiency.tables.screen_reasons_zh`)."""
    need = 0.0
    for text in texts:
        total = text_px(text)
        if lines == 1:
            need = max(need, total)
            continue
        if "、 " in text or "； " in text:  # a list made to break between its items only
            need = max(need, _spaced_px(text.strip(), lines))
            continue
        # ``long_words``: a word wider than LONG_WORD_PX asks no more room than a character (walk21:
        # a firm named 「=HYPERLINK("http://x","点我")」 held the names 270 px wide on three lines and
        # 区镇/园区 was cut at the table's edge); the grid does not break inside a word, so such a
        # word may be drawn cut in its own cell (whole in the files and the profile)
        words = [text_px(w) for w in _words(text) if w != " "]
        cap = LONG_WORD_PX if long_words else math.inf
        longest = max((w for w in words if w <= cap), default=float(FONT_PX))
        need = max(need, longest, total / lines + longest)
    return need


@dataclass(frozen=True)
class Fitted:
    """Key columns' widths (px) and the row height their wrapped texts need (None: one line)."""

    widths: dict[str, int]
    row_px: int | None
    # the texts are drawn spaced where a line may break between words (pages/data/managing.py:
    # on_screen), the widths fitted to them so
    spaced: bool = False

    def apply(self, config: dict) -> dict:
        """``config`` (``st.dataframe``'s column_config) with these widths set."""
        out = dict(config)
        for col, px in self.widths.items():
            out[col] = {**(out.get(col) or {}), "width": px}
        return out


def _mostly_wide(texts: Sequence[str]) -> bool:
    """Whether ``texts`` are mostly CJK characters (which the grid wraps reliably)."""
    chars = "".join(texts)
    wide = sum(unicodedata.east_asian_width(ch) in ("W", "F") for ch in chars)
    return bool(chars) and wide * 2 >= len(chars)


def fit_columns(
    table: pd.DataFrame,
    columns: Sequence[str],
    *,
    budget_px: float = KEY_COLUMNS_PX,
    wrap_latin: bool = False,
    one_line: Sequence[str] = (),
    names: Sequence[str] = (),
    phrases: Sequence[str] = (),
    long_words: Sequence[str] = (),
) -> Fitted:
    """Widths for ``columns`` of ``table`` (as shown: formatted numbers count as their text) so that
    every header and cell is read whole within ``budget_px``: on one line when all fit, else the
    Chinese texts on the fewest lines (at most :data:`MAX_LINES`) that fit.

    Latin texts (the English page's towns and shortfalls) keep one line: the grid guesses a line's
    length from the average width of the characters it drew before, and after Chinese names it
    took an English town's name for short and let it run over its column instead of wrapping it.
    Such a column is as wide as its longest text, so it is read whole, if need be beyond the
    budget (at 1280 px a sideways scroll away; at 1920 px in view).

    Parameters
    ----------
    table : DataFrame
        The table as shown (headers and values).
    columns : sequence of str
        Its key columns, in order (those not in ``table`` are left out).
    budget_px : float
        The width the key columns may take together.
    wrap_latin : bool
        Wrap Latin texts too: for a table of no Chinese text (the English group summary), where
        the grid measures its lines on Latin text alone.
    one_line : sequence of str
        Columns never wrapped, as wide as their longest text: place names, which the grid would
        break anywhere (walk 15 item 10: 「东太湖度假区（ / 太湖新城）」), where a name may break only
        before its （…） part — no one width does that for every name, so none breaks.
    names : sequence of str
        Columns of names (an enterprise's), broken only at a space (a Chinese name on one line, its
        " (synthetic)" on the next) where the columns still fit in the budget so; else wrapped as the
        others, given what the budget has to spare, so that they take the fewest lines (walk 16 item
        10: "吴江开发区芯 / 联微电子有限 / 公司" in 90 px, the budget not used up).
    phrases : sequence of str
        Texts never wrapped in any column: the shortfalls' 「均不低于中位数」, which the grid would break
        between any two characters (walk20 c10).
    long_words : sequence of str
        Columns whose words wider than :data:`LONG_WORD_PX` are not given their width (an
        enterprise named as a formula, walk21: such a word is drawn cut in its cell rather than the
        key columns overflow the table).

    Returns
    -------
    Fitted
        The columns' widths and the row height.
    """
    cols = [c for c in columns if c in table.columns]
    texts = {
        c: [v for v in table[c].dropna().astype(str).unique() if v]
        if not pd.api.types.is_numeric_dtype(table[c])
        else [f"{v:,.1f}" for v in (table[c].min(), table[c].max()) if pd.notna(v)]
        for c in cols
    }
    wraps = {
        c: not pd.api.types.is_numeric_dtype(table[c])
        and c not in one_line
        and (wrap_latin or _mostly_wide(texts[c]))
        for c in cols
    }
    # a column as wide as its header, and as the phrases in it kept on one line
    header = {
        c: max(
            [text_px(c) + HEADER_PAD_PX, *(text_px(v) + CELL_PAD_PX for v in set(phrases) & set(texts[c]))]
        )
        for c in cols
    }
    whole = [c for c in names if c in cols and wraps[c]]

    def at(lines: int, kept: Sequence[str] = ()) -> dict[str, int]:
        return {
            c: math.ceil(
                max(
                    header[c],
                    max((_spaced_px(v, lines) for v in texts[c]), default=0.0) + CELL_PAD_PX
                    if c in kept
                    else _needed_px(texts[c], lines if wraps[c] else 1, long_words=c in long_words)
                    + CELL_PAD_PX,
                )
            )
            for c in cols
        }

    for lines in range(1, MAX_LINES + 1) if whole else ():  # the names whole, where they fit so
        widths = at(lines, whole)
        if sum(widths.values()) <= budget_px:
            return Fitted(widths, ROW_PX[lines])
    widths: dict[str, int] = {}
    for lines in range(1, MAX_LINES + 1):
        widths = at(lines)
        if sum(widths.values()) <= budget_px:
            if whole:  # what the budget has to spare to the names: fewer lines
                widths[whole[0]] += math.floor(budget_px - sum(widths.values()))
            return Fitted(widths, ROW_PX[lines])
    return Fitted(widths, ROW_PX[MAX_LINES])


TABLE_MAX_PX = 420  # the tallest a ranking or group list is drawn (it scrolls within)
TABLE_HEAD_PX = 40  # its header row and borders


def table_height(n_rows: int, row_px: int | None, *, most: int = TABLE_MAX_PX) -> int:
    """The height of a list of ``n_rows`` rows ``row_px`` tall (None: 35 px): as tall as its rows,
    at most ``most``, and then a whole number of rows, so the last row in view is never cut through
    its lines (walk13: a three-line English-page name read as clipped at the table's edge)."""
    row = row_px or 35
    fit = max((most - TABLE_HEAD_PX) // row, 1)
    return TABLE_HEAD_PX + row * min(max(n_rows, 1), fit)


# The group summary's width at 1280 x 720: 932 px beside the sidebar, less its border and a pixel or two.
SUMMARY_PX = 920


def fit_summary(
    table: pd.DataFrame,
    columns: Sequence[str],
    optional: Sequence[str] = (),
    *,
    budget_px: float = SUMMARY_PX,
) -> tuple[list[str], Fitted]:
    """The group summary's columns read whole in ``budget_px``: ``columns`` always (the groups' names
    wrapped when need be, :func:`fit_columns`), then each of ``optional`` in order while it still
    fits beside them without more lines; the columns shown and their widths.

    Parameters
    ----------
    table : DataFrame
        The summary as shown (headers and values).
    columns : sequence of str
        The columns always shown, in order (those not in ``table`` are left out).
    optional : sequence of str
        Further columns, most wanted first, shown only where they fit.
    budget_px : float
        The table's width.
    """
    shown = [c for c in columns if c in table.columns]
    # Latin names wrap too where no column holds Chinese (the English page's towns and industries)
    latin = not any(
        _mostly_wide([str(v) for v in table[c].dropna().unique()])
        for c in table.columns
        if not pd.api.types.is_numeric_dtype(table[c])
    )
    fitted = fit_columns(table, shown, budget_px=budget_px, wrap_latin=latin)
    for col in (c for c in optional if c in table.columns):
        trial = fit_columns(table, [*shown, col], budget_px=budget_px, wrap_latin=latin)
        if sum(trial.widths.values()) <= budget_px and trial.row_px == fitted.row_px:
            shown, fitted = [*shown, col], trial
    return shown, Fitted(fitted.widths, _row_px(table, fitted.widths))


def _row_px(table: pd.DataFrame, widths: dict[str, int]) -> int | None:
    """The row height the texts need at ``widths``: the fewest lines that hold each column's
    longest text (no taller than its words need, as the widths' own estimate may be)."""
    lines = 1
    for col, width in widths.items():
        if pd.api.types.is_numeric_dtype(table[col]):
            continue
        texts = [v for v in table[col].dropna().astype(str).unique() if v]
        need = next(
            (n for n in range(1, MAX_LINES + 1) if _needed_px(texts, n) + CELL_PAD_PX <= width), MAX_LINES
        )
        lines = max(lines, need)
    return ROW_PX[lines]


# A table's inner width beside the sidebar at 1280 x 720 (932 px less its two borders) and a pixel: a
# column filled to it ends under the table's right border and the next starts out of view (walk20 a1:
# an edge 4 px short of it drew a sliver of the next column's border).
FLUSH_EDGE_PX = 931
# The same table at 1920 x 1080 is 640 px wider (the main area grows with the window, the sidebar does
# not): a second edge the columns after the first are fitted to (walk20 a1: "Tax per mu (10k yu" cut there).
WIDE_EXTRA_PX = 640


def _shown_texts(table: pd.DataFrame, col: str) -> list[str]:
    """A column's texts as the grid draws them: a number's least and greatest in two decimals with
    thousands separators, each distinct text once."""
    values = table[col].dropna()
    if pd.api.types.is_numeric_dtype(values):
        return [f"{v:,.2f}" for v in (values.min(), values.max())] if len(values) else []
    return [str(v) for v in values.astype(str).unique() if str(v)]


def _fill(table: pd.DataFrame, widths: dict[str, int], width_px: float, first: int) -> dict[str, int]:
    """``widths`` with the columns after them added in order while each fits whole on one line within
    ``width_px``, the rest of it given to the last one-line column from position ``first`` on (the
    columns before it keep their widths: they end on an edge already); none when there is none."""
    cols = list(table.columns)
    used, last = float(sum(widths.values())), cols[len(widths) - 1]
    for col in cols[len(widths) :]:
        texts = _shown_texts(table, col)
        need = math.ceil(max([text_px(col) + HEADER_PAD_PX, *(text_px(v) + CELL_PAD_PX for v in texts)]))
        if used + need > width_px:
            break
        widths[col], used, last = need, used + need, col
    # the rest to the last column whose texts are on one line (a wrapped one, wider, would break its
    # lines elsewhere than its row height was fitted for: 「2025 / 年」; a number is never wrapped)
    one_line = [
        c
        for c in list(widths)[first : cols.index(last) + 1]
        if pd.api.types.is_numeric_dtype(table[c])
        or all(text_px(v) + CELL_PAD_PX <= widths[c] for v in table[c].dropna().astype(str).unique())
    ]
    target = one_line[-1] if one_line else last if first == 0 else None
    if target is not None:
        widths[target] += max(math.floor(width_px - used), 0)
    return widths


def to_the_edge(
    table: pd.DataFrame, fitted: Fitted, width_px: float, *, wide_px: float | None = None
) -> Fitted:
    """``fitted`` (the key columns, the first of ``table``'s) with the columns after them added in
    order while each fits whole on one line within ``width_px``, the last one shown widened to it: no
    column drawn cut at the table's right edge at 1280 px (walk 18 c1: 数据表名 "user_zones_园…",
    所用用地清单, "Class mean…"); the next starts beyond the edge, a sideways scroll away.

    ``wide_px``: a second, wider edge (the table's at 1920 px, ``width_px`` +
    :data:`WIDE_EXTRA_PX`), the columns after the first edge fitted to it alike (walk20 a1: at 1920
    "Tax per mu (10k yu" was cut there); the columns before the first edge as at 1280."""
    widths = dict(fitted.widths)
    cols = list(table.columns)
    if not widths or cols[: len(widths)] != list(widths):
        return fitted
    widths = _fill(table, widths, width_px, 0)
    if wide_px is not None and len(widths) < len(cols):
        widths = _fill(table, widths, wide_px, len(widths))
    return Fitted(widths, fitted.row_px, fitted.spaced)

"""How the evaluation page sends its tables: bounded rows as Arrow tables built once per key,
numbers in their measure's format (geo/number_formats.py), NaN shown as 无法计算."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from geo.messages import Lang, t
from geo.number_formats import number_format
from pages.common.cache import PerObject, shared_table
from pages.common.display import markdown_text  # noqa: F401 (the evaluation page imports it from here)
from pages.efficiency.fitting import Fitted, table_height

# A table in the page holds at most this many rows (a 150k-row import's tables were ~25 MB sent to
# every browser that opens the page); the downloads always hold every row. The ranking holds more
# (all of the demo's 17,063 with the unscored shown) than the lists below it.
TABLE_ROWS_MAX = 20_000
LIST_ROWS_MAX = 5_000


def rows(cache_key: tuple, frame: pd.DataFrame, lang: Lang, *, most: int | None = None):
    """What a page table sends: the first ``most`` (default :data:`TABLE_ROWS_MAX`) rows of
    ``frame`` as an Arrow table built once per ``cache_key`` (the key ``frame`` was computed under),
    saying so when rows are left out."""
    most = TABLE_ROWS_MAX if most is None else most
    if len(frame) > most:
        st.caption(t("eff.table.capped", lang).format(shown=most, n=len(frame)))
        return shared_table(("rows", most, *cache_key), frame.head(most))
    return shared_table(cache_key, frame)


def list_table(
    cache_key: tuple,
    frame: pd.DataFrame,
    lang: Lang,
    *,
    key: str,
    height: int,
    fitted: Fitted | None = None,
    column_config: dict | None = None,
    **options,
) -> None:
    """A long list (at most :data:`LIST_ROWS_MAX` rows shown), numbers in their measure's format;
    ``height`` the tallest it is drawn: a short list is as tall as its rows (walk17: one D-class
    firm drew seven empty rows under it). ``fitted``: its columns' widths and row height;
    ``column_config``: further options per column (a column's help)."""
    config = number_config(frame)
    for col, extra in (column_config or {}).items():
        config[col] = {**(config.get(col) or {}), **extra}
    row_px = fitted.row_px if fitted is not None else None
    st.dataframe(
        rows(cache_key, frame, lang, most=LIST_ROWS_MAX),
        hide_index=True,
        width="stretch",
        height=table_height(min(len(frame), LIST_ROWS_MAX), row_px, most=height),
        column_config=fitted.apply(config) if fitted is not None else config,
        row_height=row_px,
        key=key,
        **options,
    )


def number_config(table: pd.DataFrame, *, thousands: bool = True) -> dict:
    """Each numeric column in its measure's format (geo/number_formats.py: scores to two decimals,
    counts whole with separators, money and land to two decimals with separators), the same as
    the workbooks'; ``thousands=False`` drops the separators (tables holding ids as numbers)."""
    config = {}
    for col in table.columns:
        fmt = number_format(col, table[col])
        if fmt is not None:
            config[col] = st.column_config.NumberColumn(
                col, format=fmt.screen if thousands else fmt.screen.replace(",", "")
            )
    return config


def small_table(frame: pd.DataFrame, lang: Lang, *, column_config: dict | None = None, **options) -> None:
    """A small table with NaN shown as 无法计算 (never inf or 0), numbers in their measure's format
    (``column_config``: further options per column, e.g. widths and help, merged into it).
    (A pandas Styler did this before: it formats every cell in Python on every
    run, which was a fifth of the evaluation page's server time.)"""
    config = number_config(frame)
    for col, extra in (column_config or {}).items():
        config[col] = {**(config.get(col) or {}), **extra}
    # Converted once per table object (they are shared results) for all sessions.
    st.dataframe(
        _arrow_of(frame),
        column_config=config,
        placeholder=t("eff.not_computable", lang),
        **options,
    )


_arrow_of = PerObject(
    lambda frame: dataframe_util.convert_pandas_df_to_arrow_table(frame, preserve_index=False)
)

"""Spreadsheet cells no spreadsheet evaluates: the guard every CSV writer uses (and the prefixes XLSX marks).

OWASP's advice on CSV injection: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is a formula (or is turned into one) in Excel, LibreOffice and WPS, so such text
is written with a leading single quote (``'=HYPERLINK(...)``), which every spreadsheet shows as
text. Numbers stay numbers: only ``str`` values are touched, so a negative amount is still a number.
Column names and index labels are cells too and get the same treatment. This is for CSV: an XLSX
text cell is never a formula, and the workbooks hold such text as written, in a cell format with
Excel's quote prefix (:mod:`geo.exports.spreadsheetml`).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

QUOTE = "'"


def formula_safe(value):
    """``value`` as a spreadsheet may hold it: text starting with a formula character gets a quote.

    Parameters
    ----------
    value
        Any cell value; only ``str`` is changed.

    Returns
    -------
    object
        ``"'" + value`` for text that starts with one of :data:`FORMULA_PREFIXES`, else ``value``.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return QUOTE + value
    return value


def _safe_column(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return values  # numbers, booleans and dates hold no text
    if not any(isinstance(v, str) and v.startswith(FORMULA_PREFIXES) for v in values):
        return values
    return pd.Series([formula_safe(v) for v in values], index=values.index, dtype=object, name=values.name)


def formula_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells, column names and index labels are formula-safe.

    Numeric, boolean and date columns are returned as they are (same dtype), so numbers stay
    numbers in the CSV or XLSX written from the copy; ``frame`` itself is not modified.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"formula_safe_frame needs a DataFrame, got {type(frame).__name__}")
    out = pd.DataFrame(frame).copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        safe = _safe_column(column)
        if safe is not column:
            out.isetitem(i, safe)
    out.columns = [formula_safe(c) for c in out.columns]
    names = [formula_safe(n) for n in out.index.names]
    if out.index.nlevels == 1 and (
        pd.api.types.is_object_dtype(out.index) or pd.api.types.is_string_dtype(out.index)
    ):
        out.index = pd.Index([formula_safe(v) for v in out.index], dtype=object)
    out.index = out.index.set_names(names)
    return out


WHOLE_MAX = 1e15  # beyond this a float's whole part is no longer exact as an integer


def whole_numbers_plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose float columns are written as a person reads them: a whole number
    without a decimal point (从业人员 200, not 200.0), any other in its shortest exact form
    (2404.37), a missing one empty. Apply after :func:`formula_safe_frame` (a negative number is
    a number, never quoted)."""
    out = pd.DataFrame(frame).copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if not (pd.api.types.is_float_dtype(column.dtype) and isinstance(column.dtype, np.dtype)):
            continue
        values = column.to_numpy(dtype=float)
        finite = np.isfinite(values)
        whole = finite & (np.abs(values) < WHOLE_MAX)
        whole[whole] = values[whole] == np.round(values[whole])
        if not whole.any():
            continue
        text = np.full(len(values), None, dtype=object)
        text[finite] = values[finite].astype(str)
        text[whole] = values[whole].astype(np.int64).astype(str)
        out.isetitem(i, pd.Series(text, index=column.index, name=column.name, dtype=object))
    return out


def decimals_as_shown(frame: pd.DataFrame, *, as_came: Collection[object] = ()) -> pd.DataFrame:
    """A copy of ``frame`` whose numeric columns are written with their measure's decimals
    (:mod:`geo.number_formats`: a score ``87.60``, money ``2.20``, a count ``12``, a coordinate
    ``120.400000``), as text a CSV holds as it is; a missing number empty, a negative one
    ``-1.25`` (never ``-0.00``). Text, booleans and dates as they are, and the columns ``as_came``
    (a user's own numbers: written as they came)."""
    from geo.number_formats import number_format

    out = pd.DataFrame(frame).copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        fmt = number_format(out.columns[i], column)
        if fmt is None or out.columns[i] in as_came:
            continue
        values = column.to_numpy(dtype=float, na_value=np.nan)
        finite = np.isfinite(values)
        shown = np.round(values[finite], fmt.decimals) + 0.0  # + 0.0: -0.0 becomes 0.0
        text = np.full(len(values), None, dtype=object)
        text[finite] = [f"{v:.{fmt.decimals}f}" for v in shown.tolist()]
        out.isetitem(i, pd.Series(text, index=column.index, name=column.name, dtype=object))
    return out


def csv_text_bytes(
    frame: pd.DataFrame, *, index: bool = False, as_shown: bool = False, as_came: Collection[object] = ()
) -> bytes:
    """``frame`` as formula-safe CSV in UTF-8 with BOM (Excel opens Chinese correctly), whole
    numbers without ``.0`` (:func:`whole_numbers_plain`); ``as_shown`` (a download a person reads):
    every number with its measure's decimals (:func:`decimals_as_shown`, ``2.20`` beside ``12.35``)
    but the columns ``as_came``.

    Lines end in CRLF (RFC 4180), so a field holding a lone CR is quoted too and cannot start a
    new row (with ``\n`` line ends, Python's csv module leaves such a field bare).
    """
    safe = formula_safe_frame(frame)
    if as_shown:
        safe = decimals_as_shown(safe, as_came=as_came)
    safe = whole_numbers_plain(safe)
    return safe.to_csv(index=index, lineterminator="\r\n").encode("utf-8-sig")

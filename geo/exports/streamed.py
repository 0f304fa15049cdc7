"""Workbooks written row by row, for lists of 120,000 enterprises: a sheet that counts its rows and
formats a row's first cell, and a frame's columns turned into cells in one pass per
column. The file itself is written by :mod:`geo.exports.spreadsheetml` (the XML as text: openpyxl's
write-only mode spent a minute of CPU on the three lists of the city's 120,000 enterprises).

A sheet takes its column widths, frozen header row and page set-up when it is made, and its rows
in order (a column's numbers in its measure's number format, :mod:`geo.number_formats`), so
everything a row needs is decided when it is appended. Every text cell is a string cell, never a
formula, holding the text as written: text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is in a cell format with the quote prefix (:mod:`geo.exports.spreadsheetml`: Excel
shows ``=HYPERLINK(...)`` as text and never runs it), and text that reads like an Excel error
(``#N/A``) stays text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from geo.exports.spreadsheetml import (
    EMPTY_CELL,
    FALSE_CELL,
    TRUE_CELL,
    SheetPart,
    Styles,
    number_text,
    plain_cell,
    styled_cell,
    write_package,
)

CREATOR = "苏州产业布局一张图 (Suzhou Industrial Layout Atlas)"


class StreamedWorkbook:
    """A workbook being written: its sheets in order and their cell formats."""

    def __init__(self) -> None:
        self.sheets: list[SheetPart] = []
        self.styles = Styles()

    @property
    def sheetnames(self) -> list[str]:
        """The sheets' names, in order."""
        return [s.title for s in self.sheets]


def new_workbook() -> StreamedWorkbook:
    """An empty workbook (add sheets with :class:`StreamedSheet`)."""
    return StreamedWorkbook()


def workbook_bytes(wb: StreamedWorkbook) -> bytes:
    """The workbook as an .xlsx file."""
    buf = io.BytesIO()
    write_package(buf, wb.sheets, wb.styles, creator=CREATOR)
    return buf.getvalue()


def cell_value(value: Any) -> Any:
    """A cell value: numbers as numbers (floats to 2 decimals), NaN and NA empty, anything else as
    text (written as a string cell, never a formula)."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return None if value != value else round(value, 2)
    if isinstance(value, int | bool):
        return value
    return str(value)


def column_values(values: pd.Series) -> list[Any]:
    """The cells of a column, as :func:`cell_value` gives them, converted by dtype in one pass."""
    if pd.api.types.is_bool_dtype(values.dtype) and not values.hasnans:
        return values.astype(bool).tolist()
    if pd.api.types.is_integer_dtype(values.dtype) and isinstance(values.dtype, np.dtype):
        return values.tolist()
    if pd.api.types.is_float_dtype(values.dtype) and isinstance(values.dtype, np.dtype):
        return [None if v != v else round(v, 2) for v in values.tolist()]
    return [cell_value(v) for v in values.astype(object).tolist()]


# Excel's day 0 (its serial dates count days from here; 1900's false leap day is before any date here).
EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def column_cells(values: pd.Series, *, style: int = 0, digits: int | None = 2) -> list[str]:
    """The cells' XML of a column (:func:`column_values` written by kind, in one pass); ``style``
    (a cell format of the workbook's :class:`~geo.exports.spreadsheetml.Styles`) on its numbers,
    floats kept to ``digits`` decimals (None: exact); times as Excel's serial dates."""
    number = f'<c s="{style}">' if style else "<c>"
    empty = f'<c s="{style}"/>' if style else EMPTY_CELL  # a value typed in later takes the column's format
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        days = ((values - EXCEL_EPOCH) / pd.Timedelta(days=1)).tolist()
        return [empty if d != d else f"{number}<v>{number_text(d)}</v></c>" for d in days]
    if pd.api.types.is_bool_dtype(values.dtype) and not values.hasnans:
        return [TRUE_CELL if v else FALSE_CELL for v in values.astype(bool).tolist()]
    if pd.api.types.is_integer_dtype(values.dtype) and isinstance(values.dtype, np.dtype):
        return [f"{number}<v>{v}</v></c>" for v in values.tolist()]
    if pd.api.types.is_float_dtype(values.dtype) and isinstance(values.dtype, np.dtype):
        finite = np.isfinite(values.to_numpy(dtype=float))
        return [
            f"{number}<v>{number_text(v if digits is None else round(v, digits))}</v></c>" if ok else empty
            for v, ok in zip(values.tolist(), finite.tolist(), strict=True)
        ]
    if not style:  # text: no number to format
        return [plain_cell(v) for v in column_values(values)]
    return [_numbered_cell(v, style) for v in column_values(values)]


def _numbered_cell(value: Any, style: int) -> str:
    """A cell of a column of mixed values: a number or a blank with ``style``, anything else plain."""
    if style and (value is None or isinstance(value, int | float) and not isinstance(value, bool)):
        return styled_cell(value, style)
    return plain_cell(value)


def column_style(styles: Styles, column: object, values: pd.Series) -> tuple[int, int]:
    """The cell format of a column's numbers: its measure's number format
    (:func:`geo.number_formats.number_format`: a score ``0.00``, a rank ``#,##0``), 0 for text; and
    the decimals its floats keep (two, or the measure's when more: a share of one 0.333)."""
    from geo.number_formats import number_format

    if pd.api.types.is_datetime64_any_dtype(values.dtype):  # a day, or a day and its minute
        times = values.dropna()
        whole_days = bool((times == times.dt.normalize()).all())
        return styles.index(number_format="yyyy-mm-dd" if whole_days else "yyyy-mm-dd hh:mm"), 2
    fmt = number_format(column, values)
    if fmt is None:
        return 0, 2
    return styles.index(number_format=fmt.xlsx), max(2, fmt.decimals)


class StreamedSheet:
    """A sheet written row by row: page set-up, widths and frozen panes given when it is made, then rows.

    Every sheet prints on A4 landscape, fitted to the page's width, centred, with 0.5-inch side
    margins.

    Parameters
    ----------
    wb
        A workbook from :func:`new_workbook`.
    title
        The sheet's name (at most 31 characters; Excel's forbidden characters already replaced).
    widths
        Column letter -> width.
    header_row
        The row repeated on every printed page, and frozen above the scrolling rows; None: none.
    footer
        The printed footer's centre text (``&P`` the page, ``&N`` the pages).
    """

    def __init__(
        self,
        wb: StreamedWorkbook,
        title: str,
        *,
        widths: Mapping[str, float] | None = None,
        header_row: int | None = None,
        footer: str = "",
    ) -> None:
        self.part = SheetPart(title, widths=dict(widths or {}), header_row=header_row, footer=footer)
        self.styles = wb.styles
        wb.sheets.append(self.part)

    @property
    def rows(self) -> int:
        """The rows written so far."""
        return len(self.part.rows)

    def text(
        self,
        *values: Any,
        bold: bool = False,
        size: float | None = None,
        wrap: bool | None = None,
        number_format: str | None = None,
    ) -> None:
        """One row of a few values as they are, text as text cells; ``bold``, ``size`` and ``wrap``
        format its first cell, ``number_format`` (``0.00``) its numbers."""
        style = self.styles.index(number_format=number_format) if number_format else 0
        cells = [_numbered_cell(v, style) for v in values]
        if cells and (bold or size or wrap is not None):
            style = self.styles.index(bold=bool(bold or size), size=size, wrap=wrap)
            cells[0] = styled_cell(values[0], style)
        self.part.add_row(cells)

    def header(self, *values: Any) -> None:
        """A header row: every cell bold text."""
        style = self.styles.index(bold=True)
        self.part.add_row([styled_cell(str(v), style) for v in values])

    def append(self, cells: Sequence[Any]) -> None:
        """One row of cell values already made safe (:func:`cell_value`)."""
        self.part.add_row([plain_cell(v) for v in cells])

    def frame(
        self, frame: pd.DataFrame, columns: Sequence[str], *, numbered: bool = False, exact: bool = False
    ) -> None:
        """The rows of ``frame[columns]`` as cells (:func:`column_values`), each led by its number
        (1, 2 …) if ``numbered``; each column's numbers in its measure's number format
        (:func:`column_style`: scores ``0.00``, ranks ``#,##0``, land ``#,##0.00``), the values
        themselves kept to the format's decimals, or ``exact`` (a data file: a coordinate whole)."""
        cells = []
        for c in columns:
            style, digits = column_style(self.styles, c, frame[c])
            cells.append(column_cells(frame[c], style=style, digits=None if exact else digits))
        if numbered:
            cells.insert(0, [f"<c><v>{n}</v></c>" for n in range(1, len(frame) + 1)])
        self.part.add_rows(("".join(row) for row in zip(*cells, strict=True)), columns=len(cells))

    def blank(self) -> None:
        """An empty row."""
        self.part.add_row([])

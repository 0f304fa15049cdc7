"""Workbooks written row by row (openpyxl's write-only mode), for lists of 120,000 enterprises: a sheet
that counts its rows and styles a row's first cell, and a frame's columns turned into formula-safe
cell values in one pass per column.

A write-only sheet takes its column widths, frozen panes and page set-up before its first row and
never goes back to a cell, so everything a row needs is decided when it is appended. Every text cell
is a string cell, never a formula (:func:`geo.exports.cells.formula_safe`): text starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, and text that reads like an Excel
error (``#N/A``) stays text.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font

from geo.exports.cells import formula_safe

A4 = "9"  # openpyxl's Worksheet.PAPERSIZE_A4


def new_workbook() -> Workbook:
    """An empty write-only workbook (add sheets with :class:`StreamedSheet`)."""
    return Workbook(write_only=True)


def workbook_bytes(wb: Workbook) -> bytes:
    """The saved workbook (a write-only workbook can be saved once)."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cell_value(value: Any) -> Any:
    """A cell value: numbers as numbers (floats to 2 decimals), NaN and NA empty, anything else as
    formula-safe text."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return None if value != value else round(value, 2)
    if isinstance(value, int | bool):
        return value
    return formula_safe(str(value))


def column_values(values: pd.Series) -> list[Any]:
    """The cells of a column, as :func:`cell_value` gives them, converted by dtype in one pass."""
    if pd.api.types.is_bool_dtype(values.dtype) and not values.hasnans:
        return values.astype(bool).tolist()
    if pd.api.types.is_integer_dtype(values.dtype) and isinstance(values.dtype, np.dtype):
        return values.tolist()
    if pd.api.types.is_float_dtype(values.dtype) and isinstance(values.dtype, np.dtype):
        return [None if v != v else round(v, 2) for v in values.tolist()]
    return [cell_value(v) for v in values.astype(object).tolist()]


class StreamedSheet:
    """A write-only sheet: page set-up, widths and frozen panes given when it is made, then rows.

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
        wb: Workbook,
        title: str,
        *,
        widths: Mapping[str, float] | None = None,
        header_row: int | None = None,
        footer: str = "",
    ) -> None:
        self.ws = wb.create_sheet(title)
        self.rows = 0
        for letter, width in (widths or {}).items():
            self.ws.column_dimensions[letter].width = width
        ws = self.ws
        ws.page_setup.paperSize = A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.oddFooter.center.text = footer or None
        if header_row is not None:
            ws.print_title_rows = f"{header_row}:{header_row}"
            ws.freeze_panes = f"A{header_row + 1}"

    def _cell(self, value: Any, *, bold: bool = False, size: float | None = None, wrap: bool | None = None):
        """A styled (or text-kept) cell for the first column, or ``value`` as it is."""
        if not (bold or size or wrap is not None or (isinstance(value, str) and value in ERROR_CODES)):
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if bold or size:
            cell.font = Font(bold=True, size=size) if size else Font(bold=True)
        if wrap is not None:
            cell.alignment = Alignment(wrap_text=wrap)
        return cell

    def text(
        self, *values: Any, bold: bool = False, size: float | None = None, wrap: bool | None = None
    ) -> None:
        """One row of a few values as they are, text made formula-safe; ``bold``, ``size`` and ``wrap``
        style its first cell."""
        cells = [formula_safe(v) for v in values]
        if cells:
            cells[0] = self._cell(cells[0], bold=bold, size=size, wrap=wrap)
        self.append(cells)

    def append(self, cells: Sequence[Any]) -> None:
        """One row of cell values already made safe (:func:`cell_value`); error-like text kept as text."""
        self.ws.append([self._cell(v) if isinstance(v, str) and v in ERROR_CODES else v for v in cells])
        self.rows += 1

    def frame(self, frame: pd.DataFrame, columns: Sequence[str], *, numbered: bool = False) -> None:
        """The rows of ``frame[columns]`` as cells (:func:`column_values`), each led by its number
        (1, 2 …) if ``numbered``."""
        cells: list[Sequence[Any]] = []
        for c in columns:
            values = column_values(frame[c])
            if not isinstance(frame[c].dtype, np.dtype) or frame[c].dtype == object:
                values = [self._cell(v) if isinstance(v, str) and v in ERROR_CODES else v for v in values]
            cells.append(values)
        if numbered:
            cells.insert(0, range(1, len(frame) + 1))
        append = self.ws.append
        for row in zip(*cells, strict=True):
            append(row)
        self.rows += len(frame)

    def blank(self) -> None:
        """An empty row."""
        self.ws.append([])
        self.rows += 1

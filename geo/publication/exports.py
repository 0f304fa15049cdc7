"""The workbooks a version goes out in (its results, its objection register): a heading naming the
version and its state on the first row, then the table; every text cell written as text, so a value
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is never read as a formula."""

from __future__ import annotations

import io

import pandas as pd

from geo.errors import DataValidationError
from geo.publication.versions import Version


def heading(version: Version, what: str) -> str:
    """``异议登记表 · V3 · 2024 年评价结果 · 公示 · 2024 年度亩均评价`` — what the workbook holds and
    which version, in which state."""
    return f"{what} · {version.label()} · {version.title}"


def table_xlsx_bytes(table: pd.DataFrame, *, title: str, sheet: str) -> bytes:
    """One sheet: ``title`` on the first row, the column names on the second, then the rows (NaN
    empty, numbers as numbers, everything else as text).

    Raises
    ------
    DataValidationError
        When the sheet name is empty.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if not str(sheet).strip():
        raise DataValidationError("工作表需要名称")
    wb = Workbook()
    ws = wb.active
    ws.title = str(sheet)[:31]
    _append_text(ws, [title])
    ws["A1"].font = Font(bold=True, size=13)
    _append_text(ws, [str(c) for c in table.columns])
    for row in table.itertuples(index=False):
        _append_text(ws, [_cell(v) for v in row])
    for i in range(1, len(table.columns) + 1):
        ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = 18
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _append_text(ws, values: list) -> None:
    """Append a row; text cells stay text (never a formula)."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"

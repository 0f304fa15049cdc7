"""The workbooks a version goes out in (its results, its objection register): a heading naming the
version and its state on the first row, then the table; every text cell written as text, so a value
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is never read as a formula."""

from __future__ import annotations

import io

import pandas as pd

from geo.errors import DataValidationError
from geo.exports.sheets import sheet_names
from geo.messages import Lang, message
from geo.publication.versions import Version


def version_words(version: Version, lang: Lang = "zh") -> str:
    """The version as a workbook names it in ``lang``: ``V3 · 2024 年评价结果 · 公示`` (its label)
    or ``V3 · 2024 evaluation results · published``."""
    if lang != "en":
        return version.label()
    year = f"{version.year} " if version.year is not None else ""
    kind = message(f"publication.kind.{version.kind}", lang)
    return f"{version.version_id} · {year}{kind} · {message(f'publication.state.{version.state}', lang)}"


def heading(version: Version, what: str, lang: Lang = "zh") -> str:
    """``异议登记表 · V3 · 2024 年评价结果 · 公示 · 2024 年度亩均评价`` — what the workbook holds and
    which version, in which state (in ``lang``; the version's title as it was given)."""
    return f"{what} · {version_words(version, lang)} · {version.title}"


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
        raise DataValidationError.of("publication.sheet_without_name")
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_names([sheet])[0]  # at most 31 characters, never cut inside a word
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


def results_xlsx_bytes(
    table: pd.DataFrame, *, version: Version, title: str, group_column: str, lang: Lang = "zh"
) -> bytes:
    """A version's results: sheet of all rows (as :func:`table_xlsx_bytes`), then one sheet per group
    (the values of ``group_column``: 规上, 规下, 租户 …), each headed by the group's method and
    weights from the version's own configuration, its rows in the table's order. The groups'
    names and methods are written in ``lang`` (``title`` and the table as given).

    Raises
    ------
    DataValidationError
        When ``group_column`` is not a column of the table.
    """
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    from geo.evaluation import config_from_mapping
    from geo.yearly.notice import group_method_rows, group_name

    if group_column not in table.columns:
        raise DataValidationError.of("publication.results_without_group", column=group_column)
    wb = load_workbook(io.BytesIO(table_xlsx_bytes(table, title=title, sheet=version.version_id)))
    config = config_from_mapping(version.config or {})
    groups = [g for g in pd.unique(table[group_column].astype(str)) if g.strip()]
    for i, group in enumerate(groups, start=1):
        shown = group_name(config, group, lang)
        # at most 31 characters, cut between words, unique; the group's whole name heads the sheet (A1)
        ws = wb.create_sheet(sheet_names([f"{i} {shown}"], lang=lang, taken=wb.sheetnames)[0])
        part = table[table[group_column].astype(str) == group]
        _append_text(ws, [message("publication.group_heading", lang, title=title, group=shown, n=len(part))])
        ws["A1"].font = Font(bold=True, size=13)
        for item, text in group_method_rows(config, group, pd.DataFrame(), lang):
            _append_text(ws, [item, text])
        _append_text(ws, [str(c) for c in table.columns])
        for row in part.itertuples(index=False):
            _append_text(ws, [_cell(v) for v in row])
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
    """Append a row; text cells stay text (never a formula). The cells are made here rather than
    looked up after the append: ``ws.max_row`` counts every cell of the sheet, and a lookup per row
    made a 17,000-row workbook take minutes."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = Cell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    ws.append(cells)

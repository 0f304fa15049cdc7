"""The workbooks a version goes out in (its results, its objection register): a heading naming the
version and its state on the first row, then the table; every text cell written as text, so a value
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is never read as a formula."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from geo.errors import DataValidationError
from geo.exports.cells import FORMULA_PREFIXES
from geo.exports.sheets import sheet_names
from geo.messages import Lang, message
from geo.number_formats import FORMATS, number_format
from geo.publication.versions import Version

if TYPE_CHECKING:
    from geo.yearly.notice import Why

MIN_WIDTH, MAX_WIDTH = 8, 50  # a column's width in characters: at least, at most (then wrapped)
LABEL_WIDTH = 32  # at most, column A widened for the indicators' names on a group sheet (then wrapped)
SAMPLE_ROWS = 2000  # the rows a column's width is measured on (a city's 17,000 are not all read)


def version_words(version: Version, lang: Lang = "zh") -> str:
    """The version as a workbook names it in ``lang``: ``V3 · 2024 年评价结果 · 公示`` (its label)
    or ``V3 · 2024 evaluation results · published``."""
    if lang != "en":
        return version.label()
    year = f"{version.year} " if version.year is not None else ""
    kind = message(f"publication.kind.{version.kind}", lang)
    return f"{version.version_id} · {year}{kind} · {message(f'publication.state.{version.state}', lang)}"


def heading(version: Version, what: str, lang: Lang = "zh", *, title: str | None = None) -> str:
    """``异议登记表 · V3 · 2024 年度亩均评价 · 公示`` — what the workbook holds, which version under
    its title, in which state (in ``lang``); ``title`` is the version's title as the page shows it
    in ``lang`` (a proposed title in that language), default the title as it was given. A title
    that names the version's year is said once, not after 「2024 年评价结果」 (walk 15 item 14: 「…
    2024 年评价结果 · 公示 · 2024 年度评价结果」); one without it keeps the year and kind beside it."""
    title = str(version.title if title is None else title).strip()
    if not title:
        return f"{what} · {version_words(version, lang)}"
    if version.year is not None and str(version.year) not in title:
        return f"{what} · {version_words(version, lang)} · {title}"
    state = message(f"publication.state.{version.state}", lang)
    return f"{what} · {version.version_id} · {title} · {state}"


def window_lines(version: Version, lang: Lang = "zh") -> tuple[str, ...]:
    """The version's 公示期 and where to object, as its workbooks state it under their title
    (``公示期：2026-12-07 至 2026-12-11；期间如有异议…``); none for a version never published."""
    if not str(version.window_start or "").strip():
        return ()
    return (message("publication.window_line", lang, start=version.window_start, end=version.window_end),)


def class_t_legend(classes: pd.Series, lang: Lang = "zh", *, reason_column: str = "") -> str:
    """What class T means (不参评, what the rules exclude) when ``classes`` hold a T, else "";
    with ``reason_column`` (the header of the table's status column) it says each enterprise's
    reason is there."""
    from geo.evaluation import T_CLASS

    if not (classes.astype(str) == T_CLASS).any():
        return ""
    text = message("publication.class_t", lang)
    if reason_column:
        sep = "" if lang == "zh" else " "
        text += sep + message("publication.class_t_reason", lang, column=reason_column)
    return text


def changed_values_column(texts: pd.Series, unchanged: str) -> pd.Series | None:
    """The 数值来源 column of a version's results: where a row's values came from other than the
    enterprise's own file (``税收（万元）：异议 O1``, a land list), ``unchanged`` (填报 / as reported)
    in the rows whose values are all as filed; ``None`` (the column left out) when no row's value
    was changed — a column blank from top to bottom tells a reader nothing."""
    filled = texts.fillna("").astype(str).str.strip() != ""
    if not filled.any():
        return None
    return texts.where(filled, unchanged)


def table_xlsx_bytes(table: pd.DataFrame, *, title: str, sheet: str, lines: tuple[str, ...] = ()) -> bytes:
    """One sheet: ``title`` on the first row, then ``lines`` (one a row: the 公示期, …), the column
    names, then the rows (NaN empty, numbers as numbers in their measure's number format,
    everything else as text).

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
    for line in lines:
        _append_text(ws, [line])
    _append_text(ws, [str(c) for c in table.columns])
    formats = _column_formats(table)
    for row in table.itertuples(index=False):
        _append_text(ws, [_cell(v) for v in row], formats=formats)
    print_setup(ws, table, header_row=2 + len(lines))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def text_width(value: object) -> int:
    """How wide a cell's text is in Excel's character units: a Chinese character counts two."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def column_widths(table: pd.DataFrame, *, sample_rows: int = SAMPLE_ROWS) -> list[float]:
    """Each column's width so that its name and its texts are read whole (from the first
    ``sample_rows`` rows), between :data:`MIN_WIDTH` and :data:`MAX_WIDTH` (longer texts wrap)."""
    head = table.head(sample_rows)
    out = []
    for col in table.columns:
        widest = max([text_width(col), *(text_width(v) for v in head[col].tolist())])
        out.append(float(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))))
    return out


def print_setup(ws, table: pd.DataFrame, *, header_row: int) -> None:
    """A sheet as the 公示 workbook prints (geo/yearly/notice.py): A4 landscape, fitted to the
    page's width, the header row repeated on every page and frozen above the scrolling rows, column
    widths from the texts (a text wider than :data:`MAX_WIDTH` wraps in a small table)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = f"A{header_row + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(column_widths(table), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        if width >= MAX_WIDTH and len(table) <= SAMPLE_ROWS:
            for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=i, max_col=i):
                cell.alignment = wrap


def results_xlsx_bytes(
    table: pd.DataFrame,
    *,
    version: Version,
    title: str,
    group_column: str,
    lang: Lang = "zh",
    class_column: str = "",
    status_column: str = "",
    benchmarks: Mapping[str, Mapping[str, float]] | None = None,
    inputs: pd.DataFrame | None = None,
) -> bytes:
    """A version's results: sheet of all rows (as :func:`table_xlsx_bytes`), then one sheet per group
    (the values of ``group_column``: 规上, 规下, 租户 …), each headed by the group's method from the
    version's own configuration, then a table of the indicators it is scored on — the configured
    weight, the weight applied (an indicator dropped for want of data at 0, the others scaled up,
    as the 公示 workbook says them) and the benchmark (in its measure's format, as the page writes
    it) — then its rows in the table's order. A version saved before it kept its weights (or
    benchmarks) says 未记录 / not recorded there, never a guess. The groups' names and methods are
    written in ``lang`` (``title`` and the table as given); every number in its measure's format.

    Parameters
    ----------
    class_column, status_column
        The headers of the table's class and status columns: a sheet listing class T says under its
        title what T means (:func:`class_t_legend`) and where each enterprise's reason is.
    benchmarks
        The benchmarks per group and indicator (:func:`geo.publication.results.version_benchmarks`);
        None: those the version keeps.
    inputs
        The version's results with their ``inputs`` (:func:`geo.publication.versions.version_results`):
        an indicator dropped for want of data is said with the inputs missing (全员劳动生产率缺少
        工业增加值数据), as the page says it; None: only that it had no data.

    Raises
    ------
    DataValidationError
        When ``group_column`` is not a column of the table.
    """
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    from geo.evaluation import config_from_mapping
    from geo.evaluation.rules import SIZE_GROUPS
    from geo.yearly.notice import benchmark_format, group_method_rows, group_name, scored_weights

    if group_column not in table.columns:
        raise DataValidationError.of("publication.results_without_group", column=group_column)
    lines = window_lines(version, lang)  # the 公示期 and where to object, under the title
    legend: dict[str, str] = {}  # what class T means, on each sheet that lists it
    if class_column in table.columns:
        if whole := class_t_legend(table[class_column], lang, reason_column=status_column):
            lines = (*lines, whole)
        legend = {
            str(group): class_t_legend(part[class_column], lang, reason_column=status_column)
            for group, part in table.groupby(table[group_column].astype(str), sort=False)
        }
    wb = load_workbook(
        io.BytesIO(table_xlsx_bytes(table, title=title, sheet=version.version_id, lines=lines))
    )
    config = config_from_mapping(version.config or {})
    used = _per_group_frame(version.weights)  # None: not recorded
    bench = _per_group_frame(version.benchmarks if benchmarks is None else benchmarks)
    groups = [g for g in pd.unique(table[group_column].astype(str)) if g.strip()]
    # a table written in English names its groups in English: each is found back by its name in
    # ``lang`` (a configured group, 规上, 规下), so that its method is the group's own
    known = [*(g.name for g in config.groups), *SIZE_GROUPS]
    internal = {group_name(config, name, lang): name for name in known}
    formats = _column_formats(table)
    for i, group in enumerate(groups, start=1):
        name = internal.get(group, group)
        shown = group_name(config, name, lang)
        # at most 31 characters, cut between words, unique; the group's whole name heads the sheet (A1)
        ws = wb.create_sheet(sheet_names([f"{i} {shown}"], lang=lang, taken=wb.sheetnames)[0])
        part = table[table[group_column].astype(str) == group]
        _append_text(ws, [message("publication.group_heading", lang, title=title, group=shown, n=len(part))])
        ws["A1"].font = Font(bold=True, size=13)
        if legend.get(group):
            _append_text(ws, [legend[group]])
        why = _dropped_why(inputs, name, scored_weights(config, name))
        # the weights (a dropped indicator with the inputs it lacks), benchmarks and classes as the
        # 亩均 page's 公示 workbook says them: one writer of those rows
        benchmark_table = pd.DataFrame() if bench is None else bench
        for item, text in group_method_rows(config, name, benchmark_table, lang, used=used, why=why):
            _append_text(ws, [item, text])
        weights = scored_weights(config, name)
        if weights and used is None:
            _append_text(
                ws,
                [
                    message("publication.weights_used", lang),
                    message("publication.weights_not_recorded", lang),
                ],
            )
        indicators = _indicator_rows(weights, used, bench, name, lang, why=why)
        if indicators:
            _append_text(ws, [])
            for row, key in zip(indicators, [None, *weights], strict=True):  # (the header first)
                bench_format = None if key is None else benchmark_format(key).xlsx
                _append_text(ws, row, formats=[None, _POINTS, _POINTS, bench_format, None])
            label_width = min(LABEL_WIDTH, max(text_width(row[0]) for row in indicators) + 2)
            first_label = ws.max_row - len(indicators) + 2  # the row of the first indicator
            _append_text(ws, [])
        _append_text(ws, [str(c) for c in table.columns])
        header_row = ws.max_row
        for row in part.itertuples(index=False):
            _append_text(ws, [_cell(v) for v in row], formats=formats)
        print_setup(ws, part, header_row=header_row)
        if indicators:  # the indicators' names are read whole in column A (a longer one wraps)
            ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, label_width)
            for (cell,) in ws.iter_rows(
                min_row=first_label, max_row=first_label + len(indicators) - 2, max_col=1
            ):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_POINTS = FORMATS["score"].xlsx  # weights are points, as the scores: 40.00, 44.44


def _per_group_frame(values: Mapping[str, Mapping[str, float]] | None) -> pd.DataFrame | None:
    """``{group: {indicator: value}}`` as a frame of groups (rows) by indicators; None for none
    (a version saved before they were kept)."""
    if not values:
        return None
    return pd.DataFrame.from_dict({g: dict(v) for g, v in values.items()}, orient="index")


def _recorded(table: pd.DataFrame | None, group: str, key: str) -> float | None:
    """The value of ``table`` for the group and indicator; None where it holds none."""
    if table is None or group not in table.index or key not in table.columns:
        return None
    value = table.loc[group, key]
    return float(value) if pd.notna(value) else None


def _indicator_rows(
    weights: Mapping[str, float],
    used: pd.DataFrame | None,
    bench: pd.DataFrame | None,
    group: str,
    lang: Lang,
    *,
    why: Why | None = None,
) -> list[list]:
    """The header and one row per indicator a group is scored on (its configured ``weights``):
    the weight configured, the weight applied (``used``) and the benchmark (``bench``), 未记录
    where the version kept none; the note says an indicator dropped for want of data, with the
    inputs missing where ``why`` names them (:func:`geo.yearly.notice.dropped_note`)."""
    from geo.evaluation.metrics import ratio_label
    from geo.yearly.notice import benchmark_format, dropped_note

    if not weights:
        return []
    not_recorded = message("publication.not_recorded", lang)
    heads = ("head_indicator", "head_weight", "head_weight_used", "head_benchmark", "head_note")
    rows: list[list] = [[message(f"yearly.notice.{h}", lang) for h in heads]]
    for key, weight in weights.items():
        applied = _recorded(used, group, key)
        if used is not None and applied is None and group in used.index:
            applied = 0.0  # the group's weights are kept: an indicator not among them had none
        benchmark = _recorded(bench, group, key)
        decimals = benchmark_format(key).decimals  # as the page and the 公示 workbook write it
        dropped = applied is not None and applied <= 0
        rows.append(
            [
                ratio_label(key, lang=lang),
                float(weight),
                not_recorded if applied is None else round(applied, 2),
                not_recorded
                if bench is None
                else (None if benchmark is None else round(benchmark, decimals)),
                dropped_note(why, group, key, lang) if dropped else None,
            ]
        )
    return rows


def _dropped_why(inputs: pd.DataFrame | None, group: str, weights: Mapping[str, float]) -> Why | None:
    """Each weighted indicator of ``group`` whose inputs no enterprise of the group holds, with the
    inputs named in both languages (:func:`geo.evaluation.notes.dropped_words`), keyed as
    :func:`geo.evaluation.summary.dropped_reasons` keys them; None without ``inputs`` (the
    workbook then says only that it had no data)."""
    from geo.evaluation.notes import dropped_words
    from geo.evaluation.ratios import missing_inputs
    from geo.publication.inputs import frame_from_inputs

    if inputs is None or not len(inputs) or "inputs" not in inputs.columns:
        return None
    amounts, _zone = frame_from_inputs(inputs)
    rows = (inputs["size_group"].astype(str) == group).to_numpy()
    if not rows.any():
        return None
    return {
        (group, key): dropped_words([key], amounts, rows)
        for key in weights
        if missing_inputs(key, amounts, rows, lang="zh")
    }


def _column_formats(table: pd.DataFrame) -> list[str | None]:
    """Each column's number format (:mod:`geo.number_formats`: a score ``0.00``, a rank ``#,##0``,
    land ``#,##0.00``); None for text."""
    out = []
    for col in table.columns:
        fmt = number_format(col, table[col])
        out.append(None if fmt is None else fmt.xlsx)
    return out


def _cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _append_text(ws, values: list, *, formats: list[str | None] | None = None) -> None:
    """Append a row; text cells stay text (never a formula), a number takes its column's number
    format in ``formats`` (None: General). The cells are made here rather than looked up after the
    append: ``ws.max_row`` counts every cell of the sheet, and a lookup per row made a 17,000-row
    workbook take minutes."""
    from openpyxl.cell.cell import Cell

    cells = []
    for i, value in enumerate(values):
        cell = Cell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(FORMULA_PREFIXES):  # kept text when edited, as Excel marks a typed '=...
                cell.quotePrefix = True
        elif formats and i < len(formats) and formats[i] and isinstance(value, int | float):
            cell.number_format = formats[i]
        cells.append(cell)
    ws.append(cells)

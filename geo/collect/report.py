"""The match report (one sheet per department, a summary) and the assembled table's files.

Every text cell is formula-safe: text that begins with ``= + - @``, a tab or a carriage return
is written as text in XLSX (never as a formula) and behind a ``'`` in CSV, so a name or code
a department sent cannot run in the clerk's spreadsheet.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Literal

import numpy as np
import openpyxl
import pandas as pd

from geo.catalogue import ENTERPRISE_BY_KEY, parse_yes_no
from geo.collect.assemble import Collection, DepartmentResult
from geo.collect.industries import division_names
from geo.collect.labels import label, unit_label
from geo.evaluation.ratios import OPTIONAL_AMOUNT_COLUMNS
from geo.exports.cells import whole_numbers_plain
from geo.exports.sheets import sheet_names
from geo.messages import Lang, message
from geo.messages.names import industry_name
from geo.place_names import place_name

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def column_label(key: str, lang: Lang = "zh") -> str:
    """A value column's label with its unit (``税收（万元）``), from the column catalogue."""
    column = ENTERPRISE_BY_KEY.get(key)
    if column is not None:
        return column.label(lang)
    if key in OPTIONAL_AMOUNT_COLUMNS:
        return message(f"evaluation.zone_metric_col.{key}", lang)
    return key


def summary_table(collection: Collection, *, lang: Lang = "zh") -> pd.DataFrame:
    """One row per department (and the register): file, sha256, rows and each count of the report."""
    rows = []
    for result in collection.departments.values():
        unmatched = result.unmatched()
        rows.append(
            {
                "sum.department": result.department.label(lang),
                "sum.file": result.source.filename,
                "sum.sha256": result.source.sha256,
                "sum.rows": len(result.rows),
                "sum.by_code": result.count("code"),
                "sum.by_org_code": result.count("org_code"),
                "sum.by_name": result.count("name"),
                "sum.unmatched": len(unmatched),
                "sum.bad_codes": int((result.rows["check"] != "").sum()),
                "sum.ambiguous": int((unmatched["reason"] == "ambiguous").sum()),
                "sum.bad_values": len(result.bad_values),
                "sum.conflicts": len(result.conflicts),
                "sum.twice": len(result.twice),
                "sum.unreached": result.unreached,
            }
        )
    reg = collection.register_source
    rows.append(
        {
            "sum.department": label("sum.register", lang),
            "sum.file": reg.filename,
            "sum.sha256": reg.sha256,
            "sum.rows": len(collection.assembled),
            "sum.bad_codes": len(collection.register_checks),
        }
    )
    table = pd.DataFrame(rows)
    table = table[[c for c in table.columns if c != "sum.sha256"] + ["sum.sha256"]]  # the counts first
    table = table.astype(
        {c: "Int64" for c in table.columns if c not in ("sum.department", "sum.file", "sum.sha256")}
    )
    return table.rename(columns=lambda k: label(k, lang))


def missing_table(collection: Collection, *, lang: Lang = "zh") -> pd.DataFrame:
    """Per value column: register entries left empty (counted, never zero)."""
    counts = collection.missing_counts()
    return pd.DataFrame(
        {
            label("col.column", lang): [column_label(k, lang) for k in counts],
            label("sum.missing", lang): list(counts.values()),
        }
    )


def department_sheet(result: DepartmentResult, *, lang: Lang = "zh") -> pd.DataFrame:
    """Every row of a department's file with how it was matched, or why not, and suggestions."""
    rows = result.rows.drop(columns="pos")
    rows = rows.assign(
        method=rows["method"].map(lambda m: label(f"method.{m}", lang) if m else ""),
        reason=rows["reason"].map(lambda r: label(f"reason.{r}", lang) if r else ""),
        check=rows["check"].map(lambda c: label(f"check.{c}", lang) if c else ""),
    )
    keep = [
        c
        for c in rows.columns
        if not (c in ("code", "org_code_given", "unit_key", "name") and rows[c].isna().all())
    ]
    rows = rows[keep]
    return rows.rename(columns=lambda c: label(f"col.{c}", lang) if f"col.{c}" in _COLS else c)


_COLS = {
    f"col.{c}"
    for c in (
        "row",
        "code",
        "org_code_given",
        "name",
        "unit_key",
        "method",
        "ent_id",
        "reason",
        "check",
        "suggestion",
    )
}


def issues_table(collection: Collection, *, lang: Lang = "zh") -> pd.DataFrame:
    """Conflicts, keys matched to several enterprises, unreadable values, register codes failing
    their check and industry codes not mapped, one line each."""
    lines = []
    for result in collection.departments.values():
        dept = result.department.label(lang)
        for c in result.conflicts.itertuples():
            lines.append((dept, "conflict", c.rows, c.ent_id, c.name, column_label(c.column, lang), c.values))
        for c in result.twice.itertuples():
            lines.append((dept, "twice", c.rows, c.ent_ids, "", result.located.unit_key, c.unit_key))
        for c in result.bad_values.itertuples():
            lines.append((dept, "bad_value", str(c.row), "", "", c.column, c.value))
    reg = label("sum.register", lang)
    for c in collection.register_checks.itertuples():
        lines.append(
            (reg, "register_check", str(c.row), c.ent_id, c.name, "", label(f"check.{c.check}", lang))
        )
    for c in collection.industry_problems.itertuples():
        problem = label(f"industry.{c.problem}", lang)
        code = label("col.industry_code", lang)
        lines.append(
            (
                reg,
                "industry",
                str(c.row),
                c.ent_id,
                c.name,
                code,
                label("sep.code_problem", lang).format(code=c.industry_code, problem=problem),
            )
        )
    headers = [
        label(k, lang)
        for k in (
            "col.department",
            "col.kind",
            "col.rows",
            "col.ent_id",
            "col.name",
            "col.column",
            "col.values",
        )
    ]
    table = pd.DataFrame(lines, columns=headers)
    kind = headers[1]
    table[kind] = table[kind].map(lambda k: label(f"kind.{k}", lang))
    return table


def register_sheet(collection: Collection, *, lang: Lang = "zh") -> pd.DataFrame:
    """Register entries that got no value from a department, one line per entry and department."""
    lines = []
    for result in collection.departments.values():
        reached = np.zeros(len(collection.assembled), dtype=bool)
        pos = result.rows["pos"].to_numpy()
        reached[pos[pos >= 0]] = True
        for i in np.flatnonzero(~reached):
            lines.append(
                (
                    result.department.label(lang),
                    collection.assembled["ent_id"].iat[i],
                    collection.assembled["name"].iat[i],
                )
            )
    return pd.DataFrame(lines, columns=[label(k, lang) for k in ("col.department", "col.ent_id", "col.name")])


def report_tables(collection: Collection, *, lang: Lang = "zh") -> dict[str, pd.DataFrame]:
    """Sheet name -> table: the summary, one sheet per department, the register's entries
    without values, and conflicts and repeats."""
    summary = summary_table(collection, lang=lang)
    missing = missing_table(collection, lang=lang)
    tables = {label("sheet.summary", lang): (summary, missing)}
    for result in collection.departments.values():
        tables[result.department.label(lang)] = department_sheet(result, lang=lang)
    tables[label("sheet.register", lang)] = register_sheet(collection, lang=lang)
    tables[label("sheet.issues", lang)] = issues_table(collection, lang=lang)
    return tables


def provenance_table(collection: Collection, *, lang: Lang = "zh") -> pd.DataFrame:
    """The per-value provenance with readable headers: enterprise, column, department, file,
    sha256, rows, how it was matched, 户号/宗地编号 and the unit in the file."""
    prov = collection.provenance.copy()
    names = {r.department.key: r.department.label(lang) for r in collection.departments.values()}
    names["register"] = label("sum.register", lang)
    prov["department"] = prov["department"].map(names)
    prov["column"] = prov["column"].map(lambda k: column_label(k, lang))
    prov["methods"] = prov["methods"].map(
        lambda m: "、".join(label(f"method.{x}", lang) for x in m.split(",") if x) if m else ""
    )
    prov["unit"] = prov["unit"].map(lambda u: unit_label(u, lang) if isinstance(u, str) else u)
    return prov.rename(columns=lambda c: label(f"col.{c}", lang) if f"col.{c}" in LABEL_KEYS else c)


LABEL_KEYS = {
    f"col.{c}"
    for c in (
        "ent_id",
        "name",
        "column",
        "department",
        "file",
        "sha256",
        "rows",
        "n_rows",
        "methods",
        "units",
        "unit",
    )
}


def assembled_table(collection: Collection, *, lang: Lang = "zh") -> pd.DataFrame:
    """The assembled table as a person reads it in ``lang``: the catalogue's columns under its
    labels with units (in Chinese the official headers the importer recognises, ``用地面积（亩）``;
    in English ``Land (mu)``), yes/no columns as 是/否 or Yes/No, each ``src_*`` column as
    ``来源：税收（万元）``, the industry code columns named; a column the register brought under
    its own header keeps it, and so does ``emission_equiv`` (the name the evaluation reads it by).
    The collection is not modified.

    Raises
    ------
    ValueError
        When two columns would share a header (a register column named like a catalogue label).
    """
    table = collection.assembled
    names: dict[str, str] = {}
    for key in map(str, table.columns):
        if key in ENTERPRISE_BY_KEY:
            names[key] = column_label(key, lang)
        elif key.startswith(SOURCE_PREFIX) and key[len(SOURCE_PREFIX) :] in table.columns:
            names[key] = label("col.src", lang).format(column=column_label(key[len(SOURCE_PREFIX) :], lang))
        elif key in ("industry_code", "industry_division", "industry_division_name"):
            names[key] = label(f"col.{key}", lang)
        else:  # the register's own columns, and emission_equiv (not in the catalogue)
            names[key] = key
    check_headers(names.values())
    out = table.rename(columns=names)
    words = {True: label("bool.yes", lang), False: label("bool.no", lang)}

    def yes_no(value: object) -> object:  # text that is neither stays as the register wrote it
        flag = parse_yes_no(value)
        return None if flag is pd.NA else words[flag] if isinstance(flag, bool) else value

    for key in [k for k, c in ENTERPRISE_BY_KEY.items() if c.kind == "boolean" and k in table.columns]:
        out[names[key]] = table[key].map(yes_no).to_numpy(dtype=object)
    if lang == "en":  # the plan's industries, the 区镇 and the 大类 in English (the import reads them back)
        for key, name in (("industry", industry_name), ("town", place_name)):
            if key in table.columns:
                out[names[key]] = [v if not isinstance(v, str) else name(v, lang) for v in table[key]]
        if {"industry_division", "industry_division_name"} <= set(table.columns):
            english = division_names(table["industry_division"], table["industry_division_name"], lang)
            out[names["industry_division_name"]] = english.to_numpy(dtype=object)
    return out


# --------------------------------------------------------------------------- a stored layer's sources

SOURCE_PREFIX = "src_"


@cache
def _labelled_sources() -> dict[str, str]:
    return {
        label("col.src", lang).format(column=column_label(key, lang)): key
        for lang in ("zh", "en")
        for key in (*ENTERPRISE_BY_KEY, *OPTIONAL_AMOUNT_COLUMNS)
    }


def source_column(header: object) -> str | None:
    """The value column whose sources the column ``header`` holds: ``src_tax_wan_yuan``, or the
    page's download's ``来源：税收（万元）`` / ``Source: Tax (10k yuan)`` (kept under that header
    when the file is imported again), give ``tax_wan_yuan``; any other header None."""
    text = str(header)
    if text.startswith(SOURCE_PREFIX):
        return text[len(SOURCE_PREFIX) :]
    return _labelled_sources().get(text)


def value_sources(row: Mapping[str, object]) -> list[tuple[str, float | None, str, int]]:
    """From one enterprise's row of an assembled table (or the layer it was saved as): for each
    value with a source, (column, value, file, number of rows), in the catalogue's order.

    ``src_tax_wan_yuan = "税务.csv:3,4,5"`` (or ``来源：税收（万元）``, :func:`source_column`) with
    ``tax_wan_yuan = 450`` gives ``("tax_wan_yuan", 450.0, "税务.csv", 3)``; a row without source
    columns gives ``[]``.
    """
    out = []
    for key, text in row.items():
        column = source_column(key)
        if column is None or not isinstance(text, str) or ":" not in text:
            continue
        file, rows = text.rsplit(":", 1)
        value = row.get(column)
        number = float(value) if isinstance(value, int | float | np.number) and not pd.isna(value) else None
        out.append((column, number, file, len([r for r in rows.split(",") if r])))
    return out


# --------------------------------------------------------------------------- writing


def _safe_text(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def check_headers(headers: Iterable[object]) -> None:
    """Refuse a table whose headers repeat: a file with two columns of one name cannot be read
    back (and a frame with them has no single column to write).

    Raises
    ------
    ValueError
        Naming the repeated headers.
    """
    seen: set[str] = set()
    twice = [h for h in map(str, headers) if h in seen or seen.add(h)]
    if twice:
        raise ValueError(f"a table to write has repeated headers: {sorted(set(twice))}")


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with BOM) with every formula-like text cell (and header) behind a ``'``.

    Raises
    ------
    ValueError
        When two columns share a header (:func:`check_headers`).
    """
    check_headers(frame.columns)
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(_safe_text)
    out.columns = [_safe_text(str(c)) for c in out.columns]
    return whole_numbers_plain(out).to_csv(index=False).encode("utf-8-sig")


def _cell(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _append(ws, values: list) -> None:
    ws.append([_cell(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # text, never a formula
            cell.quotePrefix = True  # and kept text when edited, as Excel marks a typed '=... (walk21 b6)


def safe_xlsx_bytes(tables: Mapping[str, pd.DataFrame | tuple[pd.DataFrame, ...]]) -> bytes:
    """A workbook with one sheet per table (a tuple of tables: one under the other), every text
    cell written as text.

    Raises
    ------
    ValueError
        When two columns of a table share a header (:func:`check_headers`).
    """
    for frames in tables.values():
        for frame in frames if isinstance(frames, tuple) else (frames,):
            check_headers(frame.columns)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    names = sheet_names(list(tables))  # at most 31 characters, never cut inside a word, unique
    for frames, title in zip(tables.values(), names, strict=True):
        ws = wb.create_sheet(title=title)
        for i, frame in enumerate(frames if isinstance(frames, tuple) else (frames,)):
            if i:
                ws.append([])
            _append(ws, [str(c) for c in frame.columns])
            for row in frame.itertuples(index=False):
                _append(ws, list(row))
        ws.freeze_panes = "A2"
        for j, col in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 60)), start=1):
            width = max((len(str(c.value)) for c in col if c.value is not None), default=6)
            ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = min(max(width * 1.6, 8), 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def report_bytes(collection: Collection, *, fmt: str = "xlsx", lang: Lang = "zh") -> bytes:
    """The match report as XLSX (sheets) or CSV (the department sheets one under the other, with
    the department in the first column; the summary counts are in the XLSX only)."""
    tables = report_tables(collection, lang=lang)
    if fmt == "xlsx":
        return safe_xlsx_bytes(tables)
    parts = []
    dept_col = label("col.department", lang)
    for result in collection.departments.values():
        sheet = department_sheet(result, lang=lang)
        sheet.insert(0, dept_col, result.department.label(lang))
        parts.append(sheet)
    parts.append(issues_table(collection, lang=lang))
    return safe_csv_bytes(pd.concat(parts, ignore_index=True))


def assembled_bytes(
    collection: Collection,
    *,
    fmt: str = "csv",
    lang: Lang = "zh",
    headers: Literal["standard", "labels"] = "standard",
) -> dict[str, bytes]:
    """The assembled table and its provenance: one XLSX with both sheets, or
    ``{"": table.csv, ".provenance": provenance.csv}`` (suffixes to the output's stem).

    ``headers="standard"`` (the command line's data file) keeps the atlas's column names;
    ``"labels"`` (the page's download) writes the table as :func:`assembled_table` gives it in
    ``lang``. Both are read back by ``evaluate`` and the import.
    """
    if headers not in ("standard", "labels"):
        raise ValueError(f"headers must be 'standard' or 'labels', got {headers!r}")
    provenance = provenance_table(collection, lang=lang)
    table = collection.assembled if headers == "standard" else assembled_table(collection, lang=lang)
    if fmt == "xlsx":
        return {
            "": safe_xlsx_bytes(
                {label("sheet.assembled", lang): table, label("sheet.provenance", lang): provenance}
            )
        }
    return {"": safe_csv_bytes(table), ".provenance": safe_csv_bytes(provenance)}


__all__ = [
    "FORMULA_STARTS",
    "SOURCE_PREFIX",
    "assembled_bytes",
    "assembled_table",
    "check_headers",
    "column_label",
    "department_sheet",
    "issues_table",
    "missing_table",
    "provenance_table",
    "register_sheet",
    "report_bytes",
    "report_tables",
    "safe_csv_bytes",
    "safe_xlsx_bytes",
    "source_column",
    "summary_table",
    "value_sources",
]

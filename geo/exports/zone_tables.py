"""The zones' scores (区镇/园区评价) as a CSV or XLSX download: the zone table with the rules it was made
with and where its data come from; every cell formula-safe (geo/exports/cells.py)."""

from __future__ import annotations

from typing import Literal

from geo.errors import DataValidationError
from geo.evaluation.zones import ZoneScores, export_table, rules_rows
from geo.exports.tables import csv_bytes, xlsx_bytes
from geo.messages import joined, labelled, message
from geo.storage.provenance import Provenance


def zone_scores_bytes(
    scores: ZoneScores,
    *,
    fmt: Literal["csv", "xlsx"] = "xlsx",
    provenance: Provenance,
    lang: str = "zh",
    title: str = "",
    method: str = "",
) -> bytes:
    """The zone table as ``fmt`` bytes, best rank first, headers in ``lang``.

    CSV: one row per zone with its data's source and accuracy (headed in ``lang``), numbers rounded
    as the page shows them, and the year and the method
    (``method``, e.g. a published method's title; else the zone rules) in two columns. XLSX: the
    zone sheet, a sheet of the rules (weights, benchmarks, cut-offs, notes) and the 说明 sheet.

    Raises
    ------
    DataValidationError
        For a format other than csv or xlsx.
    """
    if fmt not in ("csv", "xlsx"):
        raise DataValidationError.of("exports.zone_table_format", fmt=fmt)
    lang = "en" if lang == "en" else "zh"
    table = export_table(scores.table, lang)
    rules = rules_rows(scores, lang)
    if method:
        rules.loc[len(rules)] = [message("exports.zone_table.method", lang), method]
    if fmt == "csv":
        unknown = message("evaluation.zone_rules.year_unknown", lang)
        table[message("exports.zone_table.year", lang)] = unknown if scores.year is None else scores.year
        table[message("exports.zone_table.rules", lang)] = joined(
            (labelled(k, v, lang) for k, v in rules.itertuples(index=False)), lang, mark="clause"
        )
        return csv_bytes(table, provenance, lang=lang)
    sheet, about = message("exports.zone_table.sheet", lang), message("exports.zone_table.rules", lang)
    return xlsx_bytes(
        {sheet: table, about: rules},
        {sheet: provenance},
        title=title or f"{message('exports.zone_table.title', lang)} {scores.year or ''}".strip(),
        lang=lang,
    )

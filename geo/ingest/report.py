"""The row-level import report: which rows failed, were repaired or are flagged, and why."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.ingest.values import is_blank
from geo.messages import message
from geo.messages.notes import text_in

REPORT_COLUMNS = ("row", "level", "field", "problem", "value")


LEVELS = ("error", "repaired", "warning")
LEVEL_ZH = {level: message(f"ingest.report.level.{level}", "zh") for level in LEVELS}


# The row checks of geo/ingest/checks.py, by a phrase each of their problems holds: its catalogue key.
CHECK_KEYS = {
    "坐标完全相同": "ingest.check.same_point",
    "位小数": "ingest.check.round",
    "坐标却在": "ingest.check.misplaced",
    "同名同地址": "ingest.check.duplicate",
}
CHECK_MARKERS = {marker: message(key, "zh") for marker, key in CHECK_KEYS.items()}
# A check's Chinese label (the keys of :func:`check_counts`) -> its catalogue key.
CHECK_LABEL_KEYS = {CHECK_MARKERS[marker]: key for marker, key in CHECK_KEYS.items()}


def check_counts(report: pd.DataFrame) -> dict[str, int]:
    """Rows flagged by each row check (label -> number of rows), for the summary."""
    out = {}
    for marker, label in CHECK_MARKERS.items():
        rows = report.loc[report["problem"].str.contains(marker, regex=False), "row"] if len(report) else []
        if len(rows):
            out[label] = int(pd.Series(rows).nunique())
    return out


# The column of an import that carries, on each row kept with a warning (a placeholder coordinate, a
# point far outside Suzhou, a repeated row...), the reasons, so GIS software shows them on the feature.
FLAG_COLUMN = "flag"


def flag_values(report: pd.DataFrame, rows: pd.Series) -> pd.Series | None:
    """For each kept row (``rows``: its source row number), its warnings joined with "；" (``None``
    where it has none); ``None`` when no kept row has a warning."""
    warned = report[report["level"] == "warning"] if len(report) else report
    if not len(warned):
        return None
    reasons = warned.groupby("row")["problem"].agg(lambda p: "；".join(dict.fromkeys(p)))
    values = rows.map(reasons)
    if not values.notna().any():
        return None
    return values.astype(object).where(values.notna(), None)


class RowReport:
    def __init__(self) -> None:
        self.rows: list[tuple[int, str, str, str, str]] = []

    def rows_with(self, level: str) -> set[int]:
        return {row for row, lvl, *_ in self.rows if lvl == level}

    def add(
        self, rows: Sequence[int], level: str, field_name: str, problem: str, values: Sequence = ()
    ) -> None:
        values = list(values) or [""] * len(rows)
        for row, value in zip(rows, values, strict=True):
            self.rows.append(
                (int(row), level, field_name, problem, "" if is_blank(value) else str(value)[:200])
            )

    def frame(self) -> pd.DataFrame:
        """The report, one row a problem; ``problem`` holds the notes themselves (object dtype: a
        string column would drop their keys), so the edge writes them in its language."""
        report = pd.DataFrame(self.rows, columns=list(REPORT_COLUMNS))
        report["problem"] = pd.Series([r[3] for r in self.rows], index=report.index, dtype=object)
        return report.sort_values(["row", "level"], kind="stable").reset_index(drop=True)


def row_numbers(rownum: pd.Series, mask) -> pd.Series:
    """Source row numbers where a boolean Series (indexed like the frame) is true."""
    mask = pd.Series(mask).fillna(False).astype(bool)
    return rownum.loc[mask.index[mask.to_numpy()]]


def report_for_download(report: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The row report with headers, levels and problems in ``lang`` (Chinese by default), ready for
    CSV/XLSX download."""
    out = report.copy()
    levels = {level: message(f"ingest.report.level.{level}", lang) for level in LEVELS}
    out["level"] = out["level"].map(levels).fillna(out["level"])
    out["problem"] = [text_in(p, lang) for p in out["problem"]]
    return out.rename(columns={c: message(f"ingest.report.{c}", lang) for c in REPORT_COLUMNS})

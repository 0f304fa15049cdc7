"""The row-level import report: which rows failed, were repaired or are flagged, and why."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import pandas as pd

from geo.catalogue import labels
from geo.ingest.values import is_blank
from geo.messages import MESSAGES, message
from geo.messages.notes import Both, Note, clauses, note, text_in
from geo.place_names import place_name

REPORT_COLUMNS = ("row", "level", "field", "problem", "value")


LEVELS = ("error", "repaired", "warning")
# The field of a problem with a feature's location where no column of the file holds it.
GEOMETRY_FIELD = "geometry"

# A standard column's Chinese label -> its English one (the fields the row problems name).
FIELD_BY_LABEL = {
    zh: en
    for kind in ("zones", "enterprises")
    for zh, en in zip(labels(kind).values(), labels(kind, "en").values(), strict=True)
}
LEVEL_ZH = {level: message(f"ingest.report.level.{level}", "zh") for level in LEVELS}


# The row checks of geo/ingest/checks.py, by a phrase each of their problems holds: its catalogue key.
CHECK_KEYS = {
    "坐标完全相同": "ingest.check.same_point",
    "位小数": "ingest.check.round",
    "坐标却在": "ingest.check.misplaced",
    "同名同地址": "ingest.check.duplicate",
    "统一社会信用代码": "ingest.check.credit_code",
}
CHECK_MARKERS = {marker: message(key, "zh") for marker, key in CHECK_KEYS.items()}
# A check's Chinese label (the keys of :func:`check_counts`) -> its catalogue key.
CHECK_LABEL_KEYS = {CHECK_MARKERS[marker]: key for marker, key in CHECK_KEYS.items()}


# Every other warning a row report holds, by its catalogue key: the category the summary counts it
# under (walk19 (b)1: an empty 用地 was in no category, so a firm without land went unsaid and the
# rows with more than one problem were undercounted).
WARNING_CHECKS = {
    "ingest.row.empty_value": "ingest.check.empty",
    "ingest.row.zero_land": "ingest.check.empty",
    "ingest.row.above_scale_unknown": "ingest.check.above_scale",
    "ingest.row.blank_name": "ingest.check.blank_name",
    "ingest.row.blank_id": "ingest.check.ids",
    "ingest.row.repeated_zone_id": "ingest.check.ids",
    "ingest.row.id_shared": "ingest.check.ids",
    "ingest.row.no_location_kept": "ingest.check.no_location",
    "ingest.row.no_geometry": "ingest.check.no_location",
    "ingest.row.far_from_suzhou": "ingest.check.far",
}
# a warning written by no entry above (another tool's text, a new check): counted all the same
OTHER_WARNING = "ingest.check.other_warning"
for _key in (*WARNING_CHECKS.values(), OTHER_WARNING):
    CHECK_LABEL_KEYS[message(_key, "zh")] = _key


def _category(problem: object, level: str) -> str | None:
    """The Chinese label a problem is counted under, or ``None`` (an error or a repair of no check)."""
    if isinstance(problem, Note) and problem.key in WARNING_CHECKS:
        return message(WARNING_CHECKS[problem.key], "zh")
    text = str(problem)
    for marker, label in CHECK_MARKERS.items():
        if marker in text:
            return label
    return message(OTHER_WARNING, "zh") if level == "warning" else None


def _check_rows(report: pd.DataFrame) -> dict[str, set[int]]:
    if not len(report):
        return {}
    # one look per distinct problem and level, not per row (17,063 enterprises)
    pairs = pd.Series(list(zip(report["problem"], report["level"], strict=True)), index=report.index)
    categories = {pair: _category(*pair) for pair in dict.fromkeys(pairs)}
    labels_ = pairs.map(categories)
    out: dict[str, set[int]] = {}
    for label in dict.fromkeys(CHECK_LABEL_KEYS):  # the checks first, in their order
        rows = report.loc[labels_ == label, "row"]
        if len(rows):
            out[label] = set(rows.astype(int))
    return out


def check_counts(report: pd.DataFrame) -> dict[str, int]:
    """Rows flagged by each row check (label -> number of rows), for the summary."""
    return {label: len(rows) for label, rows in _check_rows(report).items()}


def rows_in_several_checks(report: pd.DataFrame) -> int:
    """Rows flagged by more than one row check (counted once in each of :func:`check_counts`, so
    that its numbers add up to more than the rows flagged: walk18 (b)8)."""
    seen = pd.Series([row for rows in _check_rows(report).values() for row in rows], dtype=int)
    return int((seen.value_counts() > 1).sum())


def checks_found(report: pd.DataFrame) -> Note | str:
    """What the row checks found, as one clause list for a summary (``坐标为整数/过于整齐 3 行，
    统一社会信用代码有误或重复 6 行；其中 2 行不止一类问题``); ``""`` when they found nothing."""
    counts = check_counts(report)
    if not counts:
        return ""
    several = rows_in_several_checks(report)
    return note(
        "ingest.summary.check_items",
        items=clauses(
            note("ingest.summary.check", label=note(CHECK_LABEL_KEYS[label]), n=n)
            for label, n in counts.items()
        ),
        several=note("ingest.summary.several_checks", n=several) if several else "",
    )


# The column of an import that carries, on each row kept with a warning (a placeholder coordinate, a
# point far outside Suzhou, a repeated row...), the reasons, so GIS software shows them on the feature.
# The store keeps them written in Chinese (what QGIS shows); exports write them in their language by
# reading each reason back into its catalogue entry (:func:`flag_text`).
FLAG_COLUMN = "flag"
FLAG_SEPARATOR = "；"


def _pattern(key: str) -> re.Pattern:
    """A row problem's Chinese template as a pattern capturing its parameters."""
    parts, last, seen = [], 0, set()
    template = MESSAGES[key][0]
    for match in re.finditer(r"\{(\w+)(?::[^}]*)?\}", template):
        parts.append(re.escape(template[last : match.start()]))
        name = match.group(1)
        if name in seen:  # said twice: the same text again
            parts.append(f"(?P={name})")
        elif name == "schematic":  # a note of its own, or nothing
            parts.append(f"(?P<schematic>(?:{re.escape(MESSAGES['ingest.row.towns_schematic'][0])})?)")
        else:
            parts.append(f"(?P<{name}>.+?)")
        seen.add(name)
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts))


_ROW_KEYS = tuple(k for k in MESSAGES if k.startswith("ingest.row.") and k != "ingest.row.towns_schematic")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((key, _pattern(key)) for key in _ROW_KEYS)


def _param(name: str, value: str) -> object:
    """A parameter read back from its Chinese text, able to be written in English again."""
    if name == "schematic":
        return note("ingest.row.towns_schematic") if value else ""
    if name in ("named", "at"):
        return Both(value, place_name(value, "en"))
    if name == "field" and value in FIELD_BY_LABEL:
        return Both(value, FIELD_BY_LABEL[value])
    if name == "field" and value == "地址":
        return Both(value, "Address")
    quoted = re.fullmatch(r"(.+?)「(.+)」", value) if name == "field" else None
    if quoted is not None and quoted.group(1) in (*FIELD_BY_LABEL, "地址"):  # the file's header after it
        label, header = quoted.groups()
        return Both(value, f"{FIELD_BY_LABEL.get(label, 'Address')} (“{header}”)")
    return value


def reason_note(reason: str) -> Note | str:
    """One reason of a flag (the Chinese sentence of a row problem) as its catalogue note, or the
    text as it is when no entry writes it (a flag written by another tool, an older wording)."""
    for key, pattern in _patterns():
        found = pattern.fullmatch(reason)
        if found is None:
            continue
        params = {k: _param(k, v) for k, v in found.groupdict().items()}
        rebuilt = Note(key, params)
        if str(rebuilt) == reason:  # read back exactly: safe to write in another language
            return rebuilt
    return reason


def flag_text(value: object, lang: str = "zh") -> object:
    """A stored flag (reasons joined by "；") written in ``lang``; blanks and non-text as they are.

    Parameters
    ----------
    value
        A cell of the :data:`FLAG_COLUMN` as stored (Chinese).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    object
        The reasons in ``lang`` (``"; "`` between them in English), or ``value`` unchanged.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if not isinstance(value, str) or lang == "zh":
        return value
    return "; ".join(text_in(reason_note(r), lang) for r in value.split(FLAG_SEPARATOR))


def flag_values(report: pd.DataFrame, rows: pd.Series) -> pd.Series | None:
    """For each kept row (``rows``: its source row number), its warnings joined with "；" (``None``
    where it has none); ``None`` when no kept row has a warning."""
    warned = report[report["level"] == "warning"] if len(report) else report
    if not len(warned):
        return None
    reasons = warned.groupby("row")["problem"].agg(lambda p: FLAG_SEPARATOR.join(dict.fromkeys(p)))
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
    # a feature's location, not a column of the file (walk18 (b)5 ii: the report said `geometry`)
    out["field"] = out["field"].replace({GEOMETRY_FIELD: message("ingest.report.field.geometry", lang)})
    return out.rename(columns={c: message(f"ingest.report.{c}", lang) for c in REPORT_COLUMNS})

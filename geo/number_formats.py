"""One number format per measure, the same on screen, in the workbooks and in the CSVs: scores to two
decimals, counts and ranks whole with thousands separators, money (亩均 figures in 万元/亩 too), land
and other amounts to two decimals with separators, shares (%) to one decimal, a share of one (0.333)
as a percentage, years as years. An XLSX cell keeps its number and takes the measure's number
format; a CSV writes the number with the measure's decimals (``2.20``, not ``2.2``).

A column is known by its key (``score``, ``n_A``, ``tax_wan_yuan``, ``steps`` …) or by the header
the tables give it (the evaluation's and the yearly cycle's labels in either language, whose units
— 分, 家, 万元, 亩, % — say the measure too). Scores have two decimals as the 公示 lists print them
(two enterprises 0.04 points apart are told apart, as their ranks are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd


@dataclass(frozen=True)
class NumberFormat:
    """A measure's format: printf-style for the page's tables, an Excel number format for XLSX."""

    measure: str
    screen: str
    xlsx: str

    @property
    def decimals(self) -> int:
        """The decimals the page shows (``%,.2f`` 2, ``%,d`` 0): what a CSV is rounded to."""
        found = re.search(r"\.(\d+)f$", self.screen)
        return int(found.group(1)) if found else 0


FORMATS: dict[str, NumberFormat] = {
    "score": NumberFormat("score", "%.2f", "0.00"),
    "count": NumberFormat("count", "%,d", "#,##0"),
    "year": NumberFormat("year", "%d", "0"),
    "share": NumberFormat("share", "%.1f", "0.0"),
    # a share of one (用地分摊比例 0.333): a percentage in XLSX, three decimals in a CSV
    "fraction": NumberFormat("fraction", "%.3f", "0.0%"),
    "money": NumberFormat("money", "%,.2f", "#,##0.00"),
    "area": NumberFormat("area", "%,.2f", "#,##0.00"),
    "coordinate": NumberFormat("coordinate", "%.6f", "0.000000"),
    # electricity in kWh (用电量（千瓦时）): whole kilowatt-hours, as meters and bills give them
    "electricity": NumberFormat("electricity", "%,.0f", "#,##0"),
    "number": NumberFormat("number", "%,.2f", "#,##0.00"),  # any other amount or ratio
}

_SCORE_KEYS = {"score", "score_prev", "score_change", "mean_score", "adjustment_points", "zone_score"}
_COUNT_KEYS = {"rank", "group_rank", "group_size", "n_ranked", "steps", "employees", "enterprises_closed"}
_FRACTION_KEYS = {"land_share"}
_YEAR_KEYS = {"year", "grant_year", "start_year", "promised_full_year"}
_COORD_KEYS = {
    *("lon", "lat", "经度", "纬度", "longitude", "latitude", "seat_lon", "seat_lat"),
    *("Longitude", "Latitude", "驻地经度", "驻地纬度", "Seat longitude", "Seat latitude"),
}


def _by_key(key: str) -> str | None:
    if key in _YEAR_KEYS:
        return "year"
    if key in _COORD_KEYS:
        return "coordinate"
    if key in _SCORE_KEYS or key.startswith("pts_") or key.endswith("_points"):
        return "score"
    if key in _COUNT_KEYS or key.startswith("n_") or key.endswith("_rank"):
        return "count"
    if key in _FRACTION_KEYS:
        return "fraction"
    if key.endswith("_pct") or "_pct_" in key:  # rank_pct_from_top: a percentile, not a rank
        return "share"
    if key.endswith(("_wan_yuan", "_yi_yuan", "_yuan")):
        return "money"
    if key.endswith(("_mu", "_km2", "_m2", "_ha")):
        return "area"
    if key.endswith("_kwh"):
        return "electricity"
    return None


# What a header says its column holds, in the order that decides. A share says % (「A 类占比（%）」,
# 「排名百分位（%，自高到低）」 are shares, not counts); a score says 分/score as a whole word ("Scored
# enterprises" is a count); an amount its unit (亩均税收（万元/亩） is money, 「D 类用地（亩）」 land);
# a count last, by its unit (家, 宗) or its words (企业数, 排名, Enterprises, Rank).
_BY_UNIT = (
    # A file's own coordinate columns (经度_GCJ02, lon_bd09, Longitude (WGS-84)): six decimals, never cut.
    ("coordinate", re.compile(r"经度|纬度|longitude|latitude|^(lon|lng|lat)(?![a-z])", re.IGNORECASE)),
    ("year", re.compile(r"^(年份|年度|Year)$")),
    # a year in words without a unit (供地年份, 评价年份, Year granted): 2018, never 2,018; not a column
    # of a year's something ("Class last year", 上年类别)
    (
        "year",
        re.compile(r"^[^（()]*年份[^（()]*$|^Year\b[^()]*$|^[^()]*(?<!last )(?<!this )(?<!that )\byear$"),
    ),
    ("share", re.compile(r"%|％")),
    ("score", re.compile(r"（分）|得分|\b[Ss]cores?\b|\bpoints\b")),
    ("money", re.compile(r"万元|亿元|元|\byuan\b")),
    ("area", re.compile(r"亩|公顷|平方米|km²|m²|\bmu\b|\bha\b")),
    ("electricity", re.compile(r"（千瓦时）|\(kWh\)")),
    (
        "count",
        re.compile(
            r"（家）|（宗）|（人）|\(persons\)|企业数|宗地数|宗数|条数|行数|排名|档数|\b[Rr]ank\b|\b[Ee]nterprises\b"
            r"|\bParcels\b|\bFirms\b|\bRows\b|Classes moved|^Class [A-DT]$|^[A-DT] 类$"
        ),
    ),
)


@cache
def _label_keys() -> dict[str, str]:
    """Header -> key over the evaluation's and the yearly cycle's labels, both languages."""
    from geo import yearly  # (here: geo.exports is read before the evaluation is)
    from geo.evaluation import EVALUATION_LABELS, EVALUATION_LABELS_EN

    out: dict[str, str] = {}
    for labels in (yearly.YEARLY_LABELS, yearly.YEARLY_LABELS_EN, EVALUATION_LABELS, EVALUATION_LABELS_EN):
        out.update({label: key for key, label in labels.items()})
    return out


def measure_of(column: object) -> str | None:
    """The measure a column holds (a key of :data:`FORMATS`), from its key or its header; None when
    neither says."""
    name = str(column).strip()
    found = _by_key(name) or _by_key(_label_keys().get(name, ""))
    if found:
        return found
    return next((measure for measure, unit in _BY_UNIT if unit.search(name)), None)


def as_text(value: float, measure: str | None) -> str:
    """``value`` as the page shows a number of ``measure`` (a key of :data:`FORMATS`; None: any
    other amount): its decimals and its thousands separators (a benchmark of 亩均销售收入 in 万元/亩
    ``1,059.84``, an R&D share ``8.7``), the same text wherever it is written."""
    fmt = FORMATS[measure or "number"]
    comma = "," if "," in fmt.screen else ""
    return f"{float(value):{comma}.{fmt.decimals}f}"


def number_format(column: object, values: pd.Series) -> NumberFormat | None:
    """The format of a table's column: its measure's, or by its values when the column does not say
    (whole numbers as counts, other numbers as amounts); None for text, booleans and dates."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return None
    measure = measure_of(column)
    if measure is None:
        measure = "count" if pd.api.types.is_integer_dtype(values) else "number"
    return FORMATS[measure]


def rounded_to_format(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose numbers are rounded to their measure's decimals (:func:`number_format`: land and
    money to two, scores to two, shares to one, counts whole and written ``72``, not ``72.0``), so a
    table holds what its format shows: never a whole number shown as ``1,335.00``. Text, booleans
    and dates as they are; the frame given is left unchanged."""
    out = pd.DataFrame(frame).copy()
    for i, col in enumerate(out.columns):
        values = out.iloc[:, i]
        fmt = number_format(col, values)
        if fmt is None or not pd.api.types.is_float_dtype(values):
            continue
        rounded = values.round(fmt.decimals)
        if fmt.decimals == 0 and rounded.dropna().abs().lt(2**53).all():
            rounded = rounded.astype("Int64")
        out.isetitem(i, rounded)
    return out

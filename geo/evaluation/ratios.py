"""The 亩均 indicators: which amounts are summed, each ratio (numerator / denominator × scale) with
its Chinese and English label and unit, and the label helper. ``geo.evaluation.metrics`` re-exports
every name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.catalogue import AMOUNT_COLUMNS as CATALOGUE_AMOUNTS
from geo.catalogue import CATALOGUE
from geo.messages import message

# Additive amounts summed per zone, with their Chinese label and unit (from the column catalogue).
AMOUNT_COLUMNS: dict[str, tuple[str, str]] = CATALOGUE_AMOUNTS
# Optional: pollutant equivalents (污染物当量), for 单位排放税收 when the table carries it.
EMISSION_COLUMN = "emission_equiv"
OPTIONAL_AMOUNT_COLUMNS: dict[str, tuple[str, str]] = {EMISSION_COLUMN: ("排放当量", "当量")}


@dataclass(frozen=True)
class Ratio:
    """One efficiency indicator: ``numerator / denominator * scale``, with its labels and unit."""

    key: str
    label_zh: str
    unit_zh: str
    label_en: str
    numerator: str
    denominator: str
    scale: float = 1.0


RATIOS: tuple[Ratio, ...] = (
    Ratio("tax_per_mu_wan_yuan", "亩均税收", "万元/亩", "Tax per mu", "tax_wan_yuan", "land_mu"),
    Ratio("sales_per_mu_wan_yuan", "亩均销售收入", "万元/亩", "Sales per mu", "sales_wan_yuan", "land_mu"),
    Ratio(
        "value_added_per_mu_wan_yuan",
        "亩均增加值",
        "万元/亩",
        "Value added per mu",
        "value_added_wan_yuan",
        "land_mu",
    ),
    Ratio(
        "tax_per_tce_wan_yuan", "单位能耗税收", "万元/吨标准煤", "Tax per tce", "tax_wan_yuan", "energy_tce"
    ),
    # 万元 / kWh * 10,000 = 元/kWh (equivalently 万元/万千瓦时).
    Ratio(
        "tax_per_kwh_yuan",
        "单位用电税收",
        "元/千瓦时",
        "Tax per kWh",
        "tax_wan_yuan",
        "electricity_kwh",
        10_000.0,
    ),
    Ratio(
        "value_added_per_employee_wan_yuan",
        "全员劳动生产率",
        "万元/人",
        "Value added per employee",
        "value_added_wan_yuan",
        "employees",
    ),
    Ratio("rd_share_pct", "R&D 经费占比", "%", "R&D share of sales", "rd_wan_yuan", "sales_wan_yuan", 100.0),
    Ratio(
        "tax_per_emission_equiv_wan_yuan",
        "单位排放税收",
        "万元/当量",
        "Tax per pollutant equivalent",
        "tax_wan_yuan",
        EMISSION_COLUMN,
    ),
    # The value-added and sales counterparts some counties score instead (黄岩 2022: 单位能耗增加值,
    # 单位排放增加值; 温岭 规下: 单位用电营业收入; DOMAIN.md §7, geo/evaluation/methods/).
    Ratio(
        "value_added_per_tce_wan_yuan",
        "单位能耗增加值",
        "万元/吨标准煤",
        "Value added per tce",
        "value_added_wan_yuan",
        "energy_tce",
    ),
    Ratio(
        "value_added_per_emission_equiv_wan_yuan",
        "单位排放增加值",
        "万元/当量",
        "Value added per pollutant equivalent",
        "value_added_wan_yuan",
        EMISSION_COLUMN,
    ),
    # 万元 / kWh * 10,000 = 元/kWh.
    Ratio(
        "sales_per_kwh_yuan",
        "单位用电营业收入",
        "元/千瓦时",
        "Sales per kWh",
        "sales_wan_yuan",
        "electricity_kwh",
        10_000.0,
    ),
)
# The indicators that need the optional emission column (left out of tables without it).
EMISSION_RATIOS: tuple[str, ...] = tuple(r.key for r in RATIOS if r.denominator == EMISSION_COLUMN)
RATIOS_BY_KEY: dict[str, Ratio] = {ratio.key: ratio for ratio in RATIOS}


# English renderings of the units of Chinese statistics (1 万元 = 10,000 yuan; 1 亩 = 666.67 m²).
UNIT_EN: dict[str, str] = {
    "万元/亩": "10k yuan/mu",
    "万元/吨标准煤": "10k yuan/tce",
    "元/千瓦时": "yuan/kWh",
    "万元/人": "10k yuan/person",
    "万元/当量": "10k yuan/pollutant equiv.",
    "%": "%",
}


def ratio_label(key: str, *, with_unit: bool = True, lang: str = "zh") -> str:
    """Label of an indicator, e.g. ``亩均税收（万元/亩）`` or ``Tax per mu (10k yuan/mu)``."""
    ratio = RATIOS_BY_KEY[key]
    english = lang == "en"
    label = ratio.label_en if english else ratio.label_zh
    if not with_unit:
        return label
    unit = UNIT_EN.get(ratio.unit_zh, ratio.unit_zh) if english else ratio.unit_zh
    return message("evaluation.with_unit", lang, label=label, unit=unit)


def missing_inputs(key: str, amounts: pd.DataFrame, rows: np.ndarray, *, lang: str = "zh") -> tuple[str, ...]:
    """The inputs of indicator ``key`` that no row of ``rows`` holds a usable value for.

    Parameters
    ----------
    key : str
        An indicator key (:data:`RATIOS_BY_KEY`).
    amounts : DataFrame
        The enterprises' numeric amounts (numerator and denominator columns).
    rows : ndarray of bool
        The enterprises that count (e.g. the scored ones of one size group).
    lang : {"zh", "en"}
        Language of the names returned.

    Returns
    -------
    tuple of str
        The catalogue's names of the missing inputs, e.g. ``("工业增加值",)`` for 全员劳动生产率
        when 从业人员 is given; empty when every input has data (the benchmark is what failed).
    """
    ratio = RATIOS_BY_KEY[key]
    names = {EMISSION_COLUMN: message("evaluation.input_emission_equiv", lang)}
    names.update({c.key: c.label(lang, with_unit=False) for c in CATALOGUE["enterprises"]})
    missing = []
    for column in (ratio.numerator, ratio.denominator):
        values = pd.to_numeric(amounts[column], errors="coerce") if column in amounts.columns else None
        usable = values is not None and bool((values[rows].notna() & (values[rows] != 0)).any())
        if not usable:
            missing.append(names.get(column, column))
    return tuple(missing)

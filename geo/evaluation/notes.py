"""The evaluation's notes (zh/en): what scoring found, written as sentences once it has finished.

:func:`geo.evaluation.scoring.evaluate_one_list` collects what it did not do as data (:class:`Findings`: the
years-in-production rule skipped, indicators dropped per size group, enterprises missing items,
bonus/penalty columns absent); :func:`evaluation_notes` writes them, in this order, in both languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.evaluation.metrics import RATIOS_BY_KEY, ratio_label
from geo.evaluation.ratios import missing_inputs
from geo.evaluation.rules import SIZE_ABOVE, Adjustment

# What a scored enterprise missing one indicator's data gets (config ``missing_indicator``).
MISSING_RULE_ZH: dict[str, str] = {
    "zero": "缺项不得分",
    "mean": "缺项按本组（规上/规下）该项平均得分计",
    "drop": "缺项不计，其余指标得分按权重比例折算到满分",
}
MISSING_RULE_EN: dict[str, str] = {
    "zero": "a missing item scores 0",
    "mean": "a missing item scores its group's average points for that item",
    "drop": "a missing item is left out and the other items are scaled up to the full weight",
}


@dataclass(frozen=True)
class Dropped:
    """Indicators with weight left out of one size group's score (no data, or no benchmark)."""

    size_group: str
    keys: tuple[str, ...]
    rows: np.ndarray  # the group's scored enterprises (whose inputs are looked at for "no data")
    total_weight: float  # what the other weights were scaled up to


@dataclass(frozen=True)
class Findings:
    """What an evaluation did not do as configured, in the order its notes are written."""

    year_column_unused: str | None = None  # the start-year column, when no evaluation year was known
    dropped: tuple[Dropped, ...] = ()
    n_missing_items: int = 0  # scored enterprises lacking a weighted item
    missing_indicator: str = "zero"
    absent_adjustments: tuple[Adjustment, ...] = ()


def dropped_words(dropped: Sequence[str], amounts: pd.DataFrame, rows) -> tuple[str, str]:
    """Each dropped indicator with why: the inputs with no data named (全员劳动生产率缺少工业增加值
    数据), else its benchmark could not be computed."""
    zh, en = [], []
    for k in dropped:
        missing_zh = missing_inputs(k, amounts, rows)
        missing_en = missing_inputs(k, amounts, rows, lang="en")
        if missing_zh:
            zh.append(f"{ratio_label(k, with_unit=False)}缺少{'、'.join(missing_zh)}数据")
            en.append(f"{RATIOS_BY_KEY[k].label_en} has no {' or '.join(missing_en).lower()} data")
        else:
            zh.append(f"{ratio_label(k, with_unit=False)}基准无法计算")
            en.append(f"{RATIOS_BY_KEY[k].label_en} has no usable benchmark")
    return "；".join(zh), "; ".join(en)


def evaluation_notes(found: Findings, *, amounts: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes of an evaluation, Chinese and English, one each per finding.

    Parameters
    ----------
    found
        What the evaluation found.
    amounts
        The enterprises' numeric amounts (to name the inputs a dropped indicator has no data for).
    """
    zh: list[str] = []
    en: list[str] = []
    col = found.year_column_unused
    if col is not None:
        zh.append(f"企业表有投产年份「{col}」但未给出评价年份：未应用“投产不满年限不参评”规则")
        en.append(
            f"The table has '{col}' but no evaluation year: the years-in-production rule was not applied"
        )
    for drop in found.dropped:
        words_zh, words_en = dropped_words(drop.keys, amounts, drop.rows)
        total = drop.total_weight
        zh.append(
            f"{drop.size_group}企业：指标 {words_zh}，已从评分中去掉，其余权重按比例放大到合计 {total:g}"
        )
        size_en = "Above-scale" if drop.size_group == SIZE_ABOVE else "Below-scale"
        en.append(
            f"{size_en} enterprises: {words_en}, left out; the other weights were scaled up to {total:g}"
        )
    if found.n_missing_items and found.missing_indicator != "zero":  # zero: the reasons say 缺数据
        rule = found.missing_indicator
        zh.append(f"{found.n_missing_items} 家参评企业缺少部分指标数据，{MISSING_RULE_ZH[rule]}")
        en.append(
            f"{found.n_missing_items} scored enterprises lack data for some indicators: "
            f"{MISSING_RULE_EN[rule]}"
        )
    for adj in found.absent_adjustments:
        zh.append(f"加减分项「{adj.name}」：表中没有字段「{adj.column}」，未应用")
        en.append(f"Bonus/penalty item '{adj.name}': the table has no column '{adj.column}'; not applied")
    return tuple(zh), tuple(en)

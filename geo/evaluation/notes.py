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

from geo.evaluation.metrics import ratio_label
from geo.evaluation.ratios import missing_inputs
from geo.evaluation.rules import SIZE_ABOVE, Adjustment
from geo.messages import both, joined, labelled, message, mid_sentence

# What a scored enterprise missing one indicator's data gets (config ``missing_indicator``), from the
# catalogue (geo/messages/evaluation_words.py).
MISSING_RULES: tuple[str, ...] = ("zero", "mean", "drop")
MISSING_RULE_ZH: dict[str, str] = {r: message(f"evaluation.missing_rule.{r}", "zh") for r in MISSING_RULES}
MISSING_RULE_EN: dict[str, str] = {r: message(f"evaluation.missing_rule.{r}", "en") for r in MISSING_RULES}


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


def dropped_words(dropped: Sequence[str], amounts: pd.DataFrame, rows) -> dict[str, str]:
    """Each dropped indicator with why, in both languages: the inputs with no data named
    (全员劳动生产率缺少工业增加值数据), else its benchmark could not be computed."""
    words: dict[str, list[str]] = {"zh": [], "en": []}
    for k in dropped:
        for lang, texts in words.items():
            label = ratio_label(k, with_unit=False, lang=lang)
            missing = missing_inputs(k, amounts, rows, lang=lang)
            if missing:
                inputs = "、".join(missing) if lang == "zh" else " or ".join(map(mid_sentence, missing))
                texts.append(message("evaluation.dropped_no_data", lang, label=label, inputs=inputs))
            else:
                texts.append(message("evaluation.dropped_no_benchmark", lang, label=label))
    return {lang: joined(texts, lang, mark="clause") for lang, texts in words.items()}


def evaluation_notes(found: Findings, *, amounts: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The notes of an evaluation, Chinese and English, one each per finding.

    Parameters
    ----------
    found
        What the evaluation found.
    amounts
        The enterprises' numeric amounts (to name the inputs a dropped indicator has no data for).
    """
    notes: list[tuple[str, dict]] = []  # (catalogue key, parameters), in the order written
    if found.year_column_unused is not None:
        notes.append(("evaluation.note_year_column_unused", {"column": found.year_column_unused}))
    for drop in found.dropped:
        size = "above" if drop.size_group == SIZE_ABOVE else "below"
        words = dropped_words(drop.keys, amounts, drop.rows)
        notes.append(
            (
                "evaluation.note_dropped",
                {"size": both(f"evaluation.size.{size}"), "words": words, "total": drop.total_weight},
            )
        )
    if found.n_missing_items and found.missing_indicator != "zero":  # zero: the reasons say 缺数据
        rule = both(f"evaluation.missing_rule.{found.missing_indicator}")
        notes.append(("evaluation.note_missing_items", {"n": found.n_missing_items, "rule": rule}))
    for adj in found.absent_adjustments:
        notes.append(("evaluation.note_absent_adjustment", {"name": adj.name, "column": adj.column}))
    zh = tuple(message(key, "zh", **params) for key, params in notes)
    en = tuple(message(key, "en", **params) for key, params in notes)
    return zh, en


def notes_in_scope(notes: Sequence[str], empty: Sequence[str], lang: str) -> list[str]:
    """The evaluation's ``notes`` (in ``lang``) as a scope of it reads them: a size group in
    ``empty`` (no enterprise in the scope: 规下 in a park with 规上 firms only) has no note on its
    dropped indicators, and one line instead, 「规下：本范围无企业」 (walk 14 item 8: the banner still
    named 规下's missing inputs)."""
    out = list(notes)
    for group in empty:
        size = "above" if group == SIZE_ABOVE else "below"
        words = {"zh": "\0", "en": "\0"}
        start = message(
            "evaluation.note_dropped", lang, size=both(f"evaluation.size.{size}"), words=words, total=0
        ).split("\0")[0]
        out = [n for n in out if not n.startswith(start)]
        name = message(f"evaluation.size.{size}", lang)
        out.append(
            labelled(name[:1].upper() + name[1:], message("yearly.notice.group_empty_scope", lang), lang)
        )
    return out

"""Why each scored enterprise lost points: the indicators below its size group's median, then
penalty items."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from geo.evaluation.metrics import RATIOS_BY_KEY
from geo.evaluation.rules import EvaluationConfig


def loss_reasons(
    rel_cols: list[np.ndarray],
    is_above: np.ndarray,
    weight_rows: np.ndarray,
    members_of: list[np.ndarray],
    scored: np.ndarray,
    keys: list[str],
    penalised: list[tuple[str, np.ndarray]],
    config: EvaluationConfig,
) -> pd.Categorical:
    """Each enterprise's reasons: the indicators whose value / benchmark (``rel_cols``) is below
    its size group's median, largest loss of points first (a missing value loses what the median
    enterprise earns on it), then the penalty items that hit it (扣分项：…)."""
    n, k = len(is_above), len(keys)
    loss = np.zeros((n, k))
    missing = np.zeros((n, k), dtype=bool)
    for j, rel_j in enumerate(rel_cols):
        w_j = np.where(is_above, weight_rows[0, j], weight_rows[1, j])
        med = np.full(2, np.nan)
        for gi, members in enumerate(members_of):
            block = rel_j[members]
            if np.isfinite(block).any():
                med[gi] = np.nanmedian(block)
        med_j = np.where(is_above, med[0], med[1])
        known = np.isfinite(rel_j)
        use = scored & (w_j > 0)
        missing[:, j] = use & ~known
        # A missing value loses what the median enterprise earns on that indicator.
        with np.errstate(invalid="ignore"):
            loss[:, j] = np.where(known, w_j * (med_j - rel_j), w_j * np.nan_to_num(med_j, nan=1.0))
        loss[~use, j] = 0.0
    np.nan_to_num(loss, copy=False, nan=0.0)
    reasons = reason_texts(loss, missing, keys, config.max_reasons)
    if penalised:
        text = pd.Series(reasons.astype(object))
        for name, hit in penalised:
            sel = np.flatnonzero(hit)
            before = text.iloc[sel]
            sep = np.where(before == "", "", np.where(before.str.contains("扣分项："), "、", "；"))
            prefix = np.where(before.str.contains("扣分项："), "", "扣分项：")
            text.iloc[sel] = before + sep + prefix + name
        reasons = pd.Categorical(text.to_numpy())
    return reasons


def reason_texts(
    losses: np.ndarray, missing: np.ndarray, keys: Sequence[str], max_items: int
) -> pd.Categorical:
    """Reasons per row: names of the indicators with the largest positive loss, largest first.

    Rows are encoded as integers (one digit per named indicator, missing data a separate digit)
    and each distinct code is turned into text once.
    """
    n, k = losses.shape
    if n == 0 or k == 0 or max_items == 0:
        return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[""])
    order = np.argsort(-losses, axis=1, kind="stable")[:, :max_items]
    picked_loss = np.take_along_axis(losses, order, axis=1)
    picked_missing = np.take_along_axis(missing, order, axis=1)
    digit = np.where(picked_loss > 0, order + 1 + np.where(picked_missing, k, 0), 0).astype(np.int64)
    base = 2 * k + 1
    codes = np.zeros(n, dtype=np.int64)
    for j in range(digit.shape[1]):
        codes = codes * base + digit[:, j]
    inverse, uniq = pd.factorize(codes)
    texts = []
    for code in uniq.tolist():
        parts = []
        for _ in range(digit.shape[1]):
            code, d = divmod(code, base)
            if d:
                idx = (d - 1) % k
                label = RATIOS_BY_KEY[keys[idx]].label_zh
                parts.append(f"{label}（缺数据）" if d > k else label)
        texts.append("、".join(reversed(parts)))
    return pd.Categorical.from_codes(inverse, categories=texts)

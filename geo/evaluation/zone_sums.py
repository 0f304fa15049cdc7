"""Per-group totals and pooled ratios of the amount columns, summed by ``np.bincount``.

The arithmetic of :func:`geo.evaluation.metrics.zone_metrics` and
:func:`~geo.evaluation.metrics.total_metrics`: one pass over the rows per column (rows outside
every group go to an extra bin that is dropped; values that do not count are summed as 0, so no row
is copied out), each denominator's "positive and known" mask computed once for all the ratios
sharing it, and all ratios divided at once.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from geo.evaluation.ratios import RATIOS


def group_sums(amounts: dict[str, np.ndarray | None], groups: np.ndarray, n_groups: int) -> pd.DataFrame:
    """Totals and ratios per group code (0..n_groups-1); rows with code -1 are left out.

    Parameters
    ----------
    amounts
        Amount column name -> float64 values (one per row), or None for a column the table does
        not have (unknown everywhere). Only the ratios whose two columns are both keys are computed.
    groups
        Group code per row, -1 for none.
    n_groups
        Number of groups.

    Returns
    -------
    DataFrame, one row per group: ``n_enterprises``, each amount's total (NaN where every value of
    a non-empty group is unknown, 0 for an empty group; NaN in every group for a column no row
    reports) and each ratio pooled (Σ numerator / Σ
    denominator over the rows that have both and a positive denominator; NaN where not computable).
    """
    codes = np.asarray(groups)
    if codes.size and codes.min() < 0:
        codes = np.where(codes >= 0, codes, n_groups)
    m = n_groups + 1
    n_ent = np.bincount(codes, minlength=m)[:n_groups]
    nonempty = n_ent > 0
    data: dict[str, np.ndarray] = {"n_enterprises": n_ent}
    totals: dict[str, np.ndarray] = {}
    known: dict[str, np.ndarray | bool] = {}  # True: every value known; False: none (absent)
    for col, values in amounts.items():
        finite = np.isfinite(values) if values is not None else None
        if finite is None or not finite.any():  # a measure the table does not have: unknown, even
            known[col] = False  # in an empty group (its 0 would read as reported, walk13 item 5)
            data[col] = np.full(n_groups, np.nan)
            continue
        if finite.all():
            known[col] = True
            totals[col] = data[col] = np.bincount(codes, weights=values, minlength=m)[:n_groups]
            continue
        known[col] = finite
        totals[col] = np.bincount(codes, weights=np.where(finite, values, 0.0), minlength=m)[:n_groups]
        n_known = np.bincount(codes, weights=finite, minlength=m)[:n_groups]
        # All values unknown in a non-empty group: the total is unknown, not 0.
        data[col] = np.where((n_known == 0) & nonempty, np.nan, totals[col])
    positive: dict[str, np.ndarray | bool] = {}  # denominator > 0 (NaN compares False); True: all rows
    keys, nums, dens, scales = [], [], [], []
    for r in RATIOS:
        if r.numerator not in amounts or r.denominator not in amounts:
            continue
        keys.append(r.key)
        scales.append(r.scale)
        if known[r.numerator] is False or known[r.denominator] is False:
            nums.append(np.zeros(n_groups))
            dens.append(np.zeros(n_groups))
            continue
        if r.denominator not in positive:
            above = amounts[r.denominator] > 0
            positive[r.denominator] = True if above.all() else above
        ok = positive[r.denominator]
        if known[r.numerator] is not True:
            ok = known[r.numerator] if ok is True else ok & known[r.numerator]
        if ok is True:
            nums.append(totals[r.numerator])
            dens.append(totals[r.denominator])
        else:
            num, den = amounts[r.numerator], amounts[r.denominator]
            nums.append(np.bincount(codes, weights=np.where(ok, num, 0.0), minlength=m)[:n_groups])
            dens.append(np.bincount(codes, weights=np.where(ok, den, 0.0), minlength=m)[:n_groups])
    if keys:
        ratios = pooled_ratios(np.vstack(nums), np.vstack(dens), np.array(scales)[:, None])
        data.update(zip(keys, ratios, strict=True))
    # One float block built at once (the count then set back as integers), its header reused.
    out = pd.DataFrame(
        np.column_stack(list(data.values())).astype(np.float64), columns=header(tuple(data)).copy()
    )
    out["n_enterprises"] = n_ent
    return out


@functools.lru_cache(maxsize=16)
def header(names: tuple[str, ...]) -> pd.Index:
    """The index of these names, built once (pandas infers their type, slowly) and copied at each
    use (a copy's name may be set without touching the one kept)."""
    return pd.Index(names)


def pooled_ratios(num: np.ndarray, den: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """num / den * scale elementwise; NaN where the denominator is not positive or a value is
    missing, and where the quotient overflows (not computable, never inf)."""
    ok = np.isfinite(num) & np.isfinite(den) & (den > 0)
    out = np.full(num.shape, np.nan)
    with np.errstate(over="ignore"):
        np.divide(num, den, out=out, where=ok)
        out *= scale
    out[~np.isfinite(out)] = np.nan
    return out


__all__ = ["group_sums", "header", "pooled_ratios"]

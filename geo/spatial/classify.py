"""Class breaks for choropleths (quantiles, natural breaks, equal interval) with mapclassify."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np

from geo.errors import DataValidationError

SCHEMES = ("quantiles", "natural_breaks", "equal_interval")
DEFAULT_K = 5
# Natural breaks on many values: Fisher-Jenks on this many evenly spaced quantiles (deterministic).
JENKS_SAMPLE = 301


@dataclass(frozen=True)
class Classes:
    """Class upper bounds (ascending; the last is the maximum) and the lower bound of the first."""

    scheme: str
    lower: float
    bins: tuple[float, ...]

    def classify(self, values: np.ndarray) -> np.ndarray:
        """Class index of each value (0..k-1); -1 for NaN. Values outside the range go to the ends."""
        v = np.asarray(values, dtype="float64")
        idx = np.searchsorted(np.asarray(self.bins), v, side="left")
        idx = np.minimum(idx, len(self.bins) - 1)
        return np.where(np.isfinite(v), idx, -1)

    def labels(self, unit: str, *, decimals: int = 1) -> list[str]:
        """``a – b unit`` per class."""
        lows = (self.lower, *self.bins[:-1])
        return [
            f"{lo:,.{decimals}f} – {hi:,.{decimals}f} {unit}" for lo, hi in zip(lows, self.bins, strict=True)
        ]


def classify(values, *, scheme: str, k: int = DEFAULT_K) -> Classes:
    """Class breaks of the finite ``values`` with mapclassify.

    ``quantiles`` (mapclassify.Quantiles), ``equal_interval`` (EqualInterval) or ``natural_breaks``
    (FisherJenks; above ``JENKS_SAMPLE`` values it runs on that many evenly spaced quantiles so the
    result is deterministic and quick without numba). ``k`` is lowered to the number of distinct
    values when there are fewer.

    Raises
    ------
    DataValidationError
        For an unknown scheme, k < 2, or no finite value at all.
    """
    if scheme not in SCHEMES:
        raise DataValidationError.of("spatial.unknown_scheme", scheme=scheme, choices="、".join(SCHEMES))
    if k < 2:
        raise DataValidationError.of("spatial.too_few_classes", k=k)
    v = np.asarray(values, dtype="float64")
    v = v[np.isfinite(v)]
    if v.size == 0:
        raise DataValidationError.of("spatial.nothing_to_classify")
    k = int(min(k, np.unique(v).size))
    if k < 2:
        return Classes(scheme, float(v.min()), (float(v.max()),))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Numba not installed", "not enough unique values"
        if scheme == "quantiles":
            bins = mapclassify.Quantiles(v, k=k).bins
        elif scheme == "equal_interval":
            bins = mapclassify.EqualInterval(v, k=k).bins
        else:
            sample = v if v.size <= JENKS_SAMPLE else np.quantile(v, np.linspace(0.0, 1.0, JENKS_SAMPLE))
            bins = mapclassify.FisherJenks(sample, k=k).bins
            bins[-1] = v.max()
    bins = np.unique(np.asarray(bins, dtype="float64"))
    return Classes(scheme, float(v.min()), tuple(float(b) for b in bins))

"""Class breaks for choropleths (geo/spatial/classify.py): mapclassify's schemes on values whose
breaks are worked out by hand, the class of each value, the labels, and bad input refused."""

from __future__ import annotations

import numpy as np
import pytest

from geo.errors import DataValidationError
from geo.spatial.classify import classify


def test_classify_uses_mapclassify_and_refuses_bad_input():
    v = np.array([1.0, 2.0, 3.0, 4.0, 100.0, np.nan])
    q = classify(v, scheme="quantiles", k=2)
    assert q.bins == pytest.approx((3.0, 100.0))  # median of the finite values
    assert list(q.classify(v)) == [0, 0, 0, 1, 1, -1]  # upper bounds inclusive, NaN -> -1
    e = classify(v, scheme="equal_interval", k=2)
    assert e.bins == pytest.approx((50.5, 100.0))
    n = classify(v, scheme="natural_breaks", k=2)
    assert n.bins == pytest.approx((4.0, 100.0))
    assert q.labels("万元/亩") == ["1.0 – 3.0 万元/亩", "3.0 – 100.0 万元/亩"]
    with pytest.raises(DataValidationError, match="分级方法"):
        classify(v, scheme="jenks", k=3)
    with pytest.raises(DataValidationError, match="没有可分级的数值"):
        classify([np.nan], scheme="quantiles", k=3)


def test_equal_intervals_classes_and_labels_by_hand():
    # 0..40 in 4 equal steps of 10; upper bounds inclusive, outside values to the end classes
    c = classify([0, 10, 20, 30, 40], scheme="equal_interval", k=4)
    assert (c.lower, c.bins) == (0.0, (10.0, 20.0, 30.0, 40.0))
    assert c.classify(np.array([0, 10, 10.5, 40, np.nan, 50, -5])).tolist() == [0, 0, 1, 3, -1, 3, 0]
    assert c.labels("亩", decimals=0) == ["0 – 10 亩", "10 – 20 亩", "20 – 30 亩", "30 – 40 亩"]


def test_quantiles_and_natural_breaks_by_hand():
    # 1..8: the 25/50/75/100 % quantiles by linear interpolation are 1 + 7 x q
    assert classify(np.arange(1, 9), scheme="quantiles", k=4).bins == (2.75, 4.5, 6.25, 8.0)
    # two clusters: Fisher-Jenks splits between them
    assert classify([1, 2, 3, 100, 101, 102], scheme="natural_breaks", k=2).bins == (3.0, 102.0)


def test_fewer_distinct_values_than_classes():
    # k drops to the number of distinct values; one value is one class
    assert classify([5, 5, 7], scheme="equal_interval", k=5).bins == (6.0, 7.0)
    one = classify([3, 3, 3], scheme="quantiles", k=5)
    assert (one.lower, one.bins) == (3.0, (3.0,))
    with pytest.raises(DataValidationError, match="分级数 k=1 太小"):
        classify([1, 2, 3], scheme="quantiles", k=1)


def test_natural_breaks_on_many_values_do_not_depend_on_their_order():
    """Above JENKS_SAMPLE values the breaks come from evenly spaced quantiles: deterministic."""
    x = np.random.default_rng(1).gamma(2, 10, 5000)
    a = classify(x, scheme="natural_breaks", k=5)
    assert a == classify(x[::-1], scheme="natural_breaks", k=5)
    assert len(a.bins) == 5 and a.bins[-1] == x.max() and a.lower == x.min()

"""Ties in the ranking (issue 23 item 2): the same score shares the better rank and the next rank
skips ("1224"), a tie is listed by the configuration's ``classes.tie_order`` (亩均税收, larger
first, then 企业编号), and a bad ``tie_order`` is refused in words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.errors import DataValidationError
from geo.evaluation import config_from_mapping, default_config, rank_by


def _tied() -> pd.DataFrame:
    """Seven enterprises by hand: four at 100.0 (tax per mu 9, 12, 12 and none), two at 80.0, one
    unscored; two size groups."""
    return pd.DataFrame(
        {
            "ent_id": ["E7", "E2", "E5", "E1", "E3", "E4", "E6"],
            "size_class": ["规上", "规上", "规上", "规上", "规上", "规下", "规上"],
            "score": [100.0, 100.0, 100.0, 80.0, 100.0, 80.0, np.nan],
            "scored": [True, True, True, True, True, True, False],
            "tax_per_mu_wan_yuan": [12.0, 9.0, 12.0, 30.0, np.nan, 5.0, 50.0],
            "sales_per_mu_wan_yuan": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        }
    )


def test_ties_share_the_better_rank_and_are_listed_by_tax_per_mu_then_id():
    ranked = rank_by(_tied(), [], tie_order=["tax_per_mu_wan_yuan"])
    # 100.0 ×4 → rank 1; 80.0 ×2 → rank 5 (not 2): standard competition ranking, the unscored left out
    assert ranked["ent_id"].tolist() == ["E5", "E7", "E2", "E3", "E1", "E4"]
    assert ranked["group_rank"].tolist() == [1, 1, 1, 1, 5, 5]
    assert set(ranked["group_size"]) == {6}
    # E5 and E7 tie on tax per mu too (12.0): by 企业编号; E3 (no tax per mu) last in its tie


def test_ties_within_groups_and_a_second_key():
    ranked = rank_by(_tied(), ["size_class"], tie_order=["sales_per_mu_wan_yuan", "tax_per_mu_wan_yuan"])
    above = ranked[ranked["size_class"] == "规上"]
    assert above["ent_id"].tolist() == ["E3", "E5", "E2", "E7", "E1"]  # by sales per mu: 5, 3, 2, 1
    assert above["group_rank"].tolist() == [1, 1, 1, 1, 5]
    below = ranked[ranked["size_class"] == "规下"]
    assert below["ent_id"].tolist() == ["E4"] and below["group_rank"].tolist() == [1]


def test_without_a_tie_order_a_tie_is_listed_by_id():
    ranked = rank_by(_tied(), [])
    assert ranked["ent_id"].tolist()[:4] == ["E2", "E3", "E5", "E7"]


def test_tie_order_is_configuration_with_a_documented_default():
    assert default_config().tie_order == ("tax_per_mu_wan_yuan",)  # evaluation.yaml classes.tie_order
    raw = default_config().to_dict()
    assert raw["classes"]["tie_order"] == ["tax_per_mu_wan_yuan"]
    raw["classes"]["tie_order"] = "sales_per_mu_wan_yuan"  # one name alone: a list of one
    assert config_from_mapping(raw).tie_order == ("sales_per_mu_wan_yuan",)
    raw["classes"]["tie_order"] = []
    assert config_from_mapping(raw).tie_order == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["亩均利润"], "classes.tie_order 中的未知指标「亩均利润」"),
        ({"tax_per_mu_wan_yuan": 1}, "classes.tie_order 应为指标列表"),
        (3, "classes.tie_order 应为指标列表"),
    ],
)
def test_a_bad_tie_order_is_refused_in_words(value, message):
    raw = default_config().to_dict()
    raw["classes"]["tie_order"] = value
    with pytest.raises(DataValidationError, match=message):
        config_from_mapping(raw)


def test_rank_by_names_a_missing_tie_column():
    with pytest.raises(DataValidationError, match="无法按 亩均利润"):
        rank_by(_tied(), [], tie_order=["亩均利润"])

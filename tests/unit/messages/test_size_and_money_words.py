"""One English term for 规上 / 规下 (issue 23 item 5: the size radio said "Above designated size", the
ranking "Above size", the notices "above-size", the city page "Above-scale"), and money said as an
English reader says it: the 规上 threshold "CNY 20 million", never "≥ 2000 10k yuan"."""

from __future__ import annotations

import re

import pytest

from geo.messages import MESSAGES, t
from geo.messages.formats import yuan_amount
from geo.messages.notes import Both, note
from geo.yearly.notice_words import size_name, status_name

# Every other English way of saying 规上 / 规下 the catalogue once had
OTHER_TERMS = re.compile(r"\b(above|below)[- ](size|scale)\b", re.IGNORECASE)


def test_the_english_catalogue_says_designated_size_and_nothing_else():
    others = {key: en for key, (_, en) in MESSAGES.items() if OTHER_TERMS.search(en)}
    assert others == {}
    # the size radio, the ranking's size values, the lists' groups and the notices say the same
    assert t("eff.size.above", "en") == "Above designated size"
    assert t("eff.size.below", "en") == "Below designated size"
    assert size_name("规上", "en") == "Above designated size"
    assert size_name("规下（不足 3 亩）", "en") == "Below designated size, < 3 mu"
    assert t("eff.groups.small", "en").format(mu=3) == "Below designated size, < 3 mu"
    assert (
        status_name("不参评：规下且用地不足 3 亩", "en")
        == "Not scored: below designated size on less than 3 mu"
    )


def test_the_ranking_and_the_group_lists_use_the_radios_words():
    from geo.evaluation import default_config
    from pages.efficiency.groups import group_label
    from pages.efficiency.tables import SIZE_EN

    assert SIZE_EN == {"规上": "Above designated size", "规下": "Below designated size"}
    assert group_label("规下", default_config(), "en") == "Below designated size"


@pytest.mark.parametrize(
    ("wan_yuan", "zh", "en"),
    [
        (2000, "2000 万元", "CNY 20 million"),  # the 规上 threshold (geo/catalogue.yaml)
        (339.41 * 10_000, "3394100 万元", "CNY 33.94 billion"),  # 339.41 亿元 = 33.941 billion yuan
        (8000 * 10_000, "80000000 万元", "CNY 800 billion"),  # 8,000 亿元
        (12_345.678, "12345.68 万元", "CNY 123.46 million"),
        (27, "27 万元", "CNY 270,000"),
        (0.5, "0.5 万元", "CNY 5,000"),
    ],
)
def test_an_amount_of_wan_yuan_in_words(wan_yuan, zh, en):
    assert yuan_amount(wan_yuan, "zh") == zh
    assert yuan_amount(wan_yuan, "en") == en


def test_the_size_threshold_note_reads_as_a_reader_says_it():
    threshold = Both(yuan_amount(2000, "zh"), yuan_amount(2000, "en"))
    said = note(
        "ingest.note.above_scale_derived", source="营业收入", threshold=threshold, n_above=2, n_below=8
    )
    assert str(said) == (
        "表中没有「是否规上」列：按统计口径由「营业收入」判定，主营业务收入 ≥ 2000 万元为规上"
        "（2 家规上，8 家规下）"
    )
    assert said.text("en") == (
        "The table does not say which enterprises are above designated size: decided from “营业收入” by"
        " the statistical definition, an annual main business income of CNY 20 million or more (2 above"
        " designated size, 8 below)"
    )


def test_no_english_prose_puts_an_amount_before_10k_yuan():
    """ "≥ 2000 10k yuan" and "1,150.46 100M yuan" read as two numbers: the unit stays in headers
    ("Tax (10k yuan)"), and a per-mu unit is said per mu in both languages."""
    amount_then_unit = re.compile(r"(\d|\})\s*(10k|100M) yuan")
    assert {k: en for k, (_, en) in MESSAGES.items() if amount_then_unit.search(en)} == {}
    # a header's unit (亩均税收（万元/亩）) is the same unit in English: "Tax per mu (10k yuan)" was not
    wrong_unit = {
        k: en for k, (zh, en) in MESSAGES.items() if "（万元/亩）" in zh and "(10k yuan/mu)" not in en
    }
    assert wrong_unit == {}

"""geo/exports/filenames.py: a download's file name is its title in whole words and safe characters,
shortened without a cut in mid-title (issue 23 item 6: the English 两轴三带 PNG was named
"Suzhou's_two_axes,_three_belts_and_key-industry_carriers_New.png", its industry cut to "New")."""

from __future__ import annotations

import re

import pytest

from geo.exports.filenames import FILENAME_CHARS, safe_filename
from geo.messages import t


def test_file_names_follow_the_title_without_clutter():
    assert (
        safe_filename("Suzhou Industrial Layout Atlas · Overview")
        == "Suzhou_Industrial_Layout_Atlas_Overview"
    )
    # quote marks and a possessive go; the title fits, so it keeps its words
    assert (
        safe_filename("Suzhou's two axes, three belts and key-industry carriers")
        == "Suzhou_two_axes_three_belts_and_key-industry_carriers"
    )
    assert safe_filename("苏州产业布局一张图 · 总览") == "苏州产业布局一张图_总览"
    assert (
        safe_filename("苏州“两轴三带”与重点产业承载园区：新材料") == "苏州两轴三带与重点产业承载园区_新材料"
    )
    assert safe_filename('a/b\\c:d*e?f"g<h>i|j') == "a_b_c_d_e_fg_h_i_j"
    assert safe_filename("吴江高新区（盛泽镇）") == "吴江高新区（盛泽镇）"
    assert safe_filename(" · ") == "atlas"


@pytest.mark.parametrize(
    ("industry", "expected"),
    [
        # 67 characters whole: the first part loses its last clause, the industry stays whole
        ("New materials", "Suzhou_two_axes_three_belts_New_materials"),
        ("High-end equipment", "Suzhou_two_axes_three_belts_High-end_equipment"),
        # a long industry leaves room for the first clause only
        ("New-generation information technology", "Suzhou_two_axes_New-generation_information_technology"),
    ],
)
def test_the_corridors_briefing_is_named_in_whole_words_with_its_industry(industry, expected):
    title = f"{t('corr.header', 'en')}: {industry}"
    assert safe_filename(title) == expected


def test_a_long_title_drops_whole_parts_and_never_ends_on_a_hanging_word():
    # the middle part goes whole: not "…_core_and_supporting_towns_High-end" (the industry cut)
    long = "Wujiang industry layout: core and supporting towns · High-end equipment"
    assert safe_filename(long) == "Wujiang_industry_layout_High-end_equipment"
    # one part, no clauses: whole words, not ending on "of"
    words = "The evaluation of industrial enterprises use of land and resources by town of Wujiang"
    assert safe_filename(words) == "The_evaluation_of_industrial_enterprises_use_of_land"
    # a run of hanzi has no spaces: cut at the limit
    assert safe_filename("字" * 80) == "字" * FILENAME_CHARS


@pytest.mark.parametrize(
    "title",
    [
        "Suzhou's two axes, three belts and key-industry carriers: New materials",
        "Wujiang industry layout: core and supporting towns · High-end equipment",
        "A" * 30 + " " + "B" * 40 + ": " + "C" * 70,
        "苏州“两轴三带”与重点产业承载园区：" + "新" * 70,
    ],
)
def test_every_name_is_short_safe_and_whole(title):
    name = safe_filename(title)
    assert 0 < len(name) <= FILENAME_CHARS
    assert re.fullmatch(r"[\w\-.()（）]+", name), name
    assert not name.startswith(("_", ".")) and not name.endswith(("_", "."))
    assert not name.lower().endswith(("_and", "_of", "_the"))

"""The place of a firm in the 亩均 page's lists and files: "—" in 区镇/园区 for a firm outside every zone,
beside its stated town (填报区镇), in the 公示 workbook and the ranking files (walk 13 item 3); one
English name per stated town on the screen and in the files (walk 14 item 1)."""

from __future__ import annotations

import pytest

from geo.evaluation.metrics import ZONE_COL
from tests.fixtures.evaluation import above_only, evaluated, notice_book


@pytest.mark.parametrize(
    ("lang", "zone", "town"),
    [("zh", "区镇/园区", "填报区镇"), ("en", "Town/park", "Stated town")],
)
def test_a_firm_outside_every_zone_reads_a_dash_and_its_stated_town(lang, zone, town):
    """Walk 13 item 3: the page's 公示 lists left the 区镇/园区 of a firm outside every zone blank and
    had no 填报区镇; the screen shows "—" and the stated town."""
    res, why = above_only()
    outside = res.enterprises["zone"].isna()
    assert outside.any()
    book = notice_book(res.enterprises, res, lang)
    places = []
    for sheet in book.sheetnames:
        rows = list(book[sheet].iter_rows(values_only=True))
        for at in [i for i, r in enumerate(rows) if zone in r]:
            head = list(rows[at])
            assert head[head.index(zone) + 1] == town, sheet
            listed = [r for r in rows[at + 1 :] if r and isinstance(r[0], int)]
            places += [r[head.index(zone)] for r in listed]
    assert places and None not in places and "" not in places
    assert "—" in places


def test_the_ranking_files_write_a_dash_for_a_place_not_known():
    """Walk 13 item 3: the ranking XLSX/CSV (ranking_table's full form) left the 区镇 blank."""
    from pages.efficiency.tables import ranking_table

    res, _why = above_only()
    table = ranking_table(res.enterprises, "zh")
    assert (table["区镇/园区"] == "—").any() and table["区镇/园区"].notna().all()


def test_the_screen_names_a_stated_town_as_the_files_do():
    """Walk 14 item 1: 企业排名 and 分组名单 (the screen's form, ``short=True``) read "Qidu" and
    "Shengze" where every file reads "Qidu Town" and "Shengze Town"."""
    from pages.efficiency.tables import ranking_table

    ents = evaluated({"北区": "七都镇", "城外": "盛泽镇", "中区": "震泽"})
    ents[ZONE_COL] = ents[ZONE_COL].astype(object).map({"北区": "七都镇", "中区": "吴江高新区（盛泽镇）"})
    screen = ranking_table(ents, "en", short=True)
    files = ranking_table(ents, "en")
    stated = "Stated town"  # the screen heads it short (walk 16 item 10), its help in full
    assert set(screen["Stated town"].dropna()) == {"Qidu Town", "Shengze Town", "Zhenze", "—"}
    assert screen["Stated town"].tolist() == files[stated].tolist()
    # a town's zone as the files name it; a management zone's long name short on the screen only
    assert {"Qidu Town", "Shengze"} <= set(screen["Town/park"])
    assert {"Qidu Town", "Wujiang Hi-tech Zone (Shengze Town)"} <= set(files["Town/park"])

"""用地强度's map downloads read as the page (issue 23 item 5): the CSV of the parcels and their
red outlines has a header over every column in either language — the outline mark included —, no
column twice, and the reasons, verdicts and 盘活 statuses in the page's language.

On the hand-worked parcels (tests/fixtures/parcels.py), zones renamed 七都镇/平望镇: by the default
rules P3 (FAR 0.6 < 0.8) and P4 (coverage 25 % < 30 %) are below their minimum, P6 is idle; those
three are 低效用地, 已认定; P4 missed its promised FAR, P5 met every promise."""

from __future__ import annotations

import csv
import io

import pytest

from layers.mapview import MapLayer
from layers.offline_html import map_downloads
from tests.fixtures.parcels import intensity_map_items


@pytest.fixture(scope="module")
def items() -> list[MapLayer]:
    """用地强度's map as the page builds it: parcels by FAR with the red outlines above."""
    return intensity_map_items()


def _rows(items: list[MapLayer], lang: str) -> list[dict[str, str]]:
    data = map_downloads("t", items, lang=lang)["csv"].data()
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    header = next(reader)
    assert all(h.strip() for h in header), header  # no unheaded column
    assert len(set(header)) == len(header), header  # no column twice
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_the_english_map_csv_heads_the_mark_and_writes_the_words_in_english(items):
    rows = _rows(items, "en")
    assert not {"mark", "status", "reasons", "verdict"} & set(rows[0])
    filled = {r["Parcel ID"]: r for r in rows if r["Layer"] == "Parcels by FAR class (synthetic)"}
    outlined = [r for r in rows if r["Layer"] == "Parcels below the control minimum (synthetic)"]
    assert sorted(filled) == [f"P{i}" for i in range(1, 9)]
    assert [r["Parcel ID"] for r in outlined] == ["P3", "P4"]
    assert {r["Below the control minimum"] for r in outlined} == {"Yes"}
    assert filled["P3"]["Low-efficiency reasons"] == "FAR below the control minimum"
    assert filled["P6"]["Low-efficiency reasons"] == "Idle land"
    assert {filled[p]["Renewal status"] for p in ("P3", "P4", "P6")} == {"Identified"}
    assert filled["P1"]["Renewal status"] == ""  # not low-efficiency land
    assert (filled["P4"]["Contract verdict"], filled["P5"]["Contract verdict"]) == ("Missed", "Met")
    assert filled["P3"]["Town/zone"] == "Qidu Town" and filled["P4"]["Town/zone"] == "Pingwang Town"


def test_the_chinese_map_csv_heads_the_mark_in_chinese(items):
    rows = _rows(items, "zh")
    filled = {r["宗地编号"]: r for r in rows if r["图层"] == "宗地容积率分级（合成）"}
    outlined = [r for r in rows if r["图层"] == "低于控制下限的宗地（合成）"]
    assert [r["宗地编号"] for r in outlined] == ["P3", "P4"]
    assert {r["低于控制下限"] for r in outlined} == {"是"}
    assert filled["P3"]["低效认定理由"] == "容积率低于控制下限"
    assert filled["P3"]["盘活状态"] == "已认定"
    assert filled["P4"]["履约结论"] == "未达标"
    assert filled["P3"]["区镇"] == "七都镇"

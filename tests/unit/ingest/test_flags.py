"""An import's flag column: stored in Chinese (QGIS shows it), written in English by reading each
reason back into its catalogue entry."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import ingest
from geo.ingest.report import FLAG_COLUMN, flag_text, reason_note


def test_each_reason_is_read_back_and_written_in_english():
    stored = (
        "位置远在苏州市范围以外，请核对坐标；"
        "与另外 4 行坐标完全相同：可能是占位值或统一定位到区镇中心，请核对"
    )
    assert flag_text(stored, "zh") == stored
    assert flag_text(stored, "en") == (
        "The location is far outside Suzhou: check the coordinates; "
        "At exactly the same point as 4 other rows: maybe a placeholder or a town centre for all; check it"
    )
    # places and the schematic note, each in English
    assert flag_text("所在区镇写的是七都镇，坐标却在震泽镇（区镇边界为示意，请以实地为准）", "en") == (
        "Town says Qidu Town, but the point lies in Zhenze Town (the towns' boundaries are "
        "schematic: the ground decides)"
    )
    # walk10: a town column under another header, named by the catalogue with the header quoted
    assert flag_text("所在区镇「所在镇（区）」写的是七都镇，坐标却在震泽镇", "en") == (
        "Town (“所在镇（区）”) says Qidu Town, but the point lies in Zhenze Town"
    )
    assert flag_text("地址写的是常熟市，坐标却在太仓市", "en") == (
        "Address says Changshu City, but the point lies in Taicang City"
    )
    assert flag_text("「用地面积（亩）」为空，按缺失处理（用到它的指标无法计算）", "en") == (
        "“Land (mu)” is empty: taken as missing (the indicators that need it cannot be computed)"
    )
    # a text no entry writes stays as it is; blanks too
    assert reason_note("人工备注：待核实") == "人工备注：待核实"
    assert flag_text("人工备注：待核实", "en") == "人工备注：待核实"
    assert flag_text(None, "en") is None
    with pytest.raises(ValueError, match="lang"):
        flag_text("x", "fr")


def test_every_flag_of_a_checked_list_is_written_in_english():
    rows = [("甲公司", 120.641234, 31.161234, "吴江区"), ("远方公司", 116.401234, 39.901234, "吴江区")]
    rows += [(f"占位{i}公司", 120.0, 31.0, "吴中区") for i in range(3)]
    table = pd.DataFrame(rows, columns=["企业名称", "经度", "纬度", "地址"])
    result = ingest.read_upload(table.to_csv(index=False).encode("utf-8-sig"), "名录.csv", frame="wgs84")
    flags = result.frame[FLAG_COLUMN].dropna()
    assert len(flags) == 4
    for value in flags:
        english = flag_text(value, "en")
        # nothing Chinese left but the data's own words (the address column's name, 地址)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in english.replace("地址", "")), english

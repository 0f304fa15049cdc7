"""The 盘活 words as tables and messages show them (issue 23, the walk: a raw "identified" in the
English list): statuses and methods in words in English, as stored in Chinese; the summary's
区镇 by their English names; the English error names the word the command line takes beside it."""

from __future__ import annotations

import pytest

from geo.errors import DataValidationError
from geo.land import renewal


def test_statuses_methods_and_towns_read_in_words():
    assert [renewal.status_name(w, "en") for w in renewal.STATUSES] == [
        "Identified",
        "In progress",
        "Renewed",
    ]
    assert renewal.status_name("技改提升", "en") == "Upgrade"
    assert [renewal.status_name(w, "zh") for w in renewal.STATUSES] == list(renewal.STATUSES)
    assert renewal.status_name("别的", "en") == "别的" and renewal.status_name(None, "en") is None
    assert renewal.zone_name("七都镇", "en") == "Qidu Town"
    assert (renewal.zone_name("区域外", "en"), renewal.zone_name("区域外", "zh")) == (
        "Outside every zone",
        "区域外",
    )
    with pytest.raises(ValueError):
        renewal.status_name("已认定", "fr")


def test_a_missing_method_is_said_in_english_with_the_word_to_type(tmp_path):
    with pytest.raises(DataValidationError) as err:
        renewal.record_status(
            "P1", "处置中", method="", status_date="2026-01-01", actor="张三", path=tmp_path / "s.gpkg"
        )
    assert err.value.text("en") == (
        "A disposal method is required when the status is “In progress (处置中)”. "
        "Options: Upgrade (技改提升), Multi-storey industry (工业上楼), Merger (兼并重组), "
        "Taken back / transferred (收回/转让)"
    )
    assert (
        err.value.text("zh")
        == "状态为「处置中」时须填写处置方式。可选：技改提升、工业上楼、兼并重组、收回/转让"
    )

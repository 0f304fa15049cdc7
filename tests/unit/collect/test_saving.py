"""What a save of a collection records (issue 23, walk9): the input files for the change log, each
row's placement, the accuracy classes zone points allow, the year the files' title rows state."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.collect import SourceInput, collect
from geo.collect.reading import read_source
from geo.collect.reading import stated_year as title_year
from geo.collect.saving import allowed_accuracies, placements, source_files, stated_year
from geo.errors import DataValidationError
from tests.fixtures.collect import write_files


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_files(tmp_path_factory.mktemp("collect"))


def _collect(files, depts=("tax", "stats", "power", "land"), **renamed):
    sources = [SourceInput(d, renamed.get(d, files[d].name), files[d].read_bytes()) for d in depts]
    register = SourceInput("register", files["register"].name, files["register"].read_bytes())
    return collect(register, sources)


def test_the_change_log_names_the_register_and_each_departments_file(files):
    assert (
        source_files(_collect(files, ("tax", "power")))
        == "企业名录：企业名录.xlsx；税务：税务.csv；供电：供电.csv"
    )


def test_zone_points_are_schematic_and_each_row_says_how_it_was_placed():
    located = pd.Series([True, False, True])
    by_zone = placements(located, by_zone=True)
    assert by_zone.tolist() == ["zone", None, "zone"]
    assert placements(located, by_zone=False).tolist() == ["coordinates", None, "coordinates"]
    assert allowed_accuracies(pd.Series(by_zone)) == ("schematic", "synthetic")
    assert allowed_accuracies(pd.Series(["coordinates", None])) == (
        "real",
        "transcribed",
        "schematic",
        "synthetic",
    )
    with pytest.raises(DataValidationError):
        placements(pd.Series([1, 0]), by_zone=True)


def test_the_title_row_states_the_year(files):
    tax = read_source(
        files["tax"].read_bytes(), "税务.csv", department="tax", known_headers=("纳税人识别号",)
    )
    assert tax.title == "2024年度企业纳税明细（单位：元）"
    assert title_year("２０２３ 年1-12月用电量") == 2023  # full-width digits, a space
    assert title_year("企业名录 12024年") is None and title_year("") is None
    assert stated_year(_collect(files)) == (2024, {})  # only 税务.csv states one


def test_files_stating_different_years_are_named(files, tmp_path):
    power = tmp_path / "供电.csv"
    power.write_bytes("2023年用电量,,\n".encode("utf-8-sig") + files["power"].read_bytes())
    both = dict(files, power=power)
    year, disagree = stated_year(_collect(both))
    assert year == 2024  # a tie: the later year
    assert disagree == {"税务.csv": 2024, "供电.csv": 2023}


# walk10: a layer saved from the Chinese page read on the English one (and back)
def test_the_proposed_source_reads_in_the_pages_language():
    from geo.collect.saving import in_language

    zh = "数据归集：税务、统计、供电、自然资源"
    en = "Collected from: Tax office, Statistics office, Power company, Natural resources bureau"
    assert in_language(zh, lang="en") == en
    assert in_language(en, lang="zh") == zh
    assert in_language(zh, lang="zh") == zh


def test_the_recorded_files_read_in_the_pages_language():
    from geo.collect.saving import in_language

    zh = "企业名录：名录_真.xlsx；税务：税务 2024.csv；生态环境：env.xlsx"
    assert (
        in_language(zh, lang="en")
        == "Register: 名录_真.xlsx; Tax office: 税务 2024.csv; Environment bureau: env.xlsx"
    )
    assert in_language(in_language(zh, lang="en"), lang="zh") == zh


def test_a_source_the_user_wrote_is_kept_as_written():
    from geo.collect.saving import in_language

    assert in_language("数据归集：税务、区工信局", lang="en") == "数据归集：税务、区工信局"
    assert in_language("区工信局 2024", lang="en") == "区工信局 2024"
    assert in_language("parks.zip", lang="en") == "parks.zip"
    assert in_language(None, lang="en") == ""
    assert in_language(float("nan"), lang="zh") == ""
    with pytest.raises(ValueError):
        in_language("x", lang="fr")

"""A synthetic demo firm in English (walk 12): "苏州盛泽恒泰纺织有限公司 (synthetic)", not "…（合成）",
in every English table that names firms (the map view's files: tests/unit/exports/
test_imported_layer_columns.py; the 亩均 tables and workbook, the 公示 rows, the parcels' lists and
panel, the city map's list: tests/app/test_english_places.py, tests/app/test_city_view.py); the
Chinese keeps the data's name; a file the English page wrote reads back as the Chinese one."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.messages.names import data_firm_name, firm_name
from geo.yearly.notice_words import notice_values

SYNTHETIC = "苏州盛泽恒泰纺织有限公司（合成）"
ENGLISH = "苏州盛泽恒泰纺织有限公司 (synthetic)"
REAL = "吴江盛泽天虹织造有限公司"


def test_firm_names_in_each_language_and_read_back():
    assert firm_name(SYNTHETIC, "en") == ENGLISH
    assert firm_name(SYNTHETIC, "zh") == SYNTHETIC
    assert firm_name(REAL, "en") == REAL  # a firm's own name as given
    assert firm_name(None, "en") is None
    assert data_firm_name(ENGLISH) == SYNTHETIC
    assert data_firm_name("Acme (synthetic fibres) Ltd") == "Acme (synthetic fibres) Ltd"


def test_an_english_file_of_the_demo_firms_reads_back_under_their_names():
    from geo import ingest

    head = "企业名称,所在区镇,行业,用地面积（亩）,税收（万元）,销售收入（万元）,经度,纬度"
    table = f"{head}\n{ENGLISH},Shengze Town,High-end textiles,10,100,1000,120.65,30.91\n"
    frame = ingest.read_upload(table.encode(), "firms.csv", kind="enterprises", frame="wgs84").frame
    assert frame["name"].tolist() == [SYNTHETIC]


@pytest.mark.parametrize(("lang", "name"), [("zh", SYNTHETIC), ("en", ENGLISH)])
def test_the_notice_rows_mark_a_synthetic_firm_in_the_lists_language(lang, name):
    rows = pd.DataFrame({"ent_id": ["WJ1", "U2"], "name": [SYNTHETIC, REAL]})
    assert notice_values(rows, lang)["name"].tolist() == [name, REAL]


@pytest.mark.parametrize(("lang", "name"), [("zh", SYNTHETIC), ("en", ENGLISH)])
def test_the_efficiency_and_parcel_tables_mark_a_synthetic_firm_in_the_pages_language(lang, name):
    from pages.efficiency.tables import english_values, profile_heading
    from pages.intensity.parcel_tabs import in_words, panel_value

    rows = pd.DataFrame({"ent_id": ["WJ1", "U2"], "name": [SYNTHETIC, REAL]})
    shown = english_values(rows) if lang == "en" else rows
    assert shown["name"].tolist() == [name, REAL]
    profile = pd.DataFrame({"year": [2024], "name": [SYNTHETIC], "industry": ["高端纺织"]})
    assert profile_heading(profile, "WJ1", lang).startswith(name)
    parcels = pd.DataFrame(
        {"parcel_id": ["P1"], "ent_name": [SYNTHETIC], "reasons": ["x"], "reasons_en": ["x"]}
    )
    assert in_words(parcels, lang)["ent_name"].tolist() == [name]
    assert panel_value("ent_name", SYNTHETIC, lang) == name


def test_the_efficiency_maps_tooltips_mark_a_synthetic_firm_in_english():
    """The 亩均 map's class points and warnings name the firm as the ranking does."""
    from layers import efficiency_classes, eval_warnings

    frame = pd.DataFrame({"name": [SYNTHETIC, REAL]})
    for layer in (efficiency_classes.LAYER, eval_warnings.LAYER):
        field = next(f for f in layer.tooltip_fields if f.column == "name")
        assert field.shown(frame, "en").tolist() == [ENGLISH, REAL]
        assert field.shown(frame, "zh").tolist() == [SYNTHETIC, REAL]

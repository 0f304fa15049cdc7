"""Every sheet of every workbook the atlas writes has a whole name (issue 23, walk8): Excel takes 31
characters, and a title longer than that is never cut between words ("Parcels below the control");
a layer whose title does not fit names its sheet by a short name from the catalogue, and the
workbook's sources sheet gives the whole title.

The layers are every layer a page builds (the registry, each layer's variants for every industry
and every indicator, the evaluation's and 用地强度's), in both languages; the other workbooks' sheet
titles come from their catalogues."""

from __future__ import annotations

import io

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import Point

from geo.collect.labels import label
from geo.evaluation.ratios import RATIOS
from geo.exports.sheets import SHEET_MAX, fitting_name, is_whole, sheet_names
from geo.land.parcels import PARCEL_METRICS
from geo.messages import message, t
from geo.messages.names import INDUSTRY_EN
from geo.spatial.classify import Classes
from layers import (
    REGISTRY,
    carrier_parks,
    clusters,
    corridor_axes,
    corridor_belts,
    dev_zones,
    efficiency_classes,
    enterprise_counts,
    enterprises,
    eval_warnings,
    intensity,
    zone_classes,
)
from layers import parcels as parcel_layer
from layers.base import Layer
from layers.mapview import MapLayer
from layers.offline_html import map_downloads
from tests.fixtures.parcels import intensity_map_items

CLASSES = Classes("quantiles", 0.0, (1.0, 2.0))


def _every_layer() -> list[Layer]:
    out = [*REGISTRY.values(), eval_warnings.LAYER, efficiency_classes.LAYER, zone_classes.LAYER]
    out += [parcel_layer.LAYER, parcel_layer.below_minimum(), enterprise_counts.LAYER]
    one = gpd.GeoDataFrame({"n_enterprises": [1]}, geometry=[Point(120.6, 31.0)], crs="EPSG:4326")
    for industry, english in INDUSTRY_EN.items():
        out.append(clusters.for_industry(industry))
        out += [m.for_industry(industry) for m in (corridor_axes, corridor_belts, dev_zones, carrier_parks)]
        out.append(enterprise_counts.for_counts(one, what_zh=f"「{industry}」", what_en=f"{english} "))
    out.append(enterprise_counts.for_counts(one, what_zh="参评", what_en="Scored"))
    out.append(enterprise_counts.for_counts(one, what_zh="", what_en=""))
    out += [parcel_layer.by_metric_class(metric, CLASSES) for metric in PARCEL_METRICS]
    for r in RATIOS:
        out.append(enterprises.by_metric_class(r.key, CLASSES, label_zh=r.label_zh, label_en=r.label_en))
        out.append(intensity.for_metric(r.key, CLASSES))
    return out


LAYERS = _every_layer()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_layer_names_its_sheet_whole(lang):
    cut = {}
    for layer in LAYERS:
        title = layer.sheet_title(lang)
        name = sheet_names([title], lang=lang)[0]
        if not is_whole(title, name):
            cut[layer.title(lang)] = name
        if title != layer.title(lang):  # a short name only where the title does not fit whole
            assert not is_whole(layer.title(lang), sheet_names([layer.title(lang)], lang=lang)[0])
    assert not cut, cut


def test_a_title_names_its_enterprises_once_and_in_sentence_case():
    titles = {layer.title("en") for layer in LAYERS}
    assert not [s for s in titles if "  " in s or s != s.strip()]
    assert "High-end textiles enterprises per town (aggregated)" in titles
    assert "Enterprises per town (aggregated)" in titles
    assert "Enterprises by sales per mu class (synthetic)" in titles  # not "by Sales per mu"
    assert "Enterprises by R&D share of sales class (synthetic)" in titles


def test_the_short_names_read_as_the_layer():
    by_title = {layer.title("en"): layer.sheet_title("en") for layer in LAYERS}
    assert by_title["Parcels below the control minimum (synthetic)"] == "Parcels below minimum"
    assert by_title["Parcels by investment per mu class (synthetic)"] == "Parcels by investment per mu"
    assert by_title["Enterprises by value added per tce class (synthetic)"] == "Firms by value added per tce"
    assert by_title["High-end textiles: core / supporting towns"] == "Core and supporting towns"
    assert by_title["Tax per mu by town"] == "Tax per mu by town"


def test_fitting_name_takes_the_first_that_fits_whole():
    assert (
        fitting_name("Short (a very long note that would not fit at all)", "x")
        == "Short (a very long note that would not fit at all)"
    )
    assert fitting_name("A title of well over thirty-one characters", "Short") == "Short"
    with pytest.raises(ValueError):
        fitting_name()


def _titles_of_the_other_workbooks(lang: str) -> list[str]:
    years = {"prev": 2021, "year": 2022}
    return [
        *(label(f"sheet.{k}", lang) for k in ("summary", "register", "issues", "assembled", "provenance")),
        t("data.report_sheet", lang),
        message("exports.zone_table.sheet", lang),
        message("exports.zone_table.rules", lang),
        message("exports.about.sheet", lang),
        t("parcel.tab.contracts", lang),
        *(t(f"city.cycle.{k}", lang).format(**years) for k in ("transitions", "warnings", "surcharges")),
        t("city.cycle.districts", lang),
        t("city.cycle.dev_zones", lang),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_other_workbooks_sheet_titles_are_whole(lang):
    titles = _titles_of_the_other_workbooks(lang)
    names = sheet_names(titles, lang=lang)
    assert [n for n, title in zip(names, titles, strict=True) if not is_whole(title, n)] == []


@pytest.fixture(scope="module")
def parcel_items() -> list[MapLayer]:
    """用地强度's map as the page builds it: parcels by FAR with the red outlines above."""
    return intensity_map_items()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Parcels by FAR class", "Parcels below minimum", "About"]),
        ("zh", ["宗地容积率分级（合成）", "低于控制下限的宗地（合成）", "说明"]),
    ],
)
def test_the_intensity_map_workbook_names_its_sheets_whole(parcel_items, lang, expected):
    data = map_downloads("t", parcel_items, lang=lang)["xlsx"].data()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == expected
    assert all(len(n) <= SHEET_MAX for n in wb.sheetnames)
    about = [str(c.value) for row in wb[expected[-1]].iter_rows() for c in row if c.value is not None]
    if lang == "en":  # the sheet named short lists the layer's whole title
        assert "Parcels below the control minimum (synthetic)" in about

"""read_upload's options object and its locating strategies; evaluate_files' options object."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo import batch, ingest
from geo.cli.evaluate import OPTION_NAMES as CLI_NAMES
from geo.ingest import ReadOptions

ZONES = gpd.GeoDataFrame(
    {"name": ["盛泽镇", "七都镇"]},
    geometry=[shapely.box(120.6, 30.85, 120.7, 30.95), shapely.box(120.4, 30.9, 120.5, 31.0)],
    crs=4326,
)
TABLE = pd.DataFrame(
    {"区镇": ["盛泽镇", "七都镇"], "经度": [120.65, 120.45], "纬度": [30.9, 30.95], "产值": [1.5, 2.5]}
)


def _csv() -> bytes:
    return TABLE.to_csv(index=False).encode("utf-8-sig")


def test_an_options_object_reads_as_the_same_choices_by_name():
    by_name = ingest.read_upload(_csv(), "t.csv", frame="gcj02", lon_col="经度", lat_col="纬度")
    by_object = ingest.read_upload(
        _csv(), "t.csv", ReadOptions(frame="gcj02", lon_col="经度", lat_col="纬度")
    )
    assert by_object.frame.equals(by_name.frame) and by_object.notes == by_name.notes
    # Choices by name are laid over an options object.
    over = ingest.read_upload(_csv(), "t.csv", ReadOptions(frame="bd09"), frame="gcj02")
    assert over.frame.equals(by_name.frame) and over.source_frame == "gcj02"
    with pytest.raises(TypeError):
        ingest.read_upload(_csv(), "t.csv", no_such_choice=1)


def test_each_input_is_located_by_its_own_strategy():
    by_columns = ingest.read_upload(_csv(), "t.csv")  # lon/lat found by their names
    assert (by_columns.source_crs, by_columns.source_frame) == ("EPSG:4326", "wgs84")
    assert [round(p.x, 2) for p in by_columns.frame.geometry] == [120.65, 120.45]
    by_zone = ingest.read_upload(_csv(), "t.csv", zones=ZONES, zone_key="name", join_col="区镇")
    # Placed by the zones' geometry: no CRS or frame of its own (the provenance says "zone join").
    assert (by_zone.source_crs, by_zone.source_frame) == ("zone join", "")
    assert by_zone.frame.geometry.iloc[1].equals(ZONES.geometry.iloc[1])
    vector = gpd.GeoDataFrame(TABLE, geometry=gpd.points_from_xy(TABLE["经度"], TABLE["纬度"]), crs=4326)
    from_file = ingest.read_upload(vector.to_json().encode(), "t.geojson")
    assert (from_file.source_crs, from_file.source_frame) == ("EPSG:4326", "wgs84")


def test_a_zone_join_without_its_columns_is_refused():
    with pytest.raises(ingest.DataValidationError, match="按分区关联时需要指定表格的关联列和分区图层的字段"):
        ingest.read_upload(_csv(), "t.csv", zones=ZONES, zone_key="name")


def test_every_evaluation_option_is_a_command_line_option():
    from geo.cli import build_parser

    args = build_parser().parse_args(["evaluate", "z.gpkg", "e.csv", "-o", "out/", "--year", "2022"])
    names = {f.name for f in dataclasses.fields(batch.EvaluationOptions)}
    assert all(hasattr(args, CLI_NAMES.get(name, name)) for name in names)
    assert set(CLI_NAMES) <= names and args.year == 2022

"""The change log names a file by its own name, never by the server's path to it."""

from __future__ import annotations

import math

import pytest

from geo.storage.audit import shown_file_name


@pytest.mark.parametrize(
    ("recorded", "shown"),
    [
        ("/srv/atlas/in/parks.zip", "parks.zip"),
        ("/work/main/data/atlas.gpkg", "atlas.gpkg"),
        (r"C:\Users\张三\Desktop\企业名录.xlsx", "企业名录.xlsx"),
        ("parks.zip", "parks.zip"),
        ("postgresql://atlas:***@10.0.0.5:5432/atlas_db", "atlas_db"),
        ("postgresql://atlas@db/atlas_db?sslmode=require", "atlas_db"),
        ("", ""),
        (None, ""),
        (math.nan, ""),
    ],
)
def test_a_recorded_path_shows_its_file_name_only(recorded, shown):
    assert shown_file_name(recorded) == shown

"""Inputs the command-line tests share: the evaluate fixture under a name that states its year, an
enterprise table that does too, and park layers with and without a recognised name column."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo import ingest
from tests.fixtures.evaluation import evaluation_files, user_parks_files

DATED_ROWS = (
    "企业名称,所在镇（区）,用地面积（亩）,实缴税金（万元）,销售收入（万元）,经度,纬度\n"
    "甲公司,盛泽镇,10,50,1000,120.6412,30.9023\n"
    "乙公司,盛泽镇,20,90,3000,120.6521,30.9137\n"
)


@pytest.fixture
def named(tmp_path: Path) -> tuple[Path, Path]:
    """The hand-worked zones, and the enterprises (no year column) in a file whose name states 2024
    (what each class pays is worked out, and the configuration's 差别化污水处理费 has no consumption
    column)."""
    return evaluation_files(tmp_path, "吴江企业亩均_2024.gpkg")


@pytest.fixture
def table(tmp_path: Path) -> Path:
    """Two firms of 盛泽镇 in a CSV (WGS-84) whose name states 2024."""
    path = tmp_path / "吴江企业亩均_2024.csv"
    path.write_text(DATED_ROWS, encoding="utf-8")
    return path


@pytest.fixture
def user_parks(tmp_path: Path) -> tuple[Path, Path]:
    """The zones under a user's park names and the enterprises: :func:`user_parks_files`."""
    return user_parks_files(tmp_path)


@pytest.fixture
def parks(tmp_path: Path) -> Path:
    """Two parks (P1, P2) in a GeoJSON, their names under ``name``."""
    path = tmp_path / "parks.geojson"
    frame = gpd.GeoDataFrame(
        {"name": ["P1", "P2"]},
        geometry=[box(120.60, 31.20, 120.61, 31.21), box(120.62, 31.22, 120.63, 31.23)],
        crs="EPSG:4326",
    )
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    return path


@pytest.fixture
def unnamed_parks(tmp_path):
    """Two parks whose name column (简称) the atlas does not recognise."""
    frame = gpd.GeoDataFrame(
        {"简称": ["吴江经开区", "汾湖高新区"], "面积亩": [3499.2, 1200.0]},
        geometry=[box(120.6, 31.1, 120.65, 31.15), box(120.8, 31.0, 120.85, 31.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "园区范围.gpkg"
    frame.to_file(path, layer="parks", driver="GPKG")
    return path


@pytest.fixture
def own_user_store(tmp_path, monkeypatch):
    """The user store in the test's folder, the command line's language not set by $ATLAS_LANG."""
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    return path

"""``python -m geo.cli evaluate ZONES TABLE --parcels PARCELS`` on the hand-worked parcel fixture."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from tests.fixtures.cli import run_evaluate
from tests.fixtures.parcels import enterprises, parcels, zones

WGS84 = ("--coords", "wgs84")  # the table's 经度/纬度 are the fixture's points in EPSG:4326


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    zones_path = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    parcels_path = tmp_path / "宗地.gpkg"  # a bureau's file: Chinese headers, Gauss-Kruger metres
    pyogrio.write_dataframe(parcels(chinese=True), parcels_path, layer="zd", driver="GPKG")
    bare_path = tmp_path / "parcels_without_ids.geojson"
    pyogrio.write_dataframe(parcels().drop(columns="ent_id").to_crs("EPSG:4326"), bare_path, driver="GeoJSON")
    wgs = enterprises(with_land=False).to_crs("EPSG:4326")
    table = pd.DataFrame(wgs.drop(columns="geometry")).assign(经度=wgs.geometry.x, 纬度=wgs.geometry.y)
    csv_path = tmp_path / "enterprises_without_land.csv"
    table.to_csv(csv_path, index=False, encoding="utf-8-sig")
    return {"zones": zones_path, "parcels": parcels_path, "bare": bare_path, "csv": csv_path}


def test_evaluate_with_parcels_gives_land_from_geometry_and_the_low_efficiency_parcels(
    files, tmp_path, capsys
):
    out = tmp_path / "out"
    assert run_evaluate(files["zones"], files["csv"], out, *WGS84, "--parcels", files["parcels"]) == 0
    printed = capsys.readouterr().out
    assert "宗地 8 宗" in printed and "不在任何区域内的宗地 1 宗：P7" in printed
    zone_table = pd.read_csv(out / "zone_metrics.csv", encoding="utf-8-sig").set_index("zone")
    # Enterprise land by the enterprise points: 东区 E1 18 + E2 9 + E5 3; 西区 E3 15 + E4 (6 + 3).
    assert zone_table["land_mu"].round(6).to_dict() == {"东区": 30.0, "西区": 24.0}
    # Parcels in each zone: 东区 P1 + P2 + P3 + P8 = 30, 西区 P4 + P5 + P6 = 24 (P7 in none); idle P6.
    assert zone_table["parcel_land_mu"].round(6).to_dict() == {"东区": 30.0, "西区": 24.0}
    assert zone_table["idle_land_mu"].round(6).to_dict() == {"东区": 0.0, "西区": 3.0}
    classes = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig").set_index("ent_id")
    assert classes.loc["E1", "land_mu"] == pytest.approx(18.0)  # its two parcels, 15 + 3
    assert classes.loc["E1", "n_parcels"] == 2
    low = pd.read_csv(out / "low_efficiency_parcels.csv", encoding="utf-8-sig")
    assert list(low.columns[:2]) == ["parcel_id", "reasons"]
    assert dict(zip(low["parcel_id"], low["reason_keys"], strict=True)) == {
        "P3": "far_below_min",
        "P4": "coverage_below_min",
        "P6": "idle",
    }
    assert low.set_index("parcel_id").loc["P3", "reasons"] == "容积率低于控制下限"
    contracts = pd.read_csv(out / "parcel_contracts.csv", encoding="utf-8-sig").set_index("parcel_id")
    assert contracts["verdict"].to_dict() == {"P4": "未达标", "P5": "达标", "P7": "未到达产期"}


def test_evaluate_with_parcels_joins_by_location_when_they_carry_no_ids(files, tmp_path, capsys):
    out = tmp_path / "out"
    assert run_evaluate(files["zones"], files["csv"], out, *WGS84, "--parcels", files["bare"]) == 0
    assert "按位置" in capsys.readouterr().out
    classes = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig").set_index("ent_id")
    # By location only the parcel holding the point counts: E1 15, E4 6.
    assert classes.loc["E1", "land_mu"] == pytest.approx(15.0, abs=1e-6)
    assert classes.loc["E4", "land_mu"] == pytest.approx(6.0, abs=1e-6)
    low = pd.read_csv(out / "low_efficiency_parcels.csv", encoding="utf-8-sig")
    # P2 and P7 hold no enterprise point: idle now, beside P6.
    assert set(low["parcel_id"]) == {"P2", "P3", "P4", "P6", "P7"}


def test_evaluate_with_bad_parcels_exits_2_with_a_chinese_message(files, tmp_path, capsys):
    missing = tmp_path / "none.gpkg"
    assert run_evaluate(files["zones"], files["csv"], tmp_path / "o", *WGS84, "--parcels", missing) == 2
    assert "找不到宗地文件" in capsys.readouterr().err

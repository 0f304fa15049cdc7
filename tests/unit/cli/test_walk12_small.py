"""Small things the walk 12 (issue 23) met on the command line: ``delete`` gave the page's advice,
``import --inspect`` printed "layers: — (current: —)", the zone table's year was blank ("Year: ;")."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

from geo.cli import main
from tests.fixtures.evaluation import enterprises, zones


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def parks(tmp_path: Path) -> Path:
    path = tmp_path / "parks.geojson"
    frame = gpd.GeoDataFrame(
        {"name": ["P1", "P2"]},
        geometry=[box(120.60, 31.20, 120.61, 31.21), box(120.62, 31.22, 120.63, 31.23)],
        crs="EPSG:4326",
    )
    frame.to_file(path, driver="GeoJSON", engine="pyogrio")
    return path


def test_delete_of_an_unknown_layer_names_the_stored_ones_not_the_page(tmp_path, parks, capsys):
    store = tmp_path / "s.gpkg"
    assert main(["--lang", "en", "delete", "user_nosuch", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "holds no imported layer yet" in err and "python -m geo.cli import" in err, err
    saved = ["import", str(parks), "--kind", "zones", "--name", "parks", "--title", "Parks"]
    assert main([*saved, "--source", "test", "--accuracy", "real", "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "delete", "user_nosuch", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "Reload the page" not in err and "(Data) page" not in err and not _has_chinese(err), err
    assert "The imported layers of this store: user_parks" in err
    assert "python -m geo.cli delete user_parks" in err
    assert main(["delete", "user_nosuch", "--store", str(store)]) == 2
    assert "此存储中的导入图层：user_parks" in capsys.readouterr().err


def test_inspect_names_layers_only_when_there_is_a_choice(tmp_path, parks, capsys):
    assert main(["--lang", "en", "import", str(parks), "--inspect"]) == 0
    out = capsys.readouterr().out
    assert "Format: geojson; records: 2" in out
    assert "—" not in out.splitlines()[0] and "current" not in out, out
    two = tmp_path / "two.gpkg"
    frame = gpd.read_file(parks)
    pyogrio.write_dataframe(frame, two, layer="a", driver="GPKG")
    pyogrio.write_dataframe(frame, two, layer="b", driver="GPKG", append=True)
    assert main(["--lang", "en", "import", str(two), "--inspect", "--layer", "b"]) == 0
    out = capsys.readouterr().out
    assert "The file's layers (or sheets): a, b; reading “b”, choose another with --layer" in out, out


def test_an_unknown_year_is_said_and_the_files_year_taken(tmp_path, capsys, monkeypatch):
    """The year a file's name states is taken and said, as import takes it (walk 15 item 4); a
    file that states none is evaluated for a year not stated."""
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    zones_path = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    table = tmp_path / "企业_2024.gpkg"
    pyogrio.write_dataframe(enterprises(), table, layer="enterprises", driver="GPKG")
    undated = tmp_path / "企业.gpkg"
    pyogrio.write_dataframe(enterprises(), undated, layer="enterprises", driver="GPKG")
    scores = tmp_path / "zones.csv"
    out = tmp_path / "ev"
    command = ["evaluate", str(zones_path), str(table), "-o", str(out), "--zones-out", str(scores)]
    assert main(["--lang", "en", *command]) == 0
    assert "Year 2024 taken from the file's name; if that is not its year" in capsys.readouterr().out
    written = pd.read_csv(scores, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(written["Evaluation year"]) == {"2024"}
    shutil.rmtree(out)
    assert main(["--lang", "en", *[str(undated) if c == str(table) else c for c in command]]) == 0
    assert "taken from" not in capsys.readouterr().out
    written = pd.read_csv(scores, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(written["Evaluation year"]) == {"not stated"}
    assert written["Rules"][0].startswith("Year: not stated; ")
    shutil.rmtree(out)
    assert main([*command, "--year", "2024"]) == 0
    assert "--year 2024" not in capsys.readouterr().out
    written = pd.read_csv(scores, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert set(written["评价年份"]) == {"2024"} and written["评价规则"][0].startswith("年份：2024；")

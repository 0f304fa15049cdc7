"""What the walk 14 met on the command line: a firm outside every zone was blank in ``evaluate``'s
files though the page's files write — (item 6)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio

from geo.cli import main
from tests.fixtures.evaluation import enterprises, zones


def _classes(out: Path) -> pd.DataFrame:
    path = out / "enterprise_classes.csv"
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_evaluate_files_write_a_dash_for_a_place_not_known(tmp_path, capsys):
    zones_path = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    table = tmp_path / "企业.gpkg"
    pyogrio.write_dataframe(enterprises(), table, layer="enterprises", driver="GPKG")
    command = ["evaluate", str(zones_path), str(table), "--year", "2024", "-o"]
    headers = {"zh": ("区镇/园区", "所在区镇（填报）"), "en": ("Town/park", "Town (as reported)")}
    for lang, (zone, town) in headers.items():
        assert main([*command, str(tmp_path / lang), "--lang", lang]) == 0
        written = _classes(tmp_path / lang)
        rows = written.set_index(written.columns[0])
        assert rows.loc["E09", zone] == "—" and rows.loc["E10", zone] == "—", rows[[zone]]
        assert rows.loc["E10", town] == "—" and rows.loc["E01", zone] != "—"
    assert main([*command, str(tmp_path / "raw"), "--raw"]) == 0  # for programs: blank stays blank
    written = _classes(tmp_path / "raw")
    assert "—" not in set(written["zone"]) and written.set_index("ent_id").loc["E09", "zone"] == ""

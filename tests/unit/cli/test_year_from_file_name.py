"""The year a file's name states (吴江企业亩均_2024): ``import`` and ``evaluate`` take it and say so, as
the 数据管理 page does (walk 14 item 5, walk 15 item 4); ``--year`` overrides it; a file that states
none is evaluated for a year not stated, written so in the zone table (walk 12: "Year: ;")."""

from __future__ import annotations

import shutil

import pandas as pd
import pyogrio

from geo import ingest
from geo.cli import main
from tests.fixtures.cli import import_table
from tests.fixtures.evaluation import enterprises, zones


def test_import_takes_the_year_the_file_name_states_and_says_so(tmp_path, table, capsys):
    store = tmp_path / "s.gpkg"
    assert main(import_table(table, store)) == 0
    assert "年份 2024 取自文件名；如不是，请用 --year 指定" in capsys.readouterr().out
    name = "user_enterprises_吴江企业亩均_2024"
    assert set(ingest.load_user_layer(name, path=store)["year"]) == {2024}
    assert main(import_table(table, store, "--replace", "--year", "2023", lang="en")) == 0
    out = capsys.readouterr().out
    assert "Year 2024" not in out and "Year 2023" not in out, out
    assert set(ingest.load_user_layer(name, path=store)["year"]) == {2023}
    assert main(import_table(table, store, "--dry-run", lang="en")) == 0
    assert "Year 2024 taken from the file's name; if that is not its year, give it with --year" in (
        capsys.readouterr().out
    )


def test_evaluate_takes_the_year_the_file_name_states_and_says_so_as_import(named, tmp_path, capsys):
    zones_path, table = named
    command = ["evaluate", str(zones_path), str(table), "--raw", "-o"]
    assert main(["--lang", "zh", *command, str(tmp_path / "zh")]) == 0
    out = capsys.readouterr().out
    assert "年份 2024 取自文件名；如不是，请用 --year 指定" in out, out
    assert "如是请加 --year" not in out
    assert (tmp_path / "zh" / "class_surcharges.csv").exists()  # the year known: what each class pays
    assert main(["--lang", "en", *command, str(tmp_path / "en")]) == 0
    out = capsys.readouterr().out
    assert "Year 2024 taken from the file's name; if that is not its year, give it with --year" in out, out
    assert main(["--lang", "en", *command, str(tmp_path / "y"), "--year", "2023"]) == 0  # --year overrides
    out = capsys.readouterr().out
    assert "Year 2024" not in out and "taken from" not in out, out


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

"""``python -m geo.cli evaluate --previous PREV`` / ``--year Y`` on the hand-worked two-year fixture
(tests/fixtures/years.py): the exact class transitions, entrants and leavers included."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import yaml
from shapely.geometry import box

from tests.fixtures import upload as upload_fixtures
from tests.fixtures import years as fx
from tests.fixtures.cli import run_evaluate


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    zones = gpd.GeoDataFrame(
        {"name": ["甲镇", "乙镇"]},
        geometry=[box(120.0, 31.0, 120.1, 31.1), box(120.1, 31.0, 120.2, 31.1)],
        crs=4326,
    )
    paths = {
        "zones": tmp_path / "zones.geojson",
        "config": tmp_path / "rules.yaml",
        "all": tmp_path / "all.csv",
    }
    zones.to_file(paths["zones"], driver="GeoJSON")
    paths["config"].write_text(yaml.safe_dump(fx.CONFIG_RAW, allow_unicode=True), encoding="utf-8")
    fx.table().to_csv(paths["all"], index=False, encoding="utf-8-sig")
    for y in (2021, 2022):
        paths[y] = tmp_path / f"enterprises_{y}.csv"
        fx.year(y).drop(columns="year").to_csv(paths[y], index=False, encoding="utf-8-sig")
    return paths


def _run(files, table: Path, out: Path, *extra: str) -> int:
    return run_evaluate(files["zones"], table, out, "-c", files["config"], "--zone-column", "town", *extra)


def _transitions(out: Path) -> dict[tuple[str, str], tuple[int, float]]:
    frame = pd.read_csv(out / "class_transitions.csv", encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns) == ["from_class", "to_class", "n_enterprises", "land_mu"]
    return {(r.from_class, r.to_class): (r.n_enterprises, r.land_mu) for r in frame.itertuples()}


def test_previous_year_table_gives_the_exact_transitions(files, tmp_path, capsys):
    out = tmp_path / "out"
    # Tables without a year column: --year says which year this one is (last year's is 2021).
    assert _run(files, files[2022], out, "--previous", str(files[2021]), "--year", "2022") == 0
    assert _transitions(out) == fx.EXPECTED_TRANSITIONS
    changes = pd.read_csv(out / "enterprise_changes.csv", encoding="utf-8-sig", keep_default_na=False)
    assert len(changes) == 10
    by_id = changes.set_index("ent_id")
    assert by_id.loc["N2", "from_class"] == "NEW" and by_id.loc["P8", "to_class"] == "GONE"
    assert by_id.loc["P5", "moved_by"] == "亩均税收 8.50→2.00 万元/亩（-65.0 分）"
    printed = capsys.readouterr().out
    assert "新进入 2 家，退出 2 家，升档 2 家，降档 2 家" in printed
    assert "NEW→T 1 家" in printed
    # A file named for its year is that year's, as import takes it (walk 15 item 4), and says so.
    assert _run(files, files[2022], tmp_path / "named", "--previous", str(files[2021])) == 0
    assert _transitions(tmp_path / "named") == fx.EXPECTED_TRANSITIONS
    assert "年份 2022 取自文件名；如不是，请用 --year 指定" in capsys.readouterr().out
    # Without the year the years-in-production rule cannot apply, and says so: N1 is scored (B).
    undated_table = tmp_path / "enterprises.csv"
    undated_table.write_bytes(files[2022].read_bytes())
    assert _run(files, undated_table, tmp_path / "undated", "--previous", str(files[2021])) == 0
    undated = _transitions(tmp_path / "undated")
    assert undated[("NEW", "B")] == (1, 8.0) and ("NEW", "T") not in undated
    assert "未应用“投产不满年限不参评”规则" in capsys.readouterr().out


def test_year_column_picks_the_year_and_compares_with_the_year_before(files, tmp_path):
    out = tmp_path / "by_year"
    assert _run(files, files["all"], out, "--year", "2022") == 0
    assert _transitions(out) == fx.EXPECTED_TRANSITIONS
    classes = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig")
    assert sorted(classes["ent_id"]) == ["N1", "N2", "P1", "P2", "P3", "P4", "P5", "P6"]
    assert set(classes["year"]) == {2022}
    warnings = pd.read_csv(out / "early_warnings.csv", encoding="utf-8-sig")
    # With 2020 in the table the "two years falling" rule can fire (P1: 10 → 9 → 5.5 万元/亩).
    got = warnings.groupby("rule")["ent_id"].apply(sorted).to_dict()
    assert got == {"class_drop": ["P1", "P5"], "falling": ["P1"], "bottom_pct": ["P5"]}
    pay = pd.read_csv(out / "class_surcharges.csv", encoding="utf-8-sig").set_index("ent_id")
    # 2022's D is P5: 300,000 kWh × 0.30 元 + 4,000 m³ × 0.17 元 = 90,680 元 = 9.068 万元.
    assert pay.loc["P5", "total_wan_yuan"] == pytest.approx(9.068)
    assert pay["total_wan_yuan"].drop("P5").eq(0).all()
    # 2021 compared with 2020, where only P1 was: 7 entrants, no leaver.
    out21 = tmp_path / "y2021"
    assert _run(files, files["all"], out21, "--year", "2021") == 0
    t21 = _transitions(out21)
    assert t21[("A", "A")] == (1, 10.0)
    assert sum(n for (f, _), (n, _) in t21.items() if f == "NEW") == 7
    assert not any(to == "GONE" for _, to in t21)


def test_previous_as_published_classes(files, tmp_path, capsys):
    first = tmp_path / "2021"
    assert _run(files, files[2021], first, "--lang", "zh", "--year", "2021") == 0
    published = first / "enterprise_classes.csv"
    assert "评价类别" in pd.read_csv(published, encoding="utf-8-sig").columns
    out = tmp_path / "cmp"
    assert _run(files, files[2022], out, "--previous", str(published), "--year", "2022") == 0
    assert _transitions(out) == fx.EXPECTED_TRANSITIONS
    assert "上年已公布类别" in capsys.readouterr().out


def test_year_errors_exit_2(files, tmp_path, capsys):
    assert _run(files, files["all"], tmp_path / "x") == 2
    assert "多个年份" in capsys.readouterr().err
    assert _run(files, files["all"], tmp_path / "y", "--year", "2030") == 2
    assert "没有 2030 年的数据" in capsys.readouterr().err


def test_a_previous_year_workbook_is_bounded_like_an_upload(files, tmp_path, capsys):
    bomb = tmp_path / "last.xlsx"
    bomb.write_bytes(upload_fixtures.lying_xlsx())  # a sheet of 1 GiB behind "1,000 bytes"
    assert _run(files, files[2022], tmp_path / "out", "--previous", str(bomb), "--year", "2022") == 2
    err = capsys.readouterr().err
    assert "写明的 1,000 字节多" in err and "Traceback" not in err

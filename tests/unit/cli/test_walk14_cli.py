"""What the walk 14 met on the command line: a re-imported file byte for byte the stored one was not
said to be identical (item 4), the year an enterprise file's name states was left out by ``import``
though the page takes it (item 5), and a firm outside every zone was blank in ``evaluate``'s files
though the page's files write — (item 6)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from geo import ingest
from geo.cli import main
from tests.fixtures.evaluation import evaluation_files

_ROWS = (
    "企业名称,所在镇（区）,用地面积（亩）,实缴税金（万元）,销售收入（万元）,经度,纬度\n"
    "甲公司,盛泽镇,10,50,1000,120.6412,30.9023\n"
    "乙公司,盛泽镇,20,90,3000,120.6521,30.9137\n"
)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "吴江企业亩均_2024.csv"
    path.write_text(_ROWS, encoding="utf-8")
    return path


def _import(table: Path, store: Path, *more: str, lang: str = "zh") -> list[str]:
    given = ["--frame", "wgs84", "--source", "测试", "--accuracy", "real", "--store", str(store)]
    return ["--lang", lang, "import", str(table), *given, *more]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_identical_file_is_said_so_and_changes_nothing_unless_replace(tmp_path, table, capsys):
    store = tmp_path / "s.gpkg"
    assert main(_import(table, store)) == 0
    capsys.readouterr()
    before = _digest(store)
    assert main(_import(table, store, lang="en")) == 0  # nothing to do is not an error
    out = capsys.readouterr().out
    assert "This file is identical to the imported “吴江企业亩均_2024” (same SHA-256; imported 20" in out, out
    assert "Beijing time, table user_enterprises_吴江企业亩均_2024)" in out, out
    assert "nothing was changed. To replace that layer anyway, add --replace" in out, out
    assert _digest(store) == before
    assert main(_import(table, store)) == 0
    out = capsys.readouterr().out
    assert "这个文件与已导入的「吴江企业亩均_2024」内容相同（SHA-256 一致；20" in out, out
    assert "北京时间" in out, out
    assert "未作改动" in out and _digest(store) == before
    assert main(_import(table, store, "--replace", lang="en")) == 0
    out = capsys.readouterr().out
    assert "This file is identical to the imported" in out, out
    assert "Replaced the layer “user_enterprises_吴江企业亩均_2024” with the same content" in out, out
    layers = ingest.list_user_layers(path=store)
    assert list(layers["layer"]) == ["user_enterprises_吴江企业亩均_2024"]


def test_import_takes_the_year_the_file_name_states_and_says_so(tmp_path, table, capsys):
    store = tmp_path / "s.gpkg"
    assert main(_import(table, store)) == 0
    assert "年份 2024 取自文件名；如不是，请用 --year 指定" in capsys.readouterr().out
    name = "user_enterprises_吴江企业亩均_2024"
    assert set(ingest.load_user_layer(name, path=store)["year"]) == {2024}
    assert main(_import(table, store, "--replace", "--year", "2023", lang="en")) == 0
    out = capsys.readouterr().out
    assert "Year 2024" not in out and "Year 2023" not in out, out
    assert set(ingest.load_user_layer(name, path=store)["year"]) == {2023}
    assert main(_import(table, store, "--dry-run", lang="en")) == 0
    assert "Year 2024 taken from the file's name; if that is not its year, give it with --year" in (
        capsys.readouterr().out
    )


def _classes(out: Path) -> pd.DataFrame:
    path = out / "enterprise_classes.csv"
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_evaluate_files_write_a_dash_for_a_place_not_known(tmp_path, capsys):
    zones_path, table = evaluation_files(tmp_path, "企业.gpkg")
    command = ["evaluate", str(zones_path), str(table), "--year", "2024", "-o"]
    headers = {"zh": ("区镇/园区", "填报区镇"), "en": ("Town/park", "Stated town")}
    for lang, (zone, town) in headers.items():
        assert main([*command, str(tmp_path / lang), "--lang", lang]) == 0
        written = _classes(tmp_path / lang)
        rows = written.set_index(written.columns[0])
        assert rows.loc["E09", zone] == "—" and rows.loc["E10", zone] == "—", rows[[zone]]
        assert rows.loc["E10", town] == "—" and rows.loc["E01", zone] != "—"
    assert main([*command, str(tmp_path / "raw"), "--raw"]) == 0  # for programs: blank stays blank
    written = _classes(tmp_path / "raw")
    assert "—" not in set(written["zone"]) and written.set_index("ent_id").loc["E09", "zone"] == ""


def test_evaluate_files_say_when_a_scored_firm_has_no_shortfall(tmp_path, capsys):
    """As the page and its files (walk 14 item 7): a scored firm with no indicator below its group's
    median reads 「无（各项均不低于同组中位数）」 in 主要失分指标, never a blank (which the page's caption
    calls "cannot compute"); a firm not scored stays blank, and ``--raw`` stays as computed."""
    zones_path, table = evaluation_files(tmp_path, "企业.gpkg")
    command = ["evaluate", str(zones_path), str(table), "--year", "2024", "-o"]
    assert main([*command, str(tmp_path / "raw"), "--raw"]) == 0
    raw = _classes(tmp_path / "raw").set_index("ent_id")
    scored, said = raw["score"].str.strip().ne(""), raw["reasons"].str.strip().ne("")
    none = raw.index[scored & ~said]
    assert len(none) >= 1  # the group's best has no shortfall
    words = {
        "zh": ("主要失分指标", "无（各项均不低于同组中位数）"),
        "en": ("Main shortfalls", "None (no indicator below the group median)"),
    }
    for lang, (header, word) in words.items():
        assert main([*command, str(tmp_path / lang), "--lang", lang]) == 0
        written = _classes(tmp_path / lang)
        rows = written.set_index(written.columns[0])
        assert set(rows.index[rows[header] == word]) == set(none), (lang, rows[header])
        unscored = raw.index[raw["score"].astype(str).str.strip().eq("")]
        assert not (rows.loc[unscored, header] == word).any()

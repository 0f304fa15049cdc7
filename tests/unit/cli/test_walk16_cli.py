"""What the walk 16 met on the command line: ``evaluate`` left the class of the firms it could not
score blank (the page and the 公示 T list say T, 不参评; item 2), wrote Chinese notes under ``--lang
en`` (item 3), read a workbook's data sheet without saying so (item 7), made a folder named
``ev1.csv`` (item 8) and listed the firms outside every zone by id alone (item 9)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.evaluation import CLASS_COL, EVALUATION_LABELS, EVALUATION_LABELS_EN
from tests.fixtures.evaluation import enterprises, evaluation_files


@pytest.fixture
def named(tmp_path: Path) -> tuple[Path, Path]:
    """The hand-worked zones, and the enterprises in a file whose name states 2024 (what each class
    pays is worked out, and the configuration's 差别化污水处理费 has no consumption column)."""
    return evaluation_files(tmp_path, "吴江企业亩均_2024.gpkg")


def _classes(folder: Path) -> pd.DataFrame:
    frame = pd.read_csv(folder / "enterprise_classes.csv", dtype=str, encoding="utf-8-sig")
    return frame.set_index(frame.columns[0])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_evaluate_writes_the_firms_it_cannot_score_as_class_t(named, tmp_path, lang, capsys):
    zones_path, table = named
    out = tmp_path / lang
    assert main(["evaluate", str(zones_path), str(table), "-o", str(out), "--lang", lang]) == 0
    labels = EVALUATION_LABELS if lang == "zh" else EVALUATION_LABELS_EN
    classes = _classes(out)
    meaning = {"zh": "不参评", "en": "not scored"}[lang]
    for ent_id in ("E03", "E05"):  # no land, land missing: not scored
        assert classes.loc[ent_id, labels[CLASS_COL]] == "T", classes.loc[ent_id]
        assert classes.loc[ent_id, labels["eval_class_label"]] == meaning, classes.loc[ent_id]
    assert classes.loc["E01", labels[CLASS_COL]] in ("A", "B", "C", "D")
    raw = tmp_path / f"{lang}_raw"
    assert main(["evaluate", str(zones_path), str(table), "-o", str(raw), "--raw"]) == 0
    assert pd.isna(_classes(raw).loc["E03", CLASS_COL])  # --raw: as computed


def test_evaluate_in_english_prints_its_notes_in_english(named, tmp_path, capsys):
    zones_path, table = named
    assert main(["--lang", "en", "evaluate", str(zones_path), str(table), "-o", str(tmp_path / "en")]) == 0
    out = capsys.readouterr().out
    assert "the table has no consumption column" in out, out
    assert "企业表没有用量字段" not in out and "配置中未设定费率" not in out, out
    assert main(["--lang", "zh", "evaluate", str(zones_path), str(table), "-o", str(tmp_path / "zh")]) == 0
    assert "企业表没有用量字段" in capsys.readouterr().out


def test_evaluate_says_which_sheet_of_a_workbook_it_read(tmp_path, capsys):
    zones_path, _ = evaluation_files(tmp_path)
    firms = enterprises().dropna(subset=["geometry"]).to_crs("EPSG:4326")
    rows = pd.DataFrame(firms.drop(columns="geometry")).assign(lon=firms.geometry.x, lat=firms.geometry.y)
    book = tmp_path / "企业_2024.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame({"说明": ["本表为测试", "企业见第二个工作表"]}).to_excel(
            writer, sheet_name="说明", index=False
        )
        rows.to_excel(writer, sheet_name="企业", index=False)
    command = ["evaluate", str(zones_path), str(book), "--frame", "wgs84", "--raw", "-o"]
    assert main(["--lang", "zh", *command, str(tmp_path / "zh")]) == 0
    out = capsys.readouterr().out
    assert "已读取工作表「企业」（第一个工作表「说明」没有经纬度列）" in out, out
    assert main(["--lang", "en", *command, str(tmp_path / "en")]) == 0
    out = capsys.readouterr().out
    assert "Read the sheet “企业” (the first sheet, “说明”, has no longitude/latitude columns)" in out, out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_evaluate_refuses_a_file_name_for_its_output_folder(named, tmp_path, lang, capsys):
    zones_path, table = named
    existing = tmp_path / "ev"
    existing.write_text("")
    said = {"zh": "-o 应为文件夹", "en": "-o takes a folder"}[lang]
    for out in (tmp_path / "ev1.csv", tmp_path / "ev1.xlsx", existing):
        command = ["--lang", lang, "evaluate", str(zones_path), str(table), "-o", str(out)]
        assert main(command) == 2, out
        err = capsys.readouterr().err
        assert said in err and "zone_metrics.csv" in err and str(out) in err, err
        assert out == existing or not out.exists(), out
    assert existing.read_text() == ""
    assert main(["evaluate", str(zones_path), str(table), "-o", str(tmp_path / "ev.gpkg")]) == 0
    assert (tmp_path / "ev.gpkg").is_file()  # a GeoPackage is one file


def test_evaluate_names_the_firms_outside_every_zone_as_the_page(named, tmp_path, capsys):
    zones_path, table = named
    assert (
        main(["--lang", "zh", "evaluate", str(zones_path), str(table), "--raw", "-o", str(tmp_path / "z")])
        == 0
    )
    out = capsys.readouterr().out
    assert "不在任何区域内的企业 2 家：企业E09（E09）、企业E10（E10）" in out, out
    assert (
        main(["--lang", "en", "evaluate", str(zones_path), str(table), "--raw", "-o", str(tmp_path / "e")])
        == 0
    )
    out = capsys.readouterr().out
    assert "2 enterprises outside every zone: 企业E09 (E09), 企业E10 (E10)" in out, out

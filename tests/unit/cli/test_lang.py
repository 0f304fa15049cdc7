"""``python -m geo.cli --lang zh|en``: errors and summaries in the language asked (``$ATLAS_LANG`` when
not given, else Chinese); bad input exits 2 with the message in either language."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.cli import main
from geo.ingest import USER_GPKG_ENV


@pytest.fixture(autouse=True)
def _own_store(tmp_path, monkeypatch):
    monkeypatch.setenv(USER_GPKG_ENV, str(tmp_path / "user" / "atlas_user.gpkg"))
    monkeypatch.delenv("ATLAS_LANG", raising=False)


@pytest.fixture
def firms_csv(tmp_path):
    """Three enterprises in Wujiang; the third without coordinates (dropped by the import)."""
    path = tmp_path / "firms.csv"
    pd.DataFrame(
        {"name": ["甲", "乙", "丙"], "lon": [120.64, 120.65, None], "lat": [31.15, 31.16, None]}
    ).to_csv(path, index=False)
    return path


def test_a_missing_file_in_english_and_in_chinese(tmp_path, capsys):
    missing = tmp_path / "nowhere.zip"
    assert main(["--lang", "en", "import", str(missing)]) == 2
    assert capsys.readouterr().err == f"Error: File {missing} not found. Check the path\n"
    assert main(["--lang", "zh", "import", str(missing)]) == 2
    assert capsys.readouterr().err == f"错误：找不到文件 {missing}。请检查路径\n"
    assert main(["import", str(missing)]) == 2  # Chinese by default
    assert capsys.readouterr().err == f"错误：找不到文件 {missing}。请检查路径\n"


def test_atlas_lang_sets_the_default_and_lang_overrides_it(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "nowhere.csv"
    monkeypatch.setenv("ATLAS_LANG", "en")
    assert main(["import", str(missing)]) == 2
    assert capsys.readouterr().err == f"Error: File {missing} not found. Check the path\n"
    assert main(["--lang", "zh", "import", str(missing)]) == 2
    assert capsys.readouterr().err.startswith("错误：找不到文件")
    monkeypatch.setenv("ATLAS_LANG", "fr")  # not a language of the atlas: Chinese
    assert main(["import", str(missing)]) == 2
    assert capsys.readouterr().err.startswith("错误：")


def test_a_bad_pair_names_what_it_is_in_the_language_asked(tmp_path, firms_csv, capsys):
    args = ["import", str(firms_csv), "--kind", "enterprises", "--map", "tax_wan_yuan", "--dry-run"]
    assert main(["--lang", "en", *args]) == 2
    assert capsys.readouterr().err == (
        "Error: Column mapping “tax_wan_yuan” is not of the form left=right. "
        "Write it as left=right, e.g. tax_wan_yuan=实缴税金\n"
    )
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "错误：字段对应「tax_wan_yuan」格式不对。应写成 左=右，例如 tax_wan_yuan=实缴税金\n"
    )


def _dry_run_with_report(firms_csv, report) -> list[str]:
    """An import of ``firms_csv`` tried without saving, its report written to ``report``."""
    options = ["--frame", "wgs84", "--kind", "other", "--dry-run", "--report", str(report)]
    return ["import", str(firms_csv), *options]


def test_a_file_that_cannot_be_written_in_either_language(tmp_path, firms_csv, capsys):
    not_a_folder = tmp_path / "a_file"
    not_a_folder.write_text("", encoding="utf-8")
    report = not_a_folder / "report.csv"  # its "folder" is a file: the write itself fails
    args = _dry_run_with_report(firms_csv, report)
    assert main(["--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"Error: Cannot read or write the file {report}: Not a directory. "
        "Check the path and the permissions\n"
    )
    assert main(["--lang", "zh", *args]) == 2
    assert capsys.readouterr().err == f"错误：无法读写文件 {report}：Not a directory。请检查路径和权限\n"


def test_a_folder_that_does_not_exist_in_either_language(tmp_path, firms_csv, capsys):
    report = tmp_path / "no" / "such" / "folder" / "report.csv"
    args = _dry_run_with_report(firms_csv, report)
    assert main(["--lang", "en", *args]) == 2
    assert capsys.readouterr().err == (
        f"Error: Report file {report}: its folder {report.parent} does not exist; nothing was written. "
        "Create the folder first, or check the path's spelling\n"
    )
    assert main(["--lang", "zh", *args]) == 2
    assert capsys.readouterr().err == (
        f"错误：报告文件 {report} 所在的文件夹 {report.parent} 不存在，未写出任何文件。"
        "请先建好该文件夹，或检查路径的拼写\n"
    )
    assert not report.parent.parent.parent.exists()


def test_an_import_summary_in_either_language(firms_csv, capsys):
    args = ["import", str(firms_csv), "--frame", "wgs84", "--kind", "other", "--dry-run"]
    assert main(["--lang", "en", *args]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "3 rows read: 2 passed, 1 dropped, 0 repaired, 2 flagged (of which coordinates whole numbers or "
        "too round: 2 rows) (CRS EPSG:4326)"
    )
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "读入 3 行：通过 2 行，剔除 1 行，修复 0 行，提醒 2 行（坐标为整数/过于整齐 2 行）"
        "（坐标系 EPSG:4326）"
    )


def test_an_export_and_its_counts_in_either_language(tmp_path, capsys):
    out = tmp_path / "towns.csv"
    assert main(["--lang", "en", "export", "wujiang_towns", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(f"Exported CSV: {out} (")
    assert ": 8 features, " in printed and printed.endswith(" KB)")
    assert main(["export", "wujiang_towns", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(f"已导出 CSV：{out}（") and " 8 个要素，" in printed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_name_help_says_the_rule_save_import_enforces(lang, capsys, monkeypatch):
    """Walk 12 (issue 23): ``import --help`` said --name takes 小写英文、数字、下划线 while Chinese
    characters are accepted (the data page's label was fixed: tests/unit/ingest/test_layer_name_rule.py)."""
    from geo.ingest.userstore import MAX_NAME_BYTES

    monkeypatch.setenv("COLUMNS", "400")  # no line wrapped inside a word
    with pytest.raises(SystemExit) as exited:
        main(["--lang", lang, "import", "--help"])
    assert exited.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    words = (
        ("小写字母", "数字", "下划线", "汉字") if lang == "zh" else ("lower-case a-z", "0-9", "_", "Chinese")
    )
    assert all(word in said for word in words), said
    assert str(MAX_NAME_BYTES) in said and "user_" in said
    assert "小写英文" not in said


def test_the_commands_own_lang_sets_the_language_of_its_messages(tmp_path, capsys):
    """Walk 12 (issue 23): ``export … --lang en`` wrote English files and said so in Chinese. A command's
    own --lang (export, evaluate) is the language of what it prints when none is given before it; one
    given before the command still wins; errors in it too, exit codes unchanged."""
    out = tmp_path / "towns.csv"
    assert main(["export", "wujiang_towns", "--out", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(f"Exported CSV: {out} (") and ": 8 features, " in printed, printed
    assert main(["export", "wujiang_towns", "--lang=en", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Exported CSV: ")
    assert main(["--lang", "zh", "export", "wujiang_towns", "--out", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("已导出 CSV：")
    bad = ["export", "wujiang_towns", "--out", str(tmp_path / "t.txt"), "--lang", "en"]
    assert main(bad) == 2  # a format not offered
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and not any("\u4e00" <= ch <= "\u9fff" for ch in err), err
    assert main(["export", "no_such_layer", "--out", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: "), err
    with pytest.raises(SystemExit) as exited:  # argparse's complaint, in English too
        main(["export", "wujiang_towns", "--out", str(out), "--lang", "en", "--paper", "a3"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_an_unknown_layer_lists_the_layers_in_the_language_asked(tmp_path, capsys):
    """Walk 12: ``--lang en export nosuch`` listed ``districts、city_outline、…`` (Chinese commas)."""
    out = tmp_path / "x.csv"
    assert main(["--lang", "en", "export", "nosuch", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: No layer is named “nosuch”"), err
    assert "districts, " in err and "、" not in err, err
    assert main(["export", "nosuch", "--out", str(out)]) == 2
    assert "districts、" in capsys.readouterr().err


def test_the_commands_are_listed_in_the_language_asked(capsys, monkeypatch):
    """Walk 12: ``python -m geo.cli --lang en --help`` listed every command in Chinese."""
    monkeypatch.setenv("COLUMNS", "400")
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    said = capsys.readouterr().out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in said), said
    assert "Export stored layers as GeoJSON/CSV/XLSX/PNG" in said
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "导出已存图层为 GeoJSON/CSV/XLSX/PNG" in capsys.readouterr().out

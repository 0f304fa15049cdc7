"""What the walk 15 met on the command line: ``evaluate`` asked for the year an enterprise file's name
states though ``import`` takes it and says so, and called ``import``'s ``--frame`` ``--coords``
(item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import build_parser, main
from tests.fixtures.evaluation import evaluation_files


@pytest.fixture
def named(tmp_path: Path) -> tuple[Path, Path]:
    """The hand-worked zones, and the enterprises (no year column) in a file whose name states 2024."""
    return evaluation_files(tmp_path, "吴江企业亩均_2024.gpkg")


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


def test_evaluate_takes_frame_as_import_does_and_keeps_coords(capsys):
    for flag in ("--frame", "--coords"):
        args = build_parser().parse_args(["evaluate", "z.gpkg", "e.csv", "-o", "out/", flag, "gcj02"])
        assert args.frame == "gcj02", flag
    helps = {"zh": "（也可写作 --coords）", "en": "(also accepted as --coords)"}
    for lang, said in helps.items():
        with pytest.raises(SystemExit):
            main(["--lang", lang, "evaluate", "--help"])
        text = " ".join(capsys.readouterr().out.split())  # argparse wraps the help
        assert "--frame {wgs84,gcj02,bd09}, --coords {wgs84,gcj02,bd09}" in text, text
        assert said in text, text

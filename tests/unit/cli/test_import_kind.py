"""``python -m geo.cli import`` without ``--kind`` takes the use the 数据管理 page proposes from the
same content (geo.ingest.proposed_kind) and says so; ``--inspect`` shows it (issue 23, walk12:
an enterprise workbook was saved silently as an "other" layer)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import ingest
from geo.cli import main

SAVE = ("--frame", "gcj02", "--source", "区工信局 2024", "--accuracy", "transcribed")
TABLE = pd.DataFrame(
    {
        "企业名称": ["甲纺织", "乙材料"],
        "用地面积（亩）": [12.5, 30.0],
        "实缴税金（万元）": [120.0, 310.0],
        "销售收入（万元）": [5000.0, 9000.0],
        "高德经度": [120.645, 120.655],
        "高德纬度": [31.155, 31.165],
    }
)


@pytest.fixture(autouse=True)
def user_store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    monkeypatch.delenv("ATLAS_LANG", raising=False)
    return path


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "吴江企业亩均_2024.xlsx"
    TABLE.to_excel(path, index=False)
    return path


def test_without_kind_the_proposed_use_is_taken_and_said(workbook, user_store, capsys):
    assert main(["import", str(workbook), *SAVE]) == 0
    out = capsys.readouterr().out
    assert "按文件内容作为企业名单导入（用 --kind 指定其他用途）" in out
    meta = ingest.list_user_layers(path=user_store)
    assert list(meta["kind"]) == ["enterprises"]


def test_a_given_kind_is_kept_without_the_note(workbook, user_store, capsys):
    assert main(["import", str(workbook), *SAVE, "--kind", "other"]) == 0
    assert "按文件内容" not in capsys.readouterr().out
    assert list(ingest.list_user_layers(path=user_store)["kind"]) == ["other"]


def test_inspect_shows_the_proposed_use(workbook, capsys):
    assert main(["import", str(workbook), "--inspect"]) == 0
    assert "用途建议：企业名单（--kind enterprises）" in capsys.readouterr().out
    assert main(["--lang", "en", "import", str(workbook), "--inspect"]) == 0
    assert "Use proposed: an enterprise list (--kind enterprises)" in capsys.readouterr().out


def test_the_page_and_the_command_share_one_proposal():
    import pages.data.importing as page

    assert not hasattr(page, "proposed_kind")
    found = ingest.inspect_upload(TABLE.to_csv(index=False).encode(), "t.csv")
    assert ingest.proposed_kind(found) == "enterprises"


def test_the_use_taken_is_not_said_to_be_imported_when_the_import_is_refused(workbook, user_store, capsys):
    """Walk 12: ``--lang en import <a Gaode workbook>`` without --frame said "Imported as an enterprise
    list" and then refused the file (nothing imported, status 2)."""
    assert main(["--lang", "en", "import", str(workbook), "--source", "x", "--accuracy", "real"]) == 2
    said = capsys.readouterr()
    assert "Imported" not in said.out and said.err.startswith("Error: "), said
    taken = "Importing as an enterprise list, from the file's content (give another use with --kind)"
    assert taken in said.out
    assert ingest.list_user_layers(path=user_store).empty

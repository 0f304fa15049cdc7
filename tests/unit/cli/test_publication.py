"""``python -m geo.cli versions|objections`` on both stores: list, publish, decide, re-evaluate,
finalize, compare, export; a 定案 version refuses changes with exit status 2 and a Chinese message;
each change recorded for --user. The fixture and its hand-worked numbers: tests/fixtures/publication.py."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from geo.cli import main
from geo.publication import objections, versions
from geo.storage import audit
from tests.fixtures import ROOT
from tests.fixtures.publication import add_objection, save_year, store_target


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path) -> Iterator[str]:
    """Each test on both stores."""
    yield from store_target(request.param, tmp_path)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_runs_the_cycle_and_a_final_version_refuses(store, capsys, tmp_path):
    save_year(store)
    code, out, _ = _run(capsys, "versions", "list", "--store", store)
    assert code == 0 and "共 1 个版本" in out and "草稿" in out and "2024 年度亩均评价" in out

    code, _, err = _run(
        capsys,
        "versions",
        "publish",
        "V1",
        "--start",
        "2025-07-19",
        "--end",
        "2025-07-13",
        "--store",
        store,
        "--user",
        "王五",
    )
    assert code == 2 and "晚于结束日期" in err
    code, out, _ = _run(
        capsys,
        "versions",
        "publish",
        "V1",
        "--start",
        "2025-07-13",
        "--end",
        "2025-07-19",
        "--store",
        store,
        "--user",
        "王五",
    )
    assert code == 0 and "已公示" in out and "2025-07-13 至 2025-07-19" in out
    add_objection(store, "V1", "E1", 25)
    code, out, _ = _run(capsys, "objections", "list", "--version", "V1", "--store", store)
    assert code == 0 and "共 1 条异议" in out and "待定" in out
    code, out, _ = _run(
        capsys,
        "objections",
        "decide",
        "O1",
        "--decision",
        "accepted",
        "--answer",
        "税务局核实无误",
        "--store",
        store,
        "--user",
        "王五",
    )
    assert code == 0 and "采纳" in out
    code, out, _ = _run(capsys, "versions", "reevaluate", "V1", "--store", store, "--user", "王五")
    assert code == 0 and "V2" in out and "替换 V1" in out
    code, out, _ = _run(capsys, "versions", "finalize", "V2", "--store", store, "--user", "赵六")
    assert code == 0 and "已定案" in out
    code, out, _ = _run(capsys, "versions", "compare", "V1", "V2", "--store", store)
    assert code == 0 and "5 家企业有变化" in out and "75.76" in out and "异议 O1" in out
    # In English the table's headers and the changed inputs are English (as the page's compare tab).
    code, out, _ = _run(capsys, "--lang", "en", "versions", "compare", "V1", "V2", "--store", store)
    table = out.split("\n", 1)[1]
    assert code == 0 and "Score change" in table and "Input values changed" in table and "75.76" in table
    assert "objection O1" in table and "Yes" in table and "True" not in table
    words = table.splitlines()[0] + table.split("Input values changed")[1].replace("企业E", "")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in words)  # the fixture's firm names aside

    # The locked version refuses from the command line: exit 2, a Chinese message, nothing written.
    before = len(audit.audit_log(store=store))
    code, _, err = _run(capsys, "versions", "finalize", "V2", "--store", store, "--user", "赵六")
    assert code == 2 and "已定案" in err and "不能再修改" in err and "Traceback" not in err
    code, _, err = _run(
        capsys, "versions", "publish", "V2", "--start", "2025-08-01", "--end", "2025-08-07", "--store", store
    )
    assert code == 2 and "已定案" in err
    code, _, err = _run(capsys, "versions", "reevaluate", "V2", "--store", store)
    assert code == 2 and "已定案" in err
    assert len(audit.audit_log(store=store)) == before
    code, _, err = _run(capsys, "versions", "show", "V9", "--store", store)
    assert code == 2 and "没有编号为「V9」的评价版本" in err

    log = audit.audit_log(store=store)
    assert log.iloc[0][["action", "user_name"]].tolist() == ["version_finalized", "赵六"]
    assert "王五" in set(log.loc[log["action"] == "version_published", "user_name"])

    out_file = tmp_path / "异议.xlsx"
    code, out, _ = _run(
        capsys, "objections", "export", "--version", "V1", "-o", str(out_file), "--store", store
    )
    assert code == 0 and "1 条异议" in out
    ws = load_workbook(io.BytesIO(out_file.read_bytes())).active
    assert ws["A1"].value.startswith("异议登记表 · V1")
    assert ws["A3"].value == "O1"
    assert [v.state for v in versions.list_versions(store=store)] == ["published", "final"]
    assert objections.objections_frame(store=store)["decided_by"].tolist() == ["王五"]


def test_cli_refuses_in_a_real_process(tmp_path):
    """The module entry point: a subprocess gets exit 2 and the message on stderr."""
    target = str(tmp_path / "s.gpkg")
    save_year(target)
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", "versions", "finalize", "V1", "--store", target, "--user", "x"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "草稿且没有替换已公示的版本" in done.stderr

"""Arguments the command line refuses in words with status 2, never with a traceback (walk9): a
CRS pyproj does not know, a store that is not a GeoPackage or does not exist, a folder that does
not exist, a file name given for ``evaluate``'s output folder (walk 16 item 8), a layer to delete
the store does not hold (named with the ones it holds, not with the page's advice; walk 12),
argparse's own complaints in Chinese; and ``--store`` naming the user store in every command,
``export`` included."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from geo import ingest
from geo.cli import main
from tests.fixtures import ROOT

CSV = "name,lon,lat\n甲,120.645,31.155\n乙,120.655,30.915\n"


def _table(tmp_path):
    table = tmp_path / "企业.csv"
    table.write_text(CSV, encoding="utf-8")
    return table


def _import(table, store, *extra: str) -> int:
    args = ["import", str(table), "--name", "firms", "--source", "测试局", "--accuracy", "real"]
    return main([*args, "--kind", "other", "--frame", "wgs84", "--store", str(store), *extra])


@pytest.mark.parametrize("crs", ["EPSG:99999", "foo"])
def test_a_crs_pyproj_does_not_know_is_refused_in_words(tmp_path, capsys, crs):
    store = tmp_path / "s.gpkg"
    assert _import(_table(tmp_path), store, "--crs", crs) == 2
    err = capsys.readouterr().err
    assert f"无法识别坐标系「{crs}」" in err and "EPSG:4549" in err
    assert not store.exists()  # nothing read, nothing stored


def test_a_store_that_is_not_a_geopackage_is_refused_and_left_as_it_is(tmp_path, capsys):
    not_a_store = tmp_path / "some.csv"
    not_a_store.write_text("a,b\n1,2\n", encoding="utf-8")
    for argv in (["audit", "--store", str(not_a_store)], ["versions", "list", "--store", str(not_a_store)]):
        assert main(argv) == 2
        assert "不是 GeoPackage 存储" in capsys.readouterr().err
    assert _import(_table(tmp_path), not_a_store) == 2
    assert "不是 GeoPackage 存储" in capsys.readouterr().err
    assert not_a_store.read_text(encoding="utf-8") == "a,b\n1,2\n"


def test_a_reading_command_refuses_a_store_that_does_not_exist(tmp_path, capsys):
    typo = tmp_path / "typo.gpkg"
    assert main(["audit", "--store", str(typo)]) == 2
    assert "不存在：没有可读的数据" in capsys.readouterr().err
    assert main(["--lang", "en", "objections", "list", "--store", str(typo)]) == 2
    assert "does not exist: there is nothing to read" in capsys.readouterr().err
    assert not typo.exists()  # reading never creates a store


def test_an_output_folder_that_does_not_exist_is_refused_not_created(tmp_path, capsys):
    missing = tmp_path / "nodir"
    assert main(["export", "districts", "--out", str(missing / "x.csv")]) == 2
    assert f"输出文件 {missing / 'x.csv'} 所在的文件夹 {missing} 不存在" in capsys.readouterr().err
    assert not missing.exists()


def test_a_new_store_is_said_to_be_new(tmp_path, capsys):
    store = tmp_path / "new" / "x.gpkg"
    assert _import(_table(tmp_path), store) == 0
    assert f"新建了存储 {store}" in capsys.readouterr().out
    assert _import(_table(tmp_path), store, "--replace") == 0
    assert "新建了存储" not in capsys.readouterr().out  # the second time it was there


def test_export_store_is_the_user_store_as_in_every_other_command(tmp_path, capsys):
    """walk9: ``export X --store S`` read a same-named layer from the default store instead of S."""
    table = _table(tmp_path)
    here, elsewhere = tmp_path / "here.gpkg", tmp_path / "elsewhere.gpkg"
    assert _import(table, here) == 0
    table.write_text(CSV + "丙,120.70,31.00\n", encoding="utf-8")
    assert _import(table, elsewhere) == 0
    capsys.readouterr()
    out = tmp_path / "firms.csv"
    assert main(["export", "user_firms", "--store", str(elsewhere), "--out", str(out)]) == 0
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 3  # elsewhere's three rows, not here's two
    assert main(["export", "user_firms", "--user-store", str(here), "--out", str(out)]) == 0  # older spelling
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 2


def test_an_unknown_layer_lists_the_maps_not_the_stores_own_tables(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "u.gpkg"))
    assert main(["export", "user_nope", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "districts" in err and "carrier_parks" in err
    assert "layer_metadata" not in err and "wujiang_clusters" not in err and "atlas_audit" not in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["evaluate"], "参数错误：缺少必填参数：zones, enterprises, -o/--out"),
        (
            ["import", "x.csv", "--kind", "foo"],
            "参数 --kind 的取值 'foo' 不在可选值中（可选：'zones', 'enterprises', 'other'）",
        ),
        (["audit", "--limit", "abc"], "参数 --limit 需要整数，收到 'abc'"),
        (["audit", "--bogus"], "无法识别的参数：--bogus"),
        (["nosuch"], "参数 command 的取值 'nosuch' 不在可选值中"),
    ],
)
def test_argparse_complains_in_chinese(capsys, argv, said):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert said in capsys.readouterr().err


def test_argparse_complains_in_english_with_lang_en(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "en", "audit", "--limit", "abc"])
    assert stop.value.code == 2
    assert "argument --limit: invalid int value: 'abc'" in capsys.readouterr().err


def test_a_missing_department_file_is_named_by_its_department(tmp_path, capsys):
    register = tmp_path / "名录.csv"
    register.write_text("统一社会信用代码,企业名称\n91320509MA1X000001,甲\n", encoding="utf-8")
    argv = ["collect", str(register), "--source", "tax=无此文件.csv", "-o", str(tmp_path / "o.csv")]
    assert main([*argv, "--report", str(tmp_path / "r.csv")]) == 2
    assert "找不到税务文件" in capsys.readouterr().err


def test_set_up_names_the_python_it_needs(tmp_path):
    """setup.sh stops before pip with the version it needs, not pip's resolver error."""
    shutil.copy(ROOT / "setup.sh", tmp_path / "setup.sh")
    old = tmp_path / "python3.10"
    old.write_text('#!/bin/sh\n[ "$1" = "-V" ] && echo "Python 3.10.12"\nexit 1\n', encoding="utf-8")
    old.chmod(0o755)
    run = subprocess.run(
        ["bash", "setup.sh", "build"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHON": str(old)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert "needs Python 3.11 or newer" in run.stderr and "Python 3.10.12" in run.stderr
    assert not (tmp_path / ".venv").exists()


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


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

"""``import --replace`` and its absence: a file byte for byte the imported one is said to be identical
and changes nothing unless ``--replace`` (walk 14 item 4); ``--replace`` without ``--name`` says
that the name is the missing half, not the duplicate-title message again (walk 20 b4)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from geo import ingest
from geo.cli import main
from tests.fixtures.cli import import_table, import_zones


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_identical_file_is_said_so_and_changes_nothing_unless_replace(tmp_path, table, capsys):
    store = tmp_path / "s.gpkg"
    assert main(import_table(table, store)) == 0
    capsys.readouterr()
    before = _digest(store)
    assert main(import_table(table, store, lang="en")) == 0  # nothing to do is not an error
    out = capsys.readouterr().out
    assert "This file is identical to the imported “吴江企业亩均_2024” (same SHA-256; imported 20" in out, out
    assert "Beijing time, table user_enterprises_吴江企业亩均_2024)" in out, out
    assert "nothing was changed. To replace that layer anyway, add --replace" in out, out
    assert _digest(store) == before
    assert main(import_table(table, store)) == 0
    out = capsys.readouterr().out
    assert "这个文件与已导入的「吴江企业亩均_2024」内容相同（SHA-256 一致；20" in out, out
    assert "北京时间" in out, out
    assert "未作改动" in out and _digest(store) == before
    assert main(import_table(table, store, "--replace", lang="en")) == 0
    out = capsys.readouterr().out
    assert "This file is identical to the imported" in out, out
    assert "Replaced the layer “user_enterprises_吴江企业亩均_2024” with the same content" in out, out
    layers = ingest.list_user_layers(path=store)
    assert list(layers["layer"]) == ["user_enterprises_吴江企业亩均_2024"]


@pytest.mark.usefixtures("own_user_store")
def test_replace_without_name_says_that_name_is_the_missing_half(unnamed_parks, capsys):
    assert (
        main(import_zones(unnamed_parks, "--map", "name=简称", "--title", "园区范围", "--name", "parks")) == 0
    )
    capsys.readouterr()
    assert main(import_zones(unnamed_parks, "--map", "name=简称", "--title", "园区范围", "--replace")) == 2
    err = capsys.readouterr().err
    assert "--replace 只替换" in err and "请再加上 --name user_parks" in err, err
    assert (
        main(import_zones(unnamed_parks, "--map", "name=简称", "--title", "园区范围", "--replace", lang="en"))
        == 2
    )
    err = capsys.readouterr().err
    assert "--replace replaces" in err and "add --name user_parks" in err, err
    assert ingest.list_user_layers()["layer"].tolist() == ["user_parks"]


def test_replace_with_nothing_to_replace_is_refused_not_saved_as_new(tmp_path, table, capsys):
    """walk21 b7: ``--replace`` under a name no layer has made a new layer silently."""
    store = tmp_path / "s.gpkg"
    assert main(import_table(table, store, "--replace")) == 2  # an empty store: nothing to replace
    err = capsys.readouterr().err
    assert "没有名为「user_enterprises_吴江企业亩均_2024」的图层可替换，未保存（现有图层：无）" in err, err
    assert main(import_table(table, store, "--name", "firms")) == 0
    capsys.readouterr()
    changed = table.with_name("吴江企业亩均_2025.csv")
    changed.write_bytes(table.read_bytes() + b"\n")
    assert main(import_table(changed, store, "--title", "新的", "--replace")) == 2
    err = capsys.readouterr().err
    assert "没有名为「user_enterprises_吴江企业亩均_2025」的图层可替换" in err, err
    assert "现有图层：user_firms" in err and "请用 --name 写出它的名称" in err and "去掉 --replace" in err, (
        err
    )
    assert "Traceback" not in err
    assert main(import_table(changed, store, "--title", "新的", "--replace", lang="en")) == 2
    err = capsys.readouterr().err
    assert "no layer named user_enterprises_吴江企业亩均_2025 to replace" in err, err
    assert "leave out --replace" in err, err
    assert ingest.list_user_layers(path=store)["layer"].tolist() == ["user_firms"]

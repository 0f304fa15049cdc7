"""Messages of the stores, publication and the command line (storage.*, publication.*, cli.*): real
bad inputs give the Chinese sentence as before and an English one by key."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geo.cli import main
from geo.cli.io import parse_pairs
from geo.errors import DataValidationError
from geo.messages import message
from geo.publication.exports import table_xlsx_bytes
from geo.publication.versions import checked_actor
from geo.storage.base import open_store
from geo.storage.styles import qgis_color, write_styles


def test_a_bad_colour_in_either_language():
    with pytest.raises(DataValidationError) as info:
        qgis_color("blue-ish")
    assert str(info.value) == "无法识别的颜色「blue-ish」。颜色请写成 #rrggbb，例如 #3366cc"
    assert info.value.text("en") == "Unrecognised colour “blue-ish”. Write a colour as #rrggbb, e.g. #3366cc"
    assert info.value.key == "storage.bad_color"


def test_an_unsupported_store_address_in_either_language():
    with pytest.raises(DataValidationError) as info:
        open_store("ftp://host/atlas")
    assert str(info.value) == (
        "不支持的存储地址「ftp://…」。共享存储请用 postgresql://用户:密码@主机:端口/数据库；"
        "本地存储请给 .gpkg 文件路径"
    )
    assert info.value.text("en") == (
        "Unsupported store address “ftp://…”. For a shared store give "
        "postgresql://user:password@host:port/database; for a local store the path of a .gpkg file"
    )


def test_styles_for_a_missing_geopackage_in_either_language(tmp_path):
    path = tmp_path / "none.gpkg"
    with pytest.raises(DataValidationError) as info:
        write_styles(path, [])
    assert str(info.value) == f"找不到 GeoPackage「{path}」"
    assert info.value.text("en") == f"GeoPackage “{path}” not found"


def test_no_actor_and_an_unnamed_sheet_in_either_language():
    with pytest.raises(DataValidationError) as info:
        checked_actor("  ")
    assert str(info.value) == "没有登录身份，不能修改评价版本或异议。每一步都记录操作人；请先登录"
    assert info.value.text("en") == (
        "Not signed in: evaluation versions and objections cannot be changed. "
        "Every step records who took it; sign in first"
    )
    with pytest.raises(DataValidationError) as info:
        table_xlsx_bytes(pd.DataFrame({"a": [1]}), title="t", sheet=" ")
    assert (str(info.value), info.value.text("en")) == ("工作表需要名称", "A worksheet needs a name")


def test_formatted_parameters_stay_as_the_chinese_had_them():
    err = DataValidationError.of("publication.evidence_too_large", size_mb=12.345, max_mb=10)
    assert str(err) == "证据文件过大（12.3 MB）。请不超过 10 MB，可压缩或分页扫描"
    assert (
        err.text("en")
        == "The evidence file is too large (12.3 MB). Keep it to 10 MB: compress it or scan it in parts"
    )
    assert (
        message("publication.title_too_long", "en", n=51) == "The version title is too long (51 characters)"
    )


def test_a_bad_pair_in_either_language():
    with pytest.raises(DataValidationError) as info:
        parse_pairs(["tax_wan_yuan"], "字段对应")
    assert str(info.value) == "字段对应「tax_wan_yuan」格式不对。应写成 左=右，例如 tax_wan_yuan=实缴税金"
    assert info.value.text("en") == (
        "字段对应 “tax_wan_yuan” is not of the form left=right. Write it as left=right, e.g. "
        "tax_wan_yuan=实缴税金"
    )


def test_the_command_line_exits_2_with_the_chinese_message(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "nope.zip"
    assert main(["import", str(missing), "--inspect"]) == 2
    assert capsys.readouterr().err.strip() == f"错误：找不到文件 {missing}。请检查路径"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["hash-password", "张三"]) == 2
    assert capsys.readouterr().err.strip() == "错误：密码少于 8 个字符。请换一个更长的密码"

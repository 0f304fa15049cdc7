"""``python -m geo.cli collect`` then ``evaluate`` on the bureau-style fixture: hand-worked figures,
the report naming each unmatched row and the bad code, and every bad input refused (exit 2,
nothing written)."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest

from geo.cli import main
from tests.fixtures.cli import run_evaluate
from tests.fixtures.collect import CODES, EXPECTED, NAMES, NOBODY_TAXPAYER, write_files
from tests.fixtures.evaluation import zones


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = write_files(tmp_path / "in")
    paths["zones"] = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), paths["zones"], layer="zones", driver="GPKG")
    return paths


def _collect(files, out: Path, report: Path, *extra: str) -> int:
    args = ["collect", str(files["register"])]
    for dept in ("tax", "stats", "power", "land"):
        args += ["--source", f"{dept}={files[dept]}"]
    return main([*args, "-o", str(out), "--report", str(report), *extra])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_collect_then_evaluate_gives_the_hand_worked_figures(files, tmp_path, suffix, capsys):
    out, report = tmp_path / f"assembled{suffix}", tmp_path / "match.xlsx"
    assert _collect(files, out, report) == 0
    printed = capsys.readouterr().out
    assert (
        "税务「税务.csv」9 行：按统一社会信用代码 7，按组织机构代码 0，按名称 0，未匹配 2，代码校验不符 1"
        in printed
    )
    assert "统计「统计.xlsx」6 行：按统一社会信用代码 0，按组织机构代码 6" in printed
    assert "供电「供电.csv」8 行：按统一社会信用代码 0，按组织机构代码 0，按名称 7，未匹配 1" in printed
    if suffix == ".csv":
        table = pd.read_csv(out, dtype={"ent_id": str}, encoding="utf-8-sig")
    else:
        table = pd.read_excel(out, sheet_name=0, dtype={"ent_id": str})
    table = table.set_index("ent_id")
    for key, expected in EXPECTED.items():
        row = table.loc[CODES[key]]
        assert row["name"] == NAMES[key]
        for column, value in expected.items():
            if value is None:
                assert math.isnan(row[column]), (key, column)
            else:
                assert row[column] == pytest.approx(value), (key, column)
    assert table.loc[CODES["A"], "src_tax_wan_yuan"] == "税务.csv:3,4,5"  # title row 1, header row 2
    assert table.loc[CODES["D"], "src_electricity_kwh"] == "供电.csv:5,6"
    assert (
        table.loc[CODES["A"], "industry"] == "高端纺织" and table.loc[CODES["A"], "industry_division"] == 17
    )
    assert table.loc[CODES["B"], "industry"] == "光电通信"
    assert pd.isna(table.loc[CODES["G"], "industry"])

    result = tmp_path / "eval"
    assert run_evaluate(files["zones"], out, result, "--zone-column", "town") == 0
    z = pd.read_csv(result / "zone_metrics.csv", encoding="utf-8-sig").set_index("zone")
    # 北区 = A, B, F, G: tax 450 + 80 (F's only row had a bad code, G none) = 530; land 30 + 15 + 18 = 63;
    # 亩均税收 pooled over those with both: 530 / 45; 亩均销售 (8000 + 3000 + 4000) / 63.
    assert z.loc["北区", "n_enterprises"] == 4
    assert z.loc["北区", "tax_wan_yuan"] == pytest.approx(530)
    assert z.loc["北区", "land_mu"] == pytest.approx(63)
    assert z.loc["北区", "tax_per_mu_wan_yuan"] == pytest.approx(530 / 45)
    assert z.loc["北区", "sales_per_mu_wan_yuan"] == pytest.approx(15000 / 63)
    # 中区 = C, D, E (E is a tenant without land): tax 170, land 27, 亩均税收 150 / 27.
    assert z.loc["中区", "tax_wan_yuan"] == pytest.approx(170)
    assert z.loc["中区", "land_mu"] == pytest.approx(27)
    assert z.loc["中区", "tax_per_mu_wan_yuan"] == pytest.approx(150 / 27)
    assert z.loc["中区", "sales_per_mu_wan_yuan"] == pytest.approx(3700 / 27)
    e = pd.read_csv(result / "enterprise_classes.csv", encoding="utf-8-sig", dtype={"ent_id": str})
    e = e.set_index("ent_id")
    assert e.loc[CODES["A"], "tax_per_mu_wan_yuan"] == pytest.approx(15.0)
    assert e.loc[CODES["D"], "tax_per_mu_wan_yuan"] == pytest.approx(100 / 15)


def test_the_report_names_each_unmatched_row_and_the_bad_code(files, tmp_path):
    out, report = tmp_path / "assembled.csv", tmp_path / "match.xlsx"
    assert _collect(files, out, report) == 0
    book = pd.read_excel(report, sheet_name=None, dtype=str)
    assert list(book) == ["汇总", "税务", "统计", "供电", "自然资源", "企业名录", "冲突与重复"]
    tax = book["税务"].set_index("行号")
    bad = tax.loc["10"]
    assert bad["代码校验"] == "统一社会信用代码校验位不符（GB 32100-2015）"
    assert bad["未匹配原因"] == "代码校验位不符，且与名录中的代码不完全一致"
    assert bad["可能是（仅供核对，未关联）"] == f"{CODES['F']} {NAMES['F']}"
    assert pd.isna(bad["匹配到的企业"])
    nobody = tax.loc["11"]
    assert nobody["代码（原文）"] == NOBODY_TAXPAYER and nobody["未匹配原因"] == "名录中没有此代码/名称"
    assert tax.loc["4", "匹配方式"] == "统一社会信用代码" and tax.loc["4", "匹配到的企业"] == CODES["A"]
    power = book["供电"].set_index("行号")
    assert (
        power.loc["9", "名称（原文）"] == "苏州庚物流有限公司"
        and power.loc["9", "户号/宗地编号"] == "3200008"
    )
    assert power.loc["4", "匹配方式"] == "名称（唯一）" and power.loc["4", "匹配到的企业"] == CODES["C"]
    assert (book["统计"]["匹配方式"] == "组织机构代码").all()
    summary = book["汇总"].set_index("部门")
    assert summary.loc["税务", "未匹配"] == "2" and summary.loc["税务", "代码校验不符"] == "1"
    assert (
        summary.loc["供电", "按名称匹配"] == "7" and summary.loc["自然资源", "名录中未得到数值的企业"] == "2"
    )
    issues = book["冲突与重复"]
    assert issues.loc[issues["类别"] == "行业代码未能对应", "数值"].tolist() == [
        "F5191：不是制造业代码（C 门类 13–43 大类）"
    ]
    provenance = pd.read_csv(tmp_path / "assembled.provenance.csv", encoding="utf-8-sig", dtype=str)
    a_tax = provenance[(provenance["匹配到的企业"] == CODES["A"]) & (provenance["字段"] == "税收（万元）")]
    assert a_tax[["部门", "文件", "行号", "行数", "原单位"]].values.tolist() == [
        ["税务", "税务.csv", "3,4,5", "3", "元"]
    ]
    assert len(a_tax["SHA-256"].iat[0]) == 64  # labelled like the summary's column


def test_a_formula_in_a_department_file_is_written_as_text(files, tmp_path):
    text = files["power"].read_text(encoding="utf-8-sig")
    files["power"].write_text(text + '3200009,"=HYPERLINK(""http://x"",""a"")",10\n', encoding="utf-8-sig")
    out, report = tmp_path / "assembled.csv", tmp_path / "match.xlsx"
    assert _collect(files, out, report) == 0
    ws = openpyxl.load_workbook(report)["供电"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)  # shown as written (walk21 b6)
    assert _collect(files, out, tmp_path / "match.csv") == 0
    assert "'=HYPERLINK" in (tmp_path / "match.csv").read_text(encoding="utf-8-sig")


def _refused(capsys, files, tmp_path, *extra, sources=None) -> str:
    out, report = tmp_path / "a.csv", tmp_path / "m.xlsx"
    args = ["collect", str(files["register"])]
    for dept, path in sources or [(d, files[d]) for d in ("tax", "stats", "power", "land")]:
        args += ["--source", f"{dept}={path}"]
    assert main([*args, "-o", str(out), "--report", str(report), *extra]) == 2
    assert not out.exists() and not report.exists()
    assert not (tmp_path / "a.provenance.csv").exists()
    return capsys.readouterr().err


def test_a_department_file_without_any_key_column_is_refused(files, tmp_path, capsys):
    bad = tmp_path / "供电_无户名.csv"
    bad.write_text("户号,用电量\n1,100\n", encoding="utf-8")
    err = _refused(capsys, files, tmp_path, sources=[("power", bad)])
    assert "供电文件「供电_无户名.csv」中没有可用于匹配的列" in err and "--map power.code" in err


def test_a_register_with_duplicate_codes_is_refused(files, tmp_path, capsys):
    reg = pd.read_excel(files["register"], dtype=str)
    reg.loc[len(reg)] = [NAMES["A"] + "分公司", CODES["A"].lower(), "北区", "1711", "否"]
    reg.to_excel(files["register"], index=False)
    err = _refused(capsys, files, tmp_path)
    assert (
        "企业名录「企业名录.xlsx」中有重复的统一社会信用代码" in err
        and CODES["A"] in err
        and "第 2、9 行" in err
    )


def test_an_empty_file_is_refused(files, tmp_path, capsys):
    empty = tmp_path / "税务.csv"
    empty.write_bytes(b"")
    err = _refused(capsys, files, tmp_path, sources=[("tax", empty), ("land", files["land"])])
    assert "税务文件「税务.csv」是空的（0 字节）" in err


def test_a_header_without_rows_is_refused(files, tmp_path, capsys):
    bare = tmp_path / "统计.csv"
    bare.write_text("组织机构代码,单位详细名称,营业收入\n", encoding="utf-8")
    err = _refused(capsys, files, tmp_path, sources=[("stats", bare)])
    assert "表头下没有任何记录" in err


def test_a_department_given_twice_is_refused(files, tmp_path, capsys):
    err = _refused(capsys, files, tmp_path, sources=[("tax", files["tax"]), ("tax", files["tax"])])
    assert "部门「tax」给了两次" in err


def test_an_unreadable_file_is_refused(files, tmp_path, capsys):
    broken = tmp_path / "自然资源.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    err = _refused(capsys, files, tmp_path, sources=[("land", broken)])
    assert "自然资源.xlsx" in err and err.startswith("错误：")


def test_an_unknown_department_and_a_missing_file_are_refused(files, tmp_path, capsys):
    err = _refused(capsys, files, tmp_path, sources=[("water", files["tax"])])
    assert "未知的部门「water」" in err
    err = _refused(capsys, files, tmp_path, sources=[("tax", tmp_path / "nowhere.csv")])
    assert "找不到税务文件" in err


def test_map_names_a_header_the_department_does_not_usually_use(files, tmp_path, capsys):
    odd = tmp_path / "供电.csv"
    odd.write_text(f"用户编号,用户全称,年度电量（万千瓦时）\n1,{NAMES['A']},150\n", encoding="utf-8")
    out, report = tmp_path / "a.csv", tmp_path / "m.xlsx"
    args = [
        "collect",
        str(files["register"]),
        "--source",
        f"power={odd}",
        "-o",
        str(out),
        "--report",
        str(report),
    ]
    assert (
        main([*args, "--map", "power.name=用户全称", "--map", "power.electricity_kwh=年度电量（万千瓦时）"])
        == 0
    )
    table = pd.read_csv(out, dtype={"ent_id": str}, encoding="utf-8-sig").set_index("ent_id")
    assert table.loc[CODES["A"], "electricity_kwh"] == pytest.approx(1_500_000)
    assert main([*args, "--map", "power.name=没有这列"]) == 2
    assert "供电文件中没有列：没有这列" in capsys.readouterr().err


def test_each_value_names_its_file_and_rows(files, tmp_path):
    from geo.collect.report import value_sources

    out = tmp_path / "assembled.csv"
    assert _collect(files, out, tmp_path / "match.xlsx") == 0
    table = pd.read_csv(out, dtype={"ent_id": str}, encoding="utf-8-sig").set_index("ent_id")
    sources = {c: (v, f, n) for c, v, f, n in value_sources(table.loc[CODES["A"]].to_dict())}
    assert sources["tax_wan_yuan"] == (450.0, "税务.csv", 3)
    assert sources["land_mu"] == (30.0, "自然资源.xlsx", 1)
    assert {c for c, *_ in value_sources(table.loc[CODES["D"]].to_dict())} >= {"electricity_kwh", "land_mu"}
    d = {c: n for c, _, _, n in value_sources(table.loc[CODES["D"]].to_dict())}
    assert d["electricity_kwh"] == 2 and d["land_mu"] == 2  # two accounts, two parcels
    assert "tax_wan_yuan" not in {c for c, *_ in value_sources(table.loc[CODES["F"]].to_dict())}


@pytest.mark.parametrize("store", ["gpkg", "postgis"])
def test_an_assembled_table_without_coordinates_is_stored_and_read_back(files, tmp_path, store):
    """The collected layer of enterprises without coordinates (assigned by 区镇 name when
    evaluated) goes into either store and comes back with its values and sources."""
    from contextlib import nullcontext

    from geo import ingest
    from geo.collect import SourceInput, collect
    from tests.fixtures.postgis import postgis_schema

    collection = collect(
        SourceInput("register", files["register"].name, files["register"].read_bytes()),
        [SourceInput(d, files[d].name, files[d].read_bytes()) for d in ("tax", "land")],
    )
    data = collection.assembled.to_csv(index=False).encode("utf-8-sig")
    result = ingest.read_upload(data, "数据归集_2024.csv", kind="enterprises", require_coordinates=False)
    with nullcontext(tmp_path / "user.gpkg") if store == "gpkg" else postgis_schema() as target:
        ingest.save_import(result, name="collected", title="归集", source="测试", year=2024, path=target)
        back = ingest.load_user_layer("user_collected", path=target).set_index("ent_id")
    assert back.geometry.isna().all()
    assert back.loc[CODES["A"], "tax_wan_yuan"] == pytest.approx(450)
    assert back.loc[CODES["D"], "src_land_mu"] == "自然资源.xlsx:5,6"

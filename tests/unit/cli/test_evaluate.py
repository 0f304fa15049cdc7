"""``python -m geo.cli evaluate`` on the hand-worked fixture: files in, hand-computed answers out."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import yaml

from geo.cli import main
from geo.spatial.crs import wgs84_to_gcj02
from tests.fixtures import ROOT
from tests.fixtures.cli import run_evaluate
from tests.fixtures.evaluation import enterprises, zones

HAND_CONFIG = {
    "weights": {
        "above_scale": {"tax_per_mu_wan_yuan": 60, "sales_per_mu_wan_yuan": 40},
        "below_scale": {"tax_per_mu_wan_yuan": 100},
    },
    "classes": {"percentile": {"A": 20, "B": 60, "C": 80}},
    "benchmark": {"within": "all"},  # pooled over both groups, as tests/unit/evaluation/test_scoring.py HAND
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    zones_path = tmp_path / "eval_zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    ents_gpkg = tmp_path / "eval_enterprises.gpkg"
    pyogrio.write_dataframe(enterprises(), ents_gpkg, layer="enterprises", driver="GPKG")
    wgs = enterprises().to_crs("EPSG:4326")
    table = pd.DataFrame(wgs.drop(columns="geometry"))
    table.insert(1, "经度", wgs.geometry.x)
    table.insert(2, "纬度", wgs.geometry.y)
    csv_path = tmp_path / "eval_enterprises.csv"
    table.to_csv(csv_path, index=False, encoding="utf-8-sig")
    gcj_lon, gcj_lat = wgs84_to_gcj02(table["经度"], table["纬度"])
    xlsx_path = tmp_path / "eval_enterprises_gaode.xlsx"
    table.assign(经度=gcj_lon, 纬度=gcj_lat).to_excel(xlsx_path, index=False, sheet_name="企业")
    config_path = tmp_path / "eval_config.yaml"
    config_path.write_text(yaml.safe_dump(HAND_CONFIG, allow_unicode=True), encoding="utf-8")
    return {"zones": zones_path, "gpkg": ents_gpkg, "csv": csv_path, "xlsx": xlsx_path, "config": config_path}


def _zone_table(out_dir: Path) -> pd.DataFrame:
    return pd.read_csv(out_dir / "zone_metrics.csv", encoding="utf-8-sig").set_index("zone")


def test_cli_by_location_gives_the_hand_worked_answers(files, tmp_path, capsys):
    out = tmp_path / "out"
    assert run_evaluate(files["zones"], files["gpkg"], out, "--config", files["config"]) == 0
    z = _zone_table(out)
    # 北区 = E01 + E02 + E03 + E08 (on the shared edge, first zone wins): tax 160, land 40,
    # 亩均税收 150 / 40 (E03 has no land); 中区: 324 / 37; 空区 has no enterprise -> 无法计算 (empty cell).
    assert z.loc["北区", "n_enterprises"] == 4
    assert z.loc["北区", "tax_wan_yuan"] == 160.0
    assert z.loc["北区", "tax_per_mu_wan_yuan"] == pytest.approx(3.75)
    assert z.loc["北区", "tax_per_kwh_yuan"] == pytest.approx(0.4)
    assert z.loc["中区", "tax_per_mu_wan_yuan"] == pytest.approx(324 / 37)
    assert z.loc["中区", "tax_per_tce_wan_yuan"] == pytest.approx(64 / 130)
    assert z.loc["北区", "zone_area_mu"] == pytest.approx(1500.0)
    assert z.loc["空区", "n_enterprises"] == 0 and math.isnan(z.loc["空区", "tax_per_mu_wan_yuan"])

    e = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig").set_index("ent_id")
    # Scores and classes as worked out in tests/unit/evaluation/test_scoring.py.
    assert e.loc["E06", "score"] == pytest.approx(73.878788, rel=1e-6)
    assert e.loc["E08", "score"] == pytest.approx(15.454545, rel=1e-6)
    classes = e["eval_class"].fillna("-").to_dict()
    assert classes == {
        "E01": "B",
        "E02": "B",
        "E03": "-",
        "E04": "B",
        "E05": "-",
        "E06": "A",
        "E07": "-",
        "E08": "D",
        "E09": "C",
        "E10": "C",
    }
    assert e.loc["E08", "zone"] == "北区" and e.loc["E08", "reasons"] == "亩均税收、亩均销售收入"
    assert e.loc["E01", "lon"] == pytest.approx(120.0, abs=0.1)  # WGS-84 lon/lat added for reuse

    low = pd.read_csv(out / "low_efficiency_land.csv", encoding="utf-8-sig")
    assert low["ent_id"].tolist() == ["E08"] and low["land_mu"].tolist() == [10.0]
    renewal = pd.read_csv(out / "land_renewal_by_zone.csv", encoding="utf-8-sig").set_index("zone")
    assert renewal.loc["北区", "d_land_mu"] == 10.0 and renewal.loc[
        "北区", "d_land_share_pct"
    ] == pytest.approx(25.0)
    outside = pd.read_csv(out / "outside_enterprises.csv", encoding="utf-8-sig")
    assert outside["ent_id"].tolist() == ["E09", "E10"]

    printed = capsys.readouterr().out
    assert "不在任何区域内的企业 2 家：企业E09（E09）、企业E10（E10）" in printed  # named as the page
    assert "A 类 1 家，B 类 3 家，C 类 2 家，D 类 1 家" in printed
    assert "可腾退低效用地（D 类企业用地）合计 10.00 亩" in printed


def test_cli_prints_its_summary_in_english_with_lang_en(files, tmp_path, capsys):
    from geo.cli import main

    out = tmp_path / "out_en"
    args = [
        "evaluate",
        str(files["zones"]),
        str(files["gpkg"]),
        "-o",
        str(out),
        "--config",
        str(files["config"]),
    ]
    assert main(["--lang", "en", *args]) == 0
    printed = capsys.readouterr().out
    assert "2 enterprises outside every zone: 企业E09 (E09), 企业E10 (E10)" in printed
    assert "classes: class A: 1, class B: 3, class C: 2, class D: 1" in printed
    assert (
        "Low-efficiency land that could be freed (the D-class enterprises' land): 10.00 mu in all" in printed
    )
    assert f"Written: {out / 'zone_metrics.csv'}" in printed
    # no Chinese words but the names of the data (an evaluation group's name is the configuration's,
    # the firms outside every zone are named by the table's names)
    data_names = ("Evaluation group “", "2 enterprises outside every zone")
    words = [line for line in printed.splitlines() if not line.startswith(data_names)]
    assert not any("\u4e00" <= ch <= "\u9fff" for line in words for ch in line), words


def test_cli_csv_with_lonlat_and_zone_column(files, tmp_path):
    out = tmp_path / "out_csv"
    assert (
        run_evaluate(files["zones"], files["csv"], out, "-c", files["config"], "--zone-column", "town") == 0
    )
    z = _zone_table(out)
    assert z.loc["北区", "tax_wan_yuan"] == 160.0
    assert z.loc["中区", "tax_per_mu_wan_yuan"] == pytest.approx(324 / 37)
    outside = pd.read_csv(out / "outside_enterprises.csv", encoding="utf-8-sig")
    assert outside["ent_id"].tolist() == ["E09", "E10"]  # 城外 is not a zone; E10 has no town


def test_cli_gaode_excel_is_shifted_to_wgs84(files, tmp_path, capsys):
    out = tmp_path / "out_gaode"
    assert run_evaluate(files["zones"], files["xlsx"], out, "-c", files["config"], "--coords", "gcj02") == 0
    e = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig").set_index("ent_id")
    # After the GCJ-02 -> WGS-84 inverse the interior points land in their zones again.
    assert e.loc[["E01", "E02", "E03", "E04", "E06", "E07"], "zone"].tolist() == ["北区"] * 3 + ["中区"] * 3
    assert "已转换为 WGS-84" in capsys.readouterr().out
    # Read as WGS-84 by mistake, the Gaode points sit ~500 m off and some fall outside.
    out_wrong = tmp_path / "out_wrong"
    assert run_evaluate(files["zones"], files["xlsx"], out_wrong, "--coords", "wgs84") == 0
    wrong = pd.read_csv(out_wrong / "enterprise_classes.csv", encoding="utf-8-sig").set_index("ent_id")
    assert wrong["zone"].notna().sum() < e["zone"].notna().sum()


def test_cli_geopackage_output_and_chinese_headers(files, tmp_path):
    gpkg = tmp_path / "eval_result.gpkg"
    assert run_evaluate(files["zones"], files["gpkg"], gpkg, "-c", files["config"]) == 0
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert layers["zone_metrics"] == "Polygon" and layers["enterprise_classes"] == "Point"
    zm = pyogrio.read_dataframe(gpkg, layer="zone_metrics").set_index("zone")
    assert zm.crs.to_epsg() == 4326
    assert zm.loc["中区", "tax_per_mu_wan_yuan"] == pytest.approx(324 / 37)
    ec = pyogrio.read_dataframe(gpkg, layer="enterprise_classes").set_index("ent_id")
    assert ec.loc["E06", "eval_class"] == "A"

    out_zh = tmp_path / "out_zh"
    assert run_evaluate(files["zones"], files["gpkg"], out_zh, "--lang", "zh") == 0
    z = pd.read_csv(out_zh / "zone_metrics.csv", encoding="utf-8-sig")
    assert {"区域", "亩均税收（万元/亩）", "单位用电税收（元/千瓦时）", "全员劳动生产率（万元/人）"} <= set(
        z.columns
    )
    e = pd.read_csv(out_zh / "enterprise_classes.csv", encoding="utf-8-sig")
    assert {"企业编号", "综合得分（分）", "评价类别", "主要失分指标"} <= set(e.columns)
    # yes/no in words, as the page's download writes them (it wrote 是否参评 True)
    scored = [c for c in e.columns if c.startswith("是否")]
    assert scored and all(set(e[c].dropna().astype(str)) <= {"是", "否"} for c in scored), e[scored]


def test_cli_bad_input_exits_2_with_chinese_message(files, tmp_path, capsys):
    # one id on two different firms: both kept and flagged 需核对, the later one's id made unique
    # (walk18 b1, as on the 数据管理 page)
    shared = enterprises()
    shared.loc[1, "ent_id"] = "E01"
    shared_path = tmp_path / "eval_shared.gpkg"
    pyogrio.write_dataframe(shared, shared_path, driver="GPKG")
    assert run_evaluate(files["zones"], shared_path, tmp_path / "s") == 0
    assert "通过 10 行，剔除 0 行" in capsys.readouterr().out
    # the same firm twice under one id: the repeated row is an error (dropped, reported), the rest
    # is evaluated
    dup = enterprises()
    dup.loc[1, ["ent_id", "name"]] = dup.loc[0, ["ent_id", "name"]].to_numpy()
    dup_path = tmp_path / "eval_dup.gpkg"
    pyogrio.write_dataframe(dup, dup_path, driver="GPKG")
    report = tmp_path / "dup_report.csv"
    assert run_evaluate(files["zones"], dup_path, tmp_path / "x", "--report", report) == 0
    assert "通过 9 行，剔除 1 行" in capsys.readouterr().out
    rows = pd.read_csv(report, encoding="utf-8-sig")
    assert rows.loc[rows["处理"] == "错误（已剔除）", ["行号", "原值"]].values.tolist() == [[2, "E01"]]
    assert run_evaluate(files["zones"], dup_path, tmp_path / "x", "--map", "税=x") == 2
    assert "未知的标准字段：税" in capsys.readouterr().err
    assert run_evaluate(tmp_path / "nope.gpkg", dup_path, tmp_path / "x") == 2
    assert "找不到区域文件" in capsys.readouterr().err
    bad_cfg = tmp_path / "eval_bad.yaml"
    bad_cfg.write_text("weights:\n  above_scale:\n    亩均: 10\n", encoding="utf-8")
    assert run_evaluate(files["zones"], files["gpkg"], tmp_path / "y", "-c", bad_cfg) == 2
    assert "未知指标「亩均」" in capsys.readouterr().err


def test_weights_not_adding_up_to_100_are_refused_unless_accepted(files, tmp_path, capsys):
    """walk21 b1: 规上 weights of 110 gave scores up to 110, said only as "scaled up to 110". The
    page asks for a confirmation before such weights are used; the CLI refuses them, naming the
    total, until --accept-weights says so."""
    cfg = tmp_path / "eval_110.yaml"
    heavy = {
        **HAND_CONFIG,
        "weights": {
            **HAND_CONFIG["weights"],
            "above_scale": {"tax_per_mu_wan_yuan": 70, "sales_per_mu_wan_yuan": 40},
        },
        "benchmark": {"within": "all", "multiple": 0.01},  # every ratio at its cap: full weight
    }
    cfg.write_text(yaml.safe_dump(heavy, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out110"
    assert run_evaluate(files["zones"], files["gpkg"], out, "-c", cfg) == 2
    err = capsys.readouterr().err
    assert "评价配置的权重合计不等于 100：规上权重合计 110 分" in err and "--accept-weights" in err
    assert not out.exists()  # nothing written
    english = [
        "--lang",
        "en",
        "evaluate",
        str(files["zones"]),
        str(files["gpkg"]),
        "-o",
        str(out),
        "-c",
        str(cfg),
    ]
    assert main(english) == 2
    assert "weights do not add up to 100: Above designated size weights total 110" in capsys.readouterr().err
    assert run_evaluate(files["zones"], files["gpkg"], out, "-c", cfg, "--accept-weights") == 0
    assert "按确认的权重评价：规上权重合计 110 分，综合得分以此为满分" in capsys.readouterr().out
    scores = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig")["score"]
    assert scores.max() == 110  # as confirmed: the configured total is the top score


def test_cli_runs_as_a_module(files, tmp_path):
    out = tmp_path / "out_module"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo.cli",
            "evaluate",
            str(files["zones"]),
            str(files["gpkg"]),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "区域 3 个，企业 10 家" in proc.stdout and "参评 7 家" in proc.stdout
    assert (out / "zone_metrics.csv").exists()


def test_cli_reads_chinese_headers_and_derives_size_without_size_column(files, tmp_path, capsys):
    table = pd.read_csv(files["csv"], encoding="utf-8-sig", dtype={"ent_id": str})
    chinese = table.drop(columns="above_scale").rename(
        columns={
            "ent_id": "企业编号",
            "name": "企业名称",
            "land_mu": "用地面积（亩）",
            "tax_wan_yuan": "税收（万元）",
            "sales_wan_yuan": "销售收入（万元）",
            "electricity_kwh": "用电量（千瓦时）",
        }
    )
    path = tmp_path / "eval_中文表头.csv"
    chinese.to_csv(path, index=False, encoding="utf-8-sig")
    out = tmp_path / "out_cn"
    # No 规上/规下 column: 规上 is derived from 主营业务收入 >= 2,000 万元 (only E02 3000 and E06 2900).
    assert run_evaluate(files["zones"], path, out, "--zone-column", "town") == 0
    captured = capsys.readouterr()
    assert "「税收（万元）」→ 税收（万元）" in captured.out  # the page's label, not the field (walk 17)
    assert "主营业务收入 ≥ 2000 万元为规上（2 家规上，8 家规下）" in captured.out
    z = _zone_table(out)
    assert z.loc["北区", "tax_wan_yuan"] == 160.0
    assert z.loc["北区", "tax_per_mu_wan_yuan"] == pytest.approx(3.75)
    assert z.loc["北区", "tax_per_kwh_yuan"] == pytest.approx(0.4)
    e = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig").set_index("ent_id")
    assert e.loc[e["size_class"] == "规上"].index.tolist() == ["E02", "E06"]


def test_cli_recognises_a_zone_name_column_as_import_does(files, tmp_path, capsys):
    """A park layer whose names are under 园区名称 (no name/名称 column) is evaluated without
    --zone-id: the evaluation recognises the name column as ``import --kind zones`` and the page do."""
    parks = zones().rename(columns={"name": "园区名称"}).drop(columns="code")
    parks_path = tmp_path / "parks.gpkg"
    pyogrio.write_dataframe(parks, parks_path, layer="parks", driver="GPKG")
    out = tmp_path / "out_parks"
    assert run_evaluate(parks_path, files["gpkg"], out, "--config", files["config"]) == 0, capsys.readouterr()
    assert _zone_table(out).loc["北区", "tax_wan_yuan"] == 160.0

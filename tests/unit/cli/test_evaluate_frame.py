"""``python -m geo.cli evaluate`` asks an enterprise table's lon/lat frame every time, as ``import``
and the 数据管理 page do (issue 23 item 1): no ``--frame`` (or its first spelling ``--coords``), no
default; the message names the choices and the frame the atlas proposes when the file gives one.
Files that carry their CRS, tables assigned by ``--zone-column`` and last year's published classes
need none. The option is named ``--frame`` as ``import``'s, ``--coords`` still taken (walk 15)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from geo.cli import build_parser, main
from tests.fixtures.cli import run_evaluate
from tests.fixtures.evaluation import enterprises, zones
from tests.fixtures.points import addressed_points


@pytest.fixture(autouse=True)
def chinese(monkeypatch):
    monkeypatch.delenv("ATLAS_LANG", raising=False)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """The hand-worked zones (GeoPackage) and enterprises: as a GeoPackage, and as a CSV of their
    points in WGS-84 under the headers 经度/纬度 (nothing in it says which frame)."""
    zones_path = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    gpkg = tmp_path / "enterprises.gpkg"
    pyogrio.write_dataframe(enterprises(), gpkg, layer="enterprises", driver="GPKG")
    wgs = enterprises().to_crs("EPSG:4326")
    table = pd.DataFrame(wgs.drop(columns="geometry")).assign(经度=wgs.geometry.x, 纬度=wgs.geometry.y)
    csv = tmp_path / "企业.csv"
    table.to_csv(csv, index=False, encoding="utf-8-sig")
    return {"zones": zones_path, "gpkg": gpkg, "csv": csv, "table": table}


CHOICES_ZH = "可选：wgs84：WGS-84（GPS/天地图/OSM）；gcj02：GCJ-02（高德/腾讯）；bd09：BD-09（百度）。"


def test_frame_has_no_default():
    args = build_parser().parse_args(["evaluate", "z.gpkg", "e.csv", "-o", "out/"])
    assert args.frame is None


def test_a_table_of_coordinates_without_frame_is_refused_with_the_choices(files, tmp_path, capsys):
    out = tmp_path / "out"
    assert run_evaluate(files["zones"], files["csv"], out) == 2
    err = capsys.readouterr().err
    assert err == (
        "错误：「企业.csv」是经纬度表格，请用 --frame 说明它的坐标框架（没有默认值）。"
        + CHOICES_ZH
        + "数据里看不出是哪一种，选错会偏移数百米：请向数据提供方确认\n"
    )
    assert not out.exists()  # nothing evaluated, nothing written
    assert run_evaluate(files["zones"], files["csv"], out, "-c", "x.yaml", "--lang", "zh") == 2
    assert "--frame" in capsys.readouterr().err  # asked before anything else is read
    from geo.cli import main

    status = main(["--lang", "en", "evaluate", str(files["zones"]), str(files["csv"]), "-o", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "Error: “企业.csv” is a table of longitudes and latitudes: give its coordinate frame with --frame"
        " (there is no default)."
    )
    assert "Choose one of: wgs84 = WGS-84 (GPS, Tianditu, OSM); gcj02 = GCJ-02 (Gaode, Tencent); bd09" in err


def test_gaode_column_names_propose_gcj02(files, tmp_path, capsys):
    gaode = tmp_path / "企业名单.csv"
    files["table"].rename(columns={"经度": "高德经度", "纬度": "高德纬度"}).to_csv(gaode, index=False)
    assert run_evaluate(files["zones"], gaode, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：「企业名单.csv」是经纬度表格，请用 --frame 说明它的坐标框架（没有默认值）。")
    assert CHOICES_ZH + "本图集建议 --frame gcj02：根据列名/文件名，坐标可能是 GCJ-02（高德/腾讯）" in err
    assert err.endswith("；确认后把它加到命令里\n")


def test_a_gaode_list_with_addresses_proposes_gcj02_with_its_evidence(files, tmp_path, capsys):
    """287 points with addresses written in GCJ-02 (as import's test): as GCJ-02 all 287 lie in the
    district their address names, as WGS-84 only 278; the proposal is the page's and import's."""
    path = tmp_path / "企业名单.csv"
    addressed_points(frame="gcj02").to_csv(path, index=False)
    assert run_evaluate(files["zones"], path, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "本图集建议 --frame gcj02：287 个有地址的点中，落在地址所写区县/区镇内的个数：" in err
    assert "WGS-84 278，GCJ-02 287，BD-09 271；按 GCJ-02（高德/腾讯）解读多 9 个" in err


def test_the_frame_given_is_used_and_wgs84_is_said_not_assumed(files, tmp_path, capsys):
    """The WGS-84 table with --frame wgs84 gives the hand-worked answers of test_evaluate.py: 北区
    E01 + E02 + E03 + E08 (tax 160), 中区 亩均税收 324 / 37, E09 and E10 outside; as the GeoPackage
    of the same points does without --frame (it carries its CRS)."""
    by_csv, by_gpkg = tmp_path / "csv", tmp_path / "gpkg"
    assert run_evaluate(files["zones"], files["csv"], by_csv, "--frame", "wgs84") == 0
    printed = [capsys.readouterr().out]
    assert run_evaluate(files["zones"], files["gpkg"], by_gpkg) == 0  # the file carries its CRS
    printed.append(capsys.readouterr().out)
    for out, said in zip((by_csv, by_gpkg), printed, strict=True):
        z = pd.read_csv(out / "zone_metrics.csv", encoding="utf-8-sig").set_index("zone")
        assert z.loc["北区", "n_enterprises"] == 4 and z.loc["北区", "tax_wan_yuan"] == 160.0
        assert z.loc["中区", "tax_per_mu_wan_yuan"] == pytest.approx(324 / 37)
        assert "不在任何区域内的企业 2 家：企业E09（E09）、企业E10（E10）" in said


def test_a_table_assigned_by_its_town_column_needs_no_frame(files, tmp_path, capsys):
    out = tmp_path / "out"
    assert run_evaluate(files["zones"], files["csv"], out, "--zone-column", "town") == 0, (
        capsys.readouterr().err
    )


def test_last_years_table_is_asked_too_but_not_its_published_classes(files, tmp_path, capsys):
    """With this year in a GeoPackage, last year's CSV of coordinates is asked its frame, naming it;
    last year's enterprise_classes output (its lon/lat beside the published eval_class) is not."""
    assert run_evaluate(files["zones"], files["gpkg"], tmp_path / "a", "--previous", files["csv"]) == 2
    assert capsys.readouterr().err.startswith("错误：「企业.csv」是经纬度表格，请用 --frame 说明")
    assert (
        run_evaluate(
            files["zones"], files["gpkg"], tmp_path / "b", "--previous", files["csv"], "--coords", "wgs84"
        )
        == 0
    )
    published = tmp_path / "b" / "enterprise_classes.csv"
    assert {"lon", "lat", "eval_class"} <= set(pd.read_csv(published, encoding="utf-8-sig").columns)
    assert run_evaluate(files["zones"], files["gpkg"], tmp_path / "c", "--previous", published) == 0, (
        capsys.readouterr().err
    )


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

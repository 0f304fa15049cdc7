"""Tables in the forms officials use, through the 数据管理 page's path and through ``evaluate``.

The page path is what pages/data.py and pages/efficiency.py call: ``geo.ingest.read_upload`` ->
``save_import`` -> ``load_user_layer`` -> ``geo.batch.run_evaluation``. The command line path is
``python -m geo.cli evaluate`` on the same bytes. Both must give the same frame, the same
per-zone sums and the same classes, equal to the hand-worked answers of tests/fixtures/evaluation.py
(worked out in tests/unit/cli/test_evaluate.py and tests/unit/evaluation/test_scoring.py).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyogrio
import pytest
import yaml

from geo import batch, ingest
from geo.evaluation import config_from_mapping
from tests.fixtures.cli import run_evaluate
from tests.fixtures.evaluation import enterprises, zones

HAND_CONFIG = {
    "weights": {
        "above_scale": {"tax_per_mu_wan_yuan": 60, "sales_per_mu_wan_yuan": 40},
        "below_scale": {"tax_per_mu_wan_yuan": 100},
    },
    "classes": {"percentile": {"A": 20, "B": 60, "C": 80}},
}
HAND_CLASSES = {
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


def _official_table(*, size_column: bool) -> pd.DataFrame:
    """The fixture as an official form: 企业ID, half- and full-width brackets, 元 and 公顷 and
    万千瓦时 units, 规模以上/规模以下 words; E10 has no coordinates."""
    ents = enterprises()
    wgs = ents.to_crs("EPSG:4326")
    lon = [g.x if g is not None else np.nan for g in wgs.geometry]
    lat = [g.y if g is not None else np.nan for g in wgs.geometry]
    table = pd.DataFrame(
        {
            "企业ID": ents["ent_id"],
            "企业名称": ents["name"].str.replace("企业", "有限公司（合成）"),
            "行业": ents["industry"],
            "经度": lon,
            "纬度": lat,
            "用地面积(公顷)": ents["land_mu"] / 15,
            "销售收入（元）": ents["sales_wan_yuan"] * 10_000,
            "实缴税金(万元)": ents["tax_wan_yuan"],
            "工业增加值（万元）": ents["value_added_wan_yuan"],
            "综合能耗(吨标准煤)": ents["energy_tce"],
            "用电量（万千瓦时）": ents["electricity_kwh"] / 10_000,
            "从业人员(人)": ents["employees"],
            "研发经费（万元）": ents["rd_wan_yuan"],
        }
    )
    if size_column:
        table["规模"] = ents["above_scale"].map({True: "规模以上", False: "规模以下"})
    return table


def _xlsx(table: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    table.to_excel(buf, index=False, sheet_name="企业")
    return buf.getvalue()


def _page_path(tmp_path, monkeypatch, data: bytes, filename: str) -> batch.EvaluationRun:
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(tmp_path / "user" / "atlas_user.gpkg"))
    zone_import = ingest.read_upload(zones().to_crs(4326).to_json().encode(), "园区.geojson", kind="zones")
    ingest.save_import(zone_import, name="forms_zones", title="园区", source="测试局")
    found = ingest.inspect_upload(data, filename, kind="enterprises")
    result = ingest.read_upload(data, filename, kind="enterprises", mapping=found.mapping)
    ingest.save_import(result, name="forms_ents", title="企业", source="测试局")
    return batch.run_evaluation(
        ingest.load_user_layer("user_forms_zones"),
        ingest.load_user_layer("user_forms_ents"),
        config=config_from_mapping(HAND_CONFIG),
        zone_id="name",
    )


def _cli_path(tmp_path, data: bytes, filename: str) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    zones_path = tmp_path / "forms_zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    table_path = tmp_path / filename
    table_path.write_bytes(data)
    config = tmp_path / "forms.yaml"
    config.write_text(yaml.safe_dump(HAND_CONFIG, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "forms_out"
    assert run_evaluate(zones_path, table_path, out, "-c", config, "--coords", "wgs84") == 0  # to_crs(4326)
    z = pd.read_csv(out / "zone_metrics.csv", encoding="utf-8-sig").set_index("zone")
    e = pd.read_csv(out / "enterprise_classes.csv", encoding="utf-8-sig", dtype={"ent_id": str})
    return z, e.set_index("ent_id"), str(out)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_official_form_gives_the_same_sums_and_classes_on_both_paths(tmp_path, monkeypatch, capsys, fmt):
    table = _official_table(size_column=True)
    filename = f"企业亩均台账.{fmt}"
    data = table.to_csv(index=False).encode("utf-8-sig") if fmt == "csv" else _xlsx(table)
    page = _page_path(tmp_path, monkeypatch, data, filename)
    z_cli, e_cli, _ = _cli_path(tmp_path, data, filename)
    capsys.readouterr()

    z_page = page.zones
    for zone, tax, tax_per_mu, kwh in (("北区", 160.0, 3.75, 0.4), ("中区", 364.0, 324 / 37, None)):
        # 北区 = E01 + E02 + E03 + E08 (hand-worked); 中区 = E04..E07: tax 20 + 40 + 300 + 4 = 364,
        # 亩均 324 / 37 (E05 has no land, so its 40 counts in the sum but not in the ratio).
        for z in (z_page.loc[zone], z_cli.loc[zone]):
            assert z["tax_wan_yuan"] == pytest.approx(tax)
            assert z["tax_per_mu_wan_yuan"] == pytest.approx(tax_per_mu)
            if kwh is not None:
                assert z["tax_per_kwh_yuan"] == pytest.approx(kwh)
    # 公顷 -> 亩 (x15), 元 -> 万元 (/10,000), 万千瓦时 -> kWh (x10,000) on both paths.
    assert z_page.loc["北区", "land_mu"] == pytest.approx(40.0) == z_cli.loc["北区", "land_mu"]
    assert (
        z_page.loc["北区", "sales_wan_yuan"] == pytest.approx(5000.0) == z_cli.loc["北区", "sales_wan_yuan"]
    )
    assert (
        z_page.loc["北区", "electricity_kwh"]
        == pytest.approx(4_000_000)
        == z_cli.loc["北区", "electricity_kwh"]
    )

    classes_page = page.result.enterprises.set_index("ent_id")["eval_class"].astype(object).fillna("-")
    classes_cli = e_cli["eval_class"].fillna("-")
    assert classes_page.to_dict() == HAND_CLASSES == classes_cli.to_dict()
    # Names as written, full-width brackets and all, on both paths.
    assert page.enterprises.set_index("ent_id").loc["E01", "name"] == "有限公司（合成）E01"
    assert e_cli.loc["E01", "name"] == "有限公司（合成）E01"


def test_official_form_without_size_column_derives_it_alike(tmp_path, monkeypatch, capsys):
    data = _xlsx(_official_table(size_column=False))
    page = _page_path(tmp_path, monkeypatch, data, "企业.xlsx")
    z_cli, e_cli, _ = _cli_path(tmp_path, data, "企业.xlsx")
    printed = capsys.readouterr().out
    # 主营业务收入 >= 2,000 万元: E02 (3,000) and E06 (2,900) only.
    assert "主营业务收入 ≥ 2000 万元为规上（2 家规上，8 家规下）" in printed
    page_sizes = page.result.enterprises.set_index("ent_id")["size_class"]
    assert sorted(page_sizes[page_sizes == "规上"].index) == ["E02", "E06"]
    assert page_sizes.to_dict() == e_cli["size_class"].to_dict()
    page_classes = page.result.enterprises.set_index("ent_id")["eval_class"].astype(object).fillna("-")
    assert page_classes.to_dict() == e_cli["eval_class"].fillna("-").to_dict()
    assert z_cli.loc["北区", "tax_wan_yuan"] == 160.0 == page.zones.loc["北区", "tax_wan_yuan"]


def test_both_paths_read_one_file_into_the_same_frame(tmp_path):
    data = _xlsx(_official_table(size_column=True))
    path = tmp_path / "企业.xlsx"
    path.write_bytes(data)
    page = ingest.read_upload(data, "企业.xlsx", kind="enterprises")
    cli = batch.read_enterprise_file(path)
    pd.testing.assert_frame_equal(pd.DataFrame(page.frame), pd.DataFrame(cli.frame))
    assert page.frame["above_scale"].tolist() == enterprises()["above_scale"].tolist()
    assert page.frame["land_mu"].tolist()[:2] == pytest.approx([10.0, 20.0])
    assert page.mapping["ent_id"] == "企业ID" and page.mapping["land_mu"] == "用地面积(公顷)"

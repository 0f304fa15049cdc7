"""A firm whose 所在镇 names a town the atlas knows but whose point lies in no town, far from the one
named (walk 15 item 7: 盛泽镇 written, the point 25 km south in Zhejiang, passed with 「需核对 0」): a
row to check, beyond ``named_outside_km`` of the town's drawn boundary; a name the atlas does not
know is not flagged, nor a point just outside its town's schematic edge."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import yaml

from geo import ingest
from geo.ingest.checks import CHECKS_YAML
from geo.ingest.places import bundled
from geo.ingest.report import FLAG_COLUMN, flag_text
from geo.spatial.crs import ANALYSIS_CRS
from tests.fixtures.cli import import_options

SHENGZE = "吴江高新区（盛泽镇）"


def _table() -> tuple[pd.DataFrame, float]:
    towns = bundled().towns
    drawn = gpd.GeoSeries(towns.polygons, crs=4326).to_crs(ANALYSIS_CRS)
    shengze = drawn.iloc[towns.names.index(SHENGZE)]
    inside = shapely.point_on_surface(shengze)
    xy = shapely.get_coordinates(shengze.exterior if shengze.geom_type == "Polygon" else shengze.geoms[0])
    south = xy[np.argmin(xy[:, 1])]
    near = shapely.Point(south[0], south[1] - 500)  # 0.5 km south of the town's southern tip
    far = shapely.Point(575000, 3395000)  # about 25 km south, in Zhejiang
    assert not drawn.union_all().contains(near) and not drawn.union_all().contains(far)
    points = gpd.GeoSeries([inside, far, far, near], crs=ANALYSIS_CRS).to_crs(4326)
    table = pd.DataFrame(
        {
            "企业名称": ["甲纺织有限公司", "嘉兴越界机械有限公司", "丙机械有限公司", "丁纺织有限公司"],
            "所在镇（区）": ["盛泽镇", "盛泽镇", "新塍镇", "盛泽镇"],
            "用地面积（亩）": [10, 20, 30, 40],
            "实缴税金（万元）": [50, 60, 70, 80],
            "销售收入（万元）": [1000, 3000, 2500, 900],
            "经度": points.x.round(6),
            "纬度": points.y.round(6),
        }
    )
    return table, shapely.distance(shengze, far) / 1000


def test_a_point_far_from_the_town_it_names_is_a_row_to_check():
    assert yaml.safe_load(CHECKS_YAML.read_text(encoding="utf-8"))["named_outside_km"] == 1.0
    table, km = _table()
    result = ingest.read_upload(
        table.to_csv(index=False).encode("utf-8-sig"), "企业.csv", frame="wgs84", kind="enterprises"
    )
    warn = result.report[result.report["level"] == "warning"]
    said = f"所在区镇「所在镇（区）」写的是{SHENGZE}，坐标却在其外（距其边界约 {km:.1f} 公里）"
    assert warn["row"].tolist() == [3], warn  # not 新塍镇 (unknown), not 0.5 km off its edge
    assert warn["problem"].iloc[0] == said + "（区镇边界为示意，请以实地为准）"
    assert result.check_counts() == {"位置与地址/区镇不符": 1}
    flags = result.frame[FLAG_COLUMN].tolist()
    assert flags[1].startswith(said) and all(not isinstance(f, str) or not f for f in flags[::2])
    english = flag_text(flags[1], "en")
    assert english.startswith(
        "Town (“所在镇（区）”) says Wujiang Hi-tech Zone (Shengze Town), but the point lies outside it"
        f" (about {km:.1f} km from its boundary)"
    ), english


def test_the_command_line_counts_it_as_the_page_does(tmp_path, capsys):
    from geo.cli import main

    path = tmp_path / "吴江企业_2024.csv"
    path.write_bytes(_table()[0].to_csv(index=False).encode("utf-8-sig"))
    given = import_options(tmp_path / "s.gpkg", "wgs84")
    assert main(["--lang", "zh", "import", str(path), *given, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "提醒 1 行" in out and "位置与地址/区镇不符 1 行" in out, out

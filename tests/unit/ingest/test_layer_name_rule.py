"""The table-name field says the rule :func:`geo.ingest.save_import` enforces (walk 11: the label said
小写英文、数字、下划线 while the proposed ``user_enterprises_企业名单_盛泽七都_2024`` was accepted)."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo import ingest
from geo.errors import DataValidationError
from geo.ingest.userstore import MAX_NAME_BYTES
from geo.messages import t


def _zones() -> ingest.ImportResult:
    frame = gpd.GeoDataFrame({"name": ["甲园"]}, geometry=[shapely.box(120.6, 31.1, 120.62, 31.12)], crs=4326)
    return ingest.read_upload(frame.to_json().encode(), "z.geojson", kind="zones")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_label_names_what_is_accepted_and_the_help_the_limit(lang):
    label, help_ = t("data.name", lang), t("data.name_help", lang)
    said = (
        ("小写字母", "数字", "下划线", "汉字") if lang == "zh" else ("lower-case a-z", "0-9", "_", "Chinese")
    )
    assert all(word in label for word in said), label
    assert str(MAX_NAME_BYTES) in help_ and "user_" in help_


@pytest.mark.parametrize("name", ["enterprises_企业名单_盛泽七都_2024", "企业名单", "parks_2", "2024"])
def test_names_the_label_allows_are_accepted(tmp_path, name):
    ingest.save_import(
        _zones(), name=name, title=name, source="测试局", path=tmp_path / "u.gpkg", actor="张三"
    )
    assert ingest.list_user_layers(path=tmp_path / "u.gpkg")["layer"].tolist() == [f"user_{name}"]


@pytest.mark.parametrize("name", ["Parks", "parks-2", "parks 2", "公园（一期）", "公园" * 16])
def test_names_the_label_excludes_are_refused(tmp_path, name):
    with pytest.raises(DataValidationError, match="不可用"):
        ingest.save_import(
            _zones(), name=name, title="x", source="测试局", path=tmp_path / "u.gpkg", actor="张三"
        )

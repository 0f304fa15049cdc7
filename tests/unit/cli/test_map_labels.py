"""``--map`` takes a field by its label in either language, as the messages name it, where that is
unambiguous (walk 20 b4: a zone file without a name column was told to map 名称, then ``--map
名称=园区`` was refused; the Chinese message named a screen's 「字段对应」 box)."""

from __future__ import annotations

import pytest

from geo import ingest
from geo.cli import main
from geo.ingest.columns import mapping_fields, merge_mapping
from tests.fixtures.cli import import_zones


@pytest.mark.usefixtures("own_user_store")
def test_the_missing_field_is_mapped_as_the_message_says(unnamed_parks, capsys):
    assert main(import_zones(unnamed_parks)) == 2
    err = capsys.readouterr().err
    assert "缺少必需的字段：名称" in err and "--map name=列名" in err, err
    assert main(import_zones(unnamed_parks, lang="en")) == 2
    err = capsys.readouterr().err
    assert "Required fields are missing: Name" in err and "--map name=<column>" in err, err
    # the label the message names is taken for the field, as the key is
    assert main(import_zones(unnamed_parks, "--map", "名称=简称")) == 0, capsys.readouterr().err
    layer = ingest.load_user_layer(ingest.list_user_layers()["layer"].iloc[0])
    assert sorted(layer["name"]) == ["吴江经开区", "汾湖高新区"]


def test_map_takes_a_fields_label_in_either_language_where_it_is_unambiguous():
    assert mapping_fields({"名称": "园区", "分区编号": "编号"}, "zones") == {
        "name": "园区",
        "zone_id": "编号",
    }
    assert mapping_fields({"Name": "园区", "zone id": "编号"}, "zones") == {"name": "园区", "zone_id": "编号"}
    given = {"税收": "实缴税金", "用地面积（亩）": "占地", "Sales (10k yuan)": "开票", "tax_wan_yuan": "x"}
    assert mapping_fields(given, "enterprises") == {
        "tax_wan_yuan": "x",
        "land_mu": "占地",
        "sales_wan_yuan": "开票",
    }
    # laid over the suggested mapping (import and evaluate --map) as the key is
    assert merge_mapping({"tax_wan_yuan": "税金"}, {"税收": "实缴"}, "enterprises") == {
        "tax_wan_yuan": "实缴"
    }
    # an unknown word stays as given, for the error that lists the fields
    assert mapping_fields({"园区": "x"}, "zones") == {"园区": "x"}
    assert mapping_fields({"名称": "x"}, "other") == {"名称": "x"}

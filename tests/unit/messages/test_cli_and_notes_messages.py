"""Notes geo returns as data (a catalogue key and its parameters): the Chinese text as it always was,
the English one written by key, for real cases of each area (ingest, land, batch, the command line)."""

from __future__ import annotations

import pickle

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.errors import DataValidationError
from geo.ingest import read_upload
from geo.ingest.locating import suggest_crs
from geo.ingest.report import report_for_download
from geo.land.parcels import join_parcels, verdict_note
from geo.land.renewal import status_change_detail
from geo.messages import MESSAGES
from geo.messages.notes import Listing, Note, error_note, note, text_in


def test_a_note_is_its_chinese_text_and_writes_english_by_key():
    said = note("land.note.unknown_ids", n=2, ids=Listing(["E1", "E2"]))
    assert said == "2 个宗地上的企业编号不在企业表中：E1、E2"
    assert said.text("en") == "2 enterprise ids on parcels are not in the enterprise table: E1, E2"
    assert (said.key, said.params["n"]) == ("land.note.unknown_ids", 2)
    again = pickle.loads(pickle.dumps(said))  # Streamlit's caches pickle what they keep
    assert again == said and again.text("en") == said.text("en")
    assert text_in("旧式说明", "en") == "旧式说明"  # a plain note stands as it is


def test_a_gcj02_frame_and_a_gauss_kruger_reason_in_english():
    guess = suggest_crs((500_000.0, 3_440_000.0, 520_000.0, 3_460_000.0))
    assert guess.crs == "EPSG:4549"
    assert guess.reason == "CGCS2000 3度带高斯-克吕格投影（中央经线 120°E，横坐标不含带号，单位米）"
    assert guess.reason.text("en") == (
        "the CGCS2000 3-degree Gauss-Krüger projection (central meridian 120°E, eastings without the "
        "zone number, in metres)"
    )
    swapped = suggest_crs((3_440_000.0, 500_000.0, 3_460_000.0, 520_000.0))
    assert swapped.swapped and swapped.reason.text("en").endswith(
        ", but with X and Y exchanged (surveying X is the northing)"
    )
    table = pd.DataFrame({"name": ["甲"], "gcj_lon": [120.645], "gcj_lat": [31.155]})
    read = read_upload(table.to_csv(index=False).encode(), "firms.csv", frame="gcj02")
    converted = [n for n in read.notes if isinstance(n, Note) and n.key == "ingest.note.converted_frame"]
    assert converted == ["坐标按 GCJ-02（高德/腾讯）读取，已转换为 WGS-84"]
    assert converted[0].text("en") == "Coordinates read as GCJ-02 (Gaode, Tencent) and converted to WGS-84"


def test_a_geometry_type_complaint_in_the_row_report_in_either_language():
    zones = gpd.GeoDataFrame(
        {"name": ["甲区", "乙点"]},
        geometry=[shapely.box(120.6, 31.1, 120.7, 31.2), shapely.Point(120.65, 31.15)],
        crs=4326,
    )
    read = read_upload(zones.to_json().encode(), "zones.geojson", kind="zones")
    assert len(read.frame) == 1
    zh = report_for_download(read.report)
    assert list(zh.columns) == ["行号", "处理", "字段", "问题", "原值"]
    # the features' own location: 坐标, not the internal `geometry` (walk18 (b)5 ii)
    assert zh.iloc[0].tolist()[1:4] == ["错误（已剔除）", "坐标", "分区图层需要面要素，点/线无法使用"]
    en = report_for_download(read.report, "en")
    assert list(en.columns) == ["Row", "Handling", "Field", "Problem", "Value given"]
    assert en.iloc[0].tolist()[1:4] == [
        "Error (dropped)",
        "Coordinates",
        "A zone layer needs polygons; points and lines cannot be used",
    ]
    assert read.summary() == "读入 2 行：通过 1 行，剔除 1 行，修复 0 行，提醒 0 行"
    assert read.summary_note().text("en") == "2 rows read: 1 passed, 1 dropped, 0 repaired, 0 flagged"


def test_a_batch_note_of_a_missing_year_and_of_zones_not_scored():
    assert note("batch.note.no_previous_year", year=2021).text("en") == (
        "The table holds no data for 2021: no comparison with the year before"
    )
    error = DataValidationError.of("cli.file_not_found", path="z.gpkg")
    said = note("batch.note.zones_not_scored", reason=error_note(error))
    assert said == "区镇评价未完成：找不到文件 z.gpkg。请检查路径"
    assert said.text("en") == "The zones were not scored: File z.gpkg not found. Check the path"


def test_a_batch_summary_of_the_year_comparison_in_english():
    said = note(
        "batch.summary.compared",
        label=note("batch.summary.year", year=2021),
        how=note("batch.summary.reevaluated"),
        n_new=1,
        n_gone=2,
        n_up=3,
        n_down=4,
    )
    assert said == (
        "与2021 年比较（上年数据按相同区域与配置重新评价）：新进入 1 家，退出 2 家，升档 3 家，降档 4 家"
    )
    assert said.text("en") == (
        "Compared with the year 2021 (last year's data evaluated again with the same zones and rules): "
        "1 entered, 2 left, 3 moved up, 4 moved down"
    )


def test_a_renewal_log_detail_in_either_language():
    detail = status_change_detail(
        "WJ-0042", "已认定", "处置中", method="技改提升", day="2026-03-01", typed="李四"
    )
    assert detail == "WJ-0042：已认定 → 处置中（技改提升，2026-03-01）；填写的修改人：李四"
    assert detail.text("en") == (
        "Parcel WJ-0042: Identified → In progress (Upgrade, on 2026-03-01); name typed on the form: 李四"
    )
    plain = status_change_detail("WJ-7", "处置中", "已盘活", day="2026-05-01")
    assert (plain, plain.text("en")) == (
        "WJ-7：处置中 → 已盘活（2026-05-01）",
        "Parcel WJ-7: In progress → Renewed (on 2026-05-01)",
    )


def test_parcel_join_notes_and_verdicts_in_either_language():
    parcels = gpd.GeoDataFrame(
        {"parcel_id": ["P1", "P2"], "ent_id": ["E1", "E9"]},
        geometry=[shapely.box(120.60, 31.10, 120.61, 31.11), shapely.box(120.62, 31.10, 120.63, 31.11)],
        crs=4326,
    )
    joined = join_parcels(parcels, pd.DataFrame({"ent_id": ["E1"]}))
    assert joined.notes == ("1 个宗地上的企业编号不在企业表中：E9",)
    assert joined.notes_en == ("1 enterprise ids on parcels are not in the enterprise table: E9",)
    assert verdict_note("未达标").text("en") == "Missed"
    assert verdict_note("别的") == "别的"


@pytest.mark.parametrize(
    ("key", "params", "zh", "en"),
    [
        (
            "cli.out.counts",
            {"zones": 8, "enterprises": 120},
            "区域 8 个，企业 120 家",
            "8 zones, 120 enterprises",
        ),
        (
            "cli.out.d_land",
            {"mu": 12.345},
            "可腾退低效用地（D 类企业用地）合计 12.35 亩",
            "Low-efficiency land that could be freed (the D-class enterprises' land): 12.35 mu in all",
        ),
    ],
)
def test_command_line_summaries_in_either_language(key, params, zh, en):
    said = note(key, **params)
    assert (said, said.text("en")) == (zh, en)
    assert key in MESSAGES


def test_change_log_actions_and_accuracy_classes_in_either_language():
    from geo.storage.changelog import action_label
    from geo.storage.provenance import accuracy_label

    assert (action_label("status_changed", "zh"), action_label("status_changed", "en")) == (
        "更改盘活状态",  # the parcel's 盘活 status (was "更改更新状态")
        "renewal status changed",
    )
    assert (accuracy_label("schematic", "zh"), accuracy_label("schematic", "en")) == ("示意", "schematic")
    assert action_label("no_such_action", "en") == "no_such_action"


def test_a_value_that_is_not_a_number_in_the_row_report_in_either_language():
    table = pd.DataFrame(
        {"企业名称": ["甲", "乙"], "用地面积（亩）": [30, 100], "实缴税金（万元）": [600, "保密"]}
        | {"销售收入（万元）": [12000, 56000], "经度": [120.645, 120.655], "纬度": [31.155, 30.915]}
    )
    read = read_upload(table.to_csv(index=False).encode(), "企业.csv", kind="enterprises")
    zh = report_for_download(read.report)
    assert "「税收（万元）」不是数字" in zh["问题"].tolist()
    en = report_for_download(read.report, "en")
    assert "“Tax (10k yuan)” is not a number" in en["Problem"].tolist()

"""What the walk 18 met importing an enterprise list (page and CLI share geo.ingest): a credit code
two different firms use dropped the second firm without a flag on either (b1); the header 所属镇 was
not taken for the town (b4); 需核对 5 beside 「…2 行，…4 行」 (b8: one row counted in two checks); the
row report's field of a coordinate warning read ``geometry`` (b5 ii)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import ingest
from geo.cli import main
from geo.collect.codes import credit_check_char, org_check_char
from geo.evaluation.metrics import check_enterprises
from geo.ingest.columns import name_suffix
from geo.ingest.report import FLAG_COLUMN, flag_text
from geo.messages.notes import text_in


def _code(body: str) -> str:
    first17 = "91320509" + body + org_check_char(body)
    return first17 + credit_check_char(first17)


A, B = _code("MA1000A1"), _code("MA1000B2")
# the second firm under A: its name, not its row, in its id (walk19 (b)8)
A4 = f"{A}-{name_suffix('同里文旅制品有限公司')}"
HEADER = "企业名称,所属镇,用地（亩）,入库税收（万元）,开票销售（万元）,统一社会信用代码,经度,纬度\n"
# row 2 and row 4 (another firm) share A; row 5 repeats row 2 whole (one firm entered twice);
# row 4 also sits on a round coordinate: two checks on one row
ROWS = (
    f"震泽蚕丝被业有限公司,震泽镇,83.9,310.4,19021.7,{A},120.495242,30.916076\n"
    f"平望冷链物流有限公司,平望镇,33.3,1567.3,47289.4,{B},120.634879,30.971927\n"
    f"同里文旅制品有限公司,吴江开发区,6.0,40.0,900.0,{A},120.72,31.16\n"
    f"震泽蚕丝被业有限公司,震泽镇,83.9,310.4,19021.7,{A},120.495242,30.916076\n"
) + "".join(  # firms enough that the code column, nearly all distinct, is proposed as the id
    f"吴江第{i}制造有限公司,,10,50,1000,{_code(f'MA1{i:05d}')},{120.6 + i / 137:.5f},{31 + i / 193:.5f}\n"
    for i in range(1, 19)
)


def _read(text: str = HEADER + ROWS) -> ingest.ImportResult:
    return ingest.read_upload(
        text.encode("utf-8"), "吴江亩均企业_2025.csv", kind="enterprises", frame="wgs84"
    )


def _problems(result, lang: str = "zh") -> list[tuple[int, str, str]]:
    table = ingest.report_for_download(result.report, lang)
    return [tuple(r) for r in table.iloc[:, [0, 2, 3]].itertuples(index=False)]


def test_one_code_on_two_firms_keeps_both_rows_flags_both_and_keeps_ids_unique():
    result = _read()
    frame = result.frame
    # both firms kept; the true duplicate (same name, same code) still dropped as before
    names = ["震泽蚕丝被业有限公司", "平望冷链物流有限公司", "同里文旅制品有限公司"]
    assert frame["name"].tolist()[:3] == names and len(frame) == 21
    assert frame["ent_id"].tolist()[:3] == [A, B, A4] and frame["ent_id"].is_unique
    assert frame["统一社会信用代码"].tolist()[:3] == [A, B, A]  # the codes as written, kept
    assert result.count("error") == 1
    problems = _problems(result)
    assert (5, "统一社会信用代码", "企业编号重复（每家企业只能有一行），本行已剔除") in problems
    shared = [p for p in problems if "相同，企业名称却不同" in p[2]]
    assert shared == [
        (
            2,
            "统一社会信用代码",
            "统一社会信用代码与第 4 行（同里文旅制品有限公司）相同，企业名称却不同：一个代码只属于一家"
            "企业，可能有一行代码有误，请核对",
        ),
        (
            4,
            "统一社会信用代码",
            "统一社会信用代码与第 2 行（震泽蚕丝被业有限公司）相同，企业名称却不同：一个代码只属于一家"
            "企业，可能有一行代码有误，请核对",
        ),
    ]
    english = [p for p in _problems(result, "en") if "under another name" in p[2]]
    assert english[0][2] == (
        "Same unified social credit code as row 4 (同里文旅制品有限公司) under another name: a code"
        " belongs to one firm only; one of them may be wrong; check it"
    )
    # counted: the banner's 统一社会信用代码 count holds both rows; the flag reads in either language
    assert result.check_counts()["统一社会信用代码有误或重复"] == 2
    flagged = frame.set_index("ent_id")[FLAG_COLUMN]
    assert flag_text(flagged[A4], "en").count("Same unified social credit code as row 2") == 1
    said = [text_in(n, "zh") for n in result.notes if "短校验码" in text_in(n, "zh")]
    assert said == [
        "「统一社会信用代码」与前面另一家企业（名称不同）相同的行：1 行，都保留（需核对），企业编号在原值"
        f"后加企业名称的短校验码以示区分（{A4}，每次导入都相同），原值仍在「统一社会信用代码」列"
    ]
    ingest.save_import(result, name="firms", title="企业", source="测试", year=2025)
    stored = ingest.load_user_layer("user_firms")
    check_enterprises(stored)  # ids unique: evaluation takes the layer
    assert stored["统一社会信用代码"].tolist()[:3] == [A, B, A]


def test_an_id_that_is_no_credit_code_on_two_firms_is_flagged_on_both_rows():
    text = "企业编号,企业名称,用地（亩）,入库税收（万元）,开票销售（万元）,经度,纬度\n" + (
        "E001,甲纺织有限公司,10,50,1000,120.64123,30.90234\n"
        "E002,乙材料有限公司,20,90,3000,120.65213,30.91371\n"
        "E001,丙电子有限公司,30,70,2000,120.66213,30.92371\n"
    )
    mapping = ingest.suggest_mapping(text.splitlines()[0].split(","), "enterprises")  # as picked
    result = ingest.read_upload(text.encode(), "企业.csv", kind="enterprises", frame="wgs84", mapping=mapping)
    assert (
        result.frame["ent_id"].tolist() == ["E001", "E002", f"E001-{name_suffix('丙电子有限公司')}"]
        and result.count("error") == 0
    )
    assert _problems(result) == [
        (2, "企业编号", "「企业编号」与第 4 行（丙电子有限公司）相同，企业名称却不同：两行都保留，请核对"),
        (4, "企业编号", "「企业编号」与第 2 行（甲纺织有限公司）相同，企业名称却不同：两行都保留，请核对"),
    ]
    assert _problems(result, "en")[1][2] == (
        "Same “企业编号” as row 2 (甲纺织有限公司) under another name: both rows kept; check them"
    )


@pytest.mark.parametrize(
    "header",
    [
        "所属镇",
        "所属镇（区）",
        "所属镇(区)",
        "所在镇",
        "镇（区）",
        "镇/区",
        "区/镇",
        "乡镇",
        "所属乡镇",
        "所在乡镇",
        "镇",
        "镇（街道）",
        "街道/镇",
        "镇/街道",
        "镇街",
        "所属镇街",
        "所属街道",
        "乡镇（街道）",
    ],
)
def test_the_town_headers_of_a_county_file_are_recognised(header):
    columns = ["企业名称", header, "用地面积（亩）", "实缴税金（万元）"]
    assert ingest.suggest_mapping(columns, "enterprises").get("town") == header


@pytest.mark.parametrize("header", ["所属区域", "所属地区", "所属园区", "所属区"])
def test_headers_that_may_name_a_district_or_a_park_are_left_to_the_user(header):
    columns = ["企业名称", header, "用地面积（亩）", "实缴税金（万元）"]
    assert "town" not in ingest.suggest_mapping(columns, "enterprises")


@pytest.mark.parametrize("header", ["所属镇", "所在镇", "镇"])
def test_the_town_headers_of_a_parcel_table_are_recognised(header):
    assert ingest.suggest_mapping(["地块编号", header, "宗地面积"], "parcels").get("town") == header


def test_the_counts_say_a_row_two_checks_flag_and_the_field_is_the_coordinate_columns():
    result = _read()
    # row 4: a round coordinate and a shared code; 2 rows flagged, 3 counts
    assert result.count("warning") == 2 and result.check_counts() == {
        "坐标为整数/过于整齐": 1,
        "统一社会信用代码有误或重复": 2,
    }
    assert result.summary() == (
        "读入 22 行：通过 21 行，剔除 1 行，修复 0 行，提醒 2 行（坐标为整数/过于整齐 1 行，统一社会信用代码"
        "有误或重复 2 行；其中 1 行不止一类问题）"
    )
    assert text_in(result.summary_note(), "en") == (
        "22 rows read: 21 passed, 1 dropped, 0 repaired, 2 flagged (of which coordinates whole numbers"
        " or too round: 1 row, credit code malformed or repeated: 2 rows; 1 row has more than one of"
        " these)"
    )
    round_zh = [p for p in _problems(result) if "位小数" in p[2]]
    assert [p[:2] for p in round_zh] == [(4, "经度/纬度")]
    # a vector file has no coordinate columns: 坐标 / Coordinates, not the internal `geometry`
    points = result.frame[["name", "geometry"]].iloc[[2]]
    vector = ingest.read_upload(points.to_json().encode(), "p.geojson", kind="other")
    assert [tuple(r)[:2] for r in _problems(vector)] == [(1, "坐标")]
    assert [tuple(r)[:2] for r in _problems(vector, "en")] == [(1, "Coordinates")]


def test_the_cli_keeps_both_firms_takes_the_town_and_says_the_counts(tmp_path: Path, capsys):
    table = tmp_path / "吴江亩均企业_2025.csv"
    table.write_text(HEADER + ROWS, encoding="utf-8")
    store, report = tmp_path / "s.gpkg", tmp_path / "r.csv"
    given = ["--frame", "wgs84", "--source", "测试", "--accuracy", "real", "--store", str(store)]
    assert main(["--lang", "en", "import", str(table), *given, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "22 rows read: 21 passed, 1 dropped" in out, out
    assert "; 1 row has more than one of these)" in out, out
    assert f"short hash of the firm's name appended ({A4}, the same in every import)" in out, out
    written = pd.read_csv(report, encoding="utf-8-sig")  # in the command's language
    assert list(written.columns) == ["Row", "Handling", "Field", "Problem", "Value given"]
    assert "经度/纬度" in written["Field"].tolist() and "geometry" not in written["Field"].tolist()
    layer = ingest.load_user_layer(ingest.list_user_layers(path=store)["layer"].iloc[0], path=store)
    assert layer["town"].tolist()[:3] == ["震泽镇", "平望镇", "吴江开发区"]  # from 所属镇
    assert layer["ent_id"].tolist()[:3] == [A, B, A4]

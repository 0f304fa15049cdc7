"""One identifier on two firms in an enterprise list (page and CLI share geo.ingest): a 统一社会信用代码
two different firms use keeps both rows, flags both and makes the second firm's id unique (walk 18
b1) from its name, not its row, so that a corrected file or a re-import keeps it (walk 19 b8); an id
that is no credit code is flagged the same; the command line says so too."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo import ingest
from geo.cli import main
from geo.evaluation.metrics import check_enterprises
from geo.ingest.columns import name_suffix
from geo.ingest.report import FLAG_COLUMN, flag_text
from geo.messages.notes import text_in
from tests.fixtures.firm_lists import (
    A4,
    CHECKED_FIRST,
    CHECKED_HEADER,
    FILLER,
    SHARED_HEADER,
    SHARED_ROWS,
    A,
    B,
    read_checked,
    read_shared,
    report_rows,
)


def test_one_code_on_two_firms_keeps_both_rows_flags_both_and_keeps_ids_unique():
    result = read_shared()
    frame = result.frame
    # both firms kept; the true duplicate (same name, same code) still dropped as before
    names = ["震泽蚕丝被业有限公司", "平望冷链物流有限公司", "同里文旅制品有限公司"]
    assert frame["name"].tolist()[:3] == names and len(frame) == 21
    assert frame["ent_id"].tolist()[:3] == [A, B, A4] and frame["ent_id"].is_unique
    assert frame["统一社会信用代码"].tolist()[:3] == [A, B, A]  # the codes as written, kept
    assert result.count("error") == 1
    problems = report_rows(result)
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
    english = [p for p in report_rows(result, "en") if "under another name" in p[2]]
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
    assert report_rows(result) == [
        (2, "企业编号", "「企业编号」与第 4 行（丙电子有限公司）相同，企业名称却不同：两行都保留，请核对"),
        (4, "企业编号", "「企业编号」与第 2 行（甲纺织有限公司）相同，企业名称却不同：两行都保留，请核对"),
    ]
    assert report_rows(result, "en")[1][2] == (
        "Same “企业编号” as row 2 (甲纺织有限公司) under another name: both rows kept; check them"
    )


def test_the_second_firm_keeps_its_id_in_a_corrected_file_and_a_reimport(tmp_path: Path):
    second = f"{A}-{name_suffix('同里文旅制品有限公司')}"
    first = read_checked(CHECKED_HEADER + CHECKED_FIRST + FILLER)
    assert first.frame["ent_id"].tolist()[:2] == [A, second]
    # the corrected file: a row above it gone, so its row number moves; its id does not
    corrected = read_checked(
        CHECKED_HEADER
        + CHECKED_FIRST.splitlines(keepends=True)[0]
        + CHECKED_FIRST.splitlines(keepends=True)[1]
        + FILLER
    )
    assert corrected.frame["ent_id"].tolist()[:2] == [A, second]
    assert second in text_in(first.notes[-1], "zh") or any(second in text_in(n, "zh") for n in first.notes)
    # the exported layer read again: the same ids, and its 企业编号 is not taken for a malformed code
    table = tmp_path / "吴江企业亩均_2025.csv"
    table.write_text(CHECKED_HEADER + CHECKED_FIRST + FILLER, encoding="utf-8")
    store, out = tmp_path / "s.gpkg", tmp_path / "e.csv"
    given = ["--frame", "wgs84", "--source", "测试", "--accuracy", "real", "--store", str(store)]
    assert main(["import", str(table), *given]) == 0
    layer = ingest.list_user_layers(path=store)["layer"].iloc[0]
    assert main(["export", layer, "--out", str(out), "--store", str(store)]) == 0
    again = ingest.read_upload(out.read_bytes(), "e.csv", kind="enterprises", frame="wgs84")
    assert again.frame["ent_id"].tolist()[:2] == [A, second]
    malformed = [str(p) for p in again.report["problem"] if "格式不对" in str(p)]
    assert len(malformed) == 1, malformed  # row 4's own code only


def test_the_cli_keeps_both_firms_takes_the_town_and_says_the_counts(tmp_path: Path, capsys):
    table = tmp_path / "吴江亩均企业_2025.csv"
    table.write_text(SHARED_HEADER + SHARED_ROWS, encoding="utf-8")
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

"""What ``evaluate`` says of its inputs, as the page does: which sheet of a workbook it read (walk 16
item 7), the firms outside every zone by name and id (walk 16 item 9), the columns taken for each
field by the field's label, not its internal name (walk 17 b3)."""

from __future__ import annotations

import pandas as pd

from geo.cli import main
from tests.fixtures.cli import evaluate_printed
from tests.fixtures.evaluation import enterprises, evaluation_files


def test_evaluate_says_which_sheet_of_a_workbook_it_read(tmp_path, capsys):
    zones_path, _ = evaluation_files(tmp_path)
    firms = enterprises().dropna(subset=["geometry"]).to_crs("EPSG:4326")
    rows = pd.DataFrame(firms.drop(columns="geometry")).assign(lon=firms.geometry.x, lat=firms.geometry.y)
    book = tmp_path / "企业_2024.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.DataFrame({"说明": ["本表为测试", "企业见第二个工作表"]}).to_excel(
            writer, sheet_name="说明", index=False
        )
        rows.to_excel(writer, sheet_name="企业", index=False)
    command = ["evaluate", str(zones_path), str(book), "--frame", "wgs84", "--raw", "-o"]
    assert main(["--lang", "zh", *command, str(tmp_path / "zh")]) == 0
    out = capsys.readouterr().out
    assert "已读取工作表「企业」（第一个工作表「说明」没有经纬度列）" in out, out
    assert main(["--lang", "en", *command, str(tmp_path / "en")]) == 0
    out = capsys.readouterr().out
    assert "Read the sheet “企业” (the first sheet, “说明”, has no longitude/latitude columns)" in out, out


def test_evaluate_names_the_firms_outside_every_zone_as_the_page(named, tmp_path, capsys):
    zones_path, table = named
    assert (
        main(["--lang", "zh", "evaluate", str(zones_path), str(table), "--raw", "-o", str(tmp_path / "z")])
        == 0
    )
    out = capsys.readouterr().out
    assert "不在任何区域内的企业 2 家：企业E09（E09）、企业E10（E10）" in out, out
    assert (
        main(["--lang", "en", "evaluate", str(zones_path), str(table), "--raw", "-o", str(tmp_path / "e")])
        == 0
    )
    out = capsys.readouterr().out
    assert "2 enterprises outside every zone: 企业E09 (E09), 企业E10 (E10)" in out, out


def test_the_notes_name_fields_as_the_page_does(user_parks, tmp_path, capsys):
    said = evaluate_printed(user_parks, tmp_path / "en", "en", capsys)
    assert "“统一社会信用代码” as Enterprise ID" in said and "“税收（万元）” as Tax (10k yuan)" in said, said
    assert "no consumption column “Water use (m³)”" in said, said
    assert "water_m3" not in said and " as ent_id" not in said, said
    assert "1 enterprise outside every zone" in said, said
    said = evaluate_printed(user_parks, tmp_path / "zh", "zh", capsys)
    assert "「统一社会信用代码」→ 企业编号" in said and "「用水量（立方米）」" in said, said
    assert "water_m3" not in said and "ent_id" not in said, said

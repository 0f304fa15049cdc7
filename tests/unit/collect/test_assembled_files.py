"""The assembled table's files as the 数据归集 page gives them: headers a person reads in the page's
language (the catalogue's labels; official Chinese headers in Chinese), 是/否 or Yes/No, the
provenance's headers all distinct and its units in the page's language, and a file that the import
and the evaluation read back to the same classes as the command line's standard table."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest
import yaml

from geo import ingest
from geo.collect import SourceInput, collect
from geo.collect.industries import INDUSTRIES_YAML
from geo.collect.report import (
    assembled_bytes,
    check_headers,
    report_bytes,
    safe_csv_bytes,
    safe_xlsx_bytes,
    value_sources,
)
from tests.fixtures.cli import run_evaluate
from tests.fixtures.collect import CODES, NAMES, write_files
from tests.fixtures.evaluation import zones

DEPARTMENTS = ("tax", "stats", "power", "land")


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    files = write_files(tmp_path_factory.mktemp("in"))
    return collect(
        SourceInput("register", files["register"].name, files["register"].read_bytes()),
        [SourceInput(d, files[d].name, files[d].read_bytes()) for d in DEPARTMENTS],
    )


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}


def test_a_table_with_repeated_headers_is_refused_by_name():
    twice = pd.DataFrame([[1, 2, 3]], columns=["Rows", "File", "Rows"])
    with pytest.raises(ValueError, match=r"repeated headers: \['Rows'\]"):
        safe_csv_bytes(twice)
    with pytest.raises(ValueError, match=r"repeated headers: \['Rows'\]"):
        safe_xlsx_bytes({"Provenance": twice})
    check_headers(["Rows", "Number of rows"])  # distinct: fine


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_provenance_headers_are_distinct_and_read_back(collection, lang):
    files = assembled_bytes(collection, fmt="csv", lang=lang, headers="labels")
    prov = pd.read_csv(io.BytesIO(files[".provenance"]), encoding="utf-8-sig", dtype=str)
    expected = {
        "zh": ["匹配到的企业", "名称（原文）", "字段", "部门", "文件", "SHA-256", "行号", "行数"],
        "en": [
            "Matched enterprise",
            "Name (as written)",
            "Column",
            "Department",
            "File",
            "SHA-256",
            "Row numbers",
            "Number of rows",
        ],
    }[lang]
    assert list(prov.columns[:8]) == expected
    # A's tax: three 税种 rows (3, 4, 5 of 税务.csv), in 元 in the file.
    tax = prov[
        (prov.iloc[:, 0] == CODES["A"]) & (prov.iloc[:, 3] == ("税务" if lang == "zh" else "Tax office"))
    ]
    assert tax.iloc[0, 6] == "3,4,5" and tax.iloc[0, 7] == "3"
    assert tax.iloc[0, -1] == ("元" if lang == "zh" else "yuan")
    land = prov[(prov.iloc[:, 0] == CODES["D"]) & (prov.iloc[:, 4] == "自然资源.xlsx")]
    assert land.iloc[0, -1] == ("平方米" if lang == "zh" else "m²")


def test_the_english_xlsx_is_in_english(collection):
    sheets = _sheets(assembled_bytes(collection, fmt="xlsx", lang="en", headers="labels")[""])
    assert list(sheets) == ["Assembled", "Provenance"]
    header, *rows = sheets["Assembled"]
    assert header[:7] == (
        "Enterprise ID",
        "Name",
        "Industry",
        "Town",
        "Land (mu)",
        "Sales (10k yuan)",
        "Tax (10k yuan)",
    )
    assert "Above designated size" in header and "Source: Tax (10k yuan)" in header
    assert {"Industry code", "Industry division code", "Industry division"} <= set(header)
    assert not [h for h in header if "_" in str(h)]  # no atlas names (ent_id, land_mu, src_…)
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_id[CODES["A"]]["Above designated size"] == "Yes"
    assert by_id[CODES["C"]]["Above designated size"] == "No"
    assert by_id[CODES["A"]]["Tax (10k yuan)"] == 450 and by_id[CODES["A"]]["Land (mu)"] == 30
    assert by_id[CODES["A"]]["Source: Tax (10k yuan)"] == "税务.csv:3,4,5"
    prov_header, *prov_rows = sheets["Provenance"]
    assert len(set(prov_header)) == len(prov_header)
    units = {r[prov_header.index("Unit in the file")] for r in prov_rows}
    assert {"yuan", "1,000 yuan", "kWh", "m²", "persons"} <= units
    assert not {"元", "千元", "千瓦时", "平方米", "人"} & units


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def test_the_english_files_name_industries_and_divisions_in_english(collection):
    """The walk's 数据归集 English download kept the 大类 (纺织业, 通用设备制造业) and the plan's
    industries (高端纺织) in Chinese: now their English names (GB/T 4754-2017 divisions as the NBS
    yearbook gives them, configured in industries.yaml); only the register's own names, its 区镇
    names no English table knows and the departments' file names stay as written."""
    for data in (
        assembled_bytes(collection, fmt="xlsx", lang="en", headers="labels")[""],
        report_bytes(collection, fmt="xlsx", lang="en"),
    ):
        for title, (header, *rows) in _sheets(data).items():
            for row in rows:
                for col, value in zip(header, row, strict=True):
                    kept = col in (
                        "Name",
                        "Name (as written)",
                        "Town",
                        "File",
                        "Perhaps (for checking; not joined)",
                    )
                    kept |= str(col).startswith("Source: ") or CJK.search(str(col)) is not None
                    kept |= col == "Code (as written)"  # a full-width code as the department typed it
                    assert kept or not CJK.search(str(value)), (title, col, value)
    header, *rows = _sheets(assembled_bytes(collection, fmt="xlsx", lang="en", headers="labels")[""])[
        "Assembled"
    ]
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    # A: C1711 (纺织业, 高端纺织); B: 3832 (光缆, 光电通信)
    assert by_id[CODES["A"]]["Industry division"] == "Manufacture of textiles"
    assert by_id[CODES["A"]]["Industry"] == "High-end textiles"
    assert by_id[CODES["B"]]["Industry division"] == "Manufacture of electrical machinery and apparatus"
    assert by_id[CODES["B"]]["Industry"] == "Optoelectronic communication"
    issues = _sheets(report_bytes(collection, fmt="xlsx", lang="en"))["Conflicts and repeats"]
    assert any(str(r[-1]).startswith("F5191: not a manufacturing code") for r in issues[1:]), issues


def test_every_division_has_its_english_name_in_the_configuration():
    raw = yaml.safe_load(INDUSTRIES_YAML.read_text(encoding="utf-8"))
    assert set(raw["divisions_en"]) == set(raw["divisions"]) and raw["divisions_en_source"]
    assert (
        raw["divisions_en"]["39"] == "Manufacture of computers, communication and other electronic equipment"
    )


def test_the_chinese_xlsx_has_the_official_headers(collection):
    sheets = _sheets(assembled_bytes(collection, fmt="xlsx", lang="zh", headers="labels")[""])
    header, *rows = sheets["归集结果"]
    assert header[:7] == (
        "企业编号",
        "企业名称",
        "行业",
        "所在区镇",
        "用地面积（亩）",
        "销售收入（万元）",
        "税收（万元）",
    )
    assert "是否规上" in header and "来源：税收（万元）" in header and "行业代码" in header
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_id[CODES["A"]]["企业名称"] == NAMES["A"] and by_id[CODES["A"]]["是否规上"] == "是"
    assert by_id[CODES["C"]]["是否规上"] == "否"


def test_the_command_lines_file_keeps_the_atlas_names(collection):
    header = _sheets(assembled_bytes(collection, fmt="xlsx")[""])["归集结果"][0]
    assert header[:3] == ("ent_id", "name", "industry") and "src_tax_wan_yuan" in header


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pages_xlsx_evaluates_to_the_same_classes(collection, tmp_path: Path, lang):
    """collect → the page's XLSX → import and evaluate gives the classes of the standard table."""
    zones_path = tmp_path / "zones.gpkg"
    pyogrio.write_dataframe(zones(), zones_path, layer="zones", driver="GPKG")
    standard, labelled = tmp_path / "standard.csv", tmp_path / "labelled.xlsx"
    standard.write_bytes(assembled_bytes(collection, fmt="csv")[""])
    labelled.write_bytes(assembled_bytes(collection, fmt="xlsx", lang=lang, headers="labels")[""])
    # the import (数据管理's upload) reads the labelled file back under the atlas's names
    imported = ingest.read_upload(
        labelled.read_bytes(), labelled.name, kind="enterprises", require_coordinates=False
    ).frame.set_index("ent_id")
    assert imported.loc[CODES["A"], ["land_mu", "tax_wan_yuan", "electricity_kwh"]].tolist() == [
        30,
        450,
        1_500_000,
    ]
    assert imported["above_scale"].tolist() == [True, True, False, True, False, True, False]
    assert imported.loc[CODES["B"], "industry"] == "光电通信"
    # … and the enterprise profile still finds each value's source under its labelled header
    sources = {c: (v, f, n) for c, v, f, n in value_sources(imported.loc[CODES["D"]].to_dict())}
    assert sources["tax_wan_yuan"] == (100.0, "税务.csv", 1)
    assert sources["land_mu"] == (15.0, "自然资源.xlsx", 2) and sources["electricity_kwh"][2] == 2
    results = {}
    for name, path in (("standard", standard), ("labelled", labelled)):
        assert run_evaluate(zones_path, path, tmp_path / name, "--zone-column", "town") == 0
        table = pd.read_csv(
            tmp_path / name / "enterprise_classes.csv", encoding="utf-8-sig", dtype={"ent_id": str}
        )
        results[name] = table.set_index("ent_id").sort_index()
    std, got = results["standard"], results["labelled"]
    # A (规上, 亩均税收 15) is A; B and C are B; D and F are C; E (no land) and G (no values) are not scored.
    assert std["eval_class"].fillna("—").tolist() == ["A", "B", "B", "C", "—", "C", "—"]
    assert got["eval_class"].fillna("—").tolist() == std["eval_class"].fillna("—").tolist()
    assert (
        got["size_class"].tolist()
        == std["size_class"].tolist()
        == ["规上", "规上", "规下", "规上", "规下", "规上", "规下"]
    )
    assert got["score"].tolist() == pytest.approx(std["score"].tolist(), nan_ok=True)
    assert got.loc[CODES["A"], "tax_per_mu_wan_yuan"] == pytest.approx(15.0)

"""An enterprise list's 统一社会信用代码 checked at import (walk17 (b)1) and the 规上 counts of a
derived 规上 note counting the rows kept (walk17 (b)5)."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd

from geo import ingest
from geo.collect.codes import credit_check_char, org_check_char
from geo.ingest.report import FLAG_COLUMN, flag_text
from geo.messages.notes import text_in
from tests.fixtures import ROOT


def _code(body: str) -> str:
    """A valid credit code of 吴江区 around an 8-character organisation body."""
    first17 = "91320509" + body + org_check_char(body)
    return first17 + credit_check_char(first17)


GOOD = [_code(f"MA1{i:05d}") for i in range(1, 6)]
# the 18th character wrong; characters 9–17 (the organisation code) wrong with a right 18th
BAD_18TH = GOOD[1][:17] + ("0" if GOOD[1][17] != "0" else "1")
_ORG_BAD = "91320509MA1000060" if org_check_char("MA100006") != "0" else "91320509MA1000061"
BAD_ORG = _ORG_BAD + credit_check_char(_ORG_BAD)


def _table() -> pd.DataFrame:
    """Eight firms in 吴江 (WGS-84, 5 decimals): row 2 valid, row 3 the 18th character wrong, row 4
    the organisation code wrong, row 5 11 characters (walk17), row 6 valid, row 7 the code of row 2
    written with spaces (the same code), row 8 恒盛丝绸 again with another valid code than row 6's,
    row 9 dropped (negative tax)."""
    rows = [
        ("甲公司", GOOD[0], 3000),
        ("乙公司", BAD_18TH, 3000),
        ("丙公司", BAD_ORG, 3000),
        ("华科光电有限公司", "91320509ABC", 3000),
        ("恒盛丝绸有限公司", GOOD[2], 3000),
        ("丁公司", " ".join([GOOD[0][:8], GOOD[0][8:]]), 3000),
        ("恒盛丝绸有限公司", GOOD[3], 1000),
        ("负税公司", GOOD[4], 3000),
    ]
    table = pd.DataFrame(rows, columns=["单位名称", "统一社会信用代码", "营业收入（万元）"])
    table["用地面积（亩）"] = 10.0
    table["税收（万元）"] = [100.0] * 7 + [-15.0]
    table["经度"] = [120.64123 + 0.01 * i for i in range(8)]
    table["纬度"] = [31.16123 + 0.001 * i for i in range(8)]
    return table


def _read(table: pd.DataFrame, name: str = "名录.csv") -> ingest.ImportResult:
    return ingest.read_upload(table.to_csv(index=False).encode("utf-8-sig"), name, kind="enterprises")


def _problems(result, lang="zh") -> list[tuple[int, str]]:
    return [(int(r.row), text_in(r.problem, lang)) for r in result.report.itertuples()]


def test_credit_codes_are_checked_flagged_and_kept():
    result = _read(_table())
    found = _problems(result)
    credit = [(row, text) for row, text in found if "统一社会信用代码" in text]
    assert credit == [
        (
            2,
            "统一社会信用代码与第 7 行（丁公司）相同，企业名称却不同：一个代码只属于一家企业，可能有一行代码"
            "有误，请核对",
        ),
        (
            3,
            "统一社会信用代码第 18 位校验位不对（GB 32100）：可能抄错一位，早期个别代码不合校验仍属"
            "合法，请核对",
        ),
        (
            4,
            "统一社会信用代码第 9–17 位（组织机构代码）校验位不对（GB 11714）：可能抄错一位，早期个别代码不合"
            "校验仍属合法，请核对",
        ),
        (
            5,
            "统一社会信用代码格式不对（11 位，应为 18 位数字或大写字母，不含 I、O、S、V、Z）："
            "无法与其他部门的数据对应，请核对",
        ),
        (
            6,
            f"与第 8 行同名，统一社会信用代码却不同（{GOOD[3]}）：两家企业同名很少见，"
            "可能重复登记或代码有误，请核对",
        ),
        (
            7,
            "统一社会信用代码与第 2 行（甲公司）相同，企业名称却不同：一个代码只属于一家企业，可能有一行代码"
            "有误，请核对",
        ),
        (
            8,
            f"与第 6 行同名，统一社会信用代码却不同（{GOOD[2]}）：两家企业同名很少见，"
            "可能重复登记或代码有误，请核对",
        ),
    ]
    # each a warning on the file's own column: kept (需核对), only the negative tax dropped
    rows = result.report.set_index("row")
    assert set(rows.loc[[2, 3, 4, 5, 6, 7, 8], "level"]) == {"warning"}
    assert set(rows.loc[[2, 3, 4, 5, 6, 7, 8], "field"]) == {"统一社会信用代码"}
    assert len(result.frame) == 7 and result.count("error") == 1 and result.count("warning") == 7
    assert result.check_counts() == {"统一社会信用代码有误或重复": 7}
    assert "统一社会信用代码有误或重复 7 行" in result.summary()
    assert "credit code malformed or repeated: 7 rows" in text_in(result.summary_note(), "en")
    # the code is the enterprise id as written (ranking, 公示 show it) and the flag says why
    kept = result.frame.set_index("ent_id")
    assert "91320509ABC" in kept.index and GOOD[0] in kept.index
    assert kept.loc["91320509ABC", FLAG_COLUMN].startswith("统一社会信用代码格式不对（11 位")
    # in English, read back from the stored Chinese flag
    assert flag_text(kept.loc["91320509ABC", FLAG_COLUMN], "en") == (
        "The unified social credit code is malformed (11 characters; it should be 18 digits or capital"
        " letters without I, O, S, V, Z): it cannot be matched with other departments' data; check it"
    )
    assert flag_text(kept.loc[GOOD[3], FLAG_COLUMN], "en") == (
        f"Same name as row 6 but a different unified social credit code ({GOOD[2]}): two firms rarely"
        " share a name; maybe registered twice or a code is wrong; check it"
    )


def test_valid_codes_and_other_id_columns_pass_silently():
    table = _table().iloc[[0, 4]].copy()
    assert _problems(_read(table)) == []
    # the same codes under 企业编号 with one malformed: an id column holding credit codes is checked
    table = _table().iloc[[0, 2, 3, 4]].rename(columns={"统一社会信用代码": "企业编号"})
    table.loc[table.index[2], "企业编号"] = GOOD[4]
    found = _problems(_read(table))
    assert [row for row, _ in found] == [3]
    # ids that are no credit codes (E001 …) are not checked
    table = _table().iloc[:3].rename(columns={"统一社会信用代码": "企业编号"})
    table["企业编号"] = ["E001", "E002", "E003"]
    assert _problems(_read(table)) == []
    # a credit column kept beside another id (USCC), checked all the same
    table = _table().iloc[[0, 3]].rename(columns={"统一社会信用代码": "USCC"})
    table.insert(0, "企业编号", ["E1", "E2"])
    assert [(row, text[:12]) for row, text in _problems(_read(table))] == [(3, "统一社会信用代码格式不对")]


def test_derived_size_counts_the_rows_kept():
    result = _read(_table())
    said = [text_in(n, "zh") for n in result.notes if "规上" in text_in(n, "zh")]
    # 8 rows, 1 dropped (负税公司 3000 万元 would be 规上): 6 规上 (≥ 2000 万元) and 1 规下 of 7 kept
    assert len(result.frame) == 7
    assert said == [
        "表中没有「是否规上」列：按统计口径由「营业收入（万元）」判定，主营业务收入 ≥ 2000 万元为规上"
        "（6 家规上，1 家规下）"
    ]


def test_cli_import_says_the_checks_and_the_kept_counts(tmp_path):
    path = tmp_path / "名录.xlsx"
    buf = io.BytesIO()
    _table().to_excel(buf, index=False)
    path.write_bytes(buf.getvalue())
    report = tmp_path / "report.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo.cli",
            "import",
            str(path),
            "--kind",
            "enterprises",
            "--frame",
            "wgs84",
            "--dry-run",
            "--report",
            str(report),
            "--store",
            str(tmp_path / "u.gpkg"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "通过 7 行，剔除 1 行" in done.stdout
    assert "统一社会信用代码有误或重复 7 行" in done.stdout
    assert "（6 家规上，1 家规下）" in done.stdout
    written = pd.read_csv(report, encoding="utf-8-sig")
    assert "统一社会信用代码格式不对（11 位" in " ".join(written.iloc[:, 3].astype(str))


def test_a_parcel_table_repeating_its_firms_code_is_not_an_enterprise_list():
    parcels = (
        _table().iloc[[0, 0, 3]][["统一社会信用代码", "经度", "纬度"]].assign(地块编号=["P1", "P2", "P3"])
    )
    parcels["经度"] = [120.64123, 120.65123, 120.66123]
    result = ingest.read_upload(parcels.to_csv(index=False).encode("utf-8-sig"), "地块.csv", kind="other")
    assert _problems(result) == []

"""A register and four department files as bureaus send them, for the 数据归集 tests.

Seven enterprises (A–G). The check characters are computed here by the standards' own rules
(GB 11714: weights 3 7 9 10 5 8 4 2, 11 − Σ mod 11; GB 32100-2015: weights 3^(i−1) mod 31,
31 − Σ mod 31), independently of geo.collect.codes. What each file does:

* 税务.csv — a title row above the header; amounts in 元; A in three 税种 rows with its code in
  lower case and spaced (450 万元); C's code in full-width digits; F's code with a mistyped check
  character (not matched: its 60 万元 stay out, the row is reported with F as a suggestion); a
  taxpayer that belongs to no one (苏州壬科技).
* 统计.xlsx — keyed by the 9-character 组织机构代码 (A's with a hyphen, B's in lower case), sales
  and value added in 千元, 从业人员期末人数.
* 供电.csv — 户号 and 户名 only: D has two accounts (700,000 + 300,000 kWh); C's 户名 has
  half-width brackets where the register has full-width ones; an account that belongs to no
  one (苏州庚物流).
* 自然资源.xlsx — parcels in m²: D has two (6,000 + 4,000 m² = 15 亩); E is a tenant with none.
* G is in the register only, with a 行业代码 outside manufacturing (F5191): no value, reported.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_check(body8: str) -> str:
    """GB 11714 check character."""
    value = [int(c) if c.isdigit() else ord(c) - 55 for c in body8]
    rest = 11 - sum(v * w for v, w in zip(value, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "X" if rest == 10 else "0" if rest == 11 else str(rest)


def credit_check(first17: str) -> str:
    """GB 32100-2015 check character."""
    total = sum(_ALPHA.index(c) * (3**i % 31) for i, c in enumerate(first17))
    return _ALPHA[(31 - total % 31) % 31]


def credit_code(body8: str, area: str = "320509") -> str:
    """A valid credit code of an enterprise (9 = 市场监管, 1 = 企业) registered in ``area``."""
    org = body8 + org_check(body8)
    first17 = "91" + area + org
    return first17 + credit_check(first17)


BODIES = {k: f"MA1{k}000{i}" for i, k in enumerate("ABCDEFGH", start=1)}
CODES = {k: credit_code(b) for k, b in BODIES.items()}
ORGS = {k: b + org_check(b) for k, b in BODIES.items()}
NAMES = {
    "A": "苏州甲纺织有限公司",
    "B": "苏州乙光电有限公司",
    "C": "吴江丙（苏州）机械有限公司",
    "D": "苏州丁新材料有限责任公司",
    "E": "苏州戊医疗器械有限公司",
    "F": "苏州己电子有限公司",
    "G": "吴江辛贸易有限公司",
}
TOWNS = {"A": "北区", "B": "北区", "C": "中区", "D": "中区", "E": "中区", "F": "北区", "G": "北区"}
INDUSTRY_CODES = {
    "A": "C1711",
    "B": "3832",
    "C": "3411",
    "D": "C2651",
    "E": "3581",
    "F": "3971",
    "G": "F5191",
}


def _mistyped(code: str) -> str:
    """The code with a wrong 18th character."""
    wrong = next(c for c in "0123456789" if c != code[17])
    return code[:17] + wrong


def _spaced_lower(code: str) -> str:
    return f" {code[:4]} {code[4:].lower()} "


def _full_width(code: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in code)


NOBODY_TAXPAYER = credit_code("MA1J0009")


def register_table() -> pd.DataFrame:
    keys = list(NAMES)
    return pd.DataFrame(
        {
            "企业名称": [NAMES[k] for k in keys],
            "统一社会信用代码": [CODES[k] for k in keys],
            "所在区镇": [TOWNS[k] for k in keys],
            "行业代码": [INDUSTRY_CODES[k] for k in keys],
            "是否规上": ["是", "是", "否", "是", "否", "是", "否"],
        }
    )


def tax_rows() -> list[list]:
    return [
        [_spaced_lower(CODES["A"]), NAMES["A"], "增值税", "3,000,000"],
        [_spaced_lower(CODES["A"]), NAMES["A"], "企业所得税", "1200000"],
        [CODES["A"], NAMES["A"], "城市维护建设税", "300000.00"],
        [CODES["B"], NAMES["B"], "增值税", "800000"],
        [_full_width(CODES["C"]), NAMES["C"], "增值税", "500000"],
        [CODES["D"], NAMES["D"], "增值税", "1000000"],
        [CODES["E"], NAMES["E"], "增值税", "200000"],
        [_mistyped(CODES["F"]), NAMES["F"], "增值税", "600000"],
        [NOBODY_TAXPAYER, "苏州壬科技有限公司", "增值税", "100000"],
    ]


def write_files(folder: Path) -> dict[str, Path]:
    """The register and the four department files in ``folder``; key -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "register": folder / "企业名录.xlsx",
        "tax": folder / "税务.csv",
        "stats": folder / "统计.xlsx",
        "power": folder / "供电.csv",
        "land": folder / "自然资源.xlsx",
    }
    register_table().to_excel(paths["register"], index=False, sheet_name="名录")
    header = "纳税人识别号,纳税人名称,税种,实缴金额（元）"
    lines = ["2024年度企业纳税明细（单位：元）,,,", header]
    lines += [",".join(f'"{v}"' for v in row) for row in tax_rows()]
    paths["tax"].write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    stats = pd.DataFrame(
        {
            "组织机构代码": [
                ORGS["A"][:8] + "-" + ORGS["A"][8],
                ORGS["B"].lower(),
                ORGS["C"],
                ORGS["D"],
                ORGS["E"],
                ORGS["F"],
            ],
            "单位详细名称": [NAMES[k] for k in "ABCDEF"],
            "营业收入（千元）": [80000, 30000, 12000, 25000, 5000, 40000],
            "工业增加值（千元）": [20000, 6000, 2400, 5000, 1000, 8000],
            "从业人员期末人数": [200, 80, 50, 100, 30, 120],
        }
    )
    stats.to_excel(paths["stats"], index=False, sheet_name="统计")
    power = pd.DataFrame(
        {
            "户号": ["3200001", "3200002", "3200003", "3200004", "3200005", "3200006", "3200007", "3200008"],
            "户名": [
                NAMES["A"],
                NAMES["B"],
                "吴江丙(苏州)机械有限公司",
                NAMES["D"],
                NAMES["D"],
                NAMES["E"],
                NAMES["F"],
                "苏州庚物流有限公司",
            ],
            "用电量（千瓦时）": [1_500_000, 600_000, 400_000, 700_000, 300_000, 200_000, 900_000, 50_000],
        }
    )
    power.to_csv(paths["power"], index=False, encoding="utf-8-sig")
    land = pd.DataFrame(
        {
            "宗地编号": ["320509001", "320509002", "320509003", "320509004", "320509005", "320509006"],
            "权利人": [NAMES[k] for k in "ABCDDF"],
            "统一社会信用代码": [
                CODES["A"].lower(),
                CODES["B"],
                CODES["C"],
                CODES["D"],
                CODES["D"],
                CODES["F"],
            ],
            "宗地面积（平方米）": [20000, 10000, 8000, 6000, 4000, 12000],
        }
    )
    land.to_excel(paths["land"], index=False, sheet_name="宗地")
    return paths


# Hand-worked per enterprise (万元, kWh, 亩, persons); None = no department value (left empty).
EXPECTED = {
    "A": {
        "tax_wan_yuan": 450.0,
        "sales_wan_yuan": 8000.0,
        "value_added_wan_yuan": 2000.0,
        "employees": 200.0,
        "electricity_kwh": 1_500_000.0,
        "land_mu": 30.0,
    },
    "B": {
        "tax_wan_yuan": 80.0,
        "sales_wan_yuan": 3000.0,
        "value_added_wan_yuan": 600.0,
        "employees": 80.0,
        "electricity_kwh": 600_000.0,
        "land_mu": 15.0,
    },
    "C": {
        "tax_wan_yuan": 50.0,
        "sales_wan_yuan": 1200.0,
        "value_added_wan_yuan": 240.0,
        "employees": 50.0,
        "electricity_kwh": 400_000.0,
        "land_mu": 12.0,
    },
    "D": {
        "tax_wan_yuan": 100.0,
        "sales_wan_yuan": 2500.0,
        "value_added_wan_yuan": 500.0,
        "employees": 100.0,
        "electricity_kwh": 1_000_000.0,
        "land_mu": 15.0,
    },
    "E": {
        "tax_wan_yuan": 20.0,
        "sales_wan_yuan": 500.0,
        "value_added_wan_yuan": 100.0,
        "employees": 30.0,
        "electricity_kwh": 200_000.0,
        "land_mu": None,
    },
    "F": {
        "tax_wan_yuan": None,
        "sales_wan_yuan": 4000.0,
        "value_added_wan_yuan": 800.0,
        "employees": 120.0,
        "electricity_kwh": 900_000.0,
        "land_mu": 18.0,
    },
    "G": {
        "tax_wan_yuan": None,
        "sales_wan_yuan": None,
        "value_added_wan_yuan": None,
        "employees": None,
        "electricity_kwh": None,
        "land_mu": None,
    },
}

"""A hand-worked two-year fixture (2021 → 2022, plus 2020 for the "two years falling" rule).

Rules (``CONFIG``): one indicator, 亩均税收, weight 100, fixed benchmark 10 万元/亩, capped at the
benchmark, so score = min(tax / land / 10, 1) × 100; classes by score: A ≥ 80, B ≥ 50, C ≥ 25,
else D; 规下 on less than 3 亩 and enterprises in production under 2 years are T. Every land is
10 亩 unless said.

| id | 2020 tax | 2021 tax → score → class | 2022 tax → score → class | transition |
|----|----------|--------------------------|--------------------------|------------|
| P1 | 100      | 90 → 90 → A              | 55 → 55 → B              | A → B (down 1) |
| P2 |          | 60 → 60 → B              | 85 → 85 → A              | B → A (up 1) |
| P3 |          | 30 → 30 → C              | 35 → 35 → C              | C → C |
| P4 |          | 10 → 10 → D              | 26 → 26 → C              | D → C (up 1) |
| P5 |          | 85 → 85 → A              | 20 → 20 → D              | A → D (down 3) |
| P6 | 规下 on 2 亩 | 20 → T (land < 3)      | 20 → T                   | T → T |
| P7 |          | 55 → 55 → B              | —                        | B → GONE |
| P8 |          | 5 → 5 → D                | —                        | D → GONE |
| N1 | —        | —                        | started 2022, 8 亩 → T   | NEW → T |
| N2 | —        | —                        | started 2019, 95 → A     | NEW → A |

Transitions: (A,B) 1, (B,A) 1, (C,C) 1, (D,C) 1, (A,D) 1, (T,T) 1, (B,GONE) 1, (D,GONE) 1,
(NEW,T) 1, (NEW,A) 1 — ten enterprises; land 10 亩 each except T→T 2 亩 and NEW→T 8 亩.
2022 ranks (all 规上 scored, ranked together): N2 95, P2 85, P1 55, P3 35, P4 26, P5 20; the
percentile position of rank r is (r − 0.5) / 6 × 100, so only P5 (91.7 %) is in the bottom 10 %.
"""

from __future__ import annotations

import pandas as pd

from geo.evaluation import config_from_mapping

CONFIG_RAW = {
    "weights": {"above_scale": {"tax_per_mu_wan_yuan": 100}, "below_scale": {"tax_per_mu_wan_yuan": 100}},
    "benchmark": {"fixed": {"tax_per_mu_wan_yuan": 10.0}, "max_ratio": 1.0},
    "classes": {"method": "score", "rank_within": "all", "score": {"A": 80, "B": 50, "C": 25}},
    "exclusions": {"industries": ["燃气生产和供应业"], "min_years_in_production": 2},
}
CONFIG = config_from_mapping(CONFIG_RAW)

# id, year, tax, land, above_scale, start_year, electricity_kwh, water_m3
_ROWS = [
    ("P1", 2020, 100, 10, True, 2010, 100_000, 1_000),
    ("P1", 2021, 90, 10, True, 2010, 100_000, 1_000),
    ("P2", 2021, 60, 10, True, 2010, 100_000, 1_000),
    ("P3", 2021, 30, 10, True, 2010, 100_000, 1_000),
    ("P4", 2021, 10, 10, True, 2010, 200_000, 2_000),
    ("P5", 2021, 85, 10, True, 2010, 100_000, 1_000),
    ("P6", 2021, 20, 2, False, 2010, 10_000, 100),
    ("P7", 2021, 55, 10, True, 2010, 100_000, 1_000),
    ("P8", 2021, 5, 10, True, 2010, 50_000, 500),
    ("P1", 2022, 55, 10, True, 2010, 100_000, 1_000),
    ("P2", 2022, 85, 10, True, 2010, 100_000, 1_000),
    ("P3", 2022, 35, 10, True, 2010, 100_000, 1_000),
    ("P4", 2022, 26, 10, True, 2010, 200_000, 2_000),
    ("P5", 2022, 20, 10, True, 2010, 300_000, 4_000),
    ("P6", 2022, 20, 2, False, 2010, 10_000, 100),
    ("N1", 2022, 40, 8, True, 2022, 50_000, 500),
    ("N2", 2022, 95, 10, True, 2019, 100_000, 1_000),
]


def table() -> pd.DataFrame:
    """All years in one table with a ``year`` column (zone = ``town``: 甲镇 for P*, 乙镇 for N*)."""
    frame = pd.DataFrame(
        _ROWS,
        columns=[
            "ent_id",
            "year",
            "tax_wan_yuan",
            "land_mu",
            "above_scale",
            "start_year",
            "electricity_kwh",
            "water_m3",
        ],
    )
    frame["name"] = "企业" + frame["ent_id"]
    frame["industry"] = "高端装备"
    frame["town"] = frame["ent_id"].str[0].map({"P": "甲镇", "N": "乙镇"})
    frame["sales_wan_yuan"] = frame["tax_wan_yuan"] * 20.0
    return frame


def year(y: int) -> pd.DataFrame:
    """The rows of one year (index reset)."""
    frame = table()
    return frame[frame["year"] == y].reset_index(drop=True)


EXPECTED_TRANSITIONS = {
    ("A", "B"): (1, 10.0),
    ("B", "A"): (1, 10.0),
    ("C", "C"): (1, 10.0),
    ("D", "C"): (1, 10.0),
    ("A", "D"): (1, 10.0),
    ("T", "T"): (1, 2.0),
    ("B", "GONE"): (1, 10.0),
    ("D", "GONE"): (1, 10.0),
    ("NEW", "T"): (1, 8.0),
    ("NEW", "A"): (1, 10.0),
}

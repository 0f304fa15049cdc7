"""The publication fixture: a small year to publish, dispute and fix (tests/test_publication.py,
tests/test_cli_publication.py, tests/test_app_publication.py).

The fixture (hand-worked): five 规上 enterprises E1–E5 on 10 亩 each with taxes 10, 20, 30, 40, 50
万元 (1–5 万元/亩), and E6, 规下 on 2 亩 (below the 3 亩 minimum: T, not scored). The rules score
亩均税收 only (weight 100), benchmark = 1 × the pooled mean (Σ tax / Σ land of the scored), no
cap, classes by score: A ≥ 120, B ≥ 80, C ≥ 50, else D.

Published (V1): benchmark 150 / 50 = 3; scores 100/3 × (1, 2, 3, 4, 5) = 33.33, 66.67, 100, 133.33,
166.67 → D, C, B, A, A; ranks 5, 4, 3, 2, 1.
O1 (accepted): E1's tax 10 → 25. O2 (rejected): E3's tax 30 → 45.
Re-evaluated (V2): benchmark 165 / 50 = 3.3; E1 2.5/3.3 → 75.76 (C), E2 60.61 (C), E3 90.91 (B),
E4 121.21 (A), E5 151.52 (A); ranks E5 1, E4 2, E3 3, E1 4, E2 5. E6 unchanged (T).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.evaluation import default_config
from geo.publication import objections, results, versions
from tests.conftest import postgis_schema

CRS = "EPSG:4549"
X0, Y0 = 500_000.0, 3_450_000.0
WINDOW = (date(2025, 7, 13), date(2025, 7, 19))
IN_WINDOW = date(2025, 7, 15)
EDITOR, HEAD = "张三", "李四"


def rules() -> dict:
    """亩均税收 only, benchmark 1 × pooled mean, no cap, classes by score."""
    raw = default_config().to_dict()
    above = {k: 0 for k in raw["weights"]["above_scale"]}
    below = {k: 0 for k in raw["weights"]["below_scale"]}
    raw["weights"] = {
        "above_scale": {**above, "tax_per_mu_wan_yuan": 100},
        "below_scale": {**below, "tax_per_mu_wan_yuan": 100},
    }
    raw["benchmark"] = {**raw["benchmark"], "multiple": 1.0, "max_ratio": None}
    raw["classes"] = {**raw["classes"], "method": "score", "score": {"A": 120, "B": 80, "C": 50}}
    return raw


def enterprises() -> gpd.GeoDataFrame:
    rows = [
        ("E1", 10, 10, True),
        ("E2", 10, 20, True),
        ("E3", 10, 30, True),
        ("E4", 10, 40, True),
        ("E5", 10, 50, True),
        ("E6", 2, 5, False),
    ]
    frame = pd.DataFrame(
        {
            "ent_id": [r[0] for r in rows],
            "name": [f"企业{r[0]}" for r in rows],
            "industry": "高端装备",
            "town": "北区",
            "land_mu": [float(r[1]) for r in rows],
            "tax_wan_yuan": [float(r[2]) for r in rows],
            "sales_wan_yuan": 100.0,
            "above_scale": [r[3] for r in rows],
        }
    )
    points = [Point(X0 + 100 * i, Y0 + 50) for i in range(len(rows))]
    return gpd.GeoDataFrame(frame, geometry=points, crs=CRS)


def store_target(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store of that kind (``gpkg`` or ``postgis``) for one test."""
    if kind == "gpkg":
        yield str(tmp_path / "atlas_user.gpkg")
        return
    with postgis_schema() as scoped:
        yield scoped


def save_year(store: str, **kw) -> versions.Version:
    ents = enterprises()
    return results.save_evaluation(
        ents,
        config=rules(),
        layers={"enterprises": ("user_ents_2024", ents)},
        title="2024 年度亩均评价",
        actor=EDITOR,
        year=2024,
        store=store,
        **kw,
    )


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("ent_id")


def add_objection(store: str, vid: str, ent: str, value: float, evidence: bytes = b"%PDF-1.4 tax proof"):
    return objections.record_objection(
        vid,
        ent_id=ent,
        indicator="tax_wan_yuan",
        value_claimed=value,
        evidence_name=f"{ent}-完税证明.pdf",
        evidence=evidence,
        department="税务局",
        actor=EDITOR,
        today=IN_WINDOW,
        store=store,
    )

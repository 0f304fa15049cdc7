"""Benchmark of the two-year comparison (geo/yearly/transitions.py) at Suzhou's scale, beside a plain pandas
merge + crosstab reference.

The demo's synthetic years 2021 and 2022 (data/atlas.gpkg, ~17k enterprises each) are tiled to
120,000 enterprises per year (Suzhou's system covers about 120,000, DOMAIN.md §4): copy k of an
enterprise keeps its figures and gets the id ``<id>-k``, so entrants, leavers and moves repeat
in the same proportions. Both years are evaluated with the default rules (zone = ``town``).

Timed, best of ``--repeat`` runs:
  evaluate    geo.evaluation.evaluate on each year (not part of the comparison; for scale)
  changes     geo.yearly.class_changes (outer join, NEW/GONE/T, steps, the indicators that moved
              each mover, in words)
  matrix      geo.yearly.transition_matrix on those changes (counts and land per pair)
  warnings    geo.yearly.early_warnings for 2022 under the default rules
  reference   pandas: merge(prev[[id, class]], curr[[id, class, land]], how="outer"), NEW/GONE
              filled in, then crosstab counts and land sums — the matrix alone, no movers' reasons
and checks that the reference's counts and land equal geo.yearly's.
Run: ``.venv/bin/python -m bench.bench_yearly``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import yearly  # noqa: E402
from geo.evaluation import classes_with_t, default_config, evaluate  # noqa: E402
from geo.storage.builtin import DEFAULT_GPKG, load_layer  # noqa: E402

TARGET = 120_000


def _tile(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    copies = -(-n // len(frame))
    parts = [frame.assign(ent_id=frame["ent_id"] + f"-{k}") for k in range(copies)]
    return pd.concat(parts, ignore_index=True).iloc[:n].reset_index(drop=True)


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def reference_matrix(prev: pd.DataFrame, curr: pd.DataFrame) -> pd.DataFrame:
    """The transition matrix with a plain merge and crosstab (counts and land)."""
    a = pd.DataFrame(
        {
            "ent_id": prev["ent_id"],
            "from_class": classes_with_t(prev).astype(str),
            "land_prev": prev["land_mu"],
        }
    )
    b = pd.DataFrame(
        {"ent_id": curr["ent_id"], "to_class": classes_with_t(curr).astype(str), "land": curr["land_mu"]}
    )
    m = a.merge(b, on="ent_id", how="outer")
    m["from_class"] = m["from_class"].fillna("NEW")
    m["to_class"] = m["to_class"].fillna("GONE")
    m["land"] = m["land"].fillna(m["land_prev"])
    counts = pd.crosstab(m["from_class"], m["to_class"])
    land = pd.crosstab(m["from_class"], m["to_class"], values=m["land"], aggfunc="sum")
    long = counts.stack().rename("n_enterprises").to_frame().join(land.stack().rename("land_mu"))
    return long[long["n_enterprises"] > 0].reset_index()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--n", type=int, default=TARGET, help="enterprises per year")
    args = parser.parse_args(argv)

    years = yearly.split_years(load_layer("enterprise_years", path=DEFAULT_GPKG))
    prev_t, curr_t = _tile(years[2021], args.n), _tile(years[2022], args.n)
    config = default_config()
    t_eval_prev, prev = _best(lambda: evaluate(prev_t, config=config, zone="town", year=2021).enterprises, 1)
    t_eval_curr, curr = _best(lambda: evaluate(curr_t, config=config, zone="town", year=2022).enterprises, 1)
    t_changes, changes = _best(lambda: yearly.class_changes(prev, curr), args.repeat)
    t_matrix, matrix = _best(lambda: yearly.transition_matrix(changes), args.repeat)
    evals = {2021: prev, 2022: curr}
    t_warn, warned = _best(lambda: yearly.early_warnings(evals, 2022, config.warning_rules), args.repeat)
    t_ref, ref = _best(lambda: reference_matrix(prev, curr), args.repeat)

    ours = matrix.set_index(["from_class", "to_class"]).sort_index()
    theirs = ref.set_index(["from_class", "to_class"]).sort_index()
    same_counts = ours["n_enterprises"].equals(theirs["n_enterprises"].astype("int64"))
    same_land = np.allclose(ours["land_mu"].to_numpy(), theirs["land_mu"].to_numpy())
    movers = int((changes["steps"] != 0).sum() - changes["steps"].isna().sum())

    print(
        f"two-year comparison, {len(prev):,} enterprises in 2021 and {len(curr):,} in 2022 (demo years tiled)"
    )
    print(f"  evaluate 2021 / 2022 (for scale)   {t_eval_prev:7.2f} s / {t_eval_curr:.2f} s")
    print(
        f"  geo.yearly.class_changes           {t_changes:7.3f} s"
        f"  ({len(changes):,} rows, {movers:,} movers with reasons)"
    )
    print(f"  geo.yearly.transition_matrix       {t_matrix:7.3f} s  ({len(matrix)} pairs)")
    print(f"  changes + matrix                   {t_changes + t_matrix:7.3f} s")
    print(f"  geo.yearly.early_warnings          {t_warn:7.3f} s  ({len(warned):,} warnings)")
    print(f"  reference merge + crosstab         {t_ref:7.3f} s  (matrix only)")
    print(f"  ratio (changes + matrix) / reference  {(t_changes + t_matrix) / t_ref:5.2f}")
    print(f"  same counts as the reference: {same_counts}; same land: {same_land}")


if __name__ == "__main__":
    main()

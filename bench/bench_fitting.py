"""Benchmark of fitting a table's columns to their names (pages/data/managing.py ``fit_unbroken``: the
公示 results, the imported layers, the versions table) beside the same function as it was before it
measured each text shape once, in one run.

Case: the demo's enterprises (16,766 names, 「…有限公司 （合成）」 spaced before the bracket as the 公示
results show them) with their stated 区镇 and zone, fitted in the 公示 results' width (as
``pages.publication.screen`` does when names may break between Chinese characters).
Fitters:
  new   this tree's ``fit_unbroken`` (each text shape measured once: ``pages.efficiency.fitting.text_shape``)
  ref   ``fit_unbroken`` of pages/data/managing.py at ``--ref`` (default ba89f9d, each distinct text
        measured on its own), loaded from git beside this tree's modules
Both run in the same process one after the other, ``--runs`` times (best and median seconds
printed); the widths and row heights they return must be equal.
Run: ``.venv/bin/python -m bench.bench_fitting``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.from_git import module_at  # noqa: E402

REF = "ba89f9d"  # the last fit_unbroken that measured every distinct name


def table():
    """The demo's names, stated 区镇 and zones as the 公示 results show them."""
    import pandas as pd
    import pyogrio

    from pages.efficiency.fitting import broken_before_brackets

    frame = pyogrio.read_dataframe(ROOT / "data" / "atlas.gpkg", layer="enterprises", read_geometry=False)
    return pd.DataFrame(
        {
            "企业名称": frame["name"].map(broken_before_brackets),
            "填报区镇": frame["town"].map(broken_before_brackets),
            "区域": frame["town"].map(broken_before_brackets),
        }
    )


def timed(fit, shown, runs: int) -> tuple[list[float], object]:
    seconds, fitted = [], None
    for _ in range(runs):
        start = time.perf_counter()
        fitted = fit(shown, list(shown.columns), budget_px=620, wrap_latin=False)
        seconds.append(time.perf_counter() - start)
    return seconds, fitted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ref", default=REF)
    args = parser.parse_args()
    from pages.data.managing import fit_unbroken

    reference = module_at(args.ref, "pages/data/managing.py", "managing_reference").fit_unbroken
    shown = table()
    print(f"{len(shown):,} rows, {shown['企业名称'].nunique():,} distinct names")
    new_s, new_fit = timed(fit_unbroken, shown, args.runs)
    ref_s, ref_fit = timed(reference, shown, 1)  # one run: it takes a minute
    print(f"{'fitter':<6} {'best s':>8} {'median s':>9}")
    print(f"{'new':<6} {min(new_s):8.3f} {statistics.median(new_s):9.3f}")
    print(f"{'ref':<6} {min(ref_s):8.3f} {statistics.median(ref_s):9.3f}  ({args.ref})")
    print(f"ref / new (best): {min(ref_s) / min(new_s):,.0f}x")
    same = (new_fit.widths, new_fit.row_px) == (ref_fit.widths, ref_fit.row_px)
    print(f"same widths and row height: {same}  {new_fit.widths} {new_fit.row_px}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

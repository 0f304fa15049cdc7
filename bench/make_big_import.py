"""Write a user store holding one large imported enterprise table (for ``bench.bench_pages``).

Usage::

    .venv/bin/python -m bench.make_big_import OUT.gpkg [--rows 150000]

The rows are the demo's synthetic enterprises drawn with replacement (fixed seed), each moved
by up to ~300 m and given a new id and name, imported as a CSV through the same path as the data
page (``geo.ingest.read_upload`` + ``save_import``, kind ``enterprises``), accuracy ``synthetic``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from geo import ingest
from geo.storage.builtin import load_layer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=150_000)
    args = parser.parse_args(argv)
    demo = load_layer("enterprises")
    rng = np.random.default_rng(20261201)
    rows = demo.iloc[rng.integers(0, len(demo), args.rows)].reset_index(drop=True)
    table = rows.drop(columns=rows.geometry.name)
    table["ent_id"] = [f"B{i:06d}" for i in range(1, args.rows + 1)]
    table["name"] = [f"导入企业{i:06d}" for i in range(1, args.rows + 1)]
    table["lon"] = (rows.geometry.x + rng.uniform(-0.003, 0.003, args.rows)).round(6)
    table["lat"] = (rows.geometry.y + rng.uniform(-0.003, 0.003, args.rows)).round(6)
    data = table.to_csv(index=False).encode("utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    result = ingest.read_upload(
        data,
        "big_enterprises.csv",
        kind="enterprises",
        lon_col="lon",
        lat_col="lat",
        max_bytes=len(data) + 1,
    )
    ingest.save_import(
        result,
        name="big_enterprises",
        title="导入企业（15 万家，合成）",
        source="bench.make_big_import",
        accuracy="synthetic",
        path=args.out,
    )
    print(
        f"{len(result.frame):,} rows ({len(data) / 1e6:.1f} MB CSV) imported into {args.out} "
        f"in {time.perf_counter() - t0:.1f} s"
    )


if __name__ == "__main__":
    main()

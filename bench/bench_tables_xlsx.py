"""Benchmark of the data workbook (geo/exports/tables.py ``xlsx_bytes``: the XLSX every map page and
数据管理 offer, and ``geo.cli export --out x.xlsx``) beside the pandas + openpyxl writer it replaced,
in one run.

Case: the demo's enterprises (16,766 points) and parcels (17,695 polygons) in one workbook, as the
data page exports them; with ``--times k`` each table tiled k times (the city's scale at 7).
Writers:
  new   this tree's ``xlsx_bytes`` (its sheets written as SpreadsheetML text, geo/exports/streamed.py)
  ref   ``xlsx_bytes`` of geo/exports/tables.py at ``--ref`` (default 6794970, the last through
        pandas' ExcelWriter and openpyxl), loaded from git beside this tree's modules
Each writer runs in the same process one after the other, ``--runs`` times (best and median CPU
seconds printed); the two workbooks' sheets, cell values, cell types and number formats are compared.
Run: ``.venv/bin/python -m bench.bench_tables_xlsx``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.from_git import module_at  # noqa: E402

REF = "6794970"  # geo/exports/tables.py writing through pandas' ExcelWriter (openpyxl)


def reference_writer(ref: str):
    """``xlsx_bytes`` of geo/exports/tables.py as it was at git revision ``ref``."""
    return module_at(ref, "geo/exports/tables.py", "tables_reference").xlsx_bytes


def tables(times: int) -> dict:
    """The data page's two demo layers, each tiled ``times`` times."""
    import pandas as pd

    from geo.storage.builtin import load_layer

    out = {}
    for title, layer in (("企业", "enterprises"), ("宗地", "parcels")):
        frame = load_layer(layer)
        out[title] = pd.concat([frame] * times, ignore_index=True) if times > 1 else frame
    return out


def cells(data: bytes) -> list:
    """Every sheet's name and every cell's value, type and number format (an empty cell has no type:
    openpyxl wrote pandas' blanks as empty text cells, the new writer as empty number cells)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [
        (
            ws.title,
            [
                [(c.value, c.data_type if c.value is not None else None, c.number_format) for c in row]
                for row in ws.iter_rows()
            ],
        )
        for ws in wb.worksheets
    ]


def timed(write, frames: dict, runs: int) -> tuple[list[float], bytes]:
    """CPU seconds of each of ``runs`` calls, and the last workbook."""
    seconds, data = [], b""
    for _ in range(runs):
        start = time.process_time()
        data = write(frames, title="bench")
        seconds.append(time.process_time() - start)
    return seconds, data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=REF, help="git revision of the reference writer (%(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="calls per writer (%(default)s)")
    parser.add_argument("--times", type=int, default=1, help="tile each table this many times (%(default)s)")
    args = parser.parse_args(argv)

    from geo.exports.tables import xlsx_bytes

    frames = tables(args.times)
    rows = sum(len(f) for f in frames.values())
    new_s, new_data = timed(xlsx_bytes, frames, args.runs)
    ref_s, ref_data = timed(reference_writer(args.ref), frames, args.runs)
    print(
        f"data workbook, {rows:,} rows ({args.times}x the demo's enterprises + parcels), "
        f"CPU s over {args.runs} calls"
    )
    print(f"{'writer':<6} {'best':>7} {'median':>7} {'MB':>6}")
    for name, s, data in (("new", new_s, new_data), ("ref", ref_s, ref_data)):
        print(f"{name:<6} {min(s):7.2f} {statistics.median(s):7.2f} {len(data) / 1e6:6.2f}")
    print(f"ref / new (best CPU): {min(ref_s) / min(new_s):.1f}x")
    print(f"same sheets, values, types and number formats: {cells(new_data) == cells(ref_data)}")


if __name__ == "__main__":
    main()

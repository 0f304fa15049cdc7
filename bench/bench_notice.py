"""Benchmark of the 公示 workbook (geo/yearly/notice.py, written row by row as SpreadsheetML text)
beside the writers it replaced, at Wujiang's and at Suzhou's scale, in one run.

Cases (each evaluated with the default rules before the clock starts):
  demo   the Wujiang demo's 2022 (data/atlas.gpkg, 16,766 enterprises; zone = ``town``)
  city   the Suzhou-wide demo's 2022 (120,000 enterprises), from the city cache
         (``$ATLAS_CITY_CACHE``, geo/settings.py) when it is built; otherwise the Wujiang demo
         tiled to 120,000 (copy k of an enterprise gets the id ``<id>-k``) — the run says which
Writers:
  new      geo.yearly.notice.notice_xlsx_bytes of this tree (its sheets written as SpreadsheetML text,
           geo/exports/spreadsheetml.py)
  openpyxl the same function of this tree writing through openpyxl's write-only cells: the
           geo/exports/streamed.py of ``--openpyxl-ref`` (default 8295ec1, the last with it) put in
           place of this tree's; the cells must come out the same
  old      the same function as it was before the write-only change, read from git
           (``--old-ref``, default the commit before it); it re-counted the sheet's rows for every
           row it added, so its time grows with the square of the rows: it is stopped after
           ``--old-timeout`` seconds and reported as "> N s"
Each case and writer runs in a process of its own (loading excluded from the time); printed: wall
and CPU seconds of the call, rows, workbook size, and openpyxl ÷ new and old ÷ new. The workbooks'
sheets and cells are compared with the new one's when both finish.
Run: ``.venv/bin/python -m bench.bench_notice`` (``--cases demo`` for the small one alone).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.from_git import module_at  # noqa: E402

OPENPYXL_REF = "8295ec1"  # geo/exports/streamed.py on openpyxl's write-only mode, before spreadsheetml.py
OLD_REF = (
    "c32f5a9"  # geo/yearly/notice.py before the write-only workbook (its words already in the catalogue)
)
CITY_N = 120_000


def _evaluated(case: str):
    """(enterprises, config, benchmarks, label) of a case, evaluated with the default rules."""
    import pandas as pd

    from geo import yearly
    from geo.evaluation import default_config, evaluate
    from geo.storage.builtin import DEFAULT_GPKG, load_layer

    if case == "city":
        from data.city_build import city_cached, load_city

        if city_cached():
            from geo import city

            result = city.evaluate_scope(load_city("city_enterprise_years", year=2022), year=2022)
            return result.enterprises, result.config, result.benchmarks, "city cache"
    table = yearly.split_years(load_layer("enterprise_years", path=DEFAULT_GPKG))[2022]
    label = "Wujiang demo"
    if case == "city":
        copies = -(-CITY_N // len(table))
        parts = [table.assign(ent_id=table["ent_id"] + f"-{k}") for k in range(copies)]
        table = pd.concat(parts, ignore_index=True).iloc[:CITY_N].reset_index(drop=True)
        label = "Wujiang demo tiled"
    result = evaluate(table, config=default_config(), zone="town", year=2022)
    return result.enterprises, result.config, result.benchmarks, label


def _formatted(ws, value, number_format: str):
    """``value`` as openpyxl writes a number in ``number_format`` (a styled write-only cell); text
    as it is."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def _number_formats_on_openpyxl(sheet_class) -> None:
    """Let the write-only sheets of ``--openpyxl-ref`` take the number formats that the notice gives
    a row since (``text(..., number_format=...)``, res8): each number of the row in a WriteOnlyCell
    of that format, as openpyxl would write it."""
    plain_text = sheet_class.text

    def text(self, *values, number_format=None, **style):
        if number_format:
            values = [_formatted(self.ws, v, number_format) for v in values]
        plain_text(self, *values, **style)

    sheet_class.text = text


def _writer(which: str, ref: str):
    if which == "openpyxl":  # this tree's notice through the write-only sheets of ``ref``
        _number_formats_on_openpyxl(
            module_at(ref, "geo/exports/streamed.py", "geo.exports.streamed", replace=True).StreamedSheet
        )
    if which in ("new", "openpyxl"):
        from geo.yearly.notice import notice_xlsx_bytes

        return notice_xlsx_bytes
    return module_at(ref, "geo/yearly/notice.py", "notice_before", replace=True).notice_xlsx_bytes


def child(case: str, which: str, ref: str, out: Path) -> None:
    """Time one writer on one case; write its workbook to ``out`` and print a JSON line."""
    from datetime import date

    enterprises, config, benchmarks, label = _evaluated(case)
    write = _writer(which, ref)
    wall, cpu = time.perf_counter(), time.process_time()
    data = write(
        enterprises,
        config,
        benchmarks,
        year=2022,
        title="",
        filters="全部",
        source="bench",
        when=date(2026, 12, 7),
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out.write_bytes(data)
    print(
        json.dumps({"rows": len(enterprises), "label": label, "wall": wall, "cpu": cpu, "bytes": len(data)})
    )


def _run(case: str, which: str, ref: str, out: Path, timeout: float) -> dict | None:
    cmd = [
        sys.executable,
        "-m",
        "bench.bench_notice",
        "--child",
        case,
        which,
        "--old-ref",
        ref,
        "--out",
        str(out),
    ]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as err:
        sys.exit(f"{case}/{which} failed:\n{err.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cells_digest(path: Path) -> str:
    """A digest of every sheet's name and cell values and types (what a reader sees)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    h = hashlib.sha256()
    for ws in wb.worksheets:
        h.update(ws.title.encode())
        for row in ws.iter_rows():
            h.update(repr([(c.value, c.data_type) for c in row if c.value is not None]).encode())
    return h.hexdigest()[:12]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=["demo", "city"], choices=["demo", "city"])
    parser.add_argument(
        "--old-ref", default=OLD_REF, help="git revision of the writer before (default %(default)s)"
    )
    parser.add_argument(
        "--old-timeout", type=float, default=900.0, help="seconds before the old writer is stopped"
    )
    parser.add_argument(
        "--openpyxl-ref", default=OPENPYXL_REF, help="git revision of the openpyxl sheets (%(default)s)"
    )
    parser.add_argument("--child", nargs=2, metavar=("CASE", "WRITER"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        which = args.child[1]
        child(*args.child, args.openpyxl_ref if which == "openpyxl" else args.old_ref, args.out)
        return
    print(f"{'case':<6} {'rows':>8}  {'writer':<8} {'wall s':>8} {'CPU s':>8} {'MB':>6}  source")
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases:
            runs = {}
            for which in ("new", "openpyxl", "old"):
                out = Path(tmp) / f"{case}-{which}.xlsx"
                limit = args.old_timeout if which == "old" else 3600.0
                ref = args.openpyxl_ref if which == "openpyxl" else args.old_ref
                runs[which] = r = _run(case, which, ref, out, limit)
                if r is None:
                    print(f"{case:<6} {'':>8}  {which:<8} {f'> {limit:.0f}':>8} {'':>8} {'':>6}  stopped")
                    continue
                figures = f"{r['wall']:>8.1f} {r['cpu']:>8.1f} {r['bytes'] / 1e6:>6.1f}"
                print(f"{case:<6} {r['rows']:>8,}  {which:<8} {figures}  {r['label']}")
            new = runs["new"]
            for which in ("openpyxl", "old"):
                other = runs[which]
                if new and other:
                    paths = [Path(tmp) / f"{case}-{w}.xlsx" for w in ("new", which)]
                    same = _cells_digest(paths[0]) == _cells_digest(paths[1])
                    ratios = f"wall {other['wall'] / new['wall']:.1f}x, CPU {other['cpu'] / new['cpu']:.1f}x"
                    print(f"{case:<6} {which} ÷ new: {ratios}; same sheets and cells: {same}")
                elif new:
                    limit = args.old_timeout / new["wall"]
                    print(f"{case:<6} {which} ÷ new: wall > {limit:.1f}x ({which} stopped)")


if __name__ == "__main__":
    main()

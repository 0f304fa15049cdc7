"""Benchmark of drawing a map's parts as a page sends them (``pages.common.cache.render_parts``) with
its rendered text kept literal (layers/literal_text.py) beside folium's and branca's own render
methods, which compiled each element's rendered text again as a Jinja template, in one run.

Case: the demo's districts, 吴江 towns, carrier parks and development zones (the polygon layers of
the data page's export map and of 两轴三带), drawn into a new map each time.
Renderers:
  literal    this tree's render methods (each element's text added as LiteralText)
  compiled   folium's and branca's own methods (``layers.literal_text.LIBRARY_RENDERS``)
Both run in the same process, alternately, ``--runs`` times (best and median seconds printed); the
scripts they produce must be equal (the demo's texts hold no template syntax).
Run: ``.venv/bin/python -m bench.bench_map_text``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAYERS = ("districts", "wujiang_towns", "carrier_parks", "dev_zones")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    import pyogrio

    from layers import REGISTRY
    from layers.base import Provenance
    from layers.literal_text import LIBRARY_RENDERS, RENDERS
    from layers.mapview import MapLayer, render_map
    from pages.common.cache import render_parts

    literal = {key: vars(key[0])[key[1]] for key in RENDERS}
    frames = {name: pyogrio.read_dataframe(ROOT / "data" / "atlas.gpkg", layer=name) for name in LAYERS}

    def draw(methods: dict) -> tuple[float, str]:
        for (cls, name), method in methods.items():
            setattr(cls, name, method)
        items = [MapLayer(REGISTRY[n], frames[n], Provenance("real", "demo", "demo")) for n in LAYERS]
        start = time.perf_counter()
        parts = render_parts(render_map(items), key="bench")
        return time.perf_counter() - start, parts.script

    seconds: dict[str, list[float]] = {"literal": [], "compiled": []}
    scripts: dict[str, str] = {}
    for _ in range(runs):
        for label, methods in (("literal", literal), ("compiled", LIBRARY_RENDERS)):
            took, scripts[label] = draw(methods)
            seconds[label].append(took)
    for (cls, name), method in literal.items():  # leave the process as ``layers`` set it
        setattr(cls, name, method)
    print(f"{len(LAYERS)} layers, {sum(len(f) for f in frames.values())} features, {runs} runs")
    print("renderer   best s  median s")
    for label, values in seconds.items():
        print(f"{label:<9} {min(values):7.3f}  {statistics.median(values):8.3f}")
    print(f"compiled / literal (best): {min(seconds['compiled']) / min(seconds['literal']):.2f}x")
    print("same script:", scripts["literal"] == scripts["compiled"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

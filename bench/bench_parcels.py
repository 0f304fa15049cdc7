"""Parcels on 用地强度: payload and time-to-drawn of the one-canvas parcel layer, beside references.

Usage::

    .venv/bin/python -m bench.bench_parcels [--runs 3]

Prints, in one run:

- payload: the parcel layer's compact arrays (layers/parcels.py) for all demo parcels, against the
  same parcels as a plain folium GeoJSON layer (one feature each, its properties and style);
- time-to-drawn in headless Chromium of (a) the 用地强度 page as it opens (parcel view, every parcel
  painted), (b) the same page's 区镇 view (the page before the parcels: 8 zones + 16,766 points),
  and (c) the plain GeoJSON of all parcels in a standalone folium map file (what drawing them the
  ordinary way costs), from navigation until every parcel is drawn.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import folium

from bench.bench_pages import BROWSER_ARGS, CHROMIUM, COUNT_JS, free_port, load_page, start_app
from geo.land import parcels as P
from geo.storage.builtin import load_layer
from layers import intensity
from layers import parcels as parcel_layer
from layers.canvas import to_js
from layers.offline_html import standalone_html


def _frame():
    analysis = P.analyse_parcels(load_layer("parcels"), load_layer("enterprises"))
    frame = analysis.indicators
    cols = ["parcel_id", "ent_id", "town", "area_mu", "land_use", "far", "coverage_pct", "idle"]
    out = frame[cols + [frame.geometry.name]].copy()
    out["mark"] = frame["below_minimum"].to_numpy()
    out["reasons"] = out["parcel_id"].map(analysis.low.set_index("parcel_id")["reasons"]).fillna("")
    out["verdict"] = ""
    return out


def payloads(frame) -> tuple[int, int, float, float]:
    """Bytes of the compact payload and of a plain folium GeoJSON layer, and seconds to build each."""
    classes = intensity.classify(frame.loc[~frame["idle"], "far"], scheme="quantiles", k=5)
    layer = parcel_layer.by_metric_class("far", classes)
    t0 = time.perf_counter()
    compact = to_js(parcel_layer.compact_payload(layer, frame))
    t_compact = time.perf_counter() - t0
    t0 = time.perf_counter()
    plain = _plain_map(frame, layer).get_root().render()
    t_plain = time.perf_counter() - t0
    return len(compact.encode()), len(plain.encode()), t_compact, t_plain


def _plain_map(frame, layer) -> folium.Map:
    colors = layer.color_by(frame)
    data = frame.drop(columns=["mark"]).assign(_color=colors)
    m = folium.Map(location=(30.98, 120.62), zoom_start=10, tiles=None, prefer_canvas=True)
    folium.GeoJson(
        data,
        style_function=lambda f: {"color": f["properties"]["_color"], "weight": 0.5, "fillOpacity": 0.8},
        tooltip=folium.GeoJsonTooltip(fields=["parcel_id", "ent_id", "town", "area_mu", "far"]),
    ).add_to(m)
    return m


def _plain_drawn(browser, path: Path, n: int) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function(
        "(n) => { let k = 0; for (const key in window) { const m = window[key];"
        " if (m && m instanceof L.Map) m.eachLayer(l => { if (l.feature) k++; }); } return k >= n; }",
        arg=n,
        polling=50,
        timeout=300_000,
    )
    elapsed = time.perf_counter() - t0
    page.close()
    return elapsed


POINTS_JS = (
    "() => { let k = 0; window.map.eachLayer(l => {"
    " if (l._px && l.count && l._d && l._d.ind) k += l.count(); });"
    " return k; }"
)


def _zones_view(browser, url: str, expected: int) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    frame = None
    while frame is None:
        frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
        page.wait_for_timeout(50)
    frame.wait_for_function(COUNT_JS, arg=9 + 8 + len(load_layer("parcels")), polling=25, timeout=90_000)
    t0 = time.perf_counter()
    page.get_by_test_id("stRadio").filter(has_text="查看").get_by_text("区镇", exact=True).click()
    deadline = time.time() + 90
    while time.time() < deadline:  # the zone view: the enterprise points layer, all drawn
        fr = next((f for f in page.frames if "streamlit_folium" in f.url), None)
        try:
            if fr is not None and fr.evaluate(POINTS_JS) >= expected:
                break
        except Exception:  # noqa: BLE001 - the frame may be replaced while we poll
            pass
        page.wait_for_timeout(25)
    elapsed = time.perf_counter() - t0
    context.close()
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    frame = _frame()
    n = len(frame)
    compact_b, plain_b, t_compact, t_plain = payloads(frame)
    print(f"{n:,} parcels")
    print(f"payload  compact arrays (this layer) {compact_b / 1e6:6.2f} MB  built in {t_compact:5.2f} s")
    print(f"payload  plain folium GeoJSON (ref.) {plain_b / 1e6:6.2f} MB  built in {t_plain:5.2f} s")
    server = start_app(free_port())
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            url = f"{server.base}/intensity"
            runs = [load_page(browser, server, "intensity", 9 + 8 + n) for _ in range(args.runs + 1)]
            warm = runs[1:]
            print(
                f"用地强度 parcel view, all {n:,} drawn: cold {runs[0].drawn_s:.2f} s, warm median "
                f"{statistics.median(r.drawn_s for r in warm):.2f} s"
                f" (page complete {statistics.median(r.complete_s for r in warm):.2f} s), "
                f"received (HTTP + WebSocket) {statistics.median(r.payload_b for r in warm) / 1024:,.0f} KB"
            )
            zones = [_zones_view(browser, url, 16_766) for _ in range(args.runs)]
            print(
                "reference: 用地强度 区镇 view (8 zones + 16,766 points) after the switch:"
                f" median {statistics.median(zones):.2f} s"
            )
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "plain_parcels.html"
                classes = intensity.classify(frame.loc[~frame["idle"], "far"], scheme="quantiles", k=5)
                plain_map = _plain_map(frame, parcel_layer.by_metric_class("far", classes))
                # Leaflet inlined
                path.write_text(standalone_html(plain_map, title="plain"), encoding="utf-8")
                plain = [_plain_drawn(browser, path, n) for _ in range(max(1, args.runs - 1))]
            print(
                "reference: plain folium GeoJSON of all parcels, standalone file:"
                f" drawn in {statistics.median(plain):.2f} s"
            )
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()

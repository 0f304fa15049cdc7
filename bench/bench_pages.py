"""Load each planner page in headless Chromium (app served on 127.0.0.1) and print how long it
takes until the map is drawn, and how many bytes the page pulled.

Usage::

    .venv/bin/python -m bench.bench_pages [--runs 3] [--shots DIR] [--port PORT]

"time-to-drawn" runs from navigation start until the streamlit-folium iframe's Leaflet map has
drawn the page's expected number of shapes (vector layers, plus every point of the one-canvas
enterprise layer: all 16,766 on the Wujiang page; every parcel of the one-canvas parcel layer:
all 17,695 on the intensity page). "map" is the part of it from
the moment the map iframe appears.
"payload" counts HTTP response bodies plus WebSocket frames received (the map script travels
over Streamlit's WebSocket). Columns: "cold" is the first load after the server started (imports,
data load, caches); "warm" loads use a fresh browser profile each (nothing cached); "cached"
loads share one profile whose HTTP cache holds Streamlit's and Leaflet's assets (a returning
user). No host other than 127.0.0.1 resolves, as in the browser tests.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
N_ENTERPRISES = 16_766
N_PARCELS = 17_695  # the demo parcels (data/parcels.py); bench/bench_parcels.py measures them alone

# url path, label, Leaflet layers (with a position) expected once drawn
PAGES = (
    ("overview", "总览", 17),
    ("corridors", "两轴三带", 9 + 2 + 3 + 9),
    ("wujiang", "吴江产业布局 (all enterprises)", 9 + 8 + 8 + 12 + N_ENTERPRISES),
    ("intensity", "用地强度 (all parcels)", 9 + 8 + N_PARCELS),
)
# Outside hosts do not resolve (as in the tests, but without request interception, which would
# turn off the HTTP cache that the "cached" column measures).
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
COUNT_JS = (
    "(n) => { const m = window.map; if (!m || !m.eachLayer) return false; let k = 0;"
    " m.eachLayer(l => { if (l._px && l.count) k += l.count(); else if (l.getLatLngs || l.getLatLng) k++; });"
    " return k >= n; }"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int) -> subprocess.Popen:
    """The app (``serve.py``) on 127.0.0.1:port; returns once it answers its health check."""
    # serve.py starts Streamlit in st.navigation mode, so a deep link gets the app frame.
    launcher = ["serve.py"] if (ROOT / "serve.py").exists() else ["-m", "streamlit", "run", "app.py"]
    proc = subprocess.Popen(
        [sys.executable, *launcher, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("the app did not start within 60 s")


def load_page(
    browser, url: str, expected: int, *, context=None, shot: Path | None = None
) -> tuple[float, float, int, int]:
    """(seconds to drawn, seconds from map iframe to drawn, HTTP bytes, WebSocket bytes received).

    Without ``context`` the load runs in a fresh browser context (empty HTTP cache).
    """
    own = context is None
    context = context or browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    http_bytes = [0]
    ws_bytes = [0]

    def on_response(resp):
        try:
            http_bytes[0] += resp.request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - aborted or cached responses have no sizes
            pass

    def on_ws(ws):
        ws.on("framereceived", lambda payload: ws_bytes.__setitem__(0, ws_bytes[0] + len(payload)))

    page.on("response", on_response)
    page.on("websocket", on_ws)
    t0 = time.perf_counter()
    page.goto(url)
    elapsed = appeared = None
    deadline = time.time() + 90
    while elapsed is None and time.time() < deadline:
        for fr in page.frames:
            if "streamlit_folium" not in fr.url:
                continue
            appeared = appeared or time.perf_counter() - t0
            try:
                fr.wait_for_function(COUNT_JS, arg=expected, polling=25, timeout=60_000)
                elapsed = time.perf_counter() - t0
            except Exception:  # noqa: BLE001 - the frame may be replaced while we wait
                pass
            break
        else:
            page.wait_for_timeout(25)
    if elapsed is None:
        raise SystemExit(f"{url}: the map was not drawn within 90 s")
    page.wait_for_timeout(300)  # let trailing frames arrive before counting bytes
    if shot is not None:
        page.screenshot(path=str(shot), full_page=True)
    page.close()
    if own:
        context.close()
    return elapsed, elapsed - appeared, http_bytes[0], ws_bytes[0]


FILTER_DONE_JS = (
    "() => { let ok = false; window.map.eachLayer(l => { const p = l.feature && l.feature.properties;"
    " if (p && p.name === '七都镇' && p.industry === '光电通信' && p.role_label) ok = true; }); return ok; }"
)


def filter_change(browser, base: str) -> tuple[float, bool]:
    """Seconds from choosing 光电通信 on the Wujiang page (all enterprises shown) until the map
    shows its layout, and whether the map object survived (no rebuild, view kept)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{base}/wujiang")
    frame = None
    while frame is None:
        frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
        page.wait_for_timeout(50)
    frame.wait_for_function(COUNT_JS, arg=PAGES[2][2], polling=25, timeout=60_000)
    page.wait_for_timeout(1000)
    frame.evaluate("() => { window.__bench_same_map = true; window.map.setView([30.95, 120.45], 12); }")
    page.get_by_role("combobox", name="产业（吴江规划）").click()
    t0 = time.perf_counter()
    page.get_by_role("option", name="光电通信", exact=True).click()
    frame.wait_for_function(FILTER_DONE_JS, polling=25, timeout=60_000)
    elapsed = time.perf_counter() - t0
    kept = frame.evaluate("() => window.__bench_same_map === true && window.map.getZoom() === 12")
    context.close()
    return elapsed, kept


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm and cached loads per page")
    parser.add_argument("--shots", type=Path, default=None, help="save a screenshot per page here")
    parser.add_argument("--pages", nargs="*", default=None, help="url paths to load (default: all)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    port = _free_port()
    proc = start_app(port)
    base = f"http://127.0.0.1:{port}"
    pages = [p for p in PAGES if args.pages is None or p[0] in args.pages]
    print(f"app on {base}; {os.cpu_count()} CPUs; Chromium {CHROMIUM}")
    print(
        f"{'page':<34}{'cold':>6}{'warm':>6}{'cached':>8}{'map':>6}{'HTTP KB':>9}{'WS KB':>7}   (seconds, median)"
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            for path, label, expected in pages:
                url = f"{base}/{path}"
                # cold: first load after the server started; warm: server caches filled, new browser
                # profile each time; cached: one profile whose HTTP cache already holds the assets.
                fresh = [load_page(browser, url, expected) for _ in range(max(2, args.runs))]
                shared = browser.new_context(viewport={"width": 1400, "height": 1000})
                load_page(browser, url, expected, context=shared)  # fills the cache
                shot = None
                if args.shots is not None:
                    args.shots.mkdir(parents=True, exist_ok=True)
                    shot = args.shots / f"bench_{path}.png"
                cached = [
                    load_page(
                        browser, url, expected, context=shared, shot=shot if i == args.runs - 1 else None
                    )
                    for i in range(args.runs)
                ]
                shared.close()
                warm = statistics.median(r[0] for r in fresh[1:])
                cached_s = statistics.median(r[0] for r in cached)
                map_s = statistics.median(r[1] for r in fresh[1:] + cached)
                http_kb = statistics.median(r[2] for r in fresh[1:]) / 1024
                ws_kb = statistics.median(r[3] for r in fresh[1:]) / 1024
                print(
                    f"{label:<34}{fresh[0][0]:>6.2f}{warm:>6.2f}{cached_s:>8.2f}{map_s:>6.2f}{http_kb:>9.0f}{ws_kb:>7.0f}"
                )
            seconds, kept = filter_change(browser, base)
            print(
                f"吴江产业布局: choose 光电通信 -> map updated in {seconds:.2f} s; same map and view kept: {kept}"
            )
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()

"""Load every map page and the floor of the stack side by side in headless Chromium; print the
times to drawn, the ratio to the floor, the servers' CPU per load, and a ten-session run.

Usage::

    .venv/bin/python -m bench.bench_pages [--runs 5] [--sessions 10] [--pages wujiang ...]
        [--user-gpkg PATH] [--shots DIR]

The floor is ``bench/bare_page.py`` (one st_folium map of one polygon, Leaflet served locally),
run by plain ``streamlit run`` beside the atlas (``serve.py``); both servers listen on 127.0.0.1
and no other host resolves. The ratios are to that stock floor; at the end the floor is also
loaded as served like the atlas (Streamlit's bundles from memory, see serve.py), for reference.
Loads alternate between the floor and the pages, round by round, so that both meet the same load
on a machine shared with others; the figures that count are the ratios.

- "drawn": seconds from navigation start until the streamlit-folium iframe's Leaflet map holds
  the page's expected number of shapes (vector layers plus every point of the one-canvas point
  layers: all 16,766 enterprises on the Wujiang page, all 17,695 parcels on the intensity page,
  every scored one on the evaluation page). A fresh browser context (empty HTTP cache) per load;
  median over ``--runs``.
- "complete": seconds until the whole page is there: no script runs any more and nothing waits
  for the map (a page sends what follows its map once the map is drawn), median.
- "CPU/load": the server process's CPU seconds (user + system, /proc) during a load, until
  complete, median.
- "payload": bytes the browser took in over HTTP (Chromium's count: bodies and headers, the page
  and its frames) plus WebSocket frames received by the page, MB (for
  ``efficiency:user`` from the choice of the import on, like the time and the CPU).
- ``--city``: also the map pages on the Suzhou-wide demo (``?data=city``, ``$ATLAS_CITY_N``
  enterprises, default 120,000: 总览, 亩均效益评价 and 用地强度), drawn once the districts and
  every grid cell are.
- ten sessions: ``--sessions`` browser pages open the same URL at the same moment; prints the
  time until the last one is drawn, whether any showed an error, and each server's CPU per load.
- filter change: on the Wujiang page, seconds from choosing an industry until the map shows its
  layout, median over several choices, and whether the map object (and the view) survived.

``--user-gpkg`` serves the atlas with that user store (e.g. one holding a 150k-row import made by
``bench.make_big_import``); pages that accept a source (``efficiency``) are then also loaded
with the import chosen (``efficiency:user``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
N_ENTERPRISES = 16_766
N_PARCELS = 17_695  # the demo parcels (data/parcels.py); bench/bench_parcels.py measures them alone
TICKS = os.sysconf("SC_CLK_TCK")

# Outside hosts do not resolve (as in the tests, without request interception).
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
COUNT_JS = (
    "() => { const m = window.map; if (!m || !m.eachLayer) return -1; let k = 0;"
    " m.eachLayer(l => { if (l._px && l.count) k += l.count(); else if (l.getLatLngs || l.getLatLng) k++; });"
    " return k; }"
)
# The page is complete once no script runs and nothing waits for the map any more (pages draw what
# follows their map in the run the map starts: pages/common/frame.rest_after_map).
COMPLETE_JS = (
    "(waiting) => { const app = document.querySelector('[data-test-script-state]');"
    " return !!app && app.getAttribute('data-test-script-state') === 'notRunning'"
    " && !(document.body && document.body.innerText.includes(waiting)); }"
)
ERROR_JS = (
    "() => !!document.querySelector('[data-testid=\"stException\"]') ||"
    " /Connection error|Traceback/.test(document.body ? document.body.innerText : '')"
)


def _n_scored() -> int:
    """How many demo enterprises the default evaluation scores (the evaluation map draws them)."""
    from geo.evaluation import default_config, evaluate
    from geo.evaluation.metrics import assign_zones
    from geo.storage.builtin import load_layer

    zones, ents = load_layer("wujiang_towns"), load_layer("enterprises")
    assignment = assign_zones(ents, zones, zone_id="name")
    return int(evaluate(ents, config=default_config(), zone=assignment.zone).enterprises["scored"].sum())


def _n_city_cells() -> int:
    """How many grid cells the city pages draw at city zoom (``$ATLAS_CITY_N`` enterprises)."""
    from pages.city.data import city_data

    return len(city_data().cells)


def _n_city_parcel_cells() -> int:
    """How many grid cells the city 用地强度 page draws at city zoom (the parcels' cells)."""
    from geo.city_intensity import intensity_cells
    from pages.city.data import CELL_DEG, city_data

    parcels = city_data().parcels
    return len(intensity_cells(parcels.assign(below_minimum=False), cell_deg=CELL_DEG))


def city_pages() -> list[tuple[str, str, int]]:
    """The map pages on the Suzhou-wide demo (``?data=city``): the 9 districts and the cells."""
    from pages.city.data import city_size

    cells = _n_city_cells()
    n = city_size()
    return [
        ("?data=city", f"总览 · 全市 {n:,} (cells)", 9 + cells),
        ("efficiency?data=city", f"亩均效益评价 · 全市 {n:,}", 9 + cells),
        ("intensity?data=city", f"用地强度 · 全市 {n:,} (cells)", 9 + _n_city_parcel_cells()),
    ]


def pages_to_load(user_import: bool, *, city: bool = False) -> list[tuple[str, str, int]]:
    """(url path, label, shapes expected once drawn) per page; ``city``: also the city pages."""
    pages = [
        ("overview", "总览", 17),
        ("corridors", "两轴三带", 9 + 2 + 3 + 9),
        ("wujiang", "吴江产业布局 (all enterprises)", 9 + 8 + 8 + 12 + N_ENTERPRISES),
        ("efficiency", "亩均效益评价", 8 + _n_scored()),
        ("intensity", "用地强度 (all parcels)", 9 + 8 + N_PARCELS),
    ]
    if user_import:
        # With a user store, every map page above also carries the imports (counted as drawn
        # once the built-in shapes are); the evaluation page is loaded again on the import.
        # Drawn once the map holds more points than the demo has (the import's scored ones).
        pages.append(("efficiency:user", "亩均效益评价 (import chosen)", 8 + 20_000))
    if city:
        pages += city_pages()
    return pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A Streamlit server on 127.0.0.1 whose process CPU time can be read."""

    name: str
    proc: subprocess.Popen
    base: str
    tmp: Path | None = None
    cpu_marks: list[float] = field(default_factory=list)

    def cpu(self) -> float:
        """CPU seconds (user + system) the server process has used so far."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / TICKS

    def memory_mb(self) -> tuple[float, float]:
        """(resident, peak resident) memory of the server process, MB."""
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.split()[0] if value.split() else "0"
        return int(fields.get("VmRSS", 0)) / 1024, int(fields.get("VmHWM", 0)) / 1024

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _wait_healthy(proc: subprocess.Popen, base: str) -> None:
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"{base} did not start within 90 s")


_COMMON = [
    "--server.address",
    "127.0.0.1",
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
]


def start_app(port: int, *, env: dict | None = None) -> Server:
    """The atlas (``serve.py``, as ``bash setup.sh run`` starts it)."""
    proc = subprocess.Popen(
        [sys.executable, "serve.py", "--server.port", str(port), *_COMMON],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, base)
    return Server("atlas", proc, base)


# The floor served as the atlas serves Streamlit's bundles (serve.py: from memory).
_LIKE_ATLAS = (
    "import sys, serve; serve.wrap_streamlit_app(); from streamlit.web import cli;"
    " sys.argv[0] = 'streamlit'; sys.exit(cli.main())"
)


def start_bare(port: int, *, like_atlas: bool = False) -> Server:
    """``bench/bare_page.py`` served from a temporary folder whose ``static`` is the project's;
    ``like_atlas``: with Streamlit's bundles answered from memory, as ``serve.py`` does."""
    tmp = Path(tempfile.mkdtemp(prefix="atlas_bare_"))
    shutil.copyfile(ROOT / "bench" / "bare_page.py", tmp / "bare_page.py")
    (tmp / "static").symlink_to(ROOT / "static")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    launch = ["-c", _LIKE_ATLAS, "run"] if like_atlas else ["-m", "streamlit", "run"]
    proc = subprocess.Popen(
        [
            sys.executable,
            *launch,
            str(tmp / "bare_page.py"),
            "--server.port",
            str(port),
            "--server.enableStaticServing",
            "true",
            *_COMMON,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_healthy(proc, base)
    return Server("bare-like-atlas" if like_atlas else "bare", proc, base, tmp=tmp)


@dataclass
class Load:
    drawn_s: float
    complete_s: float
    cpu_s: float
    payload_b: int
    error: bool


def _map_frame(page):
    return next((f for f in page.frames if "streamlit_folium" in f.url), None)


def map_drawn(page, expected: int) -> bool:
    frame = _map_frame(page)
    if frame is None:
        return False
    try:
        return frame.evaluate(COUNT_JS) >= expected
    except Exception:  # noqa: BLE001 - the frame may be replaced or still loading
        return False


def open_context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    received = [0]

    # Every byte the browser took in over HTTP for the page and its frames (bodies and headers,
    # as on the wire: Chromium's own count), plus the websocket's frames.
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(0, received[0] + e["encodedDataLength"]))
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda p: received.__setitem__(0, received[0] + len(p))),
    )
    return context, page, received


def _prepare(page, server: Server, path: str) -> str:
    """The URL to open; ``efficiency:user`` first picks the import as the enterprise source."""
    return f"{server.base}/{path.split(':')[0]}"


def load_page(browser, server: Server, path: str, expected: int, *, shot: Path | None = None) -> Load:
    """One load of ``path`` in a fresh browser context (empty HTTP cache)."""
    context, page, received = open_context(browser)
    cpu0, t0 = server.cpu(), time.perf_counter()
    page.goto(_prepare(page, server, path))
    if path.endswith(":user"):
        # The demo's evaluation is drawn first; time, bytes and CPU count from the choice on.
        deadline = time.time() + 180
        while not map_drawn(page, 1000) and time.time() < deadline:
            page.wait_for_timeout(50)
        page.wait_for_timeout(500)
        _choose_import(page)
        cpu0, t0, received[0] = server.cpu(), time.perf_counter(), 0
    drawn = None
    deadline = time.time() + 180
    while drawn is None and time.time() < deadline:
        if map_drawn(page, expected):
            drawn = time.perf_counter() - t0
        else:
            page.wait_for_timeout(20)
    if drawn is None:
        raise SystemExit(f"{server.name}/{path}: the map was not drawn within 180 s")
    complete = _complete(page, t0)
    page.wait_for_timeout(300)  # trailing frames arrive before bytes and CPU are counted
    cpu = server.cpu() - cpu0
    error = bool(page.evaluate(ERROR_JS))
    if shot is not None:
        page.screenshot(path=str(shot), full_page=True)
    context.close()
    return Load(drawn, complete, cpu, received[0], error)


def _complete(page, t0: float) -> float:
    """Seconds from ``t0`` until the page is complete (:data:`COMPLETE_JS`, twice 100 ms apart)."""
    from geo.messages import t

    waiting = t("app.after_map", "zh")
    deadline = time.time() + 180
    while time.time() < deadline:
        if page.evaluate(COMPLETE_JS, waiting):
            at = time.perf_counter() - t0
            page.wait_for_timeout(100)
            if page.evaluate(COMPLETE_JS, waiting):
                return at
        page.wait_for_timeout(20)
    raise SystemExit("the page was not complete within 180 s")


def _choose_import(page) -> None:
    """On the evaluation page, choose the last stored enterprise import as the source."""
    box = page.get_by_role("combobox", name="企业名单")
    box.wait_for(timeout=120_000)
    box.click()
    page.get_by_role("option").last.click()


def sessions_at_once(
    browser, server: Server, path: str, expected: int, n: int
) -> tuple[float, float, int, float]:
    """``n`` pages open ``path`` at the same moment: (seconds until the last is drawn, median
    seconds to drawn, how many showed an error, server CPU seconds per load)."""
    opened = [open_context(browser) for _ in range(n)]
    cpu0, t0 = server.cpu(), time.perf_counter()
    for _, page, _ in opened:
        page.goto(f"{server.base}/{path}", wait_until="commit")
    done: dict[int, float] = {}
    deadline = time.time() + 600
    while len(done) < n and time.time() < deadline:
        for i, (_, page, _) in enumerate(opened):
            if i not in done and map_drawn(page, expected):
                done[i] = time.perf_counter() - t0
        opened[0][1].wait_for_timeout(20)
    last = time.perf_counter() - t0
    for _, page, _ in opened:
        _complete(page, t0)
    opened[0][1].wait_for_timeout(300)
    cpu = (server.cpu() - cpu0) / n
    errors = sum(bool(page.evaluate(ERROR_JS)) for _, page, _ in opened) + (n - len(done))
    for context, _, _ in opened:
        context.close()
    return last, statistics.median(done.values()) if done else float("nan"), errors, cpu


FILTER_DONE_JS = (
    "(ind) => { let ok = false; window.map.eachLayer(l => { const p = l.feature && l.feature.properties;"
    " if (p && p.industry === ind && p.role_label) ok = true; }); return ok; }"
)


def filter_changes(browser, server: Server, choices: list[str]) -> tuple[list[float], bool]:
    """Seconds from choosing each industry on the Wujiang page (all enterprises shown) until the
    map shows its layout, and whether the map object and its view survived all of them."""
    context, page, _ = open_context(browser)
    page.goto(f"{server.base}/wujiang")
    while not map_drawn(page, 9 + 8 + 8 + 12 + N_ENTERPRISES):
        page.wait_for_timeout(50)
    page.wait_for_timeout(1000)
    frame = _map_frame(page)
    frame.evaluate("() => { window.__bench_same_map = true; window.map.setView([30.95, 120.45], 12); }")
    times = []
    for industry in choices:
        page.get_by_role("combobox", name="产业（吴江规划）").click()
        t0 = time.perf_counter()
        page.get_by_role("option", name=industry, exact=True).click()
        frame.wait_for_function(FILTER_DONE_JS, arg=industry, polling=10, timeout=60_000)
        times.append(time.perf_counter() - t0)
        page.wait_for_timeout(500)
    kept = frame.evaluate("() => window.__bench_same_map === true && window.map.getZoom() === 12")
    context.close()
    return times, kept


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="fresh loads per page (and of the floor per round)"
    )
    parser.add_argument("--sessions", type=int, default=10, help="sessions at once (0: skip)")
    parser.add_argument(
        "--session-pages", nargs="*", default=None, help="pages for the sessions run (default: all)"
    )
    parser.add_argument("--pages", nargs="*", default=None, help="url paths to load (default: all)")
    parser.add_argument("--user-gpkg", type=Path, default=None, help="serve the atlas with this user store")
    parser.add_argument("--no-filter", action="store_true", help="skip the filter-change timing")
    parser.add_argument("--shots", type=Path, default=None, help="save a screenshot per page here")
    parser.add_argument(
        "--city", action="store_true", help="also the city pages (?data=city, $ATLAS_CITY_N enterprises)"
    )
    parser.add_argument("--port", type=int, default=0, help="the atlas's port (default: a free one)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    env = {"ATLAS_USER_GPKG": str(args.user_gpkg.resolve())} if args.user_gpkg else {}
    if not args.user_gpkg:  # never read whatever the developer's own user store holds
        env["ATLAS_USER_GPKG"] = str(Path(tempfile.mkdtemp(prefix="atlas_nouser_")) / "none.gpkg")
    pages = [
        p
        for p in pages_to_load(args.user_gpkg is not None, city=args.city)
        if args.pages is None or p[0] in args.pages
    ]
    app = start_app(args.port or free_port(), env=env)
    bare = start_bare(free_port())
    print(f"atlas on {app.base}, floor on {bare.base}; {os.cpu_count()} CPUs; Chromium {CHROMIUM}")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            # Cold loads (imports, data, caches) are not counted.
            cold = {path: load_page(browser, app, path, n) for path, _, n in pages}
            load_page(browser, bare, "", 1)
            loads: dict[str, list[Load]] = {path: [] for path, _, _ in pages}
            floor: list[Load] = []
            for r in range(args.runs):
                for path, _, n in pages:
                    floor.append(load_page(browser, bare, "", 1))
                    shot = None
                    if args.shots is not None and r == args.runs - 1:
                        args.shots.mkdir(parents=True, exist_ok=True)
                        name = path.replace(":", "_").replace("?", "_").replace("=", "_") or "overview"
                        shot = args.shots / f"bench_{name}.png"
                    loads[path].append(load_page(browser, app, path, n, shot=shot))
            f_drawn = statistics.median(x.drawn_s for x in floor)
            f_done = statistics.median(x.complete_s for x in floor)
            f_cpu = statistics.median(x.cpu_s for x in floor)
            f_mb = statistics.median(x.payload_b for x in floor) / 1e6
            print(f"\nfresh loads, median of {args.runs} (floor: median of {len(floor)} loads interleaved)")
            head = (
                f"{'page':<32}{'cold':>6}{'drawn':>7}{'floor':>7}{'ratio':>7}{'complete':>9}{'ratio':>7}"
                f"{'CPU/load':>10}{'floor':>7}{'ratio':>7}{'MB':>7}{'err':>5}"
            )
            print(head)
            print(
                f"{'bare st_folium page (floor)':<32}{'':>6}{f_drawn:>7.2f}{f_drawn:>7.2f}{1:>7.2f}"
                f"{f_done:>9.2f}{1:>7.2f}{f_cpu:>10.2f}{f_cpu:>7.2f}{1:>7.2f}{f_mb:>7.2f}"
                f"{sum(x.error for x in floor):>5}"
            )
            for path, label, _ in pages:
                xs = loads[path]
                d = statistics.median(x.drawn_s for x in xs)
                done = statistics.median(x.complete_s for x in xs)
                c = statistics.median(x.cpu_s for x in xs)
                mb = statistics.median(x.payload_b for x in xs) / 1e6
                err = sum(x.error for x in xs) + cold[path].error
                print(
                    f"{label:<32}{cold[path].drawn_s:>6.2f}{d:>7.2f}{f_drawn:>7.2f}{d / f_drawn:>7.2f}"
                    f"{done:>9.2f}{done / f_done:>7.2f}{c:>10.2f}{f_cpu:>7.2f}{c / f_cpu:>7.2f}"
                    f"{mb:>7.2f}{err:>5}"
                )
            if not args.no_filter and any(p[0] == "wujiang" for p in pages):
                times, kept = filter_changes(
                    browser, app, ["光电通信", "新材料", "高端纺织", "光电通信", "新材料"]
                )
                print(
                    f"\n吴江产业布局 filter change: median {statistics.median(times):.2f} s "
                    f"({', '.join(f'{x:.2f}' for x in times)}); same map and view kept: {kept}"
                )
            if args.sessions:
                n = args.sessions
                chosen = [
                    p
                    for p in pages
                    if ":" not in p[0] and (args.session_pages is None or p[0] in args.session_pages)
                ]
                print(f"\n{n} sessions at once (one browser, {os.cpu_count()} CPUs for browser and servers)")
                print(
                    f"{'page':<32}{'last':>7}{'median':>8}{'err':>5}{'CPU/load':>10}{'floor':>7}{'ratio':>7}"
                    f"{'floor last':>12}"
                )
                for path, label, expected in chosen:
                    b_last, _, b_err, b_cpu = sessions_at_once(browser, bare, "", 1, n)
                    last, med, err, cpu = sessions_at_once(browser, app, path, expected, n)
                    print(
                        f"{label:<32}{last:>7.2f}{med:>8.2f}{err:>5}{cpu:>10.2f}{b_cpu:>7.2f}"
                        f"{cpu / b_cpu:>7.2f}{b_last:>12.2f}"
                    )
            browser.close()
        like = start_bare(free_port(), like_atlas=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
                load_page(browser, like, "", 1)
                same = [load_page(browser, like, "", 1) for _ in range(max(3, args.runs))]
            print(
                "\nthe floor served as the atlas serves Streamlit's bundles (from memory, serve.py):"
                f" drawn {statistics.median(x.drawn_s for x in same):.2f} s,"
                f" CPU/load {statistics.median(x.cpu_s for x in same):.2f} s (median of {len(same)})"
            )
        finally:
            like.stop()
        rss, peak = app.memory_mb()
        b_rss, b_peak = bare.memory_mb()
        print(
            f"\nserver memory at the end: atlas {rss:.0f} MB (peak {peak:.0f});"
            f" floor {b_rss:.0f} MB (peak {b_peak:.0f})"
        )
    finally:
        app.stop()
        bare.stop()


if __name__ == "__main__":
    main()

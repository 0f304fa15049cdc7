"""The server's memory with the city layer loaded and ten sessions open: starts ``serve.py``, opens
the city pages in headless Chromium, then ``--sessions`` more at once, and prints the server's
resident memory (RSS, /proc) at each step.

Usage::

    .venv/bin/python -m bench.bench_city_memory [--sessions 10] [--page "?data=city"]

``$ATLAS_CITY_N`` sets the city's size (default 120,000; built into ``data/cache`` on first use).
What each session holds is only its choices: the city's frames, indexes, evaluations and rendered
maps are kept once per process (pages/_city_data.py, pages/_cache.py), so the figure after ten
sessions should differ from the one after the first by little more than Streamlit's own
per-session state.
"""

from __future__ import annotations

import argparse
import os
import time

from bench.bench_pages import (
    BROWSER_ARGS,
    CHROMIUM,
    city_pages,
    free_port,
    map_drawn,
    open_context,
    start_app,
)


def _rss_mb(pid: int) -> tuple[float, float]:
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()[0] if value.split() else "0"
    return int(fields.get("VmRSS", 0)) / 1024, int(fields.get("VmHWM", 0)) / 1024


def _wait_drawn(pages, expected: int, timeout_s: float = 600) -> float:
    t0 = time.perf_counter()
    left = list(pages)
    while left and time.perf_counter() - t0 < timeout_s:
        left = [p for p in left if not map_drawn(p, expected)]
        if left:
            left[0].wait_for_timeout(50)
    if left:
        raise SystemExit(f"{len(left)} page(s) not drawn within {timeout_s:.0f} s")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    pages = city_pages()
    app = start_app(free_port(), env={"ATLAS_USER_GPKG": "/tmp/atlas_bench_nouser/none.gpkg"})
    pid = app.proc.pid
    try:
        rss0, _ = _rss_mb(pid)
        print(f"atlas on {app.base} (pid {pid}); {os.cpu_count()} CPUs")
        print(f"{'step':<48}{'RSS MB':>9}{'peak MB':>9}{'s':>8}")
        print(f"{'started, nothing loaded':<48}{rss0:>9.0f}{'':>9}{'':>8}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            held = []
            for path, label, expected in pages:
                context, page, _ = open_context(browser)
                page.goto(f"{app.base}/{path}")
                took = _wait_drawn([page], expected)
                held.append(context)
                rss, peak = _rss_mb(pid)
                print(f"{'one session: ' + label:<48}{rss:>9.0f}{peak:>9.0f}{took:>8.1f}")
            path, label, expected = pages[-1]
            opened = [open_context(browser) for _ in range(args.sessions)]
            for _, page, _ in opened:
                page.goto(f"{app.base}/{path}", wait_until="commit")
            took = _wait_drawn([page for _, page, _ in opened], expected)
            time.sleep(2)
            rss, peak = _rss_mb(pid)
            print(f"{f'+{args.sessions} sessions open: ' + label:<48}{rss:>9.0f}{peak:>9.0f}{took:>8.1f}")
            # the city's own view requests (zoomed in) on every open session
            for _, page, _ in opened:
                frame = next(f for f in page.frames if "streamlit_folium" in f.url)
                frame.evaluate("() => { window.map.setView([31.32, 120.62], 15); }")
            opened[0][1].wait_for_timeout(5000)
            rss, peak = _rss_mb(pid)
            print(f"{'  and each zoomed in (points + parcels fetched)':<48}{rss:>9.0f}{peak:>9.0f}{'':>8}")
            for context, _, _ in opened:
                context.close()
            for context in held:
                context.close()
            browser.close()
    finally:
        app.stop()


if __name__ == "__main__":
    main()

"""Shared fixtures: the demo GeoPackage, and for browser tests the app served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _no_shared_store(monkeypatch):
    """Tests choose their store themselves: a developer's $ATLAS_DATABASE_URL never reaches them
    (PostGIS tests use $ATLAS_TEST_DATABASE_URL, see tests/test_stores.py)."""
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def demo_gpkg() -> Path:
    """The bundled demo GeoPackage (committed; rebuilt by ``python -m data.build``)."""
    path = ROOT / "data" / "atlas.gpkg"
    assert path.exists(), "data/atlas.gpkg is missing: run `python -m data.build`"
    return path


def run_evaluate(zones: Path, table: Path, out: Path, *options: str | Path) -> int:
    """``python -m geo.cli evaluate ZONES TABLE -o OUT OPTIONS...`` run in this process; its exit status."""
    from geo.cli import main

    return main(["evaluate", str(zones), str(table), "-o", str(out), *map(str, options)])


def open_page(page: str, *, timeout: float, lang: str | None = None):
    """The app in Streamlit's AppTest, switched to ``page`` (e.g. ``"pages/data.py"``), in ``lang``
    when given; it ran without an exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if lang is not None:
        at.session_state["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def page_metrics(at) -> dict[str, str]:
    """An AppTest page's ``st.metric`` values by label."""
    return {m.label: m.value for m in at.metric}


TEST_DATABASE_URL_ENV = "ATLAS_TEST_DATABASE_URL"


@contextmanager
def postgis_schema() -> Iterator[str]:
    """A PostgreSQL URL on a fresh schema of its own at ``$ATLAS_TEST_DATABASE_URL``, dropped on exit.

    Without that variable the test is skipped (failed on CI, which must test PostGIS).
    """
    url = os.environ.get(TEST_DATABASE_URL_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(
                f"CI must set {TEST_DATABASE_URL_ENV} (.ci/run starts PostGIS with bash setup.sh postgis)"
            )
        pytest.skip(f"PostGIS tests need {TEST_DATABASE_URL_ENV}; `bash setup.sh postgis` prints the URL")
    import sqlalchemy as sa

    from geo.storage import postgis

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(postgis.normalise_url(url))
    with engine.begin() as conn:
        conn.execute(sa.schema.CreateSchema(schema))
    sep = "&" if "?" in url else "?"
    scoped = f"{url}{sep}options=-csearch_path%3D{schema},public"
    try:
        yield scoped
    finally:
        stale = postgis._ENGINES.pop(postgis.normalise_url(scoped), None)
        if stale is not None:
            stale.dispose()
        with engine.begin() as conn:
            conn.execute(sa.schema.DropSchema(schema, cascade=True))
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(env: dict[str, str], log: Path, *, args: Sequence[str] = ()) -> Iterator[str]:
    """Start the app as ``bash setup.sh run`` does (``serve.py``) on a free port of 127.0.0.1 with
    ``env`` and further Streamlit options ``args``, its output in ``log``; yield its URL once
    healthy; stop it afterwards."""
    port = _free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "serve.py",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                *args,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.5)
            else:
                pytest.fail("the app did not start within 120 s")
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app on 127.0.0.1 (see :func:`serve_app`) for the browser tests; stopped afterwards.

    The app reads a copy of the demo GeoPackage, so browser tests never touch the bundled file.
    """
    store = tmp_path_factory.mktemp("store") / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    env = {**os.environ, "ATLAS_GPKG": str(store), "ATLAS_USER_DIR": str(store.parent / "user")}
    env.pop("ATLAS_DATABASE_URL", None)
    with serve_app(env, tmp_path_factory.mktemp("log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the test command installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page in which every request to a host other than 127.0.0.1 is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.blocked_requests = []  # type: ignore[attr-defined]

    def _route(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            pg.blocked_requests.append(url)  # type: ignore[attr-defined]
            route.abort()

    pg.route("**/*", _route)
    yield pg
    context.close()


def eval_in_maps(pg, js: str) -> list[tuple[object, object]]:
    """``js`` evaluated in every streamlit-folium map frame of the page: (frame, value) pairs,
    frames that navigate or reload meanwhile left out."""
    out = []
    for fr in pg.frames:
        if "streamlit_folium" not in fr.url:
            continue
        try:
            out.append((fr, fr.evaluate(js)))
        except Exception:  # noqa: BLE001 - a frame may navigate or reload while we look
            continue
    return out


def map_frame(pg, *, min_paths: int = 1, timeout_s: float = 45.0):
    """Wait until a streamlit-folium iframe has drawn at least ``min_paths`` Leaflet vector paths.

    With prefer_canvas maps, shapes are drawn to a canvas; the frame is returned once Leaflet's
    overlay pane holds a canvas or SVG paths. Returns the frame.
    """
    js = (
        "() => { const m = window.map; if (!m || !m.eachLayer) return 0; let n = 0;"
        " m.eachLayer(l => { if (l.getLatLngs || l.getLatLng) n++; }); return n; }"
    )
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        for fr, n in eval_in_maps(pg, js):
            if n >= min_paths:
                return fr
        pg.wait_for_timeout(500)  # not time.sleep: Playwright must keep serving the route handler
    raise AssertionError(f"no Leaflet map with ≥{min_paths} vector layers drawn within {timeout_s} s")


def map_features(frame, prop: str = "name") -> list:
    """The values of one GeoJSON property over every feature drawn on the frame's Leaflet map."""
    return frame.evaluate(
        "(p) => { const out = []; window.map.eachLayer(l => { if (l.feature && l.feature.properties"
        " && l.feature.properties[p] !== undefined) out.push(l.feature.properties[p]); }); return out; }",
        prop,
    )


def save_screenshot(pg, name: str) -> Path:
    """Save a full-page screenshot under artifacts/ (gitignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path

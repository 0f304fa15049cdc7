"""Shared fixtures: the demo GeoPackage, and for browser tests the app served on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.storage.base import USER_GPKG_ENV
from tests.fixtures import ROOT
from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS, serve_app


@pytest.fixture(autouse=True)
def _no_shared_store(monkeypatch):
    """Tests choose their store themselves: a developer's $ATLAS_DATABASE_URL never reaches them
    (PostGIS tests use $ATLAS_TEST_DATABASE_URL, see tests/unit/storage/test_user_store.py)."""
    monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def _user_store_of_its_own(monkeypatch, tmp_path_factory):
    """Every test starts on an empty user store of its own (its own fixtures may name another), never
    data/user/ of the work tree nor a developer's $ATLAS_USER_GPKG: tests may then run in parallel
    (``bash setup.sh test`` runs two workers)."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv(USER_GPKG_ENV, str(folder / "atlas_user.gpkg"))


@pytest.fixture(scope="session")
def demo_gpkg() -> Path:
    """The bundled demo GeoPackage (committed; rebuilt by ``python -m data.build``)."""
    path = ROOT / "data" / "atlas.gpkg"
    assert path.exists(), "data/atlas.gpkg is missing: run `python -m data.build`"
    return path


@pytest.fixture(scope="session")
def demo(demo_gpkg):
    """The demo's latest year and its 区镇 (tests/fixtures/demo.py), read once per session."""
    from tests.fixtures.demo import latest_year

    return latest_year(demo_gpkg)


@pytest.fixture(scope="session")
def demo_years(demo_gpkg):
    """Each demo year evaluated with the defaults (tests/fixtures/demo.py), once per session."""
    from tests.fixtures.demo import every_year

    return every_year(demo_gpkg)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app on 127.0.0.1 (see :func:`serve_app`) for the browser tests; stopped afterwards.

    The app reads a copy of the demo GeoPackage and a user store of its own, so browser tests never
    touch the bundled file or data/user/.
    """
    store = tmp_path_factory.mktemp("store") / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    env = {
        **os.environ,
        "ATLAS_GPKG": str(store),
        USER_GPKG_ENV: str(store.parent / "user" / "atlas_user.gpkg"),
    }
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests first (each file in its order): they are the long files, and the two
    workers of ``bash setup.sh test`` then share them at the start instead of one worker running
    the last of them while the other waits. Which tests run, and each file's order, are unchanged."""
    items.sort(key=lambda item: 0 if "/tests/browser/" in str(item.path) else 1)

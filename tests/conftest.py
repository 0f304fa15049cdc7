"""Shared fixtures: the demo GeoPackage, and for browser tests the app served on 127.0.0.1."""

from __future__ import annotations

import json
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


@pytest.fixture(scope="session", autouse=True)
def _one_script_cache():
    """AppTest compiles every page script afresh on each run (a new ScriptCache per run: 5 % of the
    page scripts' time in a profile of tests/app/test_data.py and test_efficiency.py, 3 % of the
    latter's CPU); the served app compiles each once per process. The test process keeps one
    cache, as a server does (the scripts do not change during a run)."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    patch = pytest.MonkeyPatch()
    for module in (app_test, script_runner):
        patch.setattr(module, "ScriptCache", lambda: shared)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def user_store_folder(tmp_path_factory) -> Path:
    """The folder of the user store every test of this process starts on (see :func:`user_gpkg`)."""
    return tmp_path_factory.mktemp("user")


@pytest.fixture(autouse=True)
def user_gpkg(monkeypatch, user_store_folder) -> Iterator[Path]:
    """Every test starts on an empty user store of its own (its own fixtures may name another), never
    data/user/ of the work tree nor a developer's $ATLAS_USER_GPKG: tests may then run in parallel
    (``bash setup.sh test`` runs three workers, each a process with its own temporary folder).

    The store is emptied after each test and the next one gets the same path: the app's shared
    results are keyed on the user store's location and stamp (pages/common/cache.data_stamp), so
    a page on the empty store ("absent") is computed once per process instead of once per test,
    while a store a test wrote (stamped with its file's mtime in ns and size) is never another's.
    """
    path = user_store_folder / "atlas_user.gpkg"
    assert not any(user_store_folder.iterdir()), "the user store was not emptied after the last test"
    monkeypatch.setenv(USER_GPKG_ENV, str(path))
    yield path
    shutil.rmtree(user_store_folder)
    user_store_folder.mkdir()


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


FILE_SECONDS = ROOT / "tests" / "file_seconds.json"
FILE_SECONDS_ENV = "ATLAS_RECORD_FILE_SECONDS"


def _expected_seconds() -> dict[str, float]:
    """Each test file's seconds in a recent full run (``tests/file_seconds.json``), by path."""
    try:
        return {str(k): float(v) for k, v in json.loads(FILE_SECONDS.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files first (each file's tests in their order): ``bash setup.sh test`` hands whole
    files to the workers in this order (``--no-loadscope-reorder``), so they finish together
    instead of one running a long file at the end while the other waits. A file not in
    ``tests/file_seconds.json`` counts as a browser file's median if it is one, else as short.
    Which tests run, and each file's order, are unchanged."""
    seconds = _expected_seconds()
    fallback = {"browser": 20.0, "app": 5.0}

    def weight(item: pytest.Item) -> float:
        rel = Path(item.path).relative_to(ROOT).as_posix()
        area = rel.split("/")[1] if rel.count("/") > 1 else ""
        return seconds.get(rel, fallback.get(area, 1.0))

    items.sort(key=lambda item: -weight(item))


_file_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add each test's seconds (set-up, call and tear-down) to its file's, for
    :func:`pytest_sessionfinish`."""
    rel = report.nodeid.split("::", 1)[0]
    _file_seconds[rel] = _file_seconds.get(rel, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    """With ``$ATLAS_RECORD_FILE_SECONDS`` set to a path, write each file's seconds there (the
    controller of an xdist run sees every worker's reports): the source of ``tests/file_seconds.json``."""
    target = os.environ.get(FILE_SECONDS_ENV)
    if target and _file_seconds and not hasattr(session.config, "workerinput"):
        ranked = dict(sorted(((k, round(v, 1)) for k, v in _file_seconds.items()), key=lambda kv: -kv[1]))
        Path(target).write_text(json.dumps(ranked, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

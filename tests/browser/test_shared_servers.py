"""Two app servers on one PostGIS, as a bureau runs them behind one proxy, and the command line in a
process of its own: an official evaluation configuration saved on one server's page and a 盘活
status changed from the command line are seen on the other server's pages, and the other way round.

Real processes throughout: two ``serve.py`` (``tests/conftest.serve_app``) with
``ATLAS_DATABASE_URL`` on a schema of their own, headless Chromium on each, ``python -m geo.cli`` as
a subprocess. Needs ``ATLAS_TEST_DATABASE_URL`` (skipped without it)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo.cli import main as cli_main
from geo.evaluation import named as eval_configs
from geo.land import parcels as P
from geo.land import renewal
from geo.messages import t
from geo.storage.base import DATABASE_URL_ENV, USER_GPKG_ENV
from geo.storage.builtin import DEFAULT_GPKG, load_layer
from tests.fixtures import ROOT
from tests.fixtures.browser import save_screenshot, serve_apps, wait_idle
from tests.fixtures.postgis import postgis_schema

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    """(database URL, server A's URL, server B's URL, the environment they run with)."""
    with postgis_schema() as url:
        tmp = tmp_path_factory.mktemp("servers")
        env = {**os.environ, DATABASE_URL_ENV: url, USER_GPKG_ENV: str(tmp / "none" / "atlas_user.gpkg")}
        env["ATLAS_GPKG"] = str(DEFAULT_GPKG)

        def load_demo() -> None:  # while both servers start: they read the store once a page opens
            assert cli_main(["load-demo", "--store", url, "--user", "测试员"]) == 0

        with serve_apps([(env, tmp / "a.log"), (env, tmp / "b.log")], meanwhile=load_demo) as (a, b):
            yield url, a, b, env


def _cli(env: dict, *args: str) -> str:
    """``python -m geo.cli ARGS`` in a process of its own; its output (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    pg.goto(url)
    pg.locator("h1").first.wait_for(timeout=300_000)  # a loaded machine can take long
    wait_idle(pg)
    return context, pg


def _saved_options(pg) -> list[str]:
    """The options of the efficiency page's 已保存的配置 box (its parameter editor opened)."""
    pg.get_by_text(t("eff.params", "zh")).click(timeout=120_000)  # comes once the map is drawn
    box = pg.get_by_role("combobox", name=t("eff.cfg.load", "zh"))
    box.wait_for(timeout=120_000)
    options = pg.get_by_role("option")
    for _ in range(6):  # a rerun still going may redraw the box and close its list: open it again
        wait_idle(pg)
        box.click()
        try:
            options.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            pg.keyboard.press("Escape")
    texts = [" ".join(o.split()) for o in options.all_inner_texts()]  # the browser's spaces are NBSPs
    pg.keyboard.press("Escape")
    return texts


def _renewal_metrics(pg) -> tuple[str, str]:
    """The 用地强度 page's 盘活跟踪 tab: the values of its 处置中 and 已盘活用地 metrics."""
    tab = pg.get_by_role("tab", name=t("parcel.tab.renewal", "zh"))
    tab.wait_for(timeout=120_000)
    tab.click()
    out = []
    for key in ("parcel.in_progress_total", "parcel.freed_total"):
        metric = pg.locator('[data-testid="stMetric"]').filter(has_text=t(key, "zh")).first
        metric.wait_for(timeout=120_000)
        out.append(metric)
    wait_idle(pg)
    return tuple(m.locator('[data-testid="stMetricValue"]').inner_text() for m in out)


def _choose(pg, label: str, option: str) -> None:
    pg.get_by_role("combobox", name=label, exact=True).click()
    pg.get_by_role("option", name=option, exact=True).click()


def test_an_official_configuration_saved_on_one_server_is_seen_on_the_other(two_servers, browser):
    url, a, b, env = two_servers
    context, pg = _open(browser, f"{a}/efficiency")
    try:
        pg.get_by_text(t("eff.params", "zh")).click(timeout=120_000)  # comes once the map is drawn
        name = pg.get_by_label(t("eff.cfg.name", "zh"))
        name.wait_for(timeout=60_000)
        name.fill("甲服务器公示版")
        name.press("Enter")
        wait_idle(pg)
        pg.get_by_role("button", name=t("eff.cfg.save_official", "zh")).click()
        pg.get_by_text(t("eff.cfg.saved_official", "zh")).wait_for(timeout=60_000)
    finally:
        context.close()
    official = eval_configs.official_config(store=url)
    assert (official.name, official.saved_by) == ("甲服务器公示版", "单用户模式")
    # The other server's page lists it; so does the command line on "another machine".
    context, pg = _open(browser, f"{b}/efficiency")
    try:
        assert "正式配置 · 甲服务器公示版 (" in " ".join(_saved_options(pg))
        save_screenshot(pg, "shared_servers_config_on_b")
    finally:
        context.close()
    assert "正式 甲服务器公示版" in _cli(env, "config", "list")
    # And the other way round: the command line replaces it; server A's page shows the new one only.
    cfg = Path(env[USER_GPKG_ENV]).parent.parent / "cli.yaml"
    cfg.write_text(_cli(env, "config", "show", "--official").replace("multiple: 2.0", "multiple: 2.5"))
    _cli(env, "config", "save", "命令行公示版", "--file", str(cfg), "--official", "--user", "张三")
    context, pg = _open(browser, f"{a}/efficiency")
    try:
        options = _saved_options(pg)
        assert any(o.startswith("正式配置 · 命令行公示版 (") for o in options), options
        assert not any("甲服务器公示版" in o for o in options)
    finally:
        context.close()
    assert eval_configs.official_config(store=url).config["benchmark"]["multiple"] == 2.5


def test_a_status_changed_from_the_command_line_and_on_a_page_is_seen_on_both_servers(two_servers, browser):
    url, a, b, env = two_servers
    low = P.analyse_parcels(load_layer("parcels"), load_layer("enterprises")).low.set_index("parcel_id")
    first = low.index[0]
    for server in (a, b):
        context, pg = _open(browser, f"{server}/intensity")
        try:
            assert _renewal_metrics(pg) == ("0.0 亩", "0.0 亩")
        finally:
            context.close()
    # The command line, a process of its own: a parcel in progress, seen on both servers' pages.
    out = _cli(
        env,
        "renewal",
        "set",
        first,
        "处置中",
        "--method",
        "技改提升",
        "--date",
        "2026-03-01",
        "--user",
        "张三",
    )
    assert f"宗地 {first} 已认定 → 处置中（张三）" in out
    area = f"{low.loc[first, 'area_mu']:,.1f} 亩"
    context, pg = _open(browser, f"{a}/intensity")
    try:
        assert _renewal_metrics(pg) == (area, "0.0 亩")
    finally:
        context.close()
    # Server B's page shows it too; there the parcel is renewed (the form's parcel is the list's
    # first), which server A then shows.
    context, pg = _open(browser, f"{b}/intensity")
    try:
        assert _renewal_metrics(pg) == (area, "0.0 亩")
        _choose(pg, t("parcel.status", "zh"), "已盘活")
        _choose(pg, t("parcel.method", "zh"), "工业上楼")
        pg.get_by_role("button", name=t("parcel.save", "zh"), exact=True).click()
        deadline = time.monotonic() + 120
        while len(renewal.load_log(path=url)) < 2 and time.monotonic() < deadline:
            pg.wait_for_timeout(500)
    finally:
        context.close()
    log = renewal.load_log(path=url)
    assert log[["parcel_id", "old_status", "status", "changed_by"]].values.tolist() == [
        [first, "已认定", "处置中", "张三"],
        [first, "处置中", "已盘活", "单用户模式"],
    ]
    context, pg = _open(browser, f"{a}/intensity")
    try:
        assert _renewal_metrics(pg) == ("0.0 亩", area)
        save_screenshot(pg, "shared_servers_status_on_a")
    finally:
        context.close()
    printed = _cli(env, "renewal", "log")
    assert f"{first}" in printed and "单用户模式" in printed

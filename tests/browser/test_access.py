"""Real Chromium: a password-account editor stays signed in across a reload and a deep link (the
HttpOnly sign-in cookie set by serve.py), and after signing out a reload finds a visitor again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geo.storage.accounts import hash_password
from tests.fixtures import ROOT
from tests.fixtures.browser import act_until, map_frame, save_screenshot, serve_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def accounts_url(tmp_path_factory):
    """The app with a password account (zhangsan, 编辑) and a 查看企业 one (lisi)."""
    home = tmp_path_factory.mktemp("accounts")
    secrets = home / "secrets.toml"
    secrets.write_text(
        '[atlas]\nsession_hours = 12\n[atlas.roles]\nlisi = "查看企业"\n[atlas.accounts]\n'
        f'zhangsan = "{hash_password("correct horse")}"\nlisi = "{hash_password("battery staple")}"\n',
        encoding="utf-8",
    )
    store = home / "atlas.gpkg"
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", store)
    env = {**os.environ, "ATLAS_GPKG": str(store), "ATLAS_USER_GPKG": str(home / "user" / "atlas_user.gpkg")}
    env.pop("ATLAS_DATABASE_URL", None)
    with serve_app(env, home / "streamlit.log", args=["--secrets.files", str(secrets)]) as url:
        yield url


def _sign_in(pg, user: str, password: str) -> None:
    login = pg.get_by_role("button", name="登录")
    if not login.is_visible():
        pg.get_by_text("工作人员登录").click()
    pg.get_by_label("用户名").fill(user)
    pg.get_by_label("密码").fill(password)
    login.click()


def test_an_editor_stays_signed_in_across_a_reload_until_signing_out(accounts_url, page):
    page.goto(f"{accounts_url}/data")
    page.get_by_text("未登录：地图与汇总数据").wait_for(timeout=60_000)
    act_until(lambda: _sign_in(page, "zhangsan", "correct horse"), page.get_by_text("编辑：zhangsan"))
    page.wait_for_function("document.cookie !== undefined", timeout=5_000)
    cookie = None
    for _ in range(50):  # the cookie comes from serve.py's answer to the page's handoff
        cookie = next((c for c in page.context.cookies() if c["name"] == "atlas_session"), None)
        if cookie:
            break
        page.wait_for_timeout(100)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.reload()
    page.get_by_text("编辑：zhangsan").wait_for(timeout=60_000)
    page.goto(f"{accounts_url}/wujiang")  # a deep link, a new session
    page.get_by_text("编辑：zhangsan").wait_for(timeout=60_000)
    page.get_by_role("button", name="退出登录").click()
    page.get_by_text("未登录：地图与汇总数据").wait_for(timeout=30_000)
    for _ in range(50):
        if not any(c["name"] == "atlas_session" for c in page.context.cookies()):
            break
        page.wait_for_timeout(100)
    page.reload()
    page.get_by_text("未登录：地图与汇总数据").wait_for(timeout=60_000)
    assert not any(c["name"] == "atlas_session" for c in page.context.cookies())


def test_a_forged_cookie_signs_nobody_in(accounts_url, page):
    host = accounts_url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "atlas_session", "value": "eyJ1Ijoiemhhbmdz.00", "domain": host, "path": "/"}]
    )
    page.goto(f"{accounts_url}/")
    page.get_by_text("未登录：地图与汇总数据").wait_for(timeout=60_000)


def test_anonymous_and_staff_pages_at_1280(accounts_url, browser):
    """Screenshots (artifacts/): the pages a visitor and a 查看企业 user see, in both languages, each
    taken once its map is drawn (not after a fixed wait) and with the sidebar naming who is there."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    for who in ("anon", "lisi"):
        if who == "lisi":
            pg.goto(f"{accounts_url}/")
            pg.get_by_text("未登录：地图与汇总数据").wait_for(timeout=60_000)
            act_until(lambda: _sign_in(pg, "lisi", "battery staple"), pg.get_by_text("查看企业：lisi"))
        for path in ("wujiang", "efficiency", "intensity"):
            for lang in ("zh", "en"):
                pg.goto(f"{accounts_url}/{path}" + ("?lang=en" if lang == "en" else ""))
                map_frame(pg, min_paths=8, timeout_s=90)  # the 8 区镇 at least
                sidebar = pg.locator('[data-testid="stSidebar"]')
                if who == "lisi":
                    sidebar.get_by_text("lisi").first.wait_for(timeout=30_000)
                else:
                    assert sidebar.get_by_text("lisi").count() == 0
                pg.wait_for_timeout(500)  # the last tiles of the canvas layers
                path_png = save_screenshot(pg, f"access_{who}_{path}_{lang}")
                assert Path(path_png).stat().st_size > 10_000
    context.close()

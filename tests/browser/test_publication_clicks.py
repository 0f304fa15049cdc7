"""One click is enough on the 公示与异议 page (walk8), on the demo's 17,063 enterprises at 1280x720:
saving a draft shows it saved and proposes it for publication, publishing shows it published, and
the first 登记 of an objection records it — each said beside the button clicked. The objection's
department is proposed from the disputed indicator (用地面积 → 自然资源和规划局), in each language.

Each action is clicked exactly once: the page's helpers only wait (``wait_idle``), nothing is
clicked again, so a click lost during a rerun fails the test. (Before: every run of the page named
each row's group by reading the rules again and compared two versions row by row, 15-50 s a run
under load, and the result was written at the top of the page, out of view.)"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from geo.publication import objections
from geo.storage.base import USER_GPKG_ENV
from tests.fixtures import ROOT
from tests.fixtures.browser import pick_option, save_screenshot, serve_app, wait_idle

pytestmark = pytest.mark.browser
SLOW_MS = 240_000  # a draft of 17,063 enterprises on a loaded machine


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app on a copy of the demo and an empty user store of its own."""
    tmp = tmp_path_factory.mktemp("publication")
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", tmp / "atlas.gpkg")
    env = {
        **os.environ,
        "ATLAS_GPKG": str(tmp / "atlas.gpkg"),
        USER_GPKG_ENV: str(tmp / "user" / "atlas_user.gpkg"),
    }
    env.pop("ATLAS_DATABASE_URL", None)
    with serve_app(env, tmp / "streamlit.log") as url:
        yield url, env[USER_GPKG_ENV]


def _in_view(locator) -> None:
    """The element is shown within the 1280x720 window (not scrolled away above or below)."""
    expect(locator).to_be_in_viewport(timeout=10_000)


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    pg.goto(url)
    pg.locator("h1").first.wait_for(timeout=SLOW_MS)
    wait_idle(pg)
    return context, pg


def test_each_action_takes_one_click_and_says_so_where_clicked(browser, app):
    app, store = app
    context, pg = _open(browser, f"{app}/publication")
    try:
        # save the demo's latest year as a draft: one click
        pg.get_by_role("button", name="存为草稿版本").click()
        saved = pg.get_by_text(re.compile(r"已保存为 V1 · 2022 · 评价结果 · 草稿（17,063 家企业）"))
        expect(saved).to_be_visible(timeout=SLOW_MS)
        _in_view(saved)
        wait_idle(pg)
        save_screenshot(pg, "publication_saved_zh")

        # publish it: the draft just saved is the one proposed; one click
        pg.get_by_role("tab", name="公示", exact=True).click()
        draft = pg.get_by_role("combobox", name="要公示的草稿")
        expect(draft).to_have_value(re.compile(r"^V1 · 2022"), timeout=60_000)
        pg.get_by_role("button", name="公示", exact=True).click()
        published = pg.get_by_text("已公示 V1 · 2022 · 评价结果 · 公示。")
        expect(published).to_be_visible(timeout=SLOW_MS)
        wait_idle(pg)

        # an objection to 用地面积 (the form's first indicator): the natural resources bureau
        pg.get_by_role("tab", name="异议", exact=True).click()
        expect(pg.get_by_role("combobox", name="异议指标")).to_have_value("用地面积（亩）", timeout=60_000)
        expect(pg.get_by_role("combobox", name="核实部门")).to_have_value("自然资源和规划局")
        value = pg.get_by_label("企业申诉的数值")
        expect(value).to_have_value("")  # empty, never the version's value or 0 by default
        value.fill("12.5")
        value.press("Tab")
        wait_idle(pg)
        pg.locator("input[type=file]").set_input_files(
            files=[{"name": "不动产证.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 deed"}]
        )
        expect(pg.get_by_text("不动产证.pdf")).to_be_visible(timeout=60_000)
        wait_idle(pg)
        answer = pg.get_by_label("部门答复（可稍后填写）")
        answer.fill("自然资源局：面积属实")
        answer.press("Tab")
        wait_idle(pg)
        pg.get_by_role("button", name="登记异议", exact=True).click()  # once
        recorded = pg.get_by_text("已登记异议 O1。")
        expect(recorded).to_be_visible(timeout=SLOW_MS)
        _in_view(recorded)
        wait_idle(pg)
        # in the register below, and the form empty again for the next one
        expect(pg.get_by_role("combobox", name="查看证据：异议")).to_have_value("O1 · 不动产证.pdf")
        expect(pg.locator('[data-testid="stFileUploaderFile"]')).to_have_count(0)
        expect(pg.get_by_label("部门答复（可稍后填写）")).to_have_value("")  # walk17: the answer stayed
        save_screenshot(pg, "publication_recorded_zh")

        # walk10: 排放当量, a click refused (no value, no file), then 税收 — the tax bureau is shown
        # and saved, not 生态环境局 held over from the last indicator
        indicator = pg.get_by_role("combobox", name="异议指标")
        pick_option(pg, indicator, "排放当量（当量）")
        wait_idle(pg)
        expect(pg.get_by_role("combobox", name="核实部门")).to_have_value("生态环境局", timeout=60_000)
        pg.get_by_role("button", name="登记异议", exact=True).click()
        expect(pg.get_by_text("请填写企业申诉的数值（企业主张的正确数值）。")).to_be_visible(timeout=SLOW_MS)
        wait_idle(pg)
        pick_option(pg, indicator, "税收（万元）")
        wait_idle(pg)
        expect(pg.get_by_role("combobox", name="核实部门")).to_have_value("税务局", timeout=60_000)
        value = pg.get_by_label("企业申诉的数值")
        expect(value).to_have_count(1, timeout=60_000)  # the last indicator's input gone
        expect(value).to_have_value("")
        value.fill("30")
        value.press("Tab")
        wait_idle(pg)
        pg.locator("input[type=file]").set_input_files(
            files=[{"name": "完税证明.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 tax"}]
        )
        expect(pg.get_by_text("完税证明.pdf")).to_be_visible(timeout=60_000)
        wait_idle(pg)
        pg.get_by_role("button", name="登记异议", exact=True).click()
        expect(pg.get_by_text("已登记异议 O2。")).to_be_visible(timeout=SLOW_MS)
        saved = objections.objections_frame(store=store)
        assert saved[["indicator", "value_claimed", "department"]].values.tolist() == [
            ["land_mu", "12.5", "land"],
            ["tax_wan_yuan", "30.0", "tax"],
        ]
    finally:
        context.close()

    # the same form in English: the department named in English
    context, pg = _open(browser, f"{app}/publication?lang=en")
    try:
        pg.get_by_role("tab", name="Objections", exact=True).click()
        expect(pg.get_by_role("combobox", name="Indicator")).to_have_value("Land (mu)", timeout=60_000)
        expect(pg.get_by_role("combobox", name="Department asked")).to_have_value(
            "Natural resources and planning bureau"
        )
        wait_idle(pg)
        save_screenshot(pg, "publication_objections_en")
    finally:
        context.close()

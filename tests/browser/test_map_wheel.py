"""The mouse wheel over a map scrolls the page; Ctrl (or ⌘) + wheel zooms the map (issue 23): every
map of the atlas, a click on the map changing nothing, and a hint in the UI's language."""

from __future__ import annotations

import time

import pytest

from tests.fixtures.browser import map_frame, save_screenshot

pytestmark = pytest.mark.browser

SCROLLER = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
HINTS = {"zh": "按住 Ctrl 滚动以缩放地图", "en": "Use Ctrl + scroll to zoom the map"}


def _idle(pg, timeout_s: float = 90.0) -> None:
    deadline, quiet = time.monotonic() + timeout_s, 0
    while quiet < 4 and time.monotonic() < deadline:
        running = pg.locator('[data-testid="stStatusWidget"]').count() > 0
        quiet = 0 if running else quiet + 1
        pg.wait_for_timeout(250)


def _watch_hint(frame) -> None:
    """Record in the map's frame whether its hint shows from now on (it fades after 1.5 s)."""
    frame.evaluate(
        "() => { const h = document.querySelector('.atlas-gesture-hint'); window.__hintShown = false;"
        " new MutationObserver(() => { if (h.classList.contains('atlas-show')) window.__hintShown = true; })"
        ".observe(h, {attributes: true}); }"
    )


def _hint(frame) -> dict:
    """The hint's text and whether it showed since :func:`_watch_hint`."""
    return frame.evaluate(
        "() => ({text: document.querySelector('.atlas-gesture-hint').textContent, shown: window.__hintShown})"
    )


def _wheel_over_map(pg, frame, dy: float) -> None:
    box = frame.frame_element().bounding_box()
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200))
    pg.mouse.wheel(0, dy)
    pg.wait_for_timeout(900)  # Leaflet's wheel zoom waits 40 ms, its animation 250 ms


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_wheel_scrolls_the_page_and_ctrl_wheel_zooms_the_map(app_url, browser, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/" + ("?lang=en" if lang == "en" else ""))
        pg.locator("h1").first.wait_for(timeout=90_000)
        frame = map_frame(pg, min_paths=9)  # the 9 districts
        _idle(pg)
        zoom = frame.evaluate("() => window.map.getZoom()")
        top = frame.frame_element().bounding_box()["y"]
        assert top < 720, "the map starts on the first screen"
        before = pg.evaluate(SCROLLER)
        _watch_hint(frame)

        _wheel_over_map(pg, frame, 300)  # the wheel alone: the page scrolls, the map stays
        assert frame.evaluate("() => window.map.getZoom()") == zoom
        scrolled = pg.evaluate(SCROLLER)
        assert scrolled >= before + 100, (before, scrolled)
        assert _hint(frame) == {"text": HINTS[lang], "shown": True}
        save_screenshot(pg, f"map_wheel_hint_{lang}_1280")

        box = frame.frame_element().bounding_box()  # a click on the map does not hand it the wheel
        pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200))
        _wheel_over_map(pg, frame, -200)
        assert frame.evaluate("() => window.map.getZoom()") == zoom
        assert pg.evaluate(SCROLLER) <= scrolled - 100

        at = pg.evaluate(SCROLLER)
        _watch_hint(frame)
        pg.keyboard.down("Control")  # Ctrl + wheel: the map zooms in, the page stays
        try:
            _wheel_over_map(pg, frame, -300)
        finally:
            pg.keyboard.up("Control")
        frame.wait_for_function(f"() => window.map.getZoom() > {zoom}", timeout=10_000)
        assert pg.evaluate(SCROLLER) == at
        assert _hint(frame)["shown"] is False
    finally:
        context.close()

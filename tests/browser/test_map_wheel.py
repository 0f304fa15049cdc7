"""The mouse wheel over a map scrolls the page; Ctrl (or ⌘) + wheel zooms the map (issue 23): every
map of the atlas, a click on the map changing nothing, and a hint in the UI's language. On a touch
screen one finger scrolls the page and two move the map."""

from __future__ import annotations

import pytest

from tests.fixtures.browser import map_frame, save_screenshot, wait_idle

pytestmark = pytest.mark.browser

SCROLLER = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
HINTS = {"zh": "按住 Ctrl 滚动以缩放地图", "en": "Use Ctrl + scroll to zoom the map"}


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
        wait_idle(pg)
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


CENTER_JS = "() => { const c = window.map.getCenter(); return [c.lat, c.lng]; }"


def _swipe(cdp, start: list[tuple[float, float]], step: tuple[float, float], pg) -> None:
    """Fingers put down at ``start`` and moved ten ``step``s together (CDP touch events)."""

    def points(i: int) -> list[dict]:
        return [{"x": x + step[0] * i, "y": y + step[1] * i, "id": n} for n, (x, y) in enumerate(start)]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)})
    for i in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(i)})
        pg.wait_for_timeout(30)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pg.wait_for_timeout(1000)


def test_one_finger_scrolls_the_page_and_two_move_the_map(app_url, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, has_touch=True)
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/")
        pg.locator("h1").first.wait_for(timeout=90_000)
        frame = map_frame(pg, min_paths=9)
        wait_idle(pg)
        _watch_hint(frame)
        box = frame.frame_element().bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + 300
        cdp = context.new_cdp_session(pg)
        center, top = frame.evaluate(CENTER_JS), pg.evaluate(SCROLLER)

        _swipe(cdp, [(x, y)], (0, -20), pg)  # one finger up: the page scrolls, the map stays
        assert frame.evaluate(CENTER_JS) == center
        scrolled = pg.evaluate(SCROLLER)
        assert scrolled >= top + 100, (top, scrolled)
        assert _hint(frame) == {"text": "使用双指移动和缩放地图", "shown": True}

        _watch_hint(frame)
        _swipe(cdp, [(x, y - 150), (x + 100, y - 150)], (10, 0), pg)  # two fingers right: the map moves
        moved = frame.evaluate(CENTER_JS)
        assert moved[1] < center[1] - 0.05, (center, moved)  # dragged right: the view goes west
        assert pg.evaluate(SCROLLER) == scrolled
        assert _hint(frame)["shown"] is False
    finally:
        context.close()

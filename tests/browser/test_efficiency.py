"""Real Chromium on 亩均效益评价: journey 2 (docs/domain.md §1: 盛泽 + 高端纺织 + 规上, the D class,
the ranking XLSX) and the yearly cycle (the comparison, a click on a point opens its profile, the
ranking XLSX names its year, filters and configuration). Expected figures come from geo/ on the
same demo GeoPackage (tests/fixtures/demo.py)."""

from __future__ import annotations

import openpyxl
import pytest

from geo import yearly
from geo.evaluation import default_config
from tests.fixtures.browser import download, eval_in_maps
from tests.fixtures.demo import expected_classes

pytestmark = pytest.mark.browser

SHENGZE = "吴江高新区（盛泽镇）"


# Enterprise points of the class layer; the warning rings (layers/eval_warnings.py, one colour) are
# not counted.
POINTS_JS = (
    "() => { let k = 0; window.map.eachLayer(l => { if (l._px && l.count && !(l._d.palette.length === 1"
    " && l._d.palette[0] === '#7b3294')) k += l.count(); }); return k; }"
)


def _wait_points(page, n: int, timeout_s: float = 60.0):
    """The map frame once it draws exactly ``n`` enterprise points (the frame may be replaced when a
    filter changes the map, so it is looked up again on every poll)."""
    import time

    deadline = time.time() + timeout_s
    last = None
    while time.time() < deadline:
        for fr, last in eval_in_maps(page, f"() => window.map ? ({POINTS_JS})() : -1"):
            if last == n:
                return fr
        page.wait_for_timeout(500)
    raise AssertionError(f"the map did not show {n} enterprise points within {timeout_s} s (last: {last})")


def _pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the Streamlit multiselect or select box labelled ``label``."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_browser_journey_shengze_textiles_d_class_and_xlsx(app_url, page, demo, tmp_path):
    """docs/domain.md §1 journey 2: narrow to 盛泽 + 高端纺织 + 规上, see the D class, download the XLSX."""
    from tests.fixtures.browser import map_frame, save_screenshot

    expected = expected_classes(demo)
    page.goto(f"{app_url}/efficiency")
    map_frame(page, min_paths=8, timeout_s=90)
    n_scored = int(expected["scored"].sum())
    frame = _wait_points(page, n_scored)
    legend = frame.locator(".atlas-legend").text_content()  # rows hidden while folded count too
    assert "A 优先发展" in legend and "D 整治淘汰" in legend and "企业亩均评价类别（合成）" in legend
    assert "[合成]" not in legend  # the class said once, as the PNG says it

    _pick(page, "区镇/园区", SHENGZE)
    _pick(page, "行业", "高端纺织")
    page.get_by_role("radiogroup", name="规模").get_by_text("规上", exact=True).click()
    scope = expected[
        expected["scored"]
        & (expected["zone"].astype(object) == SHENGZE)
        & (expected["industry"] == "高端纺织")
        & (expected["size_class"].astype(object) == "规上")
    ]
    _wait_points(page, len(scope))
    d_land = scope.loc[scope["eval_class"] == "D", "land_mu"].sum()
    page.get_by_text(f"{d_land:,.2f} 亩", exact=True).first.wait_for(timeout=30_000)

    path = tmp_path / "ranking.xlsx"
    download(page, "下载排名表（Excel）").save_as(path)
    sheet = openpyxl.load_workbook(path)["企业排名"]
    header = [c.value for c in sheet[1]]
    assert "亩均税收（万元/亩）" in header and "评价类别" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(scope)
    classes = [r[header.index("评价类别")] for r in rows]
    assert classes.count("D") == int((scope["eval_class"] == "D").sum())
    assert [u for u in page.blocked_requests if "tile" not in u] == []
    save_screenshot(page, "efficiency_journey2")


# The pixel and id of an enterprise point well inside the map, from the top canvas point layer.
PICK_POINT_JS = """() => { const layers = [];
  window.map.eachLayer(l => { if (l._px && l.count) layers.push(l); });
  const l = layers[layers.length - 1], s = window.map.getSize();
  for (let i = 0; i < l._n; i++) { const x = l._px[i], y = l._py[i];
    if (x > 150 && y > 80 && x < s.x - 80 && y < s.y - 200) return [x, y, l._d.id[i]]; }
  return null; }"""


def test_browser_year_comparison_profile_click_and_xlsx(app_url, page, demo_years, tmp_path):
    from tests.fixtures.browser import map_frame, save_screenshot

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/efficiency")
    page.get_by_role("tab", name="年度对比").click(timeout=120_000)  # only the open tab is drawn
    page.get_by_text("年度对比：2021 年 → 2022 年").first.wait_for(timeout=120_000)
    changes = yearly.class_changes(demo_years[2021], demo_years[2022])
    n_new = int((changes["from_class"] == "NEW").sum())
    n_gone = int((changes["to_class"] == "GONE").sum())
    page.get_by_text(f"新进入 {n_new:,} 家，退出 {n_gone:,} 家（当前范围）。").wait_for(timeout=30_000)
    warned = yearly.early_warnings(demo_years, 2022, default_config().warning_rules)["ent_id"].nunique()
    page.get_by_role("tab", name="预警").click()
    page.get_by_text(f"预警企业（{warned:,} 家）").first.wait_for(timeout=30_000)

    # A click on an enterprise point (the class layer, drawn on top) opens its profile.
    frame = map_frame(page, min_paths=8, timeout_s=90)
    element = frame.frame_element()
    element.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    x, y, ent_id = frame.evaluate(PICK_POINT_JS)
    box = element.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    field = page.get_by_label("企业编号")
    for _ in range(60):
        if field.input_value():
            break
        page.wait_for_timeout(1000)
    assert field.input_value() == ent_id
    assert ent_id in set(demo_years[2022]["ent_id"])
    page.get_by_text(f" · {ent_id} · ").first.wait_for(timeout=30_000)
    save_screenshot(page, "efficiency_years_profile")

    # The ranking XLSX names its year, filters and configuration.
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="下载排名表（Excel）").click()
    path = tmp_path / "ranking.xlsx"
    info.value.save_as(path)
    wb = openpyxl.load_workbook(path)
    params = dict(wb["评价参数"].iter_rows(min_row=2, values_only=True))
    assert params["评价年份"] == "2022"
    assert params["筛选条件"].startswith("区镇/园区：全部")
    assert "亩均税收 40" in params["权重"] and "合计 100" in params["权重"]
    assert "类别转移" in wb.sheetnames and "预警" in wb.sheetnames
    header = next(wb["预警"].iter_rows(max_row=1, values_only=True))
    assert "预警" in header and not [h for h in header if h and str(h).isascii()]  # no warning_en, rule …
    assert [u for u in page.blocked_requests if "tile" not in u] == []

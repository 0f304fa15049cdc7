"""Real Chromium on the 亩均 ranking (issue 23 item 2): the wheel over the 17,000-row table scrolls
the page (a click in the table hands it the wheel), and the key columns (排名, 企业, 得分, 类别,
主要失分指标, 区镇) are read whole without sideways scrolling, at 1280 x 720 and 1920 x 1080, in Chinese and
in English (issue 23 item 5: the English towns and shortfalls, kept on one line, were a sideways scroll away
at 1280; the screen names them short, "Shengze", "Tax/mu", the downloads in full)."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from PIL import Image

from geo.evaluation import SIZE_COL, ZONE_COL, default_config, evaluate, low_efficiency_land, rank_by
from geo.evaluation.grouped import GROUP_COL, group_counts
from geo.messages import t
from pages.efficiency.fitting import CELL_PAD_PX, FLUSH_EDGE_PX, HEADER_PAD_PX, WIDE_EXTRA_PX, text_px
from pages.efficiency.groups import group_table
from pages.efficiency.tables import (
    PLACE_BREAK,
    key_headers,
    name_headers,
    place_headers,
    ranking_edge_px,
    ranking_marker_px,
    ranking_table,
    screen_ranking,
    to_the_edges,
)
from tests.fixtures.browser import pick_option, save_screenshot, wait_idle
from tests.fixtures.demo import expected_classes
from tests.fixtures.evaluation import enterprises as fixture_enterprises

pytestmark = pytest.mark.browser

SCROLLER = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
TABLE = '[data-testid="stDataFrame"]'

# Every visible cell's text of the grid's accessible table (Streamlit draws the grid on a canvas and
# keeps this table for screen readers), its header first; and each text's lines measured in the
# grid's font (the body font at 14 px) with the canvas the grid draws with.
CELLS_JS = """(e) => {
  const font = '400 14px ' + getComputedStyle(document.body).fontFamily;
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = font;
  // a number's cell holds its raw value ("96.34014509468422"): the grid draws it in its format, a score
  // with two decimals ("96.34")
  const drawn = (text) => /^-?\\d+\\.\\d{3,}$/.test(text) ? Number(text).toFixed(2) : text;
  const rows = Array.from(e.querySelectorAll('tr'))
    .map(r => Array.from(r.children).map(c => drawn(c.textContent)));
  const measured = rows.map(r => r.map(text => text.split('\\n').map(l => ctx.measureText(l).width)));
  return {rows, measured, width: e.getBoundingClientRect().width};
}"""


def _settled(pg, table) -> dict:
    """The table scrolled into view once the page has stopped moving (Streamlit scrolls smoothly:
    a wheel during the glide is overridden by it); its box."""
    table.scroll_into_view_if_needed()
    last, same = None, 0
    while same < 3:
        pg.wait_for_timeout(250)
        top = pg.evaluate(SCROLLER)
        same = same + 1 if top == last else 0
        last = top
    return table.bounding_box()


def _wheel_scrolls_the_page(pg, table, lang: str) -> None:
    """The wheel over the ranking scrolls the page (it stayed put before); a click in the table
    hands it the wheel: the page stays, the table's rows move."""
    box = _settled(pg, table)
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 150))
    before = pg.evaluate(SCROLLER)
    for _ in range(3):
        pg.mouse.wheel(0, 200)
        pg.wait_for_timeout(300)
    pg.wait_for_timeout(1000)
    after = pg.evaluate(SCROLLER)
    assert after == before + 600, (before, after)  # by the wheel's 600 px (it stayed put before)
    hint = pg.locator(".atlas-table-hint")
    assert hint.text_content() == t("table.hint.wheel", lang)

    # A click in the table hands it the wheel: the page stays, the table's rows move.
    box = _settled(pg, table)
    inner = "(e) => e.querySelector('.dvn-scroller').scrollTop"
    rows_before = table.evaluate(inner)
    pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 150))
    at = pg.evaluate(SCROLLER)
    pg.mouse.wheel(0, 300)
    pg.wait_for_timeout(600)
    assert pg.evaluate(SCROLLER) == at
    assert table.evaluate(inner) > rows_before


def _read_whole(table, expected, keys, fitted) -> None:
    """The grid's key columns, as drawn, are ``keys`` in order, fit beside the row marker in the
    table's width (no sideways scroll) and hold every header and visible cell whole."""
    got = table.evaluate(CELLS_JS)
    header = got["rows"][0]
    assert header[: len(keys)] == keys  # the six key columns first, all in view without scrolling
    # they fit beside the row marker (46 px) in the table's width: no sideways scroll to read them
    assert sum(fitted.widths.values()) + 46 <= got["width"], (fitted.widths, got["width"])
    lines_fit = 1 if fitted.row_px is None else (fitted.row_px - 8) // 20  # 14 px font, 1.25 spacing
    places = set(place_headers(expected))
    for i, col in enumerate(keys):
        width = fitted.widths[col]
        assert max(got["measured"][0][i]) + 2 * 8.5 <= width, (col, "header cut")
        for row, sizes in zip(got["rows"][1:], got["measured"][1:], strict=True):
            # the grid wraps a text at its column's inner width: the lines it needs fit the row
            assert math.ceil(sum(sizes[i]) / (width - 2 * 8.5)) <= lines_fit, (col, row[i], width)
            # a place's name on one line (walk 15: 「东太湖度假区（ / 太湖新城）」), or broken before its
            # （…） where that keeps the enterprises' names whole (walk 16 item 10)
            if col in places and PLACE_BREAK not in row[i]:
                assert sum(sizes[i]) + 2 * 8.5 <= width, (col, row[i], width)


def _expected(demo, lang: str, by: list[str]):
    config = default_config()
    expected = ranking_table(
        rank_by(expected_classes(demo), by, tie_order=config.tie_order), lang, by=by, short=True
    )
    expected, fitted = screen_ranking(expected)
    return expected, key_headers(expected), fitted


# The wheel's way is the same in both languages: each language at one size. The groupings at 1280,
# where the columns are narrowest. One visit of the page each (a visit builds a 17,000-row table).
WHEEL = {("zh", (1280, 720)), ("en", (1920, 1080))}


@pytest.mark.parametrize(
    ("lang", "size"), [("zh", (1280, 720)), ("en", (1280, 720)), ("zh", (1920, 1080)), ("en", (1920, 1080))]
)
def test_the_key_columns_are_read_whole_and_the_wheel_scrolls_the_page(app_url, browser, demo, lang, size):
    expected, keys, fitted = _expected(demo, lang, [SIZE_COL])
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/efficiency" + ("?lang=en" if lang == "en" else ""))
        table = pg.locator(TABLE).first
        table.wait_for(timeout=180_000)
        wait_idle(pg)
        if (lang, size) in WHEEL:
            _wheel_scrolls_the_page(pg, table, lang)
        table.scroll_into_view_if_needed()
        pg.wait_for_timeout(1500)
        _read_whole(table, expected, keys, fitted)
        n = len(expected)
        _ends_on_a_whole_column(pg, table, expected, fitted, ranking_edge_px(n), ranking_marker_px(n))
        save_screenshot(pg, f"ranking_columns_{lang}_{size[0]}")
        _group_list_ends_on_a_whole_column(pg, demo, lang)
        if size == (1280, 720):
            _d_list_ends_on_a_whole_column(pg, demo, lang)
            _every_grouping(pg, demo, lang)
    finally:
        context.close()


def _column_lines(pg, table) -> tuple[list[int], int]:
    """The x of the vertical lines the grid draws between its header's columns (from the table's
    left), its borders left out, as a screenshot shows them; and the table's width."""
    pg.mouse.move(0, 0)  # no header drawn hovered
    pg.wait_for_timeout(300)
    image = Image.open(io.BytesIO(table.screenshot())).convert("L")
    row = [image.getpixel((x, 4)) for x in range(image.width)]  # above the headers' text
    background = max(set(row), key=row.count)
    lines = [x for x in range(3, image.width - 3) if row[x] < background - 10]
    return lines, image.width


def _ends_on_a_whole_column(pg, table, expected, fitted, edge_px: int, marker: int) -> None:
    """Walk20 a1: a column was drawn cut at the grid's right edge: a group's 规模 as 「规」 (its list
    not fitted to the edge at all), the ranking's "Tax per mu (10k yu" at 1920 (fitted to 1280's edge
    only), a sliver of the next column's border at 1280. As drawn, at 1280 or 1920: each column in
    view is as wide as fitted (:func:`pages.efficiency.tables.to_the_edges`, ``edge_px``: the edge
    beside a row marker ``marker`` px wide), the last ends under the table's right border (no line
    of the next column's in view)."""
    edges = to_the_edges(expected, fitted, edge_px)
    lines, width = _column_lines(pg, table)
    start = marker or 1  # the first column's left (the table's border, the marker's included)
    ends = [start + sum(list(edges.widths.values())[: i + 1]) for i in range(len(edges.widths))]
    drawn = [marker] if marker else []
    drawn += [e for e in ends if e < width - 3]
    assert len(lines) == len(drawn), (lines, drawn)
    assert all(abs(a - b) <= 1 for a, b in zip(lines, drawn, strict=True)), (lines, drawn)
    # the last column in view ends under the right border (its last pixels of padding at most cut)
    last = next((e for e in ends if e >= width - 3), None)
    assert last is not None and last <= width + 1, (last, width, edges.widths)


def _group_list_ends_on_a_whole_column(pg, demo, lang: str) -> None:
    """Walk20 a1 in the lists per group (the first tab, 规上, open): no column cut at the edge."""
    evaluated = expected_classes(demo)
    first = list(group_counts(evaluated).index)[0]
    rows = evaluated[evaluated[GROUP_COL].astype(object) == first]
    expected, fitted = screen_ranking(group_table(rows, default_config(), lang))
    table = pg.locator(TABLE).nth(1)
    table.scroll_into_view_if_needed()
    pg.wait_for_timeout(1000)
    _ends_on_a_whole_column(pg, table, expected, fitted, FLUSH_EDGE_PX, 0)  # no row marker


def _d_list_ends_on_a_whole_column(pg, demo, lang: str) -> None:
    """Walk21 b2: the 低效用地 tab's D-class list (open under the ranking) was drawn at the grid's own
    widths, a column cut at the edge at 1280: it is fitted as the ranking (its key columns read whole)
    and ends on a whole column (no row marker)."""
    low = ranking_table(low_efficiency_land(expected_classes(demo)), lang, short=True)
    expected, fitted = screen_ranking(low)
    table = pg.locator(TABLE).filter(has_text=t("eff.col.rank_eval", lang)).last
    table.scroll_into_view_if_needed()
    pg.wait_for_timeout(1000)
    _ends_on_a_whole_column(pg, table, expected, fitted, FLUSH_EDGE_PX, 0)


def _every_grouping(pg, demo, lang: str) -> None:
    """Left from issue 23 item 2: with 区镇 × 行业 × 规模 picked in "Rank within", the English
    ranking was 60–150 px wider than the table at 1280 (the rank's header named the three groups on
    one line). Each grouping added in turn, up to all three: the key columns read whole, the rank in the
    selection headed short ("Rank in selection", right after the key columns) with the groups in its
    help and the selector above it, the evaluation's own ("Group rank") first."""
    select = pg.get_by_test_id("stMultiSelect").filter(has_text=t("eff.rank_by", lang))
    picked: list[str] = []
    for dim in (ZONE_COL, "industry", SIZE_COL):
        select.scroll_into_view_if_needed()
        pg.wait_for_timeout(800)  # a scroll still running closes the list as it opens
        pick_option(pg, select, t(f"eff.dim.{dim}", lang))
        pg.keyboard.press("Escape")
        picked.append(dim)
        by = picked if SIZE_COL in picked else [SIZE_COL, *picked]
        expected, keys, fitted = _expected(demo, lang, by)
        # the evaluation's rank first; the selection's, headed short (its groups in its help),
        # right after the key columns
        assert keys[0] == t("eff.col.rank_eval", lang)
        assert list(expected.columns).index(t("eff.col.rank_sel", lang)) == len(keys)
        pg.get_by_text(t("eff.col.rank_sel", lang), exact=True).first.wait_for(
            state="attached", timeout=60_000
        )
        wait_idle(pg)
        table = pg.locator(TABLE).first
        table.scroll_into_view_if_needed()
        pg.wait_for_timeout(1500)
        _read_whole(table, expected, keys, fitted)
        _none_cut_at_the_edge(table, expected, fitted, lang)
        save_screenshot(pg, f"ranking_columns_{lang}_1280_{'_'.join(picked)}")


def _none_cut_at_the_edge(table, expected, fitted, lang: str) -> None:
    """Walk 18 c1: at 1280 the column after the key columns was drawn cut at the table's edge ("Class
    mean…"; with a grouping, "Rank in sel…"). The columns after the keys are drawn while each fits
    whole (:func:`pages.efficiency.tables.to_the_edges`), the last ending under the table's border,
    the next wholly out of view (walk20 a1: a sliver of its border was drawn). In Chinese the rank in the
    selection, right after the key columns, is read whole beside them (the names and places broken
    before their （…） make it room); in English it is that next column, a sideways scroll away."""
    edge = to_the_edges(expected, fitted, ranking_edge_px(len(expected)))
    got = table.evaluate(CELLS_JS)
    header = got["rows"][0]
    edge_px, shown = ranking_edge_px(len(expected)), []
    for col in edge.widths:  # the columns fitted to the edge at 1280
        if sum(edge.widths[c] for c in [*shown, col]) > edge_px:
            break
        shown.append(col)
    assert header[: len(shown)] == shown and len(header) <= len(shown) + 1, (header, shown)
    # the table's width less its borders (2 px), its row marker and the columns shown: the last one
    # ends under the table's border, the next out of view (walk20 a1: its border's sliver was drawn)
    beyond = got["width"] - 2 - ranking_marker_px(len(expected)) - sum(edge.widths[c] for c in shown)
    assert -2 <= beyond <= 0, (beyond, edge.widths)
    sel = t("eff.col.rank_sel", lang)
    after = list(edge.widths)[len(shown) : len(shown) + 1]  # the next, a sideways scroll away
    assert sel in shown if lang == "zh" else after == [sel], (sel, header, shown)


def test_the_rank_in_the_selection_is_read_whole_beside_the_key_columns(demo):
    """Walk 18 c1, left by tables9: the columns after the key columns drawn only while each fits whole
    pushed the rank in the selection (right after them) a sideways scroll away. In Chinese the key
    columns make it room at 1280, the names and places broken only before their （…） ("…有限公司 /
    （合成）", "东太湖度假区 / （太湖新城）"): each name's parts whole, the rows no taller."""
    plain, plain_fitted = screen_ranking(
        ranking_table(
            rank_by(expected_classes(demo), [SIZE_COL], tie_order=default_config().tie_order),
            "zh",
            short=True,
        )
    )
    expected, keys, fitted = _expected(demo, "zh", [SIZE_COL, ZONE_COL])
    sel = t("eff.col.rank_sel", "zh")
    edge = to_the_edges(expected, fitted, ranking_edge_px(len(expected)))
    assert list(edge.widths)[: len(keys) + 1] == [*keys, sel]  # whole in the table's width
    assert sum(list(edge.widths.values())[: len(keys) + 1]) <= ranking_edge_px(len(expected))
    assert (fitted.row_px or 0) <= (plain_fitted.row_px or 0)  # no taller rows
    for name in name_headers(expected):
        words = [w for v in expected[name].dropna() for w in str(v).split(" ")]
        assert max(text_px(w) for w in words) + CELL_PAD_PX <= fitted.widths[name]  # a name's parts whole
    assert expected[name_headers(expected)[0]].str.endswith(" （合成）").all()
    assert not plain[name_headers(plain)[0]].str.contains(" ").any()  # ungrouped: as it was


# The grid's own wrapping (glide-data-grid's, as Streamlit draws a wrapped text cell): a line ends at
# the last space (U+0020) that fits, else at the character that does not; the lines trimmed.
WRAP_JS = """([texts, width]) => {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = '400 14px ' + getComputedStyle(document.body).fontFamily;
  const fits = (s) => ctx.measureText(s).width <= width;
  return texts.map((text) => {
    const lines = [];
    let rest = text;
    while (!fits(rest)) {
      let c = rest.length;
      while (c > 1 && !fits(rest.slice(0, c))) c--;
      if (rest[c] !== ' ') { const at = rest.lastIndexOf(' ', c); if (at > 0) c = at; }
      lines.push(rest.slice(0, c).trim());
      rest = rest.slice(c).trim();
    }
    lines.push(rest.trim());
    return lines;
  });
}"""


@pytest.mark.parametrize(("lang", "size"), [("zh", (1280, 720)), ("en", (1920, 1080))])
def test_an_indicator_name_is_never_cut_in_two(app_url, browser, demo, lang, size):
    """Walk12: the shortfalls "全员劳动生产率、R&D 经费占比" wrapped as "…、R&D" / "经费占比": the grid
    breaks a line at a space, and the only one was inside the indicator's name. On the screen a line
    breaks between indicators (after 、), never inside one, as the grid draws the rows."""
    expected, keys, fitted = _expected(demo, lang, [SIZE_COL])
    reasons = keys[4]
    listed = [isinstance(v, str) and "R&D" in v and ("、" in v or ", " in v) for v in expected[reasons]]
    rows_with = [i for i, hit in enumerate(listed) if hit]
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    try:
        pg.goto(f"{app_url}/efficiency" + ("?lang=en" if lang == "en" else ""))
        table = pg.locator(TABLE).first
        table.wait_for(timeout=180_000)
        wait_idle(pg)
        table.scroll_into_view_if_needed()
        pg.wait_for_timeout(1500)
        if rows_with:  # the grid's rows are drawn (and read) where it is scrolled to
            row_px = fitted.row_px or 35
            table.evaluate(f"(e) => e.querySelector('.dvn-scroller').scrollTop = {rows_with[0] * row_px}")
            pg.wait_for_timeout(1500)
        got = table.evaluate(CELLS_JS)
        at = got["rows"][0].index(reasons)
        drawn = [r[at] for r in got["rows"][1:] if "R&D" in r[at]]
        assert drawn, "no row naming R&D in view"
        width = fitted.widths[reasons] - 2 * 8.5
        for text, lines in zip(drawn, pg.evaluate(WRAP_JS, [drawn, width]), strict=True):
            for line in lines:
                assert not line.endswith("R&D") and not line.startswith(("经费占比", "share")), (text, lines)
        save_screenshot(pg, f"ranking_rd_{lang}_{size[0]}")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_imports_ranking_and_group_lists_end_on_a_whole_column(lang):
    """Walk20 a1 with imports (parks and ten firms, each stating its town: the stated town beside the
    park, a small import's row marker): the ranking and each group's list show the columns after the key
    columns while each fits whole, the last ending on the table's edge at 1280 px and again at 1920 px
    (640 px wider); a group's 规模 was drawn 「规」 at 1280, "Tax per mu (10k yu" cut at 1920."""
    ents = fixture_enterprises()
    parks = ["盛泽丝绸创意园", "黎里智能制造园", "松陵电子信息园", "震泽新材料产业园", "—"] * 2
    evaluated = evaluate(ents, config=default_config(), zone=pd.Series(parks, index=ents.index)).enterprises
    ranked = ranking_table(
        rank_by(evaluated, [SIZE_COL], tie_order=default_config().tie_order), lang, short=True
    )
    tables = [(*screen_ranking(ranked), ranking_edge_px(len(ranked)))]
    for name in group_counts(evaluated).index:
        rows = evaluated[evaluated[GROUP_COL].astype(object) == name]
        tables.append((*screen_ranking(group_table(rows, default_config(), lang)), FLUSH_EDGE_PX))
    for table, fitted, edge_px in tables:
        edges = to_the_edges(table, fitted, edge_px)
        assert list(edges.widths)[: len(fitted.widths)] == list(fitted.widths)  # the key columns first
        need = dict(fitted.widths)  # each column's, whole on one line
        for col in list(table.columns)[len(fitted.widths) :]:
            values = table[col].dropna()
            texts = values.astype(str).unique()
            if pd.api.types.is_numeric_dtype(values):
                texts = [f"{v:,.2f}" for v in (values.min(), values.max())] if len(values) else []
            need[col] = max([text_px(col) + HEADER_PAD_PX, *(text_px(v) + CELL_PAD_PX for v in texts)])
        for at in (edge_px, edge_px + WIDE_EXTRA_PX):  # 1280, 1920
            if sum(need.values()) < at:  # all in view (the grid widens them to its width)
                continue
            end = 0
            for col in table.columns:  # each column up to the edge whole, the last ending on it
                assert edges.widths.get(col, 0) >= need[col], (col, edges.widths, at)
                end += edges.widths[col]
                if end >= at:
                    break
            assert end == at, (list(table.columns), edges.widths, at)

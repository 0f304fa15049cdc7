"""Real Chromium on 数据管理's two tables (walk 12: at 1280 x 720 the last column in view of 已导入的图层
and of 变更留痕 was cut, the user scrolled sideways to read it): their key columns come first and are
read whole without sideways scrolling, at 1280 x 720 in Chinese and 1920 x 1080 in English; only the
secondary columns (the hash, the store's table name for QGIS, the free-text detail) may lie beyond.
A name with Latin letters or digits in it (a file's, a layer's) is never broken inside (walk 14).

The store: the walk's two imports through the CLI, a GK shapefile of parks and a Gaode Excel of firms."""

from __future__ import annotations

import math
import os
import shutil
import unicodedata

import pytest

from geo import ingest
from geo.cli import main as cli
from geo.messages import t
from geo.storage import audit
from geo.storage.base import USER_GPKG_ENV
from pages.data.managing import MARKER_PX, audit_labels, audit_table, on_screen, report_view, stored_table
from pages.efficiency.fitting import FLUSH_EDGE_PX, broken_before_brackets, table_height
from tests.fixtures import ROOT
from tests.fixtures.browser import (
    GRID_CELLS_JS,
    act_until,
    pick_option,
    save_screenshot,
    serve_app,
    wait_idle,
)
from tests.fixtures.upload import gaode_firms_excel, gbk_gk_zip_without_prj

pytestmark = pytest.mark.browser
TABLE = '[data-testid="stDataFrame"]'
PAD = 8.5  # the grid's cell padding each side


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("data_tables")
    shutil.copyfile(ROOT / "data" / "atlas.gpkg", tmp / "atlas.gpkg")
    store = tmp / "user" / "atlas_user.gpkg"
    store.parent.mkdir()
    parks, firms = tmp / "园区边界_noprj.zip", tmp / "吴江企业亩均_2024.xlsx"
    parks.write_bytes(gbk_gk_zip_without_prj(tmp))
    firms.write_bytes(gaode_firms_excel())
    common = ["--store", str(store), "--user", "单用户模式"]
    source = "吴江区自然资源和规划局，2024 年"
    assert (
        cli(
            [
                "import",
                str(parks),
                "--title",
                "园区边界_noprj",
                "--source",
                source,
                "--accuracy",
                "real",
                "--crs",
                "EPSG:4549",
                *common,
            ]
        )
        == 0
    )
    assert (
        cli(
            [
                "import",
                str(firms),
                "--title",
                "吴江企业亩均_2024",
                "--source",
                "吴江区工信局，2024 年",
                "--accuracy",
                "transcribed",
                "--frame",
                "gcj02",
                *common,
            ]
        )
        == 0
    )
    # a title of Chinese, Latin and （…） (walk 15: "吴江企业（C / SV）2024" in the English table at 1280)
    csv = (
        "企业名称,用地面积（亩）,实缴税金（万元）,销售收入（万元）,经度,纬度\n"
        "甲纺织,30,600,12000,120.64,30.92\n"
    ).encode()
    firms_csv = ingest.read_upload(csv, "企业.csv", kind="enterprises", frame="wgs84")
    for name, title in (("firms_csv", "企业（CSV）2024"), ("firms_gaode", "企业（高德）2024")):
        ingest.save_import(
            firms_csv, name=name, title=title, source="测试", year=2024, path=store, actor="测试"
        )
    # an objection's evidence, titled by its file (walk 14: "完税证明.p / df" in the English log at 1280)
    audit.record_change(
        "evidence_saved",
        user="单用户模式",
        layer="atlas_eval_evidence",
        title="完税证明.pdf",
        file_name="完税证明.pdf",
        sha256="ab" * 32,
        store=store,
    )
    # a change that counts no rows, with a long detail (walk 13: "None" counts, the log cut at 1280)
    audit.record_change(
        "version_published",
        user="单用户模式",
        layer="atlas_eval_versions",
        title="2024 年度评价结果",
        detail="V1 公示：2026-12-07 至 2026-12-14",
        store=store,
    )
    # walk20 b3: the grid broke 「保存评 / 价版本」, cut 说明 at its edge and an English title unwrapped;
    # a replacement names its layer by the layer's title
    replaced = ingest.list_user_layers(path=store)
    replaced = replaced.loc[replaced["title_zh"] == "企业（CSV）2024", "layer"].iloc[0]
    audit.record_change(
        "replace",
        user="单用户模式",
        layer=replaced,
        title="企业（CSV）2024",
        file_name="吴江亩均企业_2025_v2.csv",
        rows_in=19,
        rows_out=19,
        store=store,
    )
    audit.record_change(
        "version_saved",
        user="单用户模式",
        layer="atlas_eval_versions",
        title="2025 年度评价结果（异议更正，V2）",
        detail="V2 草稿：重新评价 V1，替换 V1；异议 O1 采纳：经核实按不动产证 60.5 亩",
        store=store,
    )
    env = {**os.environ, "ATLAS_GPKG": str(tmp / "atlas.gpkg"), USER_GPKG_ENV: str(store)}
    env.pop("ATLAS_DATABASE_URL", None)
    with serve_app(env, tmp / "streamlit.log") as url:
        yield url, str(store)


def _expected(store: str, lang: str):
    """The two tables as the page builds them: the imported layers with their key columns' widths,
    the change log (a page table)."""
    meta = ingest.list_user_layers(path=store)
    rows = meta["layer"].map(ingest.user_layer_counts(path=store)).fillna(meta["rows_out"]).astype("Int64")
    return stored_table(meta, rows, lang), audit_table(audit.audit_log(store=store), meta, lang)


# The change log's page table: each cell's text, the lines each of its words is drawn on (a word
# broken inside reads on two), whether its text runs past the cell; the box's widths.
LOG_JS = """(e) => {
  const cells = Array.from(e.querySelectorAll('tr')).map(r => Array.from(r.children).map(c => {
    const text = c.textContent, broken = [];
    const words = c.children.length ? Array.from(c.children) : [c.firstChild].filter(n => n);
    for (const word of words) {  // a cell's text, or each word of it drawn whole (a span)
      let at = 0;
      for (const part of word.textContent.split(' ')) {
        const range = document.createRange();
        const node = word.nodeType === 3 ? word : word.firstChild;
        if (node && part) {
          range.setStart(node, at); range.setEnd(node, at + part.length);
          const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
          if (tops.size > 1) broken.push(part);
        }
        at += part.length + 1;
      }
    }
    return {text, broken, over: c.scrollWidth > c.clientWidth + 1};
  }));
  return {cells, inner: e.scrollWidth, client: e.clientWidth, right: e.getBoundingClientRect().right};
}"""


@pytest.mark.parametrize(("lang", "size"), [("zh", (1280, 720)), ("en", (1920, 1080)), ("en", (1280, 720))])
def test_the_key_columns_of_both_tables_are_read_whole(browser, app, lang, size):
    url, store = app
    (table, fitted), log = _expected(store, lang)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    try:
        pg.goto(f"{url}/data" + ("?lang=en" if lang == "en" else ""))
        pg.locator(".atlas-change-log").wait_for(timeout=180_000)
        wait_idle(pg)
        pg.wait_for_timeout(1500)
        grid = pg.locator(TABLE).first  # the imported layers
        grid.scroll_into_view_if_needed()
        got = grid.evaluate(GRID_CELLS_JS)
        keys = list(fitted.widths)
        # the key columns first, in view (the grid keeps the columns drawn in its accessible table)
        assert got["rows"][0][: len(keys)] == keys == list(table.columns[: len(keys)])
        # rows are picked: the row marker takes a column beside the key columns
        assert sum(fitted.widths.values()) + MARKER_PX <= got["width"], (fitted.widths, got["width"])
        edge = (
            FLUSH_EDGE_PX - MARKER_PX
        )  # walk 18 c1: 数据表名 whole, or beyond the edge (a row picked shows it)
        assert table.columns[-1] in fitted.widths or sum(fitted.widths.values()) == edge, fitted
        lines = 1 if fitted.row_px is None else (fitted.row_px - 8) // 20  # 14 px font, 1.25 spacing
        for i, col in enumerate(keys):
            width = fitted.widths[col]
            assert got["measured"][0][i] + 2 * PAD <= width, (col, "header cut")
            for row, sizes in zip(got["rows"][1:], got["measured"][1:], strict=True):
                assert math.ceil(sizes[i] / (width - 2 * PAD)) <= lines, (col, row[i], width)
                # a name holding Latin letters or digits is never cut inside (walk 14: the grid
                # broke "完税证明.p / df" where a file name had no space to break at)
                if " " not in row[i] and not all(unicodedata.east_asian_width(c) == "W" for c in row[i]):
                    assert sizes[i] + 2 * PAD <= width, (col, row[i], width, "name broken")
        # the change log (walk20 b3: the grid broke 「单用户 / 模式」, 「保存评 / 价版本」, cut 说明 at its
        # edge, drew an English title on one line, cut, in rows fitted for three): a page table read
        # whole beside the sidebar, no column beyond it, no word broken but in the free-text detail
        box = pg.locator(".atlas-change-log")
        box.scroll_into_view_if_needed()
        drawn = box.evaluate(LOG_JS)
        shown = on_screen(log, lang, spaced=True)
        assert [c["text"] for c in drawn["cells"][0]] == list(log.columns)
        assert [[c["text"] for c in row] for row in drawn["cells"][1:]] == shown.to_numpy().tolist()
        assert drawn["inner"] <= drawn["client"] and drawn["right"] <= size[0], drawn
        assert "None" not in set(shown.to_numpy().ravel())  # walk 13: "None" counts
        detail = list(log.columns).index(t("audit.detail", lang))
        for row in drawn["cells"][1:]:
            for i, cell in enumerate(row):
                assert not cell["over"], (cell, "cut")
                assert i == detail or not cell["broken"], (log.columns[i], cell)
        # the replacement by its layer's title (walk20: its 标题 read empty)
        action = log[t("audit.action", lang)]
        replaced = shown[action == audit.action_label("replace", lang)]
        assert replaced[t("audit.layer", lang)].tolist() == [on_screen_title("企业（CSV）2024")]
        assert t("data.col.audit_rows", lang) in log.columns and "SHA-256" not in log.columns
        # a row picked shows it whole: the imported layer's table name (walk 13: cut to "user_zon…");
        # a record picked, its table name, hash and detail
        row_px = fitted.row_px or 35
        grid.scroll_into_view_if_needed()
        grid.click(position={"x": 16, "y": 36 + row_px // 2})  # the first row's marker
        record = pg.locator('[data-testid="stTable"]').first
        record.wait_for(timeout=30_000)
        assert table.iloc[0, -1] in record.inner_text()
        wait_idle(pg)
        first = audit.audit_log(store=store).iloc[0]  # newest first
        picker = pg.get_by_test_id("stSelectbox").filter(has_text=t("data.audit_pick", lang))
        picker.scroll_into_view_if_needed()
        pick_option(pg, picker, audit_labels(log, lang)[0])
        record = pg.locator('[data-testid="stTable"]').nth(1)
        record.wait_for(timeout=30_000)
        text = record.inner_text()
        assert all(w in text for w in (first["layer"], first["detail"], "SHA-256")) and "None" not in text
        save_screenshot(pg, f"data_tables_{lang}_{size[0]}")
    finally:
        context.close()


def on_screen_title(title: str) -> str:
    """A title as the change log draws it, spaced before its （…）."""
    return broken_before_brackets(title)


# Two firms whose stated town is not where their point lies: two warnings with long problems.
FLAGGED_CSV = (
    "企业名称,所在区镇,用地面积（亩）,税收（万元）,销售收入（万元）,经度,纬度\n"
    "甲纺织有限公司,吴江高新区（盛泽镇）,30,600,12000,120.645,31.155\n"
    "乙装备有限公司,七都镇,100,2800,2000,120.655,30.915\n"
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_row_report_reads_each_problem_whole(browser, app, tmp_path, lang):
    """Walk 16 item 4: after 读取并校验 the row report cut its problem column at 1280 (the value given
    took the width to its right) and drew an empty row under its rows. The problem comes last, in the
    width the other columns leave, wrapped on the lines its row holds; the table as tall as its rows."""
    url, _ = app
    csv = tmp_path / "企业.csv"
    csv.write_text(FLAGGED_CSV, encoding="utf-8")
    report = ingest.read_upload(csv.read_bytes(), csv.name, kind="enterprises").report
    table, fitted = report_view(report, lang)
    assert len(table) == 2 and list(table.columns)[-1] == t("ingest.report.problem", lang)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    pg = context.new_page()
    try:
        pg.goto(f"{url}/data" + ("?lang=en" if lang == "en" else ""))
        pg.get_by_text(t("data.import", lang), exact=True).first.wait_for(timeout=60_000)
        pg.wait_for_timeout(1000)
        pg.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(csv))
        wgs84 = pg.get_by_text(t("data.frame.wgs84", lang), exact=True)  # the frame is not guessed
        act_until(wgs84.click, pg.get_by_role("button", name=t("data.read", lang)))
        read = pg.get_by_role("button", name=t("data.read", lang))
        act_until(read.click, pg.get_by_text(t("data.report", lang), exact=True))
        if lang == "en":  # walk 18 b2: the grid cut a Latin problem (unwrapped) at 1280; a page table
            box = pg.locator(".atlas-row-report")  # wraps it between words, no cell beyond the table
            box.wait_for(timeout=60_000)
            got = box.evaluate(
                "e => ({rows: Array.from(e.querySelectorAll('tr')).map(r => Array.from(r.children)"
                ".map(c => c.textContent)), width: e.getBoundingClientRect().width, inner: e.scrollWidth,"
                " client: e.clientWidth, right: Math.max(...Array.from(e.querySelectorAll('td'))"
                ".map(c => c.getBoundingClientRect().right)), edge: e.getBoundingClientRect().right})"
            )
            assert got["rows"][0] == list(table.columns)
            assert got["rows"][1:] == table.fillna("").astype(str).to_numpy().tolist()  # every problem whole
            assert got["inner"] <= got["client"] and got["right"] <= got["edge"], got
            assert got["width"] <= 1280 - 300, got  # beside the sidebar, no sideways scroll
            save_screenshot(pg, f"data_row_report_{lang}_1280")
            return
        grid = pg.locator(TABLE).filter(has_text=t("ingest.report.problem", lang)).first
        grid.wait_for(timeout=60_000)
        wait_idle(pg)
        grid.scroll_into_view_if_needed()
        pg.wait_for_timeout(1000)
        got = grid.evaluate(GRID_CELLS_JS)
        assert got["rows"][0] == list(table.columns)  # the problem last: no column beyond it
        assert sum(fitted.widths.values()) <= got["width"], (fitted.widths, got["width"])
        lines = {None: 1, 66: 2, 80: 3}.get(fitted.row_px, 4)
        inner = fitted.widths[table.columns[-1]] - 2 * PAD
        for row, sizes in zip(got["rows"][1:], got["measured"][1:], strict=True):
            assert math.ceil(sizes[-1] / inner) <= lines, (row[-1], inner, lines)
        # as tall as its two rows: no empty row drawn under them (a fixed 220 px did)
        assert abs(grid.bounding_box()["height"] - table_height(len(table), fitted.row_px)) <= 2
        save_screenshot(pg, f"data_row_report_{lang}_1280")
    finally:
        context.close()

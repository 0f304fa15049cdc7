"""The city evaluation page's yearly part (pages/city/yearly.py) in an AppTest session at a small
city (1,500 enterprises): the transitions, warnings, class prices and per-district and per-zone
tables drawn; their CSV/XLSX downloads for every role, with nothing of any enterprise for an
anonymous session; the 公示 list only for 查看企业, naming the scope's enterprises by class."""

from __future__ import annotations

import io
import re
import time

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.elements.widgets.button import ButtonMixin
from streamlit.testing.v1 import AppTest

from data.city_build import BUILD_STEPS, city_gpkg, load_city
from geo.messages import t
from pages.city import building, views
from pages.city import data as city_module
from pages.city.data import build_in_background
from tests.fixtures import APP

N = 1_500
SECRETS = {
    "roles": {"lisi": "查看企业", "wangwu": "查看汇总"},
    "accounts": {"zhangsan": "scrypt$x", "lisi": "scrypt$x", "wangwu": "scrypt$x"},
}
FIRM = re.compile(r"有限公司|\bSZ\d{6}\b")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """The small city built ahead (as ``python -m data.city_build`` does): pages load it at once."""
    folder = tmp_path_factory.mktemp("citycache")
    city_gpkg(n_enterprises=N, directory=folder)
    return folder


@pytest.fixture
def downloads(monkeypatch, tmp_path, cache_dir):
    monkeypatch.setenv("ATLAS_CITY_N", str(N))
    monkeypatch.setenv("ATLAS_CITY_CACHE", str(cache_dir))
    got: list = []
    button = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        got.append((label, kwargs.get("file_name", ""), data))
        return button(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    # AppTest's switch_page runs the page file in Streamlit's legacy pages mode, outside app.py's
    # handler of PageStopped (the served app runs it inside): the city hook ends the page with
    # st.stop there instead, so that any other exception of the page still fails the test.
    monkeypatch.setattr(views, "stop_page", st.stop)
    monkeypatch.setattr(building, "stop_page", st.stop)
    return got


def _session(user: str | None, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.session_state["lang"] = lang
    at.secrets["atlas"] = SECRETS
    if user:
        at.session_state["_atlas_account"] = user
    at.session_state["_atlas_data_kept"] = "city"
    at.run()
    at.switch_page("pages/efficiency.py").run()
    assert not at.exception, at.exception
    return at


def _bytes(data) -> bytes:
    body = data() if callable(data) else data
    return body.encode() if isinstance(body, str) else bytes(body)


def _frame(got, stem: str) -> pd.DataFrame:
    (data,) = [d for _, name, d in got if name.endswith(f"_{stem}.csv")]
    return pd.read_csv(io.BytesIO(_bytes(data)), encoding="utf-8-sig")


def test_an_anonymous_session_gets_the_yearly_tables_and_no_enterprise(downloads):
    at = _session(None)
    heads = [h.value for h in at.subheader]
    assert t("city.cycle.transitions", "zh").format(prev=2021, year=2022) in heads
    assert t("city.cycle.dev_zones", "zh") in heads
    names = [name for _, name, _ in downloads]
    assert sum(n.endswith(".csv") for n in names) == 5 and any(n.endswith("苏州市_2022.xlsx") for n in names)
    assert not any(t("city.cycle.notice", "zh")[:4] in n for n in names)  # no 公示 list
    for _, name, data in downloads:
        assert not FIRM.search(_bytes(data).decode("utf-8", "replace")), name
    # the district CSV: counts by the build's own district column
    ents = load_city("city_enterprise_years", year=2022, n_enterprises=N)
    table = _frame(downloads, "districts").set_index(t("city.col.district", "zh"))
    for district, n in ents.groupby("district").size().items():
        assert int(table.loc[district, t("city.col.n", "zh")]) == int(n)
    moves = _frame(downloads, "transitions").set_index(t("city.col.from", "zh"))
    assert int(moves.loc["合计", "合计"]) >= N
    # the Chinese file says 新进入/退出 where the screen's legend explains NEW/GONE
    assert "新进入" in moves.index and "退出" in moves.columns and "NEW" not in moves.index


def test_a_firm_viewer_gets_the_notice_list_of_the_scope(downloads):
    _session("lisi")
    (data,) = [d for label, _, d in downloads if label == t("city.cycle.notice", "zh")]
    book = openpyxl.load_workbook(io.BytesIO(_bytes(data)), read_only=True)
    assert "公示" in book.sheetnames
    text = "\n".join(str(c) for row in book["公示"].iter_rows(values_only=True) for c in row if c)
    assert "苏州市" in text and "有限公司" in text
    ents = load_city("city_enterprise_years", year=2022, n_enterprises=N)
    listed = {c for row in book["公示"].iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert set(ents["name"]) <= listed  # every enterprise of the scope is listed
    ids = {c for row in book["公示"].iter_rows(values_only=True) for c in row if FIRM.fullmatch(str(c))}
    assert len(ids) == N  # by its 统一 ID, each once


def test_the_english_page_offers_the_notice_as_published_and_an_english_edition(downloads):
    at = _session("lisi", "en")
    cjk = re.compile(r"[\u4e00-\u9fff]")
    tables = [d.value for d in at.dataframe]
    headers = [str(c) for table in tables for c in table.columns]
    assert headers and not [h for h in headers if cjk.search(h) or re.fullmatch(r"n_[A-DT]", h)], headers
    by_district = next(table for table in tables if "District" in table.columns)
    assert "Wujiang District" in set(by_district["District"]), set(by_district["District"])
    notes = [c.value for c in at.caption if "not computed" in c.value or "未计算" in c.value]
    assert notes and all("no rate in the configuration, not computed" in n for n in notes), notes
    made = {label: (name, d) for label, name, d in downloads}
    zh_name, zh_data = made["Notice list (XLSX, Chinese, as published)"]
    en_name, en_data = made["Notice list (XLSX, English edition)"]
    assert zh_name.endswith("_public_notice_zh.xlsx") and en_name.endswith("_public_notice_en.xlsx")
    zh = openpyxl.load_workbook(io.BytesIO(_bytes(zh_data)), read_only=True)
    en = openpyxl.load_workbook(io.BytesIO(_bytes(en_data)), read_only=True)
    assert zh.sheetnames[0] == "公示" and en.sheetnames[0] == "Notice"
    en_text = [str(c) for row in en["Notice"].iter_rows(max_row=6, values_only=True) for c in row if c]
    assert any("Suzhou" in c for c in en_text) and not any("苏州市" in c for c in en_text), en_text
    # the same rows in both: each enterprise by its ID
    zh_ids = sorted(
        c for row in zh["公示"].iter_rows(values_only=True) for c in row if FIRM.fullmatch(str(c))
    )
    en_ids = sorted(
        c for row in en["Notice"].iter_rows(values_only=True) for c in row if FIRM.fullmatch(str(c))
    )
    assert zh_ids == en_ids and len(en_ids) == N
    # the tables' CSVs rounded as on screen: no float written with more decimals than its measure's
    (csv,) = [d for _, name, d in downloads if name.endswith("_districts.csv")]
    body = _bytes(csv).decode("utf-8-sig")
    assert re.search(r"\.\d", body) and not re.search(r"\.\d{3,}", body), body[:400]


def test_the_english_page_names_scopes_notes_and_files_in_english(downloads):
    at = _session(None, "en")
    cjk = re.compile(r"[\u4e00-\u9fff]")
    scope = at.selectbox(key="city_scope")
    assert scope.options[:2] == ["Suzhou (苏州市)", "Changshu City (常熟市)"]
    data = at.selectbox(key="atlas_data")
    assert data.options == ["Wujiang (16,766, synthetic)", "Suzhou (1,500, synthetic)"]  # fits the sidebar
    assert "1,500 synthetic enterprises" in data.help
    notes = [c.value for c in at.caption if "not computed" in c.value]
    assert len(notes) == 2 and not any(cjk.search(n) for n in notes), notes
    table = next(d for d in at.dataframe if "Warning" in d.value.columns)
    assert table.proto.placeholder == "—"  # the count that cannot be judged shows "—", never "None"
    warnings = table.value.set_index("Warning")
    falling = warnings.loc["tax per mu fell two years running"]
    assert pd.isna(falling["Enterprises"]) and falling["Note"].startswith("needs 3 years of data (2020–2022)")
    made = {name: d for _, name, d in downloads}
    book = openpyxl.load_workbook(io.BytesIO(_bytes(made["suzhou_city_evaluation_Suzhou_2022.xlsx"])))
    about = dict(book["About"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert about["Title"] == (
        "Per-mu evaluation · Suzhou city (synthetic): Suzhou, 2022. "
        "Evaluated over: Suzhou city (city-wide benchmarks)"
    )
    lines = _bytes(made["suzhou_city_evaluation_Suzhou_2022_districts.csv"]).decode("utf-8-sig").splitlines()
    assert "Sales per mu (10k yuan/mu)" in lines[0].split(",")
    head = lines[0].split(",")
    for line in lines[1:]:  # land, tax and class-D land with two decimals as on screen (70566.00)
        row = dict(zip(head, line.split(","), strict=True))
        for col in ("Land (mu)", "Tax (10k yuan)", "Class D land (mu)"):
            assert re.fullmatch(r"\d+\.\d\d", row[col]), (col, row[col])


def test_the_first_use_builds_on_the_server_and_the_page_follows_it(downloads, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_CITY_N", "300")  # a data set no other test has loaded
    monkeypatch.setenv("ATLAS_CITY_CACHE", str(tmp_path / "fresh"))
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.session_state["_atlas_data_kept"] = "city"
    at.run()  # 总览 on the city: its first use starts the build, and the page says so and ends there
    assert not at.exception, at.exception
    (status,) = list(at.status)
    assert status.label == t("city.build.label", "zh").format(n=300, minutes=1) and status.state == "running"
    assert t("city.eff.header", "zh") not in [h.value for h in at.title]
    assert [b.label for b in at.button] == [t("city.build.leave", "zh")]  # back to Wujiang meanwhile
    # the page's run has ended; the build goes on in the server's own thread, the one this session follows
    build = build_in_background(n_enterprises=300)
    deadline = time.monotonic() + 300
    while build.finished is None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert build.failure is None and build.steps == list(BUILD_STEPS)  # each step once, in order
    assert (tmp_path / "fresh" / "city-300-20221231-v1.gpkg").exists()
    at.run()  # what the status box's next look does: the whole page, with the city
    assert not at.exception, at.exception
    (status,) = list(at.status)
    assert status.label.startswith("全市示例已生成（用时 ") and status.state == "complete"
    at.switch_page("pages/efficiency.py").run()  # built and loaded: no status box
    assert not at.exception and not list(at.status)
    assert t("city.eff.header", "zh") in [h.value for h in at.title]


def test_a_session_goes_back_to_wujiang_while_the_city_builds(downloads, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_CITY_N", "302")
    monkeypatch.setenv("ATLAS_CITY_CACHE", str(tmp_path / "fresh"))
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.session_state["_atlas_data_kept"] = "city"
    at.run()
    at.button(key="city_build_leave").click().run()
    assert not at.exception, at.exception
    assert not list(at.status)  # the Wujiang overview, drawn at once
    assert at.session_state["_atlas_data_kept"] == "wujiang"
    build = build_in_background(n_enterprises=302)  # the build went on without the session
    deadline = time.monotonic() + 300
    while build.finished is None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert build.failure is None and (tmp_path / "fresh" / "city-302-20221231-v1.gpkg").exists()


def test_a_failed_build_says_why_in_chinese_and_a_reload_tries_again(downloads, monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_CITY_N", "301")
    monkeypatch.setenv("ATLAS_CITY_CACHE", str(tmp_path / "fresh"))

    def full_disk(**_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(city_module, "_load", lambda n, seed, on_step: full_disk())
    build = build_in_background(n_enterprises=301)
    deadline = time.monotonic() + 60
    while build.finished is None and time.monotonic() < deadline:
        time.sleep(0.1)
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.session_state["_atlas_data_kept"] = "city"
    at.run()
    assert not at.exception, at.exception
    shown = " ".join(e.value for e in at.error)
    assert "全市示例未能生成：OSError: [Errno 28] No space left on device。刷新页面即可重试" in shown
    assert build_in_background(n_enterprises=301) is not build  # the next asking starts it again


def _mix_row(at: AppTest, district: str) -> dict[str, int]:
    pct = t("city.col.pct", "zh").format(c="A")
    (mix,) = [d.value for d in at.dataframe if pct in d.value.columns]
    row = mix.set_index(t("city.col.district", "zh")).loc[district]
    return {c: int(row[c]) for c in "ABCDT"}


def test_a_district_is_the_citys_evaluation_unless_its_own_is_chosen(downloads):
    """walk9: scope 吴江区 re-scored Wujiang alone (A 1,848 → 2,008 at 120,000) under the title "Suzhou
    city", nothing saying the benchmarks were Wujiang's. By default a district shows the city's
    classes of its enterprises; its own evaluation is a choice, and the title, the line under it
    and the files say which."""
    from geo.city import evaluate_scope
    from geo.evaluation import classes_with_t

    at = _session("lisi")
    city_row = _mix_row(at, "吴江区")
    assert at.caption[0].value == "评价范围：苏州市（基准值全市统一）"
    at.selectbox(key="city_scope").set_value("吴江区").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "亩均效益评价 · 吴江区（全市评价，合成）"
    assert at.caption[0].value == "评价范围：苏州市（基准值全市统一）· 显示：吴江区"
    assert _mix_row(at, "吴江区") == city_row  # the same A/B/C/D/T as the city's list
    assert at.radio(key="city_basis").value is False
    made = {name: d for _, name, d in downloads}
    book = openpyxl.load_workbook(io.BytesIO(_bytes(made["苏州全市评价_吴江区_2022.xlsx"])))
    about = dict(book["说明"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert about["标题"].endswith("评价范围：苏州市（基准值全市统一）· 显示：吴江区"), about
    # the district's own evaluation, chosen: its classes, and every place says so
    at.radio(key="city_basis").set_value(True).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "亩均效益评价 · 吴江区（本区评价，合成）"
    assert at.caption[0].value == "评价范围：吴江区（基准值按本区计算）"
    ents = load_city("city_enterprise_years", year=2022, n_enterprises=N)
    alone = classes_with_t(evaluate_scope(ents, scope="吴江区", year=2022).enterprises).value_counts()
    assert _mix_row(at, "吴江区") == {c: int(alone.get(c, 0)) for c in "ABCDT"}
    assert _mix_row(at, "吴江区") != city_row  # (at 1,500 as at 120,000 the two differ)
    names = [name for _, name, _ in downloads]
    assert "苏州全市评价_吴江区_2022_本区评价.xlsx" in names
    assert "苏州全市评价_吴江区_2022_本区评价_公示.xlsx" in names
    (notice,) = [d for _, name, d in downloads if name == "苏州全市评价_吴江区_2022_本区评价_公示.xlsx"]
    sheet = openpyxl.load_workbook(io.BytesIO(_bytes(notice)), read_only=True)["公示"]
    head = [str(c) for row in sheet.iter_rows(max_row=6, values_only=True) for c in row if c]
    assert any("评价范围：吴江区（基准值按本区计算）" in c for c in head), head


def test_the_groups_table_holds_land_and_tax_as_their_format_shows_them(downloads):
    """By industry × district × size: 用地（亩） and 税收（万元） to two decimals (a sum to the cent,
    never a whole number shown as 1,335.00), the mean score to two as scores are shown."""
    at = _session(None)
    table = next(d for d in at.dataframe if "行业" in d.value.columns and "用地（亩）" in d.value.columns)
    frame = table.value
    for col in ("用地（亩）", "税收（万元）", "平均得分"):
        values = frame[col].dropna()
        assert pd.api.types.is_float_dtype(values), col
        assert (values != values.round(0)).any(), col  # not rounded to whole numbers
        assert (values == values.round(2)).all(), col
    assert (frame["平均得分"] != frame["平均得分"].round(1)).any()  # two decimals, not one

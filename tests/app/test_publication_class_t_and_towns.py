"""The 公示与异议 page for a new reader (issue 23 walk): class T is said in words wherever the page and
its results workbook list it, and a firm of an import that lies outside every evaluated zone shows
the 区镇 it states (填报区镇) or "—", never a blank 区域 cell, on screen and in the workbook."""

from __future__ import annotations

import io

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import box

from geo import ingest
from geo.evaluation.named import save_named_config
from geo.messages import message
from tests.fixtures.app import open_page, record_downloads
from tests.fixtures.publication import X0, Y0, enterprises, rules

PAGE = "pages/publication.py"


@pytest.fixture
def user_store(user_gpkg):
    return str(user_gpkg)


def _imported_year_partly_outside(store: str) -> None:
    """The hand-worked year (E1–E6 at x = X0 + 100·i) with its zone around E1–E3 only: E4 states
    盛泽镇, E5 states nothing, E6 (T, not scored) states 北区."""
    ents = enterprises()
    ents["town"] = ["北区", "北区", "北区", "盛泽镇", None, "北区"]
    ents = ents.to_crs(4326)
    result = ingest.read_upload(ents.to_json().encode("utf-8"), "ents.geojson", kind="enterprises")
    ingest.save_import(
        result, name="ents", title="企业 2024", source="测试", path=store, actor="张三", year=2024
    )
    zone = gpd.GeoDataFrame(
        {"name": ["北区"]}, geometry=[box(X0 - 50, Y0, X0 + 250, Y0 + 100)], crs="EPSG:4549"
    ).to_crs(4326)
    result = ingest.read_upload(zone.to_json().encode("utf-8"), "zone.geojson", kind="zones")
    ingest.save_import(result, name="zone", title="北区", source="测试", path=store, actor="张三")
    save_named_config("手算规则", rules(), actor="张三", store=store)


def _saved_page(store: str, monkeypatch, lang: str = "zh"):
    """The page with V1 saved from the import and shown; the download buttons' data by label."""
    buttons = record_downloads(monkeypatch)
    _imported_year_partly_outside(store)
    at = open_page(PAGE, timeout=120)
    at.selectbox(key="pub_save_ents").set_value("user_ents").run()
    at.selectbox(key="pub_save_zones").set_value("user_zone")
    at.selectbox(key="pub_save_config").set_value("named:手算规则")
    next(b for b in at.button if b.key == "pub_save_button").click().run()
    at.run()
    assert not at.exception, at.exception
    if lang == "en":
        at.session_state["lang"] = "en"
        at.run()
        assert not at.exception, at.exception
    return at, buttons


def _results(at):
    """The 逐企业结果 table (the one with the enterprise ids)."""
    return next(d.value for d in at.dataframe if "E1" in d.value.astype(str).to_numpy())


def _sheet_rows(data) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data()), read_only=True)
    return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]


def test_class_t_is_said_in_words_on_the_page_and_in_the_workbook(user_store, monkeypatch):
    at, buttons = _saved_page(user_store, monkeypatch)
    legend = message("publication.class_t", "zh")
    captions = [c.value for c in at.caption]
    # once (walk20 c8: under the class counts and again under the rows): under the rows, which
    # list E6 as T, with where its reason is
    assert sum(legend in c for c in captions) == 1, captions
    assert any(legend in c and "每家的原因见「状态」列" in c for c in captions)
    counts = next(d.value for d in at.dataframe if "含义" in d.value.columns)
    assert dict(zip(counts["类别"], counts["含义"], strict=True))["T"] == "不参评"
    rows = _sheet_rows(buttons.raw("下载结果（XLSX）"))
    assert any(r[0] and legend in str(r[0]) for r in rows[:4]), rows[:4]
    book = openpyxl.load_workbook(io.BytesIO(buttons.raw("下载结果（XLSX）")()), read_only=True)
    below = [
        ws
        for ws in book.worksheets[1:]
        if any("规下" in str(r[0]) for r in ws.iter_rows(max_row=1, values_only=True))
    ]
    assert below and any(legend in str(r[0]) for r in below[0].iter_rows(max_row=3, values_only=True))


def test_class_t_in_english(user_store, monkeypatch):
    at, buttons = _saved_page(user_store, monkeypatch, lang="en")
    legend = message("publication.class_t", "en")
    captions = [c.value for c in at.caption]
    assert sum(legend in c for c in captions) == 1, captions  # under the rows only (walk20 c8)
    assert not any("不参评" in c for c in captions)
    counts = next(d.value for d in at.dataframe if "Meaning" in d.value.columns)
    assert dict(zip(counts["Class"], counts["Meaning"], strict=True))["T"] == "Not scored"
    rows = _sheet_rows(buttons.raw("Download the results (XLSX)"))
    assert any(r[0] and legend in str(r[0]) for r in rows[:4]), rows[:4]


def test_firms_outside_every_zone_show_their_stated_town_or_a_dash(user_store, monkeypatch):
    at, buttons = _saved_page(user_store, monkeypatch)
    table = _results(at).set_index("企业编号")
    assert "填报区镇" in table.columns
    assert table.loc["E1", "区域"] == "北区" and table.loc["E4", "区域"] == "—"
    assert table.loc["E4", "填报区镇"] == "盛泽镇"
    assert table.loc["E5", "填报区镇"] == "—" and table.loc["E5", "区域"] == "—"
    rows = _sheet_rows(buttons.raw("下载结果（XLSX）"))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "企业编号")
    book = {r[0]: dict(zip(rows[header], r, strict=True)) for r in rows[header + 1 :]}
    assert book["E4"]["填报区镇"] == "盛泽镇" and book["E4"]["区域"] == "—"
    assert book["E5"]["区域"] == "—"


def test_firms_outside_every_zone_in_english(user_store, monkeypatch):
    at, _ = _saved_page(user_store, monkeypatch, lang="en")
    table = _results(at).set_index("Enterprise ID")
    assert table.loc["E4", "Stated town"] == "Shengze Town" and table.loc["E4", "Zone"] == "—"


def test_the_workbook_has_the_screens_columns_in_the_screens_order(user_store, monkeypatch):
    """The results workbook lists the columns as the page does (class, score and rank beside the
    name), and an evaluation has no 宗地 column blank from top to bottom (a land list's parcels)."""
    at, buttons = _saved_page(user_store, monkeypatch)
    shown = list(_results(at).columns)
    assert shown[:5] == ["企业编号", "企业名称", "类别", "得分", "排名"] and "宗地" not in shown
    rows = _sheet_rows(buttons.raw("下载结果（XLSX）"))
    header = next(r for r in rows if r and r[0] == "企业编号")
    assert [c for c in header if c is not None] == shown


def test_the_english_workbooks_title_the_version_in_english(user_store, monkeypatch):
    """The proposed title (saved as 2024 年度评价结果) heads the English workbooks as the English page
    shows it, not in Chinese."""
    at, buttons = _saved_page(user_store, monkeypatch, lang="en")
    assert not any("年度" in str(m.value) for m in [*at.markdown, *at.text])  # as the page says it
    for label in ("Download the results (XLSX)", "Download the objection register (XLSX)"):
        title = _sheet_rows(buttons.raw(label))[0][0]
        # the version's title in English, said once (walk 15: the title repeated itself)
        assert " · Evaluation 2024" in title and "年度" not in title, title
        assert title.count("Evaluation 2024") == 1 and title.count("V1") == 1, title


def test_a_land_list_in_english_says_where_its_land_comes_from_in_english(user_store):
    """A land list's rows: the 区镇 each states headed as stated, its land to two decimals (as the
    objection form and the register), where the land comes from in English, not 填报."""
    _imported_year_partly_outside(user_store)
    at = open_page(PAGE, timeout=120)
    at.radio(key="pub_save_kind").set_value("land").run()
    at.selectbox(key="pub_save_ents").set_value("user_ents").run()
    next(b for b in at.button if b.key == "pub_save_button").click().run()
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    table = _results(at).set_index("Enterprise ID")
    assert table.loc["E4", "Stated town"] == "Shengze Town" and table.loc["E5", "Stated town"] == "—"
    assert table.loc["E1", "Land (mu)"] == "10.00" and table.loc["E6", "Land (mu)"] == "2.00"
    assert set(table["Land from"]) == {"as reported"}
    assert "Status" not in table.columns


def _title_input(at):
    return next(i for i in at.text_input if i.key.startswith("pub_save_title_"))


def test_the_proposed_title_follows_the_pages_language_and_a_typed_one_stays(user_store):
    """The save form's proposed title is in the page's language, also after switching (it stayed
    "2022 年度评价结果" on the English page); a title the user typed is kept as typed."""
    at = open_page(PAGE, timeout=120)
    year = at.selectbox(key="pub_save_year").value
    assert _title_input(at).value == f"{year} 年度评价结果"
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert _title_input(at).value == f"Evaluation {year}"
    _title_input(at).set_value("吴江区 2022 年度亩均评价").run()
    at.session_state["lang"] = "zh"
    at.run()
    assert _title_input(at).value == "吴江区 2022 年度亩均评价"

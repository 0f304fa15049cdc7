"""The 亩均 page's files in English, read back as a user opens them (openpyxl, GDAL via pyogrio): the
ranking workbook and the notice's English edition, and the map export (the Export expander): every
word in English, the class said once, the warnings' reasons in English, and the GeoJSON one file per
layer, each enterprise once, headed as the CSV."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pyogrio
import pytest

from tests.fixtures.app import MadeOnRead, open_page

CJK = re.compile(r"[\u4e00-\u9fff（）；]")


@pytest.fixture(scope="module")
def english_exports():
    """The page's downloads on the English page: button key -> (file name, bytes), made on read."""
    from streamlit.delta_generator import DeltaGenerator

    seen: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        if str(kwargs.get("key", "")).startswith(("eff_export_", "eff_xlsx", "eff_notice")):
            seen[kwargs["key"]] = (file_name, data)
        return original(self, label, data, file_name, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(DeltaGenerator, "download_button", recording)
    try:
        open_page("pages/efficiency.py", timeout=180, lang="en")
    finally:
        mp.undo()
    return MadeOnRead(seen)  # the tested files only (the Chinese notice, the PNGs... are not read)


@pytest.fixture(scope="module")
def english_books(english_exports):
    """The page's English workbooks by button key, each read once for the module (the tests only
    read them; a 17,000-row workbook takes seconds to open)."""
    books: dict[str, openpyxl.Workbook] = {}

    def book(key: str) -> openpyxl.Workbook:
        if key not in books:
            books[key] = openpyxl.load_workbook(io.BytesIO(english_exports[key][1]))
        return books[key]

    return book


def _sheet(book: openpyxl.Workbook, start: str) -> list[dict]:
    ws = next(ws for ws in book if ws.title.startswith(start))
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_english_map_xlsx_says_size_shortfalls_and_why_in_english_and_the_class_once(english_books):
    book = english_books("eff_export_xlsx")
    classes = _sheet(book, "Enterprise efficiency class")
    header = list(classes[0])
    assert "Enterprise class" not in header and header.count("Class") == 1, header
    assert {r["Class"][:1] for r in classes} <= set("ABCD")
    assert {r["Size"] for r in classes} <= {"Above designated size", "Below designated size"}
    shortfalls = [r["Main shortfalls"] for r in classes if r["Main shortfalls"]]
    assert shortfalls and not any(CJK.search(s) for s in shortfalls), shortfalls[:3]
    assert any("Tax per mu" in s for s in shortfalls)
    warned = _sheet(book, "Enterprises with warnings")
    assert warned
    assert not any(CJK.search(str(r["Why"])) for r in warned), [r["Why"] for r in warned[:3]]
    assert not any("；" in str(r["Warning"]) for r in warned)
    assert any(str(r["Why"]).startswith("rank ") for r in warned)
    # a firm with two warnings has them joined the English way
    assert any("; " in str(r["Warning"]) for r in warned) or all(";" not in str(r["Why"]) for r in warned)


def test_the_english_map_geojson_is_one_file_per_layer_each_firm_once_headed_in_english(
    english_exports, english_books, tmp_path
):
    name, data = english_exports["eff_export_geojson"]
    assert name.endswith("_geojson.zip")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    assert len(files) == 3, sorted(files)  # the 区镇, the classes, the warnings: one layer each
    infos, frames = {}, {}
    for n, raw in files.items():
        path = tmp_path / n
        path.write_bytes(raw)
        infos[n] = pyogrio.read_info(path)
        frames[n] = pyogrio.read_dataframe(path)
    (classes,) = [n for n in files if "classes" in n]
    (warned,) = [n for n in files if "warnings" in n]
    xlsx = english_books("eff_export_xlsx")
    # as many features as the XLSX sheet has rows: each enterprise once, no half-empty columns
    assert infos[classes]["features"] == len(_sheet(xlsx, "Enterprise efficiency class"))
    assert infos[warned]["features"] == len(_sheet(xlsx, "Enterprises with warnings"))
    assert frames[classes]["Enterprise ID"].is_unique
    for n, frame in frames.items():
        fields = [c for c in frame.columns if c != "geometry"]
        assert not any(CJK.search(c) for c in fields), (n, fields)
        assert not {"ent_id", "size_class", "tax_per_mu_wan_yuan", "eval_class"} & set(fields), (n, fields)
        assert frame.drop(columns="geometry").notna().any().all(), (n, fields)
        assert not any(CJK.search(str(v)) for v in frame["Data source"].unique()), frame[
            "Data source"
        ].unique()
        # the provenance headed as the CSV's, the accuracy in words, the date under the XLSX's word
        assert {"Layer", "Data accuracy", "Exported"} <= set(fields), fields
    assert set(frames[classes]["Size"]) <= {"Above designated size", "Below designated size"}


def test_the_english_map_files_head_score_and_shortfalls_as_the_ranking_on_screen(english_books):
    """walk8: the map's files said "Score" and "Indicators that pulled it down" where the page's
    ranking says "Score (points)" and "Main shortfalls": one label each, the table's."""
    classes = _sheet(english_books("eff_export_xlsx"), "Enterprise efficiency")
    ranking = _sheet(english_books("eff_xlsx"), "Ranking")
    shared = {"Name", "Town/park", "Industry", "Size", "Class", "Score (points)", "Main shortfalls"}
    assert shared <= set(classes[0]) and shared <= set(ranking[0]), (list(classes[0]), list(ranking[0]))
    assert not {"Score", "Indicators that pulled it down", "Enterprise"} & set(classes[0])


def test_the_english_ranking_workbook_names_towns_industries_and_exclusions_in_english(english_books):
    """The walk's "Download ranking (Excel)": the Changes sheet's Town/park and Industry were Chinese
    on every row, the Method named 电力、热力生产和供应业…, the About title used full-width （）."""
    book = english_books("eff_xlsx")
    changes = _sheet(book, "Changes")
    assert len(changes) > 100
    for col in ("Town/park", "Industry"):
        values = {r[col] for r in changes if r[col]}
        assert values and not any(CJK.search(v) for v in values), (col, sorted(values)[:3])
    assert "Wujiang Hi-tech Zone (Shengze Town)" in {r["Town/park"] for r in changes}
    params = {r["Item"]: r["Value"] for r in _sheet(book, "Parameters")}
    method = params["Method"]
    assert "Production and supply of electric power and heat" in method and not CJK.search(method), method
    about = {r["Item"]: r["Value"] for r in _sheet(book, "About")}
    assert about["Title"].startswith("Per-mu efficiency evaluation 2022 (Towns/parks: ")
    assert about["Title"].endswith(")") and not CJK.search(about["Title"]), about["Title"]


def test_the_notices_english_edition_names_the_excluded_industries_in_english(english_exports):
    _, data = english_exports["eff_notice_en"]
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v]
    method = [v for v in texts if "excluded industries" in v]
    assert method and all("Production and supply of water" in v for v in method), method
    assert not any("供应业" in v for v in texts)

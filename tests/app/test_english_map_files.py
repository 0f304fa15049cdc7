"""The map views' CSV and XLSX on the English pages (总览, 吴江产业布局), read back as a user opens
them: every word in English. Only proper names the data hold in Chinese alone (a firm's name, beside
its Enterprise ID) and the units' note ("10k yuan (万元, CNY 10,000 …)") keep Chinese characters; no
raw field name is a header (left from issue 23: the towns sheet's "Short name" was 开发区, 盛泽…, the
built-in layers' licence "本项目", the cluster sheet carried the data's "role" beside its "Role")."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from geo.messages import message
from tests.fixtures.app import open_page

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# the towns' short names (geo/place_names.py TOWNS_EN), in the towns layer's order
SHORT_EN = [
    "Development Zone",
    "Fenhu",
    "Shengze",
    "East Taihu Lake",
    "Qidu",
    "Zhenze",
    "Taoyuan",
    "Pingwang",
]


def _downloads(page: str) -> dict[str, tuple[str, bytes]]:
    """The page's map downloads (CSV, XLSX) on the English page: key -> (file name, bytes)."""
    from streamlit.delta_generator import DeltaGenerator

    seen: dict[str, tuple[str, object]] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        if str(file_name or "").endswith((".csv", ".xlsx")):
            seen[str(kwargs.get("key", label))] = (file_name, data)
        return original(self, label, data, file_name, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(DeltaGenerator, "download_button", recording)
    try:
        open_page(page, timeout=180, lang="en")
    finally:
        mp.undo()
    return {k: (name, data() if callable(data) else data) for k, (name, data) in seen.items()}


@pytest.fixture(scope="module")
def files():
    return {**_downloads("pages/overview.py"), **_downloads("pages/wujiang.py")}


def _tables(name: str, data: bytes) -> dict[str, list[dict]]:
    """Each sheet (a CSV: one) as rows keyed by header."""
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        return {name: [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]}
    book = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in book:
        rows = list(ws.iter_rows(values_only=True))
        out[ws.title] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return out


def _chinese_left(tables: dict[str, list[dict]]) -> list[tuple]:
    """(sheet, header, value) of every Chinese word outside the proper-name columns."""
    units = message("exports.about.units", "en")
    left = []
    for sheet, rows in tables.items():
        for row in rows:
            for header, value in row.items():
                if header == "Name" and row.get("Enterprise ID"):  # a firm's name, beside its id
                    continue
                if row.get("Item") == units and header == "Value":  # 万元 explained in English
                    continue
                if CJK.search(str(header)) or CJK.search(str(value or "")):
                    left.append((sheet, header, value))
    return left


def test_the_map_files_of_the_english_pages_are_in_english(files):
    assert len(files) >= 4, sorted(files)  # each page's CSV and XLSX
    for key, (name, data) in files.items():
        tables = _tables(name, data)
        assert not _chinese_left(tables), (key, _chinese_left(tables)[:5])
        for sheet, rows in tables.items():
            headers = list(rows[0]) if rows else []
            assert not [h for h in headers if re.fullmatch(r"[a-z_]+", str(h))], (key, sheet, headers)


def test_the_towns_short_names_and_the_licence_are_in_english(files):
    _, data = files["overview_export_xlsx"]
    tables = _tables("x.xlsx", data)
    towns = next(rows for sheet, rows in tables.items() if sheet.startswith("Wujiang towns"))
    assert [r["Short name"] for r in towns] == SHORT_EN
    about = {r["Item"]: r["Value"] for r in tables["About"]}
    assert about["Wujiang towns/zones (schematic)"].endswith(" · this project")
    _, csv_data = files["overview_export_csv"]
    rows = _tables("x.csv", csv_data)["x.csv"]
    assert [r["Short name"] for r in rows if r["Short name"]] == SHORT_EN

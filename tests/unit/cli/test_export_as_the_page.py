"""``geo.cli export`` writes the files the data page's 导出 downloads for the same layers (walk 11):
in ``--lang``, their titles, headers and yes/no in words; the PNG in the page's colours; the GeoJSON
as GDAL (QGIS) reads it — each file's layer named by what it holds, a column without values left out
rather than read as String, 是否规上 one type in the page's file and the command line's."""

from __future__ import annotations

import io
import json
import zipfile

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely

from geo import ingest
from geo.cli import io as cli_io
from geo.cli import main
from tests.fixtures.upload import gaode_firms_excel

SOURCE = "区工信局 2024 年报"


def park_file() -> bytes:
    """Two park polygons named under 园区名称."""
    frame = gpd.GeoDataFrame(
        {"园区名称": ["盛泽镇新材料产业园", "七都镇"]},
        geometry=[shapely.box(120.60, 30.88, 120.65, 30.92), shapely.box(120.40, 30.94, 120.46, 31.00)],
        crs="EPSG:4326",
    )
    return frame.to_json().encode()


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    firms = ingest.read_upload(gaode_firms_excel(), "企业名单.xlsx", kind="enterprises", frame="gcj02")
    ingest.save_import(
        firms, name="firms", title="盛泽七都企业", source=SOURCE, accuracy="transcribed", path=path
    )
    parks = ingest.read_upload(park_file(), "园区.geojson", kind="zones")
    ingest.save_import(parks, name="parks", title="盛泽七都园区", source=SOURCE, accuracy="real", path=path)
    return path


def _page_items(store, names: list[str]):
    """The layers as the data page's export section makes them (pages/data/export.py)."""
    from layers import REGISTRY
    from layers.user_layers import user_map_layer
    from pages.common.stored import map_layer

    meta = ingest.list_user_layers(path=store).set_index("layer")
    items = []
    for i, name in enumerate(names):
        if name in meta.index:
            row = meta.loc[name].copy()
            row["layer"] = name
            items.append(user_map_layer(row, ingest.load_user_layer(name, path=store), index=i))
        else:
            assert name in REGISTRY
            items.append(map_layer(name))
    return items


def _sheets(data: bytes) -> dict[str, list]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cli_xlsx_and_csv_are_the_data_pages(store, tmp_path, lang):
    """It wrote ent_id, land_mu, tax_wan_yuan and above_scale False/True under --lang en."""
    from layers.offline_html import map_downloads

    names = ["user_firms", "user_parks"]
    xlsx, csv = tmp_path / "x.xlsx", tmp_path / "x.csv"
    assert main(["--lang", lang, "export", *names, "--out", str(xlsx)]) == 0
    assert main(["--lang", lang, "export", *names, "--out", str(csv)]) == 0
    page = map_downloads("x", _page_items(store, names), lang=lang)
    cli_sheets, page_sheets = _sheets(xlsx.read_bytes()), _sheets(page["xlsx"].data())
    firms = "盛泽七都企业"
    assert cli_sheets[firms][0] == page_sheets[firms][0]  # the page's headers
    assert cli_sheets[firms][1:] == page_sheets[firms][1:]  # and values: yes/no in words
    head = cli_sheets[firms][0]
    size = head.index("Above designated size" if lang == "en" else "是否规上")
    assert [r[size] for r in cli_sheets[firms][1:]] == (
        ["Yes", "No", "Yes"] if lang == "en" else ["是", "否", "是"]
    )
    assert not {"ent_id", "land_mu", "tax_wan_yuan", "above_scale"} & set(head)
    parks = "盛泽七都园区"
    assert cli_sheets[parks] == page_sheets[parks]  # 分区编号, 名称 (English place names in English) …
    cli_csv = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    page_csv = pd.read_csv(
        io.BytesIO(page["csv"].data()), dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    assert list(cli_csv.columns) == list(page_csv.columns)
    assert cli_csv.equals(page_csv), cli_csv.compare(page_csv) if cli_csv.shape == page_csv.shape else None


def test_the_cli_png_in_english_has_english_titles_and_the_pages_colours(store, tmp_path, monkeypatch):
    """The PNG's title and the built-in layer read 县级行政区 (real) under --lang en, and the districts
    were drawn with a green fill (grey, nearly unfilled on screen)."""
    made = {}

    def png_bytes(title, frames, legend, provenance, **kw):
        made.update(title=title, frames=frames, legend=legend, **kw)
        return b"png"

    monkeypatch.setattr(cli_io.briefing, "png_bytes", png_bytes)
    names = ["user_firms", "user_parks", "districts"]
    assert main(["--lang", "en", "export", *names, "--out", str(tmp_path / "en.png")]) == 0
    assert "县级行政区" not in made["title"] and "Districts" in made["title"]
    assert list(made["frames"])[-1] == "Districts" and made["lang"] == "en"
    page = {item.layer.title("en"): item.layer.legend(item.frame, "en") for item in _page_items(store, names)}
    for title, rows in page.items():  # the page's colours and fill, layer by layer
        cli = made["legend"][title]
        assert [(e.color, e.fill_opacity) for e in cli] == [(e.color, e.fill_opacity) for e in rows], title


def test_the_cli_png_colours_the_demo_enterprises_by_industry_as_the_page(tmp_path, monkeypatch):
    made = {}
    monkeypatch.setattr(cli_io.briefing, "png_bytes", lambda *a, **kw: made.update(a=a, kw=kw) or b"png")
    assert main(["export", "enterprises", "--where", "town=七都镇", "--out", str(tmp_path / "e.png")]) == 0
    from layers.enterprises import LAYER as FIRMS

    title, frames, legend = made["a"][:3]
    frame = frames[title]
    assert list(made["kw"]["colors"][title]) == list(FIRMS.color_by(frame))
    assert {e.label for e in legend[title]} <= set(frame["industry"])


def test_the_cli_geojson_as_qgis_reads_it(store, tmp_path):
    """Walk 11: m_point.geojson's layer was named after every layer exported, with "(point)";
    工业增加值 (no value in any row) came out as String; 是否规上 was Integer(Boolean) in the command
    line's file and String in the page's. Walk 12: the parks and the districts shared one
    m_polygon.geojson with the union of their columns; the page writes a file per layer, and the
    command line the same files under the same names."""
    from layers.offline_html import map_downloads

    out = tmp_path / "m.geojson"
    names = ["user_parks", "user_firms", "districts"]
    assert main(["export", *names, "--out", str(out)]) == 0
    points, polygons = tmp_path / "m_盛泽七都企业.geojson", tmp_path / "m_盛泽七都园区.geojson"
    assert pyogrio.list_layers(points)[0][0] == "盛泽七都企业"
    assert pyogrio.list_layers(polygons)[0][0] == "盛泽七都园区"
    assert pyogrio.list_layers(tmp_path / "m_县级行政区.geojson")[0][0] == "县级行政区"
    with zipfile.ZipFile(
        io.BytesIO(map_downloads("m", _page_items(store, names), lang="zh")["geojson"].data())
    ) as zf:
        page_files = {name: zf.read(name) for name in zf.namelist()}
    assert sorted(page_files) == sorted(
        p.name for p in tmp_path.glob("m_*.geojson")
    )  # named as the page names them
    for name in (points.name, polygons.name):  # and holding what the page's hold
        data = page_files[name]
        page_info = pyogrio.read_info(io.BytesIO(data))
        cli_info = pyogrio.read_info(tmp_path / name)
        assert list(cli_info["fields"]) == list(page_info["fields"]), name
        assert cli_info["features"] == page_info["features"], name
    info = pyogrio.read_info(points)
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    # no value in any row of an import (its file has no such column): not a String column, and not
    # in the import's CSV and XLSX either (walk 12), so not named as left out of the GeoJSON alone
    assert "工业增加值（万元）" not in fields
    assert "工业增加值（万元）" not in json.loads(points.read_text(encoding="utf-8")).get(
        "atlas_empty_columns", []
    )
    assert fields["税收（万元）"] == "float64" and fields["用地面积（亩）"] == "float64"
    page_file = tmp_path / "page.geojson"
    page_file.write_bytes(map_downloads("x", _page_items(store, ["user_firms"]), lang="zh")["geojson"].data())
    page_info = pyogrio.read_info(page_file)
    page_fields = dict(zip(page_info["fields"], page_info["dtypes"], strict=True))
    assert "工业增加值（万元）" not in page_fields
    assert fields["是否规上"] == page_fields["是否规上"] == "object"  # 是/否 in both
    cli_firms = pyogrio.read_dataframe(points)
    assert cli_firms["是否规上"].tolist() == ["是", "否", "是"]

"""An imported layer's downloads in the page's language (issue 23 item 5, walk8): an enterprise list
read from a Gaode (GCJ-02) Excel and a park/town layer, exported from the data page in English and in
Chinese, read back as their users read them (csv, openpyxl, GDAL via pyogrio). Known column kinds
(the file's own GCJ-02 coordinates) and known vocabularies (towns and parks, industries, yes/no) in
the file's language, as the screen and the briefing PNG name them; firm names and the user's own
titles and sources as given; the GeoJSON's numbers rounded as the CSV's and its provenance headed as
the CSV's."""

from __future__ import annotations

import csv
import io
import json
import re

import geopandas as gpd
import openpyxl
import pyogrio
import pytest
import shapely

from geo import ingest
from geo.messages import message
from tests.fixtures.upload import GAODE_FIRM_NAMES, gaode_firms_excel

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
FIRM_NAMES = GAODE_FIRM_NAMES
SOURCE = "区工信局 2024 年报"  # the user's own words: kept as typed in both languages


def _parks() -> bytes:
    frame = gpd.GeoDataFrame(
        {"名称": ["盛泽镇新材料产业园", "七都镇", "我的自建片区"]},
        geometry=[
            shapely.box(120.60, 30.88, 120.65, 30.92),
            shapely.box(120.40, 30.94, 120.46, 31.00),
            shapely.box(120.70, 31.00, 120.72, 31.02),
        ],
        crs="EPSG:4326",
    )
    return frame.to_json().encode()


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    """The two layers as the data page draws them from the store."""
    from layers.user_layers import user_map_layers

    store = tmp_path_factory.mktemp("store") / "user.gpkg"
    firms = ingest.read_upload(gaode_firms_excel(), "企业名单.xlsx", kind="enterprises", frame="gcj02")
    ingest.save_import(
        firms, name="firms", title="我的企业", source=SOURCE, accuracy="transcribed", path=store
    )
    parks = ingest.read_upload(_parks(), "园区.geojson", kind="zones")
    ingest.save_import(parks, name="parks", title="我的园区", source=SOURCE, accuracy="schematic", path=store)
    made = {row.layer.title("zh"): row for row in user_map_layers(path=store)}
    return made["我的企业"], made["我的园区"]


def _downloads(item, lang: str) -> dict[str, bytes]:
    from layers.offline_html import map_downloads

    made = map_downloads("导出" if lang == "zh" else "Export", [item], lang=lang)
    return {key: made[key].data() for key in ("csv", "xlsx", "geojson")}


def _read(files: dict[str, bytes], tmp_path) -> dict[str, list[dict]]:
    """Each format's rows as dicts: the CSV by csv, the XLSX by openpyxl, the GeoJSON by pyogrio."""
    reader = csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig")))
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"])).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    path = tmp_path / "layer.geojson"
    path.write_bytes(files["geojson"])
    frame = pyogrio.read_dataframe(path).drop(columns="geometry")
    return {
        "csv": list(reader),
        "xlsx": [dict(zip(rows[0], r, strict=True)) for r in rows[1:]],
        "geojson": frame.astype(object).where(frame.notna(), None).to_dict(orient="records"),
    }


def test_an_imported_gaode_list_downloads_in_english_as_the_english_screen_names_it(items, tmp_path):
    firms, _ = items
    files = _downloads(firms, "en")
    read = _read(files, tmp_path)
    for fmt, rows in read.items():
        head = list(rows[0])
        assert {"Longitude (GCJ-02)", "Latitude (GCJ-02)", "Industry", "Town"} <= set(head), (fmt, head)
        assert not {"经度_GCJ02", "纬度_GCJ02", "经度", "纬度"} & set(head), (fmt, head)
        # the WGS-84 position first: a file read back takes its coordinates from the first longitude
        assert head.index("Longitude") < head.index("Longitude (GCJ-02)"), (fmt, head)
        assert [r["Name"] for r in rows] == FIRM_NAMES  # firms' own names as given
        assert [r["Industry"] for r in rows] == ["High-end textiles", "High-end equipment", "New materials"]
        assert [r["Town"] for r in rows] == ["Wujiang Hi-tech Zone (Shengze Town)", "Qidu Town", "Shengze"]
        assert [r["Above designated size"] for r in rows] == ["Yes", "No", "Yes"]
        assert {r["Data source"] for r in rows if "Data source" in r} <= {SOURCE}
    geo = read["geojson"][0]
    # as the CSV writes them: the user's own numbers as they came (walk 14: 3014.7 written 3014.70;
    # the workbook stores them as they came), GDAL reads them as numbers
    assert geo["Tax (10k yuan)"] == 600.456789 and geo["Land (mu)"] == 30.123456
    assert read["csv"][0]["Land (mu)"] == "30.123456"
    assert str(geo["Longitude (GCJ-02)"]) == read["csv"][0]["Longitude (GCJ-02)"]
    assert float(read["csv"][0]["Tax (10k yuan)"]) == geo["Tax (10k yuan)"]
    # the provenance under the CSV's words, the accuracy in words, the date as the XLSX's About says it
    assert geo["Layer"] == firms.layer.title("en")  # the user's own title
    assert geo["Data source"] == SOURCE and geo["Data accuracy"] == "transcribed"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(geo["Exported"])[:10])  # GDAL reads a date
    assert not {"data_source", "data_accuracy", "exported", "layer"} & set(geo)


def test_an_imported_gaode_list_downloads_in_chinese_under_chinese_headers(items, tmp_path):
    firms, _ = items
    read = _read(_downloads(firms, "zh"), tmp_path)
    for fmt, rows in read.items():
        head = list(rows[0])
        wanted = {"经度（GCJ-02）", "纬度（GCJ-02）", "行业", "所在区镇", "用地面积（亩）"}
        assert wanted <= set(head), (fmt, head)
        assert [r["所在区镇"] for r in rows] == ["吴江高新区（盛泽镇）", "七都镇", "盛泽"]
        assert [r["行业"] for r in rows] == ["高端纺织", "高端装备", "新材料"]
        assert [r["是否规上"] for r in rows] == ["是", "否", "是"]
    geo = read["geojson"][0]
    assert geo["数据来源"] == SOURCE and geo["数据精度"] == "转录" and geo["图层"] == "我的企业"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(geo["导出日期"])[:10])


def test_an_english_csv_read_back_takes_the_wgs84_position(items, tmp_path):
    """The English CSV imported again finds its coordinates in Longitude/Latitude, not in the
    GCJ-02 columns beside them."""
    firms, _ = items
    data = _downloads(firms, "en")["csv"]
    back = ingest.read_upload(data, "back.csv", kind="enterprises", frame="wgs84").frame
    assert back.geometry.x.round(6).tolist() == [120.645, 120.655, 120.5]
    assert back.geometry.y.round(6).tolist() == [31.155, 30.915, 30.9]


def test_an_imported_park_layer_keeps_the_users_names_but_the_fixed_towns(items, tmp_path):
    """One rule for the user's own names (walk 17 item b2): as the user wrote them in both languages,
    even where a built-in park shares the name (盛泽镇新材料产业园 is one of the atlas's carriers);
    only the fixed list of 区镇 and districts is named in English (七都镇 -> Qidu Town)."""
    _, parks = items
    read = _read(_downloads(parks, "en"), tmp_path)
    for fmt, rows in read.items():
        names = [r["Name"] for r in rows]
        assert names == ["盛泽镇新材料产业园", "Qidu Town", "我的自建片区"], (fmt, names)
    zh = _read(_downloads(parks, "zh"), tmp_path)
    assert [r["名称"] for r in zh["csv"]] == ["盛泽镇新材料产业园", "七都镇", "我的自建片区"]


def test_an_english_file_has_chinese_only_in_free_text(items, tmp_path):
    """Every English file of both layers: no CJK character but in the firms' names, the user's own
    zone name and source (free text), nowhere in a header."""
    free = {"Name", "Data source", "Layer"}
    for item in items:
        files = _downloads(item, "en")
        for fmt, rows in _read(files, tmp_path).items():
            assert not [h for h in rows[0] if CJK.search(str(h))], (fmt, list(rows[0]))
            for row in rows:
                stray = {k: v for k, v in row.items() if k not in free and CJK.search(str(v or ""))}
                assert not stray, (fmt, stray)
        about = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))["About"]
        for item_name, value in about.iter_rows(min_row=2, values_only=True):
            # the user's title, the layer's, the source; the units' gloss cites 万元 and 亿元 on purpose
            own = {item.layer.title("en"), "Export", message("exports.about.units_value", "en")}
            assert not CJK.search(str(item_name)) or item_name in own, item_name
            assert not CJK.search(str(value)) or SOURCE in str(value) or value in own, value
        assert json.loads(files["geojson"])["name"] == item.layer.title("en")


def test_the_english_briefing_png_names_an_imported_park_as_its_files_do(items, monkeypatch):
    """The PNG's labels follow the same rule as the files (walk 17 item b2, the CLI's m_en.png and
    the pages' PNG): the user's park as written, the fixed 区镇 in English."""
    from geo.exports import briefing, downloads
    from layers.offline_html import map_downloads

    _, parks = items
    seen = {}

    def drawn(title, frames, legend, provenance, **_kw):
        seen.update(frames=frames, legend=legend, provenance=provenance)
        return b""

    monkeypatch.setattr(downloads, "png_bytes", drawn)
    map_downloads("Export", [parks], lang="en")["png"].data()
    fig = briefing.briefing_figure("Export", seen["frames"], seen["legend"], seen["provenance"], lang="en")
    fig.canvas.draw()
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"盛泽镇新材料产业园", "我的自建片区"} <= texts, texts
    assert "Shengze New Materials Industrial Park" not in texts
    assert texts & {"Qidu Town", "Qidu"}, texts

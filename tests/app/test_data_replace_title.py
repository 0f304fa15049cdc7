"""The 数据管理 page's save form under AppTest when the title names a stored layer (walk 16 item 6),
and layer titles and file names from a user shown literally in the page's messages (walk 16)."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo import ingest
from geo.messages import message, t
from pages.common.display import markdown_text
from pages.data.reading import FILE_TOKEN
from tests.fixtures.app import open_page

TITLE = "吴江园区范围（高斯）2024"
# a title with every kind of markup a user might type: bold, a link, an image, HTML
MARKED = "**x** [a](http://e) ![i](http://e/i.png) <img src=x onerror=alert(1)> _y_ :red[r] &lt;b&gt;"


def _k(at: AppTest, name: str) -> str:
    return f"{name}@{at.session_state[FILE_TOKEN]}"


def _parks(x: float) -> bytes:
    return (
        gpd.GeoDataFrame({"name": ["甲园区"]}, geometry=[shapely.box(x, 31.1, x + 0.02, 31.12)], crs=4326)
        .to_json()
        .encode()
    )


def _stored(title: str, filename: str = "园区范围_2024.geojson") -> None:
    result = ingest.read_upload(_parks(120.6), filename, kind="zones")
    ingest.save_import(
        result,
        name="zones_parks",
        title=title,
        source="吴江区自然资源和规划局",
        accuracy="transcribed",
        licence="内部使用",
        actor="张三",
    )


def _read(at: AppTest, filename: str, data: bytes) -> None:
    at.selectbox(key="data_kind").set_value("zones")
    at.file_uploader(key="data_upload").set_value((filename, data, "application/geo+json")).run()
    at.button(key="data_read").click().run()
    assert not at.exception


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_title_naming_a_stored_layer_gives_the_form_that_layers_source_and_accuracy(user_gpkg, lang):
    """Walk 16 item 6: the same parks as another file (other bytes, other name) under the title of
    the stored layer asked for 数据精度 first (数据来源 empty), and only then offered to replace. The
    title decides the replacement, so it brings that layer's source, accuracy and licence (said, still
    editable), and the replace question comes at once; the replace still asks first."""
    _stored(TITLE)
    at = open_page("pages/data.py", timeout=90, lang=lang)
    _read(at, "园区范围GK无投影_2024.geojson", _parks(120.7))
    assert at.selectbox(key=_k(at, "data_save_accuracy")).value is None  # another file: not yet
    at.text_input(key=_k(at, "data_save_title")).set_value(TITLE)
    at.button(key=f"FormSubmitter:data_save_form-{t('data.save', lang)}").click().run()
    assert not at.exception
    assert not at.error  # not 「请先选择数据精度」
    assert at.text_input(key="data_save_source").value == "吴江区自然资源和规划局"
    assert at.text_input(key="data_save_licence").value == "内部使用"
    assert at.selectbox(key=_k(at, "data_save_accuracy")).value == "transcribed"
    assert t("data.prefilled", lang).format(title=markdown_text(TITLE)) in [c.value for c in at.caption]
    said = "已有图层「" if lang == "zh" else "There is already a layer “"
    assert any(said + markdown_text(TITLE) in w.value for w in at.warning)
    assert len(ingest.load_user_layer("user_zones_parks")) == 1
    assert ingest.list_user_layers()["sha256"].nunique() == 1  # nothing replaced before the question
    at.button(key="data_replace_yes").click().run()
    assert not at.exception
    stored = ingest.list_user_layers()
    assert stored["layer"].tolist() == ["user_zones_parks"]
    assert (stored.iloc[0]["source"], stored.iloc[0]["accuracy"], stored.iloc[0]["licence"]) == (
        "吴江区自然资源和规划局",
        "transcribed",
        "内部使用",
    )


def test_what_the_user_chose_before_naming_a_stored_layer_stays(user_gpkg):
    """Only the fields left empty are taken from the layer the title names: an accuracy or source the
    user gave stays theirs."""
    _stored(TITLE)
    at = open_page("pages/data.py", timeout=90)
    _read(at, "另一个.geojson", _parks(120.7))
    at.text_input(key=_k(at, "data_save_title")).set_value(TITLE)
    at.text_input(key="data_save_source").set_value("我的来源")
    at.selectbox(key=_k(at, "data_save_accuracy")).set_value("real")
    at.button(key="FormSubmitter:data_save_form-保存到数据库").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="data_save_source").value == "我的来源"
    assert at.selectbox(key=_k(at, "data_save_accuracy")).value == "real"
    assert at.text_input(key="data_save_licence").value == "内部使用"
    assert at.button(key="data_replace_yes")


def _literal(shown: str, text: str) -> None:
    """``text`` is in the markdown ``shown`` escaped (so drawn as itself), never raw."""
    assert markdown_text(text) in shown, shown
    rest = shown.replace(markdown_text(text), "")
    assert "**" not in rest and "](http" not in rest and "<img" not in rest, shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_titles_and_file_names_with_markdown_read_literally_on_the_data_page(user_gpkg, lang):
    """Walk 16: a title like ``**x** [a](http://e)`` showed as bold and a link in the page's messages."""
    filename = "**f** [l](http://e).geojson"
    _stored(MARKED, filename=filename)
    at = open_page("pages/data.py", timeout=90, lang=lang)
    _read(at, filename, _parks(120.6))  # the same file again: offered as a replacement
    same = next(i.value for i in at.info if "SHA-256" in i.value)
    _literal(same, MARKED)
    _literal(next(c.value for c in at.caption if markdown_text(MARKED) in c.value), MARKED)
    with_name = [e.label for e in at.get("expander") if "geojson" in e.label]
    assert with_name and all(markdown_text("**f** [l](http://e)") in label for label in with_name)
    at.button(key=f"FormSubmitter:data_save_form-{t('data.save', lang)}").click().run()
    _literal(next(w.value for w in at.warning if markdown_text(MARKED) in w.value), MARKED)
    _literal(at.button(key="data_replace_yes").label, MARKED)
    at.button(key="data_replace_yes").click().run()
    assert not at.exception
    done = t("data.replaced", lang).format(title=markdown_text(MARKED), name="user_zones_parks")
    assert done in [s.value for s in at.success]
    # deleting it: the question and the message name it literally
    at.button(key="data_delete").click().run()
    rows = message("data.delete_confirm", lang, title=markdown_text(MARKED), name="user_zones_parks", rows=1)
    assert rows in [w.value for w in at.warning]
    at.button(key="data_delete_yes").click().run()
    assert not at.exception
    gone = t("data.deleted", lang).format(title=markdown_text(MARKED), name="user_zones_parks")
    assert gone in [s.value for s in at.success]


def test_a_picked_layer_and_change_reads_literally(user_gpkg, monkeypatch):
    """The record of a picked layer or change is an st.table, whose cells are markdown: its title,
    source and file name are drawn as written (walk 16: markup in a title showed as bold or a link)."""
    _stored(MARKED, filename="**f** [l](x).geojson")
    monkeypatch.setattr("pages.data.managing.picked_table", lambda table, fitted, key, lang: 0)
    at = open_page("pages/data.py", timeout=90)
    assert not at.exception
    at.selectbox(key="data_audit_pick").set_value(0).run()  # a change picked from the list below the log
    assert not at.exception
    shown = [str(v) for table in at.table for v in table.value.iloc[:, 1]]
    assert len(at.table) == 2  # the layer's record and the change's
    for table in at.table:
        cells = [str(v) for v in table.value.iloc[:, 1]]
        assert markdown_text(MARKED) in cells, cells
    assert any(markdown_text("**f** [l](x).geojson") in v for v in shown), shown
    assert not [v for v in shown if "**x**" in v or "**f**" in v]

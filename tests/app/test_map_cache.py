"""pages/common/cache.py: rendered maps are what st_folium would send, built once per key and data stamp."""

from __future__ import annotations

import os
import re
import shutil
import threading
import time

import folium
import pytest
import streamlit_folium as stf

from geo.storage.builtin import load_layer
from layers import REGISTRY
from layers.base import Provenance
from layers.mapview import MapLayer, render_map
from pages.common import cache, payloads


def _standard(text: str) -> str:
    """Folium's random element ids removed, as streamlit-folium does before hashing."""
    return re.sub(r"(_[a-z0-9]+)", "", text)


def _items(demo_gpkg) -> list[MapLayer]:
    prov = Provenance(accuracy="real", source="test")
    return [
        MapLayer(REGISTRY["districts"], load_layer("districts", path=demo_gpkg), prov),
        MapLayer(REGISTRY["wujiang_towns"], load_layer("wujiang_towns", path=demo_gpkg), prov),
    ]


def _groups(demo_gpkg) -> list[folium.FeatureGroup]:
    ents = load_layer("enterprises", path=demo_gpkg).head(50)
    return [REGISTRY["enterprises"].to_folium(ents, lang="zh")]


def test_draw_sends_the_component_what_st_folium_sends(monkeypatch, demo_gpkg):
    calls = []
    monkeypatch.setattr(stf, "_component_func", lambda **kwargs: calls.append(kwargs) or {})
    items = _items(demo_gpkg)
    wanted = ["last_active_drawing"]
    stf.st_folium(
        render_map(items),
        key="k",
        height=500,
        use_container_width=True,
        returned_objects=wanted,
        feature_group_to_add=_groups(demo_gpkg),
    )
    parts = cache.render_parts(render_map(items), key="k")
    cache.draw(parts, cache.render_groups(_groups(demo_gpkg)), key="k", height=500, returned_objects=wanted)
    theirs, ours = calls
    assert set(ours) == set(theirs)
    # Same component identity: the browser keeps the map (and the user's view) across runs.
    assert ours["key"] == theirs["key"]
    for name in ("script", "header", "html", "feature_group"):
        assert _standard(ours[name]) == _standard(theirs[name]), name
    assert "AtlasPoints" in ours["feature_group"] and "districts" not in ours["feature_group"]
    for name in ("default", "height", "width", "returned_objects", "id"):
        assert ours[name] == theirs[name], name
    # The same files, less the marker-icon assets folium.Map always lists (no atlas map has icons).
    for name in ("css_links", "js_links"):
        assert ours[name] == [
            u for u in theirs[name] if "awesome-markers" not in u and "fontawesome" not in u
        ]
    assert len(theirs["css_links"]) - len(ours["css_links"]) == 2 and len(ours["js_links"]) == 1
    assert ours["default"] == {"last_active_drawing": None}


def test_a_map_is_built_once_per_key_and_again_when_the_data_changes(tmp_path, monkeypatch, demo_gpkg):
    store = tmp_path / "atlas.gpkg"
    shutil.copyfile(demo_gpkg, store)
    monkeypatch.setenv("ATLAS_GPKG", str(store))
    monkeypatch.setenv("ATLAS_USER_GPKG", str(tmp_path / "user.gpkg"))
    items = _items(demo_gpkg)
    built = []

    def build():
        built.append(1)
        return render_map(items)

    key = ("test-once", str(tmp_path))
    first = cache.base_parts(key, "k", build)
    second = cache.base_parts(key, "k", build)  # another session, same data and key
    assert second is first and len(built) == 1
    assert cache.base_parts((*key, "en"), "k", build) is not first and len(built) == 2
    os.utime(store, (store.stat().st_atime, store.stat().st_mtime + 10))  # the store was rewritten
    assert cache.base_parts(key, "k", build) is not first and len(built) == 3

    script_calls = []

    def groups():
        script_calls.append(1)
        return _groups(demo_gpkg)

    a = cache.groups_script(key, groups)
    assert cache.groups_script(key, groups) is a and len(script_calls) == 1
    assert "map_div.addLayer(feature_group_feature_group_0)" in a


def test_frame_key_names_the_rows(demo_gpkg):
    ents = load_layer("enterprises", path=demo_gpkg)
    assert cache.frame_key(ents) == cache.frame_key(ents.copy())
    assert cache.frame_key(ents) != cache.frame_key(ents.iloc[1:])
    assert cache.frame_key(ents[ents["industry"] == "光电通信"]) != cache.frame_key(
        ents[ents["industry"] == "新材料"]
    )


def test_per_object_results_are_made_once_per_live_object_and_forgotten_with_it():
    import gc

    import pyarrow as pa

    made = []
    per = cache.PerObject(lambda table: made.append(table.num_rows) or table.num_rows * 10)
    a, b = pa.table({"x": [1, 2, 3]}), pa.table({"x": [1, 2, 3]})  # equal, but two objects
    assert per(a) == 30 and per(a) == 30 and per(b) == 30
    assert made == [3, 3]
    del a
    gc.collect()
    assert len(per._known) == 1  # a's result went with a
    # Streamlit's table serialiser goes through one: the same bytes, made once per table.
    from streamlit import dataframe_util

    first = dataframe_util.convert_arrow_table_to_arrow_bytes(b)
    assert dataframe_util.convert_arrow_table_to_arrow_bytes(b) is first
    assert pa.ipc.open_stream(first).read_all().equals(b)


def test_a_map_with_an_icon_keeps_the_icon_assets():
    m = folium.Map()
    folium.Marker((31.0, 120.6), icon=folium.Icon(icon="info-sign")).add_to(m)
    css, js = cache._links(m)
    assert any("awesome-markers" in u for u in js) and any("fontawesome" in u for u in css)
    (css,), (js,) = cache._links(folium.Map())
    assert css.startswith("/app/static/vendor/leaflet/leaflet.css?v=")
    assert js.startswith("/app/static/vendor/leaflet/leaflet.js?v=")


def test_the_frame_starts_fetching_the_layer_files_before_it_loads_leaflet(tmp_path, monkeypatch, demo_gpkg):
    from urllib.parse import unquote

    calls = []
    monkeypatch.setattr(stf, "_component_func", lambda **kwargs: calls.append(kwargs) or {})
    monkeypatch.setattr(payloads, "PAYLOAD_DIR", tmp_path / "cache")
    ents = load_layer("enterprises", path=demo_gpkg)
    parts = cache.render_parts(render_map(_items(demo_gpkg)), key="k")
    with payloads.served_payloads():
        groups = cache.render_groups([REGISTRY["enterprises"].to_folium(ents, lang="zh")])
    (url,) = re.findall(r"/app/static/cache/[0-9a-f]{32}\.json", groups)
    cache.draw(parts, groups, key="k", height=500)
    cache.draw(parts, cache.render_groups(_groups(demo_gpkg)), key="k", height=500)  # inline: none
    fetching, inline = calls
    first, *rest = fetching["js_links"]
    assert rest == list(parts.js_links) and inline["js_links"] == list(parts.js_links)
    assert first.startswith("data:text/javascript,")
    script = unquote(first.removeprefix("data:text/javascript,"))
    # Kept where the layer looks for it (layers/canvas.py AtlasCanvas._fetch): one request per file.
    assert f'g["{url}"]=g["{url}"]||window.__atlasGet("{url}")' in script
    assert "window.__atlasData=window.__atlasData||{}" in script


def test_a_resource_computes_once_per_key_for_every_caller():
    calls: list[tuple] = []

    @cache.resource(max_entries=2)
    def square(x: int, _note: str = "") -> int:
        calls.append((x, _note))
        time.sleep(0.05)
        return x * x

    # Arguments named with a leading "_" are not part of the key.
    assert square(3, _note="a") == 9 and square(3, _note="b") == 9
    assert calls == [(3, "a")]
    # Eight callers asking at once for a key being computed all wait for one computation.
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(square(4))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [16] * 8 and calls.count((4, "")) == 1
    # At most two results: the least recently used (3) is forgotten, the recently used (4) kept.
    square(4)
    square(5)
    assert len(square) == 2
    square(4)
    assert calls.count((4, "")) == 1
    square(3)
    assert calls.count((3, "a")) + calls.count((3, "")) == 2
    square.clear()
    assert len(square) == 0


def test_a_page_script_run_again_finds_its_resource():
    """A page script's decorator runs on every script run: the same function finds its results."""
    source = "@resource(max_entries=2)\ndef heavy(x):\n    calls.append(x)\n    return x\n"
    calls: list[int] = []
    for _ in range(3):  # three runs of the page
        scope = {"resource": cache.resource, "calls": calls}
        exec(compile(source, "pages/some_page.py", "exec"), scope)
        assert scope["heavy"](7) == 7
    assert calls == [7]
    other: list[int] = []
    scope = {"resource": cache.resource, "calls": other}
    exec(compile(source.replace("return x", "return -x"), "pages/some_page.py", "exec"), scope)
    assert scope["heavy"](7) == -7 and other == [7]  # changed code: its own results


def test_a_failed_resource_is_not_kept():
    attempts = []

    @cache.resource(max_entries=4)
    def flaky(x: int) -> int:
        attempts.append(x)
        if len(attempts) == 1:
            raise OSError("store busy")
        return x + 1

    with pytest.raises(OSError):
        flaky(1)
    assert flaky(1) == 2 and flaky(1) == 2
    assert attempts == [1, 1]

"""The Streamlit and streamlit-folium internals the atlas relies on, one contract test each.

``serve.py``, ``app.py`` and ``pages/`` use a few things Streamlit and streamlit-folium do not
promise to keep (a class attribute, a method they replace, a private converter, the frontend's
``BACKEND_BASE_URL``). ``constraints.txt`` fixes the versions a fresh install gets; when someone
moves them on purpose, these tests say exactly which internal moved, instead of a page failing
(or silently getting slower, since most patches fall back quietly) somewhere later.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
from pathlib import Path

import pytest
import streamlit

from tests.fixtures import ROOT

FENCED = ("streamlit", "streamlit-folium")


def _locked(package: str) -> str:
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("==")
        if sep and name.strip().lower() == package:
            return version.strip()
    raise AssertionError(f"constraints.txt does not pin {package}")


@pytest.mark.parametrize("package", FENCED)
def test_installed_version_is_the_locked_one(package):
    installed = importlib.metadata.version(package)
    assert installed == _locked(package), (
        f"{package} {installed} is installed but constraints.txt locks {_locked(package)}: "
        "a new version is taken on purpose (edit constraints.txt, run this file, fix what it names)"
    )


def test_setup_installs_with_the_constraints():
    setup = (ROOT / "setup.sh").read_text(encoding="utf-8")
    install = r"pip install (--no-compile )?(--progress-bar off )?-r \"\$req\" -c constraints\.txt"
    assert re.search(install, setup)
    assert "constraints.txt | sha256sum" in setup, "a changed lock must re-install"


def test_pages_manager_still_has_uses_pages_directory():
    """app.py and serve.py set it False so /<page> deep links never start the legacy multipage mode."""
    from streamlit.runtime.pages_manager import PagesManager

    assert "uses_pages_directory" in vars(PagesManager), (
        "streamlit.runtime.pages_manager.PagesManager.uses_pages_directory is gone: app.py and "
        "serve.py switch off the legacy pages/ mode through it"
    )


def test_script_cache_get_bytecode_as_serve_replaces_it(tmp_path):
    """serve.keep_compiled_scripts wraps ScriptCache.get_bytecode(self, script_path) and clears
    entries of its ``_cache`` dict under its ``_lock``."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    params = list(inspect.signature(ScriptCache.get_bytecode).parameters)
    assert params == ["self", "script_path"], f"ScriptCache.get_bytecode now takes {params}"
    cache = ScriptCache()
    assert isinstance(getattr(cache, "_cache", None), dict), "ScriptCache._cache is no longer a dict"
    assert hasattr(cache, "_lock") and hasattr(cache._lock, "__enter__"), "ScriptCache._lock is gone"
    script = tmp_path / "page.py"
    script.write_text("x = 1\n", encoding="utf-8")
    code = cache.get_bytecode(str(script))
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["x"] == 1


def test_serve_keeps_compiled_scripts_until_the_file_changes(tmp_path, monkeypatch):
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    import serve

    monkeypatch.setattr(ScriptCache, "get_bytecode", ScriptCache.get_bytecode)
    monkeypatch.setattr(ScriptCache, "_atlas_kept", False, raising=False)
    serve.keep_compiled_scripts()
    cache = ScriptCache()
    script = tmp_path / "page.py"
    script.write_text("x = 1\n", encoding="utf-8")
    first = cache.get_bytecode(str(script))
    assert cache.get_bytecode(str(script)) is first, "the compiled script was not kept"
    script.write_text("x = 22\n", encoding="utf-8")
    namespace: dict = {}
    exec(cache.get_bytecode(str(script)), namespace)
    assert namespace["x"] == 22, "a changed page file must be compiled again"


def test_starlette_app_factory_is_wrapped_by_serve(monkeypatch):
    """serve.wrap_streamlit_app replaces starlette_server.create_starlette_app(runtime); if the
    module or the function moves, it quietly serves without the in-memory bundles: say so here."""
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server.create_starlette_app
    assert list(inspect.signature(original).parameters) == ["runtime"], (
        "starlette_server.create_starlette_app no longer takes (runtime)"
    )
    import serve

    monkeypatch.setattr(starlette_server, "create_starlette_app", original)
    serve.wrap_streamlit_app()
    assert starlette_server.create_starlette_app is not original, "serve.py did not wrap the factory"


def test_frontend_still_reads_backend_base_url():
    """serve.KnownBackendBase writes window.__streamlit.BACKEND_BASE_URL into the page."""
    bundles = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"
    found = any(
        "BACKEND_BASE_URL" in p.read_text(encoding="utf-8", errors="ignore") for p in bundles.glob("*.js")
    )
    assert found, "Streamlit's frontend no longer reads window.__streamlit.BACKEND_BASE_URL"


def test_altair_converter_behind_st_altair_chart():
    """pages/efficiency/charts.py converts each chart once with Streamlit's own converter."""
    import altair as alt
    import pandas as pd
    from streamlit.elements import vega_charts

    convert = getattr(vega_charts, "_convert_altair_to_vega_lite_spec", None)
    assert convert is not None, "streamlit.elements.vega_charts._convert_altair_to_vega_lite_spec is gone"
    chart = (
        alt.Chart(pd.DataFrame({"zone": ["盛泽", "七都"], "n": [3, 5]})).mark_bar().encode(x="zone", y="n")
    )
    spec = convert(chart)
    assert spec["mark"]["type"] == "bar" if isinstance(spec["mark"], dict) else spec["mark"] == "bar"
    assert spec.get("datasets"), "the converted spec carries no datasets"


def test_streamlit_folium_private_renderers():
    """pages/common/cache.py renders a map's parts once per data with streamlit-folium's own helpers."""
    import folium
    import streamlit_folium as stf

    m = folium.Map(location=[31.0, 120.6], zoom_start=9, tiles=None)
    for name in ("_get_html", "_get_header", "_get_map_string"):
        helper = getattr(stf, name, None)
        assert callable(helper), f"streamlit_folium.{name} is gone"
        assert isinstance(helper(m), str), f"streamlit_folium.{name} no longer returns the text"
    control = getattr(stf, "_get_layer_control_string", None)
    assert callable(control), "streamlit_folium._get_layer_control_string is gone"
    assert "L.control.layers" in control(folium.LayerControl(collapsed=False), m)

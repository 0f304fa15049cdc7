"""What a map's frame loads, so that serve.py can ask for it as the page starts.

A page's map is streamlit-folium's component: an iframe whose page (``index.html``) loads the
component's script, which then loads Leaflet and runs the map. The browser asks for each of them
only once the one before has come, and Streamlit's own chunks that draw a component only once the
map's element has arrived. serve.py puts :func:`map_frame_hints` into every page's HTML: those
files are asked for while the page's own bundles load (docs/performance.md, fourteenth round).
Nothing here imports streamlit, streamlit-folium or folium.
"""

from __future__ import annotations

import json
import re
from importlib.util import find_spec
from pathlib import Path

from geo.static_files import STATIC_URL, versioned

# Streamlit's chunks that draw a custom component (names start so; their hash follows).
COMPONENT_CHUNKS = ("ComponentInstance.", "IFrameUtil.", "urls.", "withCalculatedWidth.")
MAP_COMPONENT = "streamlit_folium.st_folium"  # the component's name in its address
# Below the server's base: Leaflet as layers/assets.py addresses it (./static at /app/static, with
# the file's version: the address the frame asks for, so the prefetched copy is the one it uses).
MAP_FRAME_FILES = ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css")
_MAIN_SCRIPT = re.compile(r'src="\./(static/js/main\.[0-9a-f]+\.js)"')

# Run right after the script that sets BACKEND_BASE_URL (serve.KnownBackendBase). The frame's page
# is asked for at the address Streamlit gives the iframe: ?streamlitUrl=<the page's address>.
_HINTS_JS = (
    "<script>(function(){{var d=document,b=window.__streamlit.BACKEND_BASE_URL,"
    "f=b+'component/{component}/index.html?streamlitUrl='"
    "+encodeURIComponent(location.origin+location.pathname);"
    "function l(r,h){{var e=d.createElement('link');e.rel=r;e.href=h;"
    "if(r==='modulepreload')e.crossOrigin='anonymous';d.head.appendChild(e);}}"
    "{chunks}.forEach(function(n){{l('modulepreload',b+'static/js/'+n);}});"
    "[f].concat({files}.map(function(n){{return b+n;}}))"
    ".forEach(function(h){{l('prefetch',h);}});}})();</script>"
)


def map_build() -> Path:
    """streamlit-folium's frontend folder (``index.html``, ``static/js/main.<hash>.js``).

    Found, never imported: importing streamlit-folium declares its component, and declared before
    Streamlit's runtime exists (serve.py starts before it) the component is unknown to the
    runtime's registry and its frame gets a 404.
    """
    spec = find_spec("streamlit_folium")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("streamlit_folium is not installed")
    return Path(spec.origin).resolve().parent / "frontend" / "build"


def map_frame_hints(*, bundles: Path, build: Path | None = None) -> bytes:
    """The script that asks, as a page starts, for what its map's frame will wait for.

    Parameters
    ----------
    bundles
        Streamlit's static folder (``static/js`` holds its chunks).
    build
        streamlit-folium's frontend folder (default: :func:`map_build`).

    Returns
    -------
    bytes
        A ``<script>`` element: Streamlit's component chunks as ``modulepreload`` links, the
        frame's page, its script and Leaflet as ``prefetch`` links (the frame is a document of its
        own: they go to the HTTP cache). A file not found is left out.
    """
    if not (bundles / "static" / "js").is_dir():
        raise FileNotFoundError(f"no static/js under {bundles}")
    folder = build if build is not None else map_build()
    js = sorted(p.name for p in (bundles / "static" / "js").glob("*.js"))
    chunks = [name for name in js if name.startswith(COMPONENT_CHUNKS)]
    index = folder / "index.html"
    found = _MAIN_SCRIPT.search(index.read_text("utf-8")) if index.is_file() else None
    frame = [f"component/{MAP_COMPONENT}/{found.group(1)}"] if found else []
    files = [*frame, *(f"{STATIC_URL.lstrip('/')}/{versioned(rel)}" for rel in MAP_FRAME_FILES)]
    return _HINTS_JS.format(
        component=MAP_COMPONENT, chunks=json.dumps(chunks), files=json.dumps(files)
    ).encode()

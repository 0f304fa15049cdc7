"""Serve every Leaflet JS/CSS asset from the app itself instead of a CDN.

folium and streamlit-folium load Leaflet and its plugins from CDNs by default; that fails on
a government intranet and in CI. Importing this module rewrites the asset lists of folium's
classes to files under ``static/vendor`` (served by Streamlit at ``/app/static/vendor``).
Assets the atlas does not use (jQuery, Bootstrap, Glyphicons) are dropped.
"""

from __future__ import annotations

from pathlib import Path

import folium
import folium.plugins  # noqa: F401  (so that the plugin classes exist before patching)
from folium.elements import JSCSSMixin

from geo import settings
from geo.static_files import versioned, without_version

STATIC_DIR = settings.STATIC_DIR
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/app/static/vendor"  # Streamlit serves ./static at /app/static

# CDN URL (as folium names it) -> file under static/vendor
LOCAL_FILES: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/leaflet.css",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": (
        "awesome-markers/leaflet.awesome-markers.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": (
        "awesome-markers/leaflet.awesome-markers.css"
    ),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "fontawesome/css/all.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": (
        "markercluster/leaflet.markercluster.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": (
        "markercluster/MarkerCluster.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": (
        "markercluster/MarkerCluster.Default.css"
    ),
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": (
        "fullscreen/Control.FullScreen.js"
    ),
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css": (
        "fullscreen/Control.FullScreen.css"
    ),
}
# Assets folium adds by default that nothing in the atlas needs.
DROPPED: frozenset[str] = frozenset(
    {
        "https://code.jquery.com/jquery-3.7.1.min.js",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js",
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
        "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css",
    }
)


def local_url(cdn_url: str, *, base_url: str = STATIC_URL) -> str:
    """The local URL that replaces a CDN URL, with the file's version as its query
    (``geo.static_files``: the browser keeps it without asking again); already-local URLs pass
    through."""
    if cdn_url.startswith(base_url):
        return cdn_url
    file = LOCAL_FILES[cdn_url]
    if base_url == STATIC_URL:
        file = versioned(f"vendor/{file}").removeprefix("vendor/")
    return f"{base_url}/{file}"


def local_path(url: str) -> Path:
    """The file on disk behind a local or CDN asset URL (for inlining into standalone HTML)."""
    if url.startswith(STATIC_URL):
        return VENDOR_DIR / without_version(url[len(STATIC_URL) + 1 :])
    return VENDOR_DIR / LOCAL_FILES[url]


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out.add(sub)
        out |= _subclasses(sub)
    return out


def use_local_assets(*, base_url: str = STATIC_URL) -> None:
    """Rewrite the default JS/CSS of folium's Map and of the plugins the atlas uses.

    Classes whose assets are not all vendored keep their CDN URLs; a render test asserts that
    no map the atlas builds references an outside host.
    """
    for cls in {folium.Map, *_subclasses(JSCSSMixin)}:
        for attr in ("default_js", "default_css"):
            entries = cls.__dict__.get(attr)
            if not entries:
                continue
            urls = [url for _, url in entries if url not in DROPPED]
            if not all(url in LOCAL_FILES or url.startswith(base_url) for url in urls):
                continue
            setattr(
                cls,
                attr,
                [(name, local_url(url, base_url=base_url)) for name, url in entries if url not in DROPPED],
            )


use_local_assets()

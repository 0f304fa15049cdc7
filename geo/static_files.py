"""The app's own static files (``./static``, served at ``/app/static``) addressed by their content.

A page's map frame loads Leaflet and its plugins from ``/app/static/vendor``. Asked for by a plain
address, each file costs the browser a round trip per page load (a 304 answer to its ETag). Asked
for as ``…/leaflet.js?v=<version>``, where the version is taken from the file's bytes, the address
names those bytes for good: serve.py answers it as cacheable for a year, and the next page takes it
from the browser's cache without asking. A changed file gets a new version, hence a new address.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from geo import settings

STATIC_URL = "/app/static"  # Streamlit (and serve.py) answer ./static there
VERSION_PARAM = "v"  # the query parameter that names a file's version
VERSION_LENGTH = 12  # hex digits of the file's MD5 kept in its address


def content_version(body: bytes) -> str:
    """The version an address names a file's bytes by (the first hex digits of their MD5)."""
    return hashlib.md5(body, usedforsecurity=False).hexdigest()[:VERSION_LENGTH]


@lru_cache(maxsize=256)
def _file_version(rel: str, stamp: tuple[int, int]) -> str:
    return content_version((settings.STATIC_DIR / rel).read_bytes())


def versioned(rel: str) -> str:
    """``rel`` (a path below ``./static``) with its version as the query (``vendor/x.js?v=…``);
    ``rel`` as it is when the file is missing."""
    path = settings.STATIC_DIR / rel
    try:
        info = path.stat()
    except OSError:
        return rel
    return f"{rel}?{VERSION_PARAM}={_file_version(rel, (info.st_mtime_ns, info.st_size))}"


def without_version(url: str) -> str:
    """``url`` without its query (the file's address on disk)."""
    return url.split("?", 1)[0]

"""The atlas's settings: every environment variable and default path, read in this one place.

Each setting is a function that reads its variable when asked (not at import), so a test that sets
a variable with ``monkeypatch.setenv`` and a server started with one both see it. Every other module
asks here; none reads ``os.environ`` for the atlas itself.

=============================  ==============================================================
variable                       what it sets (default)
=============================  ==============================================================
``ATLAS_DATABASE_URL``         the PostGIS store (``postgresql://user:pw@host:port/db``): the
                               user store and the built-in ``demo_*`` tables (none: files)
``ATLAS_USER_GPKG``            the user store's GeoPackage (``data/user/atlas_user.gpkg``)
``ATLAS_GPKG``                 the built-in demo layers' GeoPackage (``data/atlas.gpkg``)
``ATLAS_USER``                 who the command line acts for (the operating-system user)
``ATLAS_LANG``                 the command line's language, ``zh`` or ``en``, when ``--lang`` is
                               not given (``zh``)
``ATLAS_CITY_CACHE``           the city demo's cached GeoPackages (``data/cache``)
``ATLAS_CITY_N``               enterprises of the city demo the pages show (120,000; tests use a
                               few thousand)
``ATLAS_CACHE_DIR``            the map payload files the pages write and ``serve.py`` serves at
                               ``/app/static/cache`` (``$XDG_CACHE_HOME/atlas/payloads``, else
                               ``~/.cache/atlas/payloads``)
``ATLAS_SINGLE_USER_ADDRESS``  the address ``serve.py`` listens on in single-user mode
                               (loopback)
``TIANDITU_TK``                the 天地图 key the basemap switcher starts with (none)
``STREAMLIT_SERVER_ADDRESS``   Streamlit's own: when set, ``serve.py`` leaves the address to it
=============================  ==============================================================

Paths inside the project (:data:`PROJECT_DIR`, :data:`DATA_DIR`, :data:`STATIC_DIR`) are fixed.
Read elsewhere, for the tools around the atlas rather than the atlas: ``ATLAS_PG_PORT`` and
``ATLAS_APT_WAIT`` (``setup.sh``), ``ATLAS_TEST_DATABASE_URL`` (the tests and ``bench/``),
``ATLAS_CHROMIUM`` (``bench/bench_pages.py``). Limits live beside what they bound, each documented
there: uploads in :mod:`geo.ingest.limits`, the shared caches in ``pages/common/cache.py``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"
STATIC_DIR = PROJECT_DIR / "static"

DATABASE_URL_ENV = "ATLAS_DATABASE_URL"
USER_GPKG_ENV = "ATLAS_USER_GPKG"
ATLAS_GPKG_ENV = "ATLAS_GPKG"
USER_ENV = "ATLAS_USER"
LANG_ENV = "ATLAS_LANG"
CITY_CACHE_ENV = "ATLAS_CITY_CACHE"
CITY_N_ENV = "ATLAS_CITY_N"
CACHE_DIR_ENV = "ATLAS_CACHE_DIR"
SINGLE_USER_ADDRESS_ENV = "ATLAS_SINGLE_USER_ADDRESS"
TIANDITU_ENV = "TIANDITU_TK"
STREAMLIT_ADDRESS_ENV = "STREAMLIT_SERVER_ADDRESS"
# Set by serve.py: the page's style (PAGE_STYLE) is in the HTML it answers, app.py need not draw it.
PAGE_STYLE_SERVED_ENV = "ATLAS_PAGE_STYLE_SERVED"
PAGE_STYLE = STATIC_DIR / "css" / "page.css"

# Where the browser fetches the payload files (below the server's base); :func:`payload_dir` holds them.
PAYLOAD_URL = "/app/static/cache"

DEFAULT_GPKG = DATA_DIR / "atlas.gpkg"
DEFAULT_USER_GPKG = DATA_DIR / "user" / "atlas_user.gpkg"
DEFAULT_CITY_CACHE = DATA_DIR / "cache"


def _text(name: str) -> str:
    """The variable's value without surrounding blanks ("" when unset)."""
    return os.environ.get(name, "").strip()


def database_url() -> str:
    """``$ATLAS_DATABASE_URL``: the PostGIS store's URL, or "" when the stores are files."""
    return _text(DATABASE_URL_ENV)


def user_gpkg() -> Path:
    """The user store's GeoPackage: ``$ATLAS_USER_GPKG`` if set, else ``data/user/atlas_user.gpkg``."""
    return Path(os.environ.get(USER_GPKG_ENV) or DEFAULT_USER_GPKG)


def builtin_gpkg() -> Path:
    """The built-in demo layers' GeoPackage: ``$ATLAS_GPKG`` if set, else ``data/atlas.gpkg``."""
    return Path(os.environ.get(ATLAS_GPKG_ENV, DEFAULT_GPKG))


def cli_user() -> str:
    """``$ATLAS_USER``: who the command line acts for, or "" when unset."""
    return _text(USER_ENV)


def cli_lang() -> str:
    """``$ATLAS_LANG``: the command line's language when ``--lang`` is not given: ``en`` when the
    variable says ``en`` (any case), else ``zh`` (unset, empty or anything else)."""
    return "en" if _text(LANG_ENV).lower() == "en" else "zh"


def city_cache_dir() -> Path:
    """Where the city demo's GeoPackages are cached: ``$ATLAS_CITY_CACHE`` or ``data/cache``."""
    return Path(os.environ.get(CITY_CACHE_ENV, DEFAULT_CITY_CACHE))


def city_n() -> str:
    """``$ATLAS_CITY_N``: how many enterprises the city pages show, as given ("" when unset; the
    pages check it, pages/city/data.py)."""
    return _text(CITY_N_ENV)


def payload_dir() -> Path:
    """Where the pages write the map payload files (served at ``/app/static/cache``), outside the
    source tree: ``$ATLAS_CACHE_DIR`` if set, else ``atlas/payloads`` in the user's cache folder
    (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    given = _text(CACHE_DIR_ENV)
    if given:
        return Path(given)
    base = _text("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder in this environment
            base = tempfile.gettempdir()
    return Path(base) / "atlas" / "payloads"


def single_user_address() -> str:
    """``$ATLAS_SINGLE_USER_ADDRESS``: the address to listen on in single-user mode, "" for loopback."""
    return _text(SINGLE_USER_ADDRESS_ENV)


def mark_page_style_served() -> None:
    """Say to this process (app.py's runs) that serve.py puts :data:`PAGE_STYLE` into every page's
    HTML (sets ``$ATLAS_PAGE_STYLE_SERVED``)."""
    os.environ[PAGE_STYLE_SERVED_ENV] = "1"


def page_style_served() -> bool:
    """Whether serve.py puts :data:`PAGE_STYLE` into every page's HTML (``$ATLAS_PAGE_STYLE_SERVED``)."""
    return _text(PAGE_STYLE_SERVED_ENV) == "1"


def streamlit_address() -> str:
    """``$STREAMLIT_SERVER_ADDRESS`` (Streamlit's own variable), "" when unset."""
    return _text(STREAMLIT_ADDRESS_ENV)


def tianditu_key() -> str:
    """``$TIANDITU_TK``: the 天地图 key the basemap switcher starts with, "" when unset."""
    return os.environ.get(TIANDITU_ENV, "")

"""The user store as the data page reads it: its imports, the built-in layers, the change log and
a file's inspection, each cached until the store changes (``st.cache_data`` at the edge)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import ingest
from geo.messages import Lang
from geo.messages.formats import beijing_minute
from geo.storage import audit
from geo.storage.builtin import spatial_layers
from pages.common import cache
from pages.common.stored import user_store_stamp


def user_stamp() -> tuple[str, str]:
    """The user store's (location, change stamp): the caches' key."""
    return user_store_stamp()


@st.cache_data(show_spinner=False, max_entries=4)
def inspect(data: bytes, filename: str, layer: str | None, kind: str) -> ingest.Inspection:
    """What a file holds (geo.ingest.inspect_upload), once per file, layer and kind."""
    return ingest.inspect_upload(data, filename, layer=layer, kind=kind)


@st.cache_data(show_spinner=False)
def user_meta(stamp: tuple[str, str]) -> pd.DataFrame:
    """The imports' provenance; ``stamp`` (store, change stamp) only keys the cache (no leading
    "_": it must be hashed)."""
    return ingest.list_user_layers()


@st.cache_data(show_spinner=False)
def user_counts(stamp: tuple[str, str]) -> dict[str, int]:
    """Each import's features as its table holds them now (edits in QGIS too): one COUNT per table,
    once per change of the store (``stamp`` keys the cache)."""
    return ingest.user_layer_counts()


@st.cache_data(show_spinner=False)
def stored_layer_names(stamp: tuple[str, str]) -> frozenset[str]:
    """Spatial built-in layers (attribute tables excluded)."""
    return frozenset(spatial_layers())


def store_layers() -> frozenset[str]:
    """The spatial built-in layers of the store in use."""
    return stored_layer_names(cache.builtin_stamp())


@st.cache_data(show_spinner=False)
def audit_log(stamp: tuple[str, str]) -> pd.DataFrame:
    """The change log (``stamp`` keys the cache)."""
    return audit.audit_log()


@st.cache_data(show_spinner=False)
def user_frame(name: str, stamp: tuple[str, str]) -> gpd.GeoDataFrame:
    """An imported layer (``stamp`` keys the cache)."""
    return ingest.load_user_layer(name)


def minute(stamp: str, lang: Lang, *, zone: bool = True) -> str:
    """A stored time stamp (UTC) as people read it: "2026-12-04 03:28 北京时间" ("2026-12-04 03:28"
    when not ``zone``: in a column whose header names 北京时间)."""
    return beijing_minute(stamp, lang, zone=zone)

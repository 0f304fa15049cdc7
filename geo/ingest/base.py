"""Limits, kinds, formats and the Suzhou box shared by every step of an import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from geo.messages import message
from geo.messages.notes import Note, note

MAX_UPLOAD_MB = 50


MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


MAX_UNZIPPED_BYTES = 10 * MAX_UPLOAD_BYTES  # refuse zip bombs


MAX_TABLE_ROWS = 500_000


# Suzhou city in WGS-84 degrees (a little wider than its outline), and what counts as far away.
SUZHOU_BOUNDS = (119.85, 30.70, 121.40, 32.10)


FAR_OUTSIDE_KM = 20.0


Kind = Literal["zones", "enterprises", "other"]


KINDS: tuple[Kind, ...] = ("zones", "enterprises", "other")


FORMATS = ("shapefile", "gpkg", "geojson", "kml", "csv", "xlsx")


EXTENSIONS = (".zip", ".gpkg", ".geojson", ".json", ".kml", ".kmz", ".csv", ".xlsx")


def frame_name(frame: str) -> Note:
    """The coordinate frame ``frame`` (wgs84/gcj02/bd09) named for people, in either language."""
    return note(f"ingest.frame.{frame}")


# Their short codes, alike in both languages.
FRAME_CODES = {"wgs84": "WGS-84", "gcj02": "GCJ-02", "bd09": "BD-09"}
FRAME_ZH = {f: message(f"ingest.frame.{f}", "zh") for f in ("wgs84", "gcj02", "bd09")}


@dataclass(frozen=True)
class CrsSuggestion:
    """What the coordinate values look like, for a file or table that does not say.

    ``crs`` is an EPSG string, ``swapped`` says the two axes look exchanged (latitude first, or
    surveying X = northing first), and ``reason`` explains it (a :class:`~geo.messages.notes.Note`:
    Chinese as a string, ``reason.text("en")`` in English).
    """

    crs: str
    reason: str
    swapped: bool = False

"""The downloads of one map view that need only its frames (CSV, XLSX, briefing PNG, offline HTML),
built lazily. Its GeoJSON is read from the map's layers, as the CSV's tables are:
:func:`layers.offline_html.layers_geojson`, which :func:`layers.offline_html.map_downloads` adds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import geopandas as gpd
import pandas as pd

from geo.exports.briefing import Extent, Paper, png_bytes
from geo.exports.filenames import safe_filename
from geo.exports.tables import MIME_TYPES, check_frames, csv_bytes, layers_csv_bytes, xlsx_bytes
from geo.messages import Lang, message
from geo.storage.provenance import LegendEntry, Provenance


@dataclass(frozen=True)
class Download:
    """One download: file name, MIME type and a zero-argument function that builds the bytes.

    ``make`` can be handed to ``st.download_button(data=...)`` as is (built on click).
    """

    key: str
    label: str
    filename: str
    mime: str
    make: Callable[[], bytes]

    def data(self) -> bytes:
        """Build and return the bytes."""
        return self.make()


# --------------------------------------------------------------------------------------------
# all downloads for one view


def build_downloads(
    title: str,
    frames: Mapping[str, gpd.GeoDataFrame],
    legend: Mapping[str, Sequence[LegendEntry]],
    provenance: Mapping[str, Provenance],
    *,
    lang: Lang = "zh",
    colors: Mapping[str, Sequence[str] | pd.Series] | None = None,
    table: pd.DataFrame | None = None,
    tables: Callable[[], Mapping[str, pd.DataFrame]] | None = None,
    html: bytes | Callable[[], bytes] | None = None,
    paper: Paper = "a4",
    when: date | datetime | None = None,
    subtitle: str = "",
    legend_title: str | None = None,
    extent: Extent | None = None,
    sheets: Mapping[str, str] | None = None,
    fitted: Extent | None = None,
) -> dict[str, Download]:
    """The downloads of one map view made from its frames, each built lazily when asked for; the
    GeoJSON, headed and named as the layers' tables, is :func:`layers.offline_html.layers_geojson`.

    Parameters
    ----------
    title
        Map title; also names the files.
    frames
        Layer title -> the frame as shown (after filters), any CRS; drawn bottom first.
    legend
        Layer title -> its legend rows (:class:`geo.storage.provenance.LegendEntry`),
        labels carrying units (e.g. "亩均税收 ≥ 30 万元/亩").
    provenance
        Layer title -> its provenance (:class:`geo.storage.provenance.Provenance`).
    colors
        Optional layer title -> one colour per feature (class colours); default: legend colour.
    table
        The table behind the view for CSV (default: the last frame, usually the data on top);
        the XLSX always holds every frame plus a sheet on sources and units.
    tables
        A function giving the frames as their tables read in ``lang`` (layer title -> the frame
        with its columns named and its values written in ``lang``), for the CSV and the XLSX;
        default: the frames' own columns.
    html
        A standalone HTML map (bytes, or a function making them), e.g. from
        ``layers.offline_html.map_html_bytes``; omitted when None.
    extent
        The view on screen (west, south, east, north in degrees): the briefing PNGs show it
        (:func:`geo.exports.briefing.png_bytes`); default: every feature.
    fitted
        What the screen was fitted to, the layers switched off too (``png_bytes``'s ``fitted``).
    sheets
        Layer title -> a shorter name for its XLSX sheet (whole words, at most 31 characters:
        :func:`geo.exports.tables.xlsx_bytes`); default: the title.

    Returns
    -------
    dict
        ``{"csv", "xlsx", "png", "png_screen", ["html"]}`` -> :class:`Download`.
    """
    check_frames(frames)
    stem = safe_filename(title)
    last = list(frames)[-1]
    csv_prov = provenance.get(last) if table is None else None

    def as_read() -> Mapping[str, pd.DataFrame]:
        return tables() if tables is not None else frames

    def csv_source() -> pd.DataFrame:
        return table if table is not None else as_read()[last]

    def briefing(on: Paper) -> Callable[[], bytes]:
        return lambda: png_bytes(
            title,
            frames,
            legend,
            provenance,
            colors=colors,
            lang=lang,
            paper=on,
            when=when,
            subtitle=subtitle,
            legend_title=legend_title,
            extent=extent,
            fitted=fitted,
        )

    out = {
        "csv": Download(
            "csv",
            message("exports.download.csv", lang),
            f"{stem}.csv",
            MIME_TYPES["csv"],
            lambda: csv_bytes(csv_source(), csv_prov, lang=lang),
        )
        if table is not None or len(frames) == 1
        else Download(  # every layer shown, one after the other, named in the first column
            "csv",
            message("exports.download.csv_layers", lang),
            f"{stem}.csv",
            MIME_TYPES["csv"],
            lambda: layers_csv_bytes(as_read(), provenance, lang=lang),
        ),
        "xlsx": Download(
            "xlsx",
            message("exports.download.xlsx", lang),
            f"{stem}.xlsx",
            MIME_TYPES["xlsx"],
            lambda: xlsx_bytes(as_read(), provenance, title=title, lang=lang, when=when, sheets=sheets),
        ),
        "png": Download(
            "png",
            message("exports.download.png_a4", lang),
            f"{stem}_A4_300dpi.png",
            MIME_TYPES["png"],
            briefing(paper),
        ),
        "png_screen": Download(
            "png_screen",
            message("exports.download.png_screen", lang),
            f"{stem}.png",
            MIME_TYPES["png"],
            briefing("screen"),
        ),
    }
    if html is not None:
        make_html = html if callable(html) else (lambda: html)
        out["html"] = Download(
            "html",
            message("exports.download.html", lang),
            f"{stem}.html",
            MIME_TYPES["html"],
            make_html,
        )
    return out

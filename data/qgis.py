"""What QGIS shows of the demo GeoPackage: each table's title and description in ``gpkg_contents``
and the atlas's styles (the map legend's colours) in ``layer_styles``, as the user stores have
them (geo/storage/styles.py). The last step of ``python -m data.build``; times are the build's date,
so the file stays the same on every build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from geo.storage import builtin
from geo.storage.styles import STYLES_TABLE, gpkg_describe, layer_description, write_styles
from layers.qgis_styles import builtin_styles

# Tables that are no layer of the map: their title and description in QGIS's browser.
TABLE_TITLES = {
    "layer_metadata": (
        "图层来源与精度",
        "各内置图层的中文名、精度等级（真实/转录/示意/合成）、来源、许可与坐标系",
    ),
}


def describe_for_qgis(path: Path, *, stamp: str) -> int:
    """Title, describe and style every table of the demo GeoPackage at ``path``.

    Parameters
    ----------
    path
        The demo GeoPackage, with its ``layer_metadata`` table.
    stamp
        The time written as each table's last change and each style's update time
        (``YYYY-MM-DDTHH:MM:SSZ``): the build's date, for a reproducible file.

    Returns
    -------
    int
        How many styles were written.
    """
    meta = builtin.layer_metadata(path=path)
    written = write_styles(path, builtin_styles(path=str(path)))
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        tables = [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name")]
        for table in tables:
            if table in meta.index:
                row = meta.loc[table].to_dict()
                gpkg_describe(con, table, str(row["title_zh"]), layer_description(row))
            elif table in TABLE_TITLES:
                gpkg_describe(con, table, *TABLE_TITLES[table])
        con.execute(f"UPDATE {STYLES_TABLE} SET update_time = ?", (stamp,))
        con.execute("UPDATE gpkg_contents SET last_change = ?", (stamp,))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return written

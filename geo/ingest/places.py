"""The bundled boundaries an import is held against: Suzhou's districts, its outline, Wujiang's 区镇.

Districts and the city outline are real (data/README.md); the 区镇 are schematic, so a point
found in another 区镇 than its address names is a remark to check, not proof.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import norm_header
from geo.spatial.crs import ANALYSIS_CRS
from geo.storage.builtin import builtin_source, builtin_stamp, load_layer
from geo.storage.schema import CITY_OUTLINE, DISTRICTS, WUJIANG_TOWN_ZONES

# Column names that hold an address (matched after geo.catalogue.norm_header).
ADDRESS_NAMES = ("地址", "详细地址", "注册地址", "经营地址", "生产经营地址", "住所", "address", "addr")


@dataclass(frozen=True)
class Places:
    """One kind of place: WGS-84 polygons, their names as stored, and the names an address may use."""

    what: str  # 区县 or 区镇
    names: tuple[str, ...]
    polygons: np.ndarray  # shapely polygons in WGS-84
    spellings: tuple[tuple[str, int], ...]  # (spelling, index), longest first


@dataclass(frozen=True)
class Bundled:
    districts: Places
    towns: Places
    boundary_m: shapely.STRtree  # district and city boundary segments in EPSG:4549 (frame fits)


def _spellings(names: list[str]) -> tuple[tuple[str, int], ...]:
    """Each name, and for 虎丘区（苏州高新区） also 虎丘区 and 苏州高新区."""
    out = []
    for i, name in enumerate(names):
        out.append((name, i))
        match = re.match(r"^(.*?)[（(](.*?)[）)]$", name)
        if match:
            out += [(match.group(1).strip(), i), (match.group(2).strip(), i)]
    return tuple(sorted({(s, i) for s, i in out if len(s) >= 2}, key=lambda si: -len(si[0])))


@functools.lru_cache(maxsize=2)
def _bundled(path: str, stamp: str) -> Bundled:
    districts = load_layer(DISTRICTS.name, path=path)
    towns = load_layer(WUJIANG_TOWN_ZONES.name, path=path)
    outline = load_layer(CITY_OUTLINE.name, path=path)
    rings = shapely.boundary(
        pd.concat([districts.geometry, outline.geometry]).to_crs(ANALYSIS_CRS).to_numpy()
    )
    lines = _segments(shapely.get_parts(rings))
    return Bundled(
        districts=Places(
            "区县",
            tuple(districts["name"]),
            districts.geometry.to_numpy(),
            _spellings(list(districts["name"])),
        ),
        towns=Places(
            "区镇", tuple(towns["name"]), towns.geometry.to_numpy(), _spellings(list(towns["name"]))
        ),
        boundary_m=shapely.STRtree(lines),
    )


def _segments(lines: np.ndarray) -> np.ndarray:
    """Each line cut into two-vertex segments (a tree of small boxes answers nearest fast)."""
    out = []
    for line in lines:
        xy = shapely.get_coordinates(line)
        out.append(shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1)))
    return np.concatenate(out) if out else np.empty(0, dtype=object)


def bundled(path: Path | str | None = None) -> Bundled:
    """The bundled real districts, city outline and schematic 区镇 (read once per store version;
    from PostGIS when ``$ATLAS_DATABASE_URL`` is set, else the demo GeoPackage)."""
    source = builtin_source(path)
    return _bundled(str(source), builtin_stamp(source)[1])


def named_in(texts: pd.Series, places: Places) -> np.ndarray:
    """Index of the place each text names (-1: none, or two different places named)."""
    out = np.full(len(texts), -1, dtype=np.int64)
    for k, text in enumerate(texts):
        if not isinstance(text, str) or not text.strip():
            continue
        hits = {i for spelling, i in places.spellings if spelling in text}
        if len(hits) == 1:
            out[k] = hits.pop()
    return out


def located_in(points: np.ndarray, places: Places) -> np.ndarray:
    """Index of the place containing each WGS-84 point (-1: none or no point)."""
    out = np.full(len(points), -1, dtype=np.int64)
    present = ~shapely.is_missing(points)
    for i, polygon in enumerate(places.polygons):
        shapely.prepare(polygon)
        inside = present & (out < 0)
        inside[inside] = shapely.contains(polygon, points[inside])
        out[inside] = i
    return out


def address_column(columns) -> str | None:
    """The table's address column, by name."""
    for name in ADDRESS_NAMES:
        for col in columns:
            n = norm_header(col)
            if n == name or (len(name) > 1 and n.endswith(name)):
                return col
    return None


def frame_points(geoms: gpd.GeoSeries) -> np.ndarray:
    """Points of a WGS-84 geometry column (polygons by a point on their surface)."""
    values = np.asarray(geoms.values, dtype=object)
    return shapely.point_on_surface(values)

"""The Suzhou-wide synthetic demo as the city pages and serve.py's view endpoint hold it: one copy
per server process and data set (size, seed), with the indexes of its points and parcels, shared by
every session (nothing is copied per session); and what a view's request is answered with.

No widgets here: serve.py imports this module to answer ``/_atlas/city/view`` from the same objects
the pages loaded. A request never loads or builds anything: it is answered only for a data set a
page has already loaded in this process (a request cannot start a build of minutes).
"""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from data.city import CITY_SEED, N_CITY, YEARS
from data.city_build import load_city
from geo import settings
from geo.city_view import BoundsIndex, build_bounds_index, grid_counts, in_bounds
from geo.errors import DataValidationError
from geo.messages import Lang, t
from geo.messages.names import firm_name, industry_name
from geo.place_names import place_name
from geo.spatial.crs import gcj02_to_wgs84, wgs84_to_gcj02

CELL_DEG = 0.02  # the city-zoom grid: about 2 km; 120,000 enterprises fall into some 2,000 cells
POINTS_MOST = 4_000  # enterprise points in one view's answer (zoom 13 over the densest town: ~2,500)
PARCELS_MOST = 3_000  # parcels in one view's answer (from zoom 15)
PARCEL_MARGIN_DEG = 0.005  # a parcel is found by its first corner: look this far beyond the view
COORD_DECIMALS = 5  # about 1 m
TOKEN_PURPOSE = "city-view"
CITY_YEAR = max(YEARS)


def city_size() -> int:
    """How many enterprises the city pages show: ``$ATLAS_CITY_N`` (tests use a few thousand), else
    the city's 120,000.

    Raises
    ------
    DataValidationError
        When ``$ATLAS_CITY_N`` is not a whole number of at least 100.
    """
    raw = settings.city_n()
    if not raw:
        return N_CITY
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 100:
        raise DataValidationError(
            f"环境变量 {settings.CITY_N_ENV}「{raw}」无效", hint="应为不小于 100 的整数，如 120000"
        )
    return n


def data_key(n_enterprises: int, seed: int = CITY_SEED) -> str:
    """The name of one data set of the city demo (what a view's request names)."""
    return f"city-{int(n_enterprises)}-{int(seed)}"


@dataclass(frozen=True)
class CityData:
    """One year of the city demo with what the maps need, held once per process."""

    key: str
    year: int
    enterprises: gpd.GeoDataFrame  # the year's enterprises (never modified)
    districts: gpd.GeoDataFrame
    dev_zones: gpd.GeoDataFrame
    metadata: pd.DataFrame
    lon: np.ndarray  # the enterprises' coordinates (WGS-84), by row of ``enterprises``
    lat: np.ndarray
    points: BoundsIndex  # the enterprises, by row of ``enterprises``
    cells: pd.DataFrame  # enterprises per grid cell (geo.city_view.grid_counts)
    parcel_index: BoundsIndex  # parcel rings by their first corner
    ring_xy: np.ndarray  # every ring's corners, lon/lat interleaved
    ring_start: np.ndarray  # ring k is ring_xy[2*ring_start[k]:2*ring_start[k+1]]
    ring_parcel: np.ndarray  # the parcel row of each ring
    parcel_id: np.ndarray
    parcel_mu: np.ndarray
    parcel_far: np.ndarray
    parcels: pd.DataFrame  # the parcels' attributes (no geometry) with their centre's ``lon``/``lat``

    @property
    def n_parcels(self) -> int:
        return int(self.parcel_id.size)


_loaded: dict[str, CityData] = {}
_evaluations: dict[tuple[str, str], np.ndarray] = {}
_parcel_styles: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
_lock = threading.Lock()
_loading: dict[str, threading.Lock] = {}


def _rings(parcels: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    parts, owner = shapely.get_parts(parcels.geometry.to_numpy(), return_index=True)
    rings = shapely.get_exterior_ring(parts)
    counts = shapely.get_num_coordinates(rings)
    xy = np.round(shapely.get_coordinates(rings), COORD_DECIMALS).reshape(-1)
    start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return xy, start, owner.astype(np.int64)


def _load(n_enterprises: int, seed: int, on_step) -> CityData:
    ents = load_city(
        "city_enterprise_years", year=CITY_YEAR, n_enterprises=n_enterprises, seed=seed, on_step=on_step
    )
    ents = ents.reset_index(drop=True)
    lon, lat = shapely.get_x(ents.geometry.values), shapely.get_y(ents.geometry.values)
    parcels = load_city("city_parcels", n_enterprises=n_enterprises, seed=seed)
    xy, start, owner = _rings(parcels)
    first = start[:-1] * 2
    centre = shapely.centroid(parcels.geometry.to_numpy())
    attrs = pd.DataFrame(parcels.drop(columns=parcels.geometry.name)).assign(
        lon=shapely.get_x(centre), lat=shapely.get_y(centre)
    )
    return CityData(
        key=data_key(n_enterprises, seed),
        year=CITY_YEAR,
        enterprises=ents,
        districts=load_city("city_districts", n_enterprises=n_enterprises, seed=seed),
        dev_zones=load_city("city_dev_zones", n_enterprises=n_enterprises, seed=seed),
        metadata=load_city("layer_metadata", n_enterprises=n_enterprises, seed=seed).set_index("layer"),
        lon=lon,
        lat=lat,
        points=build_bounds_index(lon, lat),
        cells=grid_counts(lon, lat, cell_deg=CELL_DEG),
        parcel_index=build_bounds_index(xy[first], xy[first + 1]),
        ring_xy=xy,
        ring_start=start,
        ring_parcel=owner,
        parcel_id=parcels["parcel_id"].astype(str).to_numpy(),
        parcel_mu=parcels["area_mu"].to_numpy(dtype="float64"),
        parcel_far=parcels["far"].to_numpy(dtype="float64"),
        parcels=attrs,
    )


def city_data(
    *, n_enterprises: int | None = None, seed: int = CITY_SEED, on_step: Callable[[str], None] | None = None
) -> CityData:
    """The city demo of ``n_enterprises`` (default :func:`city_size`), loaded (built on first use:
    minutes at 120,000) once per process; sessions asking meanwhile wait for that one load.
    ``on_step`` hears the build's steps (``data.city_build.BUILD_STEPS``) when this call builds."""
    n = city_size() if n_enterprises is None else int(n_enterprises)
    key = data_key(n, seed)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        pending = _loading.setdefault(key, threading.Lock())
    with pending:
        with _lock:
            if key in _loaded:
                return _loaded[key]
        data = _load(n, seed, on_step)
        with _lock:
            _loaded[key] = data
            _loading.pop(key, None)
    return data


@dataclass
class Build:
    """The city demo being loaded (built first if it is not cached) in a thread of its own, for the
    whole process: no session runs it, so a tab closed or a page left does not stop it, and every
    session asking meanwhile follows the same one. ``steps`` are the build's steps heard so far
    (``data.city_build.BUILD_STEPS``); ``failure`` is set when it failed."""

    key: str
    started: float
    steps: list[str] = field(default_factory=list)
    failure: DataValidationError | None = None
    finished: float | None = None


_builds: dict[str, Build] = {}


def build_in_background(*, n_enterprises: int, seed: int = CITY_SEED) -> Build:
    """The load of the city demo ``n_enterprises``: started in a thread unless one is under way or
    finished well (a failed one is started again), and returned for a page to follow."""
    key = data_key(n_enterprises, seed)
    with _lock:
        build = _builds.get(key)
        if build is not None and build.failure is None:
            return build
        build = _builds[key] = Build(key=key, started=time.monotonic())
    threading.Thread(
        target=_run_build, args=(build, n_enterprises, seed), name=f"city-build-{key}", daemon=True
    ).start()
    return build


def _run_build(build: Build, n_enterprises: int, seed: int) -> None:
    try:
        city_data(n_enterprises=n_enterprises, seed=seed, on_step=build.steps.append)
    except DataValidationError as exc:
        build.failure = exc
    except Exception as exc:  # noqa: BLE001 - a thread's failure must reach the page that waits
        build.failure = DataValidationError.of("city.build.failed", reason=f"{type(exc).__name__}: {exc}")
    finally:
        build.finished = time.monotonic()


def loaded(key: str) -> CityData | None:
    """The data set ``key`` if this process has loaded it (never loads)."""
    with _lock:
        return _loaded.get(key)


def keep_classes(key: str, scope: str, classes: np.ndarray) -> None:
    """Keep the classes (A–D/T, one per row of the data set's enterprises; "" outside the scope)
    of an evaluation in ``scope``, for the view endpoint to colour the points (one per scope)."""
    with _lock:
        _evaluations[(key, scope)] = classes


def keep_parcel_style(key: str, scope: str, fills: np.ndarray, below: np.ndarray) -> None:
    """Keep each parcel's fill colour and below-minimum flag (by parcel row) of the 用地强度 view in
    ``scope``, for the view endpoint's ``style=intensity`` answers (one per scope)."""
    with _lock:
        _parcel_styles[(key, scope)] = (np.asarray(fills, dtype=object), np.asarray(below, dtype=bool))


def _box(bbox: str, *, gcj: bool) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in bbox.split(","))
    except ValueError:
        raise DataValidationError(
            f"视图范围「{bbox[:80]}」无效", hint="应为 西,南,东,北 四个经纬度"
        ) from None
    if gcj:  # the view is in GCJ-02 on a Gaode basemap: the index is in WGS-84
        (west, east), (south, north) = gcj02_to_wgs84(np.array([west, east]), np.array([south, north]))
    return float(west), float(south), float(east), float(north)


def _out_xy(lon: np.ndarray, lat: np.ndarray, *, gcj: bool) -> tuple[list, list]:
    if gcj:
        lon, lat = wgs84_to_gcj02(lon, lat)
    return np.round(lon, COORD_DECIMALS).tolist(), np.round(lat, COORD_DECIMALS).tolist()


def _text(values) -> list[str]:
    return [html.escape(str(v)) if v is not None and v == v else "" for v in values]


def _figures(values: np.ndarray) -> list:
    return [None if not np.isfinite(v) else round(float(v), 1) for v in values]


def points_answer(data: CityData, box, *, gcj: bool, lang: Lang, scope: str | None = None) -> dict:
    """The enterprises in the view ``box`` (west, south, east, north; WGS-84): coordinates and
    their tooltip fields (enterprise-level: only for roles that may see them), at most
    :data:`POINTS_MOST`: a view holding more gets none, ``more`` and their number ``n`` (the map
    then asks to zoom in)."""
    rows, _ = in_bounds(data.points, west=box[0], south=box[1], east=box[2], north=box[3])
    if rows.size > POINTS_MOST:
        return {"x": [], "y": [], "more": True, "n": int(rows.size), "cols": []}
    ents = data.enterprises.iloc[rows]
    x, y = _out_xy(data.lon[rows], data.lat[rows], gcj=gcj)
    land = ents["land_mu"].to_numpy(dtype="float64")
    tax = ents["tax_wan_yuan"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        per_mu = np.where(land > 0, tax / land, np.nan)
    cols = [
        ("city.f.name", _text(ents["name"].map(lambda v: firm_name(v, lang), na_action="ignore"))),
        (
            "city.f.industry",
            _text(ents["industry"].map(lambda v: industry_name(v, lang), na_action="ignore")),
        ),
        ("city.f.district", _text(ents["district"].map(lambda v: place_name(v, lang), na_action="ignore"))),
        ("city.f.land_mu", _figures(land)),
        ("city.f.tax_per_mu", _figures(per_mu)),
    ]
    answer = {"x": x, "y": y, "more": False, "n": int(rows.size)}
    classes = _evaluations.get((data.key, scope)) if scope else None
    if classes is not None:
        answer["cls"] = [str(c) for c in classes[rows]]
        cols.append(("city.f.class", answer["cls"]))
    answer["cols"] = [{"label": html.escape(t(k, lang)), "v": v} for k, v in cols]
    return answer


def parcels_answer(data: CityData, box, *, gcj: bool, lang: Lang, style: str = "", scope: str = "") -> dict:
    """The parcels whose first corner lies in the view ``box`` widened by :data:`PARCEL_MARGIN_DEG`:
    rings (lon, lat interleaved) with 宗地编号, 面积 and 容积率, at most :data:`PARCELS_MOST` (a view
    holding more gets none, ``more`` and their number ``n``). ``style="intensity"``: also each
    ring's ``fill`` and ``below`` (1: below a control minimum) as the 用地强度 view of ``scope``
    kept them (:func:`keep_parcel_style`), with 建筑系数 and the verdict in the tooltip."""
    m = PARCEL_MARGIN_DEG
    rings, _ = in_bounds(
        data.parcel_index, west=box[0] - m, south=box[1] - m, east=box[2] + m, north=box[3] + m
    )
    if rings.size > PARCELS_MOST:
        return {"rings": [], "more": True, "n": int(rings.size), "cols": []}
    out = []
    for k in rings:
        xy = data.ring_xy[2 * data.ring_start[k] : 2 * data.ring_start[k + 1]]
        if gcj:
            lon, lat = wgs84_to_gcj02(xy[0::2], xy[1::2])
            xy = np.column_stack([lon, lat]).reshape(-1)
        out.append(np.round(xy, COORD_DECIMALS).tolist())
    owner = data.ring_parcel[rings]
    cols = [
        ("city.f.parcel", _text(data.parcel_id[owner])),
        ("city.f.area_mu", _figures(data.parcel_mu[owner])),
        ("city.f.far", _figures(data.parcel_far[owner])),
    ]
    answer = {"rings": out, "more": False, "n": int(rings.size)}
    styled = _parcel_styles.get((data.key, scope)) if style == "intensity" else None
    if styled is not None:
        fills, below = styled
        answer["fill"] = [str(c) for c in fills[owner]]
        answer["below"] = below[owner].astype(int).tolist()
        yes, no = t("city.yes", lang), t("city.no", lang)
        cols += [
            ("city.f.coverage", _figures(data.parcels["coverage_pct"].to_numpy(dtype="float64")[owner])),
            ("city.f.below", [yes if b else no for b in below[owner]]),
        ]
    answer["cols"] = [{"label": html.escape(t(k, lang)), "v": v} for k, v in cols]
    return answer


def view_answer(
    key: str, kind: str, bbox: str, *, gcj: bool = False, lang: str = "zh", scope: str = "", style: str = ""
) -> bytes:
    """The JSON bytes answering a view's request for ``kind`` ("points" or "parcels") of the data
    set ``key`` inside ``bbox`` ("west,south,east,north"). The caller has checked the role.

    Raises
    ------
    DataValidationError
        For an unknown kind, a data set this process has not loaded, or a bad box.
    """
    if kind not in ("points", "parcels"):
        raise DataValidationError(f"未知的图层种类「{kind[:40]}」", hint="应为 points 或 parcels")
    data = loaded(key)
    if data is None:
        raise DataValidationError(f"数据集「{key[:60]}」尚未载入", hint="请先打开全市页面")
    box = _box(bbox, gcj=gcj)
    lang = "en" if lang == "en" else "zh"
    if kind == "points":
        answer = points_answer(data, box, gcj=gcj, lang=lang, scope=scope or None)
    else:
        answer = parcels_answer(data, box, gcj=gcj, lang=lang, style=style, scope=scope)
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


__all__ = [
    "CELL_DEG",
    "TOKEN_PURPOSE",
    "Build",
    "CityData",
    "build_in_background",
    "city_data",
    "city_size",
    "data_key",
    "keep_classes",
    "keep_parcel_style",
    "loaded",
    "parcels_answer",
    "points_answer",
    "view_answer",
]

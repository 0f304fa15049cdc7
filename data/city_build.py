"""The Suzhou-wide demo GeoPackage: built on first use, cached outside the source tree.

Layers (all EPSG:4326; see data/README.md "City demo"):
- ``city_districts``: the 9 districts (real boundaries, from ``data/atlas.gpkg``'s ``districts``);
- ``city_dev_zones``: the development zones the seeds name (the carrier parks of seed 000's table,
  schematic circles, from ``dev_zones``) with the district their centre lies in;
- ``city_enterprise_years``: the synthetic enterprises of 2021 and 2022 (:mod:`data.city`), with
  ``district`` and ``dev_zone`` (by location; empty outside every zone) and land from their parcels;
- ``city_parcels``: their parcels (``data/parcels.py``, per district, its own generator) and some idle;
- ``layer_metadata``: provenance of each, the enterprises and parcels labelled synthetic.

At 120,000 enterprises the file is tens of MB, so it is not committed: :func:`city_gpkg` builds it
the first time it is asked for (a few minutes; ``python -m data.city_build`` does it ahead) into
``data/cache/`` (git-ignored; ``$ATLAS_CITY_CACHE`` moves it). The build is deterministic (fixed
seeds, fixed build date); two processes asking at once wait for one build under a lock, and the file
appears by an atomic rename, never half-written. Wujiang's own layers in ``data/atlas.gpkg`` are
read, never written.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from data.city import CITY_SEED, DISTRICT_NAMES, N_CITY, YEAR_COLUMNS, YEARS, enterprise_years
from data.parcels import N_IDLE, build_parcels
from geo import settings
from geo.evaluation.metrics import assign_zones
from geo.spatial.crs import ANALYSIS_CRS, STORAGE_CRS
from geo.storage.builtin import DEFAULT_GPKG, load_layer, write_layers
from geo.storage.schema import LAYER_METADATA, PARCELS

BUILD_VERSION = 1  # bump when the city build changes: a new cache file is made
BUILD_DATE = "2026-12-06"
CACHE_ENV = settings.CITY_CACHE_ENV
COORD_DECIMALS = 6
PARCEL_SEED_OFFSET = 28  # issue 28: the parcels of district k draw from default_rng([seed + 28 + k, 11])
IDLE_SHARE = N_IDLE / 16_766  # idle parcels per enterprise, as in the Wujiang demo (420 of 16,766)
# data/parcels.py's attribute tables are keyed by the Wujiang industries: the nearest one of each.
PARCEL_INDUSTRY = {
    "新一代电子信息": "新一代信息技术",
    "高端装备制造": "高端装备",
    "新材料": "新材料",
    "软件和集成电路": "新一代信息技术",
    "新能源和节能环保": "高端装备",
    "医疗器械和生物医药": "生物医药和医疗器械",
    "其他制造业": "其他制造业",
}
# The Wujiang parcels' columns (geo.storage.schema.PARCELS) with the district where those have the 区镇.
PARCEL_COLUMNS = tuple("district" if c == "town" else c for c in PARCELS.columns)
# The build's steps, in order, as a caller's ``on_step`` hears them (the page shows each).
BUILD_STEPS = ("zones", "enterprises", "parcels", "dev_zones", "write")
# Seconds the first build takes per enterprise on the 2-core reference machine (shared by other work;
# measured: 3,000 in 12–36 s, 20,000 in 157 s, of which the parcels 132 s, writing 4 s): about 16
# minutes at 120,000 (linear: the parcels are made per district). Only to tell the user the wait.
BUILD_SECONDS_PER_ENTERPRISE = 0.008
LAYERS = ("city_districts", "city_dev_zones", "city_enterprise_years", "city_parcels", "layer_metadata")


def cache_dir() -> Path:
    """Where the city GeoPackages are cached: ``$ATLAS_CITY_CACHE`` or ``data/cache`` (git-ignored)."""
    return settings.city_cache_dir()


def zone_layers(source: Path = DEFAULT_GPKG) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The districts and development zones of the city demo, from the bundled GeoPackage."""
    districts = load_layer("districts", path=source)
    dev = load_layer("dev_zones", path=source)
    centres = shapely.centroid(dev.to_crs(ANALYSIS_CRS).geometry.to_numpy())
    centres = gpd.GeoDataFrame({"c": range(len(dev))}, geometry=centres, crs=ANALYSIS_CRS).to_crs(STORAGE_CRS)
    where = assign_zones(centres.assign(ent_id=range(len(dev))), districts, zone_id="name").zone
    dev = dev.assign(district=where.astype(object).to_numpy())
    cols = ["zone_id", "name", "level", "district", "industries", "radius_km", "area_km2", "geometry"]
    return districts[["adcode", "name", "name_en", "kind", "area_km2", "geometry"]], dev[cols]


def _parcels(
    districts: gpd.GeoDataFrame, ents: pd.DataFrame, *, seed: int
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Parcels of every enterprise, district by district; enterprises moved into them."""
    parcels, moved = [], []
    geoms = districts.set_index("name").geometry
    for k, name in enumerate(DISTRICT_NAMES):
        here = ents[ents["district"] == name]
        if here.empty:
            continue
        zone = gpd.GeoDataFrame({"name": [name]}, geometry=[geoms[name]], crs=districts.crs)
        frame = gpd.GeoDataFrame(
            {
                "ent_id": here["ent_id"].to_numpy(),
                "town": name,
                "industry": here["industry"].map(PARCEL_INDUSTRY).to_numpy(),
                "land_mu": here["land_mu"].to_numpy(),
                "tax_wan_yuan": here["tax_wan_yuan"].to_numpy(),
            },
            geometry=gpd.points_from_xy(here["x"], here["y"]),
            crs=ANALYSIS_CRS,
        )
        n_idle = max(1, int(round(IDLE_SHARE * len(here))))
        p, e = build_parcels(zone, frame, seed=seed + PARCEL_SEED_OFFSET + k, n_idle=n_idle)
        adcode = districts.set_index("name").loc[name, "adcode"]
        p["parcel_id"] = p["parcel_id"].str.replace("ZD-XZ", f"ZD-{adcode}-XZ", regex=False)
        parcels.append(p.rename(columns={"town": "district"}))
        moved.append(e[["ent_id", "land_mu", "geometry"]])
    out_p = pd.concat(parcels, ignore_index=True).sort_values("parcel_id", kind="stable")
    out_p = gpd.GeoDataFrame(out_p[list(PARCEL_COLUMNS)], geometry=out_p.geometry.values, crs=STORAGE_CRS)
    out_e = gpd.GeoDataFrame(pd.concat(moved, ignore_index=True), geometry="geometry", crs=STORAGE_CRS)
    return out_p.reset_index(drop=True), out_e


def _quiet(step: str) -> None:
    """The default ``on_step``: nobody listens."""


def build_city(
    *,
    n_enterprises: int = N_CITY,
    seed: int = CITY_SEED,
    source: Path = DEFAULT_GPKG,
    on_step: Callable[[str], None] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every layer of the city demo, in memory (see the module docstring). ``on_step`` is called
    with each step of :data:`BUILD_STEPS` (but the last, ``write``: :func:`city_gpkg`'s) as it starts."""
    if n_enterprises < 100:
        raise ValueError("n_enterprises must be at least 100")
    step = on_step or _quiet
    step("zones")
    districts, dev = zone_layers(source)
    step("enterprises")
    y2022, y2021 = enterprise_years(districts, dev, n_enterprises=n_enterprises, seed=seed)
    union = pd.concat([y2022, y2021[~y2021["ent_id"].isin(y2022["ent_id"])]], ignore_index=True)
    step("parcels")
    parcels, moved = _parcels(districts, union, seed=seed)
    step("dev_zones")
    moved = moved.set_index("ent_id")
    pts = gpd.GeoDataFrame({"ent_id": moved.index}, geometry=moved.geometry.values, crs=STORAGE_CRS)
    in_zone = assign_zones(pts, dev, zone_id="name").zone.astype(object).fillna("").to_numpy()
    dev_zone = pd.Series(in_zone, index=moved.index)
    frames = []
    for year_frame in (y2021, y2022):
        ids = year_frame["ent_id"]
        out = year_frame.assign(
            land_mu=ids.map(moved["land_mu"]).to_numpy(), dev_zone=ids.map(dev_zone).to_numpy()
        )
        frames.append(gpd.GeoDataFrame(out[list(YEAR_COLUMNS)], geometry=moved.geometry.reindex(ids).values))
    years = pd.concat(frames, ignore_index=True)
    years = gpd.GeoDataFrame(years, geometry="geometry", crs=STORAGE_CRS)
    return {
        "city_districts": districts,
        "city_dev_zones": dev,
        "city_enterprise_years": years,
        "city_parcels": parcels,
        "layer_metadata": metadata(n_enterprises=n_enterprises, seed=seed, source=source),
    }


def metadata(*, n_enterprises: int, seed: int, source: Path = DEFAULT_GPKG) -> pd.DataFrame:
    """Provenance of the city layers: boundaries as in the bundled file, the rest labelled synthetic."""
    bundled = load_layer("layer_metadata", path=source).set_index("layer")
    rows = []
    for layer, base in (("city_districts", "districts"), ("city_dev_zones", "dev_zones")):
        row = bundled.loc[base]
        rows.append(
            (layer, row.title_zh, row.title_en, row.accuracy, row.source, row.licence, row.crs, row.note)
        )
    rows += [
        (
            "city_enterprise_years",
            "苏州全市企业逐年数据 2021–2022（合成）",
            "Suzhou enterprises by year 2021–2022 (synthetic)",
            "synthetic",
            f"随机生成（种子 {seed}，{n_enterprises:,} 家/2022 年）：2022 年规上企业数与规上销售总额按"
            "《全面提升苏州制造业高质量发展核心竞争力》（2023）的 13383 家、4.36 万亿元（产值视同销售）"
            "按规模比例校准；"
            "各板块行业结构按《关于苏州市推进数字经济时代产业创新集群发展的指导意见》第 13 条集群重点，"
            "重点产业企业集聚于《苏州市“十三五”工业发展规划》所列承载园区",
            "本项目",
            "EPSG:4326",
            "合成数据，不代表任何真实企业；各板块企业数占比、行业结构、财务比率与亩均税收目标均为假设；"
            "2021 年由 2022 年按行业增速回推",
        ),
        (
            "city_parcels",
            "苏州全市工业宗地（合成）",
            "Suzhou industrial parcels (synthetic)",
            "synthetic",
            f"随机生成（种子 {seed}），按板块以吴江示例的宗地方法布置（data/parcels.py），另有闲置宗地；"
            "企业用地面积为其宗地在 EPSG:4549 中的面积之和",
            "本项目",
            "EPSG:4326",
            "合成数据，不代表任何真实宗地",
        ),
    ]
    meta = pd.DataFrame(rows, columns=list(LAYER_METADATA.columns))
    meta["built"] = BUILD_DATE
    return meta


def city_path(*, n_enterprises: int = N_CITY, seed: int = CITY_SEED, directory: Path | None = None) -> Path:
    """Where the city GeoPackage of ``n_enterprises`` and ``seed`` is cached (built or not)."""
    directory = Path(directory) if directory is not None else cache_dir()
    return directory / f"city-{int(n_enterprises)}-{int(seed)}-v{BUILD_VERSION}.gpkg"


def city_cached(*, n_enterprises: int = N_CITY, seed: int = CITY_SEED, directory: Path | None = None) -> bool:
    """Whether the city GeoPackage is already built (else the first use builds it: minutes)."""
    return city_path(n_enterprises=n_enterprises, seed=seed, directory=directory).exists()


def derived_frame(
    name: str,
    make: Callable[[], pd.DataFrame],
    *,
    n_enterprises: int = N_CITY,
    seed: int = CITY_SEED,
    directory: Path | None = None,
) -> pd.DataFrame:
    """A frame computed from the cached city GeoPackage by ``make`` (seconds at 120,000), kept
    beside it as ``<gpkg>.<name>.parquet`` so that other processes (a restarted server) read it at
    once. The file names the GeoPackage's size and time of change: a rebuilt city computes it anew.
    Written to a temporary file and moved into place, so a reader never sees half of it."""
    gpkg = city_path(n_enterprises=n_enterprises, seed=seed, directory=directory)
    stat = gpkg.stat()
    path = gpkg.with_name(f"{gpkg.stem}.{name}.{stat.st_size}-{stat.st_mtime_ns}.parquet")
    if path.exists():
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError):  # a damaged file: computed anew below
            pass
    frame = make()
    fd, tmp = tempfile.mkstemp(dir=gpkg.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        frame.to_parquet(tmp)
        os.replace(tmp, path)
    except OSError:  # a read-only cache: the frame is still returned
        Path(tmp).unlink(missing_ok=True)
    return frame


def build_minutes(n_enterprises: int) -> int:
    """About how many minutes the first build of ``n_enterprises`` takes (at least 1)."""
    return max(1, round(n_enterprises * BUILD_SECONDS_PER_ENTERPRISE / 60))


def city_gpkg(
    *,
    n_enterprises: int = N_CITY,
    seed: int = CITY_SEED,
    directory: Path | None = None,
    on_step: Callable[[str], None] | None = None,
) -> Path:
    """The cached city GeoPackage, built (deterministically) by the first caller.

    Parameters
    ----------
    n_enterprises, seed
        What to build (the city's 120,000 by default; tests use a few thousand).
    directory
        The cache directory; default :func:`cache_dir`.
    on_step
        Called with each step of :data:`BUILD_STEPS` as it starts, when this call builds.
    """
    path = city_path(n_enterprises=n_enterprises, seed=seed, directory=directory)
    directory = path.parent
    if path.exists():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    lock = os.open(path.with_name(path.name + ".build-lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second process waits here, then finds the file
        if path.exists():
            return path
        frames = build_city(n_enterprises=n_enterprises, seed=seed, on_step=on_step)
        (on_step or _quiet)("write")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-build-", suffix=".gpkg", dir=directory)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            write_layers(frames, path=tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".lock").unlink(missing_ok=True)
    finally:
        os.close(lock)
    return path


def city_year_gpkg(
    year: int, *, n_enterprises: int = N_CITY, seed: int = CITY_SEED, directory: Path | None = None
) -> Path:
    """One year of the city demo in a GeoPackage of its own (``city_districts``, ``city_dev_zones``
    and that year's ``city_enterprises``; about 31 MB at 120,000 enterprises), under the 50 MB
    file limit of ``python -m geo.cli evaluate``; made from :func:`city_gpkg` on first use, atomically."""
    import pyogrio

    if year not in YEARS:
        raise ValueError(f"the city demo has the years {', '.join(map(str, YEARS))}, not {year}")
    source = city_gpkg(n_enterprises=n_enterprises, seed=seed, directory=directory)
    path = source.with_name(f"{source.stem}-{year}.gpkg")
    if path.exists():
        return path
    lock = os.open(path.with_name(path.name + ".build-lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return path
        frames = {
            name: pyogrio.read_dataframe(source, layer=name) for name in ("city_districts", "city_dev_zones")
        }
        frames["city_enterprises"] = pyogrio.read_dataframe(
            source, layer="city_enterprise_years", where=f"year = {int(year)}"
        )
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-build-", suffix=".gpkg", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            for name, frame in frames.items():
                pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG")
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    finally:
        os.close(lock)
    return path


def load_city(
    layer: str,
    *,
    year: int | None = None,
    n_enterprises: int = N_CITY,
    seed: int = CITY_SEED,
    directory: Path | None = None,
    on_step: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """One layer of the city demo (building the cache first if needed); ``year`` picks one year
    of ``city_enterprise_years``; ``directory`` and ``on_step`` as for :func:`city_gpkg`."""
    import pyogrio

    if layer not in LAYERS:
        raise ValueError(f"unknown city layer {layer!r}; one of {', '.join(LAYERS)}")
    path = city_gpkg(n_enterprises=n_enterprises, seed=seed, directory=directory, on_step=on_step)
    where = f"year = {int(year)}" if year is not None and layer == "city_enterprise_years" else None
    frame = pyogrio.read_dataframe(path, layer=layer, where=where)
    if "above_scale" in frame.columns:
        frame["above_scale"] = frame["above_scale"].astype(bool)
    if "idle" in frame.columns:
        frame["idle"] = frame["idle"].astype(bool)
    return frame


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build (or find) the cached Suzhou-wide demo GeoPackage")
    parser.add_argument("--n", type=int, default=N_CITY, help="enterprises in 2022 (default 120,000)")
    parser.add_argument("--seed", type=int, default=CITY_SEED)
    parser.add_argument(
        "--year-files", action="store_true", help="also one GeoPackage per year (for geo.cli evaluate)"
    )
    args = parser.parse_args(argv)
    out = city_gpkg(n_enterprises=args.n, seed=args.seed)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)")
    if args.year_files:
        for year in YEARS:
            one = city_year_gpkg(year, n_enterprises=args.n, seed=args.seed)
            print(f"{one} ({one.stat().st_size / 1e6:.1f} MB)")


__all__ = [
    "BUILD_STEPS",
    "LAYERS",
    "build_city",
    "build_minutes",
    "city_cached",
    "city_path",
    "cache_dir",
    "city_gpkg",
    "city_year_gpkg",
    "derived_frame",
    "load_city",
    "metadata",
    "zone_layers",
]

if __name__ == "__main__":
    main()

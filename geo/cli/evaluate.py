"""``python -m geo.cli evaluate``: the yearly 亩均 batch run from files to CSV or GeoPackage.

Zones (GeoPackage, GeoJSON, shapefile) + an enterprise table (CSV, XLSX, GeoPackage, GeoJSON)
+ an optional evaluation YAML in; per-zone metrics, per-enterprise classes, the D-class
low-efficiency land list and the land renewal could free per zone out.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo.crs import FRAMES, STORAGE_CRS, convert_coords
from geo.errors import DataValidationError
from geo.evaluation import (
    CLASSES,
    EVALUATION_LABELS,
    evaluate,
    land_renewal_by_zone,
    load_config,
    low_efficiency_land,
)
from geo.metrics import (
    ID_COL,
    ZONE_COL,
    assign_zones,
    assign_zones_by_column,
    check_zones,
    zone_metric_labels,
    zone_metrics,
)

_ZONE_ID_CANDIDATES = ("name", "zone_id", "town_id", "park_id", "code", "名称", "区镇")
_LON_NAMES = ("lon", "lng", "longitude", "经度")
_LAT_NAMES = ("lat", "latitude", "纬度")
_TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")
OUTPUT_FILES = {
    "zones": "zone_metrics",
    "enterprises": "enterprise_classes",
    "low_land": "low_efficiency_land",
    "renewal": "land_renewal_by_zone",
    "outside": "outside_enterprises",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` subcommand."""
    p = subparsers.add_parser(
        "evaluate",
        help="亩均效益评价：区域指标 + 企业 A/B/C/D 分类",
        description=(
            "读入区域边界与企业表，按位置（或区镇名称字段）把企业归入区域，计算各区域总量与亩均指标，"
            "并按评价配置给每家企业打分、排名、分 A/B/C/D 类；输出 CSV 或 GeoPackage。"
        ),
    )
    p.add_argument("zones", type=Path, help="区域边界文件（.gpkg/.geojson/.shp/.zip）")
    p.add_argument("enterprises", type=Path, help="企业表（.csv/.xlsx/.gpkg/.geojson）")
    p.add_argument(
        "-c", "--config", type=Path, default=None, help="评价配置 YAML（缺省用 geo/evaluation.yaml）"
    )
    p.add_argument("-o", "--out", type=Path, required=True, help="输出目录（CSV）或 .gpkg 文件")
    p.add_argument("--format", choices=("csv", "gpkg"), default=None, help="输出格式；缺省按 --out 的扩展名")
    p.add_argument("--zones-layer", default=None, help="区域文件中的图层名")
    p.add_argument("--enterprises-layer", default=None, help="企业文件中的图层名或 Excel 工作表名")
    p.add_argument("--zone-id", default=None, help="区域名称/编码字段（缺省 name）")
    p.add_argument(
        "--zone-column", default=None, help="按企业表中的区镇名称/编码字段归属，而不是按位置（如 town）"
    )
    p.add_argument(
        "--coords",
        choices=FRAMES,
        default="wgs84",
        help="企业表经纬度的坐标系：wgs84（缺省）、gcj02（高德/腾讯）、bd09（百度）",
    )
    p.add_argument("--lon-col", default=None, help="经度字段（缺省自动识别 lon/lng/经度）")
    p.add_argument("--lat-col", default=None, help="纬度字段（缺省自动识别 lat/纬度）")
    p.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="输出表头：en 英文字段名（缺省），zh 中文"
    )
    p.set_defaults(func=run)


# --------------------------------------------------------------------------- reading


def _read_vector(path: Path, layer: str | None, what: str) -> gpd.GeoDataFrame:
    if not path.exists():
        raise DataValidationError(f"找不到{what}文件 {path}", hint="请检查路径")
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
        if layer is not None and layer not in layers:
            raise DataValidationError(
                f"{what}文件 {path.name} 中没有图层「{layer}」", hint=f"现有图层：{'、'.join(layers)}"
            )
        if layer is None and len(layers) > 1:
            raise DataValidationError(
                f"{what}文件 {path.name} 有多个图层", hint=f"请用参数指定图层：{'、'.join(layers)}"
            )
        return pyogrio.read_dataframe(path, layer=layer)
    except pyogrio.errors.DataSourceError as exc:
        raise DataValidationError(f"无法读取{what}文件 {path.name}：{exc}", hint="请确认文件格式") from exc


def _read_table(path: Path, sheet: str | None) -> pd.DataFrame:
    if not path.exists():
        raise DataValidationError(f"找不到企业文件 {path}", hint="请检查路径")
    dtype = {ID_COL: str}
    if path.suffix.lower() == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return pd.read_csv(path, dtype=dtype, encoding=encoding)
            except UnicodeDecodeError:
                continue
        raise DataValidationError(f"无法识别 {path.name} 的文字编码", hint="请另存为 UTF-8 编码的 CSV")
    return pd.read_excel(path, sheet_name=sheet or 0, dtype=dtype)


def _pick(columns: list[str], given: str | None, names: tuple[str, ...]) -> str | None:
    if given is not None:
        if given not in columns:
            raise DataValidationError(f"企业表中没有字段「{given}」")
        return given
    lowered = {str(c).strip().lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def read_enterprises(
    path: Path,
    *,
    layer: str | None = None,
    coords: str = "wgs84",
    lon_col: str | None = None,
    lat_col: str | None = None,
) -> tuple[pd.DataFrame, str | None]:
    """The enterprise table, with WGS-84 point geometry when it has lon/lat columns or geometry.

    Returns the frame and a note about how coordinates were read (or None).
    """
    if path.suffix.lower() not in _TABLE_SUFFIXES:
        frame = _read_vector(path, layer, "企业")
        if isinstance(frame, gpd.GeoDataFrame) and frame.crs is None:
            raise DataValidationError(
                f"企业文件 {path.name} 没有坐标参考系（CRS）",
                hint="本工具不会猜测坐标系；请在 GIS 软件中指定后再导出",
            )
        if ID_COL in frame.columns:
            frame[ID_COL] = frame[ID_COL].astype(str)
        return frame, None
    table = _read_table(path, layer)
    columns = [str(c) for c in table.columns]
    lon, lat = _pick(columns, lon_col, _LON_NAMES), _pick(columns, lat_col, _LAT_NAMES)
    if lon is None or lat is None:
        return table, None
    x = pd.to_numeric(table[lon], errors="coerce").to_numpy(dtype="float64")
    y = pd.to_numeric(table[lat], errors="coerce").to_numpy(dtype="float64")
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.any() and not ((np.abs(x[ok]) <= 180).all() and (np.abs(y[ok]) <= 90).all()):
        raise DataValidationError(
            f"字段「{lon}」「{lat}」的值不像经纬度（度）",
            hint="表格坐标须为经纬度；投影坐标请先在 GIS 软件中转换，或改用 --zone-column 按名称归属",
        )
    if coords != "wgs84":
        x, y = convert_coords(x, y, src=coords, dst="wgs84")
    geometry = gpd.points_from_xy(x, y)
    geometry[~ok] = None
    frame = gpd.GeoDataFrame(table, geometry=geometry, crs=STORAGE_CRS)
    note = f"经纬度取自字段「{lon}」「{lat}」，按 {coords.upper()} 解读" + (
        "（如为高德坐标请加 --coords gcj02）" if coords == "wgs84" else "，已转换为 WGS-84"
    )
    return frame, note


def _zone_id(zones: pd.DataFrame, given: str | None) -> str:
    if given is not None:
        return given
    for name in _ZONE_ID_CANDIDATES:
        if name in zones.columns:
            return name
    raise DataValidationError(
        "区域图层中找不到名称/编码字段",
        hint=f"请用 --zone-id 指定；现有字段：{'、'.join(str(c) for c in zones.columns if c != 'geometry')}",
    )


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-（）()\[\]【】:：/]", "", unicodedata.normalize("NFKC", str(text)).lower())


# Exact header names (after dropping spaces and brackets) taken for each standard column; a
# header naming another unit (e.g. 税收（元）) is not among them and is left alone.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "ent_id": ("企业编号", "统一社会信用代码", "信用代码", "企业代码"),
    "name": ("企业名称", "单位名称", "名称"),
    "industry": ("行业", "所属行业", "产业"),
    "town": ("区镇", "所在区镇", "所属区镇", "乡镇"),
    "land_mu": ("用地面积亩", "用地亩", "用地面积"),
    "sales_wan_yuan": ("销售收入万元", "营业收入万元", "主营业务收入万元"),
    "tax_wan_yuan": ("税收万元", "实缴税金万元", "税收总额万元"),
    "value_added_wan_yuan": ("增加值万元", "工业增加值万元"),
    "energy_tce": ("综合能耗吨标准煤", "综合能耗吨标煤", "能耗吨标准煤", "能耗吨标煤"),
    "electricity_kwh": ("用电量千瓦时", "用电量kwh", "用电千瓦时"),
    "employees": ("从业人员人", "从业人员", "职工人数"),
    "rd_wan_yuan": ("研发经费万元", "r&d经费万元"),
    "above_scale": ("是否规上", "规上", "规模以上"),
}


def standard_columns(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename Chinese headers that name a standard column exactly (unit included), e.g.
    ``税收（万元）`` -> ``tax_wan_yuan``; columns already standard are kept. Returns the renamed
    copy and the renames made (standard -> original)."""
    normed = {_norm(c): c for c in frame.columns if isinstance(c, str)}
    renames: dict[str, str] = {}
    for target, names in HEADER_NAMES.items():
        if target in frame.columns:
            continue
        source = next((normed[_norm(n)] for n in names if _norm(n) in normed), None)
        if source is not None and source not in renames.values():
            renames[target] = source
    if not renames:
        return frame, {}
    out = frame.rename(columns={src: dst for dst, src in renames.items()})
    if ID_COL in renames:
        out[ID_COL] = out[ID_COL].astype(str)
    return out, renames


# --------------------------------------------------------------------------- writing


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame without geometry, with lon/lat (WGS-84) columns for located rows."""
    if not isinstance(frame, gpd.GeoDataFrame):
        return frame
    geoms = frame.geometry
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    points = geoms.notna() & (geoms.geom_type == "Point")
    if points.any() and points.sum() == geoms.notna().sum() and frame.crs is not None:
        wgs = geoms.to_crs(STORAGE_CRS).to_numpy()
        out["lon"] = shapely.get_x(wgs)
        out["lat"] = shapely.get_y(wgs)
    return out


def _labelled(frame: pd.DataFrame, lang: str, labels: dict[str, str]) -> pd.DataFrame:
    if lang != "zh":
        return frame
    extra = {"lon": "经度（WGS-84）", "lat": "纬度（WGS-84）"}
    renamed = frame.rename(columns={**labels, **extra})
    if renamed.index.name in labels:
        renamed.index.name = labels[renamed.index.name]
    return renamed


def _write_csv(outputs: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for key, frame in outputs.items():
        path = out_dir / f"{OUTPUT_FILES[key]}.csv"
        index = key in ("zones", "renewal")
        _plain(frame).to_csv(path, index=index, encoding="utf-8-sig")
        written.append(path)
    return written


def _write_gpkg(outputs: dict[str, pd.DataFrame], path: Path) -> list[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    for key, frame in outputs.items():
        if key in ("zones", "renewal"):
            frame = frame.reset_index()
        if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.notna().any():
            frame = frame.to_crs(STORAGE_CRS)
        else:
            frame = _plain(frame)
        pyogrio.write_dataframe(frame, path, layer=OUTPUT_FILES[key], driver="GPKG")
    return [path]


# --------------------------------------------------------------------------- the command


def run(args: argparse.Namespace) -> int:
    """Run the evaluation from the parsed arguments; print a summary; return the exit status.

    Per-zone metrics need only ids, locations (or a zone column) and amounts; when the table
    cannot be classed (e.g. no ``above_scale`` column) they are still written, the reason is
    printed and the status is 2.
    """
    config = load_config(args.config)
    zones = _read_vector(args.zones, args.zones_layer, "区域")
    zone_id = _zone_id(zones, args.zone_id)
    check_zones(zones, zone_id=zone_id)
    enterprises, coord_note = read_enterprises(
        args.enterprises,
        layer=args.enterprises_layer,
        coords=args.coords,
        lon_col=args.lon_col,
        lat_col=args.lat_col,
    )
    enterprises, renamed = standard_columns(enterprises)
    if args.zone_column is not None:
        assignment = assign_zones_by_column(enterprises, zones[zone_id], column=args.zone_column)
    else:
        if not isinstance(enterprises, gpd.GeoDataFrame):
            raise DataValidationError(
                "企业表没有经纬度，无法按位置归入区域",
                hint="请提供 lon/lat（经度/纬度）字段，或用 --zone-column 指定区镇名称字段",
            )
        assignment = assign_zones(enterprises, zones, zone_id=zone_id)
    metrics = zone_metrics(enterprises, assignment, zones=zones, zone_id=zone_id)
    zone_geoms = zones.set_index(zone_id).geometry.reindex(metrics.index)
    zone_frame = gpd.GeoDataFrame(metrics, geometry=zone_geoms.to_numpy(), crs=zones.crs)
    outputs: dict[str, pd.DataFrame] = {"zones": zone_frame}
    try:
        result = evaluate(enterprises, config=config, zone=assignment.zone)
    except DataValidationError as exc:
        result, failure = None, exc
        outputs["outside"] = enterprises[enterprises[ID_COL].isin(assignment.outside_ids)]
    else:
        failure = None
        classes = result.enterprises
        outputs.update(
            {
                "enterprises": classes,
                "low_land": low_efficiency_land(classes),
                "renewal": land_renewal_by_zone(classes),
                "outside": classes[classes[ID_COL].isin(assignment.outside_ids)],
            }
        )

    fmt = args.format or ("gpkg" if args.out.suffix.lower() == ".gpkg" else "csv")
    if fmt == "csv":
        outputs = {
            k: _labelled(v, args.lang, zone_metric_labels() if k == "zones" else EVALUATION_LABELS)
            for k, v in outputs.items()
        }
        written = _write_csv(outputs, args.out)
    else:
        written = _write_gpkg(outputs, args.out if args.out.suffix else args.out.with_suffix(".gpkg"))

    print(f"区域 {len(metrics)} 个，企业 {len(enterprises)} 家")
    if result is not None:
        classes = result.enterprises
        counts = classes["eval_class"].value_counts().reindex(list(CLASSES), fill_value=0)
        print(
            f"参评 {int(classes['scored'].sum())} 家；分类："
            + "，".join(f"{c} 类 {int(counts[c])} 家" for c in CLASSES)
        )
        d_land = classes.loc[classes["eval_class"] == "D", "land_mu"].sum()
        print(f"可腾退低效用地（D 类企业用地）合计 {d_land:.2f} 亩")
    if assignment.outside_ids:
        shown = "、".join(map(str, assignment.outside_ids[:20]))
        more = f" 等 {assignment.n_outside} 家" if assignment.n_outside > 20 else ""
        print(f"不在任何区域内的企业 {assignment.n_outside} 家：{shown}{more}")
    if renamed:
        print("说明：按字段名识别：" + "，".join(f"「{src}」→ {dst}" for dst, src in renamed.items()))
    for note in (coord_note, *assignment.notes, *(result.notes if result is not None else ())):
        if note:
            print(f"说明：{note}")
    for path in written:
        print(f"已写出 {path}")
    if failure is not None:
        print(f"错误：未能做企业分类（区域指标已写出）：{failure}", file=sys.stderr)
        return 2
    return 0


__all__ = ["register", "run", "read_enterprises", "ZONE_COL"]

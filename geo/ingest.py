"""Import users' own layers and tables: read, detect encoding and CRS, validate row by row, store.

The way in for official data (land-bureau boundaries, evaluation-system enterprise tables):

* :func:`inspect_upload` looks at an uploaded file and proposes what it cannot know for sure —
  the layer, the CRS of a file without ``.prj``, the coordinate columns and frame of a table, the
  mapping of its columns onto the atlas schema;
* :func:`read_upload` reads it with the user's choices into a GeoDataFrame in WGS-84 plus a
  row-level report (which rows failed and why, which geometries were repaired, which features
  lie far outside Suzhou);
* :func:`save_import` stores the result in the user GeoPackage atomically, with its provenance;
* :func:`list_user_layers` and :func:`load_user_layer` serve stored imports to the map and the
  efficiency pages in the atlas's standard schemas.

Every problem a user can fix is a :class:`~geo.errors.DataValidationError` with a Chinese message.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import struct
import tempfile
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from geo.crs import ANALYSIS_CRS, ANALYSIS_CRS_ZONED, FRAMES, STORAGE_CRS, Frame, convert_geometries
from geo.errors import DataValidationError
from geo.measure import M2_PER_KM2, M2_PER_MU, MU_PER_HECTARE, WAN_PER_YI
from geo.schema import ENTERPRISES, LAYER_METADATA, LAYERS_BY_NAME
from geo.store import DATA_DIR, list_layers, load_layer, write_layers

MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_UNZIPPED_BYTES = 10 * MAX_UPLOAD_BYTES  # refuse zip bombs
MAX_TABLE_ROWS = 500_000

USER_GPKG_ENV = "ATLAS_USER_GPKG"
DEFAULT_USER_GPKG = DATA_DIR / "user" / "atlas_user.gpkg"
METADATA_LAYER = LAYER_METADATA.name
USER_PREFIX = "user_"

# Suzhou city in WGS-84 degrees (a little wider than its outline), and what counts as far away.
SUZHOU_BOUNDS = (119.85, 30.70, 121.40, 32.10)
FAR_OUTSIDE_KM = 20.0

Kind = Literal["zones", "enterprises", "other"]
KINDS: tuple[Kind, ...] = ("zones", "enterprises", "other")
KIND_ZH = {"zones": "分区（面）", "enterprises": "企业（点）", "other": "其他图层"}
FORMATS = ("shapefile", "gpkg", "geojson", "kml", "csv", "xlsx")
EXTENSIONS = (".zip", ".gpkg", ".geojson", ".json", ".kml", ".kmz", ".csv", ".xlsx")
FRAME_ZH = {"wgs84": "WGS-84（GPS/天地图/OSM）", "gcj02": "GCJ-02（高德/腾讯）", "bd09": "BD-09（百度）"}

# Extra columns of the import provenance table, after the standard layer_metadata columns.
METADATA_COLUMNS = LAYER_METADATA.columns + (
    "kind",
    "source_file",
    "source_format",
    "source_layer",
    "source_crs",
    "source_frame",
    "encoding",
    "sha256",
    "rows_in",
    "rows_out",
    "rows_failed",
    "rows_repaired",
    "rows_flagged",
    "imported_at",
)
REPORT_COLUMNS = ("row", "level", "field", "problem", "value")
LEVEL_ZH = {"error": "错误（已剔除）", "repaired": "已修复", "warning": "提醒（已保留）"}

# Standard columns per kind: required ones must be mapped, optional ones are filled with NA.
ZONE_COLUMNS = ("zone_id", "name", "area_km2", "area_mu")
ENTERPRISE_REQUIRED = ("name", "land_mu", "tax_wan_yuan", "sales_wan_yuan")
_ENTERPRISE_NUMERIC = (
    "land_mu",
    "sales_wan_yuan",
    "tax_wan_yuan",
    "value_added_wan_yuan",
    "energy_tce",
    "electricity_kwh",
    "employees",
    "rd_wan_yuan",
)
FIELD_ZH = {
    "ent_id": "企业编号/信用代码",
    "name": "名称",
    "industry": "行业",
    "town": "所在区镇",
    "land_mu": "用地面积（亩）",
    "sales_wan_yuan": "销售收入（万元）",
    "tax_wan_yuan": "税收（万元）",
    "value_added_wan_yuan": "工业增加值（万元）",
    "energy_tce": "综合能耗（吨标煤）",
    "electricity_kwh": "用电量（千瓦时）",
    "employees": "从业人员（人）",
    "rd_wan_yuan": "研发经费（万元）",
    "above_scale": "是否规上",
    "zone_id": "分区编号",
}
# Column-name fragments that suggest each target column (lower-case, matched after normalising).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ent_id": ("ent_id", "信用代码", "企业编号", "企业代码", "组织机构代码", "编号", "id"),
    "zone_id": ("zone_id", "编号", "代码", "编码", "code", "id"),
    "name": ("name", "企业名称", "单位名称", "园区名称", "名称", "名字", "企业"),
    "industry": ("industry", "所属行业", "行业", "产业"),
    "town": ("town", "所在区镇", "所属区镇", "区镇", "乡镇", "镇"),
    "land_mu": ("land_mu", "用地面积", "用地", "占地", "土地面积", "亩"),
    "sales_wan_yuan": ("sales_wan_yuan", "销售收入", "营业收入", "主营业务收入", "销售", "营收"),
    "tax_wan_yuan": ("tax_wan_yuan", "实缴税金", "税收", "纳税", "税金", "税"),
    "value_added_wan_yuan": ("value_added_wan_yuan", "工业增加值", "增加值"),
    "energy_tce": ("energy_tce", "综合能耗", "能耗"),
    "electricity_kwh": ("electricity_kwh", "用电量", "用电"),
    "employees": ("employees", "从业人员", "职工人数", "员工", "人数"),
    "rd_wan_yuan": ("rd_wan_yuan", "研发经费", "研发", "r&d"),
    "above_scale": ("above_scale", "是否规上", "规上", "规模"),
}
_LON_NAMES = ("lon", "lng", "long", "longitude", "经度", "x", "东经", "gcj_lon", "bd_lon", "wgs_lon")
_LAT_NAMES = ("lat", "latitude", "纬度", "y", "北纬", "gcj_lat", "bd_lat", "wgs_lat")
_TRUE = {"是", "规上", "规模以上", "1", "1.0", "true", "yes", "y", "√", "t"}
_FALSE = {"否", "规下", "规模以下", "0", "0.0", "false", "no", "n", "×", "f"}

# Code pages named in .cpg files (and dBASE language-driver ids) -> Python codecs.
_CPG_CODECS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "65001": "utf-8",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "936": "gb18030",
    "cp936": "gb18030",
    "ansi 936": "gb18030",
    "54936": "gb18030",
    "big5": "big5",
    "950": "big5",
    "1252": "cp1252",
    "ansi 1252": "cp1252",
    "iso-8859-1": "latin-1",
    "88591": "latin-1",
}
_LDID_CODECS = {0x4D: "gb18030", 0x7A: "gb18030", 0x78: "big5", 0x57: None, 0x00: None}
_SHP_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


@dataclass(frozen=True)
class CrsSuggestion:
    """What the coordinate values look like, for a file or table that does not say.

    ``crs`` is an EPSG string, ``swapped`` says the two axes look exchanged (latitude first, or
    surveying X = northing first), and ``reason`` explains it in Chinese.
    """

    crs: str
    reason: str
    swapped: bool = False


@dataclass(frozen=True)
class Inspection:
    """What :func:`inspect_upload` found, and its proposals for :func:`read_upload`."""

    filename: str
    fmt: str
    layers: tuple[str, ...]
    layer: str | None
    columns: tuple[str, ...]
    n_rows: int
    is_table: bool
    crs: str | None
    encoding: str | None
    suggestion: CrsSuggestion | None
    lon_col: str | None
    lat_col: str | None
    frame: Frame
    mapping: dict[str, str]
    notes: tuple[str, ...]
    preview: pd.DataFrame


@dataclass
class ImportResult:
    """A read upload: the rows that passed in WGS-84, the row report and where it all came from."""

    frame: gpd.GeoDataFrame
    report: pd.DataFrame
    kind: Kind
    filename: str
    fmt: str
    layer: str | None
    source_crs: str
    source_frame: str
    encoding: str | None
    sha256: str
    rows_in: int
    notes: list[str] = field(default_factory=list)

    def count(self, level: str) -> int:
        """Number of source rows with at least one report line of ``level``."""
        if self.report.empty:
            return 0
        return int(self.report.loc[self.report["level"] == level, "row"].nunique())


# --------------------------------------------------------------------------------------------
# reading the bytes


def _check_size(data: bytes, filename: str, max_bytes: int) -> None:
    if len(data) == 0:
        raise DataValidationError(f"文件「{filename}」是空的（0 字节）", hint="请检查导出是否成功后重新上传")
    if len(data) > max_bytes:
        raise DataValidationError(
            f"文件「{filename}」有 {len(data) / 1024 / 1024:.1f} MB，超过上传上限 {max_bytes / 1024 / 1024:.0f} MB",
            hint="请只导出需要的范围或字段，或压缩为 zip 后再上传",
        )


def detect_format(data: bytes, filename: str) -> str:
    """The format of an upload, from its content where possible and else its extension."""
    ext = Path(filename).suffix.lower()
    if data[:16] == b"SQLite format 3\x00":
        return "gpkg"
    if data[:4] == b"PK\x03\x04" and ext == ".xlsx":
        return "xlsx"
    if ext in (".zip", ".kmz") or data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "shapefile" if ext != ".kmz" else "kml"
    if ext == ".gpkg":
        return "gpkg"
    if ext in (".geojson", ".json"):
        return "geojson"
    if ext == ".kml":
        return "kml"
    if ext == ".csv" or ext == ".txt":
        return "csv"
    if ext == ".xlsx":
        return "xlsx"
    if ext == ".xls":
        raise DataValidationError("不支持旧版 Excel（.xls）文件", hint="请在 Excel 中另存为 .xlsx 后上传")
    if ext in (".shp", ".dbf", ".shx", ".prj"):
        raise DataValidationError(
            f"单独的「{filename}」无法导入：Shapefile 由多个文件组成",
            hint="请把同名的 .shp、.shx、.dbf、.prj（和 .cpg）一起压缩成一个 zip 上传",
        )
    raise DataValidationError(
        f"无法识别文件「{filename}」的格式",
        hint=f"支持的格式：{'、'.join(EXTENSIONS)}（Shapefile 请打包为 zip）",
    )


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Entry name; without the UTF-8 flag, re-decoded as UTF-8 or else GBK (zips made on Chinese Windows)."""
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        raw = name.encode("cp437", errors="replace")
        for codec in ("utf-8", "gb18030"):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                continue
    return name


def _open_zip(data: bytes, filename: str) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise DataValidationError(
            f"压缩包「{filename}」已损坏或不是 zip 文件（{exc}）",
            hint="请重新压缩后上传；Shapefile 需把 .shp、.shx、.dbf、.prj 打进同一个 zip",
        ) from exc
    try:
        return zf, _checked_entries(zf, filename)
    except DataValidationError:
        zf.close()
        raise


def _checked_entries(zf: zipfile.ZipFile, filename: str) -> dict[str, zipfile.ZipInfo]:
    """The zip's file entries by name; refuses unsafe paths, encryption and zip bombs."""
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in zf.infolist():
        name = _zip_name(info).replace("\\", "/")
        parts = [p for p in name.split("/") if p]
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise DataValidationError(
                f"压缩包中有不安全的路径「{name}」（绝对路径或含“..”），已拒绝整个文件",
                hint="请只把数据文件本身打包（不要带上级目录或盘符）后重新上传",
            )
        if info.is_dir() or parts[:1] == ["__MACOSX"] or not parts:
            continue
        if info.flag_bits & 0x1:
            raise DataValidationError(f"压缩包中的「{name}」有密码保护", hint="请去掉密码后重新打包上传")
        total += info.file_size
        entries[name] = info
    if total > MAX_UNZIPPED_BYTES:
        raise DataValidationError(
            f"压缩包解压后有 {total / 1024 / 1024:.0f} MB，超过上限 {MAX_UNZIPPED_BYTES / 1024 / 1024:.0f} MB",
            hint="请只打包需要导入的图层",
        )
    if not entries:
        raise DataValidationError(f"压缩包「{filename}」是空的", hint="请把数据文件打包进 zip 后重新上传")
    return entries


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str) -> bytes:
    try:
        return zf.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise DataValidationError(
            f"压缩包「{filename}」中的「{info.filename}」已损坏，无法解压（{exc}）",
            hint="请重新压缩后上传",
        ) from exc


def _shapefile_sets(entries: Mapping[str, zipfile.ZipInfo]) -> dict[str, dict[str, zipfile.ZipInfo]]:
    """Group zip entries into shapefiles: {stem path: {".shp": info, ".dbf": info, ...}}."""
    sets: dict[str, dict[str, zipfile.ZipInfo]] = {}
    for name, info in entries.items():
        stem, ext = os.path.splitext(name)
        if ext.lower() in _SHP_PARTS:
            sets.setdefault(stem.lower(), {})[ext.lower()] = info
    return {stem: parts for stem, parts in sets.items() if ".shp" in parts}


def _layer_label(stem: str) -> str:
    return stem.rsplit("/", 1)[-1]


def _dbf_text_values(dbf: bytes, limit: int = 5000) -> list[bytes]:
    """Raw bytes of the character fields of the first ``limit`` records of a .dbf."""
    if len(dbf) < 32:
        return []
    n_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[int, int]] = []
    pos, offset = 32, 1  # byte 0 of each record is the deletion flag
    while pos + 32 <= min(header_len, len(dbf)) and dbf[pos] != 0x0D:
        ftype, flen = chr(dbf[pos + 11]), dbf[pos + 16]
        if ftype in "CM":
            fields.append((offset, flen))
        offset += flen
        pos += 32
    values = []
    for i in range(min(n_records, limit)):
        start = header_len + i * record_len
        record = dbf[start : start + record_len]
        for off, flen in fields:
            value = record[off : off + flen].rstrip(b" \x00")
            if value:
                values.append(value)
    return values


def _decodes(values: Sequence[bytes], codec: str) -> bool:
    for value in values:
        decoder = codecs.getincrementaldecoder(codec)()
        try:
            decoder.decode(value, final=False)  # a multi-byte char cut at the field width is fine
        except UnicodeDecodeError:
            return False
    return True


def detect_dbf_encoding(dbf: bytes, cpg: str | None = None) -> tuple[str, str]:
    """The text encoding of a shapefile's .dbf, and a Chinese note on how it was decided.

    The ``.cpg`` is trusted when the contents decode with it; otherwise UTF-8 is tried, then
    GB18030 (a superset of GBK and GB2312, the usual encoding of Chinese shapefiles).
    """
    values = _dbf_text_values(dbf)
    if cpg is not None:
        codec = _CPG_CODECS.get(cpg.strip().lower())
        if codec and _decodes(values, codec):
            return codec, f"按 .cpg 文件（{cpg.strip()}）使用 {codec.upper()} 编码"
        declared = f".cpg 写的是「{cpg.strip()}」，但内容不符；"
    else:
        declared = "没有 .cpg 文件；"
    if all(v.isascii() for v in values):
        return "utf-8", declared + "文字全为 ASCII，按 UTF-8 读取"
    if _decodes(values, "utf-8"):
        return "utf-8", declared + "内容是合法的 UTF-8，按 UTF-8 读取"
    ldid = dbf[29] if len(dbf) > 29 else 0
    if _LDID_CODECS.get(ldid) == "gb18030" or _decodes(values, "gb18030"):
        return "gb18030", declared + "检测为中文 GBK/GB18030 编码"
    if _decodes(values, "big5"):
        return "big5", declared + "检测为繁体 Big5 编码"
    return "latin-1", declared + "无法识别编码，按 Latin-1 读取，中文可能显示为乱码"


def _read_vector_file(
    path: Path, *, layer: str | None = None, encoding: str | None = None
) -> gpd.GeoDataFrame:
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, encoding=encoding)
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.GeometryError,
    ) as exc:
        raise DataValidationError(
            f"无法读取「{path.name}」：文件已损坏或格式不符（{exc}）", hint="请在 GIS 软件中检查后重新导出"
        ) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataValidationError(
            f"「{path.name}」的图层「{layer}」没有几何字段", hint="请选择带几何图形的图层，或作为表格导入"
        )
    return frame


def _vector_layers(path: Path) -> list[str]:
    try:
        return [str(name) for name, geom in pyogrio.list_layers(path) if geom is not None]
    except pyogrio.errors.DataSourceError as exc:
        raise DataValidationError(
            f"无法打开「{path.name}」：文件已损坏或格式不符", hint="请在 GIS 软件中检查后重新导出"
        ) from exc


@dataclass
class _Raw:
    """What the format readers hand on: a frame, its declared CRS, and notes."""

    frame: pd.DataFrame
    layers: tuple[str, ...]
    layer: str | None
    crs: str | None
    encoding: str | None
    notes: list[str]
    header_row: int = 0  # 0-based row of a table's header (title rows above it are skipped)


def _pick_layer(layers: Sequence[str], layer: str | None, filename: str) -> str:
    if not layers:
        raise DataValidationError(
            f"「{filename}」中没有带几何图形的图层", hint="请检查文件内容，或作为表格导入"
        )
    if layer is None:
        if len(layers) > 1:
            raise DataValidationError(
                f"「{filename}」中有 {len(layers)} 个图层，请选择一个：{'、'.join(layers)}",
                hint="在导入时选择图层（命令行用 --layer）",
            )
        return layers[0]
    if layer not in layers:
        raise DataValidationError(
            f"「{filename}」中没有图层「{layer}」", hint=f"现有图层：{'、'.join(layers)}"
        )
    return layer


def _crs_string(crs) -> str | None:
    if crs is None:
        return None
    crs = CRS.from_user_input(crs)
    epsg = crs.to_epsg(min_confidence=70)
    return f"EPSG:{epsg}" if epsg else crs.to_wkt()


def _read_shapefile_zip(data: bytes, filename: str, layer: str | None, encoding: str | None) -> _Raw:
    zf, entries = _open_zip(data, filename)
    with zf:
        sets = _shapefile_sets(entries)
        if not sets:
            kml = [info for name, info in entries.items() if name.lower().endswith(".kml")]
            if kml:  # a KMZ, or a zipped KML
                return _read_kml(_read_member(zf, kml[0], filename), filename, layer)
            raise DataValidationError(
                f"压缩包「{filename}」中没有 .shp 文件",
                hint="请把同名的 .shp、.shx、.dbf、.prj（和 .cpg）打包成 zip；其他格式可直接上传",
            )
        labels = {_layer_label(stem): stem for stem in sorted(sets)}
        chosen = _pick_layer(list(labels), layer, filename)
        parts = sets[labels[chosen]]
        missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
        if missing:
            raise DataValidationError(
                f"Shapefile「{chosen}」缺少 {'、'.join(missing)} 文件",
                hint="Shapefile 至少要有同名的 .shp、.shx、.dbf 三个文件，请补齐后重新打包",
            )
        content = {ext: _read_member(zf, info, filename) for ext, info in parts.items()}
    notes: list[str] = []
    if encoding is None:
        cpg = content[".cpg"].decode("ascii", errors="ignore") if ".cpg" in content else None
        encoding, note = detect_dbf_encoding(content[".dbf"], cpg)
        notes.append(note)
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        for ext, blob in content.items():  # fixed names: nothing from the zip decides a path
            (Path(tmp) / f"layer{ext}").write_bytes(blob)
        frame = _read_vector_file(Path(tmp) / "layer.shp", encoding=encoding)
    crs = _crs_string(frame.crs) if ".prj" in content else None
    if ".prj" not in content:
        frame = frame.set_crs(None, allow_override=True)
    return _Raw(frame, tuple(labels), chosen, crs, encoding, notes)


def _read_container(data: bytes, filename: str, layer: str | None, suffix: str) -> _Raw:
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        layers = _vector_layers(path)
        chosen = _pick_layer(layers, layer, filename)
        frame = _read_vector_file(path, layer=chosen)
    return _Raw(frame, tuple(layers), chosen, _crs_string(frame.crs), "utf-8", [])


def _read_kml(data: bytes, filename: str, layer: str | None) -> _Raw:
    raw = _read_container(data, filename, layer, ".kml")
    raw.crs = STORAGE_CRS  # KML is always WGS-84 lon/lat
    raw.frame = raw.frame.set_crs(STORAGE_CRS, allow_override=True)
    return raw


def _read_geojson(data: bytes, filename: str) -> _Raw:
    try:
        frame = pyogrio.read_dataframe(io.BytesIO(data))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise DataValidationError(
            f"「{filename}」不是有效的 GeoJSON（{exc}）", hint="请检查文件是否完整，或在 GIS 软件中重新导出"
        ) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataValidationError(f"「{filename}」中没有几何图形", hint="GeoJSON 需为 FeatureCollection")
    return _Raw(frame, (), None, _crs_string(frame.crs) or STORAGE_CRS, "utf-8", [])


def _text_dtypes(columns: Sequence[str]) -> dict[str, type]:
    """Read code-like columns as text so leading zeros and 18-digit credit codes survive."""
    pattern = re.compile(r"(代码|编码|编号|code|_id$|^id$|adcode)", re.IGNORECASE)
    return {c: str for c in columns if pattern.search(str(c))}


def _header_row(top: pd.DataFrame) -> int:
    """The 0-based header row of a sheet read without a header: the first row whose filled cells are
    all text and at least 60 % as many as the fullest of the first rows (title rows are skipped)."""
    filled = top.notna().sum(axis=1)
    if filled.empty:
        return 0
    need = max(2, int(np.ceil(filled.max() * 0.6)))
    for i, (_, row) in enumerate(top.iterrows()):
        values = row.dropna()
        if len(values) >= need and all(isinstance(v, str) for v in values):
            return i
    return 0


def _header_note(header_row: int) -> list[str]:
    return [f"表头在第 {header_row + 1} 行（上方 {header_row} 行为标题，已跳过）"] if header_row else []


def _read_csv(data: bytes, filename: str) -> _Raw:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DataValidationError(
            f"无法识别「{filename}」的文字编码", hint="请在 Excel 中另存为「CSV UTF-8」后上传"
        )
    try:
        top = pd.read_csv(io.StringIO(text), header=None, nrows=20, dtype=str, skip_blank_lines=False)
        header_row = _header_row(top)
        header = pd.read_csv(io.StringIO(text), header=header_row, nrows=0)
        frame = pd.read_csv(
            io.StringIO(text), header=header_row, dtype=_text_dtypes(header.columns), skipinitialspace=True
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError(
            f"「{filename}」不是有效的 CSV 表格（{exc}）", hint="请检查分隔符和引号，或另存为 .xlsx 后上传"
        ) from exc
    encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    return _Raw(frame, (), None, None, encoding, _header_note(header_row), header_row)


def _read_xlsx(data: bytes, filename: str, sheet: str | None) -> _Raw:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise DataValidationError(
            f"「{filename}」不是有效的 Excel（.xlsx）文件（{exc}）", hint="请在 Excel 中另存为 .xlsx 后上传"
        ) from exc
    with book:
        sheets = [str(s) for s in book.sheet_names]
        chosen = sheet if sheet is not None else sheets[0]
        if chosen not in sheets:
            raise DataValidationError(
                f"「{filename}」中没有工作表「{chosen}」", hint=f"现有工作表：{'、'.join(sheets)}"
            )
        top = pd.read_excel(book, sheet_name=chosen, header=None, nrows=20)
        header_row = _header_row(top)
        header = pd.read_excel(book, sheet_name=chosen, header=header_row, nrows=0)
        frame = pd.read_excel(
            book, sheet_name=chosen, header=header_row, dtype=_text_dtypes([str(c) for c in header.columns])
        )
    frame.columns = [str(c) for c in frame.columns]
    return _Raw(frame, tuple(sheets), chosen, None, None, _header_note(header_row), header_row)


def _read_raw(data: bytes, filename: str, fmt: str, layer: str | None, encoding: str | None) -> _Raw:
    if fmt == "shapefile":
        raw = _read_shapefile_zip(data, filename, layer, encoding)
    elif fmt == "gpkg":
        raw = _read_container(data, filename, layer, ".gpkg")
    elif fmt == "kml":
        raw = (
            _read_shapefile_zip(data, filename, layer, encoding)
            if data[:2] == b"PK"
            else _read_kml(data, filename, layer)
        )
    elif fmt == "geojson":
        raw = _read_geojson(data, filename)
    elif fmt == "csv":
        raw = _read_csv(data, filename)
    elif fmt == "xlsx":
        raw = _read_xlsx(data, filename, layer)
    else:
        raise DataValidationError(f"不支持的格式「{fmt}」", hint=f"支持：{'、'.join(FORMATS)}")
    raw.frame = (
        raw.frame.dropna(axis=0, how="all") if not isinstance(raw.frame, gpd.GeoDataFrame) else raw.frame
    )
    if len(raw.frame) == 0:
        raise DataValidationError(
            f"「{filename}」里没有任何记录（0 行）", hint="请检查导出的范围或筛选条件后重新上传"
        )
    if len(raw.frame) > MAX_TABLE_ROWS:
        raise DataValidationError(
            f"「{filename}」有 {len(raw.frame)} 行，超过上限 {MAX_TABLE_ROWS} 行", hint="请分批导入"
        )
    if not isinstance(raw.frame, gpd.GeoDataFrame):
        _use_wkt_column(raw)
    return raw


_WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape", "几何")


def _use_wkt_column(raw: _Raw) -> None:
    """A table with a WKT column (e.g. QGIS "CSV, geometry as WKT") becomes a layer without a CRS."""
    names = [c for c in raw.frame.columns if str(c).strip().lower() in _WKT_NAMES]
    if not names:
        return
    values = raw.frame[names[0]]
    text = np.asarray([None if _isna(v) else str(v) for v in values], dtype=object)
    geoms = shapely.from_wkt(text, on_invalid="ignore")
    parsed = int((~shapely.is_missing(geoms)).sum())
    if parsed == 0 or parsed < 0.5 * int(values.notna().sum()):  # mostly WKT: bad ones become row errors
        return
    raw.frame = gpd.GeoDataFrame(raw.frame.drop(columns=names[0]), geometry=geoms, crs=None)
    raw.notes.append(f"「{names[0]}」列是 WKT 几何，按空间图层读取（需指明坐标系）")


# --------------------------------------------------------------------------------------------
# coordinates: suggestions, swaps, frames


def _in_box(
    xmin: float, ymin: float, xmax: float, ymax: float, box: tuple[float, float, float, float]
) -> bool:
    return xmin >= box[0] and ymin >= box[1] and xmax <= box[2] and ymax <= box[3]


_CHINA_LONLAT = (73.0, 3.0, 136.0, 54.0)
_CHINA_LATLON = (3.0, 73.0, 54.0, 136.0)
_GK_CM120 = (250_000.0, 2_800_000.0, 750_000.0, 4_200_000.0)  # eastings/northings of the 120E zone
_GK_CM120_ZONED = (40_250_000.0, 2_800_000.0, 40_750_000.0, 4_200_000.0)


def suggest_crs(bounds: Sequence[float]) -> CrsSuggestion | None:
    """Propose a CRS from the value ranges ``(xmin, ymin, xmax, ymax)`` of data that does not say.

    Recognises lon/lat degrees over China, CGCS2000 3-degree Gauss-Kruger metres of the 120°E
    zone without (EPSG:4549) and with (EPSG:4528) the zone prefix ``40`` on the easting, and each
    of these with the two axes exchanged. Returns None when the values fit none of them.
    """
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return None
    checks = (
        (_CHINA_LONLAT, False, STORAGE_CRS, "经纬度（度），在中国范围内"),
        (_CHINA_LATLON, True, STORAGE_CRS, "经纬度（度），但纬度在前、经度在后"),
        (
            _GK_CM120,
            False,
            ANALYSIS_CRS,
            "CGCS2000 3度带高斯-克吕格投影（中央经线 120°E，横坐标不含带号，单位米）",
        ),
        (
            _GK_CM120_ZONED,
            False,
            ANALYSIS_CRS_ZONED,
            "CGCS2000 3度带高斯-克吕格投影（第 40 带，横坐标含带号“40”，单位米）",
        ),
    )
    for box, swapped, crs, reason in checks:
        if _in_box(xmin, ymin, xmax, ymax, box):
            return CrsSuggestion(crs, reason, swapped)
    for box, _, crs, reason in checks[2:]:  # survey convention: X = northing first
        if _in_box(ymin, xmin, ymax, xmax, box):
            return CrsSuggestion(crs, reason + "，但 X/Y 颠倒（测量坐标 X 为北向）", True)
    return None


def _swapped_rows(lon: pd.Series, lat: pd.Series) -> pd.Series:
    """Rows whose "longitude" looks like a Chinese latitude and "latitude" like a longitude."""
    return lon.between(*_CHINA_LATLON[0::2]) & lat.between(*_CHINA_LATLON[1::2])


def _looks_swapped_lonlat(bounds: Sequence[float]) -> bool:
    xmin, ymin, xmax, ymax = bounds
    return _in_box(xmin, ymin, xmax, ymax, _CHINA_LATLON) and not _in_box(
        xmin, ymin, xmax, ymax, _CHINA_LONLAT
    )


def _swap_xy(geoms: np.ndarray) -> np.ndarray:
    return shapely.transform(geoms, lambda c: c[:, ::-1])


def _km_outside_suzhou(geoms: gpd.GeoSeries) -> np.ndarray:
    """Approximate distance (km) of each geometry's centre from the Suzhou box; 0 inside."""
    pts = shapely.point_on_surface(geoms.values) if len(geoms) else geoms.values
    x = shapely.get_x(pts)
    y = shapely.get_y(pts)
    lon0, lat0, lon1, lat1 = SUZHOU_BOUNDS
    dx = np.clip(x, lon0, lon1) - x
    dy = np.clip(y, lat0, lat1) - y
    km = np.hypot(dx * 111.32 * np.cos(np.radians(np.clip(y, -89, 89))), dy * 110.57)
    return np.where(np.isfinite(km), km, np.inf)


def suggest_frame(columns: Sequence[str], filename: str = "") -> Frame:
    """Guess WGS-84 / GCJ-02 / BD-09 from column names and the file name (default WGS-84)."""
    text = " ".join([*map(str, columns), filename]).lower()
    if re.search(r"bd09|bd_|baidu|百度", text):
        return "bd09"
    if re.search(r"gcj|gaode|amap|高德|腾讯|tencent|火星", text):
        return "gcj02"
    return "wgs84"


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-（）()\[\]【】:：/]", "", unicodedata.normalize("NFKC", str(text)).lower())


def suggest_coordinate_columns(frame: pd.DataFrame) -> tuple[str | None, str | None, bool]:
    """Longitude and latitude columns of a table by name, and whether their values look swapped."""
    normed = {c: _norm(c) for c in frame.columns}

    def find(names: Sequence[str]) -> str | None:
        for name in names:
            for col, n in normed.items():
                if (
                    n == name
                    or n.endswith(name)
                    or n.startswith(name + "度")
                    or (len(name) > 2 and name in n)
                ):
                    return col
        return None

    lon, lat = find(_LON_NAMES), find(_LAT_NAMES)
    if lon is None or lat is None or lon == lat:
        return None, None, False
    x = _degrees(frame[lon])
    y = _degrees(frame[lat])
    ok = x.notna() & y.notna() & ~((x == 0) & (y == 0))
    swapped = bool((ok & _swapped_rows(x, y)).sum() > (ok & ~_swapped_rows(x, y)).sum())
    return (lat, lon, True) if swapped else (lon, lat, False)


def suggest_mapping(columns: Sequence[str], kind: Kind) -> dict[str, str]:
    """Map the atlas's standard column names onto a table's columns by name (target -> source)."""
    targets = {"enterprises": ENTERPRISES.columns, "zones": ("zone_id", "name")}.get(kind, ())
    normed = [(c, _norm(c)) for c in columns]
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for target in targets:
        for synonym in _SYNONYMS.get(target, (target,)):
            syn = _norm(synonym)
            hits = [c for c, n in normed if c not in used and (n == syn or (len(syn) > 1 and syn in n))]
            if hits:
                mapping[target] = hits[0]
                used.add(hits[0])
                break
    return mapping


# --------------------------------------------------------------------------------------------
# inspection


def inspect_upload(
    data: bytes,
    filename: str,
    *,
    layer: str | None = None,
    kind: Kind = "other",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> Inspection:
    """Look at an upload and propose how to read it (layer, CRS, coordinate columns, mapping).

    For a multi-layer file without ``layer``, the first layer is inspected and all are listed.

    Raises
    ------
    DataValidationError
        For an empty, oversized, broken or unsafe file, or one of an unknown format.
    """
    _check_size(data, filename, max_bytes)
    fmt = detect_format(data, filename)
    try:
        raw = _read_raw(data, filename, fmt, layer, None)
    except DataValidationError as exc:
        layers = _layers_in_message(exc)
        if layer is not None or not layers:
            raise
        raw = _read_raw(data, filename, fmt, layers[0], None)
        raw.layers = tuple(layers)
    frame = raw.frame
    is_table = not isinstance(frame, gpd.GeoDataFrame)
    notes = list(raw.notes)
    suggestion = None
    lon_col = lat_col = None
    columns = tuple(str(c) for c in frame.columns if c != getattr(frame, "_geometry_column_name", None))
    if is_table:
        lon_col, lat_col, swapped = suggest_coordinate_columns(frame)
        if swapped:
            notes.append(f"「{lat_col}」列的数值像经度、「{lon_col}」列像纬度：已按数值对调建议")
        if lon_col is None:
            notes.append("没有找到经纬度列：可手动指定，或按名称/代码关联到已有分区")
    else:
        valid = frame.geometry[frame.geometry.notna() & ~frame.geometry.is_empty]
        bounds = valid.total_bounds if len(valid) else [np.nan] * 4
        if raw.crs is None:
            suggestion = suggest_crs(bounds)
            notes.append(
                "文件没有坐标系信息（.prj）："
                + (
                    f"数值看起来是{suggestion.reason}，建议 {suggestion.crs}"
                    if suggestion
                    else "无法从数值判断，请向数据提供方确认"
                )
            )
        elif CRS.from_user_input(raw.crs).is_geographic and _looks_swapped_lonlat(bounds):
            suggestion = CrsSuggestion(raw.crs, "经纬度颠倒（纬度在前）", True)
            notes.append("坐标看起来经纬度颠倒了（纬度在前）：导入时请勾选「交换经纬度」")
        elif len(valid) and _all_far(valid, raw.crs):
            guess = suggest_crs(bounds)
            if guess is not None and (guess.crs != raw.crs or guess.swapped):
                suggestion = guess
                notes.append(
                    f"按文件声明的 {raw.crs} 换算后，要素都不在苏州附近；数值看起来是{guess.reason}，建议改用 {guess.crs}"
                    + ("并交换坐标轴" if guess.swapped else "")
                )
    frame_guess = suggest_frame(columns, filename)
    if frame_guess != "wgs84":
        notes.append(f"根据列名/文件名，坐标可能是 {FRAME_ZH[frame_guess]}")
    preview = pd.DataFrame(frame.drop(columns=frame.geometry.name) if not is_table else frame).head(20)
    return Inspection(
        filename=filename,
        fmt=fmt,
        layers=raw.layers,
        layer=raw.layer,
        columns=columns,
        n_rows=len(frame),
        is_table=is_table,
        crs=raw.crs,
        encoding=raw.encoding,
        suggestion=suggestion,
        lon_col=lon_col,
        lat_col=lat_col,
        frame=frame_guess,
        mapping=suggest_mapping(columns, kind),
        notes=tuple(notes),
        preview=preview,
    )


def _all_far(geoms: gpd.GeoSeries, crs: str) -> bool:
    """Whether every geometry, read in ``crs``, lies far outside Suzhou."""
    moved = gpd.GeoSeries(np.asarray(geoms.values, dtype=object), crs=crs).to_crs(
        STORAGE_CRS
    )  # impossible values become inf
    return bool(np.all(_km_outside_suzhou(moved) > FAR_OUTSIDE_KM))


def _layers_in_message(exc: DataValidationError) -> list[str]:
    match = re.search(r"请选择一个：(.+)$", exc.message)
    return match.group(1).split("、") if match else []


# --------------------------------------------------------------------------------------------
# reading with the user's choices


class _Report:
    def __init__(self) -> None:
        self.rows: list[tuple[int, str, str, str, str]] = []

    def rows_with(self, level: str) -> set[int]:
        return {row for row, lvl, *_ in self.rows if lvl == level}

    def add(
        self, rows: Sequence[int], level: str, field_name: str, problem: str, values: Sequence = ()
    ) -> None:
        values = list(values) or [""] * len(rows)
        for row, value in zip(rows, values, strict=True):
            self.rows.append((int(row), level, field_name, problem, "" if _isna(value) else str(value)[:200]))

    def frame(self) -> pd.DataFrame:
        report = pd.DataFrame(self.rows, columns=list(REPORT_COLUMNS))
        return report.sort_values(["row", "level"], kind="stable").reset_index(drop=True)


def _rows(rownum: pd.Series, mask) -> pd.Series:
    """Source row numbers where a boolean Series (indexed like the frame) is true."""
    mask = pd.Series(mask).fillna(False).astype(bool)
    return rownum.loc[mask.index[mask.to_numpy()]]


def _isna(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _table_points(
    frame: pd.DataFrame, lon_col: str, lat_col: str, frame_name: Frame, rownum: pd.Series, report: _Report
) -> gpd.GeoDataFrame:
    missing = [c for c in (lon_col, lat_col) if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"表格中没有坐标列：{'、'.join(missing)}",
            hint=f"现有列：{'、'.join(map(str, frame.columns))}；请重新选择经度列和纬度列",
        )
    lon = _degrees(frame[lon_col])
    lat = _degrees(frame[lat_col])
    for col, values in ((lon_col, lon), (lat_col, lat)):
        bad = values.isna()
        report.add(_rows(rownum, bad), "error", col, "坐标为空或不是数字", frame.loc[bad, col])
    ok = lon.notna() & lat.notna()
    zero = ok & (lon == 0) & (lat == 0)
    report.add(
        _rows(rownum, zero),
        "error",
        f"{lon_col}/{lat_col}",
        "坐标为 0,0（多为缺失值）",
        ["0,0"] * int(zero.sum()),
    )
    ok &= ~zero
    swapped = ok & _swapped_rows(lon, lat)
    if swapped.sum() > (ok & ~swapped).sum():
        raise DataValidationError(
            f"经纬度好像填反了：经度列「{lon_col}」的数值在 {lon[ok].median():.2f} 左右（像纬度），"
            f"纬度列「{lat_col}」在 {lat[ok].median():.2f} 左右（像经度）",
            hint=f"请把经度列选为「{lat_col}」、纬度列选为「{lon_col}」后重新导入",
        )
    report.add(
        _rows(rownum, swapped),
        "error",
        f"{lon_col}/{lat_col}",
        "本行经纬度好像填反了（纬度在前），请在源表中改正",
        lon[swapped].astype(str) + "," + lat[swapped].astype(str),
    )
    ok &= ~swapped
    out_of_range = ok & ((lon.abs() > 180) | (lat.abs() > 90))
    report.add(
        _rows(rownum, out_of_range),
        "error",
        f"{lon_col}/{lat_col}",
        "经纬度超出有效范围（经度 ±180，纬度 ±90）",
        lon[out_of_range].astype(str) + "," + lat[out_of_range].astype(str),
    )
    ok &= ~out_of_range
    geoms = np.full(len(frame), None, dtype=object)
    geoms[ok.to_numpy()] = shapely.points(lon[ok].to_numpy(), lat[ok].to_numpy())
    if frame_name != "wgs84":
        geoms[ok.to_numpy()] = convert_geometries(geoms[ok.to_numpy()], src=frame_name, dst="wgs84")
    return gpd.GeoDataFrame(frame.copy(), geometry=geoms, crs=STORAGE_CRS)


_DMS_RE = re.compile(
    r"^\s*([NSEW东西南北]?)\s*(\d+(?:\.\d+)?)\s*[°度:]\s*(?:(\d+(?:\.\d+)?)\s*['′分:]?\s*)?"
    r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|''|′′|秒)?\s*)?([NSEW东西南北]?)\s*$",
    re.IGNORECASE,
)


def _number(values: pd.Series) -> pd.Series:
    """Numbers from a column as typed by people: full-width digits, thousands separators, spaces."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    text = values.map(
        lambda v: v if _isna(v) else re.sub(r"[,，\s]", "", unicodedata.normalize("NFKC", str(v)))
    )
    return pd.to_numeric(text, errors="coerce")


def _degrees(values: pd.Series) -> pd.Series:
    """Decimal degrees from decimal or degree-minute-second text (120°38'42\", 120度38分42秒, N31:09:18)."""
    out = _number(values)
    for i in np.flatnonzero(out.isna().to_numpy() & values.notna().to_numpy()):
        match = _DMS_RE.match(unicodedata.normalize("NFKC", str(values.iloc[i])))
        if match:
            deg, minutes, seconds = (float(g) if g else 0.0 for g in match.group(2, 3, 4))
            sign = -1.0 if (match.group(1) + match.group(5)).upper() in ("S", "W", "南", "西") else 1.0
            out.iloc[i] = sign * (deg + minutes / 60 + seconds / 3600)
    return out


def _norm_key(value) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return re.sub(r"\.0$", "", text)


def _key_variants(value) -> set[str]:
    """A zone name matches by its full form or by the part outside/inside the brackets."""
    key = _norm_key(value)
    variants = {key}
    match = re.match(r"^(.*?)\((.*?)\)$", key)
    if match:
        variants |= {match.group(1).strip(), match.group(2).strip()}
    return {v for v in variants if v}


def _table_join(
    frame: pd.DataFrame,
    join_col: str,
    zones: gpd.GeoDataFrame,
    zone_key: str,
    rownum: pd.Series,
    report: _Report,
) -> gpd.GeoDataFrame:
    if join_col not in frame.columns:
        raise DataValidationError(
            f"表格中没有关联列「{join_col}」", hint=f"现有列：{'、'.join(map(str, frame.columns))}"
        )
    if zone_key not in zones.columns:
        raise DataValidationError(
            f"分区图层中没有字段「{zone_key}」", hint=f"现有字段：{'、'.join(map(str, zones.columns))}"
        )
    zones = (
        zones.to_crs(STORAGE_CRS)
        if zones.crs is not None and not zones.crs.equals(CRS(STORAGE_CRS))
        else zones
    )
    lookup: dict[str, object] = {}
    ambiguous: set[str] = set()
    for key, geom in zip(zones[zone_key], zones.geometry, strict=True):
        for variant in _key_variants(key):
            if variant in lookup and lookup[variant] is not geom:
                ambiguous.add(variant)
            lookup[variant] = geom
    geoms = np.full(len(frame), None, dtype=object)
    for i, value in enumerate(frame[join_col]):
        if _isna(value):
            report.add([rownum.iloc[i]], "error", join_col, "关联字段为空", [""])
            continue
        key = _norm_key(value)
        if key in lookup and key not in ambiguous:
            geoms[i] = lookup[key]
        elif key in ambiguous:
            report.add([rownum.iloc[i]], "error", join_col, f"「{key}」对应多个分区，无法确定", [value])
        else:
            report.add(
                [rownum.iloc[i]], "error", join_col, f"在分区图层的「{zone_key}」中找不到「{key}」", [value]
            )
    return gpd.GeoDataFrame(frame.copy(), geometry=geoms, crs=STORAGE_CRS)


def _to_storage(
    gdf: gpd.GeoDataFrame, crs: str, frame_name: Frame, swap: bool, filename: str
) -> gpd.GeoDataFrame:
    """Reproject (or shift, for GCJ-02/BD-09 degrees) into WGS-84, refusing implausible results."""
    source = CRS.from_user_input(crs)
    geoms = np.asarray(gdf.geometry.values, dtype=object).copy()  # plain shapely: the CRS is ours to set
    present = ~(gdf.geometry.isna() | gdf.geometry.is_empty).to_numpy()
    if swap:
        geoms[present] = _swap_xy(np.asarray(geoms[present], dtype=object))
    raw = gpd.GeoSeries(geoms, crs=source)
    bounds = raw[present].total_bounds if present.any() else [np.nan] * 4
    if source.is_geographic and not swap and _looks_swapped_lonlat(bounds):
        raise DataValidationError(
            f"「{filename}」的经纬度好像颠倒了：横坐标在 {bounds[0]:.2f}–{bounds[2]:.2f}（像纬度），"
            f"纵坐标在 {bounds[1]:.2f}–{bounds[3]:.2f}（像经度）",
            hint="请勾选「交换经纬度」（命令行 --swap-xy）后重新导入，或在源数据中把经度放前、纬度放后",
        )
    out = raw.to_crs(STORAGE_CRS)
    if source.is_geographic and frame_name != "wgs84":
        out = gpd.GeoSeries(convert_geometries(out.values, src=frame_name, dst="wgs84"), crs=STORAGE_CRS)
    elif not source.is_geographic and frame_name != "wgs84":
        raise DataValidationError(
            f"{FRAME_ZH[frame_name]} 只适用于经纬度数据，而「{filename}」是投影坐标（{crs}）",
            hint="投影坐标的数据请选择 WGS-84",
        )
    km = _km_outside_suzhou(out[present]) if present.any() else np.array([])
    if km.size and np.all(km > FAR_OUTSIDE_KM):
        guess = suggest_crs(gpd.GeoSeries(gdf.geometry.values[present]).total_bounds)
        hint = "请确认数据的坐标系后重新导入"
        if guess is not None and (guess.crs != _crs_string(source) or guess.swapped != swap):
            hint = (
                f"数值看起来是{guess.reason}（{guess.crs}）；请改选该坐标系"
                + ("并交换坐标轴" if guess.swapped else "")
                + "后重新导入"
            )
        raise DataValidationError(
            f"按坐标系 {crs} 换算后，全部 {int(present.sum())} 个要素都在苏州市以外（最近的也有约 {np.min(km):.0f} km）",
            hint=hint,
        )
    result = gdf.copy()
    result[result.geometry.name] = out.values
    return result.set_geometry(result.geometry.name, crs=STORAGE_CRS)


def _check_geometries(gdf: gpd.GeoDataFrame, rownum: pd.Series, report: _Report) -> gpd.GeoDataFrame:
    geoms = gdf.geometry
    rows = rownum.loc[gdf.index]
    missing = (geoms.isna() | geoms.is_empty).to_numpy()
    already = report.rows_with("error")
    for row in rows[missing]:
        if row not in already:
            report.add([row], "error", "geometry", "没有几何图形（空或缺失）")
    values = np.asarray(geoms.values, dtype=object).copy()
    present = ~missing
    invalid = present & ~shapely.is_valid(values)
    if invalid.any():
        reasons = shapely.is_valid_reason(values[invalid])
        kinds = shapely.get_type_id(values[invalid])
        repaired = shapely.make_valid(values[invalid])
        values[invalid] = [_keep_dimension(g, k) for g, k in zip(repaired, kinds, strict=True)]
        report.add(rows[invalid], "repaired", "geometry", "几何图形无效，已自动修复", reasons)
    out = gdf.copy()
    out[out.geometry.name] = values
    out = out.set_geometry(out.geometry.name, crs=gdf.crs)
    still_empty = (out.geometry.isna() | out.geometry.is_empty).to_numpy() & present
    report.add(rows[still_empty], "error", "geometry", "几何图形修复后为空")
    return out.loc[~(missing | still_empty)]


def _keep_dimension(geom, type_id: int):
    """After make_valid, keep only parts of the original dimension (a polygon stays polygonal)."""
    dim = {0: 0, 4: 0, 1: 1, 2: 1, 5: 1, 3: 2, 6: 2}.get(int(type_id), None)
    if dim is None or geom is None or shapely.get_type_id(geom) != 7:
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_dimensions(p) == dim]
    if not parts:
        return shapely.empty_like(geom) if hasattr(shapely, "empty_like") else None
    return shapely.union_all(parts)


def _flag_far(gdf: gpd.GeoDataFrame, rownum: pd.Series, report: _Report) -> None:
    km = _km_outside_suzhou(gdf.geometry)
    far = km > FAR_OUTSIDE_KM
    report.add(
        rownum.loc[gdf.index[far]],
        "warning",
        "geometry",
        "位置远在苏州市范围以外，请核对坐标",
        [f"约 {k:.0f} km" for k in km[far]],
    )


def _unit_factor(source_col: str, target: str) -> float:
    """Factor from the unit in a column's name to the unit of the target column."""
    name = unicodedata.normalize("NFKC", source_col).lower()
    if target == "land_mu":
        if re.search(r"平方米|m2|m²|㎡|平米", name):
            return 1 / M2_PER_MU
        if re.search(r"公顷|hm2|ha\b", name):
            return MU_PER_HECTARE
        if re.search(r"平方公里|km2|km²", name):
            return M2_PER_KM2 / M2_PER_MU
    if target.endswith("_wan_yuan"):
        if "亿" in name:
            return WAN_PER_YI
        if re.search(r"(?<!万)元", name) and "万" not in name:
            return 1 / 10_000
    if target == "electricity_kwh" and re.search(r"万(千瓦时|度|kwh)", name):
        return 10_000
    return 1.0


def _text(values: pd.Series) -> pd.Series:
    """Normalised text with None for missing values (object dtype, as GeoPackage text reads back)."""
    return pd.Series([None if _isna(v) else _norm_key(v) for v in values], index=values.index, dtype=object)


def _unique_ids(
    values: pd.Series | None,
    prefix: str,
    fatal: pd.Series,
    rownum: pd.Series,
    report: _Report,
    source: str | None,
) -> tuple[pd.Series, pd.Series]:
    """IDs as text, blanks numbered ``<prefix><row>`` (reported when the column was mapped), and a
    mask of rows whose ID repeats an earlier surviving row."""
    index = fatal.index
    ids = _text(values) if values is not None else pd.Series([None] * len(index), index=index, dtype=object)
    blank = ids.isna()
    ids = ids.where(~blank, prefix + rownum.loc[index].map("{:05d}".format))
    if source is not None:
        report.add(
            _rows(rownum, blank & ~fatal),
            "warning",
            source,
            "编号为空，已按行号自动编号",
            ids[blank & ~fatal],
        )
    duplicate = pd.Series(False, index=index)
    duplicate[~fatal] = ids[~fatal].duplicated(keep="first")
    return ids, duplicate


def _to_bool(value):
    if _isna(value):
        return pd.NA
    text = _norm_key(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _apply_mapping(
    gdf: gpd.GeoDataFrame,
    kind: Kind,
    mapping: Mapping[str, str] | None,
    rownum: pd.Series,
    report: _Report,
    notes: list[str],
) -> gpd.GeoDataFrame:
    if kind == "other":
        return gdf
    mapping = (
        dict(mapping)
        if mapping is not None
        else suggest_mapping([c for c in gdf.columns if c != gdf.geometry.name], kind)
    )
    mapping = {k: v for k, v in mapping.items() if v}
    absent = {t: s for t, s in mapping.items() if s not in gdf.columns}
    if absent:
        raise DataValidationError(
            f"字段对应中指定的列不存在：{'、'.join(f'{FIELD_ZH.get(t, t)}→「{s}」' for t, s in absent.items())}",
            hint=f"现有列：{'、'.join(str(c) for c in gdf.columns if c != gdf.geometry.name)}",
        )
    required = ENTERPRISE_REQUIRED if kind == "enterprises" else ("name",)
    missing = [t for t in required if t not in mapping]
    if missing:
        raise DataValidationError(
            f"缺少必需的字段：{'、'.join(FIELD_ZH.get(t, t) for t in missing)}",
            hint="请在「字段对应」中为它们选择表格里的列，或在源表中补上这些列后重新导入",
        )
    out = gdf.copy()
    renamed = {}
    for target, source in mapping.items():
        renamed[target] = out[source]
    extras = [
        c for c in out.columns if c not in mapping.values() and c != out.geometry.name and c not in renamed
    ]
    result = pd.DataFrame(renamed, index=out.index)
    if kind == "enterprises":
        fatal = pd.Series(False, index=result.index)
        for target in _ENTERPRISE_NUMERIC:
            if target not in result:
                result[target] = np.nan
                continue
            raw = result[target]
            values = _number(raw)
            bad = values.isna() & raw.notna()
            report.add(
                _rows(rownum, bad), "error", mapping[target], f"「{FIELD_ZH[target]}」不是数字", raw[bad]
            )
            negative = values < 0
            report.add(
                _rows(rownum, negative),
                "error",
                mapping[target],
                f"「{FIELD_ZH[target]}」为负数",
                raw[negative],
            )
            if target in ENTERPRISE_REQUIRED:
                empty = raw.isna()
                report.add(
                    _rows(rownum, empty), "error", mapping[target], f"必需字段「{FIELD_ZH[target]}」为空"
                )
                fatal |= bad | negative | empty
            factor = _unit_factor(mapping[target], target)
            if factor != 1.0:
                notes.append(f"「{mapping[target]}」按列名中的单位换算为{FIELD_ZH[target]}（×{factor:g}）")
            result[target] = (values * factor).where(~(bad | negative))
        no_land = (result["land_mu"] == 0) & ~fatal
        report.add(
            _rows(rownum, no_land),
            "warning",
            mapping["land_mu"],
            "用地面积为 0，亩均指标无法计算",
            result["land_mu"][no_land],
        )
        empty_name = result["name"].isna() | (result["name"].astype(str).str.strip() == "")
        report.add(_rows(rownum, empty_name), "error", mapping["name"], "名称为空")
        fatal |= empty_name
        if "above_scale" in result:
            raw = result["above_scale"]
            flags = raw.map(_to_bool)
            unknown = flags.map(lambda v: v is None).astype(bool)
            report.add(
                _rows(rownum, unknown),
                "warning",
                mapping["above_scale"],
                "无法识别是否规上（应为 是/否、规上/规下、1/0），按缺失处理",
                raw[unknown],
            )
            result["above_scale"] = pd.array(
                [pd.NA if v is None or v is pd.NA else bool(v) for v in flags], dtype="boolean"
            )
        else:
            result["above_scale"] = pd.array([pd.NA] * len(result), dtype="boolean")
        for col in ("industry", "town"):
            if col not in result:
                result[col] = pd.NA
        for col in ("name", "industry", "town"):
            result[col] = _text(result[col])
        result["ent_id"], duplicate = _unique_ids(
            result.get("ent_id"), "U", fatal, rownum, report, mapping.get("ent_id")
        )
        report.add(
            _rows(rownum, duplicate),
            "error",
            mapping.get("ent_id", "ent_id"),
            "企业编号重复（每家企业只能有一行），本行已剔除",
            result["ent_id"][duplicate],
        )
        fatal |= duplicate
        result = result[list(ENTERPRISES.columns)]
    else:  # zones
        result["name"] = _text(result["name"])
        fatal = result["name"].isna()
        report.add(_rows(rownum, fatal), "error", mapping["name"], "名称为空")
        ids, duplicate = _unique_ids(
            result.get("zone_id"), "Z", fatal, rownum, report, mapping.get("zone_id")
        )
        renamed_ids = ids.where(~duplicate, ids + "-" + rownum.loc[ids.index].astype(str))
        report.add(
            _rows(rownum, duplicate),
            "warning",
            mapping.get("zone_id", "zone_id"),
            "分区编号重复，已在编号后加上行号以区分",
            renamed_ids[duplicate],
        )
        result["zone_id"] = renamed_ids
        result = result[["zone_id", "name"]]
    for col in extras:
        if col not in result.columns:
            result[col] = out[col]
    result = gpd.GeoDataFrame(result, geometry=out.geometry, crs=out.crs)
    return result.loc[~fatal.to_numpy()]


def _fit_kind(
    gdf: gpd.GeoDataFrame, kind: Kind, rownum: pd.Series, report: _Report, notes: list[str]
) -> gpd.GeoDataFrame:
    """Enterprises are points, zones are polygons: convert what can be, refuse the rest."""
    types = gdf.geom_type
    if kind == "enterprises":
        polygonal = types.isin(["Polygon", "MultiPolygon"]).to_numpy()
        if polygonal.any():
            gdf = gdf.copy()
            gdf.loc[polygonal, gdf.geometry.name] = gdf.geometry[polygonal].representative_point()
            notes.append(f"{int(polygonal.sum())} 个企业的位置取自其地块/分区的内部代表点")
        lines = gdf.geom_type.isin(["LineString", "MultiLineString"]).to_numpy()
        report.add(
            rownum.loc[gdf.index[lines]],
            "error",
            "geometry",
            "企业图层需要点位，线要素无法使用",
            [""] * int(lines.sum()),
        )
        return gdf.loc[~lines]
    if kind == "zones":
        bad = ~types.isin(["Polygon", "MultiPolygon"]).to_numpy()
        report.add(
            rownum.loc[gdf.index[bad]],
            "error",
            "geometry",
            "分区图层需要面要素，点/线无法使用",
            types[bad].tolist(),
        )
        gdf = gdf.loc[~bad].copy()
        areas = gdf.geometry.to_crs(ANALYSIS_CRS).area
        gdf["area_km2"] = (areas / M2_PER_KM2).round(4)
        gdf["area_mu"] = (areas / M2_PER_MU).round(2)
        return gdf
    return gdf


def read_upload(
    data: bytes,
    filename: str,
    *,
    layer: str | None = None,
    crs: str | None = None,
    frame: Frame = "wgs84",
    swap_xy: bool = False,
    lon_col: str | None = None,
    lat_col: str | None = None,
    zones: gpd.GeoDataFrame | None = None,
    zone_key: str | None = None,
    join_col: str | None = None,
    kind: Kind = "other",
    mapping: Mapping[str, str] | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> ImportResult:
    """Read an upload into WGS-84 with a row-level report.

    Parameters
    ----------
    data, filename
        The uploaded bytes and their original name (the extension helps find the format).
    layer
        Layer of a GeoPackage/KML, shapefile in a multi-shapefile zip, or sheet of a workbook.
    crs
        CRS of the coordinates, e.g. ``"EPSG:4549"``; required when a vector file has no ``.prj``
        (see :func:`suggest_crs`), and overrides the file's own when given. Tables use degrees.
    frame
        ``wgs84``, ``gcj02`` (Gaode/Tencent) or ``bd09`` (Baidu) for lon/lat data; shifted to WGS-84.
    swap_xy
        Exchange the two coordinates of every vertex (lat/lon files, survey X = northing files).
    lon_col, lat_col
        Coordinate columns of a table (CSV/XLSX).
    zones, zone_key, join_col
        Alternatively, give a table the geometry of the zone whose ``zone_key`` matches ``join_col``
        (a name matches in full or by the part outside or inside its brackets).
    kind
        ``zones`` (polygons; ``zone_id``, ``name``, areas computed in EPSG:4549), ``enterprises``
        (points in the ENTERPRISES schema; units converted from column names) or ``other`` (as is).
    mapping
        Standard column -> source column for ``zones``/``enterprises``; default :func:`suggest_mapping`.

    Returns
    -------
    ImportResult
        ``frame`` holds the rows that passed; ``report`` has one line per problem (``row`` is the
        row number a user sees: spreadsheet row with the header as row 1, or feature number).

    Raises
    ------
    DataValidationError
        For an empty, oversized, broken, unsafe or unreadable file, a missing CRS, swapped
        coordinates, missing columns, or when no row passes (the error then has ``.report``).
    """
    _check_size(data, filename, max_bytes)
    if kind not in KINDS:
        raise DataValidationError(f"未知的图层用途「{kind}」", hint=f"可选：{'、'.join(KINDS)}")
    if frame not in FRAMES:
        raise DataValidationError(f"未知的坐标框架「{frame}」", hint=f"可选：{'、'.join(FRAMES)}")
    fmt = detect_format(data, filename)
    raw = _read_raw(data, filename, fmt, layer, encoding)
    notes = list(raw.notes)
    report = _Report()
    source = raw.frame  # index = position in the file (blank rows dropped, positions kept)
    is_table = not isinstance(source, gpd.GeoDataFrame)
    first = 2 + raw.header_row if fmt in ("csv", "xlsx") else 1  # spreadsheet row, or feature number
    rownum = pd.Series(np.asarray(source.index) + first, index=source.index)
    if is_table:
        if zones is not None:
            if zone_key is None or join_col is None:
                raise DataValidationError(
                    "按分区关联时需要指定表格的关联列和分区图层的字段",
                    hint="例如：表格「区镇」列 ↔ 分区「name」字段",
                )
            gdf = _table_join(source, join_col, zones, zone_key, rownum, report)
            source_crs = "zone join"
        else:
            if lon_col is None or lat_col is None:
                lon_col, lat_col, _ = suggest_coordinate_columns(source)
            if lon_col is None or lat_col is None:
                raise DataValidationError(
                    f"表格「{filename}」中找不到经纬度列",
                    hint="请指定经度列和纬度列（如「经度」「纬度」或 lon/lat），或按名称/代码关联到已有分区",
                )
            if crs is not None and not CRS.from_user_input(crs).is_geographic:
                raise DataValidationError(
                    "表格坐标只支持经纬度（度）",
                    hint="投影坐标请先在 GIS 软件中转为经纬度，或导入为 Shapefile",
                )
            gdf = _table_points(source, lon_col, lat_col, frame, rownum, report)
            if frame != "wgs84":
                notes.append(f"坐标已从 {FRAME_ZH[frame]} 转换为 WGS-84")
            source_crs = STORAGE_CRS
            bounds = gdf.geometry.dropna().total_bounds if gdf.geometry.notna().any() else None
            if bounds is not None and np.all(_km_outside_suzhou(gdf.geometry.dropna()) > FAR_OUTSIDE_KM):
                raise DataValidationError(
                    f"全部有效坐标都在苏州市以外（经度 {bounds[0]:.2f}–{bounds[2]:.2f}，纬度 {bounds[1]:.2f}–{bounds[3]:.2f}）",
                    hint="请确认经纬度列是否选对、是否为十进制度（不是度分秒）",
                )
    else:
        declared = raw.crs
        if crs is None and declared is None:
            valid = source.geometry[source.geometry.notna() & ~source.geometry.is_empty]
            guess = suggest_crs(valid.total_bounds) if len(valid) else None
            hint = (
                f"坐标数值看起来是{guess.reason}，建议选择 {guess.crs}"
                + ("并交换坐标轴" if guess.swapped else "")
                + "，确认后重新导入（命令行 --crs）"
                if guess
                else "无法从数值判断坐标系，请向数据提供方确认后在导入时指定（命令行 --crs）"
            )
            missing = "缺少 .prj 文件" if fmt == "shapefile" else "文件未注明坐标系"
            raise DataValidationError(f"「{filename}」没有坐标系信息（{missing}）", hint=hint)
        source_crs = _crs_string(crs) if crs is not None else declared
        if crs is not None and declared is not None and _crs_string(crs) != declared:
            notes.append(f"按用户指定的 {source_crs} 读取（文件声明为 {declared}）")
        if CRS.from_user_input(source_crs).is_geographic and frame != "wgs84":
            notes.append(f"坐标已从 {FRAME_ZH[frame]} 转换为 WGS-84")
        gdf = _to_storage(source, source_crs, frame, swap_xy, filename)
        if swap_xy:
            notes.append("已交换每个坐标的两个分量")
        if source_crs not in (STORAGE_CRS, "EPSG:4490"):
            notes.append(f"已从 {source_crs} 转换为 WGS-84（EPSG:4326）")
    gdf = _check_geometries(gdf, rownum, report)
    gdf = _fit_kind(gdf, kind, rownum, report, notes)
    gdf = _apply_mapping(gdf, kind, mapping, rownum, report, notes)
    _flag_far(gdf, rownum, report)
    report_frame = report.frame()
    if len(gdf) == 0:
        err = DataValidationError(
            f"「{filename}」的全部 {len(source)} 行都没有通过校验",
            hint="请下载逐行校验报告查看原因，修改后重新导入",
        )
        err.report = report_frame
        raise err
    gdf = gdf.reset_index(drop=True)
    return ImportResult(
        frame=gdf,
        report=report_frame,
        kind=kind,
        filename=filename,
        fmt=fmt,
        layer=raw.layer,
        source_crs=source_crs,
        source_frame=frame
        if source_crs != "zone join" and CRS.from_user_input(source_crs).is_geographic
        else "",
        encoding=raw.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        rows_in=len(source),
        notes=notes,
    )


def report_for_download(report: pd.DataFrame) -> pd.DataFrame:
    """The row report with Chinese headers and levels, ready for CSV/XLSX download."""
    out = report.copy()
    out["level"] = out["level"].map(LEVEL_ZH).fillna(out["level"])
    return out.rename(
        columns={"row": "行号", "level": "处理", "field": "字段", "problem": "问题", "value": "原值"}
    )


# --------------------------------------------------------------------------------------------
# the user store


def user_store() -> Path:
    """The user GeoPackage: ``$ATLAS_USER_GPKG`` if set, else ``data/user/atlas_user.gpkg`` (gitignored)."""
    return Path(os.environ.get(USER_GPKG_ENV, DEFAULT_USER_GPKG))


def _empty_metadata() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in METADATA_COLUMNS})


def list_user_layers(*, kind: Kind | None = None, path: Path | str | None = None) -> pd.DataFrame:
    """Provenance of every stored import (one row per layer), optionally only of one ``kind``.

    An absent or empty user store gives an empty frame with the metadata columns.
    """
    path = Path(path) if path is not None else user_store()
    if not path.exists() or path.stat().st_size == 0 or METADATA_LAYER not in list_layers(path):
        return _empty_metadata()
    meta = pyogrio.read_dataframe(path, layer=METADATA_LAYER)
    meta = pd.DataFrame(meta)
    for col in METADATA_COLUMNS:
        if col not in meta:
            meta[col] = None
    if kind is not None:
        meta = meta[meta["kind"] == kind]
    return meta[list(METADATA_COLUMNS)].reset_index(drop=True)


def load_user_layer(name: str, *, path: Path | str | None = None) -> gpd.GeoDataFrame:
    """A stored import in WGS-84, in its standard schema (enterprises: ENTERPRISES columns first).

    Raises
    ------
    DataValidationError
        When the layer is not in the user store or fails validation.
    """
    path = Path(path) if path is not None else user_store()
    meta = list_user_layers(path=path)
    if name not in set(meta["layer"]):
        raise DataValidationError(f"没有名为「{name}」的导入图层", hint="请先在「数据管理」页导入")
    kind = meta.loc[meta["layer"] == name, "kind"].iloc[0]
    gdf = load_layer(name, path=path)
    if kind == "enterprises":
        if "above_scale" in gdf:
            gdf["above_scale"] = gdf["above_scale"].astype("boolean")
        columns = list(ENTERPRISES.columns)
    elif kind == "zones":
        columns = list(ZONE_COLUMNS)
    else:
        columns = []
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        raise DataValidationError(
            f"导入图层「{name}」缺少字段：{'、'.join(missing)}", hint="请重新导入该图层"
        )
    rest = [c for c in gdf.columns if c not in columns and c != gdf.geometry.name]
    return gdf[[*columns, *rest, gdf.geometry.name]]


_STORE_LOCK = threading.Lock()
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,50}$")


def suggest_layer_name(filename: str, kind: Kind) -> str:
    """An ASCII table name for an import, from the file name (``user_<kind>_<stem>``)."""
    stem = re.sub(r"[^a-z0-9]+", "_", Path(filename).stem.lower()).strip("_")[:24] or datetime.now(
        UTC
    ).strftime("%Y%m%d%H%M%S")
    return f"{USER_PREFIX}{kind}_{stem}"


def save_import(
    result: ImportResult,
    *,
    name: str,
    title: str,
    source: str,
    accuracy: str = "real",
    licence: str = "",
    note: str = "",
    path: Path | str | None = None,
) -> Path:
    """Store an import and its provenance row in the user GeoPackage in one atomic write.

    ``name`` becomes the table name (``user_`` is prefixed when absent); a stored layer of the
    same name is replaced. On any failure the store is left exactly as it was.
    """
    from geo.schema import ACCURACY_CLASSES

    if not name.startswith(USER_PREFIX):
        name = USER_PREFIX + name
    if not _NAME_RE.match(name) or name in LAYERS_BY_NAME:
        raise DataValidationError(
            f"图层名「{name}」不可用",
            hint="图层名只能用小写英文字母、数字和下划线，以字母开头，且不能与内置图层重名",
        )
    if accuracy not in ACCURACY_CLASSES:
        raise DataValidationError(
            f"未知的精度类别「{accuracy}」", hint=f"可选：{'、'.join(ACCURACY_CLASSES)}"
        )
    if not title.strip() or not source.strip():
        raise DataValidationError(
            "请填写图层标题和数据来源", hint="来源例如「吴江区自然资源和规划局，2024 年」"
        )
    path = Path(path) if path is not None else user_store()
    with _STORE_LOCK:  # Streamlit sessions are threads of one process: no lost update of the metadata
        return _save_locked(result, name, title, source, accuracy, licence, note, path)


def _save_locked(
    result: ImportResult,
    name: str,
    title: str,
    source: str,
    accuracy: str,
    licence: str,
    note: str,
    path: Path,
) -> Path:
    meta = list_user_layers(path=path)
    meta = meta[meta["layer"] != name]
    notes = "；".join([*result.notes, note] if note else result.notes)
    row = {
        "layer": name,
        "title_zh": title.strip(),
        "title_en": title.strip(),  # the user gives one title; it serves both languages
        "accuracy": accuracy,
        "source": source.strip(),
        "licence": licence.strip(),
        "crs": STORAGE_CRS,
        "note": notes,
        "kind": result.kind,
        "source_file": result.filename,
        "source_format": result.fmt,
        "source_layer": result.layer or "",
        "source_crs": result.source_crs,
        "source_frame": result.source_frame,
        "encoding": result.encoding or "",
        "sha256": result.sha256,
        "rows_in": result.rows_in,
        "rows_out": len(result.frame),
        "rows_failed": result.count("error"),
        "rows_repaired": result.count("repaired"),
        "rows_flagged": result.count("warning"),
        "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    meta = pd.concat([meta, pd.DataFrame([row])], ignore_index=True) if len(meta) else pd.DataFrame([row])
    return write_layers({name: _storable(result.frame), METADATA_LAYER: _typed_metadata(meta)}, path=path)


_COUNT_COLUMNS = ("rows_in", "rows_out", "rows_failed", "rows_repaired", "rows_flagged")


def _typed_metadata(meta: pd.DataFrame) -> pd.DataFrame:
    meta = meta[list(METADATA_COLUMNS)].copy()
    for col in meta.columns:
        meta[col] = meta[col].astype("int64") if col in _COUNT_COLUMNS else meta[col].astype(str)
    return meta


def delete_user_layer(name: str, *, path: Path | str | None = None) -> Path:
    """Remove an import and its provenance row; the store is rebuilt in a temporary file and swapped
    in with one rename, so a failure leaves it as it was.

    Raises
    ------
    DataValidationError
        When there is no such import.
    """
    path = Path(path) if path is not None else user_store()
    with _STORE_LOCK:
        meta = list_user_layers(path=path)
        if name not in set(meta["layer"]):
            raise DataValidationError(f"没有名为「{name}」的导入图层", hint="请刷新页面查看现有图层")
        keep = meta[meta["layer"] != name]
        frames = {layer: pyogrio.read_dataframe(path, layer=layer) for layer in keep["layer"]}
        frames[METADATA_LAYER] = _typed_metadata(keep) if len(keep) else _empty_metadata()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-rebuild-", suffix=".gpkg", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            write_layers(frames, path=tmp)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
    return path


def _storable(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Make columns GeoPackage-friendly: names unique ignoring case and never ``fid`` (the table's
    key), nullable booleans as 0/1/NULL, strings as text."""
    out = gdf.copy()
    seen: set[str] = {"fid", out.geometry.name.lower()}
    renames = {}
    for col in out.columns:
        if col == out.geometry.name:
            continue
        name, i = str(col), 2
        while name.lower() in seen:
            name, i = f"{col}_{i}", i + 1
        seen.add(name.lower())
        if name != col:
            renames[col] = name
    out = out.rename(columns=renames)
    for col in out.columns:
        if col == out.geometry.name:
            continue
        dtype = out[col].dtype
        if isinstance(dtype, pd.BooleanDtype):
            out[col] = out[col].astype("Int64").astype("float").where(out[col].notna())
        elif isinstance(dtype, pd.StringDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def import_file(
    data: bytes,
    filename: str,
    *,
    name: str,
    title: str,
    source: str,
    accuracy: str = "real",
    path: Path | str | None = None,
    **read_options,
) -> ImportResult:
    """Read and store in one step (for the command line); see :func:`read_upload` for the options."""
    result = read_upload(data, filename, **read_options)
    save_import(result, name=name, title=title, source=source, accuracy=accuracy, path=path)
    return result

"""Reading the bytes of an upload: one reader per format, with size and zip-safety checks."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo.errors import DataValidationError, LayerChoiceError
from geo.ingest import limits
from geo.ingest.base import EXTENSIONS, FORMATS, MAX_TABLE_ROWS, MAX_UNZIPPED_BYTES
from geo.ingest.encoding import detect_dbf_encoding
from geo.ingest.locating import crs_string, suggest_coordinate_columns
from geo.ingest.values import is_blank
from geo.messages.notes import Both, Listing, note
from geo.spatial.crs import STORAGE_CRS

_SHP_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def check_size(data: bytes, filename: str, max_bytes: int) -> None:
    if len(data) == 0:
        raise DataValidationError.of("ingest.empty_file", file=filename)
    if len(data) > max_bytes:
        raise DataValidationError.of(
            "ingest.file_too_large",
            file=filename,
            size_mb=len(data) / 1024 / 1024,
            limit_mb=max_bytes / 1024 / 1024,
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
        raise DataValidationError.of("ingest.xls_unsupported")
    if ext in (".shp", ".dbf", ".shx", ".prj"):
        raise DataValidationError.of("ingest.lone_shapefile_part", file=filename)
    raise DataValidationError.of("ingest.unknown_format", file=filename, formats=Listing(EXTENSIONS))


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
        raise DataValidationError.of("ingest.bad_zip", file=filename, detail=str(exc)) from exc
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
            raise DataValidationError.of("ingest.unsafe_zip_path", name=name)
        if info.is_dir() or parts[:1] == ["__MACOSX"] or not parts:
            continue
        if info.flag_bits & 0x1:
            raise DataValidationError.of("ingest.zip_encrypted", name=name)
        total += info.file_size
        entries[name] = info
    if total > MAX_UNZIPPED_BYTES:
        raise DataValidationError.of(
            "ingest.zip_too_large", size_mb=total / 1024 / 1024, limit_mb=MAX_UNZIPPED_BYTES / 1024 / 1024
        )
    if not entries:
        raise DataValidationError.of("ingest.empty_zip", file=filename)
    return entries


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
        raise DataValidationError.of("ingest.unreadable_file", file=path.name, detail=str(exc)) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataValidationError.of("ingest.layer_without_geometry", file=path.name, layer=layer)
    return frame


def _vector_layers(path: Path) -> list[str]:
    try:
        return [str(name) for name, geom in pyogrio.list_layers(path) if geom is not None]
    except pyogrio.errors.DataSourceError as exc:
        raise DataValidationError.of("ingest.cannot_open", file=path.name) from exc


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
    title: str = ""  # the text of the title rows above a table's header ("2024年度企业名单")


def _pick_layer(layers: Sequence[str], layer: str | None, filename: str) -> str:
    if not layers:
        raise DataValidationError.of("ingest.no_spatial_layer", file=filename)
    if layer is None:
        if len(layers) > 1:
            raise LayerChoiceError.of(
                "ingest.choose_layer",
                extra={"layers": tuple(layers)},
                file=filename,
                n=len(layers),
                layers=Listing(layers),
            )
        return layers[0]
    if layer not in layers:
        raise DataValidationError.of(
            "ingest.no_such_layer", file=filename, layer=layer, layers=Listing(layers)
        )
    return layer


def _read_shapefile_zip(data: bytes, filename: str, layer: str | None, encoding: str | None) -> _Raw:
    zf, entries = _open_zip(data, filename)
    with zf:
        sets = _shapefile_sets(entries)
        if not sets:
            kml = [info for name, info in entries.items() if name.lower().endswith(".kml")]
            if kml:  # a KMZ, or a zipped KML
                limits.check_zip_member(kml[0], filename, limits.MAX_KML_BYTES)
                return _read_kml(limits.read_member(zf, kml[0], filename), filename, layer)
            raise DataValidationError.of("ingest.zip_without_shp", file=filename)
        labels = {_layer_label(stem): stem for stem in sorted(sets)}
        chosen = _pick_layer(list(labels), layer, filename)
        parts = sets[labels[chosen]]
        missing = [ext for ext in (".shx", ".dbf") if ext not in parts]
        if missing:
            raise DataValidationError.of(
                "ingest.shapefile_incomplete", layer=chosen, missing=Listing(missing)
            )
        limits.check_dbf(zf, parts[".dbf"], filename)
        content = {ext: limits.read_member(zf, info, filename) for ext, info in parts.items()}
    notes: list[str] = []
    if encoding is None:
        cpg = content[".cpg"].decode("ascii", errors="ignore") if ".cpg" in content else None
        encoding, reason = detect_dbf_encoding(content[".dbf"], cpg)
        notes.append(reason)
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        for ext, blob in content.items():  # fixed names: nothing from the zip decides a path
            (Path(tmp) / f"layer{ext}").write_bytes(blob)
        frame = _read_vector_file(Path(tmp) / "layer.shp", encoding=encoding)
    crs = crs_string(frame.crs) if ".prj" in content else None
    if ".prj" not in content:
        frame = frame.set_crs(None, allow_override=True)
    return _Raw(frame, tuple(labels), chosen, crs, encoding, notes)


def _read_container(data: bytes, filename: str, layer: str | None, suffix: str) -> _Raw:
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        layers = _vector_layers(path)
        chosen = _pick_layer(layers, layer, filename)
        limits.check_layer(path, chosen, filename)
        frame = _read_vector_file(path, layer=chosen)
    return _Raw(frame, tuple(layers), chosen, crs_string(frame.crs), "utf-8", [])


def _read_kml(data: bytes, filename: str, layer: str | None) -> _Raw:
    raw = _read_container(data, filename, layer, ".kml")
    raw.crs = STORAGE_CRS  # KML is always WGS-84 lon/lat
    raw.frame = raw.frame.set_crs(STORAGE_CRS, allow_override=True)
    return raw


def _read_geojson(data: bytes, filename: str) -> _Raw:
    try:
        frame = pyogrio.read_dataframe(io.BytesIO(data))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise DataValidationError.of("ingest.bad_geojson", file=filename, detail=str(exc)) from exc
    if not isinstance(frame, gpd.GeoDataFrame):
        raise DataValidationError.of("ingest.geojson_without_geometry", file=filename)
    return _Raw(frame, (), None, crs_string(frame.crs) or STORAGE_CRS, "utf-8", [])


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


def _title_text(top: pd.DataFrame, header_row: int) -> str:
    """The text of the title rows above a table's header, their cells joined by a space."""
    return " ".join(str(v).strip() for v in top.iloc[:header_row].stack().dropna() if str(v).strip())


def _header_note(header_row: int) -> list[str]:
    if header_row == 1:  # "the row above it is a title" (walk20 item 7)
        return [note("ingest.note.header_row.one", row=2)]
    return [note("ingest.note.header_row", row=header_row + 1, above=header_row)] if header_row else []


def _check_header(top: pd.DataFrame, header_row: int, filename: str) -> None:
    """Refuse repeated column names in a table's header row, as for a .dbf with repeated fields.

    pandas would keep both under ``lon`` and ``lon.1``, and the second would silently be a new
    column nobody named; so the names are checked as written (blank header cells aside).
    """
    if header_row >= len(top):
        return
    names = [str(v).strip() for v in top.iloc[header_row].tolist() if not is_blank(v) and str(v).strip()]
    limits.check_columns(pd.DataFrame(columns=names), filename)


# A "CSV" may separate its columns otherwise: a semicolon where a spreadsheet saved it in a locale
# whose decimal mark is the comma, a tab where a system exported a tab-separated table.
CSV_SEPARATORS = (",", ";", "\t")


def csv_separator(text: str) -> str:
    """The separator of ``text``'s columns: of :data:`CSV_SEPARATORS`, the one a line of its first 20
    holds most often (the header row, whatever title rows stand above it); the comma where none is
    found or where they tie (walk22: a semicolon file read as one column, 「找不到经纬度列」)."""
    lines = text.splitlines()[:20]
    most = {sep: max((line.count(sep) for line in lines), default=0) for sep in CSV_SEPARATORS}
    return max(CSV_SEPARATORS, key=lambda sep: (most[sep], sep == ","))


def _read_csv(data: bytes, filename: str) -> _Raw:
    limits.check_csv(data, filename)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DataValidationError.of("ingest.unknown_encoding", file=filename)
    sep = csv_separator(text)
    try:
        top = pd.read_csv(
            io.StringIO(text), sep=sep, header=None, nrows=20, dtype=str, skip_blank_lines=False
        )
        header_row = _header_row(top)
        _check_header(top, header_row, filename)
        header = pd.read_csv(io.StringIO(text), sep=sep, header=header_row, nrows=0)
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=header_row,
            dtype=_text_dtypes(header.columns),
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError.of("ingest.bad_csv", file=filename, detail=str(exc)) from exc
    encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    title = _title_text(top, header_row)
    return _Raw(frame, (), None, None, encoding, _header_note(header_row), header_row, title)


def _read_xlsx(data: bytes, filename: str, sheet: str | None) -> _Raw:
    limits.check_xlsx(data, filename, sheet)
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
        raise DataValidationError.of("ingest.bad_xlsx", file=filename, detail=str(exc)) from exc
    with book:
        sheets = [str(s) for s in book.sheet_names]
        said: list[str] = []
        chosen = sheet if sheet is not None else _data_sheet(book, sheets, said)
        if chosen not in sheets:
            raise DataValidationError.of(
                "ingest.no_such_sheet", file=filename, sheet=chosen, sheets=Listing(sheets)
            )
        top = pd.read_excel(book, sheet_name=chosen, header=None, nrows=20)
        header_row = _header_row(top)
        _check_header(top, header_row, filename)
        header = pd.read_excel(book, sheet_name=chosen, header=header_row, nrows=0)
        frame = pd.read_excel(
            book, sheet_name=chosen, header=header_row, dtype=_text_dtypes([str(c) for c in header.columns])
        )
    frame.columns = [str(c) for c in frame.columns]
    title = _title_text(top, header_row)
    notes = [*said, *_header_note(header_row)]
    return _Raw(frame, tuple(sheets), chosen, None, None, notes, header_row, title)


def _has_coordinates(book: pd.ExcelFile, sheet: str) -> bool:
    """Whether a sheet's header (found as :func:`_read_xlsx` finds it) names longitude and latitude."""
    top = pd.read_excel(book, sheet_name=sheet, header=None, nrows=20)
    if top.empty:
        return False
    header_row = _header_row(top)
    names = [str(v).strip() for v in top.iloc[header_row].tolist()]
    rows = pd.DataFrame(top.iloc[header_row + 1 :].to_numpy(), columns=range(len(names)))
    rows.columns = pd.Index(names)
    return suggest_coordinate_columns(rows.loc[:, ~rows.columns.duplicated()])[0] is not None


def _data_sheet(book: pd.ExcelFile, sheets: Sequence[str], said: list[str]) -> str:
    """The sheet to read when none is named: the first, unless it has no longitude/latitude columns
    and another sheet has (a workbook opening on its notes, 填表说明, with the firms on 企业名单):
    then the first such sheet, said in ``said`` with the others that have them (the page's
    「图层 / 工作表」 and the command line's ``--layer`` choose one)."""
    first = sheets[0]
    if len(sheets) < 2 or _has_coordinates(book, first):
        return first
    found = [s for s in sheets[1:] if _has_coordinates(book, s)]
    if not found:
        return first
    if len(found) == 1:
        said.append(note("ingest.note.sheet_found", sheet=found[0], first=first))
    else:
        others = Listing(Both(f"「{s}」", f"“{s}”") for s in found[1:])
        said.append(note("ingest.note.sheets_found", sheet=found[0], first=first, others=others))
    return found[0]


def _read_kml_or_kmz(data: bytes, filename: str, layer: str | None, encoding: str | None) -> _Raw:
    if data[:2] == b"PK":  # a KMZ (zipped KML)
        return _read_shapefile_zip(data, filename, layer, encoding)
    return _read_kml(data, filename, layer)


# One reader per format: (bytes, file name, layer or sheet, encoding) -> _Raw.
READERS: dict[str, Callable[[bytes, str, str | None, str | None], _Raw]] = {
    "shapefile": _read_shapefile_zip,
    "gpkg": lambda data, filename, layer, encoding: _read_container(data, filename, layer, ".gpkg"),
    "kml": _read_kml_or_kmz,
    "geojson": lambda data, filename, layer, encoding: _read_geojson(data, filename),
    "csv": lambda data, filename, layer, encoding: _read_csv(data, filename),
    "xlsx": lambda data, filename, layer, encoding: _read_xlsx(data, filename, layer),
}


def read_raw(data: bytes, filename: str, fmt: str, layer: str | None, encoding: str | None) -> _Raw:
    reader = READERS.get(fmt)
    if reader is None:
        raise DataValidationError.of("ingest.unsupported_format", fmt=fmt, formats=Listing(FORMATS))
    raw = reader(data, filename, layer, encoding)
    limits.check_columns(raw.frame, filename)
    raw.frame = (
        raw.frame.dropna(axis=0, how="all") if not isinstance(raw.frame, gpd.GeoDataFrame) else raw.frame
    )
    if len(raw.frame) == 0:
        raise DataValidationError.of("ingest.no_records", file=filename)
    if len(raw.frame) > MAX_TABLE_ROWS:
        raise DataValidationError.of(
            "ingest.too_many_records", file=filename, rows=len(raw.frame), limit=MAX_TABLE_ROWS
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
    text = np.asarray([None if is_blank(v) else str(v) for v in values], dtype=object)
    geoms = shapely.from_wkt(text, on_invalid="ignore")
    parsed = int((~shapely.is_missing(geoms)).sum())
    if parsed == 0 or parsed < 0.5 * int(values.notna().sum()):  # mostly WKT: bad ones become row errors
        return
    raw.frame = gpd.GeoDataFrame(raw.frame.drop(columns=names[0]), geometry=geoms, crs=None)
    raw.notes.append(note("ingest.note.wkt_column", column=names[0]))

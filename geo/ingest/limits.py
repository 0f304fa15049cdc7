"""Bounds on the work an upload can cause, checked on the raw bytes before any parser sees them.

Zip members (shapefile parts, a KMZ's KML, XLSX parts) are judged first by their declared sizes
and then inflated only as streams, 1 MB at a time, counting the bytes actually produced: a member
that produces more than its headers declare (a "lying" zip bomb) is refused at the first byte
too many, before it costs time or memory (:func:`read_member`). An XLSX sheet is stream-counted
(rows, cells, columns) the same way, so a refusal costs a fraction of a second and a few
megabytes, whatever the file holds. Every refusal is a :class:`~geo.errors.DataValidationError`
in Chinese.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import struct
import zipfile
import zlib
from html import unescape
from pathlib import Path

import pandas as pd
import pyogrio

from geo.errors import DataValidationError
from geo.ingest.base import MAX_TABLE_ROWS, MAX_UNZIPPED_BYTES
from geo.messages.notes import Listing

MiB = 1024 * 1024

# Columns of any table or layer (a wide sheet is padded cell by cell for every row).
MAX_TABLE_COLUMNS = 500

# Title rows above a header, and a few blank ones, on top of MAX_TABLE_ROWS records.
_SPARE_ROWS = 1_000

# XLSX parts (declared uncompressed sizes). openpyxl reads the shared strings and styles whole
# at open; sheets are streamed, and bounded again by their row, cell and column counts.
MAX_XLSX_SHARED_STRINGS_BYTES = 64 * MiB
MAX_XLSX_SHEET_BYTES = 256 * MiB
MAX_XLSX_PART_BYTES = 16 * MiB  # workbook, styles, relationships, content types, ...
MAX_XLSX_CELLS = 10_000_000  # 500 000 rows x 20 columns

# KML inside a KMZ: no larger than a plain .kml upload could be after decompression.
MAX_KML_BYTES = 128 * MiB

_CHUNK = 1 * MiB
# what a damaged or foreign archive raises while it is read; zipfile raises NotImplementedError for a
# compression method it cannot read (an AES-encrypted, type-99 member): a user's bad file, told in Chinese
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*:)?(?:worksheet|sst)[\s>]")


def _mb(n: float) -> str:
    return f"{n / MiB:,.0f} MB" if n >= MiB else f"{n / 1024:,.0f} KB"


def check_rows(n_rows: int, filename: str, *, features: bool = False) -> None:
    """Refuse more than :data:`MAX_TABLE_ROWS` records (``features``: of a layer; plus a few title rows)."""
    if n_rows > MAX_TABLE_ROWS + _SPARE_ROWS:
        key = "ingest.too_many_features" if features else "ingest.too_many_rows"
        raise DataValidationError.of(key, file=filename, rows=n_rows, limit=MAX_TABLE_ROWS)


def check_columns(frame: pd.DataFrame, filename: str) -> None:
    """Refuse too many columns and repeated column names (a .dbf may hold two fields ``NAME``)."""
    columns = [str(c) for c in frame.columns if c != getattr(frame, "_geometry_column_name", None)]
    if len(columns) > MAX_TABLE_COLUMNS:
        raise DataValidationError.of(
            "ingest.too_many_columns", file=filename, columns=len(columns), limit=MAX_TABLE_COLUMNS
        )
    seen: dict[str, int] = {}
    for c in columns:
        seen[c] = seen.get(c, 0) + 1
    repeated = [f"「{c}」（{n} 次）" for c, n in seen.items() if n > 1]
    if repeated:
        raise DataValidationError.of("ingest.repeated_columns", file=filename, columns=Listing(repeated))


def check_csv(data: bytes, filename: str) -> None:
    """Refuse a text table with more lines than records allowed, before pandas parses it."""
    check_rows(data.count(b"\n"), filename)


def _lying_member(filename: str, info: zipfile.ZipInfo) -> DataValidationError:
    return DataValidationError.of(
        "ingest.zip_member_lies", file=filename, member=info.filename, declared=info.file_size
    )


def inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str):
    """Yield the member's bytes in pieces of at most 1 MB, counting what is actually produced.

    The member is opened with its declared size plus one byte, so :mod:`zipfile` hands on one byte
    beyond a declared size that lies; at that byte the member is refused. The CRC and the size
    are checked at the end, as :mod:`zipfile` would. Memory stays at one
    piece and the work at the declared size, whatever the compressed stream would expand to.

    Raises
    ------
    DataValidationError
        When the member produces more bytes than it declares.
    zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError
        For a broken, encrypted or oddly compressed member (callers say what it is in their words).
    """
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1
    del probe.CRC  # zipfile would check it at that extra byte; the CRC is checked here instead
    produced, crc = 0, 0
    with zf.open(probe) as stream:
        while True:
            piece = stream.read(_CHUNK)
            if not piece:
                break
            produced += len(piece)
            if produced > info.file_size:
                raise _lying_member(filename, info)
            crc = zlib.crc32(piece, crc)
            yield piece
    if produced != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 or size for file {info.filename!r}")


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str) -> bytes:
    """The member's bytes, inflated as a stream (:func:`inflate`): never more than it declares.

    Raises
    ------
    DataValidationError
        When the member produces more than it declares, or is broken.
    """
    try:
        return b"".join(inflate(zf, info, filename))
    except _BROKEN as exc:
        raise DataValidationError.of(
            "ingest.zip_member_broken", file=filename, member=info.filename, detail=str(exc)
        ) from exc


def check_dbf(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str) -> None:
    """Records and fields of a zipped shapefile's .dbf, from its 32-byte header (before GDAL reads it)."""
    try:
        with zf.open(info) as stream:
            head = stream.read(32)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return  # the reader reports the broken member
    if len(head) < 12:
        return  # too short to be a .dbf: GDAL's own error says so
    n_records, header_len = struct.unpack("<IH", head[4:10])
    n_fields = max(0, (header_len - 33) // 32)
    check_rows(n_records, filename, features=True)
    if n_fields > MAX_TABLE_COLUMNS:
        raise DataValidationError.of(
            "ingest.too_many_dbf_fields", file=filename, fields=n_fields, limit=MAX_TABLE_COLUMNS
        )


def check_zip_member(info: zipfile.ZipInfo, filename: str, max_bytes: int) -> None:
    """Refuse a zip member (e.g. the KML of a KMZ) whose declared size exceeds ``max_bytes``."""
    if info.file_size > max_bytes:
        raise DataValidationError.of(
            "ingest.zip_member_too_large",
            file=filename,
            member=info.filename,
            size=_mb(info.file_size),
            limit=_mb(max_bytes),
        )


def check_layer(path: Path, layer: str | None, filename: str) -> None:
    """Refuse a GeoPackage/KML layer with more features than allowed, from the driver's count."""
    try:
        n_features = int(pyogrio.read_info(path, layer=layer)["features"])
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        return  # the reader reports it
    if n_features > 0:  # -1: the driver cannot tell without reading
        check_rows(n_features, filename, features=True)


# ---- XLSX -------------------------------------------------------------------------------------


def _bad_xlsx(filename: str, detail: str, member: str | None = None) -> DataValidationError:
    if member is not None:
        return DataValidationError.of("ingest.xlsx_part_broken", file=filename, member=member, detail=detail)
    return DataValidationError.of("ingest.bad_xlsx", file=filename, detail=detail)


def _attr(tag: bytes, name: bytes) -> str | None:
    match = re.search(rb"(?:^|\s)(?:[A-Za-z_][\w.-]*:)?" + name + rb"=\"([^\"]*)\"", tag)
    if match is None:
        return None
    return unescape(match.group(1).decode("utf-8", errors="replace"))


def _sheet_parts(zf: zipfile.ZipFile, names: set[str], filename: str) -> dict[str, str]:
    """Sheet name -> worksheet part, in workbook order, read from workbook.xml and its relationships
    (both already bounded by :data:`MAX_XLSX_PART_BYTES`); {} when they cannot be read."""
    try:
        book = b"".join(inflate(zf, zf.getinfo("xl/workbook.xml"), filename))
        rels = b"".join(inflate(zf, zf.getinfo("xl/_rels/workbook.xml.rels"), filename))
    except (KeyError, *_BROKEN):
        return {}
    targets = {}
    for tag in re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\b([^>]*)>", rels):
        rid, target = _attr(tag, b"Id"), _attr(tag, b"Target")
        if rid and target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rid] = path
    sheets = {}
    for tag in re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s([^>]*)>", book):
        name, rid = _attr(tag, b"name"), _attr(tag, b"id")
        if name is not None and rid in targets and targets[rid] in names:
            sheets[name] = targets[rid]
    return sheets


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str):
    """Yield the decompressed member in ~1 MB pieces cut before a "<" (no tag is split), after the
    namespace prefix of its root element (``b""`` or e.g. ``b"x:"``); memory stays at one piece."""
    carry = b""
    try:
        pieces = inflate(zf, info, filename)
        head = next(pieces, b"")
        if _DTD.search(head[:4096]):
            raise DataValidationError.of("ingest.xlsx_dtd", file=filename, member=info.filename)
        root = _ROOT_PREFIX.search(head)
        yield (root.group(1) or b"") if root else b""
        chunk = head
        while chunk:
            buf = carry + chunk
            cut = buf.rfind(b"<", max(0, len(buf) - 64))
            cut = len(buf) if cut == -1 else cut
            yield buf[:cut]
            carry = buf[cut:]
            chunk = next(pieces, b"")
    except _BROKEN as exc:
        raise _bad_xlsx(filename, str(exc), info.filename) from exc
    if carry:
        yield carry


def _tags(piece: bytes, tag: bytes) -> int:
    """How many elements ``tag`` (prefix included, e.g. ``b"<row"``) start in ``piece``."""
    return piece.count(tag + b" ") + piece.count(tag + b">") + piece.count(tag + b"/>")


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _check_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, filename: str) -> None:
    rows = cells = max_row = max_col = 0
    pieces = _scan(zf, info, filename)
    ns = next(pieces)
    # r="123456": a row number of six digits and more (cells' references start with letters);
    # r="AAA1": a cell in column AAA (703) or further right
    far = re.compile(rb' r="(?:(\d{6,})"|([A-Z]{3})\d)')
    row_tag, cell_tag = b"<" + ns + b"row", b"<" + ns + b"c"
    for piece in pieces:
        # upper bounds (a few <rowBreaks>, <col>, <cfRule> counted too): cheap and safe
        rows += piece.count(row_tag)
        cells += piece.count(cell_tag)
        for number, letters in far.findall(piece):
            if number:
                max_row = max(max_row, int(number))
            else:
                max_col = max(max_col, _column_index(letters))
        # openpyxl fills the gaps up to the highest row number with empty rows, so count those too
        if max(rows, max_row) > MAX_TABLE_ROWS + _SPARE_ROWS:
            raise DataValidationError.of(
                "ingest.sheet_too_many_rows",
                file=filename,
                sheet=label,
                rows=max(rows, max_row),
                limit=MAX_TABLE_ROWS,
            )
        if cells > MAX_XLSX_CELLS:
            raise DataValidationError.of(
                "ingest.sheet_too_many_cells", file=filename, sheet=label, limit=MAX_XLSX_CELLS
            )
        if max_col > MAX_TABLE_COLUMNS:
            raise DataValidationError.of(
                "ingest.sheet_too_many_columns",
                file=filename,
                sheet=label,
                column=max_col,
                limit=MAX_TABLE_COLUMNS,
            )


def _drain(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str) -> None:
    try:
        for _ in inflate(zf, info, filename):
            pass
    except _BROKEN as exc:
        raise _bad_xlsx(filename, str(exc), info.filename) from exc


def check_xlsx(data: bytes, filename: str, sheet: str | None = None) -> None:
    """Refuse an XLSX whose expansion would cost more than the limits, before openpyxl opens it.

    Checks the total and per-part uncompressed sizes (shared strings, sheets, other XML parts),
    inflates every part openpyxl will read as a stream (refusing one that produces more than it
    declares), refuses DTDs, and stream-counts the chosen sheet (``None``: the first) for rows, cells
    and columns.
    A sheet name that is not in the workbook is left to the reader, which lists the sheets.

    Raises
    ------
    DataValidationError
        For a broken zip or any limit exceeded.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _bad_xlsx(filename, str(exc)) from exc
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in infos)
        if total > MAX_UNZIPPED_BYTES:
            raise DataValidationError.of(
                "ingest.xlsx_too_large", file=filename, size=_mb(total), limit=_mb(MAX_UNZIPPED_BYTES)
            )
        names = {i.filename for i in infos}
        sheets_dir = "xl/worksheets/"
        for info in infos:
            lower = info.filename.lower()
            if lower.endswith("sharedstrings.xml"):
                limit, what = MAX_XLSX_SHARED_STRINGS_BYTES, "ingest.xlsx_strings_too_large"
            elif lower.startswith(sheets_dir) and lower.endswith(".xml"):
                limit, what = MAX_XLSX_SHEET_BYTES, "ingest.xlsx_sheet_too_large"
            elif lower.endswith((".xml", ".rels", ".vml")):
                limit, what = MAX_XLSX_PART_BYTES, "ingest.xlsx_part_too_large"
            else:
                continue  # pictures and other binaries are not parsed; the total bounds them
            if info.file_size > limit:
                raise DataValidationError.of(
                    what,
                    file=filename,
                    member=info.filename,
                    size=_mb(info.file_size),
                    limit=_mb(limit),
                )
            if (
                what == "ingest.xlsx_part_too_large"
            ):  # read whole by openpyxl: first make sure it is no larger than it says
                _drain(zf, info, filename)
        for info in infos:
            if info.filename.lower().endswith("sharedstrings.xml"):
                items = 0
                pieces = _scan(zf, info, filename)
                ns = next(pieces)
                for piece in pieces:
                    items += _tags(piece, b"<" + ns + b"si")
                    if items > MAX_XLSX_CELLS:
                        raise DataValidationError.of(
                            "ingest.xlsx_too_many_strings", file=filename, limit=MAX_XLSX_CELLS
                        )
        parts = _sheet_parts(zf, names, filename)
        if parts:
            if sheet is None:
                chosen = [next(iter(parts.items()))]
            elif sheet in parts:
                chosen = [(sheet, parts[sheet])]
            else:
                return
        else:  # relationships unreadable: bound every sheet
            chosen = [
                (posixpath.basename(n), n)
                for n in sorted(names)
                if n.lower().startswith(sheets_dir) and n.lower().endswith(".xml")
            ]
        for label, part in chosen:
            _check_sheet(zf, zf.getinfo(part), label, filename)

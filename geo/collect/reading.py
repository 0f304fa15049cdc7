"""Reading one department's file (CSV or XLSX) as text, with the spreadsheet row of every record.

Every cell is read as text, so 18-character codes, leading zeros and 户号 survive; numbers are
parsed later, column by column. The header is the first of the top rows that holds one of the
department's key headers (title rows above it are skipped). The same size bounds as any upload
(:mod:`geo.ingest.limits`) are checked on the bytes before a parser runs.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.catalogue import norm_header
from geo.errors import DataValidationError
from geo.ingest import limits
from geo.ingest.base import MAX_UPLOAD_BYTES
from geo.ingest.values import stated_year

_TOP_ROWS = 20
# Records of one department's CSV: a county's tax office sends one row per 税种 (about 600,000 rows
# for 120,000 enterprises), more than an ordinary upload's MAX_TABLE_ROWS; the upload's byte limit
# (MAX_UPLOAD_BYTES) still bounds the parse. XLSX files keep the upload's own bounds.
MAX_SOURCE_ROWS = 2_000_000


@dataclass(frozen=True)
class SourceFile:
    """A department file as read: its cells as text, each record's spreadsheet row, its hash."""

    department: str
    filename: str
    sha256: str
    table: pd.DataFrame  # all cells text (or NA); index = position
    rownum: pd.Series  # spreadsheet row a user sees (header = its own row)
    header_row: int  # 1-based row of the header
    title: str = ""  # the text of the title rows above the header ("2024年度企业纳税明细（单位：元）")


def _decode(data: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataValidationError.of("collect.encoding", file=filename)


def _grid(data: bytes, filename: str) -> pd.DataFrame:
    """Every cell as text, no header."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        limits.check_xlsx(data, filename)
        try:
            return pd.read_excel(io.BytesIO(data), header=None, dtype=str, engine="openpyxl")
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
            raise DataValidationError.of("collect.bad_xlsx", file=filename, error=exc) from exc
    if suffix not in (".csv", ".txt"):
        raise DataValidationError.of("collect.not_table", file=filename)
    lines = data.count(b"\n")
    if lines > MAX_SOURCE_ROWS:
        raise DataValidationError.of(
            "collect.too_many_rows", file=filename, lines=lines, max_rows=MAX_SOURCE_ROWS
        )
    text = _decode(data, filename)
    try:
        return pd.read_csv(
            io.StringIO(text), header=None, dtype=str, skip_blank_lines=False, keep_default_na=False
        ).replace({"": pd.NA})
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError.of("collect.bad_csv", file=filename, error=exc) from exc


def _header_index(grid: pd.DataFrame, known: set[str]) -> int:
    for i in range(min(_TOP_ROWS, len(grid))):
        cells = {norm_header(v) for v in grid.iloc[i].dropna()}
        if cells & known:
            return i
    return 0


def parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers as people type them (full-width digits, thousands separators); NaN when not one."""
    raw = values.astype(object).where(values.notna(), None)
    number = pd.Series(np.nan, index=raw.index)
    plain = _plain_integers(raw)  # whole numbers of up to 15 digits: exact as floats, parsed at once
    if plain is not None:
        number[plain[0]] = plain[1]
    rest = raw.notna().to_numpy() if plain is None else raw.notna().to_numpy() & ~plain[0]
    if rest.any():
        number[rest] = pd.to_numeric(raw[rest], errors="coerce").astype(float)
    retry = number.isna() & raw.notna()
    if retry.any():  # only the cells plain parsing did not take
        text = [re.sub(r"[,，\s]", "", unicodedata.normalize("NFKC", str(v))) for v in raw[retry]]
        number[retry] = pd.to_numeric(pd.Series(text, index=raw.index[retry]), errors="coerce").astype(float)
    return number


def _plain_integers(raw: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """The cells that are plain whole numbers (``[0-9]{1,15}``, no sign) and their values, parsed by
    Arrow in one pass (the same numbers :func:`pandas.to_numeric` gives); None when the cells
    are not all text."""
    try:
        text = pa.array(raw.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    plain = pc.fill_null(pc.match_substring_regex(text, r"^[0-9]{1,15}$"), False)
    mask = plain.to_numpy(zero_copy_only=False)
    numbers = pc.cast(text.filter(plain), pa.int64()).to_numpy(zero_copy_only=False).astype(float)
    return mask, numbers


def read_source(
    data: bytes,
    filename: str,
    *,
    department: str,
    known_headers: tuple[str, ...] = (),
    what: str = "",
    what_en: str = "",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> SourceFile:
    """Read a department's CSV/XLSX as text.

    ``known_headers`` are the headers that identify the header row (its key columns);
    ``what`` / ``what_en`` name the file in messages (e.g. ``税务`` / ``Tax office``).

    Raises
    ------
    DataValidationError
        For an empty, oversized or unreadable file, or one without any record under its header.
    """
    label = {
        "zh": f"{what}文件「{filename}」" if what else f"「{filename}」",
        "en": f"The {what_en or what} file “{filename}”" if what else f"“{filename}”",
    }
    if len(data) == 0:
        raise DataValidationError.of("collect.empty_file", label=label)
    if len(data) > max_bytes:
        raise DataValidationError.of(
            "collect.too_big", label=label, mb=len(data) / 1024 / 1024, max_mb=max_bytes / 1024 / 1024
        )
    grid = _grid(data, filename)
    limits.check_columns(grid, filename)
    grid = grid.dropna(axis=0, how="all")
    if grid.empty:
        raise DataValidationError.of("collect.no_content", label=label)
    known = {norm_header(h) for h in known_headers}
    first = _header_index(grid, known)
    header = [str(v).strip() if not pd.isna(v) else f"列{j + 1}" for j, v in enumerate(grid.iloc[first])]
    seen: dict[str, int] = {}
    for j, h in enumerate(header):  # repeated headers get a suffix instead of being lost
        seen[h] = seen.get(h, 0) + 1
        if seen[h] > 1:
            header[j] = f"{h}_{seen[h]}"
    body = grid.iloc[first + 1 :]
    body = body.set_axis(header, axis=1)
    body = body.map(lambda v: v.strip() if isinstance(v, str) else v).replace({"": pd.NA})
    body = body.dropna(axis=0, how="all")
    if body.empty:
        raise DataValidationError.of("collect.no_records", label=label)
    rownum = pd.Series(body.index.to_numpy() + 1, index=range(len(body)))  # grid row 0 = spreadsheet row 1
    return SourceFile(
        department=department,
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        table=body.reset_index(drop=True),
        rownum=rownum,
        header_row=int(grid.index[first]) + 1,
        title=" ".join(str(v).strip() for v in grid.iloc[:first].stack().dropna()),
    )


__all__ = ["SourceFile", "parse_numbers", "read_source", "stated_year"]

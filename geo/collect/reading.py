"""Reading one department's file (CSV or XLSX) as text, with the spreadsheet row of every record.

Every cell is read as text, so 18-character codes, leading zeros and 户号 survive; numbers are
parsed later, column by column. The header is the first of the top rows that holds one of the
department's key headers (title rows above it are skipped). The same size bounds as any upload
(:mod:`geo.ingest.limits`) are checked on the bytes before a parser runs.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.catalogue import norm_header
from geo.errors import DataValidationError
from geo.ingest import limits
from geo.ingest.base import MAX_UPLOAD_BYTES

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


def _decode(data: bytes, filename: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataValidationError(
        f"无法识别「{filename}」的文字编码", hint="请在 Excel 中另存为「CSV UTF-8」后上传"
    )


def _grid(data: bytes, filename: str) -> pd.DataFrame:
    """Every cell as text, no header."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        limits.check_xlsx(data, filename)
        try:
            return pd.read_excel(io.BytesIO(data), header=None, dtype=str, engine="openpyxl")
        except (zipfile.BadZipFile, ValueError, KeyError, OSError) as exc:
            raise DataValidationError(
                f"「{filename}」不是有效的 Excel（.xlsx）文件（{exc}）",
                hint="请在 Excel 中另存为 .xlsx 后上传",
            ) from exc
    if suffix not in (".csv", ".txt"):
        raise DataValidationError(
            f"「{filename}」不是 CSV 或 XLSX 表格", hint="部门数据请导出为 .csv 或 .xlsx"
        )
    lines = data.count(b"\n")
    if lines > MAX_SOURCE_ROWS:
        raise DataValidationError(
            f"「{filename}」有 {lines:,} 行，超过上限 {MAX_SOURCE_ROWS:,} 行，已拒绝（未解析）",
            hint="请只导出需要的年份和范围",
        )
    text = _decode(data, filename)
    try:
        return pd.read_csv(
            io.StringIO(text), header=None, dtype=str, skip_blank_lines=False, keep_default_na=False
        ).replace({"": pd.NA})
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError(
            f"「{filename}」不是有效的 CSV 表格（{exc}）", hint="请检查分隔符和引号，或另存为 .xlsx 后上传"
        ) from exc


def _header_index(grid: pd.DataFrame, known: set[str]) -> int:
    for i in range(min(_TOP_ROWS, len(grid))):
        cells = {norm_header(v) for v in grid.iloc[i].dropna()}
        if cells & known:
            return i
    return 0


def read_source(
    data: bytes,
    filename: str,
    *,
    department: str,
    known_headers: tuple[str, ...] = (),
    what: str = "",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> SourceFile:
    """Read a department's CSV/XLSX as text.

    ``known_headers`` are the headers that identify the header row (its key columns);
    ``what`` names the file in messages (e.g. ``税务``).

    Raises
    ------
    DataValidationError
        For an empty, oversized or unreadable file, or one without any record under its header.
    """
    label = f"{what}文件「{filename}」" if what else f"「{filename}」"
    if len(data) == 0:
        raise DataValidationError(f"{label}是空的（0 字节）", hint="请检查导出是否成功后重新生成")
    if len(data) > max_bytes:
        raise DataValidationError(
            f"{label}有 {len(data) / 1024 / 1024:.1f} MB，超过上限 {max_bytes / 1024 / 1024:.0f} MB",
            hint="请只导出需要的范围或字段",
        )
    grid = _grid(data, filename)
    limits.check_columns(grid, filename)
    grid = grid.dropna(axis=0, how="all")
    if grid.empty:
        raise DataValidationError(f"{label}里没有任何内容", hint="请检查导出的范围或筛选条件")
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
        raise DataValidationError(f"{label}表头下没有任何记录（0 行）", hint="请检查导出的范围或筛选条件")
    rownum = pd.Series(body.index.to_numpy() + 1, index=range(len(body)))  # grid row 0 = spreadsheet row 1
    return SourceFile(
        department=department,
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        table=body.reset_index(drop=True),
        rownum=rownum,
        header_row=int(grid.index[first]) + 1,
    )


__all__ = ["SourceFile", "read_source"]

"""The text encoding of a shapefile's .dbf (.cpg, language driver id, trial decoding)."""

from __future__ import annotations

import codecs
import struct
from collections.abc import Sequence

from geo.messages.notes import Note, note

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


def detect_dbf_encoding(dbf: bytes, cpg: str | None = None) -> tuple[str, Note]:
    """The text encoding of a shapefile's .dbf, and a Chinese note on how it was decided.

    The ``.cpg`` is trusted when the contents decode with it; otherwise UTF-8 is tried, then
    GB18030 (a superset of GBK and GB2312, the usual encoding of Chinese shapefiles).
    """
    values = _dbf_text_values(dbf)
    if cpg is not None:
        codec = _CPG_CODECS.get(cpg.strip().lower())
        if codec and _decodes(values, codec):
            return codec, note("ingest.encoding.cpg", cpg=cpg.strip(), codec=codec.upper())
        declared = note("ingest.encoding.cpg_wrong", cpg=cpg.strip())
    else:
        declared = note("ingest.encoding.no_cpg")
    if all(v.isascii() for v in values):
        return "utf-8", note("ingest.encoding.ascii", declared=declared)
    if _decodes(values, "utf-8"):
        return "utf-8", note("ingest.encoding.utf8", declared=declared)
    ldid = dbf[29] if len(dbf) > 29 else 0
    if _LDID_CODECS.get(ldid) == "gb18030" or _decodes(values, "gb18030"):
        return "gb18030", note("ingest.encoding.gbk", declared=declared)
    if _decodes(values, "big5"):
        return "big5", note("ingest.encoding.big5", declared=declared)
    return "latin-1", note("ingest.encoding.latin1", declared=declared)

"""Hostile and broken uploads built in memory: XLSX bombs, a KMZ bomb, a shapefile with repeated
fields, and zips (shapefile, KMZ, XLSX) whose headers lie about a member's size."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parent.parent

# Peak RSS from /proc/self/status VmHWM (this process's own memory since exec): getrusage's
# ru_maxrss keeps the high-water mark of the forking parent (here the test run itself, often > 1 GB).
_MEASURE = """
import json, re, sys, time
from geo.cli import build_parser, main
build_parser()  # the libraries loaded first, as in a running server: time the refusal, not the imports
t0 = time.perf_counter()
rc = main(sys.argv[1:])
hwm_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
print(json.dumps({"rc": rc, "seconds": time.perf_counter() - t0, "maxrss_mb": hwm_kb / 1024}))
"""


def measured_cli(*args: str) -> tuple[dict, str]:
    """Run ``python -m geo.cli ARGS`` in a fresh process; its exit code, seconds, peak RSS and stderr."""
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.stdout.strip(), proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr


_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
_HEAD_ROW = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'


def xlsx(sheet: Iterable[bytes], shared: Iterable[bytes]) -> bytes:
    """A minimal workbook of one sheet 「企业」 whose sheet and shared-strings XML are streamed in."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            with zf.open(name, "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk)
    return buf.getvalue()


def sheet_xml(*rows: bytes) -> list[bytes]:
    return [b'<?xml version="1.0"?><worksheet ' + _NS + b"><sheetData>", *rows, b"</sheetData></worksheet>"]


def shared_xml(*texts: bytes) -> list[bytes]:
    items = b"".join(b"<si><t>" + t + b"</t></si>" for t in texts)
    return [b'<?xml version="1.0"?><sst ' + _NS + b">" + items + b"</sst>"]


def shared_string_bomb(mb: int = 300) -> bytes:
    """~300 KB on disk: one shared string of ``mb`` MiB of "A"."""
    block = b"A" * (1024 * 1024)
    shared = [
        b'<?xml version="1.0"?><sst ' + _NS + b"><si><t>",
        *(block for _ in range(mb)),
        b"</t></si></sst>",
    ]
    return xlsx(sheet_xml(_HEAD_ROW), shared)


def empty_rows_xlsx(n: int = 1_000_000) -> bytes:
    """A header cell and then ``n`` empty rows (a few KB on disk)."""
    return xlsx(sheet_xml(_HEAD_ROW, *(b"<row/>" for _ in range(n))), shared_xml(b"name"))


def kmz_bomb(mb: int = 200) -> bytes:
    """A KMZ whose doc.kml expands to ``mb`` MiB (spaces inside a valid document)."""
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("doc.kml", "w", force_zip64=True) as f,
    ):
        f.write(b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>')
        block = b" " * (1024 * 1024)
        for _ in range(mb):
            f.write(block)
        f.write(b"</Document></kml>")
    return buf.getvalue()


def shapefile_zip(frame: gpd.GeoDataFrame, *, patch=None) -> bytes:
    """``frame`` as a zipped shapefile; ``patch(dbf_bytes) -> bytes`` edits the .dbf first."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        frame.to_file(folder / "layer.shp", engine="pyogrio")
        if patch is not None:
            dbf = folder / "layer.dbf"
            dbf.write_bytes(patch(dbf.read_bytes()))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for path in sorted(folder.iterdir()):
                zf.write(path, arcname=path.name)
        return buf.getvalue()


def two_name_fields_zip() -> bytes:
    """A polygon shapefile whose .dbf has two fields both named ``NAME``."""
    frame = gpd.GeoDataFrame(
        {"NAME": ["甲园", "乙园"], "NAMX": ["a", "b"]},
        geometry=[shapely.box(120.60, 31.10, 120.61, 31.11), shapely.box(120.70, 31.10, 120.71, 31.11)],
        crs=4326,
    )
    return shapefile_zip(frame, patch=lambda dbf: dbf.replace(b"NAMX", b"NAME", 1))


# ---- zips that lie about their sizes ------------------------------------------------------------


def deflated(data: bytes) -> bytes:
    """``data`` as a raw deflate stream (what a zip member holds)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def _inflating_to(head: bytes, filler: bytes, mib: int) -> bytes:
    """A raw deflate stream of ``head`` and then ``mib`` MiB of ``filler``, built in milliseconds.

    Each piece ends in a full flush, which resets the compressor, so the compressed MiB can be
    repeated as it is: the stream is ~1 KB per MiB and no gigabyte is ever compressed here.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(filler * (1024 * 1024 // len(filler))) + comp.flush(zlib.Z_FULL_FLUSH)
    return start + block * mib + comp.flush(zlib.Z_FINISH)


def raw_zip(members: Iterable[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand from ``(name, deflate stream, crc32, declared uncompressed size)``.

    The declared size goes into both the local header and the central directory, whatever the
    stream really inflates to: that is how a lying zip bomb is made.
    """
    out, central = io.BytesIO(), io.BytesIO()
    count = 0
    for name, stream, crc, size in members:
        raw = name.encode()
        offset = out.tell()
        fields = (20, 0x800, 8, 0, 0x21, crc, len(stream), size, len(raw), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + raw + stream)
        central.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + raw
        )
        count += 1
    cd = central.getvalue()
    start = out.tell()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(cd), start, 0))
    return out.getvalue()


def honest(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    """A member that tells the truth."""
    return name, deflated(data), zlib.crc32(data), len(data)


def lying(name: str, head: bytes, *, mib: int = 1024, declared: int = 1000, filler: bytes = b" "):
    """A member that says ``declared`` bytes but inflates to ``head`` + ``mib`` MiB of ``filler``
    (its CRC is that of the declared bytes: a reader that trusts the headers checks nothing else)."""
    return name, _inflating_to(head, filler, mib), zlib.crc32((head + filler * declared)[:declared]), declared


def lying_shapefile_zip(mib: int = 1024) -> bytes:
    """A valid two-park shapefile whose .dbf says 1,000 bytes and inflates to ``mib`` MiB more."""
    frame = gpd.GeoDataFrame(
        {"NAME": ["甲园", "乙园"]},
        geometry=[shapely.box(120.60, 31.10, 120.61, 31.11), shapely.box(120.70, 31.10, 120.71, 31.11)],
        crs=4326,
    )
    with zipfile.ZipFile(io.BytesIO(shapefile_zip(frame))) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    members = [
        lying(name, data, mib=mib) if name.endswith(".dbf") else honest(name, data)
        for name, data in parts.items()
    ]
    return raw_zip(members)


_KML_HEAD = b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'


def lying_kmz(mib: int = 1024) -> bytes:
    """A KMZ whose doc.kml says 1,000 bytes and inflates to ``mib`` MiB of spaces."""
    return raw_zip([lying("doc.kml", _KML_HEAD, mib=mib)])


def lying_xlsx(part: str = "xl/worksheets/sheet1.xml", mib: int = 1024) -> bytes:
    """The minimal workbook with one part (a sheet, the shared strings, the workbook) saying
    1,000 bytes and inflating to ``mib`` MiB more."""
    with zipfile.ZipFile(io.BytesIO(xlsx(sheet_xml(_HEAD_ROW), shared_xml(b"name")))) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    members = [
        lying(name, data[: len(data) // 2], mib=mib) if name == part else honest(name, data)
        for name, data in parts.items()
    ]
    return raw_zip(members)

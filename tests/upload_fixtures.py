"""Hostile and broken uploads built in memory: XLSX bombs, a KMZ bomb, a shapefile with repeated fields."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import shapely

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

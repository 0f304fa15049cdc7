"""Zips that lie about their sizes (shapefile, KMZ, XLSX): members are inflated as streams and
refused at the first byte beyond what their headers declare, within 2 s and well under 1 GB."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from geo import ingest
from geo.errors import DataValidationError
from geo.ingest import limits
from tests.fixtures import upload as fx

CASES = {
    "shapefile-dbf": (fx.lying_shapefile_zip, "园区.zip", "「layer.dbf」"),
    "kmz-kml": (fx.lying_kmz, "园区.kmz", "「doc.kml」"),
    "xlsx-sheet": (
        lambda: fx.lying_xlsx("xl/worksheets/sheet1.xml"),
        "企业.xlsx",
        "「xl/worksheets/sheet1.xml」",
    ),
    "xlsx-shared-strings": (
        lambda: fx.lying_xlsx("xl/sharedStrings.xml"),
        "企业.xlsx",
        "「xl/sharedStrings.xml」",
    ),
    "xlsx-workbook": (lambda: fx.lying_xlsx("xl/workbook.xml"), "企业.xlsx", "「xl/workbook.xml」"),
}


def test_the_fixture_lies_a_gigabyte_behind_a_thousand_bytes():
    data = fx.lying_shapefile_zip()
    assert len(data) < 2_000_000  # about 1 MB on disk
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("layer.dbf")
        assert info.file_size == 1000
        stream = data[info.header_offset + 30 + len(info.filename) :][: info.compress_size]
    out = zlib.decompressobj(-15)
    produced = 0
    while not out.eof and produced < 1024**3 + 1:  # inflate it all, a MiB at a time
        produced += len(out.decompress(out.unconsumed_tail or stream, 64 * 1024 * 1024))
        stream = b""
    assert produced > 1024**3


@pytest.mark.parametrize("case", list(CASES))
def test_a_lying_member_is_refused_within_two_seconds_under_one_gigabyte(tmp_path, case):
    make, name, member = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    for args in (("import", str(path), "--inspect"), ("import", str(path), "--kind", "zones", "--dry-run")):
        result, stderr = fx.measured_cli(*args)
        assert result["rc"] == 2, stderr
        assert member in stderr and "写明的 1,000 字节多" in stderr and "解压炸弹" in stderr, stderr
        assert "Traceback" not in stderr
        assert result["seconds"] < 2, result
        assert result["maxrss_mb"] < 1024, result


@pytest.mark.parametrize("case", list(CASES))
def test_a_lying_member_is_refused_in_process_too(case):
    make, name, member = CASES[case]
    with pytest.raises(DataValidationError, match="写明的 1,000 字节多") as info:
        ingest.inspect_upload(make(), name)
    assert member in info.value.message


def test_read_member_gives_an_honest_member_whole_and_names_a_broken_one():
    text = "名称,经度\n甲园,120.6\n".encode() * 50_000  # > 1 MB: several pieces
    good = fx.raw_zip([fx.honest("a.csv", text)])
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        assert limits.read_member(zf, zf.getinfo("a.csv"), "好.zip") == text
    name, stream, crc, size = fx.honest("a.csv", text)
    bad = fx.raw_zip([(name, stream, crc ^ 1, size)])
    with zipfile.ZipFile(io.BytesIO(bad)) as zf, pytest.raises(DataValidationError, match="已损坏，无法解压"):
        limits.read_member(zf, zf.getinfo("a.csv"), "坏.zip")
    short = fx.raw_zip([(name, stream, crc, size + 10)])  # says more than it holds
    with zipfile.ZipFile(io.BytesIO(short)) as zf, pytest.raises(DataValidationError, match="已损坏"):
        limits.read_member(zf, zf.getinfo("a.csv"), "短.zip")

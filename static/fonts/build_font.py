"""Rebuild the shipped CJK subset font: ``python static/fonts/build_font.py [--source PATH]``.

The briefing PNG (geo/export.py) must render Chinese on machines without CJK fonts, so the
project ships a subset of Noto Sans CJK SC Regular (SIL OFL 1.1, see OFL.txt): all of GB 2312
(6,763 hanzi plus its symbol rows), ASCII, Latin-1, general and CJK punctuation, full-width
forms, a few unit signs (㎡ ℃ ‰), and every character used in the project's own text files
(geo/, layers/, pages/, app.py, data/ text and the string values of data/*.gpkg).

The source is Debian's ``fonts-noto-cjk`` (``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``,
face 2 = SC) or any Noto Sans CJK SC OTF/TTC given with ``--source``. Output is written next
to this script as ``AtlasSansSC-Regular.otf`` (CFF outlines, about 3 MB), with the family renamed
so it never shadows an installed Noto font (OFL allows this; "Noto" is not a Reserved Font Name
but a modified version should not pose as the original).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUT = HERE / "AtlasSansSC-Regular.otf"
FAMILY = "Atlas Sans SC"
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_FACE = 2  # in the Noto Sans CJK collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK

_RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1 supplement: ° ± × · ² ³
    (0x2000, 0x206F),  # general punctuation: – — ‘ ’ “ ” … ‰
    (0x2100, 0x214F),  # letterlike: ℃ № ™
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths: ≤ ≥ ≈ ∑
    (0x2460, 0x24FF),  # enclosed numbers ① ②
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes ■ ▲ ●
    (0x3000, 0x303F),  # CJK punctuation 、。「」《》
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (㎡ ㎞)
    (0xFF00, 0xFFEF),  # full-width forms （）：，
)
_TEXT_GLOBS = ("geo/*.py", "layers/*.py", "pages/*.py", "app.py", "data/*.py", "data/*.md", "data/*.csv")


def _gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def _project_text() -> set[str]:
    chars: set[str] = set()
    for pattern in _TEXT_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            chars |= set(path.read_text(encoding="utf-8", errors="ignore"))
    for gpkg in sorted((ROOT / "data").glob("*.gpkg")):
        with sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True) as con:
            tables = [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")]
            for table in tables:
                cols = [
                    r[1]
                    for r in con.execute(f'PRAGMA table_info("{table}")')
                    if r[2].upper().startswith("TEXT")
                ]
                for col in cols:
                    for (value,) in con.execute(f'SELECT DISTINCT "{col}" FROM "{table}"'):
                        if isinstance(value, str):
                            chars |= set(value)
    return chars


def wanted_characters() -> set[str]:
    """The characters the subset keeps (only those the source font has end up in it)."""
    chars = _gb2312() | _project_text()
    for lo, hi in _RANGES:
        chars |= {chr(c) for c in range(lo, hi + 1)}
    return {c for c in chars if c.isprintable() or c == " "}


def _open_source(path: Path) -> TTFont:
    if path.suffix.lower() in {".ttc", ".otc"}:
        return TTCollection(str(path)).fonts[SC_FACE]
    return TTFont(str(path))


def _rename(font: TTFont) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(f"{FAMILY} Regular", 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("AtlasSansSC-Regular", 6, record.platformID, record.platEncID, record.langID)
    names.setName(
        "Subset of Noto Sans CJK SC Regular for the Suzhou Industrial Layout Atlas (static/fonts/build_font.py)",
        10,
        3,
        1,
        0x409,
    )
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["AtlasSansSC-Regular"]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Regular"
        top.FamilyName = FAMILY


def build(source: Path = DEFAULT_SOURCE, output: Path = OUTPUT) -> Path:
    """Subset ``source`` to :func:`wanted_characters` and write ``output``."""
    font = _open_source(source)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in wanted_characters()))
    subsetter.subset(font)
    _rename(font)
    font.recalcTimestamp = False
    font.save(str(output))
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Noto Sans CJK SC .ttc/.otf")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(
            f"source font not found: {args.source} (apt install fonts-noto-cjk, or pass --source)",
            file=sys.stderr,
        )
        return 1
    out = build(args.source, args.output)
    cmap = TTFont(str(out))["cmap"].getBestCmap()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(cmap)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

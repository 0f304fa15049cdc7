"""The parts of an .xlsx file (Office Open XML SpreadsheetML, ECMA-376 part 1) written as text: the
package's content types and relationships, the workbook with its sheets and print titles, the
style sheet, and each sheet's XML around the rows :mod:`geo.exports.streamed` gives it.

Only what the atlas's long lists need is written: text as inline strings (``t="inlineStr"``, never
a formula), numbers, booleans, empty cells, a few cell formats (bold, a font size, wrap on or off, a
number format), column widths, a frozen header row repeated on every printed page, A4 landscape
fitted to the page width, centred, a printed footer. Excel, LibreOffice, WPS and openpyxl read it as
they read openpyxl's own files; writing the XML as text is what lets 120,000 enterprises (three lists
of them, 5 million cells) take seconds.

Text a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return, :data:`geo.exports.cells.FORMULA_PREFIXES`) is written as it is, in a cell format with
``quotePrefix="1"``: what Excel itself stores when a user types ``'=...``. Excel, LibreOffice and WPS
show ``=HYPERLINK(...)`` as text, without the apostrophe, and keep it text when the cell is edited
(CSV has no cell formats: there the text gets a leading ``'``, :mod:`geo.exports.cells`). Every cell
format therefore has a twin with the quote prefix: format ``n`` (even) and ``n + 1``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import column_index_from_string, get_column_letter

from geo.exports.cells import FORMULA_PREFIXES

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
A4 = 9  # SpreadsheetML's paperSize for A4
DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'

# characters XML 1.0 does not allow in a document (C0 controls but tab, line feed, carriage return)
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text_xml(value: str) -> str:
    """``value`` as the text of an element: markup characters escaped, characters XML cannot hold
    dropped."""
    if NOT_IN_XML.search(value):
        value = NOT_IN_XML.sub("", value)
    return escape(value)


QUOTED_TEXT = 1  # the default cell format's twin with the quote prefix (see the module's text)


def inline_string(value: str, style: int = 0) -> str:
    """A text cell (no reference: it is the row's next cell) in the cell format ``style`` (an even
    index :meth:`Styles.index` gave), or its twin with the quote prefix when a spreadsheet would take
    ``value`` for a formula."""
    space = ' xml:space="preserve"' if value != value.strip() else ""
    if value.startswith(FORMULA_PREFIXES):
        style += QUOTED_TEXT
    shown = f' s="{style}"' if style else ""
    return f'<c{shown} t="inlineStr"><is><t{space}>{text_xml(value)}</t></is></c>'


def number_text(value: float | int) -> str:
    """A number as a cell holds it: a whole number without a decimal point (``95``, as openpyxl and
    Excel write it), any other float in its shortest exact form."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def number_cell(value: float | int) -> str:
    """A number cell; a number that is not finite is an empty cell."""
    if value != value or value in (float("inf"), float("-inf")):
        return "<c/>"
    return f"<c><v>{number_text(value)}</v></c>"


EMPTY_CELL = "<c/>"
TRUE_CELL = '<c t="b"><v>1</v></c>'
FALSE_CELL = '<c t="b"><v>0</v></c>'


def plain_cell(value: object) -> str:
    """A cell with the default format: text, number, boolean or empty (None)."""
    if value is None:
        return EMPTY_CELL
    if isinstance(value, bool):
        return TRUE_CELL if value else FALSE_CELL
    if isinstance(value, int | float):
        return number_cell(value)
    return inline_string(str(value))


def styled_cell(value: object, style: int) -> str:
    """A cell with the cell format ``style`` (an index :meth:`Styles.index` gave)."""
    if value is not None and not isinstance(value, bool | int | float):  # text (of any object)
        return inline_string(str(value), style)
    cell = plain_cell(value)
    return cell.replace("<c", f'<c s="{style}"', 1)


def builtin_format_id(code: str) -> int | None:
    """SpreadsheetML's built-in number format of ``code`` (``0.00`` 2, ``#,##0`` 3), if it is one."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE

    return BUILTIN_FORMATS_REVERSE.get(code)


FIRST_CUSTOM_FORMAT = 164  # the number of the first number format a workbook defines itself

StyleKey = tuple[bool, float | None, bool | None, str | None]


@dataclass
class Styles:
    """The workbook's cell formats: 0 the default, then one per (bold, size, wrap, number format)
    asked for, each (even index) followed by its twin with the quote prefix (:data:`QUOTED_TEXT`)."""

    formats: dict[StyleKey, int] = field(default_factory=dict)

    def index(
        self,
        *,
        bold: bool = False,
        size: float | None = None,
        wrap: bool | None = None,
        number_format: str | None = None,
    ) -> int:
        """The number of the cell format with these settings (made on first use; even: the next is
        its twin with the quote prefix); ``number_format`` an Excel number format (``0.00``,
        ``#,##0``), None: General."""
        key = (bold, size, wrap, number_format or None)
        if key == (False, None, None, None):
            return 0
        return 2 * self.formats.setdefault(key, len(self.formats) + 1)

    def _number_formats(self) -> dict[str, int]:
        """Each number format used -> its id (built-in, else one of the workbook's own)."""
        codes = dict.fromkeys(code for (*_, code) in self.formats if code)
        out, own = {}, FIRST_CUSTOM_FORMAT
        for code in codes:
            found = builtin_format_id(code)
            if found is None:
                found, own = own, own + 1
            out[code] = found
        return out

    def xml(self) -> str:
        """xl/styles.xml."""
        fonts = [DEFAULT_FONT]
        xfs = [
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>',
        ]
        ids = self._number_formats()
        for (bold, size, wrap, code), _ in sorted(self.formats.items(), key=lambda item: item[1]):
            font_id = 0
            if bold or size:
                weight = '<b val="1"/>' if bold else ""
                fonts.append(
                    f'<font>{weight}<sz val="{size or 11}"/><name val="Calibri"/><family val="2"/></font>'
                )
                font_id = len(fonts) - 1
            attrs = (
                f'numFmtId="{ids[code] if code else 0}" fontId="{font_id}" fillId="0" borderId="0" xfId="0"'
            )
            if font_id:
                attrs += ' applyFont="1"'
            if code:
                attrs += ' applyNumberFormat="1"'
            for twin in (attrs, attrs + ' quotePrefix="1"'):
                if wrap is None:
                    xfs.append(f"<xf {twin}/>")
                else:
                    xfs.append(f'<xf {twin} applyAlignment="1"><alignment wrapText="{int(wrap)}"/></xf>')
        own = [(code, i) for code, i in ids.items() if i >= FIRST_CUSTOM_FORMAT]
        num_fmts = (
            f'<numFmts count="{len(own)}">'
            + "".join(
                f"<numFmt numFmtId={quoteattr(str(i))} formatCode={quoteattr(code)}/>" for code, i in own
            )
            + "</numFmts>"
            if own
            else ""
        )
        return (
            f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">{num_fmts}'
            f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


@dataclass
class SheetPart:
    """One sheet: its settings and its rows (each the XML of its cells, in order)."""

    title: str
    widths: Mapping[str, float] = field(default_factory=dict)
    header_row: int | None = None
    footer: str = ""
    rows: list[str] = field(default_factory=list)
    columns: int = 0

    def add_row(self, cells: Sequence[str]) -> None:
        """A row of cell XML (from :func:`plain_cell` / :func:`styled_cell`)."""
        self.rows.append(f'<row r="{len(self.rows) + 1}">{"".join(cells)}</row>')
        self.columns = max(self.columns, len(cells))

    def add_rows(self, rows: Iterable[str], *, columns: int) -> None:
        """Rows each already joined from its cells' XML, ``columns`` cells at most."""
        first = len(self.rows) + 1
        self.rows.extend(f'<row r="{n}">{cells}</row>' for n, cells in enumerate(rows, start=first))
        self.columns = max(self.columns, columns)

    def xml_parts(self) -> Iterable[str]:
        """xl/worksheets/sheetN.xml, in pieces."""
        last = f"{get_column_letter(max(self.columns, 1))}{max(len(self.rows), 1)}"
        yield f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        yield '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        yield f'<dimension ref="A1:{last}"/>'
        if self.header_row is None:
            yield '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        else:
            top = f"A{self.header_row + 1}"
            yield (
                '<sheetViews><sheetView workbookViewId="0">'
                f'<pane ySplit="{self.header_row}" topLeftCell="{top}" activePane="bottomLeft" '
                'state="frozen"/>'
                f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
                "</sheetView></sheetViews>"
            )
        yield '<sheetFormatPr defaultRowHeight="15"/>'
        if self.widths:
            cols = sorted((column_index_from_string(letter), width) for letter, width in self.widths.items())
            yield "<cols>"
            yield "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in cols)
            yield "</cols>"
        yield "<sheetData>"
        yield from self.rows
        yield "</sheetData>"
        yield '<printOptions horizontalCentered="1"/>'
        yield '<pageMargins left="0.5" right="0.5" top="1" bottom="1" header="0.5" footer="0.5"/>'
        yield f'<pageSetup paperSize="{A4}" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        if self.footer:
            yield f"<headerFooter><oddFooter>{text_xml('&C' + self.footer)}</oddFooter></headerFooter>"
        yield "</worksheet>"


def sheet_reference(title: str) -> str:
    """A sheet's name as a formula names it: quoted, its quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def workbook_xml(sheets: Sequence[SheetPart]) -> str:
    """xl/workbook.xml: the sheets in order and their print titles."""
    entries = "".join(
        f'<sheet name={quoteattr(s.title)} sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1)
    )
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{text_xml(sheet_reference(s.title))}!${s.header_row}:${s.header_row}</definedName>"
        for i, s in enumerate(sheets)
        if s.header_row is not None
    )
    names = f"<definedNames>{titles}</definedNames>" if titles else ""
    return (
        f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets>{names}</workbook>"
    )


def content_types_xml(count: int) -> str:
    """[Content_Types].xml for ``count`` sheets."""
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet_type}"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        f"{sheets}</Types>"
    )


def package_rels_xml() -> str:
    """_rels/.rels."""
    return (
        f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{DOC_TYPE}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{DOC_TYPE}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def workbook_rels_xml(count: int) -> str:
    """xl/_rels/workbook.xml.rels: the sheets rId1…rIdN, then the styles."""
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC_TYPE}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{DOC_TYPE}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def core_xml(creator: str, when: datetime | None = None) -> str:
    """docProps/core.xml: who made the file and when (UTC)."""
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{text_xml(creator)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml(application: str) -> str:
    """docProps/app.xml."""
    return (
        f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{text_xml(application)}</Application></Properties>"
    )


def write_package(
    out, sheets: Sequence[SheetPart], styles: Styles, *, creator: str, when: datetime | None = None
) -> None:
    """The whole .xlsx written to the binary file ``out`` (deflated, each sheet streamed)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", content_types_xml(len(sheets)))
        z.writestr("_rels/.rels", package_rels_xml())
        z.writestr("docProps/core.xml", core_xml(creator, when))
        z.writestr("docProps/app.xml", app_xml(creator))
        z.writestr("xl/workbook.xml", workbook_xml(sheets))
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels_xml(len(sheets)))
        z.writestr("xl/styles.xml", styles.xml())
        for i, sheet in enumerate(sheets, 1):
            with z.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as part:
                batch: list[str] = []
                for piece in sheet.xml_parts():
                    batch.append(piece)
                    if len(batch) >= 4096:
                        part.write("".join(batch).encode("utf-8"))
                        batch.clear()
                part.write("".join(batch).encode("utf-8"))

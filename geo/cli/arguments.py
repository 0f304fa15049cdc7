"""The options several subcommands share: how a table's coordinates and columns are read (and the
frame of a point table asked, never assumed), the store, the user."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from geo import ingest
from geo.cli.output import help_text
from geo.errors import DataValidationError
from geo.ingest.base import frame_name
from geo.messages.notes import Listing, note
from geo.spatial.crs import FRAMES, Frame
from geo.storage.interface import is_database_url

# The options naming a file a command writes, and what each is called in a message.
OUTPUT_FILES = {
    "out": "cli.what.out_file",
    "report": "cli.what.report_file",
    "zones_out": "cli.what.out_file",
}


def add_store_argument(p: argparse.ArgumentParser, *, reads_only: bool, aliases: Sequence[str] = ()) -> None:
    """Add ``--store``, the user store, alike in every command (``aliases``: older spellings kept
    working). ``reads_only``: the command only reads the store, so a store that does not exist is
    refused (a typo would otherwise read as an empty store) rather than created."""
    p.add_argument("--store", *aliases, dest="store", help=help_text(p, "store"))
    p.set_defaults(store_reads_only=reads_only)


def check_paths(args: argparse.Namespace) -> Path | None:
    """Refuse, before any work, a ``--store`` that a reading command cannot read (missing) and an
    output file in a folder that does not exist (a typo would otherwise create it).

    Returns
    -------
    Path or None
        The GeoPackage ``--store`` names when it does not exist yet (a writing command creates it,
        and its folder: the caller says so once it is there), else None.

    Raises
    ------
    DataValidationError
        ``cli.store_not_found`` or ``cli.folder_missing``.
    """
    new_store = None
    store = getattr(args, "store", None)
    if store and not is_database_url(str(store)):
        path = Path(store)
        if getattr(args, "store_reads_only", False) and not path.exists():
            raise DataValidationError.of("cli.store_not_found", path=path)
        new_store = None if path.exists() else path
    # the output folder the command creates (evaluate -o ev: its tables go there, and --zones-out may)
    out = getattr(args, "out", None)
    created = out.resolve() if isinstance(out, Path) and not out.suffix else None
    for name, what in OUTPUT_FILES.items():
        value = getattr(args, name, None)
        if not isinstance(value, Path) or not value.suffix or value.parent.exists():
            continue
        if value.parent.resolve() != created:
            raise DataValidationError.of(
                "cli.folder_missing", what=note(what), path=value, folder=value.parent
            )
    return new_store


def add_table_arguments(
    p: argparse.ArgumentParser,
    *,
    frame_flag: str = "--frame",
    frame_aliases: Sequence[str] = (),
    what: str = "",
    placed_otherwise: str = "",
) -> None:
    """Add the options that say how a table is read, alike for ``import`` and ``evaluate``: the
    coordinate frame of its longitudes/latitudes (``frame_flag``, ``--frame`` in both, stored as
    ``frame``; ``frame_aliases``: older spellings kept working, named in the help, e.g. evaluate's
    ``--coords``; no default, a point table is asked it, see :func:`table_frame`), the two
    coordinate columns, and
    ``--map`` 字段=列 (repeatable). ``what`` names the table in the help; ``placed_otherwise`` says
    which other option places a table without its coordinates (the help says it needs no frame): both
    already in the parser's language (:func:`geo.cli.output.help_text`)."""
    said = {"what": what, "placed_otherwise": placed_otherwise}
    frame_help = help_text(p, "table.frame", **said)
    if frame_aliases:
        frame_help += help_text(p, "table.frame_alias", aliases=" ".join(frame_aliases))
    p.add_argument(frame_flag, *frame_aliases, dest="frame", choices=FRAMES, default=None, help=frame_help)
    p.add_argument("--lon-col", default=None, help=help_text(p, "table.lon_col", what=what))
    p.add_argument("--lat-col", default=None, help=help_text(p, "table.lat_col", what=what))
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=help_text(p, "table.map_metavar"),
        help=help_text(p, "table.map"),
    )


# The formats whose rows are placed by lon/lat columns (their frame unsaid), not by their geometry.
TABLE_FORMATS = ("csv", "xlsx")


def frame_choices() -> Listing:
    """The lon/lat frames a command accepts, each code with its name (``wgs84：WGS-84（GPS/天地图/OSM）``)."""
    items = (note("cli.frame_choice", code=f, frame=frame_name(f)) for f in FRAMES)
    return Listing(items, sep="；", sep_en="; ")


def table_frame(
    data: bytes,
    filename: str,
    *,
    given: Frame | None,
    flag: str,
    layer: str | None = None,
    kind: ingest.Kind = "other",
    lon_col: str | None = None,
    not_placed_if: Sequence[str] = (),
) -> Frame:
    """The lon/lat frame to read a file in, asked of a point table every time (as the 数据管理 page
    asks it), never assumed: shared by ``import --frame`` and ``evaluate --frame``.

    Parameters
    ----------
    data, filename
        The file's bytes and name.
    given
        The frame the user gave (``flag``), or None.
    flag
        The option that gives it (``--frame``), named in the message.
    layer, kind, lon_col
        The layer (or sheet) read, what the file is (:data:`geo.ingest.KINDS`), the longitude column
        the user named.
    not_placed_if
        Headers that make a table one whose rows are not placed by their coordinates (last year's
        published classes, joined by id): such a table needs no frame.

    Returns
    -------
    Frame
        ``given``; else, for a file that carries its CRS (.prj, GeoPackage, GeoJSON) or a table
        without coordinates, the frame of its CRS (WGS-84). The caller skips the call for a table
        placed by a join or a town column.

    Raises
    ------
    DataValidationError
        For a table of coordinates without ``given``: the message names ``flag``, the choices and
        the frame the atlas proposes when the file gives one
        (:meth:`geo.ingest.Inspection.proposed_frame`, the page's proposal) with its evidence.
    """
    if given is not None and given not in FRAMES:
        raise ValueError(f"unknown frame {given!r}; expected one of {FRAMES}")
    if not flag.startswith("--"):
        raise ValueError(f"flag must be an option such as --frame, not {flag!r}")
    if given is not None:
        return given
    if ingest.detect_format(data, filename) not in TABLE_FORMATS:
        return "wgs84"
    found = ingest.inspect_upload(data, filename, layer=layer, kind=kind)
    if found.lon_col is None and lon_col is None:  # no coordinates: none read in any frame
        return "wgs84"
    if set(found.columns) & set(not_placed_if):
        return "wgs84"
    proposed = found.proposed_frame()
    if proposed is None:
        raise DataValidationError.of("cli.frame_required", file=filename, flag=flag, choices=frame_choices())
    raise DataValidationError.of(
        "cli.frame_required_proposed",
        file=filename,
        flag=flag,
        choices=frame_choices(),
        proposed=proposed,
        reason=found.frame_reason(),
    )

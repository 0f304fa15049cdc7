"""``python -m geo.cli import|export``: bring a file into the user store, or export stored layers."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import ingest
from geo.cli.arguments import TABLE_FORMATS, add_store_argument, add_table_arguments, table_frame
from geo.cli.output import command_help, help_text, lang_of, names, parts, say, written
from geo.errors import DataValidationError, RowReportError
from geo.exports import briefing
from geo.exports import tables as export
from geo.exports.readable import NAMED_COLUMNS, english_names, imported_headers, own_names, readable_table
from geo.exports.tables import with_measures
from geo.ingest.base import frame_name
from geo.ingest.frames import fit_boundaries
from geo.ingest.values import stated_year
from geo.messages import message
from geo.messages.formats import beijing_minute
from geo.messages.notes import note
from geo.place_names import own_place_name
from geo.spatial.crs import Frame
from geo.storage.builtin import builtin_source
from geo.storage.provenance import LegendEntry
from geo.storage.schema import ACCURACY_CLASSES
from geo.storage.stored import stored_layer
from geo.storage.styles import IMPORT_COLORS, DrawnColors, gpkg_drawn_colors

# Colours of a layer without a stored style (an export from PostGIS): one per kind.
_KIND_COLORS = {"polygon": "#5b6b7f", "line": "#d95f02", "point": "#c51b7d"}
_EXPORT_FORMATS = ("geojson", "gpkg", "csv", "xlsx", "png")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` and ``export`` subcommands."""
    p = subparsers.add_parser(
        "import",
        help=command_help(subparsers, "import"),
        description=help_text(subparsers, "import.description"),
    )
    p.add_argument("file", type=Path, help=help_text(p, "import.file"))
    p.add_argument("--name", help=help_text(p, "import_name", max_bytes=ingest.MAX_NAME_BYTES))
    p.add_argument("--title", help=help_text(p, "import.title"))
    p.add_argument("--source", help=help_text(p, "import.source"))
    p.add_argument("--accuracy", choices=ACCURACY_CLASSES, default=None, help=help_text(p, "import.accuracy"))
    p.add_argument("--year", type=int, default=None, help=help_text(p, "import.year"))
    p.add_argument("--kind", choices=ingest.KINDS, default=None, help=help_text(p, "import.kind"))
    p.add_argument("--layer", help=help_text(p, "import.layer"))
    p.add_argument("--crs", help=help_text(p, "import.crs"))
    p.add_argument("--swap-xy", action="store_true", help=help_text(p, "import.swap_xy"))
    add_table_arguments(
        p,
        frame_flag="--frame",
        what=help_text(p, "import.table_what"),
        placed_otherwise=help_text(p, "import.placed_otherwise"),
    )
    p.add_argument("--join-layer", help=help_text(p, "import.join_layer"))
    p.add_argument("--join-key", help=help_text(p, "import.join_key"))
    p.add_argument("--join-col", help=help_text(p, "import.join_col"))
    p.add_argument("--encoding", help=help_text(p, "import.encoding"))
    add_store_argument(p, reads_only=False)
    p.add_argument("--user", help=help_text(p, "user"))
    p.add_argument("--report", type=Path, help=help_text(p, "import.report"))
    p.add_argument("--inspect", action="store_true", help=help_text(p, "import.inspect"))
    p.add_argument("--dry-run", action="store_true", help=help_text(p, "import.dry_run"))
    p.add_argument("--replace", action="store_true", help=help_text(p, "import.replace"))
    p.set_defaults(func=run_import)

    e = subparsers.add_parser(
        "export",
        help=command_help(subparsers, "export"),
        description=help_text(subparsers, "export.description"),
    )
    e.add_argument("layers", nargs="+", help=help_text(e, "export.layers"))
    e.add_argument("--format", choices=_EXPORT_FORMATS, help=help_text(e, "export.format"))
    e.add_argument("--out", type=Path, required=True, help=help_text(e, "export.out"))
    e.add_argument("--title", help=help_text(e, "export.title"))
    e.add_argument(
        "--where",
        action="append",
        default=[],
        metavar=help_text(e, "export.where_metavar"),
        help=help_text(e, "export.where"),
    )
    e.add_argument("--paper", choices=("a4", "screen"), default="a4", help=help_text(e, "export.paper"))
    e.add_argument("--lang", choices=("zh", "en"), default=None, help=help_text(e, "export.lang"))
    add_store_argument(e, reads_only=True, aliases=("--user-store",))
    e.add_argument("--builtin-store", type=Path, help=help_text(e, "export.builtin_store"))
    e.set_defaults(func=run_export)


def parse_pairs(pairs: list[str], what: str) -> dict[str, str]:
    """``key=value`` arguments as a dict (``--map``, ``--where``)."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise DataValidationError.of("cli.bad_pair", what=what, pair=pair)
        key, value = pair.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def _read_input(path: Path) -> bytes:
    if not path.is_file():
        raise DataValidationError.of("cli.file_not_found", path=path)
    return path.read_bytes()


def _filter(frame: gpd.GeoDataFrame, where: dict[str, str]) -> gpd.GeoDataFrame:
    for col, value in where.items():
        if col not in frame.columns:
            raise DataValidationError.of(
                "cli.no_filter_column", column=col, columns=names(map(str, frame.columns))
            )
        frame = frame[frame[col].astype(str) == value]
    return frame


def _frame(args: argparse.Namespace, data: bytes) -> Frame:
    """The lon/lat frame to read the file in: ``--frame``, else asked of a point table
    (:func:`geo.cli.arguments.table_frame`); a table placed by a join needs none."""
    if args.frame is None and args.join_layer:
        return "wgs84"
    return table_frame(
        data,
        args.file.name,
        given=args.frame,
        flag="--frame",
        layer=args.layer,
        kind=args.kind,
        lon_col=args.lon_col,
    )


def _check_declared_frame(args: argparse.Namespace, result: ingest.ImportResult) -> None:
    """A file that carries its CRS is read in the frame it declares (WGS-84) without ``--frame``,
    unless its boundaries clearly fit the bundled real ones better as GCJ-02 or BD-09 (files from
    高德-derived sources say "EPSG:4326" all the same): the page proposes that frame, here the
    command asks, naming it and why."""
    if args.frame is not None or result.fmt in TABLE_FORMATS or result.source_frame != "wgs84":
        return
    fit = fit_boundaries(result.frame.geometry)
    if fit is None or fit.proposed in (None, "wgs84"):
        return
    raise DataValidationError.of(
        "cli.frame_contradicted",
        file=args.file.name,
        crs=result.source_crs,
        proposed=fit.proposed,
        frame=frame_name(fit.proposed),
        reason=fit.reason,
    )


def _read(args: argparse.Namespace, data: bytes, zones) -> ingest.ImportResult:
    given = parse_pairs(args.map, note("cli.what.mapping"))
    mapping = None
    if given:  # laid over the suggested mapping, as evaluate --map does
        found = ingest.inspect_upload(data, args.file.name, layer=args.layer, kind=args.kind)
        mapping = ingest.merge_mapping(found.mapping, given, args.kind)
    return ingest.read_upload(
        data,
        args.file.name,
        layer=args.layer,
        crs=args.crs,
        frame=_frame(args, data),
        swap_xy=args.swap_xy,
        lon_col=args.lon_col,
        lat_col=args.lat_col,
        zones=zones,
        zone_key=args.join_key,
        join_col=args.join_col,
        kind=args.kind,
        mapping=mapping,
        encoding=args.encoding,
    )


def _check_not_taken(name: str, title: str, args: argparse.Namespace) -> None:
    """Refuse to overwrite a stored import unless ``--replace`` says so, and a title another stored
    layer has (the legend and the layer lists name layers by title: the page refuses it too), even
    with ``--replace``: replacing that layer is ``--name <its name> --replace``."""
    stored = ingest.layer_name(name)
    meta = ingest.list_user_layers(path=args.store or None)
    others = meta[(meta["layer"] != stored) & (meta["title_zh"].astype(str).str.strip() == title.strip())]
    if len(others):
        # with --replace, the name is the missing half (walk20 item 4): say so, not the same words again
        key = "cli.title_taken_replace" if args.replace else "cli.title_taken"
        raise DataValidationError.of(key, title=title.strip(), layer=others["layer"].iloc[0], name=stored)
    taken = meta[meta["layer"] == stored]
    if args.replace and not len(taken):  # nothing to replace: a new layer would be made unasked (walk21 b7)
        layers = (
            names(meta["layer"].astype(str).tolist()) if len(meta) else note("cli.replace_nothing.no_layers")
        )
        raise DataValidationError.of("cli.replace_nothing", name=stored, layers=layers)
    if args.replace:
        return
    if len(taken):
        row = taken.iloc[0]
        raise DataValidationError.of("cli.layer_taken", layer=stored, title=row.get("title_zh") or stored)


def _same_content(args: argparse.Namespace, data: bytes, stored: str) -> pd.Series | None:
    """The stored import of this very file (the same SHA-256: the data page's rule,
    :func:`geo.ingest.earlier_import`), said with its title, time and table: the layer this import
    would write when it holds it, else any other; ``None`` when none does."""
    meta = ingest.list_user_layers(path=args.store or None)
    digest = hashlib.sha256(data).hexdigest()
    before = ingest.earlier_import(meta[meta["layer"] == stored], sha256=digest)
    if before is None:
        before = ingest.earlier_import(meta, sha256=digest)
    if before is not None:
        when = beijing_minute(before["imported_at"], lang_of(args))
        say(args, "cli.out.same_content", title=before["title_zh"], name=before["layer"], when=when)
    return before


def _stated_year(args: argparse.Namespace, result: ingest.ImportResult) -> int | None:
    """The year of an enterprise table without a year column as the data page proposes it (stated
    by its title rows, else its name: 吴江企业亩均_2024.xlsx), taken and said; ``--year`` overrides it."""
    if args.year is not None:
        return args.year
    if result.kind != "enterprises" or "year" in result.frame.columns:
        return None
    year = result.stated_year()
    if year is not None:
        where = "cli.out.year_from_title" if stated_year(result.title_rows) else "cli.out.year_from_name"
        say(args, "cli.out.year_stated", year=year, where=note(where))
    return year


def run_import(args: argparse.Namespace) -> int:
    """The ``import`` subcommand."""
    data = _read_input(args.file)
    given_kind = args.kind
    if args.kind is None:  # the use the page proposes from the same content, said
        proposed = ingest.inspect_upload(data, args.file.name, layer=args.layer)
        args.kind = ingest.proposed_kind(proposed)
    if args.inspect:
        found = ingest.inspect_upload(data, args.file.name, layer=args.layer, kind=args.kind)
        say(args, "cli.out.inspect_format", fmt=found.fmt, n=found.n_rows)
        if len(found.layers) > 1:  # a file of one layer (or none: a CSV, a GeoJSON) has nothing to choose
            say(
                args,
                "cli.out.inspect_layers",
                layers=names(found.layers),
                layer=found.layer or found.layers[0],
            )
        crs = found.crs or note("cli.out.crs_not_declared")
        say(args, "cli.out.inspect_crs", crs=crs, encoding=found.encoding or "—")
        if found.suggestion:
            swap = note("cli.out.swap_axes") if found.suggestion.swapped else ""
            say(
                args,
                "cli.out.crs_suggested",
                crs=found.suggestion.crs,
                reason=found.suggestion.reason,
                swap=swap,
            )
        if found.is_table:
            lon, lat = found.lon_col or "—", found.lat_col or "—"
            frame = found.proposed_frame() or note("cli.out.frame_unknown")
            say(args, "cli.out.lon_lat_suggested", lon=lon, lat=lat, frame=frame)
        if found.frame_notes:
            say(args, "cli.out.frame_evidence", reason=found.frame_reason())
        kind = note(f"cli.kind.{args.kind}")
        say(args, "cli.out.kind_given" if given_kind else "cli.out.kind_proposed", kind=kind, code=args.kind)
        if found.mapping:
            say(args, "cli.out.mapping_suggested", pairs=parts(f"{k}={v}" for k, v in found.mapping.items()))
        for item in found.notes:
            print(f"· {written(args, item)}")
        return 0
    if given_kind is None:
        say(args, "cli.out.kind_taken", kind=note(f"cli.kind.{args.kind}"))
    name = args.name or ingest.suggest_layer_name(args.file.name, args.kind)
    stored = ingest.layer_name(name)
    same = _same_content(args, data, stored)
    if same is not None and same["layer"] == stored and not args.replace and not args.dry_run:
        say(args, "cli.out.unchanged")  # nothing to do is no error: scripts re-run their imports
        return 0
    if not args.dry_run:  # before the file is read: say so at once
        if args.accuracy is None:  # the legend and every export name it: the user's claim, no default
            raise DataValidationError.of("cli.import_without_accuracy")
        _check_not_taken(name, args.title or args.file.stem, args)
    zones = None
    if args.join_layer:
        zones, _, _ = stored_layer(args.join_layer, None, args.store)
    try:
        result = _read(args, data, zones)
    except RowReportError as exc:  # nothing passed: the report says why, row by row
        if args.report is not None:
            args.report.write_bytes(export.csv_bytes(ingest.report_for_download(exc.report, lang_of(args))))
            say(args, "cli.out.row_report", path=args.report)
        raise
    _check_declared_frame(args, result)
    say(args, "cli.out.read", summary=result.summary_note(), crs=result.source_crs)
    for item in result.notes:
        print(f"· {written(args, item)}")
    year = _stated_year(args, result)
    if args.report is not None:
        args.report.write_bytes(export.csv_bytes(ingest.report_for_download(result.report, lang_of(args))))
        say(args, "cli.out.row_report", path=args.report)
    if args.dry_run:
        return 0
    if not args.source:
        raise DataValidationError.of("cli.import_without_source")
    _check_not_taken(name, args.title or args.file.stem, args)
    path = ingest.save_import(
        result,
        name=name,
        title=args.title or args.file.stem,
        source=args.source,
        accuracy=args.accuracy,
        path=args.store or None,
        actor=args.user,
        year=year,
    )
    replaced_same = same is not None and same["layer"] == stored
    say(args, "cli.out.replaced_same" if replaced_same else "cli.out.saved_layer", layer=stored, path=path)
    return 0


def _drawn(
    name: str, index: int, kind: str, frame: gpd.GeoDataFrame, store: Path | str | None, user: bool
) -> tuple[DrawnColors, list[str] | None]:
    """The colours the pages draw layer ``name`` in: an import's, the data page's colour for its
    place among the chosen layers; a built-in layer's, its stored default style (the map's colours,
    kept for QGIS: the districts grey and nearly unfilled, the enterprises by industry); else one
    per kind. With the colour of each feature when the style colours by a column."""
    drawn = None
    if user:
        drawn = DrawnColors(IMPORT_COLORS[index % len(IMPORT_COLORS)], 0.25)
    else:
        source = builtin_source(store)
        drawn = gpkg_drawn_colors(source, name) if isinstance(source, Path) and source.exists() else None
    if drawn is None:
        drawn = DrawnColors(_KIND_COLORS[kind], 0.25)
    if not drawn.categories or drawn.column not in frame.columns:
        return (DrawnColors(drawn.color, drawn.fill_opacity) if drawn.categories else drawn), None
    by_value = dict(drawn.categories)
    return drawn, [by_value.get(str(v), drawn.color) for v in frame[drawn.column]]


def _legend(
    title: str, kind: str, drawn: DrawnColors, frame: gpd.GeoDataFrame, lang: str, *, user: bool = False
) -> list[LegendEntry]:
    """The layer's legend rows: one swatch with its title, or a row per category present (its
    value named in ``lang``: 高端纺织 / High-end textiles; a ``user`` layer's places as written)."""
    swatch = {"polygon": "fill"}.get(kind, kind)
    if not drawn.categories:
        return [LegendEntry(title, drawn.color, swatch, drawn.fill_opacity)]
    present = set(frame[drawn.column].astype(str))
    named = (own_names(NAMED_COLUMNS) if user else NAMED_COLUMNS).get(drawn.column)
    label = english_names(named) if named else (lambda v, _lang: v)
    return [
        LegendEntry(str(label(value, lang)), color, swatch, drawn.fill_opacity)
        for value, color in drawn.categories
        if value in present
    ]


def _kind_of(name: str, store: Path | None) -> str:
    """What an import was saved as (zones, enterprises, parcels, other)."""
    meta = ingest.list_user_layers(path=store or None).set_index("layer")
    return str(meta.loc[name].get("kind") or "other")


def run_export(args: argparse.Namespace) -> int:
    """The ``export`` subcommand: the files the data page's 导出 downloads for the same layers, in
    ``--lang``: their titles, headers, yes/no in words, names of places and industries, colours."""
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt == "json":
        fmt = "geojson"
    if fmt not in _EXPORT_FORMATS:
        raise DataValidationError.of(
            "cli.unsupported_export_format", format=fmt, formats=names(_EXPORT_FORMATS)
        )
    lang = args.lang or lang_of(args)
    where = parse_pairs(args.where, note("cli.what.filter"))
    imported = set(ingest.list_user_layers(path=args.store or None)["layer"])
    frames, provenance, legend, tables, read, colors = {}, {}, {}, {}, {}, {}
    labels = {}  # the PNG's: an import's areas named as the user wrote them (name_en), as the page's
    for i, name in enumerate(args.layers):
        frame, title, prov = stored_layer(name, args.builtin_store, args.store, lang=lang)
        frame = _filter(frame, {k: v for k, v in where.items() if k in frame.columns}) if where else frame
        kind = {
            "Polygon": "polygon",
            "MultiPolygon": "polygon",
            "LineString": "line",
            "MultiLineString": "line",
        }.get(frame.geom_type.iloc[0] if len(frame) else "Point", "point")
        drawn, feature_colors = _drawn(name, i, kind, frame, args.builtin_store, name in imported)
        frames[title] = frame
        provenance[title] = prov
        tables[title] = name  # the GeoPackage's table: named by the layer, not layer_1
        legend[title] = _legend(title, kind, drawn, frame, lang, user=name in imported)
        if feature_colors is not None:
            colors[title] = feature_colors
        # read as the page's downloads read it: a polygon's name is a place (Shengze …), as the
        # data page names an imported zone layer's and the districts'
        named = {**NAMED_COLUMNS, "name": "place"} if kind == "polygon" else None
        measured = with_measures(frame)
        columns = [c for c in frame.columns if c != frame.geometry.name]
        user = name in imported
        if user:  # the user's own names as written (but for the fixed 区镇/districts), as the page's
            named = own_names(named or NAMED_COLUMNS)
        own_en = user and kind == "polygon" and lang == "en" and "name" in frame and "name_en" not in frame
        labels[title] = (
            frame.assign(name_en=frame["name"].map(lambda v: own_place_name(v, lang))) if own_en else frame
        )
        headers = imported_headers(_kind_of(name, args.store), columns, lang) if user else None
        # an import's table: its file's columns, not the standard ones no row fills (as the page's)
        read[title] = readable_table(measured, lang, named=named, headers=headers, leave_out_empty=user)
        if user:  # the user's own numbers written as they came, as the page's files write them
            read[title].attrs[export.NUMBERS_AS_CAME] = export.own_numbers(read[title])
    if where and not any(len(f) for f in frames.values()):
        raise DataValidationError.of("cli.nothing_left_after_filter")
    title = args.title or message("cli.export.title_separator", lang).join(frames)
    if fmt == "geojson":
        shapes = {
            name: gpd.GeoDataFrame(read[name], geometry=frame.geometry.to_numpy(), crs=frame.crs)
            for name, frame in frames.items()
        }
        for name, shape in shapes.items():
            shape.attrs.update(read[name].attrs)
        stem, suffix = args.out.stem, args.out.suffix or ".geojson"
        files = export.geojson_layer_files(stem, shapes, provenance, measures=False, lang=lang)
        if list(files) != [f"{stem}.geojson"]:  # as the page's zip: a file per layer (and type)
            counts = parts(note("cli.out.layer_features", layer=k, n=len(v)) for k, v in frames.items())
            split = len(files) > sum(1 for frame in frames.values() if len(frame))
            key = "cli.out.exported_files_split" if split else "cli.out.exported_files"
            say(args, key, counts=counts, files=len(files))
            for name, data in files.items():
                path = args.out.with_name(name.removesuffix(".geojson") + suffix)
                path.write_bytes(data)
                say(args, "cli.out.exported_file", path=path, kb=len(data) / 1024)
            return 0
        data = files[f"{stem}.geojson"]
    elif fmt == "gpkg":  # one table per layer, titled and styled in the legend's colour for QGIS
        first = {k: v[0].color for k, v in legend.items()}
        data = export.gpkg_bytes(frames, provenance, colors=first, tables=tables)
    elif fmt == "csv":
        data = export.layers_csv_bytes(read, provenance, lang=lang)
    elif fmt == "xlsx":
        data = export.xlsx_bytes(read, provenance, title=title, lang=lang)
    else:
        data = briefing.png_bytes(
            title, labels, legend, provenance, colors=colors, lang=lang, paper=args.paper
        )
    args.out.write_bytes(data)
    counts = parts(note("cli.out.layer_features", layer=k, n=len(v)) for k, v in frames.items())
    say(args, "cli.out.exported", fmt=fmt.upper(), path=args.out, counts=counts, kb=len(data) / 1024)
    return 0

"""``python -m geo.cli evaluate``: the yearly 亩均 batch run from files to CSV or GeoPackage.

Zones (GeoPackage, GeoJSON, shapefile) + an enterprise table (CSV, XLSX, GeoPackage, GeoJSON)
+ an optional evaluation YAML in; per-zone metrics, per-enterprise classes, the D-class
low-efficiency land list and the land renewal could free per zone out. With ``--parcels``, land
comes from the parcels' geometry (EPSG:4549) and the 低效用地 parcels, the parcel indicators and
the grant-contract check are written too. With last year
(``--previous``, or ``--year`` in a table with a year column): the class transitions
(NEW/GONE/T), each enterprise's change, the early warnings and what each class pays.
"""

from __future__ import annotations

import argparse
from dataclasses import fields, replace
from pathlib import Path

import pandas as pd

from geo import batch, ingest
from geo.catalogue import labels as catalogue_labels
from geo.cli.arguments import add_table_arguments, table_frame
from geo.cli.io import parse_pairs
from geo.cli.output import command_help, complain, help_text, lang_of, names, parts, say, written
from geo.errors import DataValidationError
from geo.evaluation import CLASSES, EvaluationResult
from geo.evaluation.grouped import group_counts
from geo.evaluation.metrics import named_firms
from geo.evaluation.published import list_methods
from geo.exports import run_files
from geo.exports import tables as export
from geo.exports.zone_tables import zone_scores_bytes
from geo.ingest.values import stated_year
from geo.land.parcels import verdict_note
from geo.messages.notes import Both, note
from geo.spatial.crs import Frame
from geo.storage.provenance import Provenance
from geo.yearly.notice import group_name


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` subcommand."""
    p = subparsers.add_parser(
        "evaluate",
        help=command_help(subparsers, "evaluate"),
        description=help_text(subparsers, "evaluate.description"),
    )
    p.add_argument("zones", type=Path, help=help_text(p, "evaluate.zones"))
    p.add_argument("enterprises", type=Path, help=help_text(p, "evaluate.enterprises"))
    p.add_argument("-c", "--config", type=Path, default=None, help=help_text(p, "evaluate.config"))
    methods = names(m.name for m in list_methods()).text(p.lang)
    p.add_argument("--method", default=None, help=help_text(p, "evaluate.method", methods=methods))
    p.add_argument("-o", "--out", type=Path, required=True, help=help_text(p, "evaluate.out"))
    p.add_argument("--format", choices=("csv", "gpkg"), default=None, help=help_text(p, "evaluate.format"))
    p.add_argument("--zones-layer", default=None, help=help_text(p, "evaluate.zones_layer"))
    p.add_argument("--enterprises-layer", default=None, help=help_text(p, "evaluate.enterprises_layer"))
    p.add_argument("--zone-id", default=None, help=help_text(p, "evaluate.zone_id"))
    p.add_argument("--zone-column", default=None, help=help_text(p, "evaluate.zone_column"))
    add_table_arguments(
        p,
        frame_flag="--frame",
        frame_aliases=("--coords",),  # its first spelling, kept working
        what=help_text(p, "evaluate.table_what"),
        placed_otherwise=help_text(p, "evaluate.placed_otherwise"),
    )
    p.add_argument("--report", type=Path, default=None, help=help_text(p, "evaluate.report"))
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=help_text(p, "evaluate.lang"))
    p.add_argument("--raw", action="store_true", help=help_text(p, "evaluate.raw"))
    p.add_argument("--parcels", type=Path, default=None, help=help_text(p, "evaluate.parcels"))
    p.add_argument("--parcels-layer", default=None, help=help_text(p, "evaluate.parcels_layer"))
    p.add_argument("--controls", type=Path, default=None, help=help_text(p, "evaluate.controls"))
    p.add_argument("--check-year", type=int, default=None, help=help_text(p, "evaluate.check_year"))
    p.add_argument(
        "--previous", type=Path, default=None, metavar="PREV", help=help_text(p, "evaluate.previous")
    )
    p.add_argument("--previous-layer", default=None, help=help_text(p, "evaluate.previous_layer"))
    p.add_argument("--year", type=int, default=None, help=help_text(p, "evaluate.year"))
    p.add_argument("--scope", default=None, help=help_text(p, "evaluate.scope"))
    p.add_argument("--accept-weights", action="store_true", help=help_text(p, "evaluate.accept_weights"))
    p.add_argument(
        "--zones-out", type=Path, default=None, metavar="FILE", help=help_text(p, "evaluate.zones_out")
    )
    p.set_defaults(func=run)


# The fields of batch.EvaluationOptions whose command-line option has another name (the rest: its own).
OPTION_NAMES = {
    "config_path": "config",
    "mapping": "map",
    "parcels_path": "parcels",
    "controls_path": "controls",
    "previous_path": "previous",
}


def run(args: argparse.Namespace) -> int:
    """Run the evaluation from the parsed arguments; print a summary; return the exit status.

    Per-zone metrics need only ids, locations (or a zone column) and amounts; when the table
    cannot be classed they are still written, the reason is printed and the status is 2.
    """
    if args.zones_out is not None and args.zones_out.suffix.lower() not in (".csv", ".xlsx"):
        complain(args, "cli.error.zones_out_suffix")
        return 2
    if _out_is_a_file(args.out, args.format):
        names_ = names(f"{run_files.OUTPUT_FILES[k]}.csv" for k in ("zones", "enterprises", "low_land"))
        complain(args, "cli.error.out_not_folder", path=args.out, files=names_)
        return 2
    options = batch.EvaluationOptions(
        **{f.name: getattr(args, OPTION_NAMES.get(f.name, f.name)) for f in fields(batch.EvaluationOptions)}
    )
    options = replace(options, mapping=parse_pairs(args.map, note("cli.what.mapping")), frame=_frame(args))
    run_, table = batch.evaluate_files(args.zones, args.enterprises, options)
    fmt = args.format or ("gpkg" if args.out.suffix.lower() == ".gpkg" else "csv")
    args.lang = args.lang or lang_of(args)  # as export: the command's language unless said here
    table_lang = None if args.raw else args.lang  # --raw: the atlas's own field names and values
    weights = run_.result.weights if run_.result is not None else None
    config = run_.result.config if run_.result is not None else None
    written_paths = run_files.write_outputs(
        run_.outputs(), args.out, fmt=fmt, lang=table_lang, weights=weights, config=config
    )

    say(args, "cli.out.counts", zones=len(run_.zones), enterprises=len(run_.enterprises))
    if args.year is None and table.stated_year() is not None and run_.year == table.stated_year():
        # the year the table's title rows or name state, taken and said as import takes it
        where = "cli.out.year_from_title" if stated_year(table.title_rows) else "cli.out.year_from_name"
        say(args, "cli.out.year_stated", year=run_.year, where=note(where))
    say(args, "cli.out.table", summary=table.summary_note())
    if args.report is not None:
        args.report.write_bytes(export.csv_bytes(ingest.report_for_download(table.report)))
        say(args, "cli.out.row_report", path=args.report)
    if run_.result is not None:
        accepted = batch.weights_off_note(run_.result.config)  # --accept-weights: said, not silent
        if accepted is not None:
            say(args, "cli.out.weights_accepted", totals=accepted)
        _print_classes(args, run_.result)
    assignment = run_.assignment
    if assignment.outside_ids:
        more = note("cli.out.and_more", n=assignment.n_outside) if assignment.n_outside > 20 else ""
        ids = names(named_firms(run_.enterprises, list(assignment.outside_ids[:20]), args.lang))
        say(args, "cli.out.outside_firms", n=assignment.n_outside, ids=ids, more=more)
    if args.zones_out is not None:
        write_zone_scores(run_, args, table.sha256)
    if run_.parcels is not None:
        _print_parcels(args, run_.parcels)
    if run_.renamed:  # each field by the label the page heads it with (企业编号 / Enterprise ID)
        zh, en = catalogue_labels("enterprises", "zh"), catalogue_labels("enterprises", "en")
        pairs = parts(
            note("cli.out.renamed_pair", source=src, field=Both(zh.get(dst, dst), en.get(dst, dst)))
            for dst, src in run_.renamed.items()
        )
        say(args, "cli.out.renamed", pairs=pairs)
    for item in run_.notes:
        say(args, "cli.out.note", note=written(args, item))
    for path in written_paths:
        say(args, "cli.out.written", path=path)
    for item in run_.summary:
        print(written(args, item))
    if run_.failure is not None:
        reason = (
            run_.failure.text(lang_of(args))
            if isinstance(run_.failure, DataValidationError)
            else run_.failure
        )
        complain(args, "cli.error.not_classed", reason=reason)
        return 2
    return 0


def _out_is_a_file(out: Path, fmt: str | None) -> bool:
    """Whether ``-o`` names a file where the run writes a folder of CSV files (walk 16 item 8: ``-o
    ev1.csv`` made a folder named ev1.csv): a name ending in .csv or .xlsx, or a file already there
    (a GeoPackage is one file, named so or asked for with ``--format gpkg``)."""
    if out.suffix.lower() in (".csv", ".xlsx"):
        return True
    gpkg = fmt == "gpkg" or (fmt is None and out.suffix.lower() == ".gpkg")
    return not gpkg and out.is_file()


def _frame(args: argparse.Namespace) -> Frame:
    """The frame this year's (and last year's) table is read in: ``--frame`` (or ``--coords``), else
    asked of a table placed by its lon/lat (:func:`geo.cli.arguments.table_frame`, as ``import``). Tables
    assigned by ``--zone-column``, files that carry their CRS and last year's published classes
    need none; a file that is not there is left to the reading, which says so."""
    if args.frame is not None or args.zone_column is not None:
        return args.frame or "wgs84"
    tables = [(args.enterprises, args.enterprises_layer, ())]
    if args.previous is not None:
        tables.append((args.previous, args.previous_layer, batch.PUBLISHED_CLASS_HEADERS))
    for path, layer, not_placed_if in tables:
        if path.is_file() and path.stat().st_size:
            table_frame(
                path.read_bytes(),
                path.name,
                given=None,
                flag="--frame",
                layer=layer,
                kind="enterprises",
                lon_col=args.lon_col,
                not_placed_if=not_placed_if,
            )
    return "wgs84"


def _print_classes(args: argparse.Namespace, result: EvaluationResult) -> None:
    classes = result.enterprises
    counts = classes["eval_class"].value_counts().reindex(list(CLASSES), fill_value=0)
    by_class = parts(note("cli.out.class_firms", cls=c, n=int(counts[c])) for c in CLASSES)
    say(args, "cli.out.scored", n=int(classes["scored"].sum()), classes=by_class)
    for name, row in group_counts(classes).iterrows():
        say(
            args,
            "cli.out.group",
            name=group_name(result.config, str(name), lang_of(args)),  # 规上 / above designated size
            n=int(row["n_enterprises"]),
            scored=int(row["n_scored"]),
            classes=parts(note("cli.out.class_n", cls=c, n=int(row[f"n_{c}"])) for c in CLASSES),
            n_t=int(row["n_T"]),
        )
    say(args, "cli.out.d_land", mu=classes.loc[classes["eval_class"] == "D", "land_mu"].sum())


def _print_parcels(args: argparse.Namespace, analysis) -> None:
    low = analysis.low
    how = "cli.out.parcels_by_id" if analysis.join.method == "id" else "cli.out.parcels_by_location"
    say(
        args,
        "cli.out.parcels",
        n=len(analysis.indicators),
        mu=analysis.indicators["area_mu"].sum(),
        how=note(how),
        n_low=len(low),
        low_mu=low["area_mu"].sum(),
    )
    verdicts = analysis.contracts["verdict"].value_counts()
    if len(verdicts):
        shown = parts(note("cli.out.verdict", verdict=verdict_note(k), n=int(v)) for k, v in verdicts.items())
        say(args, "cli.out.contracts", verdicts=shown)
    outside = analysis.indicators["zone"].isna()
    if outside.any():
        ids = names(analysis.indicators.loc[outside, "parcel_id"].head(20))
        say(args, "cli.out.outside_parcels", n=int(outside.sum()), ids=ids)


def write_zone_scores(run_: batch.EvaluationRun, args: argparse.Namespace, digest: str) -> None:
    """Write ``--zones-out`` (the zones scored, with last year's beside when known) and print the ranking."""
    scores = run_.zones_scored
    if scores is None:
        say(args, "cli.out.zones_not_scored")
        return
    method = next((m for m in list_methods() if m.name == args.method), None)
    fmt = "xlsx" if args.zones_out.suffix.lower() == ".xlsx" else "csv"
    lang = args.lang or lang_of(args)  # the workbook too: --lang en is an English workbook
    source = note("cli.out.scores_source", file=args.enterprises.name, digest=digest[:12]) if digest else None
    source = source or note("cli.out.scores_source_file", file=args.enterprises.name)
    provenance = Provenance(accuracy="real", source=source.text(lang))  # the table cited in its language
    args.zones_out.parent.mkdir(parents=True, exist_ok=True)
    args.zones_out.write_bytes(
        zone_scores_bytes(
            scores, fmt=fmt, provenance=provenance, lang=lang, method=method.title if method else ""
        )
    )
    ranked = scores.table.sort_values("rank", na_position="last")
    zones = parts(
        note("cli.out.zone_rank", zone=z, rank=int(r["rank"]), cls=r["zone_class"], score=r["score"])
        for z, r in ranked.iterrows()
        if pd.notna(r["rank"])
    )
    say(args, "cli.out.zones_scored", zones=zones)
    say(args, "cli.out.written", path=args.zones_out)


__all__ = ["register", "run", "write_zone_scores"]

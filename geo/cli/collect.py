"""``python -m geo.cli collect``: the year's enterprise table from the register and the departments' files.

Only parses and prints: the work is :func:`geo.collect.collect`. Everything is read and matched
before anything is written, so bad input (exit 2, a Chinese message) leaves no file behind.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.cli.io import parse_pairs
from geo.cli.output import command_help, help_text, lang_of, names, parts, say, written
from geo.collect import SourceInput, collect
from geo.collect.departments import Department, load_departments
from geo.collect.report import assembled_bytes, column_label, report_bytes
from geo.errors import DataValidationError
from geo.messages.notes import Both, Listing, note

_OUT_SUFFIXES = (".csv", ".xlsx")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``collect`` subcommand."""
    p = subparsers.add_parser(
        "collect",
        help=command_help(subparsers, "collect"),
        description=help_text(subparsers, "collect.description"),
    )
    p.add_argument("register", type=Path, help=help_text(p, "collect.register"))
    p.add_argument(
        "--source",
        action="append",
        default=[],
        required=True,
        metavar=help_text(p, "collect.source_metavar"),
        help=help_text(p, "collect.source"),
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=help_text(p, "collect.map_metavar"),
        help=help_text(p, "collect.map"),
    )
    p.add_argument("-o", "--out", type=Path, required=True, help=help_text(p, "collect.out"))
    p.add_argument("--report", type=Path, required=True, help=help_text(p, "collect.report"))
    p.set_defaults(func=run)


def _check_suffix(path: Path, what: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in _OUT_SUFFIXES:
        raise DataValidationError.of("cli.collect_bad_suffix", what=what, file=path.name)
    return suffix.lstrip(".")


def _read(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise DataValidationError.of("cli.collect_file_not_found", what=what, path=path)
    return path.read_bytes()


def _department_name(key: str, known: dict[str, Department]) -> Both | str:
    """The department ``key`` (tax, stats …) by its name in the message's language (税务, Tax)."""
    dept = known.get(key)
    return Both(dept.label_zh, dept.label_en) if dept is not None else key


def _mappings(pairs: list[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for field, header in parse_pairs(pairs, note("cli.what.mapping")).items():
        if "." not in field:
            raise DataValidationError.of("cli.mapping_without_department", field=field, header=header)
        dept, key = field.split(".", 1)
        out.setdefault(dept.strip(), {})[key.strip()] = header
    return out


def run(args: argparse.Namespace) -> int:
    """Collect, then write the assembled table and the report; print the summary."""
    out_fmt = _check_suffix(args.out, note("cli.what.out_file"))
    report_fmt = _check_suffix(args.report, note("cli.what.report_file"))
    mappings = _mappings(args.map)
    given = parse_pairs(args.source, note("cli.what.department_file"))
    seen: set[str] = set()
    for pair in args.source:  # parse_pairs keeps the last of a repeated key: catch it first
        dept = pair.split("=", 1)[0].strip()
        if dept in seen:
            raise DataValidationError.of("cli.department_twice", department=dept)
        seen.add(dept)
    _, known = load_departments()
    sources = [
        SourceInput(
            dept, Path(path).name, _read(Path(path), _department_name(dept, known)), mappings.get(dept, {})
        )
        for dept, path in given.items()
    ]
    unknown = set(mappings) - set(given) - {"register"}
    if unknown:
        raise DataValidationError.of(
            "cli.mapping_department_without_file", departments=names(sorted(unknown))
        )
    reg = SourceInput(
        "register",
        args.register.name,
        _read(args.register, note("cli.what.register")),
        mappings.get("register", {}),
    )
    collection = collect(reg, sources)
    outputs = assembled_bytes(collection, fmt=out_fmt)
    report = report_bytes(collection, fmt=report_fmt)
    paths = []
    for suffix, data in outputs.items():
        path = args.out if not suffix else args.out.with_name(args.out.stem + suffix + args.out.suffix)
        path.write_bytes(data)
        paths.append(path)
    args.report.write_bytes(report)
    paths.append(args.report)

    _print_summary(args, collection)
    for path in paths:
        say(args, "cli.out.written", path=path)
    return 0


def _print_summary(args: argparse.Namespace, collection) -> None:
    lang = lang_of(args)
    say(args, "cli.out.register", n=len(collection.assembled), file=collection.register_source.filename)
    for result in collection.departments.values():
        unmatched = result.unmatched()
        n_check = int((result.rows["check"] != "").sum())
        extra = [
            note(key, n=n)
            for key, n in (
                ("cli.out.failed_check", n_check),
                ("cli.out.conflicts", len(result.conflicts)),
                ("cli.out.bad_values", len(result.bad_values)),
            )
            if n
        ]
        say(
            args,
            "cli.out.department",
            department=result.department.label(lang),
            file=result.source.filename,
            rows=len(result.rows),
            code=result.count("code"),
            org_code=result.count("org_code"),
            name=result.count("name"),
            unmatched=len(unmatched),
            extra=Listing(extra, sep="", sep_en=""),
        )
        for row in unmatched.head(20).itertuples():
            keys = [v for v in (row.code, row.org_code_given, row.unit_key, row.name) if isinstance(v, str)]
            say(args, "cli.out.unmatched_row", row=row.row, keys=" ".join(p.strip() for p in keys))
        if len(unmatched) > 20:
            say(args, "cli.out.more_rows", n=len(unmatched) - 20)
    missing = {k: v for k, v in collection.missing_counts().items() if v}
    if missing:
        counts = parts(
            note("cli.out.missing_count", column=column_label(k, lang), n=v) for k, v in missing.items()
        )
        say(args, "cli.out.missing", counts=counts)
    if len(collection.register_checks):
        say(args, "cli.out.register_checks", n=len(collection.register_checks))
    if len(collection.industry_problems):
        say(args, "cli.out.industry_problems", n=len(collection.industry_problems))
    for item in collection.notes:
        say(args, "cli.out.note", note=written(args, item))


__all__ = ["register", "run"]

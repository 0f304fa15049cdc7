"""``python -m geo.cli audit|delete|load-demo|gis-role``: the change log, deleting an import, the demo
into PostGIS, the GIS staff's PostgreSQL role."""

from __future__ import annotations

import argparse

import pandas as pd

from geo import ingest
from geo.cli.arguments import add_store_argument
from geo.cli.output import command_help, help_text, lang_of, names, say
from geo.errors import DataValidationError
from geo.messages import t
from geo.messages.formats import beijing_minute
from geo.messages.lang import Lang
from geo.messages.notes import note
from geo.publication.titles import logged_titles
from geo.publication.versions import StoreTarget
from geo.storage import audit
from geo.storage.audit import Change, action_label, current_user
from geo.storage.base import DATABASE_URL_ENV, open_store
from geo.storage.builtin import DEFAULT_GPKG
from geo.storage.changelog import actor_name
from geo.storage.outside_edits import GIS_ROLE

_HEADER_KEYS = {
    "at_utc": "audit.at",
    "user_name": "audit.user",
    "action": "audit.action",
    "layer": "audit.layer",
    "title": "audit.title",
    "file_name": "audit.file",
    "rows_in": "audit.rows_in",
    "rows_out": "audit.rows_out",
    "detail": "audit.detail",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``audit``, ``delete`` and ``load-demo`` subcommands."""
    a = subparsers.add_parser(
        "audit",
        help=command_help(subparsers, "audit"),
        description=help_text(subparsers, "audit.description"),
    )
    add_store_argument(a, reads_only=True)
    a.add_argument("--limit", type=int, help=help_text(a, "audit.limit"))
    a.add_argument("--layer", help=help_text(a, "audit.layer"))
    a.set_defaults(func=run_audit)

    d = subparsers.add_parser("delete", help=command_help(subparsers, "delete"))
    d.add_argument("layer", help=help_text(d, "delete.layer"))
    add_store_argument(d, reads_only=False)
    d.add_argument("--user", help=help_text(d, "user"))
    d.set_defaults(func=run_delete)

    lo = subparsers.add_parser(
        "load-demo",
        help=command_help(subparsers, "load-demo"),
        description=help_text(subparsers, "load_demo.description"),
    )
    lo.add_argument("--store", help=help_text(lo, "load_demo.store", env=DATABASE_URL_ENV))
    lo.add_argument("--gpkg", default=str(DEFAULT_GPKG), help=help_text(lo, "load_demo.gpkg"))
    lo.add_argument("--user", help=help_text(lo, "user"))
    lo.set_defaults(func=run_load_demo)

    g = subparsers.add_parser(
        "gis-role",
        help=command_help(subparsers, "gis-role"),
    )
    add_store_argument(g, reads_only=False)
    g.add_argument("--role", default=GIS_ROLE, help=help_text(g, "gis_role.role", role=GIS_ROLE))
    g.set_defaults(func=run_gis_role)

    h = subparsers.add_parser(
        "hash-password",
        help=command_help(subparsers, "hash-password"),
        description=help_text(subparsers, "hash_password.description"),
    )
    h.add_argument("user", help=help_text(h, "hash_password.user"))
    h.set_defaults(func=run_hash_password)


def audit_table(log: pd.DataFrame, *, lang: Lang = "zh", store: StoreTarget = None) -> pd.DataFrame:
    """The audit log for people, as the data page shows it: times in Beijing time, actions in words,
    the atlas's reserved actors (单用户模式 …) in the language and a person's name as stored, a
    version's title the atlas wrote in the language (the user's as typed), file names without a
    server path, short digests, headers in the language."""
    out = log.copy()
    out["title"] = logged_titles(log, lang, store=store)
    out["at_utc"] = out["at_utc"].map(lambda v: beijing_minute(v, lang))
    out["action"] = out["action"].map(lambda a: action_label(a, lang))
    out["user_name"] = out["user_name"].map(lambda who: actor_name(who, lang))
    out["file_name"] = out["file_name"].map(audit.shown_file_name)
    out["sha256"] = out["sha256"].map(lambda h: h[:12] + "…" if isinstance(h, str) and len(h) > 12 else h)
    for col in ("rows_in", "rows_out"):  # a change that read no file: —, not <NA>
        out[col] = out[col].astype(object).map(lambda n: "—" if pd.isna(n) else f"{int(n):,}")
    headers = {col: t(key, lang) for col, key in _HEADER_KEYS.items()}
    return out.rename(columns={**headers, "sha256": "SHA-256"})


def run_audit(args: argparse.Namespace) -> int:
    """The ``audit`` subcommand."""
    store = open_store(args.store or None)
    log = audit.audit_log(store=store)
    if args.layer:
        log = log[log["layer"] == args.layer].reset_index(drop=True)
    if args.limit is not None:
        log = log.head(args.limit)
    say(args, "cli.out.store_changes", location=store.location, n=len(log))
    if len(log):
        with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
            table = audit_table(log, lang=lang_of(args), store=store)
            print(table.to_string(index=False, na_rep="—"))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """The ``delete`` subcommand."""
    store = open_store(args.store or None)
    try:
        row = ingest.delete_user_layer(args.layer, path=store, actor=args.user)
    except DataValidationError as error:
        if error.key != "storage.no_imported_layer":
            raise
        # the page's advice (reload it, import on 数据管理) is no help here: name the layers there are
        stored = list(ingest.list_user_layers(path=store)["layer"])
        if not stored:
            raise DataValidationError.of(
                "cli.delete_no_layer_stored", name=args.layer, store=store.location
            ) from error
        raise DataValidationError.of(
            "cli.delete_no_such_layer", name=args.layer, layers=names(stored), first=stored[0]
        ) from error
    say(args, "cli.out.deleted_layer", title=row.get("title_zh") or args.layer, layer=args.layer)
    return 0


MIN_PASSWORD_CHARS = 8


def _password(stdin) -> str:
    """The password: typed twice at a terminal (not echoed), or one line from a pipe."""
    import getpass

    if not stdin.isatty():
        line = stdin.readline()
        if not line.strip():
            raise DataValidationError.of("cli.password_pipe_empty")
        return line.rstrip("\r\n")
    try:
        password = getpass.getpass("密码：")
        again = getpass.getpass("再输一次：")
    except (EOFError, KeyboardInterrupt) as exc:
        raise DataValidationError.of("cli.password_not_typed") from exc
    if password != again:
        raise DataValidationError.of("cli.passwords_differ")
    return password


def run_hash_password(args: argparse.Namespace) -> int:
    """The ``hash-password`` subcommand."""
    import sys

    from geo.storage.accounts import hash_password

    password = _password(sys.stdin)
    if len(password) < MIN_PASSWORD_CHARS:
        raise DataValidationError.of("cli.password_too_short", min_chars=MIN_PASSWORD_CHARS)
    print(f'{args.user} = "{hash_password(password)}"')
    return 0


def run_load_demo(args: argparse.Namespace) -> int:
    """The ``load-demo`` subcommand."""
    store = open_store(args.store or None)
    if store.kind != "postgis":
        raise DataValidationError.of("cli.load_demo_needs_postgis", env=DATABASE_URL_ENV)
    change = Change(action="load_demo", user=args.user or current_user(), file_name=str(args.gpkg))
    tables = store.load_gpkg(args.gpkg, change)
    say(args, "cli.out.loaded", n=len(tables), location=store.location, tables=names(tables))
    return 0


def run_gis_role(args: argparse.Namespace) -> int:
    """The ``gis-role`` subcommand."""
    store = open_store(args.store or None)
    if store.kind != "postgis":
        raise DataValidationError.of("cli.gis_role_needs_postgis", env=DATABASE_URL_ENV)
    created = store.grant_gis_role(args.role)
    done = note("cli.out.role_created" if created else "cli.out.role_granted")
    say(args, "cli.out.gis_role", done=done, role=args.role, location=store.location)
    return 0

"""``python -m geo.cli renewal|config``: the 盘活 status log and the named evaluation configurations of
the selected store, the same tables the pages read and write (so a server's change is seen here and
the other way round), recorded for ``--user`` (default ``$ATLAS_USER`` or the system user)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import yaml

from geo.cli.arguments import add_store_argument
from geo.cli.output import command_help, help_text, lang_of, line, say
from geo.errors import DataValidationError
from geo.evaluation import named as eval_configs
from geo.land import renewal
from geo.storage.audit import current_user
from geo.storage.base import open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``renewal`` and ``config`` subcommands."""
    r = subparsers.add_parser("renewal", help=command_help(subparsers, "renewal"))
    rs = r.add_subparsers(dest="renewal_command", required=True)
    s = rs.add_parser("set", help=help_text(rs, "renewal.set"))
    s.add_argument("parcel", help=help_text(s, "renewal.set.parcel"))
    s.add_argument("status", choices=renewal.STATUSES, help=help_text(s, "renewal.set.status"))
    s.add_argument(
        "--method", default="", choices=("", *renewal.METHODS), help=help_text(s, "renewal.set.method")
    )
    s.add_argument("--date", required=True, help=help_text(s, "renewal.set.date"))
    s.add_argument("--note", default="", help=help_text(s, "renewal.set.note"))
    add_store_argument(s, reads_only=False)
    s.add_argument("--user", help=help_text(s, "user"))
    s.set_defaults(func=run_renewal_set)
    lg = rs.add_parser("log", help=help_text(rs, "renewal.log"))
    lg.add_argument("--parcel", help=help_text(lg, "renewal.log.parcel"))
    add_store_argument(lg, reads_only=True)
    lg.set_defaults(func=run_renewal_log)

    c = subparsers.add_parser("config", help=command_help(subparsers, "config"))
    cs = c.add_subparsers(dest="config_command", required=True)
    ls = cs.add_parser("list", help=help_text(cs, "config.list"))
    add_store_argument(ls, reads_only=True)
    ls.set_defaults(func=run_config_list)
    sv = cs.add_parser("save", help=help_text(cs, "config.save"))
    sv.add_argument("name", help=help_text(sv, "config.save.name"))
    sv.add_argument("--file", type=Path, required=True, help=help_text(sv, "config.save.file"))
    sv.add_argument("--official", action="store_true", help=help_text(sv, "config.save.official"))
    add_store_argument(sv, reads_only=False)
    sv.add_argument("--user", help=help_text(sv, "user"))
    sv.set_defaults(func=run_config_save)
    sh = cs.add_parser("show", help=help_text(cs, "config.show"))
    sh.add_argument("name", nargs="?", default="", help=help_text(sh, "config.show.name"))
    sh.add_argument("--official", action="store_true", help=help_text(sh, "config.show.official"))
    add_store_argument(sh, reads_only=True)
    sh.set_defaults(func=run_config_show)
    de = cs.add_parser("delete", help=help_text(cs, "config.delete"))
    de.add_argument("name", nargs="?", default="", help=help_text(de, "config.delete.name"))
    de.add_argument("--official", action="store_true", help=help_text(de, "config.delete.official"))
    add_store_argument(de, reads_only=False)
    de.add_argument("--user", help=help_text(de, "user"))
    de.set_defaults(func=run_config_delete)


def run_renewal_set(args: argparse.Namespace) -> int:
    """The ``renewal set`` subcommand."""
    row = renewal.record_status(
        args.parcel,
        args.status,
        method=args.method,
        status_date=args.date,
        note=args.note,
        actor=args.user or current_user(),
        path=args.store or None,
    )
    say(
        args,
        "cli.out.status_recorded",
        parcel=row["parcel_id"],
        old=renewal.status_note(row["old_status"]),
        new=renewal.status_note(row["status"]),
        by=row["changed_by"],
    )
    return 0


def run_renewal_log(args: argparse.Namespace) -> int:
    """The ``renewal log`` subcommand."""
    store = open_store(args.store or None)
    log = renewal.load_log(path=store)
    if args.parcel:
        log = log[log["parcel_id"] == args.parcel]
    say(args, "cli.out.status_changes", location=store.location, n=len(log))
    if len(log):
        shown = renewal.log_for_people(log, lang_of(args))
        with pd.option_context("display.max_columns", None, "display.width", 200):
            print(shown.to_string(index=False))
    return 0


def run_config_list(args: argparse.Namespace) -> int:
    """The ``config list`` subcommand."""
    store = open_store(args.store or None)
    saved = eval_configs.list_named_configs(store=store)
    say(args, "cli.out.configs", location=store.location, n=len(saved))
    for item in saved:
        kind = line(args, "cli.out.config_official" if item.official else "cli.out.config_named")
        print(f"{kind}{item.name}\t{item.saved}\t{item.saved_by}")
    return 0


def _read_config(path: Path) -> dict:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataValidationError.of("cli.config_not_yaml", file=path.name) from exc
    if not isinstance(raw, dict):
        raise DataValidationError.of("cli.config_not_mapping", file=path.name)
    return raw


def run_config_save(args: argparse.Namespace) -> int:
    """The ``config save`` subcommand."""
    saved = eval_configs.save_named_config(
        args.name,
        _read_config(args.file),
        official=args.official,
        actor=args.user or current_user(),
        store=args.store or None,
    )
    key = "cli.out.official_config_saved" if saved.official else "cli.out.config_saved"
    say(args, key, name=saved.name, by=saved.saved_by)
    return 0


def _find(name: str, official: bool, store) -> eval_configs.NamedConfig:
    for item in eval_configs.list_named_configs(store=store):
        if item.official == official and (item.name == name or (official and not name)):
            return item
    raise DataValidationError.of("cli.no_official_config" if official else "cli.no_config", name=name)


def run_config_show(args: argparse.Namespace) -> int:
    """The ``config show`` subcommand."""
    item = _find(args.name.strip(), args.official, open_store(args.store or None))
    print(yaml.safe_dump(item.config, allow_unicode=True, sort_keys=False), end="")
    return 0


def run_config_delete(args: argparse.Namespace) -> int:
    """The ``config delete`` subcommand."""
    removed = eval_configs.delete_named_config(
        args.name, official=args.official, actor=args.user or current_user(), store=args.store or None
    )
    key = "cli.out.official_config_deleted" if removed.official else "cli.out.config_deleted"
    say(args, key, name=removed.name)
    return 0

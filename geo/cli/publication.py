"""``python -m geo.cli versions|objections``: the year's evaluation versions (草稿 → 公示 → 定案) and
their objections in the selected store, the same tables the 公示与异议 page reads and writes;
state changes are recorded for ``--user`` (default ``$ATLAS_USER`` or the system user). A 定案
version refuses every change here as on the page (the refusal comes from geo.publication)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from geo.cli.arguments import add_store_argument
from geo.cli.output import command_help, help_text, lang_of, say
from geo.messages import t
from geo.messages.notes import note
from geo.publication import compare, objections, results, versions
from geo.storage.audit import current_user
from geo.storage.base import open_store

_VERSION_HEADERS = {
    "version_id": "版本",
    "kind": "类型",
    "year": "年度",
    "title": "标题",
    "state": "状态",
    "window": "公示期",
    "replaces": "替换",
    "land_version": "所用用地清单",
    "n_results": "企业数",
    "created_by": "保存人",
    "finalized_by": "定案人",
}
_RESULT_HEADERS = {
    "ent_id": "企业编号",
    "name": "企业名称",
    "size_group": "评价组",
    "zone": "区域",
    "score": "得分",
    "rank": "排名",
    "eval_class": "类别",
    "status": "状态",
    "parcels": "宗地",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``versions`` and ``objections`` subcommands."""
    v = subparsers.add_parser("versions", help=command_help(subparsers, "versions"))
    vs = v.add_subparsers(dest="versions_command", required=True)
    ls = vs.add_parser("list", help=help_text(vs, "versions.list"))
    ls.add_argument("--kind", choices=tuple(versions.KINDS), help=help_text(ls, "versions.list.kind"))
    add_store_argument(ls, reads_only=True)
    ls.set_defaults(func=run_versions_list)
    sh = vs.add_parser("show", help=help_text(vs, "versions.show"))
    sh.add_argument("version", help=help_text(sh, "versions.show.version"))
    add_store_argument(sh, reads_only=True)
    sh.set_defaults(func=run_versions_show)
    pu = vs.add_parser("publish", help=help_text(vs, "versions.publish"))
    pu.add_argument("version", help=help_text(pu, "versions.publish.version"))
    pu.add_argument("--start", required=True, help=help_text(pu, "versions.publish.start"))
    pu.add_argument("--end", required=True, help=help_text(pu, "versions.publish.end"))
    add_store_argument(pu, reads_only=False)
    pu.add_argument("--user", help=help_text(pu, "user"))
    pu.set_defaults(func=run_versions_publish)
    fi = vs.add_parser("finalize", help=help_text(vs, "versions.finalize"))
    fi.add_argument("version", help=help_text(fi, "versions.finalize.version"))
    add_store_argument(fi, reads_only=False)
    fi.add_argument("--user", help=help_text(fi, "user"))
    fi.set_defaults(func=run_versions_finalize)
    re = vs.add_parser("reevaluate", help=help_text(vs, "versions.reevaluate"))
    re.add_argument("version", help=help_text(re, "versions.reevaluate.version"))
    re.add_argument("--title", default="", help=help_text(re, "versions.reevaluate.title"))
    add_store_argument(re, reads_only=False)
    re.add_argument("--user", help=help_text(re, "user"))
    re.set_defaults(func=run_versions_reevaluate)
    co = vs.add_parser("compare", help=help_text(vs, "versions.compare"))
    co.add_argument("before", help=help_text(co, "versions.compare.before"))
    co.add_argument("after", help=help_text(co, "versions.compare.after"))
    add_store_argument(co, reads_only=True)
    co.set_defaults(func=run_versions_compare)

    o = subparsers.add_parser("objections", help=command_help(subparsers, "objections"))
    os_ = o.add_subparsers(dest="objections_command", required=True)
    ol = os_.add_parser("list", help=help_text(os_, "objections.list"))
    ol.add_argument("--version", help=help_text(ol, "objections.list.version"))
    add_store_argument(ol, reads_only=True)
    ol.set_defaults(func=run_objections_list)
    de = os_.add_parser("decide", help=help_text(os_, "objections.decide"))
    de.add_argument("objection", help=help_text(de, "objections.decide.objection"))
    de.add_argument(
        "--decision",
        required=True,
        choices=tuple(objections.DECISIONS),
        help=help_text(de, "objections.decide.decision"),
    )
    de.add_argument("--answer", default="", help=help_text(de, "objections.decide.answer"))
    de.add_argument("--reason", default="", help=help_text(de, "objections.decide.reason"))
    add_store_argument(de, reads_only=False)
    de.add_argument("--user", help=help_text(de, "user"))
    de.set_defaults(func=run_objections_decide)
    ex = os_.add_parser("export", help=help_text(os_, "objections.export"))
    ex.add_argument("--version", required=True, help=help_text(ex, "objections.export.version"))
    ex.add_argument("-o", "--out", type=Path, required=True, help=help_text(ex, "objections.export.out"))
    add_store_argument(ex, reads_only=True)
    ex.set_defaults(func=run_objections_export)


def _print(frame: pd.DataFrame) -> None:
    with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
        print(frame.to_string(index=False, na_rep="—"))


def version_table(items: list[versions.Version]) -> pd.DataFrame:
    """The versions for people: kind and state in words, the window as one text."""
    rows = [
        {
            "version_id": v.version_id,
            "kind": versions.KINDS.get(v.kind, v.kind),
            "year": v.year,
            "title": v.title,
            "state": v.state_zh,
            "window": f"{v.window_start} 至 {v.window_end}" if v.window_start else "",
            "replaces": v.replaces,
            "land_version": v.land_version,
            "n_results": v.n_results,
            "created_by": v.created_by,
            "finalized_by": v.finalized_by,
        }
        for v in items
    ]
    return pd.DataFrame(rows, columns=list(_VERSION_HEADERS)).rename(columns=_VERSION_HEADERS)


def run_versions_list(args: argparse.Namespace) -> int:
    """The ``versions list`` subcommand."""
    store = open_store(args.store or None)
    items = versions.list_versions(store=store, kind=args.kind)
    say(args, "cli.out.versions", location=store.location, n=len(items))
    if items:
        _print(version_table(items))
    return 0


def run_versions_show(args: argparse.Namespace) -> int:
    """The ``versions show`` subcommand."""
    store = open_store(args.store or None)
    version = versions.get_version(args.version, store=store)
    rows = versions.version_results(version, store=store)
    say(args, "cli.out.version", label=version.label(), title=version.title, n=version.n_results)
    table = rows[list(versions.RESULT_COLUMNS)].assign(score=rows["score"].round(2))
    _print(table.rename(columns=_RESULT_HEADERS))
    return 0


def run_versions_publish(args: argparse.Namespace) -> int:
    """The ``versions publish`` subcommand."""
    version = versions.publish_version(
        args.version,
        start=args.start,
        end=args.end,
        actor=args.user or current_user(),
        store=args.store or None,
    )
    start, end = version.window_start, version.window_end
    say(args, "cli.out.published", label=version.label(), start=start, end=end)
    return 0


def run_versions_finalize(args: argparse.Namespace) -> int:
    """The ``versions finalize`` subcommand."""
    version = versions.finalize_version(
        args.version, actor=args.user or current_user(), store=args.store or None
    )
    say(args, "cli.out.finalized", label=version.label(), by=version.finalized_by)
    return 0


def run_versions_reevaluate(args: argparse.Namespace) -> int:
    """The ``versions reevaluate`` subcommand."""
    version = results.reevaluate(
        args.version, actor=args.user or current_user(), title=args.title, store=args.store or None
    )
    say(args, "cli.out.reevaluated", label=version.label(), replaces=version.replaces)
    return 0


def run_versions_compare(args: argparse.Namespace) -> int:
    """The ``versions compare`` subcommand."""
    lang = lang_of(args)
    table = compare.compare_versions(args.before, args.after, store=args.store or None, lang=lang)
    say(args, "cli.out.compared", before=args.before.upper(), after=args.after.upper(), n=len(table))
    if len(table):
        yes, no = t("exports.value.yes", lang), t("exports.value.no", lang)
        shown = table.assign(
            score_before=table["score_before"].round(2),
            score_after=table["score_after"].round(2),
            score_change=table["score_change"].round(2),
            class_changed=[yes if moved else no for moved in table["class_changed"]],
        )
        _print(shown.rename(columns={c: t(f"pub.res.{c}", lang) for c in shown.columns}))
    return 0


def run_objections_list(args: argparse.Namespace) -> int:
    """The ``objections list`` subcommand."""
    rows = objections.objections_frame(store=args.store or None, version_id=args.version)
    say(args, "cli.out.objections", n=len(rows))
    if len(rows):
        _print(objections.register_table(rows).drop(columns=["证据 SHA-256"]))
    return 0


def run_objections_decide(args: argparse.Namespace) -> int:
    """The ``objections decide`` subcommand."""
    found = objections.decide_objection(
        args.objection,
        decision=args.decision,
        answer=args.answer,
        reason=args.reason,
        actor=args.user or current_user(),
        store=args.store or None,
    )
    decision = note(f"cli.out.decision.{found.decision}")
    say(args, "cli.out.decided", objection=found.objection_id, decision=decision)
    return 0


def run_objections_export(args: argparse.Namespace) -> int:
    """The ``objections export`` subcommand."""
    store = open_store(args.store or None)
    version = versions.get_version(args.version, store=store)
    rows = objections.register_objections(version, store=store)  # with those of the version it corrects
    data = objections.register_xlsx_bytes(rows, version=version)
    args.out.write_bytes(data)
    say(args, "cli.out.objections_exported", n=len(rows), path=args.out)
    return 0

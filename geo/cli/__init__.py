"""Command-line entry of the atlas: ``python -m geo.cli <command> ...``.

Each command lives in its own module exposing ``register(subparsers)``; this file only
collects them (one explicit tuple, one loop).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import zipfile

from geo.errors import DataValidationError

# Modules that provide subcommands; each defines register(subparsers) and sets func= on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "geo.cli.evaluate",
    "geo.cli.collect",
    "geo.cli.io",
    "geo.cli.publication",
    "geo.cli.store",
    "geo.cli.shared",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(prog="python -m geo.cli", description="苏州产业布局一张图 命令行工具")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers)
    return parser


def _file_errors() -> tuple[type[BaseException], ...]:
    """What the file-reading libraries raise for a file's content or place: a problem with the
    user's data, not with this program. Every other exception is a bug and keeps its traceback."""
    import pandas as pd
    import pyogrio

    return (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.FieldError,
        pyogrio.errors.GeometryError,
        pd.errors.EmptyDataError,
        pd.errors.ParserError,
        zipfile.BadZipFile,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; bad data prints its Chinese message and exits with status 2.

    Besides :class:`DataValidationError`, an error the readers did not translate but that can
    only come from a file (a file that cannot be opened, a format library refusing its content)
    is printed as such with status 2; anything else is a bug and raises.
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DataValidationError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.filename is None:
            raise
        print(f"错误：无法读写文件 {exc.filename}：{exc.strerror or exc}。请检查路径和权限", file=sys.stderr)
        return 2
    except _file_errors() as exc:
        print(
            f"错误：无法读取输入文件（{type(exc).__name__}：{exc}）。请检查文件格式是否正确", file=sys.stderr
        )
        return 2

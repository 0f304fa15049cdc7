"""Command-line entry of the atlas: ``python -m geo.cli <command> ...``.

Each command lives in its own module exposing ``register(subparsers)``; this file only
collects them (one explicit tuple, one loop).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from geo.errors import DataValidationError

# Modules that provide subcommands; each defines register(subparsers) and sets func= on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "geo.cli.evaluate",
    "geo.cli.io",
    "geo.cli.store",
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


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; bad data prints its Chinese message and exits with status 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DataValidationError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2

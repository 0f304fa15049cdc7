"""Command-line entry of the atlas: ``python -m geo.cli <command> ...``.

Each command lives in its own module exposing ``register(subparsers)``; this file only
collects them (one explicit tuple, one loop).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import zipfile
from io import UnsupportedOperation  # (``io`` here is the package's own geo.cli.io)

from geo import settings
from geo.cli.arguments import check_paths
from geo.cli.output import complain, lang_of, say
from geo.cli.parser import AtlasParser, language_in
from geo.errors import DataValidationError
from geo.messages import message

# Modules that provide subcommands; each defines register(subparsers) and sets func= on its parser.
COMMAND_MODULES: tuple[str, ...] = (
    "geo.cli.evaluate",
    "geo.cli.collect",
    "geo.cli.io",
    "geo.cli.publication",
    "geo.cli.store",
    "geo.cli.shared",
)


def build_parser(*, lang: str = "zh") -> argparse.ArgumentParser:
    """The argument parser with every available subcommand; it complains about the arguments in
    ``lang``."""
    parser = AtlasParser(
        prog="python -m geo.cli", description=message("cli.help.description", lang), lang=lang
    )
    parser.add_argument(
        "--lang",
        dest="ui_lang",
        choices=("zh", "en"),
        default=settings.cli_lang(),
        help=message("cli.help.lang", lang),
    )
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
    """Run the CLI; bad data prints its message in ``--lang`` (Chinese by default) and exits with
    status 2.

    Besides :class:`DataValidationError`, an error the readers did not translate but that can
    only come from a file (a file that cannot be opened, a format library refusing its content)
    is printed as such with status 2; anything else is a bug and raises.
    """
    given = sys.argv[1:] if argv is None else argv
    asked = language_in(given, settings.cli_lang())
    args = build_parser(lang=asked).parse_args(given)
    args.ui_lang = asked  # --lang before the command, else the command's own (export … --lang en)
    lang = lang_of(args)
    try:
        new_store = check_paths(args)
        status = int(args.func(args) or 0)
        if new_store is not None and new_store.exists():
            say(args, "cli.out.store_created", path=new_store.resolve())
        return status
    except DataValidationError as exc:
        print(message("cli.error", lang, text=exc.text(lang)), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the output's reader left (`… | head`): stop quietly, as Unix tools do
        output_goes_nowhere()
        return 128 + 13  # the status of a tool stopped by SIGPIPE
    except OSError as exc:
        if exc.filename is None:
            raise
        complain(args, "cli.error.file_io", filename=exc.filename, reason=exc.strerror or exc)
        return 2
    except _file_errors() as exc:
        complain(args, "cli.error.file_format", kind=type(exc).__name__, detail=exc)
        return 2


def output_goes_nowhere() -> None:
    """What is left of the standard output goes to the null device, so that Python's own flush at
    exit does not fail again on the closed pipe (Python's documentation, "Note on SIGPIPE")."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, UnsupportedOperation):  # a standard output with no file behind it
        pass

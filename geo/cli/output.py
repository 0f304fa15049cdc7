"""What the commands print, in the language of ``--lang``: each line a catalogue entry
(:mod:`geo.messages.cli`) with its parameters; notes geo returned written in that language."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.messages import message
from geo.messages.notes import Listing, clauses, note, text_in


def lang_of(args: argparse.Namespace) -> str:
    """The language the command prints in (``--lang`` before the command; ``zh`` by default)."""
    return "en" if getattr(args, "ui_lang", "zh") == "en" else "zh"


def line(args: argparse.Namespace, key: str, /, **params: Any) -> str:
    """Catalogue entry ``key`` with ``params`` in the command's language."""
    return note(key, **params).text(lang_of(args))


def say(args: argparse.Namespace, key: str, /, **params: Any) -> None:
    """Print catalogue entry ``key`` with ``params`` in the command's language."""
    print(line(args, key, **params))


def complain(args: argparse.Namespace, key: str, /, **params: Any) -> None:
    """Print catalogue entry ``key`` as an error line (``错误：…`` / ``Error: …``) on standard error."""
    print(line(args, "cli.error", text=line(args, key, **params)), file=sys.stderr)


def command_help(subparsers: Any, name: str) -> str:
    """The line ``python -m geo.cli --help`` lists command ``name`` with, in the language of the
    parser the commands are added to (:class:`geo.cli.parser.AtlasParser`; Chinese otherwise)."""
    return message(f"cli.help.command.{name}", getattr(subparsers, "lang", "zh"))


def help_text(parser: Any, key: str, /, **params: Any) -> str:
    """Catalogue entry ``cli.help.<key>`` (an option's help, a command's description or metavar) in the
    language of ``parser`` (:class:`geo.cli.parser.AtlasParser` or its subparsers; Chinese otherwise):
    what ``--help`` prints."""
    return message(f"cli.help.{key}", getattr(parser, "lang", "zh"), **params)


def written(args: argparse.Namespace, value: Any) -> str:
    """A note (or plain text) geo returned, written in the command's language."""
    return text_in(value, lang_of(args))


def names(items: Any) -> Listing:
    """Names joined with 、 in Chinese and ``, `` in English."""
    return Listing(items)


def parts(items: Any) -> Listing:
    """Parts of one line joined with ，in Chinese and ``, `` in English."""
    return clauses(items)


__all__ = ["command_help", "complain", "help_text", "lang_of", "line", "names", "parts", "say", "written"]

"""The command line's argument parser, speaking the user's language: argparse's own complaints (a
missing argument, a choice not offered, a number that is not one) printed in Chinese or English as
the rest of the command line is, with the usual status 2."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from geo.messages import message

# argparse's complaints (Python 3.11), each with the catalogue key that says it in the user's language.
_COMPLAINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key)
    for pattern, key in (
        (r"the following arguments are required: (?P<args>.+)", "cli.args.required"),
        (r"unrecognized arguments: (?P<args>.+)", "cli.args.unrecognized"),
        (r"one of the arguments (?P<args>.+) is required", "cli.args.one_required"),
        (
            r"argument (?P<arg>[^:]+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
            "cli.args.invalid_choice",
        ),
        (r"argument (?P<arg>[^:]+): invalid (?P<kind>\w+) value: (?P<value>.+)", "cli.args.invalid_value"),
        (r"argument (?P<arg>[^:]+): expected one argument", "cli.args.expected_one"),
        (r"argument (?P<arg>[^:]+): expected at least one argument", "cli.args.expected_some"),
        (r"argument (?P<arg>[^:]+): not allowed with argument (?P<other>.+)", "cli.args.not_allowed_with"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.args.ambiguous"),
    )
)

# The value kinds argparse names in "invalid <kind> value" (the ``type=`` of an option).
_KINDS = {"int": "cli.args.kind.int", "float": "cli.args.kind.float"}


def _lang_option(argv: Sequence[str], i: int) -> str | None:
    """The language ``argv[i]`` asks for (``--lang en`` or ``--lang=en``), else None."""
    arg = argv[i]
    if arg == "--lang" and i + 1 < len(argv):
        return "en" if argv[i + 1] == "en" else "zh"
    if arg.startswith("--lang="):
        return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return None


def language_in(argv: Sequence[str], default: str) -> str:
    """The language ``argv`` asks for, known before the arguments are parsed (so that a complaint
    about them is in that language too): ``--lang`` before the command (``--lang en import …``),
    else the command's own ``--lang`` (``export … --lang en``: the language of the files it writes,
    and of what it prints), else ``default``."""
    command_lang = None
    before_command = True
    for i, arg in enumerate(argv):
        lang = _lang_option(argv, i)
        if lang is not None and before_command:
            return lang
        if lang is not None and command_lang is None:
            command_lang = lang
        if before_command and not arg.startswith("-") and (i == 0 or argv[i - 1] != "--lang"):
            before_command = False  # the command: a later --lang is its own
    if command_lang is not None:
        return command_lang
    return "en" if default == "en" else "zh"


def complaint_text(text: str, lang: str) -> str:
    """argparse's complaint ``text`` said in ``lang`` (unchanged in English, and when it is not one
    of the complaints known)."""
    if lang == "en":
        return text
    for pattern, key in _COMPLAINTS:
        found = pattern.fullmatch(text.strip())
        if found is None:
            continue
        params = found.groupdict()
        if "kind" in params:
            kind_key = _KINDS.get(params["kind"])
            params["kind"] = message(kind_key, lang) if kind_key else params["kind"]
        return message(key, lang, **params)
    return text


class AtlasParser(argparse.ArgumentParser):
    """An ArgumentParser whose complaints are in ``lang`` (its subcommands' parsers too)."""

    def __init__(self, *args, lang: str = "zh", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", lambda **kw: AtlasParser(lang=self.lang, **kw))
        commands = super().add_subparsers(**kwargs)
        commands.lang = self.lang  # the language of the commands' help lines (geo.cli.output.command_help)
        return commands

    def error(self, message_text: str) -> NoReturn:
        self.print_usage(sys.stderr)
        said = message(
            "cli.args.error", self.lang, prog=self.prog, text=complaint_text(message_text, self.lang)
        )
        self.exit(2, said + "\n")

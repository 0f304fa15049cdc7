"""The one string catalogue: every text the atlas shows or writes, in both languages, key ->
(中文, English) templates with ``{named}`` parameters (``str.format`` fields, e.g. ``{rows:,}``).

Pages, layers and geo all read it (geo is the lowest floor): :func:`t` gives a key's template in a
language (what a page shows as it is, or formats itself), :func:`message` the sentence with its
parameters filled in. geo raises :meth:`geo.errors.DataValidationError.of` with a key and its
parameters; the page or the command line writes the sentence in its language. A key ``K.hint`` is the
hint shown after message ``K``.

One module per area, each with its table ``MESSAGES``, listed in :data:`AREAS` and merged once: a key
defined in two modules stops the import. geo's own messages: ingest.py, ingest_placing.py,
ingest_notes.py, exports.py, evaluation.py, evaluation_config.py, evaluation_words.py, yearly.py,
records.py, record_labels.py, shown_words.py, cli.py, cli_help.py, land_notes.py, sources.py,
cited_sources.py;
the interface's: ui/ (one module per page area, and the layers'). Words are joined with each
language's own marks (:func:`joined`, :func:`labelled`, marks.py), so an English sentence never
carries a 、 or a full-width colon.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any, Literal

from geo.messages import (
    cited_sources,
    cli,
    cli_help,
    evaluation,
    evaluation_config,
    evaluation_words,
    exports,
    ingest,
    ingest_notes,
    ingest_placing,
    land_notes,
    record_labels,
    records,
    shown_words,
    sources,
    yearly,
)
from geo.messages.lang import DEFAULT_LANG, Lang
from geo.messages.marks import MARKS
from geo.messages.ui import (
    city,
    collect,
    data,
    efficiency,
    frame,
    groups,
    intensity,
    layers,
    publication,
    zones,
)

AREAS: tuple[ModuleType, ...] = (
    ingest,
    ingest_placing,
    ingest_notes,
    exports,
    evaluation,
    evaluation_config,
    evaluation_words,
    records,
    sources,
    cited_sources,
    yearly,
    cli,
    cli_help,
    land_notes,
    record_labels,
    frame,
    city,
    collect,
    data,
    efficiency,
    groups,
    publication,
    zones,
    layers,
    shown_words,
    intensity,
)


def merged(areas: Iterable[ModuleType]) -> dict[str, tuple[str, str]]:
    """One table from the areas' tables (each module's ``MESSAGES``).

    Raises
    ------
    ValueError
        For a key defined in two modules (naming both), or a module without a ``MESSAGES`` table.
    """
    areas = tuple(areas)
    missing = [area.__name__ for area in areas if not isinstance(getattr(area, "MESSAGES", None), dict)]
    if missing:
        raise ValueError(f"no MESSAGES table in {', '.join(missing)}")
    table: dict[str, tuple[str, str]] = {}
    home: dict[str, str] = {}
    for area in areas:
        for key, entry in area.MESSAGES.items():
            if key in table:
                raise ValueError(f"key {key!r} is defined in both {home[key]} and {area.__name__}")
            table[key], home[key] = entry, area.__name__
    return table


MESSAGES: dict[str, tuple[str, str]] = merged(AREAS)


def t(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """Catalogue entry ``key`` in ``lang``, its ``{fields}`` left as they are (a template).

    Raises
    ------
    KeyError
        For a key the catalogue does not hold (a programming error, never a user's).
    """
    zh, en = MESSAGES[key]
    return en if lang == "en" else zh


def message(key: str, lang: Lang = DEFAULT_LANG, /, **params: Any) -> str:
    """Catalogue entry ``key`` in ``lang`` with ``params`` filled in.

    Raises
    ------
    KeyError
        For a key the catalogue does not hold, or a parameter its template names and ``params`` lack.
    """
    template = t(key, lang)
    if lang == "en":
        template = _singular_for_one(template, params)
    return template.format(**params)


# "{n} enterprises are" -> "{n} enterprise is" when n is 1: an English count's noun and verb
_NOUNS = (
    "enterprise|zone|row|parcel|record|feature|character|objection|change|file|year|version|town|table|"
    "point|name|layer|code|entrant|byte|column|cell|sheet|firm|department|issue|value|polygon|line|class"
)
_COUNTED = re.compile(rf"(?<!=)\{{(\w+)(:[^}}]*)?\}} ({_NOUNS})(?:es|s)\b(?: (are|have|lie|share|were)\b)?")
_VERB_FOR_ONE = {"are": "is", "have": "has", "lie": "lies", "share": "shares", "were": "was"}


def _singular_for_one(template: str, params: Mapping[str, Any]) -> str:
    def one(match: re.Match) -> str:
        value = params.get(match.group(1))
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value != 1:
            return match.group(0)
        said = f"{{{match.group(1)}{match.group(2) or ''}}} {match.group(3)}"
        verb = match.group(4)
        return f"{said} {_VERB_FOR_ONE[verb]}" if verb else said

    return _COUNTED.sub(one, template) if "{" in template else template


def mid_sentence(label: str) -> str:
    """An English label as it reads inside a sentence: its first letter lower case, unless it starts
    with an acronym ("R&D spending", "GDP") or a name (a label wholly upper-case stays)."""
    if label[:2].isupper() or (label[:1].isupper() and label[1:2] in ("&", "-")):
        return label
    return label[:1].lower() + label[1:]


def joined(parts: Iterable[object], lang: str = "zh", /, *, mark: Literal["list", "clause"] = "list") -> str:
    """``parts`` as one text, joined by ``lang``'s list mark (、 or ``, ``) or clause mark (； or ``; ``)."""
    zh, en = MARKS[mark]
    return (en if lang == "en" else zh).join(map(str, parts))


def labelled(label: object, value: object, lang: str = "zh", /) -> str:
    """``label：value`` in Chinese, ``label: value`` in English."""
    zh, en = MARKS["labelled"]
    return (en if lang == "en" else zh).format(label=label, value=value)


def has_hint(key: str) -> bool:
    """Whether message ``key`` has a hint (the entry ``key + ".hint"``)."""
    return f"{key}.hint" in MESSAGES


def both(key: str, /, **params: Any) -> dict[str, str]:
    """Catalogue entry ``key`` in both languages, for a parameter written ``{name[zh]}`` /
    ``{name[en]}`` in another entry (a field's or a state's name inside a message)."""
    return {lang: message(key, lang, **params) for lang in ("zh", "en")}


def listed(items: Iterable[Any], /, *, mark: Literal["list", "clause"] = "list") -> dict[str, str]:
    """``items`` as one list in both languages (:func:`joined`), for a parameter written
    ``{name[zh]}`` / ``{name[en]}`` in the catalogue."""
    words = [str(item) for item in items]
    return {lang: joined(words, lang, mark=mark) for lang in ("zh", "en")}


__all__ = [
    "AREAS",
    "DEFAULT_LANG",
    "MESSAGES",
    "Lang",
    "both",
    "has_hint",
    "joined",
    "labelled",
    "listed",
    "merged",
    "message",
    "t",
]

"""The one string catalogue: every text the atlas shows or writes, in both languages, key ->
(中文, English) templates with ``{named}`` parameters (``str.format`` fields, e.g. ``{rows:,}``).

Pages, layers and geo all read it (geo is the lowest floor): :func:`t` gives a key's template in a
language (what a page shows as it is, or formats itself), :func:`message` the sentence with its
parameters filled in. geo raises :meth:`geo.errors.DataValidationError.of` with a key and its
parameters; the page or the command line writes the sentence in its language. A key ``K.hint`` is the
hint shown after message ``K``.

One module per area, each with its table ``MESSAGES``, listed in :data:`AREAS` and merged once: a key
defined in two modules stops the import. geo's own messages: ingest.py, ingest_placing.py, exports.py,
evaluation.py, evaluation_config.py, evaluation_words.py, records.py, sources.py; the interface's: ui/
(one module per page area, and the layers').
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from geo.messages import (
    evaluation,
    evaluation_config,
    evaluation_words,
    exports,
    ingest,
    ingest_placing,
    records,
    sources,
)
from geo.messages.lang import DEFAULT_LANG, Lang
from geo.messages.ui import city, collect, data, efficiency, frame, groups, layers, publication, zones

AREAS: tuple[ModuleType, ...] = (
    ingest,
    ingest_placing,
    exports,
    evaluation,
    evaluation_config,
    evaluation_words,
    records,
    sources,
    frame,
    city,
    collect,
    data,
    efficiency,
    groups,
    publication,
    zones,
    layers,
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
    return t(key, lang).format(**params)


def has_hint(key: str) -> bool:
    """Whether message ``key`` has a hint (the entry ``key + ".hint"``)."""
    return f"{key}.hint" in MESSAGES


def both(key: str, /, **params: Any) -> dict[str, str]:
    """Catalogue entry ``key`` in both languages, for a parameter written ``{name[zh]}`` /
    ``{name[en]}`` in another entry (a field's or a state's name inside a message)."""
    return {lang: message(key, lang, **params) for lang in ("zh", "en")}


def joined(items: Iterable[Any], lang: str = "zh", /, *, clauses: bool = False) -> str:
    """``items`` as one list in ``lang``: joined by 、 in Chinese and by commas in English, or with
    ``clauses`` (items that are phrases of their own) by ； and semicolons."""
    words = [str(item) for item in items]
    if lang == "en":
        return ("; " if clauses else ", ").join(words)
    return ("；" if clauses else "、").join(words)


def listed(items: Iterable[Any], /, *, clauses: bool = False) -> dict[str, str]:
    """``items`` as one list in both languages (:func:`joined`), for a parameter written
    ``{name[zh]}`` / ``{name[en]}`` in the catalogue."""
    words = [str(item) for item in items]
    return {lang: joined(words, lang, clauses=clauses) for lang in ("zh", "en")}


__all__ = [
    "AREAS",
    "DEFAULT_LANG",
    "MESSAGES",
    "Lang",
    "both",
    "has_hint",
    "joined",
    "listed",
    "merged",
    "message",
    "t",
]

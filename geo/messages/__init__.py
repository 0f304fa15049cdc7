"""The one string catalogue: every text the atlas shows or writes, in both languages, key ->
(中文, English) templates with ``{named}`` parameters (``str.format`` fields, e.g. ``{rows:,}``).

Pages, layers and geo all read it (geo is the lowest floor): :func:`t` gives a key's template in a
language (what a page shows as it is, or formats itself), :func:`message` the sentence with its
parameters filled in. geo raises :meth:`geo.errors.DataValidationError.of` with a key and its
parameters; the page or the command line writes the sentence in its language. A key ``K.hint`` is the
hint shown after message ``K``.

One module per area, each with its table ``MESSAGES``, listed in :data:`AREAS` and merged once: a key
defined in two modules stops the import. geo's own messages: ingest.py, ingest_placing.py, exports.py,
evaluation.py, records.py, sources.py; the interface's: ui/ (one module per page area, and the layers').
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType
from typing import Any

from geo.messages import evaluation, exports, ingest, ingest_placing, records, sources
from geo.messages.lang import DEFAULT_LANG, Lang
from geo.messages.ui import city, collect, data, efficiency, frame, groups, layers, publication, zones

AREAS: tuple[ModuleType, ...] = (
    ingest,
    ingest_placing,
    exports,
    evaluation,
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


__all__ = ["AREAS", "DEFAULT_LANG", "MESSAGES", "Lang", "has_hint", "merged", "message", "t"]

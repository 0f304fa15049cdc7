"""The messages geo gives its users, in both languages: key -> (中文, English) templates with
``{named}`` parameters (``str.format`` fields, e.g. ``{rows:,}``).

geo raises :meth:`geo.errors.DataValidationError.of` with a key and its parameters; the page or the
command line writes the sentence in its language (:meth:`~geo.errors.DataValidationError.text`).
A key ``K.hint`` is the hint shown after message ``K``. One module per area keeps its messages
beside the others of its kind; keys start with the area's name (``ingest.``, ``evaluation.`` …).
Words are joined with each language's own marks (:func:`joined`, :func:`labelled`), so an English
sentence never carries a 、 or a full-width colon.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from geo.messages.cli import MESSAGES as CLI
from geo.messages.evaluation import MESSAGES as EVALUATION
from geo.messages.evaluation_config import MESSAGES as EVALUATION_CONFIG
from geo.messages.evaluation_words import WORDS as EVALUATION_WORDS
from geo.messages.exports import MESSAGES as EXPORTS
from geo.messages.ingest import MESSAGES as INGEST
from geo.messages.ingest_notes import MESSAGES as INGEST_NOTES
from geo.messages.ingest_placing import MESSAGES as INGEST_PLACING
from geo.messages.land_notes import MESSAGES as LAND_NOTES
from geo.messages.marks import MARKS
from geo.messages.record_labels import MESSAGES as RECORD_LABELS
from geo.messages.records import MESSAGES as RECORDS
from geo.messages.sources import MESSAGES as SOURCES
from geo.messages.yearly import MESSAGES as YEARLY

MESSAGES: dict[str, tuple[str, str]] = {
    **INGEST,
    **INGEST_PLACING,
    **INGEST_NOTES,
    **EXPORTS,
    **EVALUATION,
    **EVALUATION_CONFIG,
    **EVALUATION_WORDS,
    **RECORDS,
    **SOURCES,
    **YEARLY,
    **CLI,
    **LAND_NOTES,
    **RECORD_LABELS,
}


def message(key: str, lang: str = "zh", /, **params: Any) -> str:
    """Catalogue entry ``key`` in ``lang`` with ``params`` filled in.

    Raises
    ------
    KeyError
        For a key the catalogue does not hold (a programming error, never a user's).
    """
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)


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


__all__ = ["MESSAGES", "both", "has_hint", "joined", "labelled", "listed", "message"]

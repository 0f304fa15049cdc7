"""A note geo writes for its user as data: a catalogue key and its parameters, written in either
language at the edge.

A :class:`Note` is a ``str`` (its Chinese sentence, so every caller that prints or joins notes
keeps working and the Chinese output stays as it was) that also carries ``key`` and ``params``;
:func:`text_in` writes a note (or any plain string, which stands as it is) in the language asked.
A parameter that is itself a note, or a :class:`Listing` of names, is written in that language too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geo.messages import has_hint, message
from geo.messages.marks import MARKS


def text_in(value: Any, lang: str = "zh") -> str:
    """``value`` written in ``lang``: a :class:`Note` or :class:`Listing` in that language, anything
    else as ``str(value)`` (a plain Chinese note stands as it is)."""
    if isinstance(value, (Note, Listing, Both)):
        return value.text(lang)
    return str(value)


class Note(str):
    """Catalogue entry ``key`` with ``params``: ``str(note)`` is the Chinese sentence.

    Parameters
    ----------
    key
        A key of :data:`geo.messages.MESSAGES`.
    params
        Its parameters; a :class:`Note` or :class:`Listing` among them is written in the note's
        language, any other value as it is (names of files, enterprises, towns, columns).
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, params: Mapping[str, Any] | None = None) -> Note:
        given = dict(params or {})
        note = super().__new__(cls, message(key, "zh", **given))
        note.key = key
        note.params = given
        return note

    def __reduce__(self):  # pickled (Streamlit's caches) by key and parameters, not by its text
        return (type(self), (self.key, self.params))

    def text(self, lang: str = "zh") -> str:
        """The note written in ``lang``."""
        if lang != "en":
            return str(self)
        return message(self.key, lang, **in_language(self.params, lang))


class Listing(str):
    """Names (or notes) joined into one parameter: ``、`` between them in Chinese, ``, `` in English
    (``sep`` / ``sep_en`` give other separators, e.g. ``，`` between clauses)."""

    items: tuple[Any, ...]
    seps: tuple[str, str]

    def __new__(
        cls, items: Iterable[Any], *, sep: str = MARKS["list"][0], sep_en: str = MARKS["list"][1]
    ) -> Listing:
        kept = tuple(items)
        listing = super().__new__(cls, sep.join(text_in(i, "zh") for i in kept))
        listing.items = kept
        listing.seps = (sep, sep_en)
        return listing

    def __reduce__(self):
        return (_listing, (self.items, *self.seps))

    def text(self, lang: str = "zh") -> str:
        """The names joined in ``lang``."""
        if lang != "en":
            return str(self)
        return self.seps[1].join(text_in(i, lang) for i in self.items)


class Both(str):
    """A name given in both languages (a department with its label, from a configuration file rather
    than the catalogue): ``str`` is the Chinese one."""

    en: str

    def __new__(cls, zh: str, en: str) -> Both:
        both = super().__new__(cls, zh)
        both.en = en
        return both

    def __reduce__(self):
        return (type(self), (str(self), self.en))

    def text(self, lang: str = "zh") -> str:
        """The name in ``lang``."""
        return self.en if lang == "en" else str(self)


def _listing(items: tuple[Any, ...], sep: str, sep_en: str) -> Listing:
    return Listing(items, sep=sep, sep_en=sep_en)


def error_note(error: Exception) -> Note | Listing | str:
    """A :class:`~geo.errors.DataValidationError` (its message and hint) as a note in either
    language, worded as ``str(error)``; another error (or one without a key) as ``str(error)``."""
    key, params = getattr(error, "key", None), getattr(error, "params", {})
    if key is None:
        return str(error)
    if not has_hint(key):
        return Note(key, params)
    return Listing((Note(key, params), Note(f"{key}.hint", params)), sep="。", sep_en=". ")


def in_language(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with each :class:`Note` and :class:`Listing` among them written in ``lang`` (other
    values as they are, so a template's format such as ``{rows:,}`` still applies)."""
    return {k: v.text(lang) if isinstance(v, (Note, Listing, Both)) else v for k, v in params.items()}


def note(key: str, /, **params: Any) -> Note:
    """The :class:`Note` of catalogue entry ``key`` with ``params``."""
    return Note(key, params)


def clauses(items: Iterable[Any]) -> Listing:
    """Clauses of one sentence: ``，`` between them in Chinese, ``, `` in English."""
    return Listing(items, sep=MARKS["comma"][0], sep_en=MARKS["comma"][1])


__all__ = [
    "Both",
    "Listing",
    "Note",
    "clauses",
    "error_note",
    "in_language",
    "note",
    "text_in",
]

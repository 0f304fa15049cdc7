"""Names of a workbook's sheets that Excel takes and a person can read: at most 31 characters
(Excel's limit), none of ``[]:*?/\\``, unique within the workbook (Excel compares them without
case), and never cut inside a word or a name.

A title that fits is its own name. A longer one loses its trailing notes in brackets first
(``Wujiang enterprises (synthetic, coloured by industry)`` -> ``Wujiang enterprises``), then whole
words from its end (English) or whole parts after a mark (``、，·：；`` and brackets, Chinese). A
name another sheet already has gets `` (2)``, `` (3)`` …, its words shortened to make room. A title
with no part that fits is a numbered sheet, ``表 3`` / ``Sheet 3``. A writer that shortens a title
keeps the whole title where the reader sees it (the about sheet's list, or the sheet's first row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from geo.messages import Lang, message

SHEET_MAX = 31  # characters: Excel's limit for a sheet name
# Characters Excel refuses in a sheet name, and what a name says instead.
_REFUSED = str.maketrans({"/": "-", "\\": "-", ":": "-", "?": "", "*": "", "[": "(", "]": ")"})
_TRAILING_NOTE = re.compile(r"\s*(\([^()]*\)|（[^（）]*）)\s*$")
# Where a Chinese title may be cut: after one of these marks (or before an opening bracket).
_CJK_BREAK = re.compile(r"(?<=[、，,·：；;])|(?=[（(])")
_CJK = re.compile(r"[\u3400-\u9fff]")


def clean_title(title: object) -> str:
    """``title`` with the characters Excel refuses replaced (``/`` -> ``-``, ``[`` -> ``(`` …), spaces
    collapsed, no apostrophe at either end; a colon between words is a dash between them
    (``Textiles: towns`` -> ``Textiles - towns``)."""
    text = re.sub(r"\s*:\s+", " - ", str(title))
    text = re.sub(r"\s+", " ", text.translate(_REFUSED)).strip()
    return text.strip("'").strip()


# Words an English name does not end on when cut ("Land by town and" -> "Land by town").
_DANGLING = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "per", "the", "to"}
)


def _whole_prefixes(text: str) -> list[str]:
    """The shorter forms of ``text`` cut between words (spaces) or, in Chinese, after a mark;
    longest first, each stripped of the marks and the small words it would end with."""
    if _CJK.search(text) and " " not in text.strip():
        parts = [p for p in _CJK_BREAK.split(text) if p]
    else:
        parts = [p + " " for p in text.split(" ")]
    out = []
    for n in range(len(parts) - 1, 0, -1):
        words = "".join(parts[:n]).rstrip(" 、，,·：；;-").split(" ")
        while len(words) > 1 and words[-1].casefold() in _DANGLING:
            words.pop()
        cut = " ".join(words).rstrip(" 、，,·：；;-")
        if cut and cut not in out:
            out.append(cut)
    return out


def _shorter(title: str) -> list[str]:
    """``title`` and its shorter readable forms, longest first: without its trailing bracketed
    notes, then cut between whole words (or, in Chinese, after a mark)."""
    forms = [title]
    text = title
    while _TRAILING_NOTE.search(text):
        text = _TRAILING_NOTE.sub("", text).strip()
        if text:
            forms.append(text)
    for form in list(forms):
        forms.extend(_whole_prefixes(form))
    return list(dict.fromkeys(f for f in forms if f))


def sheet_names(titles: Sequence[object], *, lang: Lang = "zh", taken: Iterable[str] = ()) -> list[str]:
    """A sheet name for each title, in order (see the module docstring).

    Parameters
    ----------
    titles
        The sheets' titles, in the workbook's order.
    lang
        The workbook's language (the numbered sheets' word: 表 / Sheet).
    taken
        Names the workbook has already (e.g. its about sheet): never given again.

    Returns
    -------
    list of str
        One name per title, each of at most 31 characters, none the same as another or as
        ``taken`` (case aside).
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    used = {str(t).casefold() for t in taken}
    names = []
    for i, title in enumerate(titles, start=1):
        name = _fitting(_shorter(clean_title(title)), used) or _numbered(i, lang, used)
        used.add(name.casefold())
        names.append(name)
    return names


def _fitting(forms: list[str], used: set[str]) -> str | None:
    """The longest form that fits, when free; else the longest that fits with `` (2)``, `` (3)`` …
    (a sheet of the same title numbered, not named by fewer of its words)."""
    fits = [f for f in forms if len(f) <= SHEET_MAX]
    if not fits:
        return None
    if fits[0].casefold() not in used:
        return fits[0]
    for n in range(2, 100):
        suffix = f" ({n})"
        form = next((f for f in fits if len(f) + len(suffix) <= SHEET_MAX), None)
        if form is None:
            return None
        if (form + suffix).casefold() not in used:
            return form + suffix
    return None


def whole_names(title: object) -> tuple[str, ...]:
    """The names a sheet of ``title`` may have without losing a word of it: the title (its refused
    characters replaced) and the title without its trailing bracketed notes."""
    forms = [clean_title(title)]
    while _TRAILING_NOTE.search(forms[-1]) and _TRAILING_NOTE.sub("", forms[-1]).strip():
        forms.append(_TRAILING_NOTE.sub("", forms[-1]).strip())
    return tuple(forms)


_NUMBER_SUFFIX = re.compile(r" \(\d+\)$")


def is_whole(title: object, name: str) -> bool:
    """Whether the sheet ``name`` given to ``title`` keeps every word of it (its trailing notes
    aside; `` (2)`` … of a repeated title allowed), i.e. was not cut between words."""
    return name in whole_names(title) or _NUMBER_SUFFIX.sub("", name) in whole_names(title)


def fitting_name(*candidates: str) -> str:
    """The first of ``candidates`` (e.g. a layer's title, then a shorter name for its sheet) that
    :func:`sheet_names` names whole; the last one when none does."""
    if not candidates:
        raise ValueError("fitting_name needs at least one candidate")
    for title in candidates:
        if any(len(form) <= SHEET_MAX for form in whole_names(title)):
            return title
    return candidates[-1]


def _numbered(i: int, lang: Lang, used: set[str]) -> str:
    n = i
    while (name := message("exports.sheet.numbered", lang, n=n)).casefold() in used:
        n += 1
    return name


__all__ = ["SHEET_MAX", "clean_title", "fitting_name", "is_whole", "sheet_names", "whole_names"]

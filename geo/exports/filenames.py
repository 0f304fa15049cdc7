"""File names made from titles: whole words in safe characters, shortened without a cut in mid-title.

A download is named after what it shows (``苏州两轴三带与重点产业承载园区_新材料.png``,
``Suzhou_two_axes_three_belts_New_materials.png``). A title too long for a file name keeps its
first part (what the map is) and its last (what was picked: an industry, a town), each whole
where it can; what is dropped goes by whole parts, then clauses, then words, and a cut never
leaves a word hanging (``…_carriers_New`` of "New materials", ``…_and``).
"""

from __future__ import annotations

import re

__all__ = ["FILENAME_CHARS", "safe_filename"]

FILENAME_CHARS = 60
# Where a title splits into parts ("two axes: New materials", "overview · 2024") and a part into
# clauses ("two axes, three belts and carriers"); parts and clauses are dropped whole.
_PARTS = re.compile(r"\s*[:：·|]\s*|\s+[-–—]\s+")
_CLAUSES = re.compile(r"\s*[,，、;；]\s*|\s+(?:and|&)\s+", re.IGNORECASE)
# Quote marks and apostrophes go (a possessive with its s: "Suzhou's" names Suzhou); anything
# but letters, digits (of any script), - . ( ) （ ） becomes _ .
_POSSESSIVE = re.compile(r"['’]s\b")
_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
_UNSAFE = re.compile(r"[^\w\-.()（）]+")
# Words a shortened name must not end on.
_HANGING = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)


def _clean(text: str) -> str:
    text = _QUOTES.sub("", _POSSESSIVE.sub("", text))
    return _UNSAFE.sub("_", text).strip("_.")


def _joined(*names: str) -> str:
    return "_".join(n for n in names if n)


def _fit(text: str, room: int) -> str:
    """The most of ``text`` that fits ``room`` characters: whole, else its first clauses whole,
    else its first words (never ending on a hanging word), else its first characters (a run
    of hanzi has no spaces to cut at). "" when ``room`` < 1."""
    whole = _clean(text)
    if len(whole) <= room:
        return whole
    if room < 1:
        return ""
    clauses = [c for c in (_clean(c) for c in _CLAUSES.split(text)) if c]
    kept = ""
    for clause in clauses:
        if len(_joined(kept, clause)) > room:
            break
        kept = _joined(kept, clause)
    if kept:
        return kept
    words = clauses[0].split("_") if clauses else []
    taken: list[str] = []
    for word in words:
        if len(_joined(*taken, word)) > room:
            break
        taken.append(word)
    while taken and taken[-1].lower() in _HANGING:
        taken.pop()
    return _joined(*taken) or (clauses[0][:room].strip("_.") if clauses else "")


def safe_filename(title: str) -> str:
    """A file name stem from ``title``, in the title's language, at most :data:`FILENAME_CHARS`
    characters; ``atlas`` when nothing is left.

    What no file system or download takes, blanks and punctuation become ``_``; quote marks and
    apostrophes go. A longer title keeps its first and last parts (split at ``:`` ``：`` ``·``
    ``|`` or a spaced dash), the middle parts while they fit, and shortens the first part by
    clauses, then words, so that the last part (what was picked) stays whole:
    ``Suzhou's two axes, three belts and key-industry carriers: New materials`` gives
    ``Suzhou_two_axes_three_belts_New_materials``.
    """
    whole = _clean(title)
    if len(whole) <= FILENAME_CHARS:
        return whole or "atlas"
    parts = [p for p in _PARTS.split(title) if _clean(p)]
    if len(parts) == 1:
        return _fit(parts[0], FILENAME_CHARS) or "atlas"
    last = _fit(parts[-1], FILENAME_CHARS)
    name = _fit(parts[0], FILENAME_CHARS - len(last) - 1)
    for middle in parts[1:-1]:  # whole middle parts, in order, while they fit
        part = _clean(middle)
        if len(_joined(name, part, last)) <= FILENAME_CHARS:
            name = _joined(name, part)
    return _joined(name, last) or "atlas"

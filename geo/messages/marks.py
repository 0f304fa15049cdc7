"""The marks that join words in each language: a list (、 or a comma), clauses (； or a semicolon),
parts of one clause (， or a comma) and
a labelled value (全角 or ASCII colon). They carry no words, so they are not catalogue entries
(:data:`geo.messages.MESSAGES` holds words in both languages); :func:`geo.messages.joined` and
:func:`geo.messages.labelled` use them."""

from __future__ import annotations

MARKS: dict[str, tuple[str, str]] = {
    "list": ("、", ", "),
    "clause": ("；", "; "),
    "comma": ("，", ", "),
    "labelled": ("{label}：{value}", "{label}: {value}"),
}

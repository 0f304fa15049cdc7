"""User text in the pages' markdown: a layer's title, a file's or a firm's name is drawn as itself
(a title such as ``**x** [a](http://e)`` or one holding ``<img onerror=…>`` reads literally, never as
bold, a link or HTML); a table of such texts as an HTML table that wraps them (:func:`html_table`)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd

# Markdown's and Streamlit's own marks (``:red[…]``, ``:material/…:``; ``:`` also keeps a stray
# backslash out of a link written in brackets), and ``&`` so that no entity (``&lt;``) is read as
# the character it names. (A bare URL is still linked, as Streamlit links it after the escapes.)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_text(text: object) -> str:
    """Text drawn as itself in Streamlit's markdown (every markdown character escaped)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


_CELL = "padding:6px 8px;border-bottom:1px solid rgba(49,51,63,0.1);vertical-align:top;text-align:left"


def html_table(
    table: pd.DataFrame,
    css_class: str,
    *,
    one_line: Sequence[str] = (),
    shares: Mapping[str, int] | None = None,
    max_px: int | None = None,
    words: Sequence[str] = (),
    helps: Mapping[str, str] | None = None,
) -> str:
    """``table`` as an HTML table whose cells wrap between words (Chinese between characters), every
    header and text escaped (a user's title, source or note is shown as written, never as markup);
    the columns named in ``one_line`` stay on one line, those in ``shares`` take that percentage of
    the width (a short Chinese text, 本项目, is then not broken by a long one beside it), those in
    ``words`` break only at their spaces (a Chinese title never inside 「评价结果」 nor 「（CSV）2024」);
    a header in ``helps`` says its help on hover. As tall as its rows, or up to ``max_px``, then it
    scrolls; a word wider than the page (a URL) scrolls sideways. (The grid, st.dataframe, wraps no
    Latin text and cut long sources and notes at its edge at 1280 px.)"""
    kept = set(one_line)
    whole = set(words)
    wraps = [
        "white-space:nowrap"
        if c in kept
        else "word-break:keep-all;overflow-wrap:break-word"
        if c in whole
        else "overflow-wrap:break-word"
        for c in table.columns
    ]
    # a header broken only between its words (「读入 → / 保存行数」) where its column is kept whole
    heads = [";word-break:keep-all" if c in kept or c in whole else "" for c in table.columns]
    said = dict(helps or {})
    tips = [f" title='{html.escape(said[c])}'" if c in said else "" for c in table.columns]
    head = "".join(
        f"<th style='{_CELL};font-weight:600{heads[i]}'{tips[i]}>{html.escape(str(c))}</th>"
        for i, c in enumerate(table.columns)
    )
    share = dict(shares or {})
    cols = "".join(f"<col style='width:{share[c]}%'>" if c in share else "<col>" for c in table.columns)

    in_words = [c in whole for c in table.columns]

    def cell(i: int, value: object) -> str:
        text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
        if in_words[i]:  # each word whole on its line: 「企业 （CSV）2024」 never 「（CSV） / 2024」
            said = " ".join(  # and a line may break at a zero-width space (a file's name after ``_``)
                "<wbr>".join(
                    f"<span style='white-space:nowrap'>{html.escape(p)}</span>" for p in w.split("\u200b")
                )
                for w in text.split(" ")
            )
            return f"<td style='{_CELL};{wraps[i]}'>{said}</td>"
        return f"<td style='{_CELL};{wraps[i]}'>{html.escape(text)}</td>"

    body = "".join(
        "<tr>" + "".join(cell(i, v) for i, v in enumerate(row)) + "</tr>"
        for row in table.itertuples(index=False, name=None)
    )
    tall = "overflow-x:auto;" if max_px is None else f"max-height:{max_px}px;overflow:auto;"
    return (
        f"<div class='{html.escape(css_class)}' style='{tall}"
        "border:1px solid rgba(49,51,63,0.1);border-radius:0.5rem'>"
        "<table style='width:100%;border-collapse:collapse;font-size:14px'>"
        f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )

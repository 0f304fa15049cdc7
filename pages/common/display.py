"""User text in the pages' markdown: a layer's title, a file's or a firm's name is drawn as itself
(a title such as ``**x** [a](http://e)`` or one holding ``<img onerror=…>`` reads literally, never as
bold, a link or HTML)."""

from __future__ import annotations

import re

# Markdown's and Streamlit's own marks (``:red[…]``, ``:material/…:``; ``:`` also keeps a stray
# backslash out of a link written in brackets), and ``&`` so that no entity (``&lt;``) is read as
# the character it names. (A bare URL is still linked, as Streamlit links it after the escapes.)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_text(text: object) -> str:
    """Text drawn as itself in Streamlit's markdown (every markdown character escaped)."""
    return _MARKDOWN.sub(r"\\\1", str(text))

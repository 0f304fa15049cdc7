"""The language switch and the few strings geo itself draws (briefing PNG, exports).

Pages keep their strings in pages/_strings.py and layers in layers/_strings.py; each ``t`` falls
back to the one below it (pages -> layers -> geo), so a key lives once, where it is first needed.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
DEFAULT_LANG: Lang = "zh"

# key -> (中文, English): only what geo draws itself.
STRINGS: dict[str, tuple[str, str]] = {
    "app.disclaimer": ("示意图，不作为权属界线依据", "Schematic map, not a legal boundary"),
    "legend.title": ("图例", "Legend"),
}


def t(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """The UI string for ``key`` in ``lang``; an unknown key raises KeyError (caught by tests)."""
    zh, en = STRINGS[key]
    return en if lang == "en" else zh

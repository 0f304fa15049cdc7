"""The language switch and the few strings geo itself draws (briefing PNG, exports).

Pages keep their strings in pages/strings/ and layers in layers/strings.py; each ``t`` falls
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


# The industries the plans name (the six fields of the Suzhou plan, Wujiang's industries), in
# English; the data keep their Chinese names, which also stand for any industry not listed here.
INDUSTRY_EN: dict[str, str] = {
    "新一代电子信息": "New-generation electronic information",
    "高端装备制造": "High-end equipment manufacturing",
    "新材料": "New materials",
    "软件和集成电路": "Software and integrated circuits",
    "新能源和节能环保": "New energy and environmental protection",
    "医疗器械和生物医药": "Medical devices and biomedicine",
    "光电通信": "Optoelectronic communication",
    "其他制造业": "Other manufacturing",
    "新一代信息技术": "New-generation information technology",
    "生物医药和医疗器械": "Biomedicine and medical devices",
    "高端纺织": "High-end textiles",
    "高端装备": "High-end equipment",
}


def industry_name(industry: str, lang: Lang = DEFAULT_LANG) -> str:
    """An industry's name in ``lang`` (its own, Chinese name when no English one is known)."""
    return INDUSTRY_EN.get(industry, industry) if lang == "en" else industry


def beijing_minute(stamp: object, lang: Lang = DEFAULT_LANG) -> str:
    """A stored time stamp (ISO, UTC) as people in Suzhou read it: ``2026-12-04 03:28 北京时间``
    (``Beijing time`` in English); a naive stamp counts as UTC; anything else is returned as text."""
    import pandas as pd  # (this module is read by the CLI's help too: pandas only when used)

    try:
        when = pd.Timestamp(str(stamp))
    except (ValueError, TypeError):
        return "" if stamp is None else str(stamp)
    if when is pd.NaT:
        return ""
    when = when.tz_localize("UTC") if when.tzinfo is None else when
    zone = "Beijing time" if lang == "en" else "北京时间"
    return when.tz_convert("Asia/Shanghai").strftime("%Y-%m-%d %H:%M ") + zone


def t(key: str, lang: Lang = DEFAULT_LANG) -> str:
    """The UI string for ``key`` in ``lang``; an unknown key raises KeyError (caught by tests)."""
    zh, en = STRINGS[key]
    return en if lang == "en" else zh

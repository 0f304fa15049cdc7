"""Values written for people in either language: a stored time stamp in Beijing time."""

from __future__ import annotations

from geo.messages.lang import DEFAULT_LANG, Lang


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

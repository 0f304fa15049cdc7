"""Values written for people in either language: a stored time stamp in Beijing time, an amount of 万元."""

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


def yuan_amount(amount_wan_yuan: float, lang: Lang = DEFAULT_LANG) -> str:
    """An amount of 万元 as a reader of either language says it: ``2000 万元`` in Chinese (as the
    statistical definitions write it); in English
    in yuan, scaled as English prose scales money (``CNY 20 million``, ``CNY 372.86 billion``,
    ``CNY 5,000``), to at most two decimals, never "2000 10k yuan"."""
    if lang != "en":
        return f"{_trimmed(amount_wan_yuan, thousands=False)} 万元"
    yuan = float(amount_wan_yuan) * 10_000
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(yuan) >= size:
            return f"CNY {_trimmed(yuan / size)} {word}"
    return f"CNY {_trimmed(yuan)}"


def _trimmed(value: float, *, thousands: bool = True) -> str:
    """``value`` to at most two decimals, trailing zeros dropped, with thousands separators (unless
    ``thousands=False``)."""
    text = f"{value:,.2f}" if thousands else f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

"""Values written for people in either language: a stored time stamp in Beijing time, an amount of 万元
or 亿元 (in English: ``CNY 115.05 billion``; a table's column of 亿元 in CNY billion)."""

from __future__ import annotations

from geo.messages.lang import DEFAULT_LANG, Lang


def beijing_minute(stamp: object, lang: Lang = DEFAULT_LANG, *, zone: bool = True) -> str:
    """A stored time stamp (ISO, UTC) as people in Suzhou read it: ``2026-12-04 03:28 北京时间``
    (``Beijing time`` in English; without it when not ``zone``, for a column whose header says it);
    a naive stamp counts as UTC; anything else is returned as text."""
    import pandas as pd  # (this module is read by the CLI's help too: pandas only when used)

    try:
        when = pd.Timestamp(str(stamp))
    except (ValueError, TypeError):
        return "" if stamp is None else str(stamp)
    if when is pd.NaT:
        return ""
    when = when.tz_localize("UTC") if when.tzinfo is None else when
    shown = when.tz_convert("Asia/Shanghai").strftime("%Y-%m-%d %H:%M")
    return f"{shown} {'Beijing time' if lang == 'en' else '北京时间'}" if zone else shown


BEIJING = "Asia/Shanghai"  # China Standard Time, UTC+8 all year: Suzhou's clock


def utc_now():
    """The clock every date the atlas writes for people is read from (the tests set it)."""
    from datetime import UTC, datetime

    return datetime.now(UTC)


def beijing_today():
    """Today's date in Suzhou (Beijing time), the day a 公示 starts, a sheet is dated and a status
    changes: from 16:00 UTC on it is already the next day there (walk 16: a notice published at 01:00
    in Beijing was dated the day before)."""
    from datetime import UTC
    from zoneinfo import ZoneInfo

    when = utc_now()
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when
    return when.astimezone(ZoneInfo(BEIJING)).date()


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


YI_YUAN_PER_BILLION = 10  # 1 亿元 = CNY 100 million: ten of them make CNY 1 billion


def yi_yuan_amount(amount_yi_yuan: float | None, lang: Lang = DEFAULT_LANG, *, decimals: int = 2) -> str:
    """An amount of 亿元 as a reader of either language says it: ``1,150.46 亿元`` in Chinese (to
    ``decimals``, with separators), in English as :func:`yuan_amount` says it (``CNY 115.05
    billion``, never "1,150.46 100M yuan" nor "115 bn yuan"); "—" for none (None or NaN)."""
    if amount_yi_yuan is None or amount_yi_yuan != amount_yi_yuan:
        return "—"
    if lang == "en":
        return yuan_amount(float(amount_yi_yuan) * 10_000, lang)
    return f"{float(amount_yi_yuan):,.{decimals}f} 亿元"


def yi_yuan_in_header_unit(amounts_yi_yuan, lang: Lang = DEFAULT_LANG):
    """Amounts of 亿元 (a number, array or Series; not modified) in the unit a table's header names
    in ``lang``: 亿元 in Chinese, CNY billion in English (``(CNY billion)``, as the English prose
    says the same amounts: 8,000 亿元 = CNY 800 billion)."""
    return amounts_yi_yuan / YI_YUAN_PER_BILLION if lang == "en" else amounts_yi_yuan


def _trimmed(value: float, *, thousands: bool = True) -> str:
    """``value`` to at most two decimals, trailing zeros dropped, with thousands separators (unless
    ``thousands=False``)."""
    text = f"{value:,.2f}" if thousands else f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text

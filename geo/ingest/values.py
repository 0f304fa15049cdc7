"""Cell values as people type them: numbers, degrees, keys, text, yes/no."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from geo.catalogue import parse_yes_no


def is_blank(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


_DMS_RE = re.compile(
    r"^\s*([NSEW东西南北]?)\s*(\d+(?:\.\d+)?)\s*[°度:]\s*(?:(\d+(?:\.\d+)?)\s*['′分:]?\s*)?"
    r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|''|′′|秒)?\s*)?([NSEW东西南北]?)\s*$",
    re.IGNORECASE,
)


def to_numbers(values: pd.Series) -> pd.Series:
    """Numbers from a column as typed by people: full-width digits, thousands separators, spaces."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    text = values.map(
        lambda v: v if is_blank(v) else re.sub(r"[,，\s]", "", unicodedata.normalize("NFKC", str(v)))
    )
    return pd.to_numeric(text, errors="coerce")


def to_degrees(values: pd.Series) -> pd.Series:
    """Decimal degrees from decimal or degree-minute-second text (120°38'42\", 120度38分42秒, N31:09:18)."""
    out = to_numbers(values)
    for i in np.flatnonzero(out.isna().to_numpy() & values.notna().to_numpy()):
        match = _DMS_RE.match(unicodedata.normalize("NFKC", str(values.iloc[i])))
        if match:
            deg, minutes, seconds = (float(g) if g else 0.0 for g in match.group(2, 3, 4))
            sign = -1.0 if (match.group(1) + match.group(5)).upper() in ("S", "W", "南", "西") else 1.0
            out.iloc[i] = sign * (deg + minutes / 60 + seconds / 3600)
    return out


def norm_key(value) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return re.sub(r"\.0$", "", text)


def key_variants(value) -> set[str]:
    """A zone name matches by its full form or by the part outside/inside the brackets."""
    key = norm_key(value)
    variants = {key}
    match = re.match(r"^(.*?)\((.*?)\)$", key)
    if match:
        variants |= {match.group(1).strip(), match.group(2).strip()}
    return {v for v in variants if v}


def _verbatim(value) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number in Excel: 1001.0 -> "1001"
    text = str(value).strip()
    return text or None


def to_texts(values: pd.Series) -> pd.Series:
    """Text as written (only surrounding spaces dropped; full-width brackets and all kept), None for
    missing values (object dtype, as GeoPackage text reads back). Normalise only to match."""
    return pd.Series([_verbatim(v) for v in values], index=values.index, dtype=object)


def to_bool(value):
    """Yes/no as :func:`geo.catalogue.parse_yes_no` reads it (the one parser)."""
    return parse_yes_no(value)


# A year a title states: "2024年度", "2024 年", "2024年1-12月" (the first such year is the file's).
_STATED_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
# A year a file's name carries on its own: 企业名单_盛泽七都_2024, 2024年度企业 (never four digits of a
# longer number: 20240315).
_NAMED_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def stated_year(title: str) -> int | None:
    """The year a file's title rows state (``2024年度企业纳税明细`` -> 2024); None when they state
    none."""
    found = _STATED_YEAR.search(unicodedata.normalize("NFKC", title))
    return int(found.group(1)) if found else None


def named_year(filename: str) -> int | None:
    """The year a file's name carries (``企业名单_盛泽七都_2024.xlsx`` -> 2024, the first of two);
    None when it carries none."""
    stem = unicodedata.normalize("NFKC", str(filename)).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    found = _NAMED_YEAR.search(stem)
    return int(found.group(1)) if found else None

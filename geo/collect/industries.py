"""Industries from their codes: GB/T 4754-2017 codes to the plan's industries and 2-digit 大类.

The crosswalk is configuration (geo/collect/industries.yaml, with its source); codes it does not
know, and codes of the 2011 edition, are reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from geo.config_yaml import read_config_yaml
from geo.errors import DataValidationError
from geo.messages import Lang

INDUSTRIES_YAML = Path(__file__).with_name("industries.yaml")

_CODE_RE = re.compile(r"^([A-Z])?(\d{2,4})$")
# A header that says its codes are of the 2011 edition.
_EDITION_2011 = re.compile(r"2011")

# Why a code got no industry (labels in the string catalogue).
INDUSTRY_PROBLEMS = ("malformed", "not_manufacturing", "edition_2011", "unknown_division")


@dataclass(frozen=True)
class Crosswalk:
    """Prefix -> plan industry, 大类 -> name, and the codes known to be of the 2011 edition."""

    prefixes: dict[str, str]
    divisions: dict[str, str]
    divisions_en: dict[str, str]
    edition_2011_only: frozenset[str]
    other: str
    source: str


def load_crosswalk(path: Path | None = None) -> Crosswalk:
    """The crosswalk in ``industries.yaml`` (or ``path``).

    Raises
    ------
    DataValidationError
        When the file is missing or a prefix is not 2–4 digits of a listed 大类.
    """
    raw = read_config_yaml(Path(path or INDUSTRIES_YAML), "行业对照配置")
    divisions = {str(k): str(v) for k, v in (raw.get("divisions") or {}).items()}
    prefixes: dict[str, str] = {}
    for industry, codes in (raw.get("plan_industries") or {}).items():
        for code in codes or ():
            code = str(code)
            if not re.fullmatch(r"\d{2,4}", code) or code[:2] not in divisions:
                raise DataValidationError.of("collect.industry_code", industry=industry, code=code)
            prefixes[code] = str(industry)
    return Crosswalk(
        prefixes=prefixes,
        divisions=divisions,
        divisions_en={str(k): str(v) for k, v in (raw.get("divisions_en") or {}).items()},
        edition_2011_only=frozenset(str(c) for c in raw.get("edition_2011_only") or ()),
        other=str(raw.get("other_manufacturing", "其他制造业")),
        source=str(raw.get("source", "")),
    )


@cache
def _default_crosswalk() -> Crosswalk:
    return load_crosswalk()


def division_names(divisions: pd.Series, names: pd.Series, lang: Lang) -> pd.Series:
    """The 大类 names of a table in ``lang``: in English the configured English name of each
    2-digit division (``divisions_en`` of geo/collect/industries.yaml: "Manufacture of textiles"
    for 17), a division without one keeping its Chinese name; in Chinese ``names`` as they are.

    Parameters
    ----------
    divisions
        The 2-digit 大类 codes (``industry_division``); empty where no code was mapped.
    names
        Their Chinese names (``industry_division_name``), aligned with ``divisions``.
    lang
        ``"zh"`` or ``"en"``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if len(divisions) != len(names):
        raise ValueError("divisions and names differ in length")
    if lang == "zh":
        return names
    english = _default_crosswalk().divisions_en
    out = [
        english.get(str(code), name) if isinstance(code, str) and code else name
        for code, name in zip(divisions.astype(object), names.astype(object), strict=True)
    ]
    return pd.Series(out, index=names.index, dtype=object)


def _digits(value: object) -> tuple[str, str]:
    """(digits, problem) of one code as written."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "", ""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", str(value))).upper()
    if re.fullmatch(r"\d+\.0", text):
        text = text[:-2]
    m = _CODE_RE.match(text)
    if m is None or (m.group(1) not in (None, "C") and len(m.group(2)) >= 2):
        return "", "malformed" if m is None else "not_manufacturing"
    return m.group(2), ""


def classify_codes(codes: pd.Series, crosswalk: Crosswalk, *, header: str = "") -> pd.DataFrame:
    """Per code: ``industry_code`` (digits), ``industry`` (plan industry), ``industry_division``
    (2-digit 大类), ``industry_division_name`` and ``industry_problem`` (empty when mapped).

    An empty code gives empty fields and no problem. ``header`` is the column's header: one that
    names the 2011 edition makes every code a 2011-edition problem.
    """
    old = bool(_EDITION_2011.search(header))
    rows = []
    ordered = sorted(crosswalk.prefixes, key=len, reverse=True)
    position, uniques = pd.factorize(codes.to_numpy(dtype=object), use_na_sentinel=True)
    for value in [*uniques, None]:  # once per distinct code; -1 (missing) takes the last
        digits, problem = _digits(value)
        industry = division = name = None
        if digits and not problem:
            if old or digits in crosswalk.edition_2011_only:
                problem = "edition_2011"
            elif digits[:2] not in crosswalk.divisions:
                problem = "unknown_division" if 13 <= int(digits[:2]) <= 43 else "not_manufacturing"
            else:
                division, name = digits[:2], crosswalk.divisions[digits[:2]]
                industry = next(
                    (crosswalk.prefixes[p] for p in ordered if digits.startswith(p)), crosswalk.other
                )
        rows.append((digits or None, industry, division, name, problem))
    columns = ["industry_code", "industry", "industry_division", "industry_division_name", "industry_problem"]
    return pd.DataFrame(rows, columns=columns).iloc[position].set_axis(codes.index)


__all__ = [
    "INDUSTRIES_YAML",
    "INDUSTRY_PROBLEMS",
    "Crosswalk",
    "classify_codes",
    "division_names",
    "load_crosswalk",
]

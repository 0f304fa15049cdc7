"""统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714): normalising and check characters.

Codes are normalised for matching only: NFKC (full-width to half-width), spaces and hyphens
dropped, upper case. A credit code is 18 characters from ``0-9 A-H J-N P-R T-U W-Y``; its
characters 9–17 are the 组织机构代码 (8 characters + a check character). Some early codes are
legal yet fail their check: a failing check is a warning, never a rejection.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# GB 32100-2015 code characters; a character's value is its position (I, O, S, V, Z unused).
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Weights of characters 1..17: 3^(i-1) mod 31.
CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# GB 11714 weights of the 8 body characters of an organisation code.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_DROP = re.compile(r"[\s\-－—_·.]")
_CREDIT_RE = re.compile(f"^[{CREDIT_ALPHABET}]{{18}}$")
_ORG_RE = re.compile(r"^[0-9A-Z]{8}[0-9X]$")
# An old 15-character 纳税人识别号: 6-digit 区划码 + the 9-character organisation code.
_OLD_TAXPAYER_RE = re.compile(r"^\d{6}[0-9A-Z]{8}[0-9X]$")


def normalize_code(value: object) -> str:
    """A code as written, for matching: half-width, no spaces or hyphens, upper case; ``""`` if empty.

    ``" 9132 0509mA1xxxxx "`` and ``９１３２…`` give the same text; ``12345678-9`` gives ``123456789``.
    """
    if isinstance(value, str) and value.isascii() and value.isalnum():
        return value.upper()  # the usual case, without the work below
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    if re.fullmatch(r"\d+\.0", text):  # a number a spreadsheet stored as 1234.0
        text = text[:-2]
    return _DROP.sub("", text)


def per_value(values: pd.Series, fn) -> pd.Series:
    """``fn`` of every value, computed once per distinct value (departments repeat codes and
    names row after row); same index, object dtype."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    done = np.array([fn(u) for u in uniques] + [fn("")], dtype=object)
    return pd.Series(done[codes], index=values.index, dtype=object)  # -1 (missing) takes fn("")


def per_unique(values: pd.Series, fn_many) -> pd.Series:
    """``fn_many`` (an object array of distinct values -> an object array of results, same length)
    applied to the distinct values of ``values`` only and spread back; missing values take the
    result of ``""``. Same index, object dtype."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    done = fn_many(np.append(np.asarray(uniques, dtype=object), ""))
    return pd.Series(np.asarray(done, dtype=object)[codes], index=values.index, dtype=object)


# Python's whitespace in ASCII (str.strip(), re's \s): the vectorised paths below say it in full.
_ASCII_SPACE = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_ASCII_DROP = r"[\t\n\x0b\x0c\r\x1c-\x1f \-_.]"


def _ascii_split(values: np.ndarray) -> tuple[np.ndarray, pa.Array | None]:
    """Positions of the plain ASCII texts among ``values`` and those texts as an Arrow array
    (the rest: other types and texts with other characters go the per-value way)."""
    try:  # the usual case: every value is text
        texts = pa.array(values.tolist(), type=pa.large_string())
        where = np.arange(len(values))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        is_str = np.fromiter((type(v) is str for v in values), dtype=bool, count=len(values))
        where = np.flatnonzero(is_str)
        texts = pa.array(values[where].tolist(), type=pa.large_string())
    if not len(where):
        return where, None
    ascii_ = pc.string_is_ascii(texts).to_numpy(zero_copy_only=False)
    return where[ascii_], texts.filter(pa.array(ascii_))


def _normalize_many(values: np.ndarray) -> np.ndarray:
    """:func:`normalize_code` of every value: ASCII texts in Arrow at once (same steps: strip,
    upper case, a trailing ``.0`` of a number, spaces/hyphens/underscores/dots dropped; NFKC leaves
    ASCII as it is), the rest one by one."""
    out = np.empty(len(values), dtype=object)
    where, texts = _ascii_split(values)
    if texts is not None and len(texts):
        text = pc.ascii_upper(pc.ascii_trim(texts, characters=_ASCII_SPACE))
        number = pc.match_substring_regex(text, r"^[0-9]+\.0$")
        text = pc.if_else(number, pc.utf8_slice_codeunits(text, 0, -2), text)
        text = pc.replace_substring_regex(text, _ASCII_DROP, "")
        out[where] = np.asarray(text.to_pylist(), dtype=object)
    rest = np.ones(len(values), dtype=bool)
    rest[where] = False
    out[rest] = [normalize_code(v) for v in values[rest]]
    return out


def normalize_codes(values: pd.Series) -> pd.Series:
    """:func:`normalize_code` of every value (same index); each distinct value once."""
    return per_unique(values, _normalize_many)


# code_kind's patterns for ASCII texts in RE2 (Python's $ also matches before a final newline).
_KIND_RE2 = (
    ("credit", f"^[{CREDIT_ALPHABET}]{{18}}\n?$"),
    ("org", r"^[0-9A-Z]{8}[0-9X]\n?$"),
    ("taxpayer15", r"^[0-9]{6}[0-9A-Z]{8}[0-9X]\n?$"),
)


def _kinds_many(values: np.ndarray) -> np.ndarray:
    """:func:`code_kind` of every normalised code: ASCII texts in Arrow at once, the rest one by one."""
    out = np.full(len(values), "other", dtype=object)
    where, texts = _ascii_split(values)
    if texts is not None and len(texts):
        kinds = np.full(len(texts), "other", dtype=object)
        for kind, pattern in reversed(_KIND_RE2):  # the first pattern that matches wins
            kinds[pc.match_substring_regex(texts, pattern).to_numpy(zero_copy_only=False)] = kind
        out[where] = kinds
    rest = np.ones(len(values), dtype=bool)
    rest[where] = False
    out[rest] = [code_kind(v) for v in values[rest]]
    return out


def code_kinds(codes: pd.Series) -> pd.Series:
    """:func:`code_kind` of every normalised code (same index); each distinct code once."""
    return per_unique(codes, _kinds_many)


def _org_many(values: np.ndarray) -> np.ndarray:
    """:func:`org_code_in` of every normalised code, by kind: slices of whole arrays."""
    kinds = _kinds_many(values)
    out = np.full(len(values), "", dtype=object)
    for kind, start, stop in (("credit", 8, 17), ("taxpayer15", 6, None), ("org", 0, None)):
        hit = kinds == kind
        if hit.any():
            out[hit] = [v[start:stop] for v in values[hit]]
    return out


def org_codes_in(codes: pd.Series) -> pd.Series:
    """:func:`org_code_in` of every normalised code (same index); each distinct code once."""
    return per_unique(codes, _org_many)


def credit_check_char(first17: str) -> str:
    """The GB 32100-2015 check character (18th) of the first 17 characters of a credit code.

    Raises
    ------
    ValueError
        When ``first17`` is not 17 characters of the code alphabet.
    """
    if len(first17) != 17 or any(c not in CREDIT_ALPHABET for c in first17):
        raise ValueError(f"not 17 credit-code characters: {first17!r}")
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def _org_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def org_check_char(first8: str) -> str:
    """The GB 11714 check character (9th) of the first 8 characters of an organisation code:
    11 − Σ mod 11, with 10 written ``X`` and 11 written ``0``.

    Raises
    ------
    ValueError
        When ``first8`` is not 8 characters of ``0-9 A-Z``.
    """
    if not re.fullmatch(r"[0-9A-Z]{8}", first8):
        raise ValueError(f"not 8 organisation-code characters: {first8!r}")
    rest = 11 - sum(_org_value(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


def code_kind(code: str) -> str:
    """``credit`` (18 characters of the alphabet), ``org`` (9 characters), ``taxpayer15`` (an old
    15-character 纳税人识别号) or ``other`` for a normalised code."""
    if _CREDIT_RE.match(code):
        return "credit"
    if _ORG_RE.match(code):
        return "org"
    if _OLD_TAXPAYER_RE.match(code):
        return "taxpayer15"
    return "other"


def org_code_in(code: str) -> str:
    """The 组织机构代码 inside a normalised code: characters 9–17 of a credit code, the last 9 of
    an old 15-character taxpayer number, the code itself when it is one; else ``""``."""
    kind = code_kind(code)
    if kind == "credit":
        return code[8:17]
    if kind == "taxpayer15":
        return code[6:]
    return code if kind == "org" else ""


def is_valid_credit_code(code: str) -> bool:
    """Whether a normalised 18-character credit code's check character (and that of the
    organisation code inside it) is right."""
    if code_kind(code) != "credit":
        return False
    return credit_check_char(code[:17]) == code[17] and is_valid_org_code(code[8:17])


def is_valid_org_code(code: str) -> bool:
    """Whether a normalised 9-character organisation code's check character is right."""
    return bool(_ORG_RE.match(code)) and org_check_char(code[:8]) == code[8]


_CREDIT_VALUE = np.full(128, -1, dtype=np.int64)
for _i, _c in enumerate(CREDIT_ALPHABET):
    _CREDIT_VALUE[ord(_c)] = _i
_ORG_VALUE = np.full(128, -1, dtype=np.int64)
for _c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _ORG_VALUE[ord(_c)] = _org_value(_c)


def check_failures(codes: pd.Series, *, kinds: pd.Series | None = None) -> pd.Series:
    """Per normalised code: ``""`` when its check characters are right or it is no checkable code,
    else which check failed (``credit`` for the 18th character, ``org`` for the organisation code
    inside it or on its own). Vectorised: a million codes in well under a second. ``kinds``:
    :func:`code_kinds` of ``codes`` when the caller has them."""
    out = pd.Series("", index=codes.index, dtype=object)
    values = codes.to_numpy(dtype=object)
    kinds = (code_kinds(codes) if kinds is None else kinds).to_numpy(dtype=object)
    credit = kinds == "credit"
    if credit.any():
        chars = np.frombuffer("".join(values[credit]).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
        vals = _CREDIT_VALUE[chars[:, :17]]
        check = (31 - (vals * np.array(CREDIT_WEIGHTS)).sum(axis=1) % 31) % 31
        bad_credit = check != _CREDIT_VALUE[chars[:, 17]]
        bad_org = _org_bad(chars[:, 8:17])
        idx = np.flatnonzero(credit)
        out.iloc[idx[bad_org]] = "org"
        out.iloc[idx[bad_credit]] = "credit"
    org = (kinds == "org") | (kinds == "taxpayer15")
    if org.any():
        bodies = _org_many(values[org]).tolist()
        chars = np.frombuffer("".join(bodies).encode("ascii"), dtype=np.uint8).reshape(-1, 9)
        out.iloc[np.flatnonzero(org)[_org_bad(chars)]] = "org"
    return out


def _org_bad(chars: np.ndarray) -> np.ndarray:
    rest = 11 - (_ORG_VALUE[chars[:, :8]] * np.array(ORG_WEIGHTS)).sum(axis=1) % 11
    last = chars[:, 8]
    want = np.where(rest == 10, ord("X"), np.where(rest == 11, ord("0"), rest + ord("0")))
    return want != last


__all__ = [
    "CREDIT_ALPHABET",
    "CREDIT_WEIGHTS",
    "ORG_WEIGHTS",
    "check_failures",
    "code_kind",
    "code_kinds",
    "per_unique",
    "per_value",
    "credit_check_char",
    "is_valid_credit_code",
    "is_valid_org_code",
    "normalize_code",
    "normalize_codes",
    "org_check_char",
    "org_code_in",
    "org_codes_in",
]

"""Matching a department's rows to the enterprise register, each match labelled with how it was made.

In this order: the 统一社会信用代码 (normalised: trimmed, upper case, half-width); the 组织机构代码
inside it (characters 9–17; a 9-character code written with or without its hyphen, or the last 9
of an old 15-character 纳税人识别号); the enterprise name, normalised for matching only and only
where exactly one register entry has it (a row with a code is never matched by name). A code
that fails its check character is matched only when it is exactly a register code. Nothing is
ever guessed: a near-miss is a *suggestion* in the report, never a join.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.collect.codes import check_failures, code_kinds, normalize_codes, org_codes_in, per_unique
from geo.errors import DataValidationError
from geo.messages.notes import Listing, note

# How a row was matched (the labels are in the string catalogue and the report).
METHODS = ("code", "org_code", "name")
# Why a row matched no one.
REASONS = ("not_found", "bad_code", "ambiguous", "no_key")

_SPACES = re.compile(r"\s+")
_OPEN_PAIRS = (("【", "("), ("[", "("), ("〔", "("), ("】", ")"), ("]", ")"), ("〕", ")"))
_OPEN = str.maketrans(dict(_OPEN_PAIRS))
# Near-miss suggestions: at most this many unmatched rows get a name search (each is a scan of the
# register entries sharing its first characters), and this much similarity is needed.
MAX_SUGGESTED_ROWS = 5_000
SUGGEST_CUTOFF = 0.8


def normalize_name(value: object) -> str:
    """An enterprise name for matching only: half-width (NFKC), brackets of either width alike,
    no spaces, Latin letters in lower case. 有限公司 and 有限责任公司 stay different names."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_OPEN)
    return _SPACES.sub("", text).lower()


def _names_many(values: np.ndarray) -> np.ndarray:
    """:func:`normalize_name` of every value, the steps inlined (the brackets as plain
    replacements, which is what the translation table does)."""
    nfkc, spaces, pairs = unicodedata.normalize, _SPACES.sub, _OPEN_PAIRS
    out = []
    for v in values.tolist():
        if type(v) is not str:
            out.append(normalize_name(v))
            continue
        text = nfkc("NFKC", v)
        for a, b in pairs:
            if a in text:
                text = text.replace(a, b)
        out.append(spaces("", text).lower())
    return np.array(out, dtype=object)


def _names(values: pd.Series) -> pd.Series:
    return per_unique(values, _names_many)


@dataclass(frozen=True)
class Register:
    """The enterprise register, indexed for matching (positions are row positions in ``table``)."""

    table: pd.DataFrame  # the register's columns as read (text)
    rownum: pd.Series
    codes: pd.Series  # normalised credit codes (the assembled table's ent_id)
    names: pd.Series  # names as written
    check: pd.Series  # "" or which check failed, per register entry
    code_index: pd.Index
    org_index: pd.Index  # organisation codes that occur once in the register ...
    org_pos: np.ndarray  # ... and their entries' positions
    org_twice: frozenset[str]
    name_index: pd.Index  # normalised names that occur once ...
    name_pos: np.ndarray
    name_twice: frozenset[str]
    name_keys: pd.Series


def build_register(
    table: pd.DataFrame, rownum: pd.Series, code_col: str, name_col: str, filename: str
) -> Register:
    """Index a register read as text.

    Raises
    ------
    DataValidationError
        When a register entry has no code, or a code occurs twice (each enterprise once).
    """
    codes = normalize_codes(table[code_col])
    empty = codes == ""
    if empty.any():
        rows = Listing(map(str, rownum[empty].head(10)))
        raise DataValidationError.of("collect.register_blank_code", file=filename, rows=rows)
    dup = codes.duplicated(keep=False)
    if dup.any():
        shown = Listing(
            (
                note("collect.repeated_code", code=code, rows=Listing(map(str, rownum[codes == code])))
                for code in pd.unique(codes[dup])[:10]
            ),
            sep="；",
            sep_en="; ",
        )
        raise DataValidationError.of("collect.register_repeated", file=filename, shown=shown)
    orgs = org_codes_in(codes)
    org_counts = orgs[orgs != ""].value_counts()
    names = table[name_col] if name_col in table else pd.Series(pd.NA, index=table.index)
    name_keys = _names(names)
    name_counts = name_keys[name_keys != ""].value_counts()
    once_org = orgs.map(org_counts).eq(1) & (orgs != "")
    once_name = name_keys.map(name_counts).eq(1) & (name_keys != "")
    return Register(
        table=table,
        rownum=rownum,
        codes=codes,
        names=names,
        check=check_failures(codes),
        code_index=pd.Index(codes.to_numpy(), dtype=object),
        org_index=pd.Index(orgs[once_org].to_numpy(), dtype=object),
        org_pos=np.flatnonzero(once_org.to_numpy()),
        org_twice=frozenset(org_counts.index[org_counts > 1]),
        name_index=pd.Index(name_keys[once_name].to_numpy(), dtype=object),
        name_pos=np.flatnonzero(once_name.to_numpy()),
        name_twice=frozenset(name_counts.index[name_counts > 1]),
        name_keys=name_keys,
    )


def _lookup(index: pd.Index, keys: np.ndarray, positions: np.ndarray | None = None) -> np.ndarray:
    """Register position of each key (-1: none); ``positions`` maps index entries to positions."""
    found = index.get_indexer(keys)
    if positions is not None:
        found = np.where(found >= 0, positions[np.maximum(found, 0)], -1)
    return np.where(keys == "", -1, found)


def match_rows(
    register: Register, codes: pd.Series | None, org_codes: pd.Series | None, names: pd.Series | None
) -> pd.DataFrame:
    """Match each row of a department's file: the register position (-1: none), the method, why
    a row matched no one, which check its code failed, and the normalised keys.

    ``codes``, ``org_codes`` and ``names`` are the row's columns as written (None when the file
    has no such column); all share one index. A row's match depends on its three keys alone, so
    each distinct combination is matched once (a tax file repeats a code on every 税种 row).
    """
    given = [s for s in (codes, org_codes, names) if s is not None]
    index = given[0].index
    combo = np.zeros(len(index), dtype=np.int64)
    for s in given:
        part, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
        combo, _ = pd.factorize(combo * (len(uniques) + 1) + (part + 1))
    first = np.unique(combo, return_index=True)[1] if len(combo) else np.zeros(0, dtype=np.int64)

    def distinct(s: pd.Series | None) -> pd.Series | None:
        return None if s is None else s.iloc[first].reset_index(drop=True)

    out = _match_distinct(register, distinct(codes), distinct(org_codes), distinct(names))
    return out.iloc[combo].set_axis(index)


def _match_distinct(
    register: Register, codes: pd.Series | None, org_codes: pd.Series | None, names: pd.Series | None
) -> pd.DataFrame:
    """The work of :func:`match_rows` on rows whose key combinations are all distinct."""
    index = next(s.index for s in (codes, org_codes, names) if s is not None)
    n = len(index)
    blank = pd.Series("", index=index, dtype=object)
    code = normalize_codes(codes) if codes is not None else blank
    org_given = normalize_codes(org_codes) if org_codes is not None else blank
    code_arr = code.to_numpy(dtype=object)
    has_code = code_arr != ""
    has_org_given = org_given.to_numpy(dtype=object) != "" if org_codes is not None else np.zeros(n, bool)
    needs_name = ~has_code & ~has_org_given  # only rows without any code are matched by name
    name = blank.copy()
    if names is not None and needs_name.any():
        name[needs_name] = _names(names[needs_name])
    kinds = code_kinds(code) if codes is not None else blank
    check = check_failures(code, kinds=kinds) if codes is not None else blank
    # 18 characters outside the code alphabet (an O for a 0, an I for a 1) or another length.
    check = check.where(~(has_code & (kinds == "other").to_numpy()), "format")
    given_kinds = code_kinds(org_given) if org_codes is not None else blank
    org_check = check_failures(org_given, kinds=given_kinds) if org_codes is not None else blank
    inside = org_codes_in(code) if codes is not None else blank
    has_inside = inside.to_numpy(dtype=object) != ""
    org = inside.where(has_inside, org_given)
    org_bad = check.where(has_inside, org_check)
    check_arr = check.to_numpy(dtype=object)
    pos = np.full(n, -1, dtype=np.int64)
    method = np.full(n, "", dtype=object)
    reason = np.full(n, "", dtype=object)

    by_code = _lookup(register.code_index, code_arr)
    hit = by_code >= 0
    pos[hit], method[hit] = by_code[hit], "code"
    # A code failing its check character: only the exact code (done above); no fallback.
    bad = ~hit & has_code & (check_arr != "")
    reason[bad] = "bad_code"
    # The organisation code: inside a credit code, or given on its own (an exact code with a
    # failing check character, as in the register, still matches; it is reported).
    org_arr = org.to_numpy(dtype=object)
    has_org = has_inside | has_org_given
    open_ = (pos < 0) & ~bad
    by_org = _lookup(register.org_index, np.where(open_, org_arr, ""), register.org_pos)
    hit = open_ & (by_org >= 0)
    pos[hit], method[hit] = by_org[hit], "org_code"
    if register.org_twice:
        twice = open_ & (pos < 0) & np.isin(org_arr, list(register.org_twice))
        reason[twice] = "ambiguous"
    # The name, only for rows that carry no code at all.
    no_code = ~has_code & ~has_org
    name_arr = name.to_numpy(dtype=object)
    by_name = _lookup(register.name_index, np.where(no_code, name_arr, ""), register.name_pos)
    hit = no_code & (by_name >= 0)
    pos[hit], method[hit] = by_name[hit], "name"
    if register.name_twice:
        twice = no_code & (pos < 0) & np.isin(name_arr, list(register.name_twice))
        reason[twice] = "ambiguous"
    reason[(pos < 0) & (reason == "") & (org_bad.to_numpy(dtype=object) != "")] = "bad_code"
    none = (pos < 0) & (reason == "")
    reason[none & no_code & (name_arr == "")] = "no_key"
    reason[(pos < 0) & (reason == "")] = "not_found"
    kinds = kinds.where(has_code, given_kinds)

    def text(values) -> pd.Series:  # object, not inferred as str: half the time of a large run
        return pd.Series(np.asarray(values, dtype=object), index=index, dtype=object)

    return pd.DataFrame(
        {
            "pos": pd.Series(pos, index=index),
            "method": text(method),
            "reason": text(reason),
            "check": text(check.where(check_arr != "", org_bad)),
            "code": text(code_arr),
            "org_code": text(org_arr),
            "name_key": text(name_arr),
            "code_kind": text(kinds),
        },
        index=index,
    )


_FORMS = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|分公司|公司)$")
_BRACKETED = re.compile(r"\([^)]*\)")
# Difflib compares a row's name only with register names sharing its first characters, and only
# when there are few of them (names that all begin 苏州… would otherwise mean a scan each).
_PREFIX = 4
_MAX_POOL = 300


def _core(key: str) -> str:
    """A normalised name without its bracketed parts and its company form (有限公司 …)."""
    return _FORMS.sub("", _BRACKETED.sub("", key))


@dataclass(frozen=True)
class SuggestionIndex:
    """The register looked up for suggestions: by organisation code, by its 8-character body, by
    name, by core name (without brackets and company form) and by the name's first characters."""

    by_org: dict[str, int]
    by_body: dict[str, int]
    by_name: dict[str, list[int]]
    by_core: dict[str, list[int]]
    by_prefix: dict[str, list[int]]


def _positions(keys: np.ndarray) -> dict[str, list[int]]:
    """Key -> the positions holding it (ascending), for the non-empty keys."""
    return _grouped_where(keys, keys != "")


def _cores(keys: np.ndarray) -> np.ndarray:
    """:func:`_core` of every normalised name: the two replacements in Arrow at once (the same
    patterns; a normalised name has no whitespace, so ``$`` is the end of the text)."""
    text = pa.array(keys.tolist(), type=pa.large_string())
    text = pc.replace_substring_regex(text, _BRACKETED.pattern, "")
    text = pc.replace_substring_regex(text, _FORMS.pattern, "")
    return np.asarray(text.to_pylist(), dtype=object)


def suggestion_index(register: Register) -> SuggestionIndex:
    """Index ``register`` for :func:`suggestions` (built once, used for every department)."""
    orgs = org_codes_in(register.codes).tolist()
    keys = register.name_keys.to_numpy(dtype=object)
    filled = keys != ""
    cores = np.full(len(keys), "", dtype=object)
    cores[filled] = _cores(keys[filled])
    prefixes = np.array([k[:_PREFIX] for k in keys.tolist()], dtype=object)
    return SuggestionIndex(
        by_org={o: i for i, o in enumerate(orgs) if o},
        by_body={o[:8]: i for i, o in enumerate(orgs) if o},  # a mistyped check character
        by_name=_positions(keys),
        by_core=_grouped_where(cores, filled),
        by_prefix=_grouped_where(prefixes, filled),
    )


def _grouped_where(values: np.ndarray, rows: np.ndarray) -> dict[str, list[int]]:
    """Value -> the positions holding it (ascending), over the rows ``rows`` only: factorised
    and sorted once, no per-group work beyond cutting the sorted positions."""
    where = np.flatnonzero(rows)
    if not len(where):
        return {}
    codes, uniques = pd.factorize(np.asarray(values, dtype=object)[where])
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=len(uniques))).tolist()
    flat = where[order].tolist()
    parts = [flat[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
    return dict(zip(uniques.tolist(), parts, strict=True))


def suggestions(
    register: Register, matched: pd.DataFrame, names: pd.Series | None, index: SuggestionIndex | None = None
) -> pd.Series:
    """For rows that matched no one: register entries they may belong to, as text (code name),
    never joined — the entry with the same organisation code (or the same code body, when the
    check character was mistyped), the same name, the same name up to brackets and company form
    (有限公司 / 有限责任公司), else the nearest names. Empty for matched rows. ``index``:
    :func:`suggestion_index` of ``register`` (built here when not given)."""
    out = np.full(len(matched), "", dtype=object)
    where = np.flatnonzero(matched["pos"].to_numpy() < 0)[:MAX_SUGGESTED_ROWS]
    if not len(where):
        return pd.Series(out, index=matched.index, dtype=object)
    ix = index if index is not None else suggestion_index(register)
    open_rows = matched.index[where]
    orgs = matched["org_code"].to_numpy(dtype=object)[where].tolist()
    name_keys = _names(names.loc[open_rows]).tolist() if names is not None else [""] * len(where)
    reg_keys = register.name_keys.to_numpy(dtype=object)
    reg_codes = register.codes.to_numpy(dtype=object)
    reg_names = register.names.to_numpy(dtype=object)
    texts = []
    for org, key in zip(orgs, name_keys, strict=True):
        hits: list[int] = []
        if org and org in ix.by_org:
            hits.append(ix.by_org[org])
        elif org and org[:8] in ix.by_body:
            hits.append(ix.by_body[org[:8]])
        if key:
            hits.extend(ix.by_name.get(key, []) or ix.by_core.get(_core(key), []))
            pool = ix.by_prefix.get(key[:_PREFIX], [])
            if not hits and len(pool) <= _MAX_POOL:
                keys = [reg_keys[i] for i in pool]
                close = difflib.get_close_matches(key, keys, n=3, cutoff=SUGGEST_CUTOFF)
                hits.extend(pool[keys.index(c)] for c in close)
        seen = dict.fromkeys(hits)
        texts.append("；".join(f"{reg_codes[i]} {reg_names[i]}" for i in seen))
    out[where] = np.array(texts, dtype=object)
    out = pd.Series(out, index=matched.index, dtype=object)
    return out


__all__ = [
    "MAX_SUGGESTED_ROWS",
    "METHODS",
    "REASONS",
    "Register",
    "SuggestionIndex",
    "build_register",
    "match_rows",
    "normalize_name",
    "suggestion_index",
    "suggestions",
]

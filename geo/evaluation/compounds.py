"""Tenants and compounds (租户与共用宗地): enterprises on one 宗地 or compound share its land.

An enterprise table says who shares land with three optional columns (geo/catalogue.py):
``compound_id`` (共用宗地（园区）编号, the same for every enterprise on one parcel or compound),
``land_host`` (是否土地权利人: the one holding the land; the others are its tenants) and
``floor_area_m2`` (使用建筑面积, for shares by floor area), and an explicit ``land_share_pct``
(用地分摊比例 %) where the compound agreed its own. The compound's land is the sum of the land its
members report (usually the host's alone). The configuration's ``land_sharing.rule`` decides:
``share`` — each member gets its agreed share, else its floor area's share when every member has
one, else an equal share; ``host`` — the host keeps all the land and each tenant is listed as a
tenant (land 0, not scored on land). Enterprises without a compound id keep their own land.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.catalogue import parse_yes_no
from geo.errors import DataValidationError
from geo.evaluation.groups import LandSharing
from geo.messages import listed

COMPOUND_COL = "compound_id"
HOST_COL = "land_host"
FLOOR_AREA_COL = "floor_area_m2"
SHARE_PCT_COL = "land_share_pct"

ROLE_OWN = "own"  # its own land (no compound, or alone in it)
ROLE_HOST = "host"  # holds the compound's land
ROLE_TENANT = "tenant"  # on a host's land
ROLE_SHARED = "shared"  # in a compound without a host: the land shared among equals
ROLES: tuple[str, ...] = (ROLE_OWN, ROLE_HOST, ROLE_TENANT, ROLE_SHARED)

RULE_OWN = "own"
RULE_AGREED = "agreed"  # the compound's agreed shares (land_share_pct)
RULE_FLOOR = "floor_area"
RULE_EQUAL = "equal"
RULE_HOST = "host"
RULES: tuple[str, ...] = (RULE_OWN, RULE_AGREED, RULE_FLOOR, RULE_EQUAL, RULE_HOST)

# Columns of the allocation, in the order the result rows carry them.
ALLOCATION_COLUMNS: tuple[str, ...] = (
    COMPOUND_COL,
    "land_role",
    "land_host_id",
    "land_host_name",
    "land_rule",
    "land_share",
    "compound_land_mu",
    "land_reported_mu",
)
SHARE_TOLERANCE_PCT = 0.01

# The codes in words, for tables people read (the page has its own strings).
ROLE_WORDS: dict[str, dict[str, str]] = {
    "zh": {ROLE_OWN: "自有用地", ROLE_HOST: "房东", ROLE_TENANT: "租户", ROLE_SHARED: "共用"},
    "en": {ROLE_OWN: "own land", ROLE_HOST: "host", ROLE_TENANT: "tenant", ROLE_SHARED: "shared"},
}
RULE_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        RULE_OWN: "自有",
        RULE_AGREED: "按约定比例",
        RULE_FLOOR: "按建筑面积",
        RULE_EQUAL: "平均分摊",
        RULE_HOST: "全部计入房东",
    },
    "en": {
        RULE_OWN: "own",
        RULE_AGREED: "agreed shares",
        RULE_FLOOR: "by floor area",
        RULE_EQUAL: "equal shares",
        RULE_HOST: "all to the host",
    },
}


def allocation_words(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A copy of ``table`` with ``land_role`` and ``land_rule`` in words (unchanged without them)."""
    out = table.copy()
    for col, words in (("land_role", ROLE_WORDS[lang]), ("land_rule", RULE_WORDS[lang])):
        if col in out.columns:
            out[col] = out[col].astype(object).map(lambda v, w=words: w.get(v, v))
    return out


def _host_flags(values: pd.Series) -> np.ndarray:
    """是/否 per row, each distinct value parsed once (empty: not the host)."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    parsed = [parse_yes_no(v) for v in uniques]
    bad = [v for v, p in zip(uniques, parsed, strict=True) if p is None]
    if bad:
        raise DataValidationError.of("evaluation.host_not_yes_no", values=listed(bad[:5]))
    flags = np.array([p is True for p in parsed] + [False], dtype=bool)
    return flags[codes]  # the sentinel -1 (empty) takes the last: False


def _numbers(table: pd.DataFrame, column: str) -> np.ndarray:
    if column not in table.columns:
        return np.full(len(table), np.nan)
    return pd.to_numeric(table[column], errors="coerce").to_numpy(dtype="float64")


def _compound_keys(values: pd.Series) -> np.ndarray:
    """The compound id of each row as trimmed text ("" when empty), each distinct value once."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    text = np.array([str(v).strip() for v in uniques] + [""], dtype=object)
    return text[codes]


def allocate_land(
    enterprises: pd.DataFrame, *, sharing: LandSharing, id_col: str = "ent_id"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Share each compound's land among its enterprises by ``sharing.rule``.

    Parameters
    ----------
    enterprises
        Table with ``ent_id``, ``land_mu`` and ``compound_id`` (and optionally ``land_host``,
        ``floor_area_m2``, ``land_share_pct``); it is not modified.
    sharing
        The configuration's ``land_sharing``.
    id_col
        The enterprises' id column.

    Returns
    -------
    (table, allocation)
        A copy of the table whose ``land_mu`` is each enterprise's allocated land (亩), and one
        row per enterprise (same index) with the columns of :data:`ALLOCATION_COLUMNS`: the
        compound, the role (own/host/tenant/shared), the host's id and name, the rule used,
        the share (0–1) and the compound's land (亩), and the land the row reported itself.

    Raises
    ------
    DataValidationError
        For a compound with two hosts, a compound without a host under the ``host`` rule, agreed
        shares given for only some members or not summing to 100 %, or negative floor areas.
    """
    if COMPOUND_COL not in enterprises.columns:
        raise DataValidationError.of("evaluation.no_compound_column")
    n = len(enterprises)
    if n == 0:
        raise DataValidationError.of("evaluation.empty_table")
    keys = _compound_keys(enterprises[COMPOUND_COL])
    reported = _numbers(enterprises, "land_mu")
    hosts = _host_flags(enterprises[HOST_COL]) if HOST_COL in enterprises.columns else np.zeros(n, dtype=bool)
    floor = _numbers(enterprises, FLOOR_AREA_COL)
    agreed = _numbers(enterprises, SHARE_PCT_COL)
    if (floor < 0).any():
        raise DataValidationError.of("evaluation.negative_floor_area")
    ids = enterprises[id_col].astype(object).to_numpy() if id_col in enterprises.columns else np.arange(n)
    names = enterprises["name"].astype(object).to_numpy() if "name" in enterprises.columns else ids

    # Every compound at once (a county has thousands): codes per row, sums and counts per compound.
    codes, _ = pd.factorize(keys)
    sizes = np.bincount(codes, minlength=codes.max() + 1)
    shared = (keys != "") & (sizes[codes] >= 2)
    codes = np.where(shared, codes, -1)
    n_compounds = int(codes.max()) + 1
    rows_in = np.flatnonzero(shared)
    c_in = codes[rows_in]
    size_c = np.bincount(c_in, minlength=n_compounds)
    total_c = np.bincount(c_in, weights=np.nan_to_num(reported[rows_in]), minlength=n_compounds)
    host_n = np.bincount(c_in, weights=hosts[rows_in].astype(float), minlength=n_compounds)
    if (host_n > 1).any():
        c = int(np.flatnonzero(host_n > 1)[0])
        many = rows_in[(c_in == c) & hosts[rows_in]]
        raise DataValidationError.of(
            "evaluation.compound_many_hosts",
            compound=keys[many[0]],
            n=len(many),
            names=listed(names[many]),
        )
    host_row = np.full(n_compounds, -1)
    host_rows = rows_in[hosts[rows_in]]
    host_row[codes[host_rows]] = host_rows
    has_host = host_row[c_in] >= 0

    role = np.full(n, ROLE_OWN, dtype=object)
    role[rows_in] = np.where(has_host, ROLE_TENANT, ROLE_SHARED)
    role[host_rows] = ROLE_HOST
    host_id = np.full(n, None, dtype=object)
    host_name = np.full(n, None, dtype=object)
    with_host = rows_in[has_host]
    host_id[with_host] = ids[host_row[codes[with_host]]]
    host_name[with_host] = names[host_row[codes[with_host]]]
    rule = np.full(n, RULE_OWN, dtype=object)
    share = np.ones(n)
    if sharing.rule == "host":
        if not has_host.all():
            key = keys[rows_in[~has_host][0]]
            raise DataValidationError.of("evaluation.compound_no_host", compound=key)
        share[rows_in] = hosts[rows_in].astype(float)
        rule[rows_in] = RULE_HOST
    else:
        given = np.isfinite(agreed[rows_in])
        n_given = np.bincount(c_in, weights=given.astype(float), minlength=n_compounds)
        partial = (n_given > 0) & (n_given < size_c)
        if partial.any():
            c = int(np.flatnonzero(partial)[0])
            missing = rows_in[(c_in == c) & ~given]
            raise DataValidationError.of(
                "evaluation.compound_partial_shares",
                compound=keys[missing[0]],
                names=listed(names[missing]),
            )
        pct_c = np.bincount(c_in, weights=np.nan_to_num(agreed[rows_in]), minlength=n_compounds)
        negative_c = np.bincount(c_in, weights=(agreed[rows_in] < 0).astype(float), minlength=n_compounds)
        bad = (n_given > 0) & ((np.abs(pct_c - 100.0) > SHARE_TOLERANCE_PCT) | (negative_c > 0))
        if bad.any():
            c = int(np.flatnonzero(bad)[0])
            key = keys[rows_in[c_in == c][0]]
            raise DataValidationError.of("evaluation.compound_shares_sum", compound=key, pct=float(pct_c[c]))
        floor_in = floor[rows_in]
        n_floor = np.bincount(c_in, weights=np.isfinite(floor_in).astype(float), minlength=n_compounds)
        floor_c = np.bincount(c_in, weights=np.nan_to_num(floor_in), minlength=n_compounds)
        by_floor = (n_given == 0) & (n_floor == size_c) & (floor_c > 0)
        agreed_c = n_given > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            share[rows_in] = np.select(
                [agreed_c[c_in], by_floor[c_in]],
                [agreed[rows_in] / 100.0, floor_in / floor_c[c_in]],
                1.0 / size_c[c_in],
            )
        rule[rows_in] = np.select(
            [agreed_c[c_in], by_floor[c_in]], [RULE_AGREED, RULE_FLOOR], RULE_EQUAL
        ).astype(object)
    land = reported.copy()
    land[rows_in] = total_c[c_in] * share[rows_in]
    compound_land = reported.copy()
    compound_land[rows_in] = total_c[c_in]

    table = enterprises.copy()
    table["land_mu"] = land
    allocation = pd.DataFrame(
        {
            COMPOUND_COL: np.where(keys == "", None, keys),
            "land_role": pd.Categorical(role, categories=list(ROLES)),
            "land_host_id": host_id,
            "land_host_name": host_name,
            "land_rule": pd.Categorical(rule, categories=list(RULES)),
            "land_share": share,
            "compound_land_mu": compound_land,
            "land_reported_mu": reported,
        },
        index=enterprises.index,
    )
    return table, allocation


__all__ = [
    "ALLOCATION_COLUMNS",
    "COMPOUND_COL",
    "FLOOR_AREA_COL",
    "HOST_COL",
    "ROLES",
    "ROLE_HOST",
    "ROLE_OWN",
    "ROLE_SHARED",
    "ROLE_TENANT",
    "RULES",
    "SHARE_PCT_COL",
    "ROLE_WORDS",
    "RULE_WORDS",
    "allocate_land",
    "allocation_words",
]

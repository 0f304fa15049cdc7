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


def _host_flags(values: pd.Series) -> np.ndarray:
    flags = values.astype(object).map(parse_yes_no)
    bad = flags.map(lambda v: v is None).astype(bool) & values.notna().to_numpy()
    if bad.any():
        raise DataValidationError(
            f"字段「是否土地权利人」无法识别为是/否：{'、'.join(map(str, pd.unique(values[bad])[:5]))}",
            hint="房东（土地权利人）填 是/1，租户填 否/0",
        )
    return flags.map(lambda v: v is True).to_numpy(dtype=bool)


def _numbers(table: pd.DataFrame, column: str) -> np.ndarray:
    if column not in table.columns:
        return np.full(len(table), np.nan)
    return pd.to_numeric(table[column], errors="coerce").to_numpy(dtype="float64")


def _compound_keys(values: pd.Series) -> np.ndarray:
    text = values.astype(object).where(values.notna(), "").map(lambda v: str(v).strip())
    return text.to_numpy(dtype=object)


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
        raise DataValidationError("企业表没有「共用宗地（园区）编号」字段，无法分摊用地")
    n = len(enterprises)
    keys = _compound_keys(enterprises[COMPOUND_COL])
    reported = _numbers(enterprises, "land_mu")
    hosts = _host_flags(enterprises[HOST_COL]) if HOST_COL in enterprises.columns else np.zeros(n, dtype=bool)
    floor = _numbers(enterprises, FLOOR_AREA_COL)
    agreed = _numbers(enterprises, SHARE_PCT_COL)
    if (floor < 0).any():
        raise DataValidationError("「使用建筑面积」不能为负数", hint="请核对共用宗地企业的建筑面积")
    ids = enterprises[id_col].astype(object).to_numpy() if id_col in enterprises.columns else np.arange(n)
    names = enterprises["name"].astype(object).to_numpy() if "name" in enterprises.columns else ids

    land = reported.copy()
    role = np.full(n, ROLE_OWN, dtype=object)
    rule = np.full(n, RULE_OWN, dtype=object)
    share = np.ones(n)
    compound_land = np.where(np.isfinite(reported), reported, np.nan)
    host_id = np.full(n, None, dtype=object)
    host_name = np.full(n, None, dtype=object)
    members_of = pd.Series(np.arange(n)).groupby(keys, sort=False).indices
    for key, rows in members_of.items():
        if key == "" or len(rows) < 2:
            continue
        total = float(np.nansum(reported[rows]))
        compound_land[rows] = total
        host_rows = rows[hosts[rows]]
        if len(host_rows) > 1:
            raise DataValidationError(
                f"共用宗地（园区）「{key}」有 {len(host_rows)} 家标为土地权利人（房东）："
                f"{'、'.join(map(str, names[host_rows]))}",
                hint="每个宗地（园区）只能有一家房东，其余企业标为租户（否）",
            )
        host = host_rows[0] if len(host_rows) else None
        if host is not None:
            role[rows] = ROLE_TENANT
            role[host] = ROLE_HOST
            host_id[rows], host_name[rows] = ids[host], names[host]
        else:
            role[rows] = ROLE_SHARED
        if sharing.rule == "host":
            if host is None:
                raise DataValidationError(
                    f"共用宗地（园区）「{key}」没有标明土地权利人（房东），无法按“全部计入房东”分摊",
                    hint="请在「是否土地权利人」列把房东标为 是，或改用 land_sharing.rule: share",
                )
            share[rows] = 0.0
            share[host] = 1.0
            rule[rows] = RULE_HOST
        else:
            given = agreed[rows]
            if np.isfinite(given).any():
                if not np.isfinite(given).all():
                    missing = names[rows[~np.isfinite(given)]]
                    raise DataValidationError(
                        f"共用宗地（园区）「{key}」只有部分企业填了用地分摊比例"
                        f"（缺：{'、'.join(map(str, missing))}）",
                        hint="同一宗地的企业要么都填分摊比例（合计 100%），要么都不填",
                    )
                if abs(given.sum() - 100.0) > SHARE_TOLERANCE_PCT or (given < 0).any():
                    raise DataValidationError(
                        f"共用宗地（园区）「{key}」的用地分摊比例合计 {given.sum():g}%，应为 100%",
                        hint="请核对各企业的「用地分摊比例（%）」",
                    )
                share[rows] = given / 100.0
                rule[rows] = RULE_AGREED
            elif np.isfinite(floor[rows]).all() and floor[rows].sum() > 0:
                share[rows] = floor[rows] / floor[rows].sum()
                rule[rows] = RULE_FLOOR
            else:
                share[rows] = 1.0 / len(rows)
                rule[rows] = RULE_EQUAL
        land[rows] = total * share[rows]

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
    "allocate_land",
]

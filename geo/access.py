"""Who may see what: the roles of ``[atlas]`` in ``.streamlit/secrets.toml`` and the enterprise-level
columns that only some roles may see.

Three roles, each including the one before it:

==========  ===========  ===============================================================
role        key          may
==========  ===========  ===============================================================
查看汇总    ``summary``  maps and aggregates by zone, industry and size; no enterprise rows
查看企业    ``firms``    also enterprise rows: names with tax, sales, energy, employees, scores
编辑        ``edit``     also import, replace, delete, change a status, save configurations
==========  ===========  ===============================================================

Configuration (all optional; the defaults are what a stand-alone install had before roles)::

    [atlas]
    editors = ["zhangsan"]               # 编辑 (as before)
    default_role = "查看汇总"             # a signed-in user named nowhere (default 查看汇总)
    [atlas.roles]
    lisi = "查看企业"                     # or "firms"; a name here wins over editors
    wangwu = "查看汇总"

A password account (``[atlas.accounts]``) named nowhere is 编辑, as every account was before roles.
A visitor who has not signed in is always 查看汇总. With no identity configured at all (single-user
mode) the one user is 编辑, and the server listens on the loopback address only (``serve.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from geo.errors import DataValidationError

SUMMARY, FIRMS, EDIT = "summary", "firms", "edit"
ROLES = (SUMMARY, FIRMS, EDIT)  # each includes the ones before it
ROLE_ZH = {SUMMARY: "查看汇总", FIRMS: "查看企业", EDIT: "编辑"}
_ROLE_WORDS = {**{v: k for k, v in ROLE_ZH.items()}, **{r: r for r in ROLES}}

# Columns that describe one enterprise (figures, scores and classes of a named firm): a frame holding
# any of them is enterprise-level, and only 查看企业 and 编辑 see it (names alone are not figures).
FIRM_COLUMNS = frozenset(
    {
        "tax_wan_yuan",
        "sales_wan_yuan",
        "energy_tce",
        "employees",
        "value_added_wan_yuan",
        "rd_wan_yuan",
        "electricity_kwh",
        "emission_eq",
        "tax_per_mu_wan_yuan",
        "sales_per_mu_wan_yuan",
        "investment_wan_yuan",
        "invest_per_mu_wan_yuan",
        "promised_invest_per_mu_wan_yuan",
        "score",
        "eval_class",
    }
)


def role_from_word(word: object) -> str:
    """The role key (``summary``/``firms``/``edit``) a word of the configuration names.

    Raises
    ------
    DataValidationError
        For a word that names no role.
    """
    found = _ROLE_WORDS.get(str(word).strip().lower() if str(word).isascii() else str(word).strip())
    if found is None:
        raise DataValidationError.of("access.unknown_role", role=word)
    return found


def _names(value: object) -> set[str]:
    items = value if isinstance(value, list | tuple) else [value] if value else []
    return {str(v).strip().lower() for v in items}


def role_of(name: str | None, conf: Mapping, *, account: bool = False) -> str:
    """The role of the signed-in ``name`` under the ``[atlas]`` section ``conf``.

    ``account``: ``name`` signed in with a password account of ``[atlas.accounts]`` (such an
    account named nowhere else is 编辑). No name (not signed in): 查看汇总.

    Raises
    ------
    DataValidationError
        For a role word in ``[atlas.roles]`` or ``default_role`` that names no role.
    """
    if not name:
        return SUMMARY
    key = str(name).strip().lower()
    roles = conf.get("roles", {})
    roles = {str(k).strip().lower(): v for k, v in roles.items()} if isinstance(roles, Mapping) else {}
    if key in roles:
        return role_from_word(roles[key])
    if key in _names(conf.get("editors", [])):
        return EDIT
    if account:
        return EDIT
    return role_from_word(conf.get("default_role", ROLE_ZH[SUMMARY]))


def may_see_firms(role: str) -> bool:
    """Whether ``role`` may see enterprise rows (查看企业 and 编辑)."""
    return role in (FIRMS, EDIT)


def identity_configured(secrets: Mapping) -> bool:
    """Whether the deployment names its users (OIDC ``[auth]``, a proxy header or password accounts);
    otherwise the app runs in single-user mode."""
    conf = secrets.get("atlas", {})
    conf = conf if isinstance(conf, Mapping) else {}
    accounts = conf.get("accounts")
    return (
        "auth" in secrets
        or bool(str(conf.get("proxy_user_header", "")).strip())
        or (isinstance(accounts, Mapping) and bool(accounts))
    )


def firm_columns(columns: Iterable[str]) -> list[str]:
    """The enterprise-level columns among ``columns`` (see :data:`FIRM_COLUMNS`), in their order."""
    return [c for c in columns if str(c) in FIRM_COLUMNS]


def firm_level(kind: str, columns: Iterable[str]) -> bool:
    """Whether an imported layer of ``kind`` (zones / enterprises / other) with ``columns`` holds
    enterprise rows: every enterprise import, and any other import carrying enterprise figures
    but a zone layer (its figures are totals of a zone)."""
    if kind == "enterprises":
        return True
    return kind != "zones" and bool(firm_columns(columns))


MIN_GROUP_FIRMS_DEFAULT = 3  # statistical disclosure control's rule of three; [atlas] min_group_firms


def min_group_firms(conf: Mapping) -> int:
    """The fewest enterprises a group must hold for its figures to be shown to 查看汇总:
    ``[atlas] min_group_firms`` (default 3, the usual threshold of statistical disclosure control:
    a total over one or two firms tells each of them the other's figures). At least 1."""
    try:
        return max(int(conf.get("min_group_firms", MIN_GROUP_FIRMS_DEFAULT)), 1)
    except (TypeError, ValueError):
        return MIN_GROUP_FIRMS_DEFAULT


def suppress_small_groups(
    frame: pd.DataFrame, *, count: str = "n_enterprises", min_firms: int = MIN_GROUP_FIRMS_DEFAULT
) -> pd.DataFrame:
    """A copy of the aggregate ``frame`` with the figures of every group of fewer than ``min_firms``
    enterprises (its ``count`` column) blanked (NaN): every numeric column but the counts
    (``n_…``). Groups with enough enterprises, and the counts, are kept as they are.

    Raises
    ------
    ValueError
        When ``frame`` has no ``count`` column.
    """
    if count not in frame.columns:
        raise ValueError(f"the aggregate table has no {count!r} column")
    small = frame[count].fillna(0).to_numpy() < min_firms
    out = frame.copy()
    if not small.any():
        return out
    for col in out.columns:
        if str(col).startswith("n_") or col == count or not _is_number(out[col]):
            continue
        # whole numbers (Int64) stay whole numbers with a gap (written 70566, not 70566.0)
        whole = isinstance(out[col].dtype, pd.Int64Dtype)
        out[col] = out[col].astype("Int64" if whole else "float64").mask(small)
    return out


def _is_number(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)

"""Every change on record (留痕): who changed what in the store, when, from which file, with how many rows.

The audit table lives in the store itself (``atlas_audit``), next to the layers it describes; a
store write and its audit row go in one transaction, and the rows outlive the layers they name.
The atlas's shared tables (the 盘活 status log, the named evaluation configurations) write their
rows and their audit row in one transaction too (:meth:`geo.storage.interface.Store.edit_rows`);
other changes can be recorded on their own with :func:`record_change`. The change itself and the
table's columns are :mod:`geo.storage.changelog`'s (the backends import them from there).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from geo.messages import Lang, message
from geo.storage.base import Store, open_store
from geo.storage.changelog import (
    ACTIONS,
    AUDIT_COLUMNS,
    AUDIT_INT_COLUMNS,
    AUDIT_TABLE,
    USER_ENV,
    Change,
    action_label,
    actor_name,
    current_user,
    empty_audit,
    tidy_audit,
)

__all__ = [
    "ACTIONS",
    "ATLAS_TABLES",
    "AUDIT_COLUMNS",
    "AUDIT_INT_COLUMNS",
    "AUDIT_TABLE",
    "USER_ENV",
    "Change",
    "action_label",
    "actor_name",
    "audit_log",
    "current_user",
    "empty_audit",
    "layer_titles",
    "record_change",
    "shown_file_name",
    "tidy_audit",
]


def record_change(
    action: str,
    *,
    user: str | None = None,
    layer: str = "",
    title: str = "",
    file_name: str = "",
    sha256: str = "",
    rows_in: int | None = None,
    rows_out: int | None = None,
    detail: str = "",
    store: Store | Path | str | None = None,
) -> Change:
    """Write one change into the store's audit table (its own transaction) and return it.

    For changes that are not a layer write of the store itself — an evaluation configuration saved
    as the official one (``config_saved``), a renewal status changed (``status_changed``). Imports,
    replacements and deletes are recorded by the store in the same transaction as the write.
    ``user`` defaults to :func:`current_user`; ``store`` to the configured store.

    Raises
    ------
    DataValidationError
        When the action is unknown or no user is given.
    """
    change = Change(
        action=action,
        user=user if user is not None else current_user(),
        layer=layer,
        title=title,
        file_name=file_name,
        sha256=sha256,
        rows_in=rows_in,
        rows_out=rows_out,
        detail=detail,
    )
    open_store(store).record(change)
    return change


def audit_log(*, store: Store | Path | str | None = None, limit: int | None = None) -> pd.DataFrame:
    """The recorded changes, newest first (an empty frame with :data:`AUDIT_COLUMNS` when none)."""
    log = open_store(store).audit_log()
    return log.head(limit).reset_index(drop=True) if limit is not None else log


# The atlas's own tables a change may name (the 盘活 log, the evaluation configurations, versions,
# results, objections, evidence): each has a name in the catalogue (storage.table.*).
ATLAS_TABLES = (
    "parcel_renewal_log",
    "atlas_eval_configs",
    "atlas_eval_versions",
    "atlas_eval_results",
    "atlas_eval_objections",
    "atlas_eval_evidence",
)


def layer_titles(log: pd.DataFrame, titles: Mapping[str, str], *, lang: Lang = "zh") -> pd.Series:
    """The layer each change names, as a person knows it rather than by its table (``user_parks``).

    Parameters
    ----------
    log
        The change log (:func:`audit_log`): its ``layer`` and ``title`` columns.
    titles
        The stored imports' titles by table name, in the page's language.
    lang
        The page's language (the atlas's own tables are named in it).

    Returns
    -------
    pandas.Series
        Aligned on ``log``: the import's title now; for a layer since deleted, the title its last
        import or replacement recorded; an atlas table's name (盘活状态记录, 评价配置 …); else the
        table name as recorded ("" for a change of no layer).
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    missing = {"layer", "title", "action"} - set(log.columns)
    if missing:
        raise ValueError(f"the change log lacks the columns {sorted(missing)}")
    layers = log["layer"].fillna("").astype(str)
    stored = log[log["action"].isin(["import", "replace"]) & log["title"].fillna("").astype(str).ne("")]
    recorded = dict(zip(stored["layer"].astype(str)[::-1], stored["title"].astype(str)[::-1], strict=True))
    known = {name: message(f"storage.table.{name}", lang) for name in ATLAS_TABLES}
    return layers.map(lambda name: titles.get(name) or recorded.get(name) or known.get(name) or name)


def shown_file_name(value: object) -> str:
    """The file's own name (``parks.zip``) of a recorded file or store location, never the server's
    path to it: a command-line import records ``/srv/atlas/in/parks.zip`` (or ``C:\\in\\parks.zip``),
    a store is ``/srv/atlas/data/user/atlas_user.gpkg`` or a database URL (its database's name).
    Empty (None, NaN, "") gives "".
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    text = str(value).strip()
    if not text:
        return ""
    text = text.split("?", 1)[0] if "://" in text else text
    name = PureWindowsPath(text).name if "\\" in text else PurePosixPath(text.rstrip("/")).name
    return name

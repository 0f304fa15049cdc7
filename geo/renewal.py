"""Renewal of low-efficiency parcels (低效用地盘活): each parcel's status, method and date, every change
kept with who and when, and the land identified and freed per year and per 区镇.

The record is one append-only table in the user store (``parcel_renewal_log``): a parcel's current
status is its last row, and the rows before it are its history (old → new, who, when). A parcel
found by the rules and never edited is 已认定 (identified) in the year it was found.

Every change is also written to the store's audit table (``geo.audit.record_change``, action
``status_changed``), beside imports and deletes; the page lets only editors (``pages/_auth.py``)
change a status.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio

from geo.audit import record_change
from geo.errors import DataValidationError
from geo.ingest import user_store
from geo.metrics import ZONE_COL
from geo.store import list_layers

LOG_LAYER = "parcel_renewal_log"
STATUS_IDENTIFIED, STATUS_IN_PROGRESS, STATUS_DONE = "已认定", "处置中", "已盘活"
STATUSES = (STATUS_IDENTIFIED, STATUS_IN_PROGRESS, STATUS_DONE)
STATUS_EN = {STATUS_IDENTIFIED: "identified", STATUS_IN_PROGRESS: "in progress", STATUS_DONE: "renewed"}
# Ways of handling low-efficiency land (DOMAIN.md §7).
METHODS = ("技改提升", "工业上楼", "兼并重组", "收回/转让")
METHOD_EN = {
    "技改提升": "upgrade",
    "工业上楼": "multi-storey industry",
    "兼并重组": "merger",
    "收回/转让": "taken back / transferred",
}
LOG_COLUMNS = (
    "parcel_id",
    "status",
    "method",
    "status_date",
    "old_status",
    "old_method",
    "old_status_date",
    "changed_by",
    "changed_at",
    "note",
)
_LOCK = threading.Lock()


def _path(path: Path | str | None) -> Path:
    return Path(path) if path is not None else user_store()


def load_log(*, path: Path | str | None = None) -> pd.DataFrame:
    """Every recorded change, oldest first (an empty frame when nothing was recorded yet)."""
    p = _path(path)
    if not p.exists() or p.stat().st_size == 0 or LOG_LAYER not in list_layers(p):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in LOG_COLUMNS})
    log = pd.DataFrame(pyogrio.read_dataframe(p, layer=LOG_LAYER))
    for c in LOG_COLUMNS:
        if c not in log:
            log[c] = None
    return log[list(LOG_COLUMNS)].sort_values("changed_at", kind="stable").reset_index(drop=True)


def current_status(log: pd.DataFrame) -> pd.DataFrame:
    """The last recorded status, method and date of each parcel (indexed by parcel id)."""
    if not len(log):
        return pd.DataFrame(columns=["status", "method", "status_date"], index=pd.Index([], name="parcel_id"))
    last = log.drop_duplicates("parcel_id", keep="last").set_index("parcel_id")
    return last[["status", "method", "status_date"]]


def _check(parcel_id: str, status: str, method: str, status_date: date | str, who: str) -> str:
    if not str(parcel_id).strip():
        raise DataValidationError("请指定宗地编号")
    if status not in STATUSES:
        raise DataValidationError(f"未知的盘活状态「{status}」", hint=f"可选：{'、'.join(STATUSES)}")
    if method and method not in METHODS:
        raise DataValidationError(f"未知的处置方式「{method}」", hint=f"可选：{'、'.join(METHODS)}")
    if status != STATUS_IDENTIFIED and not method:
        raise DataValidationError(f"状态为「{status}」时须填写处置方式", hint=f"可选：{'、'.join(METHODS)}")
    if not str(who).strip():
        raise DataValidationError("请填写修改人", hint="每次修改都记录修改人和时间")
    try:
        day = status_date if isinstance(status_date, date) else date.fromisoformat(str(status_date))
    except ValueError as exc:
        raise DataValidationError(f"日期「{status_date}」无法识别", hint="请用 YYYY-MM-DD 格式") from exc
    return day.isoformat()


def record_status(
    parcel_id: str,
    status: str,
    *,
    method: str = "",
    status_date: date | str,
    who: str = "",
    note: str = "",
    actor: str | None = None,
    path: Path | str | None = None,
    now: datetime | None = None,
) -> pd.Series:
    """Record a parcel's new status (with method and date); returns the row written.

    The previous status of the parcel (已认定 when none was recorded) is kept in the row as
    ``old_*``; ``changed_by`` and ``changed_at`` (UTC, ISO) say who and when. ``actor`` (the
    signed-in identity the page passes) is who is recorded, whatever ``who`` says.

    Raises
    ------
    DataValidationError
        For an unknown status or method, a missing method once work has started, no editor name,
        or a date that is not YYYY-MM-DD.
    """
    who = actor if actor is not None else who
    day = _check(parcel_id, status, method, status_date, who)
    p = _path(path)
    with _LOCK:  # Streamlit sessions are threads of one process
        log = load_log(path=p)
        before = current_status(log)
        pid = str(parcel_id).strip()
        old = before.loc[pid] if pid in before.index else None
        row = {
            "parcel_id": pid,
            "status": status,
            "method": method or "",
            "status_date": day,
            "old_status": STATUS_IDENTIFIED if old is None else old["status"],
            "old_method": "" if old is None else (old["method"] or ""),
            "old_status_date": "" if old is None else (old["status_date"] or ""),
            "changed_by": str(who).strip(),
            "changed_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
            "note": note,
        }
        p.parent.mkdir(parents=True, exist_ok=True)
        frame = pd.DataFrame([row], columns=list(LOG_COLUMNS))
        exists = p.exists() and p.stat().st_size > 0 and LOG_LAYER in list_layers(p)
        pyogrio.write_dataframe(frame, p, layer=LOG_LAYER, driver="GPKG", append=exists)
    record_change(
        "status_changed",
        user=row["changed_by"],
        layer=LOG_LAYER,
        title=pid,
        detail=f"{pid}：{row['old_status']} → {status}"
        + (f"（{method}，{day}）" if method else f"（{day}）"),
        store=p,
    )
    return pd.Series(row)


def with_status(identified: pd.DataFrame, log: pd.DataFrame, *, identified_year: int) -> pd.DataFrame:
    """The identified parcels (``parcel_id``, ``area_mu``, zone) with their current status.

    Adds ``status``, ``method``, ``status_date``, ``identified_year`` (the date's year of a recorded
    已认定, else ``identified_year``: the year the rules were run for) and ``freed_year`` (year of the 已盘活 date, else NaN). Parcels that
    were recorded but are no longer found by the rules keep their record too (they were found once).
    """
    cur = current_status(log)
    out = identified.copy()
    pid = out["parcel_id"]

    def looked_up(column: str, default: str) -> np.ndarray:
        values = pid.map(cur[column]).astype(object)
        return values.where(values.notna(), default).to_numpy()

    out["status"] = looked_up("status", STATUS_IDENTIFIED)
    out["method"] = looked_up("method", "")
    out["status_date"] = looked_up("status_date", "")
    marked = log[log["status"] == STATUS_IDENTIFIED].drop_duplicates("parcel_id", keep="first")
    marked_year = pd.to_datetime(marked.set_index("parcel_id")["status_date"], errors="coerce").dt.year
    out["identified_year"] = pid.map(marked_year).fillna(identified_year).astype("int64").to_numpy()
    done = out["status"] == STATUS_DONE
    years = pd.to_datetime(out["status_date"], errors="coerce").dt.year
    out["freed_year"] = np.where(done, years, np.nan)
    return out


def renewal_summary(tracked: pd.DataFrame, *, by: str = ZONE_COL) -> pd.DataFrame:
    """Land identified and freed (亩) and parcels in each status, per year and per ``by`` (区镇).

    Rows are (year, zone): ``identified_mu`` counts parcels by the year they were identified,
    ``freed_mu`` the 已盘活 ones by the year of their date; ``in_progress_mu`` the 处置中 ones now,
    by the year of their status date.
    """
    zone = tracked[by].fillna("区域外") if by in tracked else pd.Series("全部", index=tracked.index)
    frame = tracked.assign(_zone=zone)
    ident = frame.groupby(["identified_year", "_zone"])["area_mu"].agg(["sum", "size"])
    ident.columns = ["identified_mu", "n_identified"]
    ident.index.names = ["year", by]
    done = frame[frame["status"] == STATUS_DONE]
    freed = done.groupby([done["freed_year"].astype("int64"), "_zone"])["area_mu"].agg(["sum", "size"])
    freed.columns = ["freed_mu", "n_freed"]
    freed.index.names = ["year", by]
    prog = frame[frame["status"] == STATUS_IN_PROGRESS]
    # under the year its 处置中 status was set (a change of 2026-12-06 is 2026's), else identified
    prog_year = pd.to_datetime(prog["status_date"], errors="coerce").dt.year
    prog_year = prog_year.fillna(prog["identified_year"]).astype("int64").rename("year")
    prog_by = prog.groupby([prog_year, "_zone"])["area_mu"].sum().rename("in_progress_mu")
    prog_by.index.names = ["year", by]
    out = ident.join(freed, how="outer").join(prog_by, how="outer").fillna(0.0)
    for c in ("n_identified", "n_freed"):
        out[c] = out[c].astype("int64")
    return out.sort_index()


SUMMARY_LABELS = {
    "year": "年份",
    ZONE_COL: "区镇/园区",
    "identified_mu": "认定低效用地（亩）",
    "n_identified": "认定宗数（宗）",
    "freed_mu": "盘活用地（亩）",
    "n_freed": "盘活宗数（宗）",
    "in_progress_mu": "处置中用地（亩）",
}
SUMMARY_LABELS_EN = {
    "year": "Year",
    ZONE_COL: "Town/park",
    "identified_mu": "Identified (mu)",
    "n_identified": "Parcels identified",
    "freed_mu": "Freed (mu)",
    "n_freed": "Parcels freed",
    "in_progress_mu": "In progress (mu)",
}
LOG_LABELS = {
    "parcel_id": "宗地编号",
    "old_status": "原状态",
    "status": "新状态",
    "old_method": "原处置方式",
    "method": "处置方式",
    "status_date": "状态日期",
    "changed_by": "修改人",
    "changed_at": "修改时间（UTC）",
    "note": "备注",
}
LOG_LABELS_EN = {
    "parcel_id": "Parcel id",
    "old_status": "Old status",
    "status": "New status",
    "old_method": "Old method",
    "method": "Method",
    "status_date": "Status date",
    "changed_by": "Changed by",
    "changed_at": "Changed at (UTC)",
    "note": "Note",
}

"""Renewal of low-efficiency parcels (低效用地盘活): each parcel's status, method and date, every change
kept with who and when, and the land identified and freed per year and per 区镇.

The record is one append-only table of the selected store (``parcel_renewal_log``, in the
GeoPackage or in PostGIS, :mod:`geo.storage.tables`): a parcel's current status is its last row,
and the rows before it are its history (old → new, who, when). A parcel found by the rules and
never edited is 已认定 (identified) in the year it was found.

Each change is written under the store's writer lock, in one transaction with its row of the
store's change log (action ``status_changed``), so two app servers and the command line on one
store keep one history. ``changed_by`` is the signed-in identity the caller passes as ``actor``
(the page: ``pages/common/auth.py``; the command line: ``$ATLAS_USER`` or the system user), never a
typed name: a name typed into the form (修改人) is kept as a note in ``typed_by``.

An install upgraded from when the log was kept in the embedded GeoPackage while PostGIS was
selected gets that log imported once, the first time the PostGIS table is used (the file is left
as it was; the import is in the change log as ``migrate``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio

from geo.errors import DataValidationError
from geo.evaluation.metrics import ZONE_COL
from geo.messages import message, t
from geo.messages.formats import beijing_minute
from geo.messages.notes import Both, Listing, Note
from geo.place_names import own_place_name
from geo.storage.audit import Change
from geo.storage.base import Store, default_user_gpkg, open_store
from geo.storage.changelog import MIGRATION_ACTOR, actor_name
from geo.storage.tables import Seed, TableEdit, TableSpec

LOG_LAYER = "parcel_renewal_log"
# The statuses and ways of handling low-efficiency land (DOMAIN.md §7): the Chinese word the log
# holds -> its catalogue key (geo/messages/land_notes.py), whose English the UI shows.
STATUS_KEYS = {
    message(k, "zh"): k for k in ("land.status.identified", "land.status.in_progress", "land.status.done")
}
METHOD_KEYS = {
    message(k, "zh"): k
    for k in ("land.method.upgrade", "land.method.storeys", "land.method.merger", "land.method.taken_back")
}
STATUS_IDENTIFIED, STATUS_IN_PROGRESS, STATUS_DONE = STATUS_KEYS
STATUSES = (STATUS_IDENTIFIED, STATUS_IN_PROGRESS, STATUS_DONE)
STATUS_EN = {word: message(key, "en") for word, key in STATUS_KEYS.items()}
METHODS = tuple(METHOD_KEYS)
METHOD_EN = {word: message(key, "en") for word, key in METHOD_KEYS.items()}
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
    "typed_by",
)
LOG_SPEC = TableSpec(LOG_LAYER, LOG_COLUMNS, description="低效用地盘活状态变更记录（追加，不改写）")

StoreTarget = Store | Path | str | None


def _legacy_log(store: Store) -> Seed | None:
    """The log an older atlas kept in the embedded GeoPackage while PostGIS was selected."""
    if store.kind == "gpkg":
        return None  # the GeoPackage store always kept its log in itself: nothing elsewhere
    path = default_user_gpkg()
    if not path.exists() or path.stat().st_size == 0:
        return None
    if LOG_LAYER not in {str(n) for n, _ in pyogrio.list_layers(path)}:
        return None
    rows = pd.DataFrame(pyogrio.read_dataframe(path, layer=LOG_LAYER))
    if not len(rows):
        return None
    rows = LOG_SPEC.tidy(rows).sort_values("changed_at", kind="stable")
    change = Change(
        action="migrate",
        user=MIGRATION_ACTOR,
        layer=LOG_LAYER,
        title=message("land.renewal.log_title", "zh"),  # the log is stored in Chinese
        file_name=str(path),
        rows_in=len(rows),
        rows_out=len(rows),
        detail=message("land.renewal.migrated", "zh", path=path, layer=LOG_LAYER, n=len(rows)),
    )
    return Seed(tuple(rows.to_dict("records")), change)


def load_log(*, path: StoreTarget = None) -> pd.DataFrame:
    """Every recorded change, oldest first (an empty frame when nothing was recorded yet).

    ``path`` is a store, a GeoPackage path or a PostgreSQL URL (default: the selected store).
    """
    store = open_store(path)
    return store.read_shared(LOG_SPEC, seed=lambda: _legacy_log(store))


def current_status(log: pd.DataFrame) -> pd.DataFrame:
    """The last recorded status, method and date of each parcel (indexed by parcel id)."""
    if not len(log):
        return pd.DataFrame(columns=["status", "method", "status_date"], index=pd.Index([], name="parcel_id"))
    last = log.drop_duplicates("parcel_id", keep="last").set_index("parcel_id")
    return last[["status", "method", "status_date"]]


def _check(parcel_id: str, status: str, method: str, status_date: date | str, actor: str) -> str:
    if not str(parcel_id).strip():
        raise DataValidationError.of("land.renewal.no_parcel")
    if status not in STATUSES:
        raise DataValidationError.of("land.renewal.unknown_status", status=status, options=_choices(STATUSES))
    if method and method not in METHODS:
        raise DataValidationError.of("land.renewal.unknown_method", method=method, options=_choices(METHODS))
    if status != STATUS_IDENTIFIED and not method:
        raise DataValidationError.of(
            "land.renewal.method_required", status=_choice(status), options=_choices(METHODS)
        )
    if not str(actor or "").strip():
        raise DataValidationError.of("land.renewal.no_actor")
    try:
        day = status_date if isinstance(status_date, date) else date.fromisoformat(str(status_date))
    except ValueError as exc:
        raise DataValidationError.of("land.renewal.bad_date", date=status_date) from exc
    return day.isoformat()


def record_status(
    parcel_id: str,
    status: str,
    *,
    actor: str,
    method: str = "",
    status_date: date | str,
    who: str = "",
    note: str = "",
    path: StoreTarget = None,
    now: datetime | None = None,
) -> pd.Series:
    """Record a parcel's new status (with method and date); returns the row written.

    The previous status of the parcel (已认定 when none was recorded) is kept in the row as
    ``old_*``, read under the store's writer lock, so two writers at once chain their changes.
    ``changed_by`` is ``actor`` (the signed-in identity), ``changed_at`` the time (UTC, ISO);
    ``who``, a name typed into the form, is only kept as a note (``typed_by``).

    Raises
    ------
    DataValidationError
        For an unknown status or method, a missing method once work has started, no ``actor``,
        or a date that is not YYYY-MM-DD.
    """
    day = _check(parcel_id, status, method, status_date, actor)
    pid = str(parcel_id).strip()
    store = open_store(path)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")

    def edit(log: pd.DataFrame) -> TableEdit:
        before = current_status(log)
        old = before.loc[pid] if pid in before.index else None
        row = {
            "parcel_id": pid,
            "status": status,
            "method": method or "",
            "status_date": day,
            "old_status": STATUS_IDENTIFIED if old is None else old["status"],
            "old_method": "" if old is None else (old["method"] or ""),
            "old_status_date": "" if old is None else (old["status_date"] or ""),
            "changed_by": str(actor).strip(),
            "changed_at": stamp,
            "note": note or "",
            "typed_by": str(who or "").strip(),
        }
        typed = row["typed_by"]
        change = Change(
            action="status_changed",
            user=row["changed_by"],
            layer=LOG_LAYER,
            title=pid,
            detail=str(  # stored in Chinese; status_change_detail(...).text("en") writes it in English
                status_change_detail(
                    pid,
                    row["old_status"],
                    status,
                    method=method,
                    day=day,
                    typed=typed if typed != row["changed_by"] else "",
                )
            ),
        )
        return TableEdit(rows=(row,), change=change, result=row)

    done = store.edit_rows(LOG_SPEC, edit, seed=lambda: _legacy_log(store))
    return pd.Series(done.result)


def _choice(word: str) -> Both:
    """A status or method as a message names it: the word in Chinese; in English its English with
    the Chinese word the command line takes beside it ("In progress (处置中)")."""
    return Both(word, f"{status_name(word, 'en')} ({word})")


def _choices(words: tuple[str, ...]) -> Listing:
    return Listing(_choice(w) for w in words)


def status_name(word: object, lang: str) -> object:
    """A status or a way of handling (the Chinese word the log holds: 已认定, 技改提升 …) as a cell
    of a table in ``lang`` reads it (Identified, Upgrade …); another value as it is.

    Parameters
    ----------
    word
        The stored word.
    lang
        ``"zh"`` or ``"en"``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    key = (STATUS_KEYS.get(word) or METHOD_KEYS.get(word)) if isinstance(word, str) else None
    return message(key, lang) if key else word


_ZONE_WORDS = {message(k, "zh"): k for k in ("land.renewal.outside", "land.renewal.all")}


def zone_name(zone: object, lang: str) -> object:
    """A row's 区镇 of :func:`renewal_summary` in ``lang``: a place as the user's data names it
    (:func:`geo.place_names.own_place_name`), 区域外 and 全部 in words; a missing value as it is."""
    if not isinstance(zone, str):
        return zone
    key = _ZONE_WORDS.get(zone)
    return message(key, lang) if key else own_place_name(zone, lang)


def status_note(word: str) -> Note | str:
    """A status or a way of handling (the Chinese word the log holds) as a note in either language;
    another word (or "") as given."""
    key = STATUS_KEYS.get(word) or METHOD_KEYS.get(word)
    return Note(key) if key else word


def status_change_detail(
    parcel_id: str, old_status: str, status: str, *, method: str = "", day: str = "", typed: str = ""
) -> Note:
    """The change log's detail of a 盘活 status change: parcel, old → new status, the method and
    date, and the name typed on the form when it is not the signed-in one (``typed``: "" for none)."""
    when = (
        Note("land.renewal.detail_method", {"method": status_note(method), "day": day})
        if method
        else Note("land.renewal.detail_day", {"day": day})
    )
    return Note(
        "land.renewal.detail",
        {
            "parcel": parcel_id,
            "old": status_note(old_status),
            "new": status_note(status),
            "when": when,
            "typed": Note("land.renewal.detail_typed", {"typed": typed}) if typed else "",
        },
    )


def with_status(identified: pd.DataFrame, log: pd.DataFrame, *, identified_year: int) -> pd.DataFrame:
    """The identified parcels (``parcel_id``, ``area_mu``, zone) with their current status.

    Adds ``status``, ``method``, ``status_date``, ``identified_year`` (the date's year of a recorded
    已认定, else ``identified_year``: the year the rules were run for) and ``freed_year`` (year of the
    已盘活 date, else NaN). Parcels that were recorded but are no longer found by the rules keep their
    record too (they were found once).
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
    outside, every = message("land.renewal.outside", "zh"), message("land.renewal.all", "zh")
    zone = tracked[by].fillna(outside) if by in tracked else pd.Series(every, index=tracked.index)
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
    "typed_by": "填写的修改人（备注）",
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
    "typed_by": "Name typed (note)",
}


def log_for_people(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 盘活 log as the page and the command line show it, newest first: statuses and methods in
    words, times in Beijing time, the atlas's reserved actors (单用户模式 …) in ``lang`` and a
    person's name as stored, headers in ``lang``."""
    labels = LOG_LABELS_EN if lang == "en" else LOG_LABELS
    shown = log[list(labels)].iloc[::-1].copy()
    for col in ("status", "method", "old_status", "old_method"):
        shown[col] = shown[col].map(lambda v: status_name(v, lang))
    shown["changed_at"] = shown["changed_at"].map(lambda v: beijing_minute(v, lang))
    shown["changed_by"] = shown["changed_by"].map(lambda who: actor_name(who, lang))
    return shown.rename(columns={**labels, "changed_at": t("parcel.changed_at", lang)})

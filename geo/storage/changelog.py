"""The change log's record (留痕): one change (who, what, when, which file, how many rows) and the
table it goes in.

What every store backend writes and reads, with no store of its own: the backends import it, and
:mod:`geo.storage.audit` records a change in the selected store and reads the log back.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pandas as pd

from geo import settings
from geo.errors import DataValidationError
from geo.messages import message
from geo.messages.notes import Listing

AUDIT_TABLE = "atlas_audit"
# What a change can be, with its Chinese and English label (the words: geo/messages/record_labels.py).
ACTIONS: dict[str, tuple[str, str]] = {
    action: (message(f"storage.action.{action}", "zh"), message(f"storage.action.{action}", "en"))
    for action in (
        "import",
        "replace",
        "delete",
        "metadata",
        "config_saved",
        "config_deleted",
        "status_changed",
        "load_demo",
        "migrate",
        "results_saved",
        "version_saved",
        "version_published",
        "version_finalized",
        "evidence_saved",
        "objection_recorded",
        "objection_answered",
        "objection_decided",
        "feature_added",
        "feature_changed",
        "feature_deleted",
    )
}
# The audit table's columns and their types (text unless listed as integer).
AUDIT_COLUMNS = (
    "at_utc",
    "user_name",
    "action",
    "layer",
    "title",
    "file_name",
    "sha256",
    "rows_in",
    "rows_out",
    "detail",
)
AUDIT_INT_COLUMNS = frozenset({"rows_in", "rows_out"})
# Who a change is recorded for when the caller names no one (the command line): $ATLAS_USER, else the OS user.
USER_ENV = settings.USER_ENV


@dataclass(frozen=True)
class Change:
    """One change to the store, as recorded in the audit table."""

    action: str
    user: str
    layer: str = ""
    title: str = ""
    file_name: str = ""
    sha256: str = ""
    rows_in: int | None = None
    rows_out: int | None = None
    detail: str = ""

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise DataValidationError.of(
                "storage.unknown_action", action=self.action, actions=Listing(ACTIONS)
            )
        if not str(self.user).strip():
            raise DataValidationError.of("storage.change_without_user")

    def filled_from(self, row: dict) -> Change:
        """The change with blank fields taken from a layer's provenance row (for a delete)."""
        return replace(
            self,
            title=self.title or str(row.get("title_zh") or ""),
            file_name=self.file_name or str(row.get("source_file") or ""),
            sha256=self.sha256 or str(row.get("sha256") or ""),
            rows_in=self.rows_in if self.rows_in is not None else _int_or_none(row.get("rows_in")),
            rows_out=self.rows_out if self.rows_out is not None else _int_or_none(row.get("rows_out")),
        )

    def as_row(self, *, at: datetime | None = None) -> dict:
        """The audit-table row, stamped with the time of the write (UTC, ISO 8601)."""
        at = at or datetime.now(UTC)
        return {
            "at_utc": at.replace(microsecond=0).isoformat(),
            "user_name": self.user.strip(),
            "action": self.action,
            "layer": self.layer,
            "title": self.title,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "rows_in": self.rows_in,
            "rows_out": self.rows_out,
            "detail": self.detail,
        }


def _int_or_none(value) -> int | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Actors that are no person: stored in Chinese, shown in the page's language by actor_name.
SINGLE_USER_ACTOR = message("storage.actor.single_user", "zh")  # no sign-in configured (单用户模式)
ANONYMOUS_ACTOR = message("storage.actor.anonymous", "zh")  # signed-in identity without a name
CLI_ACTOR = message("storage.actor.command_line", "zh")  # the command line, no user name known
CLI_SUFFIX = message("storage.actor.command_line_suffix", "zh")  # after the system user's name
MIGRATION_ACTOR = message("storage.actor.migration", "zh")  # an import of old data on upgrade
_RESERVED_ACTORS = {
    SINGLE_USER_ACTOR: "storage.actor.single_user",
    ANONYMOUS_ACTOR: "storage.actor.anonymous",
    CLI_ACTOR: "storage.actor.command_line",
    MIGRATION_ACTOR: "storage.actor.migration",
}


def current_user() -> str:
    """Who the command line acts for: ``$ATLAS_USER``, else the operating-system user."""
    name = settings.cli_user()
    if name:
        return name
    try:
        return f"{getpass.getuser()}{CLI_SUFFIX}"
    except OSError:  # no user name in this environment
        return CLI_ACTOR


def actor_name(actor: object, lang: str) -> object:
    """An actor as a page or file in ``lang`` shows it: the atlas's own reserved actors (单用户模式,
    匿名, 命令行, the upgrade import) and the command line's suffix in that language; a person's
    name exactly as stored, never translated; a missing value as it is.

    Parameters
    ----------
    actor
        The stored actor (``user_name``, ``changed_by``, ``decided_by`` …).
    lang
        ``"zh"`` or ``"en"``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    if lang == "zh" or not isinstance(actor, str):
        return actor
    key = _RESERVED_ACTORS.get(actor.strip())
    if key is not None:
        return message(key, lang)
    if actor.endswith(CLI_SUFFIX) and len(actor) > len(CLI_SUFFIX):
        return actor[: -len(CLI_SUFFIX)] + message("storage.actor.command_line_suffix", lang)
    return actor


def action_label(action: str, lang: str) -> str:
    """An action in the UI language (an unknown one is shown as given)."""
    return message(f"storage.action.{action}", lang) if action in ACTIONS else action


def empty_audit() -> pd.DataFrame:
    """An audit log with no rows and the audit columns."""
    return pd.DataFrame(
        {c: pd.Series(dtype="Int64" if c in AUDIT_INT_COLUMNS else "object") for c in AUDIT_COLUMNS}
    )


def tidy_audit(frame: pd.DataFrame) -> pd.DataFrame:
    """A raw audit table read from a store as the log: audit columns only, counts as Int64, newest first."""
    out = frame.copy()
    for col in AUDIT_COLUMNS:
        if col not in out:
            out[col] = None
    out = out[[*AUDIT_COLUMNS, *(["id"] if "id" in out else [])]]
    for col in AUDIT_INT_COLUMNS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    for col in set(AUDIT_COLUMNS) - AUDIT_INT_COLUMNS:
        out[col] = out[col].astype(object).where(out[col].notna(), "")
    order = "id" if "id" in out else "at_utc"
    out = out.sort_values(order, ascending=False, kind="stable")
    return out[list(AUDIT_COLUMNS)].reset_index(drop=True)

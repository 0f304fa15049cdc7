"""Named evaluation configurations (weights, cut-offs, ...), the official one included, as a table of
the selected store (``atlas_eval_configs``, in the GeoPackage or in PostGIS: :mod:`geo.storage.tables`).

Each row holds ``name``, ``official`` (1 for at most one row: the bureau's configuration of
record, kept apart from a same-named ordinary one), ``saved`` (date), who saved it and when, and
``config_yaml`` (a mapping laid out like ``geo/evaluation/evaluation.yaml``, as YAML, validated on
save and on load).
Every save and delete is written under the store's writer lock in one transaction with its row of
the store's change log, recorded for the ``actor`` the caller passes (the signed-in identity). Who
may save the official one is the caller's business (an editor's action).

An install upgraded from when configurations were YAML files (``eval_configs/`` beside the user
GeoPackage) gets them imported once, the first time the table is used; the files are left where
they were and the import is in the change log (``migrate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from geo.errors import DataValidationError
from geo.evaluation import config_from_mapping
from geo.messages.formats import beijing_today
from geo.storage.audit import Change
from geo.storage.base import Store, legacy_user_dir, open_store
from geo.storage.changelog import MIGRATION_ACTOR
from geo.storage.tables import Seed, TableEdit, TableSpec

CONFIG_TABLE = "atlas_eval_configs"
LEGACY_DIR = "eval_configs"  # where the YAML files were, beside the user GeoPackage
OFFICIAL_FILE = "official.yaml"
OFFICIAL_KEY = "official"
MAX_NAME_CHARS = 40
CONFIG_SPEC = TableSpec(
    CONFIG_TABLE,
    ("config_key", "name", "official", "saved", "saved_at", "saved_by", "config_yaml"),
    int_columns=frozenset({"official"}),
    key="config_key",
    description="亩均效益评价的命名配置与正式配置（权重、分档线等）",
)

StoreTarget = Store | Path | str | None


@dataclass(frozen=True)
class NamedConfig:
    """A saved configuration: its name, whether it is the official one, and the mapping."""

    name: str
    official: bool
    saved: str
    config: dict[str, Any]
    key: str
    saved_by: str = ""


def config_key(name: str, *, official: bool) -> str:
    """The row key of a configuration: one slot for the official one, one per name for the others."""
    return OFFICIAL_KEY if official else "named:" + name


def _as_yaml(config: dict[str, Any]) -> str:
    """The mapping as YAML text (YAML, not JSON: year keys of the surcharge rates stay integers)."""
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise DataValidationError.of("evaluation.config_needs_name")
    if len(name) > MAX_NAME_CHARS:
        raise DataValidationError.of("evaluation.config_name_too_long", n=len(name), limit=MAX_NAME_CHARS)
    return name


def _checked_actor(actor: str) -> str:
    if not str(actor or "").strip():
        raise DataValidationError.of("evaluation.config_needs_actor")
    return str(actor).strip()


def _legacy_configs(store: Store) -> Seed | None:
    """The YAML files an older atlas kept in ``eval_configs/`` (files that no longer validate are
    left out and counted in the note)."""
    folder = legacy_user_dir(store) / LEGACY_DIR
    if not folder.is_dir():
        return None
    rows, skipped = {}, 0
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            config = doc.get("config") or {}
            config_from_mapping(config)
            name = str(doc.get("name") or path.stem).strip()[:MAX_NAME_CHARS]
        except (yaml.YAMLError, DataValidationError, AttributeError, OSError, UnicodeDecodeError):
            skipped += 1
            continue
        official = path.name == OFFICIAL_FILE
        key = config_key(name, official=official)
        rows[key] = {
            "config_key": key,
            "name": name,
            "official": int(official),
            "saved": str(doc.get("saved", "")),
            "saved_at": "",
            "saved_by": MIGRATION_ACTOR,
            "config_yaml": _as_yaml(config),
        }
    if not rows:
        return None
    note = f"；{skipped} 个文件无法通过校验，未导入" if skipped else ""
    change = Change(
        action="migrate",
        user=MIGRATION_ACTOR,
        layer=CONFIG_TABLE,
        title="评价配置",
        file_name=str(folder),
        rows_in=len(rows) + skipped,
        rows_out=len(rows),
        detail=f"从 {folder} 导入 {len(rows)} 个评价配置（原文件保留未改）{note}",
    )
    return Seed(tuple(rows.values()), change)


def save_named_config(
    name: str,
    config: dict[str, Any],
    *,
    actor: str,
    official: bool = False,
    when: date | None = None,
    store: StoreTarget = None,
) -> NamedConfig:
    """Validate ``config`` and save it under ``name`` (replacing a same-named one, or as the official
    one replacing the previous official one), recorded for ``actor``; returns what was saved.

    ``store`` is a store, a GeoPackage path or a PostgreSQL URL (default: the selected store).

    Raises
    ------
    DataValidationError
        For an empty or too long name, no ``actor``, or a configuration the evaluation would refuse.
    """
    name = _checked_name(name)
    actor = _checked_actor(actor)
    config_from_mapping(config)  # refuses what the evaluation would refuse
    target = open_store(store)
    key = config_key(name, official=official)
    saved = NamedConfig(name, official, (when or beijing_today()).isoformat(), dict(config), key, actor)

    def edit(current: pd.DataFrame) -> TableEdit:
        before = current.loc[current["config_key"] == key, "name"].tolist()
        replaced = f"，替换「{before[0]}」" if official and before and before[0] != name else ""
        row = {
            "config_key": key,
            "name": name,
            "official": int(official),
            "saved": saved.saved,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "saved_by": actor,
            "config_yaml": _as_yaml(config),
        }
        detail = ("评价配置（正式）" if official else "评价配置（命名）") + replaced
        change = Change(action="config_saved", user=actor, layer=CONFIG_TABLE, title=name, detail=detail)
        return TableEdit(rows=(row,), change=change)

    target.edit_rows(CONFIG_SPEC, edit, seed=lambda: _legacy_configs(target))
    return saved


def delete_named_config(
    name: str, *, actor: str, official: bool = False, store: StoreTarget = None
) -> NamedConfig:
    """Remove a saved configuration (the official one with ``official``), recorded for ``actor``;
    returns what was removed.

    Raises
    ------
    DataValidationError
        When no such configuration is saved (or someone else has just removed it), or no ``actor``.
    """
    name = (name or "").strip()
    actor = _checked_actor(actor)
    target = open_store(store)
    key = config_key(name, official=official)

    def edit(current: pd.DataFrame) -> TableEdit:
        hit = current[current["config_key"] == key] if not official else current[current["official"] == 1]
        if not len(hit) or (official and name and hit["name"].iloc[0] != name):
            missing = "evaluation.no_such_official_config" if official else "evaluation.no_such_config"
            raise DataValidationError.of(missing, name=name)
        found = _named(hit.iloc[0])
        detail = "评价配置（正式）" if official else "评价配置（命名）"
        change = Change(
            action="config_deleted", user=actor, layer=CONFIG_TABLE, title=found.name, detail=detail
        )
        return TableEdit(remove=(found.key,), change=change, result=found)

    done = target.edit_rows(CONFIG_SPEC, edit, seed=lambda: _legacy_configs(target))
    return done.result


def _named(row: pd.Series) -> NamedConfig:
    return NamedConfig(
        name=str(row["name"]),
        official=bool(row["official"] == 1),
        saved=str(row["saved"]),
        config=yaml.safe_load(row["config_yaml"]) or {},
        key=str(row["config_key"]),
        saved_by=str(row["saved_by"]),
    )


def list_named_configs(*, store: StoreTarget = None) -> list[NamedConfig]:
    """The saved configurations, the official one first, then by name; rows that no longer
    validate are skipped (none saved: an empty list)."""
    target = open_store(store)
    rows = target.read_shared(CONFIG_SPEC, seed=lambda: _legacy_configs(target))
    out = []
    for _, row in rows.iterrows():
        try:
            item = _named(row)
            config_from_mapping(item.config)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, DataValidationError):
            continue
        out.append(item)
    return sorted(out, key=lambda c: (not c.official, c.name))


def official_config(*, store: StoreTarget = None) -> NamedConfig | None:
    """The official configuration, or ``None`` when none is saved."""
    found = [c for c in list_named_configs(store=store) if c.official]
    return found[0] if found else None

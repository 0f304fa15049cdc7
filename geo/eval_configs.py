"""Named evaluation configurations (weights, cut-offs, ...) saved as YAML files in a folder.

Each file holds ``name``, ``official`` (at most one: the bureau's configuration of record),
``saved`` (date) and ``config`` (a mapping laid out like ``geo/evaluation.yaml``, validated on
save and on load). Who may save the official one is the caller's business (an editor's action).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from geo.errors import DataValidationError
from geo.evaluation import config_from_mapping

OFFICIAL_FILE = "official.yaml"
MAX_NAME_CHARS = 40


@dataclass(frozen=True)
class NamedConfig:
    """A saved configuration: its name, whether it is the official one, and the mapping."""

    name: str
    official: bool
    saved: str
    config: dict[str, Any]
    path: Path


def _file_for(name: str, official: bool) -> str:
    if official:
        return OFFICIAL_FILE
    return "cfg-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16] + ".yaml"


def save_named_config(
    name: str,
    config: dict[str, Any],
    *,
    directory: Path | str,
    official: bool = False,
    when: date | None = None,
    actor: str | None = None,
) -> Path:
    """Validate ``config`` and save it under ``name`` (replacing a same-named one); returns the file.

    ``actor``: the signed-in identity saving it (the caller records the change under that name).

    Raises
    ------
    DataValidationError
        For an empty or too long name, or a configuration the evaluation would refuse.
    """
    name = (name or "").strip()
    if not name:
        raise DataValidationError("请为配置起一个名称", hint="例如「2024 年公示版」")
    if len(name) > MAX_NAME_CHARS:
        raise DataValidationError(f"配置名称过长（{len(name)} 字）", hint=f"请不超过 {MAX_NAME_CHARS} 字")
    config_from_mapping(config)  # refuses what the evaluation would refuse
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    doc = {"name": name, "official": official, "saved": (when or date.today()).isoformat(), "config": config}
    path = directory / _file_for(name, official)
    fd, tmp = tempfile.mkstemp(prefix=".cfg-", suffix=".yaml", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, allow_unicode=True, sort_keys=False)
    os.replace(tmp, path)
    return path


def list_named_configs(directory: Path | str) -> list[NamedConfig]:
    """The saved configurations, the official one first, then by name; files that no longer
    validate are skipped (an absent folder gives an empty list)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            config = doc.get("config") or {}
            config_from_mapping(config)
        except (yaml.YAMLError, DataValidationError, AttributeError):
            continue
        out.append(
            NamedConfig(
                name=str(doc.get("name", path.stem)),
                official=path.name == OFFICIAL_FILE,
                saved=str(doc.get("saved", "")),
                config=config,
                path=path,
            )
        )
    return sorted(out, key=lambda c: (not c.official, c.name))

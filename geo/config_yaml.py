"""Rules files (evaluation, land control): read with a Chinese message for a missing or bad file,
layered over their defaults, their numbers checked."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import yaml

from geo.errors import DataValidationError
from geo.messages.sources import in_both


def read_config_yaml(path: Path, what: str) -> dict:
    """The mapping in the YAML file ``path`` ({} for an empty file); ``what`` names the file in
    messages (e.g. ``评价配置文件``).

    Raises
    ------
    DataValidationError
        When the file is missing, is not YAML, or holds something other than a mapping.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise DataValidationError.of(
            "config.not_found", what=in_both(what, "config.file"), path=path
        ) from exc
    except yaml.YAMLError as exc:
        raise DataValidationError.of(
            "config.not_yaml", what=in_both(what, "config.file"), name=path.name, error=exc
        ) from exc
    if raw is not None and not isinstance(raw, dict):
        raise DataValidationError.of("config.not_mapping", what=in_both(what, "config.file"), name=path.name)
    return raw or {}


def layered(base: Mapping, over: Mapping, *, shallow: Collection[str] = ()) -> dict:
    """``over`` laid on ``base``: nested mappings merged key by key, anything else replaced.

    Parameters
    ----------
    shallow
        Keys whose mapping is merged one level only: each entry given in ``over`` replaces the
        default's entry whole (the evaluation's ``weights``: a group given is the whole group).
    """
    out = dict(base)
    for key, value in over.items():
        default = base.get(key)
        if isinstance(value, Mapping) and isinstance(default, Mapping):
            out[key] = {**default, **value} if key in shallow else layered(default, value, shallow=shallow)
        else:
            out[key] = value
    return out


def config_number(
    value: Any,
    where: str,
    *,
    error: Callable[[str], DataValidationError],
    allow_none: bool = False,
) -> float | None:
    """``value`` as a float, or the error ``error`` makes of 「where」应为数字，却是 … for anything
    that is not a finite number (a bool is not one). ``None`` passes only with ``allow_none``."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise error(f"「{where}」应为数字，却是 {value!r}")
    return float(value)

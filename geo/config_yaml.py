"""Reading a rules YAML file (evaluation, land control): a Chinese message for a missing or bad file."""

from __future__ import annotations

from pathlib import Path

import yaml

from geo.errors import DataValidationError


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
        raise DataValidationError(f"找不到{what} {path}", hint="请检查路径") from exc
    except yaml.YAMLError as exc:
        raise DataValidationError(f"{what} {path.name} 不是合法的 YAML：{exc}") from exc
    if raw is not None and not isinstance(raw, dict):
        raise DataValidationError(f"{what} {path.name} 的内容应为键值表")
    return raw or {}

"""The departments an objection is sent to for checking (核实部门), from configuration
(geo/publication/departments.yaml) with their names in Chinese and English."""

from __future__ import annotations

from pathlib import Path

from geo.config_yaml import read_config_yaml
from geo.errors import DataValidationError
from geo.messages import Lang

DEPARTMENTS_YAML = Path(__file__).with_name("departments.yaml")


def load_departments(path: Path | None = None) -> list[dict[str, str]]:
    """The configured departments in order, each ``{"zh": …, "en": …}``.

    Raises
    ------
    DataValidationError
        When the file is missing or not YAML, lists no department, or an entry lacks a name in
        Chinese or English.
    """
    path = DEPARTMENTS_YAML if path is None else Path(path)
    raw = read_config_yaml(path, "核实部门配置文件")
    entries = raw.get("departments")
    if not isinstance(entries, list) or not entries:
        raise DataValidationError.of("publication.departments_missing", file=path.name)
    out = []
    for n, entry in enumerate(entries, start=1):
        names = entry if isinstance(entry, dict) else {}
        if not all(str(names.get(k) or "").strip() for k in ("zh", "en")):
            raise DataValidationError.of("publication.department_unnamed", file=path.name, n=n)
        out.append({k: str(names[k]).strip() for k in ("zh", "en")})
    return out


def department_names(lang: Lang, *, path: Path | None = None) -> list[str]:
    """The configured departments' names in ``lang`` (``税务局`` / ``Tax bureau`` first)."""
    return [d["en" if lang == "en" else "zh"] for d in load_departments(path)]


def default_department(lang: Lang, *, path: Path | None = None) -> str:
    """The objection form's default department, in ``lang``: the first configured one."""
    return department_names(lang, path=path)[0]

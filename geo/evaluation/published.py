"""Counties' published evaluation methods shipped ready to use (geo/evaluation/methods/*.yaml), by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.config_yaml import read_config_yaml
from geo.errors import DataValidationError
from geo.evaluation.rules import EvaluationConfig, config_from_mapping
from geo.messages import both, listed

METHODS_DIR = Path(__file__).resolve().parent / "methods"


@dataclass(frozen=True)
class Method:
    """One published method: its name (``huangyan-2023``), titles, source and file."""

    name: str
    title: str
    title_en: str
    source: str
    path: Path


def _method_of(path: Path) -> Method:
    about = read_config_yaml(path, "评价方法文件").get("method") or {}
    return Method(
        name=str(about.get("name") or path.stem),
        title=str(about.get("title") or path.stem),
        title_en=str(about.get("title_en") or about.get("title") or path.stem),
        source=str(about.get("source") or ""),
        path=path,
    )


def list_methods() -> tuple[Method, ...]:
    """The shipped methods, by name."""
    return tuple(sorted((_method_of(p) for p in METHODS_DIR.glob("*.yaml")), key=lambda m: m.name))


def method_config(name: str) -> EvaluationConfig:
    """The configuration of the method ``name``: its file over the defaults of geo/evaluation/evaluation.yaml.

    Raises
    ------
    DataValidationError
        For a name that is not a shipped method (the message lists those that are).
    """
    return config_from_mapping(method_mapping(name))


def method_mapping(name: str) -> dict:
    """The method file of ``name`` as a mapping laid out like geo/evaluation/evaluation.yaml (with its
    ``method:`` name, titles and source), for a page to start from or to layer edits over.

    Raises
    ------
    DataValidationError
        For a name that is not a shipped method.
    """
    methods = {m.name: m for m in list_methods()}
    if name not in methods:
        raise DataValidationError.of(
            "evaluation.no_such_method",
            name=name,
            methods=listed(methods) if methods else both("evaluation.no_methods"),
        )
    return read_config_yaml(methods[name].path, "评价方法文件")

"""A module of this repository as it was at an earlier git revision, loaded beside today's modules: the
reference a bench compares today's code with, in the same run."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def module_at(ref: str, path: str, name: str, *, replace: bool = False) -> ModuleType:
    """The module at ``path`` (``geo/exports/tables.py``) as it was at git revision ``ref``, loaded
    under ``name``; with ``replace`` it takes that name's place in ``sys.modules``, so that today's
    modules importing ``name`` get it."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    file = Path(tempfile.mkdtemp()) / f"{name.replace('.', '_')}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    if replace:
        sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

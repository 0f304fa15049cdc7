"""Dependencies point one way: pages -> layers -> geo. geo and layers never import streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_geo_imports_neither_streamlit_nor_folium_nor_layers():
    for path in (ROOT / "geo").glob("*.py"):
        bad = _imports(path) & {"streamlit", "folium", "streamlit_folium", "layers", "pages", "branca"}
        assert not bad, f"{path.name} imports {bad}"


def test_layers_import_no_streamlit_and_no_pages():
    for path in (ROOT / "layers").glob("*.py"):
        bad = _imports(path) & {"streamlit", "streamlit_folium", "pages"}
        assert not bad, f"{path.name} imports {bad}"


def test_importing_geo_and_layers_leaves_streamlit_unloaded():
    code = (
        "import sys, importlib, pkgutil, geo, layers\n"
        "for m in pkgutil.iter_modules(geo.__path__): importlib.import_module('geo.' + m.name)\n"
        "for m in pkgutil.iter_modules(layers.__path__): importlib.import_module('layers.' + m.name)\n"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

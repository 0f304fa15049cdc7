"""Dependencies point one way: pages -> layers -> geo. geo and layers never import streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.fixtures import ROOT


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
    for path in (ROOT / "geo").rglob("*.py"):
        bad = _imports(path) & {"streamlit", "folium", "streamlit_folium", "layers", "pages", "branca"}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def _module_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_nothing_outside_the_command_line_imports_it():
    """geo/cli/ only parses arguments and prints: the app, the layers and geo never depend on it."""
    for folder in ("geo", "layers", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if (ROOT / "geo" / "cli") in path.parents:
                continue
            bad = {m for m in _module_imports(path) if m == "geo.cli" or m.startswith("geo.cli.")}
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_layers_import_no_streamlit_and_no_pages():
    for path in (ROOT / "layers").glob("*.py"):
        bad = _imports(path) & {"streamlit", "streamlit_folium", "pages"}
        assert not bad, f"{path.name} imports {bad}"


def test_importing_geo_and_layers_leaves_streamlit_unloaded():
    """The one run-time check (it replaces the copies that lived in test_ingest and test_metrics):
    every geo module, the CLI included, loads neither streamlit nor folium; layers load no streamlit."""
    code = (
        "import sys, importlib, pkgutil, geo\n"
        "assert 'streamlit' not in sys.modules\n"
        "for m in pkgutil.walk_packages(geo.__path__, 'geo.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "print('streamlit' in sys.modules, 'folium' in sys.modules)\n"
        "import layers\n"
        "for m in pkgutil.iter_modules(layers.__path__): importlib.import_module('layers.' + m.name)\n"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_ui_has_no_emoji_that_would_render_as_boxes():
    """No emoji font ships with the app or Debian's fonts-noto-cjk: UI text uses Material icons."""
    import re

    emoji = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
    for path in [
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        ROOT / "geo" / "i18n.py",
        ROOT / "layers" / "_strings.py",
    ]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not emoji.search(line), f"{path.name}:{n}: {line.strip()}"


def test_readme_layout_names_every_module():
    """The README's layout section is drawn from the tree: each module of geo, layers and pages is named."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for folder in ("geo", "layers", "pages", "data", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name in ("__init__.py", "__main__.py"):
                continue
            assert path.name in layout, f"README layout does not mention {path.relative_to(ROOT)}"


def test_no_module_is_over_700_lines():
    """A newcomer reads a module in one sitting: the largest stays under 700 lines."""
    for folder in ("geo", "layers", "pages", "data"):
        for path in (ROOT / folder).rglob("*.py"):
            n = len(path.read_text(encoding="utf-8").splitlines())
            assert n < 700, f"{path.relative_to(ROOT)} has {n} lines"

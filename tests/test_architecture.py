"""The house's shape: dependencies point one way (pages -> layers -> geo; geo and layers never import
streamlit), modules stay readable, the README draws the tree, tests are filed by area.

Every walk over a folder first checks that the folder holds the code it is about (``_modules``), so
none of these tests passes on an empty or moved folder."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tokenize
from pathlib import Path

from tests.fixtures import ROOT

# The least number of modules each folder holds today: a walk that finds fewer looks in the wrong place.
MIN_MODULES = {"geo": 60, "layers": 20, "pages": 15, "data": 8, "bench": 8, "tests": 100}


def _modules(folder: str, *, recursive: bool = True) -> list[Path]:
    """The Python modules under ``ROOT / folder``, checked to be there and to hold code."""
    paths = sorted((ROOT / folder).rglob("*.py") if recursive else (ROOT / folder).glob("*.py"))
    least = MIN_MODULES[folder] if recursive else 1
    assert len(paths) >= least, f"{folder}/ holds {len(paths)} modules, expected at least {least}"
    assert sum(len(ast.parse(p.read_text(encoding="utf-8")).body) for p in paths) >= least, folder
    return paths


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
    for path in _modules("geo"):
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
        for path in _modules(folder):
            if (ROOT / "geo" / "cli") in path.parents:
                continue
            bad = {m for m in _module_imports(path) if m == "geo.cli" or m.startswith("geo.cli.")}
            assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_layers_import_no_streamlit_and_no_pages():
    for path in _modules("layers"):
        bad = _imports(path) & {"streamlit", "streamlit_folium", "pages"}
        assert not bad, f"{path.name} imports {bad}"


def test_importing_geo_and_layers_leaves_streamlit_unloaded():
    """The one run-time check (it replaces the copies that lived in test_ingest and test_metrics):
    every geo module, the CLI included, loads neither streamlit nor folium; layers load no streamlit."""
    code = (
        "import sys, importlib, pkgutil, geo\n"
        "assert 'streamlit' not in sys.modules\n"
        "n = 0\n"
        "for m in pkgutil.walk_packages(geo.__path__, 'geo.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name); n += 1\n"
        "print(n, 'streamlit' in sys.modules, 'folium' in sys.modules)\n"
        "import layers\n"
        "k = 0\n"
        "for m in pkgutil.walk_packages(layers.__path__, 'layers.'):\n"
        "    importlib.import_module(m.name); k += 1\n"
        "print(k, 'streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    n_geo, *geo_loaded, n_layers, layers_loaded = out.stdout.split()
    # every module was imported: as many as the folders hold, less the packages' own __main__
    n_main = len([p for p in _modules("geo") if p.name == "__main__.py"])
    assert int(n_geo) == len(_modules("geo")) - n_main - 1, out.stdout  # geo/__init__.py ran first
    assert int(n_layers) == len(_modules("layers")) - 1, out.stdout
    assert geo_loaded == ["False", "False"] and layers_loaded == "False", out.stdout


def test_ui_has_no_emoji_that_would_render_as_boxes():
    """No emoji font ships with the app or Debian's fonts-noto-cjk: UI text uses Material icons."""
    import re

    emoji = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
    for path in [
        ROOT / "app.py",
        *_modules("pages"),
        *sorted((ROOT / "geo" / "messages").rglob("*.py")),
    ]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not emoji.search(line), f"{path.name}:{n}: {line.strip()}"


def test_readme_layout_names_every_module():
    """The README's layout section is drawn from the tree: each module of geo, layers and pages is named."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for folder in ("geo", "layers", "pages", "data", "bench"):
        for path in _modules(folder):
            if path.name in ("__init__.py", "__main__.py"):
                continue
            assert path.name in layout, f"README layout does not mention {path.relative_to(ROOT)}"


PYTHON_FOLDERS = ("geo", "layers", "pages", "data", "tests", "bench")


def _project_python() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "serve.py"]
    for folder in PYTHON_FOLDERS:
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def _comments(path: Path) -> list[tuple[int, str]]:
    with path.open("rb") as f:
        return [
            (tok.start[0], tok.string)
            for tok in tokenize.tokenize(f.readline)
            if tok.type == tokenize.COMMENT
        ]


def test_no_code_escapes_the_formatter():
    """No comment telling the formatter to skip a line or switch off (the ``fmt`` directives): a long
    line is split, never hidden from ``ruff format`` to keep a module under the size guard."""
    files = _project_python()
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in files
        for n, text in _comments(path)
        if re.search(r"fmt:\s*(skip|off)\b", text)
    ]
    assert len(files) > 100  # the folders are there (an empty tree would pass)
    assert not found, f"formatter escapes: {found}"


def test_no_module_is_over_700_lines(tmp_path):
    """A newcomer reads a module in one sitting: the largest stays under 700 lines, counted as
    ``ruff format`` writes it (squeezed lines cannot pass)."""
    copies = []
    for folder in ("geo", "layers", "pages", "data"):
        for path in _modules(folder):
            copy = tmp_path / path.relative_to(ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(path.read_bytes())
            copies.append(copy)
    assert len(copies) > 100
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    ruff = Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "--quiet", "."], cwd=tmp_path, check=True)
    for copy in copies:
        n = len(copy.read_text(encoding="utf-8").splitlines())
        assert n < 700, f"{copy.relative_to(tmp_path)} has {n} lines once formatted"


def test_every_top_level_page_file_is_a_page():
    """Streamlit's legacy pages-directory scan lists every ``pages/*.py`` (app.py): a top-level file
    there is a page's script, named in app.py's navigation; shared code lives in packages."""
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    scripts = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert len(scripts) == 7
    for name in scripts:
        assert f'"pages/{name}"' in app, f"pages/{name} is not a page in app.py"


def test_no_private_name_is_imported_from_another_module():
    """``ruff check`` enforces PLC2701 (import-private-name) project-wide: pyproject.toml selects it."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lint = config.split("[tool.ruff.lint]", 1)[1].split("\n[", 1)[0]
    assert "PLC2701" in lint and "preview = true" in lint
    ruff = Path(sys.executable).parent / "ruff"
    out = subprocess.run(
        [str(ruff), "check", "--select", "PLC2701", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout


def test_lines_are_limited_and_the_code_is_formatted():
    """Line length is enforced (E501 is not ignored) and ``setup.sh test`` checks the formatting."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lint = config.split("[tool.ruff.lint]", 1)[1].split("\n[", 1)[0]
    ignored = re.findall(r"^ignore\s*=\s*\[(.*?)\]", lint, re.M | re.S)
    assert '"E"' in lint and not any("E501" in found for found in ignored)
    assert "line-length = 110" in config
    assert ".venv/bin/ruff format --check ." in (ROOT / "setup.sh").read_text(encoding="utf-8")


PROJECT_PACKAGES = ("geo", "layers", "pages", "data", "tests", "bench")


def test_no_module_imports_a_private_name_inside_its_own_package():
    """PLC2701 leaves imports inside one top-level package alone (``from layers._canvas import
    to_js`` passed it): no module of the project imports an underscore module or name of the
    project, wherever it sits."""
    found = []
    for folder in PROJECT_PACKAGES:
        for path in _modules(folder):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                    continue
                parts = node.module.split(".")
                if parts[0] not in PROJECT_PACKAGES:
                    continue
                names = [a.name for a in node.names]
                private = [p for p in parts if p.startswith("_") and not p.startswith("__")]
                private += [n for n in names if n.startswith("_") and not n.startswith("__")]
                if private:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module} {private}")
    assert not found, "\n".join(found)


# ------------------------------------------------------------------------------------- tests by area

# Unit-test areas that are not a package of geo/: geo/access.py, and the demo data of data/.
EXTRA_UNIT_AREAS = ("access", "data", "settings")
# What may sit in tests/ itself: everything else is filed in an area.
TESTS_ROOT_FILES = {"__init__.py", "conftest.py", "test_architecture.py"}


def _test_functions(folder: Path) -> dict[str, int]:
    """The test modules of ``folder`` (not below it) and how many test functions each defines."""
    out = {}
    for path in sorted(folder.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out[path.name] = sum(
            isinstance(n, ast.FunctionDef) and n.name.startswith("test_") for n in ast.walk(tree)
        )
    return out


def test_tests_are_filed_by_area():
    """A reviewer finds the test of a feature from the tree: one folder per area of geo/ under
    tests/unit/, then render/ (layers), app/ (AppTest), browser/ (Chromium); each holds tests."""
    geo_areas = sorted(p.parent.name for p in (ROOT / "geo").glob("*/__init__.py"))
    assert len(geo_areas) >= 10, geo_areas
    areas = [f"unit/{a}" for a in (*geo_areas, *EXTRA_UNIT_AREAS)] + ["render", "app", "browser"]
    for area in areas:
        folder = ROOT / "tests" / area
        assert (folder / "__init__.py").exists(), f"tests/{area}/ is missing (or not a package)"
        found = _test_functions(folder)
        assert found, f"tests/{area}/ holds no test module"
        empty = [name for name, n in found.items() if n == 0]
        assert not empty, f"tests/{area}/: {empty} define no test"
    filed = {p.relative_to(ROOT / "tests").parts[0] for p in (ROOT / "tests").rglob("test_*.py")}
    assert filed == {"unit", "render", "app", "browser", "test_architecture.py"}, filed
    loose = {p.name for p in (ROOT / "tests").glob("*.py")} - TESTS_ROOT_FILES
    assert not loose, f"tests/ holds {sorted(loose)}: file them under unit/<area>, render, app or browser"
    fixtures = ROOT / "tests" / "fixtures"
    assert not list(fixtures.glob("test_*.py")) and len(list(fixtures.glob("*.py"))) >= 8


def test_browser_tests_live_in_browser_and_only_there():
    """Real-Chromium tests are marked ``browser`` (skipped by ``-m "not browser"``) and filed in
    tests/browser/; a test elsewhere never drives the browser."""
    browser = ROOT / "tests" / "browser"
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        if path.name == "test_architecture.py":  # this test names the mark
            continue
        text = path.read_text(encoding="utf-8")
        marked = "pytest.mark.browser" in text
        if browser in path.parents:
            assert "pytestmark = pytest.mark.browser" in text, f"{path.relative_to(ROOT)} is not marked"
        else:
            assert not marked, f"{path.relative_to(ROOT)} holds a browser test outside tests/browser/"

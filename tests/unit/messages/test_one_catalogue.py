"""The one string catalogue (geo/messages/): the areas' tables merged without a duplicate, every key the
code looks up present, the old tables gone, and the interface's texts as they were before the merge."""

from __future__ import annotations

import ast
import pkgutil
import string
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest

import geo.messages
from geo.errors import DataValidationError
from geo.messages import AREAS, MESSAGES, merged, message, t
from geo.messages.names import industry_name
from tests.fixtures import ROOT

# The keys the four tables (pages/strings/, layers/strings.py, geo/i18n.py, geo/messages/) held when
# they were merged into one: the catalogue may grow, never lose one.
KEYS_WHEN_MERGED = 1439

# Entries whose "English" is deliberately Chinese: a default value the user keeps as data.
CHINESE_IN_BOTH: set[str] = set()  # (the objection form's department is now a choice)

LOOKUPS = ("t", "message", "of", "has_hint")


def _area(name: str, table: dict[str, tuple[str, str]]) -> ModuleType:
    module = ModuleType(name)
    module.MESSAGES = table
    return module


def test_merging_refuses_a_key_defined_in_two_modules():
    first = _area("geo.messages.first", {"a.one": ("一", "one"), "a.two": ("二", "two")})
    second = _area("geo.messages.second", {"a.two": ("两", "two"), "b.three": ("三", "three")})
    both = r"'a\.two' is defined in both geo\.messages\.first and geo\.messages\.second"
    with pytest.raises(ValueError, match=both):
        merged([first, second])
    assert merged([first]) == {"a.one": ("一", "one"), "a.two": ("二", "two")}
    with pytest.raises(ValueError, match="no MESSAGES table in geo.messages.empty"):
        merged([first, ModuleType("geo.messages.empty")])


def test_one_table_holds_every_areas_entries():
    assert len(MESSAGES) == sum(len(area.MESSAGES) for area in AREAS)  # nothing overwritten
    assert len(MESSAGES) >= KEYS_WHEN_MERGED


def _is_table(value: object) -> bool:
    """A dict of catalogue keys (dotted: ``area.name``) -> (中文, English), whatever its name (an area's
    table, or one still named STRINGS); not a table of marks keyed ``list``, ``clause``."""
    return (
        isinstance(value, dict)
        and any(isinstance(key, str) and "." in key for key in value)
        and all(
            isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v)
            for v in value.values()
        )
    )


def test_every_module_with_a_table_is_merged():
    with_table = set()
    for info in pkgutil.walk_packages(geo.messages.__path__, "geo.messages."):
        module = import_module(info.name)
        if any(_is_table(value) for name, value in vars(module).items() if name != "MESSAGES"):
            with_table.add(info.name)
        if isinstance(getattr(module, "MESSAGES", None), dict):
            with_table.add(info.name)
    with_table.discard("geo.messages")  # the merged table itself
    assert with_table == {area.__name__ for area in AREAS}
    assert len(with_table) >= 15


def _fields(template: str) -> set[str]:
    parsed = string.Formatter().parse(template)
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name}


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_entry_has_chinese_and_english_with_the_same_fields():
    for key, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), key
        assert _fields(zh) == _fields(en), key
        literal = "".join(text for text, *_ in string.Formatter().parse(en))
        if key in CHINESE_IN_BOTH:
            assert zh == en, key
        elif not any(ch.isascii() and ch.isalpha() for ch in literal):
            assert not _has_chinese(literal), (key, en)  # only fields and punctuation: '{name} ({n})'


def _project_python() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "serve.py"]
    for folder in ("geo", "layers", "pages", "data", "tests", "bench"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def _looked_up() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(place, key) of every ``t("…")``, ``message("…")``, ``….of("…")``, ``has_hint("…")`` in the project,
    and (place, prefix) of those whose key is an f-string."""
    literal, prefixes = set(), set()
    for path in _project_python():
        if path == Path(__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in LOOKUPS:
                continue
            first, where = node.args[0], f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                literal.add((where, first.value))
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefixes.add((where, first.values[0].value))
    return literal, prefixes


def test_every_key_the_code_looks_up_is_in_the_catalogue():
    literal, prefixes = _looked_up()
    assert len(literal) > 1000 and len(prefixes) > 10
    missing = sorted(f"{where}: {key}" for where, key in literal if key not in MESSAGES)
    assert not missing, missing
    unknown = sorted(f"{where}: {p}…" for where, p in prefixes if not any(k.startswith(p) for k in MESSAGES))
    assert not unknown, unknown


def test_the_old_tables_are_gone_and_nothing_imports_them():
    assert not list((ROOT / "pages" / "strings").glob("*.py"))
    assert not (ROOT / "layers" / "strings.py").exists()
    assert not (ROOT / "geo" / "i18n.py").exists()
    old = ("pages.strings", "layers.strings", "geo.i18n")
    found = []
    for path in _project_python():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(name == o or name.startswith(f"{o}.") for name in names for o in old):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_an_unknown_key_raises():
    with pytest.raises(KeyError):
        t("no.such.key", "en")
    with pytest.raises(KeyError):
        message("no.such.key")


@pytest.mark.parametrize(
    ("key", "zh", "en"),
    [
        # the pages' (pages/strings/ before the merge)
        ("overview.header", "苏州产业布局一张图 · 总览", "Suzhou Industrial Layout Atlas · Overview"),
        ("data.header", "数据管理：导入与导出", "Data: import and export"),
        ("eff.cmp.prev_import", "上年（导入）", "last year (imported)"),
        ("zones.header", "区镇/园区亩均效益评价", "Zones scored"),
        ("city.data", "数据", "Data"),
        ("parcel.details", "宗地详情", "Parcel details"),
        # the layers' (layers/strings.py)
        ("app.title", "苏州产业布局一张图", "Suzhou Industrial Layout Atlas"),
        ("eff.class.A", "A 优先发展", "A — Prioritise"),  # capitalised (walk16 item 15)
        ("layer.carries", "承载「{industry}」的开发区", "Zones carrying {industry}"),
        # geo's (geo/i18n.py, geo/messages/)
        ("app.disclaimer", "示意图，不作为权属界线依据", "Schematic map, not a legal boundary"),
        ("legend.title", "图例", "Legend"),
        ("exports.zone_table.sheet", "区镇评价", "Zones"),
    ],
)
def test_the_interface_texts_are_unchanged(key, zh, en):
    assert (t(key), t(key, "zh"), t(key, "en")) == (zh, zh, en)


def test_templates_are_filled_in_either_language():
    assert message("layer.count_range", "zh", low=1, high=5) == "1–5 家"
    assert message("layer.count_range", "en", low=1, high=5) == "1–5 enterprises"
    assert message("eff.warn.legend", "zh", n=1234) == "预警企业（1,234 家，紫色外圈）"
    assert message("eff.warn.legend", "en", n=1234) == "With warnings (1,234, purple ring)"
    err = DataValidationError.of("ingest.no_such_layer", file="园区.gpkg", layer="x", layers="a、b")
    assert err.text("en") == "“园区.gpkg” has no layer “x”. Its layers: a、b"


def test_industries_are_named_in_the_language_asked():
    assert industry_name("新材料") == "新材料"
    assert industry_name("新材料", "en") == "New materials"
    assert industry_name("纺织服装", "en") == "纺织服装"  # no English known: its own name

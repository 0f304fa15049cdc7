"""The message catalogue (geo/messages/): every message geo writes in both languages with the same
parameters, every key geo raises present, and an error written in the asker's language."""

from __future__ import annotations

import ast
import string

import pytest

from geo.errors import DataValidationError, LayerChoiceError
from geo.ingest import read_upload
from geo.messages import AREAS, MESSAGES, message
from tests.fixtures import ROOT


def _fields(template: str) -> set[str]:
    parsed = string.Formatter().parse(template)
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name}


def test_every_message_geo_writes_has_both_languages_with_the_same_parameters():
    geo_areas = [area for area in AREAS if ".ui." not in area.__name__]  # the interface's: test_one_catalogue
    assert len(geo_areas) >= 8
    for area in geo_areas:
        for key, (zh, en) in area.MESSAGES.items():
            assert zh.strip() and en.strip(), key
            assert _fields(zh) == _fields(en), key
            literal = "".join(text for text, *_ in string.Formatter().parse(en))
            # written in English: English words, or (a pattern like "{label} ({unit})") ASCII marks only
            english = any(ch.isascii() and ch.isalpha() for ch in literal)
            assert english or all(ch.isascii() or ch in "–→≥≤×·…" for ch in literal), key


def _keys_of(node: ast.expr) -> list[str]:
    """The literal keys an argument names (a string, or either branch of ``a if … else b``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _keys_of(node.body) + _keys_of(node.orelse)
    return []


def _raised_keys() -> set[tuple[str, str]]:
    """(module, key) of every ``….of("key", …)`` call in geo/, and of the thin helpers that pass a
    key on to it (``_bad("key", …)`` of the evaluation's configuration checks)."""
    found = set()
    for path in (ROOT / "geo").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if (isinstance(func, ast.Attribute) and func.attr == "of") or (
                isinstance(func, ast.Name) and func.id == "_bad"
            ):
                found.update((str(path.relative_to(ROOT)), key) for key in _keys_of(node.args[0]))
    return found


def test_every_key_geo_raises_is_in_the_catalogue():
    raised = _raised_keys()
    assert len(raised) >= 3
    missing = sorted(f"{where}: {key}" for where, key in raised if key not in MESSAGES)
    assert not missing, missing


def test_an_error_is_written_in_the_language_asked(tmp_path):
    err = DataValidationError.of("ingest.no_such_layer", file="园区.gpkg", layer="x", layers="a、b")
    assert str(err) == "「园区.gpkg」中没有图层「x」。现有图层：a、b"
    assert err.text("zh") == str(err)
    assert err.text("en") == "“园区.gpkg” has no layer “x”. Its layers: a、b"
    assert (err.key, err.params["layer"]) == ("ingest.no_such_layer", "x")
    plain = DataValidationError("旧式消息", hint="提示")
    assert plain.text("en") == "旧式消息。提示"  # no key: its Chinese stands


def test_a_file_of_two_layers_asks_for_one_in_either_language(tmp_path):
    import geopandas as gpd
    import shapely

    path = tmp_path / "two.gpkg"
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(120.6, 31.3)], crs=4326)
    frame.to_file(path, layer="first")
    frame.to_file(path, layer="second")
    with pytest.raises(LayerChoiceError) as info:
        read_upload(path.read_bytes(), "two.gpkg")
    assert info.value.layers == ("first", "second")
    assert str(info.value).startswith("「two.gpkg」中有 2 个图层，请选择一个：first、second")
    assert info.value.text("en").startswith("“two.gpkg” holds 2 layers; choose one: first, second")
    hint = "Choose the layer when importing (--layer on the command line)"
    assert message("ingest.choose_layer.hint", "en") == hint

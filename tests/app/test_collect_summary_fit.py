"""walk10: the 数据归集 match report's summary ran off the page at 1280 px (its last column cut).
On screen its key columns come first, headed short (the full names in the headers' help), then
what fits; the columns left out are named and stay in the report download."""

from __future__ import annotations

import pytest

from geo.collect import SourceInput, collect
from geo.collect.report import summary_table
from pages.data.collect import summary_on_screen
from pages.efficiency.fitting import SUMMARY_PX
from tests.fixtures.collect import write_files


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    files = write_files(tmp_path_factory.mktemp("collect"))
    sources = [
        SourceInput(d, files[d].name, files[d].read_bytes()) for d in ("tax", "stats", "power", "land")
    ]
    return collect(SourceInput("register", files["register"].name, files["register"].read_bytes()), sources)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_fits_the_page_and_names_what_it_leaves(collection, lang):
    full = summary_table(collection, lang=lang)
    shown, fitted, config, left = summary_on_screen(full, lang)
    assert sum(fitted.widths.values()) <= SUMMARY_PX
    assert set(fitted.widths) == set(shown.columns)
    key = {
        "zh": ["部门", "文件", "行数", "未匹配", "校验不符", "冲突"],
        "en": ["Department", "File", "Rows", "Unmatched", "Bad check", "Conflicts"],
    }[lang]
    assert list(shown.columns[:6]) == key
    # every count is on screen or named as left to the download, under its full name
    assert len(shown.columns) + len(left) == len(full.columns)
    assert "SHA-256" in left
    helps = {c: v["help"] for c, v in config.items() if "help" in v}
    assert helps[key[4]] == ("代码校验不符" if lang == "zh" else "Codes failing their check")
    # the rows are the departments' and the register's, values unchanged
    assert shown[key[2]].tolist() == full[full.columns[2]].tolist()


def test_a_problem_some_file_has_comes_before_the_match_methods(collection):
    full = summary_table(collection, lang="zh")
    full["同一户号/宗地匹配到多家"] = full["同一户号/宗地匹配到多家"].astype("Int64")
    full.loc[0, "同一户号/宗地匹配到多家"] = 3
    shown, _, _, left = summary_on_screen(full, "zh")
    assert list(shown.columns[:7]) == ["部门", "文件", "行数", "未匹配", "校验不符", "冲突", "一户多家"]

"""数据归集 with one bad department file (issue 23, walk9): every file is read, the bad one is kept
with its reason beside the others' results; a file in another department's slot is named as that
department's; no department usable at all gives each one's reason in the order given."""

from __future__ import annotations

import pytest

from geo.collect import NothingCollected, SourceInput, collect
from geo.errors import DataValidationError
from tests.fixtures.collect import CODES, EXPECTED, write_files


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_files(tmp_path_factory.mktemp("collect"))


def _src(dept, path, name=None):
    return SourceInput(dept, name or path.name, path.read_bytes())


def _register(files):
    return _src("register", files["register"])


def test_a_bad_file_is_reported_beside_the_departments_collected(files):
    sources = [
        _src("tax", files["tax"]),
        _src("stats", files["land"]),  # the 自然资源 file in the 统计 slot
        SourceInput("power", "供电.csv", b""),  # empty: cannot be read
    ]
    got = collect(_register(files), sources, keep_going=True)
    assert list(got.departments) == ["tax"]
    assert got.assembled.set_index("ent_id").loc[CODES["A"], "tax_wan_yuan"] == EXPECTED["A"]["tax_wan_yuan"]
    assert list(got.failed) == ["stats", "power"]  # in the order the files were given
    stats = got.failed["stats"]
    assert stats.key == "collect.no_value_columns_other"
    assert "统计文件「自然资源.xlsx」中没有找到统计的数值列；这像是自然资源的文件" in stats.text("zh")
    assert "it looks like a Natural resources bureau file" in stats.text("en")
    assert got.failed["power"].key == "collect.empty_file"


def test_by_default_the_first_bad_file_still_stops_the_run(files):
    with pytest.raises(DataValidationError) as err:
        collect(_register(files), [_src("stats", files["land"]), _src("tax", files["tax"])])
    assert err.value.key == "collect.no_value_columns_other"


def test_a_file_of_no_department_keeps_the_hint_for_its_own_headers(files, tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("统一社会信用代码,备注\n" + CODES["A"] + ",x\n", encoding="utf-8")
    got = collect(_register(files), [_src("tax", files["tax"]), _src("stats", odd)], keep_going=True)
    err = got.failed["stats"]
    assert err.key == "collect.no_value_columns"
    assert "--map stats.sales_wan_yuan=列名" in err.text("zh")  # the command line's hint, a real field


def test_no_usable_file_gives_every_reason_in_order(files):
    sources = [SourceInput("power", "供电.csv", b""), _src("stats", files["land"])]
    with pytest.raises(NothingCollected) as err:
        collect(_register(files), sources, keep_going=True)
    assert list(err.value.failed) == ["power", "stats"]
    text = err.value.text("zh")
    assert text.index("供电文件「供电.csv」是空的") < text.index("这像是自然资源的文件")

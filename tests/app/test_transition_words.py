"""The yearly comparison's entrants and leavers in the words of a file's language (issue 23, the
walk: "NEW"/"GONE" in the Chinese workbook): the 亩均 page's Chinese XLSX says 新进入/退出 in its
transition and change sheets, the English one keeps NEW/GONE; the command line's Chinese CSV too;
an enterprise named "NEW" keeps its name."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from geo import yearly
from geo.exports.run_files import write_outputs
from tests.fixtures.app import open_page


def test_transition_words_rewrite_the_class_columns_and_the_wide_labels_only():
    changes = pd.DataFrame(
        {"name": ["NEW", "乙"], "from_class": ["NEW", "A"], "to_class": ["B", "GONE"], "land_mu": [1.0, 2.0]}
    )
    zh = yearly.transition_words(changes, "zh")
    assert zh[["name", "from_class", "to_class"]].values.tolist() == [
        ["NEW", "新进入", "B"],
        ["乙", "A", "退出"],
    ]
    headed = changes.rename(columns={"from_class": "上年类别", "to_class": "本年类别"})
    assert yearly.transition_words(headed, "zh")["上年类别"].tolist() == ["新进入", "A"]
    assert yearly.transition_words(changes, "en").equals(changes)  # English keeps NEW / GONE
    wide = yearly.transition_table(yearly.transition_matrix(changes))
    words = yearly.transition_words(wide, "zh")
    assert list(words.index) == ["新进入", "A", "B", "C", "D", "T", "合计"]
    assert list(words.columns) == ["A", "B", "C", "D", "T", "退出", "合计"]
    assert words.loc["新进入", "B"] == 1 and words.loc["A", "退出"] == 1
    with pytest.raises(ValueError):
        yearly.transition_words(changes, "fr")


def test_the_command_lines_chinese_csv_says_xinjinru_and_tuichu(tmp_path):
    matrix = pd.DataFrame(
        {
            "from_class": ["NEW", "A"],
            "to_class": ["B", "GONE"],
            "n_enterprises": [1, 1],
            "land_mu": [1.0, 2.0],
        }
    )
    write_outputs({"transitions": matrix}, tmp_path / "zh", lang="zh")
    write_outputs({"transitions": matrix}, tmp_path / "en", lang="en")
    zh = pd.read_csv(tmp_path / "zh" / "class_transitions.csv", encoding="utf-8-sig")
    en = pd.read_csv(tmp_path / "en" / "class_transitions.csv", encoding="utf-8-sig")
    assert zh.iloc[:, :2].values.tolist() == [["新进入", "B"], ["A", "退出"]]
    assert en.iloc[:, :2].values.tolist() == [["NEW", "B"], ["A", "GONE"]]


def _workbook(lang: str, label: str) -> openpyxl.Workbook:
    from streamlit.delta_generator import DeltaGenerator

    got = {}
    original = DeltaGenerator.download_button

    def recording(self, text, data, file_name=None, *args, **kwargs):
        got[text] = data
        return original(self, text, data, file_name, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(DeltaGenerator, "download_button", recording)
        at = open_page("pages/efficiency.py", timeout=180, lang=lang)
        assert not at.exception
    data = got[label]
    return openpyxl.load_workbook(io.BytesIO(data() if callable(data) else data), read_only=True)  # rows only


def _column(ws, header: str) -> set[str]:
    rows = list(ws.iter_rows(values_only=True))
    i = list(rows[0]).index(header)
    return {r[i] for r in rows[1:]}


def test_the_evaluation_pages_chinese_workbook_says_xinjinru_and_tuichu():
    wb = _workbook("zh", "下载排名表（Excel）")
    moves = _column(wb["类别转移"], "上年类别") | _column(wb["类别转移"], "本年类别")
    assert {"新进入", "退出"} <= moves and not {"NEW", "GONE"} & moves
    changed = _column(wb["企业变化"], "上年类别") | _column(wb["企业变化"], "本年类别")
    assert {"新进入", "退出"} <= changed and not {"NEW", "GONE"} & changed


def test_the_evaluation_pages_english_workbook_keeps_new_and_gone():
    wb = _workbook("en", "Download ranking (Excel)")
    moves = _column(wb["Transitions"], "Class last year") | _column(wb["Transitions"], "Class this year")
    assert {"NEW", "GONE"} <= moves and not {"新进入", "退出"} & moves

"""A version saved without a year on the 公示与异议 page (walk 11: an import saved with 数据年份
empty): the versions table says — (never "None"), the save form proposes the kind alone as the title
(never "年度评价结果", a title with an empty part), and the downloads are named without empty parts
(``V1_公示.xlsx``, ``V1_公示_异议登记.xlsx``, never ``V1_公示_.xlsx`` or ``V1_公示__异议登记.xlsx``);
in both languages. A version of a year keeps its year in each."""

from __future__ import annotations

import pytest
from streamlit.elements.widgets.button import ButtonMixin

from geo.publication import results, versions
from pages.publication.editor import UNDATED, default_title
from tests.fixtures.app import open_page
from tests.fixtures.publication import enterprises, rules

PAGE = "pages/publication.py"
WORDS = {
    "zh": ("年度", "评价结果", "版本", "公示", "异议登记"),
    "en": ("Year", "Evaluation", "Version", "published", "objections_register"),
}


@pytest.fixture
def downloads(monkeypatch):
    got: dict[str, str] = {}
    button = ButtonMixin.download_button

    def record(self, label, data, *args, **kwargs):
        got[kwargs.get("key", label)] = kwargs.get("file_name", "")
        return button(self, label, data, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", record)
    return got


def _save(store: str, year: int | None, title: str) -> None:
    ents = enterprises()
    results.save_evaluation(
        ents,
        config=rules(),
        layers={"enterprises": ("盛泽七都企业2024", ents)},
        title=title,
        actor="张三",
        year=year,
        store=store,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_version_without_a_year_has_no_empty_part(user_gpkg, downloads, lang):
    store = str(user_gpkg)
    _save(store, None, "年度评价结果")  # as the page proposed it before
    versions.publish_version("V1", start="2026-12-07", end="2026-12-11", actor="张三", store=store)
    year_col, kind, version_col, published, register = WORDS[lang]
    at = open_page(PAGE, timeout=120, lang=lang)
    table = at.dataframe[0].value
    assert table[year_col].tolist() == ["—"]
    assert "None" not in table.astype(str).to_numpy().ravel().tolist()
    assert table.set_index(version_col).loc["V1"].iloc[2] == kind  # the title: the kind alone
    assert downloads["pub_dl_results"] == f"V1_{published}.xlsx"
    assert downloads["pub_dl_register"] == f"V1_{published}_{register}.xlsx"
    # the demo's year proposed in the save form's title, in the page's language
    titles = [i for i in at.text_input if i.key and i.key.startswith("pub_save_title_")]
    assert [i.value for i in titles] == ["Evaluation 2022" if lang == "en" else "2022 年度评价结果"]


def test_the_title_proposed_for_a_table_without_a_year_is_the_kind_alone():
    assert default_title(None, "score", "zh") == "评价结果"
    assert default_title(UNDATED, "land", "en") == "Land list"
    assert default_title(2024, "score", "zh") == "2024 年度评价结果"
    assert default_title(2024, "score", "en") == "Evaluation 2024"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_version_of_a_year_keeps_it_in_its_file_names(user_gpkg, downloads, lang):
    store = str(user_gpkg)
    _save(store, 2024, "2024 年度评价结果")
    year_col, _, _, _, register = WORDS[lang]
    at = open_page(PAGE, timeout=120, lang=lang)
    assert at.dataframe[0].value[year_col].tolist() == ["2024"]
    draft = "草稿" if lang == "zh" else "draft"
    assert downloads["pub_dl_results"] == f"V1_{draft}_2024.xlsx"
    assert downloads["pub_dl_register"] == f"V1_{draft}_2024_{register}.xlsx"

"""The 公示 page names a synthetic demo firm "(synthetic)" in English, as the 公示 workbook and the
亩均 tables do (walk 12: "…有限公司（合成）" on the English page); the Chinese page keeps the name."""

from __future__ import annotations

import pytest

from geo.evaluation import EVALUATION_LABELS, EVALUATION_LABELS_EN
from tests.fixtures.app import open_page
from tests.fixtures.publication import enterprises, save_year

PAGE = "pages/publication.py"
SYNTHETIC = "苏州盛泽恒泰纺织有限公司（合成）"


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "苏州盛泽恒泰纺织有限公司 (synthetic)"), ("zh", SYNTHETIC)]
)
def test_the_results_name_a_synthetic_firm_in_the_pages_language(user_gpkg, lang, name):
    ents = enterprises()
    ents.loc[0, "name"] = SYNTHETIC
    save_year(str(user_gpkg), ents)
    at = open_page(PAGE, timeout=120, lang=lang)
    assert not at.exception, at.exception
    ids = (EVALUATION_LABELS_EN if lang == "en" else EVALUATION_LABELS)["ent_id"]
    table = next(d.value for d in at.dataframe if ids in d.value.columns)
    named = table.set_index(ids).loc["E1"]
    assert name in set(named.astype(str)), named
    assert lang == "zh" or not any("合成" in str(v) for v in table.to_numpy().ravel())

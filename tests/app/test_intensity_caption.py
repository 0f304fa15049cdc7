"""用地强度's caption under the map: the parcel count and the reading note are two sentences, in
either language ("… below the control minimum. Each industrial parcel …", not run together); the
area shown in the two decimals of the page's other areas (walk 19: 「合计 115,446 亩」 right above
「27,922.06 亩」)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import APP

CASES = [
    ("zh", "低于控制下限", "宗。每宗工业用地"),
    ("en", "below the control minimum", "below the control minimum. Each industrial parcel"),
]
AREA = {"zh": r"合计 \d{1,3}(,\d{3})*\.\d\d 亩；", "en": r", \d{1,3}(,\d{3})*\.\d\d mu in all;"}


@pytest.mark.parametrize(("lang", "count_words", "joined"), CASES, ids=[c[0] for c in CASES])
def test_the_parcel_count_and_the_note_are_two_sentences(lang, count_words, joined):
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/intensity.py").run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if count_words in c.value and "EPSG:4549" in c.value)
    assert joined in caption, caption
    assert re.search(AREA[lang], caption), caption

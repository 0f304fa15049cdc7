"""用地强度's caption under the map: the parcel count and the reading note are two sentences, in
either language ("… below the control minimum. Each industrial parcel …", not run together)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import APP

CASES = [
    ("zh", "低于控制下限", "宗。每宗工业用地"),
    ("en", "below the control minimum", "below the control minimum. Each industrial parcel"),
]


@pytest.mark.parametrize(("lang", "count_words", "joined"), CASES, ids=[c[0] for c in CASES])
def test_the_parcel_count_and_the_note_are_two_sentences(lang, count_words, joined):
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/intensity.py").run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if count_words in c.value and "EPSG:4549" in c.value)
    assert joined in caption, caption

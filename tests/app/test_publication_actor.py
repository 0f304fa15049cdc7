"""The 公示与异议 page names a version saved in single-user mode as "single-user mode" on the English
page and 单用户模式 on the Chinese one (issue 23, the walk); the store keeps 单用户模式."""

from __future__ import annotations

import pytest

from geo import ingest
from geo.publication import versions
from geo.storage.changelog import SINGLE_USER_ACTOR
from tests.fixtures import publication
from tests.fixtures.app import open_page

CASES = [("en", "Saved (Beijing time)", "single-user mode"), ("zh", "保存人 · 北京时间", "单用户模式")]


@pytest.mark.parametrize(("lang", "column", "who"), CASES, ids=[c[0] for c in CASES])
def test_the_versions_table_names_single_user_mode_in_the_pages_language(
    tmp_path, monkeypatch, lang, column, who
):
    store = str(tmp_path / "user" / "atlas_user.gpkg")
    monkeypatch.setenv(ingest.USER_GPKG_ENV, store)
    monkeypatch.setattr(publication, "EDITOR", SINGLE_USER_ACTOR)  # saved as the page saves it
    publication.save_year(store)
    assert versions.get_version("V1", store=store).created_by == "单用户模式"
    at = open_page("pages/publication.py", timeout=120, lang=lang)
    table = at.dataframe[0].value
    assert table[column].str.split(" · ").str[0].tolist() == [who]

"""The 数据管理 change log names the atlas's own actors in the page's language (issue 23, the walk:
"单用户模式" as the actor on English pages): single-user mode, the command line's suffix and the
upgrade import in English; a person's name exactly as stored; the store keeps the Chinese."""

from __future__ import annotations

import pytest

from geo import ingest
from geo.storage import audit
from geo.storage.changelog import MIGRATION_ACTOR, SINGLE_USER_ACTOR
from tests.fixtures.app import change_log, open_page

ACTORS = [SINGLE_USER_ACTOR, "root（命令行）", MIGRATION_ACTOR, "张三"]


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "user" / "atlas_user.gpkg"
    monkeypatch.setenv(ingest.USER_GPKG_ENV, str(path))
    for who in ACTORS:
        audit.record_change("config_saved", user=who, title="2026 公示版", store=path)
    return path


def _who(lang: str, header: str) -> list[str]:
    at = open_page("pages/data.py", timeout=180, lang=lang)
    log = change_log(at)
    return log[header].tolist()[::-1]  # newest first on the page


def test_the_english_change_log_names_single_user_mode_in_english(store):
    assert _who("en", "Who") == [
        "single-user mode",
        "root (command line)",
        "system (old data imported on upgrade)",
        "张三",
    ]
    assert audit.audit_log(store=store)["user_name"].tolist()[::-1] == ACTORS  # stored as they were


def test_the_chinese_change_log_shows_the_stored_names(store):
    assert _who("zh", "操作人") == ACTORS

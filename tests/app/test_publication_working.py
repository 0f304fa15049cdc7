"""walk10's finding 5: 重新评价 (and 存为草稿) said nothing for seconds while the page greyed out; now
a spinner with words (and the time taken) runs by the button while the action works."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from geo.messages import t
from pages.publication import actions


class _Rerun(Exception):
    pass


def test_a_slow_action_says_what_it_is_doing_while_it_runs(monkeypatch):
    seen: list[tuple[str, bool, str]] = []
    state: dict = {}

    @contextmanager
    def spinner(text, *, show_time=False):
        seen.append((text, show_time, "open"))
        yield
        seen.append((text, show_time, "closed"))

    def action() -> str:
        assert seen == [(t("pub.re.working", "zh"), True, "open")]  # shown while the action runs
        return "已存为 V2"

    monkeypatch.setattr(actions.st, "spinner", spinner)
    monkeypatch.setattr(actions.st, "session_state", state)
    monkeypatch.setattr(actions.st, "rerun", lambda: (_ for _ in ()).throw(_Rerun()))
    with pytest.raises(_Rerun):
        actions.act(action, "again", working=t("pub.re.working", "zh"))
    assert seen[-1] == (t("pub.re.working", "zh"), True, "closed")
    assert (state[actions.FLASH]["at"], state[actions.FLASH]["text"]) == (
        "again",
        "已存为 V2",
    )  # shown by the button
    assert t("pub.re.working", "zh").startswith("正在重新评价")
    assert t("pub.re.working", "en").startswith("Evaluating again")


def test_a_rerun_asked_for_while_a_slow_action_ran_keeps_its_success(monkeypatch):
    """A full run: V1 saved, 「已保存为 V1…」 never shown. The browser asked for a rerun while the
    17,063 enterprises were saved; Streamlit stops the script at the next element drawn, the
    spinner's own end, so a success kept only after the spinner was lost with the action done."""
    state: dict = {}

    @contextmanager
    def spinner(text, *, show_time=False):
        yield
        raise _Rerun()  # the script stopped as the spinner clears its place

    monkeypatch.setattr(actions.st, "spinner", spinner)
    monkeypatch.setattr(actions.st, "session_state", state)
    with pytest.raises(_Rerun):
        actions.act(lambda: "已保存为 V1", "save", working=t("pub.save.working", "zh"))
    assert state[actions.FLASH] == {"at": "save", "text": "已保存为 V1"}  # shown by the next run

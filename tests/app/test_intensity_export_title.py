"""用地强度's downloads (the briefing PNG first) are titled with the indicator the map is coloured
by (the new-user walk 7: the PNG read "吴江区用地强度（亩均效益）" over a map of 容积率), in both
languages: the parcels' view (容积率 / FAR by default) and the towns' view (its indicator)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import APP


def _file_names(lang: str, view: str) -> dict[str, str]:
    """The map export's button key -> file name on the page in ``lang``, in ``view``."""
    from streamlit.delta_generator import DeltaGenerator

    seen: dict[str, str] = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        if str(kwargs.get("key", "")).startswith(("parcel_map_export", "intensity_map_export")):
            seen[kwargs["key"]] = file_name
        return original(self, label, data, file_name, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(DeltaGenerator, "download_button", recording)
    try:
        at = AppTest.from_file(str(APP), default_timeout=240)
        at.session_state["lang"] = lang
        at.session_state["int_view"] = view
        at.run()
        at.switch_page("pages/intensity.py").run()
        assert not at.exception, at.exception
    finally:
        mp.undo()
    return seen


@pytest.mark.parametrize(
    ("lang", "view", "title"),
    [
        ("zh", "parcels", "吴江区用地强度（容积率）"),
        ("en", "parcels", "Wujiang_land-use_intensity_(FAR)"),
        ("zh", "zones", "吴江区用地强度（亩均税收）"),
        ("en", "zones", "Wujiang_land-use_intensity_(Tax_per_mu)"),
    ],
)
def test_the_briefing_png_names_the_indicator_shown(lang, view, title):
    names = _file_names(lang, view)
    png = [n for k, n in names.items() if k.endswith("_png")]
    assert png and all(n.startswith(title) for n in png), names

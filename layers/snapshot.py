"""The map button that saves the current view as a PNG in the browser (its JavaScript is the static
file ``static/js/atlas_snapshot.js``)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template

from geo.messages import Lang, t
from geo.messages.formats import beijing_today

SNAPSHOT_JS = Path(__file__).resolve().parent.parent / "static" / "js" / "atlas_snapshot.js"


class SnapshotControl(MacroElement):
    """A map button that saves the current view as a PNG, as the user sees it, in the browser.

    The PNG holds the basemap tiles (re-fetched with CORS; tiles whose server refuses are left
    out and the footer says so), every overlay (canvas, SVG, marker images), the legend, the
    scale bar, a north arrow, the title, the date and the "示意图" note. Needs no plugin or CDN,
    so it works in the app's iframe and in the offline HTML export.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .atlas-snapshot a { font: 600 16px/30px sans-serif; text-align: center; cursor: pointer; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.script_js }}
        atlasSnapshot({{ this._parent.get_name() }}, {{ this.options | tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, *, title: str = "", lang: Lang = "zh", when: date | datetime | None = None) -> None:
        super().__init__()
        self._name = "AtlasSnapshot"
        self.script_js = SNAPSHOT_JS.read_text(encoding="utf-8")
        stamp = (when or beijing_today()).strftime("%Y-%m-%d")
        zh = lang == "zh"
        stem = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_.") or "atlas"
        self.options = {
            "title": title,
            "filename": f"{stem}_截图.png" if zh else f"{stem}_snapshot.png",
            "button": "保存当前视图为 PNG（截图）" if zh else "Save this view as PNG",
            "disclaimer": t("app.disclaimer", lang),
            "date": ("截图日期：" if zh else "Snapshot: ") + stamp,
            "north": "北" if zh else "N",
            "tiles_missing": "部分底图瓦片因跨域限制或离线未能包含"
            if zh
            else "some basemap tiles could not be included",
        }

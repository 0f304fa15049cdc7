"""Wujiang's industrial carriers named in the Wujiang plan (吴江“十四五”工业规划), as schematic points."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from geo.messages import Lang
from layers.base import Field, Layer, highlight_industry

COLOR = "#8c2d04"
HIGHLIGHT = "#d7301f"
MUTED = "#8d8d8d"

TOP_PANE = "atlasTop"  # above the overlay pane (400) and the enterprise points' canvas


class _OnTopPane(MacroElement):
    """Draws the parent group's shapes with SVG in a pane above the enterprise points.

    SVG only catches the mouse on drawn shapes, so clicks elsewhere still reach the 区镇 below.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          var map = {{ this._parent._parent.get_name() }};
          if (!map.getPane('{{ this.pane }}')) { map.createPane('{{ this.pane }}').style.zIndex = 460; }
          var renderer = L.svg({pane: '{{ this.pane }}'});
          group.eachLayer(function (child) {
            (child.eachLayer ? child : L.layerGroup([child])).eachLayer(function (l) {
              l.options.pane = '{{ this.pane }}';
              l.options.renderer = renderer;
            });
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, pane: str) -> None:
        super().__init__()
        self._name = "OnTopPane"
        self.pane = pane


@dataclass(frozen=True)
class CarrierLayer(Layer):
    """A point layer drawn above the enterprise points (see :class:`_OnTopPane`)."""

    def to_folium(
        self, gdf: gpd.GeoDataFrame, *, lang: Lang = "zh", gcj02: bool = False
    ) -> folium.FeatureGroup:
        group = super().to_folium(gdf, lang=lang, gcj02=gcj02)
        group.add_child(_OnTopPane(TOP_PANE))
        return group


LAYER = CarrierLayer(
    name="carrier_parks",
    source="carrier_parks",
    title_zh="吴江产业载体（示意点位）",
    title_en="Wujiang carrier parks (schematic)",
    group="规划布局",
    kind="point",
    color=COLOR,
    radius=7.0,
    weight=1.5,
    fill_opacity=0.9,
    tooltip_fields=(
        Field("name", "载体", "Carrier", names="place"),
        Field("town", "所在区镇", "Town/zone", names="place"),
        Field("industries", "产业", "Industries", names="industries"),
    ),
)


def for_industry(industry: str | None) -> Layer:
    """The layer with the carriers of ``industry`` highlighted (the plain layer for None)."""
    return highlight_industry(
        LAYER,
        industry,
        column="industries",
        on=HIGHLIGHT,
        off=MUTED,
        label_on="layer.carriers_of",
        label_off="layer.other_carriers",
        opacity_on=0.35,
        opacity_off=0.25,
    )

"""The briefing's place labels keep clear of the north arrow and the scale bar and stay inside the
map's frame, away from the legend beside it (issue 23 item 6: a long place label ran into the north
arrow of the 两轴三带 PNG). Checked on the boxes matplotlib's renderer gives, not on pixels."""

from __future__ import annotations

import geopandas as gpd
import shapely

from geo.exports import briefing
from geo.storage.provenance import LegendEntry, Provenance

LONG = "Taicang Port Economic and Technological Development Zone"


def _figure(names_boxes: dict[str, tuple[float, float, float, float]], lang: str = "en"):
    frame = gpd.GeoDataFrame(
        {"name": list(names_boxes)},
        geometry=[shapely.box(*b) for b in names_boxes.values()],
        crs="EPSG:4326",
    )
    prov = Provenance(source="test", accuracy="schematic", licence="", note="")
    return briefing.briefing_figure(
        "Labels",
        {"Zones": frame},
        {"Zones": [LegendEntry("Zones", "#3366cc", "fill", 0.3)]},
        {"Zones": prov},
        lang=lang,
        paper="screen",
    )


def _boxes(fig):
    """The map's place labels, its marks (scale bar, north arrow), its frame and the legend's box."""
    renderer = fig.canvas.get_renderer()
    ax, legend = fig.axes[0], fig.axes[1]
    labels = {t.get_text(): t.get_window_extent(renderer) for t in ax.texts if t.get_zorder() == 20}
    marks = [a.get_window_extent(renderer) for a in [*ax.texts, *ax.patches] if a.get_zorder() >= 30]
    return labels, marks, ax.get_window_extent(renderer), legend.get_window_extent(renderer)


def _inside(outer, inner) -> bool:
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


# A view about 80 x 60 km (the map's own shape), filled by one zone; the others in its corners.
BASE = (120.30, 31.00, 121.14, 31.54)


def test_no_label_runs_into_the_north_arrow_the_scale_bar_or_the_legend():
    fig = _figure(
        {
            "Base zone": BASE,
            LONG: (121.06, 31.47, 121.14, 31.54),  # the north-east corner, under the arrow
            "Wujiang Economic and Technological Development Zone": (120.30, 31.00, 120.40, 31.06),
            "Kunshan Economic and Technological Development Zone": (121.04, 31.20, 121.14, 31.26),
        }
    )
    labels, marks, frame, legend = _boxes(fig)
    assert "Base zone" in labels  # labels are drawn: the test looks at real ones
    assert len(marks) == 3 + 8  # the arrow: two halves and N; the bar: 4 cells, 3 figures, its unit
    for text, box in labels.items():
        assert not any(box.overlaps(m) for m in marks), text
        assert _inside(frame, box), text
        assert not box.overlaps(legend), text


def test_a_label_under_the_arrow_moves_below_it_when_its_place_allows():
    """A zone in the north-east corner whose middle lies under the arrow: labelled lower down in it
    (its label there overlapped the arrow)."""
    fig = _figure({"Base zone": BASE, "East": (121.08, 31.44, 121.14, 31.54)})
    labels, marks, frame, _ = _boxes(fig)
    assert "East" in labels
    assert not any(labels["East"].overlaps(m) for m in marks)
    arrow_bottom = min(m.y0 for m in marks if m.y0 > frame.y0 + frame.height / 2)
    assert labels["East"].y1 < arrow_bottom


def test_the_north_arrow_stands_where_it_hides_no_point():
    """Walk16 item 13: the CLI PNG drew the north arrow over a firm in the map's upper right. A point
    under the arrow's first place: the arrow stands in the next free one, over no marker."""
    from matplotlib.transforms import Bbox

    from geo.exports.label_places import marker_boxes

    zones = gpd.GeoDataFrame({"name": ["Base zone"]}, geometry=[shapely.box(*BASE)], crs="EPSG:4326")
    # the north-east corner of the view (4 % margin): where the arrow stood
    firms = gpd.GeoDataFrame(
        {"name": ["NE", "SW"]},
        geometry=[shapely.Point(121.13, 31.51), shapely.Point(120.5, 31.2)],
        crs="EPSG:4326",
    )
    prov = Provenance(source="test", accuracy="schematic", licence="", note="")
    fig = briefing.briefing_figure(
        "Arrow",
        {"Zones": zones, "Firms": firms},
        {
            "Zones": [LegendEntry("Zones", "#3366cc", "fill", 0.3)],
            "Firms": [LegendEntry("Firms", "#cc0000", "point", 1)],
        },
        {"Zones": prov, "Firms": prov},
        lang="en",
        paper="screen",
    )
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    arrow = [a.get_window_extent(renderer) for a in [*ax.texts, *ax.patches] if a.get_zorder() == 31]
    assert len(arrow) == 3  # two halves and N, drawn once
    markers = marker_boxes(ax)
    assert len(markers) == 2
    for box in arrow:
        assert not any(box.overlaps(Bbox.from_extents(*m)) for m in markers), box
    frame = ax.get_window_extent(renderer)
    assert all(_inside(frame, Bbox.from_extents(*m)) for m in markers)  # no point on the frame

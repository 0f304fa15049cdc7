"""The on-screen legend says a layer's accuracy as the briefing PNG does (issue 23, walk8: the
Leaflet legend read "县级行政区 [真实]" and "吴江企业（合成，按产业着色） [合成]" where the PNG reads
"县级行政区（真实）" and the enterprises' title alone): one form, the catalogue's, in both languages."""

from __future__ import annotations

import re

import pytest

from geo.exports.briefing import legend_headings
from geo.storage.provenance import LegendEntry, Provenance
from layers.mapview import legend_html

LAYERS = {
    "zh": [
        ("县级行政区", "real"),
        ("吴江企业（合成，按产业着色）", "synthetic"),
        ("产业集群布局", "transcribed"),
    ],
    "en": [
        ("Districts", "real"),
        ("Wujiang enterprises (synthetic, by industry)", "synthetic"),
        ("Axes", "schematic"),
    ],
}
EXPECTED = {
    "zh": ["县级行政区（真实）", "吴江企业（合成，按产业着色）", "产业集群布局（转录）"],
    "en": ["Districts (real)", "Wujiang enterprises (synthetic, by industry)", "Axes (schematic)"],
}


def _screen_headings(html: str) -> list[str]:
    """The legend's layer headings as a reader sees them (the tags taken out)."""
    rows = re.findall(r'<div style="margin-top:4px">(.*?)</div>', html)
    return [re.sub(r"<[^>]+>", "", row).replace("&amp;", "&") for row in rows]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_screen_legend_says_the_accuracy_as_the_png_does(lang):
    provenance = {title: Provenance(accuracy, "src") for title, accuracy in LAYERS[lang]}
    sections = [(title, provenance[title], [LegendEntry(title, "#123456")]) for title, _ in LAYERS[lang]]
    screen = _screen_headings(legend_html(sections, lang=lang))
    png = legend_headings(dict.fromkeys(provenance), provenance, lang=lang)
    assert screen == png == EXPECTED[lang]
    assert "[" not in "".join(screen)


def test_a_title_in_the_legend_is_escaped():
    html = legend_html([('<img src=x onerror="alert(1)">', Provenance("real", "s"), [])], lang="zh")
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html

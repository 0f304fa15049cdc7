"""Where a layer comes from and how exact it is, and the legend rows that say it on maps and exports."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from geo.messages import MESSAGES, Lang, message

# (中文, English) for each accuracy class (docs/domain.md §6), most exact first (the words:
# geo/messages/record_labels.py).
ACCURACY_LABEL: dict[str, tuple[str, str]] = {
    accuracy: (message(f"storage.accuracy.{accuracy}", "zh"), message(f"storage.accuracy.{accuracy}", "en"))
    for accuracy in ("real", "transcribed", "schematic", "synthetic")
}


def accuracy_label(accuracy: str, lang: Lang) -> str:
    """The accuracy class in the UI language (an unknown class is shown as given)."""
    return message(f"storage.accuracy.{accuracy}", lang) if accuracy in ACCURACY_LABEL else accuracy


# the built-in layers' citations as stored -> their English rendering (geo/messages/cited_sources.py);
# a citation with {fields} (the city demo's seed and size) is matched as a pattern
_CITED = {zh: en for key, (zh, en) in MESSAGES.items() if key.startswith("source.")}
_CITED_EN = {zh: en for zh, en in _CITED.items() if "{" not in zh}
_CITED_PATTERNS = [
    (re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(zh)) + "$"), en)
    for zh, en in _CITED.items()
    if "{" in zh
]


def source_label(source: str, lang: Lang) -> str:
    """A layer's source in ``lang``: a built-in layer's citation in English on an English page (the
    catalogue's rendering); any other source (a user's own) as given."""
    if lang != "en":
        return source
    if source in _CITED_EN:
        return _CITED_EN[source]
    for pattern, english in _CITED_PATTERNS:
        found = pattern.match(source)
        if found:
            return english.format(**found.groupdict())
    return source


_LICENCES_EN = {zh: en for key, (zh, en) in MESSAGES.items() if key.startswith("licence.")}


def licence_label(licence: str, lang: Lang) -> str:
    """A layer's licence in ``lang``: a built-in layer's (本项目, 公开规划文件) in English on an English
    page and file; any other licence (a user's own, "MIT") as given."""
    return _LICENCES_EN.get(licence, licence) if lang == "en" else licence


def titled_accuracy(title: str, accuracy: str, lang: Lang) -> str:
    """A layer's title with its accuracy class said once and one way: "Two axes (schematic)" stays
    as it is, "Districts" becomes "Districts (real)", "预警企业" "预警企业（合成）" (the title does not
    name the class; said as the titles that name it, never "[合成]" beside "（合成）")."""
    label = accuracy_label(accuracy, lang)
    if label and label.casefold() in title.casefold():
        return title
    return message("storage.accuracy.titled", lang, title=title, label=label)


@dataclass(frozen=True)
class Provenance:
    """Where a layer comes from and how exact it is (real / transcribed / schematic / synthetic)."""

    accuracy: str
    source: str
    licence: str = ""
    note: str = ""

    @classmethod
    def from_metadata(cls, meta: pd.DataFrame, layer: str) -> Provenance:
        """Look a layer up in the GeoPackage's ``layer_metadata`` table (indexed by layer)."""
        # Cell by cell: ``meta.loc[layer]`` builds a whole row of mixed types (a few ms on every run
        # of every page that draws a layer). A layer not in the table raises KeyError, as before.
        note = meta.at[layer, "note"] if "note" in meta.columns else ""
        return cls(
            accuracy=meta.at[layer, "accuracy"],
            source=meta.at[layer, "source"],
            licence=meta.at[layer, "licence"] or "",
            note=note if isinstance(note, str) else "",
        )


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend: a swatch (fill, line or point), its colour and its label (with units)."""

    label: str
    color: str
    kind: str = "fill"  # "fill" | "line" | "point"
    fill_opacity: float = 0.35
    # a point layer's points against the standard point, in diameter (the 亩均 warnings: a larger
    # purple point under the class points, which reads as a ring on screen and on paper alike)
    point_scale: float = 1.0
    # an unfilled polygon layer's edge on paper and in its swatch, in points; 0: the standard edge
    # (the districts' and 区镇's outlines under a user's zones, told apart by weight: walk19)
    line_width: float = 0.0
